"""Statements whose speaker is named elsewhere: "he said", "the spokesperson noted", ", saying".

``he said`` / ``she told`` / ``…, he added`` resolve to the nearest preceding named person that
opened a clause or already speaks (a name inside a quotation is skipped: it is not whom the
pronoun after the quotation means); ``the spokesperson said`` / ``the Councilor noted`` resolve
to the nearest person whose role holds that title; ``…, saying …`` belongs to the person who
opens its sentence. Unresolved: dropped. Each statement is placed where the pronoun or title
stands, not where its antecedent did.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .cues import AUX, CUE, INV
from .names import Mention, ends_sentence, fold
from .rules import IRREGULAR_FINITE, NON_PERSON_WORDS, TITLE_WORDS
from .runs import SP, Runs, looking_back
from .spans import Quotes

# How far (characters) a pronoun may sit from the person it refers to; beyond, it stays unresolved.
PRONOUN_REACH = 1500
# Two patterns, each opening with one character class, so the engine skips ahead cheaply.
_PRONOUN = re.compile(rf"[HhSs](?<![\w’'].)h?e(?:{SP}+(?:{AUX})){{0,3}}{SP}+(?P<cue>{CUE})\b")
_PRONOUN_AFTER = re.compile(rf"[,”\"’']{SP}*(?P<cue>{INV}){SP}+(?:he|she)\b")
# "the spokesperson said": the match starts at the "he" of "the", a literal that the engine finds
# much faster than every "t"; the article itself starts one character earlier.
_TITLE_SUBJECT = re.compile(
    rf"he(?<=[Tt]he)(?<!\w...){SP}+(?:(?P<qualifier>[A-Z][\w\-]+|former|foreign|top|senior){SP}+)?(?P<title>(?i:spokesperson|spokesman|spokeswoman|councilor|minister|secretary"
    rf"|president|senator|governor|ambassador|premier|chancellor|mayor|congressman|congresswoman"
    rf"|nominee|candidate|envoy)){SP}+(?:(?:{AUX}){SP}+){{0,3}}(?P<cue>{CUE})\b"
)
# "…, saying …": the participle's speaker is the subject that opened the sentence.
_PARTICIPLE = re.compile(
    rf",{SP}+(?P<cue>saying|adding|arguing|noting|insisting|warning|explaining|claiming|declaring"
    rf"|suggesting|stressing|writing|telling|asking|urging|calling|accusing"
    rf"|citing|announcing|vowing|predicting|praising|criticizing|criticising|acknowledging|complaining"
    rf"|recalling|promising|pledging|tweeting|emphasizing|emphasising|reiterating|admitting|conceding)\b"
)
# "… put off deciding but said …": a finite cue after "and"/"but" shares the sentence's subject.
_COORDINATED = re.compile(rf"{SP}+(?:and|but){SP}+(?P<aux>(?:(?:{AUX}){SP}+){{0,2}})(?P<cue>{CUE})\b")
# What opens a clause of its own between a subject and a coordinated cue: a pronoun subject,
# "that", "who", a quotation.
_NEW_SUBJECT = re.compile(r"\b(?:he|she|they|we|I|it|that|who|which)\b|[“”\"]|''")
# The lower-case word right after a name ("Clinton campaign").
_NEXT_WORD = re.compile(rf"{SP}+([a-z][a-z’'\-]*)\b")
# How far into its sentence that subject may start ("In Ohio on Monday, Trump …").
_SUBJECT_REACH = 40
# How far back a sentence may start before its participle.
_SENTENCE_REACH = 300


def pronouns(
    text: str, runs: Runs, attributed: list[tuple[Mention, str, int, int, int]]
) -> list[tuple[Mention, str, int, int, int]]:
    """Resolve "he said" to the nearest subject-position person and "the spokesperson said" by role."""
    known = {fold(a[0].name.split()[-1]) for a in attributed}
    speakers = {a[0].start for a in attributed}
    quotes = Quotes(text)
    out = []
    pronouns = [m for m in _PRONOUN.finditer(text) if m.group().split()[0].lower() in ("he", "she")]
    for m in sorted(pronouns + list(_PRONOUN_AFTER.finditer(text)), key=lambda m: m.start()):
        cue = "cue"
        skipped = False
        for person in looking_back(runs, m.start(), PRONOUN_REACH):
            if quotes.inside(person.start):
                skipped = True  # a name inside quoted words is not whom "he" refers to
                continue
            if not (person.subject or person.start in speakers):
                continue
            # Only a person the article already shows as a person: a speaker, or named with a
            # title; past a quotation, only someone already speaking (who is likely quoted).
            if (person.titled and not skipped) or fold(person.name.split()[-1]) in known:
                # the statement is attributed where the pronoun stands, not where its antecedent did
                here = replace(person, start=m.start(), end=m.start())
                out.append((here, m.group(cue), m.start(cue), m.end(cue), m.end()))
            break
    for m in _TITLE_SUBJECT.finditer(text):
        title = m.group("title").lower()
        qualifier = m.group("qualifier") or ""
        for person in looking_back(runs, m.start() - 1, PRONOUN_REACH * 2):
            role = person.role.lower().split()
            # "the Russian minister": the title, and the qualifier when it is a word of the role
            if title in role and (not qualifier or qualifier.islower() or qualifier.lower() in role):
                here = replace(person, start=m.start() - 1, end=m.start() - 1)
                out.append((here, m.group("cue"), m.start("cue"), m.end("cue"), m.end()))
                break
    return out


def participles(text: str, runs: Runs) -> list[tuple[Mention, str, int, int, int]]:
    """"Clinton chimed in on Twitter, saying …", "Sullivan put off deciding but said …": the
    person who opens the sentence is the speaker."""
    out = []
    coordinated = (m for m in _COORDINATED.finditer(text) if _finite(m.group("cue"), m.group("aux")))
    for m in sorted([*_PARTICIPLE.finditer(text), *coordinated], key=lambda m: m.start()):
        lo = max(0, m.start() - _SENTENCE_REACH)
        stop, question = _full_stop_before(text, lo, m.start()), text.rfind("? ", lo, m.start())
        line = text.rfind("\n", lo, m.start())
        # the sentence opens after ". " or "? ", or right after a line break
        opening = max(stop + 2 if stop >= 0 else -1, question + 2 if question >= 0 else -1, line + 1 if line >= 0 else -1)
        if opening < 0:
            if lo > 0:
                continue
            opening = 0
        first = second = None
        for person in looking_back(runs, m.start(), m.start() - opening):
            if person.start >= opening:
                first, second = person, first
        if first is not None and second is not None and (
                _describes(text[first.end : second.start]) or _opening_adverb(text, first)):
            # "Rubio press secretary Brooke Sammon …, tweeting": the first name describes the
            # second; "Ultimately, Mr. Yanukovych … refused": the first is no name
            first = second
        if first is None or not first.subject or first.start - opening > _SUBJECT_REACH:
            continue
        after = _NEXT_WORD.match(text, first.end)
        if after is not None and (after.group(1) in TITLE_WORDS or after.group(1) in NON_PERSON_WORDS):
            continue  # "the Clinton campaign would do well to …, emphasizing": a body, no person
        if m.re is _COORDINATED and _NEW_SUBJECT.search(text, first.end, m.start()):
            continue  # "Clinton says she respects X but argues …": the second verb is hers
        out.append((first, m.group("cue"), m.start("cue"), m.end("cue"), m.end()))
    return out


def _opening_adverb(text: str, person: Mention) -> bool:
    """True for a capitalised adverb that opens a sentence ("Ultimately, …"), which the runs read
    as a one-word name."""
    return " " not in person.name and not person.titled and person.name.endswith("ly") and (
        text[person.end : person.end + 1] == ",")


def _describes(between: str) -> bool:
    """True when the words between two names are a role or a body ("Rubio press secretary Brooke
    Sammon", "Clinton campaign chairman John Podesta"): the first name describes the second. Not
    a verb's words ("Trump went after Hillary Clinton")."""
    words = between.split()
    return 0 < len(words) <= 3 and between[:1].isspace() and between[-1:].isspace() and all(
        w in TITLE_WORDS or w in NON_PERSON_WORDS for w in words)


def _full_stop_before(text: str, lo: int, pos: int) -> int:
    """Where the last ". " that ends a sentence lies in ``text[lo:pos]``, or -1: the dot of
    "Rep. Hakeem Jeffries" or "J. Smith" ends no sentence."""
    at = text.rfind(". ", lo, pos)
    while at >= 0:
        start = max(text.rfind(" ", lo, at), text.rfind("\n", lo, at)) + 1
        if ends_sentence(text[max(start, lo) : at + 1]):
            return at
        at = text.rfind(". ", lo, at)
    return -1


def _finite(cue: str, aux: str) -> bool:
    """True for a cue that has a tense of its own ("and said", "but has warned"), not an
    infinitive or a participle ("and help", "and warning")."""
    return cue in IRREGULAR_FINITE or cue.endswith(("ed", "s")) or bool(aux.strip())
