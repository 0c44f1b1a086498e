"""Cue word lists as prefix-tree patterns."""

from __future__ import annotations

import re

from searchidx.extracting.speakers.cues import alternation


def test_an_alternation_matches_each_word_whole_and_the_longest_first() -> None:
    pattern = re.compile(rf"\b(?:{alternation(frozenset({'say', 'says', 'said', 'tell'}))})\b")
    assert [m.group() for m in pattern.finditer("say says said tell tells sa")] == ["say", "says", "said", "tell"]
