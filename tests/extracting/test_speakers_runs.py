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


def test_a_place_after_of_is_no_part_of_the_name_but_a_role_after_of_is() -> None:
    runs = Runs("Rep. Peter T. King of New York said it. Minister of Foreign Affairs Sergey Lavrov said it. "
                "The UN Personal Envoy of the Secretary-General Staffan de Mistura said it.")
    for index in range(len(runs.runs)):
        runs.parse(index)
    assert [(m.name, m.role) for m in runs.mentions()] == [
        ("Peter T. King", "Rep."), ("Sergey Lavrov", "Minister of Foreign Affairs"),
        ("Staffan de Mistura", "UN Personal Envoy of the Secretary-General")]


def test_possessives_end_a_name_after_a_full_stop_or_a_bare_apostrophe() -> None:
    runs = Runs("It was as bad as Donald J. Trump's. Bernie Sanders\u2019 bill passed. Adm. Harry B. Harris spoke.")
    for index in range(len(runs.runs)):
        runs.parse(index)
    assert [(m.name, m.role) for m in runs.mentions()] == [
        ("Donald J. Trump", ""), ("Bernie Sanders", ""), ("Harry B. Harris", "Adm.")]


def test_words_the_text_writes_in_lower_case_open_no_long_name() -> None:
    text = "The ambassador for religious freedom spoke. Ambassador for International Religious Freedom Rashad Noor spoke."
    runs = Runs(text)
    for index in range(len(runs.runs)):
        runs.parse(index)
    assert [m.name for m in runs.mentions()] == ["Rashad Noor"]
