"""One index opened for reading: ranked articles or statements for a query, stored documents, counts.

    text -> query.parse_query -> ranking.feedback (descriptions) -> ranking.best -> stored Documents
                                                                              +-> columns.count (facets)
                                                                              +-> groups met (stories)
    id   -> similar.similar_query (its significant words, its group left out) -> ranking.best -> Documents

A :class:`Reader` holds the articles' index and, opened on first use, the statements'
(``statements/``); each keeps a searcher per thread (pool.py). Everything Whoosh hands out
(a searcher, a stored-field dict, a document number) stays in here: callers get
:class:`Ranked` with our own ``Document``s or ``Statement``s. Files that cannot be read back
(truncated, overwritten, another program's) raise IndexDamaged from every method, never
Whoosh's own errors.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from whoosh import query as Q

from ..errors import QueryError
from ..models import ArticleRef, Document, Filters, NameEvidence, Restriction, Snippet, Statement
from .columns import RawCounts, count, evidence
from .correct import corrected
from .groups import Groups, GroupsFile
from .highlight import make_snippet, match_spans, whole_snippet
from .memo import Memos
from .pool import SearcherPool
from .query import FIELD_BOOSTS, check_expansion, filter_query, highlight_terms, parse_query, wants_feedback, \
    widen_prefixes
from .ranking import AllMatches, WhooshMatches, best, feedback, newest, split_not
from .scoring import live_stats
from .similar import similar_query
from .store import damage_as_error, load_derived, open_or_create, open_statements, stored_path, unpack_text

SORTS = ("relevance", "date")
# Spelling correction compares each unknown word with the indexed words sharing its first letter
# (pure-Python edit distance): a query of many unknown words would pay for each.
CORRECT_MAX_CHARS = 2000
# The Statement fields a stored statement may fill (a newer index may store more).
_STATEMENT_FIELDS = frozenset(Statement.__dataclass_fields__)

R = TypeVar("R")


@dataclass(frozen=True)
class Ranked(Generic[R]):
    """The best records for a query (articles as ``Document``s, or statements with their article),
    best first, with their scores; how many matched (None when not counted); the analysed words
    that snippets should mark; ``corrected``, the query text searched instead of the one given
    (its unknown words spelled as indexed words), or ``suggestion``, such a text offered but not
    searched (when nothing matched and correction was off); when asked, counts over every match;
    and the shards of a sharded index left out because they did not answer (results are then
    incomplete)."""

    documents: tuple[tuple[float, R], ...]
    total: int | None
    terms: frozenset[str]
    suggestion: str | None = None
    counts: RawCounts | None = None
    incomplete: tuple[str, ...] = ()
    stories: int | None = None  # how many duplicate groups the matching articles make, when total is known
    corrected: str | None = None


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
            self._articles = SearcherPool(open_or_create(path))
        self._statements: SearcherPool | None = None
        self._memos = Memos()
        self._groups = GroupsFile(path)

    def close(self) -> None:
        """Release every thread's searchers and their files."""
        self._articles.close()
        if self._statements is not None:
            self._statements.close()

    @_reading
    def search(self, text: str, filters: Filters | Restriction, *, limit: int, sort: str = "relevance",
               count: bool = False, facets: bool = False, correct: bool = True) -> Ranked[Document]:
        """The top ``limit`` articles for ``text`` under ``filters``; QueryError if there is nothing to search for.

        ``total`` is exact when fewer than ``limit`` documents match; beyond that it is counted
        only with ``count`` (or ``facets``): counting walks every match, which can cost more
        than the search. ``facets`` counts speakers, datelines, sources and days over every match.
        With ``correct``, words the index does not know are searched as the closest words it
        does, and a query that matches nothing is searched with its rarer words so corrected;
        either way ``Ranked.corrected`` says what was searched.
        """
        searcher = self._current()
        groups = self.groups()
        return forgiving(text, correct, self._fixer(searcher, "articles", article_words), lambda q: _search(
            searcher, q, filters, limit, sort, count, facets, "people_list", _document, groups))

    @_reading
    def quotes(self, text: str, filters: Filters | Restriction, *, limit: int, sort: str = "relevance",
               count: bool = False, facets: bool = False, correct: bool = True
               ) -> Ranked[tuple[Statement, ArticleRef]]:
        """The top ``limit`` statements for ``text``, as :meth:`search` finds articles."""
        searcher = self._current_statements()
        return forgiving(text, correct, self._fixer(searcher, "statements", statement_words), lambda q: _search(
            searcher, q, filters, limit, sort, count, facets, "speaker_name", stored_statement, None))

    def similar(self, doc_id: str, *, limit: int, exclude: Collection[str] = ()) -> Ranked[Document] | None:
        """The articles most like ``doc_id`` (its significant words as a query), none of ``exclude``
        nor itself; None when there is no document ``doc_id``."""
        if limit < 1:
            raise QueryError("limit must be at least 1")
        searcher = self._current()
        stored = searcher.document(id=doc_id)
        if stored is None:
            return None
        q = similar_query(searcher, stored, {doc_id, *exclude})
        if q is None:
            return Ranked((), 0, frozenset(), stories=0)
        top, _ = best(searcher, q, limit)
        docs = tuple((score, _document(searcher.stored_fields(docnum))) for score, docnum in top)
        return Ranked(docs, None, highlight_terms(q.a if isinstance(q, Q.AndNot) else q))

    def groups(self) -> Groups:
        """The index's duplicate groups (engine/groups.py), read again when indexing has rewritten them."""
        return self._groups.groups()

    @_reading
    def snippet(self, body: str, terms: frozenset[str], *, whole: bool = False) -> Snippet:
        """The passages of ``body`` where ``terms`` (as ``Ranked.terms`` gives them) occur; with
        ``whole``, all of a short text (a quote) with every match marked."""
        analyzer = self._current().schema["body"].analyzer
        return whole_snippet(body, terms, analyzer) if whole else make_snippet(body, terms, analyzer)

    @_reading
    def highlight(self, text: str, query: str) -> Snippet:
        """``text`` whole, with every word that ``query`` searches for marked (as a snippet marks them)."""
        searcher = self._current()
        parsed = parse_query(query, searcher.schema)
        if parsed is None:
            return Snippet(text)
        terms = highlight_terms(widen_prefixes(parsed, searcher.reader()), searcher.reader())
        return Snippet(text, match_spans(text, terms, searcher.schema["body"].analyzer))

    def suggest(self, text: str) -> str | None:
        """The query with its words spelled as more common indexed words, when that differs; else None."""
        return self._fixer(self._current(), "articles", article_words)(text, True)

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
    def evidence(self) -> NameEvidence:
        """What every document says about names, from the columns (the people registry's input)."""
        return evidence(self._current(), self._current_statements())

    @_reading
    def generation(self) -> tuple[int, int]:
        """The committed state this reader's searchers see (of articles, and of statements)."""
        # An index without segments has no generation (Whoosh's EmptyReader): -1.
        gens = [s.reader().generation() for s in (self._current(), self._current_statements())]
        return (-1 if gens[0] is None else int(gens[0])), (-1 if gens[1] is None else int(gens[1]))

    def derived(self, name: str) -> Any:
        """What the last indexing run derived from this very state of the index (save_derived), or None."""
        return load_derived(self.path, name, self.generation())

    def memo(self, name: str, build: Callable[[], R]) -> R:
        """``build()``, made once per committed state of the index: what queries derive from all of it."""
        return self._memos.get(self.generation(), name, build)

    def _fixer(self, searcher: Any, kind: str, words_of: Callable[[dict[str, Any]], str]) -> Fixer:
        """Spelling correction over ``searcher`` (articles or statements), its indexed words of a first
        letter read once per committed state of that searcher's index (not memo(), which would open the
        other index's searcher too, in every thread that corrects)."""
        key = searcher.reader().generation()
        vocabulary = _Vocabulary(searcher, words_of,
                                 lambda letter, read: self._memos.get(key, f"{kind}-terms-{letter}", read))
        analyzer = searcher.schema["body"].analyzer

        def fix(text: str, known_too: bool) -> str | None:
            return corrected(vocabulary, analyzer, text, known_too=known_too) if len(text) <= CORRECT_MAX_CHARS \
                else None

        return fix

    def _current(self) -> Any:
        return self._articles.current()

    def _current_statements(self) -> Any:
        if self._statements is None:
            self._statements = SearcherPool(open_statements(self.path))
        return self._statements.current()


