"""Ranking on Xapian: BM25 with the Whoosh engine's k1 and b, its ties, its tiers and its feedback.

- Weighting: Xapian's BM25Weight with ``scoring.K1`` and ``scoring.B``, no query-frequency
  term (k3 = 0: a repeated word is already weighted by query.weigh_repeats) and no length
  floor. Its idf is Robertson's ``log((N - df + 0.5) / (df + 0.5))``, softened towards 1 for
  words in more than a third of the documents; the Whoosh engine's is Lucene's ``log(1 + ...)``.
  A weighting class of our own could not run inside xapian-tcpsrv, so each word's weight is
  scaled by the ratio of the two (``weights``), from the word statistics Xapian gathers
  over all shards in one round trip.
- Fields: Xapian 1.4 keeps one length per document, the sum of its terms' within-document
  frequencies; the Whoosh engine normalises each field by its own length. So only the body
  (which holds the title too, writing.searched_body) counts: the title's and the name fields'
  terms are indexed with positions but a frequency of 0 (documents.py), and a document's length
  is its body's, as in Whoosh. Those terms are scored apart, as the Whoosh engine scores a
  short field at its typical length: ``boost * idf * (k1 + 1) / (1 + k1 * (1 - b + b * N / H))``,
  where H documents have the field (its average length over every document, Whoosh's
  ``avgfl``, is H/N of its length where it is present). A field present in every document (the
  title) so scores a word about its idf; a field that a few documents have by accident (a
  "dateline" read from a scientific abstract) scores next to nothing, as on Whoosh. Each is a
  fixed weight (FixedWeightPostingSource, which xapian-tcpsrv runs) filtered by the term.
  Measured on the six development collections (score_ranking.py dev), scoring these fields
  with the whole document's length cost CRAN 0.024 MAP and the mean 0.011 against the Whoosh
  engine: titles were counted twice in the length, and a stray dateline's stop words
  outranked the body.
  What stays different: a word repeated within a title or a name scores as once, and a field's
  own length does not vary the weight.
- Ties: equal weights go to the newer article, then the lower id (the Whoosh engine's order).
- Tiers: the all-words tier is part of the parsed query (query.py) and translates as it is.
- Feedback: query.wants_feedback's descriptions are re-ranked by ranking.feedback's words
  (ranking.lent_words over the ten best hits' stored title and body: the same words and constants), added as an
  OP_AND_MAYBE so they never add a document.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

import xapian

from ..analysis import NewsWordFilter
from ..query import FIELD_BOOSTS
from ..ranking import FEEDBACK_DOCS, FEEDBACK_FIELDS, FEEDBACK_WEIGHT, lent_words
from ..scoring import B, K1
from ..store import unpack_text
from .documents import stored
from .layout import PREFIXES, SLOT_ORDER, field_of, present_term

X = xapian.Query


def weighting() -> Any:
    """BM25 with the Whoosh engine's k1 and b (k2 = 0, k3 = 0, no minimum normalised length)."""
    return xapian.BM25Weight(K1, 0.0, 0.0, B, 0.0)


class Weights:
    """The statistics of a query's words, gathered from every shard in one round trip, and the
    weight each word is given from them (see the module's docstring)."""

    def __init__(self, db: Any, terms: Iterable[str]) -> None:
        self.documents = int(db.get_doccount())
        terms = set(terms)
        wanted = sorted(terms | {present_term(f) for f in map(field_of, terms) if f != "body"})
        self._df: dict[str, int] = {}
        if wanted:
            e = xapian.Enquire(db)
            e.set_query(X(X.OP_OR, wanted))
            stats = e.get_mset(0, 0)  # no documents: only the words' statistics, gathered from every shard
            self._df = {t: int(stats.get_termfreq(t)) for t in wanted}

    def frequency(self, term: str) -> int:
        """How many documents hold ``term`` (0 for a word not asked about)."""
        return self._df.get(term, 0)

    def query(self, term: str, boost: float = 1.0) -> Any:
        """The query for one word, weighted as the Whoosh engine weighs it in its field."""
        if field_of(term) != "body":
            return fixed(X(term), boost * self.field_weight(term, self.frequency(term)))
        factor = boost * self.factor(term)
        return X(X.OP_SCALE_WEIGHT, X(term), factor) if factor != 1.0 else X(term)

    def factor(self, term: str) -> float:
        """A body word's weight over Xapian's BM25 weight: Lucene's idf over Robertson's."""
        df = self.frequency(term)
        return _lucene_idf(self.documents, df) / _xapian_idf(self.documents, df) if df else 1.0

    def field_weight(self, term: str, df: int) -> float:
        """The weight of a title or name field's word (or of words of that field found in ``df``
        documents together): BM25 at the field's typical length (the module's docstring)."""
        if not df or not self.documents:
            return 0.0
        present = self.frequency(present_term(field_of(term))) or df
        return _lucene_idf(self.documents, df) * (K1 + 1) / (1 + K1 * (1 - B + B * self.documents / present))


def fixed(q: Any, weight: float) -> Any:
    """``q`` matching as it does, every match weighing ``weight`` (run by xapian-tcpsrv as by a local match)."""
    return X(X.OP_FILTER, X(xapian.FixedWeightPostingSource(weight)), q)


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
    """``q`` re-ranked by the words of its best hits (ranking.feedback's, through ranking.lent_words); it matches what ``q`` matches."""
    filtered = q if restrict is None else X(X.OP_FILTER, q, restrict)
    mset = enquire(db, filtered, "relevance").get_mset(0, FEEDBACK_DOCS)
    mset.fetch()
    top = [(item.weight, stored(item.document)) for item in mset if item.weight > 0]
    if len(top) < 2:
        return q
    hits = [(score, _word_counts(fields)) for score, fields in top]

    def frequencies(words: list[str]) -> dict[str, int]:
        found = Weights(db, [PREFIXES["body"] + w for w in words])  # every shard in one round trip
        return {w: found.frequency(PREFIXES["body"] + w) for w in words}

    lent = lent_words(hits, frequencies, int(db.get_doccount()))
    if not lent:
        return q
    terms = [(PREFIXES[f] + w, FEEDBACK_WEIGHT * FIELD_BOOSTS.get(f, 1.0) * v)
             for w, v in lent for f in FEEDBACK_FIELDS]
    lent_weights = Weights(db, [t for t, _ in terms])
    expansion = [lent_weights.query(t, boost) for t, boost in terms if lent_weights.frequency(t)]
    return X(X.OP_AND_MAYBE, q, X(X.OP_OR, expansion)) if expansion else q


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
