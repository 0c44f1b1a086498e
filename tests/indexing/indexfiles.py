"""What the indexing tests look for in an index folder (shared by the rebuild and write-error tests)."""

from __future__ import annotations

from pathlib import Path


def orphans(index: Path) -> set[str]:
    """Files in the index folder and its statements folder that are neither the index's own (lock,
    version, name book) nor named by their table of contents."""
    from whoosh import index as windex

    from searchidx.engine.groups import GROUPS_FILE
    from searchidx.indexing.duplicates import PRINTS_FILE

    found = set()
    for folder, prefix in ((index, ""), (index / "statements", "statements/")):
        toc = windex.open_dir(str(folder), indexname="searchidx")._read_toc()
        live = {s.segment_id() for s in toc.segments}
        own = {"writer.lock", "searchidx.json", "searchidx_WRITELOCK", f"_searchidx_{toc.generation}.toc",
               "statements", "searchidx-names.json", GROUPS_FILE, PRINTS_FILE}
        found |= {prefix + p.name for p in folder.iterdir() if p.name not in own and p.name.split(".")[0] not in live}
    return found
