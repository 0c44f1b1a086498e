"""Commands that read an index: `query`, `similar`, `quotes`, `people`, `show`, `stats`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .options import (
    corrected_line,
    emit,
    errors_as_messages,
    filters_of,
    index_found,
    index_option,
    out,
    output_options,
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
@click.option("--all-copies", is_flag=True,
              help="List every copy of a story as a hit of its own [default: one hit per story].")
@click.option("--partial", is_flag=True, help="Sharded index: answer without shards that do not answer.")
@output_options
@errors_as_messages
def query(words: tuple[str, ...], index_dir: Path | None, speaker: str | None, dateline: str | None, source: str | None,
          since: dt.date | None, until: dt.date | None, sort: str, limit: int, facets: bool, exact: bool,
          all_copies: bool, partial: bool, fmt: str) -> None:
    """Search the index and print ranked articles with highlighted snippets.

    WORDS use the query syntax in the README: words, "quoted phrases", "words near"~5 (in
    order, each within five words of the last), word~ and word~2 (spelled with one or two
    letters changed), negotiat* (a prefix), AND/OR/NOT, field:value (speaker:, dateline:,
    source:, title:, date:[2020-01-01 to 2020-03-01]). A word the index does not know is
    searched as the closest word it does ("showing results for ..."); --exact searches the
    words as typed. Copies of one story (the same text republished) make one hit, with
    "+N copies" and where they are; --all-copies lists each. Several words need no quotes;
    `*` lists every article, newest first.

    \b
    Examples:
      searchidx query Central Asia
      searchidx query Russia --speaker Lavrov --since 2020 --until 2020-02
      searchidx query Syria --facets
      searchidx query '"strategic partnership" NOT Iran' --sort date --json
      searchidx query '"Kazakhstan energy"~3 OR Kazakstan~'
      searchidx query Lavrov --limit 500 --format csv > lavrov.csv
    """
    from ..index import Index
    from ..render import facets_text, hit_dict, hits_text, results_dict

    with index_found(index_dir), Index.open(resolve_index(index_dir), partial=partial) as ix:
        result = ix.search(typed(" ".join(words)) or "", filters=filters_of(speaker, dateline, source, since, until), limit=limit, sort=sort,
                           count=True, facets=facets, all_copies=all_copies, correct=not exact)
    if result.incomplete:
        click.echo(f"incomplete: shard {', '.join(result.incomplete)} did not answer", err=True)
    corrected_line(result.query, result.corrected_from)
    hits = [hit_dict(h) for h in result.hits]
    emit(fmt, text=lambda: hits_text(result.hits, color=use_color(sys.stdout)),
         whole=results_dict(result.total, "hits", hits, result.facets, stories=result.stories, query=result.query,
                            corrected_from=result.corrected_from), records=hits)
    counted = counts_of(result.total, result.stories, all_copies)
    if result.facets is not None and fmt == "text" and result.hits:
        out("\n" + facets_text(result.facets, result.total, counted[1]))
    if fmt == "text" or not result.hits:
        summary_line(len(result.hits), *counted[0], result.suggestion)


def counts_of(total: int | None, stories: int | None, all_copies: bool) -> tuple[tuple[int | None, str], str]:
    """What the summary counts ((how many, "matches" or "stories (57 articles with their copies)")),
    and what the facets count ("matches", or "matching articles (41 stories)")."""
    if total is None or stories is None or stories == total:
        return (total, "matches"), "matches"
    facets = f"matching articles ({stories} {_stories(stories)})"
    if all_copies:
        return (total, f"matches ({stories} {_stories(stories)}, copies counted apart)"), facets
    return (stories, f"{_stories(stories)} ({total} articles with their copies)"), facets


def _stories(n: int) -> str:
    return "story" if n == 1 else "stories"


@click.command()
@click.argument("doc_id")
@index_option
@click.option("--limit", "-n", type=click.IntRange(1, 1000), default=10, show_default=True)
@output_options
@errors_as_messages
def similar(doc_id: str, index_dir: Path | None, limit: int, fmt: str) -> None:
    """Print the articles most like one indexed article: about the same matter, ranked.

    DOC_ID is the article's id, as `searchidx query` shows it (its path, or path#line for
    JSONL records). Its own copies are left out; the words it is most about make the query.

    \b
    Example:
      searchidx similar corpus/000_147f1172ebdf106e.txt --limit 5
    """
    from ..index import Index
    from ..render import hit_dict, hits_text

    with Index.open(resolve_index(index_dir)) as ix:
        result = ix.similar(doc_id, limit=limit)
    hits = [hit_dict(h) for h in result.hits]
    emit(fmt, text=lambda: hits_text(result.hits, color=use_color(sys.stdout)),
         whole={"similar_to": doc_id, "hits": hits}, records=hits)
    if not result.hits:
        click.echo("no similar articles", err=True)


@click.command()
@click.argument("words", nargs=-1)
@index_option
@search_options
@output_options
@errors_as_messages
def quotes(words: tuple[str, ...], index_dir: Path | None, speaker: str | None, dateline: str | None, source: str | None,
           since: dt.date | None, until: dt.date | None, sort: str, limit: int, facets: bool, exact: bool,
           fmt: str) -> None:
    """Search what people said: each statement ranked on its own, with its speaker, role, cue and article.

    WORDS use the query syntax of `searchidx query`; a name in them also matches the speaker.

    \b
    Examples:
      searchidx quotes NATO --speaker Putin
      searchidx quotes "Central Asia" --source Xinhua --sort date
      searchidx quotes Xinjiang --speaker "Tony Blinken" --json
      searchidx quotes Ukraine --limit 1000 --format csv > ukraine-quotes.csv
    """
    from ..index import Index
    from ..render import facets_text, quote_dict, quotes_text, results_dict

    with index_found(index_dir), Index.open(resolve_index(index_dir)) as ix:
        result = ix.quotes(typed(" ".join(words)) or "", filters=filters_of(speaker, dateline, source, since, until), limit=limit, sort=sort,
                           count=True, facets=facets, correct=not exact)
    corrected_line(result.query, result.corrected_from)
    found = [quote_dict(q) for q in result.quotes]
    emit(fmt, text=lambda: quotes_text(result.quotes, color=use_color(sys.stdout)),
         whole=results_dict(result.total, "quotes", found, result.facets, query=result.query,
                            corrected_from=result.corrected_from), records=found)
    if result.facets is not None and fmt == "text" and result.quotes:
        out("\n" + facets_text(result.facets, result.total))
    if fmt == "text" or not result.quotes:
        summary_line(len(result.quotes), result.total, "statements", result.suggestion)


@click.command()
@click.argument("name", required=False)
@index_option
@click.option("--limit", "-n", type=click.IntRange(1, 100_000), default=30, show_default=True,
              help="People listed without NAME.")
@output_options
@errors_as_messages
def people(name: str | None, index_dir: Path | None, limit: int, fmt: str) -> None:
    """List the people the index quotes, one entry per person however articles spell them.

    With NAME (any alias: surname, full name, another spelling), only the people it names.
    Each: the name used for them, their other names, roles, statements, articles, first and last date.

    \b
    Examples:
      searchidx people
      searchidx people Lavrov --json
      searchidx people --limit 1000 --format csv > people.csv
    """
    from ..index import Index
    from ..render import people_text, person_dict

    with index_found(index_dir), Index.open(resolve_index(index_dir)) as ix:
        found = ix.people(typed(name))
    shown = found if name is not None else found[:limit]
    records = [person_dict(p) for p in shown]
    emit(fmt, text=lambda: people_text(shown), whole=records, records=records)


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
