"""Stage 2, cleaning: a raw page -> :class:`~searchidx.models.Page` (article text, with what the page's head says kept aside).

``page`` applies the line rules (``lines``) to text pages, JSONL records and, through
``html``, saved web pages: navigation and footers are dropped, "Updated: ... Xinhua" style
info lines are kept aside in ``Page.info`` for the extractor, and the page's metadata
(``<meta>``, ``<time>``, JSON-LD, JSONL keys, date lines under the headline) is kept in
``Page.meta``. ``dump`` first cuts a whole page saved as one line of text back into its parts.
"""

from .page import clean, clean_body, clean_record

__all__ = ["clean", "clean_body", "clean_record"]
