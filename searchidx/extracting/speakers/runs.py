"""Capitalised runs of a text -> person mentions, parsed lazily.

A name is a run of capitalised words ("State Councilor and Foreign Minister Wang Yi"). Every
run of the text is found in one regex pass, but parsing one into persons (cutting it at
sentence dots and possessives, splitting "X and Y", peeling off roles, deciding whether the
name is a subject) is what would make extraction slow, so `Runs` parses a run only when the
attribution rules of :mod:`searchidx.extracting.speakers.statements` ask for it, and at most once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from .names import NAME_PARTICLES, NOT_A_NAME, PERSONAL_HONORIFICS, Mention, ends_sentence, fold, is_person_name, split_role
from .rules import (
    CALENDAR_WORDS,
    CUE_VERBS,
    DETERMINERS,
    HONORIFICS,
    PLACE_PREFIXES,
    ROLE_NOUNS,
    TITLE_WORDS,
    IRREGULAR_FINITE,
    MODALS,
    NON_PERSON_WORDS,
    OBJECT_MARKERS,
    SENTENCE_WORDS,
)

# Pieces of the name patterns, shared with the transcript-label rule in `speakers`.
SP = r"[ \t\xa0]"
# A capitalised word, or one behind a lower-case particle joined by a hyphen ("al-Zawi", "el-Sisi").
TOKEN = (
    r"(?:[A-ZÀ-ÖØ-Þ](?<![\w'’\-].)|(?<![\w'’\-])(?:al|el|ad|ar|as|ash|at|az|ibn|bin|abu|ul|ud|ur)-[A-ZÀ-ÖØ-Þ])"
    r"[\w'’\-]*(?:\.(?:[A-Za-z]{1,3}\.)*)?"
)
CONN = r"(?:of|the|and|de|del|da|di|van|von|der|den|bin|al|le|la|du|dos)"
_RUN = re.compile(rf"{TOKEN}(?:{SP}+(?:{CONN}{SP}+){{0,2}}{TOKEN}){{0,12}}")


_WORD = re.compile(r"\S+")
_LOWER_WORD = re.compile(r"(?<![\w’'\-])[a-z][a-z’'\-]+\b")


def previous_word(text: str, pos: int) -> str:
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
    word = previous_word(text, pos)
    finite_cue = word in CUE_VERBS and (word in IRREGULAR_FINITE or word.endswith(("s", "ed")))
    return word not in OBJECT_MARKERS and not finite_cue


def _determined(text: str, unit: list[tuple[str, int, int]]) -> bool:
    """True when a determiner opens the unit or stands right before it ("the Orlando Sentinel")."""
    return bool(unit) and (fold(unit[0][0]) in DETERMINERS or previous_word(text, unit[0][1]) in DETERMINERS)


def _possessive_end(word: str) -> int:
    """How many characters of a possessive ending ``word`` has: "Trump's" 2, "Trump's." 3,
    "Sanders’" 1 (a name in s takes the apostrophe alone), else 0."""
    bare = word[:-1] if word.endswith(".") else word
    if bare.endswith(("'s", "’s")):
        return len(word) - len(bare) + 2
    if bare.endswith(("s'", "s’")) and len(bare) > 3:
        return len(word) - len(bare) + 1
    return 0


def _split_run(text: str, start: int, end: int) -> list[tuple[list[tuple[str, int, int]], bool]]:
    """Cut a capitalised run into units at sentence-final dots and possessives."""
    units: list[tuple[list[tuple[str, int, int]], bool]] = []
    current: list[tuple[str, int, int]] = []
    for m in _WORD.finditer(text, start, end):
        word, s, e = m.group(), m.start(), m.end()
        cut = _possessive_end(word)
        if cut and fold(word) not in TITLE_WORDS:  # "People's Republic" goes on
            current.append((word[:-cut], s, e - cut))
            units.append((current, True))
            current = []
        elif ends_sentence(word):
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
    while unit and (fold(unit[0][0]) in SENTENCE_WORDS or unit[0][0] in {"of", "the", "and"} or (
            fold(unit[0][0]) in MODALS and len(unit) > 1 and fold(unit[1][0]) in HONORIFICS)):
        unit = unit[1:]  # "Will Mr. Pompeo …?": a question's verb, not a given name
    while len(unit) > 1 and fold(unit[-1][0]) in CALENDAR_WORDS:
        unit = unit[:-1]  # "Prime Minister Andrew Holness Friday": the day is no part of the name
    groups: list[list[tuple[str, int, int]]] = [[]]
    for tok in unit:
        if tok[0] == "and":
            groups.append([])
        else:
            groups[-1].append(tok)
    out: list[tuple[str, list[tuple[str, int, int]]]] = []
    carry: list[tuple[str, int, int]] = []
    for group in groups:
        words = _before_of(carry + group)
        role, name_words = split_role([w for w, _, _ in words])
        if not name_words:
            carry = words + [("and", 0, 0)]
            continue
        carry = []
        toks = words[len(words) - len(name_words):]
        if _complement(role, words[len(words) - len(name_words) - 1][0] if len(words) > len(name_words) else ""):
            continue  # "the Association of Flight Attendants called": the rest of a body's name
        for i, tok in enumerate(toks):
            if tok[0] in {"of", "the", "for"}:
                toks = toks[:i]
                break
        if toks:
            out.append((role, toks))
    return out


def _complement(role: str, before: str) -> bool:
    """True when the words after ``role`` complete a thing's name rather than name a person: they
    follow the "of", "for" or "the" after an organisation or a thing ("Association of Flight
    Attendants", "University of Chicago", "the only Amendment the Founding Fathers wrote"); a
    role noun before the "of" keeps its person ("Secretary of State Ken Detzner")."""
    last = fold(role.split()[-1]) if role else ""
    return before in {"of", "for", "the"} and last in NON_PERSON_WORDS and last not in ROLE_NOUNS


def _before_of(words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A person named before an "of" that places them ("Rep. Peter T. King of New York", "Jeffrey
    Lewis of the Martin Center"): the words before it. "Minister of Foreign Affairs Sergey
    Lavrov" names nobody before its "of", and "Personal Envoy of the Secretary-General Staffan
    de Mistura" a titled person after it: those stay whole."""
    at = next((i for i, tok in enumerate(words) if tok[0] == "of"), 0)
    if at:
        role, name_words = split_role([w for w, _, _ in words[:at]])
        # "Palm Beach County Supervisor of Elections Susan Bucher": a title alone before "of" is
        # the role's first half, no person
        alone = len(name_words) == 1 and fold(name_words[0]).rstrip(".") in TITLE_WORDS
        if name_words and not alone and is_person_name(name_words, honorific=_ends_honorific(role)):
            # "Personal Envoy of the Secretary-General Staffan de Mistura": a title before a name;
            # "Aris Lee of the Armenian Patriarchate of Jerusalem": an institution, named by its place
            after_role, after_name = split_role([w for w, _, _ in words[at + 1:]])
            if not (after_role and len(after_name) > 1 and "of" not in after_name and is_person_name(after_name)):
                return words[:at]
    return words


def _ends_honorific(role: str) -> bool:
    return bool(role) and fold(role.split()[-1]) in PERSONAL_HONORIFICS


class Runs:
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
        self._lower: set[str] | None = None

    def lower_words(self) -> set[str]:
        """Words the text writes in lower case (read once, when a long name first needs them)."""
        if self._lower is None:
            self._lower = set(_LOWER_WORD.findall(self.text)) - NAME_PARTICLES
        return self._lower

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
                determined = _determined(self.text, unit)
                for role, toks in _parts(unit):
                    while len(toks) > 2 and fold(toks[0][0]) in self.lower_words():
                        # "International Religious Freedom Rashad Hussain": words the text writes
                        # in lower case open no name of three or more words; they end the role
                        role, toks = f"{role} {toks[0][0]}".strip(), toks[1:]
                    words = [w for w, _, _ in toks]
                    role_words = [fold(r) for r in role.split()]
                    honorific = bool(role_words) and role_words[-1] in PERSONAL_HONORIFICS
                    if not is_person_name(words, honorific=honorific):
                        continue
                    if role_words and len(words) == 1 and role_words[-1] in PLACE_PREFIXES:
                        continue  # "New York", "West Virginia", "Florida and New York": a place
                    if determined and not role_words:
                        continue  # "the Orlando Sentinel reported"
                    titled = any(r in HONORIFICS or r in ROLE_NOUNS for r in role_words)
                    subject = _is_subject(self.text, unit[0][1])
                    persons.append(Mention(" ".join(words), role, toks[0][1], toks[-1][2], titled, subject))
                    determined = False
                out.append((number, unit, possessive, persons))
            self.parsed[index] = out
        return self.parsed[index]

    def _parse_word(self, word: str, start: int) -> tuple[int, list[tuple[str, int, int]], bool, list[Mention]]:
        """The common one-word run ("Lavrov", "Trump's"), without the general machinery."""
        cut = _possessive_end(word)
        possessive = cut > 0
        if possessive:
            word = word[:-cut]
        elif ends_sentence(word):
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
            if any(w in low for w in words) and not words.isdisjoint(
                    w.rstrip(".").removesuffix("'s") for w in low.split()):  # "Rajoy's" names Rajoy too
                self.parse(index)




def looking_back(runs: Runs, pos: int, reach: int) -> Iterator[Mention]:
    """Person mentions before ``pos``, nearest first, no further back than ``reach`` characters."""
    index = bisect.bisect_left(runs.starts, pos) - 1
    while index >= 0 and pos - runs.starts[index] <= reach:
        for _, _, _, persons in reversed(runs.parse(index)):
            yield from reversed(persons)
        index -= 1
