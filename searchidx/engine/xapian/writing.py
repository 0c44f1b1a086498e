"""Writing a Xapian index: documents into parts, parts committed to the database or the shards together.

    engine document -> part (a file of one process's documents, each analysed and serialised:
                       the article's, and one per statement)
                    -> batch commit: each document to its shard (a hash of its file's path),
                       an article to the shard's articles database, a statement to its
                       statements database; old versions deleted, every database committed

Worker processes each fill a part of their own (``XapianSegment``, no lock: the parent holds
the index's) and hand over its file; the parent's batch adds the parts' documents to the
index inside one transaction per database, so nothing reaches a shard before the batch
commits. Analysis (most of the cost) happens in the workers; a serialised document costs
the parent one unserialise and Xapian's own add (writing parts as Xapian databases and
copying from them cost the parent twice as much). If anything fails before every shard has committed, the batch is cancelled on every
shard still open and its parts are deleted. (A shard serving a writer that is killed outright
commits what it was sent; each document records how many its file gave, and `index` re-reads
a file found short, so the next run completes it.)

Statements commit before articles, as in the Whoosh engine: the articles' database stays the
record of what is indexed. A run killed between the two leaves the file to be read again
(its statements are then replaced, by id), and the next run's first batch deletes statements
whose article the index does not hold.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import xapian

from ...errors import IndexDamaged, IndexExists, IndexLocked, IndexUnwritable, ShardUnavailable
from ..choice import read_config, write_config
from ..store import stored_path, unpack_text
from .documents import xapian_document, xapian_statement
from .layout import ARTICLE_PREFIX, ARTICLES, FORMAT_VERSION, GENERATION_KEY, STATEMENTS, Shard, cannot_open, config, \
    endpoint, id_term, local_path, open_database, parse_shards, shard_of, shards_of, stopped_answering, unavailable
from .reader import walk

PART_PREFIX = ".xapian-part-"
# A part's record says which database its document goes to.
_KIND_OF = {b"a": ARTICLES, b"s": STATEMENTS}
_KIND_BYTE = {kind: byte for byte, kind in _KIND_OF.items()}


def create(d: Path, shards: tuple[str, ...] = ()) -> None:
    """Make ``d`` a new Xapian index (local, or over ``shards``); IndexExists if it is an index already."""
    if index_exists(d):
        raise IndexExists(f"there is an index at {d} already: open it, or choose another folder")
    parsed = parse_shards(shards)
    try:
        d.mkdir(parents=True, exist_ok=True)
        if not parsed:
            for kind in (ARTICLES, STATEMENTS):
                xapian.WritableDatabase(str(local_path(d, kind)), xapian.DB_CREATE_OR_OPEN).close()
    except OSError as err:
        raise IndexUnwritable(f"cannot create index folder {d}: {err.strerror or err}") from None
    except xapian.DatabaseError as err:
        raise IndexUnwritable(f"cannot create the Xapian database in {d}: {err.get_msg()}") from None
    write_config(d, {"engine": "xapian", "xapian_format": FORMAT_VERSION, "shards": [str(s) for s in parsed]})


def index_exists(d: Path) -> bool:
    found = read_config(d)
    return found is not None and found.engine == "xapian" and (bool(found.shards) or local_path(d).is_dir())


def _article_terms(db: Any) -> set[str]:
    """The article ids a statements database holds statements of."""
    start = len(ARTICLE_PREFIX)
    return {t.term.decode("utf-8", "surrogateescape")[start:] for t in db.allterms(ARTICLE_PREFIX)}


class XapianWritable:
    """A Xapian index opened for one indexing run (the caller holds the writer lock)."""

    def __init__(self, path: Path, *, rebuild: bool = False, shards: tuple[str, ...] = ()) -> None:
        self.path = path
        if rebuild or not index_exists(path):
            _start_over(path, shards, empty=rebuild)
        self.shards = shards_of(config(path))
        _drop_stale_parts(path)
        self._orphans: list[str] | None = None

    def indexed_files(self) -> dict[str, dict[str, str]]:
        """path -> {document id: signature}; a file with fewer documents than it gave reads as changed."""
        db, _ = open_database(self.path)
        files: dict[str, dict[str, str]] = {}
        expected: dict[str, int] = {}
        try:
            for fields in walk(db):
                path = stored_path(fields)
                files.setdefault(path, {})[fields["id"]] = fields.get("sig", "")
                expected[path] = int(fields.get("of", 1))
            said, _ = open_database(self.path, kind=STATEMENTS)
            live = {i for ids in files.values() for i in ids}
            self._orphans = sorted(_article_terms(said) - live)
        except xapian.NetworkError as err:
            raise stopped_answering(self.path, err) from None
        for path, ids in files.items():
            if len(ids) < expected[path]:
                files[path] = dict.fromkeys(ids, "")  # cut short by a killed run: read it again
        return files

    def doc_count(self) -> int:
        db, _ = open_database(self.path)
        return int(db.get_doccount())

    def batch(self) -> XapianBatch:
        """The next batch; the run's first also deletes statements of articles the index does not hold."""
        if self._orphans is None:
            self.indexed_files()
        batch = XapianBatch(self.path, self.shards)
        batch.orphans, self._orphans = self._orphans or [], []
        return batch

    def finish(self) -> None:
        """Nothing to switch: a Xapian rebuild starts over in place (see the README)."""

    def abandon(self) -> None:
        """Nothing to drop: each batch committed or cancelled itself."""


