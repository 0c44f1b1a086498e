"""The Xapian engine finds what the Whoosh engine finds: the same folder indexed by both, asked the same things."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from searchidx import EngineNotInstalled, Filters, Index, IndexExists, QueryError
from searchidx.cli import cli
from searchidx.engine.choice import engine_of

pytest.importorskip("xapian")

from wirestories import write_stories  # noqa: E402 - tests/engine, on pytest's path

QUERIES = [
    "oil", "crude oil prices", "wheat harvest", '"strategic partnership"', "grain NOT wheat", "oil AND refinery",
    "refin*", "speaker:sato", "dateline:tokyo", "source:xinhua", "title:weighs", "interest rates OR drought",
    "date:[2020-01-01 to 2020-06-30]", "analysts watched the oil market closely while officials discussed exports",
    "Sato Volkova", "story 7", "NOT oil",
]
FILTERS = [
    Filters(speaker="Sato"), Filters(speaker="Irina Volkova"), Filters(source="TASS"), Filters(dateline="Geneva"),
    Filters(since=dt.date(2020, 3, 1), until=dt.date(2020, 12, 31)), Filters(source="Xinhua", since=dt.date(2021, 1, 1)),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_stories(tmp_path_factory.mktemp("wire") / "news", 90)[0].parent


@pytest.fixture(scope="module")
def both(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Index, Index]:
    base = tmp_path_factory.mktemp("ix")
    whoosh = Index.create(base / "whoosh", engine="whoosh")
    whoosh.add(folder, workers=2)
    xap = Index.create(base / "xapian", engine="xapian")
    xap.add(folder, workers=2)  # worker processes write parts, the parent commits them
    yield whoosh, xap
    whoosh.close()
    xap.close()


def _ids(ix: Index, text: str, filters: Filters | None = None, sort: str = "relevance") -> list[str]:
    return [h.id for h in ix.search(text, filters=filters, limit=1000, sort=sort, count=True).hits]


@pytest.mark.parametrize("text", QUERIES)
def test_a_query_finds_the_same_documents(both: tuple[Index, Index], text: str) -> None:
    whoosh, xap = both
    found = _ids(whoosh, text)
    assert found, text  # the folder has an answer for every query above
    assert sorted(_ids(xap, text)) == sorted(found)


@pytest.mark.parametrize("filters", FILTERS)
def test_filters_keep_the_same_documents(both: tuple[Index, Index], filters: Filters) -> None:
    whoosh, xap = both
    found = _ids(whoosh, "", filters)
    assert found
    assert sorted(_ids(xap, "", filters)) == sorted(found)
    assert sorted(_ids(xap, "oil", filters)) == sorted(_ids(whoosh, "oil", filters))


def test_sort_by_date_gives_the_same_order(both: tuple[Index, Index]) -> None:
    whoosh, xap = both
    found = _ids(xap, "oil OR grain", sort="date")
    assert found == _ids(whoosh, "oil OR grain", sort="date")
    days = [str(xap.get(i).date)[:10] for i in found]
    assert days == sorted(days, reverse=True)


def test_ranking_agrees_at_the_top(both: tuple[Index, Index]) -> None:
    """Not bit for bit (Xapian's idf and document length differ, see engine/xapian/ranking.py), but the
    best hits of a specific query are the same documents."""
    whoosh, xap = both
    for text in ("wheat harvest", "refinery output", "Volkova water sharing"):
        top_w, top_x = _ids(whoosh, text)[:5], _ids(xap, text)[:5]
        assert len(set(top_w) & set(top_x)) >= 3, (text, top_w, top_x)


def test_all_words_come_first(both: tuple[Index, Index]) -> None:
    _, xap = both
    hits = xap.search("wheat harvest", limit=1000).hits
    has_both = [("wheat" in (xap.get(h.id).body + (h.title or "")).lower()
                 and "harvest" in (xap.get(h.id).body + (h.title or "")).lower()) for h in hits]
    assert has_both == sorted(has_both, reverse=True)  # every all-words match ranks above every partial one


def test_documents_stats_and_snippets_match(both: tuple[Index, Index], folder: Path) -> None:
    whoosh, xap = both
    some = str(sorted(folder.iterdir())[3])
    assert xap.get(some) == whoosh.get(some)
    assert xap.stats() == whoosh.stats()
    (hx,) = xap.search('"strategic partnership"', limit=1, sort="date").hits
    (hw,) = whoosh.search('"strategic partnership"', limit=1, sort="date").hits
    assert hx.id == hw.id and hx.snippet == hw.snippet
    assert any(hx.snippet.text[s:e].lower() == "strategic" for s, e in hx.snippet.matches)


def test_counts_and_suggestions(both: tuple[Index, Index]) -> None:
    whoosh, xap = both
    assert xap.search("oil", limit=3, count=True).total == whoosh.search("oil", limit=3, count=True).total
    assert xap.search("oil", limit=3).total is None
    # A misspelling is searched corrected, as the Whoosh engine does, with the word as written in the stories.
    for ix in both:
        result = ix.search("refinary", limit=3)
        assert result.hits and result.query == "refinery" and result.corrected_from == "refinary"
        result = ix.search("refinary", limit=3, correct=False)
        assert result.hits == () and result.suggestion == "refinery"
    with pytest.raises(QueryError):
        xap.search("AND OR")


def test_a_wildcard_standing_for_too_many_words_is_refused(both: tuple[Index, Index],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import searchidx.engine.xapian.translate as translate

    _, xap = both
    monkeypatch.setattr(translate, "MAX_EXPANDED_TERMS", 2)
    with pytest.raises(QueryError, match="o\\* stands for more than 2 indexed words"):
        xap.search("o*", limit=3)
    assert xap.search("oil*", limit=3).hits  # one word is within the budget


def test_an_update_replaces_and_removes(folder: Path, tmp_path: Path) -> None:
    news = tmp_path / "news"
    write_stories(news, 12)
    with Index.create(tmp_path / "ix", engine="xapian") as ix:
        ix.add(news, workers=1)
        (news / "wire-0003.txt").write_text("Lima hosts copper summit\n\nLIMA, May 2 (Reuters) -- Copper "
                                            "miners met in Lima, officials said.\n", encoding="utf-8")
        (news / "wire-0004.txt").unlink()
        report = ix.add(news, workers=1)
        assert (report.updated, report.removed, report.unchanged) == (1, 1, 10)
        assert [h.id for h in ix.search("copper").hits] == [str(news / "wire-0003.txt")]
        assert ix.stats().documents == 11
        assert ix.check().ok


def test_the_engine_is_chosen_once_and_kept(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEARCHIDX_ENGINE", "xapian")
    small = tmp_path / "small"
    write_stories(small, 3)
    ix = Index.open_or_create(tmp_path / "ix")
    ix.add(small)
    assert engine_of(tmp_path / "ix") == "xapian"
    monkeypatch.setenv("SEARCHIDX_ENGINE", "whoosh")  # a later run keeps the index's own engine
    ix.add(small)
    assert engine_of(tmp_path / "ix") == "xapian" and ix.stats().documents == 3
    with pytest.raises(IndexExists, match="--rebuild"):
        from searchidx.indexing import update_index

        update_index(tmp_path / "ix", [small], engine="whoosh")
    ix.close()


def test_the_cli_builds_and_queries_a_xapian_index(folder: Path, tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    ix = tmp_path / "ix"
    r = runner.invoke(cli, ["index", str(folder), "--index", str(ix), "--engine", "xapian", "-q"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["query", "wheat harvest", "--index", str(ix), "--json", "--limit", "3"])
    assert r.exit_code == 0 and '"path"' in r.output
    r = runner.invoke(cli, ["quotes", "working", "--index", str(ix), "--speaker", "Volkova", "--json"])
    assert r.exit_code == 0 and '"Irina Volkova"' in r.output, r.output
    r = runner.invoke(cli, ["people", "Volkova", "--index", str(ix)])
    assert r.exit_code == 0 and "Irina Volkova" in r.output and "Foreign Minister" in r.output, r.output
    r = runner.invoke(cli, ["check", "--index", str(ix)])
    assert r.exit_code == 0, r.output


def test_a_missing_xapian_says_how_to_install_it(tmp_path: Path, folder: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    with Index.create(tmp_path / "ix", engine="xapian") as ix:
        ix.add(sorted(folder.iterdir())[0])
    for name in [m for m in sys.modules if m == "xapian" or m.startswith("searchidx.engine.xapian")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delattr(sys.modules["searchidx.engine"], "xapian", raising=False)
    monkeypatch.setitem(sys.modules, "xapian", None)  # import xapian now fails, as when it is not installed
    with pytest.raises(EngineNotInstalled, match=r'pip install "searchidx\[xapian\]"'):
        Index.open(tmp_path / "ix")


@pytest.mark.parametrize(("text", "filters"), [("oil", Filters()), ("", Filters(source="Xinhua")),
                                               ("grain OR water", Filters(since=dt.date(2020, 6, 1)))])
def test_counts_over_every_match_are_the_match_spies(both: tuple[Index, Index], text: str, filters: Filters) -> None:
    from collections import Counter

    _, xap = both
    docs = [xap.get(h.id) for h in xap.search(text, filters=filters, limit=1000).hits]
    counts = xap._reader.counts(text, filters)  # type: ignore[attr-defined]
    assert counts.matches == len(docs)
    assert counts.speakers == Counter(s for d in docs for s in set(d.speakers))
    assert counts.sources == Counter(d.source for d in docs if d.source)
    assert counts.datelines == Counter(d.dateline for d in docs if d.dateline)
    assert counts.months == Counter(d.date.isoformat()[:7] for d in docs if d.date)


@pytest.mark.parametrize("text", ["oil", "grain OR water"])
def test_facets_and_people_are_the_same_on_both_engines(both: tuple[Index, Index], text: str) -> None:
    whoosh, xap = both
    fx, fw = xap.search(text, facets=True).facets, whoosh.search(text, facets=True).facets
    assert fx is not None and fw is not None
    for name in ("speakers", "sources", "datelines", "months"):  # equal counts may come in another order
        assert dict(getattr(fx, name)) == dict(getattr(fw, name)), name
    people = {p.name: (p.aliases, p.articles, p.first_date, p.last_date) for p in xap.people()}
    assert people == {p.name: (p.aliases, p.articles, p.first_date, p.last_date) for p in whoosh.people()}


QUOTE_QUERIES = [("oil", None), ("working", Filters(speaker="Volkova")), ("", Filters(speaker="Kenji Sato")),
                 ("grain OR water", Filters(source="Xinhua")), ('"keep working"', None),
                 ("wheat", Filters(since=dt.date(2020, 1, 1), until=dt.date(2020, 12, 31)))]


def _quoted(ix: Index, text: str, filters: Filters | None, sort: str = "relevance") -> list[tuple[str, str, str]]:
    return [(q.article.id, q.speaker, q.snippet.text)
            for q in ix.quotes(text, filters=filters, limit=1000, sort=sort, count=True).quotes]


@pytest.mark.parametrize(("text", "filters"), QUOTE_QUERIES)
def test_quotes_find_the_same_statements(both: tuple[Index, Index], text: str, filters: Filters | None) -> None:
    """Statements are a database of their own on Xapian, searched with the same syntax and filters."""
    whoosh, xap = both
    found = _quoted(whoosh, text, filters)
    assert found, text  # the folder has an answer for every query above
    assert sorted(_quoted(xap, text, filters)) == sorted(found)
    assert _quoted(xap, text, filters, "date") == _quoted(whoosh, text, filters, "date")
    assert xap.quotes(text, filters=filters, limit=1, count=True).total == len(found)


def test_quotes_rank_facets_and_people_as_on_whoosh(both: tuple[Index, Index]) -> None:
    whoosh, xap = both
    for text in ("oil", "wheat harvest", "working on refinery output"):
        top_w, top_x = _quoted(whoosh, text, None)[:5], _quoted(xap, text, None)[:5]
        assert len(set(top_w) & set(top_x)) >= 3, (text, top_w, top_x)
    fx, fw = xap.quotes("oil", facets=True).facets, whoosh.quotes("oil", facets=True).facets
    assert fx is not None and fw is not None
    for name in ("speakers", "sources", "datelines", "months"):
        assert dict(getattr(fx, name)) == dict(getattr(fw, name)), name
    assert xap.quotes("refinary").corrected_from == "refinary" and xap.quotes("refinary").quotes
    # Roles come from the statements' evidence: the registry knows them on both engines alike.
    assert [(p.name, p.roles, p.statements) for p in xap.people()] == \
        [(p.name, p.roles, p.statements) for p in whoosh.people()]
    assert any(p.roles for p in xap.people())


def test_statements_leave_the_articles_ranking_alone(both: tuple[Index, Index]) -> None:
    """Statements live in a database of their own: the articles' statistics count articles only."""
    _, xap = both
    reader = xap._reader  # type: ignore[attr-defined]
    assert reader._db().get_doccount() == xap.stats().documents
    assert reader._db("statements").get_doccount() == xap.quotes("", filters=Filters(since=dt.date(1900, 1, 1)),
                                                                 limit=1, count=True).total


def test_an_update_replaces_and_removes_statements(tmp_path: Path) -> None:
    news = tmp_path / "news"
    write_stories(news, 12)
    with Index.create(tmp_path / "ix", engine="xapian") as ix:
        ix.add(news, workers=1)
        before = ix.quotes("", filters=Filters(since=dt.date(1900, 1, 1)), limit=1, count=True).total
        gone = str(news / "wire-0004.txt")
        changed = str(news / "wire-0003.txt")
        (news / "wire-0003.txt").write_text("Lima hosts copper summit\nUpdated: May 2,2021 10:00 AM Reuters\n\n"
                                            "LIMA, May 2 (Reuters) -- \"Copper will carry us,\" Mining Minister "
                                            "Rosa Quispe said.\n", encoding="utf-8")
        lost = len([q for q in ix.quotes("", filters=Filters(since=dt.date(1900, 1, 1)), limit=1000).quotes
                    if q.article.id in (gone, changed)])
        (news / "wire-0004.txt").unlink()
        ix.add(news, workers=1)
        every = ix.quotes("", filters=Filters(since=dt.date(1900, 1, 1)), limit=1000, count=True)
        assert every.total == before - lost + 1
        assert gone not in {q.article.id for q in every.quotes}
        assert [(q.article.id, q.speaker) for q in ix.quotes("copper").quotes] == [(changed, "Rosa Quispe")]


def test_statements_whose_article_is_not_held_are_dropped(tmp_path: Path) -> None:
    """A run killed between the statements' commit and the articles' leaves statements alone: the next run drops them."""
    import xapian

    from searchidx.engine.xapian.documents import xapian_statement

    news = tmp_path / "news"
    write_stories(news, 3)
    with Index.create(tmp_path / "ix", engine="xapian") as ix:
        ix.add(news, workers=1)
        db = xapian.WritableDatabase(str(tmp_path / "ix" / "xapian-statements"), xapian.DB_OPEN)
        shown = {"statement": {"speaker": "Rosa Quispe", "cue": "said", "text": "orphan copper", "start": 0, "end": 13},
                 "article": {"path": "gone.txt"}, "body": "orphan copper"}
        db.add_document(xapian_statement({"id": "gone.txt\x1f1", "article": "gone.txt", "body": "orphan copper",
                                          "speakers": "Rosa Quispe", "speaker_name": b"Rosa Quispe",
                                          "blob": json.dumps(shown)}))
        db.commit()
        db.close()
        assert ix.quotes("copper", correct=False).total == 1
        write_stories(news / "more", 1, seed=3)
        ix.add(news, workers=1)
        assert ix.quotes("copper", correct=False).quotes == ()
