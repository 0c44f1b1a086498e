"""Inline transcript labels: a paragraph that opens with a speaker's name and a colon.

``SECRETARY BLINKEN:``, ``MR PRICE:``, ``President of Russia Vladimir Putin:``, ``Xi Jinping
(retranslated):``, ``Rep. Trey Gowdy (R-S.C.): "…"``. Labels that name nobody (``QUESTION:``,
``MODERATOR:``) and headings that look like labels ("CHINESE AGGRESSION:", "Climate:", "Defend
Democracy Globally:") are skipped: a label speaks when it is titled, quoted, or its name comes
back in the text. Whole transcripts (questions and answers) are read by
:mod:`~searchidx.extracting.speakers.transcript` instead.
"""

from __future__ import annotations

import re

from .names import INITIAL, PERSONAL_HONORIFICS, Mention, fold, is_person_name, shouted, split_role
from .rules import ANONYMOUS_LABELS, HONORIFICS, PLACE_PREFIXES, ROLE_NOUNS
from .runs import CONN, SP, TOKEN

_LABEL = re.compile(
    rf"[\"“]?(?P<label>{TOKEN}(?:{SP}+(?:{CONN}{SP}+){{0,3}}{TOKEN}){{0,10}})"
    rf"(?:{SP}*\((?:[a-z ]{{3,30}}|[A-Z]{{1,3}}-[A-Za-z.\- ]{{1,20}})\))?{SP}*:(?=\s|$)"
)
# A label after a dash inside a line, as digests write them ("WHY THE POLLS MISSED - Ann Lee:
# “…”"): it speaks only when a quotation follows its colon.
_INLINE_LABEL = re.compile(rf"{SP}[-—–]{SP}+(?=[A-Z])")
_LOWER_WORD = re.compile(r"(?<![\w’'\-])[a-z][a-z’'\-]+\b")
# A turn that opens with a quotation: its label is someone quoted, whatever the page ("Jones: “…”").
_OPENS_QUOTE = re.compile(r"[ \t\xa0]*[“\"‘]")


def labels(text: str) -> list[tuple[Mention, str, int, int, int]]:
    """Transcript turns: ``SECRETARY BLINKEN:``, ``Vladimir Putin:``; ``QUESTION:`` names nobody."""
    out = []
    lower = set(_LOWER_WORD.findall(text))
    # A label starts a line, so it is tried there only (not at every position, as finditer would).
    starts = [(start, False) for start in _line_starts(text)]
    starts += [(m.end(), True) for m in _INLINE_LABEL.finditer(text)]
    for m, inline in ((_LABEL.match(text, start), inline) for start, inline in starts):
        if m is None or (inline and not _OPENS_QUOTE.match(text, m.end())):
            continue
        raw = m.group("label").split()
        if fold(raw[0]) in ANONYMOUS_LABELS or fold(" ".join(raw)) in ANONYMOUS_LABELS or raw[0].upper() == "Q":
            continue
        loud = all(shouted(w) or w in {"of", "the", "and"} for w in raw)
        words = [w.capitalize() if shouted(w) and not INITIAL.match(w) else w for w in raw]
        quoted = bool(_OPENS_QUOTE.match(text, m.end()))
        for role, name_words in _label_people(words):
            if not is_person_name(name_words, honorific=_after_honorific(role)) or len(name_words) > 4:
                continue
            if role and len(name_words) == 1 and fold(role.split()[-1]) in PLACE_PREFIXES:
                continue  # "South Carolina:", "New Hampshire:": a place heading a list
            # a name alone before a colon may be a heading ("Budget:"): shown elsewhere, or quoted
            titled = any(fold(r) in ROLE_NOUNS or fold(r) in HONORIFICS for r in role.split())
            if inline and len(name_words) < 2 and not titled:
                continue  # "- HuffPollster: “…”": a column or an outlet signs with one word, a person with two
            # a heading is written once ("Defend Democracy Globally:"); a speaker's name comes back
            full = " ".join(raw[-len(name_words):])
            if not titled and not quoted and all(fold(w) in lower for w in name_words):
                continue  # "Climate Change:", "Leadership:": a heading in words the text writes in lower case
            attested = titled or quoted or (text.count(name_words[-1]) >= 2 and (
                text.count(full) >= 2 if len(name_words) > 1 else _full_name_ending(text, name_words[-1])))
            if not attested or (loud and not titled and not quoted and _shouted_once(text, name_words[-1])):
                continue
            mention = Mention(" ".join(name_words), role, m.start(), m.end("label"), True, True)
            out.append((mention, ":", m.end() - 1, m.end(), m.end()))
    return out


def _label_people(words: list[str]) -> list[tuple[str, list[str]]]:
    """The people a label names, each with a role: "Mark Blumenthal and Jon Cohen" is two."""
    role, name = split_role(words)
    if "and" not in name or role:
        return [(role, name)]
    cut = name.index("and")
    people = [split_role(name[:cut]), split_role(name[cut + 1 :])]
    # "Violence Against Women and Girls:" is a heading: each part must be a full name
    return people if all(len(part) >= 2 and not r for r, part in people) else [(role, name)]


def _full_name_ending(text: str, surname: str) -> bool:
    """True when the text gives a full name that ends with ``surname`` ("Ned Price" for "Price:")."""
    return re.search(rf"\b[A-Z][\w’'.\-]+[ \xa0]{re.escape(surname)}\b", text) is not None


def _after_honorific(role: str) -> bool:
    return bool(role) and fold(role.split()[-1]) in PERSONAL_HONORIFICS


def _shouted_once(text: str, name: str) -> bool:
    """True when a shouted label's name ("AGGRESSION") appears nowhere else in the text: a
    headline deck ("CHINESE AGGRESSION:"), not a speaker's turn."""
    return text.count(name.upper()) < 2 and name not in text


def _line_starts(text: str) -> list[int]:
    """Where each non-empty line of ``text`` begins."""
    starts = []
    at = 0
    for line in text.split("\n"):
        if line:
            starts.append(at)
        at += len(line) + 1
    return starts
