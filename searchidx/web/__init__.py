"""The web face: a search page, article pages and a JSON API over one open Index (``searchidx serve``).

    request -> params (checked, capped) -> views -> Library (warm Index, threads, time limit)
            -> library call -> markup (escaped, <mark>) -> templates | JSON (render's dicts)

Like ``cli.py`` it only parses, calls the library and renders: it imports the library's
public API and ``render``, never the engine. ``app.create_app`` builds the ASGI app
(Starlette); ``server.run`` binds a socket and serves it with uvicorn until Ctrl-C.
"""

from .app import create_app
from .server import CannotListen, bind, is_loopback, run, serve, url_of

__all__ = ["CannotListen", "bind", "create_app", "is_loopback", "run", "serve", "url_of"]
