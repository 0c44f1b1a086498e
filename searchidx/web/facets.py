"""The library's counts over every match (``SearchResult.facets``) -> the sidebar's links and the API's JSON.

Each value is a link that adds its filter to the current search (speaker, source, dateline; a
year or a month of the timeline sets since and until), so facets combine, and a filter already
set is shown with a link that removes it. The counts themselves come from the library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .params import SearchParams
from .timeline import Bar, bars, timeline_svg

# Values listed per facet (the library orders them by count).
FACET_ROWS = 10
FACETS = (("Speakers", "speaker", "speakers"), ("Sources", "source", "sources"), ("Datelines", "dateline", "datelines"))


@dataclass(frozen=True)
class FacetGroup:
    """One facet as the page lists it: (value, count, link) rows, and the value now filtered on, if any."""

    title: str
    key: str
    rows: tuple[tuple[str, int, str], ...]
    active: str | None
    remove: str


@dataclass(frozen=True)
class FacetView:
    """The sidebar: the timeline chart, the years, the speaker, source and dateline lists."""

    timeline: Markup
    years: tuple[tuple[str, int, str], ...]
    groups: tuple[FacetGroup, ...]
    dated: str | None  # the link that removes a since/until filter, when one is set


def facet_view(params: SearchParams, facets: Any) -> FacetView | None:
    """What the sidebar shows for the library's ``facets`` (None: the library gave none)."""
    if facets is None:
        return None

    def period(bar: Bar) -> str:
        return params.url(since=bar.since, until=bar.until)

    years = tuple((str(y), n, params.url(since=dt.date(y, 1, 1), until=dt.date(y, 12, 31)))
                  for y, n in by_year(facets.months))
    groups = tuple(
        FacetGroup(title, key, tuple((v, n, params.url(**{key: v})) for v, n in getattr(facets, name)[:FACET_ROWS]),
                   getattr(params, key), params.url(**{key: None}))
        for title, key, name in FACETS
    )
    dated = params.url(since=None, until=None) if params.since or params.until else None
    return FacetView(timeline_svg(bars(facets.months), period), years, groups, dated)


def by_year(months: Sequence[tuple[str, int]]) -> list[tuple[int, int]]:
    """("YYYY-MM", count) -> (year, count), in year order; labels that are no month are left out."""
    counts: dict[int, int] = {}
    for label, n in months:
        if label[:4].isdigit():
            counts[int(label[:4])] = counts.get(int(label[:4]), 0) + n
    return sorted(counts.items())
