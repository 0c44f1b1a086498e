"""The index's fields: what each holds, how it is analysed, what is stored for results.

Field weights are applied at query time (``query.FIELD_BOOSTS``), not here, where they
would distort word counts.
"""

from __future__ import annotations

from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema

from .analysis import name_analyzer, text_analyzer

# Bump when the schema or analysis changes: an older index then asks for --rebuild.
# 2: Porter2 stemmer, title weighted at query time, term vectors for feedback.
# 3: no term vectors: feedback re-analyses its few hits' stored text (a quarter of the index's size);
#    the path is stored, not indexed (documents are deleted by id); one filter does the word analysis;
#    ids are also a column.
SCHEMA_VERSION = 3
INDEX_NAME = "searchidx"


def make_schema() -> Schema:
    """The index's fields; ``body`` is searched but kept in ``blob`` for snippets.

    No term vectors: pseudo-relevance feedback re-analyses the stored title and body of its
    ten hits, which costs a long query about a millisecond, where vectors made the index a
    third larger and took a quarter of the writer's time. Field weights are applied at
    query time (search.FIELD_BOOSTS), not here, where they would distort word counts.
    """
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),  # a column: score ties are broken by id
        path=STORED,
        title=TEXT(analyzer=text_analyzer(), stored=True),
        body=TEXT(analyzer=text_analyzer(), stored=False),
        speakers=TEXT(analyzer=name_analyzer(), stored=False, field_boost=1.5),
        dateline=TEXT(analyzer=name_analyzer(), stored=True),
        source=TEXT(analyzer=name_analyzer(), stored=True),
        date=DATETIME(stored=False, sortable=True),
        date_iso=STORED,
        speaker_list=STORED,
        url=STORED,
        sig=STORED,
        blob=STORED,
    )


