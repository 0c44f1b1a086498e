"""Index updates: incremental add/update/remove, parallel runs equal serial ones, searchers refresh."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from searchidx.indexing import run as index_mod
from searchidx.indexing import workers as workers_mod
from searchidx.indexing import check_index, update_index
from searchidx.engine.store import open_or_create, unpack_text
from searchidx.index import Index

ROOT = Path(__file__).resolve().parents[2]


def _write(d: Path, name: str, city: str, words: str) -> Path:
    p = d / name
    p.write_text(f"Talks in {city}\n\n{city.upper()}, March 3 (Reuters) - {words}, officials said.\n",
                 encoding="utf-8")
    return p


def _folder(tmp_path: Path, n: int) -> Path:
    d = tmp_path / "news"
    d.mkdir()
    cities = ("Tashkent", "Brussels", "Moscow", "Beijing", "Astana")
    for i in range(n):
        _write(d, f"story{i:03d}.txt", cities[i % len(cities)], f"Ministers discussed trade route marker{i}")
    shutil.copy(ROOT / "corpus" / "000_147f1172ebdf106e.txt", d)
    return d


def _documents(index_dir: Path) -> dict[str, dict[str, object]]:
    """Every stored document, by id, with the compressed text unpacked (segment layout aside)."""
    ix = open_or_create(index_dir)
    with ix.searcher() as s:
        docs = {f["id"]: {**f, "blob": unpack_text(f["blob"])} for f in s.all_stored_fields()}
    return docs


def _postings(index_dir: Path) -> dict[tuple[str, bytes], dict[str, list[int]]]:
    """term -> {document id: positions}: what the index says about every word of every field."""
    ix = open_or_create(index_dir)
    out: dict[tuple[str, bytes], dict[str, list[int]]] = {}
    with ix.searcher() as s:
        r = s.reader()
        ids = {n: f["id"] for n, f in r.iter_docs()}
        for fieldname, text in r.all_terms():
            if fieldname in ("id", "path"):
                continue
            m = r.postings(fieldname, text)
            positions = s.schema[fieldname].format.supports("positions")
            got: dict[str, list[int]] = {}
            while m.is_active():
                got[ids[m.id()]] = list(m.value_as("positions")) if positions else [int(m.weight())]
                m.next()
            out[(fieldname, text)] = got
    return out


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use worker processes even for a small folder."""
    monkeypatch.setattr(index_mod, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(workers_mod, "CHUNK_FILES", 3)


def test_parallel_and_serial_runs_give_identical_documents(tmp_path: Path, parallel: None) -> None:
    news = _folder(tmp_path, 40)
    serial = update_index(tmp_path / "serial", [news], workers=1)
    multi = update_index(tmp_path / "multi", [news], workers=2)
    assert (serial.added, multi.added) == (41, 41)
    assert _documents(tmp_path / "serial") == _documents(tmp_path / "multi")
    assert _postings(tmp_path / "serial") == _postings(tmp_path / "multi")


@pytest.mark.parametrize("workers", [1, 2])
def test_incremental_update_adds_updates_and_removes(tmp_path: Path, parallel: None, workers: int) -> None:
    news = _folder(tmp_path, 30)
    ix_dir = tmp_path / "index"
    first = update_index(ix_dir, [news], workers=workers)
    assert (first.added, first.updated, first.removed, first.unchanged) == (31, 0, 0, 0)

    again = update_index(ix_dir, [news], workers=workers)
    assert (again.added, again.updated, again.removed, again.unchanged, again.documents) == (0, 0, 0, 31, 31)

    changed = _write(news, "story005.txt", "Minsk", "Ministers agreed on a grain corridor")
    os.utime(changed, ns=(1, 1))
    (news / "story006.txt").unlink()
    _write(news, "zz-new.txt", "Bishkek", "Ministers opened a pipeline")
    third = update_index(ix_dir, [news], workers=workers)
    assert (third.added, third.updated, third.removed, third.unchanged, third.documents) == (1, 1, 1, 29, 31)

    docs = _documents(ix_dir)
    assert len(docs) == 31
    assert str(news / "story006.txt") not in docs
    assert "grain corridor" in str(docs[str(news / "story005.txt")]["blob"])
    with Index.open(ix_dir) as ix:
        assert [h.path for h in ix.search("grain corridor").hits] == [str(news / "story005.txt")]
        assert ix.search("pipeline", count=True).total == 1
        assert ix.search("marker6", count=True).total == 0
        assert ix.search("marker7", count=True).total == 1


def test_batches_commit_as_they_go(tmp_path: Path, parallel: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_mod, "BATCH_DOCS", 10)
    news = _folder(tmp_path, 35)
    ix_dir = tmp_path / "index"
    report = update_index(ix_dir, [news], workers=2)
    assert report.added == report.documents == 36
    assert open_or_create(ix_dir).latest_generation() >= 4  # one commit per batch of 10
    with Index.open(ix_dir) as ix:
        assert ix.search("ministers", count=True).total == 36


def test_progress_reports_every_file(tmp_path: Path, parallel: None) -> None:
    news = _folder(tmp_path, 12)
    seen: list[tuple[int, int]] = []
    update_index(tmp_path / "index", [news], workers=2, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, 13) for i in range(1, 14)]


