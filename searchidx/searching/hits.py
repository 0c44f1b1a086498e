"""Query text -> SearchResult: the engine's best documents as Hits with snippets, and counts.

    text, filters -> names (any alias, any spelling -> stored values) -> engine Reader.search
                  -> (score, Document) -> Hit + snippet;  raw counts -> Facets (names merged)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Document, Facets, Filters, Hit
from .names import name_book, restriction

if TYPE_CHECKING:
    from ..engine import RawCounts, SearchReader


@dataclass(frozen=True)
class SearchResult:
    """Hits for one query, with the total count and a spelling suggestion when nothing matched.

    ``total`` is None when more documents matched than were returned and the search was not
    asked to count them (``count=True`` or ``facets=True``); ``facets`` (when asked) counts
    speakers, sources, datelines and months over every match.
    """

    hits: tuple[Hit, ...]
    total: int | None
    suggestion: str | None = None
    facets: Facets | None = None
    incomplete: tuple[str, ...] = ()


def search(reader: SearchReader, text: str, *, filters: Filters | None = None, limit: int = 10,
           sort: str = "relevance", count: bool = False, facets: bool = False) -> SearchResult:
    """Ranked hits for ``text`` with snippets; QueryError if there is nothing to search for."""
    ranked = reader.search(text, restriction(reader, filters), limit=limit, sort=sort, count=count, facets=facets)
    hits = tuple(_hit(reader, score, doc, ranked.terms, rank)
                 for rank, (score, doc) in enumerate(ranked.documents, 1))
    return SearchResult(hits, ranked.total, ranked.suggestion, facets_of(reader, ranked.counts),
                        ranked.incomplete)


def facets_of(reader: SearchReader, counts: RawCounts | None) -> Facets | None:
    """Raw counts by stored value -> Facets by person, place, source and month."""
    if counts is None:
        return None
    return name_book(reader).facets(counts.speakers, counts.datelines, counts.sources, counts.days)


def _hit(reader: SearchReader, score: float, doc: Document, terms: frozenset[str], rank: int) -> Hit:
    return Hit(
        id=doc.id,
        path=doc.path,
        score=score,
        snippet=reader.snippet(doc.body, terms),
        title=doc.title,
        date=doc.date,
        source=doc.source,
        dateline=doc.dateline,
        speakers=doc.speakers,
        url=doc.url,
        rank=rank,
    )
