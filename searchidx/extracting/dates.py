"""Written dates and times -> ``datetime``: the parsers and time-zone tables the date cascade uses.

`extract.published` decides which strings of a page to try and in which order; this module
reads one string at a time. ISO 8601 and RFC 822 values keep their own offset; "Feb 16,2020
10:16 AM", "16 February 2020", "2020/02/16 12:05 AM", "12:20pm Jan 7, 2024", "21 May 2025 -
14:19", "Sat 24 Feb 2024 12.42 CET" are read by small patterns (:func:`read_stamp`). A clock
time takes the zone written after it ("+08:00", "GMT+3", "IST", "Moscow time") or else the
source's zone (``SOURCE_TIME_ZONES``); with no zone at all only the date is kept, since a
guessed offset would be wrong more often than not.

The patterns beat a general parser here. Measured on the first visible date line of each
diplo-dev page (44 lines), dateparser 1.x's ``search_dates`` found the right day on 38 (these
patterns: 44): it split "Mon 15 May 2023 12.50 BST" into "Mon 15" and "May 2023", gave
undated parts the current year (which a headline without a year must never get) and took
about 2.6 s where these take 1 ms; its ``parse`` read only 18, being made for whole strings.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass
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

# Zones named next to a time, matched without regard to case: they are words, not acronyms.
ZONE_NAMES: dict[str, str] = {
    "beijing time": "Asia/Shanghai",
    "moscow time": "Europe/Moscow",
    "tokyo time": "Asia/Tokyo",
    "eastern time": "America/New_York",
}

# Zone abbreviations, matched in capitals only ("est" and "cat" are words). Each one names a
# fixed offset: a page that prints "EDT" in winter is wrong, but its clock was read that way.
# "ET" (Eastern Time, either offset) goes to the IANA zone. Ambiguous ones (CST, AST) are left out.
ZONE_ABBREVIATIONS: dict[str, float | str] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "IST": 5.5,
    "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "SAST": 2, "CAT": 2, "EAT": 3, "WAT": 1,
    "PKT": 5, "ICT": 7, "WIB": 7, "HKT": 8, "SGT": 8, "PHT": 8, "MYT": 8, "AWST": 8, "BJT": 8,
    "JST": 9, "KST": 9, "ACST": 9.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
    "EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "HST": -10,
    "ET": "America/New_York", "PT": "America/Los_Angeles",
}

# Used only when the IANA database is missing (e.g. Windows without the tzdata package).
FALLBACK_OFFSETS: dict[str, int] = {
    "Asia/Shanghai": 8, "Europe/Moscow": 3, "Asia/Tokyo": 9, "Asia/Seoul": 9,
    "America/New_York": -5, "America/Los_Angeles": -8, "UTC": 0,
}


_MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MON = r"(?P<mon>(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*))\.?"
# A year may run into the clock that follows it: "Mar 31 20238:37 AM" (CNBC's byline markup).
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?:\b|(?=\d{1,2}:\d\d))"
_MDY = re.compile(_MON + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*,?\s*" + _YEAR)
_DMY = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+" + _YEAR)
_YMD = re.compile(r"\b(?P<year>(?:1[89]|20)\d\d)[-/.年](?P<mon>[01]?\d)[-/.月](?P<day>[0-3]?\d)\b")
# "18/11/2024" (day first, as in Europe) or "11/18/2024" (month first, as in the US): read only
# when one of the two numbers is over 12, since "05/06/2024" is either.
_NUMERIC = re.compile(r"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:1[89]|20)\d\d)(?![\d/.])")
# A month and day without a year: "September 10", "June12", "Sept. 5th".
_MD = re.compile(_MON + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)")
_AMPM = r"(?P<ampm>[AaPp])\.?\s?[Mm]\b\.?"
_ABBREVIATION = r"(?:" + "|".join(sorted(map(re.escape, ZONE_ABBREVIATIONS), key=len, reverse=True)) + r")"
# An abbreviation ends where a non-letter or a new capitalised word starts ("EDTUpdated"), not inside "ESTONIA".
_ABBREVIATION_END = r"(?:(?![A-Za-z])|(?=[A-Z][a-z]))"
# "10:16", "22:14:56", "1:20 P.M."; a dot parts hours and minutes only before am/pm or a zone:
# "4.34pm", "12.42 CET" (alone, "12.42" is a number).
_CLOCK = re.compile(
    r"(?<![\d:.])(?:(?P<h>[01]?\d|2[0-3])[:：](?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d:])"
    r"|(?P<hd>[01]?\d|2[0-3])\.(?P<md>[0-5]\d)(?=\s?(?:[AaPp]\.?\s?[Mm]\b|" + _ABBREVIATION + _ABBREVIATION_END + r")))"
    r"(?:\s*" + _AMPM + r")?"
)
# Between a date and its clock: "Feb 16,2020 10:16", "21 May 2025 - 14:19", "November 10, 2025 at 06:21 pm".
_GAP = r"[\s,;|•·/\-–—]{0,6}(?:at\s+)?"
_CLOCK_AFTER = re.compile(r"^" + _GAP + r"(?=\d)")
_CLOCK_BEFORE = re.compile(_CLOCK.pattern + r"(?P<zone>\s*\(?" + _ABBREVIATION + r"\)?)?[\s,;|•·/\-–—]{0,4}$")
# A zone written right after a time: "+08:00", "+0800", "GMT+8", "UTC -5", "IST", "(CET)".
_OFFSET = re.compile(r"^\s*(?:(?:GMT|UTC)\s*)?(?P<sign>[+-])(?P<oh>[01]\d):?(?P<om>[0-5]\d)\b"
                     r"|^\s*(?:GMT|UTC)\s*(?P<sign2>[+-])(?P<oh2>[01]?\d)\b")
_ABBREVIATION_AT = re.compile(r"^\s*\(?(" + _ABBREVIATION + r")" + _ABBREVIATION_END)
_ZONE_NAME = re.compile(r"\b(" + "|".join(re.escape(k) for k in ZONE_NAMES) + r")\b", re.I)
# How far after a time a zone name ("... 10:16, Moscow time") is looked for.
ZONE_NAME_WINDOW = 40
_COMPACT_OFFSET = re.compile(r"([+-]\d\d)(\d\d)$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


@dataclass(frozen=True)
class Stamp:
    """A date as one string writes it: the day, the time of day and the zone when it gives them."""

    day: dt.date
    clock: dt.time | None = None
    zone: dt.tzinfo | None = None

    def value(self, zone: dt.tzinfo | None = None) -> dt.datetime | dt.date:
        """Aware when the clock and a zone (its own, else ``zone``) are known; else the day."""
        tz = self.zone or zone
        if self.clock is None or tz is None:
            return self.day
        return dt.datetime.combine(self.day, self.clock).replace(tzinfo=tz)


def _norm(text: str) -> str:
    """White space collapsed."""
    return " ".join(text.split())


def zone_named(name: str) -> dt.tzinfo:
    """The IANA zone ``name``, or a fixed offset when the zone database is missing."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.timezone(dt.timedelta(hours=FALLBACK_OFFSETS.get(name, 0)))


