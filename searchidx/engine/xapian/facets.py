"""Counts over every match of a query with Xapian's match spies: speakers, sources, datelines, months.

A ValueCountMatchSpy counts a value slot's values over the documents a match looks at; with
``checkatleast`` set to the whole index it looks at every match, and over shards each server
counts its own and Xapian adds them up. Speakers are many per article: their slot holds each
article's list, and each distinct list's count goes to every speaker in it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import xapian

from .layout import SLOT_DATELINE, SLOT_DAY, SLOT_MONTH, SLOT_PEOPLE_DAY, SLOT_SAID, SLOT_SOURCE, SLOT_SPEAKERS

SLOTS = {"speakers": SLOT_SPEAKERS, "sources": SLOT_SOURCE, "datelines": SLOT_DATELINE, "months": SLOT_MONTH,
         "days": SLOT_DAY}


@dataclass(frozen=True)
class Counts:
    """How many matches have each speaker, source, dateline and month (values as stored)."""

    matches: int
    speakers: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    datelines: Counter[str] = field(default_factory=Counter)
    months: Counter[str] = field(default_factory=Counter)
    days: Counter[str] = field(default_factory=Counter)
    lists: Counter[tuple[str, ...]] = field(default_factory=Counter)  # each article's whole list of speakers


def spies(enquire: Any) -> dict[str, Any]:
    """One value-count spy per facet, added to ``enquire`` (run the match with checkatleast = every document)."""
    out = {name: xapian.ValueCountMatchSpy(slot) for name, slot in SLOTS.items()}
    for spy in out.values():
        enquire.add_matchspy(spy)
    return out


def counts(found: dict[str, Any], matches: int) -> Counts:
    """The spies' counts once the match has run."""
    out = Counts(matches)
    for name, spy in found.items():
        target: Counter[str] = getattr(out, name)
        for item in spy.values():
            value, n = item.term.decode("utf-8", "surrogateescape"), item.termfreq
            if name == "speakers":
                names = tuple(json.loads(value))
                out.lists[names] += n
                for speaker in dict.fromkeys(names):
                    target[speaker] += n
            else:
                target[value] += n
    return out


def people_days(db: Any) -> Counter[tuple[tuple[str, ...], str]]:
    """Articles counted by (their speakers as written, their ISO day or ""), over the whole index."""
    out: Counter[tuple[tuple[str, ...], str]] = Counter()
    for (names, day), n in _whole_slot(db, SLOT_PEOPLE_DAY).items():
        out[(tuple(names), day)] += n
    return out


def _whole_slot(db: Any, slot: int) -> dict[tuple[Any, ...], int]:
    """A JSON pair slot's values over every document of ``db``, each with how many documents hold it."""
    e = xapian.Enquire(db)
    e.set_query(xapian.Query.MatchAll)
    spy = xapian.ValueCountMatchSpy(slot)
    e.add_matchspy(spy)
    e.get_mset(0, 0, db.get_doccount())
    out = {}
    for item in spy.values():
        pair = json.loads(item.term.decode("utf-8", "surrogateescape"))
        out[tuple(tuple(v) if isinstance(v, list) else v for v in pair)] = int(item.termfreq)
    return out


def said(db: Any) -> Counter[tuple[str, str]]:
    """Statements counted by (their speaker as written, the role they were given or ""), over a statements database."""
    out: Counter[tuple[str, str]] = Counter()
    for (name, role), n in _whole_slot(db, SLOT_SAID).items():
        out[(name, role)] += n
    return out
