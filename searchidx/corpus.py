"""Files on disk -> raw pages: find .txt/.html/.htm/.jsonl inputs and decode them.

A folder is walked recursively without following symlinked folders (no loops); a symlinked
file is read only when it points inside the folder (a saved folder must not pull in other
files of the machine), and a file given by name is always read. Files of other types are
reported, never silently ignored. A JSONL record is known by its ``id`` (or its URL, else a
hash of its line), so a changed file re-reads only the records that changed.

Decoding: a BOM wins, then UTF-16 without one, then strict UTF-8 (saved pages often keep a
stale charset declaration after being re-encoded), then UTF-8 with Windows-1252 quotes pasted
in (Beautiful Soup's ``detwingle``: a saved page that mixes the two would otherwise be read
whole as one code page, and every accented name garbled), then an HTML page's declared charset
(Beautiful Soup's ``EncodingDetector``: ``<meta charset>``, ``http-equiv`` and XML
declarations) read as browsers read it, then a detected charset (charset-normalizer: a
maintained detector beats a hand-written guess at CJK and Cyrillic code pages).
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
# A JSONL record's identity, first key present: it keeps its id (and its document) when lines
# around it change. Without one, a hash of the line is its identity.
RECORD_ID_KEYS = ("id", "guid", "url", "link", "canonical_url")
# UTF-16 without a byte-order mark: in the first bytes, at least this share of one parity's bytes
# is zero (the high byte of Latin text), and almost none of the other's.
UTF16_ZERO_SHARE = 0.4
UTF16_OTHER_ZERO_MAX = 0.02
# Escapes in a file name's text form (text_path): a byte that is not UTF-8, and a backslash itself.
_NAME_ESCAPE = re.compile(rb"\\(\\|x[0-9a-f]{2})")


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


def record_signature(file_sig: str, digest: str) -> str:
    """What the index stores for a JSONL record: its file's signature then, and its line's digest."""
    return f"{file_sig} {digest}"


def line_digests(path: str, sigs: Mapping[str, str]) -> dict[str, str]:
    """digest -> key of the JSONL records of ``path`` an index holds (their ids -> signatures)."""
    out = {}
    for doc_id, sig in sigs.items():
        _, _, digest = sig.partition(" ")
        if digest and doc_id.startswith(path + "#"):
            out[digest] = doc_id[len(path) + 1:]
    return out


def newest_signature(sigs: Iterable[str]) -> str:
    """A file's signature as its stored documents record it: the newest of them (the records of a
    JSONL file written in several runs carry the file's signature of their run)."""
    def when(file_sig: str) -> tuple[int, int]:
        size, _, mtime = file_sig.partition(":")
        return (int(mtime), int(size)) if size.isdigit() and mtime.lstrip("-").isdigit() else (-1, -1)

    return max((sig.partition(" ")[0] for sig in sigs), key=when, default="")


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
    key: str | None = None  # a JSONL record's identity (RECORD_ID_KEYS, else the line's digest)
    digest: str | None = None  # a hash of a JSONL record's line: whether it changed


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
            raise PathNotFound(f"no such file or folder: {text_path(os.fspath(root))}")
        candidates: Iterable[str] = [os.fspath(root)]
        inside = None
        if root.is_dir():
            candidates, inside = _walk(os.fspath(root), skipped), os.path.realpath(root)
        for path in candidates:
            src = _source_file(path, skipped, inside)
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


def _source_file(path: str, skipped: list[Skipped], inside: str | None = None) -> SourceFile | None:
    """The file at ``path``, or None with the reason in ``skipped``; ``inside`` is the real path of
    the folder it was found in, which a symlink must not point out of."""
    shown_path = text_path(path)
    kind = KINDS.get(os.path.splitext(path)[1].lower())
    if kind is None:
        skipped.append(Skipped(shown_path, "not a .txt, .html or .jsonl file", ignored=True))
        return None
    try:
        st = os.stat(path)
    except OSError as err:
        skipped.append(Skipped(shown_path, f"cannot read: {err.strerror or err}"))
        return None
    if not stat.S_ISREG(st.st_mode):
        skipped.append(Skipped(shown_path, "not a regular file"))
        return None
    if inside is not None and os.path.islink(path) and not is_under(os.path.realpath(path), [inside]):
        skipped.append(Skipped(shown_path, "a symbolic link to a file outside the folder: not followed "
                                           "(give the file itself to index it)"))
        return None
    # abspath, not resolve(): a document keeps the path the user sees, symlinked folders included.
    real = os.path.abspath(path)
    shown = text_path(real)
    return SourceFile(shown, kind, st.st_size, st.st_mtime_ns, fspath=None if shown == real else real)


def text_path(path: str) -> str:
    """A file name as text that can be stored and printed, one text per name (:func:`disk_path`
    reads it back): bytes that are not UTF-8 become ``\\xNN``, and then a backslash is written
    ``\\\\`` so that a file really named ``caf\\xe9.txt`` is not taken for ``caf\xe9.txt``."""
    if os.sep == "\\":  # Windows: names are text already, and a backslash separates folders
        return path.encode("utf-8", "backslashreplace").decode("utf-8") if _has_surrogates(path) else path
    if "\\" not in path and not _has_surrogates(path):
        return path
    return os.fsencode(path).replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")


