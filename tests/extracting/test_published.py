"""searchidx.extracting.published: the publication date cascade."""

from __future__ import annotations

import datetime as dt

import pytest

from searchidx.extracting.published import extract_date, url_date
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




# --- the visible date first, metadata to complete it

UTC = dt.timezone.utc


def test_a_visible_date_line_beats_metadata_of_another_day() -> None:
    p = page(meta=(("jsonld:datepublished", "2012-05-10T08:00:00Z"), ("date_line", "Published 24 April 2026")))
    assert extract_date(p) == dt.date(2026, 4, 24)


def test_a_published_date_beats_an_updated_one_in_the_same_line() -> None:
    p = page(meta=(("date_line", "Jane Roe Updated March 5, 2024 6:39pm | Published March 4, 2024 11:21am"),
                   ("article:published_time", "2024-03-04T11:21:03+00:00")))
    assert extract_date(p) == dt.datetime(2024, 3, 4, 11, 21, 3, tzinfo=UTC)


def test_first_published_beats_the_unlabelled_update_above_it() -> None:
    p = page(meta=(("date_line", "Mon 6 May 2024 12.50 BST"), ("date_line", "First published on Mon 6 May 2024 05.38 BST"),
                   ("article:published_time", "2024-05-06T11:50:54Z")))
    assert extract_date(p).isoformat() == "2024-05-06T05:38:00+01:00"  # type: ignore[union-attr]


def test_metadata_gives_the_visible_clock_its_offset() -> None:
    p = page(meta=(("date_line", "Tue, 5 March 2024 9:27PM"), ("time", "2024-03-05T13:27:18Z")))
    assert extract_date(p).isoformat() == "2024-03-05T21:27:18+08:00"  # type: ignore[union-attr]


def test_a_zone_label_an_hour_off_the_metadata_instant_is_overruled() -> None:
    # summer time printed as "CET": the instant says +02:00
    p = page(meta=(("date_line", "June 3, 2025 5:50 pm CET"), ("article:published_time", "2025-06-03T15:50:00Z")))
    assert extract_date(p).isoformat() == "2025-06-03T17:50:00+02:00"  # type: ignore[union-attr]


def test_a_zone_label_is_kept_when_the_metadata_is_another_moment() -> None:
    p = page(meta=(("date_line", "June 3, 2025 5:50 pm CEST"), ("article:published_time", "2025-06-04T09:13:00Z")))
    assert extract_date(p).isoformat() == "2025-06-03T17:50:00+02:00"  # type: ignore[union-attr]


def test_a_visible_date_without_clock_takes_the_metadata_time_of_that_day() -> None:
    p = page(meta=(("date_line", "15 November 2023"), ("time", "2023-11-15T19:00:00+02:00")))
    assert extract_date(p).isoformat() == "2023-11-15T19:00:00+02:00"  # type: ignore[union-attr]


def test_json_ld_date_when_nothing_else() -> None:
    p = page(meta=(("jsonld:datemodified", "2024-07-30T10:00:00Z"), ("jsonld:datepublished", "2022-10-10T13:21:17Z")))
    assert extract_date(p).isoformat() == "2022-10-10T13:21:17+00:00"  # type: ignore[union-attr]


# --- the headline and the URL, last


def test_a_date_ending_the_headline() -> None:
    assert extract_date(page(title="Spokesperson's Regular Press Conference on July 5, 2018")) == dt.date(2018, 7, 5)
    assert extract_date(page(title="Spokesperson's Regular Press Conference on June12, 2018")) == dt.date(2018, 6, 12)


def test_a_date_inside_the_headline_is_not_its_date() -> None:
    assert extract_date(page(title="Talks set for July 5, 2018 are called off")) is None


def test_a_headline_date_without_year_takes_it_only_from_other_evidence() -> None:
    assert extract_date(page(title="Regular Press Conference on September 10")) is None
    p = page(title="Regular Press Conference on September 10", url="https://example.org/2018/09/10/briefing.html")
    assert extract_date(p) == dt.date(2018, 9, 10)


def test_a_visible_or_metadata_date_beats_the_headline() -> None:
    p = page(title="Remarks on July 5, 2018", info=("Updated: July 6, 2018",))
    assert extract_date(p) == dt.date(2018, 7, 6)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/2023/04/28/story-slug/", dt.date(2023, 4, 28)),
    ("https://example.org/world/2024/feb/24/story", dt.date(2024, 2, 24)),
    ("https://example.org/news/2025-11-10-story-slug/", dt.date(2025, 11, 10)),
    ("https://example.org/world/story-20260701-p60bhj.html", dt.date(2026, 7, 1)),
    ("https://example.org/articleshow/112898501.cms", None),
    ("https://example.org/2024/07/story", None),
    (None, None),
])
def test_url_date(url: str | None, expected: dt.date | None) -> None:
    assert url_date(url) == expected


# --- what a visible date must not override


def test_a_last_updated_line_does_not_beat_the_metadata() -> None:
    meta = (("time", "2013-03-18"), ("time_text", "March 18, 2013, 11:00"),
            ("date_line", "Last updated at March 20, 2015, 18:01"))
    assert extract_date(page(meta=meta, url="http://en.kremlin.ru/events/president/news/1")).isoformat() == (  # type: ignore[union-attr]
        "2013-03-18T11:00:00+04:00")


def test_an_updated_line_is_the_date_when_nothing_else_is() -> None:
    assert extract_date(page(meta=(("date_line", "Updated March 20, 2015"),))) == dt.date(2015, 3, 20)


def test_an_event_date_under_the_headline_loses_to_a_confirmed_time_element() -> None:
    meta = (("time", "2016-03-01"), ("time_text", "March 1, 2016"), ("date_line", "Announcement, March 2, 2016"))
    assert extract_date(page(meta=meta)) == dt.date(2016, 3, 1)


def test_a_publication_date_label_beats_an_unlabelled_line() -> None:
    meta = (("date_line", "Announcement, June 20, 2017"), ("date_line", "Publication date: June 16, 2017"))
    assert extract_date(page(meta=meta)) == dt.date(2017, 6, 16)


def test_a_date_alone_in_the_text_does_not_beat_a_records_date() -> None:
    p = page(meta=(("published_iso", "2021-06-23T11:10:51+00:00"),), info=("March 11, 2021",))
    assert extract_date(p).isoformat() == "2021-06-23T11:10:51+00:00"  # type: ignore[union-attr]
