"""Body text -> Statements: who is reported as saying what.

A speaker is a named person whose statement, position or belief the article reports. The
extractor finds attributions with rules over capitalised-word runs (parsed into person mentions by
:mod:`searchidx.extracting.speakers.runs`), in one pass each:

1. Inline transcript labels at the start of a paragraph (:mod:`~searchidx.extracting.speakers.labels`):
   ``SECRETARY BLINKEN:``, ``Xi Jinping (retranslated):``; ``QUESTION:`` names nobody.
2. A person as subject of a cue verb: ``Wang said``, ``Lavrov has repeatedly warned``,
   ``Smith, a Democrat from Ohio, told reporters``, ``Wang and Lavrov agreed``, ``A, B and C
   issued a joint statement``, ``Donald Trump Jr who wrote on X``, ``Henry Cuellar of Texas said``.
3. Inverted cues after a comma or closing quote: ``…, said Wang, who…``, ``…,” added Lavrov``;
   in ``said Kyiv resident Olena Petrenko`` only the last name speaks.
4. ``according to X`` and ``attributable to X`` (State Department readouts).
5. ``he said``, ``the spokesperson noted``, ``…, saying`` (:mod:`~searchidx.extracting.speakers.resolve`).
6. The quotations right after an attribution in its paragraph: ``“…,” Wang said. “…”``.

Rule for people mentioned without a cue of their own (the seed's "Russian President Vladimir
Putin voiced support to China"): only the subject of a *speech or belief* cue, one that
introduces reported content, is a speaker. "voiced support" or "expressed condolences" report an
act, not a statement, so ``voice``/``express`` are not cue verbs and Putin is not listed there;
nor is anyone merely named inside another speaker's reported words (an attribution inside a
quotation is dropped), nor anyone whose cue reports no words ("explained.", "concluded their
talks").

Names are canonical within the article (:class:`~searchidx.extracting.speakers.names.Canon`): a
short form ("Wang", "Lavrov", "Mr. Blinken", "SECRETARY BLINKEN") becomes the fullest form of
that person used in the article ("Wang Yi", "Sergei Lavrov", "Antony J. Blinken"); when people
share a surname, the title or honorific decides, else the one not called by first name, else
the one introduced first. Family-name-first names (Chinese, Korean) shorten to their first word.
Titles and roles before a name ("State Councilor and Foreign Minister") are split off into
``Statement.role``. Not speakers: countries, cities, ministries, media and other organisations
(any name holding a word from ``NON_PERSON_WORDS``), titles alone, unresolved pronouns, and
single words that the article never shows as a person (no full name, no title or honorific, no
quotation with its cue).

Cost is linear in the text: every regex has bounded repetition and is matched at positions
found by one ``finditer`` pass; look-backs and content spans read bounded windows.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ...models import Statement
from .cues import AUX, CUE, INV, PREPOSITIONS, alternation, lower_heading_cues, unbullet
from .labels import labels
from .lists import JOINED, NOT_NOUNS, examples_before, joined_before, listed_before
from .names import Canon, Mention, fold
from .resolve import participles, pronouns
from .runs import SP, Runs, previous_word
from .spans import (
    MIN_CONTENT_WORDS, Quotes, content_span, paragraph_starts, quotation_next, quotes_after, rstrip_at, sentence_end,
)
from .rules import (
    FEELING_NOUNS, IRREGULAR_FINITE, MODALS, NEGATIONS, PASSIVE_AGENT_CUES, PASSIVE_MARKERS, SOURCE_WRITING_VERBS,
    SOURCE_WRITINGS,
)

# A dot that ends an abbreviation or initial, not a sentence ("Mrs. Clinton", "J. Smith"). The dot
# comes first so that every other character fails at once, before eleven look-behinds are tried.
_ABBREV_DOT = r"\.(?:(?<=Mr\.)|(?<=Mrs\.)|(?<=Ms\.)|(?<=Dr\.)|(?<=Sen\.)|(?<=Rep\.)|(?<=Gov\.)|(?<=Gen\.)|(?<=Jr\.)|(?<=St\.)|(?<=\b[A-Z]\.))"
# One appositive between commas: up to 200 characters, no sentence end, no quotation but a few
# quoted words ("wearing “Ted Cruz” pins"), not opening with "and"
# (", and all those gathered," ends a list; it describes nobody). Only the whole stretch up
# to the next comma can be followed by the comma that must come next, so it is taken at once
# (a look-ahead capture and its back-reference: Python 3.10 has no atomic groups); otherwise a
# name followed by a comma but no cue retried every shorter stretch, 20 µs a name.
_APPOSITIVE = (
    rf",(?!{SP}*(?:and|or){SP})(?=[^,]{{1,200}},)(?=(?P<clause>(?:[^,;.\n“”\"]+|\.(?!{SP}+[A-Z])|{_ABBREV_DOT}|“[^“”\n,.]{{1,40}}”)+))(?P=clause)"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# After an appositive name ("…, Jake Sullivan, calls"): a comma, helpers, the cue.
_AFTER_COMMA = re.compile(rf",{SP}+(?P<aux>(?:(?:{AUX}|[a-z]+ly){SP}+){{0,3}})(?P<cue>{CUE})\b")
# A statement issued as a document: "issued a statement saying", "released a response that",
# "put out a letter on Monday calling": the cue runs to the word that introduces the content.
_ISSUED = (
    rf"(?:issued|released|put{SP}+out|sent(?:{SP}+out)?|posted|published|delivered)"
    rf"(?:{SP}+(?:a|an|the|his|her|their|its))?(?:{SP}+[\w\-]+)?{SP}+"
    rf"(?:statement|response|reply|letter|message|note|tweet|post|video|warning|appeal)s?\b"
    rf"(?:(?:{SP}+(?:on|late|early|this|last)(?:{SP}+[\w.\-]+){{1,2}})?"
    rf"(?:,?{SP}+(?:saying|stating|that|calling|urging|warning|agreeing|announcing|declaring)\b|{SP}*:))?"
)
# A feeling expressed about a clause ("Ann Lee expressed confidence that …", "voiced concern in
# an interview that …"): the clause is what was said. Without the clause it is an act, as in the
# seed's "voiced support to China".
_FEELING = (
    rf"(?:expressed|voiced|expresses|voices)(?:{SP}+(?:his|her|their|its))?{SP}+(?:{alternation(FEELING_NOUNS)})\b"
    rf"(?=[^.;:“”\"\n]{{0,40}}\bthat\b)"
)
# "As Ann Lee put it, …", "…, as Bo Ortiz puts it, “…”": what follows is the speaker's wording.
_PUT_IT = rf"puts?{SP}+it(?={SP}*[,:])"
_ISSUED_TAIL = re.compile(
    rf"(?:{SP}+(?:on|late|early|this|last)(?:{SP}+[\w.\-]+){{1,2}})?"
    rf"(?:,?{SP}+(?:saying|stating|that|calling|urging|warning|agreeing|announcing|declaring)|{SP}*:)$"
)
# After a subject: optional (R-Ky.), up to two appositives, "who", auxiliaries/adverbs, a time,
# the cue.
_AFTER = re.compile(
    rf"(?:{SP}*\([^()\n]{{1,40}}\),?)?"
    # "Henry Cuellar of Texas", "Stacy Baker of Columbia, South Carolina"
    rf"(?:{SP}+of{SP}+[A-Z][\w.’'\-]*(?:,?{SP}+[A-Z][\w.’'\-]*){{0,3}})?"
    # "Jeffrey Lewis of the James Martin Center for Nonproliferation Studies": the rest of a
    # place or institution that the name's run stopped short of
    rf"(?:{SP}+(?:for|of|on|and){SP}+[A-Z][\w.’'\-]*(?:{SP}+[A-Z][\w.’'\-]*){{0,4}}(?={SP}+[a-z]))?"
    # "Mr. Xi and other leaders have said"
    rf"(?P<others>{SP}+and{SP}+(?:other|several|fellow|some|many|his|her|their)(?:{SP}+[a-z][\w\-]*){{1,3}}?(?={SP}))?"
    rf"(?:(?:{_APPOSITIVE}){{1,4}},)?"
    # "Jason Sims — a teacher from Mount Pleasant — says"
    rf"(?:{SP}*(?:—|–|--){SP}*[^—–\n“”\"]{{1,120}}?{SP}*(?:—|–|--))?"
    rf"(?:,?{SP}+(?P<who>who))?"
    # "Bernie Sanders on Wednesday morning also called"
    rf"(?:{SP}+(?:on{SP}+)?{_WEEKDAY}(?:{SP}+(?:morning|afternoon|evening|night))?,?)?"
    rf"{SP}+(?P<aux>(?:(?:{AUX}|[a-z]+ly){SP}+){{0,3}})"
    rf"(?:on{SP}+[A-Z][a-z]+{SP}+)?"
    rf"(?P<cue>{_ISSUED}|{_PUT_IT}|{_FEELING}|(?:{CUE})\b)"
)
# Cue markers that come before their speaker: "…, said" and "…” ―", then "according to". Two
# patterns, each opening with one character class, so that the engine skips ahead to those
# characters instead of trying every position; their matches never overlap.
_BEFORE = re.compile(rf"[,”\"’'](?:{SP}*(?P<inv>{INV})\b|(?P<dash>(?<=[”\"])[.,]?{SP}*[―—–]))")
# "according to a 2013 study by economists Ann Lee": the writing's author, after "by"/"from"
_WRITING = (
    rf"(?:{SP}+[\w\-’']+){{0,4}}?{SP}+(?:{alternation(SOURCE_WRITINGS)})"
    rf"(?:{SP}+(?:{alternation(SOURCE_WRITING_VERBS)})(?:{SP}+in{SP}+[A-Z][\w\-]+)?)?{SP}+(?:by|from)\b"
)
_ACCORDING = re.compile(rf"(?P<acc>[Aa](?<!\w.)(?:ccording{SP}+to|ttributable{SP}+to))\b(?:{_WRITING})?")
_PASSIVE_BY = re.compile(rf"\b(?P<by>(?i:{alternation(PASSIVE_AGENT_CUES)})){SP}+by\b")
# What may sit between such a marker and the name: up to six words, none a preposition ("said
# Montclair State University political scientist Brigid Harrison").
_GAP = re.compile(rf"(?:{SP}+(?!(?:{PREPOSITIONS})\b)[\w\-.’']+){{0,6}}{SP}*")
# Or a description set off by a comma before the name, opening with a determiner or a possessive
# ("…,” said another Twitter user, Johanna Bayer", "said the bureau's director, James B. Comey",
# "said Rubio's deputy campaign manager, Rich Beeson"): the name is the speaker, the description
# names nobody.
_APPOSED_GAP = re.compile(
    rf"{SP}+(?:(?:a|an|another|his|her|their|its|the|one{SP}+of)\b|[A-Z][\w\-]*[’']s{SP})"
    # no relative clause: "Lewandowski, said the staff member who succeeded him, Paul Manafort,
    # should go" is the subject's own cue, and the name after it is what he said
    rf"(?:(?!\b(?:who|whom|which|that)\b)[^,.;:“”\"\n]){{1,90}},{SP}+"
)
# Longest gap (characters) between a before-cue and its speaker.
_GAP_REACH = 60
# ... and after a description set off by a comma.
_APPOSED_REACH = 110
_WORD = re.compile(r"\w+")
# Cue verbs, and the verbs that issue a statement ("issued a response saying"), looked for ahead.
_CUE_WORD = re.compile(
    rf"\b(?:{CUE}|issued|released|put{SP}+(?:out|it)|puts{SP}+it|sent|posted|published|delivered|expresse[ds]|voice[ds])\b"
)
# Marks that close a quotation before an attribution ("…,” said Cruz", "“…,” Cruz said").
_QUOTE_CLOSERS = frozenset("”\"’'")
# A quotation that ends with one inside it closes both (",’”": "… said, ‘Dude,’”").
_QUOTE_ENDINGS = (",”", ',"', ",''", ",’", "?”", '?"', "!”", '!"', "?''", "!''", ",’”", "?’”", "!’”", ",'\"")
# A lower-case word right after a name ("Clinton aide"), and the words that are no noun there.
_NEXT_WORD = re.compile(rf"{SP}+([a-z][a-z’'\-]*)\b")
# Words after which a name is a place or a thing that a relative "who" skips over.
WHO_BLOCKERS = frozenset("in of at on from to for into near across".split())
# How far after a name its cue may start: right after it, or after an appositive or party tag.
_CUE_REACH = 60
_APPOSITIVE_REACH = 700


def extract_statements(text: str, hints: tuple[str, ...] = ()) -> tuple[Statement, ...]:
    """Every attribution found in ``text``, in text order; ``hints`` (the page's headline and
    creator field) may show a surname the text uses alone to be a person's."""
    original, text = text, unbullet(lower_heading_cues(text))
    runs = Runs(text)
    cues = _Cues(text)
    attributed = _attributed(text, runs, cues)
    found: list[tuple[Mention, str, int, int, int]] = []  # mention, cue, cue start, cue end, anchor
    found += labels(text)
    found += attributed
    if cues.next_at(0) is not None:  # the pronoun, title and participle rules all need a cue verb
        found += pronouns(text, runs, attributed)
        found += participles(text, runs)
    if not found:  # most short stories: no names to canonicalise
        return ()
    paragraphs = paragraph_starts(text)
    quotes = Quotes(text)
    # "“…, Hillary Clinton called on lawmakers to act,” Sanders said": a speaker's quoted words
    # report what others said; the quoted people are named, not quoted (a label is never inside)
    found = [f for f in found if f[1] == ":" or not quotes.inside(f[0].start)]
    runs.parse_sharing({fold(w) for f in found for w in f[0].name.split()})
    canon = Canon(runs.mentions() + [f[0] for f in found], text, hints)
    seen: set[tuple[str, int]] = set()
    statements = []
    continued: list[Statement] = []
    for mention, cue, cue_start, cue_end, anchor in found:
        name, role = canon.resolve(mention)
        if name is None or (name, cue_start) in seen:
            continue
        seen.add((name, cue_start))
        start, end = content_span(text, paragraphs, (mention, cue, cue_start, cue_end, anchor))
        if len(_WORD.findall(text, start, end)) < MIN_CONTENT_WORDS:
            # "Bystrom agreed. “…”": what was said is the quotation that follows
            start, end = quotation_next(text, paragraphs, cue_end) or (start, end)
        if len(_WORD.findall(text, start, end)) < MIN_CONTENT_WORDS:
            continue  # "Smith explained." reports no words: no statement, and no speaker by it
        statements.append(
            Statement(speaker=name, cue=cue, text=text[start:end], start=start, end=end, role=role or None)
        )
        # "“…,” Wang said. “…”": the quotations right after the attribution are his too
        after = max(end, sentence_end(text, cue_end, _paragraph_end(paragraphs, cue_end, len(text))))
        for q_start, q_end in quotes_after(text, paragraphs, after):
            continued.append(Statement(name, cue, text[q_start:q_end], q_start, q_end, role or None))
    found_all = _with_continued(statements, continued)
    if text is not original:  # a heading's verb was lowered to be read; the text is the page's
        found_all = [replace(st, text=original[st.start : st.end]) for st in found_all]
    return tuple(found_all)


