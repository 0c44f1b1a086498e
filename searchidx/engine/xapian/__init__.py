"""The Xapian engine: the Whoosh engine's interface over a Xapian database, local or sharded.

    layout      term prefixes, value slots, the local databases or the shards, opening them
    documents   engine document -> Xapian document (engine/analysis.py's words: Xapian never analyses)
    translate   the parsed query (engine/query.py) and filters -> a Xapian query
    ranking     BM25 with the same k1, b and idf, the title and name fields apart, ties, feedback
    reader      XapianReader: search, quotes (statements: a database of their own), snippets, get, documents, tally
    writing     parts written by worker processes, batches committed to every shard
    shards      `searchidx shard serve`: a shard's two databases served by xapian-tcpsrv

Needs the ``xapian`` bindings (``pip install "searchidx[xapian]"``: xapian-bindings-binary,
GPL-licensed, an optional extra) and, to serve shards, ``xapian-tcpsrv`` (Debian's xapian-tools).
"""

from __future__ import annotations

import xapian  # noqa: F401 - ImportError here is the engine factory's "not installed"

from .reader import XapianReader
from .writing import XapianSegment, XapianWritable, create, index_exists, read_back

__all__ = ["XapianReader", "XapianSegment", "XapianWritable", "create", "index_exists", "read_back"]
