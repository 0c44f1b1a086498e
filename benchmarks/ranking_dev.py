"""Ranking quality on the six development collections, in one process: a quick check between
runs of the official scorer.

    python benchmarks/ranking_dev.py [--work DIR] [--engine xapian] [--exact] [cisi med ...]

Indexes each collection once with the library, as ``../shared/eval/score_ranking.py`` has the
CLI do (one ``ID.txt`` per document: its text and a newline), then runs every query through
``Index.search(text, limit=100)`` and prints MAP@100 and nDCG@10 with that scorer's own
parsing and metrics, so the figures are the scorer's (checked equal on all six). It saves
the scorer's one process per query: a minute or two instead of ten. ``--work DIR`` keeps the
indexes, which are rebuilt when missing. Peers are not run here: the scorer does that.
``--engine`` indexes with that engine (the scorer's CLI follows ``$SEARCHIDX_ENGINE``);
``--exact`` searches without spelling correction, to measure what correction changes.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def collection_index(folder: Path, docs: dict[str, str], engine: str = "whoosh") -> Path:
    """A collection's index in ``folder`` (built there when missing, kept): one ``ID.txt`` per
    document, its text and a newline, as score_ranking.py has the CLI index them. Its folder."""
    from searchidx import Index

    files, ixdir = folder / "docs", folder / f"index-{engine}"
    if not ixdir.exists():
        files.mkdir(parents=True, exist_ok=True)
        for i, text in docs.items():
            (files / f"{i}.txt").write_text(text + "\n", encoding="utf-8")
        with Index.create(ixdir, engine=engine) as ix:
            ix.add([files])
    return ixdir


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("collections", nargs="*")
    ap.add_argument("--work", help="folder for the collections' files and indexes (kept)")
    ap.add_argument("--eval-dir", default=str(EVAL), help="folder holding score_ranking.py")
    ap.add_argument("--engine", default="whoosh", choices=("whoosh", "xapian"))
    ap.add_argument("--exact", action="store_true", help="no spelling correction (the CLI's --exact)")
    a = ap.parse_args()
    sys.path.insert(0, a.eval_dir)
    import score_ranking as scorer  # the official parsing and metrics

    from searchidx import Index, SearchidxError

    names = a.collections or scorer.DEV
    work = Path(a.work) if a.work else Path(tempfile.mkdtemp())
    rows = []
    try:
        for name in names:
            docs, queries, rel = scorer.load(name)
            ixdir = collection_index(work / name, docs, a.engine)
            runs = {}
            t = time.perf_counter()
            with Index.open(ixdir) as ix:
                for qid, text in queries.items():
                    text = text.lower() if text.isupper() else text  # as the scorer does
                    try:
                        runs[qid] = [Path(h.path).stem for h in ix.search(text, limit=100, correct=not a.exact).hits]
                    except SearchidxError:  # the CLI prints an error: the scorer sees no hits
                        runs[qid] = []
            m, n, _ = scorer.metrics(runs, rel)
            rows.append((m, n))
            print(f"{name:5s} MAP {m:.3f}  nDCG@10 {n:.3f}  ({time.perf_counter() - t:.1f}s for {len(queries)} queries)",
                  flush=True)
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)
    if len(rows) > 1:
        print(f"mean  MAP {sum(r[0] for r in rows) / len(rows):.3f}  nDCG@10 {sum(r[1] for r in rows) / len(rows):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
