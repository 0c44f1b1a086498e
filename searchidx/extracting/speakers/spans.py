"""Spans in speaker attribution: where the reported text of each statement lies in the body.

The reported text is the rest of the sentence after the cue ("Wang said that …"), else the
sentence before the attribution ("…, said Wang"; "“…,” Wang said on Monday."), or a transcript
turn after its label. What follows a cue is no reported text when it is only a time, a place or
an occasion ("said Monday.", "told Fox News on Sunday."): then the words before the attribution
are. A sentence does not end at an abbreviation's dot ("Mr.", "U.S.", "J."), and a quotation
that opens after the cue runs to its closing mark. Every search reads a bounded window, so the
cost per statement does not grow with the article.
"""

from __future__ import annotations

import bisect
import re

from .names import Mention
from .rules import ABBREVIATIONS, ADJUNCT_OPENERS, ADJUNCT_WORDS, CLAUSE_ONLY_CUES, LISTENER_WORDS

_SP = r"[ \t\xa0]"
# How far before a speaker's name the clause they said may end ("“…,” Republican National
# Committee chairman Tom Hale said"): room for a long role, not for another sentence.
LEAD_REACH = 120
# Marks that close a quotation right before an attribution.
_QUOTE_ENDS = frozenset((",”", ',"', ",'", ",’", "?”", '?"', "!”", '!"', "?'", "!'", "''", ".”", '."'))

# Longest reported-text span looked for on either side of a cue; keeps the cost per cue bounded.
CONTENT_REACH = 1200
# Fewest words of reported text ("No," is one); a span without any (".") reports nothing.
MIN_CONTENT_WORDS = 1
# Fewest words after a cue for them to be the reported text ("said simply." is not).
MIN_AFTER_WORDS = 2
# Most words of a span after a cue that gives only the occasion ("in an interview on Monday.").
MAX_OCCASION_WORDS = 8

_PARA_BREAK = re.compile(r"\n[ \t\xa0]*\n")
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*(?=\s|$)")
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIAL = re.compile(r"(?:[A-Za-z]\.)+$")
_THAT = re.compile(rf"[\s,:]*(?:that{_SP}+)?")
# A few words of occasion or listener, no quote or clause mark among them, then "that".
_THAT_AHEAD = re.compile(r"(?:[\w.’'-]+,?[ \t\xa0]+){1,8}?that[ \t\xa0]+")
# What opens reported content after a clause-only cue, perhaps after where it was said: "that",
# a colon, a comma and a quotation.
_CLAUSE_OPENS = re.compile(
    r"(?:[ \t\xa0]+(?:on|in|to|at)[ \t\xa0]+[\w.’'\-]+(?:[ \t\xa0]+[\w.’'\-]+)?)?"  # "posted on X:"
    r"[ \t\xa0]*(?:that\b|about\b|:|,?[ \t\xa0]*[“\"‘])"
)
# A few words of occasion or listener, then a colon: what was said follows it.
_LEAD_COLON = re.compile(
    r"(?:(?:on|in|to|at)[ \t\xa0]+(?:[\w.’'\-]+[ \t\xa0]+){0,3}?[\w.’'\-]+|reporters|journalists)"
    r"[ \t\xa0]*(?::|,(?=[ \t\xa0]*[“\"]))[ \t\xa0]*"  # "… in Kyiv: …", "… in Kyiv, “…”"
)
_OPENING_QUOTE = re.compile(r"[“\"]|''")
_CLOSING = {"“": "”", '"': '"', "''": "''"}
_WORDS = re.compile(r"\w+")


def paragraph_starts(text: str) -> list[int]:
    """Offsets where the paragraphs of ``text`` (separated by blank lines) start."""
    return [0] + [m.end() for m in _PARA_BREAK.finditer(text)]


class Quotes:
    """Where quotations lie in a text: “curly” pairs, and straight or doubled ('') marks paired
    within their paragraph. A name inside one is a name someone else spoke, so it is no
    antecedent for a "he said" that follows the quotation."""

    def __init__(self, text: str) -> None:
        spans: list[tuple[int, int]] = []
        for para_start, para_end in _paragraph_spans(text):
            for opening, closing in (("“", "”"), ('"', '"'), ("''", "''")):
                at = text.find(opening, para_start, para_end)
                while at >= 0:
                    end = text.find(closing, at + len(opening), para_end)
                    if end < 0:
                        spans.append((at, para_end))  # a quotation that runs on to the next paragraph
                        break
                    spans.append((at, end + len(closing)))
                    at = text.find(opening, end + len(closing), para_end)
        spans.sort()
        self.starts = [a for a, _ in spans]
        self.spans = spans

    def inside(self, pos: int) -> bool:
        """True when ``pos`` lies inside a quotation."""
        at = bisect.bisect_right(self.starts, pos) - 1
        # quotations of different marks may overlap: the last few that start before ``pos``
        return any(start < pos < end for start, end in self.spans[max(0, at - 3) : at + 1])


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    starts = paragraph_starts(text)
    return [(s, starts[i + 1] if i + 1 < len(starts) else len(text)) for i, s in enumerate(starts)]


