"""Analysis: how text becomes index terms (tokens, folding, stop words, Porter2 stems).

Folding, before stemming: lower case, accents, demonyms to their place (places.py), British
spellings to American ones (spellings.py), so "Organisation" and "organization" are one term.

Every engine and the snippet highlighter analyse text here, so a query word is analysed
exactly as the indexed text was. Whoosh pickles the analyzers into each index's table of
contents, so the filter classes must stay importable under their names; changing analysis
means bumping ``schema.SCHEMA_VERSION``.
"""


from __future__ import annotations

import functools
import re
from array import array
from collections import Counter
from collections.abc import MutableSequence
from typing import Any

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.support.charset import accent_map

from ..places import DEMONYMS
from ..spellings import SPELLINGS

# Words too common in news to help ranking; kept short so phrases like "war on terror" still work.
STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the this to was were will with".split()
)
# Porter2 ("Snowball English") stems, e.g. "generous"/"generate" apart, where Porter joins them.
STEM_LANGUAGE = "en"


class PlaceFilter(Filter):
    """Fold demonyms to their place ("Central Asian" -> "central asia") and British spellings to
    American ones ("organisation" -> "organization"), before stemming."""

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for t in tokens:
            text = DEMONYMS.get(t.text, t.text)
            t.text = SPELLINGS.get(text, text)
            yield t


# Stems remembered across documents (a dict: Whoosh's LRU wrapper cost more than stemming a
# word it had seen), and how many before the memo starts over (a few MB).
_STEMS: dict[str, str] = {}
STEMS_MAX = 200_000
# Each word as written -> its indexed term in UTF-8 (b"" for a stop word), for index_positions.
_TERMS: dict[str, bytes] = {}
# RegexTokenizer's default expression, without its capturing group so findall gives whole words.
_WORDS = re.compile(r"\w+(?:\.?\w+)*").findall
# Past this many characters a text is analysed a slice at a time (cut at white space, which no
# word spans) and positions are kept in arrays: a 64 MB file's eleven million words as one list
# of strings, and their positions as int objects, took 760 MB of a worker's memory.
LONG_TEXT = 1 << 20
_SPACE = re.compile(r"\s")


