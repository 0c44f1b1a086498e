"""Page -> publication date: which of the page's dates is the story's, read in the right zone.

The date a reader sees wins; metadata fills in what the visible date leaves out. The cascade:

1. the visible date: a "published" date beats an unlabelled one, which beats an "updated" one
   (used only when the metadata has no date at all); among equals, a date line under the
   headline ("Published Jul 17, 2024, 11:21am | Updated ...") comes first, then a dated info
   line ("Updated: Feb 16,2020 10:16 AM Xinhua"), a ``<time>`` element's text, another info line
   ("( Xinhua ) 10:08, November 19, 2020");
2. the metadata (``article:published_time``, ``<time datetime>``, JSON-LD ``datePublished`` ...),
   used alone when nothing visible has a date, and otherwise to complete the visible date: its
   instant gives the visible clock its offset when the two agree to the minute, so a label that
   contradicts them ("5:50 pm CET" for 15:50 UTC in summer) is not trusted blindly;
3. a date that ends the headline ("Regular Press Conference on July 5, 2018"); one without a
   year ("... on September 10") takes its year only from the URL;
4. a date in the URL ("/2023/04/28/").

A clock time without an offset is read in the source's own zone (Xinhua prints Beijing time, the
Kremlin Moscow time); when neither the text nor the source gives one, only the date is kept. A
wire dateline's "March 3" has no year, so it never gives a date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from ..models import Page
from .dates import SOURCE_TIME_ZONES, Stamp, month_day, read_stamp, written_clock, written_date, zone_named
from .agencies import source_of_host
from .source import CREDIT_INFO, extract_source, host_of, page_url
from .title import extract_title

# Metadata keys that hold the publication date, most reliable first. The page's first
# <time> comes before schema.org's datePublished, which is also set on embedded photos; a
# live blog's JSON-LD holds one datePublished per update, so only its main entity's is read.
META_DATE_KEYS: tuple[str, ...] = (
    "published_iso", "article:published_time", "og:published_time",
    "dc.date.issued", "dc.date", "date", "published", "pubdate", "publication_date",
    "time", "datepublished", "jsonld:datepublished", "jsonld:datecreated",
    "article:modified_time", "datemodified", "jsonld:datemodified", "updated",
)
# Visible date lines the cleaner found around the headline, nearest first.
DATE_LINE_KEYS: tuple[str, ...] = ("date_line",)
# The visible text of <time> elements, anywhere on the page.
TIME_TEXT_KEYS: tuple[str, ...] = ("time_text",)
# Keys that may hold a clock time printed apart from its date ("March 16, 2000" ... "13:20").
CLOCK_KEYS: tuple[str, ...] = ("time_text", "time_of_day", "clock")
# Info lines that carry a publication date.
DATE_INFO = re.compile(r"^(?:Published|Posted|Released|Date|Updated|Last updated)\s*[:：]\s*(?P<rest>.+)", re.I)
# Labels inside a date line, and how much each is trusted: the first publication beats an
# unlabelled date, which beats a later update.
DATE_LABEL = re.compile(
    r"(?P<label>First published|Publication date|Date of publication|Published|Posted|Released|Created|Last updated|"
    r"Updated|Modified|Edited)\b"
    r"(?:\s+on\b)?\s*[:：]?", re.I)
PUBLISHED_RANK, UNLABELLED_RANK, UPDATE_RANK = 0, 1, 2
LABEL_RANKS: dict[str, int] = {
    "first published": PUBLISHED_RANK, "publication date": PUBLISHED_RANK, "date of publication": PUBLISHED_RANK,
    "published": PUBLISHED_RANK, "posted": PUBLISHED_RANK, "released": PUBLISHED_RANK, "created": PUBLISHED_RANK,
    "last updated": UPDATE_RANK, "updated": UPDATE_RANK, "modified": UPDATE_RANK, "edited": UPDATE_RANK,
}
# Where a visible date stands, in order of trust among equally labelled ones.
DATE_LINE, DATED_INFO, TIME_TEXT, OTHER_INFO = range(4)
# A visible clock and a metadata instant agree when they differ by a whole UTC offset: a
# multiple of this many minutes, at most MAX_OFFSET_HOURS. A written zone label may be off by
# LABEL_SLACK from it (summer time printed as winter time) and still be overruled.
OFFSET_STEP_MINUTES = 15
MAX_OFFSET_HOURS = 14
LABEL_SLACK = dt.timedelta(hours=1)
# A headline names its own date at its end: "... Press Conference on July 5, 2018", "... , June12".
HEADLINE_DATE_END = re.compile(r"[\s.)]*$")
# Dates in a URL's path: "/2023/04/28/", "/2024/feb/24/", "/2025-11-10-slug", "-20260701-".
URL_DATES: tuple[re.Pattern[str], ...] = (
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<mon>[01]?\d|[a-z]{3})/(?P<day>[0-3]?\d)(?=/|$)", re.I),
    re.compile(r"[/_-](?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?=[/_-]|$)"),
    re.compile(r"(?<![\d])(?P<year>20\d\d)(?P<mon>[01]\d)(?P<day>[0-3]\d)(?![\d])"),
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _labelled(line: str) -> Iterator[tuple[int, str]]:
    """The parts of a visible line with the rank of their label: "Jen Mills Published X
    Updated Y" gives (1, "Jen Mills"), (0, "X") and (2, "Y")."""
    cuts = list(DATE_LABEL.finditer(line))
    yield UNLABELLED_RANK, line[: cuts[0].start()] if cuts else line
    for i, m in enumerate(cuts):
        end = cuts[i + 1].start() if i + 1 < len(cuts) else len(line)
        yield LABEL_RANKS[m.group("label").lower()], line[m.end():end]


