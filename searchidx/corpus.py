"""Files on disk -> raw pages: find .txt/.html/.htm/.jsonl inputs and decode them.

A folder is walked recursively without following symlinks (no loops). Files of other
types are reported, never silently ignored. Decoding: a BOM wins, then strict UTF-8
(saved pages often keep a stale charset declaration after being re-encoded), then UTF-8
with Windows-1252 quotes pasted in (Beautiful Soup's ``detwingle``: a saved page that mixes
the two would otherwise be read whole as one code page, and every accented name garbled), then an
HTML page's declared charset (Beautiful Soup's ``EncodingDetector``: ``<meta charset>``,
``http-equiv`` and XML declarations) read as browsers read it, then a detected charset
(charset-normalizer: a maintained detector beats a hand-written guess at CJK and
Cyrillic code pages).
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import PathNotFound, UnreadableFile
from .models import Skipped

log = logging.getLogger(__name__)

KINDS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl"}

# Pages larger than this are read only up to it: a runaway dump must not exhaust memory.
MAX_BYTES = 64 * 1024 * 1024
# How far into an HTML page a <meta charset> declaration is looked for (browsers use 1024).
CHARSET_SNIFF_BYTES = 4096
# Undeclared Western pages read about as well in several Latin code pages (cp1257 wins ties on
# French); within this much of the detector's best guess, take Windows-1252 as browsers do.
FALLBACK_MARGIN = 0.05

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab/newline/CR/form feed: a page full of them is binary.
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_LONE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


@dataclass(frozen=True)
class SourceFile:
    """One input file found on disk, with what incremental indexing compares."""

    path: str
    kind: str
    size: int
    mtime_ns: int
    fspath: str | None = None  # the name on disk, when it is not valid UTF-8 and ``path`` shows it escaped

    @property
    def disk_path(self) -> str:
        """The name to open the file by."""
        return self.fspath or self.path

    @property
    def signature(self) -> str:
        """Size and modification time: unchanged files are not read again."""
        return file_signature(self.size, self.mtime_ns)


def file_signature(size: int, mtime_ns: int) -> str:
    """What the index stores to tell whether a file changed since it was read."""
    return f"{size}:{mtime_ns}"


def is_under(path: str, roots: Sequence[str]) -> bool:
    """True when ``path`` is one of ``roots`` or inside one of them (absolute, normalised paths)."""
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


@dataclass(frozen=True)
class RawPage:
    """Decoded text of one page (a file, or one line of a JSONL file)."""

    path: str
    kind: str
    text: str = ""
    record: int | None = None
    fields: dict[str, object] | None = None


def find_files(paths: Iterable[str | Path]) -> tuple[list[SourceFile], list[Skipped]]:
    """Every supported file under ``paths`` (files or folders), sorted, plus what was skipped.

    Paths stay strings and each file is stat'ed once: a re-index of an unchanged folder is
    mostly this walk (Path objects and a second stat for is_file() took 13 µs a file).
    """
    found: dict[str, SourceFile] = {}
    skipped: list[Skipped] = []
    for root in paths:
        root = Path(root)
        if not root.exists() and not root.is_symlink():
            raise PathNotFound(f"no such file or folder: {root}")
        candidates = [os.fspath(root)] if not root.is_dir() else _walk(os.fspath(root), skipped)
        for path in candidates:
            src = _source_file(path, skipped)
            if src is not None:
                found[src.path] = src
    return [found[k] for k in sorted(found)], skipped


def _walk(root: str, skipped: list[Skipped]) -> Iterator[str]:
    def onerror(err: OSError) -> None:
        skipped.append(Skipped(str(err.filename), f"cannot list folder: {err.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield os.path.join(dirpath, name)


def _source_file(path: str, skipped: list[Skipped]) -> SourceFile | None:
    kind = KINDS.get(os.path.splitext(path)[1].lower())
    if kind is None:
        skipped.append(Skipped(path, "not a .txt, .html or .jsonl file", ignored=True))
        return None
    try:
        st = os.stat(path)
    except OSError as err:
        skipped.append(Skipped(path, f"cannot read: {err.strerror or err}"))
        return None
    if not stat.S_ISREG(st.st_mode):
        skipped.append(Skipped(path, "not a regular file"))
        return None
    # abspath, not resolve(): a document keeps the path the user sees, symlinked folders included.
    real = os.path.abspath(path)
    shown = text_path(real)
    return SourceFile(shown, kind, st.st_size, st.st_mtime_ns, fspath=None if shown == real else real)


def text_path(path: str) -> str:
    """A file name as text that can be stored and printed: bytes that are not UTF-8 become ``\\xNN``."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


