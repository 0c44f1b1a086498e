"""Import Whoosh (and pathlib, click) without the standard-library modules a search never uses.

Some Whoosh modules import a heavy module only to re-export or keep one name that a
search never calls. While such a Whoosh module executes, the heavy module is a
*stand-in*: a module whose listed names are cheap equivalents and whose every other
attribute loads the real module. The stand-in leaves ``sys.modules`` as soon as that
Whoosh module is loaded, so any later import (ours, Whoosh's or a user's) gets the real
module; if the real one is already loaded, nothing is stood in. An import hook applies
this when each of those Whoosh modules is first imported, by whatever code, so commands
that never touch Whoosh (``searchidx extract``) load none of it.

- whoosh/compat.py (2.7.4) runs ``from urllib.request import urlretrieve`` only to
  re-export the name; no Whoosh module calls it. urllib.request drags in http.client,
  email, ssl and socket, a fifth of a one-shot query's time. It also takes ``escape``
  from html, whose import loads the table of HTML5 entities (1.3 ms), for Whoosh's
  HTML highlighter, which searchidx does not use.
- whoosh/filedb/filetables.py imports ``md5`` from hashlib, which loads OpenSSL's
  bindings (2.8 ms); the interpreter's own ``_md5`` gives the same digests.
- whoosh/filedb/filestore.py imports tempfile and whoosh/filedb/compound.py
  ``copyfileobj`` from shutil (with bz2 and lzma: 2.4 ms together), for temporary
  storages and compound files, which only a writer makes.
- Smaller ones (1.7 ms together): random for names of new segments, cache eviction and
  clustering; queue for the multiprocessing writer; calendar for date arithmetic in
  date-range parsing; Double Metaphone (whoosh.lang.dmetaphone) for its sound-alike filter.
- Not Whoosh, but on the same path: pathlib imports ``quote_from_bytes`` from urllib.parse
  (2.2 ms with ipaddress) for Path.as_uri, which searchidx never calls; click and
  dataclasses import inspect (with ast, dis and tokenize: 5 ms), of which a query uses
  only ``cleandoc``, on one-line option help. The hook is in place before cli.py first
  imports them.

whoosh.lang.snowball, the one package treated differently, runs its ``__init__`` (every
language's stemmer) only when a name it defines is asked for; English comes alone.

Separately, whoosh/query/terms.py imports ``variations`` from whoosh.lang.morph_en, whose
import compiles a regular expression of every English word ending (5 ms), for the
Variations query, which searchidx never builds. Until something uses it, that module is a
stand-in whose ``variations`` loads the real one when called.
"""

from __future__ import annotations

import functools
import importlib
import sys
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any


class _Deferred(types.ModuleType):
    """A module that loads the real one (and leaves ``sys.modules`` to it) on first use."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probing (__path__ ...): not a package
            raise AttributeError(name)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


def _on_call(module: str, name: str) -> Callable[..., Any]:
    """``module.name``, imported on first call."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


def _md5() -> Callable[..., Any] | None:
    """The interpreter's own MD5 constructor; None where it was built without one."""
    try:
        from _md5 import md5
    except ImportError:
        return None
    return md5  # type: ignore[no-any-return]


StandIns = dict[str, dict[str, Any]]  # heavy module -> {name: cheap equivalent}

# Modules that import inspect (ast, dis, tokenize: 5 ms) and, while a query runs, call only its
# cleandoc, on one-line option help texts (or nothing of it: dataclasses asks for a signature
# only for a class without a docstring).
_CLEANDOC_USERS = ("click.core", "click.decorators", "click.termui", "dataclasses")


def _cleandoc(doc: str) -> str:
    """inspect.cleandoc, without importing inspect for a line that needs no cleaning."""
    if "\n" in doc or doc[:1].isspace():
        import inspect

        return inspect.cleandoc(doc)
    return doc.expandtabs()


def _hooks() -> dict[str, Callable[[Any], Any]]:
    """Whoosh module -> how to wrap its loader: stand-ins while it executes, or a lazy package."""
    md5 = _md5()
    stand_ins: dict[str, StandIns] = {
        "whoosh.compat": {"urllib.request": {"urlretrieve": _on_call("urllib.request", "urlretrieve")},
                          "html": {"escape": _on_call("html", "escape")}, "queue": {}},
        "whoosh.filedb.filetables": {"hashlib": {"md5": md5}} if md5 else {},
        "whoosh.filedb.filestore": {"tempfile": {}},
        "whoosh.filedb.compound": {"shutil": {"copyfileobj": _on_call("shutil", "copyfileobj")}},
        "whoosh.util": {"random": {}},
        "whoosh.util.cache": {"random": {}},
        "whoosh.classify": {"random": {}},
        "whoosh.util.times": {"calendar": {}},
        "whoosh.analysis.morph": {
            "whoosh.lang.dmetaphone": {"double_metaphone": _on_call("whoosh.lang.dmetaphone", "double_metaphone")}},
        "pathlib": {"urllib.parse": {"quote_from_bytes": _on_call("urllib.parse", "quote_from_bytes")}},
        **{name: {"inspect": {"cleandoc": _cleandoc}} for name in _CLEANDOC_USERS},
    }
    hooks: dict[str, Callable[[Any], Any]] = {
        name: functools.partial(_StandInLoader, stand_ins=heavy) for name, heavy in stand_ins.items()
    }
    hooks[_SNOWBALL] = _EnglishFirstLoader
    return hooks


