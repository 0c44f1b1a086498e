"""Commands that read files: `index` builds or updates an index, `extract` shows what a file gives, `check` compares."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .options import (
    EXIT_SKIPPED,
    errors_as_messages,
    index_found,
    index_option,
    out,
    printable,
    resolve_index,
    warnings_shown,
)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@index_option
@click.option("--rebuild", is_flag=True, help="Build the index anew beside the old one, which answers until it is replaced.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Processes reading files [default: one per core].")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
@click.option("--wait", type=click.FloatRange(0), default=0, metavar="SECONDS",
              help="If another run is updating the index, wait up to this long for it [default: fail at once].")
@click.option("--engine", type=click.Choice(["whoosh", "xapian"]), help="Engine of a new or rebuilt index.")
@click.option("--shards", metavar="HOST:PORT,...", default="", help="A new Xapian index on these shards (each `shard serve --port`: its statements use the next port).")
@errors_as_messages
def index(paths: tuple[Path, ...], index_dir: Path | None, rebuild: bool, workers: int | None, quiet: bool,
          wait: float, engine: str | None, shards: str) -> None:
    """Index the .txt, .html and .jsonl files under PATHS (folders are searched recursively).

    A second run reads only new or changed files and drops deleted ones.

    \b
    Examples:
      searchidx index corpus/ --index ./news-index
      searchidx index corpus/ --index ./news-shards --shards 127.0.0.1:8101,127.0.0.1:8103
    """
    from ..engine.choice import shard_addresses
    from ..indexing import update_index

    target = resolve_index(index_dir)
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
        with warnings_shown():
            report = update_index(target, paths, rebuild=rebuild, workers=workers, progress=progress, wait=wait,
                                  engine=engine, shards=shard_addresses(shards))
    except KeyboardInterrupt:
        if rebuild:
            raise KeyboardInterrupt(f"{printable(str(target))} is as it was before the rebuild") from None
        raise KeyboardInterrupt(f"{printable(str(target))} keeps the batches committed so far; "
                                f"run the same command to finish") from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for s in report.failed:
        click.echo(f"skipped {printable(s.path)}: {printable(s.reason)}", err=True)
    if not quiet:
        ignored = len(report.skipped) - len(report.failed)
        click.echo(
            f"{report.added} added, {report.updated} updated, {report.removed} removed, "
            f"{report.unchanged} unchanged, {len(report.failed)} skipped"
            + (f", {ignored} other files ignored" if ignored else "")
            + f" in {report.seconds:.1f}s; {report.documents} documents in {printable(str(target))}",
            err=True,
        )
    if report.failed:
        sys.exit(EXIT_SKIPPED)


@click.command()
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
    from ..corpus import find_files
    from ..errors import UnreadableFile
    from ..read import read_articles
    from ..render import article_dict, article_text, to_json

    failed = 0
    with warnings_shown():
        for path in paths:
            files: list[str | Path] = [path]
            if path.is_dir():
                found, skipped = find_files([path])
                for s in skipped:
                    if not s.ignored:
                        click.echo(f"skipped {printable(s.path)}: {printable(s.reason)}", err=True)
                        failed += 1
                files = [f.disk_path for f in found]
            for file in files:
                try:
                    articles = read_articles(file)
                except UnreadableFile as err:
                    click.echo(f"skipped {printable(str(err))}", err=True)
                    failed += 1
                    continue
                for a in articles:
                    out(to_json(article_dict(a)) if as_json else article_text(a) + "\n")
    if failed:
        sys.exit(EXIT_SKIPPED)


@click.command()
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
    from ..indexing import check_index

    with index_found(index_dir):
        report = check_index(resolve_index(index_dir), paths)
    for label, items in (("missing", report.missing), ("changed", report.changed), ("orphan", report.orphans)):
        for path in items:
            out(f"{label} {printable(path)}")
    for s in report.unreadable:
        out(f"unreadable {printable(s.path)}: {printable(s.reason)}")
    click.echo(f"{report.documents} documents, {report.files} files: {len(report.missing)} missing, "
               f"{len(report.changed)} changed, {len(report.orphans)} orphan", err=True)
    if not report.ok:
        sys.exit(EXIT_SKIPPED)
