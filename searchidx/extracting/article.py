"""Page -> Article: each field read by its own small pure function, most reliable evidence first.

Every field is a cascade in the style of trafilatura's ``metadata.py``: the strongest evidence is
tried first and a weaker rule only runs when the stronger ones found nothing. Each lives in its
own module:

- :mod:`~searchidx.extracting.title`: the headline without the site's name;
- :mod:`~searchidx.extracting.published`: the publication date, in its time zone (parsers and zone
  tables in :mod:`~searchidx.extracting.dates`);
- :mod:`~searchidx.extracting.source`: the agency or publisher;
- :mod:`~searchidx.extracting.dateline`: the place the story was filed from;
- speakers: :mod:`searchidx.extracting.speakers`, then a bare surname the page's creator field or title
  spells out in full ("Price" -> "Ned Price", "Department Spokesperson") takes that name.

All functions are pure and use precompiled patterns, so extraction costs well under a
millisecond for a short wire story.
"""

from __future__ import annotations

from ..models import Article, Page
from .dateline import extract_dateline
from .published import extract_date
from .source import extract_source, page_url
from .speakers import extract_speakers, speakers_of
from .title import extract_title

def extract(page: Page) -> Article:
    """Read the article's fields out of a cleaned page."""
    source = extract_source(page)
    title = extract_title(page)
    statements = extract_speakers(page, title)
    return Article(
        path=page.path,
        body=page.body,
        title=title,
        date=extract_date(page, source),
        source=source,
        dateline=extract_dateline(page),
        speakers=speakers_of(statements),
        statements=statements,
        url=page_url(page),
        record=page.record,
    )
