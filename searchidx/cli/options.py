"""What the commands share: the --index option, the one error path, dates, filters, the output
formats (--format text|json|jsonl|csv), safe printing."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import functools
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import SearchidxError

F = TypeVar("F", bound=Callable[..., Any])
EXIT_SKIPPED = 3
EXIT_INTERRUPTED = 130


def index_option(f: F) -> F:
    """--index DIR, shared by every command."""
    return click.option(
        "--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), envvar="SEARCHIDX_INDEX",
        show_envvar=True, help="Index folder [default: a per-user data folder, see README].",
    )(f)


def resolve_index(index_dir: Path | None) -> Path:
    if index_dir is not None:
        return index_dir
    from ..index import default_index_dir

    return default_index_dir()


@contextlib.contextmanager
def index_found(index_dir: Path | None) -> Iterator[None]:
    """IndexNotFound for the default location says that it is the default, and how to choose another."""
    from ..errors import IndexNotFound

    try:
        yield
    except IndexNotFound:
        if index_dir is not None:
            raise
        raise IndexNotFound(f"no index at {resolve_index(None)}, the default location (choose another with "
                            f"--index DIR or $SEARCHIDX_INDEX): run `searchidx index FOLDER` first") from None


class OutputError(Exception):
    """Standard output cannot be written (a full disk): what errors_as_messages says in one line."""


def out(text: str, nl: bool = True) -> None:
    """One line (or block) of results on stdout."""
    try:
        click.echo(text, nl=nl)
    except BrokenPipeError:
        raise  # the reader left (`| head`): click ends quietly
    except OSError as err:
        raise OutputError(err.strerror or str(err)) from None


def typed(text: str | None) -> str | None:
    """Text from the command line whose bytes the terminal's encoding could not decode (they come as
    lone surrogates), read as UTF-8 or else Windows-1252, as a saved page would be."""
    if text is None or not any("\udc80" <= c <= "\udcff" for c in text):
        return text
    raw = os.fsencode(text)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


@contextlib.contextmanager
def warnings_shown() -> Iterator[None]:
    """The reader's warnings (a file cut at 64 MB) on stderr, one line each, file names made printable."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(_PrintableFormatter("warning: %(message)s"))
    logger = logging.getLogger("searchidx.corpus")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


class _PrintableFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


def printable(text: str) -> str:
    """A file name or message on one line: newlines, escapes and undecodable bytes shown as escapes."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def use_color(stream: Any) -> bool:
    return not os.environ.get("NO_COLOR") and hasattr(stream, "isatty") and stream.isatty()


def errors_as_messages(f: F) -> F:
    """Library errors become one line on stderr and exit 1; Ctrl-C a short message."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except SearchidxError as err:
            raise click.ClickException(printable(str(err))) from None
        except OutputError as err:
            raise click.ClickException(f"cannot write the output: {err}") from None
        except KeyboardInterrupt as err:
            click.echo(f"\ninterrupted{': ' if str(err) else ''}{err}", err=True)
            sys.exit(EXIT_INTERRUPTED)

    return wrapper  # type: ignore[return-value]


def parse_date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A day, or a month or a year: --since takes its first day, --until its last."""
    if value is None:
        return None
    last = param.name == "until"
    try:
        if re.fullmatch(r"\d{4}", value.strip()):
            year = int(value)
            return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)
        month = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
        if month:
            year, number = int(month.group(1)), int(month.group(2))
            return dt.date(year, number, calendar.monthrange(year, number)[1] if last else 1)
        return dt.date.fromisoformat(value.strip())
    except (ValueError, calendar.IllegalMonthError):
        raise click.BadParameter(f"{printable(value)!r} is not a date like 2020-02-29, a month like 2020-02 "
                                 f"or a year like 2020") from None


def search_options(f: F) -> F:
    """The filters, order, size and output options `query` and `quotes` share."""
    for option in reversed((
        click.option("--speaker", help="Only this person (any name the index knows them by: surname, full name, "
                                       "another spelling)."),
        click.option("--dateline", help="Only datelined here, e.g. Munich (also MUNICH, \"Munich, Germany\"; "
                                        "renamed places too)."),
        click.option("--source", help="Only from this source, e.g. Xinhua, \"State Department\", state.gov."),
        click.option("--since", callback=parse_date_option, help="Only on or after this day (YYYY-MM-DD), month "
                                                                 "(YYYY-MM) or year."),
        click.option("--until", callback=parse_date_option, help="Only on or before this day (YYYY-MM-DD), month "
                                                                 "(YYYY-MM) or year."),
        click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True),
        click.option("--limit", "-n", type=click.IntRange(1, 10_000), default=10, show_default=True),
        click.option("--facets", is_flag=True, help="Also count speakers, sources, datelines and months over "
                                                    "all matches (text and json)."),
        click.option("--exact", is_flag=True, help="Search the words as typed: no spelling correction "
                                                   "(a correction is then only suggested when nothing matches)."),
    )):
        f = option(f)
    return f


FORMATS = ("text", "json", "jsonl", "csv")


def output_options(f: F) -> F:
    """--format text|json|jsonl|csv, and --json (short for --format json), shared by the commands that
    list records (query, similar, quotes, people); the command receives one ``fmt``."""

    @functools.wraps(f)
    def wrapper(*args: Any, as_json: bool, fmt: str, **kwargs: Any) -> Any:
        if as_json and fmt not in ("text", "json"):
            raise click.UsageError(f"--json and --format {fmt} ask for two formats: give one")
        return f(*args, fmt="json" if as_json else fmt, **kwargs)

    with_json = click.option("--json", "as_json", is_flag=True, help="Short for --format json.")(wrapper)
    return click.option(  # type: ignore[return-value]
        "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
        help="text to read; json (what the README describes), jsonl (one record a line) or csv "
             "(a row per record, for spreadsheets) for scripts.",
    )(with_json)


def emit(fmt: str, *, text: Callable[[], str], whole: Any, records: Sequence[dict[str, Any]]) -> None:
    """Print results in ``fmt``: ``text()`` (nothing when empty), ``whole`` as one JSON document, or
    ``records`` (the JSON's list) as JSON lines or CSV."""
    from ..render import records_jsonl, rows_csv, to_json

    if fmt == "json":
        out(to_json(whole, indent=1))
    elif fmt == "jsonl":
        out(records_jsonl(records), nl=False)
    elif fmt == "csv":
        out(rows_csv(records), nl=False)
    elif shown := text():
        out(shown)


def filters_of(speaker: str | None, dateline: str | None, source: str | None, since: dt.date | None,
             until: dt.date | None) -> Any:
    from ..models import Filters

    return Filters(typed(speaker), typed(dateline), typed(source), since, until)


def corrected_line(query: str, corrected_from: str | None) -> None:
    """On stderr, before results: that they are for a corrected query, and how to search the words as typed."""
    if corrected_from is not None:
        click.echo(f"showing results for {printable(query)}; search instead for {printable(corrected_from)} "
                   "with --exact", err=True)


def summary_line(shown: int, total: int | None, what: str, suggestion: str | None) -> None:
    """The one line on stderr after results: how many of how many, or that nothing matched."""
    if not shown:
        hint = f"; did you mean: {suggestion}" if suggestion else ""
        click.echo(f"no matches{hint}", err=True)
    else:
        click.echo(f"{shown} of {total} {what}", err=True)
