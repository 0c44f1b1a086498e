"""The `searchidx` command: thin click commands over the library. The only code that prints or exits.

Exit codes: 0 success; 1 an error (one line on stderr); 2 a usage error; 3 the run
finished but some inputs could not be read (each is named on stderr), or `check` found
the index out of step with the files; 130 interrupted.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import functools
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
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


@contextlib.contextmanager
def _index_found(index_dir: Path | None) -> Iterator[None]:
    """IndexNotFound for the default location says that it is the default, and how to choose another."""
    from .errors import IndexNotFound

    try:
        yield
    except IndexNotFound:
        if index_dir is not None:
            raise
        raise IndexNotFound(f"no index at {_index_dir(None)}, the default location (choose another with --index DIR "
                            f"or $SEARCHIDX_INDEX): run `searchidx index FOLDER` first") from None


def _printable(text: str) -> str:
    """A file name or message on one line: newlines, escapes and undecodable bytes shown as escapes."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


class _OutputError(Exception):
    """Standard output cannot be written (a full disk): what errors_as_messages says in one line."""


def _out(text: str) -> None:
    """One line (or block) of results on stdout."""
    try:
        click.echo(text)
    except BrokenPipeError:
        raise  # the reader left (`| head`): click ends quietly
    except OSError as err:
        raise _OutputError(err.strerror or str(err)) from None


def _typed(text: str | None) -> str | None:
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
def _warnings_shown() -> Iterator[None]:
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
        return _printable(super().format(record))


def _color(stream: Any) -> bool:
    return not os.environ.get("NO_COLOR") and hasattr(stream, "isatty") and stream.isatty()


