"""Body text -> Statements: who is reported as saying what.

A speaker is a named person whose statement, position or belief the article reports. The
extractor finds attributions with rules over capitalised-word runs, in one pass each:

1. Transcript labels at the start of a paragraph: ``SECRETARY BLINKEN:``, ``MR PRICE:``,
   ``President of Russia Vladimir Putin:``, ``Xi Jinping (retranslated):``. Labels that name
   nobody (``QUESTION:``, ``MODERATOR:``) are skipped.
2. A person as subject of a cue verb: ``Wang said``, ``Lavrov has repeatedly warned``,
   ``Smith, a Democrat from Ohio, told reporters``, ``Wang and Lavrov agreed``.
3. Inverted cues after a comma or closing quote: ``…, said Wang, who…``, ``…,” added Lavrov``.
4. ``according to X`` and ``attributable to X`` (State Department readouts).
5. ``he said`` / ``she told`` / ``…, he added``: resolved to the nearest preceding named person
   that opened a clause or was already a speaker; ``the spokesperson said`` / ``the Councilor
   noted``: resolved to the nearest person whose role holds that title. Unresolved: dropped.

Rule for people mentioned without a cue of their own (the seed's "Russian President Vladimir
Putin voiced support to China"): only the subject of a *speech or belief* cue, one that
introduces reported content, is a speaker. "voiced support" or "expressed condolences" report an
act, not a statement, so ``voice``/``express`` are not cue verbs and Putin is not listed there;
nor is anyone merely named inside another speaker's reported words.

Names are canonical within the article: a short form ("Wang", "Lavrov", "Mr. Blinken",
"SECRETARY BLINKEN") becomes the fullest form of that person used in the article ("Wang Yi",
"Sergei Lavrov", "Antony J. Blinken"), choosing the nearest earlier full mention when two people
share a surname. Family-name-first names (Chinese, Korean) shorten to their first word. Titles
and roles before a name ("State Councilor and Foreign Minister") are split off into
``Statement.role``. Not speakers: countries, cities, ministries, media and other organisations
(any name holding a word from ``NON_PERSON_WORDS``), titles alone, unresolved pronouns, and
single words that the article never shows as a person (no full name, no title or honorific).

Cost is linear in the text: every regex has bounded repetition and is matched at positions
found by one ``finditer`` pass; look-backs and content spans read bounded windows.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from .models import Statement
from .speaker_names import (
    ALL_CAPS,
    INITIAL,
    NOT_A_NAME,
    Canon,
    Mention,
    fold,
    is_person_name,
    split_role,
)
from .speaker_spans import content_span, paragraph_starts, rstrip_at
from .speaker_rules import (
    ABBREVIATIONS,
    ANONYMOUS_LABELS,
    AUXILIARIES,
    CUE_VERBS,
    HONORIFICS,
    INVERTED_CUES,
    IRREGULAR_FINITE,
    MODALS,
    NEGATIONS,
    OBJECT_MARKERS,
    PASSIVE_MARKERS,
    SENTENCE_WORDS,
)

# How far (characters) a pronoun may sit from the person it refers to; beyond, it stays unresolved.
PRONOUN_REACH = 1500
_SP = r"[ \t\xa0]"
_TOKEN = r"[A-ZÀ-ÖØ-Þ](?<![\w'’\-].)[\w'’\-]*(?:\.(?:[A-Za-z]{1,3}\.)*)?"
_CONN = r"(?:of|the|and|de|del|da|di|van|von|der|den|bin|al|le|la|du|dos)"
_RUN = re.compile(rf"{_TOKEN}(?:{_SP}+(?:{_CONN}{_SP}+){{0,2}}{_TOKEN}){{0,12}}")


def _alternation(words: frozenset[str]) -> str:
    """A regex matching any of ``words``, as a prefix tree: the engine tries one branch per letter."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Longest match first: a word that is a prefix of another ("say"/"says") stays optional.
    return f"(?:{body})?" if ends else body


_CUE = _alternation(CUE_VERBS)
_PREPOSITIONS = _alternation(OBJECT_MARKERS)
_AUX = _alternation(AUXILIARIES)
_INV = _alternation(INVERTED_CUES)

