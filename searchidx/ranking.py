"""Ranking: how the words of a query score a document, on top of Whoosh's matching.

search.py parses a query and runs it; this module decides how matches are scored:

- :class:`BM25` is BM25 per field with the idf used by Lucene and bm25s. Whoosh's own
  BM25F uses ``log(N / (df + 1)) + 1``, which leaves common words almost as strong as rare
  ones and drowns a long question in its everyday words.
- :func:`weigh_repeats` counts a word a question repeats ("titles ... titles ... titles")
  as more important (1 + ln n times, not n: a repeat is emphasis, not a new word), instead
  of letting Whoosh drop the repeats.
- :func:`feedback` is pseudo-relevance feedback (RM3) for queries longer than search.py's
  all-words-first limit: the words that dominate the best few hits re-rank the documents
  that already match, so a question finds articles written in the words of the answer.
  Documents that do not match the query are never added.

The constants were chosen on CISI and MED (score_ranking.py); each comment says what the
evidence was. tests/test_ranking.py holds the behaviour they must keep. Like search.py,
this module reads Whoosh: these are Whoosh weighting and query objects.
"""

from __future__ import annotations

import functools
import heapq
import math
from collections import Counter
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from whoosh import query as Q
from whoosh.matching import AndMaybeMatcher, ArrayUnionMatcher, ReadTooFar, UnionMatcher, WrappingMatcher
from whoosh.scoring import WeightingModel, WeightLengthScorer, WeightScorer
from whoosh.util.numeric import byte_to_length

from .accumulate import matches, tier_parts
from .schema import news_words
from .store import unpack_text

# BM25 term-frequency saturation: 1.5 (bm25s' default) beat Lucene's 1.2 on both collections.
K1 = 1.5
# Length normalisation: the textbook 0.75 was as good as any value tried.
B = 0.75
# Feedback: how many top hits lend their words, how many words they lend, and the weight of
# the strongest lent word relative to one query word (typed words are usually among the lent
# ones, so feedback also re-weighs the query). More documents or words drift off topic.
FEEDBACK_DOCS = 10
FEEDBACK_TERMS = 20
FEEDBACK_WEIGHT = 1.5
# A lent word must occur in this many of those hits: one article's pet words are not the topic's.
FEEDBACK_MIN_DOCS = 2
# Nor may it occur in more than this share of all documents: such words say little about a
# topic, and their long posting lists made feedback slow (0.1 beat 1.0, 0.25 and 0.05 on both).
FEEDBACK_MAX_DF = 0.1
# Fields whose words feed back (re-analysed from the stored text) and that the lent words are searched in.
FEEDBACK_FIELDS = ("title", "body")


class BM25(WeightingModel):
    """BM25 with the Robertson/Lucene idf ``log(1 + (N - df + 0.5) / (df + 0.5))``."""

    def __init__(self, k1: float = K1, b: float = B) -> None:
        self.K1 = k1
        self.B = b

    def supports_block_quality(self) -> bool:
        return True

    def idf(self, searcher: Any, fieldname: str, text: Any) -> float:
        parent = searcher.get_parent()
        n = parent.doc_frequency(fieldname, text)
        total = parent.doc_count_all()
        return math.log(1 + (total - n + 0.5) / (n + 0.5))

    def scorer(self, searcher: Any, fieldname: str, text: Any, qf: int = 1) -> Any:
        if not searcher.schema[fieldname].scorable:
            return WeightScorer.for_(searcher, fieldname, text)
        return _BM25Scorer(searcher, fieldname, text, self.K1, self.B)

    def block_scorer(self, searcher: Any, fieldname: str, text: Any, lengths: bytes | None) -> Any:
        """``score(ids, weights)``: the scores ``scorer(...)`` gives those postings of one segment's term,
        a block at a time (accumulate.py); ``lengths`` holds each document's length byte in the field."""
        if not searcher.schema[fieldname].scorable:
            return lambda ids, weights: list(weights)  # WeightScorer's
        parent = searcher.get_parent()
        idf, k1p = parent.idf(fieldname, text), self.K1 + 1
        avgfl = parent.avg_field_length(fieldname) or 1
        if lengths is None:  # no length column: Whoosh reads every length as 1
            norm = self.K1 * (1 - self.B + self.B * 1 / avgfl)
            return lambda ids, weights: [idf * w * k1p / (w + norm) for w in weights]
        norms = _norms(self.K1, self.B, avgfl)
        return lambda ids, weights: [idf * w * k1p / (w + norms[lengths[d]]) for d, w in zip(ids, weights)]


