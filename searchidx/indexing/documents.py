"""The per-file step of indexing: one source file -> its index documents, their fingerprints, and
what could not be read.

Run in this process for a few files, and by every worker process (workers.py) for many. The
fingerprints (fingerprint.py) go back to the parent, which groups copies (duplicates.py): a few
hundred bytes an article, where the documents themselves never leave the worker.
A JSONL file that changed is read record by record: records whose line is indexed already
as it is now are kept, and only new or changed ones become documents.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..corpus import SourceFile, Unchanged, record_signature
from ..engine import document
from ..engine.writing import Document
from ..models import Article, Skipped
from ..read import read_records
from .fingerprint import Fingerprint, fingerprint

# Before a file larger than this, the writer reading it writes the postings it holds to disk:
# reading a 64 MB file takes some 300 MB on top of them (they may reach the writer's memory
# limit, 256 MB), and a worker should stay under 400 MB (benchmarks/memory.py).
LARGE_FILE_BYTES = 8 * 1024 * 1024

# An article's id and fingerprint.
Print = tuple[str, Fingerprint]


@dataclass(frozen=True)
class FileDocuments:
    """One file's new documents and their fingerprints (``prints``, in the same order); the ids of
    its records kept as indexed (None when the whole file was read, so none of its old documents
    stays); and what in it could not be read."""

    docs: list[Document] = field(default_factory=list)
    prints: list[Print] = field(default_factory=list)
    kept: tuple[str, ...] | None = None
    skipped: list[Skipped] = field(default_factory=list)


def file_documents(src: SourceFile, known: Mapping[str, str] | None = None) -> FileDocuments:
    """One file's index documents (one per article), their fingerprints, and what in it could not be read.

    ``known`` maps the digests of a JSONL file's lines already indexed to their keys.
    """
    records = read_records(src, known)
    docs, prints = [], []
    for digest, item in records:
        if isinstance(item, Article):
            docs.append(document(item, src.signature if digest is None else record_signature(src.signature, digest)))
            prints.append((item.id, fingerprint(item.body)))
    kept = tuple(f"{i.path}#{i.key}" for _, i in records if isinstance(i, Unchanged)) if src.kind == "jsonl" else None
    return FileDocuments(docs, prints, kept, [i for _, i in records if isinstance(i, Skipped)])


def handed_over(docs: list[Document]) -> Iterator[Document]:
    """``docs`` one by one, each let go of by the list before it is given (the writer consumes it):
    a 64 MB body must not stay referenced here while the writer pickles the stored text."""
    queue = deque(docs)
    docs.clear()
    while queue:
        yield queue.popleft()
