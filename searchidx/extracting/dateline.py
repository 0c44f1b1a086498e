"""Page -> dateline: the place a story was filed from.

A cascade, as a reader finds it: a place the page itself gives (a Kremlin page's place line,
an element the site marks as the dateline, "21 October 2025 • Duqm, Oman" less its date, the
JSON-LD ``dateline``); then a wire dateline opening the body ("BEIJING, Feb. 15 (Xinhua) --",
"MEXICO CITY (AP) —", "MUNICH —", "MOSCOW, June 5. /TASS/.", "NEW DELHI:"); then an agency's
byline with its place ("Associated Press in Valencia", "AFP, MANILA"). A dateline is never
invented: a shouted headline before a dash, a transcript's "CCTV:" or a label ("WATCH:") is no
place, nor is a reporter's own byline.
"""

from __future__ import annotations

import re

from ..models import Page
from ..places import DEMONYMS
from .agencies import agency_in
from .dates import month_day, read_stamp

PLACE_KEYS: tuple[str, ...] = ("place", "dateline", "location")
# Elements the site marks as the dateline, and schema.org's dateline: a place, often with a date.
DATELINE_TEXT_KEYS: tuple[str, ...] = ("dateline_text", "jsonld:dateline")
BYLINE_KEYS: tuple[str, ...] = ("byline",)
# Place lines that say how, not where: "Via Teleconference".
NOT_PLACES = re.compile(r"^(?:Via\b|By (?:video|phone|tele)|Virtual|Online|Teleconference)", re.I)
# How many leading paragraphs may hold the wire dateline (a photo caption can come first).
DATELINE_PARAGRAPHS = 3
# A dateline without a date or agency is a short place; a longer capitalised run is a headline.
MAX_BARE_PLACE_WORDS = 4
DATELINE_WINDOW = 200

# "NEW DELHI: Text" or "NEW DELHI:" alone: a place in capitals before a colon, in the first
# paragraph only. Labels written the same way are not places.
COLON_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2})\s?:(?:\s|$)")
# Words of labels and of speakers' names in transcripts ("SECRETARY BLINKEN:", "MR PRICE:").
NOT_COLON_PLACE_WORDS = frozenset({
    "UPDATE", "UPDATED", "BREAKING", "NEWS", "EXCLUSIVE", "WATCH", "LISTEN", "READ", "MORE", "ANALYSIS", "OPINION",
    "EDITORIAL", "COMMENT", "NOTE", "EDITOR'S", "EDITOR’S", "PHOTO", "PHOTOS", "VIDEO", "LIVE", "CORRECTION",
    "CLARIFICATION", "WARNING", "QUESTION", "ANSWER", "ALSO", "RELATED", "SEE", "POLL", "FACT", "CHECK", "TRANSCRIPT",
    "INTERVIEW", "REVIEW", "SUMMARY", "KEY", "POINTS", "DISCLAIMER", "ADVERTISEMENT", "FOLLOW-UP", "SPOKESPERSON",
    "SPOKESMAN", "SPOKESWOMAN", "MODERATOR", "OPERATOR", "PARTICIPANT", "PRESIDENT", "SECRETARY", "MINISTER",
    "AMBASSADOR", "CHAIRMAN", "SENATOR", "GENERAL", "MR", "MR.", "MS", "MS.", "MRS", "MRS.", "DR", "DR.",
})
MIN_COLON_PLACE_LETTERS = 4
# A transcript labels its turns ("Q:", "CCTV:", "Hua Chunying:"): a page with this many labelled
# paragraphs among its first ones has no colon dateline.
_TURN_LABEL = re.compile(r"^[A-Z][\w.'’ -]{0,40}:\s")
TRANSCRIPT_LABELS = 2
TRANSCRIPT_WINDOW = 12
# A place as a site's dateline element or a byline writes it: a few capitalised words, then
# maybe ", Region" ("Duqm, oman", "Valencia", "NEW YORK").
_PLACE = re.compile(r"^[A-Z][\w.'’&-]*(?: (?:[A-Z][\w.'’&-]*|of|de|la|el|al|upon|on))*(?:, ?[\w.'’& -]{2,30})?$")
MAX_PLACE_WORDS = 5
# What a dateline element holds besides the place: separators, labels, relative dates.
_DATELINE_PARTS = re.compile(r"\s*[•·|/—–]\s*|\s+-\s+")
_NOT_PLACE_WORDS = re.compile(r"\d|\b(?:ago|updated|published|posted|by|min|mins|read|hours?|days?)\b", re.I)
# Agency bylines with a place: "Associated Press in Valencia", "Staff and agencies in Beijing", "AFP, MANILA".
BYLINE_PLACE = re.compile(r"^(?P<who>.{2,60}?)(?: in |, ?)(?P<place>[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,2})$")
MAX_BYLINE_CHARS = 60
AGENCY_WORDS = re.compile(r"\bagenc(?:y|ies)\b|\bwires?\b", re.I)

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


