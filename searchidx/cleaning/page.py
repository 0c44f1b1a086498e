"""Raw page -> Page: the article's text, with what the page's head says kept aside.

The cleaner works line by line, the same way for every input kind:

- ``.txt`` dumps are split into lines, grouped into paragraphs (blank lines and indented
  lines start a paragraph; hard-wrapped lines are joined), and the first line becomes the
  title when it reads like a headline;
- ``.html`` pages go through :func:`searchidx.cleaning.html.parse_html` first and the same line
  rules are applied to its paragraphs;
- JSONL records (:func:`clean_record`) keep every scalar field in ``Page.meta`` so that the
  extractor can read dates, links and bylines from them.

Each line is checked against the rule tables in `lines`: navigation and language-switch lines
are dropped; info lines ("Updated: ...", "Source: ...", share links, copyright footers) are
dropped from the body but kept in ``Page.info`` because the extractor reads the date and the
agency from them. The body is the remaining paragraphs joined by a blank line, with white
space normalised. Cleaning never raises, and :func:`clean_body` is idempotent on a body.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence

from .dump import segment_dump
from .html import parse_html
from .lines import is_byline, is_header_line, line_kind, looks_like_place
from ..models import Page

# How many leading paragraphs may be page furniture.
MAX_HEADER_PARAGRAPHS = 6

# What follows a headline in <title>: " - Xinhua | English.news.cn", " • President of Russia".
_SITE_SUFFIX = re.compile(r"^\s+[|•·–—-]\s+\S")
# Characters that carry no text: C0 controls (except tab and newlines), DEL, BOM, zero-width.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f\ufeff\u200b\u200c\u200d\u2060]")
# A headline is short; longer first lines are the article's first sentence.
MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30
# The headline stands near the top: later lines are never looked at for it.
TITLE_SEARCH_LINES = 60
# A headline and its deck may be wrapped over this many lines.
MAX_TITLE_LINES = 3
# A first line followed directly (no blank line) by body text is a title only when this short.
MAX_TIGHT_TITLE_WORDS = 15
# Lines of hard-wrapped text are this short; longer lines are paragraphs of their own.
MAX_WRAPPED_LINE = 100

# JSONL keys, most specific first.
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link", "canonical_url", "guid")
TEXT_KEYS = ("body", "text", "content", "article", "plain_text")
HTML_KEYS = ("html", "content_html", "body_html", "description_html", "description")
BYLINE_KEYS = ("creator", "author", "byline", "dc:creator")


def normalise_space(text: str) -> str:
    """Collapse all white space (U+00A0 and friends included) to single spaces."""
    return " ".join(_INVISIBLE.sub("", text).split())


def _split_lines(raw: str) -> list[tuple[str, bool]]:
    """Physical lines as (normalised text, starts a new paragraph); "" marks a blank line."""
    out: list[tuple[str, bool]] = []
    prev_blank = True
    for line in _INVISIBLE.sub("", raw).splitlines():
        text = " ".join(line.split())
        if not text:
            out.append(("", True))
            prev_blank = True
            continue
        indented = line[:1].isspace()
        out.append((text, prev_blank or indented))
        prev_blank = False
    return out


def _paragraphs(lines: Sequence[tuple[str, bool]], info: list[str]) -> list[str]:
    """Drop chrome lines (info lines go to ``info``), then join hard-wrapped lines."""
    blocks: list[list[str]] = []
    new = True
    for text, starts in lines:
        if not text:
            new = True
            continue
        kind = line_kind(text)
        if kind == "info":
            info.append(text)
        if kind:
            new = True
            continue
        if new or starts:
            blocks.append([])
        blocks[-1].append(text)
        new = False
    paras: list[str] = []
    for block in blocks:
        if all(len(t) <= MAX_WRAPPED_LINE for t in block[:-1]):
            paras.append(" ".join(block))
        else:
            paras.extend(block)
    # Lines were normalised by _split_lines, so their joins need no normalise_space.
    return _filter_paragraphs(paras, info)


def _filter_paragraphs(paras: Iterable[str], info: list[str]) -> list[str]:
    """Apply the line rules to whole (normalised) paragraphs, so that a second pass finds nothing to drop."""
    out: list[str] = []
    for text in paras:
        if not text:
            continue
        kind = line_kind(text)
        if kind == "info":
            info.append(text)
        elif kind is None:
            out.append(text)
    return out


def clean_body(text: str) -> str:
    """Apply the line rules and white-space normalisation to text; idempotent."""
    return "\n\n".join(_paragraphs(_split_lines(text), []))


def _headline_sized(text: str) -> bool:
    """Short enough to be a headline (with its deck)."""
    return len(text) <= MAX_TITLE_CHARS and len(text.split()) <= MAX_TITLE_WORDS


def _is_tight_title(first: str, nxt: str) -> bool:
    """"title\nbody" with no blank line: a short line without trailing punctuation, followed
    by a capitalised line, is a title; anything else is wrapped text."""
    return (
        len(first.split()) <= MAX_TIGHT_TITLE_WORDS
        and first[-1] not in ".,;:-–—"
        and (nxt[:1].isupper() or nxt[:1].isdigit())
    )


def _take_title(lines: list[tuple[str, bool]]) -> str | None:
    """Remove and return the headline of a text dump, if it has one.

    The headline is the first paragraph (a line, or a headline and its deck wrapped over up to
    MAX_TITLE_LINES lines) when it is headline-sized and more text follows it; or, when the body
    starts on the very next line, a short first line that reads like a title.
    """
    # the headline is near the top: look no further than the first lines
    block: list[int] = []
    more_text = False
    for k, (text, starts) in enumerate(lines[:TITLE_SEARCH_LINES]):
        if not text or line_kind(text):
            continue
        if block and (k != block[-1] + 1 or starts or len(block) > MAX_TITLE_LINES):
            more_text = True
            break
        block.append(k)
    if not block:
        return None
    i = block[0]
    if len(block) > 1 and _is_tight_title(lines[i][0], lines[block[1]][0]):
        block = block[:1]
    elif not more_text or len(block) > MAX_TITLE_LINES:
        return None
    title = " ".join(lines[k][0] for k in block)
    if not _headline_sized(title):
        return None
    for k in block:
        lines[k] = ("", True)
    return title


def _clean_text(raw: str, path: str) -> Page:
    """Clean a plain-text page: a whole-page one-line dump is segmented first."""
    dump = segment_dump(raw)
    info: list[str] = []
    if dump is not None:
        info.extend(dump.info)
        paras = _filter_paragraphs(map(normalise_space, dump.blocks), info)
        return Page(path=path, body="\n\n".join(paras), title=dump.title, kind="txt", info=tuple(info))
    lines = _split_lines(raw)
    title = _take_title(lines)
    body = "\n\n".join(_paragraphs(lines, info))
    return Page(path=path, body=body, title=title, kind="txt", info=tuple(info))


def _repeats_title(paragraph: str, title: str) -> bool:
    """Whether a (case-folded) paragraph is the title, or the title without its site suffix."""
    return title == paragraph or (title.startswith(paragraph) and bool(_SITE_SUFFIX.match(title[len(paragraph):])))


def _strip_header(paras: list[str], title: str | None, bylines: Sequence[str], info: list[str],
                  meta: list[tuple[str, str]]) -> list[str]:
    """Drop what stands above the article: a repeated headline or place line, a clock time,
    a section label, and a release's byline and place lines (kept in info).

    Place lines are only read right under a byline ("Office of the Spokesperson" or the
    record's creator), where press releases put them; they go to meta as ("place", ...).
    """
    heading = normalise_space(title).casefold() if title else None
    places = {normalise_space(v) for k, v in meta if k == "place"}
    names = [normalise_space(b).casefold() for b in bylines if b]
    saw_byline = False
    found = 0
    i = 0
    while i < len(paras) and i < MAX_HEADER_PARAGRAPHS + 2:
        p = paras[i]
        low = p.casefold()
        if i == 0 and heading and _repeats_title(low, heading):
            pass
        elif p in places or is_header_line(p):
            info.append(p)
        elif is_byline(p) or (len(p) <= 120 and any(len(low) >= 8 and low in n for n in names)):
            info.append(p)
            saw_byline = True
        elif saw_byline and found < 2 and looks_like_place(p):
            info.append(p)
            meta.append(("place", p))
            found += 1
        else:
            break
        i += 1
    return paras[i:]


def _clean_html(raw: str, path: str, *, title: str | None = None, url: str | None = None,
                meta: Sequence[tuple[str, str]] = (), bylines: Sequence[str] = (), kind: str = "html") -> Page:
    """Clean an HTML page or fragment: parse_html, then the line rules on its paragraphs."""
    doc = parse_html(raw)
    all_meta = list(meta) + list(doc.meta)
    info = [normalise_space(v) for k, v in doc.meta if k == "info" and v.strip()]
    title = title or (normalise_space(doc.title) if doc.title else None) or None
    paras = _filter_paragraphs(map(normalise_space, doc.paragraphs), info)
    paras = _strip_header(paras, title, bylines, info, all_meta)
    return Page(path=path, body="\n\n".join(paras), title=title, kind=kind, url=url or doc.url,
                meta=tuple(all_meta), info=tuple(info))


def clean(raw: str, kind: str = "txt", path: str = "") -> Page:
    """Clean one page's text; ``kind`` is "txt" or "html" (a leading dot is ignored)."""
    kind = kind.lower().lstrip(".")
    if kind in ("html", "htm"):
        return _clean_html(raw, path)
    return _clean_text(raw, path)


def _scalar(value: object) -> str | None:
    """A JSON scalar as text; None for objects, arrays and nulls."""
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list, tuple)):
        return None
    return str(value)


