"""Duplicate groups kept in step with the index, without reading the folder again.

    fingerprints of new articles (from the workers) + ids removed -> groups -> prints file + groups file

Two articles are joined when their fingerprints say they tell one story (fingerprint.same_story);
a group is a connected set of such pairs. Candidates come from LSH: every article's band keys
sit in a table, and a new article is compared only with those sharing a key. The groups are the
components of that graph whatever order articles come in, so an index built in one run or many
groups alike: adding an article joins the groups it meets; removing one re-forms its own group
from the members left (they had no link outside it).

Every article's fingerprint is kept in PRINTS_FILE beside the index, with the state of the index
it was written for (the engine reader's ``generation()``: either engine); a run that finds it out
of step (an index built before grouping, a run killed between its commit and this file)
fingerprints the missing articles from their stored text and groups everything again, still
without reading a source file.
"""

from __future__ import annotations

import json
import os
from array import array
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat
from pathlib import Path

from ..engine import open_reader
from ..engine.groups import GROUPS_FILE, read_groups, write_groups
from . import fingerprint as fp
from .fingerprint import Fingerprint, band_keys, same_story

PRINTS_FILE = "searchidx-prints.bin"
PRINTS_FORMAT = 1


def _settings() -> dict[str, int]:
    """What makes two fingerprints comparable: a file written with other settings is made anew."""
    return {"format": PRINTS_FORMAT, "shingle_words": fp.SHINGLE_WORDS, "bins": fp.BINS,
            "value_bits": fp.VALUE_BITS, "figures": fp.FIGURES, "rows": fp.ROWS}


class Duplicates:
    """Every indexed article's fingerprint and the groups they form."""

    def __init__(self, prints: dict[str, Fingerprint] | None = None) -> None:
        self.prints: dict[str, Fingerprint] = {}
        self._group: dict[str, set[str]] = {}  # grouped id -> its group (a set shared by the members)
        # LSH key -> the one article holding it, or a list once a second comes: most keys have one
        # (half a million on Reuters 1x), and a list each was as many objects more for the garbage
        # collector to walk on every full collection for the rest of the run.
        self._buckets: dict[int, str | list[str]] = {}
        for doc_id in sorted(prints or {}):
            self.add(doc_id, (prints or {})[doc_id])

    @classmethod
    def restore(cls, prints: dict[str, Fingerprint], groups: Iterable[tuple[str, ...]]) -> Duplicates:
        """The state as saved: groups taken as they were, no comparison made again."""
        self = cls()
        self.prints = prints
        for doc_id in sorted(prints):
            self._file(band_keys(prints[doc_id]), doc_id)
        for members in groups:
            group = {m for m in members if m in prints}
            if len(group) > 1:
                for m in group:
                    self._group[m] = group
        return self

    def add(self, doc_id: str, print_: Fingerprint) -> None:
        """Index one article's fingerprint and join it to every group it is a copy in."""
        if doc_id in self.prints:
            self.remove([doc_id])
        met = self._file(band_keys(print_), doc_id)
        self.prints[doc_id] = print_
        for other in sorted(met):
            if other == doc_id or other not in self.prints or other in self._group.get(doc_id, ()):
                continue  # removed since (its keys are dropped lazily), or already joined
            if same_story(print_, self.prints[other]):
                self._join(doc_id, other)

    def remove(self, ids: Iterable[str]) -> None:
        """Forget these articles; each group they were in is formed again from its other members."""
        regroup: set[str] = set()
        for doc_id in ids:
            if self.prints.pop(doc_id, None) is None:
                continue
            group = self._group.pop(doc_id, None)
            if group is not None:
                group.discard(doc_id)
                regroup |= group
        regroup = {m for m in regroup if m in self.prints}  # not a copy removed later in this call
        for m in regroup:
            self._group.pop(m, None)
        for m in sorted(regroup):
            mine = self.prints[m]
            for key in band_keys(mine):
                held = self._buckets.get(key, ())
                for other in held if isinstance(held, (list, tuple)) else (held,):
                    if other < m and other in regroup and other not in self._group.get(m, ()) \
                            and same_story(mine, self.prints[other]):
                        self._join(m, other)

    def groups(self) -> list[tuple[str, ...]]:
        """Every group of two or more, each sorted."""
        seen: dict[int, tuple[str, ...]] = {}
        for group in self._group.values():
            seen.setdefault(id(group), tuple(sorted(group)))
        return sorted(seen.values())

    def _file(self, keys: list[int], doc_id: str) -> set[str]:
        """Put ``doc_id`` under each of ``keys``; the ids those keys held before (which may include
        ``doc_id`` itself: its old keys are dropped lazily, so the caller passes over it)."""
        met: set[str] = set()
        # Every key is filed by setdefault, mapped in C; a key that held another id becomes a list.
        for key, held in zip(keys, map(self._buckets.setdefault, keys, repeat(doc_id))):
            if held is doc_id:
                continue
            if isinstance(held, list):
                met.update(held)
                held.append(doc_id)
            else:
                met.add(held)
                self._buckets[key] = [held, doc_id]
        return met

    def _join(self, a: str, b: str) -> None:
        ga, gb = self._group.get(a, {a}), self._group.get(b, {b})
        if ga is gb:
            return
        if len(ga) < len(gb):
            ga, gb = gb, ga
        ga |= gb
        for m in gb:
            self._group[m] = ga
        self._group[a] = self._group[b] = ga

    # ------------------------------------------------------------------ on disk

    def save(self, index_dir: Path, generation: tuple[int, ...]) -> None:
        """Write the prints file, then the groups file, for the index at ``generation``."""
        ids = sorted(self.prints)
        bins, counts, figures, sizes = array("H"), array("B"), array("H"), array("I")
        for doc_id in ids:
            p = self.prints[doc_id]
            bins.extend(p.bins)
            counts.append(len(p.figures))
            figures.extend(p.figures)
            sizes.append(min(p.size, 0xFFFFFFFF))
        head = {**_settings(), "generation": list(generation), "count": len(ids)}
        tmp = index_dir / f"{PRINTS_FILE}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            f.write(json.dumps(head).encode() + b"\n")
            f.write(json.dumps(ids, ensure_ascii=False).encode("utf-8") + b"\n")
            for part in (sizes, counts, bins, figures):
                f.write(part.tobytes())
        os.replace(tmp, index_dir / PRINTS_FILE)
        write_groups(index_dir, self.groups(), generation)