class XapianBatch:
    """One batch: deletions and this process's documents, committed with the workers' parts."""

    def __init__(self, path: Path, shards: tuple[Shard, ...]) -> None:
        self.path, self.shards = path, shards
        self._deleted: list[str] = []
        self.orphans: list[str] = []  # articles whose statements alone are held: deleted with this batch
        self._own: XapianSegment | None = None
        # (name, database) of each shard, statements' first (they commit first), then articles'.
        self._targets: list[tuple[str, Any]] = []
        self._kinds: dict[str, list[tuple[str, Any]]] = {ARTICLES: [], STATEMENTS: []}
        self.closed = False

    def add(self, doc: Any) -> None:
        """An engine document (``engine.document``): the article and its statements."""
        if self._own is None:
            self._own = XapianSegment(str(self.path), 0)
        self._own.add(doc)

    def make_room(self) -> None:
        """Nothing held to write out: documents go to a part file a file at a time."""

    def delete(self, ids: list[str]) -> int:
        """Delete documents by id when the batch commits; how many were asked for."""
        self._deleted.extend(ids)
        return len(ids)

    def commit(self, segments: tuple[Any, ...] = ()) -> None:
        """Copy every part's documents to their databases and commit them all, or none on failure."""
        parts = [p for p in (*segments, self._own.finish() if self._own is not None else None) if p]
        try:
            self._open_targets()
            generation = str(self._generation() + 1)
            for _, db in self._targets:
                db.begin_transaction()
                db.set_metadata(GENERATION_KEY, generation)
            for term in map(id_term, self._deleted):
                for name, db in self._kinds[ARTICLES]:
                    self._write(name, lambda: db.delete_document(term))
            for article in dict.fromkeys([*self._deleted, *self.orphans]):
                said = (ARTICLE_PREFIX + article).encode("utf-8", "surrogateescape")
                for name, db in self._kinds[STATEMENTS]:
                    self._write(name, lambda: db.delete_document(said))
            for part in parts:
                self._copy(part)
            for name, db in self._targets:  # every shard still answers: only then does any commit
                self._write(name, db.keep_alive)
            for name, db in self._targets:  # statements first (see the module's docstring)
                self._write(name, db.commit_transaction)
        except BaseException:
            self.cancel(parts)
            raise
        self._close(parts)

    def cancel(self, parts: list[str] | None = None) -> None:
        """Drop this batch: nothing of it is committed on a database still in its transaction."""
        for _, db in self._targets:
            try:
                db.cancel_transaction()
            except xapian.Error:
                pass  # not in a transaction any more (committed, or the shard is gone)
        if parts is None and self._own is not None:
            parts = [self._own.finish() or ""]
        self._close(parts or [])

    def _close(self, parts: list[str]) -> None:
        for _, db in self._targets:
            try:
                db.close()
            except xapian.Error:
                pass
        self._targets = []
        self._kinds = {ARTICLES: [], STATEMENTS: []}
        for part in parts:
            if part:
                Path(part).unlink(missing_ok=True)
        self.closed = True

    def _open_targets(self) -> None:
        for kind in (STATEMENTS, ARTICLES):
            self._kinds[kind] = self._open(kind)
            self._targets.extend(self._kinds[kind])

    def _open(self, kind: str) -> list[tuple[str, Any]]:
        """(name, writable database) of ``kind`` for every shard, or the local database."""
        if not self.shards:
            try:
                return [(str(self.path), xapian.WritableDatabase(str(local_path(self.path, kind)), xapian.DB_OPEN))]
            except xapian.DatabaseLockError:
                raise IndexLocked(f"the index at {self.path} is being updated by another process") from None
            except xapian.DatabaseOpeningError as err:
                raise cannot_open(self.path, err) from None
        out = []
        for shard in self.shards:
            address = endpoint(shard, kind)
            try:
                out.append((str(shard), xapian.remote_open_writable(address.host, address.port, 600_000, 3000)))
            except xapian.NetworkError as err:
                raise unavailable(shard, err) from None
            except xapian.DatabaseLockError:
                raise IndexLocked(f"shard {shard} is being updated by another process") from None
            except xapian.Error as err:
                raise ShardUnavailable(f"shard {shard} cannot be written ({err.get_msg()}): serve it with "
                                       f"`searchidx shard serve DIR --port {shard.port} --writable`") from None
        return out

    def _generation(self) -> int:
        """The highest commit counter of the databases written to."""
        found = [int(db.get_metadata(GENERATION_KEY) or b"0") for _, db in self._targets]
        return max(found, default=0)

    def _copy(self, part: str) -> None:
        count = len(self.shards)
        for kind, route, doc_id, data in read_part(part):
            xdoc = xapian.Document.unserialise(data)
            name, db = self._kinds[kind][shard_of(route, count) if count > 1 else 0]
            term = id_term(doc_id)
            self._write(name, lambda: db.replace_document(term, xdoc))

    def _write(self, name: str, action: Any) -> None:
        try:
            action()
        except xapian.NetworkError as err:
            raise unavailable(name, err) from None
        except xapian.DatabaseError as err:
            raise IndexDamaged(f"{name} refused a write ({err.get_msg()})") from None


