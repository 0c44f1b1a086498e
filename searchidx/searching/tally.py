"""Counting names across articles: variants of one name are counted as one.

Within an article the speaker extractor already uses the fullest form of a name; across
articles one briefing says "Blinken" (a transcript label) and another "Antony J. Blinken".
For `stats`, a bare name counts toward the one fuller name in the index that starts or ends
with it, and spellings that differ only in case, dots or commas ("Washington, D.C." and
"WASHINGTON, DC") count as their most frequent spelling. Pure functions, no index access.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

_PUNCT = re.compile(r"[,;:'’\"()\-]+")


def spelling_key(name: str) -> str:
    """What two spellings of one name share: case, punctuation and spacing folded."""
    return " ".join(_PUNCT.sub(" ", name.replace(".", "")).casefold().split())


def merge_spellings(counts: Counter[str]) -> Counter[str]:
    """Counts with spelling variants merged under their most frequent spelling."""
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for name, n in counts.items():
        groups[spelling_key(name)][name] += n
    return Counter({g.most_common(1)[0][0]: sum(g.values()) for g in groups.values()})


def merge_people(counts: Counter[str]) -> Counter[str]:
    """Speaker counts with spellings merged and bare names folded into their one fuller name.

    "Antony Blinken" and "Antony J. Blinken" are one person (same first and last word);
    a bare "Blinken" or "Wang" joins the fuller name only when exactly one person in the
    counts has it as a last (or, for family-name-first names, first) word.
    """
    counts = merge_spellings(counts)
    by_ends: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for name, n in counts.items():
        words = spelling_key(name).split()
        if len(words) > 1:
            by_ends[(words[0], words[-1])][name] += n
    merged: Counter[str] = Counter()
    canonical: dict[str, str] = {}
    for group in by_ends.values():
        best = max(group, key=lambda name: (group[name], len(name)))
        for name in group:
            canonical[name] = best
    people_by_word: dict[str, set[str]] = defaultdict(set)
    for name, best in canonical.items():
        words = spelling_key(best).split()
        people_by_word[words[-1]].add(best)
        people_by_word[words[0]].add(best)
    for name, n in counts.items():
        words = spelling_key(name).split()
        if len(words) == 1 and len(people_by_word.get(words[0], ())) == 1:
            (target,) = people_by_word[words[0]]
            merged[target] += n
        else:
            merged[canonical.get(name, name)] += n
    return merged