class _BM25Scorer(WeightLengthScorer):
    def __init__(self, searcher: Any, fieldname: str, text: Any, k1: float, b: float) -> None:
        parent = searcher.get_parent()
        self.idf = parent.idf(fieldname, text)  # cached per searcher
        self.avgfl = parent.avg_field_length(fieldname) or 1
        self.k1, self.b = k1, b
        self.setup(searcher, fieldname, text)

    def _score(self, weight: float, length: float) -> float:
        norm = self.k1 * (1 - self.b + self.b * length / self.avgfl)
        return self.idf * weight * (self.k1 + 1) / (weight + norm)


@functools.lru_cache(maxsize=64)
def _norms(k1: float, b: float, avgfl: float) -> tuple[float, ...]:
    """_BM25Scorer's length normalisation for each of Whoosh's 256 length bytes, to the same bits."""
    return tuple(k1 * (1 - b + b * byte_to_length(lb) / avgfl) for lb in range(256))


def weigh_repeats(q: Q.Query) -> Q.Query:
    """Merge repeated words of an un-normalised parse into one query boosted by 1 + ln(count)."""
    if not isinstance(q, Q.Or):
        return q
    counts = Counter(q.subqueries)
    if max(counts.values(), default=1) == 1:
        return q
    kept = list(dict.fromkeys(q.subqueries))
    return q.__class__([s.with_boost(s.boost * (1 + math.log(counts[s]))) if counts[s] > 1 else s for s in kept],
                       boost=q.boost)


def best(searcher: Any, q: Q.Query, limit: int,
         restrict: Q.Query | None = None) -> tuple[list[tuple[float, int]], Callable[[], int]]:
    """The top ``limit`` (score, docnum) of ``q``, a tie going to the newer document, then the lower id;
    and a function counting every match.

    A query of words and phrases is scored term at a time (accumulate.py), every match at once;
    any other goes through Whoosh's collector. Whoosh breaks ties by document number, which is the order
    the indexing workers happened to write documents in, so one folder could rank tied
    documents differently from one build to the next (MED MAP moved by 0.007 on ties alone).
    A tie at the cut is widened until the whole tied group is in hand.
    """
    found = matches(searcher, q, restrict)
    if found is None:
        return _best_whoosh(searcher, q, limit, restrict)
    top = _whole_tie(limit, lambda n: _largest(found.best, n))
    if found.beyond is not None and (len(top) < limit or _rounded(top[limit - 1][0]) <= _rounded(found.beyond)):
        everything = found.everything()  # a document outside found.best could be among these
        top = _whole_tie(limit, lambda n: _largest(everything, n))
    return _ties_broken(searcher, top)[:limit], found.count


def _largest(scores: dict[int, float], n: int) -> list[tuple[float, int]]:
    """The ``n`` best (score, docnum), best first."""
    return [(s, docnum) for docnum, s in heapq.nlargest(n, scores.items(), key=itemgetter(1))]


def _whole_tie(limit: int, top_of: Callable[[int], list[tuple[float, int]]]) -> list[tuple[float, int]]:
    """``top_of(n)`` for n from ``limit + 1`` up, until it holds every document tied with the
    ``limit``-th: its last is not tied with that one, or it is all there is."""
    want = limit + 1
    while True:
        top = top_of(want)
        if len(top) < want or _rounded(top[limit - 1][0]) != _rounded(top[-1][0]):
            return top
        want *= 4


def _best_whoosh(searcher: Any, q: Q.Query, limit: int,
                 restrict: Q.Query | None) -> tuple[list[tuple[float, int]], Callable[[], int]]:
    """best() through Whoosh's top-N collector, its pruning made sound."""
    ranked, mask = split_not(q)
    searches = []

    def top_of(n: int) -> list[tuple[float, int]]:
        searches.append(searcher.search(SoundPruning(_disjoint_tier(ranked)), limit=n, filter=restrict, mask=mask))
        return list(searches[-1].top_n)

    top = _whole_tie(limit, top_of)
    return _ties_broken(searcher, top)[:limit], searches[-1].__len__


def split_not(q: Q.Query) -> tuple[Q.Query, Q.Query | None]:
    """``q`` without a top-level AND NOT, and what it excludes, for Whoosh's ``mask``.

    Whoosh's AndNotMatcher over a phrase keeps documents its NOT side matches: '"oil prices"
    NOT envoy*' returned stories holding "envoy". A mask excludes the documents it matches
    outright.
    """
    if isinstance(q, Q.AndNot):
        return q.a, q.b
    return q, None


