"""Articles -> a Whoosh index: incremental, parallel updates (opening and stored text: store.py).

Each article becomes one document keyed by its id (the file path, plus ``#N`` for a
JSONL line). A run compares every file's size and modification time with what the index
stored, reads only new or changed files, deletes documents whose files are gone, and
commits in batches (at most two minutes of work each) so an interrupted run loses at most
one batch. The text itself is stored compressed beside the postings, for snippets.

Every core shares the work: worker processes (workers.py) read, clean and extract the
files and write their documents into segments of their own, and this process deletes old
versions and commits the batch's segments in one table of contents. Whoosh's writing
costs as much as extraction, so a single writer here could never keep up. Each batch
adds a segment per worker: every segment costs each later query a little and repeats the
term dictionary on disk, so batches are long. A few files are read here, without workers.

Segments are kept as separate files (``compound=False``): opening one maps its files
instead of copying them into memory, which is most of a one-shot query's opening time.
Whoosh opens some of those files lazily, and a commit that merges a segment away deletes
them, so ``search.Index`` opens all of a searcher's files up front (``_hold_files``):
queries during a commit failed inside Whoosh's stored-field reader before it did.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as windex

from .corpus import Skipped, SourceFile, find_files, is_under
from .errors import IndexLocked
from .lock import WriterLock, interrupts_deferred
from .models import Article
from .schema import INDEX_NAME
from .store import open_or_create, pack_text, stored_path

# A batch is committed after this many seconds or this many documents, whichever comes first:
# a crash loses at most that much work. Each batch adds a segment, and every segment costs each
# later query a little and repeats the term dictionary on disk, so batches are long.
BATCH_SECONDS = 120.0
BATCH_DOCS = 100_000
# Below this many files to read, a process pool costs more than it saves.
PARALLEL_MIN_FILES = 64
# Writer memory for buffering postings before spilling sorted runs to disk.
WRITER_LIMIT_MB = 256
# Seconds to wait for Whoosh's own lock once ours is held (see _writer).
WHOOSH_LOCK_WAIT = 5.0

@dataclass
class IndexReport:
    """What one indexing run did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    documents: int = 0

    @property
    def failed(self) -> list[Skipped]:
        """Inputs that should have been indexed but could not be read (not the ignored file types)."""
        return [s for s in self.skipped if not s.ignored]


def _index_date(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    """The article's own calendar date and clock, as a naive datetime for range filters."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def article_document(article: Article, sig: str) -> dict[str, object]:
    """The Whoosh document for one article.

    Empty values are left out, and the path when it is the id (all but JSONL lines): each
    document's stored values are pickled with their names, so an empty one still costs.
    """
    doc: dict[str, object] = {
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


def file_documents(src: SourceFile) -> tuple[list[dict[str, object]], list[Skipped]]:
    """One file's Whoosh documents (one per article), and what in it could not be read."""
    from .read import read_source  # the extraction pipeline is not needed to search

    items = read_source(src)
    docs = [article_document(i, src.signature) for i in items if not isinstance(i, Skipped)]
    return docs, [i for i in items if isinstance(i, Skipped)]


def _indexed_files(ix: windex.Index) -> dict[str, tuple[str, list[str]]]:
    """path -> (signature, document ids) for every live document."""
    files: dict[str, tuple[str, list[str]]] = {}
    with ix.reader() as reader:
        for fields in reader.all_stored_fields():
            path = stored_path(fields)
            sig, ids = files.get(path, (fields.get("sig", ""), []))
            ids.append(fields["id"])
            files[path] = (sig, ids)
    return files


ProgressFn = Callable[[int, int], None]


def update_index(
    index_dir: str | Path,
    paths: Iterable[str | Path],
    *,
    rebuild: bool = False,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    wait: float = 0.0,
) -> IndexReport:
    """Bring the index at ``index_dir`` up to date with the files under ``paths``.

    Only one process writes an index at a time: another waits up to ``wait`` seconds,
    then IndexLocked names the process holding it. Ctrl-C keeps the committed batches.
    """
    start = time.perf_counter()
    roots = [Path(p) for p in paths]
    files, skipped = find_files(roots)
    report = IndexReport(skipped=list(skipped))
    d = Path(index_dir)
    with WriterLock(d, wait=wait):
        return _update_locked(d, roots, files, report, start, rebuild, workers, progress)


def _update_locked(d: Path, paths: list[Path], files: list[SourceFile], report: IndexReport, start: float,
                   rebuild: bool, workers: int | None, progress: ProgressFn | None) -> IndexReport:
    if rebuild:
        _clear(d)
    ix = open_or_create(d, create=True)
    known = _indexed_files(ix)
    roots = [os.path.abspath(p) for p in paths]
    current = {f.path for f in files}
    gone = [p for p in known if p not in current and is_under(p, roots)]
    todo = [f for f in files if known.get(f.path, ("",))[0] != f.signature]
    report.unchanged = sum(len(known[f.path][1]) for f in files if f.path in known and f not in todo)
    if gone or todo:
        run = _Run(ix, known, report, len(todo), progress)
        workers = workers or os.cpu_count() or 1
        if workers > 1 and len(todo) >= PARALLEL_MIN_FILES:
            _write_parallel(run, d, todo, gone, workers)
        else:
            _write_serial(run, todo, gone)
    report.documents = ix.doc_count()
    report.seconds = time.perf_counter() - start
    return report


class _Run:
    """One indexing run's bookkeeping: what each file gave, old versions deleted, progress."""

    def __init__(self, ix: windex.Index, known: dict[str, tuple[str, list[str]]], report: IndexReport,
                 total: int, progress: ProgressFn | None) -> None:
        self.ix, self.known, self.report, self.total, self.progress = ix, known, report, total, progress
        self.done = 0

    def writer(self, gone: list[str]) -> Any:
        """A writer for the next batch, which first deletes the documents of files gone (emptying ``gone``)."""
        writer = _writer(self.ix)
        for p in gone:
            self.report.removed += _delete(writer, self.known[p][1])
        gone.clear()
        return writer

    def file_done(self, writer: Any, src: SourceFile, added: int, skipped: list[Skipped]) -> None:
        """Account for one file whose ``added`` new documents are in this batch; delete its old ones."""
        report = self.report
        had = self.known.get(src.path)
        if had:
            _delete(writer, had[1])
            report.updated += added
            report.removed += max(0, len(had[1]) - added)
        else:
            report.added += added
        report.skipped.extend(skipped)
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)


