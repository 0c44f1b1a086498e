"""A segment's postings, kept grouped by field and term as documents are added.

Whoosh's writer puts every posting in a pool as a (field, term, docnum, weight, value)
tuple, sorts all of them when the segment is finished and, past its memory limit, pickles
them one by one to sorted runs on disk. Documents are added in docnum order, so a term's
postings arrive already sorted: grouping them by term as they come leaves only the
distinct terms to sort, and a spilled run is a few large pickles. The postings that come
out are the same, in the same order, as from Whoosh's pool.
"""

from __future__ import annotations

import heapq
import pickle
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any

from whoosh.util import random_name

# A term's postings: docnum, weight, value, docnum, weight, value, ... in docnum order.
Postings = list[Any]
# Bytes a posting and a new term take in memory (CPython 3.11, 64-bit), for the limit: three
# list slots and their share of the list's spare room, and a float; a document's postings share
# its docnum, and most share their value (segwriter remembers single positions' encodings), so
# only a value's length is counted. On Reuters this sum is within 1% of what tracemalloc sees.
POSTING_BYTES = 24 + 8 + 24
TERM_BYTES = 100 + 56 + 33  # a dict entry, a list, a bytes key's header
# Terms per pickle in a spilled run: a run is read back a chunk at a time.
RUN_CHUNK = 20_000


class TermPool:
    """Postings by field and term; a segment writer's replacement for Whoosh's PostingPool."""

    def __init__(self, tempstore: Any, limitmb: float) -> None:
        self._tempstore = tempstore
        self._limit = int(limitmb * 1024 * 1024)
        self._size = 0
        self._fields: dict[str, dict[bytes, Postings]] = {}
        self._runs: list[str] = []

    def add_terms(self, fieldname: str, docnum: int, items: Iterable[tuple[bytes, float, bytes | None]]) -> None:
        """One document's (term, weight, value) postings in one field; docnums must not decrease."""
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        size = 0
        for tbytes, weight, value in items:
            postings = terms.get(tbytes)
            if postings is None:
                terms[tbytes] = [docnum, weight, value]
                size += TERM_BYTES + len(tbytes)
            else:
                postings += (docnum, weight, value)
            size += POSTING_BYTES + (len(value) if value else 0)
        self._size += size
        if self._size > self._limit:
            self._spill()

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One (field, term, docnum, weight, value) posting, as Whoosh's merges add them."""
        fieldname, tbytes, docnum, weight, value = item
        self.add_terms(fieldname, docnum, ((tbytes, weight, value),))

    def fields(self) -> Iterator[tuple[str, Iterator[tuple[bytes, Postings]]]]:
        """Each field in name order, with its terms in byte order and their postings."""
        merged = heapq.merge(*(self._read_run(r) for r in self._runs), self._sorted(), key=_field_term)
        for fieldname, entries in groupby(merged, key=_field):
            yield fieldname, _joined(entries)

    def make_room(self) -> None:
        """Write what is held to disk now, if anything (before a large document: indexing.workers)."""
        if self._size:
            self._spill()

    def cleanup(self) -> None:
        for name in self._runs:
            self._tempstore.delete_file(name)
        self._runs = []
        self._fields = {}

    def _sorted(self) -> Iterator[tuple[str, bytes, Postings]]:
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            for tbytes in sorted(terms):
                yield fieldname, tbytes, terms[tbytes]

    def _spill(self) -> None:
        """Write what is held to a run on disk, sorted, and start again empty."""
        name = f"{random_name()}.run"  # workers may share one temporary folder
        with self._tempstore.create_file(name).raw_file() as f:
            entries = list(self._sorted())
            for start in range(0, len(entries), RUN_CHUNK):
                pickle.dump(entries[start:start + RUN_CHUNK], f, pickle.HIGHEST_PROTOCOL)
        self._runs.append(name)
        self._fields = {}
        self._size = 0

    def _read_run(self, name: str) -> Iterator[tuple[str, bytes, Postings]]:
        with self._tempstore.open_file(name).raw_file() as f:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk


def _field_term(entry: tuple[str, bytes, Postings]) -> tuple[str, bytes]:
    return entry[0], entry[1]


def _field(entry: tuple[str, bytes, Postings]) -> str:
    return entry[0]


def _joined(entries: Iterable[tuple[str, bytes, Postings]]) -> Iterator[tuple[bytes, Postings]]:
    """A field's terms, each once: a term found in several runs gets their postings in run order
    (heapq.merge keeps equal keys in the order of its inputs, and runs are in docnum order)."""
    for tbytes, same in groupby(entries, key=lambda e: e[1]):
        first = next(same)[2]
        for _, _, more in same:
            first = first + more
        yield tbytes, first
