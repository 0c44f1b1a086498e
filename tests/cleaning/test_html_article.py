"""Tests for searchidx.cleaning.html.article: which part of a full page is kept as the article (through parse_html)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]

from searchidx.cleaning.html.article import _prepare
from searchidx.cleaning.html.doc import parse_html
from searchidx.cleaning.html.meta import element_text
from searchidx.cleaning.html.text import Pass

from htmlpages import article, LONG, meta_of, page


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


# --- boilerplate dropped, article kept in order ---------------------------------------------


def test_news_fixture_keeps_the_article_in_order_and_nothing_else() -> None:
    doc = parse_html((FIXTURES / "news_page.html").read_text(encoding="utf-8"))
    assert doc.title == "Ministers agree on river treaty"
    assert doc.paragraphs == (
        "Foreign ministers from the three riverside states agreed on Sunday on a treaty that shares the water "
        "of the river, ending a dispute that had lasted for more than a decade.",
        "Years of talks",
        "The negotiations, which began in 2009, stalled several times over the amount of water each country "
        "may take during the dry season, officials said.",
        "Under the agreement, a joint commission will measure the flow at four stations and publish its figures "
        "every month, according to the text released after the meeting.",
        "Joint commission to meet twice a year, with a rotating chair.",
        "Disputes go to an arbitration panel of three judges.",
        "“This is a good day for everyone who lives along the river,” one minister told reporters.",
        "The treaty still has to be ratified by the three parliaments, which is expected before the end of the year.",
    )


@pytest.mark.parametrize("boilerplate", [
    "<nav><ul><li><a href='/a'>World news</a></li><li><a href='/b'>Business news</a></li></ul></nav>",
    "<div class='menu'><a href='/a'>World news</a> <a href='/b'>Business news</a></div>",
    "<footer><p>Copyright © 2020 Example Gazette, all rights reserved, including the right to reproduce.</p></footer>",
    "<div id='cookie-banner'><p>We use cookies, and by continuing to browse the site you agree to that.</p></div>",
    "<div class='related-stories'><ul><li><a href='/x'>Earlier talks collapsed over tariffs and quotas</a></li>"
    "<li><a href='/y'>Energy deal signed in the capital</a></li></ul></div>",
    "<div id='comments'><p>What a great article, I read it twice, and I agree with every word of it.</p></div>",
    "<aside><p>Most read: storms, markets and the weather for the weekend in the whole country.</p></aside>",
    "<div class='lang-menu'><a href='/app'>App</a> | <a href='/zh'>中文</a> |</div>",
])
def test_boilerplate_around_the_article_is_dropped(boilerplate: str) -> None:
    doc = parse_html(page(boilerplate + article(LONG, LONG.upper(), "Closing words of the report, at last.")
                          + boilerplate))
    assert doc.paragraphs == (LONG, LONG.upper(), "Closing words of the report, at last.")


def test_headline_is_the_title_not_a_paragraph() -> None:
    body = f"<article><h1>Talks end in agreement</h1><div class='article-body'><p>{LONG}</p></div></article>"
    doc = parse_html(page(body, "<title>Talks end in agreement | Gazette</title>"))
    assert doc.title == "Talks end in agreement"
    assert doc.paragraphs == (LONG,)


def test_kremlin_page_body_is_lead_plus_entry_content_with_place() -> None:
    doc = parse_html((FIXTURES / "kremlin_like.html").read_text(encoding="utf-8"))
    assert doc.title == "Meeting with Chairman of the Example Committee"
    assert doc.url == "http://en.kremlin.ru/events/president/news/99999"
    assert doc.paragraphs == (
        "Vladimir Putin had a working meeting with the Chairman of the Example Committee, who reported on the "
        "year's results.",
        "President of Russia Vladimir Putin: Good afternoon. Let us begin with the results of the past year, and "
        "then turn to the plans for the next one.",
        "Chairman of the Example Committee: Thank you, Mr President. Over the year the committee examined several "
        "hundred applications, and most of them were approved.",
        "The meeting also touched on the Customs Union, regional cooperation and other matters.",
    )
    assert meta_of(doc, "place") == ["The Kremlin, Moscow"]
    assert meta_of(doc, "time")[0] == "2020-02-16"
    assert ("lang", "en") in doc.meta


def test_a_layout_grid_named_sidebar_around_the_story_survives_the_unlikely_rule() -> None:
    # POLITICO-style markup: the story split into "sidebar-grid__container" runs, an ad aside between
    parts = [f"Part {i}: " + LONG for i in range(6)]
    chunk = ("<div class='sidebar-grid__container'><div class='sidebar-grid__content article__content'>"
             "<p>{}</p><p>{}</p></div></div><aside class='sidebar-grid__sidebar'>Advertisement</aside>")
    root = etree.HTML(page("<main><article><h1>Talks</h1>"
                           + "".join(chunk.format(a, b) for a, b in zip(parts[::2], parts[1::2])) + "</article></main>"))
    body = root.find("body")
    _prepare(body, Pass(), "Talks")
    assert [element_text(p) for p in body.iter("p")] == parts


def test_a_real_sidebar_inside_the_article_still_goes() -> None:
    html = page("<article><h1>Talks</h1><div class='article-body'>" + "".join(f"<p>{LONG}</p>" for _ in range(4))
                + "</div><div class='sidebar'><ul><li><a href='/x'>Ferry line reopens after storm</a></li>"
                "<li><a href='/y'>Bridge talks stall</a></li></ul></div></article>")
    assert "Ferry line reopens after storm" not in " ".join(parse_html(html).paragraphs)


def test_a_story_split_into_twin_blocks_around_a_box_is_read_whole() -> None:
    first = [f"First part {i}: " + LONG for i in range(6)]
    second = [f"Second part {i}: " + LONG for i in range(3)]
    block = ("<div class='story-block'><div class='story-block-content'>{}</div>"
             "<div class='right-rail'><div class='trending-box'><h3>Trending</h3><p><a href='/t'>Other news today</a></p>"
             "</div></div></div>")
    html = page("<article><h1>Talks</h1>" + block.format("".join(f"<p>{p}</p>" for p in first))
                + "<div class='ad-group'><p>Advertisement</p></div>"
                + block.format("".join(f"<p>{p}</p>" for p in second)) + "</article>")
    doc = parse_html(html)
    assert doc.paragraphs == tuple(first + second)


def test_a_teaser_card_for_another_story_inside_the_text_goes() -> None:
    card = ("<article class='pull'><a href='/other'><p>Ferry line reopens after a winter of storms and repairs</p>"
            "</a></article>")
    html = page("<article><h1>Talks</h1><div class='article-body'>" + f"<p>{LONG}</p><p>{LONG}{card}</p><p>{LONG}</p>"
                + "</div></article>")
    text = " ".join(parse_html(html).paragraphs)
    assert "Ferry line reopens" not in text and text.count("officials said") == 3


def test_a_short_list_of_story_links_between_paragraphs_goes_a_list_of_facts_stays() -> None:
    links = "<ul><li><a href='/a'>Ferry line reopens after storm</a></li><li><a href='/b'>Bridge talks stall</a></li></ul>"
    facts = "<ul><li>The treaty has 12 articles.</li><li>It was signed in <a href='/city'>Rivertown</a>.</li></ul>"
    html = page("<article><h1>Talks</h1><div class='article-body'>" + f"<p>{LONG}</p>{links}<p>{LONG}</p>{facts}"
                + f"<p>{LONG}</p></div></article>")
    text = " ".join(parse_html(html).paragraphs)
    assert "Ferry line reopens" not in text and "Bridge talks stall" not in text
    assert "The treaty has 12 articles." in text
