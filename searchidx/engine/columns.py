"""Counting over many documents from columns read whole: facets, and the evidence for the people registry.

Unpickling each matching document's stored fields to count its source costs about 20 µs;
100,000 matches would take two seconds. Instead each segment's columns are read once, as
arrays, and kept with the segment's reader (a searcher keeps its segment readers between
queries): a dateline, source or day is a column of one- or two-byte references into a list
of the segment's distinct values (Whoosh's RefBytesColumn), counted by reference, so a count
costs one array lookup per document; a list of speakers is a variable-length value
(VarBytesColumn), counted by its offset in the column's data and decoded once per distinct
offset. The layouts are Whoosh 2.7.4's (whoosh/columns.py), checked in engine/__init__.py.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import NameEvidence
from .schema import PEOPLE_LIST_SEPARATOR


@dataclass(frozen=True)
class RawCounts:
    """Counts over a set of documents, by the values the index stores: ``speakers`` by each
    document's whole list of speakers (articles) or its one speaker (statements)."""

    documents: int = 0
    speakers: Counter[tuple[str, ...]] = field(default_factory=Counter)
    datelines: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    days: Counter[str] = field(default_factory=Counter)


class _RefColumn:
    """A segment's RefBytes column read whole: one reference per document, the distinct values."""

    def __init__(self, reader: Any) -> None:
        self.uniques = [u.decode("utf-8") for u in reader._uniques]
        count, dbfile, basepos = reader._doccount, reader._dbfile, reader._basepos
        if reader._typecode == "B":
            self.refs: Sequence[int] = dbfile.get(basepos, count)
        else:
            self.refs = dbfile.get_array(basepos, reader._typecode, count)

    def has(self, d: int) -> bool:
        return bool(self.refs[d])

    def value(self, d: int) -> str:
        value: str = self.uniques[self.refs[d]]
        return value

    def count(self, docs: Iterable[int]) -> Counter[str]:
        refs, uniques = self.refs, self.uniques
        by_ref = Counter(map(refs.__getitem__, docs))
        out: Counter[str] = Counter()
        for ref, n in by_ref.items():
            if uniques[ref]:
                out[uniques[ref]] += n
        return out


class _VarColumn:
    """A segment's VarBytes column read whole: its data, and each document's offset and length."""

    def __init__(self, reader: Any) -> None:
        self.offsets, self.lengths = reader._offsets, reader._lengths
        size = (self.offsets[-1] + self.lengths[-1]) if len(self.lengths) else 0
        self.data = bytes(reader._dbfile.get(reader._basepos, size)) if size else b""

    def has(self, d: int) -> bool:
        return bool(self.lengths[d])

    def value(self, d: int) -> str:
        return self.data[self.offsets[d]:self.offsets[d] + self.lengths[d]].decode("utf-8")

    def count(self, docs: Iterable[int]) -> Counter[bytes]:
        lengths, offsets, data = self.lengths, self.offsets, self.data
        spans = Counter((offsets[d], lengths[d]) for d in docs if lengths[d])
        out: Counter[bytes] = Counter()
        for (offset, length), n in spans.items():
            out[data[offset:offset + length]] += n
        return out


class _EmptyColumn:
    """A column no document of the segment has a value in."""

    def count(self, docs: Iterable[int]) -> Counter[Any]:
        return Counter()


def segment_column(leaf: Any, fieldname: str) -> Any:
    """One segment's column read whole, once per segment reader."""
    cache = leaf.__dict__.setdefault("_searchidx_wholes", {})
    if fieldname not in cache:
        if not leaf.has_column(fieldname):
            cache[fieldname] = _EmptyColumn()
        else:
            reader = leaf.column_reader(fieldname, translate=False)
            cache[fieldname] = _RefColumn(reader) if hasattr(reader, "_uniques") else _VarColumn(reader)
    return cache[fieldname]


def count(searcher: Any, docnums: Iterable[int], *, speaker_field: str) -> RawCounts:
    """Counts over ``docnums`` (the whole index's numbers; live documents) of one searcher's index.

    Each segment's counts are by stored value; a list of speakers is decoded once for all segments.
    """
    leaves = searcher.reader().leaf_readers()
    docs = sorted(docnums)  # in C; then each segment's documents are one slice
    out = RawCounts(len(docs))
    speakers: Counter[bytes] = Counter()
    for i, (leaf, start) in enumerate(leaves):
        end = leaves[i + 1][1] if i + 1 < len(leaves) else None
        lo = bisect_left(docs, start)
        hi = bisect_left(docs, end) if end is not None else len(docs)
        if lo < hi:
            part = docs[lo:hi] if not start else [d - start for d in docs[lo:hi]]
            out.datelines.update(segment_column(leaf, "dateline_name").count(part))
            out.sources.update(segment_column(leaf, "source_name").count(part))
            out.days.update(segment_column(leaf, "day").count(part))
            speakers.update(segment_column(leaf, speaker_field).count(part))
    for value, n in speakers.items():
        out.speakers[tuple(value.decode("utf-8").split(PEOPLE_LIST_SEPARATOR))] += n
    return out


def evidence(articles: Any, statements: Any) -> NameEvidence:
    """What every live document of the two indexes says about names (the registry's input)."""
    people_days: Counter[tuple[str, str]] = Counter()
    datelines: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    days: Counter[str] = Counter()
    documents = 0
    for leaf, _ in articles.reader().leaf_readers():
        docs = list(_live(leaf))
        documents += len(docs)
        datelines.update(segment_column(leaf, "dateline_name").count(docs))
        sources.update(segment_column(leaf, "source_name").count(docs))
        days.update(segment_column(leaf, "day").count(docs))
        people_days.update(_pairs(segment_column(leaf, "people_list"), segment_column(leaf, "day"), docs))
    said: Counter[tuple[str, str]] = Counter()
    for leaf, _ in statements.reader().leaf_readers():
        said.update(_pairs(segment_column(leaf, "speaker_name"), segment_column(leaf, "role_name"), _live(leaf)))
    return NameEvidence(
        documents=documents,
        people_days=tuple((tuple(names.split(PEOPLE_LIST_SEPARATOR)), day, n)
                          for (names, day), n in sorted(people_days.items())),
        said=tuple((name, role, n) for (name, role), n in sorted(said.items())),
        datelines=tuple(sorted(datelines.items())),
        sources=tuple(sorted(sources.items())),
        days=tuple(sorted(days.items())),
    )


def _pairs(names: Any, other: Any, docs: Iterable[int]) -> Counter[tuple[str, str]]:
    """(value of ``names``, value of ``other`` or "") for each document with a value of ``names``."""
    if isinstance(names, _EmptyColumn):
        return Counter()
    out: Counter[tuple[str, str]] = Counter(
        (names.value(d), other.value(d) if not isinstance(other, _EmptyColumn) else "")
        for d in docs if names.has(d))
    return out


def _live(leaf: Any) -> Iterable[int]:
    """The segment's document numbers that are not deleted."""
    n = leaf.doc_count_all()
    if not leaf.has_deletions():
        return range(n)
    deleted = set(leaf.segment().deleted_docs()) if leaf.segment() is not None else None
    if deleted is None:
        return (d for d in range(n) if not leaf.is_deleted(d))
    return (d for d in range(n) if d not in deleted)

