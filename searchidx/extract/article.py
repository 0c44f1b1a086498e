"""Page -> Article: title, date, source, dateline and speakers, each read by a small pure function.

Every field is a cascade in the style of trafilatura's ``metadata.py``: the most reliable
evidence is tried first and a weaker rule only runs when the stronger ones found nothing.

- title: the cleaner's title (JSONL field, headline line, ``<title>``), then ``og:title`` & co.,
  with a site-name suffix (" • President of Russia") removed;
- date: structured metadata (``published_iso``, ``article:published_time``, ``<time datetime>``,
  RSS ``pubDate``), then info lines ("Updated: Feb 16,2020 10:16 AM Xinhua"), then the page's
  visible date, each read by :mod:`searchidx.extract.dates`. A clock time without an offset is read in
  the source's own time zone (Xinhua prints Beijing time, the Kremlin Moscow time); when neither
  the text nor the source gives a zone, only the date is kept. A wire dateline's "March 3" has
  no year, so it never gives a date;
- source: info lines ("Source: Xinhua"), the dateline's agency ("(Xinhua)", "/TASS/"), a wire
  signature ("Reuter"), ``og:site_name``, then the URL's host;
- dateline: a place given by the page ("The Kremlin, Moscow", a release's place line), then a
  wire dateline at the start of the body ("BEIJING, Feb. 15 (Xinhua) --" -> "BEIJING");
- speakers: :mod:`searchidx.extract.speakers`, then a bare surname the page's creator field or title
  spells out in full ("Price" -> "Ned Price", "Department Spokesperson") takes that name.

All functions are pure and use precompiled patterns, so extraction costs well under a
millisecond for a short wire story.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from .dates import SOURCE_TIME_ZONES, parse_date, written_clock, written_date, zone_named
from ..models import Article, Page
from .speakers import extract_speakers, speakers_of

# Agencies and publishers: canonical name, and how they are written in bylines, info lines
# and datelines. Short acronyms are matched case-sensitively as whole words.
AGENCIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("Xinhua", r"\bXinhua(?:net)?\b|(?i:\bxinhua news agency\b)"),
        ("Reuters", r"\bReuters?\b|(?i:\breuters\b)"),
        ("AP", r"\bAP\b|(?i:\bassociated press\b)"),
        ("AFP", r"\bAFP\b|(?i:\bagence france[- ]presse\b)"),
        ("UPI", r"\bUPI\b|(?i:\bunited press international\b)"),
        ("TASS", r"\b(?:ITAR-)?TASS\b|\bTass\b"),
        ("RIA Novosti", r"\bRIA(?: Novosti)?\b"),
        ("Interfax", r"(?i:\binterfax\b)"),
        ("Sputnik", r"\bSputnik\b"),
        ("Kyodo", r"(?i:\bkyodo\b)"),
        ("Yonhap", r"(?i:\byonhap\b)"),
        ("China Daily", r"(?i:\bchina daily\b)"),
        ("CGTN", r"\bCGTN\b|(?i:\bchina global television network\b)"),
        ("Global Times", r"(?i:\bglobal times\b)"),
        ("People's Daily", r"(?i:\bpeople['’]s daily\b)"),
        ("Bloomberg", r"\bBloomberg\b"),
        ("Kremlin", r"(?i:\bkremlin\b|\bpresident of russia\b)"),
        ("U.S. Department of State", r"(?i:\b(?:U\.S\. |United States )?Department of State\b|\bstate department\b)"),
    )
)

# URL host (or a parent domain of it) -> source.
HOST_SOURCES: dict[str, str] = {
    "xinhuanet.com": "Xinhua",
    "news.cn": "Xinhua",
    "english.gov.cn": "english.gov.cn",
    "chinadaily.com.cn": "China Daily",
    "cgtn.com": "CGTN",
    "globaltimes.cn": "Global Times",
    "people.cn": "People's Daily",
    "fmprc.gov.cn": "Ministry of Foreign Affairs of the PRC",
    "kremlin.ru": "Kremlin",
    "mid.ru": "Ministry of Foreign Affairs of Russia",
    "tass.com": "TASS",
    "tass.ru": "TASS",
    "ria.ru": "RIA Novosti",
    "interfax.ru": "Interfax",
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "afp.com": "AFP",
    "upi.com": "UPI",
    "kyodonews.net": "Kyodo",
    "yna.co.kr": "Yonhap",
    "state.gov": "U.S. Department of State",
}

# Metadata keys that hold the publication date, most reliable first. The page's first
# <time> comes before schema.org's datePublished, which is also set on embedded photos.
DATE_KEYS: tuple[str, ...] = (
    "published_iso", "article:published_time", "og:published_time",
    "dc.date.issued", "dc.date", "date", "published", "pubdate", "publication_date",
    "time", "time_text", "datepublished", "article:modified_time", "datemodified", "updated",
)
TITLE_KEYS: tuple[str, ...] = ("og:title", "twitter:title", "dc.title", "title", "headline")
SITE_NAME_KEYS: tuple[str, ...] = ("og:site_name", "application-name", "publisher", "source", "dc.publisher")
URL_KEYS: tuple[str, ...] = ("og:url", "canonical", "url", "link")
PLACE_KEYS: tuple[str, ...] = ("place", "dateline", "location")
# Place lines that say how, not where: "Via Teleconference".
NOT_PLACES = re.compile(r"^(?:Via\b|By (?:video|phone|tele)|Virtual|Online|Teleconference)", re.I)
# Info lines that carry a publication date.
DATE_INFO = re.compile(r"^(?:Published|Posted|Released|Date|Updated|Last updated)\s*[:：]\s*(?P<rest>.+)", re.I)
SOURCE_INFO = re.compile(r"^Sources?\s*[:：]\s*(?P<rest>.+)", re.I)
# Info lines that credit someone else than the story's source: "Photo: AP", "Editor: ...".
CREDIT_INFO = re.compile(r"^(?:Photos?|Editors?|Editor in charge|Responsible editor|Web editor|Reporter|Writer|Author)\b", re.I)
# A site named by its domain in an info line: "Updated: Feb 16,2020 10:16 AM english.gov.cn".
_DOMAIN = re.compile(r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|ru|net|org|gov|kr|jp)\b")
# Site names appended to <title>: " • President of Russia", " - Xinhua | English.news.cn".
TITLE_SUFFIX = re.compile(
    r"\s+[|•·–—-]\s+(?:President of Russia|Xinhua\b.*|english\.news\.cn|english\.gov\.cn|China Daily.*|CGTN|"
    r"TASS|Reuters|AP News|U\.S\. Department of State|United States Department of State)\s*$",
    re.I,
)
# A wire story's signature on its last line: "Reuter", "(Reporting by ...; Editing by ...)".
# Each branch opens with a literal character, so that the search skips ahead to it instead of
# trying every position of the tail; "(?<!\S.)" after it says that a space or the start of the
# text comes before it.
SIGNATURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Reuters", re.compile(r"R(?<!\S.)euters?\s*$|\(Reporting by [^)]*\)\s*$")),
    ("AP", re.compile(r"\((?<!\S.)AP\)?\s*$|A(?<!\S.)P\)?\s*$")),
)
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


def _host(url: str | None) -> str | None:
    """The lower-cased host of a URL, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def _page_url(page: Page) -> str | None:
    """The page's own absolute URL: the cleaner's, else a canonical URL in its metadata."""
    for value in ([page.url] if page.url else []) + page.meta_values(*URL_KEYS):
        if value.startswith(("http://", "https://")):
            return value
    return None


