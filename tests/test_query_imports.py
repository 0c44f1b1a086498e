"""The query path stays light: `searchidx query` loads neither the extraction pipeline nor urllib."""

from __future__ import annotations

import subprocess
import sys

# Modules a one-shot query must not import: the cleaner and extractor with their parsers, the
# indexing machinery, and the network stack Whoosh's compat module would pull in.
HEAVY = ("bs4", "lxml", "charset_normalizer", "searchidx.read", "searchidx.clean", "searchidx.extract",
         "searchidx.htmlclean", "searchidx.speakers", "searchidx.index", "searchidx.corpus", "searchidx.lock",
         "multiprocessing", "hashlib", "urllib.request",
         "http.client", "ssl")


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
