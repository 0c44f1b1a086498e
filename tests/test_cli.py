"""The command line as a user drives it: contracts, messages and exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from searchidx.cli import EXIT_SKIPPED, cli

COMMANDS = sorted(cli.commands)


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(runner: CliRunner, command: str) -> None:
    code, out, _ = run(runner, command, "--help")
    assert code == 0
    assert "Example" in out


def test_extract_json_on_the_seed(runner: CliRunner, seed_path: Path) -> None:
    code, out, _ = run(runner, "extract", "--json", str(seed_path))
    assert code == 0
    (rec,) = [json.loads(line) for line in out.splitlines()]
    assert rec["path"] == str(seed_path)
    assert rec["title"] == "Chinese, Russian FMs pledge mutual support on core interests"
    assert rec["date"] == "2020-02-16T10:16:00+08:00"
    assert rec["source"] == "Xinhua"
    assert rec["dateline"] == "MUNICH"
    assert rec["speakers"] == ["Wang Yi", "Sergei Lavrov"]
    assert rec["body"].startswith("MUNICH — State Councilor")
    assert rec["body"].endswith("jointly play their roles.")
    assert "App |" not in rec["body"] and "Updated:" not in rec["body"]


def test_extract_names_unreadable_files_and_goes_on(runner: CliRunner, tmp_path: Path, seed_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(runner, "extract", "--json", str(empty), str(seed_path))
    assert code == EXIT_SKIPPED
    assert len(out.splitlines()) == 1
    assert err.strip() == f"skipped {empty}: empty file"


def test_index_then_query_the_seed(runner: CliRunner, tmp_path: Path, seed_path: Path) -> None:
    ix = str(tmp_path / "ix")
    code, _, err = run(runner, "index", str(seed_path.parent / seed_path.name), "--index", ix)
    assert code == 0, err
    assert err.startswith("1 added, 0 updated, 0 removed, 0 unchanged, 0 skipped")

    code, out, _ = run(runner, "query", "Central Asia", "--index", ix, "--json")
    (hit,) = json.loads(out)["hits"]
    assert Path(hit["path"]).name == seed_path.name
    emphasised = {hit["snippet"][s:e] for s, e in hit["matches"]}
    assert {"Central", "Asian"} <= emphasised

    code, out, _ = run(runner, "query", "Russia", "--speaker", "Lavrov", "--until", "2020-02-29", "--index", ix, "--json")
    assert [Path(h["path"]).name for h in json.loads(out)["hits"]] == [seed_path.name]


def test_query_text_output_is_plain_when_piped(runner: CliRunner, index_dir: Path) -> None:
    code, out, err = run(runner, "query", "Central Asia", "--index", str(index_dir))
    assert code == 0
    assert "\x1b[" not in out
    assert out.startswith("1. ")
    assert err.strip().endswith("matches")


def test_second_index_run_reports_everything_unchanged(runner: CliRunner, news_dir: Path, index_dir: Path) -> None:
    code, _, err = run(runner, "index", str(news_dir), "--index", str(index_dir))
    assert code == 0
    assert err.startswith("0 added, 0 updated, 0 removed, 3 unchanged, 0 skipped")


@pytest.mark.parametrize(
    "args, message",
    [
        (("query", "x"), "no index at"),
        (("index", "/no/such/folder"), "no such file or folder"),
    ],
)
def test_errors_are_one_line_not_tracebacks(runner: CliRunner, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    code, _, err = run(runner, *args, "--index", str(tmp_path / "none"))
    assert code == 1
    assert err.startswith("Error: ") and message in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("text", ["", "   ", "AND OR NOT"])
def test_empty_query_is_a_clear_error(runner: CliRunner, index_dir: Path, text: str) -> None:
    code, _, err = run(runner, "query", text, "--index", str(index_dir))
    assert code == 1
    assert "empty query" in err and len(err.strip().splitlines()) == 1


def test_bad_date_option_is_a_usage_error(runner: CliRunner, index_dir: Path) -> None:
    code, _, err = run(runner, "query", "x", "--since", "yesterday", "--index", str(index_dir))
    assert code == 2 and "is not a date" in err


def test_index_option_reads_environment(runner: CliRunner, index_dir: Path) -> None:
    result = runner.invoke(cli, ["stats"], env={"SEARCHIDX_INDEX": str(index_dir)})
    assert result.exit_code == 0
    assert result.stdout.startswith(f"index: {index_dir}\narticles: 3\n")


def test_no_matches_suggests_a_spelling(runner: CliRunner, index_dir: Path) -> None:
    code, out, err = run(runner, "query", "Lavorv", "--index", str(index_dir), "--json", "--exact")
    assert code == 0
    assert json.loads(out) == {"total": 0, "stories": 0, "hits": [], "facets": None, "query": "Lavorv",
                               "corrected_from": None}
    assert "did you mean" in err and "lavrov" in err.lower()


def test_a_misspelled_word_is_searched_corrected(runner: CliRunner, index_dir: Path) -> None:
    code, out, err = run(runner, "query", "Lavorv", "--index", str(index_dir), "--json")
    assert code == 0 and json.loads(out)["hits"] and json.loads(out)["corrected_from"] == "Lavorv"
    assert err.startswith("showing results for Lavrov; search instead for Lavorv with --exact")


def test_show_prints_a_stored_article(runner: CliRunner, index_dir: Path, news_dir: Path) -> None:
    doc_id = str((news_dir / "tashkent.txt").absolute())
    code, out, _ = run(runner, "show", doc_id, "--index", str(index_dir), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["title"] == "Uzbekistan hosts regional talks"
    assert doc["body"].startswith("TASHKENT, March 3 (Reuters)")


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "searchidx", "--help"], capture_output=True, text=True,
                       env={**os.environ, "NO_COLOR": "1"})
    assert r.returncode == 0 and "searchidx index corpus/" in r.stdout


@pytest.mark.parametrize("args, code", [(("query", "Central Asia", "--json"), 0), (("query", ""), 1), (("stats",), 0)])
def test_console_entry_point_ends_read_only_commands_with_full_output(index_dir: Path, args: tuple[str, ...],
                                                                     code: int) -> None:
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "searchidx", *args, "--index", str(index_dir)],
                       capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert r.returncode == code, r.stderr
    if args[0] == "query" and code == 0:
        assert json.loads(r.stdout)["hits"][0]["title"]
    elif args[0] == "stats":
        assert r.stdout.startswith(f"index: {index_dir}\narticles: 3\n") and r.stdout.rstrip().endswith("Xinhua")
    else:
        assert r.stderr.startswith("Error: empty query") and len(r.stderr.splitlines()) == 1


# From a new user's trial and from trying to break it (issue 15).

def test_several_unquoted_words_are_one_query(runner: CliRunner, index_dir: Path) -> None:
    code, out, _ = run(runner, "query", "Central", "Asia", "--index", str(index_dir), "--json")
    assert code == 0
    assert out == run(runner, "query", "Central Asia", "--index", str(index_dir), "--json")[1]
    assert len(json.loads(out)["hits"]) == 2


@pytest.mark.parametrize("since, until, found", [
    ("2020", None, True), ("2021", None, False), (None, "2019", False), ("2020-02", "2020-02", True),
    ("2020-03", None, False), (None, "2020-02", True), ("2020-2", "2020-2", True),
])
def test_since_and_until_take_a_year_or_a_month(runner: CliRunner, index_dir: Path, since: str | None,
                                                until: str | None, found: bool) -> None:
    args = ["query", "Lavrov", "--index", str(index_dir), "--json"]
    args += ["--since", since] if since else []
    args += ["--until", until] if until else []
    code, out, _ = run(runner, *args)
    assert code == 0 and bool(json.loads(out)["hits"]) == found


@pytest.mark.parametrize("value", ["2020-13", "20", "2020-02-30", "next year"])
def test_a_date_that_is_no_day_month_or_year_is_a_usage_error(runner: CliRunner, index_dir: Path, value: str) -> None:
    result = runner.invoke(cli, ["query", "x", "--since", value, "--index", str(index_dir)])
    assert result.exit_code == 2 and "is not a date like 2020-02-29, a month like 2020-02 or a year" in result.stderr


@pytest.mark.parametrize("text, field", [("foo:bar", "foo"), ("url:kremlin", "url"), ("statements:NATO", "statements")])
def test_an_unknown_field_is_an_error_listing_the_fields(runner: CliRunner, index_dir: Path, text: str,
                                                         field: str) -> None:
    code, _, err = run(runner, "query", text, "--index", str(index_dir))
    assert code == 1 and len(err.splitlines()) == 1
    assert err.startswith(f"Error: no field '{field}' to search: the fields are title (headline), body, ")
    assert "speakers (speaker, who, by)" in err and "STORED" not in err


@pytest.mark.parametrize("text", ["Note: Iran", "talks at 10:30", "http://kremlin.ru", '"foo:bar"', "speaker:lavrov"])
def test_a_colon_that_names_no_field_is_text(runner: CliRunner, index_dir: Path, text: str) -> None:
    assert run(runner, "query", text, "--index", str(index_dir))[0] == 0


def test_extract_takes_a_folder(runner: CliRunner, news_dir: Path) -> None:
    (news_dir / "empty.txt").write_bytes(b"")
    (news_dir / "notes.pdf").write_bytes(b"%PDF")
    code, out, err = run(runner, "extract", "--json", str(news_dir))
    assert code == EXIT_SKIPPED
    assert sorted(Path(json.loads(line)["path"]).name for line in out.splitlines()) == [
        "000_147f1172ebdf106e.txt", "brussels.txt", "tashkent.txt"]
    assert err == f"skipped {news_dir / 'empty.txt'}: empty file\n"


def test_stats_and_the_no_index_message_say_where_the_index_is(runner: CliRunner, tmp_path: Path,
                                                               index_dir: Path) -> None:
    code, out, _ = run(runner, "stats", "--index", str(index_dir))
    assert out.splitlines()[0] == f"index: {index_dir}"
    default = tmp_path / "data" / "searchidx" / "index"
    for args in (["query", "x"], ["stats"], ["show", "x"], ["check"]):
        result = runner.invoke(cli, args, env={"XDG_DATA_HOME": str(tmp_path / "data"), "SEARCHIDX_INDEX": None})
        assert result.exit_code == 1
        assert result.stderr == (f"Error: no index at {default}, the default location (choose another with "
                                 f"--index DIR or $SEARCHIDX_INDEX): run `searchidx index FOLDER` first\n")
    result = runner.invoke(cli, ["stats", "--index", str(tmp_path / "elsewhere")])
    assert "default location" not in result.stderr and "no index at" in result.stderr


def test_arguments_that_are_not_text_in_the_terminals_encoding(runner: CliRunner, tmp_path: Path) -> None:
    """A shell passes bytes: Python hands undecodable ones over as lone surrogates, which no UTF-8
    writer accepts (issue 15: `query $'\\xff*'` and `show $'caf\\xe9.txt'` raised UnicodeEncodeError)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    name = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(name, "wb") as fh:
        fh.write("Caf\u00e9 talks\n\nPARIS, May 3 (Reuters) - The caf\u00e9 owners met.\n".encode())
    index = str(tmp_path / "index")
    assert run(runner, "index", str(folder), "--index", index)[0] == 0
    for args in (["query", os.fsdecode(b"\xff*")], ["query", os.fsdecode(b"caf\xe9")],
                 ["query", "talks", "--speaker", os.fsdecode(b"\xff")]):
        result = runner.invoke(cli, [*args, "--index", index])
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert result.exit_code in (0, 1) and "Traceback" not in result.output
    code, out, _ = run(runner, "query", os.fsdecode(b"caf\xe9"), "--index", index, "--json")  # cp1252: café
    assert [Path(h["path"]).name for h in json.loads(out)["hits"]] == ["caf\\xe9.txt"]
    code, out, _ = run(runner, "show", os.fsdecode(name), "--index", index, "--json")
    assert code == 0 and json.loads(out)["path"].endswith("caf\\xe9.txt")


