#!/usr/bin/env python3
"""Warm `/api/search` latency under concurrent clients, against the library's own warm latency, in one run.

    python benchmarks/web.py INDEX [--clients 8] [--rounds 4] [--repeats 1] [--json FILE]

Starts `searchidx serve --index INDEX` on a free loopback port (one process, one warm Index)
and a second process holding the same index through the library, warms both up, then round
after round measures the same 20 queries (benchmarks/bench.py's WARM_QUERIES, top 10 with
the exact total, as the search page asks) four ways, one after the other:

    library, 1 thread     Index.search, one call at a time
    api, 1 client         GET /api/search?q=..., one request at a time (keep-alive)
    library, N threads    Index.search from N threads of that process at once
    api, N clients        N clients, each with its own connection, all at once

Interleaving the four round by round lets a shared machine's load fall on all of them alike:
the ratios api/library are the figures to read, since they come from the same run. Beside
latency it prints each phase's throughput and its process's CPU time per query (which leaves
out time spent waiting for a core on a loaded machine), and the server's resident memory,
sampled throughout: after warm-up, at its peak, at the end, and the peak of each round (which
must not keep growing). Any response but 200 counts as an error.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))
from bench import WARM_QUERIES, pct  # noqa: E402


# ---- child role: the library, in its own process (its own GIL, as the server has) ----

def library_child(index: str, clients: int) -> None:
    """Answer "serial R" and "parallel R" lines on stdin with the latencies of R passes, one JSON line each."""
    from searchidx import Index

    ix = Index.open(index)

    def one(text: str) -> float:
        t = time.perf_counter()
        ix.search(text, limit=10, count=True)
        return (time.perf_counter() - t) * 1000

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, WARM_QUERIES * 2))  # warm-up, every thread's searcher opened
        print("ready", flush=True)
        for line in sys.stdin:
            how, repeats = line.split()
            order = [q for _ in range(int(repeats)) for q in WARM_QUERIES]
            wall, cpu = time.perf_counter(), time.process_time()
            if how == "serial":
                times = [one(q) for q in order]
            else:
                times = list(pool.map(one, order * clients))
            wall, cpu = time.perf_counter() - wall, (time.process_time() - cpu) * 1000
            print(json.dumps({"times": times, "cpu": cpu / len(times), "rate": len(times) / wall}), flush=True)
    ix.close()


class Library:
    """The library child process, asked for one measurement at a time."""

    def __init__(self, index: str, clients: int) -> None:
        self.proc = subprocess.Popen([sys.executable, str(HERE), index, "--role", "library", "--clients", str(clients)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "ready"

    def measure(self, how: str, repeats: int) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"{how} {repeats}\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())  # type: ignore[no-any-return]

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


# ---- the server and its clients ----

def start_server(index: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "searchidx", "serve", "--index", index, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    if not url.startswith("http://"):
        raise SystemExit(f"serve did not start: {proc.stderr.read() if proc.stderr else ''}")
    return proc, url


class Client:
    """One keep-alive connection sending /api/search requests; latencies in ms, and errors."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=60)
        self.times: list[float] = []
        self.errors: list[str] = []

    def ask(self, text: str) -> None:
        t = time.perf_counter()
        try:
            self.conn.request("GET", "/api/search?" + urlencode({"q": text}))
            r = self.conn.getresponse()
            body = r.read()
        except OSError as err:
            self.errors.append(f"{text}: {err}")
            self.conn.close()
            return
        self.times.append((time.perf_counter() - t) * 1000)
        if r.status != 200 or not body.startswith(b'{"query"'):
            self.errors.append(f"{text}: HTTP {r.status} {body[:80]!r}")

    def run(self, queries: list[str]) -> None:
        for q in queries:
            self.ask(q)


