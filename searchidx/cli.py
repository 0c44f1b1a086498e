"""The `searchidx` command: thin click commands over the library. The only code that prints or exits.

Exit codes: 0 success; 1 an error (one line on stderr); 2 a usage error; 3 the run
finished but some inputs could not be read (each is named on stderr), or `check` found
the index out of step with the files; 130 interrupted.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import SearchidxError

F = TypeVar("F", bound=Callable[..., Any])
EXIT_SKIPPED = 3
EXIT_INTERRUPTED = 130


def index_option(f: F) -> F:
    """--index DIR, shared by every command."""
    return click.option(
        "--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), envvar="SEARCHIDX_INDEX",
        show_envvar=True, help="Index folder [default: a per-user data folder, see README].",
    )(f)


def _index_dir(index_dir: Path | None) -> Path:
    if index_dir is not None:
        return index_dir
    from .index import default_index_dir

    return default_index_dir()


def _printable(text: str) -> str:
    """A file name or message on one line: newlines, escapes and undecodable bytes shown as escapes."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def _color(stream: Any) -> bool:
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="searchidx")
def cli() -> None:
    """Search folders of saved diplomatic news.

    \b
    Build an index, then ask it questions:
      searchidx index corpus/
      searchidx query "Central Asia"
      searchidx query Russia --speaker Lavrov --until 2020-02-29
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@index_option
@click.option("--rebuild", is_flag=True, help="Start the index over instead of updating it.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Processes reading files [default: one per core].")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
@click.option("--wait", type=click.FloatRange(0), default=0, metavar="SECONDS",
              help="If another run is updating the index, wait up to this long for it [default: fail at once].")
@errors_as_messages
def index(paths: tuple[Path, ...], index_dir: Path | None, rebuild: bool, workers: int | None, quiet: bool,
          wait: float) -> None:
    """Index the .txt, .html and .jsonl files under PATHS (folders are searched recursively).

    A second run reads only new or changed files and drops deleted ones.

    \b
    Example:
      searchidx index corpus/ --index ./news-index
    """
    from .indexing import update_index

    target = _index_dir(index_dir)
    bar: Any = None
    progress = None
    if not quiet and sys.stderr.isatty():
        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = click.progressbar(length=total, label="indexing", file=sys.stderr)
                bar.__enter__()
            bar.update(done - bar.pos)
    try:
        report = update_index(target, paths, rebuild=rebuild, workers=workers, progress=progress, wait=wait)
    except KeyboardInterrupt:
        raise KeyboardInterrupt(f"{target} keeps the batches committed so far; run the same command to finish") from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for s in report.failed:
        click.echo(f"skipped {_printable(s.path)}: {_printable(s.reason)}", err=True)
    if not quiet:
        ignored = len(report.skipped) - len(report.failed)
        click.echo(
            f"{report.added} added, {report.updated} updated, {report.removed} removed, "
            f"{report.unchanged} unchanged, {len(report.failed)} skipped"
            + (f", {ignored} other files ignored" if ignored else "")
            + f" in {report.seconds:.1f}s; {report.documents} documents in {target}",
            err=True,
        )
    if report.failed:
        sys.exit(EXIT_SKIPPED)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2020-02-29") from None


FORMATS = ("text", "json", "jsonl", "csv")


def format_options(f: F) -> F:
    """--format text|json|jsonl|csv and --json (short for --format json), shared by commands listing hits."""
    f = click.option("--json", "as_json", is_flag=True, help="Print one JSON array of hits (--format json).")(f)
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
        help="text for reading; json (one array), jsonl (one hit a line) or csv (for spreadsheets) for scripts.",
    )(f)


def _print_hits(hits: Any, fmt: str) -> None:
    from .render import hits_csv, hits_json, hits_jsonl, hits_text

    if fmt == "json":
        click.echo(hits_json(hits))
    elif fmt == "csv":
        click.echo(hits_csv(hits), nl=False)
    elif hits and fmt == "jsonl":
        click.echo(hits_jsonl(hits))
    elif hits and fmt == "text":
        click.echo(hits_text(hits, color=_color(sys.stdout)))


@cli.command()
@click.argument("text", required=False, default="")
@index_option
@click.option("--speaker", help="Only articles quoting this person (surname or full name).")
@click.option("--dateline", help="Only articles datelined here, e.g. Munich.")
@click.option("--source", help="Only articles from this agency, e.g. Xinhua.")
@click.option("--since", callback=_date, help="Only articles on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_date, help="Only articles on or before this date (YYYY-MM-DD).")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--limit", "-n", type=click.IntRange(1, 10_000), default=10, show_default=True)
@click.option("--all-copies", is_flag=True, help="List every copy of a story as a hit of its own [default: one hit per story].")
@format_options
@errors_as_messages
def query(text: str, index_dir: Path | None, speaker: str | None, dateline: str | None, source: str | None,
          since: dt.date | None, until: dt.date | None, sort: str, limit: int, all_copies: bool, fmt: str,
          as_json: bool) -> None:
    """Search the index and print ranked hits with highlighted snippets.

    TEXT uses the query syntax in the README: words, "quoted phrases", AND/OR/NOT,
    field:value (speaker:, dateline:, source:, title:, date:[2020-01-01 to 2020-03-01]).
    Copies of one story (the same text republished) make one hit, with "+N copies" and
    where they are; --all-copies lists each.

    \b
    Examples:
      searchidx query "Central Asia"
      searchidx query Russia --speaker Lavrov --until 2020-02-29
      searchidx query '"strategic partnership" NOT Iran' --sort date --json
      searchidx query Lavrov --limit 500 --format csv > lavrov.csv
    """
    from .index import Index
    from .models import Filters

    fmt = "json" if as_json else fmt
    with Index.open(_index_dir(index_dir)) as ix:
        result = ix.search(text, filters=Filters(speaker, dateline, source, since, until), limit=limit, sort=sort,
                           count=fmt == "text", all_copies=all_copies)  # the text summary says "N of M matches"
    _print_hits(result.hits, fmt)
    if not result.hits:
        hint = f"; did you mean: {result.suggestion}" if result.suggestion else ""
        click.echo(f"no matches{hint}", err=True)
    elif fmt == "text":
        click.echo(_counts(len(result.hits), result.total, result.stories, all_copies), err=True)


def _counts(shown: int, total: int | None, stories: int | None, all_copies: bool) -> str:
    """"10 of 57 matches", or with copies "10 of 41 stories (57 articles with their copies)"."""
    if total is None or stories is None or stories == total:
        return f"{shown} of {total if total is not None else 'many'} matches"
    if all_copies:
        return f"{shown} of {total} matches ({stories} {'story' if stories == 1 else 'stories'}, copies counted apart)"
    return f"{shown} of {stories} {'story' if stories == 1 else 'stories'} ({total} articles with their copies)"


@cli.command()
@click.argument("doc_id")
@index_option
@click.option("--limit", "-n", type=click.IntRange(1, 1000), default=10, show_default=True)
@format_options
@errors_as_messages
def similar(doc_id: str, index_dir: Path | None, limit: int, fmt: str, as_json: bool) -> None:
    """Print the articles most like one indexed article: about the same matter, ranked.

    DOC_ID is the article's id, as `searchidx query` shows it (its path, or path#line for
    JSONL records). Its own copies are left out; the words it is most about make the query.

    \b
    Example:
      searchidx similar corpus/000_147f1172ebdf106e.txt --limit 5
    """
    from .index import Index

    with Index.open(_index_dir(index_dir)) as ix:
        result = ix.similar(doc_id, limit=limit)
    _print_hits(result.hits, "json" if as_json else fmt)
    if not result.hits:
        click.echo("no similar articles", err=True)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article per line.")
@errors_as_messages
def extract(files: tuple[Path, ...], as_json: bool) -> None:
    """Print what the cleaner and extractor read from each file (no index needed).

    \b
    Example:
      searchidx extract --json corpus/000_147f1172ebdf106e.txt
    """
    from .errors import UnreadableFile
    from .read import read_articles
    from .render import article_dict, article_text, to_json

    failed = 0
    for path in files:
        try:
            articles = read_articles(path)
        except UnreadableFile as err:
            click.echo(f"skipped {_printable(str(err))}", err=True)
            failed += 1
            continue
        for a in articles:
            click.echo(to_json(article_dict(a)) if as_json else article_text(a) + "\n")
    if failed:
        sys.exit(EXIT_SKIPPED)


@cli.command()
@click.argument("doc_id")
@index_option
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@errors_as_messages
def show(doc_id: str, index_dir: Path | None, as_json: bool) -> None:
    """Print one indexed article by its id (its path, or path#line for JSONL records).

    \b
    Example:
      searchidx show corpus/000_147f1172ebdf106e.txt
    """
    from .index import Index
    from .render import document_dict, document_text, to_json

    with Index.open(_index_dir(index_dir)) as ix:
        doc = ix.get(doc_id)
    click.echo(to_json(document_dict(doc)) if as_json else document_text(doc))


@cli.command()
@index_option
@click.option("--top", type=click.IntRange(1, 1000), default=10, show_default=True, help="Rows per table.")
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@errors_as_messages
def stats(index_dir: Path | None, top: int, as_json: bool) -> None:
    """Print how many articles the index holds, their date span and the most frequent speakers, datelines, sources.

    \b
    Example:
      searchidx stats --top 5
    """
    from dataclasses import asdict

    from .index import Index
    from .render import counts_text, to_json

    with Index.open(_index_dir(index_dir)) as ix:
        st = ix.stats(top=top)
    if as_json:
        click.echo(to_json(asdict(st)))
        return
    click.echo(f"articles: {st.documents}")
    click.echo(f"dates: {st.first_date or '-'} to {st.last_date or '-'}")
    for title, rows in (("speakers", st.speakers), ("datelines", st.datelines), ("sources", st.sources)):
        click.echo(counts_text(title, rows))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_option
@errors_as_messages
def check(paths: tuple[Path, ...], index_dir: Path | None) -> None:
    """Read the whole index back and compare it with the files under PATHS (default: the indexed files).

    Prints each missing, changed and orphan document and each unreadable file; exits 3 if
    the index is out of step (`searchidx index` fixes that), 1 if it is damaged or was built
    by another version (rebuild needed).

    \b
    Example:
      searchidx check corpus/ --index ./news-index
    """
    from .indexing import check_index

    report = check_index(_index_dir(index_dir), paths)
    for label, items in (("missing", report.missing), ("changed", report.changed), ("orphan", report.orphans)):
        for path in items:
            click.echo(f"{label} {_printable(path)}")
    for s in report.unreadable:
        click.echo(f"unreadable {_printable(s.path)}: {_printable(s.reason)}")
    click.echo(f"{report.documents} documents, {report.files} files: {len(report.missing)} missing, "
               f"{len(report.changed)} changed, {len(report.orphans)} orphan", err=True)
    if not report.ok:
        sys.exit(EXIT_SKIPPED)


# Read-only commands that may end the process without interpreter teardown (see main()).
_FAST_EXIT: set[str] = {"query", "show", "similar", "stats"}


def main() -> None:
    """Console-script entry point.

    A read-only command loads the engine without the modules Whoosh imports for work a
    search never does (``_startup.lean_engine_imports``; nothing of it stays once the engine is
    loaded). After such a command the process ends with os._exit once output is flushed:
    tearing down Whoosh's modules and objects takes 15-20 ms, a tenth of a one-shot query,
    and such a command holds nothing that needs finalising (no writer, no lock, no pool).
    """
    if sys.argv[1:2] and sys.argv[1] in _FAST_EXIT:
        from ._startup import lean_engine_imports

        with lean_engine_imports():
            from . import engine  # noqa: F401 - loaded here, with the stand-ins
    try:
        cli.main(prog_name="searchidx")
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        ctx = click.get_current_context(silent=True)
        if sys.argv[1:2] and sys.argv[1] in _FAST_EXIT and ctx is None:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except BrokenPipeError:  # the reader left (`| head`): nothing more to say
                pass
            os._exit(code)
        raise
