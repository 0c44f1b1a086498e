"""The query path stays light: `searchidx query` loads neither the extraction pipeline nor urllib."""

from __future__ import annotations

import subprocess
import sys

# Modules a one-shot query must not import: the cleaner and extractor with their parsers, the
# indexing machinery, and the network stack Whoosh's compat module would pull in.
HEAVY = ("bs4", "lxml", "charset_normalizer", "searchidx.read", "searchidx.clean", "searchidx.extract",
         "searchidx.htmlclean", "searchidx.speakers", "searchidx.index", "searchidx.corpus", "searchidx.lock",
         "multiprocessing", "hashlib", "urllib.request",
         "http.client", "ssl", "logging")


def test_query_path_imports_nothing_heavy() -> None:
    code = ("import sys, searchidx.cli, searchidx.search, searchidx.render; "
            f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == []


def test_whoosh_still_has_urlretrieve_and_urllib_loads_normally() -> None:
    code = ("import searchidx.search, whoosh.compat, urllib.request, sys; "
            "assert callable(whoosh.compat.urlretrieve); "
            "assert sys.modules['urllib.request'] is urllib.request and urllib.request.urlopen; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "ok"


def test_whoosh_word_variations_still_work() -> None:
    """whoosh.lang.morph_en is deferred, not gone: the Variations query and a direct import both work."""
    code = ("import searchidx.search, sys; from whoosh.query import Variations; "
            "assert type(sys.modules['whoosh.lang.morph_en']).__name__ == '_Deferred'; "
            "from whoosh.lang.morph_en import variations; "
            "assert 'ministers' in variations('minister'); "
            "import whoosh.lang.morph_en as m; assert m.variations('talk') and m.rules; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "ok"
