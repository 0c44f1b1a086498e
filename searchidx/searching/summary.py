"""What an index holds: document count, date span and the most frequent speakers, datelines, sources."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .tally import merge_people, merge_spellings

if TYPE_CHECKING:
    from ..engine import SearchReader


@dataclass(frozen=True)
class IndexStats:
    """What is in an index; each table is (name, count), most frequent first, variants merged."""

    documents: int
    first_date: str | None
    last_date: str | None
    speakers: tuple[tuple[str, int], ...] = ()
    datelines: tuple[tuple[str, int], ...] = ()
    sources: tuple[tuple[str, int], ...] = ()


def stats(reader: SearchReader, top: int = 10) -> IndexStats:
    """Document count, date span and the ``top`` speakers, datelines and sources (spellings merged)."""
    t = reader.tally()
    return IndexStats(
        documents=t.documents,
        first_date=min(t.days) if t.days else None,
        last_date=max(t.days) if t.days else None,
        speakers=_top(merge_people(t.speakers), top),
        datelines=_top(merge_spellings(t.datelines), top),
        sources=_top(merge_spellings(t.sources), top),
    )


def _top(counts: Counter[str], n: int) -> tuple[tuple[str, int], ...]:
    """The ``n`` most frequent, equal counts by name: the same table whatever order the engine counted in."""
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n])
