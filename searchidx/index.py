"""The library's face: :class:`Index`, one index folder to update, search and read.

    Index.add    files -> corpus -> clean -> extract -> indexing (workers, engine writing)
    Index.search text -> engine (parse, rank) -> searching (Hits with snippets, copies collapsed, facets)
    Index.similar id -> engine (its significant words as a query) -> searching (Hits)
    Index.quotes text -> the same over statements (Quotes: who said it, the quote, the article)
    Index.people      the people registry: one entry per person, every alias

An :class:`Index` keeps its reader (one searcher per thread) between searches and reopens
it only after a commit, so it serves many queries, from several threads, cheaply. The
writer side (indexing/, the cleaner and the extractor) is imported only when ``add`` is
first called: a process that only searches never loads it. The engine (Whoosh) is imported
when an index is first opened, so ``import searchidx`` loads no search engine at all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DocumentNotFound, IndexExists
from .models import CheckReport, Copy, Document, Filters, IndexReport, Person, Snippet
from .searching import IndexStats, QuoteResult, SearchResult, copies, people, quotes, search, similar, stats

if TYPE_CHECKING:
    from .engine import SearchReader

PathArg = str | os.PathLike[str]


def default_index_dir() -> Path:
    """The per-user data folder used when neither --index nor $SEARCHIDX_INDEX is given."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "searchidx" / "index"


def _ids(doc_id: str) -> list[str]:
    """The ids ``doc_id`` may stand for: a file's path as given (a name that is not UTF-8 comes from
    the command line as lone surrogates) is its text form (corpus.text_path); else the id itself,
    then relative to the current folder."""
    from .corpus import text_path  # not at import: a search does not load the file reader

    ids = []
    if os.path.isfile(doc_id):
        ids.append(text_path(os.path.abspath(doc_id)))
    shown = text_path(doc_id) if _has_surrogates(doc_id) else doc_id
    ids.append(shown)
    if not os.path.isabs(doc_id):
        ids.append(text_path(os.path.abspath(doc_id)) if _has_surrogates(doc_id) else os.path.abspath(doc_id))
    return list(dict.fromkeys(ids))


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


def _reader(path: Path, partial: bool = False) -> SearchReader:
    from .engine import open_reader

    return open_reader(path, partial=partial)


