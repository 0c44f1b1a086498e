#!/usr/bin/env python3
"""Peak memory of `searchidx index` on the largest file it reads whole (64 MB), alone and in workers.

    python benchmarks/memory.py DIR [--mb 64] [--work WORK]

DIR's texts, repeated until the file is ``--mb`` MB (just under the reader's cap, so nothing
is cut), make a file with the vocabulary of real news. Two runs, each in its own process tree:

    one file   `searchidx index big.txt`: the main process reads and writes it
    workers    a folder of a big file, 64 small ones and another big one, `--workers 2`: the
               two big files fall to two workers, each of which reads small files too

and prints each run's time and the peak RSS of its largest process, and that peak as a
multiple of the file's size (issue 15 measured 17x: 1.07 GB for a 64 MB file).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import run, searchidx  # noqa: E402

SMALL_FILES = 64  # enough for `searchidx index` to start its worker processes


def texts(folder: Path) -> list[str]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".txt"):
                out.append(Path(root, name).read_text(encoding="utf-8", errors="replace"))
    if not out:
        raise SystemExit(f"no .txt files under {folder}")
    return out


def big_file(path: Path, parts: list[str], size: int) -> None:
    """Parts one after another, repeated, up to ``size`` bytes (a whole part at a time)."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("A very long transcript\n\n")
        i = 0
        while True:
            part = parts[i % len(parts)] + "\n\n"
            if fh.tell() + len(part.encode("utf-8")) > size:
                return
            fh.write(part)
            i += 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="a folder of .txt articles (e.g. Reuters)")
    ap.add_argument("--mb", type=float, default=64, help="size of each big file in MB [64: the reader's cap]")
    ap.add_argument("--work", type=Path, help="keep the files and indexes here [a temporary folder]")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="searchidx-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        parts = texts(args.folder)
        size = int(args.mb * 1024 * 1024) - 4096
        one = work / "one"
        one.mkdir(exist_ok=True)
        big_file(one / "big.txt", parts, size)
        folder = work / "folder"
        folder.mkdir(exist_ok=True)
        for n in range(SMALL_FILES):
            (folder / f"small{n:02d}.txt").write_text(parts[n % len(parts)], encoding="utf-8")
        for name in ("big1.txt", "zbig2.txt"):  # first and last: in two workers' chunks of files
            shutil.copy(one / "big.txt", folder / name)
        mb = (one / "big.txt").stat().st_size / 2**20
        print(f"big file: {mb:.1f} MB of {args.folder}'s text, repeated", file=sys.stderr)
        rows = [("one file", searchidx("index", str(one), "--index", str(work / "ix-one"), "--quiet")),
                ("workers", searchidx("index", str(folder), "--index", str(work / "ix-workers"), "--quiet",
                                      "--workers", "2"))]
        print(f"{'':10} {'seconds':>8} {'peak RSS, MB':>13} {'x file size':>12}")
        for label, cmd in rows:
            seconds, rss = run(cmd, ok=(0,))  # every page of the big files must read
            print(f"{label:10} {seconds:8.1f} {rss / 2**20:13.0f} {rss / 2**20 / mb:12.1f}")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
