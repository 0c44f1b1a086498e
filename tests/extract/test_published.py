"""searchidx.extract.published: the publication date cascade."""

from __future__ import annotations

import datetime as dt

from searchidx.extract.published import extract_date
from searchidx.models import Page

BEIJING = dt.timezone(dt.timedelta(hours=8))
MOSCOW = dt.timezone(dt.timedelta(hours=3))


def page(body: str = "", **kw: object) -> Page:
    return Page(path="p.txt", body=body, **kw)  # type: ignore[arg-type]


def test_date_from_info_line_in_the_sources_zone() -> None:
    p = page("Text.", info=("Updated: Feb 16,2020 10:16 AM Xinhua",))
    assert extract_date(p) == dt.datetime(2020, 2, 16, 10, 16, tzinfo=BEIJING)
    assert extract_date(p).isoformat() == "2020-02-16T10:16:00+08:00"  # type: ignore[union-attr]


def test_date_from_jsonl_keeps_utc() -> None:
    p = page(meta=(("pubdate", "Thu, 20 May 2021 22:14:56 +0000"), ("published_iso", "2021-05-20T22:14:56+00:00")),
             url="https://www.state.gov/x/")
    assert extract_date(p).isoformat() == "2021-05-20T22:14:56+00:00"  # type: ignore[union-attr]


def test_kremlin_date_gets_moscow_time_of_its_year() -> None:
    meta = (("og:site_name", "President of Russia"), ("datepublished", "2012-12-17"), ("time", "2012-12-17"),
            ("time_text", "December 17, 2012, 16:10"), ("time", "2015-03-20"), ("time_text", "March 20, 2015, 18:01"))
    assert extract_date(page(meta=meta)).isoformat() == "2012-12-17T16:10:00+04:00"  # type: ignore[union-attr]
    winter = (("og:url", "http://en.kremlin.ru/events/president/news/1"), ("time", "2000-03-16"),
              ("time_text", "13:20"))
    assert extract_date(page(meta=winter)).isoformat() == "2000-03-16T13:20:00+03:00"  # type: ignore[union-attr]


def test_a_photos_date_published_does_not_beat_the_pages_time() -> None:
    meta = (("og:site_name", "President of Russia"), ("datepublished", "2005-10-07"), ("time", "2005-10-06"),
            ("time_text", "October 6, 2005"), ("time_text", "October 6, 2005, 23:00"))
    assert extract_date(page(meta=meta)).isoformat() == "2005-10-06T23:00:00+04:00"  # type: ignore[union-attr]


def test_date_from_a_source_line() -> None:
    p = page("Text.", info=("Source: Xinhua | 2020-02-16 10:16:49 | Editor: huaxia",))
    assert extract_date(p).isoformat() == "2020-02-16T10:16:49+08:00"  # type: ignore[union-attr]


def test_time_without_known_zone_gives_a_date() -> None:
    assert extract_date(page(info=("Published: March 3, 2020 10:00",))) == dt.date(2020, 3, 3)


def test_wire_dateline_never_invents_a_year() -> None:
    assert extract_date(page("WASHINGTON, March 3 - Text.")) is None


