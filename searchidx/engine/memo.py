"""Values built once per committed state of an index: what both engines' readers keep between queries.

A reader serves several threads (the web app), so a value is looked up and stored under a lock,
and built outside it: two threads may both build a value the first time, never block each other
on a slow build.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memos:
    """Named values, each kept with the key (a committed state) it was built for."""

    def __init__(self) -> None:
        self._held: dict[str, tuple[Hashable, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, name: str, build: Callable[[], T]) -> T:
        """``build()``, made once per ``key``: the value kept under ``name`` while ``key`` holds."""
        with self._lock:
            held = self._held.get(name)
        if held is not None and held[0] == key:
            return held[1]  # type: ignore[no-any-return]
        value = build()
        with self._lock:
            self._held[name] = (key, value)
        return value
