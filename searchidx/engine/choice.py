"""Which engine an index uses: chosen when it is created, recorded in its folder, read by every later command.

    searchidx.json  {"schema_version": ..., "engine": "xapian", "shards": ["host:port", ...]}

An index without an ``engine`` key is a Whoosh index (every index written before the Xapian
engine existed). A new index uses the engine asked for (``--engine``), else
``$SEARCHIDX_ENGINE``, else Whoosh. This module imports neither engine: the faces and the
factory in ``engine/__init__.py`` ask it first and then load only the engine the index needs.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import EngineNotInstalled

CONFIG_NAME = "searchidx.json"
ENGINES = ("whoosh", "xapian")
DEFAULT_ENGINE = "whoosh"
ENGINE_VARIABLE = "SEARCHIDX_ENGINE"


@dataclass(frozen=True)
class IndexConfig:
    """What an index folder says about itself: its engine and, for a sharded Xapian index, its shards."""

    engine: str = DEFAULT_ENGINE
    shards: tuple[str, ...] = ()
    raw: tuple[tuple[str, object], ...] = ()  # every key, for the engine's own version checks

    def get(self, key: str) -> object:
        return dict(self.raw).get(key)


def read_config(d: Path) -> IndexConfig | None:
    """The index folder's own description, or None when it has none (no index, or an unreadable file)."""
    try:
        data = json.loads((d / CONFIG_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    engine = data.get("engine") or DEFAULT_ENGINE
    shards = data.get("shards") or ()
    return IndexConfig(str(engine), tuple(str(s) for s in shards), tuple(sorted(data.items())))


def engine_of(d: Path) -> str:
    """The engine of the index at ``d``; Whoosh for an index that does not say (or no index yet)."""
    config = read_config(d)
    return config.engine if config is not None else DEFAULT_ENGINE


def chosen_engine(requested: str | None) -> str:
    """The engine for a new index: ``requested``, else $SEARCHIDX_ENGINE, else Whoosh; EngineNotInstalled for an unknown name."""
    name = (requested or os.environ.get(ENGINE_VARIABLE) or DEFAULT_ENGINE).strip().lower()
    if name not in ENGINES:
        raise EngineNotInstalled(f"unknown engine {name!r}: use one of {', '.join(ENGINES)}")
    return name


def shard_addresses(text: str) -> tuple[str, ...]:
    """``host:port,...`` as a tuple, each checked; ShardUnavailable names a malformed one."""
    from ..errors import ShardUnavailable

    items = tuple(s.strip() for s in text.split(",") if s.strip())
    for item in items:
        host, sep, port = item.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ShardUnavailable(f"{item!r} is not a shard address like 127.0.0.1:8101")
    return items


def write_config(d: Path, values: dict[str, object]) -> None:
    """Write the index folder's description, replacing it whole (a crash leaves the old one or the new one)."""
    tmp = d / (CONFIG_NAME + ".tmp")
    tmp.write_text(json.dumps(values, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, d / CONFIG_NAME)