# A dot that ends an abbreviation or initial, not a sentence ("Mrs. Clinton", "J. Smith").
_ABBREV_DOT = r"(?:(?<=Mr)|(?<=Mrs)|(?<=Ms)|(?<=Dr)|(?<=Sen)|(?<=Rep)|(?<=Gov)|(?<=Gen)|(?<=Jr)|(?<=St)|(?<=\b[A-Z]))\."
# After an appositive name ("…, Jake Sullivan, calls"): a comma, helpers, the cue.
_AFTER_COMMA = re.compile(rf",{_SP}+(?P<aux>(?:(?:{_AUX}|[a-z]+ly){_SP}+){{0,3}})(?P<cue>{_CUE})\b")
# After a subject: optional (R-Ky.), up to two appositives, auxiliaries/adverbs, a time, the cue.
_AFTER = re.compile(
    rf"(?:{_SP}*\([^()\n]{{1,40}}\),?)?"
    rf"(?:(?:,(?:[^,;.\n“”\"]|\.(?!{_SP}+[A-Z])|{_ABBREV_DOT}){{1,120}}){{1,4}},)?"
    rf"{_SP}+(?P<aux>(?:(?:{_AUX}|[a-z]+ly){_SP}+){{0,3}})"
    rf"(?:on{_SP}+[A-Z][a-z]+{_SP}+)?"
    rf"(?P<cue>{_CUE})\b"
)
# Cue markers that come before their speaker: "…, said", "according to", "…” ―".
_BEFORE = re.compile(
    rf"[,”\"’']{_SP}*(?P<inv>{_INV})\b|(?P<acc>[Aa](?<!\w.)(?:ccording{_SP}+to|ttributable{_SP}+to))\b"
    rf"|(?P<dash>[”\"][.,]?{_SP}*[―—–])"
)
# What may sit between such a marker and the name: up to four words, none a preposition.
_GAP = re.compile(rf"(?:{_SP}+(?!(?:{_PREPOSITIONS})\b)[\w\-.’']+){{0,4}}{_SP}*")
# Longest gap (characters) between a before-cue and its speaker.
_GAP_REACH = 60
# Two patterns, each opening with one character class, so the engine skips ahead cheaply.
_PRONOUN = re.compile(rf"[HhSs](?<![\w’'].)h?e(?:{_SP}+(?:{_AUX})){{0,3}}{_SP}+(?P<cue>{_CUE})\b")
_PRONOUN_AFTER = re.compile(rf"[,”\"’']{_SP}*(?P<cue>{_INV}){_SP}+(?:he|she)\b")
_TITLE_SUBJECT = re.compile(
    rf"[Tt](?<!\w.)he{_SP}+(?:(?P<qualifier>[A-Z][\w\-]+|former|foreign|top|senior){_SP}+)?(?P<title>(?i:spokesperson|spokesman|spokeswoman|councilor|minister|secretary"
    rf"|president|senator|governor|ambassador|premier|chancellor|mayor|congressman|congresswoman"
    rf"|nominee|candidate|envoy)){_SP}+(?:(?:{_AUX}){_SP}+){{0,3}}(?P<cue>{_CUE})\b"
)
# "…, saying …": the participle's speaker is the subject that opened the sentence.
_PARTICIPLE = re.compile(
    rf",{_SP}+(?P<cue>saying|adding|arguing|noting|insisting|warning|explaining|claiming|declaring"
    rf"|suggesting|stressing|writing|telling|asking|urging|calling|accusing)\b"
)
# How far into its sentence that subject may start ("In Ohio on Monday, Trump …").
_SUBJECT_REACH = 40
# How far back a sentence may start before its participle.
_SENTENCE_REACH = 300
_LABEL = re.compile(
    rf"(?m)^[\"“]?(?P<label>{_TOKEN}(?:{_SP}+(?:{_CONN}{_SP}+){{0,3}}{_TOKEN}){{0,10}})"
    rf"(?:{_SP}*\([a-z ]{{3,30}}\))?{_SP}*:(?=\s|$)"
)
_WORD = re.compile(r"\S+")
_CUE_WORD = re.compile(rf"\b(?:{_CUE})\b")
# How far after a name its cue may start: right after it, or after an appositive or party tag.
_CUE_REACH = 60
_APPOSITIVE_REACH = 700


