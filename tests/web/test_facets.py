"""Facets and the timeline: links that add filters, an SVG of bars that are links, and the pages that show them.

The sidebar is drawn from the library's ``SearchResult.facets``. The pure parts are tested with
counts written for the test, the pages over a small index.
"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from starlette.testclient import TestClient
from webdocs import SPEAKERS, STORIES

from searchidx.models import Facets
from searchidx.web.facets import by_year, facet_view
from searchidx.web.params import parse_search
from searchidx.web.timeline import MAX_MONTH_BARS, bars, timeline_svg
from searchidx.web.views import _facets


def args(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(unescape(url)).query)


def test_months_without_matches_get_an_empty_bar_and_each_bar_its_dates() -> None:
    got = bars([("2020-11", 3), ("2021-02", 1)])
    assert [(b.label, b.count) for b in got] == [("2020-11", 3), ("2020-12", 0), ("2021-01", 0), ("2021-02", 1)]
    assert (got[0].since, got[0].until) == (dt.date(2020, 11, 1), dt.date(2020, 11, 30))
    assert bars([("2024-02", 1)])[0].until == dt.date(2024, 2, 29)


def test_a_long_span_is_drawn_by_year() -> None:
    got = bars([("2000-05", 2), ("2000-06", 1), (f"{2001 + MAX_MONTH_BARS // 12}-01", 4)])
    assert [(b.label, b.count) for b in got][:2] == [("2000", 3), ("2001", 0)] and got[-1].count == 4
    assert (got[0].since, got[0].until) == (dt.date(2000, 1, 1), dt.date(2000, 12, 31))


def test_labels_that_are_no_month_are_left_out_of_the_chart() -> None:
    assert [b.label for b in bars([("2021-13", 1), ("soon", 2), ("2021-03", 1)])] == ["2021-03"]
    assert bars([]) == [] and timeline_svg([], lambda b: "/") == ""


def test_the_chart_is_bars_that_link_to_their_month() -> None:
    svg = timeline_svg(bars([("2021-01", 2), ("2021-03", 4)]), lambda b: f"/?since={b.since}&until={b.until}")
    links = re.findall(r'<a href="([^"]*)" aria-label="([^"]*)">', svg)
    assert links == [("/?since=2021-01-01&amp;until=2021-01-31", "2021-01: 2 matches"),
                     ("/?since=2021-03-01&amp;until=2021-03-31", "2021-03: 4 matches")]
    heights = [float(h) for h in re.findall(r'height="([\d.]+)"></rect>', svg)]
    assert heights[0] * 2 == heights[2] and heights[1] < 1  # February is empty: a hairline, not a link
    assert "<g><title>2021-02: 0 matches</title>" in svg
    assert re.findall(r"<[a-z]+", svg) and set(re.findall(r"<([a-z]+)", svg)) <= {"svg", "a", "title", "rect", "g", "text"}


def test_facet_rows_link_to_the_search_with_their_filter_added() -> None:
    params = parse_search({"q": "talks", "source": "Xinhua", "sort": "date", "page": "3"})
    counts = Facets(speakers=(("Sergei Lavrov", 4), ("Wang Yi", 2)), sources=(("Xinhua", 6),),
                    datelines=(("MUNICH", 1),), months=(("2020-01", 1), ("2020-02", 5), ("2021-07", 2)))
    view = facet_view(params, counts)
    assert view is not None
    speakers, sources, datelines = view.groups
    assert [(v, n) for v, n, _ in speakers.rows] == [("Sergei Lavrov", 4), ("Wang Yi", 2)]
    assert args(speakers.rows[0][2]) == {"q": ["talks"], "speaker": ["Sergei Lavrov"], "source": ["Xinhua"],
                                         "sort": ["date"]}  # added to the others, back to page 1
    assert sources.active == "Xinhua" and args(sources.remove) == {"q": ["talks"], "sort": ["date"]}
    assert speakers.active is None and datelines.rows[0][0] == "MUNICH"
    assert [(y, n) for y, n, _ in view.years] == [("2020", 6), ("2021", 2)]
    assert args(view.years[1][2])["since"] == ["2021-01-01"] and args(view.years[1][2])["until"] == ["2021-12-31"]
    assert view.dated is None and 'href="/?q=talks&amp;source=Xinhua&amp;since=2020-02-01' in view.timeline


def test_a_date_filter_can_be_removed_from_the_sidebar() -> None:
    view = facet_view(parse_search({"q": "talks", "since": "2020-02-01", "until": "2020-02-29"}), Facets())
    assert view is not None and view.dated == "/?q=talks"


def test_no_facets_from_the_library_no_sidebar() -> None:
    assert facet_view(parse_search({"q": "talks"}), None) is None and _facets(None) is None


def test_facets_as_json_keep_the_library_s_order() -> None:
    counts = Facets(speakers=(("B", 3), ("A", 1)), months=(("2020-01", 1),))
    assert _facets(counts) == {"speakers": [{"value": "B", "count": 3}, {"value": "A", "count": 1}],
                                   "sources": [], "datelines": [], "months": [{"value": "2020-01", "count": 1}]}
    assert by_year([("2020-01", 1), ("2019-12", 2), ("2020-05", 3), ("bad", 9)]) == [(2019, 2), (2020, 4)]


def test_the_search_page_lists_counts_over_every_match(client: TestClient) -> None:
    r = client.get("/", params={"q": "envoys NOT summit"})
    assert r.status_code == 200 and '<aside class="facets"' in r.text
    speakers = re.findall(r'<li><a href="[^"]*">([^<]*)</a> <span class="count">(\d+)</span>',
                          r.text.split('data-facet="speaker"')[1].split("</section>")[0])
    assert sorted((name, int(n)) for name, n in speakers) == sorted(
        (s, len(range(i, STORIES, 2))) for i, s in enumerate(SPEAKERS))
    assert '<svg class="chart"' in r.text and "2021-01: 2 matches" in r.text


def test_the_api_gives_facets_when_asked(client: TestClient) -> None:
    plain = client.get("/api/search", params={"q": "envoys NOT summit"}).json()
    assert plain["facets"] is None
    data = client.get("/api/search", params={"q": "envoys NOT summit", "facets": "1"}).json()
    assert {f["value"]: f["count"] for f in data["facets"]["sources"]} == {"Xinhua": 8, "Reuters": 8, "AFP": 7}
    assert sum(f["count"] for f in data["facets"]["months"]) == STORIES == data["total"]
    alone = client.get("/api/facets", params={"q": "envoys NOT summit"}).json()
    assert alone["facets"] == data["facets"] and alone["total"] == STORIES


def test_a_facet_link_narrows_the_counts(client: TestClient) -> None:
    r = client.get("/", params={"q": "envoys NOT summit"})
    href = re.search(r'<li><a href="([^"]*)">AFP</a>', r.text)
    assert href is not None
    narrowed = client.get(unescape(href.group(1))).text
    assert "<strong>7</strong> matches" in narrowed
    assert '<p class="active-facet"><a href="/?q=envoys+NOT+summit" title="Remove this filter">AFP' in narrowed