class _WrappedLoader:
    """A module's own loader, doing something around its work."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def __getattr__(self, name: str) -> Any:  # get_source, is_package ...: the module's own loader
        return getattr(self.loader, name)

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def _adopt(self, module: types.ModuleType) -> None:
        module.__loader__ = self.loader  # the module and its spec name its own loader, as usual
        if module.__spec__ is not None:
            module.__spec__.loader = self.loader


class _StandInLoader(_WrappedLoader):
    """Runs a module's own loader with the stand-ins in ``sys.modules``."""

    def __init__(self, loader: Any, stand_ins: StandIns) -> None:
        super().__init__(loader)
        self.stand_ins = stand_ins

    def exec_module(self, module: types.ModuleType) -> None:
        self._adopt(module)
        placed = []
        for name, names in self.stand_ins.items():
            if name not in sys.modules:
                stand_in = sys.modules[name] = _Deferred(name)
                stand_in.__dict__.update(names)
                placed.append((name, stand_in))
        try:
            self.loader.exec_module(module)
        finally:
            for name, stand_in in placed:
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]


_SNOWBALL = "whoosh.lang.snowball"


class _EnglishFirstLoader(_WrappedLoader):
    """whoosh.lang.snowball, whose ``__init__`` runs when a name it defines is first asked for.

    That ``__init__`` imports the stemmers of all fourteen languages (2 ms) to fill
    ``classes``, which whoosh.lang.stemmer_for_language reads; searchidx stems English only.
    Until then the package holds a ``classes`` whose "en" imports the English module alone:
    the same module and class the full package would give.
    """

    def exec_module(self, module: types.ModuleType) -> None:
        self._adopt(module)
        module.classes = _EnglishFirst(module, self.loader)  # type: ignore[attr-defined]
        module.__getattr__ = functools.partial(_complete_then_get, module, self.loader)  # type: ignore[method-assign]


def _complete(module: types.ModuleType, loader: Any) -> None:
    """Run the package's own ``__init__`` in it, if not yet done."""
    if isinstance(module.__dict__.get("classes"), _EnglishFirst):
        del module.__dict__["classes"], module.__dict__["__getattr__"]
        loader.exec_module(module)


def _complete_then_get(module: types.ModuleType, loader: Any, name: str) -> Any:
    """The package's module ``__getattr__`` (PEP 562) until its ``__init__`` has run."""
    _complete(module, loader)
    return getattr(module, name)


class _EnglishFirst(Mapping[str, Any]):
    """whoosh.lang.snowball.classes, built only if a language other than English is asked for."""

    def __init__(self, module: types.ModuleType, loader: Any) -> None:
        self.module = module
        self.loader = loader

    def _all(self) -> Any:
        _complete(self.module, self.loader)
        return self.module.classes

    def __getitem__(self, lang: str) -> Any:
        if lang == "en" and self.module.classes is self:  # type: ignore[attr-defined]
            return importlib.import_module(f"{self.module.__name__}.english").EnglishStemmer
        return self._all()[lang]

    def __contains__(self, lang: object) -> bool:
        return lang == "en" or lang in self._all()

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


class _WhooshFinder:
    """Meta-path finder for the Whoosh modules in ``_hooks()``; leaves once all are loaded."""

    def __init__(self) -> None:
        self.pending = {name: wrap for name, wrap in _hooks().items() if name not in sys.modules}

    def find_spec(self, name: str, path: Sequence[str] | None, target: types.ModuleType | None = None) -> Any:
        wrap = self.pending.pop(name, None)
        if wrap is None:
            return None
        if not self.pending:  # a new list: the import system may be iterating the current one
            sys.meta_path = [f for f in sys.meta_path if f is not self]
        for finder in sys.meta_path:
            if finder is self:
                continue
            spec = finder.find_spec(name, path, target) if hasattr(finder, "find_spec") else None
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    # A loader by protocol: importlib.abc.Loader would import importlib.resources.
                    spec.loader = wrap(spec.loader)
                return spec
        return None


_MORPH = "whoosh.lang.morph_en"


def variations(word: str) -> Any:
    """whoosh.lang.morph_en.variations, imported on first call."""
    module = sys.modules.get(_MORPH)
    if isinstance(module, _Deferred):
        del sys.modules[_MORPH]
    return importlib.import_module(_MORPH).variations(word)


def load() -> None:
    """Stand in for heavy modules while Whoosh loads, and defer whoosh.lang.morph_en.

    Each is a no-op for a module already loaded; calling it again does nothing more.
    """
    if _MORPH not in sys.modules and "whoosh.query" not in sys.modules:
        morph = _Deferred(_MORPH)
        morph.variations = variations  # type: ignore[attr-defined]
        sys.modules[_MORPH] = morph
    if any(isinstance(f, _WhooshFinder) for f in sys.meta_path):
        return
    finder = _WhooshFinder()
    if finder.pending:
        sys.meta_path.insert(0, finder)  # type: ignore[arg-type]
