"""Page tree -> article container: finds which part of a full page holds the article.

The first half of HTML cleaning, the way content extractors do it: `best_article` removes
unlikely containers (menus, sidebars, comments), bylines and headings that repeat the title,
turns text-only divs into paragraphs, then scores each container by the paragraphs it holds
(their length and commas), weighed by class/id words and link density. The best one is moved up
to a shared parent when the article is split, joined by its worthy siblings and the lead
paragraphs before it, and handed to `htmltext.clean_article`. When an attempt keeps too little
prose it retries with fewer rules (`_PASSES`). The rules come from `htmlrules`.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from . import rules as R
from .meta import Element, element_text, elements, is_inside, similar
from .text import (
    COMMAS,
    Pass,
    class_weight,
    clean_article,
    has_ancestor,
    has_media,
    link_density,
    match_string,
    remove,
    text_blocks,
)

_PASSES = (Pass(), Pass(strip_unlikely=False), Pass(False, False), Pass(False, False, False))


def best_article(page: Element, title: str | None) -> tuple[Element | None, tuple[str, ...]]:
    """Run the passes until one keeps enough text; else keep the attempt with most prose.

    Counting only sentence-like blocks stops a laxer pass from winning with menu labels,
    and a laxer pass must find clearly more of it to be believed.
    """
    best: tuple[int, Element | None, tuple[str, ...]] = (-1, None, ())
    for rules in _PASSES:
        article = _grab_article(copy.deepcopy(page), rules, title)
        blocks = text_blocks(article)
        prose = sum(len(b) for b in blocks if _is_prose(b))
        if best[1] is None or prose > max(best[0] * R.RETRY_GAIN, R.RETRY_MIN_PROSE):
            best = (prose, article, blocks)
            if prose >= R.MIN_ARTICLE_CHARS:
                break
    return best[1], best[2]


def _is_prose(block: str) -> bool:
    words = len(block.split())
    return words >= R.PROSE_MIN_WORDS or (words >= 3 and block[-1:] in R.SENTENCE_ENDS)


def _grab_article(root: Element, rules: Pass, title: str | None) -> Element:
    body = root.find("body")
    body = body if body is not None else root
    _prepare(body, rules, title)
    scores = _score_paragraphs(body, rules)
    top = _top_candidate(body, scores, rules)
    declared = _declared_body(body)
    if declared is not None and not is_inside(declared, top) and not is_inside(top, declared):
        top = declared
        scores.setdefault(top, R.TAG_SCORES.get(top.tag, 0) + class_weight(top, rules))
    leads = _leads(top)
    article = _gather(top, scores, rules)
    for lead in reversed(leads):
        lead.tail = None
        article.insert(0, lead)
    clean_article(article, rules)
    return article


def _prepare(body: Element, rules: Pass, title: str | None) -> None:
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
        match = match_string(el)
        doomed = False
        if rules.strip_unlikely and el is not body and el.tag != "a" and el not in protected:
            doomed = (el.get("role") in R.UNLIKELY_ROLES or el.tag in ("nav", "aside")) or bool(
                R.UNLIKELY.search(match) and not R.MAYBE.search(match) and not has_ancestor(el, ("table", "code"), 3)
                and not (any(is_inside(el, m) for m in marked) and _wraps_story_text(el)))
        if not doomed and not byline_seen and el is not body and (
                el.get("rel") == "author" or "author" in (el.get("itemprop") or "") or R.BYLINE.search(match)):
            byline_seen = doomed = 0 < len(element_text(el)) < R.BYLINE_MAX_CHARS
        if not doomed and title and el.tag in ("h1", "h2"):
            doomed = similar(element_text(el), title) and similar(title, element_text(el))
        if not doomed and el.tag in ("div", "section", "header", *R.HEADING_TAGS) and el is not body:
            doomed = not _has_text(el) and not has_media(el)
        if doomed:
            after = _next_outside(el, body)
            remove(el)
            el = after
        else:
            child = next((c for c in el if isinstance(c.tag, str)), None)
            el = child if child is not None else _next_outside(el, body)
    for div in elements(body, "div"):
        if next(div.iterdescendants(*R.DIV_BLOCK_CHILDREN[1:]), None) is None:
            div.tag = "p"
        else:
            _wrap_phrasing(div)


def _wraps_story_text(el: Element) -> bool:
    """Whether ``el`` holds a block the page calls content ("article__content") with paragraphs
    of sentences in it: then a layout class ("sidebar-grid__container") does not make it a sidebar."""
    for block in el.iter("div", "section"):
        if block is el or not R.MAYBE.search(match_string(block)):
            continue
        sentences = [p for p in block if p.tag == "p" and len(element_text(p)) >= R.LONG_PARAGRAPH_CHARS
                     and element_text(p)[-1:] in R.SENTENCE_ENDS]
        if len(sentences) >= R.STORY_PARAGRAPHS:
            return True
    return False


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


def _score_paragraphs(body: Element, rules: Pass) -> dict[Element, float]:
    """Credit each paragraph's ancestors with its content score, halving it by distance."""
    scores: dict[Element, float] = {}
    for el in elements(body, *R.SCORED_TAGS):
        text = element_text(el)
        if len(text) < R.MIN_PARAGRAPH_CHARS or el.getparent() is None:
            continue
        score = 1 + len(COMMAS.findall(text)) + min(len(text) // 100, 3)
        for level, anc in enumerate(el.iterancestors()):
            if level >= R.ANCESTOR_LEVELS or anc.getparent() is None:
                break
            if anc not in scores:
                scores[anc] = R.TAG_SCORES.get(anc.tag, 0) + class_weight(anc, rules)
            scores[anc] += score / (1 if level == 0 else 2 if level == 1 else level * 3)
    for el in scores:
        scores[el] *= 1 - link_density(el)
    return scores


def _top_candidate(body: Element, scores: dict[Element, float], rules: Pass) -> Element:
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
        scores[top] = R.TAG_SCORES.get(top.tag, 0) + class_weight(top, rules)
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
        scores[top] = R.TAG_SCORES.get(top.tag, 0) + class_weight(top, rules)
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


def _gather(top: Element, scores: dict[Element, float], rules: Pass) -> Element:
    """The top container plus its siblings that score well or read as article paragraphs."""
    parent = top.getparent()
    article = etree.Element("div")
    if parent is None or top.tag == "body":
        top.tag = "div"
        return top
    threshold = max(R.SIBLING_MIN_SCORE, scores[top] * R.SIBLING_SCORE_SHARE)
    before, after = _continuations(top, scores, threshold)
    for sib in [c for c in parent if isinstance(c.tag, str)]:
        keep = sib is top
        if not keep:
            bonus = scores[top] * R.SIBLING_SCORE_SHARE if sib.get("class") and sib.get("class") == top.get(
                "class") else 0
            if sib in scores and scores[sib] + bonus >= threshold:
                keep = True
            elif sib.tag == "p":
                text = element_text(sib)
                density = link_density(sib)
                keep = (len(text) > R.LONG_PARAGRAPH_CHARS and density < 0.25) or (
                    0 < len(text) <= R.LONG_PARAGRAPH_CHARS and density == 0 and re.search(r"\.( |$)", text) is not None)
        if keep:
            sib.tail = None
            article.append(sib)
    for part in reversed(before):
        part.tail = None
        article.insert(0, part)
    for part in after:
        part.tail = None
        article.append(part)
    return article


def _continuations(top: Element, scores: dict[Element, float], threshold: float) -> tuple[list[Element], list[Element]]:
    """Parts of the story the page split off into a twin of the top container's parent: the
    same wrapper, repeated after an advertisement or a "Trending" box, holding a container of
    the top's own class. Returned as the parts before and after the top's parent."""
    parent = top.getparent()
    grand = parent.getparent() if parent is not None else None
    if grand is None or not top.get("class") or not parent.get("class"):
        return [], []
    before: list[Element] = []
    after: list[Element] = []
    seen_parent = False
    for uncle in grand:
        if uncle is parent:
            seen_parent = True
            continue
        if not isinstance(uncle.tag, str) or uncle.tag != parent.tag or uncle.get("class") != parent.get("class"):
            continue
        for cousin in uncle:
            if (isinstance(cousin.tag, str) and cousin.tag == top.tag and cousin.get("class") == top.get("class")
                    and scores.get(cousin, 0) >= threshold):
                (after if seen_parent else before).append(cousin)
    return before, after
