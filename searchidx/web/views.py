"""The web app's pages and API: each route parses its parameters, calls the library once, renders.

    /               search page: query box, syntax help, hits, total, pages, sort, facets, timeline
    /article        one article: whole text with every match marked, its statements
    /api/search     the hits of ``query --json`` in an object with the total, the stories and the page (facets=1:
                    counts; all_copies=1: every copy of a story as a hit of its own)
    /api/facets     counts of speakers, sources, datelines and months over every match
    /api/article    ``show --json`` with its copies and the most similar articles, and the match spans of ``q``
    /api/similar    the hits of ``similar --json`` (limit=: how many)
    /quotes         what people said: statements ranked on their own (when the library has quote search)
    /api/quotes     the quotes of ``quotes --json`` in an object with the total and the page

The HTML page and its API twin take the same query string and call the same function, so
they never disagree (datasette's habit). Library errors become the page's one error line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from ..errors import DocumentNotFound, QueryError
from ..index import Index
from ..models import Copy, Document, Hit, Snippet, Statement
from ..models import Facets
from ..render import copy_dict, document_dict, facets_dict, hit_dict, quote_dict, to_json
from .facets import facet_view
from .params import MAX_DEPTH, BadRequest, SearchParams, parse_limit, parse_search
from .service import Library

# Ids are file paths (plus #N for a JSONL record); a longer one names no document.
MAX_ID_CHARS = 4096
# An article page names this many articles about the same matter ("more like this"): a short list
# to follow, not a second search page; /api/similar?limit= gives more.
SIMILAR_SHOWN = 5
MAX_SIMILAR = 100  # as `searchidx similar --limit`'s own cap, a tenth: a browser's list, not an export


@dataclass(frozen=True)
class Found:
    """One page of a search: its hits (one per story, unless ``all_copies``), how many articles
    matched in all and how many stories they make, a spelling suggestion, the library's counts
    over every matching article (``Facets``: speakers, sources, datelines, months) when asked,
    and the query searched with, when it was a correction, the text given (``corrected_from``)."""

    hits: tuple[Hit, ...]
    total: int
    suggestion: str | None
    facets: Facets | None = None
    stories: int = 0
    all_copies: bool = False
    query: str = ""
    corrected_from: str | None = None

    @property
    def items(self) -> tuple[Hit, ...]:
        """What the page lists."""
        return self.hits

    @property
    def listed(self) -> int:
        """How many the pages list in all: stories, or articles with ``all_copies``."""
        return self.total if self.all_copies else self.stories


@dataclass(frozen=True)
class Reading:
    """One article to read: the document, its body and statements with the query's matches marked,
    the copies of its story and the articles most like it."""

    doc: Document
    body: Snippet
    statements: tuple[tuple[Statement, Snippet], ...]
    query_error: str | None = None
    copies: tuple[Copy, ...] = ()
    similar: tuple[Hit, ...] = ()


def find(index: Index, params: SearchParams, *, facets: bool = False) -> Found:
    """The hits on the page ``params`` asks for, with the exact total (a page past MAX_DEPTH is empty),
    and the counts over every match when ``facets``."""
    limit = 1 if params.too_deep else params.offset + params.size
    result = index.search(params.q, filters=params.filters, limit=limit, sort=params.sort, count=True, facets=facets,
                          all_copies=params.all_copies, correct=not params.exact)
    hits = () if params.too_deep else result.hits[params.offset:]
    total = result.total or 0
    return Found(hits, total, result.suggestion, result.facets, total if result.stories is None else result.stories,
                 params.all_copies, result.query, result.corrected_from)


@dataclass(frozen=True)
class Quoted:
    """One page of a quote search: its quotes, how many statements matched, a suggestion, the counts,
    what was searched (as in Found)."""

    quotes: tuple[Any, ...]
    total: int
    suggestion: str | None
    facets: Facets | None = None
    query: str = ""
    corrected_from: str | None = None

    @property
    def items(self) -> tuple[Any, ...]:
        """What the page lists."""
        return self.quotes

    @property
    def listed(self) -> int:
        """How many the pages list in all."""
        return self.total


def find_quotes(index: Index, params: SearchParams, *, facets: bool = False) -> Quoted:
    """The quotes on the page ``params`` asks for, as :func:`find` finds hits."""
    limit = 1 if params.too_deep else params.offset + params.size
    result = index.quotes(params.q, filters=params.filters, limit=limit, sort=params.sort, count=True, facets=facets,
                          correct=not params.exact)
    found = () if params.too_deep else tuple(result.quotes[params.offset:])
    return Quoted(found, result.total or 0, result.suggestion, result.facets, result.query, result.corrected_from)


def read(index: Index, doc_id: str, query: str) -> Reading:
    """The article ``doc_id`` with the words ``query`` searches for marked; DocumentNotFound if there is none."""
    if len(doc_id) > MAX_ID_CHARS or "\x00" in doc_id:
        raise DocumentNotFound("no such document: its id is not one the index could hold")
    doc = index.get(doc_id)
    copies, similar = index.copies(doc.id), index.similar(doc.id, limit=SIMILAR_SHOWN).hits
    try:
        body = index.highlight(doc.body, query)
        statements = tuple((st, index.highlight(st.text, query)) for st in doc.statements)
    except QueryError as err:
        unmarked = tuple((st, Snippet(st.text)) for st in doc.statements)
        return Reading(doc, Snippet(doc.body), unmarked, str(err), copies, similar)
    return Reading(doc, body, statements, None, copies, similar)


def similar_to(index: Index, doc_id: str, limit: int) -> tuple[Hit, ...]:
    """The ``limit`` articles most like ``doc_id``; DocumentNotFound if there is none."""
    if len(doc_id) > MAX_ID_CHARS or "\x00" in doc_id:
        raise DocumentNotFound("no such document: its id is not one the index could hold")
    return index.similar(doc_id, limit=limit).hits


class Views:
    """The routes' handlers over one Library (the warm index) and the templates."""

    def __init__(self, library: Library, templates: Jinja2Templates) -> None:
        self.library = library
        self.templates = templates

    async def search_page(self, request: Request) -> Response:
        return await self._results(request, "/", "search.html", find)

    async def quotes_page(self, request: Request) -> Response:
        return await self._results(request, "/quotes", "quotes.html", find_quotes)

    async def _results(self, request: Request, path: str, template: str, search: Any) -> Response:
        """A results page: the form alone, the form and an error line, or a page of results with counts."""
        try:
            params = parse_search(request.query_params, path)
        except BadRequest as err:
            raw = SearchParams(q=request.query_params.get("q", "")[:200], path=path)
            return self._page(request, template, {"params": raw, "error": str(err)}, 400)
        if params.empty:
            return self._page(request, template, {"params": params})
        try:
            found = await self.library.call(search, self.library.index, params, facets=True)
        except QueryError as err:
            return self._page(request, template, {"params": params, "error": str(err)}, 400)
        context = {"params": params, "found": found, "pages": pages(params, found),
                   "facets": facet_view(params, found.facets)}
        return self._page(request, template, context)

    async def article_page(self, request: Request) -> Response:
        doc_id = request.query_params.get("id", "")
        params = _search_or_none(request)
        reading = await self.library.call(read, self.library.index, doc_id, params.q if params else "")
        anchors = [(st.start, f"s{i}") for i, st in enumerate(reading.doc.statements, 1)
                   if 0 <= st.start <= len(reading.doc.body)]
        context = {"params": params, "reading": reading, "anchors": anchors,
                   "matches": len(reading.body.matches)}
        return self._page(request, "article.html", context)

    async def api_search(self, request: Request) -> Response:
        params, counts = _api_params(request)
        found = await self.library.call(find, self.library.index, params, facets=counts)
        return json_response({
            "query": params.q,
            "filters": dict(params.filter_pairs()),
            "sort": params.sort,
            "page": params.page,
            "size": params.size,
            "all_copies": params.all_copies,
            "total": found.total,
            "stories": found.stories,
            "suggestion": found.suggestion,
            "searched": found.query,
            "corrected_from": found.corrected_from,
            "hits": [hit_dict(h) for h in found.hits],
            "facets": _facets(found.facets),
        })

    async def api_facets(self, request: Request) -> Response:
        params, _ = _api_params(request)
        found = await self.library.call(find, self.library.index, replace(params, page=1, size=1), facets=True)
        return json_response({"query": params.q, "filters": dict(params.filter_pairs()), "total": found.total,
                              "stories": found.stories, "facets": _facets(found.facets)})

    async def api_quotes(self, request: Request) -> Response:
        params, counts = _api_params(request, "/quotes")
        found = await self.library.call(find_quotes, self.library.index, params, facets=counts)
        return json_response({
            "query": params.q, "filters": dict(params.filter_pairs()), "sort": params.sort, "page": params.page,
            "size": params.size, "total": found.total, "suggestion": found.suggestion, "searched": found.query,
            "corrected_from": found.corrected_from,
            "quotes": [quote_dict(q) for q in found.quotes], "facets": _facets(found.facets),
        })

    async def api_article(self, request: Request) -> Response:
        query = request.query_params.get("q", "")
        reading = await self.library.call(read, self.library.index, request.query_params.get("id", ""), query)
        data = {**document_dict(reading.doc), "copies": [copy_dict(c) for c in reading.copies],
                "similar": [hit_dict(h) for h in reading.similar]}
        if query:
            data["matches"] = [list(m) for m in reading.body.matches]
        return json_response(data)

    async def api_similar(self, request: Request) -> Response:
        doc_id = request.query_params.get("id", "")
        limit = parse_limit(request.query_params, SIMILAR_SHOWN, MAX_SIMILAR)
        hits = await self.library.call(similar_to, self.library.index, doc_id, limit)
        return json_response({"similar_to": doc_id, "hits": [hit_dict(h) for h in hits]})

    def _page(self, request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
        return self.templates.TemplateResponse(request, name, context, status_code=status)


def _api_params(request: Request, path: str = "/") -> tuple[SearchParams, bool]:
    """An API call's search, and whether it asks for counts (``facets=1``); QueryError if it asks nothing."""
    params = parse_search(request.query_params, path)
    if params.empty:
        raise QueryError("empty query: give words to search for (q=), or a filter such as speaker=")
    return params, request.query_params.get("facets", "") not in ("", "0")


def _search_or_none(request: Request) -> SearchParams | None:
    """The search an article was opened from (to mark its words and lead back), if any and usable."""
    try:
        params = parse_search(request.query_params)
    except BadRequest:
        return None
    return None if params.empty else params


def json_response(data: Any, status: int = 200) -> Response:
    """JSON as the CLI writes it: readable non-ASCII, every control character escaped."""
    return Response(to_json(data), status_code=status, media_type="application/json")


@dataclass(frozen=True)
class Pages:
    """Links to the pages of a ranking around the current one."""

    current: int
    last: int
    previous: str | None
    next: str | None
    numbered: tuple[tuple[int, str], ...]
    capped: bool  # the matches go on past MAX_DEPTH


# Numbered page links shown on each side of the current page.
PAGE_WINDOW = 3


def pages(params: SearchParams, found: Found | Quoted) -> Pages:
    """Previous, next and nearby pages of a search; the last page is the one holding match MAX_DEPTH."""
    reachable = min(found.listed, MAX_DEPTH)
    last = max(1, -(-reachable // params.size))
    low, high = max(1, params.page - PAGE_WINDOW), min(last, params.page + PAGE_WINDOW)
    return Pages(
        current=params.page,
        last=last,
        previous=params.url(page=params.page - 1) if 1 < params.page <= last + 1 else None,
        next=params.url(page=params.page + 1) if params.page < last else None,
        numbered=tuple((n, params.url(page=n)) for n in range(low, high + 1)),
        capped=found.listed > MAX_DEPTH,
    )


def _facets(facets: Facets | None) -> dict[str, list[dict[str, Any]]] | None:
    """The counts as `query --facets --json` gives them, or None when they were not asked for."""
    return facets_dict(facets) if facets is not None else None
