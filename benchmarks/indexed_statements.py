#!/usr/bin/env python3
"""Print the statements an index holds as quote records for one file, as `searchidx extract --json` prints
an article's, so the statement scorer can score what `searchidx quotes` searches:

    searchidx index ../shared/data/polnear/dev --index /tmp/polnear-index
    python ../shared/eval/score_statements.py --cmd "python benchmarks/indexed_statements.py /tmp/polnear-index"
"""

from __future__ import annotations

import json
import os
import sys

from searchidx.engine.store import open_statements


def main(index: str, path: str) -> None:
    with open_statements(index).reader() as reader:
        article = os.path.abspath(path)
        docs = reader.postings("article", article).all_ids() if ("article", article) in reader else []
        statements = [json.loads(reader.stored_fields(d)["blob"])["statement"] for d in docs]
    print(json.dumps({"path": path, "statements": statements}, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:3])
