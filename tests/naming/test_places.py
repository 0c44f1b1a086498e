"""Datelines and sources: one place or source however it is written, and close values for a miss."""

from __future__ import annotations

from collections import Counter

import pytest

from searchidx.naming.keys import place_key
from searchidx.naming.places import (close_values, matching_datelines, matching_sources, merged_datelines,
                                     merged_sources)
from searchidx.naming.rules import RENAMED_PLACES, SOURCE_ALIASES

DATELINES = ["Munich, Germany", "MUNICH", "Berlin, Germany", "The Kremlin, Moscow", "Astana", "Nur-Sultan",
             "Washington, D.C.", "WASHINGTON, DC", "Washington D.C.", "Kiev"]


@pytest.mark.parametrize("value, expected", [
    ("Munich", {"Munich, Germany", "MUNICH"}),
    ("MUNICH, Germany", {"Munich, Germany", "MUNICH"}),
    ("Germany", {"Munich, Germany", "Berlin, Germany"}),
    ("Moscow", {"The Kremlin, Moscow"}),
    ("Kremlin", {"The Kremlin, Moscow"}),
    ("Nur-Sultan", {"Astana", "Nur-Sultan"}),
    ("astana", {"Astana", "Nur-Sultan"}),
    ("Kyiv", {"Kiev"}),
    ("Washington", {"Washington, D.C.", "WASHINGTON, DC", "Washington D.C."}),
    ("Paris", set()),
])
def test_a_dateline_filter_matches_every_spelling_of_the_place(value: str, expected: set[str]) -> None:
    assert set(matching_datelines(value, DATELINES)) == expected


@pytest.mark.parametrize("old, new", sorted(RENAMED_PLACES.items()))
def test_renamed_places_share_a_key(old: str, new: str) -> None:
    assert place_key(old.title()) == place_key(new.title()) == new


def test_dateline_counts_merge_under_the_place_s_best_spelling() -> None:
    got = merged_datelines(Counter({"Munich, Germany": 3, "MUNICH": 1, "Nur-Sultan": 2, "Astana": 1,
                                    "Washington, D.C.": 21, "Washington, DC": 9, "WASHINGTON, D.C.": 4}))
    assert got == Counter({"Washington, D.C.": 34, "Munich, Germany": 4, "Astana": 3})


@pytest.mark.parametrize("value", ["State Department", "state.gov", "https://www.state.gov/", "U.S. Department of State",
                                   "us department of state", "Department of State"])
def test_a_source_filter_matches_what_people_call_it(value: str) -> None:
    assert matching_sources(value, ["U.S. Department of State", "Kremlin", "Xinhua News Agency"]) == (
        "U.S. Department of State",)


def test_a_source_filter_matches_a_run_of_the_stored_name_s_words() -> None:
    assert matching_sources("xinhua", ["Xinhua News Agency", "Kremlin"]) == ("Xinhua News Agency",)
    assert matching_sources("News", ["Kremlin"]) == ()


def test_every_source_alias_row_is_one_source() -> None:
    for row in SOURCE_ALIASES:
        assert len(merged_sources(Counter(dict.fromkeys(row, 1)))) == 1, row


def test_close_values_for_a_misspelling() -> None:
    assert close_values("Munchen", ["Munich, Germany", "Beijing", "Moscow"])[:1] == ("Munich, Germany",)
    assert close_values("Xinhau", ["Xinhua", "Kremlin"]) == ("Xinhua",)
    assert close_values("Zzyzx", ["Xinhua", "Kremlin"]) == ()
