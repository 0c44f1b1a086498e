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
        # a word no name holds ends the role, wherever it stands
        ("Clark County Sheriff Joe Lombardo", "Clark County Sheriff", "Joe Lombardo"),
        ("Dane County Clerk Ann Lee", "Dane County", "Clerk Ann Lee"),
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
     ("Affirm U.S. Alliances", False), ("Official Number One", False), ("Middle East", False),
     ("Human Rights Watch", False), ("Minimum Palestinians", False)],
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
    # a role ends at the sentence before it; an abbreviation's full stop ends nothing
    (["I have a question on Russia and North Korea. Russian Foreign Minister Sergey Lavrov announced"], "Lavrov",
     {"Sergey Lavrov": "Russian Foreign Minister"}),
    (["Remarks by U.S. Ambassador Linda Thomas-Greenfield"], "Thomas-Greenfield",
     {"Linda Thomas-Greenfield": "U.S. Ambassador"}),
    # "Washington, D.C." ends a place: the role is what follows it
    (["The Secretary met the minister in Washington, D.C. Deputy Secretary Wendy R. Sherman joined them"], "Sherman",
     {"Wendy R. Sherman": "Deputy Secretary"}),
])
def test_full_names_in_metadata_hints(hints: list[str], name: str, expected: dict[str, str]) -> None:
    assert full_names_in(hints, name) == expected


def test_a_suffix_belongs_to_the_name_and_the_surname_before_it_finds_it() -> None:
    assert is_person_name(["Charles", "Elliott", "III"]) and is_person_name(["Tom", "Hale", "Jr."])
    assert not is_person_name(["Charles", "III"])  # a regnal name: no surname to find it by
    full = Mention("Charles Elliott III", "", 0, 19, False, True)
    short = Mention("Elliott", "", 40, 47, False, True)
    assert Canon([full, short]).resolve(short) == ("Charles Elliott III", "")


def test_a_headline_may_give_a_surname_its_given_name_after_it() -> None:
    title = "Joint Press Availability with Foreign Minister Kang Min-ho and Foreign Minister Oda Hiroki"
    assert full_names_in([title], "Oda") == {"Oda Hiroki": "Foreign Minister"}
    assert full_names_in([title], "Kang") == {"Kang Min-ho": "Foreign Minister"}
    # only after a title, and never a headline's verb
    assert full_names_in(["Foreign Minister Oda Speaks"], "Oda") == {}
    assert full_names_in(["Oda Hiroki and Friends"], "Oda") == {}
    assert full_names_in(["Reporters Clash At Oda Hearing"], "Oda") == {}