def _paragraph_end(paragraphs: list[int], pos: int, size: int) -> int:
    at = bisect.bisect_right(paragraphs, pos)
    return paragraphs[at] if at < len(paragraphs) else size


def _with_continued(statements: list[Statement], continued: list[Statement]) -> list[Statement]:
    """Statements and continued quotations in text order; a continued quotation gives way to
    any statement that covers it (an attribution of its own)."""
    spans = sorted((s.start, s.end) for s in statements)
    starts = [a for a, _ in spans]
    for st in continued:
        at = bisect.bisect_right(starts, st.end) - 1
        if not any(a < st.end and st.start < b for a, b in spans[max(0, at - 3) : at + 1]):
            statements.append(st)
            spans.insert(at + 1, (st.start, st.end))
            starts.insert(at + 1, st.start)
    statements.sort(key=lambda s: (s.start, s.end))
    return list(dict.fromkeys(statements))


def speakers_of(statements: tuple[Statement, ...]) -> tuple[str, ...]:
    """Distinct speaker names in order of first appearance: the people whose words the page
    reports itself, not those whose words only a transcript turn reports (a spokesperson's
    answer that recounts a minister's words: the minister speaks through the spokesperson)."""
    turns = sorted((s.start, s.end, s.speaker) for s in statements if s.cue == ":")
    starts = [t[0] for t in turns]

    def own(st: Statement) -> bool:
        at = bisect.bisect_right(starts, st.start) - 1
        return st.cue == ":" or at < 0 or not (turns[at][1] >= st.end and turns[at][2] != st.speaker)

    return tuple(dict.fromkeys(s.speaker for s in statements if own(s)))


