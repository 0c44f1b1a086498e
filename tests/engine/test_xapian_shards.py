"""Three xapian-tcpsrv shards on loopback answer exactly as one local Xapian database of the same documents."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from searchidx import Filters, Index, ShardUnavailable
from searchidx.cli import cli

if os.environ.get("CI"):  # CI installs both (.ci/run): a missing one is a broken install step, not a skip
    import xapian  # noqa: F401
    assert shutil.which("xapian-tcpsrv"), "xapian-tcpsrv is not installed: .ci/run installs xapian-tools"
pytest.importorskip("xapian")
if shutil.which("xapian-tcpsrv") is None:
    pytest.skip("xapian-tcpsrv is not installed (Debian: xapian-tools)", allow_module_level=True)

from wirestories import write_stories  # noqa: E402 - tests/engine, on pytest's path

from searchidx.engine.xapian.shards import free_port  # noqa: E402 - imports xapian

QUERIES = ["oil", "crude oil prices", '"strategic partnership"', "grain NOT wheat", "refin*", "speaker:sato",
           "interest rates OR drought", "analysts watched the oil market closely while officials discussed exports",
           "date:[2020-01-01 to 2020-06-30]"]
FILTERS = [Filters(), Filters(speaker="Volkova"), Filters(source="Xinhua", since=dt.date(2020, 1, 1))]


class ShardServer:
    """One `searchidx shard serve` process on two free loopback ports (articles, statements)."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.port = folder, free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "searchidx", "shard", "serve", str(self.folder), "--port", str(self.port),
             "--writable"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 30
        waiting = [self.port, self.port + 1]
        while waiting and time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", waiting[0]), timeout=1).close()
                waiting.pop(0)
            except OSError:
                time.sleep(0.05)
        if waiting:
            raise RuntimeError(f"shard on {self.port} did not start")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)  # the CLI and its xapian-tcpsrv
            self.process.wait()
        self.process = None


def _servers(base: Path) -> Iterator[list[ShardServer]]:
    servers = [ShardServer(base / f"s{i}") for i in range(3)]
    try:
        for s in servers:
            s.start()
        yield servers
    finally:
        for s in servers:
            s.kill()


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[ShardServer]]:
    """Three shards holding the module's index: tests that change what they hold use their own."""
    yield from _servers(tmp_path_factory.mktemp("shards"))


@pytest.fixture
def own_shards(tmp_path: Path) -> Iterator[list[ShardServer]]:
    yield from _servers(tmp_path / "shards")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_stories(tmp_path_factory.mktemp("wire") / "news", 80)[0].parent


@pytest.fixture(scope="module")
def pair(folder: Path, shards: list[ShardServer], tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Index, Index]]:
    base = tmp_path_factory.mktemp("ix")
    # One worker: with two, the order documents reach the database follows the machine's load, and
    # so does the order of tied hits that feedback reads its words from.
    local = Index.create(base / "local", engine="xapian")
    local.add(folder, workers=1)
    sharded = Index.create(base / "sharded", engine="xapian", shards=[s.address for s in shards])
    sharded.add(folder, workers=1)
    yield local, sharded
    local.close()
    sharded.close()


def _ranked(ix: Index, text: str, filters: Filters, sort: str = "relevance") -> list[tuple[str, float]]:
    return [(h.id, round(h.score, 9)) for h in ix.search(text, filters=filters, limit=50, sort=sort).hits]


def test_documents_are_spread_over_every_shard(pair: tuple[Index, Index], shards: list[ShardServer]) -> None:
    import xapian

    counts = [xapian.remote_open("127.0.0.1", s.port).get_doccount() for s in shards]
    assert sum(counts) == 80 and min(counts) > 10


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("filters", FILTERS)
def test_shards_rank_as_one_database(pair: tuple[Index, Index], text: str, filters: Filters) -> None:
    local, sharded = pair
    expected = _ranked(local, text, filters)
    assert _ranked(sharded, text, filters) == expected  # same ids, same order, same scores
    assert sharded.search(text, filters=filters, limit=2, count=True).total == \
        local.search(text, filters=filters, limit=2, count=True).total


QUOTES = [("oil", Filters()), ("working on the grain corridor", Filters()), ("", Filters(speaker="Volkova")),
          ("oil OR water", Filters(source="Xinhua", since=dt.date(2020, 1, 1))), ('"keep working"', Filters())]


def _quoted(ix: Index, text: str, filters: Filters, sort: str = "relevance") -> list[tuple[str, str, float]]:
    return [(q.article.id, q.snippet.text, round(q.score, 9))
            for q in ix.quotes(text, filters=filters, limit=50, sort=sort).quotes]


