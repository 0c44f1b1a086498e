"""Near-duplicate fingerprints: an article's cleaned body -> a MinHash sketch of its word shingles.

    body -> words -> shingles (runs of SHINGLE_WORDS words) -> one hash each -> BINS minima (one-permutation MinHash)

Two copies of one story share most of their shingles whatever the page around them, the
headline or a paragraph more or less; two stories on the same event written separately share
few, because four words in a row rarely recur by chance. The sketch estimates the share of
shingles two texts have in common (their resemblance) from BINS small numbers each, so a new
article is compared with every indexed one without either text being read again.

One-permutation hashing (Li, Owen and Zhang 2012) hashes each shingle once and keeps the least
hash in each of BINS bins, where classic MinHash hashes each shingle once per bin: the same
estimate for a Reuters story in 130-140 µs (a loop over Reuters-21578's stories as the build
cleans them) instead of 400-700 µs with ``datasketch`` (which also brings numpy and scipy,
160 MB, and a 1.6 s import); words and shingles are made as bytes, by maps in C. Bins left
empty by a short text are filled from their neighbours (rotation, Shrivastava and Li 2014) only
for the LSH band keys, so that short texts can meet; resemblance is estimated from the bins both
texts filled.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from operator import and_, eq, mul

# Words per shingle. Four: one changed word (a figure, a date) changes four shingles, so template
# stories that differ in their figures ("Fed adds 1.5 billion dlrs ..." day after day) stay apart,
# while a republished copy keeps nearly all of them. 3 and 5 were tried on the evaluation's dev half.
SHINGLE_WORDS = 4
# A text is sketched from its first this many characters: some 170,000 words, far more than any
# article, where a 64 MB dump's shingles would take gigabytes of a worker's memory (it must stay
# under 400 MB); the copies of such a dump share their opening as surely as their whole.
FINGERPRINT_CHARS = 1 << 20
# Bins of the sketch: the estimate's standard error is about sqrt(J(1-J)/BINS) (0.06 at 0.5).
BINS = 64
# Bits kept of each bin's least hash: two different minima agree by chance once in 65,535 bins.
VALUE_BITS = 16
# A bin no shingle fell in: the one value a filled bin never holds, in memory as on disk, so the
# prints file is written and read as whole arrays.
EMPTY = (1 << VALUE_BITS) - 1
# Figures (numbers, dates' days, rates) kept per text: the least FIGURES hashes of its distinct ones.
FIGURES = 16
# Two texts tell one story when their shingles resemble (Jaccard) at least MIN_RESEMBLANCE, the
# shorter's shingles are mostly in the longer (MIN_CONTAINMENT: a trimmed ending, a dropped or added
# paragraph, leftover navigation), and at least MIN_FIGURES of one's figures are in the other: the
# wire's template stories ("Fed adds reserves", a day's money-market help) repeat every word but
# the figures. Resemblance and containment were chosen on the evaluation's dev half
# (benchmarks/duplicates.py), where 0.3-0.4 with 0.7-0.85 all gave precision 1.0 and recall
# 0.995-1.0: the middle of that plateau is taken. The figures rule was set on Reuters-21578's own
# copies (re-sent stories, corrections) against its daily templates: at 0.5 a template whose
# figures half agreed joined a chain of nine "Fed adds reserves" stories; 0.6 splits it.
MIN_RESEMBLANCE = 0.4
MIN_CONTAINMENT = 0.8
MIN_FIGURES = 0.6
# LSH: bands of ROWS bins; two sketches sharing one band are compared. With 32 bands of 2, a pair
# of resemblance 0.4 is compared with probability 0.996, a pair of 0.1 with 0.27.
ROWS = 2

# Only lines written in sentences are shingled: a page's navigation, share buttons and lists of
# related headlines (what a text dump of a republisher's page keeps around the story) end no
# sentence. A sentence end is ., ! or ? after a word of two letters or more (not "U.S."), then a
# space or the line's end. Text whose sentence lines hold fewer than SENTENCE_WORDS_MIN words (a
# table of figures, maybe with a one-line note) is shingled whole: "NOTE: Share adjusted for five
# pct stock dividend." alone made two companies' earnings tables copies of each other on Reuters.
SENTENCE_WORDS_MIN = 20
# The pattern starts with the stop and looks back for the word from it: one that begins with the
# look-behind is tried at every character of the line (35 µs of a Reuters story's 207, against 10).
_SENTENCE = re.compile(r"[.!?](?<=\w\w[.!?])[\"'”’)]*(?:\s|$)")
_WORDS = re.compile(r"\w+").findall
# An ASCII text's words, lower-cased, as bytes (shingles are hashed as UTF-8 bytes) in two passes
# in C: translate (A-Z to a-z, any byte that is not \w to a space), then split.
_ASCII_FOLD = bytes((c | 0x20 if chr(c).isupper() else c) if re.fullmatch(rb"\w", bytes([c])) else 0x20
                    for c in range(256))
# Figures: 1.5, 6-1/4, 2,002,261, 17, and the numbers a wire spells out ("two billion dlrs", "six pct").
_DIGITS = re.compile(r"\d(?:[\d.,/-]*\d)?")
NUMBER_WORDS = frozenset(b"one two three four five six seven eight nine ten eleven twelve".split())
# A date's day is not a figure of the story: a wire re-sends a story the next day with its
# dateline's day changed ("WASHINGTON, March 16 -" then "March 17 -"), and a site republishes later.
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
          r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?")
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"\s+{_MONTH}", re.IGNORECASE)
_BIN_SHIFT = 32 - (BINS.bit_length() - 1)
_VALUE_MASK = (1 << VALUE_BITS) - 1
_KEY_BITS = VALUE_BITS + BINS.bit_length() + 1  # a densified value: below (BINS + 1) * EMPTY
_UNSET = 1 << 32 | EMPTY  # above every 32-bit hash; its kept bits are EMPTY's
_MIX = 0x9E3779B1  # Knuth's multiplicative constant: spreads CRC-32's bits over the top ones


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A text's sketch: how many distinct shingles it has, the least hash of each bin, and the
    least hashes of its figures (sorted)."""

    size: int
    bins: tuple[int, ...]
    figures: tuple[int, ...] = ()
    empty: int = field(init=False, repr=False, compare=False)  # bit i set: bin i is empty

    def __post_init__(self) -> None:
        mask = 0
        if EMPTY in self.bins:
            for i, v in enumerate(self.bins):
                if v == EMPTY:
                    mask |= 1 << i
        object.__setattr__(self, "empty", mask)


