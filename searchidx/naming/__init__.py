"""Names across a whole index: one entry per person, place and source, however articles spell them.

``people`` builds the people registry (aliases, transliterations, non-people set aside);
``places`` matches and merges datelines and sources; ``book`` holds both for one index, turns
filters into the exact stored values they name and merges counts; ``keys`` folds spellings;
``rules`` holds the tables (transliterations, nicknames, renamed places, source aliases, names
that are never people). Pure functions over the index's NameEvidence: nothing here reads files
or imports the engine.
"""

from .book import BOOK_NAME, NameBook, build_book
from .people import Registry, build_registry, is_role

__all__ = ["BOOK_NAME", "NameBook", "Registry", "build_book", "build_registry", "is_role"]
