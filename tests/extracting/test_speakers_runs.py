"""Runs: capitalised runs parsed into person mentions, lazily and once."""

from __future__ import annotations

from searchidx.extracting.speakers.runs import Runs, looking_back


def names(runs: Runs) -> list[tuple[str, str, bool]]:
    return [(m.name, m.role, m.subject) for m in runs.mentions()]


def test_runs_are_parsed_only_when_asked_with_roles_and_subjects() -> None:
    runs = Runs("State Councilor and Foreign Minister Wang Yi spoke with Sergei Lavrov.")
    assert runs.mentions() == []
    for index in range(len(runs.runs)):
        runs.parse(index)
    assert names(runs) == [("Wang Yi", "State Councilor and Foreign Minister", True), ("Sergei Lavrov", "", False)]


def test_a_run_is_cut_at_possessives_and_and() -> None:
    runs = Runs("Putin's aide Yuri Ushakov and Dmitry Peskov spoke.")
    for index in range(len(runs.runs)):
        runs.parse(index)
    assert [m.name for m in runs.mentions()] == ["Putin", "Yuri Ushakov", "Dmitry Peskov"]


def test_parse_sharing_finds_full_forms_of_a_surname() -> None:
    runs = Runs("Antony J. Blinken arrived. Later Blinken spoke.")
    runs.parse_sharing({"blinken"})
    assert "Antony J. Blinken" in [m.name for m in runs.mentions()]


def test_looking_back_gives_the_nearest_person_first_within_reach() -> None:
    text = "Wang Yi met Sergei Lavrov. He said it went well."
    runs = Runs(text)
    pos = text.index("He said")
    assert [m.name for m in looking_back(runs, pos, 100)][:2] == ["Sergei Lavrov", "Wang Yi"]
    assert list(looking_back(runs, pos, 5)) == []


def test_a_possessive_title_word_stays_in_the_role() -> None:
    runs = Runs("President of the People\u2019s Republic of China Xi Jinping spoke.")
    runs.parse(0)
    assert [(m.name, m.role) for m in runs.mentions()] == [("Xi Jinping", "President of the People\u2019s Republic of China")]