# Spelling correction as forgiving() calls it: (text, known words too) -> the corrected text, or None.
Fixer = Callable[[str, bool], str | None]


def forgiving(text: str, correct: bool, fix: Fixer, search: Callable[[str], Ranked[R]]) -> Ranked[R]:
    """``search(text)``, forgiving misspellings: with ``correct``, unknown words are corrected first,
    and a query that still matches nothing is searched again with its rarer words corrected, if
    that finds something; without, a query that matches nothing gets that correction as a suggestion.
    Both engines search through here, so they correct alike."""
    first = fix(text, False) if correct else None
    ranked = search(first or text)
    if ranked.documents or not ranked.terms:
        return replace(ranked, corrected=first)
    second = fix(first or text, True)
    if second is None:
        return replace(ranked, corrected=first)
    if not correct:
        return replace(ranked, suggestion=second)
    again = search(second)
    return replace(again, corrected=second) if again.documents else replace(ranked, corrected=first)


class _Vocabulary:
    """correct.Vocabulary over a Whoosh searcher; ``keep(letter, read)`` keeps ``read()``'s terms."""

    def __init__(self, searcher: Any, words_of: Callable[[dict[str, Any]], str],
                 keep: Callable[[str, Callable[[], list[str]]], list[str]]) -> None:
        self._searcher, self._words_of, self._keep = searcher, words_of, keep

    def frequency(self, field: str, term: str) -> int:
        # The live documents': a word only deleted stories held is not offered as a correction.
        return live_stats(self._searcher).doc_frequency(field, self._searcher.schema[field].to_bytes(term))

    def terms(self, first: str) -> list[str]:
        reader = self._searcher.reader()
        return self._keep(first, lambda: [t.decode("utf-8") if isinstance(t, bytes) else t
                                          for t in reader.expand_prefix("body", first)])

    def texts(self, term: str, n: int) -> list[str]:
        # The newest documents holding the word, equal dates by id (as --sort date orders them): the
        # first ones in document number order depended on how the index was built, and so did the
        # correction. The documents the word weighs most in were tried too: they write its commonest
        # form, where the closest to the typed word is wanted ("transistorised" found no
        # "transistorized" there: NPL MAP 0.2599 -> 0.2590).
        found = newest(self._searcher, Q.Term("body", term), n)
        top = found[0] if found is not None else best(self._searcher, Q.Term("body", term), n)[0]
        return [self._words_of(self._searcher.stored_fields(docnum)) for _, docnum in top]


