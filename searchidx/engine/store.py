"""The index folder on disk: opening or creating it (schema version first) and how text is stored.

Reading and writing both start here; the writer's own parts (segwriter, writing) are not
needed to search, so `searchidx query` opens an index without importing them.
"""

from __future__ import annotations

import dataclasses
import errno
import functools
import json
import logging
import os
import pickle
import struct
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from whoosh import index as windex

from ..errors import IndexDamaged, IndexNotFound, IndexOutdated, IndexUnreadable, IndexUnwritable
from .schema import INDEX_NAME, SCHEMA_VERSION, STATEMENTS_DIR, make_schema, make_statement_schema

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from ..models import Article


# What a damaged segment or table of contents makes Whoosh (or our text decoding) raise: a
# foreign or truncated table of contents unpickles to anything, hence AttributeError and TypeError;
# Whoosh raises bare Exception for a bad block tag ("Block tag error"); a truncated stored-fields
# column can hand its reader a length too large for a C integer (OverflowError).
DAMAGE_ERRORS = (OSError, EOFError, ValueError, KeyError, IndexError, AttributeError, TypeError, struct.error,
                 zlib.error, pickle.UnpicklingError, windex.IndexError, OverflowError)
# The file recording which schema version built the index.
VERSION_FILE = "searchidx.json"
# What the indexing run derives from a whole index (the people registry, dateline and source
# tables), saved beside it for readers; named so that --rebuild clears it with the index's files.
DERIVED_FILE = INDEX_NAME + "-{name}.json"
# Opening an index or a searcher races with a commit that deletes the files it replaces
# (an old table of contents, merged segments): try again this often.
OPEN_ATTEMPTS = 5

T = TypeVar("T")


def retrying_vanished(action: Callable[[], T], on_failure: Callable[[], None] = lambda: None) -> T:
    """``action()``, tried again when a file it opens was deleted by a concurrent commit.

    ``on_failure`` runs after each such failure, the last one included, before the retry
    or the re-raise (e.g. to drop a half-opened searcher).
    """
    for attempt in range(OPEN_ATTEMPTS):
        try:
            return action()
        except FileNotFoundError:
            on_failure()
            if attempt + 1 == OPEN_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def open_or_create(index_dir: str | Path, *, create: bool = False) -> windex.Index:
    """Open the index at ``index_dir``; create it when ``create`` is set and there is none."""
    d = Path(index_dir)
    if index_exists(d):
        _check_version(d)  # before open_dir: a newer schema may not even unpickle here
        # A commit may replace the table of contents between Whoosh finding it and reading it, and
        # Whoosh's Index.schema reads the newest table of contents again: both inside the retry.
        ix, names = retrying_vanished(lambda: _opened(d))
        if names != _field_names():  # another program's index, or a damaged one
            raise IndexDamaged(damaged_message(d, ValueError(f"its fields are {', '.join(sorted(names))}")))
        return ix
    if not create:
        raise IndexNotFound(f"no index at {d}: run `searchidx index FOLDER --index {d}` first")
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise IndexUnwritable(f"cannot create index folder {d}: {err.strerror or err}") from None
    # Version first: a run killed between the two steps must not leave an index that says "rebuild needed".
    write_version(d)
    open_statements(d, create=True)  # before the articles' table of contents, which says there is an index
    ix = windex.create_in(str(d), make_schema(), indexname=INDEX_NAME)
    return ix


def _opened(d: Path) -> tuple[windex.Index, frozenset[str]]:
    ix = windex.open_dir(str(d), indexname=INDEX_NAME)
    return ix, frozenset(ix.schema.names())


def write_version(d: Path) -> None:
    """Record this schema version in the index folder ``d`` (replacing the file in one rename)."""
    version = d / VERSION_FILE
    if _version(d) == SCHEMA_VERSION:
        return
    temporary = d / f"{VERSION_FILE}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps({"schema_version": SCHEMA_VERSION}) + "\n", encoding="utf-8")
    os.replace(temporary, version)


@contextmanager
def damage_as_error(d: Path) -> Iterator[None]:
    """Errors that damaged or foreign index files make Whoosh raise, as IndexDamaged saying to rebuild;
    a file that cannot be read at all (permissions, I/O) as IndexUnreadable."""
    try:
        yield
    except DAMAGE_ERRORS as err:
        # The traceback goes to the log: a fault of ours reading a sound index would also land here.
        log.info("reading the index at %s failed", d, exc_info=True)
        if isinstance(err, PermissionError) or (isinstance(err, OSError) and err.errno == errno.EIO):
            raise IndexUnreadable(f"cannot read the index at {d}: {err.strerror or err}") from None
        raise IndexDamaged(damaged_message(d, err)) from None
    except Exception as err:
        if type(err) is not Exception:
            raise
        # Whoosh reports a broken file format with a bare Exception ("Block tag error").
        log.info("reading the index at %s failed", d, exc_info=True)
        raise IndexDamaged(damaged_message(d, err)) from None


def damaged_message(d: Path, err: BaseException) -> str:
    detail = " ".join(f"{type(err).__name__}: {err}".split())[:160]
    return f"the index at {d} is damaged ({detail}): rebuild it with `searchidx index FOLDER --index {d} --rebuild`"


