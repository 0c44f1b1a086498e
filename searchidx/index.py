"""Articles -> a Whoosh index: the schema, the analyzers, and incremental updates.

Each article becomes one document keyed by its id (the file path, plus ``#N`` for a
JSONL line). A run compares every file's size and modification time with what the index
stored, reads only new or changed files, deletes documents whose files are gone, and
commits in batches (about a minute of work each) so an interrupted run loses at most one
batch. The text itself is stored compressed beside the postings, for snippets.

Both cores do all of the work: each worker process reads, cleans and extracts its share
of the files and writes its own Whoosh segment, which the parent commits with the batch
(as Whoosh's multiprocessing writer does with ``multisegment=True``, but without sending
every document through a queue). Segments are compound files (one file each): a searcher
opens it whole, so a commit that merges and deletes old segments cannot pull a column file
from under a query that is still running (with ``compound=False`` queries during a commit
failed inside Whoosh's stored-field reader).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import multiprocessing
import os
import sys
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as windex

from .corpus import Skipped, SourceFile, find_files
from .errors import IndexLocked, IndexNotFound, SearchidxError
from .lock import WriterLock, init_worker, interrupts_deferred
from .models import Article
from .schema import INDEX_NAME, SCHEMA_VERSION, make_schema

log = logging.getLogger(__name__)

# A batch is committed after this many seconds of reading or this many documents, whichever
# comes first: a crash loses at most that much work. Every batch adds a segment per worker, and
# each segment costs every later query a little (and repeats the term dictionary on disk), so
# batches are made long rather than small.
BATCH_SECONDS = 60.0
BATCH_DOCS = 50_000
# Below this many files to read, a process pool costs more than it saves.
PARALLEL_MIN_FILES = 64
# Writer memory for buffering postings before flushing a segment (per process: each worker has one).
WRITER_LIMIT_MB = 256
WORKER_LIMIT_MB = 128
# Files per chunk dealt to a worker, and chunks queued ahead per worker: small enough to keep
# both busy to the end of a batch, large enough that the queues cost nothing.
CREW_CHUNK = 16
CREW_AHEAD = 2
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
    interrupted: bool = False

    @property
    def failed(self) -> list[Skipped]:
        """Inputs that should have been indexed but could not be read (not the ignored file types)."""
        return [s for s in self.skipped if not s.ignored]


def pack_text(article: Article) -> bytes:
    """Body and statements, compressed: what snippets and `show` need at query time."""
    data = {"body": article.body, "statements": [dataclasses.asdict(s) for s in article.statements]}
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 6)


def unpack_text(blob: bytes) -> dict[str, object]:
    """Inverse of :func:`pack_text`."""
    return json.loads(zlib.decompress(blob).decode("utf-8"))


def _index_date(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    """The article's own calendar date and clock, as a naive datetime for range filters."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def article_document(article: Article, sig: str) -> dict[str, object]:
    """The Whoosh document for one article."""
    doc: dict[str, object] = {
        "id": article.id,
        "path": article.path,
        "title": article.title or "",
        "body": article.body,
        "speakers": "\n".join(article.speakers),
        "dateline": article.dateline or "",
        "source": article.source or "",
        "date_iso": article.date_iso(),
        "speaker_list": list(article.speakers),
        "url": article.url,
        "sig": sig,
        "hash": hashlib.blake2b(article.body.encode("utf-8"), digest_size=12).hexdigest(),
        "blob": pack_text(article),
    }
    when = _index_date(article.date)
    if when is not None:
        doc["date"] = when
    return doc


def _read_documents(src: SourceFile) -> tuple[SourceFile, list[dict[str, object] | Skipped]]:
    """Worker: one file -> its documents (runs in a pool process)."""
    from .read import read_source  # the extraction pipeline is not needed to search

    out: list[dict[str, object] | Skipped] = []
    for item in read_source(src):
        out.append(item if isinstance(item, Skipped) else article_document(item, src.signature))
    return src, out


def open_or_create(index_dir: str | Path, *, create: bool = False) -> windex.Index:
    """Open the index at ``index_dir``; create it when ``create`` is set and there is none."""
    d = Path(index_dir)
    if d.exists() and windex.exists_in(str(d), indexname=INDEX_NAME):
        _check_version(d)  # before open_dir: a newer schema may not even unpickle here
        return windex.open_dir(str(d), indexname=INDEX_NAME)
    if not create:
        raise IndexNotFound(f"no index at {d}: run `searchidx index FOLDER --index {d}` first")
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SearchidxError(f"cannot create index folder {d}: {err.strerror or err}") from None
    # Version first: a run killed between the two steps must not leave an index that says "rebuild needed".
    (d / "searchidx.json").write_text(json.dumps({"schema_version": SCHEMA_VERSION}) + "\n", encoding="utf-8")
    ix = windex.create_in(str(d), make_schema(), indexname=INDEX_NAME)
    return ix


