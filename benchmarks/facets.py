#!/usr/bin/env python3
"""How much facets cost: a warm query with and without counts over every match, on a built index.

    searchidx index /tmp/reuters10 --index /tmp/reuters10-index
    python benchmarks/facets.py /tmp/reuters10-index [--query said --query ...] [--runs 7]

For each query it prints the matches, the median warm time of ``Index.search(q)`` (top 10 with
snippets, what `searchidx query` does), of ``Index.search(q, facets=True)`` (the same plus speakers,
sources, datelines and months counted over every match) and of ``Index.quotes(q, facets=True)``,
and the ratio of the first two. Runs are interleaved so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import statistics
import time

from searchidx import Index

# Words in most Reuters stories: each matches well over 100,000 documents of the 10x copy.
DEFAULT_QUERIES = ("said", "pct", "year", "said year")


def _timed(call) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("index")
    ap.add_argument("--query", action="append", help="a query to time (repeatable) [default: %(default)s]")
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    queries = a.query or list(DEFAULT_QUERIES)
    with Index.open(a.index) as ix:
        print(f"{'query':<14}{'matches':>9}{'plain ms':>10}{'facets ms':>11}{'ratio':>7}{'quotes+facets ms':>18}")
        for q in queries:
            ix.search(q, facets=True)  # warm: segment columns, name book
            ix.quotes(q, facets=True)
            plain, faceted, quoted = [], [], []
            for _ in range(a.runs):
                plain.append(_timed(lambda: ix.search(q)))
                faceted.append(_timed(lambda: ix.search(q, facets=True)))
                quoted.append(_timed(lambda: ix.quotes(q, facets=True)))
            total = ix.search(q, facets=True).total
            p, f, qf = (statistics.median(x) * 1000 for x in (plain, faceted, quoted))
            print(f"{q:<14}{total:>9,}{p:>10.1f}{f:>11.1f}{f / p:>6.2f}x{qf:>18.1f}")


if __name__ == "__main__":
    main()
