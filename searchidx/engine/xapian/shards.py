"""Serving one shard: ``xapian-tcpsrv`` over a database folder, on loopback unless told otherwise.

A shard is an ordinary Xapian database; ``xapian-tcpsrv`` (Debian's ``xapian-tools``) answers
queries on it for every searchidx process that lists it, and with ``--writable`` takes one
indexing run's writes at a time. The server runs in the foreground and its exit code is
returned, so a service manager (or a test) can start, stop and restart it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import xapian

from ...errors import EngineNotInstalled, IndexNotFound, IndexUnwritable

SERVER = "xapian-tcpsrv"
DEFAULT_HOST = "127.0.0.1"  # a shard answers anyone who can reach its port: loopback unless asked


def server_command(folder: Path, port: int, *, host: str = DEFAULT_HOST, writable: bool = False) -> list[str]:
    """The xapian-tcpsrv command line for one shard; EngineNotInstalled when the server is not installed."""
    exe = shutil.which(SERVER)
    if exe is None:
        raise EngineNotInstalled(f"{SERVER} is not installed: it comes with the xapian-tools package "
                                 "(`apt-get install xapian-tools` on Debian or Ubuntu)")
    prepare(folder, writable=writable)
    return [exe, "--port", str(port), "--interface", host, *(["--writable"] if writable else []), str(folder)]


def prepare(folder: Path, *, writable: bool) -> None:
    """Create an empty shard database for a writable shard; a read-only one must exist already."""
    if (folder / "iamglass").exists() or (folder / "iamchert").exists():
        return
    if not writable:
        raise IndexNotFound(f"no shard database at {folder}: serve it with --writable to create one")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        xapian.WritableDatabase(str(folder), xapian.DB_CREATE_OR_OPEN).close()
    except OSError as err:
        raise IndexUnwritable(f"cannot create a shard database at {folder}: {err.strerror or err}") from None
    except xapian.DatabaseError as err:
        raise IndexUnwritable(f"cannot create a shard database at {folder}: {err.get_msg()}") from None


def serve(folder: Path, port: int, *, host: str = DEFAULT_HOST, writable: bool = False) -> int:
    """Run xapian-tcpsrv on ``folder`` until it stops (Ctrl-C stops it); its exit code."""
    process = subprocess.Popen(server_command(folder, port, host=host, writable=writable))
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait()
        raise
