"""Fingerprints: copies of one story are the same story, template stories and other stories are not."""

from __future__ import annotations

import re
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchidx.indexing.fingerprint import (
    BINS, EMPTY, _words, band_keys, containment, figures_shared, fingerprint, resemblance, same_story,
)

# A wire story written for these tests: five paragraphs, about 190 words.
STORY = [
    "ASTANA, May 3 - Foreign ministers of five Central Asian states agreed on Tuesday to build a shared "
    "early-warning system for floods on the Syr Darya, officials said after a day of talks in the capital.",
    "The system, to cost 42 million dollars over four years, will link river gauges in Kyrgyzstan, Tajikistan, "
    "Uzbekistan and Kazakhstan to a centre in Tashkent, the ministers said in a joint statement.",
    "\"Water does not stop at borders, and neither should our warnings,\" Kazakh Foreign Minister Aibek Talgat said "
    "at a news conference, adding that funding would come partly from the Asian Development Bank.",
    "Turkmenistan sent an observer but did not sign the statement, which diplomats said reflected its long-standing "
    "policy of neutrality rather than any objection to the plan itself.",
    "Floods along the river displaced more than 12,000 people last spring, according to United Nations figures, "
    "and damaged irrigation canals that farmers in the Fergana valley depend on.",
]
NAVIGATION = ["Home | World | Asia | Opinion | Subscribe", "Share: Facebook · Twitter · Email"]
RELATED = ["Related stories", "Kyrgyz President Visits Beijing For Trade Talks", "Caspian Summit Postponed Again",
           "Tajik Cotton Harvest Hits Record"]
FOOTER = ["© 2021 The Steppe Courier. All rights reserved"]


def text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def test_an_identical_text_is_the_same_story() -> None:
    a = fingerprint(text(*STORY))
    assert a == fingerprint(text(*STORY))
    assert resemblance(a, a) == 1.0
    assert same_story(a, fingerprint(text(*STORY).upper().replace("\n\n", "\n")))  # case and layout do not count


def test_copies_made_the_way_republishers_make_them_are_the_same_story() -> None:
    original = fingerprint(text(*STORY))
    copies = {
        "other page around it": text(*NAVIGATION, *STORY, *RELATED, *FOOTER),
        "a paragraph dropped": text(*STORY[:3], *STORY[4:]),
        "a paragraph added": text(*STORY[:2], "Officials did not immediately respond to requests for comment.",
                                  *STORY[2:]),
        "ending trimmed": text(*STORY[:4]),
        "trimmed, with navigation": text(*NAVIGATION, *STORY[:3], *RELATED),
    }
    for what, copy in copies.items():
        assert same_story(original, fingerprint(copy)), what
        assert same_story(fingerprint(copy), original), what


def test_a_template_story_with_other_figures_is_another_story() -> None:
    """The wire's daily items repeat every word but the figures: different days are different stories."""
    day1 = ("NEW YORK, March 3 - The Federal Reserve entered the government securities market to arrange 1.5 "
            "billion dlrs of customer repurchase agreements, a Fed spokesman said. Dealers said Federal funds "
            "were trading at 6-1/4 pct when the Fed began its temporary supply of reserves to the banking system.")
    day2 = day1.replace("March 3", "March 9").replace("1.5", "2.5").replace("6-1/4", "6-3/16")
    a, b = fingerprint(day1), fingerprint(day2)
    assert resemblance(a, b) > 0.5  # the words alone would join them
    assert figures_shared(a, b) == 0.0
    assert not same_story(a, b)


def test_another_story_on_the_same_event_is_another_story() -> None:
    other = text(
        "TASHKENT, May 3 - Uzbekistan will host a regional flood-monitoring centre under a plan agreed by Central "
        "Asian foreign ministers in Astana on Tuesday, the Uzbek foreign ministry said.",
        "The centre will receive data from river gauges along the Syr Darya and issue warnings to farmers in the "
        "Fergana valley, a ministry spokesman told reporters, without giving a cost for the project.",
        "Kazakh Foreign Minister Aibek Talgat said funding would come partly from the Asian Development Bank.",
    )
    assert not same_story(fingerprint(text(*STORY)), fingerprint(other))


def test_navigation_and_headline_lists_are_not_shingled() -> None:
    """Lines that end no sentence (menus, related headlines) do not change the fingerprint."""
    assert fingerprint(text(*NAVIGATION, *STORY, *RELATED)) == fingerprint(text(*STORY))


def test_a_text_without_sentences_is_shingled_whole() -> None:
    table = "Shr 30 cts vs 25 cts\nNet 1,200,000 vs 1,000,000\nRevs 12.1 mln vs 10.4 mln"
    fp = fingerprint(table)
    assert fp.size > 5 and len(fp.figures) == 6
    assert not same_story(fp, fingerprint(table.replace("30 cts", "31 cts").replace("1,200,000", "1,300,000")
                                          .replace("12.1", "13.4")))


def test_containment_and_figures_read_from_the_shorter_text() -> None:
    long, short = fingerprint(text(*STORY)), fingerprint(text(*STORY[:2]))
    j = resemblance(long, short)
    assert j < 0.6 < containment(long, short, j)
    assert figures_shared(long, short) == 1.0 == figures_shared(short, long)
    assert figures_shared(fingerprint("no figures at all."), long) == 1.0


def test_short_and_empty_texts_have_empty_bins_and_band_keys() -> None:
    short = fingerprint("Talks resumed in Geneva.")
    assert short.size == 1 and list(short.bins).count(EMPTY) == BINS - 1
    keys = band_keys(short)
    assert len(keys) == BINS // 2 and keys == band_keys(fingerprint("talks resumed in geneva"))
    empty = fingerprint("")
    assert empty.size == 0 and band_keys(empty) == [] and not same_story(empty, empty)


