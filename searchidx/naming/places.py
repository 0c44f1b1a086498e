"""Datelines and sources: which stored values a filter means, how counts merge, what is close.

"MUNICH" and "Munich, Germany" are one place (the dateline's first part, folded); Nur-Sultan
is Astana (rules.RENAMED_PLACES); "Germany" or "Moscow" matches every dateline with that part
("Berlin, Germany", "The Kremlin, Moscow"). A source matches its stored name, what people call
it (rules.SOURCE_ALIASES: "State Department", "state.gov") and any run of its words ("Xinhua"
in "Xinhua News Agency"). When a value matches nothing, :func:`close_values` offers the
nearest stored ones. Pure functions over (value, count) tables.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping

from .keys import place_key, place_parts, spelling_key
from .rules import CLOSE_CUTOFF, CLOSE_MAX, SOURCE_ALIASES

# A source alias table row, by the folded key of each of its spellings.
_SOURCE_ROW: dict[str, int] = {spelling_key(a): i for i, row in enumerate(SOURCE_ALIASES) for a in row}


def source_key(value: str) -> str:
    """What a source is called in every spelling: its alias table row's first name, else its folded self."""
    key = spelling_key(value.removeprefix("www.").removeprefix("https://").removeprefix("http://").rstrip("/"))
    row = _SOURCE_ROW.get(key)
    return spelling_key(SOURCE_ALIASES[row][0]) if row is not None else key


def matching_datelines(value: str, stored: Iterable[str]) -> tuple[str, ...]:
    """The stored datelines a filter value names: same place, or one of its parts."""
    wanted = place_parts(value)
    if not wanted:
        return ()
    single = wanted[0] if len(wanted) == 1 else None
    return tuple(s for s in stored if place_key(s) == wanted[0] or (single is not None and single in place_parts(s)))


def matching_sources(value: str, stored: Iterable[str]) -> tuple[str, ...]:
    """The stored sources a filter value names: the same source, or one whose name holds its words."""
    wanted = source_key(value)
    if not wanted:
        return ()
    words = wanted.split()
    out = []
    for s in stored:
        key = source_key(s)
        have = spelling_key(s).split()
        if key == wanted or any(have[i:i + len(words)] == words for i in range(len(have) - len(words) + 1)):
            out.append(s)
    return tuple(out)


def merged_datelines(counts: Mapping[str, int]) -> Counter[str]:
    """Dateline counts with the spellings of one place merged under its best spelling."""
    return _merged(counts, place_key, _dateline_shown)


def merged_sources(counts: Mapping[str, int]) -> Counter[str]:
    """Source counts with the names of one source merged under the name the index stores most."""
    return _merged(counts, source_key, lambda key, group: group.most_common(1)[0][0])


def dateline_name(value: str, counts: Mapping[str, int]) -> str:
    """How a stored dateline is shown among ``counts`` (all the stored datelines): its place's best spelling."""
    key = place_key(value)
    return _dateline_shown(key, Counter({v: n for v, n in counts.items() if place_key(v) == key}) or Counter([value]))


def source_name(value: str, counts: Mapping[str, int]) -> str:
    """How a stored source is shown among ``counts``: the most used name of that source."""
    key = source_key(value)
    group = Counter({v: n for v, n in counts.items() if source_key(v) == key}) or Counter([value])
    return group.most_common(1)[0][0]


def close_values(value: str, candidates: Iterable[str]) -> tuple[str, ...]:
    """The candidates nearest to ``value``, best first: folded spellings compared whole, and word by
    word ("Lavrof" is close to "Sergei Lavrov", "Munchen" to "Munich, Germany")."""
    wanted = spelling_key(value)
    if not wanted:
        return ()
    scored: dict[str, float] = {}
    for c in candidates:
        key = spelling_key(c)
        ratio = max([_ratio(wanted, key)] + [_ratio(w, k) for w in wanted.split() for k in key.split()])
        if ratio >= CLOSE_CUTOFF and ratio > scored.get(c, 0.0):
            scored[c] = ratio
    return tuple(sorted(scored, key=lambda c: (-scored[c], c))[:CLOSE_MAX])


def _ratio(a: str, b: str) -> float:
    import difflib  # only when a filter value names nothing: a search without one never loads it

    return difflib.SequenceMatcher(None, a, b).ratio()


def _merged(counts: Mapping[str, int], key: Callable[[str], str],
            shown: Callable[[str, Counter[str]], str]) -> Counter[str]:
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for value, n in counts.items():
        groups[key(value)][value] += n
    return Counter({shown(k, group): sum(group.values()) for k, group in groups.items()})


def _dateline_shown(key: str, group: Counter[str]) -> str:
    """A place's best spelling: one under its present name, not in capitals, most used."""
    return max(group, key=lambda v: (place_parts(v)[:1] == (key,) and spelling_key(v.split(",")[0]) == key,
                                     not v.isupper(), group[v], v))
