"""Tests for searchidx.cleaning.lines: each rule matches its examples, and article text matches none."""

from __future__ import annotations

import re
import sys

import pytest

from searchidx.cleaning.lines import (
    BYLINE_RULES,
    HEADER_RULES,
    INFO_RULES,
    KEYWORDS,
    NAV_RULES,
    _lower_as_regex,
    is_header_line,
    is_info_line,
    is_nav_line,
    line_kind,
    looks_like_place,
)

# One or more lines each rule is there for, by position in its table.
INFO_EXAMPLES: dict[int, tuple[str, ...]] = {
    0: ("Updated: Feb 16,2020 10:16 AM Xinhua", "Source: Xinhua", "Editor: Liang Jun", "Posted： 2020-02-16", "Date: 2020-02-16"),
    1: ("Print | E-mail", "Share this:", "Facebook | Twitter | WeChat", "Print"),
    2: ("Reuter", "Reuters", "AFP"),
    3: ("Copyright © 2020 Xinhua. All rights reserved.", "© The State Council of China", "(c) 2020 TASS"),
    4: ("Xinhua News Agency. All rights reserved.",),
    5: ("All content on this site is licensed under", "Creative Commons Attribution 4.0 International"),
    6: ("Last updated at March 20, 2015, 17:59", "Published in section: News"),
    7: ("August 27, 2005", "March 20, 2015, 17:59", "2020-02-16 10:16", "16 Feb. 2020"),
    8: ("– additional reporting by Jane Roe", "With additional reporting by Jane Roe in Rome"),
}
HEADER_EXAMPLES: dict[int, tuple[str, ...]] = {
    0: ("17:20", "2:32 p.m. EDT", "10:16 AM"),
    1: ("Events", "News"),
}
NAV_EXAMPLES: dict[int, tuple[str, ...]] = {
    0: ("App | 中文 |", "Home | News | Policies | Services", "|"),
    1: ("Home > News > China", "Home » Events"),
    2: ("中文", "English | Français | Русский"),
    3: ("Skip to main content", "Menu", "Back to top", "Text version"),
    4: ("# # #", "###"),
    5: ("Related News", "See also", "Most Read:"),
    6: ("This website uses cookies. By continuing you accept our cookie policy.",),
    7: ("Story continues below advertisement", "Article continues below this ad"),
    8: ("Got a story? Get in touch with our news team by emailing us at news@example.org.",),
    9: ("Our website is your home for news, so bookmark it and sign up for our newsletters to stay informed.",
        "Subscribe to our free daily newsletter"),
}
BYLINE_EXAMPLES: dict[int, tuple[str, ...]] = {0: ("Office of the Spokesperson", "Media Note")}
# Article text that no rule may touch.
BODY_LINES = (
    "Wang said that a series of high-level exchanges have been scheduled this year.",
    "MUNICH — State Councilor and Foreign Minister Wang Yi on Feb 15 met Russian Foreign Minister Sergei Lavrov.",
    "The source of the dispute is water, officials said.",
    "Share prices rose 2 pct.",
    "Home ministers from five countries met in Tashkent.",
    "Chinese, Russian FMs pledge mutual support on core interests",
    "2020",
    "The meeting ran from 10:00 to 12:00.",
    "Twitter",
    "Next",
    "8:09",
    "Residents were told to sign up for the council's flood alerts, and many subscribed to the newsletter.",
    "The reporter said she got a story out of it.",
    "© Provided by Business Insider Inc Nintendo and Apple shocked the world earlier this year by announcing "
    "Super Mario Run, the legendary gaming company's first foray into mobile gaming, a game for one hand.",
)


def _cases(examples: dict[int, tuple[str, ...]]) -> list[tuple[int, str]]:
    return [(i, line) for i, lines in examples.items() for line in lines]


@pytest.mark.parametrize(("table", "examples"), [(INFO_RULES, INFO_EXAMPLES), (NAV_RULES, NAV_EXAMPLES),
                                                 (BYLINE_RULES, BYLINE_EXAMPLES),
                                                 (HEADER_RULES, HEADER_EXAMPLES)])
def test_every_rule_has_examples(table: tuple[object, ...], examples: dict[int, tuple[str, ...]]) -> None:
    assert set(examples) == set(range(len(table)))


@pytest.mark.parametrize(("i", "line"), _cases(INFO_EXAMPLES))
def test_info_rule_matches_its_examples(i: int, line: str) -> None:
    assert INFO_RULES[i].search(line)
    assert is_info_line(line)


@pytest.mark.parametrize(("i", "line"), _cases(NAV_EXAMPLES))
def test_nav_rule_matches_its_examples(i: int, line: str) -> None:
    assert NAV_RULES[i].search(line)
    assert is_nav_line(line) and not is_info_line(line)


@pytest.mark.parametrize(("i", "line"), _cases(BYLINE_EXAMPLES))
def test_byline_rule_matches_its_examples(i: int, line: str) -> None:
    assert BYLINE_RULES[i].search(line)


@pytest.mark.parametrize(("i", "line"), _cases(HEADER_EXAMPLES))
def test_header_rule_matches_its_examples(i: int, line: str) -> None:
    assert HEADER_RULES[i].search(line)
    assert is_header_line(line)


@pytest.mark.parametrize("line", BODY_LINES)
def test_article_text_is_not_chrome(line: str) -> None:
    assert not is_info_line(line) and not is_nav_line(line)


@pytest.mark.parametrize("rule", INFO_RULES + NAV_RULES + HEADER_RULES + BYLINE_RULES)
def test_rules_are_anchored_at_the_start_of_the_line(rule: re.Pattern[str]) -> None:
    assert rule.pattern.startswith("^")


def test_long_lines_are_never_chrome() -> None:
    assert not is_nav_line("Home | " + "word " * 80)


@pytest.mark.parametrize(("line", "expected"), [
    ("Washington, D.C.", True), ("Kangerlussuaq Airport", True), ("The George Washington University", True),
    ("Via Teleconference", True), ("Provided courtesy of the German Marshall Fund", False),
    ("SECRETARY BLINKEN: Thank you.", False), ("Thank you all for coming today to this event here now.", False),
])
def test_looks_like_place(line: str, expected: bool) -> None:
    assert looks_like_place(line) is expected


@pytest.mark.parametrize("line", [
    "Xinhua. ALL RIGHTS RESERVED", "Xinhua. All rightſ reserved.", "Xinhua. All rİghts reserved",
    "Xinhua. All rıghts reserved", "This site uses COO\u212aIES. Accept?",
])
def test_keyword_test_takes_what_a_case_insensitive_regex_takes(line: str) -> None:
    assert any(rule.match(line) for rule in KEYWORDS)
    assert is_info_line(line) or is_nav_line(line)


def test_keywords_are_lower_case_words_of_their_rules() -> None:
    for rule, word in KEYWORDS.items():
        assert word == word.lower() and word.isascii() and word in rule.pattern.lower()


@pytest.mark.parametrize("line", [line for _, line in _cases(INFO_EXAMPLES) + _cases(NAV_EXAMPLES)] + list(BODY_LINES))
def test_line_kind_answers_both_questions(line: str) -> None:
    expected = "info" if is_info_line(line) else "nav" if is_nav_line(line) else None
    assert line_kind(line) == expected


def test_lowering_maps_every_character_a_case_insensitive_regex_takes_for_a_letter() -> None:
    letter = re.compile("[a-z]", re.I)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if letter.match(char):
            assert re.fullmatch(_lower_as_regex(char), char, re.I) and _lower_as_regex(char).isascii(), hex(code)
