"""The extractor's cascades, each tested on its own, and the seed end to end."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchidx.clean import clean
from searchidx.extract.dates import SOURCE_TIME_ZONES
from searchidx.extract.article import (
    AGENCIES,
    HOST_SOURCES,
    extract,
    extract_date,
    extract_dateline,
    extract_source,
    extract_title,
)
from searchidx.models import Page

SEED = Path(__file__).resolve().parents[2] / "corpus" / "000_147f1172ebdf106e.txt"
BEIJING = dt.timezone(dt.timedelta(hours=8))
MOSCOW = dt.timezone(dt.timedelta(hours=3))


def page(body: str = "", **kw: object) -> Page:
    return Page(path="p.txt", body=body, **kw)  # type: ignore[arg-type]


def test_seed_end_to_end() -> None:
    art = extract(clean(SEED.read_text(encoding="utf-8"), path="seed.txt"))
    assert art.title == "Chinese, Russian FMs pledge mutual support on core interests"
    assert art.date_iso() == "2020-02-16T10:16:00+08:00"
    assert (art.source, art.dateline) == ("Xinhua", "MUNICH")
    assert art.body.startswith("MUNICH — State Councilor") and art.body.endswith("jointly play their roles.")
    assert art.path == "seed.txt"


# --- title


def test_title_prefers_the_cleaners_title() -> None:
    assert extract_title(page(title="Headline", meta=(("og:title", "Other"),))) == "Headline"


def test_title_strips_site_name_suffixes() -> None:
    assert extract_title(page(title="Talks held • President of Russia")) == "Talks held"
    meta = (("og:site_name", "Daily Planet"), ("og:title", "Talks held | Daily Planet"))
    assert extract_title(page(meta=meta)) == "Talks held"


def test_title_missing() -> None:
    assert extract_title(page("body")) is None
    assert extract_title(page(title="President of Russia", meta=(("og:site_name", "President of Russia"),))) is None


# --- date


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


def test_every_source_zone_is_a_known_source() -> None:
    names = {name for name, _ in AGENCIES} | set(HOST_SOURCES.values())
    assert set(SOURCE_TIME_ZONES) <= names


# --- source


@pytest.mark.parametrize(("p", "expected"), [
    (page(info=("Updated: Feb 16,2020 10:16 AM Xinhua",)), "Xinhua"),
    (page(info=("Source: China Daily",)), "China Daily"),
    (page(info=("Source: Astana Times",)), "Astana Times"),
    (page(info=("Updated: Feb 16,2020 10:16 AM english.gov.cn",)), "english.gov.cn"),
    (page(info=("Source: www.chinadaily.com.cn",)), "China Daily"),
    (page("BEIJING, Feb. 15 (Xinhua) -- Text."), "Xinhua"),
    (page("LOS ANGELES, Sept. 28 (UPI) — Text."), "UPI"),
    (page("MOSCOW, June 5. /TASS/. Text."), "TASS"),
    (page("ALMATY, Kazakhstan (AP) — Text."), "AP"),
    (page("ASTANA, March 3 (Kazinform) - Text."), "Kazinform"),
    (page("NEW YORK, March 3 - Text.\n\nMore text.\n Reuter"), "Reuters"),
    (page("Text. (Reporting by Jane Doe; Editing by John Roe)"), "Reuters"),
    (page(meta=(("og:site_name", "President of Russia"),)), "Kremlin"),
    (page(meta=(("og:site_name", "Daily Planet"),)), "Daily Planet"),
    (page(url="https://www.state.gov/briefings/"), "U.S. Department of State"),
    (page(meta=(("og:url", "http://en.kremlin.ru/events/president/news/1"),)), "Kremlin"),
    (page("Wang said AP and AM are letters."), None),
    (page("Text.", info=("Photo: AP", "Updated: Feb 16,2020 10:16 AM Xinhua")), "Xinhua"),
])
def test_source(p: Page, expected: str | None) -> None:
    assert extract_source(p) == expected


# --- dateline


@pytest.mark.parametrize(("body", "expected"), [
    ("MUNICH — State Councilor Wang Yi met Lavrov.", "MUNICH"),
    ("BEIJING, Feb. 15 (Xinhua) -- Text.", "BEIJING"),
    ("WASHINGTON, March 3 - Text.", "WASHINGTON"),
    ("ROCHESTER, N.Y., March 3 - Text.", "ROCHESTER, N.Y."),
    ("MINNETONKA, Minn. March 16 - Text.", "MINNETONKA, Minn."),
    ("NEW YORK , March 20 - Text.", "NEW YORK"),
    ("NEW YORK, MARCH 11 - Text.", "NEW YORK"),
    ("CHICAGO, March 4- Text.", "CHICAGO"),
    ("MONTREAL, March 20, Reuter - Text.", "MONTREAL"),
    ("FORT WORTH, Texas, - Text.", "FORT WORTH, Texas"),
    ("omaha, april 7 - barrow prices rose.", "omaha"),
    ("Toronto, March 17 - Text.", "Toronto"),
    ("LOS ANGELES, Sept. 28 (UPI) — Text.", "LOS ANGELES"),
    ("MOSCOW, June 5. /TASS/. Text.", "MOSCOW"),
    ("PARIS (AFP) - Text.", "PARIS"),
    ("****PARIS, June 19 - Text.", "PARIS"),
    ("A photo caption.\n\nASTANA, May 5 (Xinhua) -- Text.", "ASTANA"),
    ("NEWPORT NEWS, Va. - Text.", "NEWPORT NEWS, Va."),
    ("IOWA POLLS NOT NECESSARILY WRONG, JUST TOO EARLY - Mark Blumenthal wrote.", None),
    ("Wang said that Russia - and China - agree.", None),
    ("SECRETARY BLINKEN: Thank you.", None),
    ("The company said - in a statement - it agreed.", None),
    ("", None),
])
def test_dateline_from_body(body: str, expected: str | None) -> None:
    assert extract_dateline(page(body)) == expected


def test_dateline_prefers_the_pages_place() -> None:
    p = page("MOSCOW, June 5 - Text.", meta=(("place", "The Kremlin,\u00a0Moscow"),))
    assert extract_dateline(p) == "The Kremlin, Moscow"


def test_extract_fills_url_and_speakers_type() -> None:
    art = extract(page("Text.", meta=(("og:url", "http://en.kremlin.ru/events/president/news/1"),)))
    assert art.url == "http://en.kremlin.ru/events/president/news/1"
    assert isinstance(art.speakers, tuple)


def test_extract_uses_the_creator_and_title_of_a_release() -> None:
    p = page("MR PRICE: Good afternoon.\n\nQUESTION: Ned?\n\nMR PRICE: Yes.",
             title="Department Press Briefing", meta=(("creator", "Ned Price, Department Spokesperson"),))
    art = extract(p)
    assert art.speakers == ("Ned Price",)
    assert {(s.speaker, s.role) for s in art.statements} == {("Ned Price", "Department Spokesperson")}


def test_a_reporters_name_in_author_is_no_hint() -> None:
    art = extract(page("Smith said the talks went well. Smith added more.", meta=(("author", "Jane Smith"),)))
    assert "Jane Smith" not in art.speakers


# --- golden corpus: small real articles with their expected records (regenerate with
# `python tests/golden/regen.py` and review the diff)

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def _regen_module() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location("golden_regen", GOLDEN / "regen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGEN = _regen_module()


@pytest.mark.parametrize("path", REGEN.inputs(), ids=lambda p: p.name)  # type: ignore[attr-defined]
def test_golden(path: Path) -> None:
    expected = json.loads(REGEN.expected_path(path).read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    assert REGEN.records(path) == expected  # type: ignore[attr-defined]


def test_every_golden_input_has_expectations() -> None:
    names = {p.name for p in GOLDEN.iterdir()}
    assert {"000_147f1172ebdf106e.txt", "wire-almaty.txt", "state-department.jsonl"} <= names
    assert all(p.name + ".json" in names for p in REGEN.inputs())  # type: ignore[attr-defined]


def test_extract_carries_the_record_number() -> None:
    assert extract(page("Text.", record=3)).record == 3


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300) | st.lists(st.sampled_from(
    ["WASHINGTON", ", ", "March 3", " - ", "(Xinhua)", " -- ", "/TASS/.", "Updated: ", "Feb 16,2020 10:16 AM",
     "\n\n", "Reuter", "****", "N.Y.", " ", "10:16", "GMT+8", "2020-02-16T10:16", "Z"]), max_size=20).map("".join))
def test_extraction_never_raises(raw: str) -> None:
    p = clean(raw)
    meta = (("time", raw[:40]), ("published_iso", raw[:30]), ("og:url", raw), ("time_text", raw[:50]))
    for pg in (p, Page(path="x", body=p.body, info=(raw[:80],), meta=meta, url=raw[:50])):
        art = extract(pg)
        assert art.date is None or isinstance(art.date, (dt.date, dt.datetime))
        if isinstance(art.date, dt.datetime):
            assert art.date.tzinfo is not None
