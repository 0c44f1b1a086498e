"""BM25: how one term scores one document, per posting (Whoosh's scorer) and a block at a time.

BM25 per field with the idf used by Lucene and bm25s, ``log(1 + (N - df + 0.5) / (df + 0.5))``.
Whoosh's own BM25F uses ``log(N / (df + 1)) + 1``, which leaves common words almost as strong
as rare ones and drowns a long question in its everyday words. ``accumulate.py`` scores with
the block form; a test checks that both give the same bits.

The statistics are those of the documents a search can find (:class:`LiveStats`). Whoosh
counts a deleted document in N, in every word's document frequency and in the average
length until its segment is merged away, so an index that was updated ranked the same
files differently from a fresh build of them (issue 15). Here N is the live count, a word's
frequency leaves deleted documents out, and the average length is taken over the live
documents' length bytes, which are the same however the index was built.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from typing import Any

from whoosh.scoring import WeightingModel, WeightLengthScorer, WeightScorer
from whoosh.util.numeric import byte_to_length

from .store import length_bytes

# BM25 term-frequency saturation: 1.5 (bm25s' default). Flat over six collections: 1.2 and 2.0
# gave a mean MAP of 0.363 and 0.364 (0.366 here), but NPL's short abstracts lose 5% at 2.0.
K1 = 1.5
# Length normalisation: the textbook 0.75 (0.6 gave 0.364; Anserini's k1 0.9, b 0.4 gave 0.352).
B = 0.75


def bm25_idf(documents: int, df: int) -> float:
    """The Robertson/Lucene idf of a word found in ``df`` of ``documents`` documents."""
    return math.log(1 + (documents - df + 0.5) / (df + 0.5))


def segment_lengths(reader: Any, fieldname: str) -> bytes | None:
    """A segment's length bytes of ``fieldname`` (store.length_bytes), read once per segment
    reader (a searcher keeps its segment readers between queries)."""
    cache = reader.__dict__.setdefault("_searchidx_lengths", {})
    if fieldname not in cache:
        perdoc = getattr(reader, "_perdoc", None)
        cache[fieldname] = length_bytes(perdoc, fieldname) if perdoc is not None else None
    lengths: bytes | None = cache[fieldname]
    return lengths


def deleted_docs(reader: Any) -> frozenset[int]:
    """The deleted document numbers of one segment reader, read once per reader."""
    cached: frozenset[int] | None = reader.__dict__.get("_searchidx_deleted")
    if cached is None:
        segment = reader.segment() if reader.has_deletions() else None
        if segment is not None:
            cached = frozenset(segment.deleted_docs())
        elif reader.has_deletions():
            cached = frozenset(d for d in range(reader.doc_count_all()) if reader.is_deleted(d))
        else:
            cached = frozenset()
        reader._searchidx_deleted = cached
    return cached


class LiveStats:
    """N, document frequencies and average field lengths over the live documents of one searcher."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.documents: int = searcher.doc_count()
        self._df: dict[tuple[str, bytes], int] = {}
        self._avg: dict[str, float] = {}

    def doc_frequency(self, fieldname: str, btext: bytes) -> int:
        """How many live documents hold ``btext`` in ``fieldname``."""
        key = (fieldname, btext)
        df = self._df.get(key)
        if df is None:
            df = 0
            for leaf, _ in self.searcher.reader().leaf_readers():
                if (fieldname, btext) not in leaf:
                    continue
                deleted = deleted_docs(leaf)
                if not deleted:
                    df += leaf.doc_frequency(fieldname, btext)
                else:
                    df += sum(1 for d in leaf.postings(fieldname, btext).all_ids() if d not in deleted)
            self._df[key] = df
        return df

    def known(self, fieldname: str, btext: bytes, df: int) -> None:
        """Record a frequency counted elsewhere (accumulate.py counts it from the postings it reads)."""
        self._df[(fieldname, btext)] = df

    def avg_length(self, fieldname: str) -> float:
        """The mean of Whoosh's quantised length of ``fieldname`` over the live documents (1 if none)."""
        avg = self._avg.get(fieldname)
        if avg is None:
            total = 0
            for leaf, _ in self.searcher.reader().leaf_readers():
                lengths = segment_lengths(leaf, fieldname)
                if not lengths:
                    continue
                total += sum(n * _LENGTHS[b] for b, n in Counter(lengths).items())
                total -= sum(_LENGTHS[lengths[d]] for d in deleted_docs(leaf) if d < len(lengths))
            avg = self._avg[fieldname] = (total / self.documents if self.documents else 0.0) or 1.0
        return avg

    def idf(self, fieldname: str, btext: bytes) -> float:
        return bm25_idf(self.documents, self.doc_frequency(fieldname, btext))


