"""Finding and decoding input files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

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
