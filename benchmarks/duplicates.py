#!/usr/bin/env python3
"""How well searchidx groups copies of one story, what grouping costs, and what `similar` finds.

    python benchmarks/duplicates.py                       # pair precision and recall, dev and test halves
    python benchmarks/duplicates.py --keep /tmp/dupset    # ... and keep the set's files to look at
    python benchmarks/duplicates.py --timing /work/bench/reuters --base /tmp/base --rounds 3
    python benchmarks/duplicates.py --similar 20 --index IDX   # top 5 like 20 articles (every k-th id), to judge
    python benchmarks/duplicates.py --share /work/bench/reuters --rounds 3   # grouping's share of one build's CPU
    python benchmarks/duplicates.py --similar 20 --from 8 --index IDX   # a second set of 20

The set (benchmarks/dupset.py) is made from ../shared/data at run time and indexed with this
checkout's searchidx, as a user would; groups are read back with ``Index.groups()``. A pair of
files is predicted to be copies when they share a group, and is copies in truth when they tell
the same story (an original and its copies, and originals read as copies by hand). Precision
and recall count pairs within each half: dev chose the thresholds, test checks them.

--timing indexes DIR from scratch with this checkout and with each source tree given by --base
(e.g. `git archive <commit> | tar -x -C /tmp/base`), in turn, ROUNDS times each, and prints wall
time and the children's user+sys CPU of every run, and each tree's medians against the first
--base: the machine is shared, so only runs made in the same window compare.

--share builds DIR in this process (one worker) ROUNDS times and measures, inside the same run,
the CPU time spent fingerprinting and grouping against the build's whole CPU time: both are
measured at once, so a shared machine's load slows them alike, where two builds compared
(--timing) differ by as much as the cost itself. What it cannot see is indirect (memory the
fingerprints hold, the garbage collector walking it): --timing is the check on that.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def grouping(keep: Path | None) -> None:
    import dupset

    from searchidx import Index

    work = keep or Path(tempfile.mkdtemp(prefix="dupset-"))
    folder, index_dir = work / "files", work / "index"
    made = dupset.make_set(folder)
    items = made["items"]
    started = time.perf_counter()
    with Index.create(index_dir) as ix:
        report = ix.add(folder)
        groups = ix.groups()
    print(f"{len(items)} files ({len(made['stories'])} originals) indexed in {time.perf_counter() - started:.1f}s; "
          f"{len(report.failed)} unreadable; {len(groups)} groups found")
    predicted: dict[str, str] = {}
    for group in groups:
        for doc_id in group:
            predicted[_name(doc_id)] = _name(group[0])
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in made["same"]:
        parent[find(a)] = find(b)
    truth = {it.name: find(it.story) for it in items}
    print(f"{len(made['same'])} pairs of originals read as copies of one story by hand")
    rows = []
    for split in ("dev", "test"):
        names = sorted(it.name for it in items if it.split == split)
        for source in ("all", "reuters", "state", "kremlin"):
            chosen = [n for n in names if source == "all" or n.startswith(source)]
            tp = fp = fn = 0
            errors = []
            for a, b in itertools.combinations(chosen, 2):
                same = truth[a] == truth[b]
                said = predicted.get(a, a) == predicted.get(b, b)
                tp += same and said
                fp += said and not same
                fn += same and not said
                if same != said and source == "all":
                    errors.append(("missed" if same else "wrong", a, b))
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            rows.append((split, source, len(chosen), tp + fn, p, r))
            for kind, a, b in errors:
                print(f"  {split}: {kind} pair {a} {b}")
    print(f"\n{'half':<5} {'source':<8} {'files':>5} {'true pairs':>10} {'precision':>9} {'recall':>7}")
    for split, source, n, pairs, p, r in rows:
        print(f"{split:<5} {source:<8} {n:>5} {pairs:>10} {p:>9.3f} {r:>7.3f}")
    if keep is None:
        import shutil

        shutil.rmtree(work)
    else:
        print(f"\nfiles in {folder}, index in {index_dir}")


def _name(doc_id: str) -> str:
    return Path(doc_id.split("#", 1)[0]).name


def timing(folder: Path, bases: list[Path], rounds: int, workers: int | None) -> None:
    results: dict[str, list[tuple[float, float]]] = defaultdict(list)
    trees = [("this checkout", ROOT)] + [(str(b), b) for b in bases]
    # Every tree's bytecode cached alike, in a folder of its own: with PYTHONDONTWRITEBYTECODE set, a
    # tree without __pycache__ (an archive) was compiled in every process of every build, and a
    # checkout with one was not (some 0.4 billion instructions a process, against the archive).
    caches = tempfile.TemporaryDirectory(prefix="dupbench-pycache-")
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for r in range(rounds):
        turn = r % len(trees)  # each tree goes first in turn: load drifts within a round
        for label, tree in trees[turn:] + trees[:turn]:
            with tempfile.TemporaryDirectory(prefix="dupbench-") as tmp:
                env = {**base_env, "PYTHONPATH": str(tree),
                       "PYTHONPYCACHEPREFIX": str(Path(caches.name) / str(trees.index((label, tree))))}
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                more = ["--workers", str(workers)] if workers else []
                subprocess.run([sys.executable, "-m", "searchidx", "index", str(folder), "--index", tmp, "-q", *more],
                               env=env, check=True, cwd=tmp)
                wall = time.perf_counter() - t0
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            results[label].append((wall, cpu))
            print(f"round {r + 1} {label:<20} wall {wall:6.1f}s  user+sys {cpu:6.1f}s  "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
    print()
    medians = {label: tuple(sorted(x[i] for x in runs)[len(runs) // 2] for i in (0, 1))
               for label, runs in results.items()}
    for label, (wall, cpu) in medians.items():
        print(f"{label:<20} median wall {wall:6.1f}s  median user+sys {cpu:6.1f}s")
    reference = str(bases[0])
    for label, (wall, cpu) in medians.items():
        if label != reference:
            b_wall, b_cpu = medians[reference]
            print(f"{label} against {reference}: {100 * (cpu - b_cpu) / b_cpu:+.1f}% user+sys, "
                  f"{100 * (wall - b_wall) / b_wall:+.1f}% wall (medians)")


def share(folder: Path, rounds: int) -> None:
    from searchidx import Index
    from searchidx.indexing import documents, run

    spent = [0.0, 0.0]  # fingerprints, groups

    def timed(fn, part):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            t0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[part] += time.process_time() - t0
        return wrapper

    documents.fingerprint = timed(documents.fingerprint, 0)
    for name in ("add", "remove", "save"):
        setattr(run.Duplicates, name, timed(getattr(run.Duplicates, name), 1))
    run.committed_state = timed(run.committed_state, 1)
    run.load_duplicates = timed(run.load_duplicates, 1)
    for r in range(rounds):
        spent[:] = [0.0, 0.0]
        with tempfile.TemporaryDirectory(prefix="dupshare-") as tmp:
            t0 = time.process_time()
            with Index.create(Path(tmp) / "ix") as ix:
                ix.add([folder], workers=1)
            total = time.process_time() - t0
        cost = sum(spent)
        print(f"round {r + 1}: build {total:6.1f}s CPU, fingerprints {spent[0]:5.2f}s, groups {spent[1]:5.2f}s: "
              f"+{100 * cost / (total - cost):.1f}% over the build without them (load {os.getloadavg()[0]:.1f})",
              flush=True)


def similar(index_dir: Path, count: int, first: int = 0) -> None:
    """The top 5 like ``count`` articles, for judging by hand: every k-th id in sorted order (k = the
    number of articles // count, from the ``first``-th, counted from 0), a rule fixed before looking
    at any result."""
    from searchidx import Index

    with Index.open(index_dir) as ix:
        ids = sorted(d.id for d in ix._reader.documents())
        step = max(1, len(ids) // count)
        print(f"{len(ids)} articles; every {step}th id from number {first}")
        for n, doc_id in enumerate(ids[first::step][:count], 1):
            doc = ix.get(doc_id)
            print(f"\n### {n}. {doc.title}  [{doc.date}]  {_short(doc_id)}")
            for hit in ix.similar(doc_id, limit=5).hits:
                print(f"   {hit.rank}. {hit.title}  [{hit.date}]  {_short(hit.id)}")


def _short(doc_id: str) -> str:
    path, _, key = doc_id.partition("#")
    return Path(path).name + (f"#{key}" if key else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--keep", type=Path, help="keep the set's files and index in this folder")
    ap.add_argument("--timing", type=Path, metavar="DIR", help="time indexing DIR with and without grouping")
    ap.add_argument("--base", type=Path, action="append", default=[],
                    help="source tree to time against (for --timing; repeat it for more: the first is the "
                         "reference, e.g. this tree with grouping switched off)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, help="for --timing: processes per build (1: one process, the "
                    "steadiest CPU figure on a shared machine; default: one per core)")
    ap.add_argument("--share", type=Path, metavar="DIR", help="grouping's share of the CPU of building DIR")
    ap.add_argument("--similar", type=int, metavar="N", help="print the top 5 like N articles of --index (every k-th id)")
    ap.add_argument("--from", dest="first", type=int, default=0,
                    help="for --similar: start at this id (0 = the first), e.g. 8 for a second set")
    ap.add_argument("--index", type=Path)
    a = ap.parse_args()
    if a.timing:
        if not a.base:
            ap.error("--timing needs --base")
        timing(a.timing, a.base, a.rounds, a.workers)
    elif a.share:
        share(a.share, a.rounds)
    elif a.similar:
        if not a.index:
            ap.error("--similar needs --index")
        similar(a.index, a.similar, a.first)
    else:
        grouping(a.keep)


if __name__ == "__main__":
    main()
