"""Writing an index: documents in, old versions out, a batch's segments committed together.

    Article -> document() -> BatchWriter (this process) / worker segments (segwriter) -> commit

Each article becomes one Whoosh document keyed by its id (the file path, plus ``#N`` for a
JSONL line); its body and statements are stored as one JSON text for snippets and `show`.
Each of its statements also becomes a document of the statements index beside it
(``statements/``), keyed by the article's id and its place in the article.

A batch's writer deletes old versions and commits, in one new table of contents per index,
its own documents and the segments worker processes wrote (as Whoosh's
``MpWriter(multisegment=True)`` does); until then new segments are files no table of
contents names, so a crash leaves each index as it was. The statements are committed first:
the articles' table of contents is what says a file is indexed, so a crash between the two
commits leaves the file to be read again by the next run, which deletes the statements it
finds of that file, or, for a new file, of any article the index does not hold
(:meth:`WritableIndex.batch`). ``--rebuild`` builds beside the index and switches at the end
(rebuild.py).

Whoosh internals used here, each mirroring Whoosh 2.7.4 (checked in engine/__init__.py):
``SegmentWriter._merge_segments``, ``_finalize_segment``, ``_close_segment``, ``_commit_toc``
and ``_finish`` (whoosh/writing.py, ``MpWriter._commit``), ``Index._read_toc`` and
``whoosh.index.clean_files`` (whoosh/index.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import IndexLocked
from ..models import Article, Statement
from . import rebuild as rebuilding
from .schema import INDEX_NAME, PEOPLE_LIST_SEPARATOR, PEOPLE_SEPARATOR
from .store import DAMAGE_ERRORS, damage_as_error, open_or_create, open_statements, pack_text, people_term, stored_path

# Writer memory for buffering postings before spilling sorted runs to disk, per process.
WRITER_LIMIT_MB = 256
# Stored texts longer than this (characters) are stored as UTF-8 bytes (see _stored_text).
LARGE_TEXT = 1 << 20
# Seconds to wait for Whoosh's own lock once ours is held (see BatchWriter).
WHOOSH_LOCK_WAIT = 5.0
# The statements' writer gets this share of a process's writer memory: they are a small part of the text.
STATEMENTS_SHARE = 0.25

Fields = dict[str, object]  # a Whoosh document: field name -> value
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Document:
    """One article as the engine writes it: its own document and its statements' documents."""

    id: str
    fields: Fields
    statements: tuple[Fields, ...] = ()


def document(article: Article, sig: str) -> Document:
    """The Whoosh documents for one article; ``sig`` is its file's signature (size and time).

    Empty values are left out, and the path when it is the id (all but JSONL lines): each
    document's stored values are pickled with their names, so an empty one still costs.
    The body field is searched as the whole article, title included (see searched_body).
    """
    iso = article.date_iso()
    day = iso[:10] if iso is not None else None
    fields: Fields = {
        "id": article.id,
        "path": article.path if article.path != article.id else None,
        "title": article.title,
        "body": searched_body(article),
        "speakers": "\n".join(article.speakers),
        "dateline": article.dateline,
        "source": article.source,
        "date_iso": article.date_iso(),
        "speaker_list": list(article.speakers),
        "url": article.url,
        "sig": sig,
        "blob": _stored_text(article),
        "date": _index_date(article.date),
        "people": PEOPLE_SEPARATOR.join(people_term(s) for s in article.speakers),
        "people_list": PEOPLE_LIST_SEPARATOR.join(article.speakers).encode("utf-8") or None,
        "dateline_name": article.dateline,
        "source_name": article.source,
        "day": day.encode("ascii") if day else None,
    }
    return Document(article.id, _present(fields), _statements(article, day))


def searched_body(article: Article) -> str:
    """The text the body field indexes: the title, then the body (the stored body stays the article's).

    The title field is also searched on its own, at query.FIELD_BOOSTS' weight. With the title
    left out of the body, a headline word was scored as a separate short BM25 field beside the
    body's, outside the body's term-frequency saturation and length, where the peers (FTS5,
    bm25s, tantivy) count it in the whole text. On six test collections (score_ranking.py dev),
    indexing the title inside the body raised mean MAP from 0.352 to 0.366 (LISA 0.349 -> 0.387,
    ADI 0.377 -> 0.408, CRAN 0.322 -> 0.334) and lowered none by more than 1%.
    """
    return "\n\n".join(text for text in (article.title, article.body) if text)


