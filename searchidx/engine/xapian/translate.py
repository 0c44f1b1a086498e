"""The parsed query (engine/query.py's tree, the user's syntax and tiers) -> a Xapian query.

The user's text is parsed exactly as the Whoosh engine parses it (``query.parse_query``), so
both engines agree on what a query means; this module only rewrites the tree:

    Term -> prefixed term, its boost as OP_SCALE_WEIGHT   Phrase -> OP_PHRASE (window from the slop)
    Or / And / AndMaybe / AndNot / Not -> OP_OR / OP_AND / OP_AND_MAYBE / OP_AND_NOT
    Prefix -> OP_WILDCARD (plus the shorter stems, as query.widen_prefixes does)
    Wildcard, TermRange -> the indexed words they stand for, as one OP_SYNONYM
    FuzzyTerm (`word~`, `word~2`) -> the indexed words within its edits, as one OP_SYNONYM
    NumericRange / DateRange on the date -> OP_VALUE_RANGE over the date slot
    Every -> every document, at a fixed weight

Filters become one boolean query (OP_FILTER: they restrict, they never score).
A wildcard standing for more than query.MAX_EXPANDED_TERMS words is a QueryError, as in Whoosh.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
from collections.abc import Callable
from typing import Any

import xapian
from whoosh import query as Q

from ...errors import QueryError
from ...models import Filters, Restriction
from ..correct import distance
from ..query import MAX_EXPANDED_TERMS, STEM_CUT_MAX, STEM_MIN, TEXT_FIELDS
from .documents import date_value
from .layout import PREFIXES, SLOT_DATE, WHOLE_PREFIXES, field_of
from .ranking import Weights, fixed

X = xapian.Query


@functools.lru_cache(maxsize=1)
def schema() -> Any:
    """The Whoosh engine's schema: its fields' analyzers are the ones queries are analysed with."""
    from ..schema import make_schema

    return make_schema()


def translate(q: Q.Query, db: Any, weigh: Callable[[set[str]], Weights] | None = None) -> Any:
    """The Xapian query for a parsed query; ``db`` answers which words exist (prefixes, ranges).

    ``weigh(terms)`` gives the weights of the query's words (ranking.Weights: Lucene's idf where
    Xapian has Robertson's, and the title and name fields scored as the Whoosh engine scores
    them); the query is built once to learn its words, then with them. Without, the query
    matches the same documents, weighed by Xapian alone (for counting).
    """
    if weigh is None:
        return _Translator(db).query(q)
    first = _Translator(db)
    first.query(q)
    return _Translator(db, weigh(first.terms)).query(q)


class _Translator:
    def __init__(self, db: Any, weights: Weights | None = None) -> None:
        self.db = db
        self.budget = MAX_EXPANDED_TERMS
        self.weights = weights
        self.terms: set[str] = set()

    def _leaf(self, term: str) -> Any:
        """One word's query, weighted as in its field."""
        self.terms.add(term)
        return X(term) if self.weights is None else self.weights.query(term)

    def _synonym(self, words: list[str]) -> Any:
        """Words standing for one (a wildcard's, a range's, a fuzzy word's), scored as one word: a
        field's words at the field's weight for the documents holding any of them."""
        if not words:
            return X.MatchNothing
        q = X(X.OP_SYNONYM, [X(w) for w in words])
        if field_of(words[0]) == "body":
            return q
        self.terms.update(words)
        if self.weights is None:
            return q
        df = min(sum(map(self.weights.frequency, words)), self.weights.documents)
        return fixed(q, self.weights.field_weight(words[0], df))

    def query(self, q: Q.Query) -> Any:
        out = self._bare(q)
        return out if q.boost == 1.0 or isinstance(q, _UNBOOSTED) else X(X.OP_SCALE_WEIGHT, out, q.boost)

    def _bare(self, q: Q.Query) -> Any:
        if isinstance(q, Q.Term):
            return self._leaf(_term(q.fieldname, q.text))
        if isinstance(q, Q.Phrase):
            terms = [_term(q.fieldname, w) for w in q.words]
            if len(terms) == 1:
                return self._leaf(terms[0])
            self.terms.update(terms)
            # Whoosh: each word within `slop` positions of the one before; Xapian: all in a window.
            phrase = X(X.OP_PHRASE, terms, len(terms) + (len(terms) - 1) * (max(q.slop, 1) - 1))
            if self.weights is None:
                return phrase
            if field_of(terms[0]) != "body":  # a phrase scores the sum of its words
                return fixed(phrase, sum(self.weights.field_weight(t, self.weights.frequency(t)) for t in terms))
            factors = [self.weights.factor(t) for t in terms]
            # Scaled by its words' mean factor (inside, Xapian weighs each word's frequency, not a factor).
            return X(X.OP_SCALE_WEIGHT, phrase, sum(factors) / len(factors))
        if isinstance(q, Q.AndNot):
            return X(X.OP_AND_NOT, self.query(q.a), self.query(q.b))
        if isinstance(q, Q.AndMaybe):
            return X(X.OP_AND_MAYBE, self.query(q.a), self.query(q.b))
        if isinstance(q, Q.Not):
            return X(X.OP_AND_NOT, X.MatchAll, self.query(q.query))
        if isinstance(q, (Q.And, Q.Or)):
            return self._group(q)
        if isinstance(q, Q.Every):
            return X(xapian.FixedWeightPostingSource(1.0))
        if isinstance(q, Q.Prefix):
            return self._prefix(q)
        if isinstance(q, (Q.Wildcard, Q.TermRange)):
            return self._expanded(q)
        if isinstance(q, Q.FuzzyTerm):
            return self._fuzzy(q)
        if isinstance(q, Q.NumericRange) and q.fieldname == "date":
            return _date_range(_from_long(q.start), _from_long(q.end))
        if isinstance(q, Q.DateRange):
            return _date_range(q.startdate, q.enddate)
        if q is Q.NullQuery or isinstance(q, type(Q.NullQuery)):
            return X.MatchNothing
        raise QueryError(f"the Xapian engine cannot search {type(q).__name__} queries")

    def _group(self, q: Q.Query) -> Any:
        negated = [s.query for s in q.subqueries if isinstance(s, Q.Not)]
        kept = [self.query(s) for s in q.subqueries if not isinstance(s, Q.Not)]
        if isinstance(q, Q.And):
            core = X(X.OP_AND, kept) if kept else X.MatchAll
        else:
            core = X(X.OP_OR, kept) if kept else X.MatchAll
        if negated and isinstance(q, Q.And):
            core = X(X.OP_AND_NOT, core, X(X.OP_OR, [self.query(n) for n in negated]))
        elif negated:  # `a OR NOT b`: a, or anything without b
            core = X(X.OP_OR, core, X(X.OP_AND_NOT, X.MatchAll, X(X.OP_OR, [self.query(n) for n in negated])))
        return core

    def _prefix(self, q: Q.Prefix) -> Any:
        prefix = PREFIXES.get(q.fieldname)
        if prefix is None:
            raise QueryError(f"{q.fieldname}: cannot be searched with a wildcard")
        # Expanded here, not by OP_WILDCARD: over shards each server would expand (and weigh) its own words.
        words = [t.term.decode("utf-8", "replace") for t in _limited(self.db.allterms(prefix + q.text), self.budget + 1)]
        self._spend(len(words), q)
        parts = [self._synonym(words)]
        if q.fieldname in TEXT_FIELDS:  # query.widen_prefixes: stems cut shorter than the prefix
            lo = max(STEM_MIN, len(q.text) - STEM_CUT_MAX)
            parts += [self._leaf(prefix + q.text[:k]) for k in range(len(q.text) - 1, lo - 1, -1)
                      if self.db.term_exists(prefix + q.text[:k])]
        return parts[0] if len(parts) == 1 else X(X.OP_OR, parts)

    def _expanded(self, q: Q.Query) -> Any:
        prefix = PREFIXES.get(q.fieldname)
        if prefix is None:
            raise QueryError(f"{q.fieldname}: cannot be searched with a wildcard or range")
        if isinstance(q, Q.Wildcard):
            lead = q.text.split("*", 1)[0]
            words = (t.term.decode("utf-8", "replace")[len(prefix):] for t in self.db.allterms(prefix + lead))
            wanted = [w for w in words if _plain(w, prefix) and fnmatch.fnmatchcase(w, q.text)]
        else:
            lo, hi = q.start or "", q.end
            words = (t.term.decode("utf-8", "replace")[len(prefix):] for t in self.db.allterms(prefix))
            wanted = [w for w in words if _plain(w, prefix) and (lo < w if q.startexcl else lo <= w)
                      and (hi is None or (w < hi if q.endexcl else w <= hi))]
        self._spend(len(wanted), q)
        return self._synonym([prefix + w for w in wanted])

    def _fuzzy(self, q: Q.FuzzyTerm) -> Any:
        """The words within ``q.maxdist`` edits sharing its first ``q.prefixlength`` letters (Whoosh's terms_within)."""
        prefix = PREFIXES.get(q.fieldname)
        if prefix is None:
            raise QueryError(f"{q.fieldname}: cannot be searched with a fuzzy word")
        text = q.text.decode("utf-8") if isinstance(q.text, bytes) else str(q.text)
        words = (t.term.decode("utf-8", "replace")[len(prefix):] for t in self.db.allterms(prefix + text[:q.prefixlength]))
        wanted = [w for w in words if _plain(w, prefix) and distance(w, text, q.maxdist) is not None]
        self._spend(len(wanted), q)
        return self._synonym([prefix + w for w in wanted])

    def _spend(self, count: int, q: Q.Query) -> None:
        """query.check_expansion's budget, shared by the query's wildcards and ranges."""
        self.budget -= count
        if self.budget < 0:
            if isinstance(q, Q.TermRange):
                raise QueryError(f"a range of words spans more than {MAX_EXPANDED_TERMS:,} indexed words: narrow it")
            word = f"{q.text}{'*' if isinstance(q, Q.Prefix) else ''}"
            word = word if len(word) <= 40 else word[:40] + "…"
            raise QueryError(f"{word} stands for more than {MAX_EXPANDED_TERMS:,} indexed words: "
                             "give more letters before the wildcard")


