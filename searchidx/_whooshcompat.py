"""Import Whoosh without the ~20 ms it spends loading urllib.request for a function it never calls.

whoosh/compat.py (2.7.4) runs ``from urllib.request import urlretrieve`` only to re-export
the name; no Whoosh module calls it. urllib.request drags in http.client, email, ssl and
socket, a fifth of a one-shot query's time. For the one statement that imports
whoosh.compat, ``urllib.request`` is a placeholder whose ``urlretrieve`` imports the real
function when called and whose every other attribute loads the real module; the
placeholder leaves ``sys.modules`` as soon as whoosh.compat is loaded, so any later
``import urllib.request`` (ours, Whoosh's or a user's) gets the real module. If anything
else already loaded urllib.request, nothing is done.
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


def load() -> None:
    """Import whoosh.compat with urllib.request deferred (a no-op if either is already loaded)."""
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