def read_bytes(path: str) -> bytes:
    """The file's bytes, or UnreadableFile saying why not."""
    try:
        with open(path, "rb") as fh:
            # Ask for what the file holds, plus a byte to notice that it grew: asking for
            # MAX_BYTES + 1 at once allocated 64 MB per file, slower than reading a short story.
            want = min(os.fstat(fh.fileno()).st_size, MAX_BYTES) + 1
            data = fh.read(want)
            if len(data) == want and want <= MAX_BYTES:
                data += fh.read(MAX_BYTES + 1 - want)
    except FileNotFoundError:
        raise UnreadableFile(f"{path}: file vanished before it could be read") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{path}: is a folder") from None
    except OSError as err:
        raise UnreadableFile(f"{path}: cannot read ({err.strerror or err})") from None
    if len(data) > MAX_BYTES:
        log.warning("%s: larger than %d MB, reading only the start", path, MAX_BYTES >> 20)
        data = data[:MAX_BYTES]
    return data


def decode(data: bytes, kind: str = "txt", path: str = "") -> str:
    """Decode a page's bytes: BOM, valid UTF-8, declared charset, then detection; UnreadableFile if not text."""
    if not data.strip():
        raise UnreadableFile(f"{path}: empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if _looks_binary(data):
        raise UnreadableFile(f"{path}: binary file, not text")
    # Valid UTF-8 with non-ASCII bytes is almost never another encoding by accident, while saved
    # pages often keep a stale <meta charset> after the saver re-encoded them as UTF-8.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from bs4.dammit import EncodingDetector, UnicodeDammit

    try:
        return UnicodeDammit.detwingle(data).decode("utf-8")
    except UnicodeDecodeError:
        pass
    if kind == "html":
        declared = EncodingDetector.find_declared_encoding(data[:CHARSET_SNIFF_BYTES], is_html=True)
        if declared:
            try:
                return data.decode(_browser_codec(declared), errors="replace")
            except LookupError:
                pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is None:
        raise UnreadableFile(f"{path}: not text in any known encoding")
    codec = best.encoding
    if any("cp1252" in m.could_be_from_charset and m.chaos <= best.chaos + FALLBACK_MARGIN for m in matches):
        codec = "cp1252"
    return data.decode(codec, errors="replace")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    return len(_BINARY.findall(head)) > max(8, len(head) // 100)


def _browser_codec(label: str) -> str:
    """Browsers read Latin-1 and GB2312 labels as their supersets (WHATWG Encoding)."""
    label = label.lower()
    aliases = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
               "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}
    name = aliases.get(label, label)
    codecs.lookup(name)
    return name


def read_raw_pages(src: SourceFile) -> Iterator[RawPage | Skipped]:
    """The pages of one file: one for .txt/.html, one per line for .jsonl (bad lines skipped)."""
    try:
        text = decode(read_bytes(src.disk_path), src.kind, src.path)
    except UnreadableFile as err:
        yield Skipped(src.path, str(err).removeprefix(f"{src.path}: "))
        return
    if src.kind != "jsonl":
        yield RawPage(src.path, src.kind, text)
        return
    # Only "\n" ends a JSONL record: splitlines() would also cut at U+2028 and friends inside strings.
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skipped(f"{src.path}#{lineno}", f"not valid JSON ({err.msg})")
            continue
        if not isinstance(record, dict):
            yield Skipped(f"{src.path}#{lineno}", "JSON line is not an object")
            continue
        if _LONE_SURROGATE.search(line):
            record = _without_surrogates(record)
        yield RawPage(src.path, "jsonl", record=lineno, fields=record)


def _without_surrogates(value: Any) -> Any:
    """JSON's \\ud800 escapes decode to lone surrogates, which no UTF-8 writer (the index) accepts."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value