def forget(index_dir: Path) -> None:
    """Remove the saved fingerprints and groups (an index built anew), so no reader collapses by them."""
    for name in (GROUPS_FILE, PRINTS_FILE):
        (index_dir / name).unlink(missing_ok=True)


def committed_state(index_dir: Path) -> tuple[int, ...]:
    """The committed state of the index (its reader's generation), which the saved files are tagged with."""
    reader = open_reader(index_dir)
    try:
        return tuple(reader.generation())
    finally:
        reader.close()


def load_state(index_dir: Path, live: set[str]) -> tuple[Duplicates, bool]:
    """``load`` for the index at ``index_dir`` as committed: its reader's generation and stored text."""
    reader = open_reader(index_dir)
    try:
        return load(index_dir, tuple(reader.generation()), live,
                    lambda ids: ((doc.id, doc.body) for doc in reader.documents() if doc.id in ids))
    finally:
        reader.close()


def load(index_dir: Path, generation: tuple[int, ...], live: set[str],
         stored_bodies: Callable[[set[str]], Iterator[tuple[str, str]]]) -> tuple[Duplicates, bool]:
    """The saved state of the index at ``generation`` whose articles are ``live``, and whether it
    had to be mended (then save it). Articles without a fingerprint are fingerprinted from their
    stored text (``stored_bodies(ids)``); when the files were out of step, everything is grouped anew.
    """
    prints, saved_at = _read_prints(index_dir)
    groups = read_groups(index_dir)
    prints = {i: p for i, p in prints.items() if i in live}
    missing = live - prints.keys()
    for doc_id, body in stored_bodies(missing) if missing else ():
        prints[doc_id] = fp.fingerprint(body)
    if saved_at == generation and groups.generation == generation and not missing and len(prints) == len(live):
        return Duplicates.restore(prints, set(groups.of.values())), False
    return Duplicates(prints), True


def _read_prints(index_dir: Path) -> tuple[dict[str, Fingerprint], tuple[int, ...] | None]:
    try:
        with open(index_dir / PRINTS_FILE, "rb") as f:
            head = json.loads(f.readline())
            if any(head.get(k) != v for k, v in _settings().items()):
                return {}, None
            ids: list[str] = json.loads(f.readline())
            n = len(ids)
            sizes, counts, bins, figures = array("I"), array("B"), array("H"), array("H")
            sizes.frombytes(f.read(n * sizes.itemsize))
            counts.frombytes(f.read(n * counts.itemsize))
            bins.frombytes(f.read(n * fp.BINS * bins.itemsize))
            figures.frombytes(f.read(sum(counts) * figures.itemsize))
    except (OSError, ValueError, EOFError):
        return {}, None
    if len(sizes) != n or len(bins) != n * fp.BINS or len(figures) != sum(counts):
        return {}, None  # cut short: fingerprint everything again
    prints: dict[str, Fingerprint] = {}
    at = 0
    for i, doc_id in enumerate(ids):
        row = bins[i * fp.BINS:(i + 1) * fp.BINS]
        prints[doc_id] = Fingerprint(sizes[i], tuple(row), tuple(figures[at:at + counts[i]]))
        at += counts[i]
    generation = head.get("generation")
    return prints, tuple(generation) if isinstance(generation, list) else None
