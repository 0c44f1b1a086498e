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
import os
import shutil
from pathlib import Path
from typing import Any

from ..errors import IndexLocked
from ..models import Article
from .schema import INDEX_NAME
from .store import DAMAGE_ERRORS, damage_as_error, open_or_create, pack_text, stored_path, write_version

# Writer memory for buffering postings before spilling sorted runs to disk, per process.
WRITER_LIMIT_MB = 256
# Stored texts longer than this (characters) are stored as UTF-8 bytes (see _stored_text).
LARGE_TEXT = 1 << 20
# Seconds to wait for Whoosh's own lock once ours is held (see BatchWriter).
WHOOSH_LOCK_WAIT = 5.0
# The folder, inside the index folder, where --rebuild builds the new index (a dot: a walk of
# the index's parent folder skips it, and Whoosh's clean-up never touches it).
REBUILD_FOLDER = ".rebuild"

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
        "blob": _stored_text(article),
        "date": _index_date(article.date),
    }
    return {k: v for k, v in doc.items() if v or k == "body"}


def _stored_text(article: Article) -> str | bytes:
    """pack_text, as UTF-8 bytes past LARGE_TEXT characters: pickling a str stores its UTF-8 copy on it
    (and Whoosh pickles stored fields with protocol 2), so a 64 MB text was held three times over."""
    text = pack_text(article)
    return text.encode("utf-8") if len(text) > LARGE_TEXT else text


def _index_date(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    """The article's own calendar date and clock, as a naive datetime for range filters."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


class WritableIndex:
    """An index opened for one indexing run (the caller holds the writer lock).

    With ``rebuild`` the new index is built in a folder of its own inside the index folder
    (REBUILD_FOLDER), and :meth:`finish` makes it the index: its segment files move into the
    index folder, where no table of contents names them yet, then one new table of contents
    naming only them replaces the old one (Whoosh writes it to a temporary file and renames
    it), and the old segments are deleted. Until that rename the old index is the index.
    """

    def __init__(self, path: Path, *, rebuild: bool = False) -> None:
        self.target = path
        self.rebuild = rebuild
        _remove_folder(path / REBUILD_FOLDER)  # a rebuild that was killed: its files are of no use
        self.path = path / REBUILD_FOLDER if rebuild else path
        with damage_as_error(self.path):
            self._ix = open_or_create(self.path, create=True)

    def indexed_files(self) -> dict[str, dict[str, str]]:
        """path -> {document id: signature} for every live document."""
        files: dict[str, dict[str, str]] = {}
        with damage_as_error(self.path), self._ix.reader() as reader:
            for fields in reader.all_stored_fields():
                files.setdefault(stored_path(fields), {})[fields["id"]] = fields.get("sig", "")
        return files

    def doc_count(self) -> int:
        return int(self._ix.doc_count())

    def batch(self) -> BatchWriter:
        """A writer for the next batch."""
        return BatchWriter(self._ix)

    def finish(self) -> None:
        """End the run: a rebuild becomes the index (see the class)."""
        if self.rebuild:
            _publish(self._ix, self.path, self.target)
            self.path, self.rebuild = self.target, False
            self._ix = open_or_create(self.target)

    def abandon(self) -> None:
        """A failed or interrupted run: a rebuild's files go (the old index was never touched)."""
        if self.rebuild:
            _remove_folder(self.path)


def _make_room(writer: Any) -> None:
    pool = getattr(writer, "pool", None)
    if hasattr(pool, "make_room"):  # our TermPool (segwriter); Whoosh's own pool spills by itself
        pool.make_room()


def _publish(ix: Any, staging: Path, target: Path) -> None:
    """Move the index at ``staging`` into ``target`` and make it the index there, in one rename."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC, clean_files

    toc = ix._read_toc()
    names = {segment.segment_id() for segment in toc.segments}
    pattern = TOC._segment_pattern(INDEX_NAME)
    for name in os.listdir(staging):
        m = pattern.match(name)
        if m and m.group(1) in names:
            os.replace(staging / name, target / name)
    storage = FileStorage(str(target))
    generation = TOC._latest_generation(storage, INDEX_NAME) + 1
    TOC(toc.schema, toc.segments, generation).write(storage, INDEX_NAME)  # the switch
    write_version(target)  # after: killed in between, the index says "rebuild needed", never less
    clean_files(storage, INDEX_NAME, generation, toc.segments)
    _remove_folder(staging)


def _remove_folder(folder: Path) -> None:
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)


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
        """Add one document; ``doc`` is consumed (its analysed-only values are dropped: see segwriter)."""
        self._writer.add_fields(doc)

    def make_room(self) -> None:
        """Write the postings held so far to disk. Called before a large file: postings are held up
        to the writer's memory limit, and a 64 MB file's reading needs its own 300 MB on top."""
        _make_room(self._writer)

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
        """Drop this batch and any segment files it or its workers wrote, as far as the disk lets us:
        called on the way out of a failure, it must not hide that failure with one of its own."""
        from whoosh.index import clean_files

        try:
            if not self._writer.is_closed:
                self._writer.cancel()
        except OSError:
            pass
        try:
            toc = self._ix._read_toc()
            clean_files(self._ix.storage, self._ix.indexname, toc.generation, toc.segments)
        except (OSError, *DAMAGE_ERRORS):
            pass
        _remove_folder(Path(self._ix.storage.folder) / f"{INDEX_NAME}.tmp")  # the writers' spilled runs

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
        self._writer.add_fields(doc)  # consumed, as BatchWriter.add's

    def make_room(self) -> None:
        """Write the postings held so far to disk, before a large file's: see BatchWriter.make_room."""
        if self._writer is not None:
            _make_room(self._writer)

    def finish(self) -> Any:
        """The finished segment (picklable, for the parent's commit), or None if nothing was added.

        Only the segment: the parent's commit removes the writers' shared temporary folder.
        """
        return self._writer._finalize_segment() if self._writer is not None else None


