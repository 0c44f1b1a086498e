"""Queries from anyone: every query string gives hits or a clear QueryError, at the library and the CLI.

Hypothesis throws arbitrary text and operator soup at `Index.search` and at `searchidx query`;
fixed cases cover what random text rarely finds: 10,000-character queries, deep brackets,
wildcards expanding to thousands of words, and ranges with impossible dates. Nothing here is
timed (issue 15: a five-second budget per query failed on a loaded machine, then spent minutes
shrinking): a query that became slow shows in the benchmark, and one that hangs in the suite's
own time. The examples are the same on every run (the derandomized profile in conftest.py).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searchidx.cli import cli
from searchidx.errors import QueryError
from searchidx.indexing import update_index
from searchidx import Filters, Index, SearchResult

WORDS = ("minister", "talks", "cooperation", "security", "Central", "Asia", "Lavrov", "Wang", "Yi",
         "Munich", "Xinhua", "sanctions", "treaty", "pipeline", "Astana")
SOUP = (
    "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "(", ")", '"', "'", "*", "?", "~", "~2", "^", "^3", "[", "]",
    "{", "}", ":", "to", "TO", "-", "+", "\\", "/", "title:", "body:", "date:", "speaker:", "dateline:",
    "source:", "path:", "id:", "blob:", "sig:", "date:[", "date:>", "date:<", "2020-01-01", "2020-13-45",
    "1999", "yesterday", "a*", "*a", "a*b?", "\x00", "\x1b[2J", "中亚", "Lavrov", "talks", "Central Asia",
)


@pytest.fixture(scope="module")
def fuzz_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small index whose lexicon holds thousands of words starting with "a" (for `a*`)."""
    root = tmp_path_factory.mktemp("fuzz")
    docs = root / "docs"
    docs.mkdir()
    rnd = random.Random(7)
    a_words = [f"a{rnd.getrandbits(40):x}" for _ in range(6000)]
    for i in range(60):
        body = " ".join(rnd.choice(WORDS) for _ in range(80))
        extra = " ".join(a_words[i * 100:(i + 1) * 100])
        (docs / f"n{i:02d}.txt").write_text(
            f"Talks number {i} on Central Asia\n\nASTANA, March {1 + i % 28} (Xinhua) -- {body}. {extra}.\n",
            encoding="utf-8",
        )
    ix = root / "index"
    update_index(ix, [docs], workers=1)
    return ix


@pytest.fixture(scope="module")
def library(fuzz_index: Path) -> Iterator[Index]:
    with Index.open(fuzz_index) as ix:
        yield ix


def search_or_query_error(ix: Index, text: str, **kwargs: object) -> None:
    """The property: a SearchResult, or a QueryError with a one-line message."""
    try:
        result = ix.search(text, **kwargs)  # type: ignore[arg-type]
    except QueryError as err:
        message = str(err)
        assert message and "\n" not in message and len(message) < 400, message
        return
    assert isinstance(result, SearchResult)
    assert result.total is None or len(result.hits) <= result.total


def cli_query(runner: CliRunner, index: Path, *args: str) -> None:
    """The property at the CLI: exit 0 with output, or exit 1 with one line on stderr; never a traceback."""
    result = runner.invoke(cli, ["query", "--index", str(index), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"query {args!r} raised {result.exception!r}") from result.exception
    assert result.exit_code in (0, 1), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr


operator_soup = st.lists(st.sampled_from(SOUP + WORDS), min_size=1, max_size=12).map(
    lambda parts: " ".join(parts)
) | st.lists(st.sampled_from(SOUP + WORDS), min_size=1, max_size=12).map("".join)

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(text=st.text(max_size=200))
def test_any_string_gives_hits_or_a_query_error(library: Index, text: str) -> None:
    search_or_query_error(library, text)


@FUZZ
@given(text=operator_soup)
def test_operator_soup_gives_hits_or_a_query_error(library: Index, text: str) -> None:
    search_or_query_error(library, text)


@FUZZ
@given(
    text=operator_soup,
    since=st.none() | st.dates(min_value=dt.date(1, 1, 1)),
    until=st.none() | st.dates(min_value=dt.date(1, 1, 1)),
    speaker=st.none() | st.text(max_size=20),
    sort=st.sampled_from(["relevance", "date"]),
    limit=st.integers(min_value=-2, max_value=50),
)
def test_filters_and_options_give_hits_or_a_query_error(
    library: Index, text: str, since: dt.date | None, until: dt.date | None, speaker: str | None,
    sort: str, limit: int,
) -> None:
    search_or_query_error(library, text, filters=Filters(speaker=speaker, since=since, until=until),
                          sort=sort, limit=limit)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=100) | operator_soup)