def content_span(text: str, paragraphs: list[int], found: tuple[Mention, str, int, int, int]) -> tuple[int, int]:
    """Span of the reported text: the rest of the sentence after the cue, else the clause before."""
    mention, cue, cue_start, cue_end, anchor = found
    attribution = min(mention.start, cue_start)
    para = bisect.bisect_right(paragraphs, attribution) - 1
    para_start = paragraphs[para]
    if cue == ":":
        start = _skip_space(text, anchor)
        para_end = _paragraph_end(text, paragraphs, start)
        return start, rstrip_at(text, start, min(para_end, start + CONTENT_REACH))
    lead = _lead_in(text, para_start, attribution)
    if anchor < 0 and text[_skip_space(text, mention.end) : _skip_space(text, mention.end) + 1] == ":":
        # "The below is attributable to Spokesperson Ned Price:": what follows the colon
        start = _skip_space(text, _skip_space(text, mention.end) + 1)
        return start, rstrip_at(text, start, min(_paragraph_end(text, paragraphs, start), start + CONTENT_REACH))
    if anchor < 0:
        before = _content_before(text, para_start, lead[0] if lead else attribution)
        if _words(text, *before) >= 1 or cue != "according to":
            return before
        # "According to Wang, the talks went well.": what follows the name
        return _content_after(text, paragraphs, max(mention.end, cue_end))
    start, end = _content_after(text, paragraphs, anchor)
    first = _WORDS.match(text, start, end)
    if first is not None and first.group() in ("and", "but", "or"):
        start = end = anchor  # "objected and left": the cue took no words
    elif cue.lower() in CLAUSE_ONLY_CUES and not _CLAUSE_OPENS.match(text, cue_end):
        start = end = anchor  # "concluded their talks": an act, unless a quotation is before it
    occasion = _words(text, start, end) < MIN_AFTER_WORDS or _only_occasion(text, start, end)
    if lead is not None:
        stop, quoted = lead
        if quoted or occasion:
            before = _content_before(text, para_start, stop)
            if _words(text, *before) >= 1:
                return before
    if occasion and _words(text, start, end) < MAX_OCCASION_WORDS and not _has_clause(text, start, end):
        return anchor, anchor  # "Jane Smith reports from Kyiv.": where, not what
    return start, end


def _lead_in(text: str, para_start: int, attribution: int) -> tuple[int, bool] | None:
    """Where the clause before an attribution ends, when only the speaker's role and name stand
    between ("…, Mayor Ted Terry noted", "“…,” Republican chairman Tom Hale said"): the position
    after that comma or closing quote, and whether it closed a quote."""
    lo = max(para_start, attribution - LEAD_REACH)
    at = attribution
    while at > lo:
        char = text[at - 1]
        if char in "'’" and text[at - 2 : at] not in _QUOTE_ENDS:
            at -= 1  # an apostrophe ("O’Malley", "Sanders’ plan"), not a closing quote
            continue
        if char in ",”\"'’":
            return at, char != "," or text[at - 2 : at] in _QUOTE_ENDS
        if char in ";:!?\n“" or (char == "." and not _abbreviation_before(text, lo, at)):
            return None
        at -= 1
    return None


def quotes_after(text: str, paragraphs: list[int], pos: int) -> list[tuple[int, int]]:
    """Quotations that follow ``pos`` (the end of a sentence) directly in its paragraph, one after
    another: the rest of what a speaker said over several sentences ("“…,” Wang said. “…”")."""
    out: list[tuple[int, int]] = []
    para_end = _paragraph_end(text, paragraphs, max(0, pos - 1))
    at = pos
    while True:
        start = at
        while start < para_end and text[start] in " \t\xa0":
            start += 1
        opening = _OPENING_QUOTE.match(text, start, para_end)
        if opening is None:
            return out
        close = text.find(_CLOSING[opening.group()], opening.end(), para_end)
        if close < 0 or _words(text, start, close) < MIN_CONTENT_WORDS:
            return out
        at = close + len(_CLOSING[opening.group()])
        out.append((start, at))