def zone_of_abbreviation(abbreviation: str) -> dt.tzinfo | None:
    """The zone an abbreviation names ("IST" -> +05:30, "ET" -> America/New_York), or None."""
    found = ZONE_ABBREVIATIONS.get(abbreviation)
    if found is None:
        return None
    if isinstance(found, str):
        return zone_named(found)
    return dt.timezone(dt.timedelta(hours=found))


def _zone_in(text: str) -> dt.tzinfo | None:
    """A zone written at the start of ``text`` (right after a time): "+08:00", "GMT+8", "MSK",
    or a zone name a little further ("10:16, Moscow time")."""
    m = _OFFSET.search(text)
    if m:
        sign = -1 if (m.group("sign") or m.group("sign2")) == "-" else 1
        hours = int(m.group("oh") or m.group("oh2"))
        minutes = int(m.group("om") or 0)
        if hours <= 14:
            return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    a = _ABBREVIATION_AT.match(text)
    if a and a.group(1) != "Z":
        return zone_of_abbreviation(a.group(1))
    z = _ZONE_NAME.search(text[:ZONE_NAME_WINDOW])
    if z:
        return zone_named(ZONE_NAMES[z.group(1).lower()])
    return None


def _month(mon: str) -> int:
    return int(mon) if mon.isdigit() else _MONTHS.get(mon[:3].lower(), 0)


