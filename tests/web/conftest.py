"""Fixtures of the web tests: the folder of webdocs.py indexed once, and a test client over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from webdocs import write_copies, write_folder

from searchidx import Index


@pytest.fixture(scope="session")
def web_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_folder(tmp_path_factory.mktemp("web") / "news")


@pytest.fixture(scope="session")
def web_index(web_folder: Path) -> Path:
    """An index of ``web_folder`` shared by the web tests, which only read it."""
    from searchidx.indexing import update_index

    index = web_folder.parent / "index"
    report = update_index(index, [web_folder], workers=1)
    assert not report.failed, report.failed
    return index


@pytest.fixture
def client(web_index: Path) -> Iterator[TestClient]:
    """The app over ``web_index`` through Starlette's test client (a loopback Host header)."""
    from searchidx.web import create_app

    with TestClient(create_app(Index.open(web_index)), base_url="http://127.0.0.1:8765") as c:
        yield c


@pytest.fixture(scope="session")
def copies_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of webdocs.write_copies's folder: one story in five copies, and two others."""
    from searchidx.indexing import update_index

    base = tmp_path_factory.mktemp("copies")
    update_index(base / "index", [write_copies(base / "news")], workers=1)
    return base / "index"


@pytest.fixture
def copies_client(copies_index: Path) -> Iterator[TestClient]:
    from searchidx.web import create_app

    with TestClient(create_app(Index.open(copies_index)), base_url="http://127.0.0.1:8765") as c:
        yield c
