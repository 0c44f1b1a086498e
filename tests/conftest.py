"""Shared fixtures: a click runner, the seed article, and a small indexed folder; the Hypothesis profile."""

from __future__ import annotations

import gc
import os
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

# Property tests run the same examples on every run and every machine (derandomized, no example
# database), and are never timed: a test that fails only on a loaded machine is a broken test.
# HYPOTHESIS_PROFILE=explore searches afresh each run while developing.
settings.register_profile("searchidx", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "searchidx"))

ROOT = Path(__file__).resolve().parent.parent
SEED_NAME = "000_147f1172ebdf106e.txt"


@pytest.fixture
def damaged_files_closed() -> Iterator[None]:
    """After a test that reads damaged index files: close what Whoosh left open when reading them
    failed, here, so that CPython's ResourceWarning is not raised later inside another test."""
    yield
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seed_path() -> Path:
    """The article the project was specified from, as shipped in corpus/."""
    return ROOT / "corpus" / SEED_NAME


@pytest.fixture
def news_dir(tmp_path: Path, seed_path: Path) -> Path:
    """A folder with the seed and two short wire stories written for the tests."""
    d = tmp_path / "news"
    d.mkdir()
    shutil.copy(seed_path, d / SEED_NAME)
    (d / "tashkent.txt").write_text(
        "Uzbekistan hosts regional talks\n\n"
        "TASHKENT, March 3 (Reuters) - Foreign ministers of Central Asia met in Tashkent on Tuesday "
        "to discuss water sharing and trade routes, officials said.\n\n"
        "\"Regional cooperation is our priority,\" Uzbek Foreign Minister Abdulaziz Kamilov said.\n",
        encoding="utf-8",
    )
    (d / "brussels.txt").write_text(
        "EU ministers discuss sanctions\n\n"
        "BRUSSELS, March 4 (Reuters) - European Union foreign ministers discussed new sanctions "
        "on Wednesday, diplomats said.\n",
        encoding="utf-8",
    )
    return d


@pytest.fixture
def index_dir(tmp_path: Path, news_dir: Path) -> Path:
    """An index of ``news_dir``."""
    from searchidx.indexing import update_index

    ix = tmp_path / "index"
    update_index(ix, [news_dir], workers=1)
    return ix