class NewsWordFilter(Filter):
    """One pass doing what LowercaseFilter | CharsetFilter(accent_map) | PlaceFilter |
    StopFilter(STOP_WORDS, minsize=1) | StemFilter(Porter2) do, token for token.

    Five generators stacked cost every token five resumptions, a third of the indexing
    writer's time on Reuters; tests/engine/test_analysis.py checks that both give the same tokens,
    positions and stop marks.
    """

    def __init__(self) -> None:
        from whoosh.lang import stemmer_for_language

        self._stem = stemmer_for_language(STEM_LANGUAGE)

    def __getstate__(self) -> dict[str, object]:  # the stemmer is a bound method: made again on load
        return {}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__()  # type: ignore[misc]

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def index_positions(self, text: str) -> dict[bytes, MutableSequence[int]]:
        """Each term of ``text`` (UTF-8) with its positions, as ``RegexTokenizer() | self`` give
        them when indexing: stop words dropped, positions renumbered over the words kept.

        The indexing writer's hot loop (segwriter.SegmentWriter): the words are plain strings
        from one ``findall``, and a word's whole analysis is remembered, so a word seen before
        costs one dict lookup instead of a Token's trip through the filter. tests/engine/test_analysis.py
        checks it against Whoosh's own ``word_values`` on the same text.
        """
        if len(text) > LONG_TEXT:
            return self._long_positions(text)
        kept: dict[bytes, MutableSequence[int]] = {}  # term -> positions
        self._gather(_WORDS(text), kept, -1, -1, False)
        return kept

    def _long_positions(self, text: str) -> dict[bytes, MutableSequence[int]]:
        """index_positions for a long text, its words found a slice at a time, positions in arrays."""
        kept: dict[bytes, MutableSequence[int]] = {}
        i = pos = -1
        start = 0
        while start < len(text):
            space = _SPACE.search(text, start + LONG_TEXT)
            end = space.start() if space else len(text)
            i, pos = self._gather(_WORDS(text[start:end]), kept, i, pos, True)
            start = end
        return kept

    def _gather(self, words: list[str], kept: dict[bytes, MutableSequence[int]], i: int, pos: int,
                arrays: bool) -> tuple[int, int]:
        """Adds ``words`` (the next of a text, the last before them at word ``i`` and kept position
        ``pos``) to ``kept``; returns the new ``i`` and ``pos``. ``arrays``: positions in arrays,
        4 bytes each (a long text has fewer than 2**31 words), else in lists."""
        terms = _TERMS
        for i, word in enumerate(words, i + 1):
            term = terms.get(word)
            if term is None:
                if len(terms) >= STEMS_MAX:
                    terms.clear()
                term = terms[word] = self._term(word)
            if term:
                pos = i if pos < 0 else pos + 1  # the first word kept keeps its place, as in __call__
                positions = kept.get(term)
                if positions is None:
                    kept[term] = array("i", (pos,)) if arrays else [pos]
                else:
                    positions.append(pos)
        return i, pos

    def _term(self, word: str) -> bytes:
        """A word's indexed term in UTF-8, or b"" for a stop word (what __call__ does to one token)."""
        text = _folded(word)
        if not text or text in STOP_WORDS:
            return b""
        return self._stemmed(text).encode("utf-8")

    def _stemmed(self, text: str) -> str:
        stemmed = _STEMS.get(text)
        if stemmed is None:
            if len(_STEMS) >= STEMS_MAX:
                _STEMS.clear()
            stemmed = _STEMS[text] = self._stem(text)
        return stemmed

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        pos = None
        for t in tokens:
            text = _folded(t.text)
            if text and text not in STOP_WORDS:
                if t.positions:  # stop words removed leave no gap, as StopFilter(renumber=True) does
                    if pos is None:
                        pos = t.pos
                    else:
                        pos += 1
                        t.pos = pos
                t.text = self._stemmed(text)
                t.stopped = False
                yield t
            elif not t.removestops:
                t.text = text
                t.stopped = True
                yield t


def _folded(word: str) -> str:
    """A word lower-cased, accents folded, a demonym folded to its place, a British spelling to the American."""
    text = word.lower()
    if not text.isascii():
        text = text.translate(accent_map)
    text = DEMONYMS.get(text, text)
    return SPELLINGS.get(text, text)


def surface_words(text: str, term: str) -> Counter[str]:
    """The words of ``text`` (as written) that the indexing analysis turns into ``term``, with their counts."""
    words = _filter()
    wanted = term.encode("utf-8")
    return Counter(w for w in _WORDS(text) if (_TERMS.get(w) or words._term(w)) == wanted)


@functools.lru_cache(maxsize=1)
def _filter() -> NewsWordFilter:
    return NewsWordFilter()


def news_words(field: Any) -> NewsWordFilter | None:
    """The NewsWordFilter of a field analysed by RegexTokenizer() | NewsWordFilter() into
    positions (text_analyzer), whose words index_positions can analyse; else None."""
    from whoosh.analysis import CompositeAnalyzer
    from whoosh.analysis.tokenizers import default_pattern
    from whoosh.formats import Positions

    ana = getattr(field, "analyzer", None)
    if type(field.format) is not Positions or not isinstance(ana, CompositeAnalyzer) or len(ana.items) != 2:
        return None
    tokenizer, words = ana.items
    if type(tokenizer) is not RegexTokenizer or tokenizer.gaps:
        return None
    if (tokenizer.expression.pattern, tokenizer.expression.flags) != (default_pattern.pattern, default_pattern.flags):
        return None
    return words if type(words) is NewsWordFilter else None


def text_analyzer() -> Any:
    """Body and title: words, lower-cased, accents folded, places folded, stop words, Porter2 stems."""
    return RegexTokenizer() | NewsWordFilter()


def reference_text_analyzer() -> Any:
    """What text_analyzer does, with Whoosh's own filters one by one (the tests compare the two)."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | PlaceFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=1)
        | StemFilter(lang=STEM_LANGUAGE, cachesize=100_000)
    )


def name_analyzer() -> Any:
    """Speakers, datelines, sources: every name part, lower-cased and accent-folded, no stemming."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
