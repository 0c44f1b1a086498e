"""Transcripts -> one statement per answer, its question kept as context.

A press conference, briefing or interview is saved as turns: paragraphs that open with a
label ("Q:", "Reuters:", "Follow-up:", "Spokesperson Hua Chunying:", "A:", "SECRETARY
BLINKEN:"). Attribution by cue verbs reads such a page wrong twice over: the people that the
*questions* report ("Trump tweeted …?") are taken for speakers, and the person who answers, named
only in the headline or in the labels, is never found. So a transcript is read by its turns:

1. the genre is recognised by its shape: at least two questions and two answers, or one of each
   under a headline that names a transcript genre ("Regular Press Conference", "Interview");
2. each label is classified by what it says and does: "Q:" and "Follow-up:" ask, "A:" answers;
   a named label asks when most of its turns end in a question mark ("Reuters:", "The Globe and
   Mail:", an interviewer), else it is a person at the podium when its name can be a person's;
3. the person behind "A:" is the one the headline names ("Spokesperson Lu Kang's Regular Press
   Conference"), else the only person who answers under their own label;
4. every answer is one statement of its speaker with the question before it as ``context``; a
   podium genre's opening announcements, before the first question, are the podium speaker's;
   questioners, outlets and the people that questions mention are never speakers.

The module is pure: text and headline in, statements out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...models import Statement
from .names import INITIAL, fold, is_person_name, shouted, split_role
from .statements import extract_statements
from .rules import ANONYMOUS_LABELS
from .transcript_rules import (
    ANSWER_LABELS,
    PODIUM_TITLE_WORDS,
    QUESTION_LABELS,
    TITLE_BREAK_WORDS,
    TRANSCRIPT_TITLE_WORDS,
)

# A turn label: a short run of words at the start of a line, then a colon ("Hua Chunying:",
# "Q:", "President of Russia Vladimir Putin (retranslated):"). A note in brackets is dropped.
_LABEL = re.compile(
    r"[ \t\xa0\"“*]*(?P<label>[^\W\d_][\w.'’&\- \t\xa0]{0,59}?)[ \t\xa0]*(?:\([^()\n]{1,30}\))?[ \t\xa0]*[:：](?=\s|$)"
)
# Words a label may hold in lower case ("Minister of Foreign Affairs", "Le Drian").
_LABEL_SMALL_WORDS = frozenset("of the and for de del da di van von der den bin al le la du dos".split())
# Most words in a label; longer runs before a colon are sentences ("I would like to add:").
MAX_LABEL_WORDS = 8
# A turn asks when its last characters hold a question mark (a quote or bracket may follow).
_ASKS = re.compile(r"\?[\"”’'»)\]]*\s*(?:\([^()\n]{0,40}\)\s*)?$")
# How much of a turn's end is read for its question mark.
ASK_WINDOW = 300
# Fewest questions and answers that make a transcript without a genre word in the headline.
MIN_TURNS = 2
_TITLE_TOKEN = re.compile(r"[^\W_][\w.'’\-]*|&|[^\w\s]")


@dataclass(frozen=True)
class Turn:
    """One labelled turn: the label as written, where the turn and its text lie, what it does."""

    label: str
    start: int
    text_start: int
    end: int
    kind: str  # "question", "answer", "speech" (a named person) or "other" (names nobody)
    speaker: str | None = None
    role: str | None = None


def transcript_statements(text: str, title: str | None) -> tuple[Statement, ...] | None:
    """The statements of a transcript, one per answer; None when ``text`` is no transcript."""
    turns = _turns(text, title)
    if turns is None:
        return None
    statements: list[Statement] = []
    first = turns[0]
    podium = _podium_speaker(turns, title)
    if first.kind == "question" and podium is not None and _has_word(title, PODIUM_TITLE_WORDS):
        start, end = _strip(text, 0, first.start)
        if end > start:
            statements.append(Statement(podium[0], ":", text[start:end], start, end, podium[1] or None))
            statements.extend(_reported(text, start, end, podium[0]))
    else:  # a story that introduces the transcript: read by its attributions
        statements.extend(extract_statements(text[: first.start]))
    question: Turn | None = None
    for turn in turns:
        if turn.kind == "question":
            question = turn
            continue
        who = (turn.speaker, turn.role) if turn.kind == "speech" else podium if turn.kind == "answer" else None
        if turn.kind == "speech" and podium and turn.speaker and _same_person(turn.speaker, podium[0]):
            who = (podium[0], turn.role or podium[1])  # "Hua Chunying:" is the headline's spokesperson
        if who is not None and who[0]:
            start, end = _strip(text, turn.text_start, turn.end)
            if end > start:
                context = _context(text, question)
                statements.append(Statement(who[0], ":", text[start:end], start, end, who[1] or None, context))
                statements.extend(_reported(text, start, end, who[0]))
        question = None
    return tuple(statements)


def _reported(text: str, start: int, end: int, speaker: str) -> list[Statement]:
    """What others said as the speaker of a turn reports it ("Refer to what Sergey Lavrov said
    yesterday – he called …"): statements of their own, inside the turn's, so that a search
    for Lavrov's words finds them. Being inside another's words, they do not make their
    speakers the page's (:func:`~searchidx.extracting.speakers.statements.speakers_of`)."""
    return [replace(s, start=s.start + start, end=s.end + start)
            for s in extract_statements(text[start:end])
            if s.cue != ":" and not _same_person(s.speaker, speaker)]


def _turns(text: str, title: str | None) -> list[Turn] | None:
    """The labelled turns of ``text`` classified, or None when they do not make a transcript."""
    found = [(m.start(), m.end(), _clean_label(m.group("label"))) for m in map(lambda s: _LABEL.match(text, s), _line_starts(text)) if m]
    strict = {fold(label) for _, _, label in found if _well_formed(label, strict=True)}
    found = [f for f in found if _well_formed(f[2], strict=False) and (fold(f[2]) in strict)]
    if len(found) < 2:
        return None
    spans = [(start, text_start, found[i + 1][0] if i + 1 < len(found) else len(text), label)
             for i, (start, text_start, label) in enumerate(found)]
    asks: dict[str, list[bool]] = {}
    for _, text_start, end, label in spans:
        asks.setdefault(fold(label), []).append(bool(_ASKS.search(text[max(text_start, end - ASK_WINDOW):end].rstrip())))
    spelled = {fold(label): label for _, _, _, label in reversed(spans) if not label.islower()}
    title_people = title_speakers(title)
    kinds: dict[str, tuple[str, str | None, str | None]] = {}
    for key, asked in asks.items():
        kinds[key] = _classify(spelled.get(key, key), asked, title_people)
    turns = [Turn(label, start, text_start, end, *kinds[fold(label)]) for start, text_start, end, label in spans]
    questions = sum(t.kind == "question" for t in turns)
    answers = sum(t.kind in ("answer", "speech") and i > 0 and turns[i - 1].kind == "question"
                  for i, t in enumerate(turns))
    needed = 1 if _has_word(title, TRANSCRIPT_TITLE_WORDS) else MIN_TURNS
    if questions < needed or answers < needed:
        return None
    return turns


def _classify(label: str, asked: list[bool], title_people: list[tuple[str, str, bool]]) -> tuple[str, str | None, str | None]:
    """What a label's turns are: (kind, speaker, role)."""
    low = fold(label)
    if low in QUESTION_LABELS or low.split()[0] in {"q", "question"}:
        return "question", None, None
    if low in ANSWER_LABELS or low.split()[0] in {"a", "answer"}:
        return "answer", None, None
    words = [w.capitalize() if shouted(w) and not INITIAL.match(w) else w for w in label.split()]
    role, name = split_role(words)
    if low.split()[0] in ANONYMOUS_LABELS or any(fold(w) in ANONYMOUS_LABELS for w in name):
        return "other", None, None  # "Moderator:", "Video Transcript:"
    person = is_person_name(name) and len(name) <= 4
    in_title = person and any(_same_person(" ".join(name), who) for who, _, _ in title_people)
    if person and len(name) == 1 and not role and not in_title and len(asked) < 2:
        person = False  # "Climate:" once, a heading; a speaker's lone surname comes back as a label
    if sum(asked) * 2 > len(asked) and not in_title:
        return "question", None, None  # an outlet or an interviewer: most of its turns ask
    if not person:
        return "other", None, None
    return "speech", " ".join(name), role or None


def _podium_speaker(turns: list[Turn], title: str | None) -> tuple[str, str] | None:
    """Who "A:" stands for: the person the headline names, else the only person who answers."""
    people = title_speakers(title)
    own = [p for p in people if p[2]]  # "Spokesperson Lu Kang's Regular Press Conference"
    if len(own) == 1 or len(people) == 1:
        name, role, _ = (own or people)[0]
        for turn in turns:  # a label may spell the name out more fully ("Spokesperson Hua Chunying:")
            if turn.kind == "speech" and turn.speaker and _same_person(turn.speaker, name):
                name = turn.speaker if len(turn.speaker) > len(name) else name
                return name, role or turn.role or ""
        return name, role
    answering = {t.speaker: t.role or "" for i, t in enumerate(turns)
                 if t.kind == "speech" and t.speaker and i > 0 and turns[i - 1].kind == "question"}
    if len(answering) == 1:
        name, role = next(iter(answering.items()))
        return name or "", role
    return None


def title_speakers(title: str | None) -> list[tuple[str, str, bool]]:
    """People a headline names, in order: (name, role, possessive). "Foreign Ministry Spokesperson
    Lu Kang's Regular Press Conference" gives [("Lu Kang", "Foreign Ministry Spokesperson", True)]."""
    if not title:
        return []
    people: list[tuple[str, str, bool]] = []
    chunk: list[str] = []

    def close(possessive: bool) -> None:
        if chunk:
            role, name = split_role(list(chunk))
            if is_person_name(name) and len(name) <= 4 and (len(name) > 1 or role):
                people.append((" ".join(name), role, possessive))
            chunk.clear()

    for token in _TITLE_TOKEN.findall(title):
        bare = re.sub(r"['’]s$", "", token)
        low = fold(bare)
        if low in _LABEL_SMALL_WORDS - {"of", "the", "and", "for"} and chunk:
            chunk.append(bare)
        elif bare[:1].isupper() and low not in TITLE_BREAK_WORDS:
            chunk.append(bare)
            if bare != token:
                close(True)
        elif low == "of" and chunk and fold(chunk[-1]) not in TITLE_BREAK_WORDS and _role_of(chunk):
            chunk.append(bare)  # "Minister of Foreign Affairs Sergey Lavrov"
        else:
            close(False)
    close(False)
    return people


def _role_of(chunk: list[str]) -> bool:
    """True when the words so far are all a role ("Minister of" goes on, "Lavrov of" does not)."""
    _, name = split_role(chunk + ["X"])
    return name == ["X"]


def _same_person(a: str, b: str) -> bool:
    """Same surname (last word), or one name a single word of the other."""
    wa, wb = fold(a).split(), fold(b).split()
    return bool(wa and wb) and (wa[-1] == wb[-1] or (len(wa) == 1 and wa[0] in wb) or (len(wb) == 1 and wb[0] in wa))


def _well_formed(label: str, strict: bool) -> bool:
    """True for a label's shape: a few words, each capitalised (or a small word) when ``strict``."""
    words = label.split()
    if not words or len(words) > MAX_LABEL_WORDS or any(c.isdigit() for c in label):
        return False
    if fold(label) in QUESTION_LABELS | ANSWER_LABELS:
        return True
    if not strict:
        return words[0][:1].isupper()
    return all(w[:1].isupper() or fold(w) in _LABEL_SMALL_WORDS for w in words) and words[0][:1].isupper()


def _clean_label(label: str) -> str:
    return " ".join(label.split()).rstrip(".")


def _has_word(title: str | None, phrases: tuple[str, ...]) -> bool:
    low = fold(title or "")
    return any(p in low for p in phrases)


def _context(text: str, question: Turn | None) -> str | None:
    """The text of the question an answer follows."""
    if question is None:
        return None
    start, end = _strip(text, question.text_start, question.end)
    return text[start:end] or None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``start`` and ``end`` moved in past white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_starts(text: str) -> list[int]:
    """Where each non-empty line of ``text`` begins."""
    starts = []
    at = 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(at)
        at += len(line) + 1
    return starts
