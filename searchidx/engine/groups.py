"""Duplicate groups on disk: which indexed articles are copies of one story (indexing/duplicates.py
finds them; searching collapses them).

The groups live in one small JSON file beside the index, naming only the articles that have a
copy (most have none), so a one-shot query reads it in a millisecond or two. It is the same
file whatever the engine (a sharded Xapian index keeps it in its local folder): each reader
hands it out through ``groups()``. It records the state of the index (the reader's
``generation()``) it was written for; indexing rewrites it (atomically) after every commit.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

GROUPS_FILE = "searchidx-groups.json"
GROUPS_FORMAT = 1


@dataclass(frozen=True)
class Groups:
    """The duplicate groups of an index: each grouped id -> every id of its group (sorted)."""

    of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    generation: tuple[int, ...] | None = None

    def members(self, doc_id: str) -> tuple[str, ...]:
        """Every id of ``doc_id``'s group, itself included; just itself when it has no copy."""
        return self.of.get(doc_id, (doc_id,))

    def label(self, doc_id: str) -> str:
        """One name for the group: its first id (the id itself when it has no copy)."""
        return self.of.get(doc_id, (doc_id,))[0]

    def __len__(self) -> int:
        return len({g[0] for g in self.of.values()})


def read_groups(index_dir: Path) -> Groups:
    """The groups file's groups; none when there is no such file (an index not yet grouped) or it
    cannot be read (then the next `searchidx index` writes it again)."""
    try:
        data = json.loads((index_dir / GROUPS_FILE).read_text(encoding="utf-8"))
        if data.get("format") != GROUPS_FORMAT:
            return Groups()
        of: dict[str, tuple[str, ...]] = {}
        for group in data["groups"]:
            members = tuple(group)
            for doc_id in members:
                of[doc_id] = members
        generation = data.get("generation")
        return Groups(of, tuple(generation) if isinstance(generation, list) else None)
    except (OSError, ValueError, KeyError, TypeError):
        return Groups()


def write_groups(index_dir: Path, groups: Iterable[Sequence[str]], generation: tuple[int, ...]) -> None:
    """Replace the groups file (atomically: a reader sees the old file or the new one)."""
    data = {"format": GROUPS_FORMAT, "generation": list(generation),
            "groups": sorted(sorted(g) for g in groups if len(g) > 1)}
    tmp = index_dir / f"{GROUPS_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, index_dir / GROUPS_FILE)


class GroupsFile:
    """An index's groups file as a reader sees it: read again only when indexing has replaced it."""

    def __init__(self, index_dir: Path) -> None:
        self.path = index_dir
        self._held: tuple[tuple[int, int, int], Groups] | None = None  # (inode, mtime, size), groups

    def groups(self) -> Groups:
        try:
            st = (self.path / GROUPS_FILE).stat()
        except OSError:
            return Groups()
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        held = self._held  # one read of the attribute: another thread may replace it meanwhile
        if held is None or held[0] != key:
            held = (key, read_groups(self.path))
            self._held = held
        return held[1]
