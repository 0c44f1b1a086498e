"""Full names and roles from the page's own metadata and headline (speakers.canonical)."""

from __future__ import annotations

from searchidx.extracting.speakers.canonical import canonical_speakers, name_hints
from searchidx.models import Page, Statement


def said(*speakers: tuple[str, str | None]) -> tuple[Statement, ...]:
    return tuple(Statement(speaker=n, cue=":", text="Thanks.", start=i, end=i + 1, role=r)
                 for i, (n, r) in enumerate(speakers))


def test_a_bare_surname_takes_the_full_name_and_role_of_the_creator_field() -> None:
    out = canonical_speakers(said(("Price", "Mr"), ("Blinken", "Secretary"), ("Price", None)),
                             ["Ned Price, Department Spokesperson", "Department Press Briefing – June 9, 2021"])
    assert [(s.speaker, s.role) for s in out] == [("Ned Price", "Department Spokesperson"), ("Blinken", "Secretary"),
                                                  ("Ned Price", "Department Spokesperson")]


def test_a_bare_surname_takes_the_full_name_from_the_title() -> None:
    out = canonical_speakers(said(("Blinken", "Secretary"), ("Kamilov", "Foreign Minister")),
                             ["Secretary Antony J. Blinken And Uzbek Foreign Minister Abdulaziz Kamilov Before Their Meeting"])
    assert [(s.speaker, s.role) for s in out] == [("Antony J. Blinken", "Secretary"),
                                                  ("Abdulaziz Kamilov", "Uzbek Foreign Minister")]


def test_the_texts_own_role_is_kept_when_it_says_more_than_the_hint() -> None:
    out = canonical_speakers(said(("Egede", "Premier of Greenland")), ["Mute Egede, Premier"])
    assert [(s.speaker, s.role) for s in out] == [("Mute Egede", "Premier of Greenland")]


def test_an_ambiguous_or_absent_surname_is_left_alone() -> None:
    statements = said(("Biden", "President"), ("Putin", None), ("Mute B. Egede", None))
    hints = ["Joe Biden, President, Hunter Biden, Lawyer", "Secretary Blinken's Call With Putin", "Mute Egede, Premier"]
    assert canonical_speakers(statements, hints) == statements


def test_title_case_words_before_a_surname_are_no_given_names() -> None:
    statements = said(("Putin", "President"))
    hints = ["Joint Press Availability Meeting Putin"]
    assert canonical_speakers(statements, hints, "After the meeting Putin said the availability was fine.") == statements


def test_name_hints_are_the_creator_field_and_title_not_the_author() -> None:
    p = Page(path="p.html", body="", meta=(("author", "Jane Smith"), ("creator", "Ned Price, Spokesperson")))
    assert name_hints(p, "Press Briefing") == ["Ned Price, Spokesperson", "Press Briefing"]
    assert name_hints(p, None) == ["Ned Price, Spokesperson"]
