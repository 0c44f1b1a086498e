"""Hostile and broken input: every good article is indexed, every bad file is named with its reason.

One generated folder holds what a scraped corpus really contains (empty and binary files,
wrong and missing charsets, a 50 MB page, 10,000 nested tags, broken JSONL lines, file
names with newlines and non-UTF-8 bytes, unreadable files, symlink loops) plus enough
good articles that the parallel reader is used. `searchidx index` runs on it once, as a
real process, so the exit code, stderr and peak memory are what a user gets.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from searchidx.cli import EXIT_SKIPPED, cli
from searchidx.corpus import decode, text_path
from searchidx.indexing import update_index
from searchidx.indexing.run import PARALLEL_MIN_FILES
from searchidx.read import read_articles
from searchidx.index import Index

# Peak memory allowed for indexing the folder, 50 MB page included (measured: about 200 MB).
MAX_RSS_MB = 800
BIG_PAGE_BYTES = 50_000_000
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

ZH = "中华人民共和国外交部长王毅在慕尼黑安全会议期间会见俄罗斯外长拉夫罗夫。双方就中亚地区合作交换意见。"
FR = ("Le ministre des Affaires étrangères a déclaré à Genève que la coopération économique était "
      "« très importante » — et qu’elle continuerait. Déjà évoqué à Zürich.")


def story(marker: str) -> str:
    """A short wire story whose unique ``marker`` word finds it again."""
    return (f"Envoys meet in Astana\n\nASTANA, March 3 (Xinhua) -- Foreign minister Ivanov said on Tuesday "
            f"that the {marker} talks on regional security and trade went well, and the delegations "
            f"agreed to meet again.\n")


def page(marker: str, extra: str = "", head: str = "") -> str:
    return (f"<html><head>{head}<title>Envoys meet {marker}</title></head><body><article>"
            f"<h1>Envoys meet {marker}</h1><p>{story(marker)}</p>{extra}</article></body></html>")


@dataclass
class Run:
    root: Path
    index: Path
    code: int
    stderr: str
    max_rss_mb: float
    good: dict[str, str]  # marker -> file name (relative) expected to be indexed
    bad: dict[str, str]  # file name (as printed) -> expected reason fragment


def build_folder(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    rnd = random.Random(5)
    good: dict[str, str] = {}
    bad: dict[str, str] = {}

    def add_good(name: str | bytes, data: bytes, marker: str) -> None:
        path = os.path.join(os.fsencode(root), os.fsencode(name))
        with open(path, "wb") as fh:
            fh.write(data)
        good[marker] = os.fsdecode(name)

    def add_bad(name: str, data: bytes, reason: str) -> None:
        (root / name).write_bytes(data)
        bad[name] = reason

    for i in range(PARALLEL_MIN_FILES + 6):  # enough files for the process pool
        add_good(f"filler/f{i:03d}.txt", story(f"filler{i}").encode(), f"filler{i}")
    add_bad("empty.txt", b"", "empty file")
    (root / "bad\nname\x1b[2J.txt").write_bytes(b"")  # printed on one line, the escape shown, not sent
    bad["bad\\nname\\x1b[2J.txt"] = "empty file"
    add_bad("empty.html", b"", "empty file")
    add_bad("blank.txt", b" \n\t\n", "empty file")
    add_bad("binary.txt", rnd.randbytes(20_000), "binary")
    add_bad("binary.html", b"\x89PNG\r\n\x1a\n" + rnd.randbytes(20_000), "binary")
    add_bad("zeros.txt", bytes(10_000), "binary")
    add_good("bad-utf8.txt", story("badutf").encode() + b"\xff\xfe\xc3\x28 caf\xe9\n", "badutf")
    add_good("utf16.txt", story("utfsixteen").encode("utf-16"), "utfsixteen")
    add_good("utf16.html", page("utfsixteenpage").encode("utf-16"), "utfsixteenpage")
    add_good("utf8-bom.html", page("utfbom").encode("utf-8-sig"), "utfbom")
    add_good("gbk-declared.html", page("gbkdeclared", f"<p>{ZH * 3}</p>", '<meta charset="gbk">').encode("gbk"),
             "gbkdeclared")
    add_good("gbk-undeclared.html", page("gbkundeclared", f"<p>{ZH * 3}</p>").encode("gbk"), "gbkundeclared")
    add_good("cp1252-declared.html", page("cpdeclared", f"<p>{FR}</p><p>{FR}</p>",
             '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">').encode("cp1252"),
             "cpdeclared")
    add_good("cp1252-undeclared.html", page("cpundeclared", f"<p>{FR}</p><p>{FR}</p>").encode("cp1252"),
             "cpundeclared")
    add_good("deep.html", ("<html><body>" + "<div>" * 10_000 + f"<p>{story('deepnest')}</p>"
                           + "</div>" * 10_000 + "</body></html>").encode(), "deepnest")
    add_good("unclosed.html", f"<html><body><div><p>{story('unclosedtags')}<p><b><i>more <table><tr><td>".encode(),
             "unclosedtags")
    add_good("escapes.txt", ("Envoys \x1b]0;owned\x07meet\n\n" + story("escapeseq")
                             + "\x1b[31mred\x1b[0m \x1b[2J\x9b1m \x07\x08\n").encode(), "escapeseq")
    add_good(b"name with\nnewline.txt", story("newlinename").encode(), "newlinename")
    add_good(b"latin1-\xe9t\xe9.txt", story("latinname").encode(), "latinname")
    add_good("\x1b[31mred-name.txt", story("escapename").encode(), "escapename")
    records = [
        json.dumps({"title": "First record", "body": story("jsonlfirst")}),
        '{"title": "cut off", "body": ',
        "not json at all",
        json.dumps([1, 2, 3]),
        json.dumps({"title": "Lone \ud800 surrogate", "body": story("jsonlsurrogate") + "\udc00"}),
        json.dumps({"title": "Line separator", "body": story("jsonlseparator") + "\u2028 and \u2029 inside"},
                   ensure_ascii=False),
        "",
        json.dumps({"title": "Last record", "body": story("jsonllast")}),
    ]
    (root / "records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    for marker in ("jsonlfirst", "jsonlsurrogate", "jsonlseparator", "jsonllast"):
        good[marker] = "records.jsonl"
    bad.update({"records.jsonl#2": "not valid JSON", "records.jsonl#3": "not valid JSON",
                "records.jsonl#4": "not an object"})
    (root / "loop").mkdir()
    os.symlink("..", root / "loop" / "up")  # a folder loop: must not be followed
    os.symlink("self.txt", root / "self.txt")  # a file loop
    bad["self.txt"] = "symbolic links"
    (root / "noperm.txt").write_text(story("nopermission"))
    os.chmod(root / "noperm.txt", 0)
    if IS_ROOT:  # root reads a chmod 000 file: it is then a good article
        good["nopermission"] = "noperm.txt"
    else:
        bad["noperm.txt"] = "Permission denied"
    os.symlink("/proc/self/mem", root / "outside.txt")  # a link out of the folder is not followed
    bad["outside.txt"] = "outside the folder"
    (root / "notes.pdf").write_bytes(b"%PDF-1.4")  # another type: ignored, not a failure
    with open(root / "huge.html", "w", encoding="utf-8") as fh:
        fh.write(page("hugepage").replace("</article>", ""))
        words = "minister talks cooperation security trade summit border energy pipeline sanctions".split()
        block = "".join("<p>" + " ".join(rnd.choice(words) for _ in range(100)) + ".</p>\n" for _ in range(200))
        for _ in range(BIG_PAGE_BYTES // len(block) + 1):
            fh.write(block)
        fh.write("</article></body></html>")
    good["hugepage"] = "huge.html"
    return good, bad


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("hostile")
    root = base / "corpus"
    (root / "filler").mkdir(parents=True)
    good, bad = build_folder(root)
    index = base / "index"
    # A wrapper process measures the indexer's peak memory (its pool workers included).
    wrapper = ("import resource, subprocess, sys\n"
               "r = subprocess.run(sys.argv[1:], stderr=subprocess.PIPE)\n"
               "sys.stdout.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) + '\\n')\n"
               "sys.stdout.flush(); sys.stderr.buffer.write(r.stderr); sys.exit(r.returncode)\n")
    proc = subprocess.run(
        [sys.executable, "-c", wrapper, sys.executable, "-m", "searchidx", "index", str(root), "--index", str(index)],
        capture_output=True, timeout=600,
    )
    rss_kb = int(proc.stdout.decode().strip().splitlines()[-1])
    return Run(root, index, proc.returncode, proc.stderr.decode("utf-8", "replace"), rss_kb / 1024, good, bad)


pytestmark = pytest.mark.slow


def test_exit_code_says_something_was_skipped(run: Run) -> None:
    assert run.code == EXIT_SKIPPED, run.stderr
    assert "Traceback" not in run.stderr


def test_every_good_article_is_indexed(run: Run) -> None:
    with Index.open(run.index) as ix:
        for marker, name in run.good.items():
            hits = ix.search(marker, limit=5).hits
            assert len(hits) == 1, (marker, name)
            assert hits[0].path.endswith("/" + text_path(name)), (marker, hits[0].path)
            assert marker in hits[0].snippet.text


def test_every_bad_file_is_named_once_with_its_reason(run: Run) -> None:
    lines = run.stderr.strip().splitlines()
    summary = lines[-1]
    skipped = [line for line in lines if line.startswith("skipped ")]
    assert len(skipped) == len(run.bad), "\n".join(skipped)
    assert len(lines) == len(skipped) + 1, run.stderr  # nothing else but the summary: names stay on one line
    for name, reason in run.bad.items():
        matching = [line for line in skipped if f"/{name}: " in line]
        assert len(matching) == 1, (name, skipped)
        assert reason in matching[0], matching[0]
    assert f"{len(run.bad)} skipped" in summary
    assert "1 other files ignored" in summary
    assert f"{len(set(run.good.values())) + 3} added" in summary  # + the JSONL file's other records


def test_memory_stays_bounded(run: Run) -> None:
    assert (run.root / "huge.html").stat().st_size >= BIG_PAGE_BYTES
    assert run.max_rss_mb < MAX_RSS_MB


def test_encodings_decode_to_the_original_text(run: Run) -> None:
    with Index.open(run.index) as ix:
        def body(marker: str) -> str:
            return ix.get(ix.search(marker).hits[0].id).body

        for marker in ("gbkdeclared", "gbkundeclared"):
            assert ZH in body(marker), marker
        for marker in ("cpdeclared", "cpundeclared"):
            assert FR in body(marker), marker
        assert "caf" in body("badutf")


def test_file_names_are_stored_as_text(run: Run) -> None:
    with Index.open(run.index) as ix:
        assert ix.search("latinname").hits[0].path.endswith("/latin1-\\xe9t\\xe9.txt")
        assert ix.search("newlinename").hits[0].path.endswith("/name with\nnewline.txt")


def test_a_second_run_reads_only_the_bad_files_again(run: Run) -> None:
    proc = subprocess.run([sys.executable, "-m", "searchidx", "index", str(run.root), "--index", str(run.index)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == EXIT_SKIPPED
    assert " 0 added, 0 updated, 0 removed, " in " " + proc.stderr.splitlines()[-1]


def test_check_agrees_with_the_index(run: Run, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", str(run.root), "--index", str(run.index)])
    assert result.exit_code == 0, result.output
    assert "missing" not in result.stdout and "unreadable" in result.stdout


def test_a_file_deleted_mid_run_is_named_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(5):
        (folder / f"a{i}.txt").write_text(story(f"vanish{i}"))

    def delete_a_later_file(done: int, total: int) -> None:
        if done == 1:
            (folder / "a3.txt").unlink()

    report = update_index(tmp_path / "index", [folder], workers=1, progress=delete_a_later_file)
    assert report.added == 4
    assert [(s.path.rsplit("/", 1)[-1], s.reason) for s in report.failed] == [
        ("a3.txt", "file vanished before it could be read")]


def test_exit_code_is_zero_when_nothing_was_skipped(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(story("allgood"))
    (folder / "notes.pdf").write_bytes(b"%PDF")  # another file type is not a failure
    result = runner.invoke(cli, ["index", str(folder), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 0, result.output
    (folder / "b.txt").write_bytes(b"")
    result = runner.invoke(cli, ["index", str(folder), "--index", str(tmp_path / "ix")])
    assert result.exit_code == EXIT_SKIPPED
    assert "b.txt: empty file" in result.stderr


def test_a_fault_of_ours_on_one_file_skips_that_file_not_the_run(
        tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The extractor failing on one page is that page's skip reason; the run goes on and exits 3."""
    import searchidx.read

    real = searchidx.read.extract

    def failing(page):  # type: ignore[no-untyped-def]
        if "tripwire" in str(page.path):
            raise ValueError("simulated\nfault")
        return real(page)

    monkeypatch.setattr(searchidx.read, "extract", failing)
    folder = tmp_path / "docs"
    folder.mkdir()
    for marker in ("alpha", "tripwire", "gamma"):
        (folder / f"{marker}.txt").write_text(story(marker))
    result = runner.invoke(cli, ["index", str(folder), "--index", str(tmp_path / "ix"), "--workers", "1"])
    assert result.exit_code == EXIT_SKIPPED, result.output
    assert "tripwire.txt: searchidx failed on it (ValueError: simulated fault)" in result.stderr
    assert "Traceback" not in result.stderr
    with Index.open(tmp_path / "ix") as ix:
        assert [len(ix.search(m).hits) for m in ("alpha", "tripwire", "gamma")] == [1, 0, 1]


@pytest.mark.parametrize("data", [
    b"", b"\x00" * 100, bytes(range(256)) * 4, "中亚".encode("utf-16-le") * 100, b"\xff\xfe", b"\xef\xbb\xbf",
    b"<meta charset=\"no-such-codec\">" + "é".encode("cp1252"), b"<meta charset=\"utf-7\">+AGEAYgBj-",
])
def test_decode_raises_only_unreadable_file(data: bytes) -> None:
    from searchidx.errors import UnreadableFile

    for kind in ("txt", "html", "jsonl"):
        try:
            assert isinstance(decode(data, kind, "x"), str)
        except UnreadableFile:
            pass


def test_extract_prints_an_undecodable_file_name_as_text(tmp_path: Path) -> None:
    path = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(path, "wb") as fh:
        fh.write(story("extractname").encode())
    article = read_articles(os.fsdecode(path))[0]
    article.path.encode("utf-8")  # no lone surrogates: printable and storable
    assert article.path.endswith("caf\\xe9.txt")