_LENGTHS = tuple(byte_to_length(b) for b in range(256))


def live_stats(searcher: Any) -> LiveStats:
    """The statistics of ``searcher``'s whole index (its parent's, for a segment's sub-searcher)."""
    parent = searcher.get_parent()
    stats: LiveStats | None = parent.__dict__.get("_searchidx_stats")
    if stats is None:
        stats = parent._searchidx_stats = LiveStats(parent)
    return stats


def _bytes(searcher: Any, fieldname: str, text: Any) -> bytes:
    return text if isinstance(text, bytes) else searcher.schema[fieldname].to_bytes(text)


class BM25(WeightingModel):
    """BM25 with the Robertson/Lucene idf ``log(1 + (N - df + 0.5) / (df + 0.5))``, on live statistics."""

    def __init__(self, k1: float = K1, b: float = B) -> None:
        self.K1 = k1
        self.B = b

    def supports_block_quality(self) -> bool:
        return True

    def idf(self, searcher: Any, fieldname: str, text: Any) -> float:
        return live_stats(searcher).idf(fieldname, _bytes(searcher, fieldname, text))

    def scorer(self, searcher: Any, fieldname: str, text: Any, qf: int = 1) -> Any:
        if not searcher.schema[fieldname].scorable:
            return WeightScorer.for_(searcher, fieldname, text)
        return _BM25Scorer(searcher, fieldname, text, self.K1, self.B)

    def block_scorer(self, searcher: Any, fieldname: str, text: Any, lengths: bytes | None,
                     idf: float | None = None) -> Any:
        """``score(ids, weights)``: the scores ``scorer(...)`` gives those postings of one segment's term,
        a block at a time (accumulate.py); ``lengths`` holds each document's length byte in the field.
        ``idf`` replaces the term's own, for a wildcard scored as one word (accumulate.py)."""
        if not searcher.schema[fieldname].scorable:
            return lambda ids, weights: list(weights)  # WeightScorer's
        parent = searcher.get_parent()
        if idf is None:
            idf = parent.idf(fieldname, text)
        k1p = self.K1 + 1
        avgfl = live_stats(searcher).avg_length(fieldname)
        if lengths is None:  # no length column: Whoosh reads every length as 1
            norm = self.K1 * (1 - self.B + self.B * 1 / avgfl)
            return lambda ids, weights: [idf * w * k1p / (w + norm) for w in weights]
        norms = _norms(self.K1, self.B, avgfl)
        return lambda ids, weights: [idf * w * k1p / (w + norms[lengths[d]]) for d, w in zip(ids, weights)]


class _BM25Scorer(WeightLengthScorer):
    def __init__(self, searcher: Any, fieldname: str, text: Any, k1: float, b: float) -> None:
        parent = searcher.get_parent()
        self.idf = parent.idf(fieldname, text)  # cached per searcher
        self.avgfl = live_stats(searcher).avg_length(fieldname)
        self.k1, self.b = k1, b
        self.setup(searcher, fieldname, text)

    def _score(self, weight: float, length: float) -> float:
        norm = self.k1 * (1 - self.b + self.b * length / self.avgfl)
        score: float = self.idf * weight * (self.k1 + 1) / (weight + norm)
        return score


@functools.lru_cache(maxsize=64)
def _norms(k1: float, b: float, avgfl: float) -> tuple[float, ...]:
    """_BM25Scorer's length normalisation for each of Whoosh's 256 length bytes, to the same bits."""
    return tuple(k1 * (1 - b + b * byte_to_length(lb) / avgfl) for lb in range(256))
