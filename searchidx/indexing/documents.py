"""The per-file step of indexing: one source file -> its index documents, and what could not be read.

Run in this process for a few files, and by every worker process (workers.py) for many.
"""

from __future__ import annotations

from ..corpus import SourceFile
from ..engine import document
from ..engine.writing import Document
from ..models import Skipped
from ..read import read_source


def file_documents(src: SourceFile) -> tuple[list[Document], list[Skipped]]:
    """One file's index documents (one per article), and what in it could not be read."""
    items = read_source(src)
    docs = [document(i, src.signature) for i in items if not isinstance(i, Skipped)]
    return docs, [i for i in items if isinstance(i, Skipped)]