def test_copies_share_a_band_key_and_strangers_rarely_do() -> None:
    original = fingerprint(text(*STORY))
    assert set(band_keys(original)) & set(band_keys(fingerprint(text(*STORY[:4]))))
    other = fingerprint("Parliament in Bishkek passed the budget for next year after a long debate on pensions.")
    assert not set(band_keys(original)) & set(band_keys(other))


def test_a_story_re_sent_next_day_is_a_copy_but_a_template_with_spelled_figures_is_not() -> None:
    """A date's day is no figure (the wire re-sends with the dateline's day changed); spelled-out
    numbers are ("two billion dlrs", "six pct")."""
    story = ("WASHINGTON, March 16 - Congressional investigators plan to grant immunity to a former adviser in "
             "return for testimony on how 30 mln dlrs in arms sales were spent, committee sources said on Monday.")
    assert same_story(fingerprint(story), fingerprint(story.replace("March 16", "March 17")))
    fed = ("NEW YORK, March 3 - The Federal Reserve entered the government securities market to arrange 1.5 billion "
           "dlrs of customer repurchase agreements, a Fed spokesman said. Dealers said Federal funds were trading "
           "at 6-1/4 pct when the Fed began its temporary and indirect supply of reserves to the banking system.")
    other_day = fed.replace("March 3", "March 19").replace("6-1/4 pct", "six pct")
    assert not same_story(fingerprint(fed), fingerprint(other_day))
    assert not same_story(fingerprint(other_day), fingerprint(fed.replace("1.5 billion", "two billion")))


def test_a_table_with_a_one_line_note_is_shingled_whole() -> None:
    """The note alone would make two companies' earnings tables copies of each other."""
    a = "Shr 23 cts vs 14 cts\nNet 439,100 vs 259,948\nRevs 9,918,413 vs 9,683,392\nNOTE: Share adjusted for stock dividend."
    b = "Shr 18 cts vs 13 cts\nNet 1,541,000 vs 1,122,000\nSales 36.7 mln vs 33.5 mln\nNOTE: Share adjusted for stock dividend."
    assert fingerprint(a).size > 10
    assert not same_story(fingerprint(a), fingerprint(b))


def test_only_the_opening_of_a_huge_text_is_sketched(monkeypatch: pytest.MonkeyPatch) -> None:
    # A 64 MB dump's shingles would take gigabytes of a worker's memory: what follows the cap is not read.
    import searchidx.indexing.fingerprint as fp

    opening = "The ministers met in Astana and agreed to extend the pipeline talks. " * 4
    monkeypatch.setattr(fp, "FINGERPRINT_CHARS", len(opening))
    tail = "Entirely different words about grain exports follow here. " * 50
    assert fp.fingerprint(opening + tail) == fp.fingerprint(opening)
    monkeypatch.setattr(fp, "FINGERPRINT_CHARS", 10 * len(opening + tail))
    assert fp.fingerprint(opening + tail) != fp.fingerprint(opening)


def test_shingles_are_runs_of_words_in_their_order() -> None:
    """The same words in another order are other shingles; repeated runs count once."""
    a = fingerprint("ministers agreed to build a shared warning system for floods")
    assert a.size == 7
    assert fingerprint("ministers agreed to build a shared warning system for floods " * 3).size == 10
    assert resemblance(a, fingerprint("floods for system warning shared a build to agreed ministers")) == 0.0
    assert fingerprint("Ministers, agreed: to build a SHARED warning system for floods!").bins == a.bins


def test_figures_in_other_scripts_digits_are_read() -> None:
    """Arabic-Indic or full-width digits are figures too (they once made the sketch raise)."""
    a = fingerprint("The ministry counted ٣٤ new cases and ２０２ tests, officials said on Monday in the capital.")
    b = fingerprint("The ministry counted ٥٦ new cases and ２０２ tests, officials said on Monday in the capital.")
    assert len(a.figures) == 2 and figures_shared(a, b) == 0.5


@given(st.text(st.characters(max_codepoint=127)) | st.text())
def test_the_ascii_words_are_the_unicode_rule_s_words(story: str) -> None:
    """An ASCII text's words are read bytewise (a faster path): the same as \\w+ on the lower-cased text."""
    assert _words(story) == [w.encode() for w in re.findall(r"\w+", story.lower())]


def test_one_sketch_whichever_way_the_words_are_read() -> None:
    """A dash outside ASCII sends a text down the general path; it is not a word, so nothing changes."""
    story = text(*STORY).replace(" to ", " - to ")
    assert story.isascii() and "—" not in story
    assert fingerprint(story.replace(" - ", " — ")) == fingerprint(story)


def test_a_least_hash_whose_kept_bits_are_all_ones_is_not_an_empty_bin() -> None:
    """About one bin in 65,536 holds a hash ending in EMPTY's bits: it is kept one lower, still a filled bin."""
    mix, bits = 0x9E3779B1, 16  # the sketch's hash of a shingle: CRC-32 times Knuth's constant, 32 bits
    word = next(w for w in (f"w{i}" for i in range(1 << 22))
                if (zlib.crc32(w.encode()) * mix & 0xFFFFFFFF) & ((1 << bits) - 1) == EMPTY)
    one = fingerprint(word)  # one word, one shingle, one filled bin
    assert one.size == 1 and one.bins.count(EMPTY) == BINS - 1 and EMPTY - 1 in one.bins
    assert band_keys(one) and resemblance(one, fingerprint(word.upper())) == 1.0
