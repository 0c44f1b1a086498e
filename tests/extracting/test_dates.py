"""Tests for searchidx.extracting.dates: one written date or time read at a time, in the right zone."""

from __future__ import annotations

import datetime as dt

import pytest

from searchidx.extracting.dates import Stamp, month_day, parse_date, read_stamp, written_clock, written_date

BEIJING = dt.timezone(dt.timedelta(hours=8))
MOSCOW = dt.timezone(dt.timedelta(hours=3))


@pytest.mark.parametrize(("text", "expected"), [
    ("Feb 16,2020 10:16 AM    Xinhua", dt.datetime(2020, 2, 16, 10, 16, tzinfo=BEIJING)),
    ("2021-05-20T22:14:56+00:00", dt.datetime(2021, 5, 20, 22, 14, 56, tzinfo=dt.timezone.utc)),
    ("2021-05-20T22:14:56Z", dt.datetime(2021, 5, 20, 22, 14, 56, tzinfo=dt.timezone.utc)),
    ("Thu, 20 May 2021 22:14:56 +0000", dt.datetime(2021, 5, 20, 22, 14, 56, tzinfo=dt.timezone.utc)),
    ("2020-02-16", dt.date(2020, 2, 16)),
    ("16 February 2020", dt.date(2020, 2, 16)),
    ("March 16, 2000, 1:20 PM", dt.datetime(2000, 3, 16, 13, 20, tzinfo=BEIJING)),
    ("2020/02/16 12:05 AM", dt.datetime(2020, 2, 16, 0, 5, tzinfo=BEIJING)),
    ("2020-02-16 10:16 GMT+3", dt.datetime(2020, 2, 16, 10, 16, tzinfo=MOSCOW)),
    ("Feb 16, 2020 10:16 Moscow time", dt.datetime(2020, 2, 16, 10, 16, tzinfo=MOSCOW)),
    ("March 3 - no year", None),
    ("", None),
    ("Feb 30, 2020", None),
])
def test_parse_date(text: str, expected: dt.date | None) -> None:
    got = parse_date(text, dt.timezone(dt.timedelta(hours=8)))
    assert got == expected
    assert type(got) is type(expected)


def test_parse_date_without_zone_keeps_only_the_date() -> None:
    assert parse_date("Feb 16,2020 10:16 AM") == dt.date(2020, 2, 16)


def test_zones_fall_back_to_fixed_offsets_without_the_zone_database(monkeypatch: pytest.MonkeyPatch) -> None:
    from zoneinfo import ZoneInfoNotFoundError

    import searchidx.extracting.dates as dates

    def missing(name: str) -> object:
        raise ZoneInfoNotFoundError(name)

    monkeypatch.setattr(dates, "ZoneInfo", missing)
    assert dates.zone_named("Asia/Shanghai") == BEIJING
    assert dates.zone_named("Europe/Moscow") == MOSCOW
    assert parse_date("Feb 16,2020 10:16 AM", dates.zone_named("Asia/Shanghai")).isoformat() == (  # type: ignore[union-attr]
        "2020-02-16T10:16:00+08:00")


@pytest.mark.parametrize(("text", "expected"), [
    ("Updated: 16 Feb 2020", dt.date(2020, 2, 16)),
    ("2020/2/16", dt.date(2020, 2, 16)),
    ("Feb. 16th, 2020", dt.date(2020, 2, 16)),
    ("no date here", None),
])
def test_written_date(text: str, expected: dt.date | None) -> None:
    found = written_date(text)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("10:16 AM", dt.time(10, 16)), ("12:05 am", dt.time(0, 5)), ("1:20 P.M.", dt.time(13, 20)),
    ("22:14:56", dt.time(22, 14, 56)), ("13:20 PM", None), ("2020", None),
])
def test_written_clock(text: str, expected: dt.time | None) -> None:
    found = written_clock(text)
    assert (found[0] if found else None) == expected


# --- the forms news sites print under a headline (invented stories, real layouts)

IST = dt.timezone(dt.timedelta(hours=5, minutes=30))
UTC = dt.timezone.utc


