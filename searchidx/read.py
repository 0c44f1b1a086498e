"""File -> Articles: the read, clean, extract pipeline for one input file.

    raw pages (corpus) -> Page (cleaning.clean) -> Article (extracting.extract)

The cleaner and the extractor (lxml, the rule tables) and the file reader (corpus) are imported
when first called, not when this module is: ``searchidx/__init__`` imports it, and a process that
only searches (a one-shot ``searchidx query``) would otherwise spend half its start-up loading them.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UnreadableFile
from .models import Article, Page, Skipped

if TYPE_CHECKING:
    from .corpus import RawPage, SourceFile


def clean(raw: str, kind: str = "txt", path: str = "") -> Page:
    """Stage 2: a raw page's text (``kind`` "txt" or "html") -> Page (see :mod:`searchidx.cleaning`)."""
    from .cleaning import clean as clean_page

    return clean_page(raw, kind=kind, path=path)


def extract(page: Page) -> Article:
    """Stage 3: a Page -> Article: title, date, source, dateline, speakers (see :mod:`searchidx.extracting`)."""
    from .extracting import extract as extract_article

    return extract_article(page)


def read_source(src: SourceFile) -> list[Article | Skipped]:
    """Every article in one file (one per JSONL line), with what could not be read.

    A page the cleaner or the extractor fails on is skipped with the error as its reason, so
    one page that trips a fault of ours costs that page, not the run; its traceback is logged
    at DEBUG level, for whoever turns logging on to report it.
    """
    from .corpus import read_raw_pages

    out: list[Article | Skipped] = []
    for raw in read_raw_pages(src):
        if isinstance(raw, Skipped):
            out.append(raw)
            continue
        try:
            out.append(_article(raw))
        except Exception as err:  # noqa: BLE001 - a bug of ours on one page must not cost the run
            import logging

            logging.getLogger(__name__).debug("cleaning or extracting %s failed", raw.path, exc_info=True)
            detail = " ".join(f"{type(err).__name__}: {err}".split())[:200]
            out.append(Skipped(raw.path, f"searchidx failed on it ({detail}); please report this"))
    return out


def _article(raw: RawPage) -> Article:
    if raw.fields is not None:
        from .cleaning import clean_record

        page = clean_record(raw.fields, path=raw.path)
    else:
        page = clean(raw.text, kind=raw.kind, path=raw.path)
    article = extract(page)
    if raw.record is not None and article.record != raw.record:
        article = dataclasses.replace(article, record=raw.record)
    return article


def read_articles(path: str | Path) -> list[Article]:
    """Every article in one file; raises UnreadableFile if the file yields none."""
    from .corpus import KINDS, SourceFile, text_path

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


__all__ = ["clean", "extract", "read_article", "read_articles", "read_source"]