def _statements(article: Article, day: str | None) -> tuple[Fields, ...]:
    """The documents of an article's statements worth finding as quotes: each (speaker, text) once,
    and none without a word (an extractor's empty span)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for n, st in enumerate(article.statements, 1):
        key = (st.speaker, " ".join(st.text.split()))
        if key in seen or not _WORD.search(st.text):
            continue
        seen.add(key)
        out.append(_statement(article, n, st, day))
    return tuple(out)


def _statement(article: Article, n: int, st: Statement, day: str | None) -> Fields:
    """A statement's document: the quote as its body, and what a quote result shows of its article."""
    shown = {"statement": {"speaker": st.speaker, "role": st.role, "cue": st.cue, "text": st.text,
                           "start": st.start, "end": st.end},
             "article": {"path": article.path, "title": article.title, "date": article.date_iso(),
                         "source": article.source, "dateline": article.dateline, "url": article.url},
             "body": st.text}
    fields: Fields = {
        "id": f"{article.id}\x1f{n}",
        "article": article.id,
        "body": st.text,
        "speakers": st.speaker,
        "dateline": article.dateline,
        "source": article.source,
        "blob": json.dumps(shown, ensure_ascii=False),
        "date": _index_date(article.date),
        "people": people_term(st.speaker),
        "speaker_name": st.speaker.encode("utf-8") or None,
        "role_name": st.role.encode("utf-8") if st.role else None,
        "dateline_name": article.dateline,
        "source_name": article.source,
        "day": day.encode("ascii") if day else None,
    }
    return _present(fields)


def _present(fields: Fields) -> Fields:
    return {k: v for k, v in fields.items() if v or k == "body"}


def _stored_text(article: Article) -> str | bytes:
    """pack_text, as UTF-8 bytes past LARGE_TEXT characters: pickling a str stores its UTF-8 copy on it
    (and Whoosh pickles stored fields with protocol 2), so a 64 MB text was held three times over."""
    text = pack_text(article)
    return text.encode("utf-8") if len(text) > LARGE_TEXT else text


