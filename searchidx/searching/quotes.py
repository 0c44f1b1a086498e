"""Query text -> QuoteResult: the statements that best answer "who said what about X".

    text, filters -> names (stored values) -> engine Reader.quotes -> (score, Statement, ArticleRef)
                  -> Quote (the registry's name for the speaker, the quote with its matches marked)

Statements are records of their own, so "NATO" with ``--speaker Lavrov`` finds what Lavrov
said about NATO, not articles where Lavrov speaks and someone else mentions NATO.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Facets, Filters, Person, Quote
from .hits import facets_of
from .names import name_book, restriction

if TYPE_CHECKING:
    from ..engine import SearchReader


@dataclass(frozen=True)
class QuoteResult:
    """Quotes for one query, best first (or newest, sorted by date); ``total``, ``suggestion``,
    ``facets``, ``query`` and ``corrected_from`` as in SearchResult, the facets counting statements."""

    quotes: tuple[Quote, ...]
    total: int | None
    suggestion: str | None = None
    facets: Facets | None = None
    query: str = ""
    corrected_from: str | None = None


def quotes(reader: SearchReader, text: str, *, filters: Filters | None = None, limit: int = 10,
           sort: str = "relevance", count: bool = False, facets: bool = False, correct: bool = True) -> QuoteResult:
    """The statements best matching ``text`` (the query syntax of ``search``, misspellings corrected
    unless ``correct`` is False); QueryError if empty."""
    from ..naming import is_role  # the naming package stays off a plain article search's path

    ranked = reader.quotes(text, restriction(reader, filters), limit=limit, sort=sort, count=count, facets=facets,
                           correct=correct)
    registry = name_book(reader).registry if ranked.documents else None
    found = []
    for rank, (score, (statement, article)) in enumerate(ranked.documents, 1):
        person = registry.person(statement.speaker) if registry is not None else None
        found.append(Quote(
            speaker=person.name if person is not None else statement.speaker,
            said_as=statement.speaker,
            role=statement.role if is_role(statement.role) else _usual_role(person),
            cue=statement.cue,
            snippet=reader.snippet(statement.text, ranked.terms, whole=True),
            article=article,
            score=score,
            rank=rank,
        ))
    return QuoteResult(tuple(found), ranked.total, ranked.suggestion, facets_of(reader, ranked.counts),
                       ranked.corrected or text, text if ranked.corrected else None)


def people(reader: SearchReader, name: str | None = None) -> tuple[Person, ...]:
    """Everyone the index quotes, most articles first; or the people ``name`` (any alias) names."""
    return name_book(reader).people(name)


def _usual_role(person: Person | None) -> str | None:
    return person.roles[0] if person is not None and person.roles else None