def _written_date_at(text: str) -> tuple[dt.date, int, int] | None:
    """The first written date in ``text``, with where it starts and ends."""
    best: tuple[dt.date, int, int] | None = None
    for pattern in (_YMD, _MDY, _DMY, _NUMERIC):
        for m in pattern.finditer(text):
            if best is not None and m.start() >= best[1]:
                break
            month_day_ = _numeric_month_day(m) if pattern is _NUMERIC else (_month(m.group("mon")), int(m.group("day")))
            if month_day_ is None:
                continue
            try:
                day = dt.date(int(m.group("year")), *month_day_)
            except ValueError:
                continue
            best = (day, m.start(), m.end())
            break
    return best


def _numeric_month_day(m: re.Match[str]) -> tuple[int, int] | None:
    """(month, day) of "18/11/2024" or "11/18/2024"; None when both orders are possible."""
    a, b = int(m.group("a")), int(m.group("b"))
    if a > 12 >= b:
        return b, a
    if b > 12 >= a:
        return a, b
    return None


def written_date(text: str) -> tuple[dt.date, int] | None:
    """The first written date in ``text`` and where it ends."""
    found = _written_date_at(text)
    return (found[0], found[2]) if found else None


def month_day(text: str) -> tuple[int, int, int] | None:
    """The last month and day written without a year in ``text`` ("September 10", "June12"),
    as (month, day, where it ends)."""
    for m in reversed(list(_MD.finditer(text))):
        month, day = _month(m.group("mon")), int(m.group("day"))
        if month and 1 <= day <= 31:
            return month, day, m.end()
    return None


def _clock_of(m: re.Match[str]) -> dt.time | None:
    hour = int(m.group("h") or m.group("hd"))
    minute = int(m.group("m") or m.group("md"))
    second = int(m.group("s") or 0)
    ampm = (m.group("ampm") or "").lower()
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    return dt.time(hour, minute, second)


def written_clock(text: str) -> tuple[dt.time, int] | None:
    """A time of day written in ``text`` ("10:16 AM", "13:20", "22:14:56", "4.34pm") and where it ends."""
    m = _CLOCK.search(text)
    if not m:
        return None
    clock = _clock_of(m)
    return (clock, m.end()) if clock is not None else None


def read_stamp(text: str) -> Stamp | None:
    """Read the first date of one metadata value or visible line, with its time and zone.

    ISO 8601 and RFC 822 values keep their own offset. A written date takes the clock right
    after it ("Feb 16,2020 10:16 AM") or, failing that, right before it ("10:08, November 19,
    2020"), and the zone written after that clock or after the date.
    """
    text = _norm(text)
    if not text:
        return None
    if _ISO.match(text):
        text = _COMPACT_OFFSET.sub(r"\1:\2", text)  # "+0800": Python 3.10's fromisoformat needs "+08:00"
        try:
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            value = None
        if value is not None:
            if len(text) == 10:
                return Stamp(value.date())
            return Stamp(value.date(), value.timetz().replace(tzinfo=None), value.tzinfo)
    if text[:3].isalpha() and "," in text[:5]:
        try:
            rfc = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            rfc = None
        if rfc is not None and rfc.tzinfo is not None:
            return Stamp(rfc.date(), rfc.time(), rfc.tzinfo)
    found = _written_date_at(text)
    if found is None:
        return None
    day, start, end = found
    rest = text[end:]
    gap = _CLOCK_AFTER.match(rest)
    m = _CLOCK.match(rest, gap.end()) if gap else None
    if m is not None and _clock_of(m) is not None:
        return Stamp(day, _clock_of(m), _zone_in(rest[m.end():]))
    before = _CLOCK_BEFORE.search(text[:start])
    if before is not None and _clock_of(before) is not None:
        return Stamp(day, _clock_of(before), _zone_in(before.group("zone") or rest))
    return Stamp(day, None, _zone_in(rest))


def parse_date(text: str, zone: dt.tzinfo | None = None) -> dt.datetime | dt.date | None:
    """Read a date (and time) from one metadata value or info line.

    A clock time without a zone of its own is read in ``zone``; without any zone, only the
    date is returned because its offset is unknown.
    """
    stamp = read_stamp(text)
    return stamp.value(zone) if stamp is not None else None
