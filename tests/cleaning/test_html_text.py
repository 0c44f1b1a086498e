"""Tests for searchidx.cleaning.html.text, via parse_html: what is cleaned out of the article, how its tree reads as text."""

from __future__ import annotations

import pytest

from searchidx.cleaning.html.doc import parse_html

from htmlpages import LONG, page


# --- cleaned out of the article, or kept ----------------------------------------------------

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


def test_lists_headings_quotes_and_captions_inside_the_article_are_kept() -> None:
    body = (f"<article><div class='article-body'><p>{LONG}</p><h2>Background</h2><ul><li>First point made.</li>"
            f"<li>Second point made.</li></ul><blockquote><p>A quoted sentence, in full.</p></blockquote>"
            f"<figure><img src='a.jpg'><figcaption>The ministers at the table.</figcaption></figure>"
            f"<p>{LONG.upper()}</p></div></article>")
    assert parse_html(page(body)).paragraphs == (
        LONG, "Background", "First point made.", "Second point made.", "A quoted sentence, in full.",
        "The ministers at the table.", LONG.upper())


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
