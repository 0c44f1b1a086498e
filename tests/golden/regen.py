"""Regenerate the golden records: one expected ``<input>.json`` per input file in this folder.

    python tests/golden/regen.py          # from the repository root; then review `git diff tests/golden`

Each expected file holds a JSON list with one record per article in the input (a JSONL file has
several): path (relative to this folder), record, title, date, source, dateline, speakers, url
and body, as the library's ``read_articles`` gives them. ``tests/extracting/test_article.py`` compares them
with ``==``. The inputs are small real articles (the seed, en.kremlin.ru pages under CC BY 4.0,
public-domain State Department releases) and one wire story written for the tests.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
INPUT_SUFFIXES = (".txt", ".html", ".jsonl")


def inputs() -> list[Path]:
    """The golden input files, sorted."""
    return sorted(p for p in HERE.iterdir() if p.suffix in INPUT_SUFFIXES)


def records(path: Path) -> list[dict[str, Any]]:
    """What the pipeline reads from one input, as JSON-ready records."""
    from searchidx.read import read_articles

    return [
        {
            "path": Path(a.path).resolve().relative_to(HERE).as_posix(),
            "record": a.record,
            "title": a.title,
            "date": a.date_iso(),
            "source": a.source,
            "dateline": a.dateline,
            "speakers": list(a.speakers),
            "url": a.url,
            "body": a.body,
        }
        for a in read_articles(path)
    ]


def expected_path(path: Path) -> Path:
    """Where the expected records of ``path`` live."""
    return path.with_name(path.name + ".json")


def main() -> int:
    for path in inputs():
        text = json.dumps(records(path), ensure_ascii=False, indent=1) + "\n"
        expected_path(path).write_text(text, encoding="utf-8")
        print(expected_path(path).relative_to(HERE.parent.parent), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
