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
from .names import Mention, fold
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
    rf"|suggesting|stressing|writing|telling|asking|urging|calling|accusing)\b"
)
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
    """"Clinton chimed in on Twitter, saying …": the person who opens the sentence is the speaker."""
    out = []
    for m in _PARTICIPLE.finditer(text):
        lo = max(0, m.start() - _SENTENCE_REACH)
        sentence = max(text.rfind(". ", lo, m.start()), text.rfind("\n", lo, m.start()), text.rfind("? ", lo, m.start()))
        if sentence < 0:
            if lo > 0:
                continue
            sentence = -2
        opening = sentence + 2
        first = None
        for person in looking_back(runs, m.start(), m.start() - opening):
            if person.start >= opening:
                first = person
        if first is not None and first.subject and first.start - opening <= _SUBJECT_REACH:
            out.append((first, m.group("cue"), m.start("cue"), m.end("cue"), m.end()))
    return out
