"""searchidx: full-text search for folders of saved diplomatic news.

A file becomes a search hit in five steps, each a small module::

    corpus   find and decode .txt / .html / .jsonl files
    clean    raw page -> Page (article text; title, dates, info lines kept aside)
    extract  Page -> Article (title, date, source, dateline, speakers)
    index    Articles -> Whoosh index (incremental, parallel)
    search   query -> Hits with Snippets

    from searchidx import Filters, Index, read_article

    article = read_article("corpus/000_147f1172ebdf106e.txt")
    with Index.create("/tmp/news-index") as ix:
        ix.add(["corpus/"])
        for hit in ix.search("Central Asia", filters=Filters(speaker="Lavrov")).hits:
            print(hit.title, hit.snippet.text)

Names are imported on first use, so `searchidx query` never loads the HTML cleaner or
the extractor.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import _whooshcompat

_whooshcompat.load()  # before any Whoosh import: spares a one-shot query modules it never uses (urllib.request ...)

if TYPE_CHECKING:
    from .clean import clean
    from .errors import IndexLocked, IndexNotFound, QueryError, SearchidxError, UnreadableFile
    from .extract import extract
    from .index import IndexReport, update_index
    from .models import Article, Hit, Page, Snippet, Statement
    from .read import read_article, read_articles
    from .search import Document, Filters, Index, IndexStats, SearchResult
    from .store import default_index_dir

_HOME = {
    "clean": "clean",
    "IndexLocked": "errors", "IndexNotFound": "errors", "QueryError": "errors",
    "SearchidxError": "errors", "UnreadableFile": "errors",
    "extract": "extract",
    "IndexReport": "index", "update_index": "index", "default_index_dir": "store",
    "Article": "models", "Hit": "models", "Page": "models", "Snippet": "models", "Statement": "models",
    "read_article": "read", "read_articles": "read",
    "Document": "search", "Filters": "search", "Index": "search", "IndexStats": "search", "SearchResult": "search",
}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
