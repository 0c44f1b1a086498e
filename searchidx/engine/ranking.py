"""Ranking policy: the top N of a query, ties broken the same way every time, and feedback.

- :func:`best` finds the top N: a query of words and phrases term at a time
  (accumulate.py), every match scored; anything else through Whoosh's collector with its
  pruning made sound (pruning.py). Equal scores go to the newer article, then the lower id.
- :func:`feedback` is pseudo-relevance feedback for descriptions (queries longer than
  query.ALL_WORDS_MAX words): the words that stand out in the best few hits (Bo1, :func:`lent_words`) re-rank the documents
  that already match, so a question finds articles written in the words of the answer.
  Documents that do not match the query are never added.

The constants were chosen on CISI and MED and re-measured on six collections at once
(``score_ranking.py dev``: CISI, MED, CRAN, LISA, NPL, ADI; mean MAP 0.374 as set here); each
comment says what the evidence was. tests/engine/test_ranking.py holds the behaviour they must keep.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any, Protocol

from whoosh import query as Q

from .accumulate import matches
from .analysis import news_words
from .pruning import SoundPruning, disjoint_tier
from .scoring import live_stats
from .store import unpack_text

# Feedback: how many top hits lend their words, how many words they lend, and the weight of
# the strongest lent word relative to one query word (typed words are usually among the lent
# ones, so feedback also re-weighs the query). Over six collections feedback raised mean MAP
# from 0.342 to 0.366 (MED +0.08) and lost none more than 1%; 10 or 40 words, or weight 1.0,
# moved it by at most 0.002, 5 or 20 hits lost 0.010 and 0.006. Anserini's RM3, the query's weight
# interpolated with the lent words' (λ 0.5), gave 0.335: a long question's own words drown in them.
# Lending only words not typed gave 0.339, below no feedback: the gain is the best hits
# re-weighing the question's own words. (Measured with the relevance model's weights, before Bo1.)
# The weight, 1.25, was chosen with Bo1 leave-one-collection-out (the README's table): from 0.75,
# 1.0, 1.25 and 1.5, the mean of any five chose 1.25 (0.3724, 0.3734, 0.3745, 0.3702 over six);
# Terrier's own 3 hits and 10 words gave 0.359 (at 1.5: MED -7%, NPL -5%).
FEEDBACK_DOCS = 10
FEEDBACK_TERMS = 20
FEEDBACK_WEIGHT = 1.25
# A lent word must occur in this many of those hits: one article's pet words are not the topic's
# (1 gave 0.360 over six collections: LISA -5%, NPL -3%).
FEEDBACK_MIN_DOCS = 2
# Nor may it occur in more than this share of all documents: such words say little about a
# topic, and their long posting lists made feedback slow (0.1 beat 1.0, 0.25 and 0.05 on CISI and
# MED; over six, 0.25 gave 0.363, ADI -7%). Anserini's RM3 uses the same 10%.
FEEDBACK_MAX_DF = 0.1
# Fields whose words feed back (re-analysed from the stored text) and that the lent words are searched in.
FEEDBACK_FIELDS = ("title", "body")
# Past this many documents to order by date and id, each segment's columns are read whole.
BULK_COLUMN = 2000


class AllMatches(Protocol):
    """Every match of a query, counted or listed only when asked: either can cost more than the top N."""

    def count(self) -> int: ...

    def docnums(self) -> Iterable[int]: ...


def best(searcher: Any, q: Q.Query, limit: int,
         restrict: Q.Query | None = None) -> tuple[list[tuple[float, int]], AllMatches]:
    """The top ``limit`` (score, docnum) of ``q``, a tie going to the newer document, then the lower id;
    and every match, to count or list.

    A query of words and phrases is scored term at a time (accumulate.py), every match at once;
    any other goes through Whoosh's collector. Whoosh breaks ties by document number, which is the order
    the indexing workers happened to write documents in, so one folder could rank tied
    documents differently from one build to the next (MED MAP moved by 0.007 on ties alone).
    A tie at the cut is widened until the whole tied group is in hand.
    """
    found = matches(searcher, q, restrict)
    if found is None:
        return _best_whoosh(searcher, q, limit, restrict)
    top = _through_tie(found.best, limit)
    if found.beyond is not None and (len(top) < limit or _rounded(top[limit - 1][0]) <= _rounded(found.beyond)):
        top = _through_tie(found.everything(), limit)  # a document outside found.best could be among these
    return _ties_broken(searcher, top)[:limit], found


def newest(searcher: Any, q: Q.Query, limit: int,
           restrict: Q.Query | None = None) -> tuple[list[tuple[float, int]], AllMatches] | None:
    """The ``limit`` newest matches of ``q`` (undated ones last, equal dates by id) with their scores, and
    every match; None when accumulate.py cannot score ``q``. Whoosh's date sort broke equal dates by
    document number, which depends on how the index was built."""
    found = matches(searcher, q, restrict)
    if found is None:
        return None
    everything = found.everything()
    bulk = len(everything) > BULK_COLUMN
    ids, dates = _column(searcher, "id", bulk), _column(searcher, "date", bulk)
    undated = searcher.schema["date"].default

    def order(docnum: int) -> tuple[int, Any, Any]:
        date = dates(docnum)
        return (1, 0, ids(docnum)) if date == undated else (0, -date, ids(docnum))

    top = heapq.nsmallest(limit, everything, key=order)
    return [(everything[d], d) for d in top], found


def _largest(scores: dict[int, float], n: int) -> list[tuple[float, int]]:
    """The ``n`` best (score, docnum), best first."""
    return [(s, docnum) for docnum, s in heapq.nlargest(n, scores.items(), key=itemgetter(1))]


def _through_tie(scores: dict[int, float], limit: int) -> list[tuple[float, int]]:
    """The ``limit`` best (score, docnum), best first, and every document tied with the last of them."""
    head = _largest(scores, limit)
    if len(head) < limit:
        return head
    cut = _rounded(head[-1][0])
    near = cut - 1e-9  # a cheap first pass; _rounded decides
    return sorted(((s, d) for d, s in scores.items() if s >= near and _rounded(s) >= cut), reverse=True)


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
                 restrict: Q.Query | None) -> tuple[list[tuple[float, int]], AllMatches]:
    """best() through Whoosh's top-N collector, its pruning made sound."""
    ranked, mask = split_not(q)
    searches = []

    def top_of(n: int) -> list[tuple[float, int]]:
        searches.append(searcher.search(SoundPruning(disjoint_tier(ranked)), limit=n, filter=restrict, mask=mask))
        return list(searches[-1].top_n)

    top = _whole_tie(limit, top_of)
    return _ties_broken(searcher, top)[:limit], WhooshMatches(searcher, searches[-1], q, restrict)


