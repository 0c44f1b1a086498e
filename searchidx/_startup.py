"""A one-shot search's start-up: Whoosh loaded without modules a search never uses. CLI only.

Some Whoosh modules import a name from a heavy module only to re-export or keep it for work
a search never does. While such a Whoosh module executes inside :func:`lean_engine_imports`, the
heavy module is a *stand-in* in ``sys.modules`` whose listed names are functions importing
the real thing when first called; the stand-in leaves ``sys.modules`` as soon as that Whoosh
module is loaded, so any later import gets the real module. Only ``from heavy import name``
is stood in: the Whoosh module then keeps a function that behaves as the real one, never a
stand-in module. When the block ends the import hook is gone.

- whoosh/compat.py (2.7.4): ``from urllib.request import urlretrieve``, only re-exported;
  urllib.request drags in http.client, email, ssl and socket. ``from html import escape``,
  for the HTML highlighter (html loads the HTML5 entity table).
- whoosh/filedb/filetables.py: ``from hashlib import md5`` loads OpenSSL's bindings; the
  interpreter's own ``_md5`` gives the same digests.
- whoosh/filedb/compound.py: ``from shutil import copyfileobj`` (with bz2 and lzma), for
  compound files, which searchidx never writes.
- whoosh/analysis/morph.py takes ``double_metaphone`` (whoosh.lang.dmetaphone), for a
  sound-alike filter, and whoosh/query/terms.py takes ``variations`` (whoosh.lang.morph_en,
  whose import compiles a regular expression of every English word ending), for the
  Variations query. searchidx uses neither.

The library never calls this: ``import searchidx`` changes nothing in the process. The CLI
(cli.main) wraps the imports of a read-only command in it; README "Performance" gives the
measured gain.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any


def _on_call(module: str, name: str) -> Callable[..., Any]:
    """``module.name``, imported on first call."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


def _md5() -> Callable[..., Any]:
    """The interpreter's own MD5 constructor, or hashlib's where it was built without one."""
    try:
        from _md5 import md5
    except ImportError:
        return _on_call("hashlib", "md5")
    return md5  # type: ignore[no-any-return]


def _stand_ins() -> dict[str, dict[str, dict[str, Any]]]:
    """Whoosh module -> {heavy module: {name: what that Whoosh module gets instead}}."""
    return {
        "whoosh.compat": {"urllib.request": {"urlretrieve": _on_call("urllib.request", "urlretrieve")},
                          "html": {"escape": _on_call("html", "escape")}},
        "whoosh.filedb.filetables": {"hashlib": {"md5": _md5()}},
        "whoosh.filedb.compound": {"shutil": {"copyfileobj": _on_call("shutil", "copyfileobj")}},
        "whoosh.analysis.morph": {
            "whoosh.lang.dmetaphone": {"double_metaphone": _on_call("whoosh.lang.dmetaphone", "double_metaphone")}},
        "whoosh.query.terms": {
            "whoosh.lang.morph_en": {"variations": _on_call("whoosh.lang.morph_en", "variations")}},
    }


class _StandInLoader:
    """A Whoosh module's own loader, run with the stand-ins in ``sys.modules``."""

    def __init__(self, loader: Any, stand_ins: dict[str, dict[str, Any]]) -> None:
        self.loader, self.stand_ins = loader, stand_ins

    def __getattr__(self, name: str) -> Any:  # get_source, is_package ...: the module's own loader
        return getattr(self.loader, name)

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        module.__loader__ = self.loader  # the module and its spec name its own loader, as usual
        if module.__spec__ is not None:
            module.__spec__.loader = self.loader
        placed = []
        for name, names in self.stand_ins.items():
            if name not in sys.modules:
                stand_in = sys.modules[name] = ModuleType(name)
                stand_in.__dict__.update(names)
                placed.append((name, stand_in))
        try:
            self.loader.exec_module(module)
        finally:
            for name, stand_in in placed:
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]


class _WhooshFinder:
    """Meta-path finder giving the Whoosh modules in ``_stand_ins()`` their stand-ins."""

    def __init__(self) -> None:
        self.pending = {name: s for name, s in _stand_ins().items() if name not in sys.modules}

    def find_spec(self, name: str, path: Sequence[str] | None, target: ModuleType | None = None) -> Any:
        stand_ins = self.pending.pop(name, None)
        if stand_ins is None:
            return None
        for finder in sys.meta_path:
            if finder is self:
                continue
            spec = finder.find_spec(name, path, target) if hasattr(finder, "find_spec") else None
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _StandInLoader(spec.loader, stand_ins)  # type: ignore[assignment]
                return spec
        return None


@contextmanager
def lean_engine_imports() -> Iterator[None]:
    """Whoosh modules first imported inside this block load without the heavy modules above."""
    finder = _WhooshFinder()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path[:] = [f for f in sys.meta_path if f is not finder]
