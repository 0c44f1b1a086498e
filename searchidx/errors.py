"""The library's exceptions: one class per error a caller may want to handle.

Every message says what went wrong and what to do about it. The CLI (``cli.py``) turns
each into one line on stderr and exit code 1; the web app into the page's one error line.
"""

from __future__ import annotations


class SearchidxError(Exception):
    """Base class: the message says what went wrong and what to do about it."""


class UnreadableFile(SearchidxError):
    """A file could not be read or decoded as an article (binary, empty, vanished, no permission)."""


class PathNotFound(SearchidxError):
    """A file or folder given to index, check or extract does not exist."""


class IndexNotFound(SearchidxError):
    """No index at the given place."""


class IndexExists(SearchidxError):
    """An index is already where a new one was to be created."""


class IndexOutdated(SearchidxError):
    """The index was built by another version of searchidx: rebuild it."""


class IndexDamaged(SearchidxError):
    """The index's files cannot be read back (truncated, overwritten, foreign): rebuild it."""


class IndexUnreadable(SearchidxError):
    """The index folder's files cannot be read (permissions, an I/O error)."""


class IndexUnwritable(SearchidxError):
    """The index folder cannot be created, locked or written (permissions, read-only or full disk)."""


class IndexLocked(SearchidxError):
    """Another process is updating the index."""


class IndexingFailed(SearchidxError):
    """An indexing worker process died or failed; nothing of its batch was committed."""


class DocumentNotFound(SearchidxError):
    """No document with the given id in the index."""


class QueryError(SearchidxError):
    """The query is empty or cannot be parsed."""


class EngineUnsupported(SearchidxError):
    """The installed search engine library is not the version searchidx was written for."""


class EngineNotInstalled(SearchidxError):
    """The engine an index asks for (or a tool it needs, such as xapian-tcpsrv) is not installed, or is unknown."""


class ShardUnavailable(SearchidxError):
    """A shard of a sharded index does not answer (or cannot be written); the message names it."""


class UnknownFilterValue(QueryError):
    """A filter (--speaker, --dateline, --source) names a value the index does not hold;
    ``close`` lists the indexed values nearest to it, for the message and for a face to offer."""

    def __init__(self, option: str, value: str, close: tuple[str, ...] = ()) -> None:
        hint = f"; close: {', '.join(close)}" if close else ""
        super().__init__(f"no {option} {value!r} in the index{hint}")
        self.option, self.value, self.close = option, value, close
