"""Worker processes that read files and write index segments of their own, for run.py.

Whoosh's own writing (analysis, postings, the sorted merge at commit) costs a Reuters
story about as much as reading, cleaning and extracting it does, so both must run on
every core. Each worker takes chunks of files from a queue, turns them into documents
with the per-file function it was given (documents.file_documents) and adds those to a
segment of its own (engine.writing.WorkerSegment: no lock, the parent holds it), and tells
the parent what each file gave. When the parent ends a batch, every worker finishes its
segment and hands it over; the parent commits them together with its own deletions in
one new table of contents. Until then the new segments are files no table of contents
names: a crash leaves the index as it was, and the next commit deletes such files.

Nothing but file names, fingerprints and counts crosses between processes: documents never do.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..corpus import SourceFile
from ..engine import open_segment
from ..errors import IndexingFailed
from ..models import Skipped
from .documents import LARGE_FILE_BYTES, FileDocuments, Print, handed_over
from .lock import init_worker, interrupts_deferred, parent_gone

log = logging.getLogger(__name__)

# Files per job, and jobs in flight per worker: enough that no worker waits for the parent.
CHUNK_FILES = 16
JOBS_AHEAD = 3
# Each worker's writer memory for postings before it spills sorted runs to disk.
WORKER_LIMIT_MB = 256
# How often the parent, waiting for a worker, looks whether one has died.
POLL_SECONDS = 0.5

# A file to read, with the digests of its JSONL lines already indexed (digest -> key), if any.
Job = tuple[SourceFile, dict[str, str] | None]
# One file's outcome: the file, its new articles' ids and fingerprints, the ids of its records
# kept as indexed (None when it was read whole), and what could not be read.
FileResult = tuple[SourceFile, list[Print], tuple[str, ...] | None, list[Skipped]]
# The per-file step (documents.file_documents).
PerFile = Callable[[SourceFile, dict[str, str] | None], FileDocuments]


class Crew:
    """Worker processes for one batch; use as a context manager (leaving it stops them)."""

    def __init__(self, index_dir: Path, count: int, per_file: PerFile) -> None:
        ctx: Any = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        self._jobs: Any = ctx.Queue()
        self._results: Any = ctx.Queue()
        self._procs = [
            ctx.Process(target=_work, args=(str(index_dir), self._jobs, self._results, os.getpid(), per_file), daemon=True)
            for _ in range(count)
        ]
        # Forked under the parent's deferring Ctrl-C handler: a worker hit before init_worker
        # ignores Ctrl-C would die printing "Exception ignored in ... KeyboardInterrupt".
        with interrupts_deferred():
            for p in self._procs:
                p.start()
        self._in_flight = 0
        self._segments: list[Any] = []
        self._finished = 0

    def run(self, chunks: deque[list[Job]], max_files: int, stop: Callable[[], bool]) -> Iterator[FileResult]:
        """Hand out chunks (taken from the left of ``chunks``) and yield each file's result.

        Stops handing out once ``max_files`` files went out or ``stop()`` is true; what
        is left in ``chunks`` belongs to the next batch. Returns when all sent are done.
        """
        sent = 0
        while True:
            while (chunks and self._in_flight < JOBS_AHEAD * len(self._procs) and not stop()
                   and (sent == 0 or sent + len(chunks[0]) <= max_files)):
                chunk = chunks.popleft()
                self._jobs.put(chunk)
                self._in_flight += 1
                sent += len(chunk)
            if not self._in_flight:
                return
            payload = self._next("files")
            self._in_flight -= 1
            yield from payload

    def finish(self) -> list[Any]:
        """Have every worker close its segment; the segments, for one commit."""
        for _ in self._procs:
            self._jobs.put(None)
        while self._finished < len(self._procs):
            payload = self._next("segment")
            self._finished += 1
            if payload is not None:
                self._segments.append(payload)
        for p in self._procs:
            p.join()
        return self._segments

    def _next(self, expected: str) -> Any:
        """The next message from a worker, which must be of the ``expected`` kind."""
        while True:
            try:
                kind, payload = self._results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                dead = [p for p in self._procs if not p.is_alive() and p.exitcode]
                if dead:
                    raise IndexingFailed(f"an indexing process died (exit code {dead[0].exitcode})") from None
                continue
            if kind == "oserror":
                number, message, trace = payload
                log.debug("an indexing process could not write:\n%s", trace)
                raise OSError(number, message)
            if kind == "error":
                log.debug("an indexing process failed:\n%s", payload)
                last = payload.strip().splitlines()[-1] if payload.strip() else "no detail"
                raise IndexingFailed(f"an indexing process failed ({last}); nothing of this batch was committed")
            if kind != expected:
                raise IndexingFailed(f"an indexing process sent {kind!r} out of turn")
            return payload

    def __enter__(self) -> Crew:
        return self

    def __exit__(self, *exc: object) -> None:
        for p in self._procs:
            if p.is_alive():
                p.terminate()
        for p in self._procs:
            p.join()
        self._jobs.close()
        self._results.close()


def _work(index_dir: str, jobs: Any, results: Any, parent: int, per_file: PerFile) -> None:
    """A worker's life: read the files of each job into its own segment until told to finish."""
    init_worker(parent)
    try:
        segment = open_segment(index_dir, WORKER_LIMIT_MB)
        while (job := _next_job(jobs, parent)) is not None:
            done: list[FileResult] = []
            for src, known in job:
                if src.size > LARGE_FILE_BYTES:
                    segment.make_room()
                got = per_file(src, known)
                for doc in handed_over(got.docs):
                    segment.add(doc)
                done.append((src, got.prints, got.kept, got.skipped))
            results.put(("files", done))
        results.put(("segment", segment.finish()))
    except OSError as err:  # writing its segment failed (a full disk): the parent says so as for its own writes
        results.put(("oserror", (err.errno, err.strerror or str(err), traceback.format_exc())))
    except BaseException:  # noqa: BLE001 - any failure goes to the parent, which reports it and stops
        results.put(("error", traceback.format_exc()))


def _next_job(jobs: Any, parent: int) -> list[Job] | None:
    """The next chunk of files, or None to finish; a worker whose parent died leaves instead.

    Linux kills such a worker (init_worker); elsewhere this is how it notices.
    """
    while True:
        try:
            job: list[Job] | None = jobs.get(timeout=POLL_SECONDS)
            return job
        except queue.Empty:
            if parent_gone(parent):
                os._exit(1)
