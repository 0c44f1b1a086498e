"""``searchidx serve``: the web app on a socket, served by uvicorn until Ctrl-C.

The socket is bound here, before the server starts, so the printed URL is one that already
accepts connections (and ``--port 0`` prints the free port the system chose). ``cli.serve``
opens the index and calls :func:`run`, which says what it does through the ``echo`` it is given.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import webbrowser
from typing import Protocol

from ..index import Index
from .app import LOOPBACK_NAMES, create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
# Seconds Ctrl-C waits for requests in flight before closing connections.
GRACEFUL_SECONDS = 3


class CannotListen(OSError):
    """The address cannot be listened on (in use, not this machine's); the message says which."""


class Echo(Protocol):
    """click.echo's shape: a line to stdout, or to stderr with ``err=True``."""

    def __call__(self, message: str, *, err: bool = False) -> None: ...


def run(index: Index, host: str, port: int, *, open_browser: bool, echo: Echo) -> None:
    """Serve ``index`` on ``host``:``port`` until Ctrl-C: the URL on stdout, messages on stderr.

    CannotListen if the address cannot be bound; the index is closed either way.
    """
    try:
        sock = bind(host, port)
    except OSError as err:
        index.close()
        raise CannotListen(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    url = url_of(sock)
    echo(url)
    if not is_loopback(host):
        echo(f"warning: listening on {host}: other machines can read the index", err=True)
    echo("Ctrl-C stops the server", err=True)
    if open_browser:  # the socket already listens: the browser's request waits for the server
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    try:
        serve(index, sock)
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl-C once it has shut down
        pass
    finally:
        sock.close()
    echo("stopped", err=True)


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (then the Host header must name it too)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port``; OSError (in use, no such address) as the system says it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, not left 0: asyncio turns Nagle's algorithm off only on sockets that say
    # they are TCP, and with it on each response waited 40 ms for the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    """The http URL a browser on this machine uses to reach ``sock``."""
    host, port = sock.getsockname()[:2]
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1" if host == "0.0.0.0" else "::1"
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def serve(index: Index, sock: socket.socket) -> None:
    """Answer requests on ``sock`` until Ctrl-C (or SIGTERM); the index is closed on the way out."""
    import uvicorn

    host = str(sock.getsockname()[0])
    hosts = LOOPBACK_NAMES if is_loopback(host) else ("*",)
    app = create_app(index, hosts=hosts)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=GRACEFUL_SECONDS, server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
