"""Duplicate groups: formed from fingerprints, kept in step with the index run by run, without
reading the folder again."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from searchidx import Index
from searchidx.engine.groups import GROUPS_FILE, read_groups
from searchidx.indexing import documents, update_index
from searchidx.indexing.duplicates import PRINTS_FILE, Duplicates, load
from searchidx.indexing.fingerprint import fingerprint

STORIES = {
    "floods": ["ASTANA, May 3 - Foreign ministers of five Central Asian states agreed on Tuesday to build a shared "
               "early-warning system for floods on the Syr Darya, officials said after talks in the capital.",
               "The system, to cost 42 million dollars over four years, will link river gauges in four countries "
               "to a centre in Tashkent, the ministers said in a joint statement.",
               "Turkmenistan sent an observer but did not sign the statement, diplomats said."],
    "pipeline": ["BAKU, June 9 - Azerbaijan and Turkmenistan signed a memorandum on a gas pipeline under the "
                 "Caspian Sea on Wednesday, ending two decades of dispute over an offshore field.",
                 "The pipeline would carry up to 10 billion cubic metres a year to Europe, energy officials said, "
                 "though no date was set for construction to begin.",
                 "Russia and Iran have long opposed pipelines across the sea bed, citing ecological risks."],
    "railway": ["TASHKENT, July 2 - Uzbekistan, Kyrgyzstan and China agreed to start building a railway linking "
                "the three countries next year, the Uzbek transport ministry said on Friday.",
                "The 523-kilometre line would cut freight times between China and Europe by a week, officials said, "
                "and its cost would be shared under a formula still under discussion.",
                "Kyrgyz officials said the route through the mountains remained the hardest part of the plan."],
}


def page(story: str, *, keep: int | None = None, nav: str = "") -> str:
    paras = STORIES[story][:keep]
    return (f"{nav}\n\n" if nav else "") + f"{story.title()} news\n\n" + "\n\n".join(paras) + "\n"


def prints(*names: str) -> dict[str, object]:
    return {n: fingerprint("\n\n".join(STORIES[n.split("-")[0]][: 2 if n.endswith("short") else None]))
            for n in names}


def test_copies_form_one_group_and_other_stories_stay_apart() -> None:
    d = Duplicates(prints("floods", "floods-short", "pipeline", "railway", "railway-short"))  # type: ignore[arg-type]
    assert d.groups() == [("floods", "floods-short"), ("railway", "railway-short")]


def test_groups_do_not_depend_on_the_order_articles_come_in() -> None:
    every = prints("floods", "floods-short", "pipeline", "railway", "railway-short")
    expected = Duplicates(every).groups()  # type: ignore[arg-type]
    for seed in range(5):
        names = list(every)
        random.Random(seed).shuffle(names)
        d = Duplicates()
        for n in names:
            d.add(n, every[n])  # type: ignore[arg-type]
        assert d.groups() == expected


def test_removing_an_article_re_forms_its_group_from_the_others() -> None:
    every = prints("floods", "floods-short", "railway", "railway-short")
    d = Duplicates(every)  # type: ignore[arg-type]
    d.remove(["floods-short", "not-there"])
    assert d.groups() == [("railway", "railway-short")]
    d.add("floods-short", every["floods-short"])  # type: ignore[arg-type]
    assert d.groups() == [("floods", "floods-short"), ("railway", "railway-short")]
    d.remove(["railway"])
    assert d.groups() == [("floods", "floods-short")]
    d.add("floods-again", every["floods"])  # type: ignore[arg-type]
    d.remove(["floods"])  # the two left are copies of each other still
    assert d.groups() == [("floods-again", "floods-short")]


def test_removing_several_copies_of_one_story_at_once() -> None:
    """Copies changed in one run leave together: the group is re-formed from the members left, not from
    one removed a moment before (it raised KeyError, which ended the indexing run)."""
    every = prints("floods", "floods-short", "railway", "railway-short")
    every["floods-again"] = every["floods"]
    d = Duplicates(every)  # type: ignore[arg-type]
    d.remove(["floods", "floods-short"])
    assert d.groups() == [("railway", "railway-short")]
    d.remove(["railway", "railway-short"])
    assert d.groups() == [] and set(d.prints) == {"floods-again"}


def test_a_group_joined_through_a_middle_article_splits_when_that_one_goes() -> None:
    """Start and end of a long story, and the whole story between them: three in one group; without the
    whole story the two halves share nothing and part."""
    long = [f"Paragraph {i} of the summit story tells how the delegation from country {i} arrived, what its "
            f"leader said about the plan number {i}, and who met whom at the palace that evening." for i in range(12)]
    whole, start, end = "\n".join(long), "\n".join(long[:7]), "\n".join(long[5:])
    d = Duplicates({"whole": fingerprint(whole), "start": fingerprint(start), "end": fingerprint(end)})
    assert d.groups() == [("end", "start", "whole")]
    d.remove(["whole"])
    assert d.groups() == []


def test_saved_state_comes_back_as_it_was(tmp_path: Path) -> None:
    every = prints("floods", "floods-short", "pipeline")
    Duplicates(every).save(tmp_path, (7, 2))
    back, mended = load(tmp_path, (7, 2), set(every), lambda ids: iter(()))
    assert not mended
    assert back.prints == every and back.groups() == [("floods", "floods-short")]
    assert read_groups(tmp_path).members("floods-short") == ("floods", "floods-short")


def test_state_out_of_step_is_mended_from_the_stored_text(tmp_path: Path) -> None:
    """A generation the files were not written for, or an article without a fingerprint, is read from
    the index's stored text and everything is grouped again."""
    every = prints("floods", "pipeline")
    Duplicates(every).save(tmp_path, (3, 2))
    asked: list[set[str]] = []

    def stored(ids: set[str]):  # type: ignore[no-untyped-def]
        asked.append(ids)
        yield "floods-short", "\n\n".join(STORIES["floods"][:2])

    back, mended = load(tmp_path, (4, 2), {"floods", "floods-short"}, stored)
    assert mended and asked == [{"floods-short"}]
    assert sorted(back.prints) == ["floods", "floods-short"]  # pipeline's file entry is gone with its article
    assert back.groups() == [("floods", "floods-short")]
    (tmp_path / PRINTS_FILE).write_bytes(b"not a prints file")
    _, mended = load(tmp_path, (4, 2), {"floods"}, lambda ids: iter([("floods", STORIES["floods"][0])]))
    assert mended


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files indexing reads (cleans and extracts), in this process."""
    seen: list[str] = []
    real = documents.read_records

    def spy(src, known=None):  # type: ignore[no-untyped-def]
        seen.append(Path(src.path).name)
        return real(src, known)

    monkeypatch.setattr(documents, "read_records", spy)
    return seen


def names(groups: tuple[tuple[str, ...], ...]) -> list[list[str]]:
    return [[Path(i).name for i in g] for g in groups]


def test_incremental_runs_update_groups_without_reading_the_folder_again(tmp_path: Path, reads: list[str]) -> None:
    docs, ix = tmp_path / "docs", tmp_path / "index"
    docs.mkdir()
    (docs / "floods.txt").write_text(page("floods"), encoding="utf-8")
    (docs / "pipeline.txt").write_text(page("pipeline"), encoding="utf-8")
    update_index(ix, [docs], workers=1)
    with Index.open(ix) as index:
        assert index.groups() == ()

    reads.clear()
    (docs / "floods-copy.txt").write_text(page("floods", keep=2, nav="Home | World | Asia"), encoding="utf-8")
    update_index(ix, [docs], workers=1)
    assert reads == ["floods-copy.txt"]
    with Index.open(ix) as index:
        assert names(index.groups()) == [["floods-copy.txt", "floods.txt"]]

    reads.clear()
    (docs / "pipeline-copy.txt").write_text(page("pipeline"), encoding="utf-8")
    (docs / "floods.txt").unlink()
    update_index(ix, [docs], workers=1)
    assert reads == ["pipeline-copy.txt"]
    with Index.open(ix) as index:
        assert names(index.groups()) == [["pipeline-copy.txt", "pipeline.txt"]]

    reads.clear()
    (docs / "pipeline.txt").write_text(page("railway"), encoding="utf-8")  # the file now tells another story
    update_index(ix, [docs], workers=1)
    assert reads == ["pipeline.txt"]
    with Index.open(ix) as index:
        assert index.groups() == ()


def test_an_index_without_groups_gets_them_on_its_next_run_from_stored_text(tmp_path: Path, reads: list[str]) -> None:
    """An index written before grouping (or whose groups were lost) is grouped by the next run,
    even one with nothing to read, without reading a file."""
    docs, ix = tmp_path / "docs", tmp_path / "index"
    docs.mkdir()
    (docs / "a.txt").write_text(page("railway"), encoding="utf-8")
    (docs / "b.txt").write_text(page("railway", keep=2), encoding="utf-8")
    update_index(ix, [docs], workers=1)
    (ix / GROUPS_FILE).unlink()
    (ix / PRINTS_FILE).unlink()
    with Index.open(ix) as index:
        assert index.groups() == ()
    reads.clear()
    report = update_index(ix, [docs], workers=1)
    assert report.unchanged == 2 and reads == []
    with Index.open(ix) as index:
        assert names(index.groups()) == [["a.txt", "b.txt"]]


def test_a_rebuild_and_a_run_in_steps_give_the_same_groups(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    files = {"1.txt": page("floods"), "2.txt": page("floods", keep=2), "3.txt": page("pipeline"),
             "4.txt": page("railway"), "5.txt": page("railway", nav="Menu | News"), "6.txt": page("pipeline", keep=2)}
    for name in sorted(files)[:3]:
        (docs / name).write_text(files[name], encoding="utf-8")
    update_index(tmp_path / "steps", [docs], workers=1)
    for name in sorted(files)[3:]:
        (docs / name).write_text(files[name], encoding="utf-8")
    update_index(tmp_path / "steps", [docs], workers=1)
    update_index(tmp_path / "whole", [docs], workers=1, rebuild=True)
    with Index.open(tmp_path / "steps") as steps, Index.open(tmp_path / "whole") as whole:
        assert names(steps.groups()) == names(whole.groups()) == [["1.txt", "2.txt"], ["3.txt", "6.txt"],
                                                                   ["4.txt", "5.txt"]]
