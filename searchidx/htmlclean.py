"""HTML page -> article blocks: strips scripts, menus, footers and other boilerplate.

`parse_html` reads every metadata value first (``<meta>``, ``<time>``, ``<html lang>``,
canonical URL, place and info lines), then finds the article the way content
extractors do: score each container by the paragraphs it holds (their length and
commas), weigh it by class/id words and link density, take the best one with its
worthy siblings, and clean it of link lists, share bars and empty shells. When that
keeps too little text it retries with fewer rules. HTML fragments (no ``<html>`` or
``<body>``, such as an RSS item's ``content_html``) are kept whole, less scripts and
hidden parts. The rules live in `htmlrules`, the metadata readers in `htmlmeta`; this module only applies them.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]

from searchidx import htmlrules as R
from searchidx.htmlmeta import (
    Element,
    canonical_url,
    document_title,
    drop_title,
    element_text,
    elements,
    head_title,
    info_lines,
    is_inside,
    norm,
    pick_title,
    read_meta,
    similar,
    strip_site,
)


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
_COMMAS = re.compile(r"[,،﹐︐︑⹁⸴⸲，、]")
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
    meta = read_meta(root)
    url = canonical_url(root, meta)
    doc_title = document_title(root)
    _drop_invisible(root)
    if not _FULL_PAGE.search(markup[:100_000]):
        paragraphs = _text_blocks(root)
        return HtmlDoc(title=pick_title(root, None, meta, doc_title), url=url, meta=tuple(meta), paragraphs=paragraphs)
    article, blocks = _best_article(root, head_title(meta) or strip_site(doc_title))
    title = pick_title(root, article, meta, doc_title)
    paragraphs = drop_title(blocks, title)
    body = root.find("body")
    meta.extend(info_lines(_text_blocks(body if body is not None else root), set(paragraphs)))
    return HtmlDoc(title=title, url=url, meta=tuple(meta), paragraphs=paragraphs)


def _bounded(markup: str) -> str:
    """Cut an oversized page (after dropping its scripts and styles) and remove control characters."""
    if len(markup) > R.MAX_MARKUP_CHARS:
        markup = R.BULKY_BLOCKS.sub(" ", markup)[: R.MAX_MARKUP_CHARS]
    return _CONTROL.sub("", markup)


def _text_blocks(root: Element) -> tuple[str, ...]:
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


def _remove(el: Element) -> None:
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


def _match_string(el: Element) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


# --- visibility ----------------------------------------------------------------------------


# Pre-selects, in C, the few elements that may be hidden; _is_hidden decides.
_MAYBE_HIDDEN = etree.XPath(
    "//*[@hidden or @aria-hidden or contains(@style, 'none') or contains(@style, 'hidden') or "
    + " or ".join(f"contains(@class, '{c}')" for c in sorted(R.HIDDEN_CLASSES)) + "]")


def _drop_invisible(root: Element) -> None:
    """Remove scripts, styles, forms' widgets and elements the page hides."""
    doomed = list(root.iter(*R.DROP_TAGS)) + [el for el in _MAYBE_HIDDEN(root) if _is_hidden(el)]
    for el in doomed:
        _remove(el)


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


# --- finding the article -------------------------------------------------------------------


@dataclass(frozen=True)
class _Pass:
    """Which rules one extraction attempt applies; later attempts drop them one by one."""

    strip_unlikely: bool = True
    weigh_classes: bool = True
    clean_conditionally: bool = True


_PASSES = (_Pass(), _Pass(strip_unlikely=False), _Pass(False, False), _Pass(False, False, False))


def _best_article(page: Element, title: str | None) -> tuple[Element | None, tuple[str, ...]]:
    """Run the passes until one keeps enough text; else keep the attempt with most prose.

    Counting only sentence-like blocks stops a laxer pass from winning with menu labels,
    and a laxer pass must find clearly more of it to be believed.
    """
    best: tuple[int, Element | None, tuple[str, ...]] = (-1, None, ())
    for rules in _PASSES:
        article = _grab_article(copy.deepcopy(page), rules, title)
        blocks = _text_blocks(article)
        prose = sum(len(b) for b in blocks if _is_prose(b))
        if best[1] is None or prose > max(best[0] * R.RETRY_GAIN, R.RETRY_MIN_PROSE):
            best = (prose, article, blocks)
            if prose >= R.MIN_ARTICLE_CHARS:
                break
    return best[1], best[2]


