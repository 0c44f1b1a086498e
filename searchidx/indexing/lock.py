"""One writer per index: a kernel-held lock that names its owner, and Ctrl-C held off during commits.

The lock is ``flock`` on ``writer.lock`` in the index folder (``msvcrt.locking`` on
Windows). The kernel drops it when the holding process ends for any reason, SIGKILL and
power loss included, so a crash can never leave a stale lock behind; the process id
written into the file only serves to name the holder in the error message. A forked child
(a pool worker reading files) closes its inherited copy at once, so a worker that
outlives a killed writer cannot keep the index locked either.

The file is never deleted: removing a lock file while another process waits on it would
let two writers in.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import IndexLocked, IndexUnwritable

LOCK_NAME = "writer.lock"  # must not start with the index name: --rebuild clears those files
# How often a waiting writer looks again; short enough that a queue of runs moves promptly.
POLL_SECONDS = 0.1
# Where the Windows byte-range lock sits, past the pid, so others can still read the pid.
_WIN_LOCK_OFFSET = 64

_held: set[int] = set()  # descriptors this process holds locks on, closed in forked children


def _close_in_child() -> None:
    for fd in list(_held):
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        if err.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise
    return True


def _holder(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii", errors="replace")[:_WIN_LOCK_OFFSET]
    except OSError:
        return None
    first = text.strip().split("\n", 1)[0]
    return int(first) if first.isdigit() else None


class WriterLock:
    """The exclusive right to write the index at ``index_dir``; use it as a context manager."""

    def __init__(self, index_dir: str | Path, *, wait: float = 0.0) -> None:
        self.dir = Path(index_dir)
        self.path = self.dir / LOCK_NAME
        self.wait = wait
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, polling up to ``wait`` seconds; IndexLocked names the holder if it stays taken."""
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise IndexUnwritable(f"cannot lock the index at {self.dir}: {err.strerror or err}") from None
        deadline = time.monotonic() + max(0.0, self.wait)
        try:
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    raise IndexLocked(self._message())
                time.sleep(POLL_SECONDS)
        except BaseException:
            os.close(fd)
            raise
        _held.add(fd)
        self._fd = fd
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))

    def release(self) -> None:
        """Give the lock up (closing the file releases it)."""
        if self._fd is not None:
            _held.discard(self._fd)
            os.close(self._fd)
            self._fd = None

    def _message(self) -> str:
        pid = _holder(self.path)
        who = f"process {pid}" if pid else "another process"
        waited = f" (waited {self.wait:g}s)" if self.wait > 0 else ""
        return (f"the index at {self.dir} is being updated by {who}{waited}: "
                f"try again when it finishes, or pass --wait SECONDS")

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C until the block ends, so a commit is finished rather than cut in half."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous: Any = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received and callable(previous):
        handler: Callable[[int, Any], Any] = previous
        handler(signal.SIGINT, None)


def init_worker(parent: int) -> None:
    """Worker-process start: leave Ctrl-C to the parent, and die with it.

    A terminal sends Ctrl-C to the whole process group; the parent stops the workers, so
    workers printing their own KeyboardInterrupt tracebacks would only be noise. On Linux a
    worker is also killed when its parent dies (even by SIGKILL) instead of reading on. A
    parent killed between the fork and that request has already gone: the worker sees it
    has a new parent (not ``parent``, the pid it was forked from) and leaves at once.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        try:
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if parent_gone(parent):
        os._exit(1)


def parent_gone(parent: int) -> bool:
    """True when this process's parent is no longer ``parent`` (it died and we were adopted)."""
    return hasattr(os, "getppid") and os.getppid() != parent
