"""Whoosh's top-N collector made sound: what ranking.best uses for wildcards and ranges.

While collecting the top N, Whoosh drops a part of the query whose best possible score
cannot reach the N-th hit, trusting each matcher's bound; three of those bounds were wrong
(see :class:`SoundPruning`). Everything here mirrors Whoosh 2.7.4's matchers
(whoosh/matching/wrappers.py and combo.py) and swaps the classes of live matchers, so it is
written for that version only (checked in engine/__init__.py).
"""

from __future__ import annotations

from typing import Any

from whoosh import query as Q
from whoosh.matching import AndMaybeMatcher, ArrayUnionMatcher, ReadTooFar, UnionMatcher, WrappingMatcher

from .accumulate import tier_parts

class SoundPruning(Q.WrappingQuery):
    """``q`` with Whoosh's top-N pruning made sound; ``best`` searches through it.

    While collecting the top N, Whoosh drops a part of the query whose best possible score
    cannot reach the N-th hit (``Matcher.replace(minquality)``), trusting each part's bound
    (``max_quality``), and simplifies the rest. Three faults lost the best documents:

    - a boosted part (a WrappingMatcher) passes the threshold to its child unscaled: the
      all-words tier (boost 10) was dropped once the N-th hit scored a tenth of what it could.
      49 of 155 generated two- to six-word queries on Reuters had another top 10 than the
      first 10 of a top 3000; now none does;
    - an OR of three or more parts in a segment of up to 5,000 documents (ArrayUnionMatcher)
      gives the bound of its best part, unboosted, not their boosted sum: feedback's lent
      words were dropped, which a wrapper scoring every match had covered up (it is gone);
    - the AndMaybe an OR becomes once one side cannot reach the N-th hit alone, when told to
      skip to a document, leaves its optional side at that document even when its main side
      moved past it, so the next match lost the optional side's score.

    Here those matcher kinds are given sound versions, for this search only: in the tree as
    built, and again in what each ``replace`` returns (it builds new AndMaybes).
    """

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _Sound(_sound(self.child.matcher(searcher, context)))


def _sound(top: Any) -> Any:
    """``top`` with its faulty Whoosh matchers swapped in place for their sound subclasses."""
    stack = [top]
    while stack:
        m = stack.pop()
        sound = _SOUND.get(type(m))
        if sound is not None:
            m.__class__ = sound
        stack.extend(m.children())
    return top


class _Sound(WrappingMatcher):
    """The root: whatever a ``replace`` below returns is made sound too."""

    def replace(self, minquality: float = 0) -> Any:
        r = self.child.replace(minquality)
        return self if r is self.child else _Sound(_sound(r))


class _AndMaybeMatcher(AndMaybeMatcher):
    def skip_to(self, id: int) -> bool:
        if not self.a.is_active():
            raise ReadTooFar
        ra = self.a.skip_to(id)
        rb = False
        if self.a.is_active() and self.b.is_active():
            rb = self.b.skip_to(self.a.id())  # Whoosh: skip_to(id), leaving b behind a
        return bool(ra or rb)


def disjoint_tier(q: Q.Query) -> Q.Query:
    """A short query's all-words tier scored apart from its partial matches, to the same scores.

    The tier (query.py) makes ``Or([And(words)^b, *terms])``: an article with every word
    scores b·Σ + Σ, any other Σ of the terms it has. So its articles were scored twice, and
    the terms could never be dropped, since each adds to the tier's articles. The same scores
    come from two parts that match no article in common, ``And(words)^(b+1)`` (plus any terms
    not among the words, as optional) and ``AndNot(Or(terms), And(words))``: once no partial
    match can reach the N-th hit, only the tier is left to walk. Other queries are left as they are.
    """
    parts = tier_parts(q)
    if parts is None:
        return q
    words, others, boost = parts
    every: Q.Query = Q.And(words, boost=boost + 1.0)
    if others:
        every = Q.AndMaybe(every, Q.Or(others))
    return _DisjointOr([every, Q.AndNot(Q.Or(q.subqueries[1:]), Q.And(words))])


class _DisjointOr(Q.Or):
    """An Or of two parts that never match the same document."""

    def _matcher(self, subs: list[Q.Query], searcher: Any, context: Any) -> Any:
        return _DisjointUnionMatcher(subs[0].matcher(searcher, context), subs[1].matcher(searcher, context))


class _DisjointUnionMatcher(UnionMatcher):
    def replace(self, minquality: float = 0) -> Any:
        # A part that cannot reach the N-th hit goes whole: it adds nothing to the other's documents.
        a, b = self.a, self.b
        if minquality and b.is_active() and b.max_quality() < minquality:
            return a.replace(minquality)
        if minquality and a.is_active() and a.max_quality() < minquality:
            return b.replace(minquality)
        return super().replace(minquality)


class _BoostedMatcher(WrappingMatcher):
    def replace(self, minquality: float = 0) -> Any:
        r = self.child.replace(minquality / self.boost if minquality and self.boost > 0 else 0)
        return self if r is self.child else self._replacement(r)


class _ArrayUnionMatcher(ArrayUnionMatcher):
    def max_quality(self) -> float:
        # Whoosh gives the best of its parts' bounds, unboosted, and forgets the scores it has
        # already read ahead; a document can score the boosted sum of its parts.
        ahead: float = sum(m.max_quality() for m in self._submatchers if m.is_active()) * self._boost
        read_ahead: float = max(self._a)
        return max(read_ahead, ahead)


_SOUND = {WrappingMatcher: _BoostedMatcher, ArrayUnionMatcher: _ArrayUnionMatcher, AndMaybeMatcher: _AndMaybeMatcher}
