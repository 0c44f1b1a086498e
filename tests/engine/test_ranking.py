"""Ranking: behaviour on tiny indexes built here, never scores of a known collection."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from whoosh import query as Q

from searchidx.indexing import update_index
from searchidx.engine.query import parse_query, wants_feedback
from searchidx.engine.query import weigh_repeats
from searchidx.engine.ranking import best, feedback
from searchidx.index import Index

STORIES = {
    # Every word of "grain corridor talks", in the body only.
    "all_words": "Black Sea deal\n\nThe grain corridor talks resumed in Istanbul on Monday.\n",
    # Two of the three words, one of them repeated.
    "some_words": "Harvest report\n\nGrain prices rose. Grain exports grew, grain stocks fell, talks aside.\n",
    # Shares "Black Sea" with the best hit, so feedback can lend those words.
    "odesa": "Odesa update\n\nGrain loaded in Odesa as the Black Sea corridor reopened.\n",
    "one_word": "Shipping news\n\nA new corridor for container ships opened near the port.\n",
    "other": "Weather\n\nRain is expected over the capital on Tuesday, forecasters said.\n",
    "lavrov": "Moscow briefing\n\nMOSCOW, March 2 (TASS) - Russia wants stability in Central Asia, "
    "Foreign Minister Sergei Lavrov told reporters. \"We support our partners,\" Lavrov said.\n",
    "chinese": "Beijing visit\n\nBEIJING, March 5 (Xinhua) - Chinese and Kazakh officials discussed "
    "Sino-Kazakh trade and a new railway.\n",
}


def names(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [Path(h.path).stem for h in result.hits]


def built(root: Path, stories: dict[str, str]) -> Path:
    """An index under ``root`` of ``stories`` (file name -> text), one file each; its folder."""
    docs = root / "docs"
    docs.mkdir()
    for name, text in stories.items():
        (docs / f"{name}.txt").write_text(text, encoding="utf-8")
    update_index(root / "index", [docs], workers=1)
    return root / "index"


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> Index:
    with Index.open(built(tmp_path_factory.mktemp("ranking"), STORIES)) as index:
        yield index  # type: ignore[misc]


def test_all_words_rank_above_some_words(ix: Index) -> None:
    ranked = names(ix.search("grain corridor talks"))
    assert ranked[0] == "all_words"
    assert set(ranked[1:]) == {"odesa", "some_words", "one_word"}


def test_long_question_returns_partial_matches(ix: Index) -> None:
    ranked = names(ix.search("what did the ministers say about the grain corridor and the container ships in the port?"))
    assert {"one_word", "all_words", "odesa", "some_words"} <= set(ranked) and "other" not in ranked


def test_question_mark_is_punctuation_and_star_a_wildcard(ix: Index) -> None:
    assert names(ix.search("corridor?")) == names(ix.search("corridor"))
    assert set(names(ix.search("corrid*"))) == {"all_words", "odesa", "one_word"}


def test_phrase_and_boolean_queries(ix: Index) -> None:
    assert names(ix.search('"grain corridor"')) == ["all_words"]
    assert names(ix.search("grain AND talks")) in (["all_words", "some_words"], ["some_words", "all_words"])
    assert names(ix.search("grain NOT corridor")) == ["some_words"]


def test_field_queries(ix: Index) -> None:
    assert names(ix.search("speaker:lavrov")) == ["lavrov"]
    assert names(ix.search("dateline:beijing")) == ["chinese"]


def test_place_folding_finds_demonyms(ix: Index) -> None:
    assert names(ix.search("China")) == ["chinese"]
    assert names(ix.search('"Central Asian"')) == ["lavrov"]
    assert names(ix.search("Russian")) == ["lavrov"]


def test_rare_word_outweighs_common_word(ix: Index) -> None:
    # "grain" is in three stories, "istanbul" in one: the story with the rare word comes first.
    assert names(ix.search("grain istanbul"))[0] == "all_words"


def test_repeated_words_weigh_more() -> None:
    a, b = Q.Term("body", "grain"), Q.Term("body", "talk")
    merged = weigh_repeats(Q.Or([a, b, a, a]))
    assert merged == Q.Or([Q.Term("body", "grain", boost=1 + math.log(3)), b])
    assert weigh_repeats(Q.And([a, a])) == Q.And([a, a])


def test_short_queries_keep_all_words_first_without_feedback(ix: Index) -> None:
    # "black sea" would lift the Odesa story (two words) above the one with all three.
    for query in ("grain corridor talks", "talks corridor grain"):
        assert names(ix.search(query))[0] == "all_words"


@pytest.mark.parametrize("query, described", [
    ("grain", False), ('"grain corridor"', False), ("grain corridor talks", False),
    ("grain corridor talks black sea", True), ("grain corridor talks black sea NOT rain", True),
    ("the grain of the corridor", False),  # stop words are not words searched for
])
def test_only_descriptions_get_feedback(query: str, described: bool) -> None:
    """A word or a phrase says what it wants: re-ranking every match of a common word was slow."""
    from searchidx.engine.schema import make_schema

    q = parse_query(query, make_schema())
    assert q is not None and wants_feedback(q) is described


def test_ties_go_to_the_newer_document_then_the_lower_id(tmp_path: Path) -> None:
    """Identical stories score the same; their order must not depend on which worker wrote which.

    (They are copies of one story, so the hits are asked for with every copy listed.)"""
    docs = tmp_path / "docs"
    docs.mkdir()
    dated = {"b": "2021-03-01", "d": "2023-07-09", "a": None, "c": "2021-03-01"}
    for name, date in dated.items():
        when = f"{date}\n\n" if date else ""
        (docs / f"{name}.txt").write_text(f"Envoys meet\n\n{when}The envoys agreed on a corridor.\n", encoding="utf-8")
    update_index(tmp_path / "index", [docs], workers=1)
    with Index.open(tmp_path / "index") as index:
        result = index.search("corridor", all_copies=True)
        assert len({round(h.score, 9) for h in result.hits}) == 1
        assert names(result) == ["d", "b", "c", "a"]
        assert names(index.search("corridor", limit=2, all_copies=True)) == ["d", "b"]  # the cut falls inside the tie
        assert names(index.search("corridor")) == ["d"]  # collapsed: the best-ranked copy stands for the story


def test_ties_are_broken_across_segments_one_without_dates(tmp_path: Path) -> None:
    """Two segments, the undated one without a date column (Whoosh's multi-segment column
    reader then read the wrong segment). Written here one by one: two workers may not give two."""
    from searchidx.corpus import find_files
    from searchidx.engine.segwriter import SegmentWriter
    from searchidx.indexing.documents import file_documents
    from searchidx.engine.store import open_or_create

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, date in {"a": None, "b": None, "c": "2021-03-01", "d": "2023-07-09"}.items():
        when = f"{date}\n\n" if date else ""
        (docs / f"{name}.txt").write_text(f"Envoys meet\n\n{when}The envoys agreed on a corridor.\n", encoding="utf-8")
    files, _ = find_files([docs])
    ix = open_or_create(tmp_path / "index", create=True)
    for batch in (["a", "b"], ["c", "d"]):
        writer = SegmentWriter(ix, compound=False)
        for src in (f for f in files if Path(f.path).stem in batch):
            for doc in file_documents(src).docs:
                writer.add_document(**doc.fields)
        writer.commit(merge=False)
    with Index.open(tmp_path / "index") as index:
        assert len(index._reader._current().reader().leaf_readers()) == 2
        assert names(index.search("corridor")) == ["d", "c", "a", "b"]


def test_feedback_reranks_but_never_adds_documents(ix: Index) -> None:
    searcher = ix._reader._current()
    q = parse_query("grain corridor", searcher.schema)
    assert q is not None
    expanded = feedback(searcher, q)
    assert isinstance(expanded, Q.AndMaybe)
    lent = {t.text for t in expanded.b.leaves()}
    assert {"black", "sea"} <= lent  # words the best hits share, not typed in the query
    before = {searcher.stored_fields(d)["id"] for d in searcher.search(q, limit=None).docs()}
    after = {searcher.stored_fields(d)["id"] for d in searcher.search(expanded, limit=None).docs()}
    assert before == after


def test_feedback_scores_equal_a_full_scoring(ix: Index) -> None:
    searcher = ix._reader._current()
    q = feedback(searcher, parse_query("grain corridor talks", searcher.schema))
    top, _ = best(searcher, q, 2)
    everything = searcher.search(q, limit=None)
    assert [(round(s, 9), d) for s, d in top] == [(round(s, 9), d) for s, d in everything.top_n[:2]]


def test_pruning_scales_a_boosted_parts_threshold() -> None:
    """While collecting the top N, Whoosh drops a part whose best possible score cannot reach
    the N-th hit; a boosted part compared its unboosted bound, so the all-words tier (boost 10)
    was dropped with the best matches (49 of 155 Reuters queries had another top 10)."""
    from whoosh.matching import ListMatcher, WrappingMatcher

    from searchidx.engine.pruning import _BoostedMatcher

    assert not WrappingMatcher(ListMatcher([1, 2], [5.0, 5.0]), boost=10.0).replace(20).is_active()  # Whoosh's
    boosted = _BoostedMatcher(ListMatcher([1, 2], [5.0, 5.0]), boost=10.0)
    assert boosted.score() == 50.0 and boosted.replace(20).is_active()
    assert not boosted.replace(60).is_active()


def test_an_or_arrays_bound_is_the_boosted_sum_of_its_parts() -> None:
    from whoosh.matching import ArrayUnionMatcher, ListMatcher

    from searchidx.engine.pruning import _ArrayUnionMatcher

    def parts():  # type: ignore[no-untyped-def]
        return [ListMatcher([1, 3], [2.0, 1.0]), ListMatcher([1], [3.0])]

    assert ArrayUnionMatcher(parts(), 5).max_quality() == 3.0  # Whoosh's: below document 1's 5.0
    ours = _ArrayUnionMatcher(parts(), 5, boost=2.0)
    assert ours.score() == 10.0 and ours.max_quality() >= 10.0


def test_an_and_maybe_skips_its_optional_side_to_where_its_main_side_lands() -> None:
    """Told to skip to 2, the main side lands on 3: the optional side must be at 3 too, or
    document 3 loses its score (Whoosh leaves it at 2)."""
    from whoosh.matching import AndMaybeMatcher, ListMatcher

    from searchidx.engine.pruning import _AndMaybeMatcher

    def pair(cls):  # type: ignore[no-untyped-def]
        return cls(ListMatcher([1, 3], [1.0, 1.0]), ListMatcher([1, 2, 3], [5.0, 5.0, 5.0]))

    whooshs, ours = pair(AndMaybeMatcher), pair(_AndMaybeMatcher)
    for m in (whooshs, ours):
        m.skip_to(2)
        assert m.id() == 3
    assert whooshs.score() == 1.0  # the optional side's 5.0 lost
    assert ours.score() == 6.0


@pytest.mark.parametrize("text", ["grain corridor", "grain corridor talks", "Lavrov Central Asia", "grain OR corridor"])
def test_the_tier_scored_apart_gives_the_same_scores(ix: Index, text: str) -> None:
    from searchidx.engine.pruning import _DisjointOr, disjoint_tier as _disjoint_tier

    searcher = ix._reader._current()
    q = parse_query(text, searcher.schema)
    assert q is not None
    apart = _disjoint_tier(q)
    assert isinstance(apart, _DisjointOr) == (text != "grain OR corridor" and len(text.split()) > 1)

    def scores(query: Q.Query) -> dict[int, float]:
        return {d: round(sc, 9) for sc, d in searcher.search(query, limit=None).top_n}

    assert scores(apart) == scores(q) and scores(q)


@pytest.mark.parametrize("matcher_type", [Q.Or.DEFAULT_MATCHER, Q.Or.ARRAY_MATCHER])
def test_the_top_n_is_the_head_of_the_full_ranking(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, matcher_type: int) -> None:
    """Whoosh joins an OR's parts in a tree of unions in a segment of over 5,000 documents and in
    an array below that; both are forced here on a small index."""
    monkeypatch.setattr(Q.Or, "matcher_type", matcher_type)
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(200):  # the words must be rare enough to weigh
        (docs / f"o{i:03}.txt").write_text(f"Weather\n\nRain on day {i}.\n", encoding="utf-8")
    for i in range(30):  # all-words matches that fill the top N before the best one comes
        (docs / f"p{i:02}.txt").write_text("Market report\n\nOil prices moved.\n", encoding="utf-8")
    (docs / "z_best.txt").write_text("Oil prices\n\nOil prices, oil prices.\n", encoding="utf-8")
    update_index(tmp_path / "index", [docs])
    with Index.open(tmp_path / "index") as index:
        # Words are scored term at a time (accumulate.py); a prefix or a phrase goes through Whoosh's collector.
        for query in ("oil prices", "oil prices moved", "oil^3 prices", "weather rain oil", "oil pric*",
                      '"oil prices" moved'):
            full = [(h.id, round(h.score, 9)) for h in index.search(query, limit=300).hits]
            assert [(h.id, round(h.score, 9)) for h in index.search(query, limit=3).hits] == full[:3]
            assert full[0][0].endswith("z_best.txt") or query not in ("oil prices", "oil^3 prices", "oil pric*")


def test_highlights_are_the_users_words_not_feedback_words(ix: Index) -> None:
    hit = ix.search("grain corridor").hits[0]
    marked = {hit.snippet.text[s:e].lower() for s, e in hit.snippet.matches}
    assert marked <= {"grain", "corridor"}


def test_date_sort_keeps_the_match_set(ix: Index) -> None:
    assert ix.search("grain", sort="date", count=True).total == ix.search("grain", count=True).total == 3


def test_a_headline_word_is_also_a_body_word(ix: Index) -> None:
    # "Harvest" is only in some_words' headline: the body field indexes the title too, so it
    # counts there (and again in the title field), while the stored body stays the article's.
    assert names(ix.search("body:harvest")) == ["some_words"]
    assert names(ix.search("title:harvest")) == ["some_words"]
    stored = ix.get(str(next(iter(ix.search("harvest").hits)).path))
    assert stored is not None and "Harvest" not in stored.body
    assert not ix.search("body:tuesday AND title:tuesday").hits


def test_the_words_of_asking_do_not_outweigh_the_subject(tmp_path: Path) -> None:
    # "interested" and "information" are as rare here as "sanctions": searched, they made the
    # museum notice, which holds both, the best match of a question about sanctions.
    stories = {
        "notice": "Museum notice\n\nInformation for visitors interested in the exhibition: opening hours.\n",
        "sanctions": "Steel talks\n\nThe ministers discussed new sanctions on steel imports.\n",
        "weather": "Weather\n\nRain is expected over the capital on Tuesday.\n",
        "port": "Port news\n\nA new corridor for container ships opened near the port.\n",
    }
    with Index.open(built(tmp_path, stories)) as index:
        assert names(index.search("I am interested in information on sanctions")) == ["sanctions"]
        assert names(index.search("visitors interested in information")) == ["notice"]  # words, not a request


def test_lent_words_stand_out_in_the_hits_against_the_collection() -> None:
    """Bo1: of two words as frequent in the best hits, the rarer in the collection weighs more; a word
    of one hit only, or in more than FEEDBACK_MAX_DF of all documents, is not lent."""
    from collections import Counter

    from searchidx.engine.ranking import lent_words

    hits = [(3.0, Counter({"grain": 2, "sea": 2, "odesa": 1, "the": 5})),
            (2.0, Counter({"grain": 1, "sea": 1, "ships": 4, "the": 4}))]
    df = {"sea": 5, "grain": 50, "odesa": 1, "ships": 3, "the": 900}
    lent = lent_words(hits, lambda words: {w: df[w] for w in words}, 1000)
    assert [w for w, _ in lent] == ["sea", "grain"]
    assert lent[0][1] == 1.0 and 0 < lent[1][1] < 1.0
