"""Results with copies: one hit per story by default, every copy on request, counts of both, and similar,
on both engines (the groups are a file beside the index, read through either engine's reader)."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchidx import DocumentNotFound, Index
from searchidx.indexing import update_index

STORY = ("Foreign ministers of five Central Asian states agreed on Tuesday to build a shared early-warning "
         "system for floods on the Syr Darya, officials said after a day of talks in the capital.\n\n"
         "The system, to cost 42 million dollars over four years, will link river gauges in four countries to "
         "a centre in Tashkent, the ministers said in a joint statement.\n\n"
         "Turkmenistan sent an observer but did not sign the statement, diplomats said.\n")
OTHERS = {
    "dam.txt": "Dam talks stall\n\n2021-06-01\n\nTajikistan and Uzbekistan failed to agree on water releases from the "
               "Rogun dam, officials said, leaving farmers downstream worried about floods and drought alike.\n",
    "grain.txt": "Grain exports rise\n\n2021-06-02\n\nKazakhstan raised wheat exports to Afghanistan by a fifth, the "
                 "agriculture ministry said, as floods cut harvests across the border.\n",
    "bank.txt": "Bank lends for rivers\n\n2021-06-03\n\nThe Asian Development Bank approved a loan for river gauges and "
                "flood defences in Kyrgyzstan, the bank said in a statement on Thursday.\n",
}


ENGINES = ["whoosh", pytest.param("xapian", marks=pytest.mark.skipif(
    __import__("importlib").util.find_spec("xapian") is None, reason="the Xapian engine is not installed"))]


@pytest.fixture(params=ENGINES)
def copies_index(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """One story in four copies (dated apart, other headlines, one trimmed), and three other stories on
    floods, indexed by each engine."""
    docs = tmp_path / "docs"
    docs.mkdir()
    copies = {
        "wire.txt": f"Central Asia agrees flood warnings\n\n2021-05-04\n\n{STORY}",
        "portal.txt": f"Home | World | Asia\n\nFlood warning system agreed\n\n2021-05-05\n\n{STORY}Related stories\n",
        "daily.txt": f"Ministers back flood plan\n\n2021-05-03\n\n{STORY}",
        "brief.txt": f"Flood plan: report\n\n2021-05-06\n\n{STORY.rsplit(chr(10) * 2, 1)[0]}\n",
    }
    for name, text in {**copies, **OTHERS}.items():
        (docs / name).write_text(text, encoding="utf-8")
    update_index(tmp_path / "index", [docs], workers=1, engine=request.param)
    return tmp_path / "index"


def names(hits: tuple[object, ...]) -> list[str]:
    return [Path(h.id).name for h in hits]  # type: ignore[attr-defined]


def test_copies_collapse_into_one_hit_that_lists_them_earliest_first(copies_index: Path) -> None:
    with Index.open(copies_index) as ix:
        assert [sorted(Path(i).name for i in g) for g in ix.groups()] == [
            ["brief.txt", "daily.txt", "portal.txt", "wire.txt"]]
        result = ix.search("floods", limit=10)
        story = [h for h in result.hits if h.copies]
        assert len(story) == 1 and len(result.hits) == 4
        (hit,) = story
        assert sorted([Path(hit.id).name] + [Path(c.path).name for c in hit.copies]) == [
            "brief.txt", "daily.txt", "portal.txt", "wire.txt"]
        days = [c.date.isoformat() for c in hit.copies if c.date]
        assert days == sorted(days) and len(days) == 3
        assert all(c.title for c in hit.copies)
        assert result.total == 7 and result.stories == 4


def test_all_copies_lists_every_article_with_its_copies_named(copies_index: Path) -> None:
    with Index.open(copies_index) as ix:
        result = ix.search("floods", all_copies=True)
        assert len(result.hits) == 7 and result.total == 7 and result.stories == 4
        for hit in result.hits:
            grouped = Path(hit.id).name in {"brief.txt", "daily.txt", "portal.txt", "wire.txt"}
            assert len(hit.copies) == (3 if grouped else 0)


def test_a_page_holds_limit_stories_however_many_copies_rank_above(copies_index: Path) -> None:
    """The engine is asked again for more when copies take the first places."""
    with Index.open(copies_index) as ix:
        every = ix.search('"Syr Darya" OR floods', all_copies=True).hits
        assert {Path(h.id).name for h in every[:4]} == {"brief.txt", "daily.txt", "portal.txt", "wire.txt"}
        two = ix.search('"Syr Darya" OR floods', limit=2)
        assert len(two.hits) == 2 and len(two.hits[0].copies) == 3 and not two.hits[1].copies
        assert names(two.hits) == [names(every)[0], names(every)[4]]
        assert two.total == 7 and two.stories == 4  # asked again for more, the engine had every match in hand
        counted = ix.search('"Syr Darya" OR floods', limit=2, count=True)
        assert counted.total == 7 and counted.stories == 4


def test_facets_count_articles_and_the_result_says_how_many_stories(copies_index: Path) -> None:
    with Index.open(copies_index) as ix:
        result = ix.search("floods", limit=2, facets=True)
        assert result.total == 7 and result.stories == 4 and result.facets is not None
        assert sum(n for _, n in result.facets.months) == 7  # every matching article, copies included
        assert dict(result.facets.months)["2021-05"] == 4
        assert ix.search("floods", limit=2, facets=True, all_copies=True).facets == result.facets


def test_counts_of_stories_under_a_filter(copies_index: Path) -> None:
    with Index.open(copies_index) as ix:
        result = ix.search("floods", limit=1, count=True, sort="date")
        assert result.total == 7 and result.stories == 4
        assert ix.search("Turkmenistan", limit=1, count=True).stories == 1


def test_similar_finds_stories_on_the_matter_and_leaves_out_its_own_copies(copies_index: Path) -> None:
    with Index.open(copies_index) as ix:
        wire = next(i for g in ix.groups() for i in g if i.endswith("wire.txt"))
        result = ix.similar(wire, limit=5)
        found = names(result.hits)
        assert found and not {"brief.txt", "daily.txt", "portal.txt", "wire.txt"} & set(found)
        assert found[0] == "bank.txt"  # river gauges, floods, statement: the closest matter
        assert all(h.snippet.matches for h in result.hits)
        from_other = names(ix.similar(str(Path(wire).parent / "bank.txt"), limit=5).hits)
        assert found and sum(n in {"brief.txt", "daily.txt", "portal.txt", "wire.txt"} for n in from_other) == 1
        with pytest.raises(DocumentNotFound):
            ix.similar("no/such/file.txt")


def test_an_index_without_groups_searches_as_before(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in OTHERS.items():
        (docs / name).write_text(text, encoding="utf-8")
    update_index(tmp_path / "index", [docs], workers=1)
    with Index.open(tmp_path / "index") as ix:
        result = ix.search("floods")
        assert len(result.hits) == 3 and result.total == result.stories == 3
        assert not any(h.copies for h in result.hits) and ix.groups() == ()


def test_copies_of_one_article_are_the_rest_of_its_group_earliest_first(copies_index: Path) -> None:
    docs = copies_index.parent / "docs"
    with Index.open(copies_index) as ix:
        assert names(ix.copies(str(docs / "wire.txt"))) == ["daily.txt", "portal.txt", "brief.txt"]
        assert names(ix.copies(str(docs / "daily.txt"))) == ["wire.txt", "portal.txt", "brief.txt"]
        assert ix.copies(str(docs / "dam.txt")) == ()
        with pytest.raises(DocumentNotFound):
            ix.copies(str(docs / "nothing.txt"))
