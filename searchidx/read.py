"""File -> Articles: the read, clean, extract pipeline for one input file.

    raw pages (corpus) -> Page (cleaning.clean) -> Article (extracting.extract)

A page longer than PART_CHARS (a transcript saved as one file) is cleaned and extracted a part
at a time, so memory stays bounded whatever a file holds (up to corpus.MAX_BYTES).

The cleaner and the extractor (lxml, the rule tables) and the file reader (corpus) are imported
when first called, not when this module is: ``searchidx/__init__`` imports it, and a process that
only searches (a one-shot ``searchidx query``) would otherwise spend half its start-up loading them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UnreadableFile
from .models import Article, Page, Skipped

if TYPE_CHECKING:
    from .corpus import RawPage, SourceFile, Unchanged

# Pages longer than this (characters) are cleaned and extracted a part at a time, cut at paragraph
# breaks: in one piece a 64 MB transcript took 1.5 GB of a worker's memory (the statement finder
# keeps several records per word it reads) and nine minutes. A part is longer than nearly any article.
PART_CHARS = 1 << 20


def clean(raw: str, kind: str = "txt", path: str = "") -> Page:
    """Stage 2: a raw page's text (``kind`` "txt" or "html") -> Page (see :mod:`searchidx.cleaning`)."""
    from .cleaning import clean as clean_page

    return clean_page(raw, kind=kind, path=path)


def extract(page: Page) -> Article:
    """Stage 3: a Page -> Article: title, date, source, dateline, speakers (see :mod:`searchidx.extracting`)."""
    from .extracting import extract as extract_article

    return extract_article(page)


def read_source(src: SourceFile, known: Mapping[str, str] | None = None) -> list[Article | Unchanged | Skipped]:
    """Every article in one file (one per JSONL record), with what could not be read.

    A page the cleaner or the extractor fails on is skipped with the error as its reason, so
    one page that trips a fault of ours costs that page, not the run; so is a page with no
    text at all (``{}`` in a JSONL file), as an empty file is. ``known`` maps the digests of
    JSONL lines already indexed to their keys: those come back :class:`Unchanged`, not read again.
    """
    return [item for _, item in read_records(src, known)]


def read_records(src: SourceFile, known: Mapping[str, str] | None = None
                 ) -> list[tuple[str | None, Article | Unchanged | Skipped]]:
    """:func:`read_source`, each article with its JSONL line's digest (None for other files)."""
    from .corpus import RawPage, read_raw_pages

    out: list[tuple[str | None, Article | Unchanged | Skipped]] = []
    for raw in read_raw_pages(src, known):
        if not isinstance(raw, RawPage):
            out.append((None, raw))
            continue
        where, digest = _where(raw), raw.digest
        held = [raw]
        del raw  # _article lets go of the raw text once it is cleaned: 64 MB at most, twice over with extraction's
        try:
            article = _article(held)
        except Exception as err:  # noqa: BLE001 - a bug of ours on one page must not cost the run
            import logging

            logging.getLogger(__name__).debug("cleaning or extracting %s failed", where, exc_info=True)
            detail = " ".join(f"{type(err).__name__}: {err}".split())[:200]
            out.append((None, Skipped(where, f"searchidx failed on it ({detail}); please report this")))
            continue
        if not article.body.strip() and not (article.title or "").strip():
            out.append((None, Skipped(where, "no text in it")))
            continue
        out.append((digest, article))
    return out


def _where(raw: RawPage) -> str:
    return raw.path if raw.record is None else f"{raw.path}#{raw.record}"


def _article(held: list[RawPage]) -> Article:
    """The Article of the raw page in ``held`` (taken out of it, so that nothing holds its text while extracting)."""
    raw = held.pop()
    if raw.fields is not None:
        from .cleaning import clean_record

        page = clean_record(raw.fields, path=raw.path)
    elif raw.kind == "txt" and len(raw.text) > PART_CHARS:
        page = _clean_in_parts(raw.text, raw.path)
    else:
        page = clean(raw.text, kind=raw.kind, path=raw.path)
    record, key = raw.record, raw.key
    del raw
    article = extract(page) if len(page.body) <= PART_CHARS else _extract_in_parts(page)
    if record is not None and (article.record, article.key) != (record, key):
        article = dataclasses.replace(article, record=record, key=key)
    return article


def _clean_in_parts(text: str, path: str) -> Page:
    """A long text dump cleaned a part at a time: its head as a page (title, info lines), the rest as body."""
    from .cleaning import clean_body

    parts = (part for part, _ in _parts(text, "\n"))
    page = clean(next(parts), kind="txt", path=path)
    bodies = [page.body, *(clean_body(part) for part in parts)]
    return dataclasses.replace(page, body="\n\n".join(b for b in bodies if b))


def _extract_in_parts(page: Page) -> Article:
    """A long page's Article: its fields read from its first part, its statements from every part
    (each read with the page's title and metadata, which spell out names), placed in the whole body."""
    parts = _parts(page.body, "\n\n")
    first, gap = next(parts)
    head = extract(dataclasses.replace(page, body=first))
    statements = list(head.statements)
    offset = len(first) + gap
    for part, gap in parts:
        found = extract(dataclasses.replace(page, body=part, info=())).statements
        statements += [dataclasses.replace(st, start=st.start + offset, end=st.end + offset) for st in found]
        offset += len(part) + gap
    return dataclasses.replace(head, body=page.body, statements=tuple(statements),
                               speakers=tuple(dict.fromkeys(st.speaker for st in statements)))


def _parts(text: str, sep: str) -> Iterator[tuple[str, int]]:
    """``text`` in parts of about PART_CHARS characters, each cut where ``sep`` starts (else at a space,
    else anywhere), with the length of what was left out between it and the next (``sep``, or 0)."""
    start = 0
    while start < len(text):
        end = len(text)
        if end - start > PART_CHARS:
            limit = start + 2 * PART_CHARS
            end = text.find(sep, start + PART_CHARS, limit)
            if end < 0:
                end = text.find(" ", start + PART_CHARS, limit)
            if end < 0:
                end = start + PART_CHARS
        gap = len(sep) if text.startswith(sep, end) else 0
        yield text[start:end], gap
        start = end + gap


def read_articles(path: str | Path) -> list[Article]:
    """Every article in one file; raises UnreadableFile if the file yields none."""
    from .corpus import KINDS, SourceFile, text_path

    p = Path(path)
    # A file name that is not UTF-8 is shown escaped: printing or indexing a lone surrogate would crash.
    shown = text_path(str(p))
    kind = KINDS.get(p.suffix.lower())
    if kind is None:
        raise UnreadableFile(f"{shown}: not a .txt, .html or .jsonl file")
    try:
        st = p.stat()
    except OSError as err:
        raise UnreadableFile(f"{shown}: cannot read ({err.strerror or err})") from None
    src = SourceFile(shown, kind, st.st_size, st.st_mtime_ns, fspath=None if shown == str(p) else str(p))
    results = read_source(src)
    articles = [r for r in results if isinstance(r, Article)]
    if not articles:
        reasons = "; ".join(s.reason for s in results if isinstance(s, Skipped)) or "no article in it"
        raise UnreadableFile(f"{shown}: {reasons}")
    return articles


def read_article(path: str | Path) -> Article:
    """The (first) article in one file."""
    return read_articles(path)[0]


__all__ = ["clean", "extract", "read_article", "read_articles", "read_records", "read_source"]
