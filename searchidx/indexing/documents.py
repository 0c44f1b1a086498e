"""The per-file step of indexing: one source file -> its index documents, their fingerprints, and
what could not be read.

Run in this process for a few files, and by every worker process (workers.py) for many. The
fingerprints (fingerprint.py) go back to the parent, which groups copies (duplicates.py): a few
hundred bytes an article, where the documents themselves never leave the worker.
"""

from __future__ import annotations

from ..corpus import SourceFile
from ..engine import document
from ..engine.writing import Document
from ..models import Article, Skipped
from ..read import read_source
from .fingerprint import Fingerprint, fingerprint

# An article's id and fingerprint.
Print = tuple[str, Fingerprint]


def file_documents(src: SourceFile) -> tuple[list[Document], list[Print], list[Skipped]]:
    """One file's index documents (one per article), their fingerprints, and what in it could not be read."""
    items = read_source(src)
    articles = [i for i in items if isinstance(i, Article)]
    docs = [document(a, src.signature) for a in articles]
    return docs, [(a.id, fingerprint(a.body)) for a in articles], [i for i in items if isinstance(i, Skipped)]
