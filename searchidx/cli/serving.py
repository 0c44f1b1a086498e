"""Commands that serve: `serve` (the web page) and `shard serve` (one Xapian shard)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import errors_as_messages, index_option, resolve_index


@click.command()
@index_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback lets other machines read the index.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the search page in a web browser.")
@errors_as_messages
def serve(index_dir: Path | None, host: str, port: int, open_browser: bool) -> None:
    """Serve a search page and a JSON API over the index, until Ctrl-C.

    Read-only: the page sees each `searchidx index` run as soon as it commits. The URL is
    printed on stdout; pages and the API are described in the README.

    \b
    Example:
      searchidx serve --index ./news-index --open
    """
    from ..index import Index
    from ..web import CannotListen, run

    index = Index.open(resolve_index(index_dir))
    try:
        run(index, host, port, open_browser=open_browser, echo=click.echo)
    except CannotListen as err:
        raise click.ClickException(str(err)) from None


@click.group()
def shard() -> None:
    """Serve the shards of a sharded Xapian index (needs xapian-tcpsrv, from Debian's xapian-tools).

    \b
    Example:
      searchidx shard serve /srv/s1 --port 8101 --writable
    """


@shard.command("serve")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(1, 65534), required=True,
              help="TCP port to answer on (the shard's statements answer on the next port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (anyone reaching it can read).")
@click.option("--writable", is_flag=True, help="Accept writes from `searchidx index` (creates FOLDER if needed).")
@errors_as_messages
def shard_serve(folder: Path, port: int, host: str, writable: bool) -> None:
    """Serve FOLDER, one shard's Xapian databases, with xapian-tcpsrv until stopped (Ctrl-C):
    its articles on PORT, its statements (FOLDER/statements) on PORT + 1.

    \b
    Example:
      searchidx shard serve /srv/s1 --port 8101 --writable
    """
    from ..engine import serve_shard

    code = serve_shard(folder, port, host=host, writable=writable)
    if code:
        sys.exit(code)