def _is_prose(block: str) -> bool:
    words = len(block.split())
    return words >= R.PROSE_MIN_WORDS or (words >= 3 and block[-1:] in R.SENTENCE_ENDS)


def _grab_article(root: Element, rules: _Pass, title: str | None) -> Element:
    body = root.find("body")
    body = body if body is not None else root
    _prepare(body, rules, title)
    scores = _score_paragraphs(body, rules)
    top = _top_candidate(body, scores, rules)
    declared = _declared_body(body)
    if declared is not None and not is_inside(declared, top) and not is_inside(top, declared):
        top = declared
        scores.setdefault(top, R.TAG_SCORES.get(top.tag, 0) + _class_weight(top, rules))
    leads = _leads(top)
    article = _gather(top, scores, rules)
    for lead in reversed(leads):
        lead.tail = None
        article.insert(0, lead)
    _clean_article(article, rules)
    return article


def _prepare(body: Element, rules: _Pass, title: str | None) -> None:
    """Remove unlikely containers, bylines, headings repeating the title; turn text-only divs into paragraphs."""
    # Elements themselves, not id()s: lxml proxies die and their ids get reused.
    # Only a lone or substantial <article> shields its containers: teaser cards are <article>s too.
    marked = [el for el in elements(body) if (el.tag in ("article", "main") or el.get("itemprop") == "articleBody"
              or el.get("role") == "main") and _has_text(el)]
    outermost = [el for el in marked if not any(is_inside(el, other) for other in marked if other is not el)]
    if len(outermost) == 1:
        marked = outermost
    else:
        marked = [el for el in marked if len(element_text(el)) >= R.MIN_ARTICLE_CHARS]
    protected = set(marked) | {a for el in marked for a in el.iterancestors()}
    byline_seen = False
    el = body
    while el is not None:
        match = _match_string(el)
        doomed = False
        if rules.strip_unlikely and el is not body and el.tag != "a" and el not in protected:
            doomed = (el.get("role") in R.UNLIKELY_ROLES or el.tag in ("nav", "aside")) or bool(
                R.UNLIKELY.search(match) and not R.MAYBE.search(match) and not _has_ancestor(el, ("table", "code"), 3))
        if not doomed and not byline_seen and el is not body and (
                el.get("rel") == "author" or "author" in (el.get("itemprop") or "") or R.BYLINE.search(match)):
            byline_seen = doomed = 0 < len(element_text(el)) < R.BYLINE_MAX_CHARS
        if not doomed and title and el.tag in ("h1", "h2"):
            doomed = similar(element_text(el), title) and similar(title, element_text(el))
        if not doomed and el.tag in ("div", "section", "header", *R.HEADING_TAGS) and el is not body:
            doomed = not _has_text(el) and not _has_media(el)
        if doomed:
            after = _next_outside(el, body)
            _remove(el)
            el = after
        else:
            child = next((c for c in el if isinstance(c.tag, str)), None)
            el = child if child is not None else _next_outside(el, body)
    for div in elements(body, "div"):
        if next(div.iterdescendants(*R.DIV_BLOCK_CHILDREN[1:]), None) is None:
            div.tag = "p"
        else:
            _wrap_phrasing(div)


def _next_outside(el: Element, body: Element) -> Element | None:
    """The element after ``el`` and its subtree in document order, staying inside ``body``."""
    while el is not None and el is not body:
        sib = el.getnext()
        while sib is not None and not isinstance(sib.tag, str):
            sib = sib.getnext()
        if sib is not None:
            return sib
        el = el.getparent()
    return None


def _has_text(el: Element) -> bool:
    return any(t.strip() for t in el.itertext() if isinstance(t, str))


def _attached(el: Element, body: Element) -> bool:
    """True while ``el`` still hangs below ``body`` (an ancestor may have been removed)."""
    for anc in el.iterancestors():
        if anc is body:
            return True
    return el is body


def _has_ancestor(el: Element, tags: tuple[str, ...], depth: int) -> bool:
    for i, anc in enumerate(el.iterancestors()):
        if depth and i >= depth:
            return False
        if anc.tag in tags:
            return True
    return False


def _has_media(el: Element) -> bool:
    return next(el.iter("img", "picture", "figure", "table", "hr", "pre", "ul", "ol"), None) is not None