def article_words(stored: dict[str, Any]) -> str:
    """What an article's body field indexes: its title and body."""
    return f"{stored.get('title') or ''}\n\n{unpack_text(stored['blob'])['body'] if 'blob' in stored else ''}"


def statement_words(stored: dict[str, Any]) -> str:
    """What a statement's body field indexes: the quote."""
    return str(json.loads(stored["blob"])["body"]) if "blob" in stored else ""


def _search(searcher: Any, text: str, filters: Filters | Restriction, limit: int, sort: str, count_all: bool,
            facets: bool, speaker_field: str, record: Callable[[dict[str, Any]], R],
            groups: Groups | None) -> Ranked[R]:
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
    if limit < 1:
        raise QueryError("limit must be at least 1")
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
    grouped = groups is not None and bool(groups.of)
    top, total, matched = _run(searcher, ranked, restrict, limit, sortedby, count_all and not facets and not grouped)
    counts = None
    every: list[int] | None = None
    if facets or (grouped and (count_all or total is not None)):
        every = list(matched())  # walked once, for the facets and the stories both
        total = len(every)
    if facets:
        counts = count(searcher, every or (), speaker_field=speaker_field)
    stories = None
    if groups is not None and total is not None:
        stories = total - _copies_among(searcher, groups, every) if every is not None and grouped else total
    docs = tuple((score, record(searcher.stored_fields(docnum))) for score, docnum in top)
    return Ranked(docs, total, highlight_terms(q, searcher.reader()) if parsed is not None else frozenset(), None,
                  counts, stories=stories)


def _run(searcher: Any, q: Q.Query, restrict: Q.Query | None, limit: int, sortedby: str | None,
         count: bool) -> tuple[list[tuple[float, int]], int | None, Callable[[], Iterable[int]]]:
    """The top ``limit`` (score, docnum) of ``q``; how many documents match (None unless ``count``
    or fewer than ``limit``); and a function listing every match."""
    newest_first = newest(searcher, q, limit, restrict) if sortedby else None
    matches: AllMatches
    if newest_first is not None:
        top, matches = newest_first
    elif sortedby:
        ranked, mask = split_not(q)
        results = searcher.search(ranked, limit=limit, filter=restrict, mask=mask, sortedby=sortedby, reverse=True)
        # Not list(results): list() asks len() for a size hint, and Results.__len__ walks every match.
        found = [results[i] for i in range(results.scored_length())]
        top = [(float(h.score) if h.score is not None else 0.0, h.docnum) for h in found]
        matches = WhooshMatches(searcher, results, q, restrict)
    else:
        top, matches = best(searcher, q, limit, restrict)
    if len(top) < limit:  # every match was collected: the count is free
        return top, len(top), lambda: [docnum for _, docnum in top]
    return top, matches.count() if count else None, matches.docnums


def _copies_among(searcher: Any, groups: Groups, docnums: list[int]) -> int:
    """How many of ``docnums`` are copies of another of them (a group's members beyond its first)."""
    cache = searcher.__dict__.setdefault("_searchidx_groups", {})
    if cache.get("groups") is not groups:  # grouped documents' numbers, once per searcher and groups file
        labels = {}
        for doc_id in groups.of:
            docnum = searcher.document_number(id=doc_id)
            if docnum is not None:
                labels[docnum] = groups.label(doc_id)
        cache.update(groups=groups, labels=labels)
    labels = cache["labels"]
    found = [labels[d] for d in docnums if d in labels]
    return len(found) - len(set(found))


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



def stored_statement(stored: dict[str, Any]) -> tuple[Statement, ArticleRef]:
    """A stored statement and what a quote result shows of its article."""
    data = json.loads(stored["blob"])
    st, art = data["statement"], data["article"]
    statement = Statement(**{k: v for k, v in st.items() if k in _STATEMENT_FIELDS})
    return statement, ArticleRef(id=stored["article"], path=art.get("path") or stored["article"],
                                 title=art.get("title"), date=parse_iso(art.get("date")), source=art.get("source"),
                                 dateline=art.get("dateline"), url=art.get("url"))
