"""Merging name variants for stats."""

from __future__ import annotations

from collections import Counter

from searchidx.searching.tally import merge_people, merge_spellings


def test_spellings_merge_under_the_most_frequent() -> None:
    got = merge_spellings(Counter({"Washington, D.C.": 21, "Washington, DC": 9, "WASHINGTON, D.C.": 4, "Beijing": 3}))
    assert got == Counter({"Washington, D.C.": 34, "Beijing": 3})


def test_bare_surname_and_middle_initial_join_the_full_name() -> None:
    got = merge_people(Counter({"Ned Price": 79, "Price": 42, "Blinken": 47, "Antony J. Blinken": 22, "Antony Blinken": 13}))
    assert got == Counter({"Ned Price": 121, "Antony J. Blinken": 82})


def test_family_name_first_bare_name_joins() -> None:
    assert merge_people(Counter({"Wang Yi": 3, "Wang": 2})) == Counter({"Wang Yi": 5})


def test_ambiguous_bare_name_stays_apart() -> None:
    counts = Counter({"Kim Jong Un": 2, "Kim Yo Jong": 1, "Kim": 4})
    assert merge_people(counts) == counts


def test_different_people_with_one_surname_stay_apart() -> None:
    counts = Counter({"Joe Biden": 3, "Jill Biden": 1})
    assert merge_people(counts) == counts