class _Cues:
    """Where cue verbs start, found by scanning forward only as far as a question needs: the text
    between a cue and the end of the next name is never scanned (about half of a wire story)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.scanned_from = len(text) + 1  # the last scan started here ...
        self.next: int | None = None  # ... and found its first cue here (None: no cue after it)

    def next_at(self, pos: int) -> int | None:
        """Start of the first cue verb at or after ``pos``; None when there is none."""
        if pos < self.scanned_from or (self.next is not None and self.next < pos):
            m = _CUE_WORD.search(self.text, pos)
            self.scanned_from, self.next = pos, (m.start() if m else None)
        return self.next


def _attributed(text: str, runs: Runs, cues: _Cues) -> list[tuple[Mention, str, int, int, int]]:
    """Mentions attributed by a following cue ("Wang said") or a preceding one ("…, said Wang")."""
    attributed: list[tuple[Mention, str, int, int, int]] = []
    inverted: dict[int, list[tuple[Mention, str, int, int, int]]] = {}  # by the before-cue's start
    markers = list(_BEFORE.finditer(text))
    # Few texts have "according to": a substring test spares the scan, which stops at every "a".
    according = list(_ACCORDING.finditer(text)) if "ccording" in text or "ttributable" in text else []
    passive = list(_PASSIVE_BY.finditer(text)) if " by" in text else []
    if according or passive:
        markers = sorted(markers + according + passive, key=lambda m: m.start())
    marker_ends = [m.end() for m in markers]
    for index, run in enumerate(runs.runs):
        # Cheap tests first: most runs have no cue before them and none right after them.
        if not _near(marker_ends, run.start() - _APPOSED_REACH, run.end()):
            nxt = _rstrip_forward(text, run.end())
            reach = _APPOSITIVE_REACH if text[nxt : nxt + 1] in {",", "("} else _CUE_REACH
            next_cue = cues.next_at(run.end())
            if next_cue is None or next_cue > run.end() + reach:
                continue
            if not _AFTER.match(text, run.end()) and not _AFTER_COMMA.match(text, run.end()):
                continue
        units = runs.parse(index)
        for number, unit, possessive, persons in units:
            if not persons:
                continue
            before = _before_cue(text, markers, marker_ends, unit[0][1])
            if before and _modifies_noun(text, persons[-1].end):
                continue  # "…,” said a Clinton aide": the name describes the speaker, who is unnamed
            if before and (number == 0 or units[number - 1][2]):
                group = before.lastgroup or "inv"  # "inv", "acc", "dash" or "by"
                cue = {"inv": before.group(group), "by": before.group(group), "acc": "according to"}.get(group, "―")
                cue_start = before.end(group) - 1 if group == "dash" else before.start(group)
                quoted = group != "acc" and text[before.start()] in _QUOTE_CLOSERS
                # "…, said Kyiv resident Olena Petrenko": a name before the speaker's is a modifier,
                # so the last run a before-cue reaches replaces the ones before it; "asked by
                # Ann Lee whether …": what was said follows the name
                inverted[cue_start] = [
                    # "…,” said Cruz": a quotation and its cue show a lone surname to be a person
                    (replace(person, titled=True) if quoted and " " not in person.name else person,
                     cue, cue_start, before.end(group), persons[-1].end if group == "by" else -1)
                    for person in persons
                ]
                continue
            if possessive:
                continue
            after = _AFTER.match(text, unit[-1][2])
            if after is None and (_after_comma(text, unit[0][1]) or (number == 0 and examples_before(runs, index))):
                after = _AFTER_COMMA.match(text, unit[-1][2])
            if after is None:
                continue
            plural = len(persons) > 1 or any(w == "and" for w, _, _ in unit) or bool(after.groupdict().get("others")) or (
                number == 0 and JOINED.fullmatch(text, runs.runs[index - 1].end() if index else 0, run.start()) is not None)
            # "Several leaders, including A and B, have denounced": examples of a plural subject
            example = number == 0 and examples_before(runs, index)
            plural = plural or example
            who = after.groupdict().get("who") is not None
            if who and (after.start("who") - unit[-1][2] > 2 or len(persons) > 1 or plural
                        or previous_word(text, unit[0][1]) in WHO_BLOCKERS):
                # "A, B and C, who joked", "the leader of the opposition in Westphalia, who
                # suggested": whom "who" stands for is not clear, or is not this name
                continue
            # "…, Donald Trump Jr who wrote on X": a relative clause's subject is the name before it
            if (persons[0].subject or who or example) and _finite(after, plural=plural):
                quoted = _after_quote(text, unit[0][1])
                cue = _ISSUED_TAIL.sub("", after.group("cue"))  # "issued a statement", without "saying"
                if plural and number == 0:
                    persons = listed_before(runs, index) + persons  # "A, B and C issued"
                if number == 0:
                    persons = joined_before(runs, index) + persons  # "A and state Sen. B said"
                for person in persons:
                    # "“…,” Cruz said": as above
                    person = replace(person, titled=True) if quoted and " " not in person.name else person
                    attributed.append((person, cue, after.start("cue"), after.start("cue") + len(cue), after.end()))
    return attributed + [a for found in inverted.values() for a in found]


def _modifies_noun(text: str, end: int) -> bool:
    """True when the name ending at ``end`` is followed by a lower-case noun it describes ("a
    Clinton aide", "the Trump campaign"), not by a time, a place or the rest of the sentence."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1) not in NOT_NOUNS and not _CUE_WORD.fullmatch(m.group(1))


