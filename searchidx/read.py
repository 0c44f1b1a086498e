"""File -> Articles: the read, clean, extract pipeline for one input file.

    raw pages (corpus) -> Page (clean) -> Article (extract)
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .clean import clean, clean_record
from .corpus import KINDS, RawPage, Skipped, SourceFile, read_raw_pages, text_path
from .errors import UnreadableFile
from .extract import extract
from .models import Article


def read_source(src: SourceFile) -> list[Article | Skipped]:
    """Every article in one file (one per JSONL line), with what could not be read.

    A page the cleaner or the extractor fails on is skipped with the error as its reason, so
    one page that trips a fault of ours costs that page, not the run.
    """
    out: list[Article | Skipped] = []
    for raw in read_raw_pages(src):
        if isinstance(raw, Skipped):
            out.append(raw)
            continue
        try:
            out.append(_article(raw))
        except Exception as err:  # noqa: BLE001 - reported as the page's reason, one line
            detail = " ".join(f"{type(err).__name__}: {err}".split())[:200]
            out.append(Skipped(raw.path, f"searchidx failed on it ({detail}); please report this"))
    return out


def _article(raw: RawPage) -> Article:
    if raw.fields is not None:
        page = clean_record(raw.fields, path=raw.path)
    else:
        page = clean(raw.text, kind=raw.kind, path=raw.path)
    article = extract(page)
    if raw.record is not None and article.record != raw.record:
        article = dataclasses.replace(article, record=raw.record)
    return article


def read_articles(path: str | Path) -> list[Article]:
    """Every article in one file; raises UnreadableFile if the file yields none."""
    p = Path(path)
    kind = KINDS.get(p.suffix.lower())
    if kind is None:
        raise UnreadableFile(f"{p}: not a .txt, .html or .jsonl file")
    try:
        st = p.stat()
    except OSError as err:
        raise UnreadableFile(f"{p}: cannot read ({err.strerror or err})") from None
    # A file name that is not UTF-8 is shown escaped: printing or indexing a lone surrogate would crash.
    results = read_source(SourceFile(text_path(str(p)), kind, st.st_size, st.st_mtime_ns, fspath=str(p)))
    articles = [r for r in results if isinstance(r, Article)]
    if not articles:
        reasons = "; ".join(s.reason for s in results if isinstance(s, Skipped)) or "no article in it"
        raise UnreadableFile(f"{p}: {reasons}")
    return articles


def read_article(path: str | Path) -> Article:
    """The (first) article in one file."""
    return read_articles(path)[0]


__all__ = ["read_article", "read_articles", "read_source"]