class XapianSegment:
    """A process's part of a batch: a file of analysed, serialised documents, handed over by its path.

    A file's documents arrive one after another; they are held until the next file's, so each
    can record how many its file gave.
    """

    def __init__(self, index_dir: str, limit_mb: float) -> None:
        self._path = Path(index_dir) / f"{PART_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._out: Any = None
        self._file: list[tuple[dict[str, Any], tuple[dict[str, Any], ...]]] = []

    def add(self, doc: Any) -> None:
        """An engine document (``engine.document``: the article's fields and its statements'), or bare fields."""
        fields: dict[str, Any] = doc.fields if hasattr(doc, "fields") else doc
        if self._file and stored_path(self._file[0][0]) != stored_path(fields):
            self._flush_file()
        self._file.append((fields, tuple(getattr(doc, "statements", ()))))

    def make_room(self) -> None:
        """The documents held are one file's (see the class): write out the file before this one."""
        self._flush_file()

    def finish(self) -> str | None:
        """The part's file (for the parent's commit), or None if nothing was added."""
        self._flush_file()
        if self._out is None:
            return None
        self._out.close()
        self._out = None
        return str(self._path)

    def _flush_file(self) -> None:
        if not self._file:
            return
        if self._out is None:
            self._out = open(self._path, "wb")  # noqa: SIM115 - closed by finish()
        for doc, statements in self._file:
            route = stored_path(doc)  # a file's statements go to its articles' shard
            self._write(ARTICLES, route, str(doc["id"]), xapian_document(doc, len(self._file)))
            for st in statements:
                self._write(STATEMENTS, route, str(st["id"]), xapian_statement(st))
        self._file = []

    def _write(self, kind: str, route: str, doc_id: str, xdoc: Any) -> None:
        fields = [_KIND_BYTE[kind], route.encode("utf-8", "surrogateescape"),
                  doc_id.encode("utf-8", "surrogateescape"), xdoc.serialise()]
        self._out.write(b"".join(struct.pack(">I", len(f)) + f for f in fields))