def test_cli_query_never_shows_a_traceback(runner: CliRunner, fuzz_index: Path, text: str) -> None:
    cli_query(runner, fuzz_index, "--", text)


LONG_QUERIES = {
    "one 10,000-letter word": "a" * 10_000,
    "many words": "talks " * 1_666,
    # Unknown words sharing a first letter with thousands of indexed words: spelling suggestions
    # (edit distance to each of them) took 40 s here.
    "unknown words": " ".join(f"a{random.Random(i).getrandbits(30):x}xz" for i in range(1_200))[:10_000],
    "random characters": "".join(random.Random(3).choice("ab (\")*:~^[]{}-+AND OR NOT") for _ in range(10_000)),
    "open brackets": "(" * 10_000,
    "balanced brackets": "(" * 5_000 + ")" * 5_000,
    "quotes": '"' * 10_000,
    "stars": "*" * 10_000,
    "wildcard words": "a* " * 3_333,
    "fields": "title:" * 1_666,
    "ranges": "date:[" * 1_666,
    "negations": "NOT " * 2_500,
}


@pytest.mark.parametrize("text", LONG_QUERIES.values(), ids=LONG_QUERIES.keys())
def test_ten_thousand_character_queries(library: Index, runner: CliRunner, fuzz_index: Path, text: str) -> None:
    assert len(text) >= 9_990
    search_or_query_error(library, text)
    cli_query(runner, fuzz_index, "--", text)


@pytest.mark.parametrize("text", ["a*", "*", "a?*", "*a*", "title:a* OR body:a*", "a* AND NOT a*",
                                  "[ to AND ]", "[a to z]", "title:[a to]", "{ to }"])
def test_huge_wildcards_finish(library: Index, text: str) -> None:
    search_or_query_error(library, text)


def test_a_wildcard_for_too_many_words_says_what_to_do(library: Index) -> None:
    with pytest.raises(QueryError, match="give more letters"):
        library.search("a*")
    assert library.search("a1*", limit=100, count=True).total > 0


@pytest.mark.parametrize("text", [
    "date:[foo to bar]", "date:[2020-13-45 to 2020-01-01]", "date:[2020-03-01 to 2020-01-01]",
    "date:[to]", "date:[0000-00-00 to 9999-99-99]", "date:99999999999999", "date:>yesterday",
    "date:[2020-02-30 to 2020-02-31]", "date:[-1 to -2]",
])
def test_bad_date_ranges_give_hits_or_a_query_error(library: Index, text: str) -> None:
    search_or_query_error(library, text)


def test_since_after_until_is_a_query_error(library: Index) -> None:
    with pytest.raises(QueryError, match="after"):
        library.search("talks", filters=Filters(since=dt.date(2020, 3, 1), until=dt.date(2020, 1, 1)))


@pytest.mark.parametrize("args", [
    ("talks", "--since", "2020-13-45"), ("talks", "--until", "yesterday"), ("talks", "--limit", "0"),
    ("talks", "--sort", "chaos"),
])
def test_bad_options_are_usage_errors(runner: CliRunner, fuzz_index: Path, args: tuple[str, ...]) -> None:
    result = runner.invoke(cli, ["query", *args, "--index", str(fuzz_index)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
