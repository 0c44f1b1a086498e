"""Output safety: text that came from documents never reaches a terminal with control or escape sequences.

A saved page can carry ESC sequences (retitle the window, clear the screen, fake a prompt) in
its title, body, dateline or even its file name. Every command that prints document text must
strip them; the only escape sequences allowed in output are the renderer's own emphasis.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from searchidx.cli import cli
from searchidx.indexing import update_index
from searchidx.models import Hit, Snippet
from searchidx.render import BOLD, DIM, RESET, hits_text, safe, snippet_text
from searchidx.index import Index

# C0 controls other than tab and newline, DEL, C1 controls (0x9b is a one-byte CSI).
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HOSTILE = "\x1b]0;owned\x07\x1b[2J\x1b[31m\x9b1m\r\x08\x00"
# What a page carries (a few NULs or backspaces more and the file counts as binary, and is skipped).
IN_PAGE = "\x1b]0;owned\x07\x1b[2J\x1b[31m\x9b1m\r"


def without_our_markup(text: str) -> str:
    for seq in (BOLD, RESET, DIM):
        text = text.replace(seq, "")
    return text


controlled_text = st.text(alphabet=st.characters(max_codepoint=0x2FF) | st.sampled_from(list(HOSTILE)), max_size=80)


@given(controlled_text)
def test_safe_leaves_no_control_characters(text: str) -> None:
    assert not UNSAFE.search(safe(text))


@given(controlled_text, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=4))
def test_a_highlighted_snippet_carries_only_our_emphasis(text: str, spans: list[tuple[int, int]]) -> None:
    pos, matches = 0, []
    for a, b in sorted((min(a, b), max(a, b)) for a, b in spans):
        if pos <= a < b <= len(text):
            matches.append((a, b))
            pos = b
    out = snippet_text(Snippet(text, tuple(matches)), color=True)
    assert not UNSAFE.search(without_our_markup(out))


@pytest.fixture
def hostile_index(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / f"evil{IN_PAGE[:9]}name.txt"
    doc.write_text(
        f"Ministers {IN_PAGE} meet\n\nMUNICH{IN_PAGE} — Foreign Minister Wang Yi said{IN_PAGE} the talks "
        f"on Central Asia went well.{IN_PAGE}\n\n\"We agree,\" said Sergei Lavrov{IN_PAGE}.\n",
        encoding="utf-8",
    )
    index = tmp_path / "index"
    update_index(index, [folder], workers=1)
    return index, doc


def every_command(index: Path, doc: Path, runner: CliRunner) -> tuple[dict[str, Result], Hit]:
    """What query, show, stats, extract and check print about the document ``doc`` in ``index``,
    and the hit ``show`` was asked for."""
    with Index.open(index) as ix:
        hit = ix.search("talks").hits[0]
    return {
        "query": runner.invoke(cli, ["query", "talks", "--index", str(index)]),
        "show": runner.invoke(cli, ["show", hit.id, "--index", str(index)]),
        "stats": runner.invoke(cli, ["stats", "--index", str(index)]),
        "extract": runner.invoke(cli, ["extract", str(doc)]),
        "check": runner.invoke(cli, ["check", str(doc.parent), "--index", str(index)]),
    }, hit


def test_every_command_strips_document_escapes(hostile_index: tuple[Path, Path], runner: CliRunner) -> None:
    outputs, _ = every_command(*hostile_index, runner)
    for name, result in outputs.items():
        assert result.exit_code == 0, (name, result.output)
        assert not UNSAFE.search(result.stdout), (name, result.stdout)
        assert not UNSAFE.search(result.stderr), (name, result.stderr)
    assert "talks" in outputs["query"].stdout


def test_json_output_escapes_every_control_character(hostile_index: tuple[Path, Path], runner: CliRunner) -> None:
    index, doc = hostile_index
    with Index.open(index) as ix:
        hit = ix.search("talks").hits[0]
    outputs = {
        "query --json": runner.invoke(cli, ["query", "talks", "--json", "--index", str(index)]),
        "show --json": runner.invoke(cli, ["show", hit.id, "--json", "--index", str(index)]),
        "extract --json": runner.invoke(cli, ["extract", "--json", str(doc)]),
    }
    assert json.loads(outputs["query --json"].stdout)["hits"][0]["path"] == hit.path  # escaped, yet the data is intact
    for name, result in outputs.items():
        assert result.exit_code == 0, (name, result.output)
        assert not UNSAFE.search(result.stdout), (name, result.stdout)


def test_coloured_hits_carry_only_our_emphasis(hostile_index: tuple[Path, Path]) -> None:
    index, _ = hostile_index
    with Index.open(index) as ix:
        hits = ix.search("talks Central Asia").hits
    out = hits_text(hits, color=True)
    assert BOLD in out
    assert not UNSAFE.search(without_our_markup(out)), repr(out)


# Invisible characters and user-given names (issue 15).

# Bidirectional overrides and isolates, zero-width characters, line and paragraph separators.
INVISIBLE = "\u202e\u2066\u2067\u2068\u2069\u200b\u200d\u2060\ufeff\u2028\u2029"
SHOWN_UNSAFE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{INVISIBLE}]")


@pytest.fixture
def invisible_index(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "txt.\u202eexe\u2028x.txt"
    doc.write_text(f"Ministers\u202e meet\u200b\n\nMUNICH{INVISIBLE} — Foreign Minister Wang Yi said the talks "
                   f"on Central Asia{INVISIBLE} went well.\n\n\"We agree,\" said Sergei Lavrov.\n", encoding="utf-8")
    index = tmp_path / "index"
    update_index(index, [folder], workers=1)
    return index, doc


def test_no_command_shows_invisible_or_reordering_characters(invisible_index: tuple[Path, Path],
                                                              runner: CliRunner) -> None:
    outputs, hit = every_command(*invisible_index, runner)
    index, doc = invisible_index
    for name, result in outputs.items():
        assert result.exit_code == 0, (name, result.output)
        assert not SHOWN_UNSAFE.search(result.stdout.replace("\n", "")), (name, result.stdout)
        assert not SHOWN_UNSAFE.search(result.stderr.replace("\n", "")), (name, result.stderr)
    for name in ("query --json", "show --json", "extract --json"):
        args = {"query --json": ["query", "talks"], "show --json": ["show", hit.id],
                "extract --json": ["extract", str(doc)]}[name]
        result = runner.invoke(cli, [*args, "--json"] + (["--index", str(index)] if "extract" not in name else []))
        assert not SHOWN_UNSAFE.search(result.stdout.replace("\n", "")), (name, result.stdout)
        assert INVISIBLE[0] in json.dumps(json.loads(result.stdout.splitlines()[0] if "extract" in name
                                                     else result.stdout), ensure_ascii=False)  # data intact


def test_show_keeps_each_field_on_its_line(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "two\nlines.txt").write_text("Talks\n\nMUNICH — The talks went on.\n", encoding="utf-8")
    index = tmp_path / "index"
    update_index(index, [folder], workers=1)
    result = runner.invoke(cli, ["show", str(folder / "two\nlines.txt"), "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"       id: {folder}/two\\nlines.txt"


def test_names_given_by_the_user_are_shown_escaped(tmp_path: Path, runner: CliRunner,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A hostile file name in the warning about a file cut short, and paths the user typed in
    "no such file", "no index at" and the summary line, reached the terminal raw."""
    from searchidx import corpus

    evil = "\x1b]52;c;aGk=\x07\x1b[2J\u202e"
    folder = tmp_path / f"docs{evil}"
    folder.mkdir()
    (folder / f"big{evil}.txt").write_text("Talks\n\nMUNICH — " + "The talks went on. " * 200, encoding="utf-8")
    monkeypatch.setattr(corpus, "MAX_BYTES", 1000)
    outputs = [
        runner.invoke(cli, ["index", str(folder), "--index", str(tmp_path / f"index{evil}"), "--workers", "1"]),
        runner.invoke(cli, ["index", str(tmp_path / f"none{evil}"), "--index", str(tmp_path / "index")]),
        runner.invoke(cli, ["query", "talks", "--index", str(tmp_path / f"none{evil}")]),
        runner.invoke(cli, ["extract", str(folder)]),
    ]
    assert "warning: " in outputs[0].stderr and "larger than 0 MB" in outputs[0].stderr
    assert "no such file or folder" in outputs[1].stderr and "no index at" in outputs[2].stderr
    assert "warning: " in outputs[3].stderr
    for result in outputs:
        assert not SHOWN_UNSAFE.search(result.stderr.replace("\n", "")), result.stderr
        assert "\\x1b]52" in result.stderr
