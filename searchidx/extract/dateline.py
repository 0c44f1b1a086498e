"""Page -> dateline: the place a story was filed from.

A place the page itself gives (a Kremlin page's place line, an element the site marks as the
dateline) comes first; then a wire dateline opening the body ("BEIJING, Feb. 15 (Xinhua) --",
"MUNICH —", "MOSCOW, June 5. /TASS/."). A dateline is never invented: a shouted headline
before a dash is no place.
"""

from __future__ import annotations

import re

from ..models import Page

PLACE_KEYS: tuple[str, ...] = ("place", "dateline", "location")
# Place lines that say how, not where: "Via Teleconference".
NOT_PLACES = re.compile(r"^(?:Via\b|By (?:video|phone|tele)|Virtual|Online|Teleconference)", re.I)
# How many leading paragraphs may hold the wire dateline (a photo caption can come first).
DATELINE_PARAGRAPHS = 3
# A dateline without a date or agency is a short place; a longer capitalised run is a headline.
MAX_BARE_PLACE_WORDS = 4
DATELINE_WINDOW = 200

# Wire datelines: "BEIJING, Feb. 15 (Xinhua) --", "ROCHESTER, N.Y., March 3 -", "MUNICH —",
# "MOSCOW, June 5. /TASS/.". The place is up to five words, plus up to two ", Region" parts.
_W = r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ.'’&/-]*"
_MONTH_WORD = r"(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?"
_NOT_MONTH = r"(?!" + _MONTH_WORD + r"(?:\s*\d|\s*[-—–(]))"
# "March 3", "Feb. 15, 2020", "15 Feb", "April"; a misspelt month ("Narch 2") still has its day.
_DATE_PART = (
    r"(?:" + _MONTH_WORD + r"(?:\s*\d[\dO]{0,2})?(?:,?\s*\d{4})?"
    r"|\d{1,2}\s+" + _MONTH_WORD + r"(?:\s+\d{4})?"
    r"|[A-Za-z]{3,9}\.?\s*\d{1,2}\b)"
)
DATELINE = re.compile(
    r"^[\s*•·]*(?P<place>" + _W + r"(?:\s+" + _NOT_MONTH + _W + r"){0,4}"
    r"(?:\s*,[.,]?\s*" + _NOT_MONTH + _W + r"(?:\s+" + _NOT_MONTH + _W + r"){0,3}){0,2})"
    r"(?:(?:\s*,[.,]?\s*|\s+)(?P<date>" + _DATE_PART + r"))?\.?"
    r"(?:,?\s*(?:\((?P<agency>[^()]{2,40})\)|/(?P<agency2>[A-Za-z -]{2,20})/))?"
    r"(?:,\s*(?P<sig>Reuters?))?"
    r",?\s*(?:-{1,3}|—|–|―|(?<=/)\.?)(?=\s|$)"
)


def _norm(text: str) -> str:
    """White space collapsed."""
    return " ".join(text.split())


def match_dateline(paragraph: str) -> re.Match[str] | None:
    """The wire dateline at the start of a paragraph, if it has one.

    A place followed by a date or an agency is a dateline; without them, only a short place in
    capitals ("MUNICH —", "NEWPORT NEWS, Va. -") is, not a shouted headline before a dash.
    """
    m = DATELINE.match(paragraph[:DATELINE_WINDOW])
    if m is None:
        return None
    if m.group("date") or m.group("agency") or m.group("agency2"):
        return m
    place = m.group("place")
    letters = [c for c in place.split()[0].split(",")[0] if c.isalpha()]
    shouting = len(letters) >= 2 and all(c.isupper() for c in letters)
    return m if shouting and len(place.split()) <= MAX_BARE_PLACE_WORDS else None


def first_paragraphs(body: str) -> list[str]:
    """The leading paragraphs where a dateline may stand."""
    return body.split("\n\n", DATELINE_PARAGRAPHS)[:DATELINE_PARAGRAPHS]


def extract_dateline(page: Page) -> str | None:
    """The place the story was filed from: the page's place line, then the body's wire dateline."""
    for value in page.meta_values(*PLACE_KEYS):
        place = _norm(value)
        if place and not NOT_PLACES.match(place):
            return place
    for paragraph in first_paragraphs(page.body):
        m = match_dateline(paragraph)
        if m:
            return _norm(m.group("place")).rstrip(",")
    return None
