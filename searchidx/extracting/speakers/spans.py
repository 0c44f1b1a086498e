"""Spans in speaker attribution: where the reported text of each statement lies in the body.

The reported text is the rest of the sentence after the cue ("Wang said that …"), else the
sentence before the attribution ("…, said Wang"), or a transcript turn after its label. Every
search reads a bounded window, so the cost per statement does not grow with the article.
"""

from __future__ import annotations

import bisect
import re

from .names import Mention

_SP = r"[ \t\xa0]"
# A quote that closes this far before a speaker ("“…,” state Sen. X said") is what X said.
_QUOTE_REACH = 40
_CLOSING_QUOTES = (",”", ',"', ",''", ",’", "?”", '?"', "!”", '!"')

# Longest reported-text span looked for on either side of a cue; keeps the cost per cue bounded.
CONTENT_REACH = 1200

_PARA_BREAK = re.compile(r"\n[ \t\xa0]*\n")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?=\s|$)")
_THAT = re.compile(rf"[\s,:]*(?:that{_SP}+)?")


def paragraph_starts(text: str) -> list[int]:
    """Offsets where the paragraphs of ``text`` (separated by blank lines) start."""
    return [0] + [m.end() for m in _PARA_BREAK.finditer(text)]


def content_span(text: str, paragraphs: list[int], found: tuple[Mention, str, int, int, int]) -> tuple[int, int]:
    """Span of the reported text: the rest of the sentence after the cue, else the sentence before."""
    mention, cue, cue_start, cue_end, anchor = found
    attribution = min(mention.start, cue_start)
    para = bisect.bisect_right(paragraphs, attribution) - 1
    if anchor < 0:
        return _content_before(text, paragraphs[para], attribution)
    start = anchor
    while start < len(text) and text[start] in " \t\xa0\n":
        start += 1
    para = bisect.bisect_right(paragraphs, start) - 1
    para_end = paragraphs[para + 1] if para + 1 < len(paragraphs) else len(text)
    limit = min(para_end, start + CONTENT_REACH)
    if cue == ":":
        return start, rstrip_at(text, start, limit)
    lead = _THAT.match(text, start, limit)
    start = lead.end() if lead else start
    sentence_end = _SENTENCE_END.search(text, start, limit)
    end = sentence_end.end() if sentence_end else rstrip_at(text, start, limit)
    lo = max(0, attribution - _QUOTE_REACH)
    quotes = [at + len(q) for q in _CLOSING_QUOTES if (at := text.rfind(q, lo, attribution)) >= 0]
    if not quotes and len(text[start:end].split()) >= 1:
        return start, end
    stop = max(quotes) if quotes else attribution
    return _content_before(text, paragraphs[bisect.bisect_right(paragraphs, attribution) - 1], stop)


def _content_before(text: str, para_start: int, stop: int) -> tuple[int, int]:
    """The sentence part (same paragraph) that ends where the attribution begins."""
    lo = max(para_start, stop - CONTENT_REACH)
    end = rstrip_at(text, lo, stop, " \t\xa0\n,")
    cut = max(text.rfind(". ", lo, end - 1), text.rfind("\n", lo, end - 1))
    start = cut + 1 if cut >= lo else lo
    while start < end and text[start].isspace():
        start += 1
    return start, end


def rstrip_at(text: str, lo: int, hi: int, chars: str = " \t\xa0\n") -> int:
    """End of ``text[lo:hi]`` without trailing ``chars``, without copying the text."""
    while hi > lo and text[hi - 1] in chars:
        hi -= 1
    return hi
