"""The cleaner: paragraphs, titles of text dumps, HTML pages, JSONL records, and its never-raise properties."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from searchidx.cleaning.page import clean, clean_body, clean_record

SEED = Path(__file__).resolve().parents[2] / "corpus" / "000_147f1172ebdf106e.txt"


def test_header_lines_are_dropped_only_above_the_article() -> None:
    markup = ("<article><p>Events</p><p>August 27, 2005</p><p>17:20</p>"
              "<p>The President of Russia noted that some of the technology used in Kazan's metro is new.</p>"
              "<p>8:09</p><p>News</p></article>")
    page = clean(markup, kind="html")
    assert page.body.split("\n\n")[0].startswith("The President of Russia noted")
    assert page.body.endswith("8:09\n\nNews")
    assert {"Events", "August 27, 2005", "17:20"} <= set(page.info)


def test_seed_title_info_and_body() -> None:
    page = clean(SEED.read_text(encoding="utf-8"), path="seed.txt")
    assert page.title == "Chinese, Russian FMs pledge mutual support on core interests"
    assert page.info == ("Updated: Feb 16,2020 10:16 AM Xinhua",)
    assert page.body.startswith("MUNICH — State Councilor and Foreign Minister Wang Yi on Feb 15 met")
    assert page.body.endswith("jointly play their roles.")
    assert "App |" not in page.body and "Updated:" not in page.body and "\xa0" not in page.body
    assert page.body.count("\n\n") == 11
    assert page.path == "seed.txt" and page.kind == "txt"


def test_headline_then_blank_line_then_dateline() -> None:
    page = clean("U.S. SAYS TALKS GO ON\n\nWASHINGTON, March 3 - The talks\nwill go on, officials\nsaid.\n")
    assert page.title == "U.S. SAYS TALKS GO ON"
    assert page.body == "WASHINGTON, March 3 - The talks will go on, officials said."


def test_polnear_style_headline_with_full_stop() -> None:
    page = clean("Mary J. Blige sings to Hillary Clinton in preview clip.\n\nLOS ANGELES, Sept. 28 (UPI) — Text.")
    assert page.title == "Mary J. Blige sings to Hillary Clinton in preview clip."
    assert page.body == "LOS ANGELES, Sept. 28 (UPI) — Text."


def test_title_line_directly_followed_by_indented_body() -> None:
    page = clean("18 Editions of the Dewey Decimal Classifications\n   The present study is a history\nof the DDC.")
    assert page.title == "18 Editions of the Dewey Decimal Classifications"
    assert page.body == "The present study is a history of the DDC."


def test_headline_and_deck_over_two_lines() -> None:
    raw = "Candidates vie for vets' support; \nTrump and Clinton point out own credentials.\n\nDonald Trump said."
    page = clean(raw)
    assert page.title == "Candidates vie for vets' support; Trump and Clinton point out own credentials."
    assert page.body == "Donald Trump said."


def test_short_wrapped_first_sentence_then_indented_abstract() -> None:
    page = clean("changes of the nucleic acid levels of the livers in the\ncourse of development .\n  we have followed")
    assert page.title == "changes of the nucleic acid levels of the livers in the course of development ."
    assert page.body == "we have followed"


def test_title_line_directly_followed_by_capitalised_body() -> None:
    page = clean("Use Made of Technical Libraries\nThis report describes how engineers use libraries.")
    assert page.title == "Use Made of Technical Libraries"


def test_wrapped_first_sentence_is_not_a_title() -> None:
    raw = "correlation between maternal and fetal plasma levels of glucose and free\nfatty acids .\n"
    page = clean(raw)
    assert page.title is None
    assert page.body == "correlation between maternal and fetal plasma levels of glucose and free fatty acids ."


def test_single_line_has_no_title() -> None:
    assert clean("Just one line.").title is None
    assert clean("Just one line.").body == "Just one line."


def test_indented_lines_start_paragraphs() -> None:
    page = clean("Results\n\nCHICAGO, April 7 - Net profit\nrose.\n    Shr 41 cts vs 35 cts\n    Net 15.4 mln\n")
    assert page.body.split("\n\n") == ["CHICAGO, April 7 - Net profit rose.", "Shr 41 cts vs 35 cts", "Net 15.4 mln"]


def test_long_lines_are_paragraphs_of_their_own() -> None:
    a, b = "A" + " word" * 30 + ".", "B" + " word" * 30 + "."
    assert clean(f"Title here\n\n{a}\n{b}").body == f"{a}\n\n{b}"


def test_info_and_nav_lines_anywhere_are_dropped() -> None:
    raw = "Title\n\nFirst paragraph.\nHome | News | World\nSecond paragraph.\nSource: Xinhua\nEditor: Li Yan\n"
    page = clean(raw)
    assert page.body == "First paragraph.\n\nSecond paragraph."
    assert page.info == ("Source: Xinhua", "Editor: Li Yan")


def test_kind_may_be_a_suffix() -> None:
    assert clean("<p>Hello world, this is text.</p>", kind=".html").kind == "html"


def test_html_headline_repeated_in_the_text_is_dropped() -> None:
    markup = ("<html><head><title>Talks held - Xinhua | English.news.cn</title></head><body><div><h1>Talks held</h1>"
              "<p>Some text here that is long enough to be an article paragraph, really it is.</p>"
              "<p>Another paragraph with words.</p></div></body></html>")
    assert clean(markup, kind="html").body.startswith("Some text here")


def test_html_paragraphs_get_the_line_rules() -> None:
    markup = ("<html><body><article><h1>Talks in Astana</h1><p>App | 中文 |</p>"
              "<p>ASTANA, May 5 (Xinhua) -- Ministers met on Tuesday to discuss trade and transport links "
              "between Central Asian states, officials said after the meeting.</p>"
              "<p>Source: Xinhua</p></article></body></html>")
    page = clean(markup, kind="html", path="a.html")
    assert "App |" not in page.body and "Source:" not in page.body
    assert "ASTANA, May 5 (Xinhua)" in page.body
    assert "Source: Xinhua" in page.info


STATE_RECORD = {
    "guid": "https://www.state.gov/?page_id=1",
    "link": "https://www.state.gov/secretary-blinkens-call/",
    "title": "Secretary Blinken&#8217;s Call with Uzbek Foreign Minister",
    "creator": "Antony J. Blinken, Secretary of State",
    "published_iso": "2021-05-20T22:14:56+00:00",
    "rss_versions_seen": 3,
    "categories": [],
    "description_html": None,
    "content_html": ("<p>Antony J. Blinken, Secretary of State</p><p>Washington,\u00a0D.C.</p>"
                     "<p>Via Teleconference</p><p><b>SECRETARY BLINKEN:</b> Good morning, everyone, and thank you "
                     "for joining us today to talk about Central Asia.</p>"),
}


def test_record_keeps_scalars_in_meta_and_strips_the_byline() -> None:
    page = clean_record(STATE_RECORD, path="sd.jsonl")
    assert page.title == "Secretary Blinken’s Call with Uzbek Foreign Minister"
    assert page.url == "https://www.state.gov/secretary-blinkens-call/"
    assert ("published_iso", "2021-05-20T22:14:56+00:00") in page.meta
    assert ("rss_versions_seen", "3") in page.meta
    assert not any(k in ("content_html", "categories", "description_html") for k, _ in page.meta)
    assert page.meta_values("place") == ["Washington, D.C.", "Via Teleconference"]
    assert page.info[0] == "Antony J. Blinken, Secretary of State"
    assert page.body.startswith("SECRETARY BLINKEN: Good morning")
    assert page.kind == "jsonl"


def test_record_with_plain_text_body() -> None:
    page = clean_record({"title": "Hello", "url": "not a url", "text": "Office of the Spokesperson\n\nBody text."})
    assert (page.title, page.url, page.body, page.info) == ("Hello", None, "Body text.", ("Office of the Spokesperson",))


def test_record_without_text() -> None:
    assert clean_record({}).body == ""


TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=400) | st.lists(
    st.sampled_from(["App | 中文 |", "Updated: Feb 16,2020", "\n", "\n\n", "   ", "\xa0", "Title", "MUNICH — x",
                     "word ", "Home", "|", "Source: Xinhua", "\r", "\x0c", "\u2028", "a\tb", "<p>", "</p>"]),
    max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_cleaning_never_raises_and_the_body_is_a_fixed_point(raw: str) -> None:
    page = clean(raw)
    assert clean_body(page.body) == page.body
    assert "\xa0" not in page.body and "\n\n\n" not in page.body


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_clean_body_is_idempotent(raw: str) -> None:
    once = clean_body(raw)
    assert clean_body(once) == once


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_html_cleaning_never_raises(raw: str) -> None:
    page = clean(raw, kind="html")
    assert clean_body(page.body) == page.body


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "body", "html", "url", "date", "x"]),
                       st.none() | st.integers() | TEXT | st.lists(st.integers(), max_size=2)))
def test_record_cleaning_never_raises(record: dict[str, object]) -> None:
    clean_record(record)
