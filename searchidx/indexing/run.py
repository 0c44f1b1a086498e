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

The duplicate groups (duplicates.py) take in the fingerprints the workers send back, and drop the
articles deleted, file by file as they are written; after each commit they are saved beside the
index for that commit (a rebuild's beside the index it builds, and beside the index again once it
has replaced the old one).

A JSONL file that changed is read again record by record (documents.py): a record whose line
is indexed as it is stays, so appending a line re-indexes that line alone. ``--rebuild``
builds the new index in a folder of its own and then makes it the index in one step
(engine/rebuild.py): until then the old index answers queries, and a rebuild that fails or
is killed leaves it as it was (a Xapian index starts over in place: see the README). A write
that fails (a full disk, a read-only folder) ends the run with IndexUnwritable; the files of
the batch it was writing are removed.

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
from typing import TYPE_CHECKING, Any

from ..corpus import SourceFile, find_files, is_under, line_digests, newest_signature, text_path
from ..engine import open_writable
from ..engine.interface import Batch, Writable
from ..errors import IndexUnwritable
from ..models import IndexReport, Skipped
from .documents import LARGE_FILE_BYTES, Print, file_documents, handed_over
from .duplicates import Duplicates, committed_state
from .duplicates import load_state as load_duplicates
from .lock import WriterLock, interrupts_deferred

if TYPE_CHECKING:
    from .workers import Job

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
    ``rebuild`` builds a new index beside the old one, which answers queries until the new
    one replaces it whole (a failed or interrupted rebuild leaves it as it was).
    A write that fails (a full disk, a read-only folder) raises IndexUnwritable, and the files
    of the batch being written are removed.
    """
    start = time.perf_counter()
    roots = [Path(p) for p in paths]
    files, skipped = find_files(roots)
    counts = _Counts(skipped=list(skipped))
    d = Path(index_dir)
    with WriterLock(d, wait=wait):
        try:
            ix = open_writable(d, rebuild=rebuild, engine=engine, shards=shards)
            try:
                dups = _update(ix, roots, files, counts, workers, progress)
                ix.finish()
            except BaseException:
                ix.abandon()
                raise
            if rebuild:  # the groups were saved beside the index as built: now beside it as published
                dups.save(d, committed_state(d))
            documents = ix.doc_count()
            save_name_book(d)
        except OSError as err:
            kept = "the index is as it was before the rebuild" if rebuild else "the batches committed before are kept"
            raise IndexUnwritable(f"cannot write the index at {d}: {err.strerror or err} ({kept})") from None
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


def _update(ix: Writable, paths: list[Path], files: list[SourceFile], counts: _Counts,
            workers: int | None, progress: ProgressFn | None) -> Duplicates:
    """Index what changed under ``paths``; the duplicate groups as the last commit left them."""
    known = ix.indexed_files()
    roots = [text_path(os.path.abspath(p)) for p in paths]
    current = {f.path for f in files}
    gone = [p for p in known if p not in current and is_under(p, roots)]
    todo: list[Job] = []
    for f in files:
        had = known.get(f.path)
        if had is not None and newest_signature(had.values()) == f.signature:
            counts.unchanged += len(had)
        else:
            # A JSONL file that changed is read again record by record: its lines indexed as they are stay.
            todo.append((f, line_digests(f.path, had) if had and f.kind == "jsonl" else None))
    live = {i for ids in known.values() for i in ids}
    dups, mended = load_duplicates(ix.path, live)
    if not (gone or todo):
        if mended:
            dups.save(ix.path, committed_state(ix.path))
        return dups
    run = _Run(ix, known, counts, len(todo), progress, dups)
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(todo) >= PARALLEL_MIN_FILES:
        _write_parallel(run, todo, gone, workers)
    else:
        _write_serial(run, todo, gone)
    return dups


class _Run:
    """One indexing run's bookkeeping: what each file gave, old versions deleted, progress."""

    def __init__(self, ix: Writable, known: dict[str, dict[str, str]], counts: _Counts,
                 total: int, progress: ProgressFn | None, dups: Duplicates) -> None:
        self.ix, self.known, self.counts = ix, known, counts
        self.total, self.progress = total, progress
        self.done = 0
        # The groups take in each file as it is written, while workers still read others, so that
        # only saving them is left after a commit; they are saved only then, so a batch that fails
        # leaves the saved groups as its last commit left them (the run, and this state, end).
        self.dups = dups

    def writer(self, gone: list[str]) -> Batch:
        """A writer for the next batch, which first deletes the documents of files gone (emptying ``gone``)."""
        writer = self.ix.batch()
        for p in gone:
            self.counts.removed += writer.delete(list(self.known[p]))
            self.dups.remove(self.known[p])
        gone.clear()
        return writer

    def file_done(self, writer: Batch, src: SourceFile, prints: list[Print], kept: tuple[str, ...] | None,
                  skipped: list[Skipped]) -> None:
        """Account for one file whose new documents (``prints``: their ids and fingerprints) are in this
        batch: delete its old documents but those ``kept`` (JSONL records unchanged)."""
        counts = self.counts
        had = self.known.get(src.path, {})
        written = [doc_id for doc_id, _ in prints]
        stay, new = set(kept or ()), set(written)
        dropped = [i for i in had if i not in stay]
        writer.delete(dropped)
        self.dups.remove(dropped)
        for doc_id, print_ in prints:
            self.dups.add(doc_id, print_)
        added = sum(1 for i in written if i not in had)
        counts.added += added
        counts.updated += len(written) - added
        counts.removed += sum(1 for i in had if i not in stay and i not in new)
        counts.unchanged += len(stay)
        counts.skipped.extend(skipped)
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)

    def committed(self) -> None:
        """The batch is committed: save the duplicate groups, in step with it, beside it."""
        self.dups.save(self.ix.path, committed_state(self.ix.path))


def _batch_over(began: float, docs: int) -> bool:
    return docs >= BATCH_DOCS or time.monotonic() - began >= BATCH_SECONDS


def _write_serial(run: _Run, todo: list[Job], gone: list[str]) -> None:
    """Read and write in this process: for a few files a pool costs more than it saves."""
    writer: Batch | None = None
    pending = 0
    began = time.monotonic()
    try:
        for src, known in todo:
            if writer is None:
                writer, pending, began = run.writer(gone), 0, time.monotonic()
            if src.size > LARGE_FILE_BYTES:
                writer.make_room()
            got = file_documents(src, known)
            for doc in handed_over(got.docs):
                writer.add(doc)
            run.file_done(writer, src, got.prints, got.kept, got.skipped)
            pending += len(got.prints)
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


def _write_parallel(run: _Run, todo: list[Job], gone: list[str], workers: int) -> None:
    """Workers read files and write segments (workers.py); this process deletes and commits."""
    from .workers import CHUNK_FILES, Crew

    chunks = deque(todo[i:i + CHUNK_FILES] for i in range(0, len(todo), CHUNK_FILES))
    while chunks:
        writer: Any = None
        try:
            # The workers start before the batch's writer (and its lock file) is opened, so a
            # worker outliving a killed run never holds the index's lock.
            with Crew(run.ix.path, min(workers, len(chunks)), file_documents) as crew:
                writer = run.writer(gone)
                began, pending = time.monotonic(), 0
                for src, prints, kept, skipped in crew.run(chunks, BATCH_DOCS, lambda: _batch_over(began, pending)):
                    run.file_done(writer, src, prints, kept, skipped)
                    pending += len(prints)
                segments = crew.finish()
            with interrupts_deferred():
                writer.commit(tuple(segments))
                run.committed()
        except BaseException:
            if writer is not None:
                writer.cancel()
            raise
