"""Written dates and times -> ``datetime``: the parsers and time-zone tables the date cascade uses.

`extract.extract_date` decides which strings of a page to try and in which order; this module
reads one string at a time. ISO 8601 and RFC 822 values keep their own offset; "Feb 16,2020
10:16 AM", "16 February 2020", "2020/02/16 12:05 AM" are read by small patterns; a clock time
without an offset takes a zone named after it ("Moscow time", "GMT+3") or else the source's
zone (``SOURCE_TIME_ZONES``); with no zone at all only the date is kept, since a guessed offset
would be wrong more often than not.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Sources print clock times in their own zone; IANA names so that historical offsets
# (Moscow's summer time before 2011, +04:00 in 2011-2014) come out right.
SOURCE_TIME_ZONES: dict[str, str] = {
    "Xinhua": "Asia/Shanghai",
    "China Daily": "Asia/Shanghai",
    "CGTN": "Asia/Shanghai",
    "Global Times": "Asia/Shanghai",
    "People's Daily": "Asia/Shanghai",
    "english.gov.cn": "Asia/Shanghai",
    "Ministry of Foreign Affairs of the PRC": "Asia/Shanghai",
    "TASS": "Europe/Moscow",
    "RIA Novosti": "Europe/Moscow",
    "Interfax": "Europe/Moscow",
    "Sputnik": "Europe/Moscow",
    "Kremlin": "Europe/Moscow",
    "Ministry of Foreign Affairs of Russia": "Europe/Moscow",
    "Kyodo": "Asia/Tokyo",
    "Yonhap": "Asia/Seoul",
    "U.S. Department of State": "America/New_York",
}

# Zone abbreviations printed next to a time.
ZONE_NAMES: dict[str, str] = {
    "beijing time": "Asia/Shanghai",
    "bjt": "Asia/Shanghai",
    "moscow time": "Europe/Moscow",
    "msk": "Europe/Moscow",
    "utc": "UTC",
    "gmt": "UTC",
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
}

# Used only when the IANA database is missing (e.g. Windows without the tzdata package).
FALLBACK_OFFSETS: dict[str, int] = {
    "Asia/Shanghai": 8, "Europe/Moscow": 3, "Asia/Tokyo": 9, "Asia/Seoul": 9,
    "America/New_York": -5, "UTC": 0,
}


_MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MON = r"(?P<mon>(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*))\.?"
_MDY = re.compile(_MON + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(?P<year>(?:1[89]|20)\d\d)\b")
_DMY = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(?P<year>(?:1[89]|20)\d\d)\b")
_YMD = re.compile(r"\b(?P<year>(?:1[89]|20)\d\d)[-/.年](?P<mon>[01]?\d)[-/.月](?P<day>[0-3]?\d)\b")
_CLOCK = re.compile(
    r"(?<![\d:])(?P<h>[01]?\d|2[0-3])[:：](?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d:])"
    r"(?:\s*(?P<ampm>[AaPp])\.?\s?[Mm]\b\.?)?"
)
# "+08:00", "+0800", "GMT+8", "UTC -5", written right after a time
_OFFSET = re.compile(r"^\s*(?:(?:GMT|UTC)\s*)?(?P<sign>[+-])(?P<oh>[01]\d):?(?P<om>[0-5]\d)\b"
                     r"|^\s*(?:GMT|UTC)\s*(?P<sign2>[+-])(?P<oh2>[01]?\d)\b")
_ZONE_NAME = re.compile(r"\b(" + "|".join(re.escape(k) for k in ZONE_NAMES) + r")\b", re.I)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


def _norm(text: str) -> str:
    """White space collapsed."""
    return " ".join(text.split())


def zone_named(name: str) -> dt.tzinfo:
    """The IANA zone ``name``, or a fixed offset when the zone database is missing."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.timezone(dt.timedelta(hours=FALLBACK_OFFSETS.get(name, 0)))


def _zone_in(text: str) -> dt.tzinfo | None:
    """A zone written next to a time: "+08:00", "GMT+8", "Beijing time", "MSK"."""
    m = _OFFSET.search(text)
    if m:
        sign = -1 if (m.group("sign") or m.group("sign2")) == "-" else 1
        hours = int(m.group("oh") or m.group("oh2"))
        minutes = int(m.group("om") or 0)
        if hours <= 14:
            return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    z = _ZONE_NAME.search(text)
    if z:
        return zone_named(ZONE_NAMES[z.group(1).lower()])
    return None


def written_date(text: str) -> tuple[dt.date, int] | None:
    """The first written date in ``text`` and where it ends."""
    best: tuple[dt.date, int, int] | None = None
    for pattern in (_YMD, _MDY, _DMY):
        m = pattern.search(text)
        if not m:
            continue
        mon = m.group("mon")
        month = int(mon) if mon.isdigit() else _MONTHS.get(mon[:3].lower(), 0)
        try:
            day = dt.date(int(m.group("year")), month, int(m.group("day")))
        except ValueError:
            continue
        if best is None or m.start() < best[1]:
            best = (day, m.start(), m.end())
    return (best[0], best[2]) if best else None


def written_clock(text: str) -> tuple[dt.time, int] | None:
    """A time of day written in ``text`` ("10:16 AM", "13:20", "22:14:56") and where it ends."""
    m = _CLOCK.search(text)
    if not m:
        return None
    hour, minute, second = int(m.group("h")), int(m.group("m")), int(m.group("s") or 0)
    ampm = (m.group("ampm") or "").lower()
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    return dt.time(hour, minute, second), m.end()


def parse_date(text: str, zone: dt.tzinfo | None = None) -> dt.datetime | dt.date | None:
    """Read a date (and time) from one metadata value or info line.

    ISO 8601 and RFC 822 values keep their own offset; a clock time without one is read in
    ``zone``; without a zone, only the date is returned because its offset is unknown.
    """
    text = _norm(text)
    if not text:
        return None
    if _ISO.match(text):
        try:
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            value = None
        if value is not None:
            if len(text) == 10:
                return value.date()
            return _localise(value, "", zone)
    if text[:3].isalpha() and "," in text[:5]:
        try:
            value = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            value = None
        if value is not None and value.tzinfo is not None:
            return value
    found = written_date(text)
    if found is None:
        return None
    day, end = found
    clock = written_clock(text[end:])
    if clock is None:
        return day
    # a zone is written after the time: "10:16 GMT+3", "10:16 Moscow time"
    return _localise(dt.datetime.combine(day, clock[0]), text[end + clock[1]:], zone)


def _localise(value: dt.datetime, tail: str, zone: dt.tzinfo | None) -> dt.datetime | dt.date:
    """An aware datetime: its own offset, a zone named after the time, else ``zone``; else the date."""
    if value.tzinfo is not None:
        return value
    tz = _zone_in(tail) or zone
    if tz is None:
        return value.date()
    return value.replace(tzinfo=tz)
