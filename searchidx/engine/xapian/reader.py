"""A Xapian index opened for reading: the Whoosh engine's Reader interface over a local database or shards.

    text -> query.parse_query (the user's syntax) -> translate -> ranking (feedback) -> one MSet
         -> every hit's stored text fetched in one batch -> (score, Document)

Each thread has its own Xapian database handle (one is not safe to share), reopened before
each search so it sees the latest commit. A sharded index is one database made of every
shard: Xapian gathers each word's statistics from all of them, so a document scores as it
would in one database. With ``partial``, shards that do not answer are left out and named in
``Ranked.incomplete``; without it, the first one is a ShardUnavailable naming it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import xapian

from ...errors import QueryError, ShardUnavailable
from ...models import ArticleRef, Document, Filters, NameEvidence, Restriction, Snippet, Statement
from ..highlight import make_snippet, match_spans, whole_snippet
from ..query import highlight_terms, parse_query, wants_feedback
from ..columns import RawCounts
from ..reader import SORTS, SUGGEST_MAX_CHARS, Ranked
from ..store import load_derived
from .documents import stored, to_document
from .facets import Counts, people_days, spies
from .facets import counts as facet_counts
from .layout import GENERATION_KEY, SLOT_ID, id_term, open_database, stopped_answering
from .ranking import enquire, feedback, idf_factors
from .translate import filter_query, schema, translate

X = xapian.Query
T = TypeVar("T")
# Documents per page when walking the whole index (documents(), indexing runs, check): a page
# is one match over every document, fetched in one batch, and a shard sends every document up to
# the page's end, so pages are large.
PAGE = 5000
# Spelling: the most edits between a typed word and an indexed word offered instead (Whoosh's default).
SUGGEST_MAX_EDITS = 2


class XapianReader:
    """The Xapian index at ``path`` opened for reading; IndexNotFound, IndexOutdated or ShardUnavailable if it cannot be."""

    def __init__(self, path: Path, *, partial: bool = False) -> None:
        self.path = path
        self.partial = partial
        self._local = threading.local()
        self._memos: dict[str, tuple[tuple[int, int], Any]] = {}
        self._memo_lock = threading.Lock()
        self._db()  # fail now, with the index's own error, rather than at the first search

    def close(self) -> None:
        """Drop this thread's handle (the others go with their threads)."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
        self._local = threading.local()

    @property
    def incomplete(self) -> tuple[str, ...]:
        """The shards left out of this thread's database because they did not answer."""
        return tuple(getattr(self._local, "missing", ()))

    def search(self, text: str, filters: Filters | Restriction, *, limit: int, sort: str = "relevance",
               count: bool = False, facets: bool = False) -> Ranked[Document]:
        """The top ``limit`` documents for ``text`` under ``filters`` (Reader.search's contract);
        ``facets``: counts over every match, from Xapian's match spies."""
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        if limit < 1:
            raise QueryError("limit must be at least 1")
        parsed = parse_query(text, schema())
        restrict = filter_query(filters)
        if parsed is None and restrict is None:
            raise QueryError("empty query: give words to search for, or a filter such as --speaker")
        return self._answer(lambda db: self._search(db, text, parsed, restrict, limit, sort, count, facets))

    def quotes(self, text: str, filters: Filters | Restriction, *, limit: int, sort: str = "relevance",
               count: bool = False, facets: bool = False) -> Ranked[tuple[Statement, ArticleRef]]:
        """Statements are searched by the Whoosh engine only, so far: QueryError says so."""
        raise QueryError(f"the index at {self.path} uses the Xapian engine, which does not search quotes yet: "
                         "build a Whoosh index for `quotes` (searchidx index FOLDER --index DIR --engine whoosh)")

    def _search(self, db: Any, text: str, parsed: Any, restrict: Any, limit: int, sort: str, count: bool,
                facets: bool = False) -> Ranked[Document]:
        q = translate(parsed, db, lambda terms: idf_factors(db, terms)) if parsed is not None \
            else X(X.OP_SCALE_WEIGHT, X.MatchAll, 0.0)
        if parsed is not None and sort == "relevance" and wants_feedback(parsed):
            q = feedback(db, q, restrict)
        if restrict is not None:
            q = X(X.OP_FILTER, q, restrict)
        checkatleast = db.get_doccount() if count or facets else 0
        e = enquire(db, q, sort)
        found = spies(e) if facets else None
        mset = e.get_mset(0, limit, checkatleast)
        mset.fetch()  # every hit's stored text in one batch (one round trip per shard, not per hit)
        docs = tuple((float(item.weight), to_document(stored(item.document))) for item in mset)
        if len(docs) < limit:
            total: int | None = len(docs)
        else:
            total = int(mset.get_matches_estimated()) if count else None
        suggestion = self._suggest(db, text) if not docs and parsed is not None else None
        terms = highlight_terms(parsed) if parsed is not None else frozenset()
        raw = None
        if found is not None:
            tallied = facet_counts(found, int(mset.get_matches_estimated()))
            raw = RawCounts(tallied.matches, tallied.lists, tallied.datelines, tallied.sources, tallied.days)
            total = tallied.matches
        return Ranked(docs, total, terms, suggestion, raw, incomplete=self.incomplete)

    def counts(self, text: str, filters: Filters | Restriction) -> Counts:
        """Speakers, sources, datelines and months counted over every match of ``text`` (facets)."""
        parsed = parse_query(text, schema())
        restrict = filter_query(filters)
        if parsed is None and restrict is None:
            raise QueryError("empty query: give words to search for, or a filter such as --speaker")

        return self._answer(lambda db: self._counts(db, parsed, restrict))

    def _counts(self, db: Any, parsed: Any, restrict: Any) -> Counts:
        q = translate(parsed, db) if parsed is not None else X.MatchAll
        e = enquire(db, q if restrict is None else X(X.OP_FILTER, q, restrict), "relevance")
        found = spies(e)
        mset = e.get_mset(0, 0, db.get_doccount())
        return facet_counts(found, int(mset.get_matches_estimated()))

    def snippet(self, body: str, terms: frozenset[str], *, whole: bool = False) -> Snippet:
        """The passages of ``body`` where ``terms`` occur (the Whoosh engine's highlighter)."""
        analyzer = schema()["body"].analyzer
        return whole_snippet(body, terms, analyzer) if whole else make_snippet(body, terms, analyzer)

    def highlight(self, text: str, query: str) -> Snippet:
        """``text`` whole, with every word that ``query`` searches for marked (a prefix marks the
        words it names as typed, not the shorter stems the Whoosh engine also tries)."""
        parsed = parse_query(query, schema())
        if parsed is None:
            return Snippet(text)
        return Snippet(text, match_spans(text, highlight_terms(parsed), schema()["body"].analyzer))

    def suggest(self, text: str) -> str | None:
        """The query with unknown words replaced by the closest, most frequent indexed word; else None."""
        return self._answer(lambda db: self._suggest(db, text))

    def _suggest(self, db: Any, text: str) -> str | None:
        if len(text) > SUGGEST_MAX_CHARS or not text.strip():
            return None
        analyzer = schema()["body"].analyzer
        out = []
        for word in text.split():
            terms = [t.text for t in analyzer(word)]
            if len(terms) != 1 or db.term_exists(terms[0]) or not word.isalpha():
                out.append(word)
                continue
            out.append(_closest(db, terms[0]) or word)
        corrected = " ".join(out)
        return corrected if corrected != " ".join(text.split()) else None

    def get(self, doc_id: str) -> Document | None:
        """The stored document whose id is exactly ``doc_id``, or None."""
        def find(db: Any) -> Document | None:
            e = xapian.Enquire(db)
            e.set_query(X(id_term(doc_id)))
            for item in e.get_mset(0, 1):
                return to_document(stored(item.document))
            return None

        return self._answer(find)

    def documents(self) -> Iterator[Document]:
        """Every stored document, in id order, a page of documents per round trip."""
        for fields in walk(self._db()):
            yield to_document(fields)

    def doc_count(self) -> int:
        return int(self._answer(lambda db: db.get_doccount()))

    def evidence(self) -> NameEvidence:
        """What every document says about names (the people registry's input), from match spies
        over the whole index. Statements are not in a Xapian index, so ``said`` is empty."""
        def read(db: Any) -> NameEvidence:
            found = self._counts(db, None, None)
            pairs = people_days(db)
            return NameEvidence(
                documents=found.matches,
                people_days=tuple((names, day, n) for (names, day), n in sorted(pairs.items())),
                said=(),
                datelines=tuple(sorted(found.datelines.items())),
                sources=tuple(sorted(found.sources.items())),
                days=tuple(sorted(found.days.items())),
            )

        return self._answer(read)

    def generation(self) -> tuple[int, int]:
        """The committed state this reader sees: the commit counter the writer keeps, and the count."""
        def read(db: Any) -> tuple[int, int]:
            return int(db.get_metadata(GENERATION_KEY) or b"0"), int(db.get_doccount())

        return self._answer(read)

    def derived(self, name: str) -> Any:
        """What the last indexing run derived from this very state of the index, or None."""
        return load_derived(self.path, name, self.generation())

    def memo(self, name: str, build: Callable[[], T]) -> T:
        """``build()``, made once per committed state of the index."""
        key = self.generation()
        with self._memo_lock:
            held = self._memos.get(name)
        if held is not None and held[0] == key:
            return held[1]  # type: ignore[no-any-return]
        value = build()
        with self._memo_lock:
            self._memos[name] = (key, value)
        return value

    def _answer(self, action: Callable[[Any], T]) -> T:
        """``action(db)``; a shard that stops answering is one ShardUnavailable, or with ``partial``
        is left out and the action tried again without it."""
        for _ in range(3):
            try:
                return action(self._db())
            except xapian.NetworkError as err:
                self.close()
                if not self.partial:
                    raise stopped_answering(self.path, err) from None
            except xapian.DatabaseModifiedError:
                self.close()
        raise ShardUnavailable(f"the shards of the index at {self.path} keep failing: try again")

    def _db(self) -> Any:
        db = getattr(self._local, "db", None)
        if db is None:
            db, missing = open_database(self.path, skip_missing=self.partial)
            self._local.db, self._local.missing = db, missing
        else:
            db.reopen()  # see the latest commit
        return db


def walk(db: Any) -> Iterator[dict[str, Any]]:
    """Every document's stored data, in id order, fetched a page at a time."""
    e = xapian.Enquire(db)
    e.set_query(X.MatchAll)
    e.set_weighting_scheme(xapian.BoolWeight())
    e.set_sort_by_value(SLOT_ID, False)
    start = 0
    while True:
        mset = e.get_mset(start, PAGE)
        if mset.empty():
            return
        mset.fetch()
        for item in mset:
            yield stored(item.document)
        start += PAGE


def _closest(db: Any, term: str) -> str | None:
    """The indexed body word nearest ``term`` (edits, then frequency), sharing its first letter."""
    best: tuple[int, int, str] | None = None
    for item in db.allterms(term[:1]):
        word = item.term.decode("utf-8", "replace")
        if abs(len(word) - len(term)) > SUGGEST_MAX_EDITS:
            continue
        d = _edits(word, term, SUGGEST_MAX_EDITS)
        if d <= SUGGEST_MAX_EDITS and (best is None or (d, -item.termfreq) < best[:2]):
            best = (d, -item.termfreq, word)
    return best[2] if best else None


def _edits(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one), given up past ``limit``."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]
