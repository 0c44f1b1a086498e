"""Page -> publication date: which of the page's dates is the story's, read in the right zone.

A cascade: structured metadata (``published_iso``, ``article:published_time``, ``<time
datetime>``, RSS ``pubDate``), then info lines ("Updated: Feb 16,2020 10:16 AM Xinhua"), then
the page's visible date, each read by :mod:`searchidx.extract.dates`. A clock time without an
offset is read in the source's own time zone (Xinhua prints Beijing time, the Kremlin Moscow
time); when neither the text nor the source gives a zone, only the date is kept. A wire
dateline's "March 3" has no year, so it never gives a date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ..models import Page
from .dates import SOURCE_TIME_ZONES, parse_date, written_clock, written_date, zone_named
from .source import CREDIT_INFO, extract_source, host_of, page_url, source_of_host

# Metadata keys that hold the publication date, most reliable first. The page's first
# <time> comes before schema.org's datePublished, which is also set on embedded photos.
DATE_KEYS: tuple[str, ...] = (
    "published_iso", "article:published_time", "og:published_time",
    "dc.date.issued", "dc.date", "date", "published", "pubdate", "publication_date",
    "time", "time_text", "datepublished", "article:modified_time", "datemodified", "updated",
)
# Info lines that carry a publication date.
DATE_INFO = re.compile(r"^(?:Published|Posted|Released|Date|Updated|Last updated)\s*[:：]\s*(?P<rest>.+)", re.I)


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


def extract_date(page: Page, source: str | None = None) -> dt.datetime | dt.date | None:
    """The publication date: aware when a time and its zone are known, else a date, else None.

    Clock times are read in the zone of ``source`` (found on the page when not given) or of
    the URL's host.
    """
    source = source if source is not None else extract_source(page)
    zone_name = SOURCE_TIME_ZONES.get(source or "") or SOURCE_TIME_ZONES.get(
        source_of_host(host_of(page_url(page))) or "")
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
