"""More like this: an article's significant words as a query, its own duplicate group left out.

    stored title and body -> indexed words with counts -> tf·idf -> top SIMILAR_TERMS -> OR query, NOT the group

A word is significant when the article uses it often and the collection rarely: its count
times its idf, as Lucene's MoreLikeThis weighs it. Words found only in the article's own group
find nothing else, and words in more than SIMILAR_MAX_DF of all articles say nothing about a
matter, so neither is taken.

Measured with ``benchmarks/similar.py`` (a result counts when it shares a judged question, or a
Reuters topic, with the article; precision of the top 5): the count damped by a logarithm and a
ceiling of a tenth gave 0.369 over the six development collections and 0.619 on Reuters-21578
(300 stories); the count as it is and a ceiling of a half give 0.392 and 0.707. The tenth left out the words of
the matter itself in a topical folder (China, Lavrov, Ukraine in a folder of diplomacy).
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
# Words in more than this share of all articles are left out (never those in fewer than
# SIMILAR_COMMON_MIN articles: in a tiny folder every word is in half). Feedback's FEEDBACK_MAX_DF
# is a tenth, but a folder is often about one region or one country's diplomacy, and then the words
# of an article's matter are in a tenth of it or more; a half leaves out only words of the folder's
# genre ("said", "minister"), which idf already weighs down.
SIMILAR_MAX_DF = 0.5
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
        scored.append((tf * math.log(n / found), word))
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
