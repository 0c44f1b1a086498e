"""The query path stays light: `searchidx query` loads neither the extraction pipeline nor the modules
Whoosh, pathlib and click import for work a search never does (searchidx/_whooshcompat.py)."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from searchidx import _whooshcompat

# Modules a one-shot query must not import: the cleaner and extractor with their parsers, the
# indexing machinery, and the network stack Whoosh's compat module would pull in.
HEAVY = ("bs4", "lxml", "charset_normalizer", "searchidx.read", "searchidx.clean", "searchidx.extract",
         "searchidx.clean.html", "searchidx.extract.speakers", "searchidx.index", "searchidx.corpus", "searchidx.lock",
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


def _run(code: str, *, bare: bool = False) -> str:
    """Run ``code`` in a new interpreter; ``bare``: without site's start-up hooks (an editable
    install's loads pathlib first), this checkout and the installed packages on the path."""
    cmd, env = [sys.executable, "-c", code], None
    if bare:
        root = Path(__file__).resolve().parent.parent
        cmd.insert(1, "-S")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), sysconfig.get_paths()["purelib"]])}
    return subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout.strip()


# Standard modules Whoosh, pathlib or click import for what a search never does (see _whooshcompat),
# and Whoosh's query parser, which a query of plain words does without (query._plain_words).
UNUSED_BY_A_SEARCH = ("hashlib", "_hashlib", "tempfile", "shutil", "html", "random", "queue", "calendar",
                      "urllib.parse", "inspect", "whoosh.lang.dmetaphone", "whoosh.qparser")


def test_a_search_loads_no_unused_module_and_whoosh_hashes_as_with_hashlib(index_dir: Path) -> None:
    """Whoosh's term tables hash with the interpreter's own MD5 (no OpenSSL), to the same values."""
    code = (f"import sys; import searchidx.cli; from searchidx import Index; "
            f"hits = Index.open({str(index_dir)!r}).search('foreign ministers').hits; assert hits; "
            f"loaded = [m for m in {UNUSED_BY_A_SEARCH!r} if m in sys.modules]; assert not loaded, loaded; "
            "import hashlib, whoosh.filedb.filetables as t; assert hashlib.md5 is not t.md5; "
            "keys = [b'', b'\\x03body\\x00minist', 'Taschkent \u00fc'.encode(), bytes(range(256))]; "
            "assert [t.md5_hash(k) for k in keys] == [int(hashlib.md5(k).hexdigest(), 16) & 0xffffffff for k in keys]; "
            "print('ok')")
    assert _run(code, bare=True) == "ok"


def test_stand_ins_leave_once_whoosh_is_loaded() -> None:
    """The import hook goes once its Whoosh modules are loaded; later imports get the real modules."""
    code = ("import sys, searchidx, searchidx.search; import whoosh.codec.whoosh3; "
            "assert not [f for f in sys.meta_path if 'StandIn' in type(f).__name__], sys.meta_path; "
            "import hashlib, urllib.request; "
            "assert type(hashlib).__name__ == 'module' and hashlib.sha256(b'x').hexdigest(); "
            "assert type(urllib.request).__name__ == 'module'; "
            "import io, whoosh.filedb.compound as c, whoosh.filedb.filestore as fs; out = io.BytesIO(); "
            "c.copyfileobj(io.BytesIO(b'abc'), out); assert out.getvalue() == b'abc'; "
            "assert fs.tempfile.gettempdir() and sys.modules['tempfile'].mkdtemp; "
            "from whoosh.compat import htmlescape; assert htmlescape('<a & \"b\">') == '&lt;a &amp; &quot;b&quot;&gt;'; "
            "import html.entities; "
            "from whoosh.analysis import DoubleMetaphoneFilter, RegexTokenizer; "
            "assert [t.text for t in (RegexTokenizer() | DoubleMetaphoneFilter())('Lavrov')] == ['LFRF']; "
            "import whoosh.util, whoosh.util.times as wt; assert len(whoosh.util.random_name(8)) == 8; "
            "assert wt.adatetime(2024, 2).ceil().day == 29; "
            "assert type(sys.modules['random']).__name__ == 'module'; "
            "import pathlib; assert pathlib.Path('/tmp/a b').as_uri() == 'file:///tmp/a%20b'; print('ok')")
    assert _run(code) == "ok"


def test_commands_without_an_index_load_no_whoosh() -> None:
    """`searchidx extract` needs no Whoosh: only the deferred word-variations stand-in is there."""
    code = ("import sys, searchidx.cli, searchidx.read; "
            "print(sorted(m for m, mod in sys.modules.items() if m.startswith('whoosh') and type(mod).__name__ == 'module'))")
    assert _run(code) == "[]"


def test_english_stemmer_comes_without_the_other_languages_and_stems_as_before() -> None:
    """The index's analyzer gets Porter2 from the English module alone, the class the full package has."""
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    code = (
        "import sys, pathlib, searchidx; from searchidx.schema import text_analyzer; "
        f"text = ' '.join(p.read_text(encoding='utf-8') for p in sorted(pathlib.Path({str(corpus)!r}).rglob('*.*')))[:300_000]; "
        "lazy = [(t.text, t.pos) for t in text_analyzer()(text, positions=True)]; "
        "loaded = sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('whoosh.lang.snowball.')); "
        "assert loaded == ['bases', 'english'], loaded; "
        "import whoosh.lang.snowball as sb; from whoosh.lang import stemmer_for_language; sb.DanishStemmer; "
        "assert type(sb.classes) is dict and len(sb.classes) == 14 and stemmer_for_language('fr')('nationales'); "
        "from whoosh.lang.snowball.english import EnglishStemmer; assert sb.classes['en'] is sb.EnglishStemmer is EnglishStemmer; "
        "import searchidx.schema as schema; schema._STEMS.clear(); "
        "full = [(t.text, t.pos) for t in text_analyzer()(text, positions=True)]; "
        "assert len(lazy) > 1000 and lazy == full; "
        "stem = EnglishStemmer().stem; words = set(text.lower().split()); "
        "assert all(stem(w) == stemmer_for_language('en')(w) for w in words); print('ok')"
    )
    assert _run(code) == "ok"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x0c\u00a0\u2003ab.:-"), max_size=12) | st.text(max_size=12))
def test_cleandoc_stand_in_is_inspects(doc: str) -> None:
    assert _whooshcompat._cleandoc(doc) == inspect.cleandoc(doc)
