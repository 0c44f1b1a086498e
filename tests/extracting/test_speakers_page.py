"""The speaker cascade over a page: transcripts by their turns, news by attributions, full names from the head."""

from __future__ import annotations

from searchidx.extracting.speakers.page import extract_speakers
from searchidx.models import Page


def test_a_transcript_is_read_by_its_turns_and_a_story_by_its_attributions() -> None:
    transcript = Page(path="t.txt", body="Q: Did Tom Hale say the bridge will open?\n\nA: It will.\n\nQ: When?\n\nA: In May.")
    title = "Spokesperson Ann Lee's Regular Press Conference"
    assert [(s.speaker, s.text, s.context) for s in extract_speakers(transcript, title)] == [
        ("Ann Lee", "It will.", "Did Tom Hale say the bridge will open?"), ("Ann Lee", "In May.", "When?")]
    story = Page(path="s.txt", body="Lee said the bridge will open in May.")
    # the headline spells out the surname the story uses
    assert [s.speaker for s in extract_speakers(story, "Minister Ann Lee opens the bridge")] == ["Ann Lee"]