def errors_as_messages(f: F) -> F:
    """Library errors become one line on stderr and exit 1; Ctrl-C a short message."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except SearchidxError as err:
            raise click.ClickException(_printable(str(err))) from None
        except _OutputError as err:
            raise click.ClickException(f"cannot write the output: {err}") from None
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
        with _warnings_shown():
            report = update_index(target, paths, rebuild=rebuild, workers=workers, progress=progress, wait=wait)
    except KeyboardInterrupt:
        if rebuild:
            raise KeyboardInterrupt(f"{_printable(str(target))} is as it was before the rebuild") from None
        raise KeyboardInterrupt(f"{_printable(str(target))} keeps the batches committed so far; "
                                f"run the same command to finish") from None
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
            + f" in {report.seconds:.1f}s; {report.documents} documents in {_printable(str(target))}",
            err=True,
        )
    if report.failed:
        sys.exit(EXIT_SKIPPED)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
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
        raise click.BadParameter(f"{_printable(value)!r} is not a date like 2020-02-29, a month like 2020-02 "
                                 f"or a year like 2020") from None


@cli.command()
@click.argument("words", nargs=-1)
@index_option
@click.option("--speaker", help="Only articles quoting this person (surname or full name).")
@click.option("--dateline", help="Only articles datelined here, e.g. Munich.")
@click.option("--source", help="Only articles from this agency, e.g. Xinhua.")
@click.option("--since", callback=_date, help="Only articles on or after this day (YYYY-MM-DD), month or year.")
@click.option("--until", callback=_date, help="Only articles on or before this day (YYYY-MM-DD), month or year.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--limit", "-n", type=click.IntRange(1, 10_000), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of hits.")
@errors_as_messages
def query(words: tuple[str, ...], index_dir: Path | None, speaker: str | None, dateline: str | None,
          source: str | None, since: dt.date | None, until: dt.date | None, sort: str, limit: int,
          as_json: bool) -> None:
    """Search the index and print ranked hits with highlighted snippets.

    WORDS use the query syntax in the README: words, "quoted phrases", AND/OR/NOT,
    field:value (speaker:, dateline:, source:, title:, date:[2020-01-01 to 2020-03-01]).
    Several words need no quotes; `*` lists every article, newest first.

    \b
    Examples:
      searchidx query Central Asia
      searchidx query Russia --speaker Lavrov --since 2020 --until 2020-02
      searchidx query '"strategic partnership" NOT Iran' --sort date --json
    """
    from .index import Index
    from .models import Filters
    from .render import hits_json, hits_text

    filters = Filters(_typed(speaker), _typed(dateline), _typed(source), since, until)
    with _index_found(index_dir), Index.open(_index_dir(index_dir)) as ix:
        result = ix.search(_typed(" ".join(words)) or "", filters=filters, limit=limit, sort=sort,
                           count=not as_json)  # the text summary says "N of M matches"; JSON has no total
    if as_json:
        _out(hits_json(result.hits))
    elif result.hits:
        _out(hits_text(result.hits, color=_color(sys.stdout)))
    if not result.hits:
        hint = f"; did you mean: {result.suggestion}" if result.suggestion else ""
        click.echo(f"no matches{hint}", err=True)
    elif not as_json:
        click.echo(f"{len(result.hits)} of {result.total} matches", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article per line.")
@errors_as_messages
def extract(paths: tuple[Path, ...], as_json: bool) -> None:
    """Print what the cleaner and extractor read from each file, or each file of a folder (no index needed).

    \b
    Examples:
      searchidx extract --json corpus/000_147f1172ebdf106e.txt
      searchidx extract corpus/
    """
    from .corpus import find_files
    from .errors import UnreadableFile
    from .read import read_articles
    from .render import article_dict, article_text, to_json

    failed = 0
    with _warnings_shown():
        for path in paths:
            files: list[str | Path] = [path]
            if path.is_dir():
                found, skipped = find_files([path])
                for s in skipped:
                    if not s.ignored:
                        click.echo(f"skipped {_printable(s.path)}: {_printable(s.reason)}", err=True)
                        failed += 1
                files = [f.disk_path for f in found]
            for file in files:
                try:
                    articles = read_articles(file)
                except UnreadableFile as err:
                    click.echo(f"skipped {_printable(str(err))}", err=True)
                    failed += 1
                    continue
                for a in articles:
                    _out(to_json(article_dict(a)) if as_json else article_text(a) + "\n")
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

    with _index_found(index_dir), Index.open(_index_dir(index_dir)) as ix:
        doc = ix.get(doc_id)
    _out(to_json(document_dict(doc)) if as_json else document_text(doc))


@cli.command()
@index_option
@click.option("--top", type=click.IntRange(1, 1000), default=10, show_default=True, help="Rows per table.")
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@errors_as_messages
def stats(index_dir: Path | None, top: int, as_json: bool) -> None:
    """Print where the index is, how many articles it holds, their date span and the most frequent speakers,
    datelines and sources.

    \b
    Example:
      searchidx stats --top 5
    """
    from dataclasses import asdict

    from .index import Index
    from .render import counts_text, to_json

    location = _index_dir(index_dir)
    with _index_found(index_dir), Index.open(location) as ix:
        st = ix.stats(top=top)
    if as_json:
        _out(to_json({"index": str(location), **asdict(st)}))
        return
    _out(f"index: {_printable(str(location))}")
    _out(f"articles: {st.documents}")
    _out(f"dates: {st.first_date or '-'} to {st.last_date or '-'}")
    for title, rows in (("speakers", st.speakers), ("datelines", st.datelines), ("sources", st.sources)):
        _out(counts_text(title, rows))


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

    with _index_found(index_dir):
        report = check_index(_index_dir(index_dir), paths)
    for label, items in (("missing", report.missing), ("changed", report.changed), ("orphan", report.orphans)):
        for path in items:
            _out(f"{label} {_printable(path)}")
    for s in report.unreadable:
        _out(f"unreadable {_printable(s.path)}: {_printable(s.reason)}")
    click.echo(f"{report.documents} documents, {report.files} files: {len(report.missing)} missing, "
               f"{len(report.changed)} changed, {len(report.orphans)} orphan", err=True)
    if not report.ok:
        sys.exit(EXIT_SKIPPED)


# Read-only commands that may end the process without interpreter teardown (see main()).
_FAST_EXIT: set[str] = {"query", "show", "stats"}


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
        from ._startup import lean_engine_imports

        with lean_engine_imports():
            from . import engine  # noqa: F401 - loaded here, with the stand-ins
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
