"""A Xapian index opened for reading: the Whoosh engine's Reader interface over a local database or shards.

    text -> query.parse_query (the user's syntax) -> translate -> ranking (feedback) -> one MSet
         -> every hit's stored text fetched in one batch -> (score, Document)
                                          +-> the grouped articles among the matches (stories)
    id   -> similar.similar_query (its significant words, its group left out) -> one MSet -> Documents
    text -> (the same, over the statements' database) -> (score, (Statement, ArticleRef))   quotes

Each thread has its own Xapian database handles (one is not safe to share), the articles' and,
opened on first use, the statements' (layout.py says why they are apart), reopened before each
search so it sees the latest commit. A sharded index is one database made of every
shard: Xapian gathers each word's statistics from all of them, so a document scores as it
would in one database. With ``partial``, shards that do not answer are left out and named in
``Ranked.incomplete``; without it, the first one is a ShardUnavailable naming it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any, TypeVar

import xapian

from ...errors import QueryError, ShardUnavailable
from ...models import ArticleRef, Document, Filters, NameEvidence, Restriction, Snippet, Statement
from ..highlight import make_snippet, match_spans, whole_snippet
from ..query import highlight_terms, parse_query, wants_feedback
from ..columns import RawCounts
from ..correct import corrected
from ..groups import Groups, GroupsFile
from ..memo import Memos
from ..reader import CORRECT_MAX_CHARS, SORTS, Fixer, Ranked, article_words, forgiving, statement_words, \
    stored_statement
from ..store import load_derived
from .documents import stored, to_document
from .facets import Counts, people_days, said, spies
from .facets import counts as facet_counts
from .layout import ARTICLES, GENERATION_KEY, PREFIXES, SLOT_ID, STATEMENTS, id_term, open_database, stopped_answering
from .ranking import Weights, enquire, feedback
from .similar import document_id, similar_query
from .translate import filter_query, schema, translate

X = xapian.Query
T = TypeVar("T")
# Documents per page when walking the whole index (documents(), indexing runs, check): a page
# is one match over every document, fetched in one batch, and a shard sends every document up to
# the page's end, so pages are large.
PAGE = 5000


class XapianReader:
    """The Xapian index at ``path`` opened for reading; IndexNotFound, IndexOutdated or ShardUnavailable if it cannot be."""

    def __init__(self, path: Path, *, partial: bool = False) -> None:
        self.path = path
        self.partial = partial
        self._local = threading.local()
        self._memos = Memos()
        self._groups = GroupsFile(path)
        self._db()  # fail now, with the index's own error, rather than at the first search

    def close(self) -> None:
        """Drop this thread's handles (the others go with their threads)."""
        for db in getattr(self._local, "dbs", {}).values():
            db.close()
        self._local = threading.local()

    @property
    def incomplete(self) -> tuple[str, ...]:
        """The shards left out of this thread's databases because they did not answer."""
        missing = getattr(self._local, "missing", {})
        return tuple(dict.fromkeys(s for kind in (ARTICLES, STATEMENTS) for s in missing.get(kind, ())))

    def search(self, text: str, filters: Filters | Restriction, *, limit: int, sort: str = "relevance",
               count: bool = False, facets: bool = False, correct: bool = True) -> Ranked[Document]:
        """The top ``limit`` documents for ``text`` under ``filters`` (Reader.search's contract, spelling
        correction included); ``facets``: counts over every match, from Xapian's match spies."""
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        if limit < 1:
            raise QueryError("limit must be at least 1")
        restrict = filter_query(filters)
        groups = self.groups()

        def answer(db: Any) -> Ranked[Document]:
            def run(query: str) -> Ranked[Document]:
                parsed = parse_query(query, schema())
                if parsed is None and restrict is None:
                    raise QueryError("empty query: give words to search for, or a filter such as --speaker")
                return self._search(db, parsed, restrict, limit, sort, count, facets, groups)

            return forgiving(text, correct, self._fixer(db), run)

        return self._answer(answer)

    def quotes(self, text: str, filters: Filters | Restriction, *, limit: int, sort: str = "relevance",
               count: bool = False, facets: bool = False, correct: bool = True
               ) -> Ranked[tuple[Statement, ArticleRef]]:
        """The top ``limit`` statements for ``text``, as :meth:`search` finds articles (the same
        query syntax, filters, ranking, feedback and correction, over the statements' database)."""
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        if limit < 1:
            raise QueryError("limit must be at least 1")
        restrict = filter_query(filters)

        def answer(db: Any) -> Ranked[tuple[Statement, ArticleRef]]:
            def run(query: str) -> Ranked[tuple[Statement, ArticleRef]]:
                parsed = parse_query(query, schema())
                if parsed is None and restrict is None:
                    raise QueryError("empty query: give words to search for, or a filter such as --speaker")
                return self._search(db, parsed, restrict, limit, sort, count, facets, None, stored_statement)

            return forgiving(text, correct, self._fixer(db, STATEMENTS, statement_words), run)

        return self._answer(answer, STATEMENTS)

    def _search(self, db: Any, parsed: Any, restrict: Any, limit: int, sort: str, count: bool,
                facets: bool = False, groups: Groups | None = None,
                record: Callable[[dict[str, Any]], Any] = lambda fields: to_document(fields)) -> Ranked[Any]:
        q = translate(parsed, db, lambda terms: Weights(db, terms)) if parsed is not None \
            else X(X.OP_SCALE_WEIGHT, X.MatchAll, 0.0)
        if parsed is not None and sort == "relevance" and wants_feedback(parsed):
            q = feedback(db, q, restrict)
        if restrict is not None:
            q = X(X.OP_FILTER, q, restrict)
        checkatleast = db.get_doccount() if count and not facets else 0
        mset = enquire(db, q, sort).get_mset(0, limit, checkatleast)
        mset.fetch()  # every hit's stored text in one batch (one round trip per shard, not per hit)
        docs = tuple((float(item.weight), record(stored(item.document))) for item in mset)
        if len(docs) < limit:
            total: int | None = len(docs)
        else:
            total = int(mset.get_matches_estimated()) if count else None
        terms = highlight_terms(parsed) if parsed is not None else frozenset()
        raw = None
        if facets:
            tallied = _tally(db, q)
            raw = RawCounts(tallied.matches, tallied.lists, tallied.datelines, tallied.sources, tallied.days)
            total = tallied.matches
        stories = None
        if total is not None and groups is not None:
            stories = total - _copies_among(db, q, groups) if groups.of else total
        return Ranked(docs, total, terms, None, raw, incomplete=self.incomplete, stories=stories)

    def similar(self, doc_id: str, *, limit: int, exclude: Collection[str] = ()) -> Ranked[Document] | None:
        """The articles most like ``doc_id`` (its significant words as a query, as the Whoosh engine
        chooses them), none of ``exclude`` nor itself; None when there is no document ``doc_id``."""
        if limit < 1:
            raise QueryError("limit must be at least 1")

        def find(db: Any) -> Ranked[Document] | None:
            docid = document_id(db, doc_id)
            if docid is None:
                return None
            made = similar_query(db, docid, {doc_id, *exclude})
            if made is None:
                return Ranked((), 0, frozenset(), incomplete=self.incomplete, stories=0)
            mset = enquire(db, made[0], "relevance").get_mset(0, limit)
            mset.fetch()
            docs = tuple((float(item.weight), to_document(stored(item.document))) for item in mset)
            return Ranked(docs, None, made[1], incomplete=self.incomplete)

        return self._answer(find)

    def groups(self) -> Groups:
        """The index's duplicate groups: the file beside the index (engine/groups.py), as for Whoosh."""
        return self._groups.groups()

    def counts(self, text: str, filters: Filters | Restriction) -> Counts:
        """Speakers, sources, datelines and months counted over every match of ``text`` (facets)."""
        parsed = parse_query(text, schema())
        restrict = filter_query(filters)
        if parsed is None and restrict is None:
            raise QueryError("empty query: give words to search for, or a filter such as --speaker")

        return self._answer(lambda db: self._counts(db, parsed, restrict))

    def _counts(self, db: Any, parsed: Any, restrict: Any) -> Counts:
        q = translate(parsed, db) if parsed is not None else X.MatchAll
        return _tally(db, q if restrict is None else X(X.OP_FILTER, q, restrict))

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
        """The query with its words spelled as more common indexed words, when that differs; else None."""
        return self._answer(lambda db: self._fixer(db)(text, True))

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
        over the whole index: the articles', and who said what in which role, the statements'."""
        spoken = self._answer(said, STATEMENTS)

        def read(db: Any) -> NameEvidence:
            found = self._counts(db, None, None)
            pairs = people_days(db)
            return NameEvidence(
                documents=found.matches,
                people_days=tuple((names, day, n) for (names, day), n in sorted(pairs.items())),
                said=tuple((name, role, n) for (name, role), n in sorted(spoken.items())),
                datelines=tuple(sorted(found.datelines.items())),
                sources=tuple(sorted(found.sources.items())),
                days=tuple(sorted(found.days.items())),
            )

        return self._answer(read)

    def generation(self) -> tuple[int, int]:
        """The committed state this reader sees: the commit counter the writer keeps (the later of the
        two databases': a run killed between their commits leaves the statements' ahead), and the count."""
        said = self._answer(_generation, STATEMENTS)
        gen, count = self._answer(_generation)
        return max(gen, said[0]), count

    def derived(self, name: str) -> Any:
        """What the last indexing run derived from this very state of the index, or None."""
        return load_derived(self.path, name, self.generation())

    def memo(self, name: str, build: Callable[[], T]) -> T:
        """``build()``, made once per committed state of the index."""
        return self._memos.get(self.generation(), name, build)

    def _fixer(self, db: Any, kind: str = ARTICLES, words_of: Callable[[dict[str, Any]], str] = article_words
               ) -> Fixer:
        """Spelling correction over ``db`` (articles or statements), as the Whoosh engine corrects
        (engine/correct.py), the indexed words of a first letter read once per committed state."""
        key = _generation(db)
        vocabulary = _Vocabulary(db, words_of,
                                 lambda letter, read: self._memos.get(key, f"{kind}-terms-{letter}", read))
        analyzer = schema()["body"].analyzer

        def fix(text: str, known_too: bool) -> str | None:
            return corrected(vocabulary, analyzer, text, known_too=known_too) if len(text) <= CORRECT_MAX_CHARS \
                else None

        return fix

    def _answer(self, action: Callable[[Any], T], kind: str = ARTICLES) -> T:
        """``action(db)`` on the articles' (or statements') database; a shard that stops answering is
        one ShardUnavailable, or with ``partial`` is left out and the action tried again without it."""
        for _ in range(3):
            try:
                return action(self._db(kind))
            except xapian.NetworkError as err:
                self.close()
                if not self.partial:
                    raise stopped_answering(self.path, err) from None
            except xapian.DatabaseModifiedError:
                self.close()
        raise ShardUnavailable(f"the shards of the index at {self.path} keep failing: try again")

    def _db(self, kind: str = ARTICLES) -> Any:
        if not hasattr(self._local, "dbs"):
            self._local.dbs, self._local.missing = {}, {}
        db = self._local.dbs.get(kind)
        if db is None:
            db, missing = open_database(self.path, kind=kind, skip_missing=self.partial)
            self._local.dbs[kind], self._local.missing[kind] = db, missing
        else:
            db.reopen()  # see the latest commit
        return db


def _tally(db: Any, q: Any) -> Counts:
    """Counts over every match of ``q``, from match spies on a match that returns no document:
    over shards, a match that returns some counted those twice (Xapian 1.4's remote spies)."""
    e = xapian.Enquire(db)
    e.set_query(q)
    e.set_weighting_scheme(xapian.BoolWeight())
    found = spies(e)
    mset = e.get_mset(0, 0, db.get_doccount())
    return facet_counts(found, int(mset.get_matches_estimated()))


def _copies_among(db: Any, q: Any, groups: Groups) -> int:
    """How many of the matches of ``q`` are copies of another match (a group's members beyond its
    first): the grouped articles among the matches, their ids counted by a match spy on the
    servers, so no document travels."""
    e = xapian.Enquire(db)
    e.set_query(X(X.OP_FILTER, q, X(X.OP_OR, [X(id_term(i)) for i in groups.of])))
    e.set_weighting_scheme(xapian.BoolWeight())
    spy = xapian.ValueCountMatchSpy(SLOT_ID)
    e.add_matchspy(spy)
    e.get_mset(0, 0, len(groups.of))
    labels = [groups.label(item.term.decode("utf-8", "surrogateescape")) for item in spy.values()]
    return len(labels) - len(set(labels))


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


def _generation(db: Any) -> tuple[int, int]:
    return int(db.get_metadata(GENERATION_KEY) or b"0"), int(db.get_doccount())


class _Vocabulary:
    """correct.Vocabulary over a Xapian database: a field's terms carry its prefix (body words have none)."""

    def __init__(self, db: Any, words_of: Callable[[dict[str, Any]], str],
                 keep: Callable[[str, Callable[[], list[str]]], list[str]]) -> None:
        self._db, self._words_of, self._keep = db, words_of, keep

    def frequency(self, field: str, term: str) -> int:
        return int(self._db.get_termfreq(PREFIXES[field] + term))

    def terms(self, first: str) -> list[str]:
        # Body terms: field prefixes are capitals, analysed words never are.
        return self._keep(first, lambda: [t.term.decode("utf-8", "replace") for t in self._db.allterms(first)])

    def texts(self, term: str, n: int) -> list[str]:
        # As on Whoosh, the newest documents holding the word, equal dates by id, not the first by
        # document number (the order documents reached the database).
        mset = enquire(self._db, xapian.Query(term), "date").get_mset(0, n)
        mset.fetch()
        return [self._words_of(stored(item.document)) for item in mset]
