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

from dataclasses import replace

from ..models import Article, Page, Statement
from .dateline import extract_dateline
from .published import extract_date
from .source import extract_source, page_url
from .speakers.names import PERSONAL_HONORIFICS, common_words, fold, full_names_in
from .speakers import extract_statements, speakers_of
from .title import extract_title

# Metadata that names the page's own speakers in full: a State Department release's creator
# ("Ned Price, Department Spokesperson"). Not "author": a news story's author is its reporter.
NAME_HINT_KEYS: tuple[str, ...] = ("creator",)


def name_hints(page: Page, title: str | None) -> list[str]:
    """Page metadata and title that may spell out the speakers' full names and roles."""
    return page.meta_values(*NAME_HINT_KEYS) + ([title] if title else [])


def canonical_speakers(statements: tuple[Statement, ...], hints: list[str], body: str = "") -> tuple[Statement, ...]:
    """Statements whose short speaker name ("Price", "Blinken") is spelt out in full by the page's
    ``hints`` take that full name ("Ned Price", "Antony J. Blinken") and its role; a name two
    different people in the hints share is left alone. Given with the ``body``, a fuller form
    whose added words the body uses in lower case ("Meeting Putin" in a title-case headline) is
    no name."""
    fuller: dict[str, tuple[str, str]] = {}
    common: set[str] | None = None
    for name in dict.fromkeys(s.speaker for s in statements):
        found = full_names_in(hints, name)
        if found and body:
            common = common if common is not None else common_words(body)
            found = {full: role for full, role in found.items()
                     if not any(fold(w) in common for w in full.split() if w not in name.split())}
        if len(found) == 1:
            fuller[name] = next(iter(found.items()))
    if not fuller:
        return statements
    return tuple(
        replace(s, speaker=fuller[s.speaker][0], role=_fuller_role(s.role, fuller[s.speaker][1]))
        if s.speaker in fuller else s
        for s in statements
    )


def _fuller_role(role: str | None, hinted: str) -> str | None:
    """The hint's role when the text gave none, an honorific ("Mr"), or a part of it ("Secretary")."""
    if not hinted:
        return role
    words = {w.lower().rstrip(".") for w in (role or "").split()}
    if not words or words <= PERSONAL_HONORIFICS or words <= {w.lower() for w in hinted.split()}:
        return hinted
    return role


def extract(page: Page) -> Article:
    """Read the article's fields out of a cleaned page."""
    source = extract_source(page)
    title = extract_title(page)
    statements = canonical_speakers(extract_statements(page.body), name_hints(page, title), page.body)
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
