"""The people registry on evidence written for the tests: one entry per person, non-people set aside."""

from __future__ import annotations

import pytest

from searchidx.models import NameEvidence
from searchidx.naming import build_registry
from searchidx.naming.keys import name_tokens
from searchidx.naming.rules import NOT_PEOPLE, TRANSLITERATIONS


def evidence(articles: list[tuple[str, ...]], said: list[tuple[str, str, int]] = (),  # type: ignore[assignment]
             day: str = "2022-02-01") -> NameEvidence:
    """One article per entry of ``articles`` (its speakers), all on ``day``."""
    return NameEvidence(documents=len(articles), people_days=tuple((a, day, 1) for a in articles), said=tuple(said))


def people(ev: NameEvidence) -> dict[str, set[str]]:
    return {p.name: set(p.aliases) for p in build_registry(ev).people}


@pytest.mark.parametrize("variant, form", sorted(TRANSLITERATIONS.items()))
def test_every_transliteration_folds_to_its_form(variant: str, form: str) -> None:
    assert name_tokens(variant.title() + " Petrov") == (form, "petrov")


def test_transliterations_and_bare_family_names_merge() -> None:
    ev = evidence([("Sergei Lavrov",), ("Sergey Lavrov",), ("Sergey Lavrov",), ("Lavrov",), ("Zelensky",),
                   ("Zelenskyy",), ("Yuri Ushakov",), ("Yury Ushakov",), ("Dmitri Peskov", "Peskov")])
    assert people(ev) == {"Sergey Lavrov": {"Sergey Lavrov", "Sergei Lavrov", "Lavrov"},
                          "Zelensky": {"Zelensky", "Zelenskyy"},
                          "Yury Ushakov": {"Yuri Ushakov", "Yury Ushakov"},
                          "Dmitri Peskov": {"Dmitri Peskov", "Peskov"}}


def test_canonical_name_is_the_fullest_well_attested_form() -> None:
    ev = evidence([("Antony J. Blinken",)] * 3 + [("Blinken",)] * 5 + [("Tony Blinken",), ("Antony John Blinken",)])
    (person,) = build_registry(ev).people
    # "Antony John Blinken" is fuller but written once; "Antony J. Blinken" is in three articles.
    assert person.name == "Antony J. Blinken" and person.articles == 10
    assert set(person.aliases) == {"Antony J. Blinken", "Blinken", "Tony Blinken", "Antony John Blinken"}


def test_people_sharing_a_family_name_stay_apart_when_the_text_tells_them_apart() -> None:
    ev = evidence([("Julie J. Chung",), ("Chung",), ("Chung",), ("Hunter Biden",), ("Joe Biden",)],
                  said=[("Julie J. Chung", "Acting Assistant Secretary", 4), ("Chung", "Foreign Minister", 3)])
    got = people(ev)
    assert got["Julie J. Chung"] == {"Julie J. Chung"} and got["Chung"] == {"Chung"}
    assert got["Hunter Biden"] == {"Hunter Biden"} and got["Joe Biden"] == {"Joe Biden"}


def test_a_bare_name_joins_the_full_name_quoted_beside_it() -> None:
    # Two Porters in the index; the articles quoting "Porter" also quote Jalina Porter.
    ev = evidence([("Jalina Porter", "Porter"), ("Jalina Porter", "Porter"), ("Cole Porter",), ("Jalina", "Jalina Porter")])
    got = people(ev)
    assert got["Jalina Porter"] == {"Jalina Porter", "Porter", "Jalina"} and got["Cole Porter"] == {"Cole Porter"}


def test_a_bare_name_between_two_equal_namesakes_stays_apart() -> None:
    ev = evidence([("Anna Smith",), ("John Smith",), ("Smith",)])
    assert people(ev)["Smith"] == {"Smith"}


def test_a_much_more_quoted_namesake_takes_the_bare_name() -> None:
    ev = evidence([("Joe Biden",)] * 6 + [("Hunter Biden",), ("Biden",)])
    assert people(ev)["Joe Biden"] == {"Joe Biden", "Biden"}


@pytest.mark.parametrize("name, role", [
    ("Kabul", "Embassy"), ("Doha", ""), ("Moderna", ""), ("Houthi", ""), ("ISIS-Khorasan", ""), ("Xinhua", ""),
    ("Defend Democracy Globally", ""), ("Federal Reserve", ""), ("IAEA", ""), ("Tokyo Stock Exchange", ""),
])
def test_places_organisations_and_outlets_are_not_people(name: str, role: str) -> None:
    registry = build_registry(evidence([(name, "Ned Price")], said=[(name, role, 1)]))
    assert [p.name for p in registry.people] == ["Ned Price"] and registry.not_people == (name,)


def test_a_place_the_index_uses_as_a_dateline_is_not_a_person() -> None:
    registry = build_registry(evidence([("Samarkand",), ("Jo Ross",)]), places={"samarkand"})
    assert [p.name for p in registry.people] == ["Jo Ross"]


def test_the_gazetteer_is_folded_as_names_are() -> None:
    assert all(key == " ".join(key.split()) and key == key.casefold() for key in NOT_PEOPLE)


def test_counts_dates_and_roles_cover_every_alias() -> None:
    ev = NameEvidence(people_days=((("Sergey Lavrov",), "2020-02-16", 2), (("Lavrov", "Wang Yi"), "2022-07-28", 1)),
                      said=(("Lavrov", "Foreign Minister", 3), ("Sergey Lavrov", "Russian Foreign Minister", 1)))
    lavrov = build_registry(ev).person("Lavrov")
    assert lavrov is not None
    assert (lavrov.name, lavrov.articles, lavrov.statements) == ("Sergey Lavrov", 3, 4)
    assert (lavrov.first_date, lavrov.last_date) == ("2020-02-16", "2022-07-28")
    assert lavrov.roles == ("Foreign Minister", "Russian Foreign Minister")


@pytest.mark.parametrize("value", ["Blinken", "Tony Blinken", "antony blinken", "Secretary Blinken", "ANTONY J. BLINKEN"])
def test_find_accepts_any_alias(value: str) -> None:
    registry = build_registry(evidence([("Antony J. Blinken",), ("Blinken",), ("Ned Price",)]))
    assert [p.name for p in registry.find(value)] == ["Antony J. Blinken"]


def test_find_names_nobody_for_an_unknown_name() -> None:
    assert build_registry(evidence([("Antony J. Blinken",)])).find("Lavrov") == ()