class WhooshMatches:
    """Every match of a search Whoosh's collector ran: counted by it, listed by asking Whoosh again
    (its TopCollector's ``all_ids`` would leave out the filter and the mask)."""

    def __init__(self, searcher: Any, results: Any, q: Q.Query, restrict: Q.Query | None) -> None:
        self._searcher, self._results, self._q, self._restrict = searcher, results, q, restrict

    def count(self) -> int:
        return int(self._results.__len__())

    def docnums(self) -> Iterable[int]:
        ranked, mask = split_not(self._q)
        docs = set(self._searcher.docs_for_query(ranked))
        if self._restrict is not None:
            docs.intersection_update(self._searcher.docs_for_query(self._restrict))
        if mask is not None:
            docs.difference_update(self._searcher.docs_for_query(mask))
        return docs


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
        bulk = len(top) > BULK_COLUMN
        ids, dates = _column(searcher, "id", bulk), _column(searcher, "date", bulk)
        undated = searcher.schema["date"].default
        top.sort(key=lambda sd: ids(sd[1]))
        # Stable: ids stay in order within a date; undated documents go last.
        top.sort(key=lambda sd: -1 if dates(sd[1]) == undated else dates(sd[1]), reverse=True)
        top.sort(key=lambda sd: _rounded(sd[0]), reverse=True)
    return top


def _column(searcher: Any, fieldname: str, bulk: bool = False) -> Any:
    """docnum -> the field's raw column value, read segment by segment (each segment's whole
    column at once when ``bulk``: ``*`` ties every document, and 19,000 seeks took 1.8 s).

    Not MultiReader.column_reader: it leaves out segments without the column (one whose
    documents all lack a date) yet keeps their document numbers, so it reads the wrong
    segment, past its end.
    """
    from bisect import bisect_right

    leaves = searcher.reader().leaf_readers()
    offsets = [offset for _, offset in leaves]
    columns = [(_leaf_values if bulk else _leaf_column)(leaf, fieldname) for leaf, _ in leaves]
    if len(columns) == 1:
        return columns[0].__getitem__

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