@pytest.mark.parametrize(("text", "expected"), [
    ("Jane Roe / EXAMPLE.COM / Mar 4, 2024, 17:07 IST", dt.datetime(2024, 3, 4, 17, 7, tzinfo=IST)),
    ("Updated: Oct 9, 2019, 11:05 IST", dt.datetime(2019, 10, 9, 11, 5, tzinfo=IST)),
    ("Thu 7 Mar 2024 12.42 CET", dt.datetime(2024, 3, 7, 12, 42, tzinfo=dt.timezone(dt.timedelta(hours=1)))),
    ("First published on Mon 6 May 2024 05.38 BST", dt.datetime(2024, 5, 6, 5, 38, tzinfo=dt.timezone(dt.timedelta(hours=1)))),
    ("Friday 1 March 2024 08:49 GMT", dt.datetime(2024, 3, 1, 8, 49, tzinfo=UTC)),
    ("Published Tue, Apr 2 20249:15 AM EDTUpdated 2 Hours Ago", dt.datetime(2024, 4, 2, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=-4)))),
    ("3:10 pm KST, June 5, 2023", dt.datetime(2023, 6, 5, 15, 10, tzinfo=dt.timezone(dt.timedelta(hours=9)))),
    ("June 5, 2023 3:10 pm JST", dt.datetime(2023, 6, 5, 15, 10, tzinfo=dt.timezone(dt.timedelta(hours=9)))),
    ("June 5, 2023 15:10 MSK", dt.datetime(2023, 6, 5, 15, 10, tzinfo=MOSCOW)),
    ("June 5, 2023 15:10 CEST", dt.datetime(2023, 6, 5, 15, 10, tzinfo=dt.timezone(dt.timedelta(hours=2)))),
    ("Jan 5, 2023 9:00 EST", dt.datetime(2023, 1, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))),
    ("June 5, 2023 10:00 Beijing time", dt.datetime(2023, 6, 5, 10, 0, tzinfo=BEIJING)),
    ("( Xinhua ) 10:08, November 19, 2020", dt.datetime(2020, 11, 19, 10, 8, tzinfo=BEIJING)),
    ("Updated20:49, 5 Aug 2024", dt.datetime(2024, 8, 5, 20, 49, tzinfo=BEIJING)),
    ("12:20pm Jan 7, 2024", dt.datetime(2024, 1, 7, 12, 20, tzinfo=BEIJING)),
    ("21 May 2025 - 14:19", dt.datetime(2025, 5, 21, 14, 19, tzinfo=BEIJING)),
    ("April 1 2023, 10:00 a.m.", dt.datetime(2023, 4, 1, 10, 0, tzinfo=BEIJING)),
    ("November 10, 2025 at 06:21 pm", dt.datetime(2025, 11, 10, 18, 21, tzinfo=BEIJING)),
    ("June 30, 2026 - 4.34pm", dt.datetime(2026, 6, 30, 16, 34, tzinfo=BEIJING)),
    ("2024-11-26T21:27+0800", dt.datetime(2024, 11, 26, 21, 27, tzinfo=BEIJING)),
    # a decimal number is no clock, and "EST" inside a word is no zone
    ("March 3, 2024 rose 12.42 percent", dt.date(2024, 3, 3)),
    ("March 3, 2024 10:00 ESTONIA", dt.datetime(2024, 3, 3, 10, 0, tzinfo=BEIJING)),
])
def test_parse_date_reads_news_sites_forms(text: str, expected: dt.date) -> None:
    assert parse_date(text, BEIJING) == expected


def test_a_clock_far_from_its_date_is_not_its_time() -> None:
    assert read_stamp("March 3, 2024. The talks begin at 10:00 on Monday.") == Stamp(dt.date(2024, 3, 3))


@pytest.mark.parametrize(("text", "expected"), [
    ("Regular Press Conference on September 10", (9, 10)),
    ("Press Conference on June12", (6, 12)),
    ("Remarks on September 10, 2019", None),
    ("no month here 10", None),
])
def test_month_day_without_a_year(text: str, expected: tuple[int, int] | None) -> None:
    found = month_day(text)
    assert (found[:2] if found else None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Published on 18/11/2024 - 10:30 GMT+1", dt.datetime(2024, 11, 18, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))),
    ("11/18/2024 4:00 PM EST", dt.datetime(2024, 11, 18, 16, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))),
    ("05/06/2024", None),  # the 5th of June or May 6th: not guessed
    ("version 1.2.2024", None),
])
def test_numeric_dates_only_when_unambiguous(text: str, expected: dt.datetime | None) -> None:
    assert parse_date(text, BEIJING) == expected
