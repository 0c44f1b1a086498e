"""Serving one shard: two ``xapian-tcpsrv`` processes over a shard's two databases, on loopback unless told otherwise.

A shard is a folder holding two ordinary Xapian databases: its articles (the folder itself)
and its statements (``statements/`` inside it, layout.py says why they are apart).
``xapian-tcpsrv`` (Debian's ``xapian-tools``) serves one database per port when writable (given
several read-only folders, it would merge them into one), so a shard answers on two ports:
its articles on PORT, its statements on PORT + 1, for every searchidx process that lists it
as ``host:PORT``; with ``--writable`` each takes one indexing run's writes at a time. The
servers run in the foreground until one stops (the other is then stopped too) and that exit
code is returned, so a service manager (or a test) can start, stop and restart a shard.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path

import xapian

from ...errors import EngineNotInstalled, IndexNotFound, IndexUnwritable, ShardUnavailable
from .layout import SHARD_STATEMENTS_DIR, Shard, statements_shard

SERVER = "xapian-tcpsrv"
DEFAULT_HOST = "127.0.0.1"  # a shard answers anyone who can reach its port: loopback unless asked


def server_commands(folder: Path, port: int, *, host: str = DEFAULT_HOST, writable: bool = False) -> list[list[str]]:
    """The xapian-tcpsrv command lines of one shard (articles on ``port``, statements on the next);
    EngineNotInstalled when the server is not installed."""
    exe = shutil.which(SERVER)
    if exe is None:
        raise EngineNotInstalled(f"{SERVER} is not installed: it comes with the xapian-tools package "
                                 "(`apt-get install xapian-tools` on Debian or Ubuntu)")
    if port >= 65535:
        raise ShardUnavailable(f"port {port} leaves no port for the shard's statements: choose a lower one")
    served = ((folder, port), (folder / SHARD_STATEMENTS_DIR, statements_shard(Shard(host, port)).port))
    for database, _ in served:
        prepare(database, writable=writable)
    return [[exe, "--port", str(at), "--interface", host, *(["--writable"] if writable else []), str(database)]
            for database, at in served]


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
    """Run the shard's servers until one stops (Ctrl-C stops both); its exit code."""
    processes = [subprocess.Popen(command) for command in server_commands(folder, port, host=host, writable=writable)]
    try:
        while True:
            for process in processes:
                try:
                    code = process.wait(timeout=0.5)
                except subprocess.TimeoutExpired:
                    continue
                return code
    finally:  # one stopped (or Ctrl-C): a shard half served would answer articles without their statements
        for process in processes:
            if process.poll() is None:
                process.terminate()
                process.wait()


def free_port(host: str = DEFAULT_HOST) -> int:
    """A port a shard can be served on now: free, and its statements' port (the next) free too.
    For whoever starts shards on a machine of their own (tests, benchmarks); a port found free may
    still be taken before the shard binds it."""
    while True:
        with socket.socket() as s:
            s.bind((host, 0))
            port = int(s.getsockname()[1])
        statements = statements_shard(Shard(host, port)).port
        if statements > 65535:
            continue
        with socket.socket() as s:
            try:
                s.bind((host, statements))
            except OSError:
                continue
        return port
