"""Index integrity: can every stored document be read back, and does the index match the files?

    open (schema version) -> read every document back -> compare with the files on disk

Differences are what the next ``searchidx index`` would fix: *missing* files (on disk,
not in the index), *changed* files (size or modification time differ from what was
indexed) and *orphans* (documents whose file is gone). Files that yield no article at
all (empty, binary) are listed as unreadable, not as differences: indexing skips them too.
A damaged index raises IndexDamaged saying to rebuild.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..corpus import SourceFile, disk_path, file_signature, find_files, is_under, newest_signature, read_raw_pages, \
    text_path
from ..engine import read_back
from ..models import CheckReport, Skipped


def check_index(index_dir: str | os.PathLike[str], paths: Iterable[str | os.PathLike[str]] = ()) -> CheckReport:
    """Read the whole index back and compare it with the files under ``paths`` (or, with none, with the disk)."""
    d = Path(index_dir)
    stored, documents = read_back(d)
    indexed = {path: newest_signature(sigs.values()) for path, sigs in stored.items()}
    roots = [Path(p) for p in paths]
    if not roots:
        return _against_disk(d, indexed, documents)
    files, _ = find_files(roots)
    under = [text_path(os.path.abspath(p)) for p in roots]
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


def _against_disk(d: Path, indexed: dict[str, str], documents: int) -> CheckReport:
    changed, orphans = [], []
    for path, sig in sorted(indexed.items()):
        try:
            st = os.stat(disk_path(path))  # the name on disk, when it is not UTF-8 text
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


