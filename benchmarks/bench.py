#!/usr/bin/env python3
"""Measure searchidx against naive Whoosh and SQLite FTS5 on one folder of articles, in one run.

    python benchmarks/bench.py DIR [--copies-dir DIR10] [--runs 11]

For each folder it builds three indexes of the same files, each in its own process:

    searchidx   `searchidx index DIR` through the CLI: read, clean, extract, index (both cores)
    naive       Whoosh with its defaults: one writer, StemmingAnalyzer, the raw text stored
    fts5        SQLite FTS5 with the porter tokenizer, the raw text stored

and prints, side by side with the ratio searchidx / naive: build time, docs/s and MB/s,
index size, the largest process's peak memory, the time to re-index the unchanged folder,
warm query latency p50/p95 (top 10 with snippets, one searcher kept open, queries
interleaved between engines) and one-shot `searchidx query "foreign minister"` process
time against a naive script (import, open, search, highlight, exit), median of --runs.
With --copies-dir it does the same on the second folder and prints how the build scales.

The machine may be shared: compare the ratios, which are measured in the same run, rather
than absolute times across runs. Nothing is written outside --work (default: a temporary
folder, removed at the end).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ONE_SHOT_QUERY = "foreign minister"
# Warm queries: words common and rare in world news, single and several, a phrase.
WARM_QUERIES = (
    "foreign minister", "oil prices", "interest rates", "trade deficit", "central bank",
    "coffee exports", "wheat", "japan", "dollar yen", "opec production quota", "takeover bid",
    "strike", "government bonds", "soviet union grain", "tariffs on japanese semiconductors",
    '"stock exchange"', "inflation", "merger", "president reagan", "crude oil output",
)
WARM_REPEATS = 5
TEXT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl")


# ---- child roles: each runs in its own process so its time and memory are its own ----

def _corpus_files(folder: str) -> list[str]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(os.path.join(root, f) for f in sorted(files) if f.lower().endswith(TEXT_SUFFIXES))
    return out


def _raw_texts(folder: str):  # type: ignore[no-untyped-def]
    for path in _corpus_files(folder):
        with open(path, encoding="utf-8", errors="replace") as fh:
            yield path, fh.read()


def child_naive_build(folder: str, index_dir: str) -> None:
    from whoosh import analysis, fields, index

    schema = fields.Schema(path=fields.ID(stored=True),
                           body=fields.TEXT(analyzer=analysis.StemmingAnalyzer(), stored=True))
    os.makedirs(index_dir, exist_ok=True)
    writer = index.create_in(index_dir, schema).writer()
    for path, text in _raw_texts(folder):
        writer.add_document(path=path, body=text)
    writer.commit()


def child_fts_build(folder: str, db: str) -> None:
    con = sqlite3.connect(db)
    con.execute("create virtual table t using fts5(path unindexed, body, tokenize='porter')")
    con.executemany("insert into t values (?, ?)", _raw_texts(folder))
    con.commit()
    con.close()


def child_naive_query(index_dir: str, text: str) -> None:
    """The naive one-shot script: import, open, search, highlight, print, exit."""
    from whoosh import index, qparser

    ix = index.open_dir(index_dir)
    with ix.searcher() as s:
        hits = s.search(qparser.QueryParser("body", ix.schema).parse(text), limit=10)
        print(json.dumps([{"path": h["path"], "snippet": h.highlights("body")} for h in hits]))


def child_fts_query(db: str, text: str) -> None:
    con = sqlite3.connect(db)
    rows = con.execute("select path, snippet(t, 1, '[', ']', '…', 24) from t where t match ? "
                       "order by rank limit 10", (_fts_query(text),)).fetchall()
    print(json.dumps(rows))


def _fts_query(text: str) -> str:
    words = [w for w in text.replace('"', " ").split() if w.isalnum()]
    return " ".join(f'"{w}"' for w in words) if not text.startswith('"') else text


CHILDREN = {"naive-build": child_naive_build, "fts-build": child_fts_build,
            "naive-query": child_naive_query, "fts-query": child_fts_query}


# ---- the driver ----

# Every process gets compiled bytecode, as an installed package has: without it (e.g. with
# PYTHONDONTWRITEBYTECODE set) an editable checkout is recompiled on every run.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str], ok: tuple[int, ...] = (0, 3)) -> tuple[float, int]:
    """Wall seconds and the peak RSS (bytes) of the largest process in the command's tree; the
    run fails on an exit code not in ``ok`` (by default 0, and 3: searchidx skipped some inputs,
    which it names)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=CHILD_ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return seconds, usage.ru_maxrss * 1024