def _delete(writer: Any, ids: list[str]) -> int:
    """Delete documents by id (a file's ids are known: the path is stored, not searchable)."""
    return sum(writer.delete_by_term("id", i) for i in ids)


def _batch_over(began: float, docs: int) -> bool:
    return docs >= BATCH_DOCS or time.monotonic() - began >= BATCH_SECONDS


def _write_serial(run: _Run, todo: list[SourceFile], gone: list[str]) -> None:
    """Read and write in this process: for a few files a pool costs more than it saves."""
    writer: Any = None
    pending = 0
    began = time.monotonic()
    try:
        for src in todo:
            if writer is None:
                writer, pending, began = run.writer(gone), 0, time.monotonic()
            docs, skipped = file_documents(src)
            for doc in docs:
                writer.add_document(**doc)
            run.file_done(writer, src, len(docs), skipped)
            pending += len(docs)
            if _batch_over(began, pending):
                with interrupts_deferred():
                    writer.commit()
                writer = None  # the next file opens the next batch's writer
        if writer is None:
            writer = run.writer(gone)
        with interrupts_deferred():
            writer.commit()
    except BaseException:
        if writer is not None and not writer.is_closed:
            writer.cancel()
        raise


def _write_parallel(run: _Run, d: Path, todo: list[SourceFile], gone: list[str], workers: int) -> None:
    """Workers read files and write segments (workers.py); this process deletes and commits."""
    from .workers import CHUNK_FILES, Crew

    chunks = deque(todo[i:i + CHUNK_FILES] for i in range(0, len(todo), CHUNK_FILES))
    while chunks:
        writer: Any = None
        try:
            # The workers start before the Whoosh writer (and its lock file) is opened, so a
            # worker outliving a killed run never holds the index's lock.
            with Crew(d, min(workers, len(chunks))) as crew:
                writer = run.writer(gone)
                began, pending = time.monotonic(), 0
                for src, added, skipped in crew.run(chunks, BATCH_DOCS, lambda: _batch_over(began, pending)):
                    run.file_done(writer, src, added, skipped)
                    pending += added
                segments = crew.finish()
            with interrupts_deferred():
                _commit_with(writer, segments)
        except BaseException:
            if writer is not None and not writer.is_closed:
                writer.cancel()
                _remove_unlisted(run.ix)
            raise


def _commit_with(writer: Any, segments: list[Any]) -> None:
    """Commit ``writer`` with the workers' finished ``segments`` added, as MpWriter(multisegment=True) does."""
    final = writer._merge_segments(None, None, None) + segments
    if writer._added:  # the merge policy merged small segments into this writer
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final)
    writer._finish()


def _remove_unlisted(ix: windex.Index) -> None:
    """Delete segment files no table of contents lists (a cancelled batch's), as a commit would."""
    from whoosh.index import clean_files

    toc = ix._read_toc()
    clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)


def _writer(ix: windex.Index):  # type: ignore[no-untyped-def]
    from whoosh.index import LockError

    from .segwriter import SegmentWriter

    try:
        # We hold the writer lock, so a Whoosh lock held now is a foreign or dying process: wait a little.
        return SegmentWriter(ix, limitmb=WRITER_LIMIT_MB, timeout=WHOOSH_LOCK_WAIT, compound=False)
    except LockError:
        raise IndexLocked(f"the index at {ix.storage.folder} is being updated by another process") from None


def _clear(d: Path) -> None:
    """Remove an index's own files (and only those) so it can be built anew."""
    for p in d.iterdir():
        if p.is_file() and (p.name.startswith(("_" + INDEX_NAME, INDEX_NAME)) or p.suffix == ".seg"):
            p.unlink()
