"""More like this on Xapian: the Whoosh engine's choice of significant words, as a Xapian query.

    id term -> the document's term list (body words, the title's among them, with their counts)
            -> their document frequencies (one statistics round trip, over every shard)
            -> similar.significant -> OR of the words, weighted, AND_NOT the article's group

A Xapian document's term list holds exactly the words the Whoosh engine would re-analyse from
its stored text (documents.py indexes engine/analysis.py's words), so both engines choose the
same words for one article, without reading its text again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import Any

import xapian

from ..query import FIELD_BOOSTS
from ..similar import SIMILAR_FIELDS, significant
from .layout import PREFIXES, id_term
from .ranking import Weights

X = xapian.Query
_TITLE = PREFIXES["title"]


def word_counts(db: Any, docid: int) -> Counter[str]:
    """How often each body word occurs in the document (as ranking.word_counts counts them): the
    body's terms hold the title's words too, and only they count (documents.py)."""
    tf: Counter[str] = Counter()
    for item in db.termlist(docid):
        term = item.term.decode("utf-8", "surrogateescape")
        if not term[:1].isupper():  # a prefixed term is a field's or an id's
            tf[term] += item.wdf
    return tf


def document_id(db: Any, doc_id: str) -> int | None:
    """Xapian's number of the document ``doc_id``, or None."""
    for item in db.postlist(id_term(doc_id)):
        return int(item.docid)
    return None


def similar_query(db: Any, docid: int, exclude: Collection[str]) -> tuple[Any, frozenset[str]] | None:
    """The query for articles like document ``docid``, none of the ids in ``exclude``, and its words
    (for snippets); None when the article has no word that could find another."""
    counts = word_counts(db, docid)
    e = xapian.Enquire(db)
    e.set_query(X(X.OP_OR, [*counts, *(_TITLE + w for w in counts)]))
    stats = e.get_mset(0, 0)  # no documents: every word's statistics, gathered from every shard in one go
    words = significant(counts, lambda w: int(stats.get_termfreq(w) or stats.get_termfreq(_TITLE + w)),
                        int(db.get_doccount()), len(exclude))
    if not words:
        return None
    terms = [(PREFIXES[f] + w, FIELD_BOOSTS.get(f, 1.0) * s) for s, w in words for f in SIMILAR_FIELDS]
    weights = Weights(db, [t for t, _ in terms])
    wanted = X(X.OP_OR, [weights.query(t, boost) for t, boost in terms])
    return X(X.OP_AND_NOT, wanted, X(X.OP_OR, [X(id_term(i)) for i in sorted(exclude)])), frozenset(w for _, w in words)
