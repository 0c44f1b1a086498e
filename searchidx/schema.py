"""Where indexes written before the engine package find their analysis classes.

Whoosh pickles the schema, analyzers included, into each index's table of contents; indexes
written before searchidx 0.2 (schema version 3) name ``searchidx.schema.NewsWordFilter`` and
``searchidx.schema.PlaceFilter``. Nothing else imports this module; it goes with the next
schema version, which asks for a rebuild before any table of contents is read.
"""

from .engine.analysis import NewsWordFilter, PlaceFilter

__all__ = ["NewsWordFilter", "PlaceFilter"]
