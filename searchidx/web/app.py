"""The ASGI application: routes, templates, static files, security headers, errors as pages or JSON.

Starlette, served by uvicorn (``server.py``). Every response carries a Content-Security-Policy
that allows scripts, styles and images from this server only, with no inline script, so even
text that escaped escaping could not run. The Host header must name this server (a web page
elsewhere cannot rebind its own name to 127.0.0.1 and read the index through the visitor's
browser).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import DocumentNotFound, QueryError, SearchidxError
from ..index import Index
from ..render import COPIES_NAMED
from .markup import link_url, marked, paragraphs
from .params import MAX_QUERY_CHARS, BadRequest
from .service import Busy, Library, TooSlow
from .views import Views, json_response

SECURITY_HEADERS = (
    ("content-security-policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    # Article ids are file paths and queries can be private: a link to an original page says neither.
    ("referrer-policy", "no-referrer"),
    ("cross-origin-opener-policy", "same-origin"),
)
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")
# library error -> HTTP status of the page or JSON that says it
STATUS: dict[type[Exception], int] = {BadRequest: 400, QueryError: 400, DocumentNotFound: 404, Busy: 503,
                                      TooSlow: 503, SearchidxError: 500}


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every response, static files and errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def templates() -> Jinja2Templates:
    """The package's templates, autoescaped, with the markup helpers as filters."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("searchidx.web", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(marked=marked, paragraphs=paragraphs, link_url=link_url)
    env.globals.update(MAX_QUERY_CHARS=MAX_QUERY_CHARS, COPIES_NAMED=COPIES_NAMED)
    return Jinja2Templates(env=env)


def create_app(index: Index, *, hosts: Sequence[str] = LOOPBACK_NAMES, library: Library | None = None) -> Starlette:
    """The web app over an open ``index``; it closes the index when the app shuts down.

    ``hosts`` are the names the Host header may give ("*" for any, when serving a network).
    """
    lib = library or Library(index)
    views = Views(lib, templates())

    async def error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else next(
            code for kind, code in STATUS.items() if isinstance(exc, kind))
        message = exc.detail if isinstance(exc, HTTPException) else str(exc)
        if request.url.path.startswith("/api/"):
            return json_response({"error": message}, status)
        context: dict[str, Any] = {"status": status, "message": message, "params": None}
        return views.templates.TemplateResponse(request, "error.html", context, status_code=status)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        lib.close()

    routes = [
        Route("/", views.search_page, name="search"),
        Route("/article", views.article_page, name="article"),
        Route("/quotes", views.quotes_page, name="quotes"),
        Route("/api/quotes", views.api_quotes),
        Route("/api/search", views.api_search),
        Route("/api/facets", views.api_facets),
        Route("/api/article", views.api_article),
        Route("/api/similar", views.api_similar),
        Mount("/static", StaticFiles(packages=[("searchidx.web", "static")]), name="static"),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))],
        exception_handlers={HTTPException: error, **{kind: error for kind in STATUS}},
        lifespan=lifespan,
    )
