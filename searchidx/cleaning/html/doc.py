"""HTML page -> HtmlDoc: reads the page's metadata, then keeps only the article's text.

`parse_html` is the HTML cleaning pipeline, top to bottom: bound and parse the markup (a page
nested past libxml2's depth limit is re-read flattened), read every metadata value first
(``<meta>``, ``<time>``, ``<html lang>``, canonical URL, byline and dateline elements; `meta`;
the JSON-LD main entity; `jsonld`), drop scripts, styles and hidden parts, then let `article`
find the article container and `text` clean it and read its text blocks; the title, the place
and info lines outside the article and the date lines around the headline come last. HTML
fragments (no ``<html>`` or ``<body>``, such as an RSS item's ``content_html``) are kept whole,
less scripts and hidden parts. The rules live in `rules`; these modules only apply them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from . import rules as R
from .article import best_article
from .jsonld import read_jsonld
from .meta import (
    Element,
    canonical_url,
    date_lines,
    document_title,
    drop_title,
    head_title,
    info_lines,
    norm,
    pick_title,
    read_meta,
    strip_site,
)
from .text import remove, text_blocks


@dataclass(frozen=True)
class HtmlDoc:
    """What an HTML page holds: its head's metadata and the article's text blocks in order."""

    title: str | None
    url: str | None
    meta: tuple[tuple[str, str], ...]
    paragraphs: tuple[str, ...]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_FULL_PAGE = re.compile(r"<\s*(html|body|head)\b", re.I)
_INLINE_TAG = re.compile(r"<(?!/?(?:p|br|h[1-6]|li|title|meta|html|head|body|script|style|time)\b)/?[a-zA-Z][^>]*>")
_EMPTY = HtmlDoc(title=None, url=None, meta=(), paragraphs=())


def parse_html(markup: str) -> HtmlDoc:
    """Parse a saved page and keep the article's paragraphs, dropping page boilerplate.

    Never raises on a string, however broken; a non-string is a caller's bug (TypeError).
    """
    if not isinstance(markup, str):
        raise TypeError(f"parse_html takes decoded text (str), not {type(markup).__name__}")
    markup = _bounded(markup)
    root = _parse(markup)
    if root is None:
        return _EMPTY
    meta = read_meta(root) + read_jsonld(root)
    url = canonical_url(root, meta)
    doc_title = document_title(root)
    _drop_invisible(root)
    if not _FULL_PAGE.search(markup[:100_000]):
        paragraphs = text_blocks(root)
        return HtmlDoc(title=pick_title(root, None, meta, doc_title), url=url, meta=tuple(meta), paragraphs=paragraphs)
    article, blocks = best_article(root, head_title(meta) or strip_site(doc_title))
    title = pick_title(root, article, meta, doc_title)
    paragraphs = drop_title(blocks, title)
    body = root.find("body")
    page_blocks = text_blocks(body if body is not None else root)
    meta.extend(info_lines(page_blocks, set(paragraphs)))
    meta.extend(date_lines(page_blocks, title))
    return HtmlDoc(title=title, url=url, meta=tuple(meta), paragraphs=paragraphs)


def _bounded(markup: str) -> str:
    """Cut an oversized page (after dropping its scripts and styles) and remove control characters."""
    if len(markup) > R.MAX_MARKUP_CHARS:
        markup = R.BULKY_BLOCKS.sub(" ", markup)[: R.MAX_MARKUP_CHARS]
    return _CONTROL.sub("", markup)


# --- parsing -------------------------------------------------------------------------------


def _parse(markup: str) -> Element | None:
    """Parse with lxml; a page nested past libxml2's depth limit is re-read with inline tags stripped."""
    root = _lxml_parse(markup)
    if root is None or root.get("data-too-deep") is None:
        return root
    flattened = _lxml_parse(_INLINE_TAG.sub(lambda m: " " if _is_block_tag(m.group(0)) else "", markup))
    if flattened is None or flattened.get("data-too-deep") is not None:
        return _lxml_parse("<p>" + norm(re.sub(r"<[^>]*>", " ", markup)).replace("<", " ") + "</p>")
    return flattened


def _is_block_tag(tag_markup: str) -> bool:
    name = re.match(r"</?([a-zA-Z0-9]+)", tag_markup)
    return bool(name) and name.group(1).lower() in R.BLOCK_TAGS  # type: ignore[union-attr]


def _lxml_parse(markup: str) -> Element | None:
    # Plain etree elements: lxml.html's element classes cost a Python lookup per node.
    parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        root.set("data-too-deep", "1")
    return root


# --- visibility ----------------------------------------------------------------------------


# Pre-selects, in C, the few elements that may be hidden; _is_hidden decides.
_MAYBE_HIDDEN = etree.XPath(
    "//*[@hidden or @aria-hidden or contains(@style, 'none') or contains(@style, 'hidden') or "
    + " or ".join(f"contains(@class, '{c}')" for c in sorted(R.HIDDEN_CLASSES)) + "]")


def _drop_invisible(root: Element) -> None:
    """Remove scripts, styles, forms' widgets and elements the page hides."""
    doomed = list(root.iter(*R.DROP_TAGS)) + [el for el in _MAYBE_HIDDEN(root) if _is_hidden(el)]
    for el in doomed:
        remove(el)


def _is_hidden(el: Element) -> bool:
    if el.get("hidden") is not None:
        return True
    if el.get("aria-hidden") == "true" and "fallback-image" not in el.get("class", ""):
        return True
    style = el.get("style")
    if style and R.HIDDEN_STYLE.search(style):
        return True
    cls = el.get("class")
    return bool(cls) and not R.HIDDEN_CLASSES.isdisjoint(cls.split())
