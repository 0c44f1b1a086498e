"""What callers may ask of an engine, whichever it is (Whoosh or Xapian): the engine boundary as types.

``engine/__init__.py`` opens the engine an index was created with (``choice.py``) and hands
out objects of these shapes; indexing/, searching/ and index.py know only these.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..models import Document, Filters, NameEvidence, Restriction, Snippet

if TYPE_CHECKING:
    from .groups import Groups
    from .writing import Document as EngineDocument

R = TypeVar("R")


class SearchReader(Protocol):
    """An index opened for reading (engine.reader.Reader, engine.xapian.reader.XapianReader)."""

    def close(self) -> None: ...

    def search(self, text: str, filters: Filters | Restriction, *, limit: int, sort: str = "relevance",
               count: bool = False, facets: bool = False, correct: bool = True) -> Any: ...  # Ranked[Document]

    def quotes(self, text: str, filters: Filters | Restriction, *, limit: int, sort: str = "relevance",
               count: bool = False, facets: bool = False,
               correct: bool = True) -> Any: ...  # Ranked[(Statement, ArticleRef)]

    def similar(self, doc_id: str, *, limit: int, exclude: Collection[str] = ()) -> Any: ...  # Ranked[Document] | None

    def groups(self) -> Groups: ...  # the duplicate groups: a file beside the index, whatever the engine

    def snippet(self, body: str, terms: frozenset[str], *, whole: bool = False) -> Snippet: ...

    def highlight(self, text: str, query: str) -> Snippet: ...

    def suggest(self, text: str) -> str | None: ...

    def get(self, doc_id: str) -> Document | None: ...

    def documents(self) -> Iterator[Document]: ...

    def doc_count(self) -> int: ...

    def evidence(self) -> NameEvidence: ...

    def generation(self) -> tuple[int, int]: ...

    def derived(self, name: str) -> Any: ...

    def memo(self, name: str, build: Callable[[], R]) -> R: ...


class Batch(Protocol):
    """One batch of an indexing run: documents added, old ones deleted, committed together."""

    def add(self, doc: EngineDocument) -> None: ...

    def delete(self, ids: list[str]) -> int: ...

    def commit(self, segments: tuple[Any, ...] = ()) -> None: ...

    def cancel(self) -> None: ...

    def make_room(self) -> None: ...


class Writable(Protocol):
    """An index opened for one indexing run; ``path`` is where its worker processes write."""

    path: Path

    def indexed_files(self) -> dict[str, dict[str, str]]: ...  # path -> {document id: signature}

    def doc_count(self) -> int: ...

    def batch(self) -> Batch: ...

    def finish(self) -> None: ...  # the run succeeded: a rebuild becomes the index

    def abandon(self) -> None: ...  # the run failed: what a rebuild built goes


class Segment(Protocol):
    """A worker process's own part of a batch; ``finish`` gives what the parent's commit takes."""

    def add(self, doc: EngineDocument) -> None: ...

    def make_room(self) -> None: ...

    def finish(self) -> Any: ...
