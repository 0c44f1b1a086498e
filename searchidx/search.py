"""Query -> Hits with Snippets: the index's reader.

    text -> parse_query (query.py) -> feedback (ranking.py) -> Whoosh search -> Hit + make_snippet (snippets.py)

An :class:`Index` opens its searcher once and keeps it between searches, reopening it
only when a writer has committed since. Ranking is BM25 with pseudo-relevance feedback
for long questions; documents that match every word of a short query come first. Each
Whoosh hit is copied into our own :class:`~searchidx.models.Hit` inside the searcher's
lifetime. (query.py, ranking.py and snippets.py also import Whoosh: they are this
reader's parts, split so that no module passes ~400 lines.)
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import query as Q

from .errors import QueryError, SearchidxError
from .models import Hit
from .query import (
    FIELD_BOOSTS, Filters, check_expansion, filter_query, highlight_terms, parse_query,
    wants_feedback, widen_prefixes,
)
from .ranking import BM25, best, feedback, split_not
from .snippets import make_snippet
from .store import open_or_create, retrying_vanished, stored_path, unpack_text
from .tally import merge_people, merge_spellings

if TYPE_CHECKING:
    from .index import IndexReport


SORTS = ("relevance", "date")
# Spelling suggestions compare each query word with every indexed word sharing its first letter
# (pure-Python edit distance): a 10,000-character query took a minute. Typos come in short queries.
SUGGEST_MAX_CHARS = 100


@dataclass(frozen=True)
class SearchResult:
    """Hits for one query, with the total count and a spelling suggestion when nothing matched.

    ``total`` is None when more documents matched than were returned and the search was not
    asked to count them (``count=True``).
    """

    hits: tuple[Hit, ...]
    total: int | None
    suggestion: str | None = None


@dataclass(frozen=True)
class IndexStats:
    """What is in an index."""

    documents: int
    first_date: str | None
    last_date: str | None
    speakers: tuple[tuple[str, int], ...] = ()
    datelines: tuple[tuple[str, int], ...] = ()
    sources: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Document:
    """One indexed article as stored."""

    id: str
    path: str
    title: str | None
    date: str | None
    source: str | None
    dateline: str | None
    speakers: tuple[str, ...]
    url: str | None
    body: str
    statements: tuple[dict[str, Any], ...] = field(default=())


class Index:
    """A searchidx index on disk: search it, update it, read its documents and stats.

    >>> ix = Index.open("~/news-index")            # doctest: +SKIP
    >>> for hit in ix.search("Central Asia", filters=Filters(speaker="Lavrov")).hits:  # doctest: +SKIP
    ...     print(hit.title, hit.snippet.text)
    """

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        self.path = Path(path).expanduser()
        self._ix = open_or_create(self.path, create=create)
        self._searcher: Any = None

    @classmethod
    def open(cls, path: str | Path) -> Index:
        """Open an existing index; IndexNotFound says how to build one."""
        return cls(path)

    @classmethod
    def create(cls, path: str | Path) -> Index:
        """Open the index at ``path``, creating an empty one if there is none."""
        return cls(path, create=True)

    def close(self) -> None:
        """Release the searcher's files."""
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _current(self) -> Any:
        """The open searcher, refreshed if a writer has committed since, with all its files open."""
        # A commit may merge away a segment while it is being opened: then open what is current.
        return retrying_vanished(self._open_searcher, on_failure=self.close)

    def _open_searcher(self) -> Any:
        if self._searcher is not None and not self._searcher.up_to_date():
            # Not Searcher.refresh(): its reader reuse keys old segment readers by
            # generation, which all of them share, so it keeps one and leaks the rest.
            self.close()
        if self._searcher is None:
            self._searcher = self._ix.searcher(weighting=BM25())
        _hold_files(self._searcher.reader())
        return self._searcher

    def add(self, paths: Sequence[str | Path], **kwargs: Any) -> IndexReport:
        """Index new and changed files under ``paths`` and drop deleted ones (see update_index)."""
        from .index import update_index  # the writer side stays off the query path

        self.close()
        report = update_index(self.path, paths, **kwargs)
        self._ix = open_or_create(self.path)
        return report

    def search(
        self,
        text: str,
        *,
        filters: Filters | None = None,
        limit: int = 10,
        sort: str = "relevance",
        count: bool = False,
    ) -> SearchResult:
        """Ranked hits for ``text`` (Whoosh query syntax) with snippets; QueryError if it is empty.

        ``total`` is exact when fewer than ``limit`` documents match; beyond that it is counted
        only with ``count=True`` (else None): counting walks every match, which can cost more
        than the search itself.
        """
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        if limit < 1:
            raise QueryError("limit must be at least 1")
        filters = filters or Filters()
        searcher = self._current()
        parsed = parse_query(text, searcher.schema)
        if parsed is not None:
            parsed = widen_prefixes(parsed, searcher.reader())
            check_expansion(parsed, searcher.reader())  # this searcher's snapshot: never refresh mid-search
        restrict = filter_query(filters, searcher.schema)
        if parsed is None and restrict is None:
            raise QueryError("empty query: give words to search for, or a filter such as --speaker")
        q = parsed if parsed is not None else Q.Every()
        sortedby = "date" if sort == "date" else None
        ranked = q
        if parsed is not None and sortedby is None and wants_feedback(parsed):
            ranked = feedback(searcher, q, restrict, FIELD_BOOSTS)  # highlights stay the user's words
        hits, total = _run(searcher, ranked, restrict, limit, sortedby, count)
        suggestion = None
        if not hits and parsed is not None:
            suggestion = self._suggest(searcher, text)
        terms = highlight_terms(q)
        out = tuple(self._hit(searcher, h, terms, i) for i, h in enumerate(hits, 1))
        return SearchResult(out, total, suggestion)

    def _suggest(self, searcher: Any, text: str) -> str | None:
        if len(text) > SUGGEST_MAX_CHARS:
            return None
        from whoosh import qparser

        parser = qparser.QueryParser("body", searcher.schema)
        try:
            q = parser.parse(text)
            corrected = searcher.correct_query(q, text, prefix=1)
        except Exception:  # noqa: BLE001 - a failed suggestion must never fail the search
            return None
        if corrected.query != q and corrected.string.strip() and corrected.string != text:
            return corrected.string
        return None

    def _hit(self, searcher: Any, hit: tuple[float, int], terms: frozenset[str], rank: int) -> Hit:
        score, docnum = hit
        stored = searcher.stored_fields(docnum)
        body = unpack_text(stored["blob"]).get("body", "")
        return Hit(
            score=score,
            snippet=make_snippet(str(body), terms, searcher.schema["body"].analyzer),
            date=_parse_iso(stored.get("date_iso")),
            rank=rank,
            **_described(stored),
        )

    def get(self, doc_id: str) -> Document:
        """One stored article by its id (path, or path#line for JSONL)."""
        searcher = self._current()
        stored = searcher.document(id=doc_id) or searcher.document(id=os.path.abspath(doc_id))
        if stored is None:
            matches = [f for f in searcher.documents() if f["id"].endswith(doc_id)]
            if len(matches) != 1:
                raise SearchidxError(f"no document {doc_id!r} in the index at {self.path}")
            stored = matches[0]
        data = unpack_text(stored["blob"])
        return Document(
            date=stored.get("date_iso"),
            body=str(data.get("body", "")),
            statements=tuple(data.get("statements") or ()),  # type: ignore[arg-type]
            **_described(stored),
        )

    def stats(self, top: int = 10) -> IndexStats:
        """Document count, date span and the most frequent speakers, datelines and sources (variants merged)."""
        searcher = self._current()
        speakers: Counter[str] = Counter()
        datelines: Counter[str] = Counter()
        sources: Counter[str] = Counter()
        dates: list[str] = []
        for f in searcher.reader().all_stored_fields():
            speakers.update(f.get("speaker_list") or ())
            if f.get("dateline"):
                datelines[f["dateline"]] += 1
            if f.get("source"):
                sources[f["source"]] += 1
            if f.get("date_iso"):
                dates.append(f["date_iso"][:10])
        return IndexStats(
            documents=searcher.doc_count(),
            first_date=min(dates) if dates else None,
            last_date=max(dates) if dates else None,
            speakers=tuple(merge_people(speakers).most_common(top)),
            datelines=tuple(merge_spellings(datelines).most_common(top)),
            sources=tuple(merge_spellings(sources).most_common(top)),
        )


