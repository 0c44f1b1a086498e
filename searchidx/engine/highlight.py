"""Stored body + query words -> Snippet: the best passages and where the words fall in them.

This is whoosh.highlight's pipeline (tokens, matches, fragments, top fragments, format)
with two changes: each distinct word is analysed once, and the formatter returns data
(a Snippet with match spans) instead of markup, which only render.py adds.
"""

from __future__ import annotations

import heapq
from typing import Any

from whoosh import highlight

from ..models import Snippet
from ..places import DEMONYMS

# Snippet shape: characters per fragment, fragments per snippet.
SNIPPET_CHARS = 220
SNIPPET_SURROUND = 70
SNIPPET_FRAGMENTS = 2
SNIPPET_JOIN = " … "
# Whoosh's fragmenter stops at 32,768 characters, so a long transcript showed its opening instead
# of the match. Bodies up to this long are scanned whole; a longer one (a 64 MB file) is scanned
# up to its first match, and the passages are picked around it, SNIPPET_WINDOW characters each side.
SNIPPET_SCAN_CHARS = 200_000
SNIPPET_WINDOW = 20_000
# A quote up to this long is shown whole; a longer one (a transcript's answer) by its best passages.
WHOLE_MAX_CHARS = 600


class _SpanFormatter(highlight.Formatter):
    """Whoosh formatter that returns a Snippet (text + match spans) instead of markup."""

    def format(self, fragments: Any, replace: bool = False) -> Snippet:
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        offset = 0
        for i, frag in enumerate(fragments):
            # A passage that does not start (or end) the text says so, as passages between say so.
            if i or _has_words(frag.text[:frag.startchar]):
                gap = SNIPPET_JOIN if i else SNIPPET_JOIN.lstrip()
                parts.append(gap)
                offset += len(gap)
            text = frag.text[frag.startchar:frag.endchar]
            lead = len(text) - len(text.lstrip())
            text = text.strip()
            for m in frag.matches:
                s, e = m.startchar - frag.startchar - lead, m.endchar - frag.startchar - lead
                if 0 <= s < e <= len(text):
                    spans.append((offset + s, offset + e))
            parts.append(text)
            offset += len(text)
        if parts and _has_words(fragments[-1].text[fragments[-1].endchar:]):
            parts.append(SNIPPET_JOIN.rstrip())
        return Snippet("".join(parts), tuple(spans))


def _has_words(text: str) -> bool:
    return any(c.isalnum() for c in text)


def make_snippet(body: str, terms: frozenset[str], analyzer: Any) -> Snippet:
    """The passages of ``body`` where ``terms`` (analysed forms) occur, with their spans."""
    if not body:
        return Snippet("")
    if terms:
        # whoosh.highlight.highlight(), with the analysis done by _marked_tokens when it can be.
        termset = frozenset(terms)
        text = _around_first_match(body, termset, analyzer) if len(body) > SNIPPET_SCAN_CHARS else body
        tokens = _marked_tokens(text, termset, analyzer)
        if tokens is None:
            tokens = highlight.set_matched_filter(analyzer(text, chars=True, mode="query", removestops=False), termset)
        fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=SNIPPET_SURROUND, charlimit=None)
        snip: Snippet = _SpanFormatter().format(_best_fragments(fragmenter.fragment_tokens(text, tokens)))
        if snip.text:
            return snip
    cut = body[:SNIPPET_CHARS]
    if len(body) > SNIPPET_CHARS and " " in cut:
        cut = cut.rsplit(" ", 1)[0] + " …"
    return Snippet(cut)


def _around_first_match(body: str, termset: frozenset[str], analyzer: Any) -> str:
    """The part of a long body around its first matched word (cut at spaces), or its start if none matches."""
    tokens = _marked_tokens(body, termset, analyzer)
    if tokens is None:
        tokens = highlight.set_matched_filter(analyzer(body, chars=True, mode="query", removestops=False), termset)
    first = next((t.startchar for t in tokens if t.matched), 0)
    start, end = max(0, first - SNIPPET_WINDOW), first + SNIPPET_WINDOW
    if start:
        start = body.find(" ", start, first) + 1 or start
    cut = body.rfind(" ", first, end)
    return body[start:cut if end < len(body) and cut > first else end]


def whole_snippet(text: str, terms: frozenset[str], analyzer: Any) -> Snippet:
    """All of a short ``text`` (a quote) with the span of every word that matches ``terms``;
    the passages make_snippet would pick when it is longer than WHOLE_MAX_CHARS."""
    if len(text) > WHOLE_MAX_CHARS:
        return make_snippet(text, terms, analyzer)
    return Snippet(text, match_spans(text, terms, analyzer))


