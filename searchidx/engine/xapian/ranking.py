"""Ranking on Xapian: BM25 with the Whoosh engine's k1 and b, its ties, its tiers and its feedback.

- Weighting: Xapian's BM25Weight with ``scoring.K1`` and ``scoring.B``, no query-frequency
  term (k3 = 0: a repeated word is already weighted by query.weigh_repeats) and no length
  floor. Its idf is Robertson's ``log((N - df + 0.5) / (df + 0.5))``, softened towards 1 for
  words in more than a third of the documents; the Whoosh engine's is Lucene's ``log(1 + ...)``.
  A weighting class of our own could not run inside xapian-tcpsrv, so each word's weight is
  scaled by the ratio of the two (``idf_factors``), from the word statistics Xapian gathers
  over all shards in one round trip. What stays different: a document's length is that of all
  its fields together, not of the field the word was found in (Xapian 1.4 keeps no field lengths).
- Ties: equal weights go to the newer article, then the lower id (the Whoosh engine's order).
- Tiers: the all-words tier is part of the parsed query (query.py) and translates as it is.
- Feedback: query.wants_feedback's descriptions are re-ranked by ranking.feedback's words
  (RM3 over the ten best hits' stored title and body, the same constants), added as an
  OP_AND_MAYBE so they never add a document.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import xapian

from ..analysis import NewsWordFilter
from ..query import FIELD_BOOSTS
from ..ranking import FEEDBACK_DOCS, FEEDBACK_FIELDS, FEEDBACK_MAX_DF, FEEDBACK_MIN_DOCS, FEEDBACK_TERMS, \
    FEEDBACK_WEIGHT
from ..scoring import B, K1
from ..store import unpack_text
from .documents import stored
from .layout import PREFIXES, SLOT_ORDER

X = xapian.Query


def weighting() -> Any:
    """BM25 with the Whoosh engine's k1 and b (k2 = 0, k3 = 0, no minimum normalised length)."""
    return xapian.BM25Weight(K1, 0.0, 0.0, B, 0.0)


def idf_factors(db: Any, terms: list[str]) -> dict[str, float]:
    """term -> Lucene's idf over Xapian's, for each term that occurs (statistics from every shard)."""
    if not terms:
        return {}
    e = xapian.Enquire(db)
    e.set_query(X(X.OP_OR, terms))
    stats = e.get_mset(0, 0)  # no documents: only the words' statistics, gathered from every shard
    n = db.get_doccount()
    factors = {}
    for term in terms:
        df = stats.get_termfreq(term)
        if df:
            factors[term] = _lucene_idf(n, df) / _xapian_idf(n, df)
    return factors


def _lucene_idf(n: int, df: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _xapian_idf(n: int, df: int) -> float:
    """BM25Weight's idf in Xapian 1.4 (bm25weight.cc, init), without an RSet."""
    tw = (n - df + 0.5) / (df + 0.5)
    if tw < 2:
        tw = tw * 0.5 + 1
    return math.log(tw)


def enquire(db: Any, q: Any, sort: str) -> Any:
    """An Enquire for ``q``, ranked as the Whoosh engine ranks (``sort`` relevance or date)."""
    e = xapian.Enquire(db)
    e.set_query(q)
    e.set_weighting_scheme(weighting())
    if sort == "date":  # the order slot: newer first (undated last), then the lower id
        e.set_sort_by_value_then_relevance(SLOT_ORDER, False)
    else:
        e.set_sort_by_relevance_then_value(SLOT_ORDER, False)
    return e


def feedback(db: Any, q: Any, restrict: Any | None) -> Any:
    """``q`` re-ranked by the words of its best hits (ranking.feedback's RM3); it matches what ``q`` matches."""
    filtered = q if restrict is None else X(X.OP_FILTER, q, restrict)
    mset = enquire(db, filtered, "relevance").get_mset(0, FEEDBACK_DOCS)
    mset.fetch()
    top = [(item.weight, stored(item.document)) for item in mset if item.weight > 0]
    if len(top) < 2:
        return q
    total = sum(score for score, _ in top)
    weights: dict[str, float] = {}
    seen: Counter[str] = Counter()
    for score, fields in top:
        tf = _word_counts(fields)
        length = sum(tf.values()) or 1
        seen.update(tf.keys())
        for word, n in tf.items():
            if len(word) > 1 and not word.isdigit():
                weights[word] = weights.get(word, 0.0) + (score / total) * (n / length)
    common = max(FEEDBACK_MAX_DF * db.get_doccount(), FEEDBACK_MIN_DOCS)
    lent: list[tuple[str, float]] = []
    for word, value in sorted(weights.items(), key=lambda wv: -wv[1]):
        if seen[word] >= FEEDBACK_MIN_DOCS and db.get_termfreq(PREFIXES["body"] + word) <= common:
            lent.append((word, value))
            if len(lent) == FEEDBACK_TERMS:
                break
    if not lent:
        return q
    strongest = lent[0][1]
    terms = [(PREFIXES[f] + w, FEEDBACK_WEIGHT * FIELD_BOOSTS.get(f, 1.0) * v / strongest)
             for w, v in lent for f in FEEDBACK_FIELDS]
    factors = idf_factors(db, [t for t, _ in terms])
    expansion = [X(X.OP_SCALE_WEIGHT, X(t), boost * factors.get(t, 1.0)) for t, boost in terms]
    return X(X.OP_AND_MAYBE, q, X(X.OP_OR, expansion))


def _word_counts(fields: dict[str, Any]) -> Counter[str]:
    """How often each indexed word of the feedback fields occurs in one document (ranking._word_counts)."""
    body = unpack_text(fields["blob"])["body"] if fields.get("blob") else ""
    texts = {"title": str(fields.get("title") or ""), "body": str(body)}
    words = NewsWordFilter()
    tf: Counter[str] = Counter()
    for fieldname in FEEDBACK_FIELDS:
        if texts.get(fieldname):
            tf.update({t.decode("utf-8"): len(p) for t, p in words.index_positions(texts[fieldname]).items()})
    return tf
