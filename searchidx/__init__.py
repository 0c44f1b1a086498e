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

from .errors import (
    DocumentNotFound,
    EngineNotInstalled,
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
    ShardUnavailable,
    UnknownFilterValue,
    UnreadableFile,
)
from .index import Index, default_index_dir
from .models import (Article, ArticleRef, CheckReport, Copy, Document, Facets, Filters, Hit, IndexReport, Page, Person,
                     Quote, Skipped, Snippet, Statement)
from .read import clean, extract, read_article, read_articles
from .searching import IndexStats, QuoteResult, SearchResult

__all__ = [
    "Article", "ArticleRef", "CheckReport", "Copy", "Document", "DocumentNotFound", "EngineNotInstalled",
    "EngineUnsupported",
    "Facets", "Filters", "Hit", "Index", "IndexDamaged", "IndexExists", "IndexLocked", "IndexNotFound", "IndexOutdated",
    "IndexReport", "IndexStats", "IndexUnreadable",
    "IndexUnwritable", "IndexingFailed", "Page", "PathNotFound", "Person", "QueryError",
    "Quote", "QuoteResult", "SearchResult", "SearchidxError", "ShardUnavailable", "Skipped", "Snippet", "Statement",
    "UnknownFilterValue", "UnreadableFile", "clean", "default_index_dir", "extract", "read_article", "read_articles",
]
