"""Names: roles split off, person names told from organisations, canonical forms."""

from __future__ import annotations

import pytest

from searchidx.extracting.speakers.names import Canon, Mention, full_names_in, is_person_name, split_role


@pytest.mark.parametrize(
    "words, role, name",
    [
        ("State Councilor and Foreign Minister Wang Yi", "State Councilor and Foreign Minister", "Wang Yi"),
        ("Russian Foreign Minister Sergei Lavrov", "Russian Foreign Minister", "Sergei Lavrov"),
        ("Secretary of State Antony J. Blinken", "Secretary of State", "Antony J. Blinken"),
        ("President of Russia Vladimir Putin", "President of Russia", "Vladimir Putin"),
        ("Charlotte Mayor Jennifer Roberts", "Charlotte Mayor", "Jennifer Roberts"),
        ("Charlie King", "", "Charlie King"),
        # initials are part of the name, abbreviated places part of the role
        ("W. E. B. Du Bois", "", "W. E. B. Du Bois"),
        ("Commander of U.S. Central Command Kenneth McKenzie", "Commander of U.S. Central Command", "Kenneth McKenzie"),
    ],
)
def test_split_role(words: str, role: str, name: str) -> None:
    got_role, got_name = split_role(words.split())
    assert (got_role, " ".join(got_name)) == (role, name)


@pytest.mark.parametrize(
    "name, ok",
    [("Sergei Lavrov", True), ("Russia", False), ("Foreign Ministry", False), ("NATO", False), ("G.K. Butterfield", True),
     # at most four name words, particles aside: longer runs are headlines run together
     ("Aung San Suu Kyi", True), ("Mohammed bin Zayed Al Nahyan", True), ("Aung San Suu Kyi Xi", False),
     # places, firms and descriptions that read like names
     ("Metro Manila", False), ("Goldman Sachs", False), ("Minnesota Republican", False), ("Bill Clinton", True),
     ("Affirm U.S. Alliances", False)],
)
def test_is_person_name(name: str, ok: bool) -> None:
    assert is_person_name(name.split()) is ok


def mention(name: str, start: int, role: str = "", titled: bool = False) -> Mention:
    return Mention(name, role, start, start + len(name), titled, True)


def test_canon_maps_short_forms_to_the_fullest_name_and_borrows_its_role() -> None:
    full = mention("Wang Yi", 0, role="Foreign Minister")
    canon = Canon([full, mention("Sergei Lavrov", 40)])
    assert canon.resolve(mention("Wang", 100)) == ("Wang Yi", "Foreign Minister")
    assert canon.resolve(mention("Lavrov", 120)) == ("Sergei Lavrov", "")


def test_canon_drops_an_unknown_single_word_but_keeps_a_titled_one() -> None:
    canon = Canon([])
    assert canon.resolve(mention("Melanie", 0)) == (None, "")
    assert canon.resolve(mention("Price", 0, role="Mr.", titled=True)) == ("Price", "Mr.")


GREENLAND = ["Antony J. Blinken, Secretary of State, Mute Egede, Greenlandic Premier, Jeppe Kofod, Danish Foreign Minister",
             "Secretary Antony J. Blinken, Greenlandic Premier Mute Egede, and Danish Foreign Minister Jeppe Kofod at a "
             "Joint Press Availability"]


@pytest.mark.parametrize("hints, name, expected", [
    (GREENLAND, "Blinken", {"Antony J. Blinken": "Secretary of State"}),
    (GREENLAND, "Egede", {"Mute Egede": "Greenlandic Premier"}),
    (GREENLAND, "Kofod", {"Jeppe Kofod": "Danish Foreign Minister"}),
    (GREENLAND, "Mute Egede", {}),
    (GREENLAND, "Price", {}),
    (["Ned Price, Department Spokesperson"], "Price", {"Ned Price": "Department Spokesperson"}),
    (["Secretary Antony J. Blinken and French Foreign Minister Jean-Yves Le Drian Before Their Meeting"], "Le Drian",
     {"Jean-Yves Le Drian": "French Foreign Minister"}),
    (["Antony J. Blinken, Secretary of State"], "Antony Blinken", {"Antony J. Blinken": "Secretary of State"}),
    (["Julie J. Chung, Acting Assistant SecretaryBureau of Western Hemisphere Affairs"], "Chung",
     {"Julie J. Chung": "Acting Assistant Secretary"}),
    (["Joe Biden, President, Hunter Biden"], "Biden", {"Joe Biden": "President", "Hunter Biden": ""}),
    (["Secretary Blinken’s Call With Foreign Minister Wang"], "Blinken", {}),
    (["Readout of the Meeting With Lavrov"], "Lavrov", {}),
    (["'Neutral' Snopes Fact-Checker David Emery: 'Are There Any Un-Angry Trump Supporters?'"], "David Emery", {}),
    (["Meeting with Republic of Korea Vice Minister of Unification Choi"], "Choi", {}),
    (["President Vladimir Putin had a meeting with Prosecutor-General Vladimir Ustinov"], "Ustinov",
     {"Vladimir Ustinov": ""}),
])
def test_full_names_in_metadata_hints(hints: list[str], name: str, expected: dict[str, str]) -> None:
    assert full_names_in(hints, name) == expected
