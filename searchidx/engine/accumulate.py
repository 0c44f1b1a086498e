"""Term at a time: the matches of a query scored from whole posting blocks.

Whoosh scores a query document by document through a tree of matchers, a few method calls
per posting at each node. For the queries the parser and ranking build (words, phrases,
wildcards, ranges, NOT, the all-words tier, feedback's lent words) the same scores come from
reading each term's posting blocks once and summing per-document scores in dicts:

- a term scores each posting with the searcher's weighting (scoring.BM25's per-block form,
  checked against its per-posting one), times its boost;
- OR sums what its parts score for each document any of them matches (in query order), times
  its boost; AND does so for the documents all of them match; AND MAYBE adds its optional
  part's score to its required part's documents; AND NOT and REQUIRE drop or keep documents;
- a phrase sums its words' scores in the documents holding them all where their positions
  make the phrase, as Whoosh's SpanNear2 decides;
- a wildcard, range or fuzzy word is one word (``_Run``): its words are expanded once over the
  whole index, their frequencies summed per document, and it is scored with BM25 as a word
  held by every document holding any of them. Whoosh scored it as a constant where a segment
  held several of its words and as a word where it held one, so `bank*` ranked a story first
  in one build of a folder and 52nd in another;
- ``*`` (Every) matches every document, scoring its boost: all tie, and ties go newest first.

Statistics (N, document frequencies, average lengths) are the live documents' (scoring.py).
A short query's all-words tier (query.py), ``Or([And(words)^b, *terms])``, is scored in two
steps: the documents with every word first, ``(b+1)·Σ`` of their words (plus any other terms);
a document missing a word scores at most the sum of the other words' best scores, so the
sum over all partial matches is built only when one of them could reach the top or the
caller counts them. Anything else (a non-BM25 weighting, another codec's postings, a fielded
``*`` over a field without lengths) returns None, and the caller asks Whoosh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate
from typing import Any

from whoosh import query as Q
from whoosh.codec.whoosh3 import W3LeafMatcher

from .phrases import in_order
from .scoring import bm25_idf, deleted_docs, live_stats, segment_lengths

Scores = dict[int, float]
# A segment's postings of one term: document numbers, weights, and (for phrases) encoded positions.
Postings = tuple[list[int], list[float], list[bytes] | None]


class Matches:
    """Every match of a query, scored. ``best`` holds the documents that can score above ``beyond``
    (all of them when ``beyond`` is None); ``everything()`` has every match, built on first use;
    ``count()`` says how many there are without building it."""

    def __init__(self, best: Scores, beyond: float | None, everything: Callable[[], Scores],
                 count: Callable[[], int] | None = None) -> None:
        self.best, self.beyond = best, beyond
        self._everything: Scores | None = best if beyond is None else None
        self._build, self._count = everything, count

    def everything(self) -> Scores:
        if self._everything is None:
            self._everything = self._build()
        return self._everything

    def count(self) -> int:
        if self._everything is None and self._count is not None:
            return self._count()
        return len(self.everything())

    def docnums(self) -> Iterable[int]:
        """Every matching document's number."""
        return self.everything().keys()


def matches(searcher: Any, q: Q.Query, restrict: Q.Query | None = None) -> Matches | None:
    """The scored matches of ``q`` (global docnums); None when ``q`` has a part this module does not
    score. ``restrict`` keeps only the documents it matches, as Whoosh's filter does."""
    if not _supported(q) or not hasattr(searcher.weighting, "block_scorer"):
        return None
    allowed = set(searcher.docs_for_query(restrict)) if restrict is not None else None
    run = _Run(searcher)
    segments = [(seg, seg.offset) for seg in run.segments]

    def everything() -> Scores:
        out: Scores = {}
        for seg, offset in segments:
            out.update(seg.kept(seg.eval(q), offset, allowed))
        return out

    tier = tier_parts(q)
    try:
        if tier is None:
            return Matches(everything(), None, everything)
        best: Scores = {}
        beyond = 0.0
        for seg, offset in segments:
            scores, bound = seg.tier(*tier)
            best.update(seg.kept(scores, offset, allowed))
            beyond = max(beyond, bound)

        def count() -> int:
            return sum(len(seg.kept(dict.fromkeys(seg.matched, 0.0), offset, allowed)) for seg, offset in segments)

        return Matches(best, beyond, everything, count)
    except _Unsupported:
        return None