def test_searcher_refreshes_after_a_commit(tmp_path: Path) -> None:
    news = _folder(tmp_path, 3)
    ix_dir = tmp_path / "index"
    update_index(ix_dir, [news], workers=1)
    with Index.open(ix_dir) as ix:
        assert ix.search("pipeline", count=True).total == 0
        _write(news, "zz-new.txt", "Bishkek", "Ministers opened a pipeline")
        update_index(ix_dir, [news], workers=1)  # another writer, e.g. another process
        assert ix.search("pipeline", count=True).total == 1


def test_segments_are_not_compound(tmp_path: Path, parallel: None) -> None:
    """Opening an index maps its files; a compound segment would be copied into memory first."""
    update_index(tmp_path / "index", [_folder(tmp_path, 10)], workers=2)
    assert not list((tmp_path / "index").glob("*.seg"))


def _segment_files(folder: Path) -> dict[str, bytes]:
    """The files of a one-segment index, by kind."""
    files = [p for p in folder.iterdir() if p.name.startswith("searchidx_") and "." in p.name]
    assert len({p.name.split(".", 1)[0] for p in files}) == 1
    return {p.name.split(".", 1)[1]: p.read_bytes() for p in files}


def _segment_terms(folder: Path) -> dict[tuple[str, bytes], tuple[object, ...]]:
    """Every term of a one-segment index: its statistics, and its postings decoded, each with
    what its block records (last id, shortest and longest document, highest weight)."""
    from whoosh import index as windex

    out = {}
    with windex.open_dir(str(folder), indexname="searchidx").reader() as r:
        for fieldname, text in r.all_terms():
            ti = r.term_info(fieldname, text)
            stats = (ti.weight(), ti.doc_frequency(), ti.min_length(), ti.max_length(), ti.max_weight(),
                     ti.min_id(), ti.max_id())
            m, postings = r.postings(fieldname, text), []
            while m.is_active():
                block = (m.block_max_id(), m.block_min_length(), m.block_max_length(), m.block_max_weight(),
                         bool(getattr(m, "_compression", 0)))  # whether the block on disk is zlib'd
                postings.append((m.id(), m.weight(), m.value(), block))
                m.next()
            out[(fieldname, text)] = (*stats, postings)
    return out


def _write_with_both(tmp_path: Path, docs: list[dict[str, object]], limitmb: float):  # type: ignore[no-untyped-def]
    """The same documents through Whoosh's SegmentWriter and ours, in two commits, the second
    merging the first: each index's files by kind, and its terms decoded."""
    from whoosh import index as windex
    from whoosh.writing import SegmentWriter as WhooshSegmentWriter

    from searchidx.engine.schema import make_schema
    from searchidx.engine.segwriter import SegmentWriter

    half = len(docs) // 2
    written, terms = {}, {}
    for name, writer_class, mb in (("whoosh", WhooshSegmentWriter, 256), ("ours", SegmentWriter, limitmb)):
        (tmp_path / name).mkdir()
        ix = windex.create_in(str(tmp_path / name), make_schema(), indexname="searchidx")
        for batch, merge in ((docs[:half], False), (docs[half:], True)):
            writer = writer_class(ix, compound=False, limitmb=mb)
            for doc in batch:
                writer.add_document(**doc.fields)
            writer.commit(optimize=merge)
        written[name], terms[name] = _segment_files(tmp_path / name), _segment_terms(tmp_path / name)
    return written, terms


def _assert_same_segment(written, terms) -> None:  # type: ignore[no-untyped-def]
    """Every file byte-identical but the postings and the term table, which may only be smaller
    (a position list shared by several postings is pickled once in a block, where Whoosh pickles
    each copy); every term's statistics and postings the same, and every block compressed as
    Whoosh's but those of one posting."""
    assert {"pst", "trm", "_body_len.col"} <= set(written["ours"])
    for part in ("pst", "trm"):
        assert len(written["ours"].pop(part)) <= len(written["whoosh"].pop(part))
    assert written["ours"] == written["whoosh"]
    assert {t: (*s[:-1], _uncompressed_if_one(s[-1])) for t, s in terms["whoosh"].items()} == terms["ours"]


