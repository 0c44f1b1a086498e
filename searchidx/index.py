"""Articles -> a Whoosh index: incremental, parallel updates (opening and stored text: store.py).

Each article becomes one document keyed by its id (the file path, plus ``#N`` for a
JSONL line). A run compares every file's size and modification time with what the index
stored, reads only new or changed files, deletes documents whose files are gone, and
commits in batches (at most two minutes of work each) so an interrupted run loses at most
one batch. The text itself is stored compressed beside the postings, for snippets.

Both cores share the work: a pool of processes reads, cleans and extracts the files and
also runs the analyzers, handing the writer lists of terms instead of text (Whoosh
indexes a list as tokens already analysed), so the one writer in this process only files
postings. One writer makes one segment per batch: every segment costs each later query
a little and repeats the term dictionary on disk.

Segments are kept as separate files (``compound=False``): opening one maps its files
instead of copying them into memory, which is most of a one-shot query's opening time.
Whoosh opens some of those files lazily, and a commit that merges a segment away deletes
them, so ``search.Index`` opens all of a searcher's files up front (``_hold_files``):
queries during a commit failed inside Whoosh's stored-field reader before it did.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as windex

from .corpus import Skipped, SourceFile, find_files, is_under
from .errors import IndexLocked
from .lock import WriterLock, init_worker, interrupts_deferred
from .models import Article
from .schema import INDEX_NAME
from .store import open_or_create, pack_text

log = logging.getLogger(__name__)

# A batch is committed after this many seconds or this many documents, whichever comes first:
# a crash loses at most that much work. Each batch adds a segment, and every segment costs each
# later query a little and repeats the term dictionary on disk, so batches are long.
BATCH_SECONDS = 120.0
BATCH_DOCS = 100_000
# Below this many files to read, a process pool costs more than it saves.
PARALLEL_MIN_FILES = 64
# Writer memory for buffering postings before spilling sorted runs to disk.
WRITER_LIMIT_MB = 256
# Files per task sent to a reading process, and tasks in flight per process.
READ_CHUNK = 16
READ_AHEAD = 4
# Text fields the reading processes analyse themselves (the writer then only files postings).
PREANALYSED = ("body", "title")
# Seconds to wait for Whoosh's own lock once ours is held (see _writer).
WHOOSH_LOCK_WAIT = 5.0

@dataclass
class IndexReport:
    """What one indexing run did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    documents: int = 0

    @property
    def failed(self) -> list[Skipped]:
        """Inputs that should have been indexed but could not be read (not the ignored file types)."""
        return [s for s in self.skipped if not s.ignored]


