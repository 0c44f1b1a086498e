"""Stage 3, extracting: a :class:`~searchidx.models.Page` -> an :class:`~searchidx.models.Article`.

``article`` runs the cascade (title, date, source, dateline, speakers), each field read from
the most reliable evidence first; ``dates`` reads written dates and times in their zones;
``speakers`` finds who said what.
"""

from .article import extract

__all__ = ["extract"]
