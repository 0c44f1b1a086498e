"""Tests for searchidx.extracting.dates: one written date or time read at a time, in the right zone."""

from __future__ import annotations

import datetime as dt

import pytest

from searchidx.extracting.dates import parse_date, written_clock, written_date

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