def extract_statements(text: str) -> tuple[Statement, ...]:
    """Every attribution found in ``text``, in text order."""
    paragraphs = paragraph_starts(text)
    runs = _Runs(text)
    attributed = _attributed(text, runs)
    found: list[tuple[Mention, str, int, int, int]] = []  # mention, cue, cue start, cue end, anchor
    found += _labels(text)
    found += attributed
    found += _pronouns(text, runs, attributed)
    found += _participles(text, runs)
    runs.parse_sharing({fold(w) for f in found for w in f[0].name.split()})
    canon = Canon(runs.mentions() + [f[0] for f in found], runs.counts, text)
    seen: set[tuple[str, int]] = set()
    statements = []
    for mention, cue, cue_start, cue_end, anchor in found:
        name, role = canon.resolve(mention)
        if name is None or (name, cue_start) in seen:
            continue
        seen.add((name, cue_start))
        start, end = content_span(text, paragraphs, (mention, cue, cue_start, cue_end, anchor))
        statements.append(
            Statement(speaker=name, cue=cue, text=text[start:end], start=start, end=end, role=role or None)
        )
    statements.sort(key=lambda s: (s.start, s.end))
    return tuple(statements)


def speakers_of(statements: tuple[Statement, ...]) -> tuple[str, ...]:
    """Distinct speaker names in order of first appearance."""
    return tuple(dict.fromkeys(s.speaker for s in statements))


def _previous_word(text: str, pos: int) -> str:
    """The word just before ``pos`` (lower-cased), or "" after punctuation or at the start."""
    end = pos
    while end > 0 and text[end - 1] in " \t\xa0":
        end -= 1
    start = end
    while start > 0 and start > end - 20 and (text[start - 1].isalpha() or text[start - 1] in "'’-"):
        start -= 1
    return text[start:end].lower()


def _is_subject(text: str, pos: int) -> bool:
    """False when the word before ``pos`` makes a name an object ("with Lavrov", "told Wang")."""
    word = _previous_word(text, pos)
    finite_cue = word in CUE_VERBS and (word in IRREGULAR_FINITE or word.endswith(("s", "ed")))
    return word not in OBJECT_MARKERS and not finite_cue


def _split_run(text: str, start: int, end: int) -> list[tuple[list[tuple[str, int, int]], bool]]:
    """Cut a capitalised run into units at sentence-final dots and possessives."""
    units: list[tuple[list[tuple[str, int, int]], bool]] = []
    current: list[tuple[str, int, int]] = []
    for m in _WORD.finditer(text, start, end):
        word, s, e = m.group(), m.start(), m.end()
        if word.endswith(("'s", "’s")):
            current.append((word[:-2], s, e - 2))
            units.append((current, True))
            current = []
        elif word.endswith(".") and not INITIAL.match(word) and word.lower() not in ABBREVIATIONS:
            current.append((word[:-1], s, e - 1))
            units.append((current, False))
            current = []
        else:
            current.append((word, s, e))
    if current:
        units.append((current, False))
    return units


def _parts(unit: list[tuple[str, int, int]]) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """Persons in one unit: leading sentence words dropped, "X and Y" split, roles split off."""
    while unit and (fold(unit[0][0]) in SENTENCE_WORDS or unit[0][0] in {"of", "the", "and"}):
        unit = unit[1:]
    groups: list[list[tuple[str, int, int]]] = [[]]
    for tok in unit:
        if tok[0] == "and":
            groups.append([])
        else:
            groups[-1].append(tok)
    out: list[tuple[str, list[tuple[str, int, int]]]] = []
    carry: list[tuple[str, int, int]] = []
    for group in groups:
        words = carry + group
        role, name_words = split_role([w for w, _, _ in words])
        if not name_words:
            carry = words + [("and", 0, 0)]
            continue
        carry = []
        toks = words[len(words) - len(name_words):]
        for i, tok in enumerate(toks):
            if tok[0] in {"of", "the", "for"}:
                toks = toks[:i]
                break
        if toks:
            out.append((role, toks))
    return out


