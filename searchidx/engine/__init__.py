"""The search engines: the only package that imports Whoosh (or Xapian), behind a small interface.

    open_reader     open an index; search and quotes (-> Ranked, with RawCounts over every match when
                    asked), get, documents, evidence (names, for the people registry), snippet, suggest
    open_writable   one indexing run: indexed files, batches (add, delete, commit, cancel), finish
                    (a rebuild switches in) or abandon
    open_segment    a worker process's own segments, committed by the parent's batch
    create_index    a new, empty index with the chosen engine (and shards)
    document        Article -> the engine's documents (the article's, and one per statement)
    save_derived    what an indexing run derived from the whole index (the people registry), for readers
    read_back       read the whole index back: documents, postings, lengths (integrity check)

Each index records its engine when it is created (``choice.py``); these functions open the
engine it names, so every command uses it. Whoosh (``Reader``, ``WritableIndex``,
``WorkerSegment`` here) is the default; the Xapian engine (``xapian/``, the optional
``searchidx[xapian]`` extra) is a second implementation of the same interface
(``interface.py``), local or over shards served by ``xapian-tcpsrv``.

Inside: ``analysis`` (tokens, folding, stems: shared by indexing, queries and snippets),
``schema`` (fields), ``store`` (opening, stored text), ``query`` (user syntax -> Whoosh query),
``scoring`` (BM25 on live statistics), ``accumulate`` (term-at-a-time scoring), ``pruning`` (Whoosh's top-N
collector made sound), ``ranking`` (top N, ties, feedback), ``highlight`` (snippets),
``segwriter`` and ``postings`` (bulk segment writing), ``writing`` (batches and commits),
``rebuild`` (a rebuild beside the index, switched in at once), ``integrity`` (reading a whole
index back), ``columns`` (counts from columns read whole), ``pool`` (a searcher per thread).

Several modules reach into Whoosh's private format and classes (segment writing, posting
blocks, the commit path, matcher internals); each names the Whoosh 2.7.4 code it mirrors.
They are correct for that version only, so importing this package checks it.
"""

from __future__ import annotations

import os

import whoosh

from ..errors import EngineUnsupported

# The Whoosh release every reach into its internals here was written for and tested with.
WHOOSH_VERSION = (2, 7, 4)

if tuple(whoosh.__version__[:3]) != WHOOSH_VERSION:
    raise EngineUnsupported(
        f"searchidx needs Whoosh {'.'.join(map(str, WHOOSH_VERSION))}, found "
        f"{'.'.join(map(str, whoosh.__version__))}: run `pip install whoosh==2.7.4`"
    )

from pathlib import Path  # noqa: E402
from types import ModuleType  # noqa: E402

from ..errors import EngineNotInstalled  # noqa: E402
from . import store  # noqa: E402
from .store import save_derived  # noqa: E402
from .choice import chosen_engine, engine_of, read_config  # noqa: E402
from .interface import Segment, SearchReader, Writable  # noqa: E402
from .columns import RawCounts  # noqa: E402 - only once the version is known to fit
from .reader import Ranked, Reader  # noqa: E402
from .writing import BatchWriter, WorkerSegment, WritableIndex, document  # noqa: E402


def _xapian() -> ModuleType:
    """The Xapian engine, or EngineNotInstalled saying how to install it."""
    try:
        from . import xapian
    except ImportError as err:
        if err.name != "xapian":
            raise
        raise EngineNotInstalled('this index uses the Xapian engine, which is not installed: '
                                 'run `pip install "searchidx[xapian]"`') from None
    return xapian


def open_reader(path: Path, *, partial: bool = False) -> SearchReader:
    """The index at ``path`` opened for reading with its own engine; ``partial``: a sharded
    index answers from the shards that answer (``Ranked.incomplete`` names the others)."""
    if engine_of(path) == "xapian":
        reader: SearchReader = _xapian().XapianReader(path, partial=partial)
        return reader
    return Reader(path)


def open_writable(path: Path, *, rebuild: bool = False, engine: str | None = None,
                  shards: tuple[str, ...] = ()) -> Writable:
    """The index at ``path`` opened for one indexing run, created with ``engine`` (or
    $SEARCHIDX_ENGINE, or Whoosh) over ``shards`` when there is none or ``rebuild`` starts over."""
    name = _engine_for(path, engine, shards, rebuild)
    if name == "xapian":
        writable: Writable = _xapian().XapianWritable(path, rebuild=rebuild, shards=shards)
        return writable
    return WritableIndex(path, rebuild=rebuild)


def open_segment(index_dir: str, limit_mb: float) -> Segment:
    """A worker process's own segment of the index at ``index_dir``."""
    if engine_of(Path(index_dir)) == "xapian":
        segment: Segment = _xapian().XapianSegment(index_dir, limit_mb)
        return segment
    return WorkerSegment(index_dir, limit_mb)


def create_index(path: Path, *, engine: str | None = None, shards: tuple[str, ...] = ()) -> None:
    """A new, empty index at ``path`` (IndexExists if there is one)."""
    if _engine_for(path, engine, shards, True) == "xapian":
        _xapian().create(path, shards)
    else:
        store.open_or_create(path, create=True)


def index_exists(path: Path) -> bool:
    """True when ``path`` holds an index of either engine."""
    if engine_of(path) == "xapian":
        return bool(_xapian().index_exists(path))
    return store.index_exists(path)


def read_back(path: Path) -> tuple[dict[str, dict[str, str]], int]:
    """path -> {document id: signature} of every stored document, and their count, once the whole
    index was read back; IndexDamaged if a part of it cannot be read."""
    if engine_of(path) == "xapian":
        found: tuple[dict[str, dict[str, str]], int] = _xapian().read_back(path)
        return found
    from .integrity import read_back as read_whoosh

    return read_whoosh(path)


def serve_shard(folder: Path, port: int, *, host: str, writable: bool) -> int:
    """Serve one shard of a sharded Xapian index with xapian-tcpsrv until it stops; its exit code."""
    from .xapian.shards import serve

    _xapian()
    return serve(folder, port, host=host, writable=writable)


def _engine_for(path: Path, requested: str | None, shards: tuple[str, ...], fresh: bool) -> str:
    """The engine an indexing run uses: the index's own, unless it starts over with another asked
    for; a new index's is ``requested``, else $SEARCHIDX_ENGINE, else Whoosh."""
    from ..errors import IndexExists

    existing = read_config(path) if index_exists(path) else None
    if existing is not None and fresh and not requested:
        return existing.engine  # a rebuild keeps the index's engine unless another is asked for
    if existing is not None and not fresh:
        if requested and chosen_engine(requested) != existing.engine:
            raise IndexExists(f"the index at {path} uses the {existing.engine} engine: "
                              f"pass --rebuild to build it again with {requested}")
        if shards and tuple(shards) != existing.shards:
            raise IndexExists(f"the index at {path} is on shards {', '.join(existing.shards) or '(none: local)'}: "
                              "pass --rebuild to build it on other shards")
        return existing.engine
    name = chosen_engine(requested)
    if shards and name != "xapian":
        if requested is None and not os.environ.get("SEARCHIDX_ENGINE"):
            return "xapian"  # shards are Xapian's: asking for them chooses it
        raise EngineNotInstalled("shards need the Xapian engine: pass --engine xapian")
    return name


__all__ = ["BatchWriter", "RawCounts", "Ranked", "Reader", "SearchReader", "Segment", "WorkerSegment", "Writable",
           "WritableIndex", "create_index", "document", "index_exists", "open_reader", "open_segment",
           "open_writable", "read_back", "save_derived", "serve_shard"]
