"""The `searchidx` command: thin click commands over the library. The only code that prints or exits.

``building`` (index, extract, check), ``asking`` (query, similar, quotes, people, show, stats) and
``serving`` (serve, shard serve) hold the commands; ``options`` what they share.

Exit codes: 0 success; 1 an error (one line on stderr); 2 a usage error; 3 the run
finished but some inputs could not be read (each is named on stderr), or `check` found
the index out of step with the files; 130 interrupted.
"""

from __future__ import annotations

import os
import sys

import click

from .asking import people, query, quotes, show, similar, stats
from .building import check, extract, index
from .options import EXIT_INTERRUPTED, EXIT_SKIPPED
from .serving import serve, shard


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="searchidx")
def cli() -> None:
    """Search folders of saved diplomatic news.

    \b
    Build an index, then ask it questions:
      searchidx index corpus/
      searchidx query "Central Asia"
      searchidx query Russia --speaker Lavrov --until 2020-02-29
      searchidx quotes NATO --speaker Putin
      searchidx people Blinken
    """


for _command in (index, query, similar, quotes, people, extract, show, stats, check, serve, shard):
    cli.add_command(_command)


# Read-only commands that may end the process without interpreter teardown (see main()).
_FAST_EXIT: set[str] = {"query", "similar", "quotes", "people", "show", "stats"}


def main() -> None:
    """Console-script entry point.

    A read-only command loads the engine without the modules Whoosh imports for work a
    search never does (``_startup.lean_engine_imports``; nothing of it stays once the engine is
    loaded). After such a command the process ends with os._exit once output is flushed:
    tearing down Whoosh's modules and objects takes 15-20 ms, a tenth of a one-shot query,
    and such a command holds nothing that needs finalising (no writer, no lock, no pool).
    Output that cannot be written (``> /dev/full``) is one line on stderr and exit 1.
    """
    fast = bool(sys.argv[1:2]) and sys.argv[1] in _FAST_EXIT
    if fast:
        from .._startup import lean_engine_imports

        with lean_engine_imports():
            from .. import engine  # noqa: F401 - loaded here, with the stand-ins
    try:
        cli.main(prog_name="searchidx")
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        code = _output_flushed(code)
        if fast and click.get_current_context(silent=True) is None:
            os._exit(code)
        raise SystemExit(code) from None


def _output_flushed(code: int) -> int:
    """Flush stdout; if it cannot be written (a full disk), say so on stderr and return 1."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left (`| head`): nothing more to say
        _drop_output()
    except OSError as err:
        _drop_output()
        try:
            sys.stderr.write(f"Error: cannot write the output: {err.strerror or err}\n")
            sys.stderr.flush()
        except OSError:
            pass
        return 1
    try:
        sys.stderr.flush()
    except OSError:
        pass
    return code


def _drop_output() -> None:
    """Send what stdout still holds to the null device, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


__all__ = ["EXIT_INTERRUPTED", "EXIT_SKIPPED", "cli", "main"]
