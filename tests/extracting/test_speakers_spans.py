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


def said(text: str) -> list[tuple[str, str]]:
    from searchidx.extracting.speakers.statements import extract_statements

    return [(s.speaker, s.text) for s in extract_statements(text)]


def test_a_sentence_does_not_end_at_an_abbreviation_or_an_initial() -> None:
    assert said("Ann Lee said the plan of Mr. Hale and J. Ortiz works. Then she left.") == [
        ("Ann Lee", "the plan of Mr. Hale and J. Ortiz works.")]


def test_time_words_and_the_occasion_before_that_are_skipped() -> None:
    assert said("Ann Lee said Monday that the plan works.") == [("Ann Lee", "the plan works.")]
    assert said("Ann Lee told reporters on Sunday that the plan works.") == [("Ann Lee", "the plan works.")]
    # a relative "that" is part of what was said
    assert said("Ann Lee said the plan that failed was bad.") == [("Ann Lee", "the plan that failed was bad.")]


def test_a_quote_before_a_long_role_is_what_was_said() -> None:
    text = "\u201cWe never saw it,\u201d Harbour Party regional chairman Tom Hale said on Monday."
    assert said(text) == [("Tom Hale", "\u201cWe never saw it,\u201d")]


def test_after_an_occasion_only_the_clause_before_the_attribution_was_said() -> None:
    assert said("The plan works, Mayor Ann Lee said in an interview.") == [("Ann Lee", "The plan works")]
    assert said("The plan works, Ann Lee noted.") == [("Ann Lee", "The plan works")]


def test_according_to_at_the_start_reports_what_follows() -> None:
    assert said("According to Ann Lee, the plan works.") == [("Ann Lee", "the plan works.")]
    assert said("The plan works, according to Ann Lee.") == [("Ann Lee", "The plan works")]


def test_a_quotation_after_the_cue_runs_to_its_closing_mark() -> None:
    assert said("Ann Lee said: \u201cIt works. It is cheap.\u201d Then she left.") == [
        ("Ann Lee", "\u201cIt works. It is cheap.\u201d")]


def test_no_statement_reports_nothing() -> None:
    # "explained." has no words after it, and no clause before it
    assert said("Ann Lee explained.") == []


def test_quotes_know_what_lies_inside_a_quotation() -> None:
    from searchidx.extracting.speakers.spans import Quotes

    text = "Ann said \u201cTom is here\u201d and ''Bo left'' then \"Al\".\n\n\u201cRuns on"
    quotes = Quotes(text)
    assert [quotes.inside(text.index(w)) for w in ("Ann", "Tom", "Bo", "Al", "then", "Runs")] == [
        False, True, True, True, False, True]


def test_what_follows_a_colon_after_the_occasion_or_the_speaker() -> None:
    assert said("Ann Lee posted on X: \u201cIt works.\u201d") == [("Ann Lee", "\u201cIt works.\u201d")]
    assert said("Ann Lee told reporters: \u201cIt works.\u201d") == [("Ann Lee", "\u201cIt works.\u201d")]
    assert said("The below is attributable to Spokesperson Ned Hale:\n\nThe minister met the envoy.") == [
        ("Ned Hale", "The minister met the envoy.")]


def test_a_clause_only_cue_with_an_object_reports_an_act() -> None:
    assert said("Ann Lee and Tom Hale concluded their talks by approving a declaration.") == []
    assert said("Ann Lee continues to trail in the polls.") == []
    assert said("Ann Lee concluded that the plan works.") == [("Ann Lee", "the plan works.")]
    assert said("\u201cIt works,\u201d Ann Lee continued.") == [("Ann Lee", "\u201cIt works,\u201d")]


def test_a_reporter_or_a_cue_that_ends_its_paragraph_reports_nothing() -> None:
    assert said("Jane Smith reports from Kyiv.\n\nThe plan works.") == []
    assert said("Home | World | Politics | Jane Smith said\n\nThe plan works.") == []
    # unless a colon carries the cue over to the quotation
    assert said("Ann Lee said:\n\n\u201cIt works.\u201d") == [("Ann Lee", "\u201cIt works.\u201d")]


def test_the_occasion_before_a_quotation_or_a_late_that_is_skipped() -> None:
    assert said("Ann Lee said in Kyiv, \u201cIt works.\u201d") == [("Ann Lee", "\u201cIt works.\u201d")]
    assert said("Ann Lee said in Kyiv, after the talks, that it works.") == [("Ann Lee", "it works.")]


def test_the_listener_of_told_and_the_credits_are_no_speakers() -> None:
    assert said("Ann Lee told Tom Hale that the plan works.") == [("Ann Lee", "the plan works.")]
    assert said("The plan works, Ann Lee said.\n\n(Reporting by Jane Smith; Editing by Tom Hale)") == [
        ("Ann Lee", "The plan works")]
    assert said("Photo: Jane Smith/Reuters\n\nThe plan works.") == []


def test_spoke_reports_speech_only_about_something() -> None:
    assert said("Ann Lee spoke about the importance of trade.") == [("Ann Lee", "about the importance of trade.")]
    assert said("Ann Lee spoke with Tom Hale on Monday.") == []
