"""Stage 3, extracting: a :class:`~searchidx.models.Page` -> an :class:`~searchidx.models.Article`.

``article`` runs the cascade, one module per field, each read from the most reliable evidence
first: ``title``, ``published`` (the date; ``dates`` reads written dates and times in their
zones), ``source``, ``dateline``; ``speakers`` finds who said what.
"""

from .article import extract

__all__ = ["extract"]