def _wrap_phrasing(div: Element) -> None:
    """Put runs of inline content of a mixed div into their own paragraphs, so they can score."""
    if div.text and div.text.strip():
        p = etree.Element("p")
        p.text = div.text
        div.text = None
        div.insert(0, p)
    run: list[Element] = []
    for child in list(div):
        inline = isinstance(child.tag, str) and child.tag not in R.BLOCK_TAGS and child.tag not in (
            "img", "table", "figure", "picture")
        if inline:
            run.append(child)
            continue
        _wrap_run(div, run)
        run = []
        if child.tail and child.tail.strip():
            p = etree.Element("p")
            p.text = child.tail
            child.tail = None
            child.addnext(p)
    _wrap_run(div, run)


def _wrap_run(div: Element, run: list[Element]) -> None:
    if not run or not any((element_text(c) or (c.tail or "").strip()) for c in run):
        return
    p = etree.Element("p")
    run[0].addprevious(p)
    for child in run:
        p.append(child)


def _class_weight(el: Element, rules: _Pass) -> int:
    if not rules.weigh_classes:
        return 0
    weight = 0
    for value in (el.get("class"), el.get("id")):
        if value:
            weight -= R.CLASS_WEIGHT if R.NEGATIVE.search(value) else 0
            weight += R.CLASS_WEIGHT if R.POSITIVE.search(value) else 0
    return weight


def _link_density(el: Element) -> float:
    length = len(element_text(el))
    if not length:
        return 0.0
    linked = 0.0
    for a in el.iter("a"):
        coef = 0.3 if a.get("href", "").startswith("#") else 1.0
        linked += len(element_text(a)) * coef
    return linked / length