def disk_path(text: str) -> str:
    """The file name :func:`text_path` made ``text`` from."""
    if os.sep == "\\" or "\\" not in text:
        return text
    raw = _NAME_ESCAPE.sub(lambda m: b"\\" if m.group(1) == b"\\" else bytes([int(m.group(1)[1:], 16)]),
                           text.encode("utf-8", "surrogateescape"))
    return os.fsdecode(raw)


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def read_bytes(path: str) -> bytes:
    """The file's bytes, or UnreadableFile saying why not."""
    try:
        # Not blocking: a file replaced by a FIFO after the walk would hang open() for ever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as fh:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise UnreadableFile(f"{path}: not a regular file")
            # Ask for what the file holds, plus a byte to notice that it grew: asking for
            # MAX_BYTES + 1 at once allocated 64 MB per file, slower than reading a short story.
            want = min(st.st_size, MAX_BYTES) + 1
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
        log.warning("%s: larger than %d MB, only its first %d MB were read", path, MAX_BYTES >> 20, MAX_BYTES >> 20)
        data = data[:MAX_BYTES]
    return data


def decode(data: bytes, kind: str = "txt", path: str = "") -> str:
    """Decode a page's bytes: BOM, valid UTF-8, declared charset, then detection; UnreadableFile if not text."""
    if not data.strip():
        raise UnreadableFile(f"{path}: empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
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


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 without a byte-order mark (Latin text: one byte of each two is zero), or None."""
    head = data[:8192]
    if len(head) < 16:
        return None
    even, odd = head[0::2], head[1::2]
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zero_odd >= UTF16_ZERO_SHARE and zero_even <= UTF16_OTHER_ZERO_MAX:
        codec = "utf-16-le"
    elif zero_even >= UTF16_ZERO_SHARE and zero_odd <= UTF16_OTHER_ZERO_MAX:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data[: len(data) // 2 * 2].decode(codec)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text[:4096] if c < " " and c not in "\t\n\r\f")
    return text if controls <= len(text[:4096]) // 100 else None


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


@dataclass(frozen=True)
class Unchanged:
    """A JSONL record indexed already as it is now: its line's digest was given as known."""

    path: str
    key: str


def read_raw_pages(src: SourceFile, known: Mapping[str, str] | None = None) -> Iterator[RawPage | Unchanged | Skipped]:
    """The pages of one file: one for .txt/.html, one per record for .jsonl (bad lines skipped).

    A JSONL record's ``key`` is its identity (:func:`record_key`); when several lines share one,
    the last line is the record. ``known`` maps the digests of lines already indexed to their
    keys: such a line comes back as :class:`Unchanged`, without being cleaned or extracted again.
    """
    try:
        text = decode(read_bytes(src.disk_path), src.kind, src.path)
    except UnreadableFile as err:
        yield Skipped(src.path, str(err).removeprefix(f"{src.path}: "))
        return
    if src.kind != "jsonl":
        page = RawPage(src.path, src.kind, text)
        del text  # held by this suspended frame, a 64 MB file's text would outlive its cleaning
        yield page
        return
    known = known or {}
    # Only "\n" ends a JSONL record: splitlines() would also cut at U+2028 and friends inside strings.
    lines = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    del text
    keyed: list[tuple[int, str, str, dict[str, object] | None] | Skipped] = []
    for lineno, line in lines:
        digest = line_digest(line)
        key = known.get(digest)
        record = None
        if key is None:
            parsed = _record(src.path, lineno, line)
            if isinstance(parsed, Skipped):
                keyed.append(parsed)
                continue
            record, key = parsed, record_key(parsed, digest)
        keyed.append((lineno, digest, key, record))
    last = {k[2]: k[0] for k in keyed if not isinstance(k, Skipped)}
    lines_by_number = dict(lines)
    del lines
    for item in keyed:
        if isinstance(item, Skipped):
            yield item
            continue
        lineno, digest, key, record = item
        if last[key] != lineno:
            continue  # a later line with the same id replaces this one
        if known.get(digest) == key:
            yield Unchanged(src.path, key)
            continue
        if record is None:  # parsed above only for its key when its digest was known under another
            parsed = _record(src.path, lineno, lines_by_number[lineno])
            if isinstance(parsed, Skipped):
                yield parsed
                continue
            record = parsed
        yield RawPage(src.path, "jsonl", record=lineno, fields=record, key=key, digest=digest)


def line_digest(line: str) -> str:
    """A JSONL line's content hash: whether the record changed since it was indexed."""
    import hashlib  # not at the top: a one-shot query imports this module and never hashes

    return hashlib.blake2b(line.strip().encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def record_key(record: Mapping[str, object], digest: str) -> str:
    """A JSONL record's identity: its first RECORD_ID_KEYS value (on one line), else its line's digest."""
    for name in RECORD_ID_KEYS:
        value = record.get(name)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            text = " ".join(str(value).split())
            if text:
                return text
    return digest


def _record(path: str, lineno: int, line: str) -> dict[str, object] | Skipped:
    """One JSONL line's object, or why it is skipped."""
    try:
        record = json.loads(line)
        if _LONE_SURROGATE.search(line):
            record = _without_surrogates(record)
    except json.JSONDecodeError as err:
        return Skipped(f"{path}#{lineno}", f"not valid JSON ({err.msg})")
    except (ValueError, RecursionError) as err:  # a 5,000-digit number; objects nested a thousand deep
        detail = "nested too deeply" if isinstance(err, RecursionError) else " ".join(str(err).split())[:120]
        return Skipped(f"{path}#{lineno}", f"not valid JSON ({detail})")
    if not isinstance(record, dict):
        return Skipped(f"{path}#{lineno}", "JSON line is not an object")
    return record


def _without_surrogates(value: Any) -> Any:
    """JSON's \\ud800 escapes decode to lone surrogates, which no UTF-8 writer (the index) accepts."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value
