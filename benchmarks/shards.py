#!/usr/bin/env python3
"""The Whoosh engine against the Xapian engine on 1, 2 and 4 loopback shards, one folder, one run.

    python benchmarks/shards.py DIR [--shards 1,2,4] [--work DIR] [--json FILE]

For each setup it builds the folder with `searchidx index` (the CLI: read, clean, extract,
index, both cores), then asks the same warm queries of every index through the library
(`Index.search`, top 10 with snippets, one index kept open, the setups interleaved query by
query) and prints, side by side: build seconds and docs/s, index bytes per document, warm
query p50/p95 (with snippets, as a user waits for them) and the engine's alone (ranked
documents with their stored text, no snippets: what shards change), each shard server's
resident memory after the queries, and the ratios to the Whoosh engine's figures. Shards are `searchidx shard serve --writable` processes on
free loopback ports, stopped at the end; the indexes go to --work (default: a temporary
folder, removed). The machine may be shared: compare ratios from the same run.

Its last table feeds the estimate in benchmarks/README.md ("100 million articles").
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))
from bench import CHILD_ENV, WARM_QUERIES, _corpus_files, pct, run, searchidx, size  # noqa: E402

WARM_REPEATS = 5


class Shard:
    """One `searchidx shard serve` process on two free loopback ports (articles, statements)."""

    def __init__(self, folder: Path) -> None:
        from searchidx.engine.xapian.shards import free_port  # imports xapian: only when shards are asked for

        self.folder, self.port = folder, free_port()
        self.proc = subprocess.Popen(searchidx("shard", "serve", str(folder), "--port", str(self.port), "--writable"),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CHILD_ENV,
                                     start_new_session=True)
        deadline = time.monotonic() + 60
        for port in (self.port, self.port + 1):
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise SystemExit(f"shard {folder} did not start on port {port}") from None
                    time.sleep(0.1)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def rss(self) -> int:
        """Resident bytes of the shard's server processes (xapian-tcpsrv forks one per connection)."""
        out = subprocess.run(["ps", "-o", "rss=", "-g", str(self.proc.pid)], capture_output=True, text=True).stdout
        return sum(int(x) for x in out.split()) * 1024

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self.proc.wait()


def warm(indexes: dict[str, Path], *, snippets: bool = True) -> dict[str, tuple[float, float]]:
    """p50/p95 ms per setup, each query asked of every setup in turn; without ``snippets``, the
    engine's answer alone (ranked documents with their stored text: what a shard's latency adds to)."""
    from searchidx import Filters, Index

    opened = {name: Index.open(path) for name, path in indexes.items()}
    times: dict[str, list[float]] = {name: [] for name in opened}

    def ask(ix: Index, text: str) -> None:
        if not snippets:
            ix._reader.search(text, Filters(), limit=10)
            return
        for h in ix.search(text, limit=10).hits:
            h.snippet.text

    for text in WARM_QUERIES:
        for ix in opened.values():
            ask(ix, text)
    for _ in range(WARM_REPEATS):
        for text in WARM_QUERIES:
            for name, ix in opened.items():
                t = time.perf_counter()
                ask(ix, text)
                times[name].append((time.perf_counter() - t) * 1000)
    for ix in opened.values():
        ix.close()
    return {k: (statistics.median(v), pct(v, 0.95)) for k, v in times.items()}