def _ties_broken(searcher: Any, top: list[tuple[float, int]]) -> list[tuple[float, int]]:
    """``top`` (best first) with equal scores ordered newest first, then by id."""
    if any(_rounded(a[0]) == _rounded(b[0]) for a, b in zip(top, top[1:])):
        # From the id and date columns: in Whoosh's byte-quantised lengths ties are common (a
        # one-word query can tie hundreds), and unpickling stored fields for each cost 5 ms.
        ids, dates = _column(searcher, "id"), _column(searcher, "date")
        undated = searcher.schema["date"].default
        top.sort(key=lambda sd: ids(sd[1]))
        # Stable: ids stay in order within a date; undated documents go last.
        top.sort(key=lambda sd: -1 if dates(sd[1]) == undated else dates(sd[1]), reverse=True)
        top.sort(key=lambda sd: _rounded(sd[0]), reverse=True)
    return top


def _column(searcher: Any, fieldname: str) -> Any:
    """docnum -> the field's raw column value, read segment by segment.

    Not MultiReader.column_reader: it leaves out segments without the column (one whose
    documents all lack a date) yet keeps their document numbers, so it reads the wrong
    segment, past its end.
    """
    from bisect import bisect_right

    leaves = searcher.reader().leaf_readers()
    offsets = [offset for _, offset in leaves]
    columns = [_leaf_column(leaf, fieldname) for leaf, _ in leaves]

    def value(docnum: int) -> Any:
        i = bisect_right(offsets, docnum) - 1
        return columns[i][docnum - offsets[i]]

    return value


def _leaf_column(leaf: Any, fieldname: str) -> Any:
    """One segment's raw column reader, made once per segment reader (a searcher keeps its
    segment readers between queries): the id column's reader reads every document's offset."""
    readers = leaf.__dict__.setdefault("_searchidx_columns", {})
    if fieldname not in readers:
        readers[fieldname] = leaf.column_reader(fieldname, translate=False)
    return readers[fieldname]


def _rounded(score: float) -> float:
    """Scores equal to nine places are a tie: the same counts and lengths, summed in another order."""
    return round(score, 9)


def feedback(searcher: Any, q: Q.Query, restrict: Q.Query | None = None,
             field_boosts: dict[str, float] | None = None) -> Q.Query:
    """``q`` re-ranked by the words of its best hits (RM3); it still matches exactly what ``q`` matches."""
    top = [(score, docnum) for score, docnum in best(searcher, q, FEEDBACK_DOCS, restrict)[0] if score > 0]
    if len(top) < 2:
        return q
    reader = searcher.reader()
    total = sum(score for score, _ in top)
    weights: dict[str, float] = {}
    seen: Counter[str] = Counter()
    for score, docnum in top:
        tf = _word_counts(searcher.schema, reader.stored_fields(docnum))
        length = sum(tf.values()) or 1
        seen.update(tf.keys())
        for word, n in tf.items():
            if len(word) > 1 and not word.isdigit():
                weights[word] = weights.get(word, 0.0) + (score / total) * (n / length)
    common = max(FEEDBACK_MAX_DF * searcher.doc_count_all(), FEEDBACK_MIN_DOCS)
    lent = [(w, v) for w, v in sorted(weights.items(), key=lambda wv: -wv[1])
            if seen[w] >= FEEDBACK_MIN_DOCS and searcher.doc_frequency("body", w) <= common][:FEEDBACK_TERMS]
    if not lent:
        return q
    strongest = lent[0][1]
    field_boosts = field_boosts or {}
    expansion = [Q.Term(f, w, boost=FEEDBACK_WEIGHT * field_boosts.get(f, 1.0) * v / strongest)
                 for w, v in lent for f in FEEDBACK_FIELDS]
    return Q.AndMaybe(q, Q.Or(expansion))


def _word_counts(schema: Any, stored: dict[str, Any]) -> Counter[str]:
    """How often each indexed word of FEEDBACK_FIELDS occurs in one document, from its stored text.

    The indexing writer's own analysis (NewsWordFilter.index_positions, which remembers each
    word's), so these are the counts the postings hold.
    """
    body = unpack_text(stored["blob"])["body"] if "blob" in stored else ""
    texts = {"title": str(stored.get("title") or ""), "body": str(body)}
    tf: Counter[str] = Counter()
    for fieldname in FEEDBACK_FIELDS:
        text = texts.get(fieldname)
        if not text:
            continue
        words = news_words(schema[fieldname])
        if words is None:
            tf.update(schema[fieldname].process_text(text, mode="index"))
        else:
            tf.update({term.decode("utf-8"): len(positions) for term, positions in words.index_positions(text).items()})
    return tf


