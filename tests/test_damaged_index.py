"""A damaged or foreign index: every command answers or says so in one line; `check` always says so.

Each way an index's files get damaged (truncated, overwritten, deleted, another program's
Whoosh index in the folder) is tried with every command that reads an index. A command
may still answer when it does not read the damaged part (`stats` reads no postings), but
never with a traceback; `check` reads every part and must report the damage (issue 15:
truncated postings and a missing lengths file passed it, while every query then failed);
and `index --rebuild` must make the index whole again.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from searchidx.cli import cli
from searchidx.indexing import update_index

# Whoosh leaves a damaged segment's files open when reading them fails; CPython closes them
# when the error is dropped, with a ResourceWarning that pytest reports as unraisable.
pytestmark = [pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
              pytest.mark.usefixtures("damaged_files_closed")]


def _file(index: Path, suffix: str) -> Path:
    (path,) = [p for p in index.iterdir() if p.name.startswith("searchidx_") and p.name.endswith(suffix)]
    return path


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _overwrite(path: Path, start: float = 0.5, length: int = 24) -> None:
    data = bytearray(path.read_bytes())
    at = int(len(data) * start)
    data[at:at + length] = bytes(b ^ 0x5A for b in data[at:at + length])
    path.write_bytes(bytes(data))


def _foreign(index: Path) -> None:
    """Another program's Whoosh index under our index's name (our version file left in place)."""
    from whoosh import fields, index as windex

    for p in index.iterdir():
        if p.name.startswith(("searchidx_", "_searchidx_")):
            p.unlink()
    ix = windex.create_in(str(index), fields.Schema(body=fields.TEXT(stored=True), n=fields.NUMERIC), "searchidx")
    with ix.writer() as w:
        w.add_document(body="oil prices rose", n=3)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "table of contents truncated": lambda ix: _truncate(next(ix.glob("_searchidx_*.toc"))),
    "table of contents overwritten": lambda ix: _overwrite(next(ix.glob("_searchidx_*.toc")), 0.3, 400),
    "term dictionary truncated": lambda ix: _truncate(_file(ix, ".trm")),
    "term dictionary overwritten": lambda ix: _overwrite(_file(ix, ".trm"), 0.5, 200),
    "postings truncated": lambda ix: _truncate(_file(ix, ".pst")),
    "postings overwritten": lambda ix: _overwrite(_file(ix, ".pst"), 0.3, 300),
    "stored fields truncated": lambda ix: _truncate(_file(ix, "._stored.col")),
    "body lengths deleted": lambda ix: _file(ix, "._body_len.col").unlink(),
    "id column deleted": lambda ix: _file(ix, ".id.col").unlink(),
    "foreign whoosh index": _foreign,
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("damaged")
    docs = root / "docs"
    docs.mkdir()
    for i in range(30):
        (docs / f"s{i:02d}.txt").write_text(
            f"Oil talks {i}\n\nVIENNA, March {1 + i % 28}, 2021 (Reuters) - Oil prices rose as ministers "
            f"met for talks, Sergei Lavrov said. Marker{i} {'crude output quota ' * (i % 5)}\n", encoding="utf-8")
    update_index(root / "index", [docs], workers=1)
    return docs, root / "index"


@pytest.fixture(params=DAMAGE, ids=list(DAMAGE))
def damaged(request: pytest.FixtureRequest, pristine: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    docs, index = pristine
    copy = tmp_path / "index"
    shutil.copytree(index, copy)
    DAMAGE[request.param](copy)
    return docs, copy


def _one_line_or_answer(result, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args} raised {result.exception!r}") from result.exception
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert result.exit_code == 1, (args, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), (args, result.stderr)


def test_every_command_answers_or_says_what_is_wrong_in_one_line(damaged: tuple[Path, Path]) -> None:
    docs, index = damaged
    runner = CliRunner()
    commands = [["query", "oil"], ["query", "oil prices", "--sort", "date"], ["query", "quo*"], ["query", "*"],
                ["query", '"oil prices"'], ["show", str(docs / "s03.txt")], ["stats"], ["index", str(docs)]]
    for args in commands:
        _one_line_or_answer(runner.invoke(cli, [*args, "--index", str(index)]), args)


def test_check_reports_the_damage_and_a_rebuild_repairs_it(damaged: tuple[Path, Path]) -> None:
    docs, index = damaged
    runner = CliRunner()
    for args in (["check"], ["check", str(docs)]):
        result = runner.invoke(cli, [*args, "--index", str(index)])
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith("Error: ") and "rebuild" in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1
    result = runner.invoke(cli, ["index", str(docs), "--rebuild", "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["check", str(docs), "--index", str(index)]).exit_code == 0
    result = runner.invoke(cli, ["query", "marker7", "--json", "--index", str(index)])
    assert result.exit_code == 0 and '"s07.txt' in result.stdout.replace("/", '"')


def test_a_stored_column_cut_anywhere_is_reported_in_one_line(pristine: tuple[Path, Path], tmp_path: Path) -> None:
    """Where the cut falls decides what Whoosh's column reader trips on (a short read, a length too
    large for a C integer): every cut point must give an answer or the one-line error."""
    docs, index = pristine
    runner = CliRunner()
    for k in range(1, 40):
        copy = tmp_path / f"cut{k}"
        shutil.copytree(index, copy)
        column = _file(copy, "._stored.col")
        column.write_bytes(column.read_bytes()[: column.stat().st_size * k // 40])
        for args in (["query", "oil"], ["show", str(docs / "s03.txt")]):
            _one_line_or_answer(runner.invoke(cli, [*args, "--index", str(copy)]), [*args, f"cut {k}/40"])
