"""`index --rebuild`: the new index is built beside the old one, which answers until it is replaced whole.

Issue 15: a rebuild deleted the old index first, so a kill in its first second left an empty
index answering "no matches", an error halfway left it half-deleted ("rebuild needed" from
then on), and queries during a rebuild found nothing for its whole duration.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from indexfiles import orphans

from searchidx import Index
from searchidx.engine import rebuild, writing
from searchidx.errors import IndexLocked, IndexUnwritable
from searchidx.indexing import check_index, update_index
from searchidx.indexing import documents as documents_mod
from searchidx.indexing import run as run_mod
from searchidx.indexing.lock import WriterLock


def _folder(root: Path, words: str, n: int) -> Path:
    root.mkdir()
    for i in range(n):
        (root / f"s{i:02d}.txt").write_text(f"Talks {i}\n\nVIENNA, March 3, 2021 (Reuters) - {words} marker{i}.\n",
                                            encoding="utf-8")
    return root


@pytest.fixture
def old(tmp_path: Path) -> tuple[Path, Path]:
    """An index of 12 stories about oil, and a folder of 20 about grain to rebuild it from."""
    index = tmp_path / "index"
    update_index(index, [_folder(tmp_path / "oil", "oil prices rose", 12)], workers=1)
    return index, _folder(tmp_path / "grain", "grain corridor talks", 20)


def _answers(index: Path) -> tuple[int, int, int]:
    with Index.open(index) as ix:
        return (ix.stats().documents, ix.search("oil", count=True, limit=1).total or 0,
                ix.search("grain", count=True, limit=1).total or 0)



def test_a_rebuild_replaces_the_index_whole(old: tuple[Path, Path]) -> None:
    index, grain = old
    report = update_index(index, [grain], rebuild=True, workers=1)
    assert (report.added, report.documents) == (20, 20)
    assert _answers(index) == (20, 0, 20)
    assert not (index / rebuild.REBUILD_FOLDER).exists()
    assert check_index(index, [grain]).ok


def test_queries_during_a_rebuild_see_the_old_index_and_the_lock_is_held(old: tuple[Path, Path]) -> None:
    index, grain = old
    seen = []

    def during(done: int, total: int) -> None:
        seen.append(_answers(index))
        with pytest.raises(IndexLocked):
            WriterLock(index).acquire()

    update_index(index, [grain], rebuild=True, workers=1, progress=during)
    assert seen and set(seen) == {(12, 12, 0)}
    assert _answers(index) == (20, 0, 20)


@pytest.mark.parametrize("when", ["reading", "moving", "switching"])
def test_a_rebuild_that_fails_leaves_the_old_index_answering(old: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                                             when: str) -> None:
    """An OSError while reading files, while moving the new segments in, or while writing the new
    table of contents: the old index answers as before, `check` finds it whole, and nothing of the
    rebuild is left on disk."""
    index, grain = old
    real_read, real_replace, real_publish = documents_mod.read_records, os.replace, rebuild.publish
    if when == "reading":
        calls = []

        def failing_read(*args: object, **kwargs: object) -> object:
            calls.append(1)
            if len(calls) == 9:
                raise OSError(28, "No space left on device")
            return real_read(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(documents_mod, "read_records", failing_read)
    elif when == "moving":
        moved = []

        def failing_replace(src: object, dst: object) -> None:
            moved.append(dst)
            if len(moved) == 3:
                raise OSError(28, "No space left on device")
            real_replace(src, dst)  # type: ignore[arg-type]

        monkeypatch.setattr(rebuild.os, "replace", failing_replace)
    else:
        from whoosh.index import TOC

        def no_space(*args: object) -> None:
            raise OSError(28, "No space left on device")

        def publish_without_space(*args: object) -> None:
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(TOC, "write", no_space)
                real_publish(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(rebuild, "publish", publish_without_space)
    with pytest.raises(IndexUnwritable, match="No space left on device.*as it was before the rebuild"):
        update_index(index, [grain], rebuild=True, workers=1)
    monkeypatch.undo()
    assert _answers(index) == (12, 12, 0)
    assert check_index(index).ok
    assert not (index / rebuild.REBUILD_FOLDER).exists()
    assert all(p.split("/")[-1].startswith("searchidx_") for p in orphans(index))  # moved in
    update_index(index, [grain], workers=1)  # the next commit removes what a failed move left
    assert orphans(index) == set()


def test_a_rebuild_killed_midway_leaves_the_old_index_and_the_next_run_cleans_up(
        old: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    index, grain = old
    monkeypatch.setattr(run_mod, "BATCH_DOCS", 5)  # several commits inside the rebuild's own folder

    def killed(*args: object) -> None:
        raise SystemExit("killed")  # as a SIGKILL would: no clean-up runs after it

    monkeypatch.setattr(writing.WritableIndex, "abandon", lambda self: None)
    monkeypatch.setattr(rebuild, "publish", killed)
    with pytest.raises(SystemExit):
        update_index(index, [grain], rebuild=True, workers=1)
    monkeypatch.undo()
    assert (index / rebuild.REBUILD_FOLDER).is_dir()  # what the killed run left
    assert _answers(index) == (12, 12, 0)
    update_index(index, [grain], workers=1)  # an ordinary run: the old folder's files are read as before
    assert not (index / rebuild.REBUILD_FOLDER).exists()
    assert _answers(index) == (32, 12, 20)


def _quoted(root: Path, topic: str, n: int) -> Path:
    root.mkdir()
    for i in range(n):
        (root / f"q{i:02d}.txt").write_text(
            f"{topic.title()} talks {i}\n\nVIENNA, March 3, 2021 (Reuters) - Ministers met on {topic}.\n\n"
            f"\"The {topic} deal number {i} is close,\" Foreign Minister Sergei Lavrov said.\n", encoding="utf-8")
    return root


def test_a_rebuild_stopped_between_its_two_switches_is_finished_by_the_next_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The articles switched, the statements not yet (killed in between): the articles are the new
    ones, and the next run switches the statements too instead of dropping the rebuild."""
    index = tmp_path / "index"
    update_index(index, [_quoted(tmp_path / "oil", "oil", 6)], workers=1)
    grain = _quoted(tmp_path / "grain", "grain", 9)

    def killed(*args: object) -> None:
        raise SystemExit("killed")

    monkeypatch.setattr(writing.WritableIndex, "abandon", lambda self: None)
    monkeypatch.setattr(rebuild, "_finish_statements", killed)
    with pytest.raises(SystemExit):
        update_index(index, [grain], rebuild=True, workers=1)
    monkeypatch.undo()
    with Index.open(index) as ix:
        assert (ix.stats().documents, ix.search("grain", count=True).total) == (9, 9)
        assert ix.quotes("oil", count=True).total == 6  # the old statements, until the next run
    report = update_index(index, [grain], workers=1)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 9)
    assert not (index / rebuild.REBUILD_FOLDER).exists()
    with Index.open(index) as ix:
        assert (ix.quotes("grain", count=True).total, ix.quotes("oil", count=True).total) == (9, 0)
    assert check_index(index, [grain]).ok and orphans(index) == set()


def test_a_rebuild_of_an_index_of_another_version(old: tuple[Path, Path]) -> None:
    index, grain = old
    (index / "searchidx.json").write_text('{"schema_version": 1}\n')
    update_index(index, [grain], rebuild=True, workers=1)
    assert _answers(index) == (20, 0, 20)
