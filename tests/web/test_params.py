"""Query strings -> SearchParams and back: what a bookmark holds is exactly the search it shows."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchidx.models import Filters
from searchidx.web.params import MAX_DEPTH, MAX_PAGE_SIZE, BadRequest, SearchParams, parse_search


def test_defaults_and_an_empty_search() -> None:
    p = parse_search({})
    assert p == SearchParams() and p.empty and p.url() == "/"
    assert not parse_search({"speaker": "Lavrov"}).empty and parse_search({"q": "  "}).empty


def test_every_parameter_is_read() -> None:
    p = parse_search({"q": "Russia", "speaker": " Lavrov ", "dateline": "Munich", "source": "Xinhua",
                      "since": "2020-01-01", "until": "2020-12-31", "sort": "date", "page": "3", "size": "20"})
    assert p.filters == Filters("Lavrov", "Munich", "Xinhua", dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert (p.q, p.sort, p.page, p.size, p.offset) == ("Russia", "date", 3, 20, 40)


def test_a_changed_search_goes_back_to_page_one_but_a_page_link_keeps_the_rest() -> None:
    p = parse_search({"q": "Russia", "speaker": "Lavrov", "page": "4"})
    assert p.url(sort="date") == "/?q=Russia&speaker=Lavrov&sort=date"
    assert p.url(page=5) == "/?q=Russia&speaker=Lavrov&page=5"
    assert p.url(speaker=None) == "/?q=Russia"
    assert p.filter_pairs() == [("speaker", "Lavrov")]


def test_article_links_carry_the_id_and_the_search() -> None:
    p = parse_search({"q": "a&b", "page": "2"})
    link = urlsplit(p.article_url("/news/x#3 & 'y'.jsonl#2"))
    assert link.path == "/article"
    assert parse_qsl(link.query) == [("id", "/news/x#3 & 'y'.jsonl#2"), ("q", "a&b"), ("page", "2")]


def test_page_size_is_capped_and_deep_pages_are_not_searched() -> None:
    assert parse_search({"size": "100000"}).size == MAX_PAGE_SIZE
    assert not parse_search({"page": str(MAX_DEPTH // 10)}).too_deep
    assert parse_search({"page": str(MAX_DEPTH // 10 + 1)}).too_deep
    assert parse_search({"page": "9" * 18}).too_deep


@pytest.mark.parametrize("args", [{"page": "0"}, {"page": "1.5"}, {"page": "٣"}, {"page": "9" * 19},
                                  {"size": "-1"}, {"sort": "score"}, {"since": "2020-02-30"},
                                  {"until": "tomorrow"}, {"q": "x" * 1001}, {"dateline": "y" * 201}])
def test_unusable_values_are_bad_requests(args: dict[str, str]) -> None:
    with pytest.raises(BadRequest):
        parse_search(args)


@given(st.dictionaries(st.sampled_from(["q", "speaker", "dateline", "source", "sort", "page", "size"]),
                       st.text(max_size=30)))
def test_any_query_string_parses_or_is_a_bad_request_and_round_trips(args: dict[str, str]) -> None:
    try:
        p = parse_search(args)
    except BadRequest as err:
        assert "\n" not in str(err)[:200]
        return
    assert parse_search(dict(parse_qsl(urlsplit(p.url()).query, keep_blank_values=True))) == p
