"""The extractor's cascades, each tested on its own, and the seed end to end."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchidx.cleaning import clean
from searchidx.extracting.article import extract
from searchidx.models import Page

SEED = Path(__file__).resolve().parents[2] / "corpus" / "000_147f1172ebdf106e.txt"


def page(body: str = "", **kw: object) -> Page:
    return Page(path="p.txt", body=body, **kw)  # type: ignore[arg-type]


def test_seed_end_to_end() -> None:
    art = extract(clean(SEED.read_text(encoding="utf-8"), path="seed.txt"))
    assert art.title == "Chinese, Russian FMs pledge mutual support on core interests"
    assert art.date_iso() == "2020-02-16T10:16:00+08:00"
    assert (art.source, art.dateline) == ("Xinhua", "MUNICH")
    assert art.body.startswith("MUNICH — State Councilor") and art.body.endswith("jointly play their roles.")
    assert art.path == "seed.txt"


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
