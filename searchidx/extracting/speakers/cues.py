"""Cue words as regular expressions, shared by the attribution rules.

Word lists in :mod:`~searchidx.extracting.speakers.rules` become prefix-tree patterns here, so that
the regex engine tries one branch per letter instead of one per word.
"""

from __future__ import annotations

import re

from typing import Any

from .rules import AUXILIARIES, CUE_VERBS, INVERTED_CUES, OBJECT_MARKERS


def alternation(words: frozenset[str]) -> str:
    """A regex matching any of ``words``, as a prefix tree: the engine tries one branch per letter."""
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict[str, Any]]) -> str:
    ends = "" in node
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Longest match first: a word that is a prefix of another ("say"/"says") stays optional.
    return f"(?:{body})?" if ends else body


CUE = alternation(CUE_VERBS)
PREPOSITIONS = alternation(OBJECT_MARKERS)
AUX = alternation(AUXILIARIES)
INV = alternation(INVERTED_CUES)
