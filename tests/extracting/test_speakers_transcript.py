"""Transcripts: the genre recognised by its turns, the person who answers, questioners never speakers."""

from __future__ import annotations

import pickle

import pytest

from searchidx.extracting.speakers.transcript import title_speakers, transcript_statements
from searchidx.models import Statement

BRIEFING = "Foreign Ministry Spokesperson Anna Berg's Regular Press Conference on March 3, 2031"


def who(text: str, title: str | None) -> list[tuple[str, str]]:
    statements = transcript_statements(text, title)
    assert statements is not None
    return [(s.speaker, s.text) for s in statements]


def test_the_spokesperson_named_in_the_headline_answers_every_a() -> None:
    text = (
        "Q: Minister Tom Hale said yesterday that the bridge will open in May. What is your comment?\n\n"
        "A: We welcome the news.\n\nThe bridge serves both peoples.\n\n"
        "Q: Will the minister visit?\n\n"
        "A: I have nothing to announce."
    )
    statements = transcript_statements(text, BRIEFING)
    assert statements is not None
    assert [(s.speaker, s.role, s.cue) for s in statements] == [("Anna Berg", "Foreign Ministry Spokesperson", ":")] * 2
    # one statement per answer, over all its paragraphs; the question kept apart as context
    assert statements[0].text == "We welcome the news.\n\nThe bridge serves both peoples."
    assert statements[0].context.startswith("Minister Tom Hale said yesterday")
    assert statements[1].text == "I have nothing to announce."
    assert text[statements[1].start:statements[1].end] == statements[1].text


def test_outlets_and_follow_ups_ask_and_never_speak() -> None:
    text = (
        "Daily Planet: The talks ended early. Why?\n\n"
        "Anna Berg: The talks ended on time.\n\n"
        "Follow-up: And the next round?\n\n"
        "Anna Berg: It will be announced.\n\n"
        "Harbour Radio Network: Is the visit still on?\n\n"
        "Anna berg: Yes."
    )
    statements = who(text, BRIEFING)
    assert statements == [("Anna Berg", "The talks ended on time."), ("Anna Berg", "It will be announced."),
                          ("Anna Berg", "Yes.")]


def test_a_named_interviewer_who_only_asks_is_no_speaker() -> None:
    text = (
        "Lena Ortiz: Minister, what comes next?\n\n"
        "Karl Weber: Talks. Then more talks.\n\n"
        "Lena Ortiz: And if they fail?\n\n"
        "Karl Weber: They will not."
    )
    assert {s for s, _ in who(text, "Interview with Karl Weber")} == {"Karl Weber"}


def test_announcements_before_the_first_question_are_the_podium_speakers_own() -> None:
    text = "The spring fair opens on May 2. All are welcome.\n\nQ: Who will attend?\n\nA: Many friends."
    assert who(text, BRIEFING)[0] == ("Anna Berg", "The spring fair opens on May 2. All are welcome.")
    # an interview's opening lines are the editor's, read by their attributions
    assert who(text, "Karl Weber's Interview to Harbour Radio") == [("Karl Weber", "Many friends.")]
    intro = "Minister Karl Weber said on Sunday that the fair matters.\n\n"
    assert [s for s, _ in who(intro + text, "Interview: Karl Weber on the Fair")] == ["Karl Weber", "Karl Weber"]


def test_a_second_podium_speaker_speaks_under_her_label() -> None:
    text = (
        "Mia Tan: Good afternoon. Today Anna Berg joins us.\n\n"
        "Anna Berg: Thank you, Mia.\n\n"
        "Q: Any news?\n\nA: None today.\n\nQ: Tomorrow?\n\nA: Perhaps."
    )
    assert [s for s, _ in who(text, BRIEFING)] == ["Mia Tan", "Anna Berg", "Anna Berg", "Anna Berg"]


@pytest.mark.parametrize(
    "text, title",
    [
        # one question and answer, but no transcript genre in the headline
        ("Q: Is it open?\n\nA: Yes.", "Bridge opens"),
        # headings with colons in a news story
        ("Background: The bridge was built in 1990.\n\nWhat next: Talks resume on Monday.", "Bridge talks"),
        # a sentence that ends in a colon inside an answer is no label
        ("Tom Hale said the talks went well. He added the following:\n\nWe will meet again.", None),
    ],
)
def test_pages_that_are_no_transcripts(text: str, title: str | None) -> None:
    assert transcript_statements(text, title) is None


def test_label_like_lines_inside_an_answer_stay_in_the_answer() -> None:
    text = "Q: Your view?\n\nA: Three points.\n\nI would like to add a few points here:\n\nFirst, calm.\n\nQ: Next?\n\nA: No."
    assert who(text, BRIEFING)[0][1].endswith("First, calm.")


@pytest.mark.parametrize(
    "title, expected",
    [
        (BRIEFING, [("Anna Berg", "Foreign Ministry Spokesperson", True)]),
        ("Remarks by Secretary Karl Weber at the Harbour Forum", [("Karl Weber", "Secretary", False)]),
        ("Minister of Foreign Affairs Karl Weber\u2019s Interview with Lena Ortiz",
         [("Karl Weber", "Minister of Foreign Affairs", True), ("Lena Ortiz", "", False)]),
        ("Bridge Talks Resume in May", []),
        (None, []),
    ],
)
def test_title_speakers(title: str | None, expected: list[tuple[str, str, bool]]) -> None:
    assert title_speakers(title) == expected


def test_a_statement_with_context_stays_frozen_and_pickles() -> None:
    st = Statement("Anna Berg", ":", "Yes.", 0, 4, context="Is it open?")
    assert pickle.loads(pickle.dumps(st)) == st
    assert Statement("Anna Berg", ":", "Yes.", 0, 4).context is None
    with pytest.raises(AttributeError):
        st.context = "x"  # type: ignore[misc]


def test_a_heading_in_a_transcript_is_no_speaker() -> None:
    text = ("Q: Your view?\n\nA: Two things.\n\nClimate: We must act together.\n\n"
            "Q: And trade?\n\nA: It grows.")
    assert {s for s, _ in who(text, BRIEFING)} == {"Anna Berg"}


def test_a_label_surname_takes_the_full_name_the_transcript_gives() -> None:
    from searchidx.extracting.speakers.page import extract_speakers
    from searchidx.models import Page

    text = ("Good morning. I turn it over to Assistant Secretary Julie Chang.\n\nMS CHANG: Thank you.\n\n"
            "QUESTION: Any news?\n\nMS CHANG: None.\n\nQUESTION: Tomorrow?\n\nMS CHANG: Perhaps.")
    page = Page(path="t.txt", body=text)
    assert {s.speaker for s in extract_speakers(page, "Briefing on Travel")} == {"Julie Chang"}