@pytest.mark.parametrize(("text", "filters"), QUOTES)
def test_shards_find_quotes_as_one_database(pair: tuple[Index, Index], shards: list[ShardServer], text: str,
                                            filters: Filters) -> None:
    """Each shard serves its statements on the port after its articles': quotes are ranked over all of them."""
    local, sharded = pair
    expected = _quoted(local, text, filters)
    assert expected, text
    assert _quoted(sharded, text, filters) == expected  # same statements, same order, same scores
    assert _quoted(sharded, text, filters, "date") == _quoted(local, text, filters, "date")
    got, want = (ix.quotes(text, filters=filters, limit=2, count=True, facets=True) for ix in (sharded, local))
    assert got.total == want.total and got.facets == want.facets


def test_statements_are_spread_with_their_articles(pair: tuple[Index, Index], shards: list[ShardServer]) -> None:
    import xapian

    local, sharded = pair
    counts = [xapian.remote_open("127.0.0.1", s.port + 1).get_doccount() for s in shards]
    every = Filters(since=dt.date(1900, 1, 1))
    assert sum(counts) == local.quotes("", filters=every, limit=1, count=True).total and min(counts) > 10
    assert sharded.people() == local.people() and any(p.roles for p in sharded.people())


def test_shards_sort_get_and_count_as_one_database(pair: tuple[Index, Index], folder: Path) -> None:
    local, sharded = pair
    for text in ("oil", "grain OR water"):  # facets: every shard's match spies added up
        assert sharded._reader.counts(text, Filters()) == local._reader.counts(text, Filters())  # type: ignore[attr-defined]
        # A search that returns hits counted them twice over shards, once returned: counted apart.
        got, want = (ix.search(text, limit=2, facets=True, count=True) for ix in (sharded, local))
        assert got.facets == want.facets and got.total == want.total
    assert _ranked(sharded, "oil OR water", Filters(), "date") == _ranked(local, "oil OR water", Filters(), "date")
    some = str(folder / "wire-0042.txt")
    assert sharded.get(some) == local.get(some)
    assert sharded.stats() == local.stats()
    hit = sharded.search('"strategic partnership"', limit=1).hits[0]
    assert hit.snippet == local.search('"strategic partnership"', limit=1).hits[0].snippet


def test_incremental_updates_reach_the_right_shard(folder: Path, own_shards: list[ShardServer], tmp_path: Path) -> None:
    shards = own_shards
    news = tmp_path / "news"
    shutil.copytree(folder, news)
    local = Index.create(tmp_path / "local", engine="xapian")
    sharded = Index.create(tmp_path / "sharded", engine="xapian", shards=[s.address for s in shards])
    try:
        sharded.add(news, workers=1)
        local.add(news, workers=1)
        (news / "wire-0007.txt").write_text("Lima hosts copper summit\n\nLIMA, May 2 (Reuters) -- Copper miners "
                                            "met in Lima to discuss oil and water, officials said.\n",
                                            encoding="utf-8")
        (news / "wire-0008.txt").unlink()
        write_stories(news / "more", 5, seed=7)
        for ix in (local, sharded):
            report = ix.add(news, workers=1)
            assert (report.added, report.updated, report.removed) == (5, 1, 1)
        assert sharded.stats().documents == local.stats().documents == 84
        for text in ("copper", "oil", "water sharing"):
            assert _ranked(sharded, text, Filters()) == _ranked(local, text, Filters())
            assert _quoted(sharded, text, Filters()) == _quoted(local, text, Filters())
        assert sharded.check([news]).ok
    finally:
        local.close()
        sharded.close()


def test_shards_collapse_copies_and_find_similar_as_one_database(own_shards: list[ShardServer],
                                                                 tmp_path: Path) -> None:
    """The groups are a file in the index's local folder; the stories among the matches are counted
    by a match spy on every shard, and "more like this" reads the article's term list from its shard."""
    news = tmp_path / "news"
    stories = write_stories(news, 30, seed=5)
    for n, original in enumerate(stories[:3]):  # republished with a portal's menu around them
        (news / f"copy-{n}.txt").write_text("Home | World | Business\n\n" + original.read_text(encoding="utf-8")
                                            + "\nRelated stories | Most read\n", encoding="utf-8")
    local = Index.create(tmp_path / "local", engine="xapian")
    sharded = Index.create(tmp_path / "sharded", engine="xapian", shards=[s.address for s in own_shards])
    try:
        local.add(news, workers=1)
        sharded.add(news, workers=1)
        assert len(sharded.groups()) == 3 and sharded.groups() == local.groups()
        for text in ("oil", "grain OR water OR rates OR talks OR oil"):
            got, expected = sharded.search(text, limit=5, count=True), local.search(text, limit=5, count=True)
            assert [(h.id, [c.id for c in h.copies]) for h in got.hits] == \
                [(h.id, [c.id for c in h.copies]) for h in expected.hits]
            assert (got.total, got.stories) == (expected.total, expected.stories)
        everything = sharded.search("", filters=Filters(since=dt.date(1990, 1, 1)), limit=2, count=True)
        assert everything.total == 33 and everything.stories == 30
        some = str(stories[0])
        assert [h.id for h in sharded.similar(some, limit=5).hits] == [h.id for h in local.similar(some, limit=5).hits]
        assert not {some, str(news / "copy-0.txt")} & {h.id for h in sharded.similar(some, limit=50).hits}
    finally:
        local.close()
        sharded.close()


