"""Spelling correction: the words of a query the index does not know -> the closest words it does.

    query text -> its typed words -> unknown ones (no indexed term in a searched field)
               -> indexed stems within a few edits, sharing the first letter
               -> the one whose words (read from a document holding it) are closest -> corrected text

A misspelled word in a list of words matches nothing, so the others ranked alone and the typo
went unnoticed ("Kazakstan energy" ranked an energy story without Kazakhstan first). The
index holds stems, not words, so a candidate is checked against the words it was stemmed
from, read from a document that holds it; that is also the word shown to the user ("showing
results for Kazakhstan energy"). Pure Python, so only unknown words are looked at, and each
against the indexed stems of its first letter and about its length.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Protocol

from .analysis import surface_words
from .asking import subject
from .query import ALL_WORDS_MAX

# Edits a word may be away from its correction, by its length: Elasticsearch's "AUTO" fuzziness
# (one edit up to 5 letters, two from 6), and no correction below 4 letters (Lucene's
# DirectSpellChecker.minQueryLength: "cal" or "dull" are as likely words the index lacks).
EDITS_BY_LENGTH = ((6, 2), (4, 1))
# Words in capitals of at most this length, in a query that is not all capitals, are acronyms ("RLIN").
ACRONYM_MAX = 5
# Typed words: the index's tokenizer (analysis._WORDS), letters only (no numbers, codes or "U.S.").
_WORD = re.compile(r"\w+(?:\.?\w+)*")
# Operator words of the query syntax, never corrected.
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "REQUIRE", "TO"})
# The longest ending a misspelled word may have past a stem it was aligned with ("cooperaton" is
# "cooper" + "aton"): Porter2 strips at most a few letters, and the alignment is checked on words.
TAIL_MAX = 5
# Stems shorter than this are not aligned with the start of a longer word: most words begin with one.
ALIGN_MIN = 4
# Unknown words looked at in one query: each costs a pass over the indexed words of its first letter.
WORDS_MAX = 8
# How many candidate stems are checked against their words, and how many documents each is read from.
CHECKED = 4
DOCS_READ = 2


class Vocabulary(Protocol):
    """What correction reads of an index, whichever engine holds it (reader.py, xapian/reader.py)."""

    def frequency(self, field: str, term: str) -> int:
        """In how many documents ``term`` is indexed in ``field`` ("body", "speakers" or "dateline")."""

    def terms(self, first: str) -> list[str]:
        """The body's indexed terms starting with the letter ``first`` (kept per index state by the caller)."""

    def texts(self, term: str, n: int) -> list[str]:
        """The searchable text (what the body field indexes) of up to ``n`` documents holding body ``term``."""


def corrected(vocabulary: Vocabulary, analyzer: Any, text: str, *, known_too: bool = False) -> str | None:
    """``text`` with each word the index does not know replaced by the closest indexed word, or
    None when nothing changes. With ``known_too``, a known word is replaced as well when a close
    word is found in more documents (Elasticsearch's "popular" mode, for a query that matched
    nothing). ``analyzer`` is the body field's (query words are analysed as indexed words were)."""
    out, last, changed, looked = [], 0, False, 0
    for m in _WORD.finditer(subject(text, ALL_WORDS_MAX)):  # words of asking are not searched, so not corrected
        word = m.group()
        if looked >= WORDS_MAX or not _correctable(text, m):
            continue
        terms = [t.text for t in analyzer(word, mode="query")]
        if len(terms) != 1:  # a stop word, or a word analysis splits
            continue
        df = _frequency(vocabulary, terms[0], word)
        if df and not known_too:
            continue
        looked += 1
        fix = _closest(vocabulary, word.lower(), terms[0], df)
        if fix is not None:
            out += [text[last:m.start()], _cased(fix, word)]
            last, changed = m.end(), True
    return "".join([*out, text[last:]]) if changed else None


def _correctable(text: str, m: re.Match[str]) -> bool:
    """A typed word of four letters or more, not an operator, a field name, a wildcard or fuzzy
    word (the user chose those), a number, code or acronym, nor a bound of a range."""
    word, before, after = m.group(), text[:m.start()], text[m.end():m.end() + 1]
    if len(word) < EDITS_BY_LENGTH[-1][0] or word in _OPERATORS or not word.isalpha():
        return False
    if word.isupper() and len(word) <= ACRONYM_MAX and not text.isupper():
        return False
    if after in ("*", "~", ":") or before.endswith(("*", "~")):
        return False
    return before.count("[") + before.count("{") <= before.count("]") + before.count("}")


