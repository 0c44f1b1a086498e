"""One index opened for reading: ranked documents for a query, stored documents, counts.

    text -> query.parse_query -> ranking.feedback (descriptions) -> ranking.best -> stored Documents

A :class:`Reader` keeps one Whoosh searcher per thread between searches (a searcher's
readers keep file positions, so threads never share one) and reopens it only when a writer
has committed since. Everything Whoosh hands out (a searcher, a stored-field dict, a
document number) stays in here: callers get :class:`Ranked` and our own ``Document``.
Files that cannot be read back (truncated, overwritten, another program's) raise IndexDamaged
from every method, never Whoosh's own errors.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from whoosh import query as Q

from ..errors import QueryError
from ..models import Document, Filters, Snippet, Statement
from .highlight import make_snippet
from .query import FIELD_BOOSTS, as_text, check_expansion, filter_query, highlight_terms, parse_query, wants_feedback, \
    widen_prefixes
from .ranking import best, feedback, newest, split_not
from .scoring import BM25
from .store import damage_as_error, open_or_create, retrying_vanished, stored_path, unpack_text

SORTS = ("relevance", "date")
# Spelling suggestions compare each query word with every indexed word sharing its first letter
# (pure-Python edit distance): a 10,000-character query took a minute. Typos come in short queries.
SUGGEST_MAX_CHARS = 100
# The Statement fields a stored statement may fill (a newer index may store more).
_STATEMENT_FIELDS = frozenset(Statement.__dataclass_fields__)


@dataclass(frozen=True)
class Ranked:
    """The best documents for a query, best first, with their scores; how many matched
    (None when not counted); the analysed words that snippets should mark; and, when
    nothing matched, the query spelled with indexed words if that differs."""

    documents: tuple[tuple[float, Document], ...]
    total: int | None
    terms: frozenset[str]
    suggestion: str | None = None


@dataclass(frozen=True)
class Tally:
    """Counts over a set of documents: speakers (per document), datelines, sources and dates."""

    documents: int
    speakers: Counter[str] = field(default_factory=Counter)
    datelines: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    days: Counter[str] = field(default_factory=Counter)


F = TypeVar("F", bound=Callable[..., Any])


def _reading(method: F) -> F:
    """A Reader method whose damaged-index errors become IndexDamaged (store.damage_as_error)."""
    @functools.wraps(method)
    def wrapper(self: Reader, *args: Any, **kwargs: Any) -> Any:
        with damage_as_error(self.path):
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


class Reader:
    """The index at ``path`` opened for reading; IndexNotFound (or IndexOutdated) if it cannot be."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with damage_as_error(path):
            self._ix = open_or_create(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Any] = []  # every thread's searcher, to close them all

    def close(self) -> None:
        """Release every thread's searcher and its files."""
        with self._lock:
            searchers, self._open = self._open, []
        for s in searchers:
            s.close()
        self._local = threading.local()

    @_reading
    def search(self, text: str, filters: Filters, *, limit: int, sort: str = "relevance",
               count: bool = False) -> Ranked:
        """The top ``limit`` documents for ``text`` under ``filters``; QueryError if there is nothing to search for.

        ``total`` is exact when fewer than ``limit`` documents match; beyond that it is counted
        only with ``count``: counting walks every match, which can cost more than the search.
        """
        text = as_text(text)
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        if limit < 1:
            raise QueryError("limit must be at least 1")
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
        top, total = _run(searcher, ranked, restrict, limit, sortedby, count)
        docs = tuple((score, _document(searcher.stored_fields(docnum))) for score, docnum in top)
        suggestion = self.suggest(text) if not docs and parsed is not None else None
        return Ranked(docs, total, highlight_terms(q, searcher.reader()), suggestion)

    @_reading
    def snippet(self, body: str, terms: frozenset[str]) -> Snippet:
        """The passages of ``body`` where ``terms`` (as ``Ranked.terms`` gives them) occur."""
        return make_snippet(body, terms, self._current().schema["body"].analyzer)

    def suggest(self, text: str) -> str | None:
        """The query with its words spelled as indexed words, when that differs; else None."""
        if len(text) > SUGGEST_MAX_CHARS or not text.strip():
            return None
        from whoosh import qparser

        searcher = self._current()
        parser = qparser.QueryParser("body", searcher.schema)
        try:
            q = parser.parse(text)
            corrected = searcher.correct_query(q, text, prefix=1)
        except Exception:  # noqa: BLE001 - Whoosh's own code, which raises bare Exception; a suggestion is optional
            return None
        if corrected.query != q and corrected.string.strip() and corrected.string != text:
            return str(corrected.string)
        return None

    @_reading
    def get(self, doc_id: str) -> Document | None:
        """The stored document whose id is exactly ``doc_id``, or None."""
        stored = self._current().document(id=doc_id)
        return _document(stored) if stored is not None else None

    def documents(self) -> Iterator[Document]:
        """Every stored document, in index order."""
        with damage_as_error(self.path):
            for stored in self._current().reader().all_stored_fields():
                yield _document(stored)

    @_reading
    def doc_count(self) -> int:
        """How many documents the index holds."""
        return int(self._current().doc_count())

    @_reading
    def tally(self) -> Tally:
        """Counts over every document, from the stored fields (the texts are not decoded)."""
        searcher = self._current()
        out = Tally(searcher.doc_count())
        for f in searcher.reader().all_stored_fields():
            out.speakers.update(f.get("speaker_list") or ())
            if f.get("dateline"):
                out.datelines[f["dateline"]] += 1
            if f.get("source"):
                out.sources[f["source"]] += 1
            if f.get("date_iso"):
                out.days[f["date_iso"][:10]] += 1
        return out

    def _current(self) -> Any:
        """This thread's searcher, refreshed if a writer has committed since, with all its files open."""
        # A commit may merge away a segment while it is being opened: then open what is current.
        return retrying_vanished(self._open_searcher, on_failure=self._drop_searcher)

    def _open_searcher(self) -> Any:
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None and not searcher.up_to_date():
            # Not Searcher.refresh(): its reader reuse keys old segment readers by
            # generation, which all of them share, so it keeps one and leaks the rest.
            self._drop_searcher()
            searcher = None
        if searcher is None:
            searcher = self._ix.searcher(weighting=BM25())
            self._local.searcher = searcher
            with self._lock:
                self._open.append(searcher)
        _hold_files(searcher.reader())
        return searcher

    def _drop_searcher(self) -> None:
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            return
        self._local.searcher = None
        with self._lock:
            if searcher in self._open:
                self._open.remove(searcher)
        searcher.close()


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
    newest_first = newest(searcher, q, limit, restrict) if sortedby else None
    if newest_first is not None:
        top, counted = newest_first
    elif sortedby:
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


def _document(stored: dict[str, Any]) -> Document:
    """Our Document from a document's stored fields."""
    data = unpack_text(stored["blob"])
    statements = tuple(Statement(**{k: v for k, v in st.items() if k in _STATEMENT_FIELDS})
                       for st in data.get("statements") or ())
    return Document(
        id=stored["id"],
        path=stored_path(stored),
        body=str(data.get("body", "")),
        title=stored.get("title") or None,
        date=parse_iso(stored.get("date_iso")),
        source=stored.get("source") or None,
        dateline=stored.get("dateline") or None,
        speakers=tuple(stored.get("speaker_list") or ()),
        statements=statements,
        url=stored.get("url"),
    )


def parse_iso(value: str | None) -> dt.datetime | dt.date | None:
    """A stored ISO 8601 date or date-time; None for none (or one this version cannot read)."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    except ValueError:
        return None