def _visible_stamps(page: Page) -> list[tuple[int, int, Stamp]]:
    """Dates a reader sees with the rank of their label, most telling first: by label (published,
    none, updated), then by where they stand (date lines under the headline, dated info lines,
    <time> texts, other info lines), then in page order."""
    found: list[tuple[int, int, int, Stamp]] = []

    def add(rank: int, where: int, text: str) -> None:
        stamp = read_stamp(text)
        if stamp is not None:
            found.append((rank, where, len(found), stamp))

    for line in page.meta_values(*DATE_LINE_KEYS):
        for rank, part in _labelled(line):
            add(rank, DATE_LINE, part)
    others = []
    for line in page.info:
        m = DATE_INFO.match(line)
        if m:
            label = DATE_LABEL.match(line)
            add(LABEL_RANKS.get(label.group("label").lower(), UNLABELLED_RANK) if label else UNLABELLED_RANK, DATED_INFO,
                m.group("rest"))
        elif not CREDIT_INFO.match(line):
            others.append(line)
    for text in page.meta_values(*TIME_TEXT_KEYS):
        add(UNLABELLED_RANK, TIME_TEXT, text)
    for line in others:
        for rank, part in _labelled(line):
            add(rank, OTHER_INFO, part)
    return [(rank, where, stamp) for rank, where, _, stamp in sorted(found, key=lambda f: f[:3])]


def _confirmed_first(ranked: list[tuple[int, Stamp]], metadata: list[Stamp]) -> list[tuple[int, Stamp]]:
    """The visible stamps with an unlabelled date line that no metadata date confirms (an event's
    date: "Announcement, March 2, 2016") put behind a <time> text that the metadata confirms."""
    if not ranked or ranked[0][0] != DATE_LINE or not metadata:
        return ranked
    days = {m.day for m in metadata}
    if ranked[0][1].day in days:
        return ranked
    confirmed = [r for r in ranked if r[0] == TIME_TEXT and r[1].day in days]
    return confirmed + [r for r in ranked if r not in confirmed] if confirmed else ranked


def _meta_stamps(page: Page) -> Iterator[Stamp]:
    """Dates the page's metadata gives, most reliable key first."""
    for key in META_DATE_KEYS:
        for value in page.meta_values(key):
            stamp = read_stamp(value)
            if stamp is not None:
                yield stamp


def _source_zone(page: Page, source: str | None) -> dt.tzinfo | None:
    """The zone the source prints its clock times in, by its name or its URL's host."""
    name = SOURCE_TIME_ZONES.get(source or "") or SOURCE_TIME_ZONES.get(source_of_host(host_of(page_url(page))) or "")
    return zone_named(name) if name else None


def _implied_offset(local: dt.datetime, instant: dt.datetime) -> dt.timedelta | None:
    """The UTC offset at which the naive ``local`` time is the aware ``instant``, if a real one."""
    utc = instant.astimezone(dt.timezone.utc).replace(tzinfo=None, second=0, microsecond=0)
    delta = local.replace(second=0, microsecond=0) - utc
    minutes = delta.total_seconds() / 60
    if minutes % OFFSET_STEP_MINUTES or abs(delta) > dt.timedelta(hours=MAX_OFFSET_HOURS):
        return None
    return delta


