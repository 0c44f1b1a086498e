"""Raw page -> Page: the article's text, with what the page's head says kept aside.

(Placeholder: the real cleaner replaces this.)
"""

from __future__ import annotations

from collections.abc import Mapping

from .htmlclean import parse_html
from .models import Page


def clean(raw: str, kind: str = "txt", path: str = "") -> Page:
    """Clean one page's text; ``kind`` is "txt" or "html"."""
    if kind == "html":
        doc = parse_html(raw)
        return Page(path=path, body="\n\n".join(doc.paragraphs), title=doc.title, kind=kind, url=doc.url, meta=doc.meta)
    lines = [ln.strip() for ln in raw.splitlines()]
    lines = [ln for ln in lines if ln]
    title = lines[0] if lines else None
    return Page(path=path, body="\n\n".join(lines[1:]), title=title, kind=kind)


def clean_record(record: Mapping[str, object], path: str = "") -> Page:
    """Clean one JSONL article record (keys such as title, date, url, body or html)."""
    body = str(record.get("body") or record.get("text") or record.get("content") or "")
    html = record.get("html") or record.get("content_html")
    if html and not body:
        return clean(str(html), kind="html", path=path)
    return Page(path=path, body=body, title=str(record.get("title") or "") or None, kind="jsonl")
