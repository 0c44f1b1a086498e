"""Matches per month -> an SVG bar chart whose bars are links: the timeline of a search.

Drawn on the server as inline SVG (no script, nothing fetched): each bar is a link that
filters the search to its month, with the month and count as its title and accessible name.
A span too long for readable monthly bars is drawn by year. Every value drawn is a number or a
"YYYY-MM" label the library gave; labels are escaped all the same.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

# Monthly bars up to six years; past that a bar per year (a month bar would be a hairline).
MAX_MONTH_BARS = 72
WIDTH, HEIGHT, LABEL = 300, 110, 22  # the drawing's units; CSS scales it to the page


@dataclass(frozen=True)
class Bar:
    """One period of the timeline: its label, count and inclusive date range."""

    label: str
    count: int
    since: dt.date
    until: dt.date


def bars(months: Sequence[tuple[str, int]]) -> list[Bar]:
    """One bar per month from the first to the last (empty months included), or per year when that is too many."""
    counts: dict[tuple[int, int], int] = {}
    for label, n in months:
        try:
            year, month = int(label[:4]), int(label[5:7])
            dt.date(year, month, 1)
        except ValueError:
            continue  # a label this chart cannot place; the lists still show it
        counts[(year, month)] = counts.get((year, month), 0) + n
    if not counts:
        return []
    (y0, m0), (y1, m1) = min(counts), max(counts)
    if (y1 - y0) * 12 + m1 - m0 + 1 > MAX_MONTH_BARS:
        return [Bar(str(y), sum(n for (yy, _), n in counts.items() if yy == y), dt.date(y, 1, 1), dt.date(y, 12, 31))
                for y in range(y0, y1 + 1)]
    out = []
    y, m = y0, m0
    while (y, m) <= (y1, m1):
        last = calendar.monthrange(y, m)[1]
        out.append(Bar(f"{y}-{m:02d}", counts.get((y, m), 0), dt.date(y, m, 1), dt.date(y, m, last)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline_svg(periods: Sequence[Bar], link: Callable[[Bar], str]) -> Markup:
    """The bars as an inline SVG chart; ``link(bar)`` is the URL each bar leads to."""
    if not periods:
        return Markup("")
    top = max(b.count for b in periods) or 1
    step = WIDTH / len(periods)
    gap = min(2.0, step / 4)
    parts = [Markup('<svg class="chart" viewBox="0 0 %d %d" role="group" aria-label="Matches over time">')
             % (WIDTH, HEIGHT + LABEL)]
    for i, bar in enumerate(periods):
        height = round(HEIGHT * bar.count / top, 1)
        name = f"{bar.label}: {bar.count:,} {'match' if bar.count == 1 else 'matches'}"
        rect = Markup('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f"></rect>') % (
            i * step + gap / 2, HEIGHT - height, step - gap, max(height, 0.5))
        if bar.count:
            parts.append(Markup('<a href="%s" aria-label="%s"><title>%s</title>%s</a>') % (link(bar), name, name, rect))
        else:
            parts.append(Markup("<g><title>%s</title>%s</g>") % (name, rect))
    for i in (0, len(periods) - 1) if len(periods) > 1 else (0,):
        anchor = "start" if i == 0 else "end"
        x = 0 if i == 0 else WIDTH
        parts.append(Markup('<text x="%d" y="%d" text-anchor="%s">%s</text>') % (x, HEIGHT + LABEL - 2, anchor,
                                                                                 periods[i].label))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
