"""``--rebuild`` without a moment of no index: build beside the old index, then switch in one rename.

The new index (articles and, in its own ``statements/``, statements) is built in REBUILD_FOLDER
inside the index folder. To publish it, the articles' segment files move into the index folder,
where no table of contents names them yet, then one new table of contents naming only them
replaces the old one (Whoosh writes it to a temporary file and renames it): that rename is the
switch, and until it the old index is the index. The statements follow the same way.

The articles' table of contents is the record of what is indexed (as a batch commits them last,
writing.py), so a run that fails or is killed before the switch leaves the old index whole, and
the next run drops the folder. One stopped between the two switches leaves new articles with the
old statements (quotes stale, articles right): the next indexing run sees that the index's table
of contents is the built one and finishes the statements' switch (``recover``).

Whoosh internals used here (2.7.4): ``Index._read_toc``, ``TOC.read``, ``TOC._segment_pattern``,
``TOC._latest_generation``, ``TOC.write`` and ``whoosh.index.clean_files`` (whoosh/index.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from .choice import write_config
from .schema import INDEX_NAME, SCHEMA_VERSION, STATEMENTS_DIR
from .store import DAMAGE_ERRORS, index_exists, open_or_create, open_statements

# The folder, inside the index folder, where --rebuild builds the new index (a dot: a walk of
# the index's parent folder skips it, and Whoosh's clean-up never touches it).
REBUILD_FOLDER = ".rebuild"


def staging(target: Path) -> Path:
    return target / REBUILD_FOLDER


def publish(articles: Any, statements: Any, target: Path) -> None:
    """Make the index built in ``staging(target)`` (``articles``, ``statements``: its Whoosh
    indexes) the index at ``target``: the articles' switch, then the statements'."""
    folder = staging(target)
    _switch(articles._read_toc(), folder, target)  # the switch
    _describe(target)  # after: killed in between, an index of another version says "rebuild needed", never less
    _finish_statements(statements._read_toc(), folder, target)


def switched(target: Path) -> bool:
    """True when the index at ``target`` is the one built in its rebuild folder (the articles switched)."""
    folder = staging(target)
    if not (index_exists(folder) and index_exists(target)):
        return False
    try:
        return _segment_ids(_toc(folder)) == _segment_ids(_toc(target))
    except DAMAGE_ERRORS:  # an index of another version, or a damaged one: not the built one
        return False


def recover(target: Path) -> None:
    """What a stopped rebuild left: finish its statements' switch if the articles switched, else drop it."""
    folder = staging(target)
    if not folder.is_dir():
        return
    if switched(target) and index_exists(folder / STATEMENTS_DIR):
        _finish_statements(_toc(folder / STATEMENTS_DIR), folder, target)
    remove_folder(folder)


def reopen(target: Path) -> tuple[Any, Any]:
    return open_or_create(target), open_statements(target)


def remove_folder(folder: Path) -> None:
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)


def _finish_statements(toc: Any, folder: Path, target: Path) -> None:
    (target / STATEMENTS_DIR).mkdir(exist_ok=True)
    _switch(toc, folder / STATEMENTS_DIR, target / STATEMENTS_DIR)
    remove_folder(folder)


def _toc(folder: Path) -> Any:
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    return TOC.read(FileStorage(str(folder)), INDEX_NAME)


def _segment_ids(toc: Any) -> set[str]:
    return {segment.segment_id() for segment in toc.segments}


def _switch(toc: Any, source: Path, target: Path) -> None:
    """Move the segments ``toc`` names from ``source`` to ``target`` and name them in a new table of contents there."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC, clean_files

    names = _segment_ids(toc)
    pattern = TOC._segment_pattern(INDEX_NAME)
    for name in os.listdir(source):
        m = pattern.match(name)
        if m and m.group(1) in names:
            os.replace(source / name, target / name)
    storage = FileStorage(str(target))
    generation = TOC._latest_generation(storage, INDEX_NAME) + 1
    TOC(toc.schema, toc.segments, generation).write(storage, INDEX_NAME)
    clean_files(storage, INDEX_NAME, generation, toc.segments)


def _describe(target: Path) -> None:
    """The index folder's description, whole: a rebuild may replace an index of the other engine."""
    write_config(target, {"schema_version": SCHEMA_VERSION})
