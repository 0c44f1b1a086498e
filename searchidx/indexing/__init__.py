"""Stage 4, indexing: files -> an index, incrementally and on every core; and checking it.

``run.update_index`` finds what changed, has worker processes (``workers``) read, clean and
extract the files (``documents.file_documents``) and commits their segments in batches
under one writer lock (``lock``); ``check.check_index`` reads an index back and compares it
with the files.
"""

from .check import check_index
from .run import update_index

__all__ = ["check_index", "update_index"]
