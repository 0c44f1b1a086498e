"""Tests for searchidx.cleaning.html.doc: hidden parts dropped, fragments kept whole, robustness on any input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchidx.cleaning.html.doc import HtmlDoc, parse_html

from htmlpages import LONG, page


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


# --- hidden parts --------------------------------------------------------------------------


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


def test_large_page_keeps_its_text() -> None:
    para = f"<p>{LONG}</p>\n"
    big = page("<nav><a href='/'>Home</a></nav><article>" + para * (6_000_000 // len(para)) + "</article>")
    doc = parse_html(big)
    assert doc.paragraphs[0] == LONG and len(doc.paragraphs) > 10_000
    assert "Home" not in doc.paragraphs
