"""The index's fields: what each holds, how it is analysed, what is stored for results.

An index folder holds two Whoosh indexes with one schema version: the articles, and beside
them (``statements/``) each statement as a record of its own, so a quote search ranks what
people said rather than the articles they were reported in. The statements' fields carry the
articles' names (``body`` is the quote, ``speakers`` who said it), so the same query syntax
and parser serve both. Field weights are applied at query time (``query.FIELD_BOOSTS``), not
here, where they would distort word counts.
"""

from __future__ import annotations

from whoosh.columns import RefBytesColumn, VarBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from .analysis import name_analyzer, text_analyzer

# Bump when the schema or analysis changes: an older index then asks for --rebuild.
# 2: Porter2 stemmer, title weighted at query time, term vectors for feedback.
# 3: no term vectors: feedback re-analyses its few hits' stored text (a quarter of the index's size);
#    the path is stored, not indexed (documents are deleted by id); one filter does the word analysis;
#    ids are also a column.
# 4: statements indexed as records of their own (statements/); exact speaker, dateline and source
#    values as filter terms and as columns for counting; a day column.
# 5: the body field indexes the title too (writing.searched_body).
SCHEMA_VERSION = 5
INDEX_NAME = "searchidx"
STATEMENTS_DIR = "statements"
# Speaker names in the ``people`` keyword field and the ``people_list`` column are joined with these.
PEOPLE_SEPARATOR = ","
PEOPLE_LIST_SEPARATOR = "\x1f"


def _facet_fields() -> dict[str, object]:
    """Fields both indexes share for filters and counts: one exact term per value, and a column.

    Datelines, sources and days have few distinct values, so a column of references to a
    list of them (RefBytes: one byte or two per document) is read whole and counted by
    reference. A person's name is a term of ``people`` (filters) in its spelling key.
    """
    return {
        "people": KEYWORD(commas=True),
        "dateline_name": ID(sortable=RefBytesColumn()),
        "source_name": ID(sortable=RefBytesColumn()),
        "day": COLUMN(RefBytesColumn()),
        "date": DATETIME(stored=False, sortable=True),
    }


def make_schema() -> Schema:
    """The articles' fields; ``body`` is searched but kept in ``blob`` for snippets.

    No term vectors: pseudo-relevance feedback re-analyses the stored title and body of its
    ten hits, which costs a long query about a millisecond, where vectors made the index a
    third larger and took a quarter of the writer's time. ``people_list`` holds each
    article's speakers as they were written (a variable-length column: the combinations of
    speakers are too many for a column of references), for counts and the people registry.
    """
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),  # a column: score ties are broken by id
        path=STORED,
        title=TEXT(analyzer=text_analyzer(), stored=True),
        body=TEXT(analyzer=text_analyzer(), stored=False),
        speakers=TEXT(analyzer=name_analyzer(), stored=False, field_boost=1.5),
        dateline=TEXT(analyzer=name_analyzer(), stored=True),
        source=TEXT(analyzer=name_analyzer(), stored=True),
        date_iso=STORED,
        speaker_list=STORED,
        url=STORED,
        sig=STORED,
        blob=STORED,
        people_list=COLUMN(VarBytesColumn()),
        **_facet_fields(),
    )


def make_statement_schema() -> Schema:
    """The statements' fields: the quote as ``body``, its speaker as ``speakers``, the article's
    dateline and date; ``blob`` stores the statement and what a result shows of its article.

    ``title`` exists so that the query syntax is the same, but stays empty: a quote is found
    by its own words, not by its article's headline.
    """
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        article=ID(stored=True),  # a file's statements are deleted with its articles
        title=TEXT(analyzer=text_analyzer()),
        body=TEXT(analyzer=text_analyzer(), stored=False),
        speakers=TEXT(analyzer=name_analyzer(), stored=False),
        dateline=TEXT(analyzer=name_analyzer()),
        source=TEXT(analyzer=name_analyzer()),
        blob=STORED,
        speaker_name=COLUMN(VarBytesColumn()),
        role_name=COLUMN(VarBytesColumn()),
        **_facet_fields(),
    )
