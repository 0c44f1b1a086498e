"""Stage 5, searching: query text -> ranked Hits with snippets, and counts over an index.

``search`` asks the engine for the best documents and turns each into a
:class:`~searchidx.models.Hit` with a :class:`~searchidx.models.Snippet` (data: the
passages and where the matched words fall; markup is added by the faces); ``stats``
counts speakers, datelines and sources with the spellings of one name merged (``tally``).
"""

from .hits import SearchResult, search, similar
from .summary import IndexStats, stats

__all__ = ["IndexStats", "SearchResult", "search", "similar", "stats"]
