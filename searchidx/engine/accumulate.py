"""Term at a time: the matches of a query of words scored from whole posting blocks.

Whoosh scores a query document by document through a tree of matchers, a few method calls
per posting at each node: a two-word query with its all-words tier walks title and body for
each word under a boosted AND and an OR of all the terms, and its pruning cannot skip those
blocks. For a query made of words and phrases joined by OR, AND, AND NOT and AND MAYBE (what
plain words, quotes, the all-words tier, NOT and feedback's lent words make), the same scores
come from reading each term's posting blocks once and summing per-document scores in dicts:

- a term scores each posting with the searcher's weighting (ranking.BM25's per-block form,
  checked against its per-posting one), times its boost;
- OR sums what its parts score for each document any of them matches, times its boost;
- AND does so for the documents all of them match;
- AND MAYBE adds its optional part's score to its required part's documents;
- AND NOT drops the documents its second part matches;
- a phrase sums its words' scores in the documents holding them all where their positions
  make the phrase, as Whoosh's SpanNear2 decides.

A short query's all-words tier (query.py), ``Or([And(words)^b, *terms])``, is scored in two
steps: the documents with every word first, ``(b+1)·Σ`` of their words (plus any other terms);
a document missing a word scores at most the sum of the other words' best scores, so the
sum over all partial matches is built only when one of them could reach the top or the
caller counts them. Anything else (wildcards, ranges, a non-BM25 weighting, another codec's
postings) returns None, and the caller asks Whoosh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate
from typing import Any

from whoosh import query as Q
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.query.spans import Span, bisect_spans

from .store import length_bytes

Scores = dict[int, float]


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
    segments = [(_Segment(searcher, sub), offset) for sub, offset in searcher.leaf_searchers()]

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
    if type(q) is Q.Term:
        return True
    if isinstance(q, Q.Or) and _matches_as(q, Q.Or):
        return not q.minmatch and not q.scale and all(_supported(s) for s in q.subqueries)
    if isinstance(q, Q.And) and _matches_as(q, Q.And):
        return all(_supported(s) for s in q.subqueries)
    if type(q) in (Q.AndMaybe, Q.AndNot):
        return _supported(q.a) and _supported(q.b)
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


class _Segment:
    """One segment's scores for a query; a term met twice (the tier repeats its words) is read once."""

    def __init__(self, searcher: Any, sub: Any) -> None:
        self.top, self.sub, self.reader = searcher, sub, sub.reader()
        self.terms: dict[tuple[str, Any, float], Scores] = {}
        self.parts: list[Scores] = []

    @property
    def matched(self) -> set[int]:
        """The documents matching any word or other term of the query tier() scored."""
        return set().union(*self.parts)

    def kept(self, scores: Scores, offset: int, allowed: set[int] | None) -> Scores:
        """``scores`` (changed in place) without deleted documents, numbered in the whole index, and
        restricted to ``allowed``."""
        if self.reader.has_deletions():
            segment = self.reader.segment()
            if segment is not None:  # a segment lists its deleted documents: usually few
                for d in segment.deleted_docs():
                    scores.pop(d, None)
            else:
                scores = {d: s for d, s in scores.items() if not self.reader.is_deleted(d)}
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
        if type(q) is Q.Phrase:
            return self._phrase(q)
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
        parts = [self.eval(s) for s in q.subqueries]
        if not parts:
            return {}
        if len(parts) == 1:  # Whoosh's matcher for one part is that part's, without the boost
            return parts[0]
        total: Scores
        if isinstance(q, Q.And):
            total = _in_all(parts)
        else:
            parts.sort(key=len, reverse=True)  # add the smaller parts into the largest
            total = parts[0]
            for part in parts[1:]:
                get = total.get
                for docnum, s in part.items():
                    total[docnum] = get(docnum, 0.0) + s
        if q.boost != 1.0:
            boost = q.boost
            total = {docnum: s * boost for docnum, s in total.items()}
        return total

    def _phrase(self, q: Q.Phrase) -> Scores:
        """What Whoosh's Phrase scores: the sum of its words' scores, times its boost, in the documents
        where SpanNear2 (as Phrase builds it) finds the words in order, each within ``slop`` of the last."""
        field = self.top.schema[q.fieldname] if q.fieldname in self.top.schema else None
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
                if len(parts) == 1 or _in_order([decode(v[d]) for v in values], q.slop)}

    def _term(self, fieldname: str, text: Any, boost: float, values: dict[int, bytes] | None = None) -> Scores:
        """docnum -> score of every posting of one term in this segment (deleted ones too); each
        posting's value (its encoded positions) goes into ``values`` if given."""
        schema = self.top.schema
        if fieldname not in schema:
            return {}
        try:
            btext = schema[fieldname].to_bytes(text)
        except ValueError:
            return {}
        if (fieldname, btext) not in self.reader:
            return {}
        score = self.top.weighting.block_scorer(self.sub, fieldname, btext, segment_lengths(self.reader, fieldname))
        out: Scores = {}
        m = self.reader._terms.matcher(fieldname, btext, schema[fieldname].format)
        for ids, weights, block_values in _blocks(m, values is not None):
            scores = score(ids, weights)
            if boost != 1.0:
                scores = [s * boost for s in scores]
            out.update(zip(ids, scores))
            if values is not None:
                values.update(zip(ids, block_values))
        return out


def _in_all(parts: list[Scores]) -> Scores:
    """The documents every part scores, with the sum of their scores (what an AND scores)."""
    docs = list(set(parts[0]).intersection(*parts[1:]))
    return dict(zip(docs, map(sum, zip(*[map(p.__getitem__, docs) for p in parts]))))


def segment_lengths(reader: Any, fieldname: str) -> bytes | None:
    """A segment's length bytes of ``fieldname`` (store.length_bytes), read once per segment
    reader (a searcher keeps its segment readers between queries)."""
    cache = reader.__dict__.setdefault("_searchidx_lengths", {})
    if fieldname not in cache:
        perdoc = getattr(reader, "_perdoc", None)
        cache[fieldname] = length_bytes(perdoc, fieldname) if perdoc is not None else None
    lengths: bytes | None = cache[fieldname]
    return lengths


def _in_order(positions: list[list[int]], slop: int, mindist: int = 1) -> bool:
    """Whether the words at these positions make a phrase: SpanNear2Matcher._get_spans (Whoosh
    2.7.4), ordered as Phrase asks, for one document's positions of each word."""
    if slop == 1 and mindist == 1:  # what that loop finds then: the words at consecutive positions
        starts = set(positions[0])
        for i, word in enumerate(positions[1:], 1):
            starts.intersection_update([p - i for p in word])
        return bool(starts)
    return _spans_in_order(positions, slop, mindist)


def _spans_in_order(positions: list[list[int]], slop: int, mindist: int) -> bool:
    aspans = [Span(p) for p in positions[0]]
    for word in positions[1:]:
        if not aspans:
            return False
        bspans = [Span(p) for p in word]
        spans = set()
        for aspan in aspans:
            j = bisect_spans(bspans, aspan.start)
            while j < len(bspans):
                bspan = bspans[j]
                j += 1
                if bspan.end < aspan.start - slop or aspan.start > bspan.start:
                    continue  # B too far before A, or before it at all
                if bspan.start > aspan.end + slop:
                    break  # B too far after A, and so are the spans after it
                if mindist <= aspan.distance_to(bspan) <= slop:
                    spans.add(aspan.to(bspan))
        aspans = sorted(spans)
    return bool(aspans)


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
