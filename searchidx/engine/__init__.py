"""The search engine: the only package that imports Whoosh, behind a small interface.

    Reader          open an index; search and quotes (-> Ranked, with RawCounts over every match when
                    asked), get, documents, evidence (names, for the people registry), snippet, suggest
    WritableIndex   one indexing run: indexed files, batches (BatchWriter: add, delete, commit, cancel)
    WorkerSegment   a worker process's own segments, committed by the parent's batch
    document        Article -> the engine's documents (the article's, and one per statement)
    save_derived    what an indexing run derived from the whole index (the people registry), for readers
    read_back       decode every stored document (integrity check)

Inside: ``analysis`` (tokens, folding, stems: shared by indexing, queries and snippets),
``schema`` (fields), ``store`` (opening, stored text), ``query`` (user syntax -> Whoosh query),
``scoring`` (BM25), ``accumulate`` (term-at-a-time scoring), ``pruning`` (Whoosh's top-N
collector made sound), ``ranking`` (top N, ties, feedback), ``highlight`` (snippets),
``segwriter`` and ``postings`` (bulk segment writing), ``writing`` (batches and commits),
``columns`` (counts from columns read whole), ``pool`` (a searcher per thread).

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

from .columns import RawCounts  # noqa: E402 - only once the version is known to fit
from .reader import Ranked, Reader  # noqa: E402
from .store import index_exists, read_back, save_derived  # noqa: E402
from .writing import BatchWriter, WorkerSegment, WritableIndex, document  # noqa: E402

__all__ = ["BatchWriter", "RawCounts", "Ranked", "Reader", "WorkerSegment", "WritableIndex", "document",
           "index_exists", "read_back", "save_derived"]
