"""The quotes page and /api/quotes: statements ranked on their own, once the library has quote search (issue 14)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from webdocs import SPEAKERS, STORIES

from searchidx import Index
from searchidx.web.views import LIBRARY_QUOTES

needs_quotes = pytest.mark.skipif(not LIBRARY_QUOTES, reason="the library has no Index.quotes yet (issue 14)")


@pytest.mark.skipif(LIBRARY_QUOTES, reason="the library has quote search")
def test_without_quote_search_the_page_says_so(client: TestClient) -> None:
    r = client.get("/quotes", params={"q": "envoys"})
    assert r.status_code == 501 and "quote search needs" in r.text
    assert client.get("/api/quotes", params={"q": "envoys"}).json() == {
        "error": "quote search needs a searchidx with `searchidx quotes` (issue 14)"}
    assert 'href="/quotes' not in client.get("/").text


@needs_quotes
def test_quotes_are_listed_with_speaker_role_cue_marks_and_their_article(client: TestClient) -> None:
    r = client.get("/quotes", params={"q": "progress", "sort": "date"})
    assert r.status_code == 200
    assert f"<strong>{STORIES}</strong> statements" in r.text
    first = r.text.split('<li class="quote">')[1]
    assert f'>{SPEAKERS[(STORIES - 1) % 2]}</a> <span class="role">(Deputy Minister)</span>' in first
    assert '<span class="cue">said</span>' in first
    assert "&#34;The envoys made <mark>progress</mark>,&#34;" in first
    article = re.search(r'<p class="facts"><a href="([^"]*)">([^<]*)</a>', first)
    assert article is not None and article.group(2) == f"Envoys meet in Geneva for round {STORIES - 1}"
    page = client.get(unescape(article.group(1)))
    assert page.status_code == 200 and "<mark>progress</mark>" in page.text


@needs_quotes
def test_the_speaker_link_and_facets_stay_on_the_quotes_page(client: TestClient) -> None:
    r = client.get("/quotes", params={"q": "progress"})
    href = re.search(r'<a class="speaker" href="([^"]*)">Omar Haddad</a>', r.text)
    assert href is not None and unescape(href.group(1)) == "/quotes?q=progress&speaker=Omar+Haddad"
    narrowed = client.get(unescape(href.group(1))).text
    assert f"<strong>{STORIES // 2}</strong> statements" in narrowed
    assert '<form class="search" action="/quotes"' in narrowed and 'href="/?q=progress&amp;speaker=Omar+Haddad">Articles' in narrowed


@needs_quotes
def test_api_quotes_has_the_quotes_json_fields(client: TestClient, web_index: Path) -> None:
    from searchidx import render

    data = client.get("/api/quotes", params={"q": "progress", "size": "3", "page": "2"}).json()
    with Index.open(web_index) as ix:
        expected = ix.quotes("progress", limit=6, count=True)  # type: ignore[attr-defined]
    assert data["quotes"] == [render.quote_dict(q) for q in expected.quotes[3:6]]  # type: ignore[attr-defined]
    assert data["total"] == expected.total == STORIES and data["facets"] is None


@needs_quotes
def test_hostile_statements_are_escaped(client: TestClient) -> None:
    r = client.get("/quotes", params={"q": "reject"})
    assert "&lt;script&gt;window.__xss=4&lt;/script&gt;" in r.text and "<script>window" not in r.text
