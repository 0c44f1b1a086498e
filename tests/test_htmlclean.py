"""Tests for searchidx.htmlclean: each boilerplate rule on a small page, metadata capture, robustness."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchidx.htmlclean import HtmlDoc, parse_html

FIXTURES = Path(__file__).parent / "fixtures" / "html"
LONG = (
    "The delegations discussed trade, energy and transport, and agreed to meet again in the spring, "
    "officials said after the talks, which lasted for most of the day."
)


def page(body: str, head: str = "") -> str:
    """A full page around ``body``: the article rules apply only to full pages, not fragments."""
    return f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{body}</body></html>"


def article(*paragraphs: str) -> str:
    return "<article><div class='article-body'>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></article>"


def meta_of(doc: HtmlDoc, key: str) -> list[str]:
    return [v for k, v in doc.meta if k == key]


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


def test_share_print_and_email_links_inside_the_article_are_dropped() -> None:
    share = ("<div class='share-tools'><a href='https://social.example/share'>Share</a>"
             "<a href='mailto:?subject=x'>E-mail</a><a href='#print'>Print</a></div>")
    body = f"<article><div class='article-body'><p>{LONG}</p>{share}<p>{LONG.upper()}</p></div></article>"
    assert parse_html(page(body)).paragraphs == (LONG, LONG.upper())


def test_related_list_inside_the_article_is_dropped() -> None:
    items = "".join(f"<li><a href='/s{i}'>Another story number {i}</a></li>" for i in range(5))
    links = f"<div class='related-links'><h3>See also</h3><ul>{items}</ul></div>"
    body = f"<article><div class='article-body'><p>{LONG}</p>{links}<p>{LONG.upper()}</p></div></article>"
    assert parse_html(page(body)).paragraphs == (LONG, LONG.upper())


@pytest.mark.parametrize("hidden", [
    "<p style='display: none'>Hidden by style, this must not be read as text.</p>",
    "<p hidden>Hidden by attribute, this must not be read as text.</p>",
    "<p aria-hidden='true'>Hidden from readers, this must not be read as text.</p>",
    "<span class='tooltip hidden'>Background information</span>",
    "<script>var watermark = 'script text must not be read';</script>",
    "<style>p { color: red; }</style>",
])
def test_hidden_elements_scripts_and_styles_are_dropped(hidden: str) -> None:
    body = f"<article><div class='article-body'><p>{LONG}</p>{hidden}<p>{LONG.upper()}</p></div></article>"
    assert parse_html(page(body)).paragraphs == (LONG, LONG.upper())


def test_lists_headings_quotes_and_captions_inside_the_article_are_kept() -> None:
    body = (f"<article><div class='article-body'><p>{LONG}</p><h2>Background</h2><ul><li>First point made.</li>"
            f"<li>Second point made.</li></ul><blockquote><p>A quoted sentence, in full.</p></blockquote>"
            f"<figure><img src='a.jpg'><figcaption>The ministers at the table.</figcaption></figure>"
            f"<p>{LONG.upper()}</p></div></article>")
    assert parse_html(page(body)).paragraphs == (
        LONG, "Background", "First point made.", "Second point made.", "A quoted sentence, in full.",
        "The ministers at the table.", LONG.upper())


def test_headline_is_the_title_not_a_paragraph() -> None:
    body = f"<article><h1>Talks end in agreement</h1><div class='article-body'><p>{LONG}</p></div></article>"
    doc = parse_html(page(body, "<title>Talks end in agreement | Gazette</title>"))
    assert doc.title == "Talks end in agreement"
    assert doc.paragraphs == (LONG,)


# --- inline markup and spacing ---------------------------------------------------------------


@pytest.mark.parametrize("markup, expected", [
    ("<p><b>President of Russia Vladimir Putin</b>: Good afternoon, colleagues.</p>",
     "President of Russia Vladimir Putin: Good afternoon, colleagues."),
    ("<p><b>SECRETARY BLINKEN: </b>Thank you very much.</p>", "SECRETARY BLINKEN: Thank you very much."),
    ("<p>Foreign Minister <b>Wa</b>ng Yi <i>said</i> so.</p>", "Foreign Minister Wang Yi said so."),
    ("<p>First line<br>second line</p>", "First line second line"),
    ("<p>Non\u00a0breaking\u00a0\u00a0spaces\n\tand   runs</p>", "Non breaking spaces and runs"),
    ("<p>Soft\u00adhyphen and zero\u200bwidth</p>", "Softhyphen and zero width"),
])
def test_inline_tags_join_into_one_paragraph(markup: str, expected: str) -> None:
    assert parse_html(markup).paragraphs == (expected,)


@pytest.mark.parametrize("removed", [
    "<div style='display: none'>hidden block</div>", "<p hidden>hidden paragraph</p>", "<div hidden></div>",
    "<nav><a href='/'>Home</a></nav>", "<aside>Most read</aside>", "<div class='sidebar'>Menu</div>",
    "<div></div>",
])
def test_a_removed_block_leaves_a_space_between_the_words_around_it(removed: str) -> None:
    body = f"<article><div class='article-body'><p>{LONG}</p><div>Kyrgyz Republic{removed}<b>Sooronbay</b> Jeenbekov" \
           f" said so.</div><p>{LONG.upper()}</p></div></article>"
    assert parse_html(page(body)).paragraphs == (LONG, "Kyrgyz Republic Sooronbay Jeenbekov said so.", LONG.upper())


@pytest.mark.parametrize("removed", ["<span hidden>x</span>", "<span class='sr-only'>x</span>", "<script>x</script>",
                                     "<button>x</button>"])
def test_a_removed_inline_element_inside_a_word_leaves_nothing(removed: str) -> None:
    assert parse_html(f"<p>Kyrgyz Re{removed}public</p>").paragraphs == ("Kyrgyz Republic",)


def test_blocks_and_double_breaks_split_paragraphs() -> None:
    assert parse_html("<div>One<div>Two</div>Three<br><br>Four</div>").paragraphs == ("One", "Two", "Three", "Four")


def test_table_rows_read_as_lines() -> None:
    assert parse_html("<table><tr><td>Country</td><td>Votes</td></tr><tr><td>France</td><td>12</td></tr></table>"
                      ).paragraphs == ("Country Votes", "France 12")


# --- fragments -----------------------------------------------------------------------------


def test_fragment_keeps_all_its_paragraphs_even_short_ones() -> None:
    fragment = ("<p>Antony J. Blinken, Secretary of State</p>\n<p>Kangerlussuaq, Greenland</p>\n"
                "<p><b>SECRETARY BLINKEN: </b>Thank you. It is a pleasure to be here.</p>\n"
                "<p>Share</p><script>var wm = 'watermark';</script>")
    assert parse_html(fragment).paragraphs == (
        "Antony J. Blinken, Secretary of State", "Kangerlussuaq, Greenland",
        "SECRETARY BLINKEN: Thank you. It is a pleasure to be here.", "Share")


def test_single_text_fragment() -> None:
    assert parse_html("Just a line of text.").paragraphs == ("Just a line of text.",)


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


# --- robustness -----------------------------------------------------------------------------


@pytest.mark.parametrize("markup", [
    "", " ", "\x00\x01\x02", "<", "<<<>>>", "</p></div>", "<p>unclosed <b>bold <i>italic", "<!-- only a comment -->",
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>", "\ud800 lone surrogate",
    "<html><body></body></html>", "<script>only script</script>", "\ufeff<p>bom</p>",
])
def test_odd_inputs_never_raise(markup: str) -> None:
    doc = parse_html(markup)
    assert all(isinstance(p, str) and p for p in doc.paragraphs)


def test_bytes_are_a_caller_error() -> None:
    with pytest.raises(TypeError, match="str"):
        parse_html(b"<p>bytes</p>")  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_text_parses_to_str_paragraphs(markup: str) -> None:
    doc = parse_html(markup)
    assert isinstance(doc, HtmlDoc)
    assert all(isinstance(p, str) and p == " ".join(p.split()) and p for p in doc.paragraphs)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in doc.meta)


TAGS = st.sampled_from(["p", "div", "b", "span", "ul", "li", "table", "td", "script", "h1", "br", "article", "nav"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(TAGS.map(lambda t: f"<{t}>"), TAGS.map(lambda t: f"</{t}>"), st.text(max_size=30)),
                max_size=40))
def test_any_tag_soup_parses(parts: list[str]) -> None:
    doc = parse_html(page("".join(parts)))
    assert all(isinstance(p, str) and p for p in doc.paragraphs)


def test_cleaning_is_idempotent_on_its_own_output() -> None:
    doc = parse_html((FIXTURES / "news_page.html").read_text(encoding="utf-8"))
    again = parse_html("".join(f"<p>{p}</p>" for p in doc.paragraphs))
    assert again.paragraphs == doc.paragraphs


@pytest.mark.parametrize("depth", [300, 3000, 10_000])
def test_deep_nesting_keeps_the_text(depth: int) -> None:
    deep = "<div>" * depth + f"<p>{LONG}</p>" + "</div>" * depth
    assert parse_html(page(deep)).paragraphs == (LONG,)
    inline = "<b>" * depth + "deep inline text"
    assert parse_html(inline).paragraphs == ("deep inline text",)


def test_large_page_is_handled_quickly() -> None:
    para = f"<p>{LONG}</p>\n"
    big = page("<nav><a href='/'>Home</a></nav><article>" + para * (6_000_000 // len(para)) + "</article>")
    start = time.perf_counter()
    doc = parse_html(big)
    assert time.perf_counter() - start < 20
    assert doc.paragraphs[0] == LONG and len(doc.paragraphs) > 10_000
    assert "Home" not in doc.paragraphs
