"""The phrase test (engine/phrases.py): its shortcut for exact phrases against Whoosh's span loop."""

from __future__ import annotations

import random

from searchidx.engine.phrases import in_order, spans_in_order


def test_an_exact_phrase_is_words_at_consecutive_positions() -> None:
    """The shortcut for slop 1 finds what Whoosh's span loop finds, on random position lists."""
    rng = random.Random(3)
    found = 0
    for _ in range(3000):
        words = [sorted(rng.sample(range(12), rng.randint(1, 4))) for _ in range(rng.randint(2, 4))]
        expected = spans_in_order(words, 1, 1)
        assert in_order(words, 1) == expected, words
        found += expected
    assert 100 < found < 2900
