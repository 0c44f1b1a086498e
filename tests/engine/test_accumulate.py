"""Term-at-a-time scoring (accumulate.py) against Whoosh's own scoring of the same queries."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import query as Q

from searchidx.engine.accumulate import matches
from searchidx.engine.query import filter_query, parse_query
from searchidx.models import Filters
from searchidx.engine.ranking import best, feedback
from searchidx.engine.query import FIELD_BOOSTS
from searchidx.index import Index

WORDS = ("grain corridor talks envoy minister oil prices sanctions summit border trade tariffs ceasefire "
         "pipeline embassy").split()
CITIES = ("Moscow", "Beijing", "Astana", "Geneva")
QUERIES = [
    "grain", "grain corridor", "grain corridor talks", "oil prices sanctions summit", "envoy envoy minister",
    "grain NOT corridor", "oil^3 prices", "(oil AND prices)^2 envoy", "title:grain body:oil", "grain ANDMAYBE oil",
    "oil ANDNOT prices", "speakers:lavrov", "dateline:moscow grain", "the grain", "zzzz grain",
    "grain corridor talks envoy minister oil prices border",  # a description: feedback re-ranks it
    '"grain corridor"', '"grain corridor talks" envoy', '"oil prices"~3', 'title:"grain corridor"',
    '"sergei lavrov"', '"corridor grain grain"', '"grain zzzz"', '"grain"', '"oil prices" NOT envoy',
]


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    """Two segments, one with a deleted document; words common and rare; and two rare words whose
    only shared document mentions each once in a long text, where another repeats one of them."""
    from whoosh import index as windex

    from searchidx.corpus import find_files
    from searchidx.engine.segwriter import SegmentWriter
    from searchidx.indexing.documents import file_documents
    from searchidx.engine.store import open_or_create

    root = tmp_path_factory.mktemp("accumulate")
    docs = root / "docs"
    docs.mkdir()
    rng = random.Random(7)
    for i in range(240):
        words = rng.choices(WORDS[: 4 + i % len(WORDS)], k=rng.randint(3, 60))
        speaker = "Sergei Lavrov said" if i % 9 == 0 else "officials said"
        city = CITIES[i % len(CITIES)].upper()
        (docs / f"d{i:03}.txt").write_text(
            f"{' '.join(rng.sample(WORDS, 3)).title()}\n\n{city}, May {1 + i % 28} (Reuters) - "
            f"{' '.join(words)} rare{i}. {speaker}.\n", encoding="utf-8")
    filler = " ".join(rng.choices(WORDS, k=200))
    (docs / "weak_tier.txt").write_text(f"Notes\n\n{filler} kestrel {filler} osprey.\n", encoding="utf-8")
    (docs / "strong_partial.txt").write_text("Kestrel kestrel\n\nKestrel, kestrel, kestrel.\n", encoding="utf-8")
    files, _ = find_files([docs])
    index = open_or_create(root / "index", create=True)
    for half in (files[:120], files[120:]):
        writer = SegmentWriter(index, compound=False)
        for src in half:
            for doc in file_documents(src)[0]:
                writer.add_document(**doc.fields)
        writer.commit(merge=False)
    whoosh_ix = windex.open_dir(str(root / "index"), indexname="searchidx")
    writer = whoosh_ix.writer()
    writer.delete_by_term("id", str(docs / "d005.txt"))
    writer.commit(merge=False)
    with Index.open(root / "index") as opened:
        yield opened


def _whoosh_scores(searcher, q: Q.Query, restrict: Q.Query | None) -> dict[int, float]:  # type: ignore[no-untyped-def]
    """Whoosh's scores for every match (limit=None: nothing pruned). AND NOT is taken part by part:
    Whoosh's AndNotMatcher over a phrase keeps documents its NOT side matches ('"oil prices" NOT
    envoy' kept two stories holding "envoy" in their body)."""
    if isinstance(q, Q.AndNot):
        excluded = _whoosh_scores(searcher, q.b, None)
        return {d: s for d, s in _whoosh_scores(searcher, q.a, restrict).items() if d not in excluded}
    return {d: s for s, d in searcher.search(q, limit=None, filter=restrict).top_n}


def _queries(searcher):  # type: ignore[no-untyped-def]
    for text in QUERIES + ["rare17 grain", "rare200"]:
        q = parse_query(text, searcher.schema)
        assert q is not None
        for restrict in (None, filter_query(Filters(dateline="Moscow"), searcher.schema)):
            yield text, q, restrict
            yield text + " (with feedback)", feedback(searcher, q, restrict, FIELD_BOOSTS), restrict


def test_the_index_has_what_the_scoring_must_handle(ix: Index) -> None:
    searcher = ix._reader._current()
    leaves = [leaf for leaf, _ in searcher.reader().leaf_readers()]
    assert len(leaves) == 2 and any(leaf.has_deletions() for leaf in leaves)


