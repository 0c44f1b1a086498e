"""Commands that read an index: `query`, `quotes`, `people`, `show`, `stats`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .options import (
    errors_as_messages,
    filters_of,
    index_found,
    index_option,
    out,
    printable,
    resolve_index,
    search_options,
    summary_line,
    typed,
    use_color,
)


@click.command()
@click.argument("words", nargs=-1)
@index_option
@search_options
@click.option("--partial", is_flag=True, help="Sharded index: answer without shards that do not answer.")
@errors_as_messages
def query(words: tuple[str, ...], index_dir: Path | None, speaker: str | None, dateline: str | None, source: str | None,
          since: dt.date | None, until: dt.date | None, sort: str, limit: int, facets: bool, as_json: bool,
          partial: bool) -> None:
    """Search the index and print ranked articles with highlighted snippets.

    WORDS use the query syntax in the README: words, "quoted phrases", AND/OR/NOT,
    field:value (speaker:, dateline:, source:, title:, date:[2020-01-01 to 2020-03-01]).
    Several words need no quotes; `*` lists every article, newest first.

    \b
    Examples:
      searchidx query Central Asia
      searchidx query Russia --speaker Lavrov --since 2020 --until 2020-02
      searchidx query Syria --facets
      searchidx query '"strategic partnership" NOT Iran' --sort date --json
    """
    from ..index import Index
    from ..render import facets_text, hit_dict, hits_text, results_json

    with index_found(index_dir), Index.open(resolve_index(index_dir), partial=partial) as ix:
        result = ix.search(typed(" ".join(words)) or "", filters=filters_of(speaker, dateline, source, since, until), limit=limit, sort=sort,
                           count=True, facets=facets)
    if result.incomplete:
        click.echo(f"incomplete: shard {', '.join(result.incomplete)} did not answer", err=True)
    if as_json:
        out(results_json(result.total, "hits", [hit_dict(h) for h in result.hits], result.facets))
    elif result.hits:
        out(hits_text(result.hits, color=use_color(sys.stdout)))
    if result.facets is not None and not as_json and result.hits:
        out("\n" + facets_text(result.facets, result.total))
    if not as_json:
        summary_line(len(result.hits), result.total, result.suggestion, "matches")
    elif not result.hits:
        summary_line(0, 0, result.suggestion, "matches")

@click.command()
@click.argument("words", nargs=-1)
@index_option
@search_options
@errors_as_messages
def quotes(words: tuple[str, ...], index_dir: Path | None, speaker: str | None, dateline: str | None, source: str | None,
           since: dt.date | None, until: dt.date | None, sort: str, limit: int, facets: bool, as_json: bool) -> None:
    """Search what people said: each statement ranked on its own, with its speaker, role, cue and article.

    WORDS use the query syntax of `searchidx query`; a name in them also matches the speaker.

    \b
    Examples:
      searchidx quotes NATO --speaker Putin
      searchidx quotes "Central Asia" --source Xinhua --sort date
      searchidx quotes Xinjiang --speaker "Tony Blinken" --json
    """
    from ..index import Index
    from ..render import facets_text, quote_dict, quotes_text, results_json

    with index_found(index_dir), Index.open(resolve_index(index_dir)) as ix:
        result = ix.quotes(typed(" ".join(words)) or "", filters=filters_of(speaker, dateline, source, since, until), limit=limit, sort=sort,
                           count=True, facets=facets)
    if as_json:
        out(results_json(result.total, "quotes", [quote_dict(q) for q in result.quotes], result.facets))
    elif result.quotes:
        out(quotes_text(result.quotes, color=use_color(sys.stdout)))
    if result.facets is not None and not as_json and result.quotes:
        out("\n" + facets_text(result.facets, result.total))
    if not as_json:
        summary_line(len(result.quotes), result.total, result.suggestion, "statements")
    elif not result.quotes:
        summary_line(0, 0, result.suggestion, "statements")

@click.command()
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
    from ..index import Index
    from ..render import people_text, person_dict, to_json

    with index_found(index_dir), Index.open(resolve_index(index_dir)) as ix:
        found = ix.people(typed(name))
    shown = found if name is not None else found[:limit]
    out(to_json([person_dict(p) for p in shown], indent=1) if as_json else people_text(shown))

@click.command()
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
    from ..index import Index
    from ..render import document_dict, document_text, to_json

    with index_found(index_dir), Index.open(resolve_index(index_dir)) as ix:
        doc = ix.get(doc_id)
    out(to_json(document_dict(doc)) if as_json else document_text(doc))

@click.command()
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

    from ..index import Index
    from ..render import counts_text, to_json

    location = resolve_index(index_dir)
    with index_found(index_dir), Index.open(location) as ix:
        st = ix.stats(top=top)
    if as_json:
        out(to_json({"index": str(location), **asdict(st)}))
        return
    out(f"index: {printable(str(location))}")
    out(f"articles: {st.documents}")
    out(f"dates: {st.first_date or '-'} to {st.last_date or '-'}")
    for title, rows in (("speakers", st.speakers), ("datelines", st.datelines), ("sources", st.sources)):
        out(counts_text(title, rows))
