"""The library's exceptions. The CLI turns each into one line on stderr and exit code 1."""

from __future__ import annotations


class SearchidxError(Exception):
    """Base class: the message says what went wrong and what to do about it."""


class UnreadableFile(SearchidxError):
    """A file could not be read or decoded as an article (binary, empty, vanished, no permission)."""


class IndexNotFound(SearchidxError):
    """No index at the given place."""


class IndexLocked(SearchidxError):
    """Another process is updating the index."""


class QueryError(SearchidxError):
    """The query is empty or cannot be parsed."""
