"""HTML page -> article blocks: strips scripts, menus, footers and other boilerplate.

(Placeholder: the real boilerplate remover replaces this.)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HtmlDoc:
    """What an HTML page holds: its head's metadata and the article's text blocks in order."""

    title: str | None
    url: str | None
    meta: tuple[tuple[str, str], ...]
    paragraphs: tuple[str, ...]


def parse_html(markup: str) -> HtmlDoc:
    """Parse a saved page and keep the article's paragraphs, dropping page boilerplate."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    paras = tuple(p.get_text(" ", strip=True) for p in soup.find_all("p") if p.get_text(strip=True))
    return HtmlDoc(title=title, url=None, meta=(), paragraphs=paras)
