#!/usr/bin/env python3
"""How often `similar` finds articles on the same matter, measured on collections with judgments.

    python benchmarks/similar.py [--work DIR] [--sample N] [--max-df 0.1,0.25,1]
    python benchmarks/similar.py --reuters /work/bench/reuters [--work DIR]

No collection says which articles are "on the same matter", but two it judges for one question
or files under one subject are. Two sets, one to develop on and one to check on:

- **the six development collections** of ``../shared/eval/score_ranking.py`` (CISI, MED, CRAN,
  LISA, NPL, ADI): a document's matters are the questions it is relevant to, and a result of
  ``Index.similar(doc, limit=5)`` counts when it is relevant to one of them. Up to ``--sample``
  documents with a judgment per collection (every k-th in id order);
- **Reuters-21578** (``--reuters DIR``, the folder ``make_reuters_corpus.py`` writes): a story's
  matters are its TOPICS codes (read from the collection's SGML), a result counts when it shares
  one. The ``--sample`` stories with a topic, every k-th by NEWID.

It prints precision at 5 (results that count, over results returned; an article with no result
adds nothing) per collection and its mean, for each ``--max-df`` given (the share of articles
above which a word is left out of the query: ``SIMILAR_MAX_DF``; 1 keeps every word). A result
that is unjudged but on the matter counts against: compare settings, not absolute figures.
The indexes are built with this checkout's library and kept in ``--work`` (for the six, laid out as
``ranking_dev.py --work`` lays them out, so one folder serves both).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
REUTERS_SGML = SHARED / "data" / "reuters21578"


def precision(index_dir: Path, matters: dict[str, set[str]], sample: int) -> tuple[float, int]:
    """P@5 of ``similar`` over every k-th judged article (k = judged // sample), and how many."""
    from searchidx import Index

    with Index.open(index_dir) as ix:
        by_stem = {Path(d.path).stem: d.id for d in ix._reader.documents()}
        judged = sorted((s for s in matters if s in by_stem), key=lambda s: (len(s), s))
        chosen = judged[::max(1, len(judged) // sample)][:sample]
        good = returned = 0
        for stem in chosen:
            for hit in ix.similar(by_stem[stem], limit=5).hits:
                returned += 1
                good += bool(matters.get(Path(hit.path).stem, set()) & matters[stem])
    return (good / returned if returned else 0.0), len(chosen)


def ir_collections(work: Path) -> list[tuple[str, Path, dict[str, set[str]]]]:
    """Each development collection indexed (once, in ``work``) and its documents' questions."""
    sys.path.insert(0, str(EVAL))
    import score_ranking as scorer
    from ranking_dev import collection_index  # the same files and index as ranking_dev.py's --work

    out = []
    for name in scorer.DEV:
        docs, _, rel = scorer.load(name)
        ixdir = collection_index(work / name, docs)
        matters: dict[str, set[str]] = {}
        for q, ids in rel.items():
            for i in ids:
                matters.setdefault(i, set()).add(q)
        out.append((name, ixdir, matters))
    return out


def reuters(folder: Path, work: Path) -> tuple[str, Path, dict[str, set[str]]]:
    """The Reuters folder indexed (once, in ``work``) and each story's TOPICS codes, by NEWID."""
    from searchidx import Index

    ixdir = work / "reuters" / "index"
    if not ixdir.exists():
        with Index.create(ixdir) as ix:
            ix.add([folder])
    topics: dict[str, set[str]] = {}
    for sgml in sorted(REUTERS_SGML.glob("reut2-*.sgm")):
        text = sgml.read_text(encoding="latin-1")
        for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>.*?<TOPICS>(.*?)</TOPICS>', text, re.S):
            codes = set(re.findall(r"<D>(.*?)</D>", m.group(2)))
            if codes:
                topics[m.group(1)] = codes
    return "reuters", ixdir, topics


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, help="folder for the collections' files and indexes (kept)")
    ap.add_argument("--sample", type=int, default=100, help="judged articles per collection (default 100)")
    ap.add_argument("--max-df", default="", help="comma-separated SIMILAR_MAX_DF values to compare")
    ap.add_argument("--reuters", type=Path, metavar="DIR", help="Reuters-21578 as files, instead of the six")
    a = ap.parse_args()
    from searchidx.engine import similar as similar_module

    work = a.work or Path(tempfile.mkdtemp())
    try:
        sets = [reuters(a.reuters, work)] if a.reuters else ir_collections(work)
        settings = [float(x) for x in a.max_df.split(",") if x] or [similar_module.SIMILAR_MAX_DF]
        for max_df in settings:
            similar_module.SIMILAR_MAX_DF = max_df
            rows = [(name, *precision(ixdir, matters, a.sample)) for name, ixdir, matters in sets]
            cells = "  ".join(f"{name} {p:.3f}" for name, p, _ in rows)
            print(f"max-df {max_df:<5} {cells}  mean {sum(r[1] for r in rows) / len(rows):.3f}", flush=True)
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
