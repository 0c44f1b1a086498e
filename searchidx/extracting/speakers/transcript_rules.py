"""Tables for transcripts (press conferences, briefings, interviews): who asks, who answers, and
the headline words that name the genre.

Data only, as :mod:`~searchidx.extracting.speakers.rules` is for attributions in running text;
:mod:`~searchidx.extracting.speakers.transcript` reads them. All words are lower-case.
"""

from __future__ import annotations

# Turn labels of the person who asks: anonymous questioners never speak for themselves in a
# transcript ("Q:", "Follow-up:"). Outlets that ask ("Reuters:", "CCTV:") are found by what they
# do (their turns end in a question), not listed here.
QUESTION_LABELS = frozenset("""
    q question questions follow-up followup follow up journalist reporter reporters correspondent
    interviewer audience participant host anchor q&a media press
    """.split()) | frozenset(("follow up", "audience member", "q (translated)"))

# Turn labels of the person who answers, named elsewhere on the page (the title's spokesperson).
ANSWER_LABELS = frozenset("a answer ans response reply".split())

# Headline words of a transcript genre: with them, one question and one answer make a transcript.
TRANSCRIPT_TITLE_WORDS = (
    "press conference", "news conference", "briefing", "interview", "remarks", "q&a", "transcript",
    "answers to questions", "answers to media questions", "answered questions", "press availability",
    "media availability", "doorstop", "press encounter", "press stakeout", "question and answer",
)

# Headline words of a podium genre: the text before the first question is the podium speaker's
# own (an MFA press conference opens with the spokesperson's announcements); an interview's
# opening lines are the editor's, not the interviewee's.
PODIUM_TITLE_WORDS = (
    "press conference", "news conference", "briefing", "remarks", "press availability",
    "media availability", "doorstop", "press encounter", "press stakeout",
)

# Words that end a name in a headline ("Remarks by X", "X's Interview with Y"): genre words and
# the small words between the people a headline names.
TITLE_BREAK_WORDS = frozenset("""
    with by of to on at and for in from & about after before during
    interview interviews remarks statement statements briefing briefings conference conferences
    transcript q&a answers questions press news regular daily online media availability doorstop
    encounter stakeout meeting talks call phone telephone conversation
    """.split())
