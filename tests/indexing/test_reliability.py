"""Crashes and concurrent use: nothing committed is lost, nothing half-written is seen, no lock outlives its writer.

Real `searchidx index` processes run on a generated folder with small batches (many
commits), and are killed with SIGKILL at several moments, interrupted with Ctrl-C (SIGINT
to the whole process group, as a terminal sends it), raced by a second writer and read by
queries while they commit. After each kill the index must open, answer with exactly the
documents of the batches committed so far, and the next run must reach the same final
state as an uninterrupted run.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from searchidx.cli import EXIT_INTERRUPTED, cli
from searchidx.errors import IndexLocked, IndexNotFound
from searchidx.engine.store import open_or_create
from searchidx.indexing.lock import WriterLock, interrupts_deferred
from searchidx.index import Index

FILES = 1200
BATCH = 50  # documents per commit in these runs: many commits in a short run
COMMON = "envoys"  # a word every generated article contains
# `searchidx index` with a smaller batch size; everything else as a user runs it.
RUNNER = ("import sys, searchidx.indexing.run as i; i.BATCH_DOCS = int(sys.argv.pop(1)); "
          "from searchidx.cli import main; main()")
WORDS = ("minister talks cooperation security trade summit border energy pipeline sanctions agreement "
         "delegation embassy treaty region stability dialogue partnership investment").split()

pytestmark = pytest.mark.slow

State = frozenset  # of (id, sig, stored text): what an index holds, compared between runs


def write_corpus(root: Path, n: int) -> None:
    rnd = random.Random(11)
    for i in range(n):
        folder = root / f"d{i % 12:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        words = " ".join(rnd.choice(WORDS) for _ in range(150))
        (folder / f"a{i:05d}.txt").write_text(
            f"{COMMON.title()} meet for round {i}\n\nASTANA, March 3 (Xinhua) -- The {COMMON} said marker{i} "
            f"{words}.\n", encoding="utf-8")


_started: list[subprocess.Popen[str]] = []


def start(corpus: Path, index: Path, *extra: str, batch: int = BATCH) -> subprocess.Popen[str]:
    """`searchidx index` in its own process group, so signals reach its workers as from a terminal."""
    proc = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(batch), "index", str(corpus), "--index", str(index), "--quiet", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    _started.append(proc)
    return proc


@pytest.fixture(autouse=True)
def _no_run_outlives_its_test() -> Iterator[None]:
    """A failed assertion must not leave a run writing (and its pipes open) into the next test."""
    yield
    while _started:
        proc = _started.pop()
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()


def finish(proc: subprocess.Popen[str], timeout: float = 300) -> tuple[int, str]:
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err


def state(index: Path) -> State:
    ix = open_or_create(index)
    with ix.reader() as reader:
        return State((f["id"], f["sig"], f["blob"]) for f in reader.all_stored_fields())


def group_gone(pgid: int, within: float = 10.0) -> bool:
    """True once no process of the group is left (workers included)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def wait_for_documents(index: Path, at_least: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if open_or_create(index).doc_count() >= at_least:
                return
        except IndexNotFound:
            pass
        time.sleep(0.05)
    raise AssertionError(f"fewer than {at_least} documents committed after {timeout}s")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reliability") / "corpus"
    write_corpus(root, FILES)
    return root


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[State, float]:
    """The final state of an uninterrupted run, and how long that run took."""
    index = tmp_path_factory.mktemp("reference") / "index"
    started = time.monotonic()
    code, err = finish(start(corpus, index))
    assert code == 0, err
    final = state(index)
    assert len(final) == FILES
    return final, time.monotonic() - started


def assert_consistent(index: Path, final: State) -> int:
    """The index opens, answers, and holds only documents exactly as the uninterrupted run wrote them."""
    now = state(index)
    assert now <= final, "a document differs from the uninterrupted run"
    with Index.open(index) as ix:
        result = ix.search(COMMON, limit=3, count=True)
        assert result.total == len(now)
        for hit in result.hits:
            assert ix.get(hit.id).body
    return len(now)


def test_sigkill_at_many_moments_keeps_what_was_committed_and_the_next_run_completes(
    corpus: Path, reference: tuple[State, float], tmp_path: Path,
) -> None:
    final, seconds = reference
    index = tmp_path / "index"
    rnd = random.Random(2024)
    # Very early (creating the index), then at random points through the remaining work.
    delays = [0.05, 0.15] + [rnd.uniform(0.05, 0.2) * seconds for _ in range(6)]
    counts, partial = [], 0
    for n, delay in enumerate(delays):
        proc = start(corpus, index)
        time.sleep(delay)
        if proc.poll() is None:
            # Alternately the whole group (kill -9 of a job) and the parent alone (the OOM killer):
            # its reading processes must then die too, not read on holding the index's files.
            (os.killpg if n % 2 else os.kill)(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)  # a surviving worker would hold the pipes open
        assert group_gone(proc.pid), "a worker outlived the killed run"
        try:
            counts.append(assert_consistent(index, final))
        except IndexNotFound:  # killed before Whoosh created the index: the next run must still work
            assert not counts, "the index disappeared after a kill"
            continue
        partial += 0 < counts[-1] < FILES
    assert counts == sorted(counts), "a killed run lost committed documents"
    assert partial >= 3, f"kills did not land mid-run: {counts}"
    code, err = finish(start(corpus, index))  # no --wait: no stale lock may block it
    assert code == 0, err
    assert state(index) == final


def test_sigkill_during_a_rebuild_leaves_the_whole_old_index(
    corpus: Path, reference: tuple[State, float], tmp_path: Path,
) -> None:
    """Issue 15: a rebuild deleted the old index first, so a kill in its first second left an empty
    index answering "no matches". Killed at any moment, it leaves the old index whole (or, once
    its one switch is made, the new one), and a queried index is never empty."""
    final, seconds = reference
    index = tmp_path / "index"
    assert finish(start(corpus, index))[0] == 0
    for n, delay in enumerate([0.05, 0.3, 0.25 * seconds, 0.6 * seconds, 0.9 * seconds]):
        proc = start(corpus, index, "--rebuild")
        time.sleep(delay)
        if proc.poll() is None:
            (os.killpg if n % 2 else os.kill)(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        assert group_gone(proc.pid)
        assert state(index) == final
        assert assert_consistent(index, final) == FILES
    code, err = finish(start(corpus, index, "--rebuild"))
    assert code == 0, err
    assert state(index) == final and not (index / ".rebuild").exists()


def test_ctrl_c_ends_with_one_line_and_keeps_committed_batches(
    corpus: Path, reference: tuple[State, float], tmp_path: Path,
) -> None:
    final, _ = reference
    index = tmp_path / "index"
    proc = start(corpus, index)
    wait_for_documents(index, 3 * BATCH)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C: the whole group
    code, err = finish(proc)
    assert code == EXIT_INTERRUPTED, err
    assert [line for line in err.splitlines() if line.strip()] == [
        f"interrupted: {index} keeps the batches committed so far; run the same command to finish"], err
    assert group_gone(proc.pid)
    assert assert_consistent(index, final) >= 3 * BATCH
    code, err = finish(start(corpus, index))
    assert code == 0, err
    assert state(index) == final


# Opening a reader while a commit deletes merged segments fails with FileNotFoundError, which
# Index retries; Whoosh's FileIndex.reader drops, unclosed, the segment readers it opened before
# the missing one. CPython closes their files as soon as the error is dropped, with a ResourceWarning.
@pytest.mark.filterwarnings("ignore:Exception ignored in. <_io.FileIO:pytest.PytestUnraisableExceptionWarning")
def test_queries_during_commits_always_see_a_whole_committed_state(corpus: Path, tmp_path: Path,
                                                                   runner: CliRunner) -> None:
    index = tmp_path / "index"
    proc = start(corpus, index, "--workers", "1")  # one worker: leave a core to the queries
    seen: list[int] = []
    whole = 0
    kept: Index | None = None
    try:
        while proc.poll() is None:
            try:
                if kept is None:
                    kept = Index.open(index)  # a long-lived reader refreshes after each commit
                with Index.open(index) as fresh:  # and a new one opens whatever is current
                    for ix in (kept, fresh):
                        before = ix._reader.doc_count()
                        result = ix.search(COMMON, limit=5, count=True)
                        if ix._reader.doc_count() == before:  # no commit landed while it ran
                            # Every document contains the word: the hits are the whole snapshot searched.
                            assert result.total == before, "a query saw part of a commit"
                            whole += 1
                        for hit in result.hits:
                            assert ix.get(hit.id).body
                        seen.append(result.total)
            except IndexNotFound:
                assert not seen, "the index disappeared"
            if len(seen) % 20 == 0:
                result = runner.invoke(cli, ["query", f"{COMMON} minister", "--index", str(index), "--json"])
                assert result.exit_code == 0 or (result.exit_code == 1 and "no index" in result.stderr), \
                    result.output
    finally:
        if kept is not None:
            kept.close()
    assert finish(proc)[0] == 0
    assert seen == sorted(seen), "a query saw fewer documents than one before it"
    assert len({n for n in seen if 0 < n < FILES}) >= 3, f"queries never ran between commits: {sorted(set(seen))}"
    assert whole >= 3, "no query ran between two commits"


def test_a_commit_between_finding_and_reading_the_schema_is_not_damage(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Whoosh's Index.schema reads the newest table of contents again: a commit that deletes the one
    just found (the race the test above met under load) means opening again, not "damaged, rebuild"."""
    from whoosh.index import FileIndex

    write_corpus(tmp_path / "corpus", 3)
    with Index.create(tmp_path / "index") as ix:
        ix.add([tmp_path / "corpus"], workers=1)
    real, raced = FileIndex._current_schema, []

    def racing(self: FileIndex):  # type: ignore[no-untyped-def]
        if not raced:
            raced.append(True)
            raise FileNotFoundError(2, "No such file or directory", "_searchidx_1.toc")
        return real(self)

    monkeypatch.setattr(FileIndex, "_current_schema", racing)
    with Index.open(tmp_path / "index") as ix:
        assert raced and ix.search(COMMON, limit=5).total == 3


def test_a_second_writer_is_told_who_holds_the_index_or_waits(
    corpus: Path, reference: tuple[State, float], tmp_path: Path,
) -> None:
    final, _ = reference
    index = tmp_path / "index"
    first = start(corpus, index)
    wait_for_documents(index, BATCH)
    code, err = finish(start(corpus, index))
    assert code == 1
    assert err.strip() == (f"Error: the index at {index} is being updated by process {first.pid}: "
                           f"try again when it finishes, or pass --wait SECONDS")
    code, err = finish(start(corpus, index, "--wait", "0.3"))
    assert code == 1 and f"process {first.pid} (waited 0.3s)" in err
    waiting = start(corpus, index, "--wait", "300")
    assert finish(first)[0] == 0
    code, err = finish(waiting)
    assert code == 0, err
    assert state(index) == final


def test_no_stale_lock_after_a_killed_writer(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    proc = start(corpus, index)
    wait_for_documents(index, BATCH)
    with pytest.raises(IndexLocked, match=f"process {proc.pid}"):
        WriterLock(index).acquire()
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()
    lock = WriterLock(index)
    lock.acquire()  # at once: the kernel dropped the dead writer's lock
    lock.release()


# The lock and the interrupt shield on their own, in this process.

def test_lock_names_its_holder_and_frees_on_release(tmp_path: Path) -> None:
    with WriterLock(tmp_path):
        with pytest.raises(IndexLocked, match=f"process {os.getpid()}"):
            WriterLock(tmp_path).acquire()
        started = time.monotonic()
        with pytest.raises(IndexLocked, match=r"\(waited 0.2s\)"):
            WriterLock(tmp_path, wait=0.2).acquire()
        assert time.monotonic() - started >= 0.2
    with WriterLock(tmp_path):
        pass


def test_a_forked_child_does_not_keep_the_lock(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path)
    lock.acquire()
    started, ready = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: outlive the parent's hold on the lock, as a pool worker may
        os.write(ready, b"up")
        time.sleep(2)
        os._exit(0)
    try:
        assert os.read(started, 2) == b"up"  # the child is running (its fork handlers are done)
        lock.release()
        with WriterLock(tmp_path):
            pass
    finally:
        os.waitpid(pid, 0)
        os.close(started)
        os.close(ready)


@pytest.mark.parametrize("parent_alive", [True, False])
def test_a_worker_whose_parent_died_before_it_started_leaves(parent_alive: bool) -> None:
    """Killed between forking a worker and the worker asking to die with it, the parent is gone
    before that request could help: the worker, adopted by another process, must leave."""
    code = ("import os, sys; from searchidx.indexing.lock import init_worker; "
            "init_worker(os.getppid() if sys.argv[1] == 'alive' else os.getppid() + 1); print('working')")
    done = subprocess.run([sys.executable, "-c", code, "alive" if parent_alive else "dead"],
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == ((0, "working") if parent_alive else (1, ""))


def test_ctrl_c_waits_for_the_end_of_a_commit() -> None:
    steps = []
    with pytest.raises(KeyboardInterrupt):
        with interrupts_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            steps.append("commit finished")
    assert steps == ["commit finished"]


def test_a_run_killed_while_creating_the_index_does_not_leave_rebuild_needed(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import searchidx.engine.store as store_module
    import searchidx.indexing.run as index_module

    real_create_in = store_module.windex.create_in

    def create_then_die(*args: object, **kwargs: object) -> object:
        real_create_in(*args, **kwargs)
        raise SystemExit("killed right after Whoosh created the index")

    one = tmp_path / "one"
    one.mkdir()
    (one / "a.txt").write_text((corpus / "d00" / "a00000.txt").read_text())
    monkeypatch.setattr(store_module.windex, "create_in", create_then_die)
    with pytest.raises(SystemExit):
        index_module.update_index(tmp_path / "index", [one], workers=1)
    monkeypatch.undo()
    assert index_module.update_index(tmp_path / "index", [one], workers=1).added == 1