class SoundPruning(Q.WrappingQuery):
    """``q`` with Whoosh's top-N pruning made sound; ``best`` searches through it.

    While collecting the top N, Whoosh drops a part of the query whose best possible score
    cannot reach the N-th hit (``Matcher.replace(minquality)``), trusting each part's bound
    (``max_quality``), and simplifies the rest. Three faults lost the best documents:

    - a boosted part (a WrappingMatcher) passes the threshold to its child unscaled: the
      all-words tier (boost 10) was dropped once the N-th hit scored a tenth of what it could.
      49 of 155 generated two- to six-word queries on Reuters had another top 10 than the
      first 10 of a top 3000; now none does;
    - an OR of three or more parts in a segment of up to 5,000 documents (ArrayUnionMatcher)
      gives the bound of its best part, unboosted, not their boosted sum: feedback's lent
      words were dropped, which a wrapper scoring every match had covered up (it is gone);
    - the AndMaybe an OR becomes once one side cannot reach the N-th hit alone, when told to
      skip to a document, leaves its optional side at that document even when its main side
      moved past it, so the next match lost the optional side's score.

    Here those matcher kinds are given sound versions, for this search only: in the tree as
    built, and again in what each ``replace`` returns (it builds new AndMaybes).
    """

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _Sound(_sound(self.child.matcher(searcher, context)))


def _sound(top: Any) -> Any:
    """``top`` with its faulty Whoosh matchers swapped in place for their sound subclasses."""
    stack = [top]
    while stack:
        m = stack.pop()
        sound = _SOUND.get(type(m))
        if sound is not None:
            m.__class__ = sound
        stack.extend(m.children())
    return top


class _Sound(WrappingMatcher):
    """The root: whatever a ``replace`` below returns is made sound too."""

    def replace(self, minquality: float = 0) -> Any:
        r = self.child.replace(minquality)
        return self if r is self.child else _Sound(_sound(r))


class _AndMaybeMatcher(AndMaybeMatcher):
    def skip_to(self, id: int) -> bool:
        if not self.a.is_active():
            raise ReadTooFar
        ra = self.a.skip_to(id)
        rb = False
        if self.a.is_active() and self.b.is_active():
            rb = self.b.skip_to(self.a.id())  # Whoosh: skip_to(id), leaving b behind a
        return bool(ra or rb)


def _disjoint_tier(q: Q.Query) -> Q.Query:
    """A short query's all-words tier scored apart from its partial matches, to the same scores.

    The tier (query.py) makes ``Or([And(words)^b, *terms])``: an article with every word
    scores b·Σ + Σ, any other Σ of the terms it has. So its articles were scored twice, and
    the terms could never be dropped, since each adds to the tier's articles. The same scores
    come from two parts that match no article in common, ``And(words)^(b+1)`` (plus any terms
    not among the words, as optional) and ``AndNot(Or(terms), And(words))``: once no partial
    match can reach the N-th hit, only the tier is left to walk. Other queries are left as they are.
    """
    parts = tier_parts(q)
    if parts is None:
        return q
    words, others, boost = parts
    every: Q.Query = Q.And(words, boost=boost + 1.0)
    if others:
        every = Q.AndMaybe(every, Q.Or(others))
    return _DisjointOr([every, Q.AndNot(Q.Or(q.subqueries[1:]), Q.And(words))])


class _DisjointOr(Q.Or):
    """An Or of two parts that never match the same document."""

    def _matcher(self, subs: list[Q.Query], searcher: Any, context: Any) -> Any:
        return _DisjointUnionMatcher(subs[0].matcher(searcher, context), subs[1].matcher(searcher, context))


class _DisjointUnionMatcher(UnionMatcher):
    def replace(self, minquality: float = 0) -> Any:
        # A part that cannot reach the N-th hit goes whole: it adds nothing to the other's documents.
        a, b = self.a, self.b
        if minquality and b.is_active() and b.max_quality() < minquality:
            return a.replace(minquality)
        if minquality and a.is_active() and a.max_quality() < minquality:
            return b.replace(minquality)
        return super().replace(minquality)


class _BoostedMatcher(WrappingMatcher):
    def replace(self, minquality: float = 0) -> Any:
        r = self.child.replace(minquality / self.boost if minquality and self.boost > 0 else 0)
        return self if r is self.child else self._replacement(r)


class _ArrayUnionMatcher(ArrayUnionMatcher):
    def max_quality(self) -> float:
        # Whoosh gives the best of its parts' bounds, unboosted, and forgets the scores it has
        # already read ahead; a document can score the boosted sum of its parts.
        ahead = sum(m.max_quality() for m in self._submatchers if m.is_active()) * self._boost
        return max(max(self._a), ahead)


_SOUND = {WrappingMatcher: _BoostedMatcher, ArrayUnionMatcher: _ArrayUnionMatcher, AndMaybeMatcher: _AndMaybeMatcher}
