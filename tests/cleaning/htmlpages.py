"""Small HTML builders shared by the HTML cleaner's test files."""

from __future__ import annotations

from searchidx.cleaning.html.doc import HtmlDoc

# A sentence long enough to count as article prose.
LONG = (
    "The delegations discussed trade, energy and transport, and agreed to meet again in the spring, "
    "officials said after the talks, which lasted for most of the day."
)


def page(body: str, head: str = "") -> str:
    """A full page around ``body``: the article rules apply only to full pages, not fragments."""
    return f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{body}</body></html>"


def article(*paragraphs: str) -> str:
    """An <article> holding ``paragraphs``."""
    return "<article><div class='article-body'>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></article>"


def meta_of(doc: HtmlDoc, key: str) -> list[str]:
    """The values the page's metadata holds under ``key``."""
    return [v for k, v in doc.meta if k == key]