def fingerprint(text: str) -> Fingerprint:
    """The sketch of ``text``: case and punctuation do not matter, only the words and their order.
    Only its first FINGERPRINT_CHARS characters count (see there)."""
    text = text[:FINGERPRINT_CHARS]
    story = " ".join([line for line in text.splitlines() if _SENTENCE.search(line)])
    if len(story.split(maxsplit=SENTENCE_WORDS_MIN)) < SENTENCE_WORDS_MIN:  # counted no further than needed
        story = text  # hardly a sentence: a table of figures (with a note), not a story among menus
    words = _words(story)
    if len(words) < SHINGLE_WORDS:
        shingles: Iterable[bytes] = [b" ".join(words)] if words else []
    else:  # runs of SHINGLE_WORDS words
        shingles = map(b" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS))))
    # Each shingle is made and hashed in C (map, zip), not word by word here. The set counts the
    # distinct ones by their hash: two shingles of a 150-shingle story share a CRC-32 about once in
    # 400,000 stories; a megabyte of text (130,000 shingles) counts a few fewer.
    hashes = set(map(mul, map(zlib.crc32, shingles), repeat(_MIX)))
    least = [_UNSET] * BINS
    for h in hashes:
        h &= 0xFFFFFFFF
        b = h >> _BIN_SHIFT
        if h < least[b]:
            least[b] = h
    bins = list(map(and_, least, repeat(_VALUE_MASK)))  # a bin no shingle fell in: EMPTY
    if bins.count(EMPTY) != least.count(_UNSET):  # a least hash ending in EMPTY's bits: kept as EMPTY - 1
        bins = [EMPTY if v == _UNSET else min(v & _VALUE_MASK, _VALUE_MASK - 1) for v in least]
    figures = sorted({zlib.crc32(f) & _VALUE_MASK for f in _figures(story, words)})[:FIGURES]
    return Fingerprint(len(hashes), tuple(bins), tuple(figures))


def _words(story: str) -> list[bytes]:
    """The words (runs of \\w) of ``story``, lower-cased, as UTF-8."""
    if story.isascii():  # the usual case, without a str per word
        return story.encode().translate(_ASCII_FOLD).split()
    return [w.encode("utf-8") for w in _WORDS(story.lower())]


def _figures(story: str, words: list[bytes]) -> set[bytes]:
    """The figures of a text (its words lower-cased, as UTF-8), a date's day left out."""
    found = set(NUMBER_WORDS.intersection(words))
    for m in _DIGITS.finditer(story):
        figure, start, end = m.group(), m.start(), m.end()
        if len(figure) <= 2 and (_MONTH_BEFORE.search(story, max(0, start - 12), start)
                                 or _MONTH_AFTER.match(story, end, end + 12)):
            continue  # "March 16", "16 March"
        found.add(figure.encode("utf-8"))
    return found


def resemblance(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated Jaccard resemblance of two texts' shingle sets (0 to 1): the share of the bins
    either filled in which both hold the same least hash."""
    both = (a.empty & b.empty).bit_count()  # equal, but not a shingle in common
    filled = BINS - both
    return (sum(map(eq, a.bins, b.bins)) - both) / filled if filled else 0.0


def same_story(a: Fingerprint, b: Fingerprint) -> bool:
    """True when the two texts are copies of one story (see MIN_RESEMBLANCE)."""
    j = resemblance(a, b)
    return (j >= MIN_RESEMBLANCE and containment(a, b, j) >= MIN_CONTAINMENT
            and figures_shared(a, b) >= MIN_FIGURES)


def containment(a: Fingerprint, b: Fingerprint, j: float) -> float:
    """Estimated share of the shorter text's shingles found in the other, from resemblance ``j``."""
    smaller = min(a.size, b.size)
    if not smaller:
        return 0.0
    shared = j * (a.size + b.size) / (1 + j)
    return min(1.0, shared / smaller)


def figures_shared(a: Fingerprint, b: Fingerprint) -> float:
    """The share of one text's figures found in the other (the larger share); 1.0 when either has none.

    From the least hashes kept: a figure of one whose hash is below the other's largest kept
    one (or the other kept them all) would be among the other's if it had it.
    """
    best = 1.0 if not (a.figures and b.figures) else 0.0
    for x, y in ((a.figures, b.figures), (b.figures, a.figures)):
        if not x or not y:
            continue
        full = len(y) < FIGURES
        eligible = [v for v in x if full or v <= y[-1]]
        if eligible:
            theirs = set(y)
            best = max(best, sum(v in theirs for v in eligible) / len(eligible))
    return best


def band_keys(fp: Fingerprint) -> list[int]:
    """LSH keys, one per band of ROWS bins (band number and values packed in one int); an empty
    bin takes the value of the nearest filled one to its right, marked by the distance."""
    bins = fp.bins
    if EMPTY in bins:
        if all(v == EMPTY for v in bins):
            return []
        dense = list(bins)
        for i, v in enumerate(bins):
            if v == EMPTY:
                d = 1
                while bins[(i + d) % BINS] == EMPTY:
                    d += 1
                dense[i] = bins[(i + d) % BINS] + d * EMPTY
        bins = tuple(dense)
    if ROWS == 2:  # the usual case, in one comprehension
        return [(i << _KEY_BITS | bins[i]) << _KEY_BITS | bins[i + 1] for i in range(0, BINS, 2)]
    keys = []
    for i in range(0, BINS, ROWS):
        key = i
        for v in bins[i:i + ROWS]:
            key = (key << _KEY_BITS) | v
        keys.append(key)
    return keys
