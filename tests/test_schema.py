"""Analysis: what a piece of text becomes in the index (no index needed)."""

from __future__ import annotations

import pytest

from searchidx.schema import STOP_WORDS, name_analyzer, text_analyzer


def words(text: str) -> list[str]:
    return [t.text for t in text_analyzer()(text)]


@pytest.mark.parametrize(
    ("place", "demonym"),
    [("Central Asia", "Central Asian"), ("Russia", "Russian"), ("China", "Chinese"), ("China", "Sino-"),
     ("Ukraine", "Ukrainians"), ("Europe", "European")],
)
def test_places_fold_with_their_demonyms(place: str, demonym: str) -> None:
    assert words(place) == words(demonym)[: len(words(place))]


def test_stemming_joins_word_forms_porter2() -> None:
    assert words("policies") == words("policy")
    assert words("negotiations") == words("negotiated")
    assert words("generous") != words("generate")  # Porter (1980) stems both to "gener"


def test_stop_words_are_dropped() -> None:
    assert words("the talks of a minister") == words("talks minister")
    assert not STOP_WORDS & set(words(" ".join(sorted(STOP_WORDS))))


def test_accents_fold_and_names_are_not_stemmed() -> None:
    assert words("Sergeï Lavróv") == ["sergei", "lavrov"]
    assert [t.text for t in name_analyzer()("Antony Blinken")] == ["antony", "blinken"]
