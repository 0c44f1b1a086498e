"""Imports: `import searchidx` changes nothing else in the process, and a one-shot search loads
neither the extraction pipeline nor what Whoosh imports for work a search never does
(searchidx/_startup.py, used by the CLI only) - and leaves nothing of that trick behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from searchidx import _startup

# Modules a one-shot query must not import: the cleaner and extractor with their parsers, the
# indexing machinery, and the network stack Whoosh's compat module would pull in.
HEAVY = ("bs4", "lxml", "charset_normalizer", "searchidx.cleaning", "searchidx.extracting",
         "searchidx.cleaning.html", "searchidx.extracting.speakers", "searchidx.indexing", "searchidx.indexing.lock",
         "multiprocessing", "urllib.request", "http.client", "ssl", "hashlib", "_hashlib", "html",
         "whoosh.lang.dmetaphone", "whoosh.lang.morph_en", "whoosh.qparser")
# What the CLI imports for a read-only command, in the order it does.
QUERY_PATH = ("import sys, searchidx.cli, searchidx.index, searchidx.render; "
              "from searchidx._startup import lean_engine_imports\n"
              "with lean_engine_imports():\n    import searchidx.engine\n")


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_importing_the_library_changes_no_other_import() -> None:
    """No import hook left in sys.meta_path, no stand-in module anywhere: every loaded module is a
    real one, and click, dataclasses and inspect are bound to the real modules."""
    code = ("import sys; before = list(sys.meta_path); import searchidx; from searchidx import Index; "
            "assert sys.meta_path == before, sys.meta_path; "
            "import dataclasses, inspect, click.core; "
            "assert dataclasses.inspect is inspect and click.core.inspect is inspect; "
            "fake = [n for n, m in list(sys.modules.items()) if m is not None and getattr(m, '__spec__', 1) is None "
            "and n != '__main__']; assert not fake, fake; "
            "assert not [m for m in sys.modules if m.startswith('whoosh')]; print('ok')")
    assert _run(code) == "ok"


def test_query_path_imports_nothing_heavy() -> None:
    code = QUERY_PATH + f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    assert _run(code).split() == []


def test_the_light_start_leaves_no_hook_and_whoosh_works_in_full() -> None:
    """After the block: the finder is gone, later imports get the real modules, and each name the
    stood-in modules lent Whoosh behaves as the real one."""
    code = QUERY_PATH + (
        "from searchidx._startup import _WhooshFinder; "
        "assert not [f for f in sys.meta_path if isinstance(f, _WhooshFinder)], sys.meta_path; "
        "import hashlib, urllib.request, html, shutil; "
        "assert all(getattr(m, '__spec__', None) is not None for m in (hashlib, urllib.request, html, shutil)); "
        "import io, whoosh.filedb.compound as c; out = io.BytesIO(); "
        "c.copyfileobj(io.BytesIO(b'abc'), out); assert out.getvalue() == b'abc'; "
        "from whoosh.compat import htmlescape; assert htmlescape('<a & \"b\">') == '&lt;a &amp; &quot;b&quot;&gt;'; "
        "from whoosh.analysis import DoubleMetaphoneFilter, RegexTokenizer; "
        "assert [t.text for t in (RegexTokenizer() | DoubleMetaphoneFilter())('Lavrov')] == ['LFRF']; "
        "from whoosh.query import Variations; import whoosh.query.terms as terms; "
        "assert 'ministers' in terms.variations('minister'); "
        "import whoosh.filedb.filetables as t; assert hashlib.md5 is not t.md5; "
        "keys = [b'', b'\\x03body\\x00minist', 'Taschkent \u00fc'.encode(), bytes(range(256))]; "
        "assert [t.md5_hash(k) for k in keys] == [int(hashlib.md5(k).hexdigest(), 16) & 0xffffffff for k in keys]; "
        "print('ok')")
    assert _run(code) == "ok"


def test_the_finder_leaves_even_when_an_import_inside_fails() -> None:
    try:
        with _startup.lean_engine_imports():
            raise ImportError("a module of the command failed to import")
    except ImportError:
        pass
    assert not [f for f in sys.meta_path if isinstance(f, _startup._WhooshFinder)]


def test_commands_without_an_index_load_no_whoosh() -> None:
    """`searchidx extract` needs no Whoosh."""
    code = ("import sys, searchidx.cli, searchidx.read; "
            "print(sorted(m for m in sys.modules if m.startswith('whoosh')))")
    assert _run(code) == "[]"


def test_a_one_shot_query_through_the_cli_gives_the_library_s_hits(index_dir: Path) -> None:
    code = ("import sys; from searchidx.cli import main; "
            f"sys.argv = ['searchidx', 'query', 'foreign ministers', '--json', '--index', {str(index_dir)!r}]; main()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    from searchidx import Index

    with Index.open(index_dir) as ix:
        expected = [h.id for h in ix.search("foreign ministers").hits]
    import json

    assert [h["id"] for h in json.loads(out.stdout)["hits"]] == expected != []
