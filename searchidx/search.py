"""Query -> Hits with Snippets: the only reader of the Whoosh index.

An :class:`Index` opens its searcher once and keeps it between searches, refreshing it
only when a writer has committed since. A query string is parsed with the user's
operators (quotes, AND/OR/NOT, ``field:value``, ranges) over title, body, speakers and
dateline. Ranking (see ranking.py) is BM25 with pseudo-relevance feedback; documents that
match every word of a short query come first, and the rest of a long question still ranks
below them instead of returning nothing. Each Whoosh hit is
copied into our own :class:`~searchidx.models.Hit` inside the searcher's lifetime.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import logging
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import highlight, qparser, query as Q

from .errors import QueryError, SearchidxError
from .index import IndexReport, open_or_create, unpack_text, update_index
from .models import Hit, Snippet
from .ranking import BM25, StarWildcardPlugin, feedback, weigh_repeats
from .tally import merge_people, merge_spellings

log = logging.getLogger(__name__)

# Fields a bare word searches, with their weights. A title word nearly always recurs in the
# body, so a full-weight title counted it twice: half weight raised MAP on CISI and MED.
SEARCH_FIELDS = ("title", "body", "speakers", "dateline")
FIELD_BOOSTS = {"title": 0.5, "body": 1.0, "speakers": 1.0, "dateline": 1.0}
# Fields analysed as text (stop words removed, stemmed), unlike the name fields.
TEXT_FIELDS = frozenset({"title", "body"})
# Names users type for fields, mapped to the index's own.
FIELD_ALIASES = {"speakers": ["speaker", "who", "by"], "dateline": ["place", "from"], "title": ["headline"]}
# Queries with at most this many words must match all of them before partial matches are shown;
# longer ones are descriptions, ranked with pseudo-relevance feedback instead (ranking.feedback).
# 4 rather than 6: on CISI and MED, 5- and 6-word descriptions gained more from feedback.
ALL_WORDS_MAX = 4
# Snippet shape: characters per fragment, fragments per snippet.
SNIPPET_CHARS = 220
SNIPPET_SURROUND = 70
SNIPPET_FRAGMENTS = 2
SNIPPET_JOIN = " … "
SORTS = ("relevance", "date")
# Opening a searcher races with a commit that deletes merged segments; try again this often.
OPEN_ATTEMPTS = 5
# Spelling suggestions compare each query word with every indexed word sharing its first letter
# (pure-Python edit distance): a 10,000-character query took a minute. Typos come in short queries.
SUGGEST_MAX_CHARS = 100
# Wildcards expand to one term query per matching word: `a*` over 24,000 words took 5 s on 60 documents.
MAX_EXPANDED_TERMS = 4096
# A query made only of operators has nothing to search for (Whoosh would search the word "not").
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})


@dataclass(frozen=True)
class Filters:
    """Restrictions applied on top of a query; ``since``/``until`` are inclusive."""

    speaker: str | None = None
    dateline: str | None = None
    source: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class SearchResult:
    """Hits for one query, with the total count and a spelling suggestion when nothing matched."""

    hits: tuple[Hit, ...]
    total: int
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


class _SpanFormatter(highlight.Formatter):
    """Whoosh formatter that returns a Snippet (text + match spans) instead of markup."""

    def format(self, fragments, replace=False):  # type: ignore[no-untyped-def]
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        offset = 0
        for i, frag in enumerate(fragments):
            if i:
                parts.append(SNIPPET_JOIN)
                offset += len(SNIPPET_JOIN)
            text = frag.text[frag.startchar:frag.endchar]
            lead = len(text) - len(text.lstrip())
            text = text.strip()
            for m in frag.matches:
                s, e = m.startchar - frag.startchar - lead, m.endchar - frag.startchar - lead
                if 0 <= s < e <= len(text):
                    spans.append((offset + s, offset + e))
            parts.append(text)
            offset += len(text)
        return Snippet("".join(parts), tuple(spans))


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
        for attempt in range(OPEN_ATTEMPTS):
            try:
                if self._searcher is not None and not self._searcher.up_to_date():
                    # Not Searcher.refresh(): its reader reuse keys old segment readers by
                    # generation, which all of them share, so it keeps one and leaks the rest.
                    self.close()
                if self._searcher is None:
                    self._searcher = self._ix.searcher(weighting=BM25())
                _hold_files(self._searcher.reader())
                return self._searcher
            except FileNotFoundError:
                # A commit merged away a segment while it was being opened: open what is current now.
                self.close()
                if attempt + 1 == OPEN_ATTEMPTS:
                    raise
        raise AssertionError("unreachable")

    def add(self, paths: Sequence[str | Path], **kwargs: Any) -> IndexReport:
        """Index new and changed files under ``paths`` and drop deleted ones (see update_index)."""
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
    ) -> SearchResult:
        """Ranked hits for ``text`` (Whoosh query syntax) with snippets; QueryError if it is empty."""
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        if limit < 1:
            raise QueryError("limit must be at least 1")
        filters = filters or Filters()
        searcher = self._current()
        parsed = self._parse(text)
        if parsed is not None:
            _check_expansion(parsed, searcher.reader())  # this searcher's snapshot: never refresh mid-search
        restrict = _filter_query(filters, self._ix.schema)
        if parsed is None and restrict is None:
            raise QueryError("empty query: give words to search for, or a filter such as --speaker")
        q = parsed if parsed is not None else Q.Every()
        sortedby = "date" if sort == "date" else None
        ranked = q
        if parsed is not None and sortedby is None and not _ranks_all_words_first(parsed):
            ranked = feedback(searcher, q, restrict, FIELD_BOOSTS)  # highlights stay the user's words
        hits, total = _run(searcher, ranked, restrict, limit, sortedby)
        suggestion = None
        if total == 0 and parsed is not None:
            suggestion = self._suggest(searcher, text)
        terms = _highlight_terms(q)
        out = tuple(self._hit(searcher, h, terms, i) for i, h in enumerate(hits, 1))
        return SearchResult(out, total, suggestion)

    def _parse(self, text: str) -> Q.Query | None:
        if not text or not text.strip() or set(text.split()) <= OPERATORS:
            return None
        parser = qparser.MultifieldParser(
            list(SEARCH_FIELDS), self._ix.schema, group=qparser.OrGroup, fieldboosts=FIELD_BOOSTS
        )
        parser.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
        parser.remove_plugin_class(qparser.WildcardPlugin)
        parser.add_plugin(StarWildcardPlugin())
        try:
            q = weigh_repeats(parser.parse(text, normalize=False))
        except Exception as err:  # whoosh raises bare Exception for unparseable ranges
            shown = text if len(text) <= 80 else text[:80] + "…"  # the error must stay one readable line
            raise QueryError(f"cannot parse query {shown!r}: {err}") from None
        # Word by word, before normalize() flattens each word's field alternatives into one Or.
        q = _all_words_first(q).normalize()
        if q is Q.NullQuery:
            return None
        return _exclude_negations(q, lambda ranked: ranked)

    def _suggest(self, searcher: Any, text: str) -> str | None:
        if len(text) > SUGGEST_MAX_CHARS:
            return None
        parser = qparser.QueryParser("body", self._ix.schema)
        try:
            q = parser.parse(text)
            corrected = searcher.correct_query(q, text, prefix=1)
        except Exception:  # noqa: BLE001 - a failed suggestion must never fail the search
            return None
        if corrected.query != q and corrected.string.strip() and corrected.string != text:
            return corrected.string
        return None

    def _hit(self, searcher: Any, hit: Any, terms: frozenset[str], rank: int) -> Hit:
        stored = hit.fields()
        body = unpack_text(stored["blob"]).get("body", "")
        return Hit(
            id=stored["id"],
            path=stored["path"],
            score=float(hit.score) if hit.score is not None else 0.0,
            snippet=make_snippet(str(body), terms, searcher.schema["body"].analyzer),
            title=stored.get("title") or None,
            date=_parse_iso(stored.get("date_iso")),
            source=stored.get("source") or None,
            dateline=stored.get("dateline") or None,
            speakers=tuple(stored.get("speaker_list") or ()),
            url=stored.get("url"),
            rank=rank,
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
            id=stored["id"], path=stored["path"], title=stored.get("title") or None,
            date=stored.get("date_iso"), source=stored.get("source") or None,
            dateline=stored.get("dateline") or None, speakers=tuple(stored.get("speaker_list") or ()),
            url=stored.get("url"), body=str(data.get("body", "")),
            statements=tuple(data.get("statements") or ()),  # type: ignore[arg-type]
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


def _check_expansion(q: Q.Query, reader: Any) -> None:
    """QueryError when wildcards and fuzzy words stand for too many indexed words to search in time."""
    budget = MAX_EXPANDED_TERMS
    for leaf in q.leaves():
        if isinstance(leaf, Q.MultiTerm):
            budget -= sum(1 for _ in itertools.islice(leaf.expanded_terms(reader), budget + 1))
            if budget < 0:
                if isinstance(leaf, Q.TermRange):  # an open or wide range over words, e.g. "[ to ]"
                    raise QueryError(f"a range of words spans more than {MAX_EXPANDED_TERMS:,} indexed words: "
                                     "narrow it")
                word = f"{leaf.text}{'*' if isinstance(leaf, Q.Prefix) else ''}"
                word = word if len(word) <= 40 else word[:40] + "…"
                raise QueryError(f"{word} stands for more than "
                                 f"{MAX_EXPANDED_TERMS:,} indexed words: give more letters before the wildcard")


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
        leaf.stored_fields(0)
        for name, fieldtype in leaf.schema.items():
            if fieldtype.scorable:
                leaf.doc_field_length(0, name)
            if fieldtype.column_type and leaf.has_column(name):
                leaf.column_reader(name)
            if fieldtype.vector and leaf.has_vector(0, name):
                leaf.vector(0, name)
        leaf._searchidx_held = True


def _run(searcher: Any, q: Q.Query, restrict: Q.Query | None, limit: int, sortedby: str | None) -> tuple[list[Any], int]:
    kwargs: dict[str, Any] = {"limit": limit, "filter": restrict}
    if sortedby:
        kwargs.update(sortedby=sortedby, reverse=True)
    results = searcher.search(q, **kwargs)
    return list(results), len(results)


def _exclude_negations(q: Q.Query, rank: Callable[[Q.Query], Q.Query]) -> Q.Query:
    """Make NOT exclude: with an OR group, Whoosh would read `a NOT b` as "a, or anything without b"."""
    if not isinstance(q, Q.Or):
        return rank(q)
    negated = [s.query for s in q.subqueries if isinstance(s, Q.Not)]
    if not negated:
        return rank(q)
    positive = [s for s in q.subqueries if not isinstance(s, Q.Not)]
    kept = rank(Q.Or(positive).normalize()) if positive else Q.Every()
    return Q.AndNot(kept, Q.Or(negated).normalize())


class _AllWords(Q.And):
    """The all-words tier of a short query, marked so that feedback leaves such queries alone."""


def _all_words_first(q: Q.Query) -> Q.Query:
    """For a short list of words (an un-normalised parse), rank documents matching all of them first."""
    if not isinstance(q, Q.Or):
        return q
    words = [s for s in q.subqueries if not isinstance(s, Q.Not) and _is_searched_word(s)]
    if not 2 <= len(words) <= ALL_WORDS_MAX:
        return q
    return Q.Or([_AllWords(words, boost=10.0), *q.subqueries])


def _is_searched_word(group: Q.Query) -> bool:
    """False for a bare stop word, which is left only in the name fields and must not be required."""
    if isinstance(group, Q.Or) and all(isinstance(t, Q.Term) for t in group.subqueries):
        return any(t.fieldname in TEXT_FIELDS for t in group.subqueries)
    return True


def _ranks_all_words_first(q: Q.Query) -> bool:
    """True for a short query: feedback words could lift a some-words match above an all-words one."""
    return isinstance(q, _AllWords) or any(_ranks_all_words_first(c) for c in q.children())


def _filter_query(f: Filters, schema: Any) -> Q.Query | None:
    parts: list[Q.Query] = []
    for fieldname, value in (("speakers", f.speaker), ("dateline", f.dateline), ("source", f.source)):
        if value:
            words = [t.text for t in schema[fieldname].analyzer(value)]
            if not words:
                raise QueryError(f"--{fieldname.rstrip('s')} {value!r} has no words to match")
            parts.append(Q.Phrase(fieldname, words) if len(words) > 1 else Q.Term(fieldname, words[0]))
    if f.since or f.until:
        if f.since and f.until and f.since > f.until:
            raise QueryError(f"--since {f.since} is after --until {f.until}")
        start = dt.datetime.combine(f.since, dt.time.min) if f.since else None
        end = dt.datetime.combine(f.until, dt.time.max) if f.until else None
        parts.append(Q.DateRange("date", start, end))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Q.And(parts)


def _highlight_terms(q: Q.Query) -> frozenset[str]:
    words: set[str] = set()
    for fieldname, text in q.iter_all_terms():
        if fieldname in ("body", "title") and isinstance(text, str):
            words.add(text)
        elif fieldname in ("body", "title") and isinstance(text, bytes):
            words.add(text.decode("utf-8", "replace"))
    return frozenset(words)


def make_snippet(body: str, terms: frozenset[str], analyzer: Any) -> Snippet:
    """The passages of ``body`` where ``terms`` (analysed forms) occur, with their spans."""
    if not body:
        return Snippet("")
    if terms:
        # whoosh.highlight.highlight(), with the analysis done by _marked_tokens when it can be.
        termset = frozenset(terms)
        tokens = _marked_tokens(body, termset, analyzer)
        if tokens is None:
            tokens = highlight.set_matched_filter(analyzer(body, chars=True, mode="query", removestops=False), termset)
        fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=SNIPPET_SURROUND)
        snip = _SpanFormatter().format(_best_fragments(fragmenter.fragment_tokens(body, tokens)))
        if snip.text:
            return snip
    cut = body[:SNIPPET_CHARS]
    if len(body) > SNIPPET_CHARS and " " in cut:
        cut = cut.rsplit(" ", 1)[0] + " …"
    return Snippet(cut)


def _best_fragments(fragments: Any) -> list[Any]:
    """The SNIPPET_FRAGMENTS best-scored passages, in text order; a tie goes to the earlier passage.

    (whoosh.highlight.top_fragments breaks ties by object address, so the same query could
    show different passages from one run to the next.)
    """
    scorer = highlight.BasicFragmentScorer()
    scored = [(scorer(f), f) for f in fragments]
    best = heapq.nsmallest(SNIPPET_FRAGMENTS, scored, key=lambda sf: (-sf[0], sf[1].startchar))
    return sorted((f for score, f in best if score >= 1), key=lambda f: f.startchar)


# analyzer id -> (analyzer, its tokenizer's pattern or None, word -> analysed form): see _marked_tokens.
# (Pass the searcher's schema's analyzer: Index._ix.schema unpickles a new schema on every access.)
_WORD_FORMS: dict[int, tuple[Any, Any, dict[str, str]]] = {}
# Distinct words remembered per analyzer before the memo starts over (a few MB).
WORD_FORMS_MAX = 200_000


def _marked_tokens(body: str, termset: frozenset[str], analyzer: Any) -> Any:
    """Tokens of ``body`` marked as matching ``termset``, analysing each distinct word once.

    Highlighting runs the whole analyzer over every hit's text, most of a warm query's
    snippet time. When the analyzer is a regex tokenizer followed by filters that each
    turn one token into one (lower-casing, folding, stop words, stemming), a word's
    analysed form depends on the word alone, so it is memoised. Any other analyzer gets
    None, and the caller runs it in full.
    """
    entry = _WORD_FORMS.get(id(analyzer))
    if entry is None:
        if len(_WORD_FORMS) >= 8:  # analyzers come and go with searchers: keep the memo for recent ones
            _WORD_FORMS.clear()
        from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter

        from .schema import PlaceFilter

        one_to_one = (LowercaseFilter, CharsetFilter, StopFilter, StemFilter, PlaceFilter)
        items = getattr(analyzer, "items", ())
        fits = (bool(items) and type(items[0]) is RegexTokenizer and not items[0].gaps
                and all(type(f) in one_to_one for f in items[1:]))
        entry = _WORD_FORMS[id(analyzer)] = (analyzer, items[0].expression if fits else None, {})
    _, pattern, forms = entry
    if pattern is None:
        return None
    if len(forms) > WORD_FORMS_MAX:
        forms.clear()
    return _mark(body, termset, analyzer, pattern, forms)


def _mark(body: str, termset: frozenset[str], analyzer: Any, pattern: Any, forms: dict[str, str]) -> Any:
    from whoosh.analysis import Token  # one token object reused, as Whoosh's own tokenizers do

    t = Token(chars=True, removestops=False, mode="query")
    for m in pattern.finditer(body):
        word = m.group()
        form = forms.get(word)
        if form is None:
            form = forms[word] = next(iter(analyzer(word, mode="query", removestops=False))).text
        t.text, t.startchar, t.endchar = form, m.start(), m.end()
        t.matched = form in termset
        yield t


def _parse_iso(value: str | None) -> dt.datetime | dt.date | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    except ValueError:
        return None
