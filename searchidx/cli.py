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
      searchidx quotes NATO --speaker Putin
      searchidx people Blinken
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


def search_options(f: F) -> F:
    """The filters, order, size and output options `query` and `quotes` share."""
    for option in reversed((
        click.option("--speaker", help="Only this person (any name the index knows them by: surname, full name, "
                                       "another spelling)."),
        click.option("--dateline", help="Only datelined here, e.g. Munich (also MUNICH, \"Munich, Germany\"; "
                                        "renamed places too)."),
        click.option("--source", help="Only from this source, e.g. Xinhua, \"State Department\", state.gov."),
        click.option("--since", callback=_date, help="Only on or after this date (YYYY-MM-DD)."),
        click.option("--until", callback=_date, help="Only on or before this date (YYYY-MM-DD)."),
        click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True),
        click.option("--limit", "-n", type=click.IntRange(1, 10_000), default=10, show_default=True),
        click.option("--facets", is_flag=True, help="Also count speakers, sources, datelines and months over "
                                                    "all matches."),
        click.option("--exact", is_flag=True, help="Search the words as typed: no spelling correction "
                                                   "(a correction is then only suggested when nothing matches)."),
        click.option("--json", "as_json", is_flag=True,
                     help='Print one JSON object: {"total", "hits" or "quotes", "facets", "query", "corrected_from"}.'),
    )):
        f = option(f)
    return f


def _filters(speaker: str | None, dateline: str | None, source: str | None, since: dt.date | None,
             until: dt.date | None) -> Any:
    from .models import Filters

    return Filters(speaker, dateline, source, since, until)


def _corrected(query: str, corrected_from: str | None) -> None:
    """On stderr, before results: that they are for a corrected query, and how to search the words as typed."""
    if corrected_from is not None:
        click.echo(f"showing results for {_printable(query)}; search instead for {_printable(corrected_from)} "
                   "with --exact", err=True)


def _summary(shown: int, total: int | None, suggestion: str | None, what: str) -> None:
    """The one line on stderr after results: how many of how many, or that nothing matched."""
    if not shown:
        hint = f"; did you mean: {suggestion}" if suggestion else ""
        click.echo(f"no matches{hint}", err=True)
    else:
        click.echo(f"{shown} of {total} {what}", err=True)


@cli.command()
@click.argument("text", required=False, default="")
@index_option
@search_options
@errors_as_messages
def query(text: str, index_dir: Path | None, speaker: str | None, dateline: str | None, source: str | None,
          since: dt.date | None, until: dt.date | None, sort: str, limit: int, facets: bool, exact: bool,
          as_json: bool) -> None:
    """Search the index and print ranked articles with highlighted snippets.

    TEXT uses the query syntax in the README: words, "quoted phrases", "words near"~5 (in
    order, each within five words of the last), word~ and word~2 (spelled with one or two
    letters changed),
    negotiat* (a prefix), AND/OR/NOT, field:value (speaker:, dateline:, source:, title:,
    date:[2020-01-01 to 2020-03-01]). A word the index does not know is searched as the
    closest word it does ("showing results for ..."); --exact searches the words as typed.

    \b
    Examples:
      searchidx query "Central Asia"
      searchidx query Russia --speaker Lavrov --until 2020-02-29
      searchidx query Syria --facets
      searchidx query '"strategic partnership" NOT Iran' --sort date --json
      searchidx query '"Kazakhstan energy"~3 OR Kazakstan~'
    """
    from .index import Index
    from .render import facets_text, hit_dict, hits_text, results_json

    with Index.open(_index_dir(index_dir)) as ix:
        result = ix.search(text, filters=_filters(speaker, dateline, source, since, until), limit=limit, sort=sort,
                           count=True, facets=facets, correct=not exact)
    _corrected(result.query, result.corrected_from)
    if as_json:
        click.echo(results_json(result.total, "hits", [hit_dict(h) for h in result.hits], result.facets,
                                query=result.query, corrected_from=result.corrected_from))
    elif result.hits:
        click.echo(hits_text(result.hits, color=_color(sys.stdout)))
    if result.facets is not None and not as_json and result.hits:
        click.echo("\n" + facets_text(result.facets, result.total))
    if not as_json:
        _summary(len(result.hits), result.total, result.suggestion, "matches")
    elif not result.hits:
        _summary(0, 0, result.suggestion, "matches")


@cli.command()
@click.argument("text", required=False, default="")
@index_option
@search_options
@errors_as_messages
def quotes(text: str, index_dir: Path | None, speaker: str | None, dateline: str | None, source: str | None,
           since: dt.date | None, until: dt.date | None, sort: str, limit: int, facets: bool, exact: bool,
           as_json: bool) -> None:
    """Search what people said: each statement ranked on its own, with its speaker, role, cue and article.

    TEXT uses the query syntax of `searchidx query`; a name in TEXT also matches the speaker.

    \b
    Examples:
      searchidx quotes NATO --speaker Putin
      searchidx quotes "Central Asia" --source Xinhua --sort date
      searchidx quotes Xinjiang --speaker "Tony Blinken" --json
    """
    from .index import Index
    from .render import facets_text, quote_dict, quotes_text, results_json

    with Index.open(_index_dir(index_dir)) as ix:
        result = ix.quotes(text, filters=_filters(speaker, dateline, source, since, until), limit=limit, sort=sort,
                           count=True, facets=facets, correct=not exact)
    _corrected(result.query, result.corrected_from)
    if as_json:
        click.echo(results_json(result.total, "quotes", [quote_dict(q) for q in result.quotes], result.facets,
                                query=result.query, corrected_from=result.corrected_from))
    elif result.quotes:
        click.echo(quotes_text(result.quotes, color=_color(sys.stdout)))
    if result.facets is not None and not as_json and result.quotes:
        click.echo("\n" + facets_text(result.facets, result.total))
    if not as_json:
        _summary(len(result.quotes), result.total, result.suggestion, "statements")
    elif not result.quotes:
        _summary(0, 0, result.suggestion, "statements")


@cli.command()
@click.argument("name", required=False)
@index_option
@click.option("--limit", "-n", type=click.IntRange(1, 100_000), default=30, show_default=True,
              help="People listed without NAME.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of people.")
@errors_as_messages
def people(name: str | None, index_dir: Path | None, limit: int, as_json: bool) -> None:
    """List the people the index quotes, one entry per person however articles spell them.

    With NAME (any alias: surname, full name, another spelling), only the people it names.
    Each: the name used for them, their other names, roles, statements, articles, first and last date.

    \b
    Examples:
      searchidx people
      searchidx people Lavrov --json
    """
    from .index import Index
    from .render import people_text, person_dict, to_json

    with Index.open(_index_dir(index_dir)) as ix:
        found = ix.people(name)
    shown = found if name is not None else found[:limit]
    click.echo(to_json([person_dict(p) for p in shown], indent=1) if as_json else people_text(shown))


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
_FAST_EXIT: set[str] = {"query", "quotes", "people", "show", "stats"}


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