def _frequency(vocabulary: Vocabulary, term: str, word: str) -> int:
    """In how many documents the word occurs: in the body (which holds the title), else in a name
    field a bare word searches."""
    name = word.lower()
    return vocabulary.frequency("body", term) or vocabulary.frequency("speakers", name) \
        or vocabulary.frequency("dateline", name)


def _edits(word: str) -> int:
    return next((edits for length, edits in EDITS_BY_LENGTH if len(word) >= length), 0)


def _closest(vocabulary: Vocabulary, word: str, stem: str, df: int) -> str | None:
    """The indexed word closest to ``word`` (stemmed ``stem``), found in more than ``df`` documents."""
    edits = _edits(word)
    if not edits:
        return None
    stem_edits = _edits(stem)  # a stem is judged by its own length: "bear" is one edit from "bean", not "bring"
    found = []  # (edits from the stem or the aligned start, -documents, stem)
    shortest = max(ALIGN_MIN, min(len(stem), len(word) - TAIL_MAX) - edits)
    longest = max(len(word), len(stem)) + edits
    stem_letters, word_letters = set(stem), set(word)
    for term in vocabulary.terms(stem[0]):
        if not shortest <= len(term) <= longest or term == stem:
            continue
        letters = set(term)
        # Cheap bounds first: an edit adds or removes at most one letter of the word's alphabet.
        d = distance(stem, term, stem_edits) if len(letters ^ stem_letters) <= 2 * stem_edits else None
        if d is None and len(term) >= ALIGN_MIN and len(letters - word_letters) <= edits:
            d = _aligned(word, term, edits)
        if d is not None:
            n = vocabulary.frequency("body", term)
            if n > df:
                found.append((d, -n, term))
    best: tuple[int, int, str] | None = None
    for _, minus_n, term in sorted(found)[:CHECKED]:
        for shown in _words_for(vocabulary, term):
            d = distance(word, shown.lower(), edits)
            if d is not None and (best is None or (d, minus_n) < best[:2]):
                best = (d, minus_n, shown)
    return best[2] if best is not None else None


def _words_for(vocabulary: Vocabulary, term: str) -> list[str]:
    """The words written in a few documents that the index holds as ``term``, most frequent first."""
    counts: Counter[str] = Counter()
    for text in vocabulary.texts(term, DOCS_READ):
        counts.update(surface_words(text, term))
    return sorted(counts, key=lambda w: -counts[w])


def distance(a: str, b: str, limit: int) -> int | None:
    """The edit distance of ``a`` and ``b`` (insert, delete, replace, swap two neighbours) if at most ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return None
    row = _rows(a, b, limit)
    return row[-1] if row is not None and row[-1] <= limit else None


def _aligned(word: str, stem: str, limit: int) -> int | None:
    """The edits between ``stem`` and the start of ``word`` it best aligns with, if at most ``limit`` and
    the rest of the word is an ending (at most TAIL_MAX letters): "cooperaton" and "cooper" -> 0."""
    row = _rows(stem, word, limit)
    if row is None:
        return None
    ends = [(d, len(word) - k) for k, d in enumerate(row) if d <= limit and len(word) - k <= TAIL_MAX]
    return min(ends)[0] if ends else None


def _rows(a: str, b: str, limit: int) -> list[int] | None:
    """The last row of the optimal-string-alignment table of ``a`` against ``b`` (its k-th entry: the
    edits from ``a`` to ``b[:k]``), or None as soon as every entry passes ``limit``."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
        if min(cur) > limit:
            return None
        prev2, prev = prev, cur
    return prev


def _cased(fix: str, typed: str) -> str:
    """The correction written as the user wrote the word: lower case, capitalised or in capitals."""
    if typed.isupper() and len(typed) > 1:
        return fix.upper()
    if typed[:1].isupper():
        return fix[:1].upper() + fix[1:]
    return fix.lower()
