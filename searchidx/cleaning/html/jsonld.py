"""JSON-LD -> metadata pairs: what a page's schema.org block says about its main story.

Publishers describe the article in ``<script type="application/ld+json">``: its headline,
``datePublished``, ``dateCreated``, ``dateModified``, ``dateline``. Only the main entity counts
(a top-level object, or one in ``@graph``, whose ``@type`` is an article type): the same keys
are set on embedded photos, videos and on each update of a live blog, which are nested deeper.
Values come out as ``("jsonld:<key>", value)`` pairs for ``Page.meta``; a block that is not valid
JSON is skipped, as a browser would.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from .meta import Element, norm

# schema.org types of the page's own story, most specific first; a plain web page only when no
# article is declared.
ARTICLE_TYPES: tuple[str, ...] = (
    "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
    "ReviewNewsArticle", "LiveBlogPosting", "Article", "BlogPosting", "SocialMediaPosting", "Report",
    "ScholarlyArticle", "TechArticle",
)
PAGE_TYPES: tuple[str, ...] = ("WebPage", "ItemPage", "CollectionPage")
# Keys read from the main entity, written lower-case after "jsonld:".
KEYS: tuple[str, ...] = ("headline", "datePublished", "dateCreated", "dateModified", "dateline")


def _types(obj: dict[str, object]) -> set[str]:
    kind = obj.get("@type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


def _top_objects(data: object) -> Iterator[dict[str, object]]:
    """Objects at the top of a JSON-LD block: the block itself, a list's items, ``@graph`` items."""
    if isinstance(data, list):
        for item in data:
            yield from _top_objects(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from (item for item in graph if isinstance(item, dict))


def _blocks(root: Element) -> Iterator[object]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        text = script.text.strip()
        if text.startswith("<!--"):
            text = text[4:].rsplit("-->", 1)[0]
        try:
            yield json.loads(text)
        except ValueError:
            continue


def main_entity(root: Element) -> dict[str, object] | None:
    """The JSON-LD object that describes the page's story, or None."""
    objects = [obj for block in _blocks(root) for obj in _top_objects(block)]
    for wanted in (ARTICLE_TYPES, PAGE_TYPES):
        for kind in wanted:
            for obj in objects:
                if kind in _types(obj):
                    return obj
    return None


def read_jsonld(root: Element) -> list[tuple[str, str]]:
    """The main entity's headline, dates and dateline as ("jsonld:<key>", value) pairs."""
    entity = main_entity(root)
    if entity is None:
        return []
    pairs: list[tuple[str, str]] = []
    for key in KEYS:
        value = entity.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            pairs.append(("jsonld:" + key.lower(), norm(str(value))))
    return pairs
