"""Worker processes that read files and write index segments of their own, for index.py.

Whoosh's own writing (analysis, postings, the sorted merge at commit) costs a Reuters
story about as much as reading, cleaning and extracting it does, so both must run on
every core. Each worker takes chunks of files from a queue, turns them into documents
and adds those to a private ``SegmentWriter`` (no lock: the parent holds it), and tells
the parent what each file gave. When the parent ends a batch, every worker finishes its
segment and hands it over; the parent commits them together with its own deletions in
one new table of contents, as Whoosh's ``MpWriter(multisegment=True)`` does. Until then
the new segments are files no table of contents names: a crash leaves the index as it
was, and Whoosh deletes such files at the next commit (``clean_files``).

Nothing but file names and counts crosses between processes: documents never do.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .corpus import Skipped, SourceFile
from .errors import SearchidxError
from .lock import init_worker, interrupts_deferred, parent_gone

# Files per job, and jobs in flight per worker: enough that no worker waits for the parent.
CHUNK_FILES = 16
JOBS_AHEAD = 3
# Each worker's writer memory for postings before it spills sorted runs to disk.
WORKER_LIMIT_MB = 256
# How often the parent, waiting for a worker, looks whether one has died.
POLL_SECONDS = 0.5

# One file's outcome: the file, how many documents it gave, and what could not be read.
FileResult = tuple[SourceFile, int, list[Skipped]]


class Crew:
    """Worker processes for one batch; use as a context manager (leaving it stops them)."""

    def __init__(self, index_dir: Path, count: int) -> None:
        ctx: Any = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        self._jobs: Any = ctx.Queue()
        self._results: Any = ctx.Queue()
        self._procs = [
            ctx.Process(target=_work, args=(str(index_dir), self._jobs, self._results, os.getpid()), daemon=True)
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

    def run(self, chunks: deque[list[SourceFile]], max_files: int, stop: Callable[[], bool]) -> Iterator[FileResult]:
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
                    raise SearchidxError(f"an indexing process died (exit code {dead[0].exitcode})") from None
                continue
            if kind == "error":
                raise SearchidxError(f"an indexing process failed:\n{payload}")
            if kind != expected:
                raise SearchidxError(f"an indexing process sent {kind!r} out of turn")
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


def _work(index_dir: str, jobs: Any, results: Any, parent: int) -> None:
    """A worker's life: read the files of each job into its own segment until told to finish."""
    init_worker(parent)
    from .index import file_documents  # not needed to search: imported when indexing needs it
    from .segwriter import SegmentWriter
    from .store import open_or_create

    try:
        ix = open_or_create(index_dir)
        writer = None
        while (job := _next_job(jobs, parent)) is not None:
            done: list[FileResult] = []
            for src in job:
                docs, skipped = file_documents(src)
                if docs and writer is None:
                    writer = SegmentWriter(ix, _lk=False, limitmb=WORKER_LIMIT_MB, compound=False)
                for doc in docs:
                    writer.add_document(**doc)  # type: ignore[union-attr]
                done.append((src, len(docs), skipped))
            results.put(("files", done))
        # Only the segment: the parent's commit removes the writers' shared temporary folder.
        results.put(("segment", writer._finalize_segment() if writer is not None else None))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def _next_job(jobs: Any, parent: int) -> list[SourceFile] | None:
    """The next chunk of files, or None to finish; a worker whose parent died leaves instead.

    Linux kills such a worker (init_worker); elsewhere this is how it notices.
    """
    while True:
        try:
            job: list[SourceFile] | None = jobs.get(timeout=POLL_SECONDS)
            return job
        except queue.Empty:
            if parent_gone(parent):
                os._exit(1)