def test_a_killed_shard_is_named_and_a_restarted_one_answers(pair: tuple[Index, Index], shards: list[ShardServer],
                                                             runner) -> None:  # type: ignore[no-untyped-def]
    local, sharded = pair
    victim = shards[1]
    victim.kill()
    try:
        with pytest.raises(ShardUnavailable, match=f"shard 127.0.0.1:{victim.port} does not answer"):
            Index.open(sharded.path).search("oil")
        with pytest.raises(ShardUnavailable, match=f"shard {victim.address} stopped answering"):  # an open index
            sharded.search("wheat harvest")
        r = runner.invoke(cli, ["query", "oil", "--index", str(sharded.path)])
        assert r.exit_code == 1
        assert r.output.count("\n") == 1 and f"127.0.0.1:{victim.port}" in r.output
        with Index.open(sharded.path, partial=True) as partial:
            result = partial.search("oil", limit=100)
            assert result.incomplete == (victim.address,)
            assert 0 < len(result.hits) < len(local.search("oil", limit=100).hits)
        r = runner.invoke(cli, ["query", "oil", "--index", str(sharded.path), "--partial"])
        assert r.exit_code == 0 and f"incomplete: shard {victim.address} did not answer" in r.output
    finally:
        victim.start()
    assert _ranked(sharded, "oil", Filters()) == _ranked(local, "oil", Filters())


def test_a_failed_commit_leaves_no_shard_half_written(own_shards: list[ShardServer], tmp_path: Path) -> None:
    import xapian

    shards = own_shards
    news = tmp_path / "news"
    write_stories(news, 30, seed=3)
    sharded = Index.create(tmp_path / "sharded", engine="xapian", shards=[s.address for s in shards])
    sharded.add(news, workers=1)
    before = [xapian.remote_open("127.0.0.1", s.port).get_doccount() for s in shards]
    write_stories(news / "new", 30, seed=4)
    victim = shards[2]
    from searchidx.engine.xapian import writing

    real_copy = writing.XapianBatch._copy

    def copy_then_lose_a_shard(self, part):  # type: ignore[no-untyped-def]
        real_copy(self, part)
        victim.kill()  # the last shard goes away after every document was sent, before the commit

    writing.XapianBatch._copy = copy_then_lose_a_shard
    try:
        with pytest.raises(ShardUnavailable, match=victim.address):
            sharded.add(news, workers=1)
    finally:
        writing.XapianBatch._copy = real_copy
        victim.start()
    after = [xapian.remote_open("127.0.0.1", s.port).get_doccount() for s in shards]
    assert after[:2] == before[:2]  # the shards that answered dropped the batch
    sharded.add(news, workers=1)  # the next run completes it
    assert sharded.stats().documents == 60
    sharded.close()


def test_serve_without_xapian_tcpsrv_names_the_package(tmp_path: Path, runner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path))
    r = runner.invoke(cli, ["shard", "serve", str(tmp_path / "s"), "--port", "8101", "--writable"])
    assert r.exit_code == 1
    assert "xapian-tcpsrv is not installed" in r.output and "xapian-tools" in r.output


def test_a_shard_whose_statements_port_is_taken_stops_whole(tmp_path: Path) -> None:
    """Half a shard (articles without statements) must not stay up: serve exits with the server that failed."""
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port + 1))
        taken.listen()
        # Its own session: xapian-tcpsrv that cannot listen stops its whole process group.
        done = subprocess.run([sys.executable, "-m", "searchidx", "shard", "serve", str(tmp_path / "s"), "--port",
                               str(port), "--writable"], capture_output=True, timeout=60, start_new_session=True)
    assert done.returncode != 0 and b"already in use" in done.stderr
    with socket.socket() as free:
        free.bind(("127.0.0.1", port))  # the articles' server is gone too