def test_output_that_cannot_be_written_is_one_line(index_dir: Path) -> None:
    """Issue 15: `query oil > /dev/full` ended in a traceback."""
    import subprocess
    import sys

    if not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    for args in (["query", "Central Asia"], ["stats"], ["query", "Central Asia", "--json"]):
        with open("/dev/full", "w") as full:
            r = subprocess.run([sys.executable, "-m", "searchidx", *args, "--index", str(index_dir)],
                               stdout=full, stderr=subprocess.PIPE, text=True)
        assert (r.returncode, r.stderr) == (1, "Error: cannot write the output: No space left on device\n"), args


def test_quotes_prints_who_said_what(runner: CliRunner, index_dir: Path) -> None:
    code, out, err = run(runner, "quotes", "cooperation", "--speaker", "Uzbek Foreign Minister Kamilov",
                         "--index", str(index_dir))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "1. Abdulaziz Kamilov (Uzbek Foreign Minister) said:"
    assert lines[1] == '   "Regional cooperation is our priority,"'  # its own marks, not doubled
    assert lines[2].startswith("   Uzbekistan hosts regional talks")
    assert err.strip() == "1 of 1 statements"


def test_quotes_json_is_one_object_with_the_article(runner: CliRunner, index_dir: Path) -> None:
    code, out, _ = run(runner, "quotes", "Central Asia", "--speaker", "Lavrov", "--json", "--facets",
                       "--index", str(index_dir))
    data = json.loads(out)
    assert code == 0 and data["total"] == len(data["quotes"]) == 1
    (q,) = data["quotes"]
    assert (q["speaker"], q["said_as"]) == ("Sergei Lavrov", "Sergei Lavrov")
    assert {q["quote"][s:e] for s, e in q["matches"]} == {"Central", "Asian"}
    assert q["article"]["source"] == "Xinhua" and q["article"]["title"].startswith("Chinese, Russian FMs")
    assert data["facets"]["speakers"] == [{"value": "Sergei Lavrov", "count": 1}]


