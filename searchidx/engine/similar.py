"""More like this: an article's significant words as a query, its own duplicate group left out.

    stored title and body -> indexed words with counts -> tf·idf -> top SIMILAR_TERMS -> OR query, NOT the group

A word is significant when the article uses it often and the collection rarely (tf·idf, the
count damped by a logarithm so a transcript's hundredth "Russia" does not drown its topic).
Words found only in the article's own group find nothing else, and words in more than
SIMILAR_MAX_DF of all articles say little about a matter, so neither is taken.
``significant`` chooses the words for either engine; ``similar_query`` makes the Whoosh
engine's query of them (xapian/similar.py the Xapian engine's).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from typing import Any

from whoosh import query as Q

from .query import FIELD_BOOSTS
from .ranking import word_counts

# Words of the article that make the query: enough to name a matter (people, places, the subject),
# few enough that an article sharing one common word does not rank.
SIMILAR_TERMS = 25
# As feedback's FEEDBACK_MAX_DF: words in more than this share of all articles are left out, but
# never words in fewer than SIMILAR_COMMON_MIN articles (in a small folder every word is in a tenth).
SIMILAR_MAX_DF = 0.1
SIMILAR_COMMON_MIN = 10
# Fields the words are searched in, weighted as a typed query weighs them.
SIMILAR_FIELDS = ("title", "body")


def significant(counts: Mapping[str, int], df: Callable[[str], int], n: int,
                group: int) -> list[tuple[float, str]]:
    """The article's SIMILAR_TERMS most significant words as (weight relative to the strongest, word),
    strongest first, from its word ``counts``, each word's document frequency ``df`` among ``n``
    articles, and the size of its own duplicate ``group`` (words in no more articles find no other)."""
    common = max(SIMILAR_MAX_DF * n, SIMILAR_COMMON_MIN)
    scored = []
    for word, tf in counts.items():
        if len(word) < 2 or word.replace(".", "").replace(",", "").isdigit():
            continue
        found = df(word)
        if found <= group or found > common:
            continue
        scored.append(((1.0 + math.log(tf)) * math.log(n / found), word))
    scored.sort(key=lambda sw: (-sw[0], sw[1]))
    top = scored[:SIMILAR_TERMS]
    return [(s / top[0][0], w) for s, w in top] if top else []


def similar_query(searcher: Any, stored: dict[str, Any], exclude: Collection[str]) -> Q.Query | None:
    """The query for articles like the one ``stored`` holds, none of the ids in ``exclude``; None
    when the article has no word that could find another."""
    words = significant(word_counts(searcher.schema, stored),
                        lambda w: int(searcher.doc_frequency("body", w) or searcher.doc_frequency("title", w)),
                        searcher.doc_count_all(), len(exclude))
    if not words:
        return None
    terms = [Q.Term(f, w, boost=FIELD_BOOSTS.get(f, 1.0) * s) for s, w in words for f in SIMILAR_FIELDS]
    ids = [Q.Term("id", i) for i in sorted(exclude)]
    return Q.AndNot(Q.Or(terms), Q.Or(ids))
