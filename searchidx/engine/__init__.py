"""The search engine: the only package that imports Whoosh, behind a small interface.

    Reader          open an index; search (-> Ranked), get, documents, tally, snippet, suggest
    WritableIndex   one indexing run: indexed files, batches (BatchWriter: add, delete, commit, cancel)
    WorkerSegment   a worker process's own segment, committed by the parent's batch
    document        Article -> the engine's document
    read_back       read the whole index back: documents, postings, lengths (integrity check)

Inside: ``analysis`` (tokens, folding, stems: shared by indexing, queries and snippets),
``schema`` (fields), ``store`` (opening, stored text), ``query`` (user syntax -> Whoosh query),
``scoring`` (BM25 on live statistics), ``accumulate`` (term-at-a-time scoring), ``pruning`` (Whoosh's top-N
collector made sound), ``ranking`` (top N, ties, feedback), ``highlight`` (snippets),
``segwriter`` and ``postings`` (bulk segment writing), ``writing`` (batches, commits, rebuilds),
``integrity`` (reading a whole index back).

Several modules reach into Whoosh's private format and classes (segment writing, posting
blocks, the commit path, matcher internals); each names the Whoosh 2.7.4 code it mirrors.
They are correct for that version only, so importing this package checks it.
"""

from __future__ import annotations

import whoosh

from ..errors import EngineUnsupported

# The Whoosh release every reach into its internals here was written for and tested with.
WHOOSH_VERSION = (2, 7, 4)

if tuple(whoosh.__version__[:3]) != WHOOSH_VERSION:
    raise EngineUnsupported(
        f"searchidx needs Whoosh {'.'.join(map(str, WHOOSH_VERSION))}, found "
        f"{'.'.join(map(str, whoosh.__version__))}: run `pip install whoosh==2.7.4`"
    )

from .reader import Ranked, Reader, Tally  # noqa: E402 - only once the version is known to fit
from .integrity import read_back  # noqa: E402
from .store import index_exists  # noqa: E402
from .writing import BatchWriter, WorkerSegment, WritableIndex, document  # noqa: E402

__all__ = ["BatchWriter", "Ranked", "Reader", "Tally", "WorkerSegment", "WritableIndex", "document",
           "index_exists", "read_back"]
