"""The README stays true: its commands, its library example, its list of commands."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from searchidx.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def test_readme_starts_with_the_two_setup_commands() -> None:
    first, second = _blocks("sh")[:2]
    assert "pip install ." in first and "searchidx index corpus/" in first and 'searchidx query "Central Asia"' in first
    assert 'pip install -e ".[test]"' in second and "pytest" in second


def test_ci_runs_the_readme_test_command() -> None:
    second = _blocks("sh")[1].strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci.splitlines()


def test_every_command_is_documented() -> None:
    for name in cli.commands:
        assert f"searchidx {name}" in README, name


@pytest.mark.slow  # indexes the whole sample corpus in a process of its own, as the README's reader would
def test_library_example_runs(tmp_path: Path) -> None:
    (code,) = _blocks("python")
    os.symlink(ROOT / "corpus", tmp_path / "corpus")
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("Chinese, Russian FMs pledge mutual support on core interests 2020-02-16T10:16:00+08:00")
    assert any("Chinese, Russian FMs" in line for line in lines[1:])
