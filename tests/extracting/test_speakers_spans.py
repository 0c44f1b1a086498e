"""Spans: the reported text of a statement, found in bounded windows."""

from __future__ import annotations

from searchidx.extracting.speakers.names import Mention
from searchidx.extracting.speakers.spans import content_span, paragraph_starts


def test_paragraph_starts() -> None:
    assert paragraph_starts("One.\n\nTwo.\n \nThree.") == [0, 6, 13]


def test_content_after_the_cue_without_that() -> None:
    text = "Wang said that the talks went well. Then he left."
    who = Mention("Wang", "", 0, 4, False, True)
    start, end = content_span(text, [0], (who, "said", 5, 9, 9))
    assert text[start:end] == "the talks went well."


def test_content_before_an_inverted_cue() -> None:
    text = "Other news. The talks went well, said Wang."
    who = Mention("Wang", "", 38, 42, False, True)
    start, end = content_span(text, [0], (who, "said", 33, 37, -1))
    assert text[start:end] == "The talks went well"


def test_a_transcript_turn_runs_to_the_end_of_its_paragraph() -> None:
    text = "MR PRICE:\n\nThank you all.\n\nQUESTION: Why?"
    who = Mention("Price", "Mr", 0, 8, True, True)
    start, end = content_span(text, paragraph_starts(text), (who, ":", 8, 9, 9))
    assert text[start:end] == "Thank you all."
