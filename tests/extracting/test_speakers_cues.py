"""Cue word lists as prefix-tree patterns."""

from __future__ import annotations

import re

from searchidx.extracting.speakers.cues import alternation, lower_heading_cues, unbullet
from searchidx.extracting.speakers.statements import extract_statements


def test_an_alternation_matches_each_word_whole_and_the_longest_first() -> None:
    pattern = re.compile(rf"\b(?:{alternation(frozenset({'say', 'says', 'said', 'tell'}))})\b")
    assert [m.group() for m in pattern.finditer("say says said tell tells sa")] == ["say", "says", "said", "tell"]


def test_a_title_case_heading_has_its_cue_verbs_and_their_helpers_lowered_in_place() -> None:
    text = "Ann Lee Says Taxes Will Rise In The Spring\n\nBo Ortiz Has Said Nothing, she Says."
    lowered = lower_heading_cues(text)
    assert len(lowered) == len(text)
    assert lowered.splitlines()[0] == "Ann Lee says Taxes Will Rise In The Spring"
    assert lowered.splitlines()[2] == "Bo Ortiz has said Nothing, she says."


def test_a_sentence_case_line_and_a_long_line_keep_their_capitals() -> None:
    sentence = "Ann Lee Says the taxes will rise in the spring, and Bo Ortiz agrees with her."
    heading_like = "Ann Lee Says " + "Taxes Will Rise " * 20
    for text in (sentence, heading_like):
        assert lower_heading_cues(text) is text


def test_a_heading_names_its_speaker_and_the_statement_keeps_the_page_s_words() -> None:
    statements = extract_statements("Ann Lee Tells Voters Taxes Will Rise.\n\nThe vote is on Monday.")
    assert [(s.speaker, s.text) for s in statements] == [("Ann Lee", "Voters Taxes Will Rise.")]


def test_a_bullet_glued_to_a_name_is_blanked_in_place_and_its_item_is_read() -> None:
    text = "Links:\n\n-Nate Moss explains why the polls missed.\n\n- Dana Ruiz wrote that turnout rose.\n\nA Bo-Ortiz deal."
    plain = unbullet(text)
    assert len(plain) == len(text) and " Nate Moss explains" in plain and "Bo-Ortiz" in plain
    assert unbullet("No list here.") == "No list here."
    statements = extract_statements(text)
    assert [(s.speaker, s.text) for s in statements] == [
        ("Nate Moss", "why the polls missed."), ("Dana Ruiz", "turnout rose.")]
