"""Every route and error through Starlette's test client: pages, the JSON API, headers, hosts."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from searchidx import Index
from searchidx.render import hit_dict, document_dict
from searchidx.web import create_app
from searchidx.web.params import MAX_DEPTH, MAX_PAGE_SIZE, MAX_QUERY_CHARS

from webdocs import SEED_NAME, STORIES

HIT_TITLES = re.compile(r'<li class="hit">\s*<h2><a href="([^"]*)">([^<]*)</a>')


def titles(html: str) -> list[str]:
    return [unescape(t) for _, t in HIT_TITLES.findall(html)]


def test_front_page_has_the_box_and_the_syntax_help(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<input id="q" name="q" type="search" value=""' in r.text
    assert "speaker:lavrov" in r.text and '<details class="syntax" open>' in r.text
    assert 'class="hits"' not in r.text


def test_search_lists_hits_with_their_facts_and_marked_snippets(client: TestClient) -> None:
    r = client.get("/", params={"q": "marker7"})
    assert r.status_code == 200
    assert titles(r.text) == ["Envoys meet in Geneva for round 7"]
    assert "<strong>1</strong> match" in r.text
    assert '<time datetime="2021-04-15">2021-04-15</time>' in r.text
    assert '<span class="dateline">GENEVA</span>' in r.text and '<span class="source">Reuters</span>' in r.text
    assert '<a href="/?q=marker7&amp;speaker=Omar+Haddad">Omar Haddad</a>' in r.text
    assert "The <mark>marker7</mark> delegation" in r.text


def test_pages_follow_each_other_without_gaps_or_repeats(client: TestClient, web_index: Path) -> None:
    seen: list[str] = []
    for page in (1, 2, 3):
        r = client.get("/", params={"q": "envoys", "sort": "date", "page": page})
        assert r.status_code == 200
        seen += titles(r.text)
    with Index.open(web_index) as ix:
        expected = [h.title for h in ix.search("envoys", sort="date", limit=100).hits]
    assert seen == expected[:len(seen)] and len(seen) == len(expected) > 20
    first = client.get("/", params={"q": "envoys", "sort": "date"}).text
    assert 'rel="next" href="/?q=envoys&amp;sort=date&amp;page=2"' in first and 'rel="prev"' not in first
    assert f"page 1 of {-(-len(expected) // 10)}" in first


def test_sort_by_date_puts_the_newest_story_first_and_links_both_orders(client: TestClient) -> None:
    r = client.get("/", params={"q": "envoys NOT summit", "sort": "date"})
    assert titles(r.text)[0] == f"Envoys meet in {('Astana', 'Geneva', 'Vienna')[(STORIES - 1) % 3]} for round {STORIES - 1}"
    assert '<strong aria-current="true">date</strong>' in r.text and '<a href="/?q=envoys+NOT+summit">relevance</a>' in r.text


def test_filters_from_the_query_string_combine_and_can_each_be_removed(client: TestClient) -> None:
    r = client.get("/", params={"q": "envoys", "dateline": "Geneva", "speaker": "Omar Haddad", "size": "50"})
    got = titles(r.text)
    assert got and all("Geneva" in t for t in got)
    rounds = sorted(int(t.rsplit(" ", 1)[1]) for t in got)
    assert rounds == [n for n in range(STORIES) if n % 3 == 1 and n % 2 == 1]
    assert 'href="/?q=envoys&amp;speaker=Omar+Haddad&amp;size=50" title="Remove this filter">dateline: Geneva' in r.text


def test_dates_filter_inclusively(client: TestClient) -> None:
    r = client.get("/", params={"q": "envoys", "since": "2021-03-01", "until": "2021-03-15"})
    assert sorted(titles(r.text)) == ["Envoys meet in Geneva for round 4", "Envoys meet in Vienna for round 5"]


def test_a_filter_alone_lists_its_articles(client: TestClient) -> None:
    r = client.get("/", params={"source": "AFP", "size": "100"})
    assert r.status_code == 200 and len(titles(r.text)) == len(range(2, STORIES, 3))


def test_a_bad_query_says_why_in_one_line_on_the_page(client: TestClient) -> None:
    r = client.get("/", params={"q": "date:[foo to bar]"})
    assert r.status_code == 400
    (line,) = re.findall(r'<p class="error" role="alert">([^<]*)</p>', r.text)
    assert "cannot parse query" in line and "\n" not in line
    assert 'value="date:[foo to bar]"' in r.text  # the box keeps what was typed


@pytest.mark.parametrize(("params", "message"), [
    ({"q": "x" * (MAX_QUERY_CHARS + 1)}, "at most 1,000 are searched"),
    ({"q": "envoys", "since": "yesterday"}, "since &#39;yesterday&#39; is not a date"),
    ({"q": "envoys", "sort": "chaos"}, "unknown sort"),
    ({"q": "envoys", "page": "0"}, "page must be a whole number from 1"),
    ({"q": "envoys", "page": "-3"}, "page must be a whole number"),
    ({"q": "envoys", "size": "ten"}, "size must be a whole number"),
    ({"q": "envoys", "speaker": "x" * 201}, "speaker is too long"),
])
def test_bad_parameters_are_400_with_the_reason(client: TestClient, params: dict[str, str], message: str) -> None:
    r = client.get("/", params=params)
    assert r.status_code == 400 and message in r.text
    api = client.get("/api/search", params=params)
    assert api.status_code == 400 and message.replace("&#39;", "'") in api.json()["error"]


def test_a_huge_page_number_is_an_empty_page_not_an_error(client: TestClient) -> None:
    r = client.get("/", params={"q": "envoys", "page": "99999999999"})
    assert r.status_code == 200 and titles(r.text) == []
    assert "No hits on page 99999999999" in r.text and 'href="/?q=envoys">Go to the first page' in r.text
    api = client.get("/api/search", params={"q": "envoys", "page": "99999999999"}).json()
    assert api["hits"] == [] and api["total"] >= STORIES


def test_pages_stop_at_the_depth_limit(client: TestClient) -> None:
    size = 10
    r = client.get("/", params={"q": "envoys", "page": str(MAX_DEPTH // size + 1)})
    assert r.status_code == 200 and titles(r.text) == []


def test_page_size_is_capped(client: TestClient) -> None:
    api = client.get("/api/search", params={"q": "envoys OR summit OR ministers", "size": "100000"}).json()
    assert api["size"] == MAX_PAGE_SIZE and len(api["hits"]) == api["total"] <= MAX_PAGE_SIZE


def test_a_misspelling_is_searched_corrected_with_a_link_to_the_words_as_typed(client: TestClient) -> None:
    r = client.get("/", params={"q": "envoyss"})
    assert "No matches" not in r.text and titles(r.text)
    assert ('Showing results for <strong>envoys</strong>. Search instead for '
            '<a href="/?q=envoyss&amp;exact=1">envoyss</a>') in r.text
    data = client.get("/api/search", params={"q": "envoyss"}).json()
    assert (data["query"], data["searched"], data["corrected_from"]) == ("envoyss", "envoys", "envoyss")
    # An article opened from the hits marks the words searched, not the misspelling.
    link = unescape(re.search(r'<li class="hit">\s*<h2><a href="([^"]*)"', r.text).group(1))
    assert parse_qs(urlsplit(link).query)["q"] == ["envoys"]
    assert "<mark>" in client.get(link).text


def test_no_match_as_typed_offers_a_spelling_suggestion_as_a_link(client: TestClient) -> None:
    r = client.get("/", params={"q": "envoyss", "exact": "1"})
    assert "No matches" in r.text and "Showing results" not in r.text
    assert re.search(r'Did you mean <a href="/\?q=envoy[^"]*">', r.text)


def test_api_search_has_the_query_json_fields_for_the_same_hits(client: TestClient, web_index: Path) -> None:
    r = client.get("/api/search", params={"q": "envoys", "sort": "date", "page": "2", "size": "5"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    data = r.json()
    with Index.open(web_index) as ix:
        result = ix.search("envoys", sort="date", limit=10, count=True)
    assert data["hits"] == [hit_dict(h) for h in result.hits[5:10]]
    assert {k: data[k] for k in ("query", "sort", "page", "size", "total", "filters", "suggestion", "searched",
                                 "corrected_from")} == {
        "query": "envoys", "sort": "date", "page": 2, "size": 5, "total": result.total, "filters": {},
        "suggestion": None, "searched": "envoys", "corrected_from": None}


def test_api_search_filters_echo_as_given(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "envoys", "source": "Xinhua", "since": "2021-06-01"}).json()
    assert data["filters"] == {"source": "Xinhua", "since": "2021-06-01"}
    assert data["hits"] and all(h["source"] == "Xinhua" and h["date"] >= "2021-06-01" for h in data["hits"])


def test_api_search_without_a_query_is_a_400(client: TestClient) -> None:
    r = client.get("/api/search")
    assert r.status_code == 400 and r.json() == {
        "error": "empty query: give words to search for (q=), or a filter such as speaker="}


def test_article_page_shows_the_whole_text_every_match_and_the_statements(client: TestClient, web_folder: Path,
                                                                          web_index: Path) -> None:
    doc_id = str(web_folder / SEED_NAME)
    r = client.get("/article", params={"id": doc_id, "q": "Russia"})
    assert r.status_code == 200
    with Index.open(web_index) as ix:
        doc = ix.get(doc_id)
        marks = len(ix.highlight(doc.body, "Russia").matches)
        quoted = sum(len(ix.highlight(st.text, "Russia").matches) for st in doc.statements)
    assert "<h1>Chinese, Russian FMs pledge mutual support on core interests</h1>" in r.text
    assert r.text.count("<mark") == marks + quoted and marks > 3
    assert f"{marks} matches of <q>Russia</q>" in r.text and '<mark id="first-match">' in r.text
    assert r.text.count('<li>\n        <strong class="speaker">') == len(doc.statements) > 0
    assert all(f'<span class="anchor" id="s{i}">' in r.text for i in range(1, len(doc.statements) + 1))
    assert 'href="/?q=Russia">‹ Back to the results' in r.text
    last_words = doc.body.split()[-3:]
    assert " ".join(last_words) in r.text.replace("\n", " ")


def test_article_without_a_query_marks_nothing(client: TestClient, web_folder: Path) -> None:
    r = client.get("/article", params={"id": str(web_folder / "story03.txt")})
    assert r.status_code == 200 and "<mark" not in r.text and "Back to the results" not in r.text


def test_article_with_a_bad_query_still_shows_the_article(client: TestClient, web_folder: Path) -> None:
    r = client.get("/article", params={"id": str(web_folder / "story03.txt"), "q": "date:[foo to bar]"})
    assert r.status_code == 200 and "cannot parse query" in r.text and "round 3" in r.text


@pytest.mark.parametrize("doc_id", ["", "/etc/passwd", "../../../../etc/passwd", "story03.txt", "x" * 5000,
                                    "/etc/passwd\x00.txt", "%2e%2e/%2e%2e/etc/passwd", "~/.ssh/id_rsa"])
def test_unknown_ids_are_404_and_reach_no_file(client: TestClient, doc_id: str) -> None:
    r = client.get("/article", params={"id": doc_id})
    assert r.status_code == 404 and "root:" not in r.text and "Not found" in r.text
    api = client.get("/api/article", params={"id": doc_id})
    assert api.status_code == 404 and set(api.json()) == {"error"}


def test_api_article_is_show_json_with_the_matches(client: TestClient, web_folder: Path, web_index: Path) -> None:
    doc_id = str(web_folder / "story03.txt")
    plain = client.get("/api/article", params={"id": doc_id}).json()
    with Index.open(web_index) as ix:
        doc = ix.get(doc_id)
        spans = ix.highlight(doc.body, "envoys talks").matches
        like = [hit_dict(h) for h in ix.similar(doc_id, limit=5).hits]
    assert plain == {**document_dict(doc), "copies": [], "similar": like} and like
    marked = client.get("/api/article", params={"id": doc_id, "q": "envoys talks"}).json()
    assert marked == {**plain, "matches": [list(m) for m in spans]} and spans


def test_a_hit_links_to_its_article_with_the_search_kept(client: TestClient) -> None:
    r = client.get("/", params={"q": "marker4", "sort": "date"})
    ((href, _),) = HIT_TITLES.findall(r.text)
    link = urlsplit(href.replace("&amp;", "&"))
    assert link.path == "/article"
    args = parse_qs(link.query)
    assert args["q"] == ["marker4"] and args["sort"] == ["date"] and args["id"][0].endswith("story04.txt")
    page = client.get(href.replace("&amp;", "&"))
    assert page.status_code == 200 and "<mark" in page.text


def test_unknown_routes_and_methods(client: TestClient) -> None:
    r = client.get("/nothing-here")
    assert r.status_code == 404 and "Not found" in r.text
    assert client.get("/api/nothing").json() == {"error": "Not Found"}
    assert client.post("/", data={"q": "envoys"}).status_code == 405


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/?q=envoys", "/static/style.css", "/static/app.js", "/nothing", "/api/search?q=envoys"):
        h = client.get(path).headers
        assert "script-src 'self'" in h["content-security-policy"] and "unsafe-inline" not in h["content-security-policy"]
        assert "default-src 'none'" in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"] == "no-referrer"


def test_pages_hold_no_inline_script_or_style(client: TestClient, web_folder: Path) -> None:
    pages = [client.get("/").text, client.get("/?q=envoys").text,
             client.get("/article", params={"id": str(web_folder / SEED_NAME), "q": "Russia"}).text]
    for html in pages:
        assert re.findall(r"<script[^>]*>", html) == ['<script src="http://127.0.0.1:8765/static/app.js" defer>']
        assert " style=" not in html and "<style" not in html and not re.search(r"\son[a-z]+=", html)


def test_another_host_header_is_refused(web_index: Path) -> None:
    with TestClient(create_app(Index.open(web_index)), base_url="http://attacker.example") as c:
        assert c.get("/?q=envoys").status_code == 400
    with TestClient(create_app(Index.open(web_index), hosts=("*",)), base_url="http://attacker.example") as c:
        assert c.get("/?q=envoys").status_code == 200


def test_static_files_are_served_and_nothing_beside_them(client: TestClient) -> None:
    assert "mark" in client.get("/static/style.css").text
    assert client.get("/static/../views.py").status_code == 404
    assert client.get("/static/%2e%2e/views.py").status_code == 404


query_strings = st.dictionaries(
    st.sampled_from(["q", "speaker", "source", "dateline", "since", "until", "sort", "page", "size", "id"]),
    st.text(max_size=40) | st.sampled_from(["AND", "OR NOT", '"', "date:[", "*", "2021-02-30", "0", "-1", "date"]),
    max_size=5)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=query_strings)
def test_any_query_string_gives_a_page_or_one_error_line_never_a_server_error(client: TestClient,
                                                                              args: dict[str, str]) -> None:
    for path in ("/", "/api/search", "/article", "/api/article"):
        r = client.get(path, params=args)
        assert r.status_code in (200, 400, 404), (path, args, r.status_code)
        if path.startswith("/api/") and r.status_code != 200:
            assert list(r.json()) == ["error"] and "\n" not in r.json()["error"]
        elif r.status_code != 200:
            assert len(re.findall(r'<p class="error" role="alert">', r.text)) == 1, (path, args)