def _check_version(d: Path) -> None:
    try:
        version = json.loads((d / "searchidx.json").read_text(encoding="utf-8")).get("schema_version")
    except (OSError, ValueError):
        version = None
    if version != SCHEMA_VERSION:
        raise SearchidxError(
            f"the index at {d} was built by another version of searchidx (schema {version}, "
            f"this is {SCHEMA_VERSION}): rebuild needed, run `searchidx index FOLDER --rebuild`"
        )


def _indexed_files(ix: windex.Index) -> dict[str, tuple[str, list[str]]]:
    """path -> (signature, document ids) for every live document."""
    files: dict[str, tuple[str, list[str]]] = {}
    with ix.reader() as reader:
        for fields in reader.all_stored_fields():
            sig, ids = files.get(fields["path"], (fields.get("sig", ""), []))
            ids.append(fields["id"])
            files[fields["path"]] = (sig, ids)
    return files


def default_index_dir() -> Path:
    """The per-user data folder used when neither --index nor $SEARCHIDX_INDEX is given."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "searchidx" / "index"


def _under(path: str, roots: Sequence[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


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
    paths = [Path(p) for p in paths]
    files, skipped = find_files(paths)
    report = IndexReport(skipped=list(skipped))
    d = Path(index_dir)
    with WriterLock(d, wait=wait):
        return _update_locked(d, paths, files, report, start, rebuild, workers, progress)


def _update_locked(d: Path, paths: list[Path], files: list[SourceFile], report: IndexReport, start: float,
                   rebuild: bool, workers: int | None, progress: ProgressFn | None) -> IndexReport:
    if rebuild:
        _clear(d)
    ix = open_or_create(d, create=True)
    known = _indexed_files(ix)
    roots = [os.path.abspath(p) for p in paths]
    current = {f.path for f in files}
    gone = [p for p in known if p not in current and _under(p, roots)]
    todo = [f for f in files if known.get(f.path, ("",))[0] != f.signature]
    report.unchanged = sum(len(known[f.path][1]) for f in files if f.path in known and f not in todo)
    if not gone and not todo:
        report.documents = ix.doc_count()
        report.seconds = time.perf_counter() - start
        return report
    # The reading processes start before the Whoosh writer (and its lock file) is opened,
    # so a worker outliving a killed run never holds the index's lock.
    queue = deque(todo)
    writer: Any = None
    done = pending = 0
    began = time.monotonic()

    def full() -> bool:
        return pending >= BATCH_DOCS or time.monotonic() - began >= BATCH_SECONDS

    with _crew(d, workers, len(todo)) as crew:
        try:
            while writer is None or queue:
                writer, pending, began = _writer(ix), 0, time.monotonic()
                for p in gone:
                    report.removed += writer.delete_by_term("path", p)
                gone = []
                for src, count, skipped in crew.read(queue, writer, full):
                    done += 1
                    had = known.get(src.path)
                    if had:
                        writer.delete_by_term("path", src.path)
                        report.updated += count
                        report.removed += max(0, len(had[1]) - count)
                    else:
                        report.added += count
                    report.skipped.extend(skipped)
                    pending += count
                    if progress:
                        progress(done, len(todo))
                segments = crew.segments()
                with interrupts_deferred():
                    _commit(writer, segments)
        except BaseException:
            if writer is not None and not writer.is_closed:
                writer.cancel()
            report.interrupted = True
            raise
    report.documents = ix.doc_count()
    report.seconds = time.perf_counter() - start
    return report


def _writer(ix: windex.Index):  # type: ignore[no-untyped-def]
    from whoosh.index import LockError

    try:
        # We hold the writer lock, so a Whoosh lock held now is a foreign or dying process: wait a little.
        return ix.writer(limitmb=WRITER_LIMIT_MB, timeout=WHOOSH_LOCK_WAIT, compound=True)
    except LockError:
        raise IndexLocked(f"the index at {ix.storage.folder} is being updated by another process") from None


def _commit(writer: Any, segments: list[Any]) -> None:
    """Commit the writer's deletions and documents together with segments written by worker processes.

    This is what Whoosh's own MpWriter does with ``multisegment=True`` (writing.py 2.7.4,
    whose private steps it reuses): small old segments are merged, the new ones are added
    to the table of contents as they are, and nothing else is rewritten.
    """
    if not segments:
        writer.commit()
        return
    final = writer._merge_segments(None, None, None)
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final + segments)
    writer._finish()


FileResult = tuple[SourceFile, int, list[Skipped]]


def _add_file(writer: Any, src: SourceFile) -> FileResult:
    """Read one file and add its documents to ``writer``: how many, and what was skipped."""
    _, items = _read_documents(src)
    count = 0
    for item in items:
        if isinstance(item, dict):
            writer.add_document(**item)
            count += 1
    return src, count, [i for i in items if isinstance(i, Skipped)]


class _Serial:
    """Reads files in this process, into the batch's writer."""

    def read(self, queue: deque[SourceFile], writer: Any, full: Callable[[], bool]) -> Iterator[FileResult]:
        """Files from ``queue`` until it is empty or the batch is ``full``."""
        while queue and not full():
            yield _add_file(writer, queue.popleft())

    def segments(self) -> list[Any]:
        """Segments written outside the batch's writer: none."""
        return []


