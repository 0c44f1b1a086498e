"""Cue words as regular expressions, shared by the attribution rules.

Word lists in :mod:`~searchidx.extracting.speakers.rules` become prefix-tree patterns here, so that
the regex engine tries one branch per letter instead of one per word.
"""

from __future__ import annotations

import re

from typing import Any

from .rules import AUXILIARIES, CUE_VERBS, INVERTED_CUES, IRREGULAR_FINITE, OBJECT_MARKERS


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


# A line is in title case when at least this share of its words of four letters or more are
# capitalised, and it is a heading when it is at most this long: "Howard Dean Tells Convention".
TITLE_CASE_SHARE = 0.8
HEADING_REACH = 200
_LINE = re.compile(r"[^\n]+")
_LONG_WORD = re.compile(r"(?<![\w’'\-])[A-Za-z][\w’'\-]{3,}")
_LINE_WORD = re.compile(r"(?<![\w’'\-])[A-Za-z][\w’'\-]*")


def lower_heading_cues(text: str) -> str:
    """``text`` with the cue verbs of its title-case headings in lower case, and the helpers
    right before them ("Ann Lee Says", "Bo Ortiz Has Said"): a heading capitalises its verb,
    which would otherwise join the name before it. Offsets stay those of ``text``."""
    out = list(text)
    changed = False
    for line in _LINE.finditer(text):
        if len(line.group()) > HEADING_REACH:
            continue
        long_words = _LONG_WORD.findall(line.group())
        if len(long_words) < 3 or sum(w[0].isupper() for w in long_words) < TITLE_CASE_SHARE * len(long_words):
            continue
        words = list(_LINE_WORD.finditer(text, line.start(), line.end()))
        for index, word in enumerate(words[1:], start=1):
            lower = word.group().lower()
            if not _finite_cue(lower) or not word.group()[0].isupper():
                continue
            first = index
            while first > 1 and words[first - 1].group().lower() in AUXILIARIES:
                first -= 1  # "Has Said": the helper goes with its verb
            for w in words[first : index + 1]:
                out[w.start()] = text[w.start()].lower()
            changed = True
    return "".join(out) if changed else text


# Marks that open an item of a list written as lines ("-Nate Cohn explains why …", "• Ann Lee
# says …"): glued to the name, a hyphen would make the name look like the end of a compound word.
BULLETS = "-*•·"
_BULLET = re.compile(rf"(?m)^[ \t]*[{re.escape(BULLETS)}](?=[A-Z])")


def unbullet(text: str) -> str:
    """``text`` with the bullet that opens a line and touches a capital blanked ("-Nate Cohn" reads
    " Nate Cohn"). Offsets stay those of ``text``."""
    if not _BULLET.search(text):
        return text
    return _BULLET.sub(lambda m: m.group()[:-1] + " ", text)


def _finite_cue(word: str) -> bool:
    return word in CUE_VERBS and (word in IRREGULAR_FINITE or word.endswith(("s", "ed")))