def _is_transcript(body: str) -> bool:
    """Whether the body's first paragraphs are labelled turns of speech ("Q:", "CCTV:")."""
    paragraphs = body.split("\n\n", TRANSCRIPT_WINDOW)[:TRANSCRIPT_WINDOW]
    return sum(1 for p in paragraphs if _TURN_LABEL.match(p)) >= TRANSCRIPT_LABELS


def colon_dateline(body: str) -> str | None:
    """The place of a "NEW DELHI: Text" dateline opening the body, if it has one."""
    m = COLON_DATELINE.match(body)
    if m is None:
        return None
    place = m.group("place")
    words = place.split()
    if (sum(c.isalpha() for c in place) < MIN_COLON_PLACE_LETTERS or agency_in(place)
            or any(w in NOT_COLON_PLACE_WORDS or w.lower() in DEMONYMS for w in words) or _is_transcript(body)):
        return None
    # a place is a name: the body does not write all its words in lower case ("SHOCKING:" / "shocking")
    lower = {w.lower() for w in re.findall(r"\b[a-z][a-z'’-]+\b", body)}
    if all(w.lower() in lower for w in words):
        return None
    return place


def _looks_like_place(text: str) -> bool:
    return bool(_PLACE.match(text)) and len(text.split(",")[0].split()) <= MAX_PLACE_WORDS


def place_of_dateline_text(text: str) -> str | None:
    """The place in a site's dateline element: "21 October 2025 • Duqm, oman" -> "Duqm, oman"."""
    for part in _DATELINE_PARTS.split(_norm(text)):
        part = part.strip(" ,.")
        if not part or _NOT_PLACE_WORDS.search(part) or read_stamp(part) or month_day(part):
            continue
        if _looks_like_place(part) and not NOT_PLACES.match(part):
            return part
    return None


def place_of_byline(byline: str) -> str | None:
    """The place of an agency's byline: "Associated Press in Valencia" -> "Valencia"; a reporter's
    own byline ("Jane Roe in Paris") is no dateline."""
    m = BYLINE_PLACE.match(_norm(byline))
    if m is None:
        return None
    who = m.group("who")
    if not (agency_in(who) or AGENCY_WORDS.search(who)) or agency_in(m.group("place")):
        return None
    return m.group("place")


def extract_dateline(page: Page) -> str | None:
    """The place the story was filed from: the page's own place, the body's wire dateline, an
    agency's byline."""
    for value in page.meta_values(*PLACE_KEYS):
        line = _norm(value)
        if line and not NOT_PLACES.match(line):
            return line
    for value in page.meta_values(*DATELINE_TEXT_KEYS):
        place = place_of_dateline_text(value)
        if place:
            return place
    for paragraph in first_paragraphs(page.body):
        m = match_dateline(paragraph)
        if m:
            return _norm(m.group("place")).rstrip(",")
    colon = colon_dateline(page.body)
    if colon:
        return colon
    # an agency's byline may open the text as a line of its own: "AFP, MANILA"
    opening = first_paragraphs(page.body)[:1]
    for value in page.meta_values(*BYLINE_KEYS) + [p for p in opening if len(p) <= MAX_BYLINE_CHARS]:
        agency_place = place_of_byline(value)
        if agency_place:
            return agency_place
    return None
