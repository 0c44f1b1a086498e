"""The warm index under load: a slow query neither stalls other requests nor holds its client forever."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from searchidx import Index
from searchidx.web import create_app
from searchidx.web.service import Busy, Library, TooSlow

# Long enough for a request to reach the app on a loaded machine; never waited for when things work.
PATIENCE = 30.0


class SlowIndex(Index):
    """An Index whose searches for "slow" wait until released: a pathological query on demand."""

    release = threading.Event()
    started = threading.Event()

    def search(self, text: str, **kwargs: Any) -> Any:  # type: ignore[override]
        if text == "slow":
            self.started.set()
            assert self.release.wait(PATIENCE)
        return super().search(text, **kwargs)


@pytest.fixture
def slow_index(web_index: Path) -> Iterator[SlowIndex]:
    SlowIndex.release = threading.Event()
    SlowIndex.started = threading.Event()
    ix = SlowIndex(web_index)
    yield ix
    SlowIndex.release.set()


def test_a_slow_query_leaves_other_requests_answered(slow_index: SlowIndex, web_folder: Path) -> None:
    app = create_app(slow_index)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        slow: dict[str, int] = {}
        worker = threading.Thread(target=lambda: slow.update(status=client.get("/?q=slow").status_code))
        worker.start()
        assert SlowIndex.started.wait(PATIENCE)
        start = time.monotonic()
        assert client.get("/?q=envoys").status_code == 200
        assert client.get("/article", params={"id": str(web_folder / "story01.txt")}).status_code == 200
        assert client.get("/api/search?q=marker3").json()["total"] == 1
        assert time.monotonic() - start < PATIENCE and worker.is_alive() and not slow
        SlowIndex.release.set()
        worker.join(PATIENCE)
        assert slow == {"status": 200}


def test_a_query_past_the_time_limit_is_answered_503_and_its_thread_freed_later(slow_index: SlowIndex) -> None:
    library = Library(slow_index, timeout=0.3)
    with TestClient(create_app(slow_index, library=library), base_url="http://127.0.0.1") as client:
        r = client.get("/?q=slow")
        assert r.status_code == 503 and "took more than 0.3 seconds" in r.text
        api = client.get("/api/search?q=slow")
        assert api.status_code == 503 and "took more than" in api.json()["error"]
        SlowIndex.release.set()
        deadline = time.monotonic() + PATIENCE
        while library._pending and time.monotonic() < deadline:
            time.sleep(0.01)
        assert library._pending == 0
        library.timeout = PATIENCE  # the freed thread answers; how fast depends on the machine's load
        assert client.get("/?q=envoys").status_code == 200


def test_calls_past_the_queue_are_refused_as_busy(slow_index: SlowIndex) -> None:
    library = Library(slow_index, threads=1, queue=1, timeout=PATIENCE)

    async def scenario() -> list[object]:
        first = asyncio.ensure_future(library.call(slow_index.search, "slow"))
        await asyncio.sleep(0)
        assert await asyncio.to_thread(SlowIndex.started.wait, PATIENCE)
        second = asyncio.ensure_future(library.call(slow_index.search, "envoys"))  # waits for the thread
        await asyncio.sleep(0)
        with pytest.raises(Busy):
            await library.call(slow_index.search, "envoys")
        SlowIndex.release.set()
        return list(await asyncio.gather(first, second))

    first, second = asyncio.run(scenario())
    assert first.hits == () and len(second.hits) == 10  # type: ignore[attr-defined]
    library.close()


def test_a_waiting_call_that_times_out_never_runs(slow_index: SlowIndex) -> None:
    library = Library(slow_index, threads=1, queue=4, timeout=0.2)
    ran: list[str] = []

    async def scenario() -> None:
        blocker = asyncio.ensure_future(library.call(slow_index.search, "slow"))
        await asyncio.to_thread(SlowIndex.started.wait, PATIENCE)
        with pytest.raises(TooSlow):
            await library.call(ran.append, "queued")
        SlowIndex.release.set()
        with pytest.raises(TooSlow):
            await blocker

    asyncio.run(scenario())
    library._pool.shutdown(wait=True)
    assert ran == [] and library._pending == 0
    slow_index.close()


def test_the_app_sees_a_commit_without_restarting(tmp_path: Path, web_folder: Path) -> None:
    from searchidx.indexing import update_index

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Envoys meet\n\nBERN, May 5 - Envoys met in Bern.\n", encoding="utf-8")
    update_index(tmp_path / "ix", [folder], workers=1)
    with TestClient(create_app(Index.open(tmp_path / "ix")), base_url="http://localhost") as client:
        assert client.get("/api/search?q=Kyrgyzstan").json()["total"] == 0
        (folder / "b.txt").write_text("Kyrgyz talks\n\nBISHKEK, May 5 - Kyrgyz officials met.\n", encoding="utf-8")
        update_index(tmp_path / "ix", [folder], workers=1)
        assert client.get("/api/search?q=Kyrgyzstan").json()["total"] == 1


class DamagedIndex(Index):
    """An Index whose files went bad under the server: every search raises the library's error."""

    def search(self, text: str, **kwargs: Any) -> Any:  # type: ignore[override]
        from searchidx.errors import IndexDamaged

        raise IndexDamaged("the index at X cannot be read back: rebuild it with `searchidx index DIR --rebuild`")


def test_a_library_failure_is_a_500_page_with_its_message(web_index: Path) -> None:
    with TestClient(create_app(DamagedIndex(web_index)), base_url="http://127.0.0.1") as client:
        r = client.get("/?q=envoys")
        assert r.status_code == 500 and "Cannot answer" in r.text
        assert re.findall(r'<p class="error" role="alert">([^<]*)</p>', r.text) == [
            "the index at X cannot be read back: rebuild it with `searchidx index DIR --rebuild`"]
        api = client.get("/api/search?q=envoys")
        assert api.status_code == 500 and api.json()["error"].startswith("the index at X cannot be read back")