def child(role: str, *args: str) -> list[str]:
    return [sys.executable, str(HERE), "--child", role, *args]


def searchidx(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("searchidx")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "searchidx", *args]


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def warm_queries(ours_dir: Path, naive_dir: Path, fts_db: Path) -> dict[str, tuple[float, float]]:
    """p50/p95 ms per engine, each query run by all three engines in turn."""
    from whoosh import index, qparser

    from searchidx import Index

    ours = Index.open(ours_dir)
    nix = index.open_dir(str(naive_dir))
    nsearcher = nix.searcher()
    nparser = qparser.QueryParser("body", nix.schema)
    con = sqlite3.connect(fts_db)

    def q_ours(text: str) -> None:
        for h in ours.search(text, limit=10).hits:
            h.snippet.text

    def q_naive(text: str) -> None:
        for h in nsearcher.search(nparser.parse(text), limit=10):
            h.highlights("body")

    def q_fts(text: str) -> None:
        con.execute("select path, snippet(t, 1, '[', ']', '…', 24) from t where t match ? "
                    "order by rank limit 10", (_fts_query(text),)).fetchall()

    engines = {"searchidx": q_ours, "naive": q_naive, "fts5": q_fts}
    times: dict[str, list[float]] = {k: [] for k in engines}
    for text in WARM_QUERIES:  # warm-up: first reads of every file, caches
        for fn in engines.values():
            fn(text)
    for _ in range(WARM_REPEATS):
        for text in WARM_QUERIES:
            for name, fn in engines.items():
                t = time.perf_counter()
                fn(text)
                times[name].append((time.perf_counter() - t) * 1000)
    ours.close()
    nsearcher.close()
    con.close()
    return {k: (statistics.median(v), pct(v, 0.95)) for k, v in times.items()}


def one_shot(ours_dir: Path, naive_dir: Path, fts_db: Path, runs: int) -> dict[str, float]:
    """Median ms of whole query processes, the engines interleaved run by run."""
    cmds = {
        "searchidx": searchidx("query", ONE_SHOT_QUERY, "--index", str(ours_dir), "--json"),
        "naive": child("naive-query", str(naive_dir), ONE_SHOT_QUERY),
        "fts5": child("fts-query", str(fts_db), ONE_SHOT_QUERY),
    }
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for cmd in cmds.values():  # warm the page cache
        run(cmd)
    for _ in range(runs):
        for name, cmd in cmds.items():
            times[name].append(run(cmd)[0] * 1000)
    return {k: statistics.median(v) for k, v in times.items()}


def bench(folder: Path, work: Path, runs: int) -> dict[str, object]:
    files = _corpus_files(str(folder))
    mb = sum(os.path.getsize(f) for f in files) / 1e6
    ours, naive, fts = work / "searchidx", work / "naive", work / "fts5.db"
    for p in (ours, naive, fts):
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()
    print(f"\n{folder}: {len(files)} files, {mb:.1f} MB; building ...", file=sys.stderr, flush=True)
    r: dict[str, object] = {"folder": str(folder), "files": len(files), "mb": mb}
    r["build"] = {
        "searchidx": run(searchidx("index", str(folder), "--index", str(ours), "--quiet")),
        "naive": run(child("naive-build", str(folder), str(naive))),
        "fts5": run(child("fts-build", str(folder), str(fts))),
    }
    r["reindex"] = run(searchidx("index", str(folder), "--index", str(ours), "--quiet"))[0]
    r["size"] = {"searchidx": size(ours), "naive": size(naive), "fts5": size(fts)}
    print("warm queries ...", file=sys.stderr, flush=True)
    r["warm"] = warm_queries(ours, naive, fts)
    print("one-shot queries ...", file=sys.stderr, flush=True)
    r["oneshot"] = one_shot(ours, naive, fts, runs)
    return r


