"""Page -> Article: title, date, source, dateline and speakers, each read by a small pure function.

(Placeholder: the real extractor replaces this.)
"""

from __future__ import annotations

from .models import Article, Page
from .speakers import extract_statements, speakers_of


def extract(page: Page) -> Article:
    """Read the article's fields out of a cleaned page."""
    statements = extract_statements(page.body)
    return Article(
        path=page.path,
        body=page.body,
        title=page.title,
        speakers=speakers_of(statements),
        statements=statements,
        url=page.url,
    )
