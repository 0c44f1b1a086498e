"""Stage 2, cleaning: a raw page -> :class:`~searchidx.models.Page` (article text, with what the page's head says kept aside).

``page`` applies the line rules (``lines``) to text dumps, JSONL records and, through
``html``, saved web pages: navigation and footers are dropped, "Updated: ... Xinhua" style
info lines are kept aside in ``Page.info`` for the extractor, and the page's metadata
(``<meta>``, ``<time>``, JSON-LD, JSONL keys) is kept in ``Page.meta``.
"""

from .page import clean, clean_body, clean_record

__all__ = ["clean", "clean_body", "clean_record"]
