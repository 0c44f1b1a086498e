"""The name book of one index: its people registry and its datelines and sources, built from the
index's NameEvidence at the end of every indexing run and saved beside the index as JSON.

    NameEvidence -> build_book -> NameBook -> .restriction(Filters)  (filters: any alias, any spelling)
                                           -> .facets(raw counts)    (counts: each person, place, source once)

A filter value that names nothing in the index raises UnknownFilterValue with the close values.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import UnknownFilterValue
from ..models import Facets, Filters, NameEvidence, Person, Restriction
from .keys import place_key, place_parts
from .people import Registry, build_registry
from .places import (close_values, dateline_name, matching_datelines, matching_sources, merged_datelines,
                     merged_sources, source_key, source_name)

# The name under which an index's name book is saved beside it.
BOOK_NAME = "names"
# How many values each facet lists.
FACET_TOP = 10


@dataclass(frozen=True)
class NameBook:
    """An index's people, datelines and sources (the stored spellings with their article counts)."""

    registry: Registry = field(default_factory=Registry)
    datelines: Mapping[str, int] = field(default_factory=dict)
    sources: Mapping[str, int] = field(default_factory=dict)
    days: Mapping[str, int] = field(default_factory=dict)
    documents: int = 0

    def restriction(self, f: Filters) -> Restriction:
        """The filters as the exact stored values they name; UnknownFilterValue for a value naming none."""
        speakers = datelines = sources = None
        if f.speaker is not None and f.speaker.strip():
            people = self.registry.find(f.speaker)
            if not people:
                names = [a for p in self.registry.people for a in p.aliases]
                raise UnknownFilterValue("speaker", f.speaker, close_values(f.speaker, names))
            speakers = tuple(a for p in people for a in p.aliases)
        if f.dateline is not None and f.dateline.strip():
            datelines = matching_datelines(f.dateline, self.datelines)
            if not datelines:
                shown = merged_datelines(self.datelines)
                raise UnknownFilterValue("dateline", f.dateline, close_values(f.dateline, shown))
        if f.source is not None and f.source.strip():
            sources = matching_sources(f.source, self.sources)
            if not sources:
                raise UnknownFilterValue("source", f.source, close_values(f.source, merged_sources(self.sources)))
        return Restriction(speakers, datelines, sources, f.since, f.until)

    def facets(self, speakers: Mapping[tuple[str, ...], int], datelines: Mapping[str, int],
               sources: Mapping[str, int], days: Mapping[str, int], top: int = FACET_TOP) -> Facets:
        """Counts by person, place, source and month: ``speakers`` counts documents by the speakers
        each names (an article naming one person twice counts once)."""
        people: Counter[str] = Counter()
        persons = self._persons
        for names, n in speakers.items():
            found = persons.get(names)
            if found is None:
                found = persons[names] = frozenset(
                    str(p) for p in {self.registry.person_of.get(s) for s in names} - {None})
            for person in found:
                people[person] += n
        months: Counter[str] = Counter()
        for day, n in days.items():
            months[day[:7]] += n
        return Facets(
            speakers=tuple(people.most_common(top)),
            sources=tuple(_shown(sources, self._source_names).most_common(top)),
            datelines=tuple(_shown(datelines, self._dateline_names).most_common(top)),
            months=tuple(sorted(months.items())),
        )

    @functools.cached_property
    def _persons(self) -> dict[tuple[str, ...], frozenset[str]]:
        """An article's speakers as written -> the people they are (filled as facets meet them)."""
        return {}

    @functools.cached_property
    def _dateline_names(self) -> dict[str, str]:
        """Each stored dateline -> how its place is shown (the best of the index's spellings)."""
        groups: dict[str, Counter[str]] = {}
        for value, n in self.datelines.items():
            groups.setdefault(place_key(value), Counter())[value] = n
        return {v: dateline_name(v, group) for group in groups.values() for v in group}

    @functools.cached_property
    def _source_names(self) -> dict[str, str]:
        """Each stored source -> the most used name of that source."""
        groups: dict[str, Counter[str]] = {}
        for value, n in self.sources.items():
            groups.setdefault(source_key(value), Counter())[value] = n
        return {v: source_name(v, group) for group in groups.values() for v in group}

    def people(self, name: str | None = None) -> tuple[Person, ...]:
        """Everyone, most quoted first; or the people ``name`` names (UnknownFilterValue if none)."""
        if name is None:
            return self.registry.people
        found = self.registry.find(name)
        if not found:
            names = [a for p in self.registry.people for a in p.aliases]
            raise UnknownFilterValue("person", name, close_values(name, names))
        return found

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data, read back by :meth:`from_json`."""
        return {"people": [asdict(p) for p in self.registry.people], "not_people": list(self.registry.not_people),
                "datelines": dict(self.datelines), "sources": dict(self.sources), "days": dict(self.days),
                "documents": self.documents}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NameBook:
        people = tuple(Person(name=p["name"], aliases=tuple(p["aliases"]), roles=tuple(p["roles"]),
                              statements=p["statements"], articles=p["articles"], first_date=p["first_date"],
                              last_date=p["last_date"]) for p in data["people"])
        registry = Registry(people, {a: p.name for p in people for a in p.aliases}, tuple(data["not_people"]))
        return cls(registry, data["datelines"], data["sources"], data["days"], data["documents"])


def build_book(evidence: NameEvidence) -> NameBook:
    """The name book of an index, from what its columns say."""
    datelines, sources = dict(evidence.datelines), dict(evidence.sources)
    places = {part for d in datelines for part in place_parts(d)} | {source_key(s) for s in sources}
    return NameBook(build_registry(evidence, places), datelines, sources, dict(evidence.days), evidence.documents)


def _shown(counts: Mapping[str, int], names: Mapping[str, str]) -> Counter[str]:
    """Counts by stored value merged under the name each is shown by."""
    out: Counter[str] = Counter()
    for value, n in counts.items():
        out[names.get(value, value)] += n
    return out