def _first(record: Mapping[str, object], keys: Sequence[str]) -> str | None:
    """The first non-empty scalar value among ``keys``."""
    for k in keys:
        v = _scalar(record.get(k))
        if v and v.strip():
            return v
    return None


def clean_record(record: Mapping[str, object], path: str = "") -> Page:
    """Clean one JSONL article record (keys such as title, date, url, body or html)."""
    body_keys = set(TEXT_KEYS) | set(HTML_KEYS)
    meta: list[tuple[str, str]] = []
    for k, v in record.items():
        s = _scalar(v)
        if s is not None and s.strip() and k not in body_keys:
            meta.append((str(k).lower(), s))
    raw_title = _first(record, TITLE_KEYS)
    title = normalise_space(html.unescape(raw_title)) if raw_title else None
    url = _first(record, URL_KEYS)
    if url and not url.startswith(("http://", "https://")):
        url = None
    byline = _first(record, BYLINE_KEYS)
    text = _first(record, TEXT_KEYS)
    if text is None:
        markup = _first(record, HTML_KEYS)
        if markup is not None:
            return _clean_html(markup, path, title=title or None, url=url, meta=meta,
                               bylines=_byline_parts(byline), kind="jsonl")
        text = ""
    info: list[str] = []
    paras = _paragraphs(_split_lines(text), info)
    paras = _strip_header(paras, title, _byline_parts(byline), info, meta)
    return Page(path=path, body="\n\n".join(paras), title=title or None, kind="jsonl", url=url,
                meta=tuple(meta), info=tuple(info))


def _byline_parts(byline: str | None) -> tuple[str, ...]:
    """The byline itself: leading header lines that are part of it are not article text."""
    return (byline,) if byline else ()