def _score_paragraphs(body: Element, rules: _Pass) -> dict[Element, float]:
    """Credit each paragraph's ancestors with its content score, halving it by distance."""
    scores: dict[Element, float] = {}
    for el in elements(body, *R.SCORED_TAGS):
        text = element_text(el)
        if len(text) < R.MIN_PARAGRAPH_CHARS or el.getparent() is None:
            continue
        score = 1 + len(_COMMAS.findall(text)) + min(len(text) // 100, 3)
        for level, anc in enumerate(el.iterancestors()):
            if level >= R.ANCESTOR_LEVELS or anc.getparent() is None:
                break
            if anc not in scores:
                scores[anc] = R.TAG_SCORES.get(anc.tag, 0) + _class_weight(anc, rules)
            scores[anc] += score / (1 if level == 0 else 2 if level == 1 else level * 3)
    for el in scores:
        scores[el] *= 1 - _link_density(el)
    return scores


def _top_candidate(body: Element, scores: dict[Element, float], rules: _Pass) -> Element:
    """Best-scoring container, moved up to a shared parent when several near-equals sit under it."""
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    if not ranked or ranked[0] is body:
        return body
    top = ranked[0]
    # Near-equal candidates elsewhere in the page mean the article is split: take their common parent.
    # Candidates nested in the top one (or holding it) only echo its own score and do not count.
    near = [c for c in ranked[1:] if scores[top] and scores[c] / scores[top] >= 0.75
            and not is_inside(c, top) and not is_inside(top, c)][: R.ALTERNATIVE_CANDIDATES]
    if len(near) >= 3:
        for parent in top.iterancestors():
            if parent is body:
                break
            if sum(1 for c in near if c is not parent and is_inside(c, parent)) >= 3:
                top = parent
                break
    if top not in scores:
        scores[top] = R.TAG_SCORES.get(top.tag, 0) + _class_weight(top, rules)
    last, parent = scores[top], top.getparent()
    threshold = last / 3
    while parent is not None and parent is not body:
        if parent in scores:
            if scores[parent] < threshold:
                break
            if scores[parent] > last:
                top = parent
                break
            last = scores[parent]
        parent = parent.getparent()
    parent = top.getparent()
    while parent is not None and parent is not body and len(parent) == 1:
        top, parent = parent, parent.getparent()
    if top not in scores:
        scores[top] = R.TAG_SCORES.get(top.tag, 0) + _class_weight(top, rules)
    return top


def _declared_body(body: Element) -> Element | None:
    """The element the publisher marked as the article body (schema.org articleBody), when there is one."""
    marked = [el for el in elements(body) if el.get("itemprop") == "articleBody"]
    return marked[0] if len(marked) == 1 and element_text(marked[0]) else None


def _leads(top: Element) -> list[Element]:
    """Lead paragraphs of the <article> holding ``top`` that come before it, outside it."""
    container = next((a for a in top.iterancestors("article")), None)
    if container is None:
        return []
    leads: list[Element] = []
    for el in container.iter():
        if el is top:
            break
        if not isinstance(el.tag, str) or any(is_inside(el, lead) for lead in leads):
            continue
        if R.LEAD.search(el.get("class", "")) or el.get("itemprop") == "description":
            if 0 < len(element_text(el)) <= R.LEAD_MAX_CHARS and not is_inside(top, el):
                leads.append(el)
    return leads


def _gather(top: Element, scores: dict[Element, float], rules: _Pass) -> Element:
    """The top container plus its siblings that score well or read as article paragraphs."""
    parent = top.getparent()
    article = etree.Element("div")
    if parent is None or top.tag == "body":
        top.tag = "div"
        return top
    threshold = max(R.SIBLING_MIN_SCORE, scores[top] * R.SIBLING_SCORE_SHARE)
    for sib in [c for c in parent if isinstance(c.tag, str)]:
        keep = sib is top
        if not keep:
            bonus = scores[top] * R.SIBLING_SCORE_SHARE if sib.get("class") and sib.get("class") == top.get(
                "class") else 0
            if sib in scores and scores[sib] + bonus >= threshold:
                keep = True
            elif sib.tag == "p":
                text = element_text(sib)
                density = _link_density(sib)
                keep = (len(text) > R.LONG_PARAGRAPH_CHARS and density < 0.25) or (
                    0 < len(text) <= R.LONG_PARAGRAPH_CHARS and density == 0 and re.search(r"\.( |$)", text) is not None)
        if keep:
            sib.tail = None
            article.append(sib)
    return article


# --- cleaning the article ------------------------------------------------------------------


def _clean_article(article: Element, rules: _Pass) -> None:
    """Remove what sits inside the article but is not its text: share bars, link lists, empty shells."""
    for tag in ("form", "fieldset"):
        _clean_conditionally(article, tag, rules)
    for el in elements(article, "footer", "aside", "nav"):
        _remove(el)
    for el in elements(article):
        if el is not article and R.SHARE.search(_match_string(el)) and len(element_text(el)) < R.SHARE_MAX_CHARS:
            _remove(el)
    for el in elements(article, "h1", "h2"):
        if _class_weight(el, rules) < 0:
            _remove(el)
    for tag in ("table", "ul", "div"):
        _clean_conditionally(article, tag, rules)
    for p in elements(article, "p"):
        if not element_text(p) and not _has_media(p):
            _remove(p)


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


def _clean_conditionally(article: Element, tag: str, rules: _Pass) -> None:
    """Drop containers of ``tag`` that look like link lists, image strips, forms or empty widgets."""
    if not rules.clean_conditionally:
        return
    for el in reversed(elements(article, tag)):
        if el is article or not _attached(el, article):
            continue
        if _should_remove(el, tag, rules):
            _remove(el)


def _should_remove(el: Element, tag: str, rules: _Pass) -> bool:
    if tag == "table" and _is_data_table(el):
        return False
    if any(a.tag == "table" and _is_data_table(a) for a in el.iterancestors("table")):
        return False
    if _has_ancestor(el, ("code", "pre"), 0) or any(_is_data_table(t) for t in el.iter("table") if t is not el):
        return False
    text = element_text(el)
    is_list = tag in ("ul", "ol")
    if not is_list and text:
        list_len = sum(len(element_text(lst)) for lst in el.iter("ul", "ol"))
        is_list = list_len / len(text) > 0.9
    weight = _class_weight(el, rules)
    if weight < 0:
        return True
    if len(_COMMAS.findall(text)) >= 10:
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
    in_figure = _has_ancestor(el, ("figure",), 0)
    density = _link_density(el)
    remove = (
        (not in_figure and imgs > 1 and paras / imgs < 0.5)
        or (not is_list and items > paras)
        or (inputs > paras // 3)
        or (not is_list and not in_figure and heading_density < 0.9 and len(text) < 25
            and (imgs == 0 or imgs > 2) and density > 0)
        or (not is_list and weight < 25 and density > 0.2)
        or (weight >= 25 and density > 0.5)
        or (embeds == 1 and len(text) < 75) or embeds > 1
    )
    if is_list and remove:
        children = [c for c in el if isinstance(c.tag, str)]
        if children and all(len(c) <= 1 for c in children) and imgs == len(children):
            return False
    return remove