def agency_in(text: str) -> str | None:
    """The first known agency named in ``text``, by canonical name."""
    for name, pattern in AGENCIES:
        if pattern.search(text):
            return name
    return None


def source_of_host(host: str | None) -> str | None:
    """The source a URL host belongs to ("en.kremlin.ru" -> "Kremlin")."""
    while host:
        if host in HOST_SOURCES:
            return HOST_SOURCES[host]
        _, _, host = host.partition(".")
    return None


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


def _first_paragraphs(body: str) -> list[str]:
    """The leading paragraphs where a dateline may stand."""
    return body.split("\n\n", DATELINE_PARAGRAPHS)[:DATELINE_PARAGRAPHS]


def extract_title(page: Page) -> str | None:
    """The headline: the cleaner's title, then og:title and the like, without a site-name suffix."""
    candidates = ([page.title] if page.title else []) + page.meta_values(*TITLE_KEYS)
    site_names = {_norm(s).casefold() for s in page.meta_values(*SITE_NAME_KEYS)}
    for raw in candidates:
        title = TITLE_SUFFIX.sub("", _norm(raw))
        for sep in (" | ", " • ", " - ", " – ", " — "):
            head, _, tail = title.rpartition(sep)
            if head and tail.casefold() in site_names:
                title = head
        if title and title.casefold() not in site_names:
            return title
    return None


