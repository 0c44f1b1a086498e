"""The Xapian engine's pieces on their own: order keys, shard routing, BM25 weights, query translation, parts."""

from __future__ import annotations

import datetime as dt
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

xapian = pytest.importorskip("xapian")

from searchidx.engine.query import parse_query  # noqa: E402
from searchidx.engine.scoring import B, K1  # noqa: E402
from searchidx.engine.xapian.documents import order_value, xapian_document  # noqa: E402
from searchidx.engine.xapian.layout import id_term, parse_shards, shard_of  # noqa: E402
from searchidx.engine.xapian.ranking import Weights, enquire  # noqa: E402
from searchidx.engine.xapian.translate import schema, translate  # noqa: E402
from searchidx.engine.xapian.writing import XapianSegment, read_part  # noqa: E402


def test_order_puts_newer_first_then_lower_ids_and_undated_last() -> None:
    keys = {
        "new-b": order_value(dt.datetime(2021, 5, 1, 9, 30), "b"),
        "new-a": order_value(dt.datetime(2021, 5, 1, 9, 30), "a"),
        "old": order_value(dt.datetime(1999, 12, 31, 23, 59), "a"),
        "newest": order_value(dt.datetime(2021, 5, 1, 9, 31), "z"),
        "undated": order_value(None, "0"),
    }
    assert sorted(keys, key=keys.__getitem__) == ["newest", "new-a", "new-b", "old", "undated"]


def test_shards_are_chosen_the_same_in_every_process_and_evenly() -> None:
    keys = [f"/news/{i}.txt" for i in range(2000)]
    here = [shard_of(k, 4) for k in keys]
    code = "from searchidx.engine.xapian.layout import shard_of; print([shard_of(f'/news/{i}.txt', 4) for i in range(2000)])"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout
    assert eval(other) == here  # noqa: S307 - our own subprocess's list
    assert all(400 <= here.count(s) <= 600 for s in range(4))


def test_shard_addresses_are_checked() -> None:
    assert [str(s) for s in parse_shards("127.0.0.1:8101, [::1]:8102")] == ["127.0.0.1:8101", "::1:8102"]
    for wrong in ("127.0.0.1", "host:0", "host:http", "a:1,a:1"):
        with pytest.raises(ValueError):
            parse_shards(wrong)


def test_a_long_id_still_makes_a_term() -> None:
    long_id = "/archive/" + "x" * 400 + ".txt"
    assert len(id_term(long_id).encode()) <= 245 and id_term(long_id) != id_term(long_id + "y")
    assert id_term("/a.txt") == "Q/a.txt"


def _db(bodies: list[str]) -> object:
    db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
    for i, body in enumerate(bodies):
        db.add_document(xapian_document({"id": f"d{i}", "body": body, "sig": "s"}))
    return db


def test_weights_are_bm25_with_the_whoosh_engines_idf() -> None:
    bodies = ["oil prices rose", "oil oil exports fell sharply today", "wheat harvest", "grain exports",
              "oil", "the harvest of wheat and maize was late this year"]
    db = _db(bodies)
    q = Weights(db, ["oil"]).query("oil")
    found = {item.document.get_value(1).decode(): item.weight for item in enquire(db, q, "relevance").get_mset(0, 10)}
    from searchidx.engine.analysis import STOP_WORDS

    lengths = [len([w for w in b.split() if w not in STOP_WORDS]) for b in bodies]  # the body's words
    avg, n, df = sum(lengths) / len(lengths), len(bodies), 3
    idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
    for i, body in enumerate(bodies):
        tf = body.split().count("oil")
        if tf:
            expected = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[i] / avg))
            assert found[f"d{i}"] == pytest.approx(expected, rel=1e-9)


def test_only_body_words_count_in_a_documents_length() -> None:
    """The Whoosh engine normalises the body by the body's length: the title (already inside the
    body) and the name fields must not lengthen a Xapian document."""
    db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
    db.add_document(xapian_document({"id": "a", "title": "Oil talks resume", "body": "Oil talks resume\n\nCrude prices rose",
                                     "dateline": "VIENNA", "speakers": "Kenji Sato", "source": "Reuters", "sig": "s"}))
    assert db.get_doclength(1) == 6  # oil talks resume crude prices rose: the body field's words only
    e = xapian.Enquire(db)
    e.set_query(translate(parse_query('title:"oil talks"', schema()), db))
    assert [m.docid for m in e.get_mset(0, 10)] == [1]  # the title's words keep their positions


def test_a_field_few_documents_have_scores_next_to_nothing() -> None:
    """As on Whoosh, whose average field length counts every document: a "dateline" read by
    accident from one abstract must not outrank the bodies that hold the query's words."""
    db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
    for i in range(30):
        db.add_document(xapian_document({"id": f"d{i:02d}", "title": f"report {i}", "sig": "s",
                                         "body": f"report {i}\n\nflow measured in a wind tunnel" if i % 3 else
                                         f"report {i}\n\nthe shear flow of a recent paper in a tunnel"}))
    db.add_document(xapian_document({"id": "stray", "title": "porous wall", "sig": "s",
                                     "body": "porous wall\n\nin a recent paper the problem",
                                     "dateline": "in a recent paper, the problem of a"}))
    q = translate(parse_query("shear flow in a recent paper", schema()), db, lambda terms: Weights(db, terms))
    top = [m.document.get_value(1).decode() for m in enquire(db, q, "relevance").get_mset(0, 5)]
    assert top[0] != "stray" and top[0] in {f"d{i:02d}" for i in range(0, 30, 3)}


def test_the_parsed_query_becomes_the_same_xapian_query() -> None:
    db = _db(["negotiations on the border", "central asia talks", "central bank"])
    parsed = parse_query('"central asia" OR negotiat* NOT bank', schema())
    text = str(translate(parsed, db))
    assert "PHRASE 2" in text and "XTcentral" in text and "negoti" in text and "AND_NOT" in text
    e = xapian.Enquire(db)
    e.set_query(translate(parsed, db))
    assert sorted(m.docid for m in e.get_mset(0, 10)) == [1, 2]


def test_a_part_holds_each_files_documents_with_their_count(tmp_path: Path) -> None:
    part = XapianSegment(str(tmp_path), 0)
    for doc_id, path in (("a.jsonl#1", "a.jsonl"), ("a.jsonl#2", "a.jsonl"), ("b.txt", "b.txt")):
        part.add({"id": doc_id, "path": path, "body": f"text of {doc_id}", "sig": "1:2"})
    folder = part.finish()
    assert folder is not None
    records = list(read_part(folder))
    assert [(route, doc_id) for _, route, doc_id, _ in records] == [("a.jsonl", "a.jsonl#1"), ("a.jsonl", "a.jsonl#2"),
                                                                 ("b.txt", "b.txt")]
    import json

    counts = [json.loads(xapian.Document.unserialise(data).get_data()).get("of", 1) for _, _, _, data in records]
    assert counts == [2, 2, 1]
