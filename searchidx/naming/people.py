"""The people registry: one entry per person across every article, however the articles name them.

    speakers as written -> not a person? (gazetteer, organisation words, places of the index)
                        -> same name parts (transliterations merged)
                        -> one family name, compatible given names and roles ("Tony" / "Antony J.")
                        -> a bare name joins the one full name the text supports
                        -> canonical name: the fullest well-attested form

Within one article the extractor already writes each speaker's fullest form; across articles
"Blinken", "Tony Blinken" and "Antony J. Blinken" are one person, and "Sergei" and "Sergey"
Lavrov too. People who share a family name stay apart when the text tells them apart: their
given names differ, or their roles share no word (Foreign Minister Chung is not Acting Assistant
Secretary Julie J. Chung). A bare name joins a full name when the articles quoting it also
quote that full name, or when it is the only full name with that family name in the index
(or quoted several times as often as any other). Pure functions over NameEvidence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..models import NameEvidence, Person
from .keys import name_tokens, spelling_key
from .rules import HONORIFICS, NICKNAMES, NOT_PEOPLE, ORGANISATION_WORDS

# A bare name joins the most quoted full name sharing its family name when that one is in this
# many times as many articles as the next (Biden: President Biden against a one-off namesake).
DOMINANCE = 3
# A spelling is well attested, and may be the person's name, when this many articles use it.
ATTESTED_ARTICLES = 2
# Acronyms up to this long, in capitals, are organisations ("IAEA", "OPEC"), not names.
ACRONYM_MAX = 6
# Role words that say nothing about which office a person holds.
ROLE_STOP = frozenset("of the and for to in on at u s us acting former then deputy first vice chief".split())


@dataclass
class _Name:
    """What the index says of one spelling of a speaker."""

    raw: str
    tokens: tuple[str, ...]
    articles: int = 0
    statements: int = 0
    roles: Counter[str] = field(default_factory=Counter)
    rows: list[int] = field(default_factory=list)  # where in NameEvidence.people_days it is quoted


@dataclass(frozen=True)
class Registry:
    """Every person, most quoted first, and which person each spelling stands for."""

    people: tuple[Person, ...] = ()
    person_of: Mapping[str, str] = field(default_factory=dict)  # spelling as written -> Person.name
    not_people: tuple[str, ...] = ()

    def person(self, name: str) -> Person | None:
        """The person a spelling (as written in an article) stands for."""
        canonical = self.person_of.get(name)
        return None if canonical is None else self.by_name().get(canonical)

    def by_name(self) -> dict[str, Person]:
        return {p.name: p for p in self.people}

    def find(self, value: str) -> tuple[Person, ...]:
        """The people a filter value names: one with that spelling, else every person one of whose
        spellings holds its name parts in order, or shares its family name with a compatible
        given name ("Tony Blinken"); failing those, the same without the value's first word, as
        long as words are left ("Secretary Blinken")."""
        tokens = name_tokens(value)
        while tokens:
            found = self._find(tokens)
            if found:
                return found
            tokens = tokens[1:]  # a title written before the name: "Secretary Blinken", "Foreign Minister Lavrov"
        return ()

    def _find(self, tokens: tuple[str, ...]) -> tuple[Person, ...]:
        exact = [p for p in self.people if any(name_tokens(a) == tokens for a in p.aliases)]
        if exact:
            return tuple(exact)
        return tuple(p for p in self.people if any(_holds(name_tokens(a), tokens) or _same_person(name_tokens(a), tokens)
                                                   for a in p.aliases))


def build_registry(evidence: NameEvidence, places: Iterable[str] = ()) -> Registry:
    """The registry of everyone the index quotes; ``places`` are keys of the index's datelines and
    sources, which are never people even when an article writes them as a speaker."""
    names = _names(evidence)
    not_places = frozenset(places)
    rejected = sorted(n.raw for n in names.values() if not _is_person(n, not_places))
    people = {raw: n for raw, n in names.items() if raw not in set(rejected)}
    clusters = _clusters(people, evidence)
    built = [_person([people[raw] for raw in members], evidence) for members in clusters]
    built.sort(key=lambda p: (-p.articles, -p.statements, p.name))
    person_of = {alias: p.name for p in built for alias in p.aliases}
    return Registry(tuple(built), person_of, tuple(rejected))


def _names(evidence: NameEvidence) -> dict[str, _Name]:
    names: dict[str, _Name] = {}

    def get(raw: str) -> _Name:
        if raw not in names:
            names[raw] = _Name(raw, name_tokens(raw))
        return names[raw]

    for row, (speakers, _, n) in enumerate(evidence.people_days):
        for raw in set(speakers):
            if raw:
                entry = get(raw)
                entry.articles += n
                entry.rows.append(row)
    for raw, role, n in evidence.said:
        if raw:
            entry = get(raw)
            entry.statements += n
            if role:
                entry.roles[role] += n
    return names


def _is_person(name: _Name, places: frozenset[str]) -> bool:
    """False for a place, organisation, group or outlet written as a speaker."""
    key = spelling_key(name.raw)
    if not name.tokens or key in NOT_PEOPLE or key in places:
        return False
    if any(t in ORGANISATION_WORDS for t in key.split()):
        return False
    bare = name.raw.replace(".", "").replace("-", "")
    if len(name.tokens) == 1 and bare.isupper() and len(bare) <= ACRONYM_MAX:
        return False
    top_role = name.roles.most_common(1)[0][0] if name.roles else ""
    role_words = set(spelling_key(top_role).split()) - ROLE_STOP
    return not (role_words and role_words <= ORGANISATION_WORDS)  # "Kabul", role "Embassy"


def _clusters(people: dict[str, _Name], evidence: NameEvidence) -> list[list[str]]:
    """Spellings grouped by person."""
    parent: dict[str, str] = {raw: raw for raw in people}

    def root(raw: str) -> str:
        while parent[raw] != raw:
            parent[raw] = parent[parent[raw]]
            raw = parent[raw]
        return raw

    def join(a: str, b: str) -> None:
        parent[root(a)] = root(b)

    by_tokens: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for raw, n in people.items():
        by_tokens[n.tokens].append(raw)
    for same in by_tokens.values():
        for raw in same[1:]:
            join(raw, same[0])
    full = [n for n in people.values() if len(n.tokens) > 1]
    by_family: dict[str, list[_Name]] = defaultdict(list)
    for n in full:
        by_family[n.tokens[-1]].append(n)
    for group in by_family.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if _same_person(a.tokens, b.tokens) and _roles_agree(_roles(people, [a.raw]), _roles(people, [b.raw])):
                    join(a.raw, b.raw)
    together = _quoted_together(evidence, people)
    for n in people.values():
        if len(n.tokens) == 1:
            target = _full_name_for(n, full, together.get(n.raw, Counter()), root)
            if target is not None:
                join(n.raw, target)
    clusters: dict[str, list[str]] = defaultdict(list)
    for raw in people:
        clusters[root(raw)].append(raw)
    return list(clusters.values())


def _full_name_for(bare: _Name, full: list[_Name], together: Counter[str],
                   root: Callable[[str], str]) -> str | None:
    """The full name a bare name stands for (a spelling of it), or None when the text does not say."""
    token = bare.tokens[0]
    family = [n for n in full if n.tokens[-1] == token]
    given = [n for n in full if n.tokens[0] == token and n not in family]
    # Quoted in the same articles: "Jalina" in a briefing led by Jalina Porter.
    candidates = {n.raw for n in family + given}
    seen: Counter[str] = Counter()
    for raw, k in together.items():
        if raw in candidates:
            seen[root(raw)] += k
    ranked = seen.most_common()
    if ranked and (len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1]):
        return ranked[0][0]
    found = _one_person([n for n in family if _roles_agree(bare.roles, n.roles)], root)
    if found is not None or any(_roles_agree(bare.roles, n.roles) for n in family):
        return found
    # A family name written first ("Xi" of Xi Jinping): only with a role on both sides that agrees.
    return _one_person([n for n in given if bare.roles and n.roles and _roles_agree(bare.roles, n.roles)], root,
                       dominance=False)


def _one_person(names: list[_Name], root: Callable[[str], str], dominance: bool = True) -> str | None:
    """The one person these spellings are of; or, with ``dominance``, the one quoted in DOMINANCE
    times as many articles as any other of them; else None."""
    articles: Counter[str] = Counter()
    for n in names:
        articles[root(n.raw)] += n.articles
    ranked = articles.most_common()
    if len(ranked) == 1:
        return ranked[0][0]
    if dominance and ranked and ranked[0][1] >= DOMINANCE * max(1, ranked[1][1]):
        return ranked[0][0]
    return None


def _quoted_together(evidence: NameEvidence, people: dict[str, _Name]) -> dict[str, Counter[str]]:
    """For each one-word name, the full names holding that word quoted in the same articles, and how often."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for speakers, _, n in evidence.people_days:
        present = [people[s] for s in set(speakers) if s in people]
        for bare in (p for p in present if len(p.tokens) == 1):
            for other in present:
                if len(other.tokens) > 1 and bare.tokens[0] in (other.tokens[0], other.tokens[-1]):
                    out[bare.raw][other.raw] += n
    return out


