"""One indexing run: bring an index up to date with a folder, incrementally, on every core.

    find files -> compare with what the index holds -> read new/changed files (workers) -> commit in batches

A run compares every file's size and modification time with what the index stored, reads
only new or changed files, deletes documents whose files are gone, and commits in batches
(at most two minutes of work each) so an interrupted run loses at most one batch.

Every core shares the work: worker processes (workers.py) read, clean and extract the files
and write their documents into segments of their own, and this process deletes old versions
and commits the batch's segments in one table of contents (engine/writing.py). Writing costs
as much as extraction, so a single writer here could never keep up. Each batch adds a segment
per worker: every segment costs each later query a little and repeats the term dictionary on
disk, so batches are long. A few files are read here, without workers.

After each commit, the duplicate groups (duplicates.py) take in the fingerprints the workers sent
back and drop the articles deleted, and are saved beside the index for that commit.

A run ends by deriving the name book (naming/: one entry per person, place and source) from the
whole index as committed, so that it is right after files were added, changed or removed.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus import SourceFile, find_files, is_under
from ..engine import open_writable
from ..engine.interface import Batch, Writable
from ..models import IndexReport, Skipped
from .documents import Print, file_documents
from .duplicates import Duplicates, committed_state, forget
from .duplicates import load_state as load_duplicates
from .lock import WriterLock, interrupts_deferred

# A batch is committed after this many seconds or this many documents, whichever comes first:
# a crash loses at most that much work. Each batch adds a segment, and every segment costs each
# later query a little and repeats the term dictionary on disk, so batches are long.
BATCH_SECONDS = 120.0
BATCH_DOCS = 100_000
# Below this many files to read, a process pool costs more than it saves.
PARALLEL_MIN_FILES = 64

ProgressFn = Callable[[int, int], None]


@dataclass
class _Counts:
    """A run's counts as they are made; frozen into the IndexReport at the end."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)


def update_index(
    index_dir: str | os.PathLike[str],
    paths: Iterable[str | os.PathLike[str]],
    *,
    rebuild: bool = False,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    wait: float = 0.0,
    engine: str | None = None,
    shards: tuple[str, ...] = (),
) -> IndexReport:
    """Bring the index at ``index_dir`` up to date with the files under ``paths``.

    Only one process writes an index at a time: another waits up to ``wait`` seconds,
    then IndexLocked names the process holding it. Ctrl-C keeps the committed batches.
    A new index (or a rebuilt one) uses ``engine`` (else $SEARCHIDX_ENGINE, else Whoosh),
    over ``shards`` for a sharded Xapian index; an existing one keeps its own.
    """
    start = time.perf_counter()
    roots = [Path(p) for p in paths]
    files, skipped = find_files(roots)
    counts = _Counts(skipped=list(skipped))
    d = Path(index_dir)
    with WriterLock(d, wait=wait):
        ix = open_writable(d, rebuild=rebuild, engine=engine, shards=shards)
        if rebuild:
            forget(d)
        _update(ix, d, roots, files, counts, workers, progress)
        documents = ix.doc_count()
        save_name_book(d)
    return IndexReport(counts.added, counts.updated, counts.removed, counts.unchanged, tuple(counts.skipped),
                       time.perf_counter() - start, documents)


def save_name_book(d: Path) -> None:
    """Build the index's name book (people registry, datelines, sources) from what it now holds,
    and save it beside the index for readers; nothing to do when the saved one is current."""
    from ..engine import open_reader, save_derived
    from ..naming import BOOK_NAME, build_book

    reader = open_reader(d)
    try:
        if reader.derived(BOOK_NAME) is None:
            save_derived(d, BOOK_NAME, reader.generation(), build_book(reader.evidence()).to_json())
    finally:
        reader.close()


def _update(ix: Writable, d: Path, paths: list[Path], files: list[SourceFile], counts: _Counts,
            workers: int | None, progress: ProgressFn | None) -> None:
    known = ix.indexed_files()
    roots = [os.path.abspath(p) for p in paths]
    current = {f.path for f in files}
    gone = [p for p in known if p not in current and is_under(p, roots)]
    todo = [f for f in files if known.get(f.path, ("",))[0] != f.signature]
    counts.unchanged = sum(len(known[f.path][1]) for f in files if f.path in known and f not in todo)
    live = {i for _, ids in known.values() for i in ids}
    dups, mended = load_duplicates(d, live)
    if not (gone or todo):
        if mended:
            dups.save(d, committed_state(d))
        return
    run = _Run(ix, d, known, counts, len(todo), progress, dups)
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(todo) >= PARALLEL_MIN_FILES:
        _write_parallel(run, todo, gone, workers)
    else:
        _write_serial(run, todo, gone)


