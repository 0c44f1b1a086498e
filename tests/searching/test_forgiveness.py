"""Queries that forgive the user: misspelled words corrected, British and American spellings
folded, fuzzy words and proximity; on a small index of stories written for these tests, built
by each engine (both correct through engine/correct.py and parse through engine/query.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from searchidx import Index
from searchidx.cli import cli
from searchidx.indexing import update_index

STORIES = {
    "astana": "Kazakhstan signs oil deal\n\nASTANA, May 3 (Reuters) - Kazakhstan agreed an oil and gas deal "
              "with its neighbours, Foreign Minister Sergei Lavrov said on a visit.\n",
    "almaty": "Kazakhstan grain harvest\n\nALMATY, June 9 (Reuters) - Kazakhstan expects a record grain harvest, "
              "the government said.\n",
    "brussels": "Energy council meets\n\nBRUSSELS, March 4 (Reuters) - The U.S.-EU Energy Council discussed "
                "energy security and gas supplies on Wednesday.\n",
    "sco": "Summit in Tashkent\n\nTASHKENT, Sept 16 (Xinhua) - Leaders of the Shanghai Cooperation Organisation "
           "met in Tashkent, where the defence ministers agreed a programme of joint exercises.\n",
    "nuclear": "Talks resume\n\nVIENNA, Jan 5 (Reuters) - Nuclear talks resumed after the delegations agreed "
               "on a new round of negotiations with the agency.\n",
}


def names(hits) -> list[str]:  # type: ignore[no-untyped-def]
    return [Path(h.path).stem for h in hits]


ENGINES = ["whoosh", pytest.param("xapian", marks=pytest.mark.skipif(
    importlib.util.find_spec("xapian") is None, reason="the Xapian bindings are an optional extra"))]


@pytest.fixture(scope="module", params=ENGINES)
def ix_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("forgiving")
    docs = root / "docs"
    docs.mkdir()
    for name, text in STORIES.items():
        (docs / f"{name}.txt").write_text(text, encoding="utf-8")
    Index.create(root / "index", engine=request.param).close()
    update_index(root / "index", [docs], workers=1)
    return root / "index"


@pytest.fixture(scope="module")
def ix(ix_dir: Path) -> Index:
    with Index.open(ix_dir) as index:
        yield index  # type: ignore[misc]


def test_an_unknown_word_in_a_longer_query_is_corrected_not_dropped(ix: Index) -> None:
    result = ix.search("Kazakstan energy")
    assert result.query == "Kazakhstan energy" and result.corrected_from == "Kazakstan energy"
    assert set(names(result.hits)) == {"astana", "almaty", "brussels"}  # "energy" still counts


def test_exact_searches_the_words_as_typed(ix: Index) -> None:
    result = ix.search("Kazakstan energy", correct=False)
    assert result.query == "Kazakstan energy" and result.corrected_from is None
    assert names(result.hits) == ["brussels"]


def test_known_words_are_not_corrected(ix: Index) -> None:
    result = ix.search("grain harvest")
    assert result.corrected_from is None and result.query == "grain harvest"


def test_a_correction_keeps_the_users_case_and_the_rest_of_the_query(ix: Index) -> None:
    assert ix.search("goverment").query == "government"
    assert ix.search("GOVERMENT").query == "GOVERNMENT"
    assert ix.search('"Kazakstan grain" NOT oil').query == '"Kazakhstan grain" NOT oil'
    # Operators, field names, numbers, wildcards and fuzzy words are the user's choice.
    assert ix.search("title:Kazakstan").query == "title:Kazakhstan"
    assert ix.search("negotiatoins*", correct=True).corrected_from is None


def test_a_typo_in_a_words_ending_is_corrected_through_its_stem(ix: Index) -> None:
    # Porter2 leaves "cooperaton" whole, where "Cooperation" is indexed as "cooper".
    result = ix.search("Cooperaton")
    assert result.query == "Cooperation" and names(result.hits) == ["sco"]


def test_nothing_matching_offers_a_correction_without_running_it_when_exact(ix: Index) -> None:
    result = ix.search("Lavorv", correct=False)
    assert not result.hits and result.suggestion == "Lavrov"
    result = ix.search("Lavorv")
    assert names(result.hits) == ["astana"] and result.query == "Lavrov" and result.suggestion is None


@pytest.mark.parametrize("engine", ENGINES)
def test_a_rare_word_is_corrected_when_nothing_matches(tmp_path: Path, engine: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "typo.txt").write_text("Typo\n\nThe Kazakstan delegation arrived late.\n", encoding="utf-8")
    stories = ("Kazakhstan wheat exports rose in March.", "Farmers expect Kazakhstan wheat to sell abroad.",
               "A port near Aktau loads Kazakhstan wheat for Iran.")  # three stories, not copies of one
    for i, text in enumerate(stories):
        (docs / f"k{i}.txt").write_text(f"Story {i}\n\n{text}\n", encoding="utf-8")
    Index.create(tmp_path / "ix", engine=engine).close()
    update_index(tmp_path / "ix", [docs], workers=1)
    with Index.open(tmp_path / "ix") as index:
        assert not index.search('"Kazakstan wheat"', correct=False).hits
        result = index.search('"Kazakstan wheat"')
        assert result.query == '"Kazakhstan wheat"' and len(result.hits) == 3
        assert index.search("Kazakstan").corrected_from is None  # it matches: searched as typed


def test_british_and_american_spellings_find_each_other(ix: Index) -> None:
    assert names(ix.search('"Shanghai Cooperation Organization"').hits) == ["sco"]
    assert names(ix.search("defense program").hits) == ["sco"]
    assert names(ix.search("neighbors").hits) == ["astana"]
    assert ix.search("defense").corrected_from is None


def test_fuzzy_words(ix: Index) -> None:
    assert set(names(ix.search("Kazakstan~").hits)) == {"astana", "almaty"}
    assert ix.search("Kazakstan~").corrected_from is None
    assert names(ix.search("Tashkant~").hits) == ["sco"]
    assert not ix.search("Tachkant~").hits  # two edits
    assert names(ix.search("Tachkant~2").hits) == ["sco"]


def test_proximity(ix: Index) -> None:
    assert not ix.search('"talks negotiations"').hits
    assert not ix.search('"talks negotiations"~5').hits
    assert names(ix.search('"talks negotiations"~12').hits) == ["nuclear"]
    assert names(ix.search('"nuclear resumed"~2').hits) == ["nuclear"]


def test_quotes_are_corrected_too(ix: Index) -> None:
    result = ix.quotes("Kazakstan")
    assert result.corrected_from == "Kazakstan" or not result.quotes


def test_cli_says_what_it_searched_and_how_to_search_as_typed(ix_dir: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["query", "Kazakstan energy", "--index", str(ix_dir)])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == ("showing results for Kazakhstan energy; "
                                             "search instead for Kazakstan energy with --exact")
    result = runner.invoke(cli, ["query", "Kazakstan energy", "--index", str(ix_dir), "--exact", "--json"])
    data = json.loads(result.stdout)
    assert data["query"] == "Kazakstan energy" and data["corrected_from"] is None
    assert "showing results" not in result.stderr
    result = runner.invoke(cli, ["query", "Kazakstan energy", "--index", str(ix_dir), "--json"])
    data = json.loads(result.stdout)
    assert data["query"] == "Kazakhstan energy" and data["corrected_from"] == "Kazakstan energy"
    result = runner.invoke(cli, ["query", "Lavorv", "--index", str(ix_dir), "--exact"])
    assert result.stderr.strip() == "no matches; did you mean: Lavrov"
