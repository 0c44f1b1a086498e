"""Tests for searchidx.cleaning.html.meta: metadata read from the whole page before cleaning, and its helpers."""

from __future__ import annotations

import pytest
from lxml import etree  # type: ignore[import-untyped]

from searchidx.cleaning.html.doc import parse_html
from searchidx.cleaning.html.meta import (
    canonical_url,
    drop_title,
    info_lines,
    norm,
    read_meta,
    similar,
    strip_site,
)

from htmlpages import article, LONG, meta_of, page


def tree(markup: str) -> object:
    return etree.fromstring(markup, parser=etree.HTMLParser())


# --- the helpers on their own ---------------------------------------------------------------


def test_read_meta_takes_lang_meta_time_and_place_in_order() -> None:
    root = tree("<html lang='en'><head><meta property='og:title' content=' A  title '></head><body>"
                "<time datetime='2020-02-16'>Feb 16</time><div class='read__place'>The Kremlin, Moscow</div>"
                "</body></html>")
    assert read_meta(root) == [("lang", "en"), ("og:title", "A title"), ("time", "2020-02-16"),
                               ("time_text", "Feb 16"), ("place", "The Kremlin, Moscow")]


def test_canonical_link_beats_og_url() -> None:
    root = tree("<html><head><link rel='Canonical' href=' https://a.example/x '></head></html>")
    assert canonical_url(root, [("og:url", "https://b.example/y")]) == "https://a.example/x"
    assert canonical_url(tree("<html></html>"), [("og:url", "https://b.example/y")]) == "https://b.example/y"


def test_info_lines_are_short_dated_or_credited_blocks_not_kept_in_the_article() -> None:
    blocks = ["Updated: Feb 16,2020 10:16 AM Xinhua", "Source: Xinhua", "Source: Xinhua", LONG, "Home | World"]
    assert info_lines(blocks, {LONG}) == [("info", "Updated: Feb 16,2020 10:16 AM Xinhua"), ("info", "Source: Xinhua")]
    assert info_lines(["Updated: today"], {"Updated: today"}) == []


def test_drop_title_removes_the_first_leading_repeat_only() -> None:
    assert drop_title(["Talks end", "Body.", "Talks end"], "Talks end") == ("Body.", "Talks end")
    assert drop_title(["Body."], None) == ("Body.",)


@pytest.mark.parametrize("a, b, expected", [
    ("Talks end in agreement", "Talks end in agreement | Gazette", True),
    ("Talks end", "Something else entirely", False),
    ("", "Talks", False),
])
def test_similar(a: str, b: str, expected: bool) -> None:
    assert similar(a, b) is expected


def test_strip_site_keeps_short_headlines_whole() -> None:
    assert strip_site("A - B") == "A - B"
    assert strip_site(None) is None


def test_norm_folds_unicode_spaces_and_zero_width_marks() -> None:
    assert norm(" a\u00a0 b\u200bc\u00add ") == "a b cd"


# --- through parse_html: metadata read from the whole page --------------------------------


def test_meta_time_lang_and_canonical_url_are_captured_in_order() -> None:
    head = ("<meta name='Description' content='A summary.'><meta property='og:title' content='Headline'>"
            "<meta itemprop='datePublished' content='2021-05-20'><meta name='nocontent'>"
            "<link rel='canonical' href='https://example.org/story'>"
            "<meta property='og:url' content='https://example.org/other'>")
    body = article(LONG) + "<time datetime='2021-05-20T10:00'>May 20, 2021</time>"
    doc = parse_html(page(body, head))
    assert doc.url == "https://example.org/story"
    assert doc.meta[:4] == (("lang", "en"), ("description", "A summary."), ("og:title", "Headline"),
                            ("datepublished", "2021-05-20"))
    assert meta_of(doc, "time") == ["2021-05-20T10:00"]
    assert meta_of(doc, "time_text") == ["May 20, 2021"]
    assert doc.title == "Headline"