def table(r: dict[str, object]) -> str:
    n, mb = r["files"], r["mb"]
    build, size_, warm, shot = r["build"], r["size"], r["warm"], r["oneshot"]
    rows: list[tuple[str, str, str, str, str]] = []

    def row(label: str, vals: dict[str, float], fmt: str, ratio: float | None = None) -> None:
        ratio = vals["searchidx"] / vals["naive"] if ratio is None else ratio
        rows.append((label, *(fmt.format(vals[k]) for k in ("searchidx", "naive", "fts5")), f"{ratio:.2f}x"))

    secs = {k: v[0] for k, v in build.items()}
    row("build, s", secs, "{:.1f}")
    row("build, docs/s", {k: n / v for k, v in secs.items()}, "{:,.0f}")
    row("build, MB/s", {k: mb / v for k, v in secs.items()}, "{:.2f}")
    row("peak RSS, MB (largest process)", {k: v[1] / 1e6 for k, v in build.items()}, "{:,.0f}")
    row("index size, MB", {k: v / 1e6 for k, v in size_.items()}, "{:.1f}")
    row("warm query p50, ms", {k: v[0] for k, v in warm.items()}, "{:.2f}")
    row("warm query p95, ms", {k: v[1] for k, v in warm.items()}, "{:.2f}")
    row(f'one-shot "{ONE_SHOT_QUERY}", ms', shot, "{:.0f}")
    reindex = r["reindex"]
    rows.append(("re-index unchanged, s", f"{reindex:.2f}", "", "", f"{reindex / secs['searchidx']:.1%} of build"))
    head = ("", "searchidx", "naive whoosh", "fts5", "searchidx/naive")
    widths = [max(len(x[i]) for x in [head, *rows]) for i in range(5)]
    lines = [f"{r['folder']}: {n:,} files, {mb:.1f} MB"]
    for x in [head, *rows]:
        lines.append("  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(x)))
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        CHILDREN[sys.argv[2]](*sys.argv[3:])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="folder of articles (.txt, .html, .jsonl)")
    ap.add_argument("--copies-dir", type=Path, help="a larger copy of the corpus, for scaling (e.g. 10x)")
    ap.add_argument("--runs", type=int, default=11, help="one-shot query processes per engine [11]")
    ap.add_argument("--work", type=Path, help="where to build the indexes [a temporary folder, removed]")
    ap.add_argument("--json", type=Path, help="also write the raw figures to this file")
    a = ap.parse_args()
    work = a.work or Path(tempfile.mkdtemp(prefix="searchidx-bench-"))
    CHILD_ENV.setdefault("PYTHONPYCACHEPREFIX", str(work / "pycache"))  # keeps the checkout clean
    try:
        results = [bench(a.folder, work / "1", a.runs)]
        print(table(results[0]), flush=True)
        if a.copies_dir:
            results.append(bench(a.copies_dir, work / "n", a.runs))
            print("\n" + table(results[1]))
            b1, bn = results[0]["build"], results[1]["build"]
            grow = results[1]["files"] / results[0]["files"]
            print(f"\nscaling {grow:.0f}x the files: build grows "
                  + ", ".join(f"{k} {bn[k][0] / b1[k][0]:.1f}x" for k in ("searchidx", "naive", "fts5")))
        if a.json:
            a.json.write_text(json.dumps(results, indent=1))
    finally:
        if a.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