# Groups whose boost Whoosh applies inside (nothing here) are scaled like any other query.
_UNBOOSTED: tuple[type, ...] = ()


def _term(fieldname: str, text: Any) -> str:
    prefix = PREFIXES.get(fieldname)
    if prefix is None:
        raise QueryError(f"{fieldname}: is not a searchable field")
    return prefix + (text.decode("utf-8") if isinstance(text, bytes) else str(text))


def _plain(word: str, prefix: str) -> bool:
    """False for another field's term met under a shorter prefix (body words have none)."""
    return not word[:1].isupper() if prefix == "" else True


def _limited(items: Any, n: int) -> Any:
    for i, item in enumerate(items):
        if i >= n:
            return
        yield item


def _from_long(value: int | None) -> dt.datetime | None:
    if value is None:
        return None
    from whoosh.util.times import long_to_datetime

    result: dt.datetime = long_to_datetime(value)
    return result


def _date_range(start: dt.datetime | None, end: dt.datetime | None) -> Any:
    lo = date_value(start) if start is not None else ""
    if end is None:
        return X(X.OP_VALUE_GE, SLOT_DATE, lo)
    return X(X.OP_VALUE_RANGE, SLOT_DATE, lo, date_value(end))


def filter_query(f: Filters | Restriction) -> Any:
    """The filters as one boolean query, or None; QueryError for a filter that cannot match (as query.filter_query).

    A Restriction names exact stored values (searching/names.py resolved them): whole-value terms."""
    if isinstance(f, Restriction):
        return _restriction(f)
    parts = []
    for fieldname, value in (("speakers", f.speaker), ("dateline", f.dateline), ("source", f.source)):
        if value:
            words = [t.text for t in schema()[fieldname].analyzer(value)]
            if not words:
                raise QueryError(f"--{fieldname.rstrip('s')} {value!r} has no words to match")
            terms = [_term(fieldname, w) for w in words]
            parts.append(X(X.OP_PHRASE, terms, len(terms)) if len(terms) > 1 else X(terms[0]))
    if f.since or f.until:
        if f.since and f.until and f.since > f.until:
            raise QueryError(f"--since {f.since} is after --until {f.until}")
        start = dt.datetime.combine(f.since, dt.time.min) if f.since else None
        end = dt.datetime.combine(f.until, dt.time.max) if f.until else None
        parts.append(_date_range(start, end))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else X(X.OP_AND, parts)


def _restriction(r: Restriction) -> Any:
    parts = []
    for values, key in ((r.speakers, "speaker"), (r.datelines, "dateline"), (r.sources, "source")):
        if values is not None:
            terms = [WHOLE_PREFIXES[key] + v for v in values]
            parts.append(X(X.OP_OR, [X(t) for t in terms]) if terms else X.MatchNothing)
    if r.since or r.until:
        start = dt.datetime.combine(r.since, dt.time.min) if r.since else None
        end = dt.datetime.combine(r.until, dt.time.max) if r.until else None
        parts.append(_date_range(start, end))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else X(X.OP_AND, parts)