def match_spans(text: str, terms: frozenset[str], analyzer: Any) -> tuple[tuple[int, int], ...]:
    """Where every word of ``text`` whose analysed form is in ``terms`` falls: the marks of a whole article."""
    if not text or not terms:
        return ()
    tokens = _marked_tokens(text, terms, analyzer)
    if tokens is None:
        tokens = highlight.set_matched_filter(analyzer(text, chars=True, mode="query", removestops=False), terms)
    return tuple((t.startchar, t.endchar) for t in tokens if t.matched)


def _best_fragments(fragments: Any) -> list[Any]:
    """The SNIPPET_FRAGMENTS best-scored passages, in text order; a tie goes to the earlier passage.

    (whoosh.highlight.top_fragments breaks ties by object address, so the same query could
    show different passages from one run to the next.)
    """
    scorer = highlight.BasicFragmentScorer()
    scored = [(scorer(f), f) for f in fragments]
    best = heapq.nsmallest(SNIPPET_FRAGMENTS, scored, key=lambda sf: (-sf[0], sf[1].startchar))
    return sorted((f for score, f in best if score >= 1), key=lambda f: f.startchar)


# analyzer id -> (analyzer, its tokenizer's pattern or None, word -> analysed form): see _marked_tokens.
# (Pass the searcher's schema's analyzer: Index._ix.schema unpickles a new schema on every access.)
_WORD_FORMS: dict[int, tuple[Any, Any, dict[str, str]]] = {}
# Distinct words remembered per analyzer before the memo starts over (a few MB).
WORD_FORMS_MAX = 200_000


def _marked_tokens(body: str, termset: frozenset[str], analyzer: Any) -> Any:
    """Tokens of ``body`` marked as matching ``termset``, analysing each distinct word once.

    Highlighting runs the whole analyzer over every hit's text, most of a warm query's
    snippet time. When the analyzer is a regex tokenizer followed by filters that each
    turn one token into one (lower-casing, folding, stop words, stemming), a word's
    analysed form depends on the word alone, so it is memoised. Any other analyzer gets
    None, and the caller runs it in full.
    """
    entry = _WORD_FORMS.get(id(analyzer))
    if entry is None:
        if len(_WORD_FORMS) >= 8:  # analyzers come and go with searchers: keep the memo for recent ones
            _WORD_FORMS.clear()
        from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter

        from .analysis import NewsWordFilter, PlaceFilter

        one_to_one = (LowercaseFilter, CharsetFilter, StopFilter, StemFilter, PlaceFilter, NewsWordFilter)
        items: tuple[Any, ...] = tuple(getattr(analyzer, "items", ()))
        fits = (bool(items) and type(items[0]) is RegexTokenizer and not items[0].gaps
                and all(type(f) in one_to_one for f in items[1:]))
        entry = _WORD_FORMS[id(analyzer)] = (analyzer, items[0].expression if fits else None, {})
    _, pattern, forms = entry
    if pattern is None:
        return None
    if len(forms) > WORD_FORMS_MAX:
        forms.clear()
    return _mark(body, termset, analyzer, pattern, forms)


def _mark(body: str, termset: frozenset[str], analyzer: Any, pattern: Any, forms: dict[str, str]) -> Any:
    """Tokens with their analysed forms; a word that cannot match is not analysed at all.

    Stemming rewrites a word's ending, never its first letter, and the other filters only
    lower-case, fold accents or map a demonym to its place. So a word whose first letter is
    a plain ASCII letter that starts no query term, and that is no demonym, cannot match:
    in a one-shot query (an empty memo) this skips most of the analysis, 20 ms of 150.
    """
    from whoosh.analysis import Token  # one token object reused, as Whoosh's own tokenizers do

    initials = frozenset(term[:1] for term in termset)
    t = Token(chars=True, removestops=False, mode="query")
    for m in pattern.finditer(body):
        word = m.group()
        form = forms.get(word)
        if form is None:
            first = word[:1].lower()
            if first.isascii() and first not in initials and word.lower() not in DEMONYMS:
                form = ""  # cannot match; not memoised, as another query may need the real form
            else:
                token = next(iter(analyzer(word, mode="query", removestops=False)), None)
                form = forms[word] = token.text if token is not None else ""
        t.text, t.startchar, t.endchar = form, m.start(), m.end()
        t.matched = form in termset
        yield t
