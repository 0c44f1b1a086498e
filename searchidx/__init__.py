"""searchidx: full-text search for folders of saved diplomatic news.

A file becomes a search hit in five stages, one package each::

    corpus       find and decode .txt / .html / .jsonl files
    cleaning/    raw page -> Page (article text; title, dates, info lines kept aside)    verb: clean
    extracting/  Page -> Article (title, date, source, dateline, speakers, statements)  verb: extract
    indexing/    Articles -> index (incremental, parallel), through engine/ (Whoosh)   verb: Index.add
    searching/   query -> Hits with Snippets, and counts                               verb: Index.search

    from searchidx import Filters, Index, read_article

    article = read_article("corpus/000_147f1172ebdf106e.txt")
    with Index.open_or_create("/tmp/news-index") as ix:
        ix.add("corpus/")
        for hit in ix.search("Central Asia", filters=Filters(speaker="Lavrov")).hits:
            print(hit.title, hit.snippet.text)
"""

import logging

from .errors import (
    DocumentNotFound,
    EngineUnsupported,
    IndexDamaged,
    IndexExists,
    IndexingFailed,
    IndexLocked,
    IndexNotFound,
    IndexOutdated,
    IndexUnreadable,
    IndexUnwritable,
    PathNotFound,
    QueryError,
    SearchidxError,
    UnreadableFile,
)
from .index import Index, default_index_dir
from .models import Article, CheckReport, Document, Filters, Hit, IndexReport, Page, Skipped, Snippet, Statement
from .read import clean, extract, read_article, read_articles
from .searching import IndexStats, SearchResult

# The library logs (a page it failed on, with the traceback) and never prints: without a handler
# of the application's, Python would print those records to stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article", "CheckReport", "Document", "DocumentNotFound", "EngineUnsupported", "Filters", "Hit", "Index",
    "IndexDamaged", "IndexExists", "IndexLocked", "IndexNotFound", "IndexOutdated", "IndexReport",
    "IndexStats", "IndexUnreadable", "IndexUnwritable", "IndexingFailed", "Page", "PathNotFound",
    "QueryError", "SearchResult", "SearchidxError", "Skipped", "Snippet", "Statement", "UnreadableFile",
    "clean", "default_index_dir", "extract", "read_article", "read_articles",
]