def _hold_files(reader: Any) -> None:
    """Open every file of the reader's segments now instead of on first use.

    Segments are kept as separate files (compound=False: opening then maps them rather than
    copying them into memory), and Whoosh opens the stored-field and length columns lazily.
    A commit that merges a segment away deletes its files; files already open stay readable,
    so a searcher holds them all from the start and a query can never find one gone.
    """
    for leaf, _ in reader.leaf_readers():
        if getattr(leaf, "_searchidx_held", False) or not leaf.doc_count_all():
            continue
        _hold_per_document_files(leaf)
        for name, fieldtype in leaf.schema.items():
            if fieldtype.column_type and leaf.has_column(name):
                _hold_column_file(leaf, name)
            elif fieldtype.column_type and fieldtype.unique:  # every document has one: it was deleted
                raise FileNotFoundError(f"the {name} column of a segment was deleted by a commit while it was opened")
        leaf._searchidx_held = True


def _hold_per_document_files(leaf: Any) -> None:
    """Open a segment's stored fields and the lengths of each field it holds words of.

    Whoosh reads a missing one as absent (no stored fields, every length 1) rather than
    failing, so a segment a commit deleted while it was being opened would be searched with
    wrong scores: that is raised as the missing file it is, and the open is tried again.
    """
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, STORED_COLUMN, _lenfield

    perdoc: Any = getattr(leaf, "_perdoc", None)
    if not hasattr(perdoc, "_cached_reader"):  # not the W3 codec: open them as before
        leaf.stored_fields(0)
        for name, fieldtype in leaf.schema.items():
            if fieldtype.scorable:
                leaf.doc_field_length(0, name)
        return
    wanted = [("_stored", STORED_COLUMN)] + [(_lenfield(name), LENGTHS_COLUMN) for name, fieldtype
                                             in leaf.schema.items() if fieldtype.scorable and leaf.field_length(name)]
    for column, kind in wanted:
        if perdoc._cached_reader(column, kind) is None:
            raise FileNotFoundError(f"{column} of a segment was deleted by a commit while it was opened")


