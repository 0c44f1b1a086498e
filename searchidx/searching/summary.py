"""What an index holds: document count, date span and the most quoted people, datelines, sources."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .names import name_book

if TYPE_CHECKING:
    from ..engine import SearchReader


@dataclass(frozen=True)
class IndexStats:
    """What is in an index; each table is (name, count), most frequent first: speakers counted by
    articles, one row per person (people registry); datelines and sources with spellings merged."""

    documents: int
    first_date: str | None
    last_date: str | None
    speakers: tuple[tuple[str, int], ...] = ()
    datelines: tuple[tuple[str, int], ...] = ()
    sources: tuple[tuple[str, int], ...] = ()


def stats(reader: SearchReader, top: int = 10) -> IndexStats:
    """Document count, date span and the ``top`` speakers, datelines and sources (spellings merged)."""
    book = name_book(reader)
    facets = book.facets({}, book.datelines, book.sources, {}, top=top)
    people = Counter({p.name: p.articles for p in book.registry.people})
    return IndexStats(
        documents=book.documents,
        first_date=min(book.days) if book.days else None,
        last_date=max(book.days) if book.days else None,
        speakers=tuple(people.most_common(top)),
        datelines=facets.datelines,
        sources=facets.sources,
    )


def _top(counts: Counter[str], n: int) -> tuple[tuple[str, int], ...]:
    """The ``n`` most frequent, equal counts by name: the same table whatever order the engine counted in."""
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n])