def bench(folder: Path, work: Path, counts: list[int]) -> dict[str, object]:
    files = _corpus_files(str(folder))
    print(f"{folder}: {len(files)} files", file=sys.stderr, flush=True)
    setups: dict[str, dict[str, object]] = {}
    shards: dict[str, list[Shard]] = {}
    try:
        print("building with the Whoosh engine ...", file=sys.stderr, flush=True)
        setups["whoosh"] = {"index": work / "whoosh", "build": run(searchidx(
            "index", str(folder), "--index", str(work / "whoosh"), "--engine", "whoosh", "--quiet"))[0]}
        print("building with the Xapian engine, local ...", file=sys.stderr, flush=True)
        setups["xapian local"] = {"index": work / "xapian", "build": run(searchidx(
            "index", str(folder), "--index", str(work / "xapian"), "--engine", "xapian", "--quiet"))[0]}
        for n in counts:
            name = f"xapian {n} shard{'s' if n > 1 else ''}"
            shards[name] = [Shard(work / f"shards{n}" / f"s{i}") for i in range(n)]
            print(f"building on {n} loopback shard(s) ...", file=sys.stderr, flush=True)
            ix = work / f"xapian-{n}"
            setups[name] = {"index": ix, "build": run(searchidx(
                "index", str(folder), "--index", str(ix), "--engine", "xapian", "--quiet",
                "--shards", ",".join(s.address for s in shards[name])))[0]}
        for name, s in setups.items():
            path = Path(str(s["index"]))
            s["bytes"] = size(path) + sum(size(sh.folder) for sh in shards.get(name, []))
        print("warm queries ...", file=sys.stderr, flush=True)
        latency = warm({name: Path(str(s["index"])) for name, s in setups.items()})
        engine = warm({name: Path(str(s["index"])) for name, s in setups.items()}, snippets=False)
        for name, s in setups.items():
            s["p50"], s["p95"] = latency[name]
            s["engine_p50"], s["engine_p95"] = engine[name]
            s["shard_rss"] = [sh.rss() for sh in shards.get(name, [])]
    finally:
        for group in shards.values():
            for sh in group:
                sh.stop()
    for s in setups.values():
        s["index"] = str(s["index"])
    return {"folder": str(folder), "files": len(files), "setups": setups}


def table(r: dict[str, object]) -> str:
    n = int(r["files"])  # type: ignore[arg-type]
    setups: dict[str, dict[str, float]] = r["setups"]  # type: ignore[assignment]
    base = setups["whoosh"]
    head = ["", "build s", "docs/s", "bytes/doc", "p50 ms", "p95 ms", "engine p50", "engine p95", "shard RSS MB",
            "build x", "p50 x", "p95 x"]
    rows = [head]
    for name, s in setups.items():
        rss = s.get("shard_rss") or []
        rows.append([name, f"{s['build']:.0f}", f"{n / s['build']:,.0f}", f"{s['bytes'] / n:,.0f}",
                     f"{s['p50']:.1f}", f"{s['p95']:.1f}", f"{s.get('engine_p50', 0):.1f}",
                     f"{s.get('engine_p95', 0):.1f}",
                     "/".join(f"{x / 1e6:.0f}" for x in rss) if rss else "-",  # type: ignore[union-attr]
                     f"{base['build'] / s['build']:.2f}", f"{s['p50'] / base['p50']:.2f}",
                     f"{s['p95'] / base['p95']:.2f}"])
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [f"{r['folder']}: {n:,} documents (ratios: speed over the Whoosh engine's, latency to its)"]
    lines += ["  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)) for row in rows]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--shards", default="1,2,4", help="shard counts to try [1,2,4]")
    ap.add_argument("--work", type=Path, help="where to build [a temporary folder, removed]")
    ap.add_argument("--json", type=Path, help="also write the raw figures to this file")
    a = ap.parse_args()
    if shutil.which("xapian-tcpsrv") is None:
        raise SystemExit("xapian-tcpsrv is not installed: apt-get install xapian-tools")
    work = a.work or Path(tempfile.mkdtemp(prefix="searchidx-shards-"))
    work.mkdir(parents=True, exist_ok=True)
    CHILD_ENV.setdefault("PYTHONPYCACHEPREFIX", str(work / "pycache"))
    try:
        result = bench(a.folder, work, [int(x) for x in a.shards.split(",") if x.strip()])
        print(table(result), flush=True)
        if a.json:
            a.json.write_text(json.dumps(result, indent=1))
    finally:
        if a.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
