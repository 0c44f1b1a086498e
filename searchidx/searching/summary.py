"""What an index holds: document count, date span and the most frequent speakers, datelines, sources."""

from __future__ import annotations

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
        speakers=tuple(merge_people(t.speakers).most_common(top)),
        datelines=tuple(merge_spellings(t.datelines).most_common(top)),
        sources=tuple(merge_spellings(t.sources).most_common(top)),
    )
