"""An index's name book for searching: saved by the last indexing run, or built from the index.

The indexing run saves the name book for the state it committed; a reader that sees another
state (a run killed before saving, or an index written by hand) builds it from the columns,
once per state, and never writes it: a search may run on a read-only index. The naming
package is loaded only when a filter or a count needs names: a plain search never does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Filters, Restriction

if TYPE_CHECKING:
    from ..engine import SearchReader
    from ..naming import NameBook


def name_book(reader: SearchReader) -> NameBook:
    """The name book of the state of the index ``reader`` sees."""
    from ..naming import BOOK_NAME, NameBook, build_book

    def load() -> NameBook:
        saved = reader.derived(BOOK_NAME)
        return NameBook.from_json(saved) if saved is not None else build_book(reader.evidence())

    return reader.memo(BOOK_NAME, load)


def restriction(reader: SearchReader, filters: Filters | None) -> Restriction:
    """``filters`` as the exact values the index stores; the name book is read only when a name filter needs it."""
    f = filters or Filters()
    if not any(v is not None and v.strip() for v in (f.speaker, f.dateline, f.source)):
        return Restriction(since=f.since, until=f.until)
    return name_book(reader).restriction(f)