def _index_date(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    """The article's own calendar date and clock, as a naive datetime for range filters."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def article_document(article: Article, sig: str) -> dict[str, object]:
    """The Whoosh document for one article."""
    from hashlib import blake2b  # not needed to search: imported when indexing needs it

    doc: dict[str, object] = {
        "id": article.id,
        "path": article.path,
        "title": article.title or "",
        "body": article.body,
        "speakers": "\n".join(article.speakers),
        "dateline": article.dateline or "",
        "source": article.source or "",
        "date_iso": article.date_iso(),
        "speaker_list": list(article.speakers),
        "url": article.url,
        "sig": sig,
        "hash": blake2b(article.body.encode("utf-8"), digest_size=12).hexdigest(),
        "blob": pack_text(article),
    }
    when = _index_date(article.date)
    if when is not None:
        doc["date"] = when
    return doc


_analyzers: dict[str, Any] = {}  # PREANALYSED field -> the index's analyzer, set by _init_reader


def _init_reader(schema: Any, worker: bool = False) -> None:
    """Set up a reading process (or this one) to analyse text as the index ``schema`` does."""
    if worker:
        init_worker()
    _analyzers.clear()
    _analyzers.update((name, schema[name].analyzer) for name in PREANALYSED if name in schema)


def _read_documents(src: SourceFile) -> tuple[SourceFile, list[dict[str, object] | Skipped]]:
    """Worker: one file -> its documents, text fields already analysed (runs in a pool process)."""
    from .read import read_source  # the extraction pipeline is not needed to search

    out: list[dict[str, object] | Skipped] = []
    for item in read_source(src):
        out.append(item if isinstance(item, Skipped) else _preanalyse(article_document(item, src.signature)))
    return src, out


def _preanalyse(doc: dict[str, object]) -> dict[str, object]:
    """Replace text fields by their analysed terms, so the writer does not analyse them again.

    Whoosh indexes a list of strings as tokens already analysed, one position each (see
    ``whoosh.formats.tokens``); a stored field keeps its text under ``_stored_<name>``. The
    terms are exactly the analyzer's own, so a text whose tokens carry a boost or skip a
    position (which a list cannot say) is left for the writer to analyse.
    """
    from whoosh.formats import tokens

    for name, analyzer in _analyzers.items():
        text = doc.get(name)
        if not isinstance(text, str):
            continue
        terms = []
        for pos, t in enumerate(tokens(text, analyzer, {"positions": True, "boosts": True, "mode": "index"})):
            if t.pos != pos or t.boost != 1.0:
                break
            terms.append(t.text)
        else:
            doc[f"_stored_{name}"] = text
            doc[name] = terms
    return doc


def _indexed_files(ix: windex.Index) -> dict[str, tuple[str, list[str]]]:
    """path -> (signature, document ids) for every live document."""
    files: dict[str, tuple[str, list[str]]] = {}
    with ix.reader() as reader:
        for fields in reader.all_stored_fields():
            sig, ids = files.get(fields["path"], (fields.get("sig", ""), []))
            ids.append(fields["id"])
            files[fields["path"]] = (sig, ids)
    return files


ProgressFn = Callable[[int, int], None]


def update_index(
    index_dir: str | Path,
    paths: Iterable[str | Path],
    *,
    rebuild: bool = False,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    wait: float = 0.0,
) -> IndexReport:
    """Bring the index at ``index_dir`` up to date with the files under ``paths``.

    Only one process writes an index at a time: another waits up to ``wait`` seconds,
    then IndexLocked names the process holding it. Ctrl-C keeps the committed batches.
    """
    start = time.perf_counter()
    roots = [Path(p) for p in paths]
    files, skipped = find_files(roots)
    report = IndexReport(skipped=list(skipped))
    d = Path(index_dir)
    with WriterLock(d, wait=wait):
        return _update_locked(d, roots, files, report, start, rebuild, workers, progress)


def _update_locked(d: Path, paths: list[Path], files: list[SourceFile], report: IndexReport, start: float,
                   rebuild: bool, workers: int | None, progress: ProgressFn | None) -> IndexReport:
    if rebuild:
        _clear(d)
    ix = open_or_create(d, create=True)
    known = _indexed_files(ix)
    roots = [os.path.abspath(p) for p in paths]
    current = {f.path for f in files}
    gone = [p for p in known if p not in current and is_under(p, roots)]
    todo = [f for f in files if known.get(f.path, ("",))[0] != f.signature]
    report.unchanged = sum(len(known[f.path][1]) for f in files if f.path in known and f not in todo)
    if not gone and not todo:
        report.documents = ix.doc_count()
        report.seconds = time.perf_counter() - start
        return report
    # The reading processes start before the Whoosh writer (and its lock file) is opened,
    # so a worker outliving a killed run never holds the index's lock.
    writer: Any = None
    done = pending = 0
    began = time.monotonic()
    try:
        for src, items in _read_all(todo, workers, ix.schema):
            if writer is None:
                writer, pending, began = _writer(ix), 0, time.monotonic()
                for p in gone:
                    report.removed += writer.delete_by_term("path", p)
                gone = []
            done += 1
            had = known.get(src.path)
            if had:
                writer.delete_by_term("path", src.path)
            docs = [i for i in items if isinstance(i, dict)]
            report.skipped.extend(i for i in items if isinstance(i, Skipped))
            for doc in docs:
                writer.add_document(**doc)
            if had:
                report.updated += len(docs)
                report.removed += max(0, len(had[1]) - len(docs))
            else:
                report.added += len(docs)
            pending += len(docs)
            if pending >= BATCH_DOCS or time.monotonic() - began >= BATCH_SECONDS:
                with interrupts_deferred():
                    writer.commit()
                writer = None  # the next file opens the next batch's writer
            if progress:
                progress(done, len(todo))
        if writer is None:
            writer = _writer(ix)
            for p in gone:
                report.removed += writer.delete_by_term("path", p)
        with interrupts_deferred():
            writer.commit()
    except BaseException:
        if writer is not None and not writer.is_closed:
            writer.cancel()
        raise
    report.documents = ix.doc_count()
    report.seconds = time.perf_counter() - start
    return report


def _writer(ix: windex.Index):  # type: ignore[no-untyped-def]
    from whoosh.index import LockError

    try:
        # We hold the writer lock, so a Whoosh lock held now is a foreign or dying process: wait a little.
        return ix.writer(limitmb=WRITER_LIMIT_MB, timeout=WHOOSH_LOCK_WAIT, compound=False)
    except LockError:
        raise IndexLocked(f"the index at {ix.storage.folder} is being updated by another process") from None


def _read_all(todo: list[SourceFile], workers: int | None, schema: Any) -> Iterator[tuple[SourceFile, list]]:
    """Each file's documents, in order, read by a pool of processes when there are enough files."""
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(todo) < PARALLEL_MIN_FILES:
        _init_reader(schema)
        yield from map(_read_documents, todo)
        return
    import multiprocessing  # not needed to search: imported when indexing needs it

    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    chunks = (todo[i:i + READ_CHUNK] for i in range(0, len(todo), READ_CHUNK))
    with ctx.Pool(workers, initializer=_init_reader, initargs=(schema, True)) as pool:
        # A bounded window of chunks in flight: the writer is the slower side, and documents
        # read far ahead of it would only pile up in memory.
        window = deque(pool.apply_async(_read_chunk, (c,)) for c in islice(chunks, READ_AHEAD * workers))
        while window:
            results = window.popleft().get()
            window.extend(pool.apply_async(_read_chunk, (c,)) for c in islice(chunks, 1))
            yield from results


def _read_chunk(files: list[SourceFile]) -> list[tuple[SourceFile, list[dict[str, object] | Skipped]]]:
    return [_read_documents(src) for src in files]


def _clear(d: Path) -> None:
    """Remove an index's own files (and only those) so it can be built anew."""
    for p in d.iterdir():
        if p.is_file() and (p.name.startswith(("_" + INDEX_NAME, INDEX_NAME)) or p.suffix == ".seg"):
            p.unlink()