def _supported(q: Q.Query) -> bool:
    if q is Q.NullQuery or type(q) is Q.Term or type(q) is Q.Every:
        return True
    if isinstance(q, Q.MultiTerm) or isinstance(q, Q.NumericRange):
        return True
    if isinstance(q, Q.Or) and _matches_as(q, Q.Or):
        return not q.minmatch and not q.scale and all(_supported(s) for s in q.subqueries)
    if isinstance(q, Q.And) and _matches_as(q, Q.And):
        return all(_supported(s) for s in q.subqueries)
    if type(q) in (Q.AndMaybe, Q.AndNot, Q.Require):
        return _supported(q.a) and _supported(q.b)
    if type(q) in (Q.Not, Q.ConstantScoreQuery):
        return _supported(q.query if type(q) is Q.Not else q.child)
    return type(q) is Q.Phrase and bool(q.words)


def _matches_as(q: Q.Query, base: Any) -> bool:
    """True when ``q``'s class matches as ``base`` does: a subclass that only marks a query, as
    query.py's do, not one with matching of its own (Whoosh's Sequence is an And of spans)."""
    return type(q).matcher is base.matcher and type(q)._matcher is base._matcher


def tier_parts(q: Q.Query) -> tuple[list[Q.Query], list[Q.Query], float] | None:
    """(words, other terms, tier boost) of a short query's ``Or([And(words)^b, *terms])``, else None.

    Then an article with every word scores ``(b+1)·Σ words + Σ others``, any other the sum of
    the terms it has. Recognised by shape, not by query.py's marker class, because the split
    is sound only for this shape, whoever built it: the terms the OR lists after the tier must
    include each word's, none twice (a word is a term, or an OR of one term per field when
    normalize() did not flatten it).
    """
    if not isinstance(q, Q.Or) or q.boost != 1.0 or len(q.subqueries) < 2:
        return None
    tier, rest = q.subqueries[0], q.subqueries[1:]
    if not isinstance(tier, Q.And) or tier.boost <= 1.0 or len(tier.subqueries) < 2:
        return None
    terms = [t for w in tier.subqueries for t in (w.subqueries if isinstance(w, Q.Or) and w.boost == 1.0 else [w])]
    if len(set(terms)) != len(terms) or not all(t in rest for t in terms):
        return None
    return list(tier.subqueries), [r for r in rest if r not in terms], tier.boost


class _Run:
    """One query over every segment: the statistics a score needs are the whole index's.

    A word's idf counts the live documents holding it in every segment, and a wildcard is
    scored as one word (its matching words' frequencies summed in each document; its document
    frequency the live documents holding any of them), expanded once against the whole index.
    So a document scores the same whichever segment it sits in and however many documents were
    deleted around it: the ranking is the same however the index was built.
    """

    def __init__(self, searcher: Any) -> None:
        self.top = searcher
        self.stats = live_stats(searcher)
        self.segments = [_Segment(self, sub, offset) for sub, offset in searcher.leaf_searchers()]
        self._expanded: dict[Q.Query, tuple[bytes, ...]] = {}
        self._compiled: dict[Q.Query, Q.Query] = {}
        self._family_idf: dict[tuple[str, tuple[bytes, ...]], float] = {}
        self._counted: set[tuple[str, bytes]] = set()

    def counted(self, fieldname: str, btext: bytes) -> None:
        """Make sure the term's live document frequency is known, counted from the postings read here."""
        key = (fieldname, btext)
        if key in self._counted:
            return
        self.stats.known(fieldname, btext, sum(seg.live_count(fieldname, btext) for seg in self.segments))
        self._counted.add(key)

    def expand(self, q: Q.Query) -> tuple[bytes, ...]:
        """The indexed words a wildcard, range or fuzzy word stands for, in the whole index."""
        words = self._expanded.get(q)
        if words is None:
            # Whoosh's fuzzy words expand to str where its wildcards give bytes: the postings take bytes.
            words = self._expanded[q] = tuple(sorted({t if isinstance(t, bytes) else t.encode("utf-8")
                                                      for _, t in q.expanded_terms(self.top.reader())}))
        return words

    def compiled(self, q: Q.Query) -> Q.Query:
        """A numeric (date) range as the terms it stands for in the whole index."""
        got = self._compiled.get(q)
        if got is None:
            got = self._compiled[q] = q._compile_query(self.top.reader())
        return got

    def family_idf(self, fieldname: str, words: tuple[bytes, ...]) -> float:
        """The idf of a wildcard's words taken as one word."""
        key = (fieldname, words)
        idf = self._family_idf.get(key)
        if idf is None:
            df = sum(seg.family_live(fieldname, words) for seg in self.segments)
            idf = self._family_idf[key] = bm25_idf(self.stats.documents, df)
        return idf