def test_query_facets_count_all_matches(runner: CliRunner, index_dir: Path) -> None:
    code, out, _ = run(runner, "query", "said", "--facets", "--json", "--limit", "1", "--index", str(index_dir))
    data = json.loads(out)
    assert code == 0 and data["total"] == 3 and len(data["hits"]) == 1
    assert sum(d["count"] for d in data["facets"]["datelines"]) == 3
    assert {d["value"] for d in data["facets"]["sources"]} >= {"Xinhua", "Reuters"}
    code, out, _ = run(runner, "query", "said", "--facets", "--index", str(index_dir))
    assert code == 0 and "counts over all 3 matches" in out and "by month:" in out


def test_people_lists_each_person_once(runner: CliRunner, index_dir: Path) -> None:
    code, out, _ = run(runner, "people", "--json", "--index", str(index_dir))
    names = [p["name"] for p in json.loads(out)]
    assert code == 0 and set(names) == {"Sergei Lavrov", "Wang Yi", "Abdulaziz Kamilov"}
    code, out, _ = run(runner, "people", "lavrov", "--index", str(index_dir))
    assert code == 0 and out.splitlines()[1].split() == ["1", str(json.loads(run(
        runner, "people", "Lavrov", "--json", "--index", str(index_dir))[1])[0]["statements"]), "Sergei", "Lavrov"]


