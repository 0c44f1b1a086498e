"""Finding and decoding input files."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchidx import corpus
from searchidx.corpus import RawPage, Skipped, decode, find_files, read_bytes, read_raw_pages
from searchidx.errors import SearchidxError, UnreadableFile


def test_find_files_recurses_sorts_and_reports_other_types(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.html").write_text("<p>x</p>")
    (tmp_path / "one.txt").write_text("x")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("x")
    files, skipped = find_files([tmp_path])
    assert [Path(f.path).name for f in files] == ["two.html", "one.txt"]
    assert [f.kind for f in files] == ["html", "txt"]
    assert [(Path(s.path).name, s.ignored) for s in skipped] == [("notes.pdf", True)]


def test_find_files_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(SearchidxError, match="no such file or folder"):
        find_files([tmp_path / "nope"])


def test_signature_changes_with_content(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("one")
    (before,), _ = find_files([f])
    f.write_text("three")
    (after,), _ = find_files([f])
    assert before.signature != after.signature


@pytest.mark.parametrize(
    "data, kind, expected",
    [
        ("Привет, мир".encode("utf-8"), "txt", "Привет, мир"),
        (codecs.BOM_UTF16_LE + "Bonjour".encode("utf-16-le"), "txt", "Bonjour"),
        (codecs.BOM_UTF8 + b"hello", "txt", "hello"),
        ('<meta charset="gbk"><p>中国外交部</p>'.encode("gbk"), "html", '<meta charset="gbk"><p>中国外交部</p>'),
        ('<meta charset="iso-8859-1"><p>café “quoted”</p>'.encode("cp1252"), "html", '<meta charset="iso-8859-1"><p>café “quoted”</p>'),
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>Лавров</p>'.encode("cp1251"),
         "html", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>Лавров</p>'),
        ('<?xml version="1.0" encoding="koi8-r"?><p>Москва</p>'.encode("koi8-r"), "html",
         '<?xml version="1.0" encoding="koi8-r"?><p>Москва</p>'),
    ],
)
def test_decode_follows_bom_and_declared_charset(data: bytes, kind: str, expected: str) -> None:
    assert decode(data, kind) == expected


def test_utf8_page_with_a_stale_charset_declaration_reads_as_utf8() -> None:
    page = '<meta charset="gb2312"><p>外交部发言人 — “quoted”</p>'
    assert decode(page.encode("utf-8"), "html") == page


def test_utf8_page_with_pasted_windows_1252_quotes_keeps_both_right() -> None:
    # A saved page in UTF-8 whose quotation marks were pasted from a Windows-1252 editor:
    # read whole as one code page, the accented names would come out garbled.
    data = "Çavuşoğlu and Lavrov met in Zürich. ".encode() + "He said \u201cyes\u201d.".encode("cp1252")
    assert decode(data, "html", "a.html") == "Çavuşoğlu and Lavrov met in Zürich. He said \u201cyes\u201d."


def test_decode_detects_undeclared_legacy_encoding() -> None:
    text = "Министр иностранных дел России Сергей Лавров заявил журналистам, что переговоры продолжатся. " * 5
    assert decode(text.encode("cp1251"), "txt") == text


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b"   \n", "empty"), (bytes(range(256)) * 40, "binary")])
def test_decode_rejects_empty_and_binary(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableFile, match=reason):
        decode(data, "txt", "f.txt")


def test_jsonl_yields_a_page_per_line_and_names_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text('{"title": "one", "body": "x"}\nnot json\n\n[1, 2]\n{"title": "four", "body": "y"}\n')
    (src,), _ = find_files([f])
    out = list(read_raw_pages(src))
    pages = [p for p in out if isinstance(p, RawPage)]
    bad = [s for s in out if isinstance(s, Skipped)]
    assert [(p.record, p.fields["title"]) for p in pages] == [(1, "one"), (5, "four")]  # type: ignore[index]
    assert [s.path.rsplit("#", 1)[1] for s in bad] == ["2", "4"]
    assert "not valid JSON" in bad[0].reason and "not an object" in bad[1].reason


def test_vanished_file_is_skipped_not_raised(tmp_path: Path) -> None:
    f = tmp_path / "gone.txt"
    f.write_text("x")
    (src,), _ = find_files([f])
    f.unlink()
    (item,) = read_raw_pages(src)
    assert isinstance(item, Skipped) and "vanished" in item.reason


def test_read_bytes_stops_at_max_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus, "MAX_BYTES", 10)
    (tmp_path / "big.txt").write_bytes(b"y" * 25)
    (tmp_path / "short.txt").write_bytes(b"z" * 7)
    assert read_bytes(str(tmp_path / "big.txt")) == b"y" * 10
    assert read_bytes(str(tmp_path / "short.txt")) == b"z" * 7


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_read_bytes_reads_files_that_report_no_size() -> None:
    assert b"Name:" in read_bytes("/proc/self/status")  # st_size is 0 for /proc files


# File names: one text per name, and back (issue 15: a name that is not UTF-8 and a name
# spelling its escape became one document).

name_bytes = st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and b"\0" not in b)


@settings(max_examples=300)
@given(a=name_bytes, b=name_bytes)
def test_text_names_are_one_per_file_name_and_lead_back_to_it(a: bytes, b: bytes) -> None:
    pa, pb = (os.fsdecode(b"/d/" + n) for n in (a, b))
    ta, tb = corpus.text_path(pa), corpus.text_path(pb)
    ta.encode("utf-8")  # storable and printable: no lone surrogates
    assert corpus.disk_path(ta) == pa
    assert (ta == tb) == (a == b)


def test_a_name_that_is_not_utf8_and_one_spelling_its_escape_are_two_files(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw, "wb") as fh:
        fh.write(b"one")
    (tmp_path / "caf\\xe9.txt").write_text("two")
    files, _ = find_files([tmp_path])
    assert len({f.path for f in files}) == 2
    assert sorted(read_bytes(f.disk_path) for f in files) == [b"one", b"two"]


# Reading files that are not what they were.

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_file_replaced_by_a_fifo_after_the_walk_is_skipped_at_once(tmp_path: Path) -> None:
    """open() on a FIFO waits for a writer for ever: the run hung (issue 15). A watchdog turns a
    hang into a failure; the read takes milliseconds."""
    import signal

    f = tmp_path / "a.txt"
    f.write_text("x")
    (src,), _ = find_files([f])
    f.unlink()
    os.mkfifo(f)

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("reading a FIFO hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        (item,) = read_raw_pages(src)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert isinstance(item, Skipped) and item.reason == "not a regular file"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text(codec: str) -> None:
    text = "Foreign Minister Sergei Lavrov said on Tuesday that talks would go on.\n" * 3
    assert decode(text.encode(codec), "txt") == text


def test_a_symlink_to_a_file_outside_the_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("private")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "story.txt").write_text("x")
    (folder / "inside.txt").symlink_to(folder / "story.txt")
    (folder / "leak.txt").symlink_to(outside)
    files, skipped = find_files([folder])
    assert [Path(f.path).name for f in files] == ["inside.txt", "story.txt"]
    assert [(Path(s.path).name, s.ignored) for s in skipped] == [("leak.txt", False)]
    assert "outside the folder" in skipped[0].reason
    (given,), _ = find_files([folder / "leak.txt"])  # named by the user: read
    assert read_bytes(given.disk_path) == b"private"


@pytest.mark.parametrize("line, reason", [
    ('{"a": ' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
    ('{"title": "x", "n": ' + "9" * 5000 + "}", "digits"),
])
def test_jsonl_lines_json_refuses_are_skipped_not_raised(tmp_path: Path, line: str, reason: str) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(line + '\n{"title": "ok", "body": "text"}\n')
    (src,), _ = find_files([f])
    bad, good = read_raw_pages(src)
    assert isinstance(bad, Skipped) and bad.path.endswith("#1") and reason in bad.reason
    assert isinstance(good, RawPage) and good.record == 2


def test_jsonl_records_are_known_by_their_id_else_by_their_line(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text('{"id": 7, "body": "x"}\n{"url": "https://a.org/1", "body": "y"}\n{"body": "z"}\n'
                 '{"id": "7", "body": "x, corrected"}\n')
    (src,), _ = find_files([f])
    pages = list(read_raw_pages(src))
    assert [(p.record, p.key) for p in pages] == [  # type: ignore[union-attr]
        (2, "https://a.org/1"), (3, corpus.line_digest('{"body": "z"}')), (4, "7")]  # the later "7" wins
    known = {p.digest: p.key for p in pages if isinstance(p, RawPage) and p.digest and p.key}
    again = list(read_raw_pages(src, known))
    assert all(isinstance(p, corpus.Unchanged) for p in again) and len(again) == 3


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs /proc")
def test_a_read_error_is_a_skip_with_its_reason(tmp_path: Path) -> None:
    """A file named on the command line is read even through a link out of its folder: here one whose
    reading fails, as a failing disk's would (root gets it too)."""
    (tmp_path / "io-error.txt").symlink_to("/proc/self/mem")
    (src,), _ = find_files([tmp_path / "io-error.txt"])
    (item,) = read_raw_pages(src)
    assert isinstance(item, Skipped) and "Input/output error" in item.reason
