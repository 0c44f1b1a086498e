"""Import Whoosh without the ~25 ms it spends loading modules a search never uses.

whoosh/compat.py (2.7.4) runs ``from urllib.request import urlretrieve`` only to re-export
the name; no Whoosh module calls it. urllib.request drags in http.client, email, ssl and
socket, a fifth of a one-shot query's time. For the one statement that imports
whoosh.compat, ``urllib.request`` is a placeholder whose ``urlretrieve`` imports the real
function when called and whose every other attribute loads the real module; the
placeholder leaves ``sys.modules`` as soon as whoosh.compat is loaded, so any later
``import urllib.request`` (ours, Whoosh's or a user's) gets the real module. If anything
else already loaded urllib.request, nothing is done.

Likewise whoosh/query/terms.py imports ``variations`` from whoosh.lang.morph_en, whose
import compiles a regular expression of every English word ending (5 ms), for the
Variations query, which searchidx never builds. Until something uses it, that module is a
placeholder whose ``variations`` loads the real one when called.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_NAME = "urllib.request"


class _Placeholder(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probing (__path__ ...): not a package
            raise AttributeError(name)
        if sys.modules.get(_NAME) is self:
            del sys.modules[_NAME]
        return getattr(importlib.import_module(_NAME), name)


def urlretrieve(*args: Any, **kwargs: Any) -> Any:
    """urllib.request.urlretrieve, imported on first call."""
    from urllib.request import urlretrieve as real

    return real(*args, **kwargs)


_MORPH = "whoosh.lang.morph_en"


class _Deferred(types.ModuleType):
    """A module that loads the real one (and leaves ``sys.modules`` to it) on first use."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


def variations(word: str) -> Any:
    """whoosh.lang.morph_en.variations, imported on first call."""
    module = sys.modules.get(_MORPH)
    if isinstance(module, _Deferred):
        del sys.modules[_MORPH]
    return importlib.import_module(_MORPH).variations(word)


def load() -> None:
    """Import whoosh.compat with urllib.request deferred, and defer whoosh.lang.morph_en.

    Each is a no-op if the module concerned is already loaded.
    """
    if _MORPH not in sys.modules and "whoosh.query" not in sys.modules:
        morph = _Deferred(_MORPH)
        morph.variations = variations  # type: ignore[attr-defined]
        sys.modules[_MORPH] = morph
    if "whoosh.compat" in sys.modules or _NAME in sys.modules:
        return
    placeholder = _Placeholder(_NAME)
    placeholder.urlretrieve = urlretrieve  # type: ignore[attr-defined]
    sys.modules[_NAME] = placeholder
    try:
        importlib.import_module("whoosh.compat")
    finally:
        if sys.modules.get(_NAME) is placeholder:
            del sys.modules[_NAME]