class _Segment:
    """One segment's scores for a query; a term met twice (the tier repeats its words) is read once."""

    def __init__(self, run: _Run, sub: Any, offset: int) -> None:
        self.run, self.sub, self.reader, self.offset = run, sub, sub.reader(), offset
        self.deleted = deleted_docs(self.reader)
        self.raw: dict[tuple[str, bytes], Postings] = {}
        self.terms: dict[tuple[str, Any, float], Scores] = {}
        self.families: dict[tuple[str, tuple[bytes, ...]], dict[int, float]] = {}
        self.parts: list[Scores] = []

    @property
    def matched(self) -> set[int]:
        """The documents matching any word or other term of the query tier() scored."""
        return set().union(*self.parts)

    def kept(self, scores: Scores, offset: int, allowed: set[int] | None) -> Scores:
        """``scores`` (changed in place) without deleted documents, numbered in the whole index, and
        restricted to ``allowed``."""
        for d in self.deleted:
            scores.pop(d, None)
        if offset:
            scores = dict(zip([d + offset for d in scores], scores.values()))
        if allowed is not None:
            scores = {d: s for d, s in scores.items() if d in allowed}
        return scores

    def tier(self, words: list[Q.Query], others: list[Q.Query], boost: float) -> tuple[Scores, float]:
        """The scores of the documents holding every word, and a bound on any other document's."""
        parts = [self.eval(w) for w in words]
        rest = self.eval(Q.Or(others)) if others else {}
        scale = boost + 1.0
        scores = {d: s * scale for d, s in _in_all(parts).items()}
        for d in scores.keys() & rest.keys():
            scores[d] += rest[d]
        self.parts = [*parts, rest]
        # A partial match lacks a word: at most every other word's best, and the other terms' best;
        # raised by a billionth, as sums in another order can differ in their last bits.
        best = [max(p.values(), default=0.0) for p in parts]
        return scores, (sum(best) - min(best) + max(rest.values(), default=0.0)) * (1 + 1e-9)

    def eval(self, q: Q.Query) -> Scores:
        """docnum -> score of every document of this segment matching ``q`` (deleted ones too)."""
        if type(q) is Q.Term:
            key = (q.fieldname, q.text, q.boost)
            if key not in self.terms:
                self.terms[key] = self._term(q.fieldname, q.text, q.boost)
            return dict(self.terms[key])
        if q is Q.NullQuery:
            return {}
        if type(q) is Q.Phrase:
            return self._phrase(q)
        if type(q) is Q.Every or (isinstance(q, (Q.Prefix, Q.Wildcard)) and q.text in ("", "*")):
            return self._every(q.fieldname, q.boost)
        if isinstance(q, Q.NumericRange):
            return self.eval(self.run.compiled(q))
        if isinstance(q, Q.MultiTerm):
            return self._family(q)
        if type(q) is Q.ConstantScoreQuery:
            return dict.fromkeys(self.eval(q.child), q.score)
        if type(q) is Q.Not:  # Whoosh's InverseMatcher: every other document, scoring 1
            excluded = self.eval(q.query)
            return {d: 1.0 for d in range(self.reader.doc_count_all()) if d not in excluded}
        if type(q) is Q.AndMaybe:
            required, optional = self.eval(q.a), self.eval(q.b)
            for docnum in required.keys() & optional.keys():
                required[docnum] += optional[docnum]
            return required
        if type(q) is Q.AndNot:
            kept = self.eval(q.a)
            for docnum in self.eval(q.b):
                kept.pop(docnum, None)
            return kept
        if type(q) is Q.Require:
            scores, needed = self.eval(q.a), self.eval(q.b)
            return {d: s for d, s in scores.items() if d in needed}
        parts = [self.eval(s) for s in q.subqueries]
        if not parts:
            return {}
        if len(parts) == 1:  # Whoosh's matcher for one part is that part's, without the boost
            return parts[0]
        total: Scores
        if isinstance(q, Q.And):
            total = _in_all(parts)
        else:
            # Summed in query order, whatever each part's size: a document's score must not depend
            # on which segment it is in (floating-point sums depend on their order).
            total = parts[0]
            for part in parts[1:]:
                get = total.get
                for docnum, s in part.items():
                    total[docnum] = get(docnum, 0.0) + s
        if q.boost != 1.0:
            boost = q.boost
            total = {docnum: s * boost for docnum, s in total.items()}
        return total

    def postings(self, fieldname: str, btext: bytes, values: bool = False) -> Postings:
        """The segment's postings of one term, read once (again if positions are wanted and were not read)."""
        key = (fieldname, btext)
        got = self.raw.get(key)
        if got is None or (values and got[2] is None):
            got = self.raw[key] = self._read(fieldname, btext, values)
        return got

    def live_count(self, fieldname: str, btext: bytes) -> int:
        """How many live documents of this segment hold the term."""
        if (fieldname, btext) not in self.reader:
            return 0
        if not self.deleted:
            return int(self.reader.doc_frequency(fieldname, btext))
        deleted = self.deleted
        return sum(1 for d in self.postings(fieldname, btext)[0] if d not in deleted)

    def _read(self, fieldname: str, btext: bytes, values: bool) -> Postings:
        if (fieldname, btext) not in self.reader:
            return [], [], [] if values else None
        ids: list[int] = []
        weights: list[float] = []
        vals: list[bytes] | None = [] if values else None
        m = self.reader._terms.matcher(fieldname, btext, self.run.top.schema[fieldname].format)
        for block_ids, block_weights, block_values in _blocks(m, values):
            ids.extend(block_ids)
            weights.extend(block_weights)
            if vals is not None:
                vals.extend(block_values)
        return ids, weights, vals

    def _term(self, fieldname: str, text: Any, boost: float, values: dict[int, bytes] | None = None) -> Scores:
        """docnum -> score of every posting of one term in this segment (deleted ones too); each
        posting's value (its encoded positions) goes into ``values`` if given."""
        schema = self.run.top.schema
        if fieldname not in schema:
            return {}
        try:
            btext = schema[fieldname].to_bytes(text)
        except ValueError:
            return {}
        ids, weights, vals = self.postings(fieldname, btext, values is not None)
        if not ids:
            return {}
        self.run.counted(fieldname, btext)
        score = self.run.top.weighting.block_scorer(self.sub, fieldname, btext, segment_lengths(self.reader, fieldname))
        scores = score(ids, weights)
        if boost != 1.0:
            scores = [s * boost for s in scores]
        if values is not None and vals is not None:
            values.update(zip(ids, vals))
        return dict(zip(ids, scores))

    def family_tf(self, fieldname: str, words: tuple[bytes, ...]) -> dict[int, float]:
        """docnum -> the summed weights (frequencies) of ``words`` in each document of this segment."""
        key = (fieldname, words)
        tf = self.families.get(key)
        if tf is None:
            tf = self.families[key] = {}
            get = tf.get
            for btext in words:  # in byte order: the same sums in every segment
                if (fieldname, btext) not in self.reader:
                    continue
                ids, weights, _ = self._read(fieldname, btext, False)
                for d, w in zip(ids, weights):
                    tf[d] = get(d, 0.0) + w
        return tf

    def family_live(self, fieldname: str, words: tuple[bytes, ...]) -> int:
        deleted = self.deleted
        return sum(1 for d in self.family_tf(fieldname, words) if d not in deleted)

    def _family(self, q: Q.Query) -> Scores:
        """A wildcard, range or fuzzy word scored as one word of the words it stands for."""
        fieldname = q.field()
        schema = self.run.top.schema
        if fieldname not in schema:
            return {}
        words = self.run.expand(q)
        tf = self.family_tf(fieldname, words)
        if not tf:
            return {}
        boost = q.boost
        if not schema[fieldname].scorable:  # a date or an id: whether it is there, as Whoosh's constant score
            return dict.fromkeys(tf, boost)
        idf = self.run.family_idf(fieldname, words)
        score = self.run.top.weighting.block_scorer(self.sub, fieldname, None, segment_lengths(self.reader, fieldname),
                                                     idf=idf)
        ids = list(tf)
        scores = score(ids, [tf[d] for d in ids])
        return dict(zip(ids, scores if boost == 1.0 else [s * boost for s in scores]))

    def _every(self, fieldname: str | None, boost: float) -> Scores:
        """Every document (of the field: those with a word in it), scoring the boost, as Whoosh's Every."""
        count = self.reader.doc_count_all()
        if not fieldname:
            return dict.fromkeys(range(count), boost)
        schema = self.run.top.schema
        if fieldname not in schema:
            return {}
        if not schema[fieldname].scorable:
            raise _Unsupported  # Whoosh reads every posting of the field
        lengths = segment_lengths(self.reader, fieldname) or b""
        return {d: boost for d, n in enumerate(lengths) if n}

    def _phrase(self, q: Q.Phrase) -> Scores:
        """What Whoosh's Phrase scores: the sum of its words' scores, times its boost, in the documents
        where SpanNear2 (as Phrase builds it) finds the words in order, each within ``slop`` of the last."""
        field = self.run.top.schema[q.fieldname] if q.fieldname in self.run.top.schema else None
        if field is None:
            return {}
        if not field.format or not field.format.supports("positions"):
            raise _Unsupported  # Whoosh says why
        parts, values = [], []
        for word in q.words:
            found: dict[int, bytes] = {}
            parts.append(self._term(q.fieldname, word, 1.0, found))
            values.append(found)
        summed = _in_all(parts)
        decode, boost = field.format.decode_positions, q.boost
        return {d: s * boost for d, s in summed.items()
                if len(parts) == 1 or in_order([decode(v[d]) for v in values], q.slop)}


def _in_all(parts: list[Scores]) -> Scores:
    """The documents every part scores, with the sum of their scores (what an AND scores)."""
    docs = list(set(parts[0]).intersection(*parts[1:]))
    return dict(zip(docs, map(sum, zip(*[map(p.__getitem__, docs) for p in parts]))))


def _blocks(m: Any, values: bool) -> Iterator[tuple[Sequence[int], Sequence[float], Sequence[bytes]]]:
    """The document numbers, weights and (if asked) values of a term's postings, a block at a time."""
    if type(m) is not W3LeafMatcher or (values and not (m._fixedsize is None or m._fixedsize < 0)):
        raise _Unsupported
    while m.is_active():
        if m._data is None:
            m._read_data()
        ids = m._data[0]
        if not m._byteids:
            ids = tuple(accumulate(ids))  # Whoosh's delta_decode, in C
        m._read_weights()
        yield ids, m._weights, m._data[2] if values else ()
        m._next_block()


class _Unsupported(Exception):
    """A posting list this module cannot read block by block."""