def cpu_ms(pid: int) -> float:
    """CPU time (user + system) the process has used, in ms."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def api_measure(url: str, pid: int, how: str, clients: int, repeats: int) -> dict[str, Any]:
    """Latencies of ``repeats`` passes over the queries: one client, or ``clients`` at once
    (each starting at another place in the list, so they ask different queries at the same time)."""
    order = [q for _ in range(repeats) for q in WARM_QUERIES]
    many = [Client(url) for _ in range(1 if how == "serial" else clients)]
    shift = [i * len(order) // len(many) for i in range(len(many))]
    threads = [threading.Thread(target=c.run, args=(order[k:] + order[:k],)) for k, c in zip(shift, many)]
    wall, cpu = time.perf_counter(), cpu_ms(pid)
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall, cpu = time.perf_counter() - wall, cpu_ms(pid) - cpu
    for c in many:
        c.conn.close()
    times = [x for c in many for x in c.times]
    return {"times": times, "cpu": cpu / max(1, len(times)), "rate": len(times) / wall,
            "errors": [e for c in many for e in c.errors]}


class Memory:
    """The server's resident set size in MB, sampled every 50 ms in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def now(self) -> float:
        with open(f"/proc/{self.pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            try:
                self.samples.append(self.now())
            except OSError:
                return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def summary(times: list[float]) -> dict[str, float]:
    return {"p50": statistics.median(times), "p95": pct(times, 0.95), "n": len(times)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("index")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--repeats", type=int, default=1, help="passes over the 20 queries per measurement")
    ap.add_argument("--json", type=Path, help="save the raw figures here")
    ap.add_argument("--role", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.role == "library":
        library_child(args.index, args.clients)
        return

    proc, url = start_server(args.index)
    memory = Memory(proc.pid)
    library = Library(args.index, args.clients)
    api_measure(url, proc.pid, "parallel", args.clients, 1)  # warm-up: every server thread's searcher
    start_mb = memory.now()
    phases = ("library 1", "api 1", "library N", "api N")
    times: dict[str, list[float]] = {k: [] for k in phases}
    cpu: dict[str, list[float]] = {k: [] for k in phases}
    rate: dict[str, list[float]] = {k: [] for k in phases}
    errors: list[str] = []
    round_peaks: list[float] = []
    try:
        for n in range(args.rounds):
            print(f"round {n + 1} of {args.rounds} ...", file=sys.stderr)
            first = len(memory.samples)
            for phase in phases:
                how = "serial" if phase.endswith("1") else "parallel"
                if phase.startswith("library"):
                    got = library.measure(how, args.repeats)
                else:
                    got = api_measure(url, proc.pid, how, args.clients, args.repeats)
                    errors += got["errors"]
                times[phase] += got["times"]
                cpu[phase].append(got["cpu"])
                rate[phase].append(got["rate"])
            round_peaks.append(max(memory.samples[first:], default=memory.now()))
        end_mb = memory.now()
    finally:
        memory.stop()
        library.close()
        proc.send_signal(2)
        proc.communicate(timeout=60)
    figures = {k: summary(v) for k, v in times.items()}
    report = {
        "index": args.index, "clients": args.clients, "rounds": args.rounds, "figures": figures,
        "ratio p50 1": figures["api 1"]["p50"] / figures["library 1"]["p50"],
        "ratio p50 N": figures["api N"]["p50"] / figures["library N"]["p50"],
        "cpu ms per query": {k: statistics.median(v) for k, v in cpu.items()},
        "queries per second": {k: statistics.median(v) for k, v in rate.items()},
        "errors": errors, "server MB": {"start": start_mb, "peak": max(round_peaks), "end": end_mb,
                                        "round peaks": round_peaks},
        "cpus": os.cpu_count(), "load": os.getloadavg(),
    }
    names = {"library 1": "library, 1 thread", "api 1": "/api/search, 1 client",
             "library N": f"library, {args.clients} threads", "api N": f"/api/search, {args.clients} clients"}
    print(f"{args.index}: {args.rounds} rounds x {args.repeats} x {len(WARM_QUERIES)} queries; "
          f"load average {report['load'][0]:.1f} on {report['cpus']} cores")
    print(f"{'':28}{'p50 ms':>9}{'p95 ms':>9}{'queries/s':>10}{'CPU ms/q':>9}{'requests':>10}")
    for key, label in names.items():
        f = figures[key]
        print(f"{label:28}{f['p50']:9.2f}{f['p95']:9.2f}{report['queries per second'][key]:10.1f}"
              f"{report['cpu ms per query'][key]:9.2f}{f['n']:10,}")
    print(f"api/library p50: {report['ratio p50 1']:.2f}x at 1 client, "
          f"{report['ratio p50 N']:.2f}x at {args.clients} clients (CPU ms/q: the process's CPU time per query,"
          f" which leaves out waiting for a core)")
    mb = report["server MB"]
    print(f"errors: {len(errors)}; server RSS MB: {mb['start']:.0f} after warm-up, peak {mb['peak']:.0f}, "
          f"end {mb['end']:.0f}; peak per round: {', '.join(f'{p:.0f}' for p in round_peaks)}")
    for e in errors[:5]:
        print("  " + e)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