def extract_source(page: Page) -> str | None:
    """The agency or publisher: info lines, dateline agency, signature, site name, URL host."""
    for line in page.info:
        if CREDIT_INFO.match(line):
            continue
        found = agency_in(line) or next(
            (src for src in map(source_of_host, _DOMAIN.findall(line.lower())) if src), None)
        if found:
            return found
    for line in page.info:
        m = SOURCE_INFO.match(line)
        if m:
            return _norm(m.group("rest"))[:60].rstrip(".")
    for paragraph in _first_paragraphs(page.body):
        m = match_dateline(paragraph)
        if m:
            tag = _norm(m.group("agency") or m.group("agency2") or m.group("sig") or "")
            # the parenthesis after a dateline names the agency, known to us or not ("(Kazinform)")
            if tag:
                return agency_in(tag) or (tag if tag[0].isupper() else None) or _signature(page.body)
            break
    signed = _signature(page.body)
    if signed:
        return signed
    site_names = page.meta_values(*SITE_NAME_KEYS)
    if site_names:
        return agency_in(site_names[0]) or _norm(site_names[0])
    return source_of_host(_host(_page_url(page)))


def _signature(body: str) -> str | None:
    """The agency that signed the story's last line ("Reuter", "(Reporting by ...)")."""
    last = body[-200:]
    return next((name for name, pattern in SIGNATURES if pattern.search(last)), None)


def extract_dateline(page: Page) -> str | None:
    """The place the story was filed from: the page's place line, then the body's wire dateline."""
    for value in page.meta_values(*PLACE_KEYS):
        place = _norm(value)
        if place and not NOT_PLACES.match(place):
            return place
    for paragraph in _first_paragraphs(page.body):
        m = match_dateline(paragraph)
        if m:
            return _norm(m.group("place")).rstrip(",")
    return None


def _date_candidates(page: Page) -> Iterable[str]:
    """Date-bearing strings, most reliable first: metadata, dated info lines, other info lines
    ("Source: Xinhua | 2020-02-16 10:16:49 | Editor: huaxia")."""
    for key in DATE_KEYS:
        yield from page.meta_values(key)
    others = []
    for line in page.info:
        m = DATE_INFO.match(line)
        if m:
            yield m.group("rest")
        elif not CREDIT_INFO.match(line):
            others.append(line)
    yield from others


def extract_date(page: Page) -> dt.datetime | dt.date | None:
    """The publication date: aware when a time and its zone are known, else a date, else None."""
    return _date(page, extract_source(page))


def _date(page: Page, source: str | None) -> dt.datetime | dt.date | None:
    """The publication date, clock times read in the zone of ``source`` (or of the URL's host)."""
    zone_name = SOURCE_TIME_ZONES.get(source or "") or SOURCE_TIME_ZONES.get(
        source_of_host(_host(_page_url(page))) or "")
    zone = zone_named(zone_name) if zone_name else None
    day_only: dt.date | None = None
    for text in _date_candidates(page):
        value = parse_date(text, zone)
        if isinstance(value, dt.datetime):
            if day_only is None or value.date() == day_only:
                return value
        elif value is not None and day_only is None:
            day_only = value
    if day_only is not None and zone is not None:
        # a page may print the clock time apart from its date ("March 16, 2000" ... "13:20")
        for text in page.meta_values("time_text", "time_of_day", "clock"):
            found = written_date(text)
            clock = written_clock(text[found[1]:] if found else text)
            if clock is not None and (found is None or found[0] == day_only):
                return dt.datetime.combine(day_only, clock[0]).replace(tzinfo=zone)
    return day_only


def extract(page: Page) -> Article:
    """Read the article's fields out of a cleaned page."""
    source = extract_source(page)
    title = extract_title(page)
    statements = extract_speakers(page, title)
    return Article(
        path=page.path,
        body=page.body,
        title=title,
        date=_date(page, source),
        source=source,
        dateline=extract_dateline(page),
        speakers=speakers_of(statements),
        statements=statements,
        url=_page_url(page),
        record=page.record,
    )
