"""The index's fields and how their text is analysed (tokens, folding, stemming).

Kept apart from index.py (which writes) and search.py (which reads) because both need
the same analysis: a query word must be analysed exactly as the indexed text was.
Whoosh pickles this schema into the index, so the filter classes here must stay
importable under these names; changing analysis means bumping SCHEMA_VERSION.
"""

from __future__ import annotations

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from .places import DEMONYMS

# Bump when the schema or analysis changes: an older index then asks for --rebuild.
# 2: Porter2 stemmer, title weighted at query time, term vectors for feedback.
# 3: no term vectors: feedback re-analyses its few hits' stored text (a quarter of the index's size);
#    the path is stored, not indexed (documents are deleted by id).
SCHEMA_VERSION = 3
INDEX_NAME = "searchidx"

# Words too common in news to help ranking; kept short so phrases like "war on terror" still work.
STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the this to was were will with".split()
)
# Porter2 ("Snowball English") stems, e.g. "generous"/"generate" apart, where Porter joins them.
STEM_LANGUAGE = "en"


class PlaceFilter(Filter):
    """Fold demonyms to their place ("Central Asian" -> "central asia"), before stemming."""

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for t in tokens:
            t.text = DEMONYMS.get(t.text, t.text)
            yield t


def text_analyzer():  # type: ignore[no-untyped-def]
    """Body and title: words, lower-cased, accents folded, places folded, stop words, Porter2 stems."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | PlaceFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=1)
        | StemFilter(lang=STEM_LANGUAGE, cachesize=100_000)
    )


def name_analyzer():  # type: ignore[no-untyped-def]
    """Speakers, datelines, sources: every name part, lower-cased and accent-folded, no stemming."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def make_schema() -> Schema:
    """The index's fields; ``body`` is searched but kept in ``blob`` for snippets.

    No term vectors: pseudo-relevance feedback re-analyses the stored title and body of its
    ten hits, which costs a long query about a millisecond, where vectors made the index a
    third larger and took a quarter of the writer's time. Field weights are applied at
    query time (search.FIELD_BOOSTS), not here, where they would distort word counts.
    """
    return Schema(
        id=ID(stored=True, unique=True),
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


