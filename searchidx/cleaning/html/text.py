"""Article tree -> text blocks: cleans the chosen container, then reads it out in order.

The second half of HTML cleaning. `htmlarticle` picks the container that holds the article;
`clean_article` then removes what sits inside it but is not its text (forms, share bars, link
lists, image strips, empty shells), judging each container by its class/id words, link density,
commas and what it holds, and `text_blocks` turns what is left into paragraphs: block tags and a
double ``<br>`` split, inline tags join. The measures both halves weigh elements by
(`class_weight`, `link_density`) and `remove`, which keeps the words around a removed element
apart, live here too. The rules come from `htmlrules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from . import rules as R
from .meta import Element, element_text, elements, norm

COMMAS = re.compile(r"[,،﹐︐︑⹁⸴⸲，、]")


@dataclass(frozen=True)
class Pass:
    """Which rules one extraction attempt applies; later attempts drop them one by one."""

    strip_unlikely: bool = True
    weigh_classes: bool = True
    clean_conditionally: bool = True


def text_blocks(root: Element) -> tuple[str, ...]:
    """Return the text blocks under ``root`` in order: block tags and double ``<br>`` split, inline tags join."""
    blocks: list[str] = []
    buf: list[str] = []
    brs = 0

    def flush() -> None:
        text = norm("".join(buf))
        buf.clear()
        if text:
            blocks.append(text)

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag == "br":
                brs += 1
                if brs >= 2:
                    flush()
                buf.append(" ")
                continue
            if tag in R.CELL_TAGS:
                buf.append(" ")
            elif tag in R.BLOCK_TAGS:
                flush()
            if el.text:
                brs = 0 if el.text.strip() else brs
                buf.append(el.text)
            else:
                brs = brs if tag in ("", "br") else 0
        else:
            if tag in R.CELL_TAGS:
                buf.append(" ")
            elif tag in R.BLOCK_TAGS:
                flush()
            if el.tail and el is not root:
                if el.tail.strip():
                    brs = 0
                buf.append(el.tail)
    flush()
    return tuple(blocks)


def remove(el: Element) -> None:
    """Remove ``el`` and its subtree, keeping the text that follows it.

    A removed block or ``<br>`` leaves a space: it parted the words on either side on screen,
    and without it "Republic<div class=share>…</div>Sooronbay" would read "RepublicSooronbay".
    A removed inline element (a hidden ``<span>`` inside a word, a script) leaves nothing.
    """
    parent = el.getparent()
    if parent is None:
        return
    tail = (" " if el.tag in R.BREAK_TAGS else "") + (el.tail or "")
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def match_string(el: Element) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


# --- measures ------------------------------------------------------------------------------


def class_weight(el: Element, rules: Pass) -> int:
    if not rules.weigh_classes:
        return 0
    weight = 0
    for value in (el.get("class"), el.get("id")):
        if value:
            weight -= R.CLASS_WEIGHT if R.NEGATIVE.search(value) else 0
            weight += R.CLASS_WEIGHT if R.POSITIVE.search(value) else 0
    return weight


def link_density(el: Element) -> float:
    length = len(element_text(el))
    if not length:
        return 0.0
    linked = 0.0
    for a in el.iter("a"):
        coef = 0.3 if a.get("href", "").startswith("#") else 1.0
        linked += len(element_text(a)) * coef
    return linked / length


def has_ancestor(el: Element, tags: tuple[str, ...], depth: int) -> bool:
    for i, anc in enumerate(el.iterancestors()):
        if depth and i >= depth:
            return False
        if anc.tag in tags:
            return True
    return False


def has_media(el: Element) -> bool:
    return next(el.iter("img", "picture", "figure", "table", "hr", "pre", "ul", "ol"), None) is not None


def _attached(el: Element, body: Element) -> bool:
    """True while ``el`` still hangs below ``body`` (an ancestor may have been removed)."""
    for anc in el.iterancestors():
        if anc is body:
            return True
    return el is body


# --- cleaning the article ------------------------------------------------------------------


def clean_article(article: Element, rules: Pass) -> None:
    """Remove what sits inside the article but is not its text: share bars, link lists, empty shells."""
    for tag in ("form", "fieldset"):
        _clean_conditionally(article, tag, rules)
    for el in elements(article, "footer", "aside", "nav"):
        remove(el)
    for el in elements(article):
        if el is not article and R.SHARE.search(match_string(el)) and len(element_text(el)) < R.SHARE_MAX_CHARS:
            remove(el)
    for el in elements(article, "h1", "h2"):
        if class_weight(el, rules) < 0:
            remove(el)
    for el in elements(article, "article"):
        if el is not article and _attached(el, article) and _is_teaser(el):
            remove(el)
    for tag in ("table", "ul", "div"):
        _clean_conditionally(article, tag, rules)
    for p in elements(article, "p"):
        if not element_text(p) and not has_media(p):
            remove(p)


def _is_teaser(el: Element) -> bool:
    """A card for another story inside the article: a short <article> that is mostly a link."""
    text = element_text(el)
    return len(text) <= R.TEASER_MAX_CHARS and link_density(el) >= R.TEASER_LINK_DENSITY


def _is_link_list(el: Element) -> bool:
    """A list whose every item is one link ("Government spending plans 'a big risk', says OBR")."""
    items = [li for li in el if isinstance(li.tag, str) and li.tag == "li"]
    return 0 < len(items) <= R.LINK_LIST_MAX_ITEMS and all(
        element_text(li) and link_density(li) >= R.TEASER_LINK_DENSITY for li in items)


def _is_data_table(table: Element) -> bool:
    if table.get("role") == "presentation" or table.get("datatable") == "0":
        return False
    if table.get("summary") or next(table.iter("caption", "th", "thead", "tfoot", "col", "colgroup"), None) is not None:
        return True
    if next(table.iter("table"), None) is not None and len(elements(table, "table")) > 1:
        return False
    rows = elements(table, "tr")
    cols = max((len([c for c in r if c.tag in ("td", "th")]) for r in rows), default=0)
    return len(rows) >= 10 or cols > 4 or len(rows) * cols > 10


def _clean_conditionally(article: Element, tag: str, rules: Pass) -> None:
    """Drop containers of ``tag`` that look like link lists, image strips, forms or empty widgets."""
    if not rules.clean_conditionally:
        return
    for el in reversed(elements(article, tag)):
        if el is article or not _attached(el, article):
            continue
        if _should_remove(el, tag, rules):
            remove(el)


def _should_remove(el: Element, tag: str, rules: Pass) -> bool:
    if tag == "table" and _is_data_table(el):
        return False
    if any(a.tag == "table" and _is_data_table(a) for a in el.iterancestors("table")):
        return False
    if has_ancestor(el, ("code", "pre"), 0) or any(_is_data_table(t) for t in el.iter("table") if t is not el):
        return False
    text = element_text(el)
    is_list = tag in ("ul", "ol")
    if is_list and _is_link_list(el):
        return True
    if not is_list and text:
        list_len = sum(len(element_text(lst)) for lst in el.iter("ul", "ol"))
        is_list = list_len / len(text) > 0.9
    weight = class_weight(el, rules)
    if weight < 0:
        return True
    if len(COMMAS.findall(text)) >= 10:
        return False
    if R.AD_WORDS.match(text) or R.LOADING_WORDS.match(text):
        return True
    paras = len(elements(el, "p"))
    imgs = len(elements(el, "img"))
    items = len(elements(el, "li")) - 100
    inputs = len(elements(el, "input"))
    embeds = len(elements(el, "object", "embed", "iframe"))
    heading_len = sum(len(element_text(h)) for h in el.iter(*R.HEADING_TAGS))
    heading_density = heading_len / len(text) if text else 0.0
    in_figure = has_ancestor(el, ("figure",), 0)
    density = link_density(el)
    doomed = (
        (not in_figure and imgs > 1 and paras / imgs < 0.5)
        or (not is_list and items > paras)
        or (inputs > paras // 3)
        or (not is_list and not in_figure and heading_density < 0.9 and len(text) < 25
            and (imgs == 0 or imgs > 2) and density > 0)
        or (not is_list and weight < 25 and density > 0.2)
        or (weight >= 25 and density > 0.5)
        or (embeds == 1 and len(text) < 75) or embeds > 1
    )
    if is_list and doomed:
        children = [c for c in el if isinstance(c.tag, str)]
        if children and all(len(c) <= 1 for c in children) and imgs == len(children):
            return False
    return doomed
