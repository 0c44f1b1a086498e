"""Query text -> SearchResult: the engine's best documents as Hits with snippets.

    text, filters -> engine Reader.search -> (score, Document) -> Hit + snippet
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Document, Filters, Hit

if TYPE_CHECKING:
    from ..engine import SearchReader


@dataclass(frozen=True)
class SearchResult:
    """Hits for one query, with the total count and a spelling suggestion when nothing matched.

    ``total`` is None when more documents matched than were returned and the search was not
    asked to count them (``count=True``). ``incomplete`` names the shards of a sharded index
    that did not answer (opened with ``partial``): the hits are then from the others only.
    """

    hits: tuple[Hit, ...]
    total: int | None
    suggestion: str | None = None
    incomplete: tuple[str, ...] = ()


def search(reader: SearchReader, text: str, *, filters: Filters | None = None, limit: int = 10,
           sort: str = "relevance", count: bool = False) -> SearchResult:
    """Ranked hits for ``text`` with snippets; QueryError if there is nothing to search for."""
    ranked = reader.search(text, filters or Filters(), limit=limit, sort=sort, count=count)
    hits = tuple(_hit(reader, score, doc, ranked.terms, rank)
                 for rank, (score, doc) in enumerate(ranked.documents, 1))
    return SearchResult(hits, ranked.total, ranked.suggestion, ranked.incomplete)


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
