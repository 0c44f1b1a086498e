"""The quotes page and /api/quotes: statements ranked on their own, as `searchidx quotes` ranks them."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from starlette.testclient import TestClient
from webdocs import SPEAKERS, STORIES

from searchidx import Index

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


def test_the_speaker_link_and_facets_stay_on_the_quotes_page(client: TestClient) -> None:
    r = client.get("/quotes", params={"q": "progress"})
    href = re.search(r'<a class="speaker" href="([^"]*)">Omar Haddad</a>', r.text)
    assert href is not None and unescape(href.group(1)) == "/quotes?q=progress&speaker=Omar+Haddad"
    narrowed = client.get(unescape(href.group(1))).text
    assert f"<strong>{STORIES // 2}</strong> statements" in narrowed
    assert '<form class="search" action="/quotes"' in narrowed and 'href="/?q=progress&amp;speaker=Omar+Haddad">Articles' in narrowed


def test_api_quotes_has_the_quotes_json_fields(client: TestClient, web_index: Path) -> None:
    from searchidx import render

    data = client.get("/api/quotes", params={"q": "progress", "size": "3", "page": "2"}).json()
    with Index.open(web_index) as ix:
        expected = ix.quotes("progress", limit=6, count=True)
    assert data["quotes"] == [render.quote_dict(q) for q in expected.quotes[3:6]]
    assert data["total"] == expected.total == STORIES and data["facets"] is None


def test_hostile_statements_are_escaped(client: TestClient) -> None:
    r = client.get("/quotes", params={"q": "reject"})
    assert "&lt;script&gt;window.__xss=4&lt;/script&gt;" in r.text and "<script>window" not in r.text
