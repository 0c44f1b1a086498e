"""Names in speaker attribution: what can name a person, roles split off, canonical forms.

``statements`` finds where attributions are; this module decides who they name. A
capitalised run such as "State Councilor and Foreign Minister Wang Yi" becomes a role and a
name (``split_role``); ``is_person_name`` rejects countries, organisations and titles alone; and
``Canon`` maps each short form used in one article ("Wang", "Mr. Blinken", "Luigi") to the
fullest form of that person's name there ("Wang Yi", "Antony J. Blinken", "Luigi Di Maio").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ...places import DEMONYMS
from .rules import (
    ABBREVIATIONS,
    ADDRESS_TITLES,
    FAMILY_NAME_FIRST,
    GENERATION_SUFFIXES,
    NAME_SUFFIXES,
    GIVEN_NAME_WORDS,
    NAME_END_NEVER,
    NON_NAME_SUFFIXES,
    NON_PERSON_WORDS,
    NUMBER_WORDS,
    ORGANISATION_NAMES,
    PLACE_PREFIXES,
    ROLE_NOUNS,
    SENTENCE_WORDS,
    SURNAME_WORDS,
    TITLE_WORDS,
)

# Peoples ("Palestinians", "Americans"): no name holds one, unlike a demonym ("David French").
PEOPLES = frozenset(word for word in DEMONYMS if word.endswith("s"))
# A single capitalised word that can never be a name by itself ("The", "Russia", "President").
NOT_A_NAME = SENTENCE_WORDS | NON_PERSON_WORDS | TITLE_WORDS | PEOPLES

# Lower-case words that may sit inside a name ("Mohammed bin Zayed", "Jean-Yves Le Drian").
NAME_PARTICLES = frozenset("bin al de del da di van von der den le la du dos".split())
# Abbreviated places and unions, which no name holds.
PLACE_ABBREVIATIONS = frozenset("u.s. u.n. u.k. e.u. u.s.a. d.c.".split())
# Most words in a person's name, particles aside ("Aung San Suu Kyi", "Mohammed bin Zayed Al Nahyan").
MAX_NAME_WORDS = 4

# Pronouns and contractions that never sit inside a name ("As I", "I’m Lee Satterfield").
PRONOUN_WORDS = frozenset("i we you he she they me us i'm i've i'd i'll we're it's that's".split())

# Honorifics after which the next word is always the name, even a title word ("Mr. King").
PERSONAL_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr.".split())
# Honorifics that tell two people who share a surname apart ("Ms. Trump" is not "Mr. Trump").
FEMALE_HONORIFICS = frozenset("ms mrs miss madam dame".split())
MALE_HONORIFICS = frozenset("mr sir lord".split())
# Words of a role that say nothing about which person it is.
PERSONAL_TITLE_FILLER = FEMALE_HONORIFICS | MALE_HONORIFICS | frozenset("dr the of and former".split())

LOWER_WORD = re.compile(r"\b[a-z][a-z'’\-]+\b")
_SHOUTED = re.compile(r"^[^\W\d_][\w.'’\-]+$")


def shouted(word: str) -> bool:
    """True for a word in capitals ("PRICE", "ÇAVUŞOĞLU", "U.S."): a label's or a heading's."""
    return word.isupper() and _SHOUTED.match(word) is not None and not any(c.isdigit() for c in word)
INITIAL = re.compile(r"^(?:[A-Z]\.)+$")


@dataclass(frozen=True)
class Mention:
    """One named person in the text: name tokens, role, span, and how it may be used."""

    name: str
    role: str
    start: int
    end: int
    titled: bool
    subject: bool


def split_role(words: list[str]) -> tuple[str, list[str]]:
    """Split leading title/role words off a capitalised run: ("Russian Foreign Minister", ["Sergei", "Lavrov"])."""
    cut = 0
    for i, word in enumerate(words):
        low = fold(word)
        if low in PERSONAL_HONORIFICS:  # "Mr. King": whatever follows is the name, "Mr Chairman" none
            cut = len(words) if i + 1 < len(words) and fold(words[i + 1]) in ADDRESS_TITLES else i + 1
            break
        if low in GIVEN_NAME_WORDS and i + 1 < len(words):
            break  # "Bill Clinton": a given name, not a bill
        if low in TITLE_WORDS or low in NON_PERSON_WORDS or low.rstrip(".") in TITLE_WORDS or low in PLACE_ABBREVIATIONS or (
                low.endswith(NON_NAME_SUFFIXES)) or (
                shouted(word) and not INITIAL.match(word)):  # "W. E. B. Du Bois": initials are the name
            cut = i + 1
        else:
            break
    # "Ohio Democratic Party Chairman David Pepper": a role noun further on ends the role, and
    # so does a word no name holds ("Clark County Sheriff Joe Lombardo").
    for i in range(len(words) - 2, cut - 1, -1):
        low = fold(words[i])
        if low in ROLE_NOUNS or (low in NON_PERSON_WORDS and low not in GIVEN_NAME_WORDS) or low.endswith(NON_NAME_SUFFIXES):
            cut = i + 1
            break
    while cut < len(words) - 1 and fold(words[cut]) in PERSONAL_HONORIFICS:
        cut += 1  # "… Affairs Ms. Lee Satterfield"
    role = words[:cut]
    while role and role[-1].lower() in {"of", "the", "and", "for"}:
        role.pop()
    return " ".join(role), words[cut:]


def is_person_name(words: list[str], honorific: bool = False) -> bool:
    """True when capitalised ``words`` (role already split off) can name a person.

    After a personal ``honorific`` ("Mr. English", "Ms. White") a word that would otherwise
    name a nation or a thing is a surname."""
    if not words:
        return False
    lows = [fold(w).rstrip(".") for w in words]
    if " ".join(lows) in ORGANISATION_NAMES:
        return False
    if any(fold(w) in PLACE_ABBREVIATIONS for w in words):
        return False  # "Affirm U.S. Alliances"
    if sum(low not in NAME_PARTICLES for low in lows) > MAX_NAME_WORDS:
        return False  # "Aung San Suu Kyi Xi": headlines run together, not one name
    if len(words) > 1 and lows[0] in PLACE_PREFIXES and len(words) <= 3 and not honorific:
        return False  # "Metro Manila", "Los Angeles"
    if lows[-1] in NAME_END_NEVER and not (honorific and len(words) == 1):
        return False  # "Minnesota Republican"
    if lows[-1] in NUMBER_WORDS:
        return False  # "Official Number One", "Part One"
    for at, (word, low) in enumerate(zip(words, lows)):
        if at == 0 and len(words) > 1 and low in GIVEN_NAME_WORDS:
            continue  # "Bill Clinton"
        if at == len(words) - 1 and at > 0 and low in SURNAME_WORDS:
            continue  # "Steve Israel", "Mark Cuban": the words before it were checked as names
        common = low in NON_PERSON_WORDS or low in PEOPLES or low.endswith(NON_NAME_SUFFIXES) or (
            low in SENTENCE_WORDS and (len(words) == 1 or low in PRONOUN_WORDS))
        if common and not (honorific and low not in PRONOUN_WORDS and low not in SENTENCE_WORDS):
            return False
        if low in NAME_SUFFIXES and (at > 1 or (at == 1 and low in GENERATION_SUFFIXES)):
            continue  # "Charles Elliott III", "Joseph Dunford Jr."; not "Charles III"
        if (shouted(word) and not INITIAL.match(word)) or any(c.isdigit() for c in word):
            return False
    return not INITIAL.match(words[-1])


def surname_at(words: list[str]) -> int:
    """Index of the surname in a name's ``words``: the last word, or the one before a suffix
    ("Elliott" in "Charles Elliott III")."""
    return len(words) - 2 if len(words) > 2 and fold(words[-1]).rstrip(".") in NAME_SUFFIXES else len(words) - 1


def common_words(text: str) -> set[str]:
    """Words the text uses in lower case: a capitalised one of these alone is no surname ("Gallup" is)."""
    return set(LOWER_WORD.findall(text)) | NON_PERSON_WORDS | TITLE_WORDS | SENTENCE_WORDS


def fold(word: str) -> str:
    return word.lower().replace("’", "'")


class Canon:
    """Map each mention to the fullest form of that person's name in the article.

    A single word ("Gallup", "Xi" in a list of headlines) names nobody unless the article shows
    it as a person: a full name that it shortens, a title or honorific, a quotation and its cue.

    Full (multi-word) mentions are indexed by their short forms, so each lookup costs a dict
    access and a bisect, whatever the length of the article.
    """

    def __init__(self, mentions: list[Mention], text: str = "", hints: tuple[str, ...] = ()) -> None:
        self.text = text
        self.hints = list(hints)  # the page's head: a headline may give the full name a story shortens
        self.titled_single = {fold(m.name) for m in mentions if m.titled}
        self.by_short: dict[str, list[Mention]] = {}
        self.by_first: dict[str, list[Mention]] = {}
        self.fullest: dict[tuple[str, str], Mention] = {}
        self.roles: dict[tuple[str, str], str] = {}
        self.role_words: dict[tuple[str, str], set[str]] = {}
        for m in sorted((m for m in mentions if " " in m.name), key=lambda m: m.start):
            words = [fold(w) for w in m.name.split()]
            last = words[surname_at(words)]
            shorts = {words[-1], last, " ".join((words[0], words[-1])), " ".join((words[0], last))}
            if words[0] in FAMILY_NAME_FIRST and len(words) <= 3:
                shorts.add(words[0])
            for short in shorts:
                self.by_short.setdefault(short, []).append(m)
            if len(words) >= 2 and not INITIAL.match(m.name.split()[0]):
                self.by_first.setdefault(words[0], []).append(m)  # "Luigi" -> "Luigi Di Maio"
            key = (words[0], words[-1])
            best = self.fullest.get(key)
            if best is None or len(m.name) > len(best.name):
                self.fullest[key] = m
            if m.role and key not in self.roles:
                self.roles[key] = m.role
            self.role_words.setdefault(key, set()).update(fold(w).rstrip(".") for w in m.role.split())
        # the distinct people behind each short form, in the order the article introduces them
        self.people_by_short = {short: _people(found) for short, found in self.by_short.items()}
        self.people_by_first = {first: _people(found) for first, found in self.by_first.items()}

    def resolve(self, mention: Mention) -> tuple[str | None, str]:
        """Canonical name and role, or (None, role) when the mention names nobody we can trust."""
        words = [fold(w) for w in mention.name.split()]
        short = words[0] if len(words) == 1 else " ".join((words[0], words[-1]))
        candidates = self.by_short.get(short)
        people = self.people_by_short.get(short)
        if not candidates and len(words) == 1:
            candidates, people = self.by_first.get(short), self.people_by_first.get(short)
        if not candidates or not people:
            # a single word is a person only where the article shows it as one: a full name
            # with that surname (in the text or its headline), a title or honorific, or a
            # quotation with its cue
            if len(words) > 1 or mention.titled or words[0] in self.titled_single or (
                    self.hints and full_names_in(self.hints, mention.name)):
                return mention.name, mention.role
            return None, mention.role
        key = people[0] if len(people) == 1 else self._choose(mention, people)
        return self.fullest[key].name, mention.role or self.roles.get(key, "")

    def _choose(self, mention: Mention, people: list[tuple[str, str]]) -> tuple[str, str]:
        """Which of several people sharing a surname a short form names: the one its title or
        honorific fits ("President Trump", "Ms. Trump"), not one the article calls by first name
        alone ("Ivanka said"), else the first one the article introduced; the nearest earlier
        full name only breaks a tie of evidence that the text does not settle."""
        said = {fold(w).rstrip(".") for w in mention.role.split()}
        roles = self.role_words
        left = people
        keeps: tuple[Callable[[tuple[str, str]], bool], ...] = (
            lambda k: not (said & FEMALE_HONORIFICS and roles[k] & MALE_HONORIFICS)
            and not (said & MALE_HONORIFICS and roles[k] & FEMALE_HONORIFICS),
            lambda k: not (said - PERSONAL_TITLE_FILLER) or bool(roles[k] & (said - PERSONAL_TITLE_FILLER)),
            lambda k: " " in mention.name or not self._called_by_first_name(self.fullest[k].name),
        )
        for keep in keeps:
            narrowed = [k for k in left if keep(k)]
            left = narrowed or left
            if len(left) == 1:
                return left[0]
        return left[0]

    def _called_by_first_name(self, full: str) -> bool:
        """True when the text calls this person by first name alone ("Ivanka said")."""
        first, last = full.split()[0], full.split()[-1]
        if len(first) < 3 or INITIAL.match(first) or fold(first) in NOT_A_NAME:
            return False
        return re.search(rf"\b{re.escape(first)}\b(?![ \xa0]+(?:[A-Z]\.[ \xa0]+)?{re.escape(last)})", self.text) is not None


def _people(mentions: list[Mention]) -> list[tuple[str, str]]:
    return list(dict.fromkeys(_key(m) for m in mentions))


def _key(m: Mention) -> tuple[str, str]:
    words = [fold(w) for w in m.name.split()]
    return words[0], words[-1]


# --- full names from the page's own metadata ------------------------------------------------

# A release's creator field may lose the line break between a role and its bureau
# ("Acting Assistant SecretaryBureau of …"); a capital after four lower-case letters marks it,
# which no surname has ("McKeon", "DeMaio", "FitzGerald" have fewer).
JOINED_LINES = re.compile(r"(?<=[a-z]{4})(?=[A-Z][a-z])")
# At most this many words before the surname in a full name ("Mohammed bin Zayed Al" Nahyan).
MAX_GIVEN_WORDS = 4
# Words that join two people in a title ("Secretary Blinken And Uzbek Foreign Minister Kamilov"):
# a role never reaches back across them.
HINT_JOINERS = frozenset("and with at before after on in to by from &".split())
_HINT_TOKEN = re.compile(r"[^\s,;:()|–—]+|[,;:()|–—]")


def full_names_in(hints: list[str], name: str) -> dict[str, str]:
    """Fuller forms of ``name`` that ``hints`` (a creator field, a title) spell out, each with its role.

    "Blinken" in "Secretary Antony J. Blinken With …" gives {"Antony J. Blinken": "Secretary"};
    "Price" in "Ned Price, Department Spokesperson" gives {"Ned Price": "Department Spokesperson"}.
    A fuller form ends with the words of ``name`` ("Le Drian" -> "Jean-Yves Le Drian") or keeps
    its first and last word ("Wendy Sherman" -> "Wendy R. Sherman").
    """
    words = name.split()
    found: dict[str, str] = {}
    for hint in hints if words else ():
        tokens = [m.group() for m in _HINT_TOKEN.finditer(JOINED_LINES.sub(", ", hint))]
        for i, token in enumerate(tokens):
            if fold(token.rstrip(".").removesuffix("’s").removesuffix("'s")) != fold(words[-1]):
                continue  # a label's "Mckeon" is the text's "McKeon"
            given = _given_words(tokens[:i])
            surname = token.rstrip(".").removesuffix("’s").removesuffix("'s")
            full = given + [surname]
            if not given and len(words) == 1:
                family_first = _family_name_first(tokens, i)
                if family_first is not None:
                    found.setdefault(" ".join(family_first), _role_before(tokens[:i], [words[-1]]))
                continue
            if len(full) <= len(words) or not is_person_name(full) or not _extends(full, words):
                continue
            role = _role_before(tokens[: i - len(given)], full) or _role_after(tokens[i + 1:])
            if not found.get(" ".join(full)):
                found[" ".join(full)] = role
    return found


def _family_name_first(tokens: list[str], i: int) -> list[str] | None:
    """A name written family name first after a title, as a headline ends it: "Hayashi" in
    "… Japanese Foreign Minister Hayashi Yoshimasa" gives ["Hayashi", "Yoshimasa"]. One given
    name, then the end of the hint or a word that joins two people, and a title before."""
    if tokens[i].endswith(("’s", "'s")) or i + 1 >= len(tokens) or (i + 2 < len(tokens) and fold(tokens[i + 2]) not in HINT_JOINERS | {",", ";", "–", "—"}):
        return None
    given = tokens[i + 1]
    if not given[:1].isupper() or shouted(given) or fold(given) in NOT_A_NAME or given.endswith("s"):
        return None  # "Hayashi Speaks": a headline's verb, which the given names written so end in no s
    if i == 0 or fold(tokens[i - 1]).rstrip(".") not in ROLE_NOUNS:
        return None  # "Minister Hayashi Yoshimasa", not "At Benghazi Hearing"
    full = [tokens[i], given]
    return full if is_person_name(full) else None


def _given_words(before: list[str]) -> list[str]:
    """The name words just before a surname: capitalised non-title words, initials, particles."""
    given: list[str] = []
    for token in reversed(before):
        low = fold(token)
        name_like = INITIAL.match(token) or (token[:1].isupper() and not shouted(token)
                                             and NOT_A_NAME.isdisjoint([low, *low.split("-")]))
        if len(given) >= MAX_GIVEN_WORDS or not (name_like or (low in NAME_PARTICLES and given)):
            break
        given.insert(0, token)
    while given and fold(given[0]) in NAME_PARTICLES:
        given.pop(0)
    # "Vice Minister of Unification Choi": words after "of" complete a role, not a name.
    if given and len(before) > len(given) and before[-len(given) - 1] in {"of", "the", "for"}:
        return []
    return given


def _extends(full: list[str], words: list[str]) -> bool:
    """True when ``full`` is a fuller form of ``words``: given names before a bare or particle
    surname ("Le Drian"), or a middle initial between given name and surname ("Wendy R. Sherman").
    A given name never gains words before it: "Fact-Checker David Emery" is a title, not a name."""
    full, words = [fold(w) for w in full], [fold(w) for w in words]
    if len(words) == 1 or words[0] in NAME_PARTICLES:
        return full[-len(words):] == words
    return full[0] == words[0] and full[-1] == words[-1]


def _role_before(before: list[str], full: list[str]) -> str:
    """The title run right before a name in a hint ("Greenlandic Premier" Mute Egede)."""
    run: list[str] = []
    for i, token in enumerate(reversed(before)):
        if not (token[:1].isupper() or token in {"of", "the", "for"}) or fold(token) in HINT_JOINERS or len(run) >= 8:
            break
        if ends_sentence(token):  # "… on Russia and North Korea. Russian Foreign Minister Sergey Lavrov"
            break
        if i + 1 < len(before) and before[-i - 2] == "," and fold(token) in PLACE_ABBREVIATIONS:
            break  # "… in Washington, D.C. Secretary Blinken": the abbreviation ends a place, not a role
        run.insert(0, token)
    role, name_words = split_role(run + full)
    return role if name_words == full else ""


def ends_sentence(word: str) -> bool:
    """A word with a full stop that ends its sentence: not an initial ("J.", "U.S.") nor an abbreviation ("Gen.")."""
    return word.endswith(".") and not INITIAL.match(word) and fold(word) not in ABBREVIATIONS


def _role_after(after: list[str]) -> str:
    """The role that follows a name in a creator field: "Ned Price, Department Spokesperson"."""
    if not after or after[0] != ",":
        return ""
    part: list[str] = []
    for token in after[1:]:
        if not token[:1].isalnum():
            break
        part.append(token)
    role, name_words = split_role(part)
    return " ".join(part) if part and (not name_words or fold(part[-1]) in TITLE_WORDS) else ""