def test_every_match_scores_as_whoosh_scores_it(ix: Index) -> None:
    searcher = ix._reader._current()
    for text, q, restrict in _queries(searcher):
        found = matches(searcher, q, restrict)
        assert found is not None, text
        whooshs = _whoosh_scores(searcher, q, restrict)
        assert found.count() == len(whooshs), text  # before everything(): counted without it
        ours = found.everything()
        assert ours.keys() == whooshs.keys(), text
        assert all(math.isclose(ours[d], whooshs[d], rel_tol=1e-12) for d in ours), text


def test_no_match_outside_the_all_words_tier_scores_above_its_bound(ix: Index) -> None:
    searcher = ix._reader._current()
    tiers = 0
    for text, q, restrict in _queries(searcher):
        found = matches(searcher, q, restrict)
        assert found is not None
        if found.beyond is None:
            continue
        tiers += 1
        whooshs = _whoosh_scores(searcher, q, restrict)
        assert all(math.isclose(s, whooshs[d], rel_tol=1e-12) for d, s in found.best.items()), text
        outside = [s for d, s in whooshs.items() if d not in found.best]
        assert max(outside, default=0.0) <= found.beyond, text
    assert tiers >= 8


def test_a_partial_match_above_the_tier_is_still_ranked(ix: Index) -> None:
    """With a tier boost barely above 1, a document missing a word can outscore one with both;
    the bound sends best() to the full ranking."""
    searcher = ix._reader._current()
    words = [Q.Or([Q.Term("title", w, boost=0.5), Q.Term("body", w)]) for w in ("kestrel", "osprey")]
    q = Q.Or([Q.And(words, boost=1.01), *(t for w in words for t in w.subqueries)])
    found = matches(searcher, q)
    assert found is not None and found.beyond is not None
    whooshs = sorted(((round(s, 9), d) for d, s in _whoosh_scores(searcher, q, None).items()), reverse=True)
    assert list(found.best) == [d for _, d in whooshs[1:2]]  # only the second has both words
    top, _ = best(searcher, q, 3)
    assert [(round(s, 9), d) for s, d in top] == whooshs[:3]


@pytest.mark.parametrize("text", ["grain*", "title:[a TO c]", "grain OR corr*", '"grain corridor" OR corr*'])
def test_other_queries_are_left_to_whoosh(ix: Index, text: str) -> None:
    searcher = ix._reader._current()
    q = parse_query(text, searcher.schema)
    assert q is not None and matches(searcher, q) is None


def test_an_and_with_matching_of_its_own_is_left_to_whoosh(ix: Index) -> None:
    searcher = ix._reader._current()
    words = [Q.Term("body", "grain"), Q.Term("body", "corridor")]
    assert matches(searcher, Q.And(words)) is not None
    assert matches(searcher, Q.Ordered(words)) is None  # grain before corridor: spans, not a plain AND


def test_the_per_block_scores_are_the_scorers(ix: Index) -> None:
    searcher = ix._reader._current()
    for sub, _ in searcher.leaf_searchers():
        leaf = sub.reader()
        from searchidx.engine.accumulate import segment_lengths

        block = searcher.weighting.block_scorer(sub, "body", b"grain", segment_lengths(leaf, "body"))
        m = leaf.postings("body", b"grain", scorer=searcher.weighting.scorer(sub, "body", b"grain"))
        ids, weights, scores = [], [], []
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            scores.append(m.score())
            m.next()
        assert ids and block(ids, weights) == scores  # the same bits


def test_an_exact_phrase_is_words_at_consecutive_positions() -> None:
    """The shortcut for slop 1 finds what Whoosh's span loop finds, on random position lists."""
    from searchidx.engine.accumulate import _in_order, _spans_in_order

    rng = random.Random(3)
    found = 0
    for _ in range(3000):
        words = [sorted(rng.sample(range(12), rng.randint(1, 4))) for _ in range(rng.randint(2, 4))]
        expected = _spans_in_order(words, 1, 1)
        assert _in_order(words, 1) == expected, words
        found += expected
    assert 100 < found < 2900


@pytest.mark.parametrize("text", ['"oil prices" NOT envoy', '"oil prices" NOT envoy*', '"oil prices" OR corr* NOT envoy'])
@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_not_excludes_its_documents_whichever_way_the_query_is_searched(ix: Index, text: str, sort: str) -> None:
    """Whoosh's AND NOT over a phrase kept stories holding the excluded word; a wildcard or the
    date sort takes the query to Whoosh, which now applies NOT as a mask."""
    def has_envoy(doc_id: str) -> bool:
        doc = ix.get(doc_id)
        return "envoy" in f"{doc.title} {doc.body}".lower()

    result = ix.search(text, limit=300, sort=sort, count=True)
    positive = ix.search(text.split(" NOT ")[0], limit=300)
    assert any(has_envoy(h.id) for h in positive.hits)  # something to exclude
    expected = {h.id for h in positive.hits if not has_envoy(h.id)}
    assert {h.id for h in result.hits} == expected and result.total == len(expected)
