"""Query text -> SearchResult: the engine's best documents as Hits with snippets, copies collapsed.

    text, filters -> engine Reader.search -> (score, Document) -> one per duplicate group -> Hit + snippet + copies
    id            -> engine Reader.similar -> (score, Document) -> one per duplicate group -> Hit ...

Copies of one story (a duplicate group, found at indexing) would fill a page with the same
text: by default a group is shown once, at its best-ranked member, with the others listed as
its ``copies``. The engine is asked for more than ``limit`` documents until ``limit`` groups are
in hand, so the page is exactly the top of the collapsed ranking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import DocumentNotFound, QueryError
from ..models import Copy, Document, Filters, Hit

if TYPE_CHECKING:
    from ..engine import Ranked, Reader
    from ..engine.groups import Groups

# The first request asks for this many times ``limit`` documents when the index has groups; each
# further one for GROWTH times more (a page of ten rarely holds more than a few copies).
FIRST_REQUEST = 2
GROWTH = 4


@dataclass(frozen=True)
class SearchResult:
    """Hits for one query, with the total count and a spelling suggestion when nothing matched.

    ``total`` counts matching articles and ``stories`` the duplicate groups they make (an article
    without copies is a group of its own); both are None when more documents matched than were
    returned and the search was not asked to count them (``count=True``).
    """

    hits: tuple[Hit, ...]
    total: int | None
    suggestion: str | None = None
    stories: int | None = None


def search(reader: Reader, text: str, *, filters: Filters | None = None, limit: int = 10,
           sort: str = "relevance", count: bool = False, all_copies: bool = False) -> SearchResult:
    """Ranked hits for ``text`` with snippets, one per duplicate group unless ``all_copies``;
    QueryError if there is nothing to search for."""
    f = filters or Filters()
    ranked, docs = _collapsed(lambda n: reader.search(text, f, limit=n, sort=sort, count=count),
                              reader.groups(), limit, all_copies)
    return SearchResult(_hits(reader, docs, ranked.terms), ranked.total, ranked.suggestion, ranked.stories)


def similar(reader: Reader, doc_id: str, *, limit: int = 10) -> SearchResult:
    """The articles most like ``doc_id``, one per duplicate group, its own group left out;
    DocumentNotFound if there is no such document."""
    if limit < 1:
        raise QueryError("limit must be at least 1")
    groups = reader.groups()

    def fetch(n: int) -> Ranked:
        ranked = reader.similar(doc_id, limit=n, exclude=groups.members(doc_id))
        if ranked is None:
            raise DocumentNotFound(f"no document {doc_id!r} in the index at {reader.path}")
        return ranked

    ranked, docs = _collapsed(fetch, groups, limit, False)
    return SearchResult(_hits(reader, docs, ranked.terms), None)


def _collapsed(fetch: Callable[[int], Ranked], groups: Groups, limit: int,
               all_copies: bool) -> tuple[Ranked, list[tuple[float, Document]]]:
    """The top ``limit`` documents, the best of each group only (unless ``all_copies``)."""
    want = limit if all_copies or not groups.of else limit * FIRST_REQUEST
    while True:
        ranked = fetch(want)
        if all_copies:
            return ranked, list(ranked.documents[:limit])
        seen: set[str] = set()
        kept = []
        for score, doc in ranked.documents:
            label = groups.label(doc.id)
            if label not in seen:
                seen.add(label)
                kept.append((score, doc))
        if len(kept) >= limit or len(ranked.documents) < want:
            return ranked, kept[:limit]
        want *= GROWTH


def _hits(reader: Reader, docs: list[tuple[float, Document]], terms: frozenset[str]) -> tuple[Hit, ...]:
    groups = reader.groups()
    return tuple(_hit(reader, score, doc, terms, rank, _copies(reader, groups, doc.id))
                 for rank, (score, doc) in enumerate(docs, 1))


def _copies(reader: Reader, groups: Groups, doc_id: str) -> tuple[Copy, ...]:
    """The other members of ``doc_id``'s group that the index still holds, earliest first."""
    out = []
    for other in groups.members(doc_id):
        doc = reader.get(other) if other != doc_id else None
        if doc is not None:
            out.append(Copy(doc.id, doc.path, doc.title, doc.date, doc.source, doc.url))
    return tuple(sorted(out, key=lambda c: (c.date is None, str(c.date)[:10] if c.date else "", c.id)))


def _hit(reader: Reader, score: float, doc: Document, terms: frozenset[str], rank: int,
         copies: tuple[Copy, ...]) -> Hit:
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
        copies=copies,
    )