@functools.lru_cache(maxsize=1)
def _field_names() -> frozenset[str]:
    return frozenset(make_schema().names())


def open_statements(index_dir: str | Path, *, create: bool = False) -> windex.Index:
    """The statements index in ``index_dir``'s statements folder; created with the articles' index.

    An index whose articles exist but whose statements do not was damaged (or is being
    created by a run that was killed): with ``create`` it gets an empty one, else IndexDamaged.
    """
    d = Path(index_dir) / STATEMENTS_DIR
    if index_exists(d):
        return retrying_vanished(lambda: windex.open_dir(str(d), indexname=INDEX_NAME))
    if not create:
        raise IndexDamaged(f"the index at {index_dir} has no statements folder: "
                           f"rebuild it with `searchidx index FOLDER --index {index_dir} --rebuild`")
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise IndexUnwritable(f"cannot create index folder {d}: {err.strerror or err}") from None
    return windex.create_in(str(d), make_statement_schema(), indexname=INDEX_NAME)


def people_term(name: str) -> str:
    """A speaker's name as a term of the ``people`` keyword field: case and spacing folded, no commas."""
    return " ".join(name.replace(",", " ").casefold().split())


def save_derived(d: Path, name: str, generation: tuple[int, int], data: object) -> None:
    """Save what was derived from the index as committed at ``generation``; replaced atomically."""
    path = d / DERIVED_FILE.format(name=name)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"generation": list(generation), "data": data}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def load_derived(d: Path, name: str, generation: tuple[int, int]) -> Any:
    """What :func:`save_derived` saved for exactly ``generation``; None if there is none or it is older."""
    try:
        saved = json.loads((d / DERIVED_FILE.format(name=name)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("generation") != list(generation):
        return None
    return saved.get("data")


def index_exists(d: Path) -> bool:
    """True when ``d`` holds a table of contents of our index.

    Not whoosh.index.exists_in, which opens the whole index to answer (a fifth of a one-shot
    query's opening time, done again by open_dir right after).
    """
    try:
        names = os.listdir(d)
    except OSError:
        return False
    toc = windex.TOC._pattern(INDEX_NAME)  # Whoosh's own name for a table of contents
    return any(toc.match(name) for name in names)


def _version(d: Path) -> object:
    try:
        data = json.loads((d / VERSION_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("schema_version") if isinstance(data, dict) else None


def _check_version(d: Path) -> None:
    version = _version(d)
    if version != SCHEMA_VERSION:
        raise IndexOutdated(
            f"the index at {d} was built by another version of searchidx (schema {version}, "
            f"this is {SCHEMA_VERSION}): rebuild needed, run `searchidx index FOLDER --rebuild`"
        )


def length_bytes(perdoc: Any, fieldname: str) -> bytes | None:
    """Each document's length byte in ``fieldname`` (Whoosh's quantised field lengths) for a whole
    segment, from its per-document reader in one read; None when no column stores them.

    Whoosh's column reader would read them one seek and one unpack per document.
    """
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

    lenfield = _lenfield(fieldname)
    if not perdoc.has_column(lenfield):
        return None
    column = perdoc.column_reader(lenfield, LENGTHS_COLUMN)
    stored = column._dbfile.get(column._basepos, column._count)  # one byte each ("B"), up to the last set
    return bytes(stored) + bytes(max(0, column._doccount - column._count))  # the rest read as 0


def stored_path(fields: dict[str, object]) -> str:
    """A document's file path: stored only when it differs from the id (a JSONL line's)."""
    return str(fields.get("path") or fields["id"])


def pack_text(article: Article) -> str:
    """Body and statements as one JSON text: what snippets and `show` need at query time.

    Plain text, not compressed here: Whoosh pickles each document's stored fields and
    deflates them, and a pickled ``bytes`` value (protocol 2) grows by half before that,
    so pre-compressed text took 985 bytes a Reuters story where plain text takes about
    600. Statements are rows under one list of field names, and a statement's text is
    left out when it is the body's own span.
    """
    data: dict[str, object] = {"body": article.body}
    if article.statements:
        names = [f.name for f in dataclasses.fields(article.statements[0])]
        rows = []
        for st in article.statements:
            row = [getattr(st, name) for name in names]
            if "text" in names and st.text == article.body[st.start:st.end]:
                row[names.index("text")] = None
            rows.append(row)
        data["statement_fields"], data["statements"] = names, rows
    return json.dumps(data, ensure_ascii=False)


def unpack_text(blob: str | bytes) -> dict[str, Any]:
    """Inverse of :func:`pack_text`: ``{"body": str, "statements": [dict, ...]}`` (from its UTF-8
    bytes too, as a large text is stored: writing._stored_text)."""
    data: dict[str, Any] = json.loads(blob)
    names = data.pop("statement_fields", None)
    if names is not None:
        body = data["body"]
        statements = [dict(zip(names, row)) for row in data["statements"]]
        for st in statements:
            if st.get("text") is None and "start" in st:
                st["text"] = body[st["start"]:st["end"]]
        data["statements"] = statements
    data.setdefault("statements", [])
    return data
