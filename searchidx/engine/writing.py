"""Writing an index: documents in, old versions out, a batch's segments committed together.

    Article -> document() -> BatchWriter (this process) / worker segments (segwriter) -> commit

Each article becomes one Whoosh document keyed by its id (the file path, plus ``#N`` for a
JSONL line); its body and statements are stored as one JSON text for snippets and `show`.
A batch's writer deletes old versions and commits, in one new table of contents, its own
documents and the segments worker processes wrote (as Whoosh's ``MpWriter(multisegment=True)``
does); until then new segments are files no table of contents names, so a crash leaves the
index as it was.

Whoosh internals used here, each mirroring Whoosh 2.7.4 (checked in engine/__init__.py):
``SegmentWriter._merge_segments``, ``_finalize_segment``, ``_close_segment``, ``_commit_toc``
and ``_finish`` (whoosh/writing.py, ``MpWriter._commit``), ``Index._read_toc`` and
``whoosh.index.clean_files`` (whoosh/index.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import IndexLocked
from ..models import Article
from .schema import INDEX_NAME
from .store import open_or_create, pack_text, stored_path, unpack_text

# Writer memory for buffering postings before spilling sorted runs to disk, per process.
WRITER_LIMIT_MB = 256
# Seconds to wait for Whoosh's own lock once ours is held (see BatchWriter).
WHOOSH_LOCK_WAIT = 5.0

Document = dict[str, object]  # a Whoosh document: field name -> value


def document(article: Article, sig: str) -> Document:
    """The Whoosh document for one article; ``sig`` is its file's signature (size and time).

    Empty values are left out, and the path when it is the id (all but JSONL lines): each
    document's stored values are pickled with their names, so an empty one still costs.
    """
    doc: Document = {
        "id": article.id,
        "path": article.path if article.path != article.id else None,
        "title": article.title,
        "body": article.body,
        "speakers": "\n".join(article.speakers),
        "dateline": article.dateline,
        "source": article.source,
        "date_iso": article.date_iso(),
        "speaker_list": list(article.speakers),
        "url": article.url,
        "sig": sig,
        "blob": pack_text(article),
        "date": _index_date(article.date),
    }
    return {k: v for k, v in doc.items() if v or k == "body"}


def _index_date(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    """The article's own calendar date and clock, as a naive datetime for range filters."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


class WritableIndex:
    """An index opened for one indexing run (the caller holds the writer lock)."""

    def __init__(self, path: Path, *, rebuild: bool = False) -> None:
        if rebuild:
            _clear(path)
        self.path = path
        self._ix = open_or_create(path, create=True)

    def indexed_files(self) -> dict[str, tuple[str, list[str]]]:
        """path -> (signature, document ids) for every live document."""
        files: dict[str, tuple[str, list[str]]] = {}
        with self._ix.reader() as reader:
            for fields in reader.all_stored_fields():
                path = stored_path(fields)
                sig, ids = files.get(path, (fields.get("sig", ""), []))
                ids.append(fields["id"])
                files[path] = (sig, ids)
        return files

    def doc_count(self) -> int:
        return int(self._ix.doc_count())

    def generation(self) -> int:
        """The committed table of contents' number: a new one with every commit."""
        return int(self._ix.latest_generation())

    def stored_bodies(self, ids: set[str]) -> Iterator[tuple[str, str]]:
        """(id, body) of the live documents among ``ids``, from their stored text."""
        with self._ix.reader() as reader:
            for fields in reader.all_stored_fields():
                if fields["id"] in ids:
                    yield fields["id"], str(unpack_text(fields["blob"]).get("body", ""))

    def batch(self) -> BatchWriter:
        """A writer for the next batch."""
        return BatchWriter(self._ix)


class BatchWriter:
    """One batch: documents added here, old ones deleted, workers' segments committed with them."""

    def __init__(self, ix: Any) -> None:
        from whoosh.index import LockError

        from .segwriter import SegmentWriter

        self._ix = ix
        try:
            # We hold the writer lock, so a Whoosh lock held now is a foreign or dying process: wait a little.
            self._writer = SegmentWriter(ix, limitmb=WRITER_LIMIT_MB, timeout=WHOOSH_LOCK_WAIT, compound=False)
        except LockError:
            raise IndexLocked(f"the index at {ix.storage.folder} is being updated by another process") from None

    def add(self, doc: Document) -> None:
        self._writer.add_document(**doc)

    def delete(self, ids: list[str]) -> int:
        """Delete documents by id (a file's ids are known: the path is stored, not searchable)."""
        return sum(self._writer.delete_by_term("id", i) for i in ids)

    def commit(self, segments: tuple[Any, ...] = ()) -> None:
        """Commit this batch with the workers' finished ``segments`` added.

        SegmentWriter.commit (whoosh/writing.py, 2.7.4) with the segments added to its list,
        as MpWriter._commit does with multisegment=True; without segments, that commit itself.
        """
        writer = self._writer
        writer._check_state()
        final = writer._merge_segments(None, None, None) + list(segments)
        if writer._added:  # the merge policy merged small segments into this writer
            final.append(writer._finalize_segment())
        else:
            writer._close_segment()
        writer._commit_toc(final)
        writer._finish()

    def cancel(self) -> None:
        """Drop this batch and any segment files it or its workers wrote."""
        if self._writer.is_closed:
            return
        self._writer.cancel()
        from whoosh.index import clean_files

        toc = self._ix._read_toc()
        clean_files(self._ix.storage, self._ix.indexname, toc.generation, toc.segments)

    @property
    def closed(self) -> bool:
        return bool(self._writer.is_closed)


class WorkerSegment:
    """A worker process's own segment of the index it adds documents to (no lock: the parent holds it)."""

    def __init__(self, path: str, limit_mb: float) -> None:
        self._ix = open_or_create(path)
        self._limit_mb = limit_mb
        self._writer: Any = None

    def add(self, doc: Document) -> None:
        if self._writer is None:
            from .segwriter import SegmentWriter

            self._writer = SegmentWriter(self._ix, _lk=False, limitmb=self._limit_mb, compound=False)
        self._writer.add_document(**doc)

    def finish(self) -> Any:
        """The finished segment (picklable, for the parent's commit), or None if nothing was added.

        Only the segment: the parent's commit removes the writers' shared temporary folder.
        """
        return self._writer._finalize_segment() if self._writer is not None else None


def _clear(d: Path) -> None:
    """Remove an index's own files (and only those) so it can be built anew."""
    if not d.is_dir():
        return
    for p in d.iterdir():
        if p.is_file() and (p.name.startswith(("_" + INDEX_NAME, INDEX_NAME)) or p.suffix == ".seg"):
            p.unlink()
