"""Copies of one story on the search page and in the API: one hit per story with its copies named, an
"all copies" toggle, and both counts; an article's page and JSON name its copies and similar articles."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from starlette.testclient import TestClient

from searchidx import Index
from searchidx.render import copy_dict, hit_dict
from webdocs import HOSTILE_PUBLISHER

HITS = re.compile(r'<li class="hit">\s*<h2><a href="[^"]*">([^<]*)</a>')
COPIES = re.compile(r'<p class="copies">(.*?)</p>', re.S)


def test_one_hit_per_story_names_its_copies_with_links(copies_client: TestClient) -> None:
    r = copies_client.get("/", params={"q": "floods"})
    assert r.status_code == 200
    assert len(HITS.findall(r.text)) == 3
    assert "<strong>3</strong> stories (7 articles with their copies)" in r.text
    (copies,) = COPIES.findall(r.text)
    assert copies.strip().startswith("+4 copies:")
    links = re.findall(r'<a href="(/article\?id=[^"]*)">([^<]*)</a>', copies)
    assert len(links) == 4 and all("q=floods" in href for href, _ in links)
    names = [unescape(n) for _, n in links]
    assert HOSTILE_PUBLISHER in names  # shown as the characters it holds...
    assert HOSTILE_PUBLISHER not in r.text and "window.__xss=20" in r.text  # ...escaped, never markup
    assert len(set(names)) == 4 and all(n.endswith(".txt") for n in names if n != HOSTILE_PUBLISHER)
    assert '<a href="/?q=floods&amp;all_copies=1">all copies</a>' in r.text
    article = copies_client.get(unescape(links[0][0]))
    assert article.status_code == 200 and re.search(r"<mark[^>]*>floods</mark>", article.text)


def test_the_toggle_lists_every_copy_and_goes_back(copies_client: TestClient) -> None:
    r = copies_client.get("/", params={"q": "floods", "all_copies": "1"})
    assert r.status_code == 200 and len(HITS.findall(r.text)) == 7
    assert "<strong>7</strong> matches (3 stories)" in r.text
    assert len(COPIES.findall(r.text)) == 5  # each copy still names the other four
    assert '<a href="/?q=floods">one hit per story</a>' in r.text
    assert 'all_copies: 1' not in r.text  # a view, not a filter to remove
    assert '<input type="hidden" name="all_copies" value="1">' in r.text  # kept when filters or the query change
    sorted_page = copies_client.get("/", params={"q": "floods", "all_copies": "1", "sort": "date"}).text
    assert len(HITS.findall(sorted_page)) == 7


def test_a_page_without_copies_has_no_toggle(copies_client: TestClient) -> None:
    r = copies_client.get("/", params={"q": "Rogun"})
    assert r.status_code == 200 and "<strong>1</strong> match" in r.text
    assert "copies-toggle" not in r.text and 'class="copies"' not in r.text


def test_pages_count_stories_when_copies_are_collapsed(copies_client: TestClient) -> None:
    r = copies_client.get("/", params={"q": "floods", "size": "2"})
    assert "page 1 of 2" in r.text
    assert "page 1 of 4" in copies_client.get("/", params={"q": "floods", "size": "2", "all_copies": "1"}).text


def test_api_search_says_both_counts_and_takes_all_copies(copies_client: TestClient) -> None:
    data = copies_client.get("/api/search", params={"q": "floods", "facets": "1"}).json()
    assert (data["total"], data["stories"], data["all_copies"]) == (7, 3, False)
    assert len(data["hits"]) == 3
    grouped = [h for h in data["hits"] if h["copies"]]
    assert len(grouped) == 1 and len(grouped[0]["copies"]) == 4
    assert sum(m["count"] for m in data["facets"]["months"]) == 7  # facets count articles, copies included
    every = copies_client.get("/api/search", params={"q": "floods", "all_copies": "1"}).json()
    assert (every["total"], every["stories"], every["all_copies"], len(every["hits"])) == (7, 3, True, 7)
    counts = copies_client.get("/api/facets", params={"q": "floods"}).json()
    assert (counts["total"], counts["stories"]) == (7, 3)
    bad = copies_client.get("/api/search", params={"q": "floods", "all_copies": "maybe"})
    assert bad.status_code == 400 and "all_copies must be 1 or 0" in bad.json()["error"]


ARTICLE_COPIES = re.compile(r'<p class="copies">The same story, (\d+) cop(?:y|ies):(.*?)</p>', re.S)
SIMILAR = re.compile(r'<section class="similar" id="similar">(.*?)</section>', re.S)
LINK = re.compile(r'<a href="(/article\?id=[^"]*)">([^<]*)')


def test_an_article_links_the_copies_of_its_story(copies_client: TestClient, copies_index: Path) -> None:
    news = copies_index.parent / "news"
    r = copies_client.get("/article", params={"id": str(news / "wire.txt"), "q": "floods"})
    assert r.status_code == 200
    ((count, copies),) = ARTICLE_COPIES.findall(r.text)
    links = LINK.findall(copies)
    assert count == "4" and len(links) == 4
    ids = {parse_qs(urlsplit(unescape(href)).query)["id"][0] for href, _ in links}
    record = {i for i in ids if i.startswith(f"{news / 'feed.jsonl'}#")}  # a JSONL record: FILE#KEY
    assert ids - record == {str(news / n) for n in ("portal.txt", "daily.txt", "brief.txt")} and len(record) == 1
    assert all("q=floods" in href for href, _ in links)  # the search goes along, its words marked there too
    assert unescape(links[0][1]).startswith("daily.txt")  # earliest first
    lone = copies_client.get("/article", params={"id": str(news / "dam.txt")})
    assert lone.status_code == 200 and not ARTICLE_COPIES.search(lone.text)


def test_an_article_lists_similar_stories_but_not_its_own_copies(copies_client: TestClient,
                                                                  copies_index: Path) -> None:
    news = copies_index.parent / "news"
    r = copies_client.get("/article", params={"id": str(news / "wire.txt")})
    assert '<a href="#similar">Similar articles</a>' in r.text
    (section,) = SIMILAR.findall(r.text)
    titles = [unescape(t) for _, t in LINK.findall(section)]
    assert sorted(titles) == ["Bank lends for rivers", "Dam talks stall"]  # the other flood stories only
    dam = SIMILAR.findall(copies_client.get("/article", params={"id": str(news / "dam.txt")}).text)[0]
    assert len(LINK.findall(dam)) == 2 and "+4 copies" in dam  # the story of five shows once, its copies counted


def test_api_article_and_api_similar_carry_the_copies_and_similar_hits(copies_client: TestClient,
                                                                       copies_index: Path) -> None:
    news = copies_index.parent / "news"
    wire = str(news / "wire.txt")
    data = copies_client.get("/api/article", params={"id": wire}).json()
    assert [c["id"] for c in data["copies"]][0] == str(news / "daily.txt") and len(data["copies"]) == 4
    with Index.open(copies_index) as ix:
        assert data["copies"] == [copy_dict(c) for c in ix.copies(wire)]
        assert data["similar"] == [hit_dict(h) for h in ix.similar(wire, limit=5).hits]
        one = [hit_dict(h) for h in ix.similar(str(news / "dam.txt"), limit=1).hits]
    api = copies_client.get("/api/similar", params={"id": str(news / "dam.txt"), "limit": "1"})
    assert api.json() == {"similar_to": str(news / "dam.txt"), "hits": one} and len(one) == 1
    missing = copies_client.get("/api/similar", params={"id": str(news / "nothing.txt")})
    assert missing.status_code == 404 and "no document" in missing.json()["error"]
    bad = copies_client.get("/api/similar", params={"id": wire, "limit": "0"})
    assert bad.status_code == 400 and "limit must be a whole number" in bad.json()["error"]
