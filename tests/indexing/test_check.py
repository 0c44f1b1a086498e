"""`searchidx check`: the index read back whole and compared with the folder; schema versions."""

from __future__ import annotations

import gc
import json
import os
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from searchidx.indexing import check_index
from searchidx.cli import EXIT_SKIPPED, cli
from searchidx.errors import IndexDamaged, IndexNotFound, SearchidxError
from searchidx.indexing import update_index
from searchidx.index import Index


def story(word: str) -> str:
    return f"Envoys meet\n\nASTANA, March 3 (Xinhua) -- The {word} talks went well, officials said.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    for word in ("alpha", "bravo", "charlie"):
        (d / f"{word}.txt").write_text(story(word))
    return d


@pytest.fixture
def index(tmp_path: Path, folder: Path) -> Path:
    ix = tmp_path / "index"
    update_index(ix, [folder], workers=1)
    return ix


def test_an_index_in_step_with_its_folder_is_ok(index: Path, folder: Path, runner: CliRunner) -> None:
    report = check_index(index, [folder])
    assert report.ok and report.documents == 3 and report.files == 3
    result = runner.invoke(cli, ["check", str(folder), "--index", str(index)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "3 documents, 3 files: 0 missing, 0 changed, 0 orphan\n"


def test_missing_changed_and_orphan_documents_are_listed(index: Path, folder: Path, runner: CliRunner) -> None:
    (folder / "delta.txt").write_text(story("delta"))
    (folder / "alpha.txt").write_text(story("alpha, changed,"))
    os.utime(folder / "alpha.txt", ns=(1, 1))
    (folder / "bravo.txt").unlink()
    (folder / "empty.txt").write_bytes(b"")
    result = runner.invoke(cli, ["check", str(folder), "--index", str(index)])
    assert result.exit_code == EXIT_SKIPPED
    assert result.stdout.splitlines() == [
        f"missing {folder / 'delta.txt'}",
        f"changed {folder / 'alpha.txt'}",
        f"orphan {folder / 'bravo.txt'}",
        f"unreadable {folder / 'empty.txt'}: empty file",
    ]
    update_index(index, [folder], workers=1)
    assert check_index(index, [folder]).ok


def test_without_a_folder_the_indexed_files_are_checked_on_disk(index: Path, folder: Path) -> None:
    (folder / "charlie.txt").unlink()
    os.utime(folder / "alpha.txt", ns=(1, 1))
    report = check_index(index)
    assert report.orphans == (str(folder / "charlie.txt"),)
    assert report.changed == (str(folder / "alpha.txt"),)


def test_a_damaged_index_says_rebuild(index: Path, runner: CliRunner) -> None:
    segments = [f for f in index.iterdir() if f.name.startswith("searchidx_") and f.suffix in (".seg", ".col", ".trm")]
    assert segments
    for segment in segments:  # compound or not, every segment file loses its second half
        segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])
    result = runner.invoke(cli, ["check", "--index", str(index)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: the index at {index} is damaged (")
    assert result.stderr.endswith("--rebuild`\n") and result.stderr.count("\n") == 1
    del result
    with warnings.catch_warnings():  # Whoosh leaves the damaged segment open when reading it fails
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


@pytest.mark.parametrize("version", [{"schema_version": 999}, {}, None])
def test_another_schema_version_says_rebuild_needed(index: Path, folder: Path, runner: CliRunner,
                                                    version: dict[str, int] | None) -> None:
    meta = index / "searchidx.json"
    if version is None:
        meta.unlink()
    else:
        meta.write_text(json.dumps(version))
    for args in (["query", "talks"], ["check"], ["stats"], ["index", str(folder)]):
        result = runner.invoke(cli, [*args, "--index", str(index)])
        assert result.exit_code == 1, (args, result.output)
        assert "rebuild needed" in result.stderr and result.stderr.count("\n") == 1, result.stderr
    result = runner.invoke(cli, ["index", str(folder), "--rebuild", "--index", str(index)])
    assert result.exit_code == 0, result.output
    with Index.open(index) as ix:
        assert ix.search("bravo", count=True).total == 1


def test_no_index_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound, match="searchidx index"):
        check_index(tmp_path / "nothing")


def test_a_file_named_as_the_folder_argument_must_exist(index: Path, tmp_path: Path) -> None:
    with pytest.raises(SearchidxError, match="no such file or folder"):
        check_index(index, [tmp_path / "gone"])


def test_without_a_folder_a_name_that_is_not_utf8_is_found_on_disk(tmp_path: Path, runner: CliRunner) -> None:
    """Issue 15: such a file was reported as an orphan (exit 3), its stored name being text."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in (b"caf\xe9.txt", b"back\\slash.txt"):
        with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
            fh.write(story(name.decode("latin-1")).encode())
    update_index(tmp_path / "index", [folder], workers=1)
    result = runner.invoke(cli, ["check", "--index", str(tmp_path / "index")])
    assert result.exit_code == 0, result.output
    assert result.stderr == "2 documents, 2 files: 0 missing, 0 changed, 0 orphan\n"
    os.unlink(os.path.join(os.fsencode(folder), b"caf\xe9.txt"))
    assert [p.rsplit("/", 1)[1] for p in check_index(tmp_path / "index").orphans] == ["caf\\xe9.txt"]


def test_a_commit_during_the_read_means_reading_again(index: Path, folder: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` beside a running `index`: a commit that deletes a table of contents or segment the read
    has found means reading again (articles, then statements), not "damaged, rebuild"; a file that
    stays missing is damage."""
    from whoosh.index import FileIndex

    real, raced = FileIndex.reader, []

    def racing(self: FileIndex, *args, **kwargs):  # type: ignore[no-untyped-def]
        if len(raced) < 2:  # the articles' reader the first time, the statements' the second
            raced.append(self.indexname)
            raise FileNotFoundError(2, "No such file or directory", "searchidx_1.seg")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(FileIndex, "reader", racing)
    report = check_index(index, [folder])
    assert len(raced) == 2 and report.ok and report.documents == 3

    def gone(self: FileIndex, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise FileNotFoundError(2, "No such file or directory", "searchidx_1.seg")

    monkeypatch.setattr(FileIndex, "reader", gone)
    with pytest.raises(IndexDamaged, match="rebuild"):
        check_index(index, [folder])


def test_xapian_check_reads_the_statements_too(folder: Path, tmp_path: Path) -> None:
    """A Xapian index whose statements database was damaged is damaged, as a Whoosh one is."""
    pytest.importorskip("xapian")
    from searchidx.engine.xapian.layout import STATEMENTS, local_path

    ix = tmp_path / "xapian"
    Index.create(ix, engine="xapian").close()
    update_index(ix, [folder], workers=1)
    assert check_index(ix, [folder]).ok
    tables = [f for f in local_path(ix, STATEMENTS).iterdir() if f.name.startswith("docdata.")]
    assert tables
    for table in tables:  # the statements' stored data loses its second half
        table.write_bytes(table.read_bytes()[: table.stat().st_size // 2])
    with pytest.raises(IndexDamaged, match="rebuild"):
        check_index(ix, [folder])
