"""Inline transcript labels: who speaks before a colon, and which headings name nobody."""

from __future__ import annotations

import pytest

from searchidx.extracting.speakers.labels import labels


def names(text: str) -> list[tuple[str, str]]:
    return [(m.name, m.role) for m, *_ in labels(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SECRETARY HALE: Thank you.\n\nQUESTION: Why?", [("Hale", "Secretary")]),
        ("Ann Lee (retranslated): Thank you.", []),  # once, untitled, unquoted: maybe a heading
        ("Ann Lee: \u201cThank you.\u201d", [("Ann Lee", "")]),  # a quotation shows a speaker
        ("Mark Byrne and Jon Cole: \u201cThe polls failed.\u201d", [("Mark Byrne", ""), ("Jon Cole", "")]),
        ("CHINESE AGGRESSION: Ships sail.", []),
        # a digest's label after a dash inside a line speaks when a quotation follows it
        ("WHY POLLS MISSED - Mark Byrne: \u201cThe polls failed.\u201d", [("Mark Byrne", "")]),
        ("Turnout rose \u2014 Ann Lee: the figures are out.", []),  # no quotation: a heading's tail
        ("Why polls missed - PollWatch: \u201cThe polls failed.\u201d", []),  # one word: a column, no person
        ("MODERATOR: Next.", []),
        ("South Carolina: \u201cAnn Lee, Bo Ortiz.\u201d\n\nSouth Carolina voters met.", []),  # a place
    ],
)
def test_labels(text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text) == expected
