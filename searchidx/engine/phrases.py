"""Whether words at given positions make a phrase, as Whoosh's Phrase query decides.

accumulate.py scores a phrase from its words' postings; this is the positional test it
applies to each document holding them all, written for Whoosh 2.7.4's SpanNear2Matcher.
"""

from __future__ import annotations

from whoosh.query.spans import Span, bisect_spans


def in_order(positions: list[list[int]], slop: int, mindist: int = 1) -> bool:
    """Whether the words at these positions make a phrase: SpanNear2Matcher._get_spans (Whoosh
    2.7.4), ordered as Phrase asks, for one document's positions of each word."""
    if slop == 1 and mindist == 1:  # what that loop finds then: the words at consecutive positions
        starts = set(positions[0])
        for i, word in enumerate(positions[1:], 1):
            starts.intersection_update([p - i for p in word])
        return bool(starts)
    return spans_in_order(positions, slop, mindist)


def spans_in_order(positions: list[list[int]], slop: int, mindist: int) -> bool:
    aspans = [Span(p) for p in positions[0]]
    for word in positions[1:]:
        if not aspans:
            return False
        bspans = [Span(p) for p in word]
        spans = set()
        for aspan in aspans:
            j = bisect_spans(bspans, aspan.start)
            while j < len(bspans):
                bspan = bspans[j]
                j += 1
                if bspan.end < aspan.start - slop or aspan.start > bspan.start:
                    continue  # B too far before A, or before it at all
                if bspan.start > aspan.end + slop:
                    break  # B too far after A, and so are the spans after it
                if mindist <= aspan.distance_to(bspan) <= slop:
                    spans.add(aspan.to(bspan))
        aspans = sorted(spans)
    return bool(aspans)