def _content_after(text: str, paragraphs: list[int], pos: int) -> tuple[int, int]:
    """The rest of the sentence from ``pos``, a leading "that" and time words dropped; a quotation
    opened there runs to its closing mark."""
    start = _skip_space(text, pos)
    if pos > 0 and start >= _paragraph_end(text, paragraphs, pos - 1) and text[pos:start].strip() != ":":
        return pos, pos  # the paragraph ends with the cue ("… Jane Smith said"): nothing reported
    start = _skip_space(text, start + 1) if text[start : start + 1] == ":" else start
    limit = min(_paragraph_end(text, paragraphs, start), start + CONTENT_REACH)
    lead = _THAT.match(text, start, limit)
    start = lead.end() if lead else start
    colon = _LEAD_COLON.match(text, start, limit)
    if colon:  # "wrote on X: …", "told reporters: …"
        start = colon.end()
    start = _skip_adjunct(text, start, limit)
    start = _skip_to_that(text, start, limit)
    opening = _OPENING_QUOTE.match(text, start, limit)
    if opening:
        close = text.find(_CLOSING[opening.group()], opening.end(), limit)
        if close > 0:
            return start, close + len(_CLOSING[opening.group()])
    return start, sentence_end(text, start, limit)


def _skip_to_that(text: str, start: int, limit: int) -> int:
    """Past an occasion or a listener to the "that" that opens what was said ("told reporters on
    Monday that …", "said in an interview that …")."""
    first = _WORDS.match(text, start, limit)
    if first is None:
        return start
    word = first.group()
    if not (word[0].isupper() or word.lower() in ADJUNCT_OPENERS | ADJUNCT_WORDS | LISTENER_WORDS):
        return start  # "said the bill that passed was bad": a relative "that"
    m = _THAT_AHEAD.match(text, start, limit)
    return m.end() if m else start


def sentence_end(text: str, start: int, limit: int) -> int:
    """End of the sentence that starts at ``start``: past its final mark, not at "Mr." or "J."."""
    for m in _SENTENCE_END.finditer(text, start, limit):
        if text[m.start()] == "." and _abbreviation_before(text, start, m.start() + 1):
            continue
        return m.end()
    return rstrip_at(text, start, limit)


def _abbreviation_before(text: str, lo: int, dot_end: int) -> bool:
    """True when the word ending at ``dot_end`` (with its dot) is an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, max(lo, dot_end - 20), dot_end)
    if m is None:
        return False
    word = m.group(1).lstrip("(\"“'‘")
    return word.lower() in ABBREVIATIONS or bool(_INITIAL.fullmatch(word))


def _skip_adjunct(text: str, start: int, limit: int) -> int:
    """Past a leading time or occasion ("Monday that", "on Sunday,"), when a clause follows it."""
    at = start
    for _ in range(3):
        m = _WORDS.match(text, at, limit)
        if m is None or m.group().lower() not in ADJUNCT_WORDS:
            break
        at = m.end()
        while at < limit and text[at] in " ,\t\xa0":
            at += 1
    if at == start:
        return start
    lead = _THAT.match(text, at, limit)
    after = lead.end() if lead else at
    return after if _words(text, after, sentence_end(text, after, limit)) >= MIN_CONTENT_WORDS else start


def _has_clause(text: str, start: int, end: int) -> bool:
    """True when a span holds more than an occasion: a quotation or a clause after a comma."""
    return any(mark in text[start:end] for mark in ("“", '"', "''", ", ", ": "))


def _only_occasion(text: str, start: int, end: int) -> bool:
    """True for a short span that only gives the occasion ("in an interview.", "on Fox News
    Sunday.", "to applause."), not what was said."""
    m = _WORDS.match(text, start, end)
    return (m is not None and m.group().lower() in ADJUNCT_OPENERS
            and _words(text, start, end) <= MAX_OCCASION_WORDS and "“" not in text[start:end] and '"' not in text[start:end])


def _content_before(text: str, para_start: int, stop: int) -> tuple[int, int]:
    """The sentence part (same paragraph) that ends where the attribution begins."""
    lo = max(para_start, stop - CONTENT_REACH)
    end = rstrip_at(text, lo, stop, " \t\xa0\n,")
    cut = max(text.rfind(". ", lo, end - 1), text.rfind("\n", lo, end - 1))
    while cut >= lo and text[cut] == "." and _abbreviation_before(text, lo, cut + 1):
        cut = max(text.rfind(". ", lo, cut), text.rfind("\n", lo, cut))
    start = cut + 1 if cut >= lo else lo
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _words(text: str, start: int, end: int) -> int:
    return len(_WORDS.findall(text, start, end)) if end > start else 0


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\xa0\n":
        pos += 1
    return pos


def _paragraph_end(text: str, paragraphs: list[int], pos: int) -> int:
    para = bisect.bisect_right(paragraphs, pos) - 1
    return paragraphs[para + 1] if para + 1 < len(paragraphs) else len(text)


def rstrip_at(text: str, lo: int, hi: int, chars: str = " \t\xa0\n") -> int:
    """End of ``text[lo:hi]`` without trailing ``chars``, without copying the text."""
    while hi > lo and text[hi - 1] in chars:
        hi -= 1
    return hi