class _Runs:
    """The capitalised runs of a text, parsed into person mentions only when something needs them.

    Parsing every run is what would make extraction slow, so a run is parsed when a cue is near
    it, when it shares a word with a speaker's name (canonical names), or when a pronoun looks
    back for its antecedent; each run is parsed at most once.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.runs = [r for r in _RUN.finditer(text) if " " in r.group() or fold(r.group()) not in NOT_A_NAME]
        self.starts = [r.start() for r in self.runs]
        self.parsed: dict[int, list[tuple[int, list[tuple[str, int, int]], bool, list[Mention]]]] = {}
        self.counts: dict[str, int] = {}
        for run in self.runs:
            for word in run.group().split():
                self.counts[word] = self.counts.get(word, 0) + 1

    def parse(self, index: int) -> list[tuple[int, list[tuple[str, int, int]], bool, list[Mention]]]:
        """Units of run ``index`` with the persons each names."""
        if index not in self.parsed:
            run = self.runs[index]
            word = run.group()
            if " " not in word and "\xa0" not in word and "\t" not in word:
                self.parsed[index] = [self._parse_word(word, run.start())]
                return self.parsed[index]
            out = []
            for number, (unit, possessive) in enumerate(_split_run(self.text, run.start(), run.end())):
                persons = []
                for role, toks in _parts(unit):
                    words = [w for w, _, _ in toks]
                    if is_person_name(words):
                        titled = bool(role) and any(fold(r) in HONORIFICS for r in role.split())
                        subject = _is_subject(self.text, unit[0][1])
                        persons.append(Mention(" ".join(words), role, toks[0][1], toks[-1][2], titled, subject))
                out.append((number, unit, possessive, persons))
            self.parsed[index] = out
        return self.parsed[index]

    def _parse_word(self, word: str, start: int) -> tuple[int, list[tuple[str, int, int]], bool, list[Mention]]:
        """The common one-word run ("Lavrov", "Trump's"), without the general machinery."""
        possessive = word.endswith(("'s", "’s"))
        if possessive:
            word = word[:-2]
        elif word.endswith(".") and not INITIAL.match(word) and fold(word) not in ABBREVIATIONS:
            word = word[:-1]
        end = start + len(word)
        low = fold(word)
        persons = []
        if low not in NOT_A_NAME and is_person_name([word]):
            persons.append(Mention(word, "", start, end, False, _is_subject(self.text, start)))
        return (0, [(word, start, end)], possessive, persons)

    def mentions(self) -> list[Mention]:
        """Every person mention parsed so far."""
        return [p for units in self.parsed.values() for _, _, _, persons in units for p in persons]

    def parse_sharing(self, words: set[str]) -> None:
        """Parse the runs that share a word with ``words`` (to find the full forms of speakers' names)."""
        for index, run in enumerate(self.runs):
            if index in self.parsed:
                continue
            low = fold(run.group())
            if any(w in low for w in words) and not words.isdisjoint(w.rstrip(".") for w in low.split()):
                self.parse(index)


def _attributed(text: str, runs: _Runs) -> list[tuple[Mention, str, int, int, int]]:
    """Mentions attributed by a following cue ("Wang said") or a preceding one ("…, said Wang")."""
    attributed: list[tuple[Mention, str, int, int, int]] = []
    markers = list(_BEFORE.finditer(text))
    marker_ends = [m.end() for m in markers]
    cue_starts = [m.start() for m in _CUE_WORD.finditer(text)]
    for index, run in enumerate(runs.runs):
        # Cheap tests first: most runs have no cue before them and none right after them.
        if not _near(marker_ends, run.start() - _GAP_REACH, run.end()):
            nxt = _rstrip_forward(text, run.end())
            reach = _APPOSITIVE_REACH if text[nxt : nxt + 1] in {",", "("} else _CUE_REACH
            if not _near(cue_starts, run.end(), run.end() + reach):
                continue
            if not _AFTER.match(text, run.end()) and not _AFTER_COMMA.match(text, run.end()):
                continue
        units = runs.parse(index)
        for number, unit, possessive, persons in units:
            if not persons:
                continue
            before = _before_cue(text, markers, marker_ends, unit[0][1])
            if before and (number == 0 or units[number - 1][2]):
                group = "inv" if before.group("inv") else "acc" if before.group("acc") else "dash"
                cue = before.group("inv") or ("according to" if group == "acc" else "―")
                cue_start = before.end(group) - 1 if group == "dash" else before.start(group)
                for person in persons:
                    attributed.append((person, cue, cue_start, before.end(group), -1))
                continue
            if possessive:
                continue
            after = _AFTER.match(text, unit[-1][2])
            if after is None and _after_comma(text, unit[0][1]):
                after = _AFTER_COMMA.match(text, unit[-1][2])
            plural = len(persons) > 1 or any(w == "and" for w, _, _ in unit)
            if after and persons[0].subject and _finite(after, plural=plural):
                for person in persons:
                    attributed.append((person, after.group("cue"), after.start("cue"), after.end("cue"), after.end()))
    return attributed


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
    if at < 0 or pos - ends[at] > _GAP_REACH:
        return None
    return markers[at] if _GAP.fullmatch(text, ends[at], pos) else None


def _after_comma(text: str, pos: int) -> bool:
    """True when the name at ``pos`` directly follows a comma: it may be an appositive."""
    end = rstrip_at(text, max(0, pos - 4), pos)
    return text[end - 1 : end] == ","


def _finite(after: re.Match[str], plural: bool = False) -> bool:
    """Reject passives ("was charged"), negations ("did not respond") and bare infinitives ("help Putin maintain")."""
    helpers = after.group("aux").lower().split()
    cue = after.group("cue")
    if any(w in PASSIVE_MARKERS for w in helpers) and not cue.endswith("ing"):
        return False
    if any(w in NEGATIONS for w in helpers):
        return False
    return plural or cue in IRREGULAR_FINITE or cue.endswith(("s", "ed", "ing")) or any(w in MODALS for w in helpers)


def _labels(text: str) -> list[tuple[Mention, str, int, int, int]]:
    """Transcript turns: ``SECRETARY BLINKEN:``, ``Vladimir Putin:``; ``QUESTION:`` names nobody."""
    out = []
    for m in _LABEL.finditer(text):
        raw = m.group("label").split()
        if fold(raw[0]) in ANONYMOUS_LABELS or fold(" ".join(raw)) in ANONYMOUS_LABELS or raw[0].upper() == "Q":
            continue
        shouted = all(ALL_CAPS.match(w) or w in {"of", "the", "and"} for w in raw)
        words = [w.capitalize() if ALL_CAPS.match(w) and not INITIAL.match(w) else w for w in raw]
        role, name_words = split_role(words)
        if not is_person_name(name_words) or len(name_words) > 4:
            continue
        if not shouted and not role and text.count(name_words[-1]) < 2:
            continue
        mention = Mention(" ".join(name_words), role, m.start(), m.end("label"), True, True)
        out.append((mention, ":", m.end() - 1, m.end(), m.end()))
    return out


def _pronouns(
    text: str, runs: _Runs, attributed: list[tuple[Mention, str, int, int, int]]
) -> list[tuple[Mention, str, int, int, int]]:
    """Resolve "he said" to the nearest subject-position person and "the spokesperson said" by role."""
    known = {fold(a[0].name.split()[-1]) for a in attributed}
    speakers = {a[0].start for a in attributed}
    out = []
    pronouns = [m for m in _PRONOUN.finditer(text) if m.group().split()[0].lower() in ("he", "she")]
    for m in sorted(pronouns + list(_PRONOUN_AFTER.finditer(text)), key=lambda m: m.start()):
        cue = "cue"
        for person in _looking_back(runs, m.start(), PRONOUN_REACH):
            if not (person.subject or person.start in speakers):
                continue
            # Only a person the article already shows as a person: a speaker, or named with a title.
            if person.titled or fold(person.name.split()[-1]) in known:
                out.append((person, m.group(cue), m.start(cue), m.end(cue), m.end()))
            break
    for m in _TITLE_SUBJECT.finditer(text):
        title = m.group("title").lower()
        qualifier = m.group("qualifier") or ""
        for person in _looking_back(runs, m.start(), PRONOUN_REACH * 2):
            role = person.role.lower().split()
            # "the Russian minister": the title, and the qualifier when it is a word of the role
            if title in role and (not qualifier or qualifier.islower() or qualifier.lower() in role):
                out.append((person, m.group("cue"), m.start("cue"), m.end("cue"), m.end()))
                break
    return out


def _participles(text: str, runs: _Runs) -> list[tuple[Mention, str, int, int, int]]:
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
        for person in _looking_back(runs, m.start(), m.start() - opening):
            if person.start >= opening:
                first = person
        if first is not None and first.subject and first.start - opening <= _SUBJECT_REACH:
            out.append((first, m.group("cue"), m.start("cue"), m.end("cue"), m.end()))
    return out


def _looking_back(runs: _Runs, pos: int, reach: int) -> Iterator[Mention]:
    """Person mentions before ``pos``, nearest first, no further back than ``reach`` characters."""
    index = bisect.bisect_left(runs.starts, pos) - 1
    while index >= 0 and pos - runs.starts[index] <= reach:
        for _, _, _, persons in reversed(runs.parse(index)):
            yield from reversed(persons)
        index -= 1