def _leaf_values(leaf: Any, fieldname: str) -> list[Any]:
    """One segment's whole raw column as a list, read once per segment reader."""
    values = leaf.__dict__.setdefault("_searchidx_values", {})
    if fieldname not in values:
        values[fieldname] = list(_leaf_column(leaf, fieldname))
    got: list[Any] = values[fieldname]
    return got


def _rounded(score: float) -> float:
    """Scores equal to nine places are a tie: the same counts and lengths, summed in another order."""
    return round(score, 9)


def feedback(searcher: Any, q: Q.Query, restrict: Q.Query | None = None,
             field_boosts: dict[str, float] | None = None) -> Q.Query:
    """``q`` re-ranked by the words of its best hits (lent_words); it still matches exactly what ``q`` matches."""
    top = [(score, docnum) for score, docnum in best(searcher, q, FEEDBACK_DOCS, restrict)[0] if score > 0]
    if len(top) < 2:
        return q
    reader = searcher.reader()
    stats = live_stats(searcher)  # the live documents': the same however the index was built
    hits = [(score, word_counts(searcher.schema, reader.stored_fields(docnum))) for score, docnum in top]
    lent = lent_words(hits, lambda words: {w: stats.doc_frequency("body", w.encode("utf-8")) for w in words},
                      stats.documents)
    if not lent:
        return q
    field_boosts = field_boosts or {}
    expansion = [Q.Term(f, w, boost=FEEDBACK_WEIGHT * field_boosts.get(f, 1.0) * v)
                 for w, v in lent for f in FEEDBACK_FIELDS]
    return Q.AndMaybe(q, Q.Or(expansion))


def lent_words(hits: list[tuple[float, Counter[str]]], frequencies: Callable[[list[str]], dict[str, int]],
               documents: int) -> list[tuple[str, float]]:
    """The words feedback lends, with their weight relative to the strongest (1.0), from the best
    hits' (score, word counts); ``frequencies(words)`` gives each word's document frequency among the
    ``documents`` live ones. Both engines choose the words here, so they lend the same ones.

    A word is weighed by Bo1, Terrier's default divergence from randomness: how far its count in
    the hits taken together, ``tf``, lies above what its share of documents ``p = df / N`` would
    put there, ``tf * log2((1 + p) / p) + log2(1 + p)``. Terrier takes ``p`` from the collection
    frequency; the document frequency is what both engines keep for the live documents only, so a
    ranking stays the same however the index was built. It replaced a relevance model (each hit's
    share of the scores times the word's share of the hit): over six collections mean MAP 0.370 ->
    0.3745 (with FEEDBACK_WEIGHT chosen leave-one-collection-out: see the README).
    """
    seen: Counter[str] = Counter()
    together: Counter[str] = Counter()
    for _, tf in hits:
        seen.update(tf.keys())
        together.update(tf)
    candidates = [w for w, n in seen.items() if n >= FEEDBACK_MIN_DOCS and len(w) > 1 and not w.isdigit()]
    df = frequencies(candidates)
    common = max(FEEDBACK_MAX_DF * documents, FEEDBACK_MIN_DOCS)
    weights = {w: _bo1(together[w], df[w], documents) for w in candidates if 0 < df.get(w, 0) <= common}
    lent = sorted(weights, key=lambda w: (-weights[w], w))[:FEEDBACK_TERMS]
    if not lent:
        return []
    strongest = weights[lent[0]]
    return [(w, weights[w] / strongest) for w in lent]


def _bo1(tf: int, df: int, documents: int) -> float:
    """Bo1's weight of a word found ``tf`` times in the hits and in ``df`` of ``documents`` documents."""
    p = df / documents
    return tf * math.log2((1 + p) / p) + math.log2(1 + p)


def word_counts(schema: Any, stored: dict[str, Any]) -> Counter[str]:
    """How often each indexed word of FEEDBACK_FIELDS occurs in one document, from its stored text.

    The indexing writer's own analysis (NewsWordFilter.index_positions, which remembers each
    word's), so these are the counts the postings hold: the title's and the body's together are
    the body field's, which indexes both (writing.searched_body).
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