class _Run:
    """One indexing run's bookkeeping: what each file gave, old versions deleted, progress."""

    def __init__(self, ix: Writable, path: Path, known: dict[str, tuple[str, list[str]]], counts: _Counts,
                 total: int, progress: ProgressFn | None, dups: Duplicates) -> None:
        self.ix, self.path, self.known, self.counts = ix, path, known, counts
        self.total, self.progress = total, progress
        self.done = 0
        self.dups = dups
        self.removed: list[str] = []  # ids deleted in this batch
        self.prints: list[Print] = []  # articles added in this batch

    def writer(self, gone: list[str]) -> Batch:
        """A writer for the next batch, which first deletes the documents of files gone (emptying ``gone``)."""
        writer = self.ix.batch()
        for p in gone:
            self.counts.removed += writer.delete(self.known[p][1])
            self.removed.extend(self.known[p][1])
        gone.clear()
        return writer

    def file_done(self, writer: Batch, src: SourceFile, prints: list[Print], skipped: list[Skipped]) -> None:
        """Account for one file whose new documents (``prints``) are in this batch; delete its old ones."""
        counts = self.counts
        added = len(prints)
        self.prints.extend(prints)
        had = self.known.get(src.path)
        if had:
            writer.delete(had[1])
            self.removed.extend(had[1])
            counts.updated += added
            counts.removed += max(0, len(had[1]) - added)
        else:
            counts.added += added
        counts.skipped.extend(skipped)
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)

    def committed(self) -> None:
        """The batch is committed: bring the duplicate groups in step with it."""
        self.dups.remove(self.removed)
        for doc_id, print_ in sorted(self.prints):
            self.dups.add(doc_id, print_)
        self.dups.save(self.path, committed_state(self.path))
        self.removed, self.prints = [], []


def _batch_over(began: float, docs: int) -> bool:
    return docs >= BATCH_DOCS or time.monotonic() - began >= BATCH_SECONDS


def _write_serial(run: _Run, todo: list[SourceFile], gone: list[str]) -> None:
    """Read and write in this process: for a few files a pool costs more than it saves."""
    writer: Batch | None = None
    pending = 0
    began = time.monotonic()
    try:
        for src in todo:
            if writer is None:
                writer, pending, began = run.writer(gone), 0, time.monotonic()
            docs, prints, skipped = file_documents(src)
            for doc in docs:
                writer.add(doc)
            run.file_done(writer, src, prints, skipped)
            pending += len(docs)
            if _batch_over(began, pending):
                with interrupts_deferred():
                    writer.commit()
                    run.committed()
                writer = None  # the next file opens the next batch's writer
        if writer is None:
            writer = run.writer(gone)
        with interrupts_deferred():
            writer.commit()
            run.committed()
    except BaseException:
        if writer is not None:
            writer.cancel()
        raise


def _write_parallel(run: _Run, todo: list[SourceFile], gone: list[str], workers: int) -> None:
    """Workers read files and write segments (workers.py); this process deletes and commits."""
    from .workers import CHUNK_FILES, Crew

    chunks = deque(todo[i:i + CHUNK_FILES] for i in range(0, len(todo), CHUNK_FILES))
    while chunks:
        writer: Any = None
        try:
            # The workers start before the batch's writer (and its lock file) is opened, so a
            # worker outliving a killed run never holds the index's lock.
            with Crew(run.path, min(workers, len(chunks)), file_documents) as crew:
                writer = run.writer(gone)
                began, pending = time.monotonic(), 0
                for src, prints, skipped in crew.run(chunks, BATCH_DOCS, lambda: _batch_over(began, pending)):
                    run.file_done(writer, src, prints, skipped)
                    pending += len(prints)
                segments = crew.finish()
            with interrupts_deferred():
                writer.commit(tuple(segments))
                run.committed()
        except BaseException:
            if writer is not None:
                writer.cancel()
            raise
