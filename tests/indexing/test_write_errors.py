"""Writes that fail: a full disk, a folder that refuses writes. One line, exit 1, and no files left over.

Issue 15: a full disk gave a 70-line traceback and left segment files that kept the disk full
until a later run; a write refused after the lock was taken gave a traceback. A full disk is
made here by RLIMIT_FSIZE (writes past the limit fail with EFBIG, as they fail with ENOSPC on
a full disk), in a real `searchidx index` process, with and without worker processes.
"""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from indexfiles import orphans
from click.testing import CliRunner

from searchidx import Index
from searchidx.cli import cli
from searchidx.indexing import check_index, update_index

# Bytes a file may grow to in the limited process: more than the small index's files, less
# than a segment of the stories added afterwards.
LIMIT = 64 * 1024


def _stories(folder: Path, start: int, n: int, words: int) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(start, start + n):
        text = " ".join(f"w{(i * 7 + k) % 5000}" for k in range(words))
        (folder / f"s{i:03d}.txt").write_text(f"Talks {i}\n\nVIENNA, March 3, 2021 (Reuters) - oil {text}.\n",
                                              encoding="utf-8")



def _limited(*args: str) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))

    return subprocess.run([sys.executable, "-m", "searchidx", *args], capture_output=True, text=True, timeout=600,
                          preexec_fn=limit)


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "news"
    _stories(folder, 0, 10, 20)
    index = tmp_path / "index"
    update_index(index, [folder], workers=1)
    return folder, index


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs RLIMIT_FSIZE")
@pytest.mark.parametrize("workers, rebuild", [(1, False), (2, False), (1, True)])
def test_a_full_disk_is_one_line_and_leaves_no_files_behind(small: tuple[Path, Path], workers: int,
                                                           rebuild: bool) -> None:
    folder, index = small
    _stories(folder, 10, 80, 800)  # enough for the worker processes, and more than LIMIT to write
    args = ["index", str(folder), "--index", str(index), "--workers", str(workers)] + (["--rebuild"] if rebuild else [])
    done = _limited(*args)
    assert done.returncode == 1, done.stderr
    kept = "the index is as it was before the rebuild" if rebuild else "the batches committed before are kept"
    assert done.stderr == f"Error: cannot write the index at {index}: File too large ({kept})\n"
    assert orphans(index) == set() and not (index / "searchidx.tmp").exists() and not (index / ".rebuild").exists()
    with Index.open(index) as ix:
        assert ix.search("oil", count=True).total == 10
    assert check_index(index).ok


def test_a_folder_that_refuses_writes_after_the_lock_is_one_line(small: tuple[Path, Path],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """An immutable folder, or one whose permissions changed: the lock file was there already."""
    from whoosh.filedb.filestore import FileStorage

    folder, index = small
    _stories(folder, 10, 3, 20)

    def refused(self: object, name: str, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", name)

    monkeypatch.setattr(FileStorage, "create_file", refused)
    result = CliRunner().invoke(cli, ["index", str(folder), "--index", str(index), "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert result.stderr == (f"Error: cannot write the index at {index}: Permission denied "
                             f"(the batches committed before are kept)\n")