def _index_date(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    """The article's own calendar date and clock, as a naive datetime for range filters."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


class WritableIndex:
    """An index opened for one indexing run (the caller holds the writer lock).

    With ``rebuild`` the new index is built beside the old one, which answers until
    :meth:`finish` switches to the new one (rebuild.py); ``path`` is where this run writes.
    """

    def __init__(self, path: Path, *, rebuild: bool = False) -> None:
        self.target = path
        self.rebuild = rebuild
        if path.is_dir():
            with damage_as_error(path):
                rebuilding.recover(path)  # what a killed rebuild left
        self.path = rebuilding.staging(path) if rebuild else path
        with damage_as_error(self.path):
            self._ix = open_or_create(self.path, create=True)
            self._statements = open_statements(self.path, create=True)
        self._live_ids: set[str] | None = None
        self._orphans_dropped = False

    def indexed_files(self) -> dict[str, dict[str, str]]:
        """path -> {document id: signature} for every live document."""
        files: dict[str, dict[str, str]] = {}
        ids: set[str] = set()
        with damage_as_error(self.path), self._ix.reader() as reader:
            for fields in reader.all_stored_fields():
                files.setdefault(stored_path(fields), {})[fields["id"]] = fields.get("sig", "")
                ids.add(fields["id"])
        self._live_ids = ids
        return files

    def doc_count(self) -> int:
        return int(self._ix.doc_count())

    def batch(self) -> BatchWriter:
        """A writer for the next batch; the run's first also drops statements of articles the
        index does not hold (left by a run killed between the two commits)."""
        writer = BatchWriter(self._ix, self._statements)
        if not self._orphans_dropped:
            if self._live_ids is None:
                self.indexed_files()
            with self._statements.reader() as reader:
                held = {t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon("article")}
            writer.delete_statements(sorted(held - (self._live_ids or set())))
            self._orphans_dropped = True
        return writer

    def finish(self) -> None:
        """End the run: a rebuild becomes the index (rebuild.py)."""
        if self.rebuild:
            rebuilding.publish(self._ix, self._statements, self.target)
            self.path, self.rebuild = self.target, False
            self._ix, self._statements = rebuilding.reopen(self.target)

    def abandon(self) -> None:
        """A failed or interrupted run: a rebuild's files go (the old index was never touched); when
        its articles had switched already, its statements are switched too (rebuild.recover)."""
        if not self.rebuild:
            return
        try:
            rebuilding.recover(self.target)
        except DAMAGE_ERRORS:  # the disk still refuses: the next run finishes it
            pass


def _make_room(writer: Any) -> None:
    if writer is None:
        return
    pool: Any = getattr(writer, "pool", None)
    if hasattr(pool, "make_room"):  # our TermPool (segwriter); Whoosh's own pool spills by itself
        pool.make_room()


class _Writer:
    """One Whoosh index's writer for a batch."""

    def __init__(self, ix: Any, limit_mb: float) -> None:
        from whoosh.index import LockError

        from .segwriter import SegmentWriter

        self.ix = ix
        try:
            # We hold the writer lock, so a Whoosh lock held now is a foreign or dying process: wait a little.
            self.writer = SegmentWriter(ix, limitmb=limit_mb, timeout=WHOOSH_LOCK_WAIT, compound=False)
        except LockError:
            raise IndexLocked(f"the index at {ix.storage.folder} is being updated by another process") from None

    def commit(self, segments: list[Any]) -> None:
        """SegmentWriter.commit (whoosh/writing.py, 2.7.4) with the workers' ``segments`` added to
        its list, as MpWriter._commit does with multisegment=True; without segments, that commit itself."""
        writer = self.writer
        writer._check_state()
        final = writer._merge_segments(None, None, None) + segments
        if writer._added:  # the merge policy merged small segments into this writer
            final.append(writer._finalize_segment())
        else:
            writer._close_segment()
        writer._commit_toc(final)
        writer._finish()

    def cancel(self) -> None:
        """Drop this writer's segment files and its workers', as far as the disk lets us: called on
        the way out of a failure, it must not hide that failure with one of its own."""
        from whoosh.index import clean_files

        try:
            if not self.writer.is_closed:
                self.writer.cancel()
        except OSError:
            pass
        try:
            toc = self.ix._read_toc()
            clean_files(self.ix.storage, self.ix.indexname, toc.generation, toc.segments)
        except DAMAGE_ERRORS:
            pass
        rebuilding.remove_folder(Path(self.ix.storage.folder) / f"{INDEX_NAME}.tmp")  # the writers' spilled runs


class BatchWriter:
    """One batch: documents added here, old ones deleted, workers' segments committed with them."""

    def __init__(self, ix: Any, statements: Any) -> None:
        self._articles = _Writer(ix, WRITER_LIMIT_MB)
        try:
            self._statements = _Writer(statements, WRITER_LIMIT_MB * STATEMENTS_SHARE)
        except BaseException:
            self._articles.cancel()
            raise

    def add(self, doc: Document) -> None:
        """Add one article's documents; ``doc.fields`` is consumed (its analysed-only values are
        dropped: see segwriter)."""
        self._articles.writer.add_fields(doc.fields)
        for st in doc.statements:
            self._statements.writer.add_document(**st)

    def make_room(self) -> None:
        """Write the postings held so far to disk. Called before a large file: postings are held up
        to the writer's memory limit, and a 64 MB file's reading needs its own 300 MB on top."""
        _make_room(self._articles.writer)
        _make_room(self._statements.writer)

    def delete(self, ids: list[str]) -> int:
        """Delete articles, and their statements, by id (a file's ids are known: the path is stored,
        not searchable); how many articles were deleted."""
        self.delete_statements(ids)
        return sum(self._articles.writer.delete_by_term("id", i) for i in ids)

    def delete_statements(self, article_ids: list[str]) -> None:
        for i in article_ids:
            self._statements.writer.delete_by_term("article", i)

    def commit(self, segments: tuple[Any, ...] = ()) -> None:
        """Commit this batch with the workers' finished ``segments`` (WorkerSegment.finish) added:
        the statements first, then the articles (see the module's docstring)."""
        self._statements.commit([s[1] for s in segments if s[1] is not None])
        self._articles.commit([s[0] for s in segments if s[0] is not None])

    def cancel(self) -> None:
        """Drop this batch and any segment files it or its workers wrote."""
        self._statements.cancel()
        self._articles.cancel()

    @property
    def closed(self) -> bool:
        return bool(self._articles.writer.is_closed)


class WorkerSegment:
    """A worker process's own segments of the two indexes it adds documents to (no lock: the parent holds it)."""

    def __init__(self, path: str, limit_mb: float) -> None:
        self._ix = open_or_create(path)
        self._statements_ix = open_statements(Path(path))
        self._limit_mb = limit_mb
        self._articles: Any = None
        self._statements: Any = None

    def add(self, doc: Document) -> None:
        from .segwriter import SegmentWriter

        if self._articles is None:
            self._articles = SegmentWriter(self._ix, _lk=False, limitmb=self._limit_mb, compound=False)
        self._articles.add_fields(doc.fields)  # consumed, as BatchWriter.add's
        for st in doc.statements:
            if self._statements is None:
                self._statements = SegmentWriter(self._statements_ix, _lk=False,
                                                 limitmb=self._limit_mb * STATEMENTS_SHARE, compound=False)
            self._statements.add_document(**st)

    def make_room(self) -> None:
        """Write the postings held so far to disk, before a large file's: see BatchWriter.make_room."""
        _make_room(self._articles)
        _make_room(self._statements)

    def finish(self) -> tuple[Any, Any] | None:
        """The finished segments of articles and of statements (picklable, for the parent's commit;
        None for an index given nothing), or None if nothing was added.

        Only the segments: the parent's commit removes the writers' shared temporary folder.
        """
        if self._articles is None:
            return None
        statements = self._statements._finalize_segment() if self._statements is not None else None
        return self._articles._finalize_segment(), statements

