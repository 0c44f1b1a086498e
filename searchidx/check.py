"""Index integrity: can every stored document be read back, and does the index match the files?

    open (schema version) -> read every document back -> compare with the files on disk

Differences are what the next ``searchidx index`` would fix: *missing* files (on disk,
not in the index), *changed* files (size or modification time differ from what was
indexed) and *orphans* (documents whose file is gone). Files that yield no article at
all (empty, binary) are listed as unreadable, not as differences: indexing skips them too.
A damaged index raises SearchidxError saying to rebuild.
"""

from __future__ import annotations

import os
import pickle
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .corpus import Skipped, SourceFile, file_signature, find_files, is_under, read_raw_pages
from .errors import SearchidxError
from .store import open_or_create, stored_path, unpack_text

# What a damaged segment or table of contents makes Whoosh (or our blob decoding) raise.
DAMAGE_ERRORS = (OSError, EOFError, ValueError, KeyError, IndexError, struct.error, zlib.error,
                 pickle.UnpicklingError)


@dataclass(frozen=True)
class CheckReport:
    """What ``check_index`` found; ``ok`` when the index is readable and in step with the files."""

    index_dir: str
    documents: int
    files: int
    missing: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    orphans: tuple[str, ...] = ()
    unreadable: tuple[Skipped, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing is missing, changed or orphaned."""
        return not (self.missing or self.changed or self.orphans)


def check_index(index_dir: str | Path, paths: Iterable[str | Path] = ()) -> CheckReport:
    """Read the whole index back and compare it with the files under ``paths`` (or, with none, with the disk)."""
    d = Path(index_dir)
    indexed, documents = _read_back(d)
    roots = [Path(p) for p in paths]
    if not roots:
        return _against_disk(d, indexed, documents)
    files, _ = find_files(roots)
    under = [os.path.abspath(p) for p in roots]
    on_disk = {f.path: f for f in files}
    unreadable: dict[str, list[Skipped]] = {}
    for f in files:
        if f.path not in indexed:
            unreadable[f.path] = _unreadable(f)
    return CheckReport(
        index_dir=str(d),
        documents=documents,
        files=len(files),
        missing=tuple(p for p, reasons in unreadable.items() if not reasons),
        changed=tuple(p for p, f in on_disk.items() if p in indexed and indexed[p] != f.signature),
        orphans=tuple(sorted(p for p in indexed if p not in on_disk and is_under(p, under))),
        unreadable=tuple(s for reasons in unreadable.values() for s in reasons),
    )


def _read_back(d: Path) -> tuple[dict[str, str], int]:
    """path -> signature for every stored document, after decoding each one; SearchidxError if damaged."""
    indexed: dict[str, str] = {}
    try:
        ix = open_or_create(d)
        with ix.reader() as reader:
            count = 0
            for fields in reader.all_stored_fields():
                unpack_text(fields["blob"])
                indexed[stored_path(fields)] = fields.get("sig", "")
                count += 1
            if count != reader.doc_count():
                raise ValueError(f"{count} stored documents, {reader.doc_count()} live")
            ids = {t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon("id")}
            if len(ids) < count:
                raise ValueError(f"{count - len(ids)} documents missing from the id index")
    except DAMAGE_ERRORS as err:
        raise SearchidxError(
            f"the index at {d} is damaged ({err or type(err).__name__}): "
            f"rebuild it with `searchidx index FOLDER --index {d} --rebuild`"
        ) from None
    return indexed, count


def _against_disk(d: Path, indexed: dict[str, str], documents: int) -> CheckReport:
    changed, orphans = [], []
    for path, sig in sorted(indexed.items()):
        try:
            st = os.stat(path)
        except OSError:
            orphans.append(path)
            continue
        if file_signature(st.st_size, st.st_mtime_ns) != sig:
            changed.append(path)
    return CheckReport(str(d), documents, len(indexed), changed=tuple(changed), orphans=tuple(orphans))


def _unreadable(src: SourceFile) -> list[Skipped]:
    """Why the file yields no page at all, or [] if it does (decoding is enough to know)."""
    reasons = []
    for page in read_raw_pages(src):
        if not isinstance(page, Skipped):
            return []
        reasons.append(page)
    return reasons


