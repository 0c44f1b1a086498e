"""Where a Xapian index keeps things: term prefixes, value slots, the local database or the shards.

A Xapian index is its folder's ``searchidx.json`` plus either two local databases (``xapian/``
for the articles, ``xapian-statements/`` for the statements) or a list of shards, each two
databases served by ``xapian-tcpsrv`` (shards.py): the articles on the shard's port, the
statements on the next port. Opening goes through here, so a shard that does not answer
becomes one ShardUnavailable naming it, whatever asked.

Why statements are a database of their own (as the Whoosh engine keeps them in ``statements/``,
ARCHITECTURE.md): BM25 takes the document count and the average document length from the
database it searches. Statements as a second kind of document in the articles' database
(a boolean "kind" term to tell them apart) would change both for every article query, and
Xapian 1.4 offers no way to take statistics from part of a database: a weighting class of our
own cannot run inside xapian-tcpsrv, and idf could be corrected by factors (ranking.Weights)
but not the average length, which every document's score divides by. Two databases keep the
articles' ranking exactly what it was, and give quotes their own statistics. xapian-tcpsrv
serves one database per port when writable (with several read-only folders it would merge them
into one, which is what must not happen), so a shard takes two ports.

Terms are the words ``engine/analysis.py`` makes, each field under its own prefix (body
words have none, as is Xapian's habit for the main text); a prefix is upper case and every
analysed word lower case, so one never reads as the other.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xapian

from ...errors import IndexDamaged, IndexNotFound, IndexOutdated, ShardUnavailable
from ..choice import IndexConfig, read_config

# The Xapian index's own format version (its terms, slots and stored data), apart from the
# Whoosh schema's: bump it when any of them changes, and an older index asks for --rebuild.
# 4: the body terms hold the title's words too, British spellings folded to American (analysis.py).
# 5: statements in a database of their own (quotes); only body words count in a document's length
#    (the other fields' words have a frequency of 0, and a term saying the field is there: ranking.py).
FORMAT_VERSION = 5
DATABASE_DIR = "xapian"
STATEMENTS_DIR = "xapian-statements"  # beside the articles' database in a local index
SHARD_STATEMENTS_DIR = "statements"  # inside a shard's folder (a Xapian database ignores other files)
ARTICLES, STATEMENTS = "articles", "statements"  # the two kinds of database an index holds

# Field -> term prefix. These are the fields the query parser knows (engine/schema.py).
PREFIXES = {"body": "", "title": "XT", "speakers": "XS", "dateline": "XD", "source": "XO"}
FIELD_OF_PREFIX = {prefix: field for field, prefix in PREFIXES.items() if prefix}
# A boolean term in every document that has the field: how many do is BM25's view of its length (ranking.py).
PRESENT_PREFIX = "XH:"
ID_PREFIX = "Q"  # Xapian's usual prefix for a unique id: one term per document
# Whole values as boolean terms (original spelling), counted by `stats` from the term list alone.
WHOLE_PREFIXES = {"speaker": "XP:", "dateline": "XL:", "source": "XR:", "day": "XY:"}
ARTICLE_PREFIX = "XA:"  # a statement's article id: a file's statements are deleted with its articles
# Value slots: date (sortable text, for --since/--until, date ranges and sorting), id (ties).
SLOT_DATE = 0
SLOT_ID = 1
SLOT_SOURCE = 2
SLOT_DATELINE = 3
SLOT_MONTH = 4
# Newer first (undated last), then the lower id, as one text sorted ascending: xapian-tcpsrv sorts
# by one value slot, not by a KeyMaker of several.
SLOT_ORDER = 5
# The article's speakers as written (a JSON list): a match spy counts each distinct list once per
# match, and facets add each list's count to every speaker in it.
SLOT_SPEAKERS = 6
SLOT_DAY = 7  # the article's ISO day, for facets and the people registry's evidence
SLOT_PEOPLE_DAY = 8  # [speakers, day] as JSON: the registry counts articles by both together
SLOT_SAID = 9  # a statement's [speaker, role] as JSON: the registry learns roles from what people said
# Each database's commit counter (metadata): readers tag what they derive with it.
GENERATION_KEY = "searchidx:generation"
# Xapian refuses terms over 245 bytes; a longer word is left out, a longer id is hashed.
MAX_TERM_BYTES = 240

# Seconds to wait for a shard to accept a connection, and for an answer once connected.
CONNECT_TIMEOUT = 3.0
ANSWER_TIMEOUT = 60.0


@dataclass(frozen=True)
class Shard:
    host: str
    port: int

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def parse_shards(text: str | Iterable[str]) -> tuple[Shard, ...]:
    """``host:port,host:port`` (or a list of them) -> shards; ValueError says which one is wrong."""
    items = [s.strip() for s in (text.split(",") if isinstance(text, str) else text)]
    shards = []
    for item in items:
        if not item:
            continue
        host, sep, port = item.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65535:
            raise ValueError(f"{item!r} is not a shard address like 127.0.0.1:8101")
        shards.append(Shard(host.strip("[]"), int(port)))
    if len(set(shards)) != len(shards):
        raise ValueError("a shard is listed twice")
    taken = {statements_shard(s) for s in shards} & set(shards)
    if taken:  # each shard serves its statements on the port after its own
        raise ValueError(f"shard {min(taken, key=str)} is on the port another shard's statements use: "
                         "leave a port free after each shard's")
    return tuple(shards)


def field_of(term: str) -> str:
    """The field a term belongs to (body words have no prefix)."""
    return FIELD_OF_PREFIX.get(term[:2], "body")


def present_term(field: str) -> str:
    """The term every document with words in ``field`` holds."""
    return PRESENT_PREFIX + field


def id_term(doc_id: str) -> str:
    """The unique term of a document id (hashed when the id is too long to be a term)."""
    term = ID_PREFIX + doc_id
    if len(term.encode("utf-8")) <= MAX_TERM_BYTES:
        return term
    return ID_PREFIX + "#sha256:" + hashlib.sha256(doc_id.encode("utf-8", "surrogateescape")).hexdigest()


def shard_of(route_key: str, count: int) -> int:
    """The shard of a document, by a hash of its file's path that never changes between runs or
    machines (Python's hash() does): a file's documents are written, and committed, together."""
    return zlib.crc32(route_key.encode("utf-8", "surrogateescape")) % count


def config(d: Path) -> IndexConfig:
    """The Xapian index's description; IndexNotFound or IndexOutdated when it is not one this version reads."""
    found = read_config(d)
    if found is None:
        raise IndexNotFound(f"no index at {d}: run `searchidx index FOLDER --index {d}` first")
    version = found.get("xapian_format")
    if version != FORMAT_VERSION:
        raise IndexOutdated(
            f"the index at {d} was built by another version of searchidx (Xapian format {version}, "
            f"this is {FORMAT_VERSION}): rebuild needed, run `searchidx index FOLDER --rebuild`")
    return found


def shards_of(found: IndexConfig) -> tuple[Shard, ...]:
    return parse_shards(found.shards)


def local_path(d: Path, kind: str = ARTICLES) -> Path:
    return d / (DATABASE_DIR if kind == ARTICLES else STATEMENTS_DIR)


def statements_shard(shard: Shard) -> Shard:
    """Where a shard serves its statements: the port after its articles' (shards.py)."""
    return Shard(shard.host, shard.port + 1)


def endpoint(shard: Shard, kind: str = ARTICLES) -> Shard:
    """The address serving ``kind`` of a shard's databases."""
    return shard if kind == ARTICLES else statements_shard(shard)


def open_database(d: Path, *, kind: str = ARTICLES, skip_missing: bool = False) -> tuple[Any, tuple[str, ...]]:
    """The index's articles (or statements) as one Xapian database (every shard added to it, so
    Xapian computes statistics over all of them), and the shards left out because they did not
    answer (only with ``skip_missing``; else ShardUnavailable names the first)."""
    found = config(d)
    shards = shards_of(found)
    if not shards:
        try:
            return xapian.Database(str(local_path(d, kind))), ()
        except xapian.DatabaseOpeningError as err:
            raise cannot_open(d, err) from None
    db = xapian.Database()
    missing = []
    for shard in shards:
        address = endpoint(shard, kind)
        try:
            db.add_database(xapian.remote_open(address.host, address.port, int(ANSWER_TIMEOUT * 1000),
                                               int(CONNECT_TIMEOUT * 1000)))
        except xapian.NetworkError as err:
            if not skip_missing:
                raise unavailable(shard, err) from None
            missing.append(str(shard))
    if len(missing) == len(shards):
        raise ShardUnavailable(f"no shard of the index at {d} answers ({', '.join(missing)})")
    return db, tuple(missing)


def cannot_open(d: Path, err: Any) -> IndexDamaged:
    """The error for a local database that Xapian cannot open (missing or damaged), for readers and writers."""
    return IndexDamaged(f"the index at {d} cannot be opened ({err.get_msg()}): "
                        f"rebuild it with `searchidx index FOLDER --index {d} --rebuild`")


def silent_shards(d: Path) -> list[str]:
    """The index's shards that do not accept a connection now (to name the one a failure came from)."""
    silent = []
    for shard in shards_of(config(d)):
        for address in (shard, statements_shard(shard)):
            try:
                xapian.remote_open(address.host, address.port, int(CONNECT_TIMEOUT * 1000),
                                   int(CONNECT_TIMEOUT * 1000)).close()
            except xapian.NetworkError:
                silent.append(str(shard))
                break
    return silent


def stopped_answering(d: Path, err: Exception) -> ShardUnavailable:
    """The one-line error for a shard lost while it was being used, naming it if it can be found."""
    silent = silent_shards(d)
    detail = err.get_msg() if isinstance(err, xapian.Error) else str(err)
    if silent:
        return ShardUnavailable(f"shard {', '.join(silent)} stopped answering ({detail}): start it again, "
                                "or query with --partial")
    return ShardUnavailable(f"a shard of the index at {d} stopped answering ({detail}): try again")


def unavailable(shard: Shard | str, err: Exception) -> ShardUnavailable:
    """The one-line error for a shard that does not answer."""
    detail = err.get_msg() if isinstance(err, xapian.Error) else str(err)
    return ShardUnavailable(
        f"shard {shard} does not answer ({detail or type(err).__name__}): start it with "
        f"`searchidx shard serve DIR --port {str(shard).rpartition(':')[2]}` (`query --partial` answers without it)")
