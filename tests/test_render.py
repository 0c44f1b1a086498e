"""Rendering hits and articles: emphasis only on request, document text made terminal-safe."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, strategies as st

from searchidx.models import Article, Hit, Snippet
from searchidx.render import BOLD, RESET, article_dict, hit_dict, hits_text, results_json, safe, snippet_text

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