@pytest.mark.parametrize("option, value, close", [("--speaker", "Lavorv", "Sergei Lavrov"),
                                                  ("--source", "Xinhau", "Xinhua"),
                                                  ("--dateline", "Tashkend", "TASHKENT")])
def test_a_filter_naming_nothing_says_what_is_close(runner: CliRunner, index_dir: Path, option: str, value: str,
                                                     close: str) -> None:
    code, out, err = run(runner, "query", "talks", option, value, "--index", str(index_dir))
    assert code == 1 and out == ""
    assert err.strip() == f"Error: no {option[2:]} {value!r} in the index; close: {close}"


@pytest.fixture
def copies_index(tmp_path: Path, news_dir: Path) -> Path:
    """``news_dir`` with the Tashkent story republished twice (another page around it, a new headline)."""
    from searchidx.indexing import update_index

    story = (news_dir / "tashkent.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    (news_dir / "portal.txt").write_text(f"Home | World | Asia\n\nTashkent talks on water\n\n{story}", encoding="utf-8")
    (news_dir / "daily.txt").write_text(f"=HYPERLINK(\"http://x.example\"), a headline\n\n{story}", encoding="utf-8")
    ix = tmp_path / "copies-index"
    update_index(ix, [news_dir], workers=1)
    return ix


def test_query_shows_one_hit_per_story_with_its_copies(runner: CliRunner, copies_index: Path) -> None:
    code, out, err = run(runner, "query", "Tashkent water", "--index", str(copies_index))
    assert code == 0
    assert out.count("\n1. ") + out.startswith("1. ") == 1 and "\n2. " not in out
    assert out.splitlines()[-1].startswith("   +2 copies: ")
    assert err == "1 of 1 story (3 articles with their copies)\n"
    code, out, err = run(runner, "query", "Tashkent water", "--facets", "--index", str(copies_index))
    assert code == 0 and "\ncounts over all 3 matching articles (1 story)\n" in out


def test_query_all_copies_lists_each_and_counts_both(runner: CliRunner, copies_index: Path) -> None:
    code, out, err = run(runner, "query", "Tashkent water", "--all-copies", "--index", str(copies_index))
    assert code == 0
    assert [line.split(". ")[0] for line in out.splitlines() if line[:1].isdigit()] == ["1", "2", "3"]
    assert out.count("+2 copies: ") == 3
    assert err == "3 of 3 matches (1 story, copies counted apart)\n"


def test_query_formats_carry_the_same_fields(runner: CliRunner, copies_index: Path) -> None:
    base = ["query", "Tashkent", "--all-copies", "--index", str(copies_index)]
    _, as_json, _ = run(runner, *base, "--json")
    _, as_format_json, _ = run(runner, *base, "--format", "json")
    _, as_jsonl, err = run(runner, *base, "--format", "jsonl")
    code, as_csv, _ = run(runner, *base, "--format", "csv")
    assert code == 0 and err == ""
    whole = json.loads(as_json)
    assert (whole["total"], whole["stories"]) == (3, 1)
    hits = whole["hits"]
    assert whole == json.loads(as_format_json) and hits == [json.loads(line) for line in as_jsonl.splitlines()]
    rows = list(csv.reader(io.StringIO(as_csv, newline="")))
    assert rows[0] == list(hits[0]) and len(rows) == len(hits) + 1
    titles = [dict(zip(rows[0], r))["title"] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://x.example\"), a headline" in titles  # kept as text in its one cell
    assert '=HYPERLINK("http://x.example"), a headline' in [h["title"] for h in hits]


def test_similar_lists_other_matters_never_the_articles_copies(runner: CliRunner, copies_index: Path,
                                                                news_dir: Path) -> None:
    code, out, _ = run(runner, "similar", str(news_dir / "tashkent.txt"), "--index", str(copies_index), "--json")
    assert code == 0
    found = [Path(h["id"]).name for h in json.loads(out)["hits"]]
    assert not {"tashkent.txt", "portal.txt", "daily.txt"} & set(found)
    code, _, err = run(runner, "similar", str(news_dir / "nothing.txt"), "--index", str(copies_index))
    assert code == 1 and "no document" in err


def test_quotes_and_people_export_the_fields_of_their_json(runner: CliRunner, index_dir: Path) -> None:
    base = ["quotes", "Central Asia", "--index", str(index_dir)]
    whole = json.loads(run(runner, *base, "--json")[1])
    lines = [json.loads(line) for line in run(runner, *base, "--format", "jsonl")[1].splitlines()]
    assert lines == whole["quotes"] and lines
    code, out, err = run(runner, *base, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert code == 0 and err == ""
    assert [(r["speaker"], r["quote"], r["article.id"], r["article.title"]) for r in rows] == [
        (q["speaker"], q["quote"], q["article"]["id"], q["article"]["title"]) for q in lines]
    people = json.loads(run(runner, "people", "--json", "--index", str(index_dir))[1])
    assert [json.loads(line) for line in run(runner, "people", "--format", "jsonl", "--index",
                                             str(index_dir))[1].splitlines()] == people
    rows = list(csv.DictReader(io.StringIO(run(runner, "people", "--format", "csv", "--index", str(index_dir))[1],
                                           newline="")))
    assert [(r["name"], r["aliases"], int(r["articles"])) for r in rows] == [
        (p["name"], "; ".join(p["aliases"]), p["articles"]) for p in people]


def test_json_and_another_format_at_once_is_a_usage_error(runner: CliRunner, index_dir: Path) -> None:
    code, out, err = run(runner, "people", "--json", "--format", "csv", "--index", str(index_dir))
    assert code == 2 and out == "" and "--json and --format csv" in err
    code, out, _ = run(runner, "people", "--json", "--format", "json", "--index", str(index_dir))
    assert code == 0 and json.loads(out)