def test_og_url_when_no_canonical_link() -> None:
    doc = parse_html(page(article(LONG), "<meta property='og:url' content='https://example.org/og'>"))
    assert doc.url == "https://example.org/og"


def test_info_lines_outside_the_article_are_captured() -> None:
    body = ("<div class='info'>Updated: Feb 16,2020 10:16 AM <span>Xinhua</span></div>"
            "<div class='src'>Source: Xinhua</div><p class='ed'>Editor: Wang Hua</p><div>By Jane Roe | Feb 2</div>"
            + article(LONG, LONG.upper()))
    doc = parse_html(page(body))
    assert meta_of(doc, "info") == ["Updated: Feb 16,2020 10:16 AM Xinhua", "Source: Xinhua", "Editor: Wang Hua",
                                    "By Jane Roe | Feb 2"]
    assert doc.paragraphs == (LONG, LONG.upper())


@pytest.mark.parametrize("title, expected", [
    ("Talks end • President of Russia", "Talks end"),
    ("Ministers agree | The Gazette", "Ministers agree"),
    ("Russia and China sign a deal - Example News", "Russia and China sign a deal"),
    ("Russia - China talks", "Russia - China talks"),
])
def test_title_suffix_stripped_when_no_h1_or_og_title(title: str, expected: str) -> None:
    assert parse_html(page(f"<div><p>{LONG}</p></div>", f"<title>{title}</title>")).title == expected


# --- JSON-LD, bylines, datelines and date lines around the headline (pages written for the tests)

LD_PAGE = """<html><head>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "Daily Planet"},
 {"@type": "NewsArticle", "headline": "Talks resume", "datePublished": "2024-03-04T09:00:00Z",
  "dateModified": "2024-03-05T10:00:00Z", "image": {"@type": "ImageObject", "datePublished": "2019-01-01"}}]}
</script>
<script type="application/ld+json">{not json</script>
</head><body><article><h1>Talks resume</h1>
<address data-component="meta-byline"><span>Associated Press in Valencia</span></address>
<div class="story-dateline">4 March 2024 • Valencia, Spain</div>
<p>Jane Roe / DAILYPLANET.EXAMPLE / Mar 4, 2024, 17:07 IST</p>
<p>The talks resumed on Monday after a pause of three weeks, officials said, and both sides said they expected
progress on the remaining questions before the summer, though neither would say which questions those were.</p>
<p>A caption from another day, March 1, 2020, which is far too long to be a date line under a headline at all.</p>
</article></body></html>"""


def test_json_ld_main_entity_only() -> None:
    meta = dict(parse_html(LD_PAGE).meta)
    assert meta["jsonld:datepublished"] == "2024-03-04T09:00:00Z"
    assert meta["jsonld:datemodified"] == "2024-03-05T10:00:00Z"
    assert meta["jsonld:headline"] == "Talks resume"


def test_live_blog_updates_are_not_the_pages_date() -> None:
    page = ('<html><head><script type="application/ld+json">{"@type": "LiveBlogPosting", "datePublished": '
            '"2024-08-04T13:23:00Z", "liveBlogUpdate": [{"@type": "BlogPosting", "datePublished": "2024-08-05T19:49:00Z"}]}'
            '</script></head><body><p>x</p></body></html>')
    assert [v for k, v in parse_html(page).meta if k == "jsonld:datepublished"] == ["2024-08-04T13:23:00Z"]


def test_byline_and_dateline_elements_are_kept() -> None:
    meta = parse_html(LD_PAGE).meta
    assert ("byline", "Associated Press in Valencia") in meta
    assert ("dateline_text", "4 March 2024 • Valencia, Spain") in meta


def test_date_lines_under_the_headline() -> None:
    lines = [v for k, v in parse_html(LD_PAGE).meta if k == "date_line"]
    assert lines == ["4 March 2024 • Valencia, Spain", "Jane Roe / DAILYPLANET.EXAMPLE / Mar 4, 2024, 17:07 IST"]
