"""Names that share one cue: lists ("A, B and C said"), names joined over role words ("A and
state House Speaker B said") and the examples of a plural subject ("Several leaders, including A
and B, have said").

:func:`~searchidx.extracting.speakers.statements.extract_statements` finds the name right before a
cue; these functions find the other people that the same cue speaks for, in the runs before it.
"""

from __future__ import annotations

import re

from .names import Mention
from .rules import ADJUNCT_OPENERS, ADJUNCT_WORDS, AUXILIARIES, CUE_VERBS, OBJECT_MARKERS, PLACE_PREPOSITIONS
from .runs import SP, Runs, previous_word

# Words that are no noun after a name ("Clinton said" is no "Clinton aide"), and so no role
# between two names.
NOT_NOUNS = OBJECT_MARKERS | ADJUNCT_OPENERS | ADJUNCT_WORDS | AUXILIARIES | frozenset(
    "who whose whom which and or but as when while because since though although if whether".split())
# "and" or "as well as" and up to three lower-case role words between two names that share a cue
# ("Todd Rokita and state House Speaker Brian Bosma have stated").
JOINED = re.compile(rf"{SP}+(?:and|as{SP}+well{SP}+as){SP}+(?P<words>(?:[a-z][\w\-]*{SP}+){{1,3}})")
# Lower-case words that are no role: with them the second name opens a clause of its own.
# Nor a possessive: "A and his wife B expected to visit" names a family, whose plans are no statement.
_NOT_ROLE_WORDS = NOT_NOUNS | CUE_VERBS | frozenset("his her their its our my your".split())
# A plural subject's examples set off after it: "Several leaders, including A and B, have said",
# "experts like Ann Lee, a geophysicist, say". The named people speak with the plural subject.
_EXAMPLES = re.compile(rf"[a-z]s(?:,|{SP}*[—–])?{SP}*(?:including|like|such{SP}+as){SP}+(?:[a-z][\w\-]*{SP}+){{0,3}}$")


def examples_before(runs: Runs, index: int) -> bool:
    """True when the list of names that run ``index`` ends gives examples of a plural subject."""
    start = _list_start(runs, index)
    return _EXAMPLES.search(runs.text, max(0, start - 40), start) is not None


def _list_start(runs: Runs, index: int) -> int:
    """Where the list of names that run ``index`` ends starts ("A, B and C": at A)."""
    while index > 0 and runs.text[runs.runs[index - 1].end() : runs.runs[index].start()] in (", ", ",\xa0"):
        index -= 1
    return runs.runs[index].start()


def joined_before(runs: Runs, index: int) -> list[Mention]:
    """The person joined to run ``index`` by "and" over lower-case role words ("A and state House
    Speaker B", "A and co-host B", "A as well as former Gov. B"), with those listed before them."""
    if index == 0:
        return []
    previous, current = runs.runs[index - 1], runs.runs[index]
    joined = JOINED.fullmatch(runs.text, previous.end(), current.start())
    if joined is None or not _NOT_ROLE_WORDS.isdisjoint(joined.group("words").split()):
        return []
    units = runs.parse(index - 1)
    persons = units[-1][3] if units else []
    if not persons or units[-1][2] or not persons[-1].subject:
        return []  # no person, a possessive ("A's and co-host B"), an object ("with A and former Gov. B")
    if " " not in persons[-1].name and not persons[-1].titled:
        return []  # a lone word may be a place
    return listed_before(runs, index - 1) + persons[-1:]


def listed_before(runs: Runs, index: int) -> list[Mention]:
    """The people listed before run ``index`` with commas ("A, B and C said": A and B)."""
    listed: list[Mention] = []
    while index > 0:
        previous, current = runs.runs[index - 1], runs.runs[index]
        if runs.text[previous.end() : current.start()] not in (", ", ",\xa0"):
            break
        units = runs.parse(index - 1)
        persons = units[-1][3] if units else []
        if not persons or units[-1][2]:  # no person, or a possessive ("Trump's, ...")
            break
        if " " not in persons[-1].name and not persons[-1].titled:
            break  # "In Paris, A and B said": a lone word may be a place
        if previous_word(runs.text, previous.start()) in PLACE_PREPOSITIONS:
            break  # "Making her way around Chez Marlo, A and B thanked": a place, not a speaker
        listed[:0] = persons[-1:]
        index -= 1
    return listed
