"""Term-at-a-time scoring (accumulate.py) against Whoosh's own scoring of the same queries."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator

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
    "(grain NOT oil) AND corridor", "*", "grain OR *",
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
            for doc in file_documents(src).docs:
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


def _one_word(searcher, fieldname: str, words: list[bytes], boost: float) -> dict[int, float]:  # type: ignore[no-untyped-def]
    """BM25 of several words taken as one, from the reader's plain API: frequencies summed per live
    document; its document frequency, N and the average length over the live documents."""
    from searchidx.engine.scoring import B, K1

    reader = searcher.reader()
    live = [d for d in range(reader.doc_count_all()) if not reader.is_deleted(d)]
    avg = sum(reader.doc_field_length(d, fieldname, 0) for d in live) / len(live)
    tf: dict[int, float] = {}
    for word in words:
        m = reader.postings(fieldname, word)
        while m.is_active():
            if not reader.is_deleted(m.id()):
                tf[m.id()] = tf.get(m.id(), 0.0) + m.weight()
            m.next()
    idf = math.log(1 + (len(live) - len(tf) + 0.5) / (len(tf) + 0.5))
    return {d: boost * idf * f * (K1 + 1) / (f + K1 * (1 - B + B * reader.doc_field_length(d, fieldname, 0) / avg))
            for d, f in tf.items()}


@pytest.mark.parametrize("fieldname, pattern, boost", [("body", "rare1", 1.0), ("title", "t", 0.5), ("body", "e", 2.0), ("body", "rare", 1.0)])
def test_a_wildcard_is_scored_as_one_word(ix: Index, fieldname: str, pattern: str, boost: float) -> None:
    """Whoosh scored a wildcard as a constant in a segment holding several of its words and as a word
    in one holding one: the same document ranked apart in two builds of one folder."""
    searcher = ix._reader._current()
    words = [w for w in searcher.reader().lexicon(fieldname) if w.startswith(pattern.encode())]
    assert len(words) >= 2
    found = matches(searcher, Q.Prefix(fieldname, pattern, boost=boost))
    assert found is not None
    ours, expected = found.everything(), _one_word(searcher, fieldname, words, boost)
    assert ours.keys() == expected.keys() and len(ours) > 5
    assert all(math.isclose(ours[d], expected[d], rel_tol=1e-12) for d in ours)


@pytest.mark.parametrize("text", ["grain*", "title:[a TO c]", "grain OR corr*", '"grain corridor" OR corr*', "*",
                                  "corr* NOT grain", "gr*n"])
def test_wildcards_ranges_and_every_are_scored_here(ix: Index, text: str) -> None:
    searcher = ix._reader._current()
    q = parse_query(text, searcher.schema)
    assert q is not None and matches(searcher, q) is not None


def test_require_keeps_the_documents_both_sides_match_with_the_first_sides_scores(ix: Index) -> None:
    """Whoosh's RequireMatcher loses most of them (43 of 179 here): it is not the reference."""
    searcher = ix._reader._current()
    q = parse_query("grain REQUIRE oil", searcher.schema)
    assert isinstance(q, Q.Require)
    found, a, b = matches(searcher, q), _whoosh_scores(searcher, q.a, None), _whoosh_scores(searcher, q.b, None)
    assert found is not None
    ours = found.everything()
    assert ours.keys() == a.keys() & b.keys() and len(ours) > 100
    assert all(math.isclose(ours[d], a[d], rel_tol=1e-12) for d in ours)


def test_every_document_scores_one_for_a_star(ix: Index) -> None:
    searcher = ix._reader._current()
    q = parse_query("*", searcher.schema)
    assert q == Q.Every()
    found = matches(searcher, q)
    assert found is not None and set(found.everything().values()) == {1.0}
    assert found.count() == searcher.doc_count() == 241


def test_an_and_with_matching_of_its_own_is_left_to_whoosh(ix: Index) -> None:
    searcher = ix._reader._current()
    words = [Q.Term("body", "grain"), Q.Term("body", "corridor")]
    assert matches(searcher, Q.And(words)) is not None
    assert matches(searcher, Q.Ordered(words)) is None  # grain before corridor: spans, not a plain AND
    assert matches(searcher, Q.Every("date")) is None  # every date term's postings: Whoosh's way


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
