"""One Whoosh index opened for reading from several threads: a searcher per thread, kept fresh.

A searcher's readers keep file positions, so threads never share one; each thread's is kept
between searches and reopened only when a writer has committed since, with every file of
its segments opened at once so a commit that merges a segment away cannot pull a file from
under a query.
"""

from __future__ import annotations

import threading
from typing import Any

from .scoring import BM25
from .store import retrying_vanished


class SearcherPool:
    """Searchers of one opened Whoosh index, one per thread."""

    def __init__(self, ix: Any) -> None:
        self.ix = ix
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Any] = []  # every thread's searcher, to close them all

    def close(self) -> None:
        """Release every thread's searcher and its files."""
        with self._lock:
            searchers, self._open = self._open, []
        for s in searchers:
            s.close()
        self._local = threading.local()

    def current(self) -> Any:
        """This thread's searcher, refreshed if a writer has committed since, with all its files open."""
        # A commit may merge away a segment while it is being opened: then open what is current.
        return retrying_vanished(self._open_searcher, on_failure=self._drop_searcher)

    def _open_searcher(self) -> Any:
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None and not searcher.up_to_date():
            # Not Searcher.refresh(): its reader reuse keys old segment readers by
            # generation, which all of them share, so it keeps one and leaks the rest.
            self._drop_searcher()
            searcher = None
        if searcher is None:
            searcher = self.ix.searcher(weighting=BM25())
            self._local.searcher = searcher
            with self._lock:
                self._open.append(searcher)
        _hold_files(searcher.reader())
        return searcher

    def _drop_searcher(self) -> None:
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            return
        self._local.searcher = None
        with self._lock:
            if searcher in self._open:
                self._open.remove(searcher)
        searcher.close()


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
        _hold_per_document_files(leaf)
        for name, fieldtype in leaf.schema.items():
            if fieldtype.column_type and leaf.has_column(name):
                _hold_column_file(leaf, name)
            elif fieldtype.column_type and fieldtype.unique:  # every document has one: it was deleted
                raise FileNotFoundError(f"the {name} column of a segment was deleted by a commit while it was opened")
        leaf._searchidx_held = True


def _hold_per_document_files(leaf: Any) -> None:
    """Open a segment's stored fields and the lengths of each field it holds words of.

    Whoosh reads a missing one as absent (no stored fields, every length 1) rather than
    failing, so a segment a commit deleted while it was being opened would be searched with
    wrong scores: that is raised as the missing file it is, and the open is tried again.
    """
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, STORED_COLUMN, _lenfield

    perdoc: Any = getattr(leaf, "_perdoc", None)
    if not hasattr(perdoc, "_cached_reader"):  # not the W3 codec: open them as before
        leaf.stored_fields(0)
        for name, fieldtype in leaf.schema.items():
            if fieldtype.scorable:
                leaf.doc_field_length(0, name)
        return
    wanted = [("_stored", STORED_COLUMN)] + [(_lenfield(name), LENGTHS_COLUMN) for name, fieldtype
                                             in leaf.schema.items() if fieldtype.scorable and leaf.field_length(name)]
    for column, kind in wanted:
        if perdoc._cached_reader(column, kind) is None:
            raise FileNotFoundError(f"{column} of a segment was deleted by a commit while it was opened")


def _hold_column_file(leaf: Any, name: str) -> None:
    """Open a column's file as W3PerDocReader.column_reader would, without parsing it yet.

    A reader of the id column reads every document's offset (19,000 per Reuters segment):
    work a query only needs when scores tie. The file, once in the per-doc reader's cache,
    is what a later column_reader uses.
    """
    perdoc: Any = getattr(leaf, "_perdoc", None)
    files = getattr(perdoc, "_colfiles", None)
    if files is None:  # not the W3 codec: open a reader, as before
        leaf.column_reader(name)
    elif name not in files:
        files[name] = perdoc._get_column_file(name)
