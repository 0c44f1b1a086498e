"""Query text -> SearchResult: the engine's best documents as Hits with snippets, copies collapsed, and counts.

    text, filters -> names (any alias, any spelling -> stored values) -> engine Reader.search
                  -> (score, Document) -> one per duplicate group -> Hit + snippet + copies
                  raw counts -> Facets (names merged)
    id            -> engine Reader.similar -> (score, Document) -> one per duplicate group -> Hit ...

Copies of one story (a duplicate group, found at indexing) would fill a page with the same
text: by default a group is shown once, at its best-ranked member, with the others listed as
its ``copies``. The engine is asked for more than ``limit`` documents until ``limit`` groups are
in hand, so the page is exactly the top of the collapsed ranking. The groups are a file beside
the index, handed out by either engine's reader (``groups()``), so this works on both.

What is counted: ``total`` counts matching articles and ``stories`` the groups they make; the
facets count articles, copies included (a story Xinhua and China Daily both carried counts for
each source), so they add up to ``total``, not ``stories``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..errors import DocumentNotFound, QueryError
from ..models import Copy, Document, Facets, Filters, Hit
from .names import name_book, restriction

if TYPE_CHECKING:
    from ..engine import RawCounts, SearchReader
    from ..engine.groups import Groups

# The first request asks for this many times ``limit`` documents when the index has groups; each
# further one for GROWTH times more (a page of ten rarely holds more than a few copies).
FIRST_REQUEST = 2
GROWTH = 4


@dataclass(frozen=True)
class SearchResult:
    """Hits for one query, with the counts, and what was searched when it was not the text given.

    ``total`` counts matching articles and ``stories`` the duplicate groups they make (an article
    without copies is a story of its own); both are None when more documents matched than were
    returned and the search was not asked to count them (``count=True`` or ``facets=True``).
    ``facets`` (when asked) counts speakers, sources, datelines and months over every matching
    article, copies included. ``query`` is the text the hits are for: the text given or, when that
    had words the index does not know (or matched nothing and a close spelling did), its
    correction, and then ``corrected_from`` is the text given ("showing results for {query};
    search instead for {corrected_from}"). ``suggestion`` is a correction offered but not
    searched: with ``correct=False``, when nothing matched.
    """

    hits: tuple[Hit, ...]
    total: int | None
    suggestion: str | None = None
    facets: Facets | None = None
    incomplete: tuple[str, ...] = ()
    stories: int | None = None
    query: str = ""
    corrected_from: str | None = None


def search(reader: SearchReader, text: str, *, filters: Filters | None = None, limit: int = 10,
           sort: str = "relevance", count: bool = False, facets: bool = False,
           all_copies: bool = False, correct: bool = True) -> SearchResult:
    """Ranked hits for ``text`` with snippets, one per duplicate group unless ``all_copies``,
    misspellings corrected unless ``correct`` is False; QueryError if there is nothing to search for."""
    where = restriction(reader, filters)
    answered: list[Any] = []  # the first answer: later requests search what it searched, uncorrected

    def fetch(n: int, first: bool) -> Any:
        # Counting and facets are the same for every request: only the first makes them.
        again = answered[0].corrected or text if answered else None
        ranked = reader.search(again or text, where, limit=n, sort=sort, count=count and first,
                               facets=facets and first, correct=correct and again is None)
        if first:
            answered.append(ranked)
        return ranked

    groups = reader.groups()
    ranked, docs = _collapsed(fetch, groups, limit, all_copies)
    corrected = answered[0].corrected
    return SearchResult(_hits(reader, groups, docs, ranked.terms), ranked.total, answered[0].suggestion,
                        facets_of(reader, ranked.counts), ranked.incomplete, ranked.stories,
                        corrected or text, text if corrected else None)


def similar(reader: SearchReader, doc_id: str, *, limit: int = 10) -> SearchResult:
    """The articles most like ``doc_id``, one per duplicate group, its own group left out;
    DocumentNotFound if there is no such document."""
    if limit < 1:
        raise QueryError("limit must be at least 1")
    groups = reader.groups()

    def fetch(n: int, first: bool) -> Any:
        ranked = reader.similar(doc_id, limit=n, exclude=groups.members(doc_id))
        if ranked is None:
            raise DocumentNotFound(f"no document {doc_id!r} in the index (`searchidx query` shows the ids)")
        return ranked

    ranked, docs = _collapsed(fetch, groups, limit, False)
    return SearchResult(_hits(reader, groups, docs, ranked.terms), None, incomplete=ranked.incomplete)


def facets_of(reader: SearchReader, counts: RawCounts | None) -> Facets | None:
    """Raw counts by stored value -> Facets by person, place, source and month."""
    if counts is None:
        return None
    return name_book(reader).facets(counts.speakers, counts.datelines, counts.sources, counts.days)


def _collapsed(fetch: Callable[[int, bool], Any], groups: Groups, limit: int,
               all_copies: bool) -> tuple[Any, list[tuple[float, Document]]]:
    """The top ``limit`` documents, the best of each group only (unless ``all_copies``), and the
    first answer's counts."""
    want = limit if all_copies or not groups.of else limit * FIRST_REQUEST
    first = ranked = fetch(want, True)
    while True:
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
            counted = first if first.total is not None else ranked
            return replace(ranked, total=counted.total, counts=first.counts, stories=counted.stories), kept[:limit]
        want *= GROWTH
        ranked = fetch(want, False)


def _hits(reader: SearchReader, groups: Groups, docs: list[tuple[float, Document]],
          terms: frozenset[str]) -> tuple[Hit, ...]:
    return tuple(_hit(reader, score, doc, terms, rank, _copies(reader, groups, doc.id))
                 for rank, (score, doc) in enumerate(docs, 1))


def copies(reader: SearchReader, doc_id: str) -> tuple[Copy, ...]:
    """The other articles of ``doc_id``'s duplicate group, earliest first; none when it has no copy."""
    return _copies(reader, reader.groups(), doc_id)


def _copies(reader: SearchReader, groups: Groups, doc_id: str) -> tuple[Copy, ...]:
    """The other members of ``doc_id``'s group that the index still holds, earliest first."""
    out = []
    for other in groups.members(doc_id):
        doc = reader.get(other) if other != doc_id else None
        if doc is not None:
            out.append(Copy(doc.id, doc.path, doc.title, doc.date, doc.source, doc.url))
    return tuple(sorted(out, key=lambda c: (c.date is None, str(c.date)[:10] if c.date else "", c.id)))


def _hit(reader: SearchReader, score: float, doc: Document, terms: frozenset[str], rank: int,
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