def _after_quote(text: str, pos: int) -> bool:
    """True when a quotation closes (with a comma, "?" or "!") right before ``pos``."""
    end = rstrip_at(text, max(0, pos - 4), pos)
    return text[max(0, end - 3) : end].endswith(_QUOTE_ENDINGS)


def _near(positions: list[int], lo: int, hi: int) -> bool:
    """True when some sorted ``positions`` value lies in [lo, hi]."""
    at = bisect.bisect_left(positions, lo)
    return at < len(positions) and positions[at] <= hi


def _rstrip_forward(text: str, pos: int) -> int:
    """First position at or after ``pos`` that is not a space (within a few characters)."""
    end = min(len(text), pos + 4)
    while pos < end and text[pos] in " \t\xa0":
        pos += 1
    return pos


def _before_cue(text: str, markers: list[re.Match[str]], ends: list[int], pos: int) -> re.Match[str] | None:
    """The before-cue marker ("…, said", "according to") that governs a name at ``pos``, if any."""
    at = bisect.bisect_right(ends, pos) - 1
    if at < 0 or pos - ends[at] > _APPOSED_REACH:
        return None
    if pos - ends[at] <= _GAP_REACH and _GAP.fullmatch(text, ends[at], pos):
        return markers[at]
    return markers[at] if _APPOSED_GAP.fullmatch(text, ends[at], pos) else None


def _after_comma(text: str, pos: int) -> bool:
    """True when the name at ``pos`` directly follows a comma: it may be an appositive."""
    end = rstrip_at(text, max(0, pos - 4), pos)
    return text[end - 1 : end] == ","


def _finite(after: re.Match[str], plural: bool = False) -> bool:
    """Reject passives ("was charged"), negations ("did not respond") and bare infinitives ("help Putin maintain")."""
    helpers = after.group("aux").lower().split()
    cue = after.group("cue").split()[0]  # "issued a statement saying": its verb
    if any(w in PASSIVE_MARKERS for w in helpers) and not cue.endswith("ing"):
        return False
    if any(w in NEGATIONS for w in helpers):
        return False
    return plural or cue in IRREGULAR_FINITE or cue in {"sent", "put"} or cue.endswith(("s", "ed", "ing")) or any(w in MODALS for w in helpers)


