"""Stage 5, searching: query text -> ranked Hits or Quotes with snippets, and counts over an index.

``search`` asks the engine for the best articles and turns each into a
:class:`~searchidx.models.Hit` with a :class:`~searchidx.models.Snippet` (data: the
passages and where the matched words fall; markup is added by the faces); ``quotes`` does
the same for statements; filters name people, places and sources in any spelling and the
counts (facets, ``stats``, ``people``) merge them, through the index's name book (naming/).
"""

from .hits import SearchResult, copies, search, similar
from .quotes import QuoteResult, people, quotes
from .summary import IndexStats, stats

__all__ = ["IndexStats", "QuoteResult", "SearchResult", "copies", "people", "quotes", "search", "similar", "stats"]
