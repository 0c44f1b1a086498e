"""The warm index behind the web app: library calls run in a few threads, each with a time limit.

The library is synchronous and CPU-bound. Each call runs in a small pool of threads (the
``Index`` gives each thread its own searcher, and reopens it after a commit), so the event
loop keeps answering other requests while a query runs. A call that is still running after
``timeout`` seconds is answered "took too long" and left to finish in its thread (Python
cannot stop a thread); the pool's size bounds how many such calls can run at once, and a
queue bound makes further requests fail fast as "busy" instead of piling up.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from ..index import Index

T = TypeVar("T")

# Searches hold the GIL but for their file reads, so threads add no cores: they keep a slow query
# from holding up the rest, and let reads overlap. With 8 clients at once on Reuters (a loaded
# 2-core machine, two runs of benchmarks/web.py one after the other) 8 threads answered 29.5
# queries/s where 4 answered 19.9; each thread keeps its own searcher, about 1 MB here.
THREADS = 8
# Calls waiting for a thread before further requests are refused as busy.
QUEUE = 32
# A search, a count or an article page answers well within a second on Reuters 10x; this
# leaves room for a loaded machine and still answers a pathological query within reason.
TIMEOUT_SECONDS = 10.0


class Busy(RuntimeError):
    """Too many calls are running or waiting: try again shortly."""


class TooSlow(RuntimeError):
    """A call ran past its time limit (it goes on in its thread, unobserved)."""


class Library:
    """One open ``Index`` and the threads its calls run in."""

    def __init__(self, index: Index, *, threads: int = THREADS, queue: int = QUEUE,
                 timeout: float = TIMEOUT_SECONDS) -> None:
        self.index = index
        self.timeout = timeout
        self._limit = threads + queue
        self._pending = 0
        self._count_lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="searchidx-web")

    async def call(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        """``fn(*args, **kwargs)`` in a pool thread; Busy when the queue is full, TooSlow past the time limit."""
        with self._count_lock:
            if self._pending >= self._limit:
                raise Busy(f"the server is answering {self._pending} requests: try again in a moment")
            self._pending += 1
        try:
            future: Future[T] = self._pool.submit(fn, *args, **kwargs)
        except BaseException:
            self._done(None)
            raise
        future.add_done_callback(self._done)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except asyncio.TimeoutError:
            future.cancel()  # frees its place at once if it never started
            raise TooSlow(f"the query took more than {self.timeout:g} seconds: make it more specific") from None

    def _done(self, _future: object) -> None:
        with self._count_lock:
            self._pending -= 1

    def close(self) -> None:
        """Stop taking calls, drop waiting ones, and release the index's files.

        A call still running is not waited for: Ctrl-C must stop the server at once, and a
        search whose searcher is closed under it fails in its thread, where no one listens.
        """
        self._pool.shutdown(wait=False, cancel_futures=True)
        self.index.close()
