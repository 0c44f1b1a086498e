"""Snippets and article text -> HTML: everything escaped, matches marked, anchors placed, links only http(s)."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchidx.models import Snippet
from searchidx.web.markup import link_url, marked, paragraphs


def test_matches_are_marked_and_the_rest_escaped() -> None:
    s = Snippet('<b>Russia</b> & "China"', ((3, 9), (17, 22)))
    assert marked(s) == '&lt;b&gt;<mark>Russia</mark>&lt;/b&gt; &amp; &#34;<mark>China</mark>&#34;'


def test_the_first_match_gets_the_id() -> None:
    assert marked(Snippet("a b a", ((0, 1), (4, 5))), first_id="m") == '<mark id="m">a</mark> b <mark>a</mark>'


def test_paragraphs_split_on_lines_and_keep_marks_and_anchors_in_place() -> None:
    text = "First line of Russia.\n\nSecond \"quote\" of Russia.\nThird."
    r1 = text.index("Russia")
    r2 = text.index("Russia", r1 + 1)
    q = text.index('"quote"')
    out = paragraphs(Snippet(text, ((r1, r1 + 6), (r2, r2 + 6))), first_id="first", anchors=[(q, "s1")])
    assert out == [
        '<p>First line of <mark id="first">Russia</mark>.</p>',
        '<p>Second <span class="anchor" id="s1"></span>&#34;quote&#34; of <mark>Russia</mark>.</p>',
        "<p>Third.</p>",
    ]


def test_an_anchor_inside_a_match_goes_after_it_and_one_at_its_start_before_it() -> None:
    assert paragraphs(Snippet("say Russia", ((4, 10),)), anchors=[(6, "s1")]) == [
        '<p>say <mark>Russia</mark><span class="anchor" id="s1"></span></p>']
    assert paragraphs(Snippet("say Russia", ((4, 10),)), anchors=[(4, "s1")]) == [
        '<p>say <span class="anchor" id="s1"></span><mark>Russia</mark></p>']


@pytest.mark.parametrize(("url", "link"), [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"), (" http://example.org ", "http://example.org"),
    ("HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/"), ("javascript:alert(1)", None), ("JavaScript:alert(1)", None),
    (" javascript:alert(1)", None), ("data:text/html,<script>x</script>", None), ("//evil.example/x", None),
    ("http:///nohost", None), ("vbscript:msgbox", None), ("", None), (None, None), ("http://[::1", None),
])
def test_only_http_urls_become_links(url: str | None, link: str | None) -> None:
    assert link_url(url) == link


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6)
anchors = st.lists(st.integers(0, 60), max_size=3)


@given(st.text(alphabet=st.sampled_from(list("ab <>&\"'\n")), max_size=60), spans, anchors)
def test_no_text_becomes_markup_and_every_character_survives(text: str, raw: list[tuple[int, int]],
                                                              at: list[int]) -> None:
    matches, pos = [], 0
    for a, b in sorted((min(a, b), max(a, b)) for a, b in raw):
        if pos <= a < b <= len(text) and "\n" not in text[a:b]:
            matches.append((a, b))
            pos = b
    out = "".join(paragraphs(Snippet(text, tuple(matches)), anchors=[(a, f"s{i}") for i, a in enumerate(at)]))
    tags = re.findall(r"<[^>]*>", out)
    assert set(tags) <= {"<p>", "</p>", "<mark>", "</mark>"} | {f'<span class="anchor" id="s{i}">' for i in
                                                                 range(len(at))} | {"</span>"}
    assert out.count("<mark>") == len(matches)
    plain = html.unescape(re.sub(r"<[^>]*>", "", out))
    assert plain == "".join(line for line in re.split(r"\n\s*\n|\n", text) if line.strip())