def _hold_column_file(leaf: Any, name: str) -> None:
    """Open a column's file as W3PerDocReader.column_reader would, without parsing it yet.

    A reader of the id column reads every document's offset (19,000 per Reuters segment):
    work a query only needs when scores tie. The file, once in the per-doc reader's cache,
    is what a later column_reader uses.
    """
    perdoc: Any = getattr(leaf, "_perdoc", None)
    files = getattr(perdoc, "_colfiles", None)
    if files is None:  # not the W3 codec: open a reader, as before
        leaf.column_reader(name)
    elif name not in files:
        files[name] = perdoc._get_column_file(name)


def _run(searcher: Any, q: Q.Query, restrict: Q.Query | None, limit: int, sortedby: str | None,
         count: bool) -> tuple[list[tuple[float, int]], int | None]:
    """The top ``limit`` (score, docnum) of ``q``, and how many documents match (None unless ``count``
    or fewer than ``limit``)."""
    if sortedby:
        ranked, mask = split_not(q)
        results = searcher.search(ranked, limit=limit, filter=restrict, mask=mask, sortedby=sortedby, reverse=True)
        # Not list(results): list() asks len() for a size hint, and Results.__len__ walks every match.
        found = [results[i] for i in range(results.scored_length())]
        top = [(float(h.score) if h.score is not None else 0.0, h.docnum) for h in found]
        counted = results.__len__
    else:
        top, counted = best(searcher, q, limit, restrict)
    if len(top) < limit:  # every match was collected: the count is free
        return top, len(top)
    return top, counted() if count else None


def _described(stored: dict[str, Any]) -> dict[str, Any]:
    """The fields a Hit and a Document both copy from a document's stored values."""
    return {
        "id": stored["id"],
        "path": stored_path(stored),
        "title": stored.get("title") or None,
        "source": stored.get("source") or None,
        "dateline": stored.get("dateline") or None,
        "speakers": tuple(stored.get("speaker_list") or ()),
        "url": stored.get("url"),
    }


def _parse_iso(value: str | None) -> dt.datetime | dt.date | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    except ValueError:
        return None


__all__ = ["Document", "Filters", "Index", "IndexStats", "SearchResult", "make_snippet"]