def is_role(role: str | None) -> bool:
    """False for what an extractor may give as a role but is only a form of address ("Mr", "Ms.")."""
    key = spelling_key(role or "")
    return bool(key) and key not in HONORIFICS


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two full names can be one person: one family name, compatible given names."""
    if len(a) < 2 or len(b) < 2 or a[-1] != b[-1]:
        return False
    x, y = a[0], b[0]
    return x == y or y in NICKNAMES.get(x, ()) or x in NICKNAMES.get(y, ())


def _holds(alias: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    """Whether ``wanted`` occurs in ``alias`` as consecutive parts."""
    n = len(wanted)
    return any(alias[i:i + n] == wanted for i in range(len(alias) - n + 1))


def _roles(people: dict[str, _Name], raws: list[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for raw in raws:
        out.update(people[raw].roles)
    return out


def _roles_agree(a: Counter[str], b: Counter[str]) -> bool:
    """Unknown roles agree with anything; known ones must share a word that names an office."""
    if not a or not b:
        return True
    words_a = {w for r in a for w in spelling_key(r).split()} - ROLE_STOP
    words_b = {w for r in b for w in spelling_key(r).split()} - ROLE_STOP
    return bool(words_a & words_b) or not words_a or not words_b


def _person(members: list[_Name], evidence: NameEvidence) -> Person:
    """One person from the spellings of their name: counts over every article quoting any of them."""
    members.sort(key=lambda n: (-n.articles, -n.statements, n.raw))
    top = max(n.articles for n in members)
    attested = [n for n in members if n.articles >= min(ATTESTED_ARTICLES, top)]
    # Fullest: most name parts, then most words (initials count here); ties go to a spelling that is
    # its own transliteration form ("Yury" over "Yuri").
    name = max(attested, key=lambda n: (len(n.tokens), len(spelling_key(n.raw).split()), n.articles, n.statements,
                                        tuple(spelling_key(n.raw).split()) == n.tokens, len(n.raw), n.raw)).raw
    rows = sorted({row for n in members for row in n.rows})
    articles = sum(evidence.people_days[row][2] for row in rows)
    days = [evidence.people_days[row][1] for row in rows if evidence.people_days[row][1]]
    roles: Counter[str] = Counter()
    for n in members:
        roles.update({r: k for r, k in n.roles.items() if is_role(r)})
    return Person(
        name=name,
        aliases=(name, *[n.raw for n in members if n.raw != name]),
        roles=tuple(r for r, _ in roles.most_common()),
        statements=sum(n.statements for n in members),
        articles=articles,
        first_date=min(days) if days else None,
        last_date=max(days) if days else None,
    )