def _with_metadata(visible: Stamp, metadata: list[Stamp], zone: dt.tzinfo | None) -> dt.datetime | dt.date:
    """The visible date, its clock given an offset by an agreeing metadata instant, or a
    metadata time of the same day when the visible date has no clock."""
    instants = [m.value() for m in metadata if m.clock is not None and m.zone is not None]
    aware = [v for v in instants if isinstance(v, dt.datetime)]
    if visible.clock is not None:
        local = dt.datetime.combine(visible.day, visible.clock)
        for instant in aware[:1]:
            offset = _implied_offset(local, instant)
            label = visible.zone.utcoffset(local) if visible.zone is not None else None
            if offset is not None and (label is None or abs(label - offset) <= LABEL_SLACK):
                return instant.astimezone(dt.timezone(offset))
        return visible.value(zone)
    for instant in aware:
        if instant.date() == visible.day:
            return instant
    return visible.day


def _clock_apart(page: Page, day: dt.date, zone: dt.tzinfo | None) -> dt.datetime | None:
    """A clock time printed apart from its date ("March 16, 2000" ... "13:20"), read in ``zone``."""
    if zone is None:
        return None
    for text in page.meta_values(*CLOCK_KEYS):
        found = written_date(text)
        clock = written_clock(text[found[1]:] if found else text)
        if clock is not None and (found is None or found[0] == day):
            return dt.datetime.combine(day, clock[0]).replace(tzinfo=zone)
    return None


def _from_metadata(page: Page, metadata: Iterable[Stamp], zone: dt.tzinfo | None) -> dt.datetime | dt.date | None:
    """The first metadata date; a date-only value takes the time of a later one of the same day."""
    day_only: dt.date | None = None
    for stamp in metadata:
        value = stamp.value(zone)
        if isinstance(value, dt.datetime):
            if day_only is None or value.date() == day_only:
                return value
        elif day_only is None:
            day_only = value
    if day_only is not None:
        return _clock_apart(page, day_only, zone) or day_only
    return None


def url_date(url: str | None) -> dt.date | None:
    """A date written in a URL's path ("/2023/04/28/", "/2024/feb/24/"), or None."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = path.split("://", 1)[-1].partition("/")[2]
    for pattern in URL_DATES:
        for m in pattern.finditer("/" + path):
            mon = m.group("mon").lower()
            month = int(mon) if mon.isdigit() else (_MONTHS.index(mon) + 1 if mon in _MONTHS else 0)
            try:
                return dt.date(int(m.group("year")), month, int(m.group("day")))
            except ValueError:
                continue
    return None


def headline_date(title: str | None, year_hint: int | None = None) -> dt.date | None:
    """The date that ends a headline ("... Press Conference on July 5, 2018"); a month and day
    alone ("... on September 10") only with ``year_hint`` from other evidence."""
    if not title:
        return None
    found = written_date(title)
    if found is not None and HEADLINE_DATE_END.fullmatch(title[found[1]:]):
        return found[0]
    md = month_day(title)
    if md is None or year_hint is None or not HEADLINE_DATE_END.fullmatch(title[md[2]:]):
        return None
    try:
        return dt.date(year_hint, md[0], md[1])
    except ValueError:
        return None


def extract_date(page: Page, source: str | None = None) -> dt.datetime | dt.date | None:
    """The publication date: aware when a time and its zone are known, else a date, else None.

    Clock times without a zone are read in the zone of ``source`` (found on the page when not
    given) or of the URL's host.
    """
    source = source if source is not None else extract_source(page)
    zone = _source_zone(page, source)
    metadata = list(_meta_stamps(page))
    # an "updated" stamp, or a date alone in some line of the page, is the page's date only when
    # its metadata names none
    ranked = [(where, stamp) for rank, where, stamp in _visible_stamps(page)
              if not metadata or (rank < UPDATE_RANK and where != OTHER_INFO)]
    visible = [stamp for _, stamp in _confirmed_first(ranked, metadata)]
    if visible:
        first = visible[0]
        if first.clock is None:
            # a later visible line of the same day may carry the clock ("October 6, 2005, 23:00")
            first = next((v for v in visible[1:] if v.day == first.day and v.clock is not None), first)
        if first.clock is None and not metadata:
            return _clock_apart(page, first.day, zone) or first.day
        return _with_metadata(first, metadata, zone)
    found = _from_metadata(page, metadata, zone)
    if found is not None:
        return found
    in_url = url_date(page_url(page))
    return headline_date(extract_title(page), in_url.year if in_url else None) or in_url
