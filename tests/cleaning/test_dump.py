"""searchidx.cleaning.dump: whole-page one-line text dumps cut back into headline, stamp and story."""

from __future__ import annotations

from searchidx.cleaning import clean
from searchidx.cleaning.dump import DUMP_MIN_CHARS, segment_dump

MENU = "Home News World Business Opinion Sport Culture Photos Video Archive Search Chinese French Spanish Russian "
STORY = ("Officials from the two countries met on Tuesday to discuss river shipping, the ministry said. " * 12).strip()
LINKS = "Ferry line reopens after storm Bridge talks stall again Port traffic up in autumn " * 6


def dump(story: str = STORY, stamp: str = "( Harbour News ) 09:12, March 4, 2021 ") -> str:
    return ("River talks make progress - Harbour Daily Online Wednesday, Mar 4, 2021 " + MENU
            + "&gt;&gt; River talks make progress " + stamp + story
            + " (Web editor: Jane Roe) Add your comment Please enable JavaScript to view the comments. Most Read "
            + LINKS + "© Harbour Daily Online")


def test_a_dump_is_cut_into_headline_stamp_and_story() -> None:
    raw = dump("A ferry waits at the quay on March 3, 2021. (Harbour News/Jo Bloggs) RIVERTOWN, March 3 (Harbour News) -- "
               + STORY)
    assert len(raw) >= DUMP_MIN_CHARS and "\n" not in raw
    found = segment_dump(raw)
    assert found is not None
    assert found.title == "River talks make progress"
    assert found.info == ("( Harbour News ) 09:12, March 4, 2021",)
    assert found.blocks[0] == "A ferry waits at the quay on March 3, 2021. (Harbour News/Jo Bloggs)"
    assert found.blocks[1].startswith("RIVERTOWN, March 3 (Harbour News) -- Officials")
    assert found.blocks[-1].endswith("the ministry said.")


def test_the_cleaned_page_keeps_the_story_only() -> None:
    page = clean(dump())
    assert page.title == "River talks make progress"
    assert page.body == STORY
    assert "( Harbour News ) 09:12, March 4, 2021" in page.info
    assert "Most Read" not in page.body and "Web editor" not in page.body


def test_entities_in_a_dump_are_read() -> None:
    raw = dump().replace("River talks make progress", "River &amp; rail talks make progress")
    assert clean(raw).title == "River & rail talks make progress"


def test_text_that_is_no_dump_is_left_to_the_line_rules() -> None:
    assert segment_dump("Headline\n\n" + STORY) is None
    assert segment_dump(STORY * 3) is None  # one long line, but no <title> that the page repeats
