"""Records that flow through the pipeline: Page -> Article -> Document / Hit, and the filters of a search.

Every record is a frozen dataclass with no I/O, so each stage can be tested on its own
and records can cross process boundaries (they pickle) when indexing runs in parallel.
This module imports nothing from the rest of the project.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """What the cleaner read from one raw page: article text plus what the page's head says.

    ``record`` is the 1-based line number when the page is one record of a JSONL file.

    ``meta`` keeps every metadata value the page offered before boilerplate was thrown
    away (``<meta>`` tags, ``<time datetime>``, JSONL keys, the place line of a Kremlin
    page) as ordered ``(key, value)`` pairs; ``info`` keeps the "Updated: ... Xinhua" style
    lines that were read and then dropped from the body.
    """

    path: str
    body: str
    title: str | None = None
    kind: str = "txt"
    url: str | None = None
    meta: tuple[tuple[str, str], ...] = ()
    info: tuple[str, ...] = ()
    record: int | None = None

    def meta_values(self, *keys: str) -> list[str]:
        """All values whose key is one of ``keys`` (case-insensitive), in page order."""
        if not self.meta:  # a text dump has none, and extraction asks some twenty times a page
            return []
        wanted = {k.lower() for k in keys}
        return [v for k, v in self.meta if k.lower() in wanted and v]


@dataclass(frozen=True)
class Statement:
    """One attribution: who said what, with the cue and the span of the reported text in the body.

    ``context`` is what the statement answers, when the page gives it: in a transcript, the
    question put to the speaker (which is not the speaker's own words, so it is kept apart).
    """

    speaker: str
    cue: str
    text: str
    start: int
    end: int
    role: str | None = None
    context: str | None = None


@dataclass(frozen=True)
class Article:
    """What the extractor read from a Page. ``date`` is aware when a time is known, else a date.

    ``record`` is the line number of a JSONL record, ``key`` its identity (see ``id``).
    """

    path: str
    body: str
    title: str | None = None
    date: dt.datetime | dt.date | None = None
    source: str | None = None
    dateline: str | None = None
    speakers: tuple[str, ...] = ()
    statements: tuple[Statement, ...] = ()
    url: str | None = None
    record: int | None = None
    key: str | None = None

    @property
    def id(self) -> str:
        """The index key: the file's path, plus ``#KEY`` for a JSONL record (its ``id`` or URL, else a
        hash of its line; ``#N`` for the N-th line when no key was given)."""
        if self.key is not None:
            return f"{self.path}#{self.key}"
        return self.path if self.record is None else f"{self.path}#{self.record}"

    def date_iso(self) -> str | None:
        """The date as ISO 8601 (with its UTC offset when a time is known)."""
        return self.date.isoformat() if self.date is not None else None


@dataclass(frozen=True)
class Snippet:
    """A passage of a document with the character spans of the matched words in it."""

    text: str
    matches: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Copy:
    """Another article telling the same story as a hit (a duplicate-group member): where it is."""

    id: str
    path: str
    title: str | None = None
    date: dt.datetime | dt.date | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Hit:
    """One search result, copied out of Whoosh so it outlives the searcher.

    ``copies`` are the other articles of its duplicate group (copies of the same story), earliest
    first; with results collapsed (the default) they are not listed as hits of their own.
    """

    id: str
    path: str
    score: float
    snippet: Snippet
    title: str | None = None
    date: dt.datetime | dt.date | None = None
    source: str | None = None
    dateline: str | None = None
    speakers: tuple[str, ...] = ()
    url: str | None = None
    rank: int = 0
    copies: tuple[Copy, ...] = ()


@dataclass(frozen=True)
class Document:
    """One indexed article as stored: what ``Index.get`` and ``searchidx show`` give."""

    id: str
    path: str
    body: str
    title: str | None = None
    date: dt.datetime | dt.date | None = None
    source: str | None = None
    dateline: str | None = None
    speakers: tuple[str, ...] = ()
    statements: tuple[Statement, ...] = ()
    url: str | None = None


@dataclass(frozen=True)
class ArticleRef:
    """The article a quote comes from: enough to cite it and to open it (``Index.get(id)``)."""

    id: str
    path: str
    title: str | None = None
    date: dt.datetime | dt.date | None = None
    source: str | None = None
    dateline: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Quote:
    """One statement found by a quote search: who said it (the registry's name for the person,
    and the form the article used), the quote with its matched words, and where it was said."""

    speaker: str
    said_as: str
    role: str | None
    cue: str
    snippet: Snippet
    article: ArticleRef
    score: float = 0.0
    rank: int = 0


@dataclass(frozen=True)
class Person:
    """One person of the people registry: every spelling the index uses for them, counted once.

    ``name`` is the fullest well-attested form; ``aliases`` every form seen (``name`` first);
    ``roles`` most frequent first; dates are ISO days of the first and last article quoting them.
    """

    name: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...] = ()
    statements: int = 0
    articles: int = 0
    first_date: str | None = None
    last_date: str | None = None


@dataclass(frozen=True)
class Facets:
    """Counts over every match of a query, not only the page shown: (value, count), most first;
    ``months`` is the timeline, ("YYYY-MM", count) in date order. Names are merged as the people
    registry and the dateline and source tables merge them."""

    speakers: tuple[tuple[str, int], ...] = ()
    sources: tuple[tuple[str, int], ...] = ()
    datelines: tuple[tuple[str, int], ...] = ()
    months: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Filters:
    """Restrictions applied on top of a query; ``since``/``until`` are inclusive dates."""

    speaker: str | None = None
    dateline: str | None = None
    source: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class Restriction:
    """Filters resolved to the exact values the index stores (searching resolves a ``Filters``
    through the people registry and the dateline and source tables): a match has one of them."""

    speakers: tuple[str, ...] | None = None
    datelines: tuple[str, ...] | None = None
    sources: tuple[str, ...] | None = None
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class NameEvidence:
    """What a whole index says about names, read from its columns: what the people registry and
    the dateline and source tables are built from.

    ``people_days`` counts articles by (their speakers as written, their ISO day or ""); ``said``
    counts statements by (speaker as written, role or "").
    """

    documents: int = 0
    people_days: tuple[tuple[tuple[str, ...], str, int], ...] = ()
    said: tuple[tuple[str, str, int], ...] = ()
    datelines: tuple[tuple[str, int], ...] = ()
    sources: tuple[tuple[str, int], ...] = ()
    days: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Skipped:
    """An input that was not indexed, and why."""

    path: str
    reason: str
    ignored: bool = False  # True for files that are not articles at all (wrong type): not a failure


@dataclass(frozen=True)
class IndexReport:
    """What one indexing run did; ``skipped`` lists every input not indexed, with its reason."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: tuple[Skipped, ...] = ()
    seconds: float = 0.0
    documents: int = 0

    @property
    def failed(self) -> tuple[Skipped, ...]:
        """Inputs that should have been indexed but could not be read (not the ignored file types)."""
        return tuple(s for s in self.skipped if not s.ignored)


@dataclass(frozen=True)
class CheckReport:
    """What ``check_index`` found; ``ok`` when the index is readable and in step with the files."""

    index_dir: str
    documents: int
    files: int
    missing: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    orphans: tuple[str, ...] = ()
    unreadable: tuple[Skipped, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing is missing, changed or orphaned."""
        return not (self.missing or self.changed or self.orphans)