def _uncompressed_if_one(postings: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """A term's postings as our writer stores them: a one-posting block is not compressed."""
    if len(postings) != 1:
        return postings
    *posting, block = postings[0]
    return [(*posting, (*block[:-1], False))]  # type: ignore[misc]


@pytest.mark.parametrize("limitmb", [256, 0.02], ids=["in-memory", "spilled"])
def test_our_segment_writer_writes_what_whooshs_writes(tmp_path: Path, news_dir: Path, limitmb: float) -> None:
    """segwriter.SegmentWriter does Whoosh's work in bulk: the same segment, term for term and
    posting for posting, whether its postings stay in memory or spill to disk, and through a merge."""
    from searchidx.engine.writing import document as article_document
    from searchidx.read import read_articles

    files = sorted((ROOT / "tests" / "golden").iterdir()) + sorted(news_dir.iterdir())
    docs = [article_document(a, "sig") for f in files if f.suffix in (".txt", ".html", ".jsonl")
            for a in read_articles(f)]
    written, terms = _write_with_both(tmp_path, docs, limitmb)
    assert len(docs) > 10 and len(terms["ours"]) > 500
    _assert_same_segment(written, terms)


def test_our_segment_writer_writes_long_posting_lists_as_whoosh(tmp_path: Path) -> None:
    """Terms in more documents than a posting block holds (128), with lengths and weights that vary."""
    from searchidx.engine.writing import document as article_document
    from searchidx.models import Article

    words = "envoy talks corridor grain minister".split()
    docs = [article_document(Article(path=f"d{i}.txt", title=f"Note {i % 7}",
                                     body=" ".join(words[: 1 + i % 5] * (1 + i % 3)) + f" n{i}"), "sig")
            for i in range(700)]
    written, terms = _write_with_both(tmp_path, docs, 256)
    assert max(len(t[-1]) for t in terms["ours"].values()) > 3 * 128
    _assert_same_segment(written, terms)
    # Positions are pickled as bytes, not as calls to _codecs.encode as Whoosh's protocol 2 has it.
    assert [_codec_calls(tmp_path / name, "body", b"envoy") for name in ("whoosh", "ours")] == [128, 0]


def _codec_calls(folder: Path, fieldname: str, text: bytes) -> int:
    """How many calls the first posting block of a term unpickles: Whoosh's make one per posting."""
    import pickletools
    import zlib

    from whoosh import index as windex

    with windex.open_dir(str(folder), indexname="searchidx").reader() as r:
        m = r.postings(fieldname, text)
        data = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
        data = zlib.decompress(data) if m._compression else data
    return sum(1 for op, _, _ in pickletools.genops(data) if op.name == "REDUCE")


def test_stored_text_round_trips() -> None:
    import dataclasses

    from searchidx.engine.store import pack_text
    from searchidx.read import read_articles

    articles = [a for f in sorted((ROOT / "tests" / "golden").iterdir()) if f.suffix in (".txt", ".html", ".jsonl")
                for a in read_articles(f)]
    assert any(a.statements for a in articles)
    for a in articles:
        expected = {"body": a.body, "statements": [dataclasses.asdict(s) for s in a.statements]}
        assert unpack_text(pack_text(a)) == expected


def test_a_name_that_is_not_utf8_and_one_spelling_its_escape_are_two_documents(tmp_path: Path) -> None:
    """Issue 15: the two became one document, one file was never indexed, and `check` agreed."""
    folder = tmp_path / "news"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as fh:
        fh.write(b"Cafe talks\n\nPARIS, May 3 (Reuters) - bytesname talks.\n")
    (folder / "caf\\xe9.txt").write_text("Cafe talks\n\nPARIS, May 3 (Reuters) - escapedname talks.\n")
    index = tmp_path / "index"
    report = update_index(index, [folder], workers=1)
    assert (report.added, report.documents) == (2, 2)
    with Index.open(index) as ix:
        paths = {ix.search(word).hits[0].path for word in ("bytesname", "escapedname")}
    assert len(paths) == 2
    assert check_index(index).ok and check_index(index, [folder]).ok  # no false orphans without a folder
    assert update_index(index, [folder], workers=1).unchanged == 2


def test_appending_a_jsonl_line_indexes_that_line_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15: one appended line re-read the whole file ("0 added, 296 updated")."""
    import json

    import searchidx.read

    folder = tmp_path / "feed"
    folder.mkdir()
    feed = folder / "feed.jsonl"
    lines = [json.dumps({"id": f"r{i}", "title": f"Item {i}", "body": f"Envoys met, marker{i} said."}) for i in range(40)]
    lines.append(json.dumps({"title": "No id", "body": "A record known by its line, markerhash."}))
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    index = tmp_path / "index"
    assert update_index(index, [folder], workers=1).added == 41
    extracted: list[str] = []
    real = searchidx.read.extract
    monkeypatch.setattr(searchidx.read, "extract", lambda page: extracted.append(page.title) or real(page))

    with feed.open("a", encoding="utf-8") as fh:  # one more line
        fh.write(json.dumps({"id": "r40", "title": "Item 40", "body": "Envoys met, marker40 said."}) + "\n")
    report = update_index(index, [folder], workers=1)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 0, 0, 41)
    assert extracted == ["Item 40"]

    extracted.clear()  # one record rewritten under its id, one line dropped, nothing else touched
    text = feed.read_text(encoding="utf-8").replace("marker3 said", "marker3 corrected")
    feed.write_text(text.replace(lines[7] + "\n", ""), encoding="utf-8")
    report = update_index(index, [folder], workers=1)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 1, 40)
    assert extracted == ["Item 3"]
    with Index.open(index) as ix:
        assert [h.title for h in ix.search("corrected").hits] == ["Item 3"]
        assert ix.search("marker7", count=True).total == 0
        assert ix.search("markerhash").hits[0].id.startswith(f"{feed}#")
        assert ix.get(f"{feed}#r3").title == "Item 3"
    assert check_index(index, [folder]).ok

    extracted.clear()  # touched, not changed: nothing is read again but the lines
    os.utime(feed, ns=(1, 1))
    report = update_index(index, [folder], workers=1)
    assert (report.added, report.updated, report.removed, report.unchanged, extracted) == (0, 0, 0, 41, [])


def test_jsonl_lines_that_break_json_or_hold_nothing_cost_that_line(tmp_path: Path, parallel: None) -> None:
    """Issue 15: a line nested a thousand deep or with a 5,000-digit number aborted the whole run
    (0 of 80 good files indexed); a `{}` record was indexed as an empty document."""
    news = _folder(tmp_path, 20)
    (news / "bad.jsonl").write_text("\n".join([
        '{"a": ' * 2000 + "1" + "}" * 2000, '{"title": "big", "n": ' + "7" * 5000 + "}", "{}",
        '{"title": "Good record", "body": "Envoys met in Astana, goodrecord said."}']) + "\n", encoding="utf-8")
    report = update_index(tmp_path / "index", [news], workers=2)
    assert report.added == 22
    assert sorted((s.path.rsplit("#", 1)[1], s.reason.split(" (")[0]) for s in report.failed) == [
        ("1", "not valid JSON"), ("2", "not valid JSON"), ("3", "no text in it")]


def test_a_large_text_stored_as_bytes_reads_back_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past writing.LARGE_TEXT the stored text is UTF-8 bytes, pickled with protocol 5 (a 64 MB text
    was held three times over as a str pickled with protocol 2)."""
    from searchidx.engine import writing

    monkeypatch.setattr(writing, "LARGE_TEXT", 100)
    news = _folder(tmp_path, 3)
    update_index(tmp_path / "index", [news], workers=1)
    docs = _documents(tmp_path / "index")
    seed = docs[str(news / "000_147f1172ebdf106e.txt")]
    assert seed["blob"]["statements"]  # type: ignore[index]
    with Index.open(tmp_path / "index") as ix:
        doc = ix.get(str(news / "000_147f1172ebdf106e.txt"))
        assert doc.body.startswith("MUNICH") and doc.statements
        assert ix.search("Lavrov").hits[0].snippet.matches
    with open_or_create(tmp_path / "index").searcher() as searcher:
        blobs = {Path(f["id"]).name: f["blob"] for f in searcher.all_stored_fields()}
    assert isinstance(blobs["000_147f1172ebdf106e.txt"], bytes) and isinstance(blobs["story000.txt"], str)


def test_postings_written_to_disk_before_each_large_file_change_nothing(tmp_path: Path, parallel: None,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer holding postings writes them to disk before a large file (documents.LARGE_FILE_BYTES),
    so a worker's memory is its postings' limit or one large file's reading, not both."""
    from searchidx.indexing import documents

    news = _folder(tmp_path, 20)
    update_index(tmp_path / "plain", [news], workers=2)
    monkeypatch.setattr(documents, "LARGE_FILE_BYTES", 0)  # every file is "large"
    monkeypatch.setattr(index_mod, "LARGE_FILE_BYTES", 0)
    monkeypatch.setattr(workers_mod, "LARGE_FILE_BYTES", 0)
    update_index(tmp_path / "spilled", [news], workers=2)
    update_index(tmp_path / "serial", [news], workers=1)
    assert _postings(tmp_path / "spilled") == _postings(tmp_path / "plain") == _postings(tmp_path / "serial")
