"""What the commands share: the --index option, the one error path, dates, filters, the output
formats (--format text|json|jsonl|csv), safe printing."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable, Sequence
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
            raise click.ClickException(str(err)) from None
        except KeyboardInterrupt as err:
            click.echo(f"\ninterrupted{': ' if str(err) else ''}{err}", err=True)
            sys.exit(EXIT_INTERRUPTED)

    return wrapper  # type: ignore[return-value]


def parse_date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2020-02-29") from None


def search_options(f: F) -> F:
    """The filters, order, size and output options `query` and `quotes` share."""
    for option in reversed((
        click.option("--speaker", help="Only this person (any name the index knows them by: surname, full name, "
                                       "another spelling)."),
        click.option("--dateline", help="Only datelined here, e.g. Munich (also MUNICH, \"Munich, Germany\"; "
                                        "renamed places too)."),
        click.option("--source", help="Only from this source, e.g. Xinhua, \"State Department\", state.gov."),
        click.option("--since", callback=parse_date_option, help="Only on or after this date (YYYY-MM-DD)."),
        click.option("--until", callback=parse_date_option, help="Only on or before this date (YYYY-MM-DD)."),
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
        click.echo(to_json(whole, indent=1))
    elif fmt == "jsonl":
        click.echo(records_jsonl(records), nl=False)
    elif fmt == "csv":
        click.echo(rows_csv(records), nl=False)
    elif out := text():
        click.echo(out)


def filters_of(speaker: str | None, dateline: str | None, source: str | None, since: dt.date | None,
             until: dt.date | None) -> Any:
    from ..models import Filters

    return Filters(speaker, dateline, source, since, until)


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