class Index:
    """A searchidx index on disk: update it, search it, read its documents and stats.

    >>> with Index.open_or_create("~/news-index") as ix:            # doctest: +SKIP
    ...     ix.add("corpus/")
    ...     for hit in ix.search("Central Asia", filters=Filters(speaker="Lavrov")).hits:
    ...         print(hit.title, hit.snippet.text)
    """

    def __init__(self, path: PathArg, *, partial: bool = False) -> None:
        """Open the index at ``path``; IndexNotFound says how to build one (see also :meth:`open`).

        ``partial``: a sharded index answers from the shards that answer, and says which did not
        (``SearchResult.incomplete``); without it a shard that does not answer is ShardUnavailable.
        """
        self.path = Path(path).expanduser()
        self.partial = partial
        self._reader = _reader(self.path, partial)

    @classmethod
    def open(cls, path: PathArg, *, partial: bool = False) -> Index:
        """Open an existing index (of whichever engine built it); IndexNotFound says how to build one."""
        return cls(path, partial=partial)

    @classmethod
    def create(cls, path: PathArg, *, engine: str | None = None, shards: Iterable[str] = ()) -> Index:
        """Create a new, empty index at ``path``; IndexExists if there is one already.

        ``engine``: "whoosh" (the default, or $SEARCHIDX_ENGINE) or "xapian"; ``shards``:
        ``host:port`` of each xapian-tcpsrv serving a shard of a Xapian index.
        """
        from .engine import create_index, index_exists

        p = Path(path).expanduser()
        if index_exists(p):
            raise IndexExists(f"there is an index at {p} already: open it, or choose another folder")
        create_index(p, engine=engine, shards=tuple(shards))
        return cls(p)

    @classmethod
    def open_or_create(cls, path: PathArg, *, engine: str | None = None, shards: Iterable[str] = ()) -> Index:
        """Open the index at ``path``, creating an empty one (with ``engine`` and ``shards``) if there is none."""
        from .engine import index_exists

        p = Path(path).expanduser()
        return cls.open(p) if index_exists(p) else cls.create(p, engine=engine, shards=shards)

    def close(self) -> None:
        """Release the reader's files (every thread's searcher)."""
        self._reader.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(
        self,
        paths: PathArg | Iterable[PathArg],
        *,
        rebuild: bool = False,
        workers: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        wait: float = 0.0,
    ) -> IndexReport:
        """Index new and changed files under ``paths`` (a file, a folder, or several) and drop deleted ones.

        ``rebuild`` starts over; ``workers`` processes read files (default: one per core);
        ``progress(done, total)`` is called as files are read; ``wait`` is how many seconds
        to wait for another process updating the index before IndexLocked.
        """
        from .indexing import update_index  # the writer side stays off the query path

        roots = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
        self.close()
        report = update_index(self.path, roots, rebuild=rebuild, workers=workers, progress=progress, wait=wait)
        self._reader = _reader(self.path, self.partial)
        return report

    def search(
        self,
        text: str,
        *,
        filters: Filters | None = None,
        limit: int = 10,
        sort: str = "relevance",
        count: bool = False,
        facets: bool = False,
        all_copies: bool = False,
        correct: bool = True,
    ) -> SearchResult:
        """Ranked hits for ``text`` (the query syntax in the README) with snippets; QueryError if it is empty.

        Copies of one story (a duplicate group) give one hit, the best-ranked, with the others in
        its ``copies``; ``all_copies=True`` lists each as a hit of its own. ``total`` (articles) and
        ``stories`` (groups) are exact when fewer than ``limit`` documents match; beyond that they
        are counted only with ``count=True`` (else None): counting walks every match, which can
        cost more than the search itself. ``facets=True`` also counts speakers, sources, datelines
        and months over every matching article, copies included (``SearchResult.facets``; ``total``
        and ``stories`` are then exact too). Filters accept any alias of a person and any spelling
        of a place or source; UnknownFilterValue (a QueryError) names the close values when one
        names nothing. A word the index does not know is searched as the closest word it does (and
        a query that matches nothing with its rarer words so corrected, if that finds something):
        ``SearchResult.query`` is then the corrected text and ``corrected_from`` the text given.
        ``correct=False`` searches the text as given, and only suggests a correction when nothing matches.
        """
        return search(self._reader, text, filters=filters, limit=limit, sort=sort, count=count, facets=facets,
                      all_copies=all_copies, correct=correct)

    def similar(self, doc_id: str, *, limit: int = 10) -> SearchResult:
        """Articles about the same matter as ``doc_id``, ranked, one per duplicate group, its own group
        left out (its significant words as a query); DocumentNotFound if there is no such document."""
        return similar(self._reader, self._id(doc_id), limit=limit)

    def copies(self, doc_id: str) -> tuple[Copy, ...]:
        """The other articles of ``doc_id``'s duplicate group (copies of its story), earliest first;
        none when it has no copy, DocumentNotFound when there is no such document."""
        return copies(self._reader, self.get(doc_id).id)

    def groups(self) -> tuple[tuple[str, ...], ...]:
        """Every duplicate group of two or more articles (their ids, sorted): copies of one story."""
        return tuple(sorted(set(self._reader.groups().of.values())))

    def quotes(
        self,
        text: str,
        *,
        filters: Filters | None = None,
        limit: int = 10,
        sort: str = "relevance",
        count: bool = False,
        facets: bool = False,
        correct: bool = True,
    ) -> QuoteResult:
        """The statements that best match ``text``, each with its speaker (the registry's name), role,
        cue, the quote with its matched words (a Snippet) and its article; arguments as :meth:`search`,
        the facets counting statements."""
        return quotes(self._reader, text, filters=filters, limit=limit, sort=sort, count=count, facets=facets,
                      correct=correct)

    def people(self, name: str | None = None) -> tuple[Person, ...]:
        """The people registry, most articles first; or the people ``name`` names (any alias or spelling),
        UnknownFilterValue with the close names if none."""
        return people(self._reader, name)

    def get(self, doc_id: str) -> Document:
        """One stored article by its id: its file's path (absolute, or relative to the current
        folder), plus ``#KEY`` for a JSONL record; DocumentNotFound if there is none."""
        for candidate in _ids(doc_id):
            doc = self._reader.get(candidate)
            if doc is not None:
                return doc
        from .corpus import text_path

        raise DocumentNotFound(f"no document {text_path(doc_id)!r} in the index at {self.path}")

    def _id(self, doc_id: str) -> str:
        """``doc_id`` as indexed (the first of its forms, ``_ids``, the index holds), else as given."""
        return next((c for c in _ids(doc_id) if self._reader.get(c) is not None), doc_id)

    def highlight(self, text: str, query: str) -> Snippet:
        """``text`` whole (an article's body, a statement) with every word ``query`` searches for marked.

        The marks are those a hit's snippet would carry; a query with nothing to search for
        (empty, only operators) marks nothing; QueryError if it cannot be parsed.
        """
        return self._reader.highlight(text, query)

    def stats(self, top: int = 10) -> IndexStats:
        """Document count, date span and the most frequent speakers, datelines and sources (variants merged)."""
        return stats(self._reader, top)

    def check(self, paths: Iterable[PathArg] = ()) -> CheckReport:
        """Read the whole index back and compare it with the files under ``paths`` (default: the indexed files)."""
        from .indexing import check_index

        return check_index(self.path, paths)
