"""What an HTML page says about itself: metadata read before any cleaning.

`doc.parse_html` calls these on the whole page, before boilerplate is thrown away (as
trafilatura's ``bare_extraction`` does): ``<meta>`` values, ``<time>``, ``<html lang>``, the
canonical URL, the place line, the site's byline and dateline elements, the headline, short
info lines ("Updated: ... Xinhua") outside the article, and the dated lines around the headline
("Sep 2, 2024, 17:07 IST") that the extractor reads the visible date from. The few tree helpers both modules need (text of an element, element
lists, white-space folding) live here because this module comes first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, TypeAlias

from lxml import etree

from . import rules as R

# lxml.etree._Element: lxml ships no type stubs, so mypy sees it as Any.
Element: TypeAlias = Any


def norm(text: str) -> str:
    """Collapse whitespace (str.split knows U+00A0 and other Unicode spaces); drop zero-width marks."""
    if "\u200b" in text or "\ufeff" in text or "\u00ad" in text:
        text = text.replace("\u200b", " ").replace("\ufeff", " ").replace("\u00ad", "")  # translate() is slow
    return " ".join(text.split())


def element_text(el: Element) -> str:
    """The text under ``el`` (not its tail), white space collapsed."""
    return norm(etree.tostring(el, method="text", encoding="unicode", with_tail=False))


def elements(root: Element, *tags: str) -> list[Element]:
    """Elements under ``root`` (itself included) with one of ``tags``, or all; comments and PIs left out."""
    return [el for el in root.iter(*tags) if isinstance(el.tag, str)]


def read_meta(root: Element) -> list[tuple[str, str]]:
    """Collect meta, time, lang and place values from the whole page, before any cleaning."""
    meta: list[tuple[str, str]] = []
    lang = root.get("lang") or root.get("xml:lang")
    if lang and lang.strip():
        meta.append(("lang", lang.strip()))
    for el in elements(root, "meta", "time"):
        if el.tag == "time":
            if el.get("datetime", "").strip():
                meta.append(("time", el.get("datetime", "").strip()))
            text = element_text(el)
            if text:
                meta.append(("time_text", text))
            continue
        content = el.get("content")
        if content is None:
            continue
        for attr in ("name", "property", "itemprop"):
            key = el.get(attr)
            if key and key.strip():
                meta.append((key.strip().lower(), norm(content)))
    for el in elements(root):
        if R.PLACE_CLASSES.intersection(el.get("class", "").split()):
            text = element_text(el)
            if text:
                meta.append(("place", text))
    meta.extend(_marked(root, R.BYLINE_ELEMENT, "byline"))
    meta.extend(_marked(root, R.DATELINE_ELEMENT, "dateline_text"))
    return meta


def _marked(root: Element, pattern: re.Pattern[str], key: str) -> list[tuple[str, str]]:
    """The short text of the outermost elements whose class, id or data attributes match ``pattern``
    (a site's own byline or dateline element), as (key, text) pairs."""
    found: list[tuple[str, str]] = []
    taken: list[Element] = []
    for el in elements(root):
        marks = " ".join(v for k, v in el.attrib.items() if k in ("class", "id") or k.startswith("data-"))
        if not marks or not pattern.search(marks) or any(is_inside(el, t) for t in taken):
            continue
        text = element_text(el)
        if 0 < len(text) <= R.BYLINE_ELEMENT_MAX_CHARS and (key, text) not in found:
            found.append((key, text))
            taken.append(el)
    return found


def date_lines(blocks: Sequence[str], title: str | None) -> list[tuple[str, str]]:
    """Short dated lines around the headline ("Sep 2, 2024, 17:07 IST"), nearest below it first,
    as ("date_line", text) pairs; the first copy of the headline with any gives them."""
    if not title:
        return []
    heading = norm(title)
    copies = [i for i, b in enumerate(blocks) if b == heading][: R.HEADLINE_COPIES]
    for at in copies:
        below: list[int] = []
        for i in range(at + 1, min(len(blocks), at + 1 + R.DATE_LINE_AFTER)):
            if len(blocks[i]) > R.PROSE_CHARS:
                break
            below.append(i)
        around = below + list(range(at - 1, max(-1, at - 1 - R.DATE_LINE_BEFORE), -1))
        found = [("date_line", blocks[i]) for i in around
                 if len(blocks[i]) <= R.DATE_LINE_MAX_CHARS and R.DATE_LINE.search(blocks[i])]
        if found:
            return found
    return []


def canonical_url(root: Element, meta: list[tuple[str, str]]) -> str | None:
    """The page's own URL: ``<link rel=canonical>``, else og:url."""
    for el in elements(root, "link"):
        if "canonical" in el.get("rel", "").lower().split() and el.get("href", "").strip():
            return str(el.get("href", "")).strip()
    return next((v for k, v in meta if k == "og:url" and v), None)


def head_title(meta: list[tuple[str, str]]) -> str | None:
    """The headline the page's head declares (og:title, twitter:title)."""
    return next((v for k, v in meta if k in ("og:title", "twitter:title") and v), None)


def pick_title(root: Element, article: Element | None, meta: list[tuple[str, str]], doc_title: str | None) -> str | None:
    """The headline: the article's <h1>, else og:title, else <title> without its site suffix."""
    hints = [t for t in (head_title(meta), doc_title) if t]
    for h1 in elements(root, "h1"):
        text = element_text(h1)
        if not text or len(text) > 300:
            continue
        in_article = any(a.tag == "article" for a in h1.iterancestors()) or (
            article is not None and is_inside(h1, article))
        if in_article or any(similar(text, hint) for hint in hints):
            return text
    if hints:
        return hints[0] if hints[0] != doc_title else strip_site(doc_title)
    return None


def document_title(root: Element) -> str | None:
    """The text of ``<title>``, or None."""
    el = root.find(".//title")
    text = element_text(el) if el is not None else ""
    return text or None


def strip_site(title: str | None) -> str | None:
    """Drop a trailing " | Site" part when what is left still reads as a headline."""
    if not title:
        return title
    for separator, min_words in ((R.TITLE_SEPARATOR, 1), (R.WEAK_TITLE_SEPARATOR, R.WEAK_TITLE_MIN_WORDS)):
        cuts = list(separator.finditer(title))
        if cuts and len(title[: cuts[-1].start()].split()) >= min_words:
            return title[: cuts[-1].start()].strip()
    return title


def similar(a: str, b: str) -> bool:
    """True when most words of ``a`` are in ``b`` and they make at least half of ``b``."""
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(wa) and bool(wb) and len(wa & wb) / max(len(wa), 1) >= 0.75 and len(wa & wb) / len(wb) >= 0.5


def is_inside(el: Element, container: Element) -> bool:
    """True when ``el`` is ``container`` or lies below it."""
    return el is container or any(a is container for a in el.iterancestors())


def info_lines(blocks: Iterable[str], kept: set[str]) -> list[tuple[str, str]]:
    """Short date/source/byline lines among the page's ``blocks`` but not ``kept`` in the article,
    e.g. "Updated: Feb 16,2020 Xinhua"."""
    found: list[tuple[str, str]] = []
    for block in blocks:
        if len(block) <= R.INFO_MAX_CHARS and block not in kept and R.INFO_LINE.search(block):
            if ("info", block) not in found:
                found.append(("info", block))
    return found


def drop_title(paragraphs: Iterable[str], title: str | None) -> tuple[str, ...]:
    """The paragraphs less the first of the leading ones that repeats the title."""
    out = list(paragraphs)
    if title:
        for i, p in enumerate(out[:8]):
            if p == title or similar(p, title) and similar(title, p):
                del out[i]
                break
    return tuple(out)