def read_part(path: str) -> Iterator[tuple[str, str, str, bytes]]:
    """(kind of database, route key, id, serialised document) of every document in a part file."""
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos < len(data):
        fields = []
        for _ in range(4):
            (n,) = struct.unpack_from(">I", data, pos)
            fields.append(data[pos + 4:pos + 4 + n])
            pos += 4 + n
        yield (_KIND_OF[fields[0]], fields[1].decode("utf-8", "surrogateescape"),
               fields[2].decode("utf-8", "surrogateescape"), fields[3])


def read_back(d: Path) -> tuple[dict[str, dict[str, str]], int]:
    """path -> {document id: signature} for every stored document, after decoding each one, and
    every statement decoded too; IndexDamaged if damaged."""
    indexed: dict[str, dict[str, str]] = {}
    try:
        db, _ = open_database(d)
        said, _ = open_database(d, kind=STATEMENTS)  # a damaged table may fail as it opens
        count = 0
        for fields in walk(db):
            unpack_text(fields["blob"]) if fields.get("blob") else None
            indexed.setdefault(stored_path(fields), {})[fields["id"]] = fields.get("sig", "")
            count += 1
        if count != db.get_doccount():
            raise ValueError(f"{count} stored documents, {db.get_doccount()} live")
        statements = 0
        for fields in walk(said):
            json.loads(fields["blob"])
            statements += 1
        if statements != said.get_doccount():
            raise ValueError(f"{statements} stored statements, {said.get_doccount()} live")
    except xapian.NetworkError as err:
        raise stopped_answering(d, err) from None
    except (xapian.DatabaseError, ValueError, KeyError) as err:
        detail = err.get_msg() if isinstance(err, xapian.Error) else str(err)
        raise IndexDamaged(f"the index at {d} is damaged ({detail}): "
                           f"rebuild it with `searchidx index FOLDER --index {d} --rebuild`") from None
    return indexed, count


def _start_over(d: Path, shards: tuple[str, ...], *, empty: bool) -> None:
    """A new index definition at ``d``: a new local database, or the listed shards (``empty``:
    emptied; else what they hold is kept, and the run updates it like any index's)."""
    found = read_config(d)
    listed = shards or (found.shards if found is not None and found.engine == "xapian" else ())
    (d / "searchidx.json").unlink(missing_ok=True)
    for kind in (ARTICLES, STATEMENTS):
        if local_path(d, kind).exists():
            shutil.rmtree(local_path(d, kind))
    if empty:
        for shard in parse_shards(listed):
            for kind in (STATEMENTS, ARTICLES):
                _empty_shard(shard, endpoint(shard, kind))
    create(d, tuple(listed))


def _empty_shard(shard: Shard, address: Shard) -> None:
    try:
        db = xapian.remote_open_writable(address.host, address.port, 600_000, 3000)
    except xapian.NetworkError as err:
        raise unavailable(shard, err) from None
    ids = [item.docid for item in db.postlist("")]
    for docid in ids:
        db.delete_document(docid)
    db.commit()
    db.close()


def _drop_stale_parts(d: Path) -> None:
    """Remove parts a killed run left behind (no process writes them now: we hold the lock)."""
    for p in d.glob(PART_PREFIX + "*"):
        p.unlink(missing_ok=True)