class _Crew:
    """Worker processes that each read files and write their own Whoosh segment.

    Both cores then share all the work (reading, cleaning, extracting, analysing, writing
    postings) and no document crosses a process boundary; only file names go out and
    counts come back. At the end of a batch each worker closes its segment and hands it to
    the parent, which commits them all at once (see _commit). Work is dealt in small
    chunks, at most CREW_AHEAD per worker, so a worker stuck on a big file does not hold
    up the other.
    """

    def __init__(self, index_dir: Path, n: int) -> None:
        ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        self.results: Any = ctx.Queue()
        self.tasks: list[Any] = [ctx.Queue() for _ in range(n)]
        self.procs = [ctx.Process(target=_crew_worker, args=(str(index_dir), q, self.results, i), daemon=True)
                      for i, q in enumerate(self.tasks)]
        for p in self.procs:
            p.start()
        self.ahead = [0] * n

    def read(self, queue: deque[SourceFile], writer: Any, full: Callable[[], bool]) -> Iterator[FileResult]:
        """Files from ``queue`` until it is empty or the batch is ``full``, in the order they finish."""
        while True:
            for i, task in enumerate(self.tasks):
                while queue and self.ahead[i] < CREW_AHEAD and not full():
                    task.put([queue.popleft() for _ in range(min(CREW_CHUNK, len(queue)))])
                    self.ahead[i] += 1
            if not any(self.ahead):
                return
            i, payload = self._receive()
            self.ahead[i] -= 1
            yield from payload

    def segments(self) -> list[Any]:
        """Each worker's segment for this batch (the workers start new ones on their next chunk)."""
        for task in self.tasks:
            task.put(_FLUSH)
        found = [self._receive()[1] for _ in self.tasks]
        return [s for s in found if s is not None]

    def _receive(self) -> tuple[int, Any]:
        import queue as stdqueue

        while True:
            try:
                i, kind, payload = self.results.get(timeout=1.0)
            except stdqueue.Empty:
                dead = [p for p in self.procs if not p.is_alive()]
                if dead:
                    raise SearchidxError(f"an indexing worker died (exit code {dead[0].exitcode})") from None
                continue
            if kind == "error":
                raise SearchidxError(f"an indexing worker failed:\n{payload}")
            return i, payload

    def close(self) -> None:
        """Stop the workers (at once: any unfinished segment is simply never committed)."""
        for p in self.procs:
            if p.is_alive():
                p.terminate()
        for p in self.procs:
            p.join()


_FLUSH = "flush"


def _crew_worker(index_dir: str, tasks: Any, results: Any, me: int) -> None:
    """Worker process: chunks of files in, one segment per batch out."""
    from whoosh.writing import SegmentWriter

    init_worker()
    ix = windex.open_dir(index_dir, indexname=INDEX_NAME)
    writer: Any = None
    try:
        for job in iter(tasks.get, None):
            if job == _FLUSH:
                segment = None
                if writer is not None and writer._added:
                    segment = writer._finalize_segment()
                elif writer is not None:
                    writer._close_segment()
                writer = None
                results.put((me, "segment", segment))
                continue
            if writer is None:
                writer = SegmentWriter(ix, _lk=False, limitmb=WORKER_LIMIT_MB, compound=True)
            results.put((me, "files", [_add_file(writer, src) for src in job]))
    except BaseException:  # noqa: BLE001 - the parent must hear of any failure, then re-raises nothing
        import traceback

        results.put((me, "error", traceback.format_exc()))


@contextmanager
def _crew(index_dir: Path, workers: int | None, files: int) -> Iterator[_Serial | _Crew]:
    """A crew of worker processes when there is enough to read, else this process alone."""
    n = workers or os.cpu_count() or 1
    if n <= 1 or files < PARALLEL_MIN_FILES:
        yield _Serial()
        return
    crew = _Crew(index_dir, n)
    try:
        yield crew
    finally:
        crew.close()


def _clear(d: Path) -> None:
    """Remove an index's own files (and only those) so it can be built anew."""
    for p in d.iterdir():
        if p.is_file() and (p.name.startswith(("_" + INDEX_NAME, INDEX_NAME)) or p.suffix == ".seg"):
            p.unlink()
