"""What callers may ask of an engine, whichever it is (Whoosh or Xapian): the engine boundary as types.

``engine/__init__.py`` opens the engine an index was created with (``choice.py``) and hands
out objects of these shapes; indexing/, searching/ and index.py know only these.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from ..models import Document, Filters, Snippet


class SearchReader(Protocol):
    """An index opened for reading (engine.reader.Reader, engine.xapian.reader.XapianReader)."""

    def close(self) -> None: ...

    def search(self, text: str, filters: Filters, *, limit: int, sort: str = "relevance",
               count: bool = False) -> Any: ...  # Ranked

    def snippet(self, body: str, terms: frozenset[str]) -> Snippet: ...

    def suggest(self, text: str) -> str | None: ...

    def get(self, doc_id: str) -> Document | None: ...

    def documents(self) -> Iterator[Document]: ...

    def doc_count(self) -> int: ...

    def tally(self) -> Any: ...  # Tally


class Batch(Protocol):
    """One batch of an indexing run: documents added, old ones deleted, committed together."""

    @property
    def closed(self) -> bool: ...

    def add(self, doc: dict[str, Any]) -> None: ...

    def delete(self, ids: list[str]) -> int: ...

    def commit(self, segments: tuple[Any, ...] = ()) -> None: ...

    def cancel(self) -> None: ...


class Writable(Protocol):
    """An index opened for one indexing run."""

    def indexed_files(self) -> dict[str, tuple[str, list[str]]]: ...

    def doc_count(self) -> int: ...

    def batch(self) -> Batch: ...


class Segment(Protocol):
    """A worker process's own part of a batch; ``finish`` gives what the parent's commit takes."""

    def add(self, doc: dict[str, Any]) -> None: ...

    def finish(self) -> Any: ...
