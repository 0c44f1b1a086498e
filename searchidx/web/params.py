"""A request's query string -> what to search for: the query, filters, sort and page, checked and capped.

Everything a search page shows lives in its query string (``/?q=Russia&speaker=Lavrov&page=2``),
so a page is bookmarkable and the same parameters serve the HTML page and ``/api/search``.
Values arrive from anyone: each is capped here, before it reaches the library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from ..models import Filters

# A description of what one is looking for fits in a paragraph; the library's spelling
# suggestions and wildcard expansion are bounded for queries of this size.
MAX_QUERY_CHARS = 1000
# Names, places and agencies are short; a longer filter value is a mistake or an attack.
MAX_FILTER_CHARS = 200
PAGE_SIZE = 10
MAX_PAGE_SIZE = 100
# Page N of a ranking costs a search for the top N x size documents: past this depth the
# page is empty and says to narrow the query (as Elasticsearch's max_result_window does).
MAX_DEPTH = 1000
SORTS = ("relevance", "date")
FILTER_KEYS = ("speaker", "dateline", "source")


class BadRequest(ValueError):
    """A parameter that cannot be used as given; the message says which and why."""


@dataclass(frozen=True)
class SearchParams:
    """One search as the page and the API see it; ``page`` counts from 1."""

    q: str = ""
    speaker: str | None = None
    dateline: str | None = None
    source: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    sort: str = "relevance"
    page: int = 1
    size: int = PAGE_SIZE
    path: str = "/"  # the page searched from: "/" for articles, "/quotes" for statements
    all_copies: bool = False  # every copy of a story as a hit of its own (articles only)
    exact: bool = False  # the words as typed: no spelling correction (`--exact`)

    @property
    def filters(self) -> Filters:
        """The library's filters for these parameters."""
        return Filters(self.speaker, self.dateline, self.source, self.since, self.until)

    @property
    def empty(self) -> bool:
        """Nothing asked yet: the front page."""
        return not self.q.strip() and self.filters == Filters()

    @property
    def filtered(self) -> bool:
        """Whether any filter is set."""
        return self.filters != Filters()

    @property
    def offset(self) -> int:
        """How many ranked hits come before this page."""
        return (self.page - 1) * self.size

    @property
    def too_deep(self) -> bool:
        """Whether this page lies past MAX_DEPTH, where no search is run for it."""
        return self.offset + self.size > MAX_DEPTH

    def pairs(self) -> list[tuple[str, str]]:
        """The query-string pairs that ask for exactly this search (defaults left out)."""
        out = [("q", self.q)] if self.q else []
        out += [(k, v) for k in FILTER_KEYS if (v := getattr(self, k))]
        out += [(k, d.isoformat()) for k in ("since", "until") if (d := getattr(self, k))]
        if self.sort != "relevance":
            out.append(("sort", self.sort))
        if self.size != PAGE_SIZE:
            out.append(("size", str(self.size)))
        if self.all_copies and self.path == "/":
            out.append(("all_copies", "1"))
        if self.page != 1:
            out.append(("page", str(self.page)))
        if self.exact:
            out.append(("exact", "1"))
        return out

    def filter_pairs(self) -> list[tuple[str, str]]:
        """The filters that are set, as query-string pairs."""
        return [(k, v) for k, v in self.pairs() if k not in ("q", "sort", "size", "all_copies", "page", "exact")]

    def article_url(self, doc_id: str, searched: str | None = None) -> str:
        """The article page of ``doc_id``, opened from this search (its words marked, a way back);
        ``searched``: the query the hits were for, when spelling correction changed it (its words are marked)."""
        target = replace(self, q=searched) if searched else self
        return "/article?" + urlencode([("id", doc_id), *target.pairs()])

    def url(self, path: str | None = None, /, **changes: Any) -> str:
        """The URL of this search (on ``path``, default its own page) with ``changes`` applied; a change of
        what is searched goes back to page 1."""
        path = path or self.path
        target = replace(self, **changes) if changes else self
        if changes and "page" not in changes:
            target = replace(target, page=1)
        query = urlencode(target.pairs())
        return f"{path}?{query}" if query else path


def parse_search(args: Mapping[str, str], path: str = "/") -> SearchParams:
    """SearchParams from a query string (of the page at ``path``); BadRequest names the first parameter
    that cannot be used."""
    q = args.get("q", "")
    if len(q) > MAX_QUERY_CHARS:
        raise BadRequest(f"the query is {len(q):,} characters long: at most {MAX_QUERY_CHARS:,} are searched")
    values: dict[str, str | None] = {}
    for key in FILTER_KEYS:
        value = args.get(key, "").strip()
        if len(value) > MAX_FILTER_CHARS:
            raise BadRequest(f"{key} is too long: at most {MAX_FILTER_CHARS} characters")
        values[key] = value or None
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise BadRequest(f"unknown sort {sort[:40]!r}: use one of {', '.join(SORTS)}")
    return SearchParams(
        q=q,
        speaker=values["speaker"],
        dateline=values["dateline"],
        source=values["source"],
        since=_date(args, "since"),
        until=_date(args, "until"),
        sort=sort,
        page=_number(args, "page", 1, None),
        size=_number(args, "size", PAGE_SIZE, MAX_PAGE_SIZE),
        path=path,
        all_copies=_flag(args, "all_copies"),
        exact=_flag(args, "exact"),
    )


def _date(args: Mapping[str, str], key: str) -> dt.date | None:
    value = args.get(key, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{key} {value[:40]!r} is not a date like 2020-02-29") from None


def _flag(args: Mapping[str, str], key: str) -> bool:
    """An on/off parameter: 1 (or true, on, yes) or 0 (or false, off, no, nothing)."""
    value = args.get(key, "").strip().lower()
    if value in ("", "0", "false", "off", "no"):
        return False
    if value in ("1", "true", "on", "yes"):
        return True
    raise BadRequest(f"{key} must be 1 or 0, not {value[:40]!r}")


def parse_limit(args: Mapping[str, str], default: int, most: int) -> int:
    """How many to list (``limit=``): a whole number from 1, capped at ``most``."""
    return _number(args, "limit", default, most)


def _number(args: Mapping[str, str], key: str, default: int, most: int | None) -> int:
    """A positive whole number; a page past every result is allowed (it is shown empty), a page size is capped."""
    value = args.get(key, "").strip()
    if not value:
        return default
    if not (value.isascii() and value.isdigit()) or len(value) > 18 or int(value) < 1:
        raise BadRequest(f"{key} must be a whole number from 1, not {value[:40]!r}")
    return min(int(value), most) if most is not None else int(value)
