"""Quotes, the people registry and facets on an index: kept right through incremental runs."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from searchidx import Filters, Index, QueryError, UnknownFilterValue
from searchidx.engine.store import open_statements
from searchidx.indexing import update_index

STORIES = {
    "astana.txt": ("Kazakh talks\n\nASTANA, May 3 (Reuters) - \"Water sharing is our first priority,\" "
                   "Foreign Minister Sergei Lavrov said. \"Trade routes come next,\" Lavrov added.\n"),
    "nursultan.txt": ("Central Asia forum\n\nNUR-SULTAN, June 9 (Reuters) - \"Central Asia must trade more,\" "
                      "Secretary of State Antony J. Blinken said.\n"),
    "munich.txt": ("Security conference\n\nMunich, Germany, Feb 19 (Reuters) - \"Sanctions will follow,\" "
                   "Secretary Blinken said. \"We stand with Ukraine,\" Tony Blinken said later.\n"),
}


def write(folder: Path, names: list[str]) -> None:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text(STORIES[name], encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path / "news", ["astana.txt", "munich.txt"])
    return tmp_path / "news"


def people(ix: Index) -> dict[str, tuple[int, int]]:
    return {p.name: (p.articles, p.statements) for p in ix.people()}


def test_statements_are_searched_on_their_own(tmp_path: Path, folder: Path) -> None:
    update_index(tmp_path / "ix", [folder], workers=1)
    with Index.open(tmp_path / "ix") as ix:
        (q,) = ix.quotes("water", filters=Filters(speaker="Sergey Lavrov")).quotes
        assert (q.speaker, q.said_as, q.role, q.cue) == ("Sergei Lavrov", "Sergei Lavrov", "Foreign Minister", "said")
        assert "Water sharing is our first priority" in q.snippet.text
        assert [q.snippet.text[s:e] for s, e in q.snippet.matches] == ["Water"]
        assert q.article.id.endswith("astana.txt") and q.article.dateline and q.article.title == "Kazakh talks"
        assert ix.quotes("water", filters=Filters(speaker="Blinken")).quotes == ()
        assert [q.speaker for q in ix.quotes("sanctions Ukraine").quotes] == ["Tony Blinken"] * 2


def test_the_registry_follows_files_added_changed_and_removed(tmp_path: Path, folder: Path) -> None:
    index = tmp_path / "ix"
    update_index(index, [folder], workers=1)
    with Index.open(index) as ix:
        assert people(ix) == {"Tony Blinken": (1, 2), "Sergei Lavrov": (1, 2)}
        assert ix.people("Blinken")[0].name == "Tony Blinken"
    write(folder, ["nursultan.txt"])
    update_index(index, [folder], workers=1)
    with Index.open(index) as ix:
        assert people(ix)["Antony J. Blinken"] == (2, 3)  # the fuller name, now that it is written
        assert "Tony Blinken" in ix.people("Blinken")[0].aliases
        assert ix.search("", filters=Filters(dateline="Astana"), count=True).total == 2  # Nur-Sultan is Astana
    (folder / "munich.txt").unlink()
    (folder / "astana.txt").write_text(STORIES["astana.txt"].replace("Sergei", "Sergey"), encoding="utf-8")
    update_index(index, [folder], workers=1)
    with Index.open(index) as ix:
        assert people(ix) == {"Antony J. Blinken": (1, 1), "Sergey Lavrov": (1, 2)}
        assert ix.quotes("sanctions").quotes == ()  # the removed file's statements went with it
        with pytest.raises(UnknownFilterValue, match="Munich"):
            ix.search("", filters=Filters(dateline="Munich"))


def test_statements_of_a_run_killed_between_its_two_commits_are_dropped(tmp_path: Path, folder: Path) -> None:
    """The statements index commits first; a file it holds but the articles' index does not is read again
    by the next run, which must not keep the first copy of its statements."""
    index = tmp_path / "ix"
    update_index(index, [folder], workers=1)
    shutil.copytree(index, tmp_path / "before")
    write(folder, ["nursultan.txt"])
    update_index(index, [folder], workers=1)
    # The articles of the state before the second run, with the statements of the state after it.
    for p in index.iterdir():
        if p.is_file() and p.name != "writer.lock":
            p.unlink()
    for p in (tmp_path / "before").iterdir():
        if p.is_file() and p.name != "writer.lock":
            shutil.copy(p, index / p.name)
    with open_statements(index).reader() as r:
        assert r.doc_count() == 5
    update_index(index, [folder], workers=1)
    with Index.open(index) as ix:
        assert ix.quotes("Central Asia", count=True).total == 1
    with open_statements(index).reader() as r:
        assert r.doc_count() == 5


def test_facets_count_every_match_as_the_documents_say(tmp_path: Path, folder: Path) -> None:
    write(folder, ["nursultan.txt"])
    update_index(tmp_path / "ix", [folder], workers=1)
    with Index.open(tmp_path / "ix") as ix:
        result = ix.search("said", limit=1, facets=True)
        assert result.total == 3 and len(result.hits) == 1 and result.facets is not None
        docs = [ix.get(str((folder / name).absolute())) for name in ("astana.txt", "munich.txt", "nursultan.txt")]
        months = Counter(d.date.isoformat()[:7] for d in docs if d.date)
        assert dict(result.facets.months) == dict(months)
        assert dict(result.facets.speakers) == {"Antony J. Blinken": 2, "Sergei Lavrov": 1}
        assert dict(result.facets.datelines) == {"ASTANA": 2, "Munich, Germany": 1}  # with NUR-SULTAN
        quotes = ix.quotes("", filters=Filters(speaker="Blinken"), facets=True)
        assert quotes.total == 3 and quotes.facets is not None and dict(quotes.facets.speakers) == {
            "Antony J. Blinken": 3}


def test_a_filter_naming_nothing_is_a_query_error_with_close_names(tmp_path: Path, folder: Path) -> None:
    update_index(tmp_path / "ix", [folder], workers=1)
    with Index.open(tmp_path / "ix") as ix, pytest.raises(QueryError, match="close: Sergei Lavrov"):
        ix.quotes("water", filters=Filters(speaker="Lavrof"))
