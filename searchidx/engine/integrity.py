"""Reading a whole index back (articles and statements): every term, posting block, length and column.

``searchidx check`` must fail where a query would. Reading the stored documents alone passed
an index whose postings were truncated or overwritten, or whose lengths file was gone, while
every query on it then failed (issue 15). Here every part a query reads is read and checked
against what the rest of the index says: each term's posting blocks decode (a zlib'd block
carries a checksum), their document numbers rise and stay inside the segment, their count is
the term's document frequency, each position list decodes to as many positions as its weight
says, and each scored field that holds words has its lengths.

Whoosh 2.7.4's posting reader (W3LeafMatcher) is read block by block, as accumulate.py does.
"""

from __future__ import annotations

import json
from itertools import accumulate
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher

from .store import (
    damage_as_error, length_bytes, open_or_create, open_statements, retrying_vanished, stored_path, unpack_text,
)


def read_back(d: Path) -> tuple[dict[str, dict[str, str]], int]:
    """path -> {document id: signature} for every stored document, after reading the whole index
    back; IndexDamaged if any part of it cannot be read.

    A commit landing meanwhile (``check`` beside a running ``index``) may delete a table of contents
    or segment being read: the whole read starts again, as opening an index does (OPEN_ATTEMPTS);
    a file that stays missing is damage."""
    with damage_as_error(d):
        return retrying_vanished(lambda: _read_back(d))


def _read_back(d: Path) -> tuple[dict[str, dict[str, str]], int]:
    indexed: dict[str, dict[str, str]] = {}
    ix = open_or_create(d)
    with ix.reader() as reader:
        count = 0
        for fields in reader.all_stored_fields():
            unpack_text(fields["blob"])
            indexed.setdefault(stored_path(fields), {})[fields["id"]] = fields.get("sig", "")
            count += 1
        if count != reader.doc_count():
            raise ValueError(f"{count} stored documents, {reader.doc_count()} live")
        ids = {t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon("id")}
        if len(ids) < count:
            raise ValueError(f"{count - len(ids)} documents missing from the id index")
        read_whole(reader)
    with open_statements(d).reader() as reader:
        for fields in reader.all_stored_fields():
            json.loads(fields["blob"])
        read_whole(reader)
    return indexed, count


def read_whole(reader: Any) -> None:
    """Read every segment of ``reader`` back; ValueError saying what is wrong if any part is damaged."""
    for leaf, _ in reader.leaf_readers():
        try:
            _segment(leaf)
        except Exception as err:
            if type(err) is Exception:  # Whoosh's own format errors ("Block tag error") are bare Exceptions
                raise ValueError(str(err)) from None
            raise


def _segment(leaf: Any) -> None:
    count = leaf.doc_count_all()
    perdoc = getattr(leaf, "_perdoc", None)
    for fieldname, field in leaf.schema.items():
        if field.column_type and leaf.has_column(fieldname):
            values = list(leaf.column_reader(fieldname, translate=False))
            if len(values) != count:
                raise ValueError(f"the {fieldname} column holds {len(values)} values for {count} documents")
        elif field.column_type and field.unique and count:  # every document has one: the file is gone
            raise ValueError(f"the {fieldname} column is missing")
        if not field.indexed:
            continue
        if field.scorable and leaf.field_length(fieldname) and perdoc is not None \
                and length_bytes(perdoc, fieldname) is None:
            raise ValueError(f"the lengths of the {fieldname} field are missing")
        positions = field.format.supports("positions")
        for btext in leaf.lexicon(fieldname):
            _postings(leaf, fieldname, btext, field, count, positions)


def _postings(leaf: Any, fieldname: str, btext: bytes, field: Any, count: int, positions: bool) -> None:
    info = leaf.term_info(fieldname, btext)
    # The raw postings, deleted documents included (SegmentReader.postings leaves those out).
    m = (leaf._terms.matcher(fieldname, btext, field.format) if hasattr(leaf, "_terms")
         else leaf.postings(fieldname, btext))
    ids: list[int] = []
    if type(m) is not W3LeafMatcher:  # another codec: read it posting by posting
        ids.extend(m.all_ids())
        _check_ids(fieldname, btext, ids, info.doc_frequency(), count)
        return
    while m.is_active():
        m._read_data()
        block_ids = m._data[0] if m._byteids else tuple(accumulate(m._data[0]))
        if len(block_ids) != m._blocklength or (block_ids and block_ids[-1] != m._maxid):
            raise ValueError(f"a posting block of {fieldname}:{btext!r} does not match its header")
        m._read_weights()
        if len(m._weights) != len(block_ids):
            raise ValueError(f"a posting block of {fieldname}:{btext!r} has {len(m._weights)} weights")
        if positions and not m._compression:  # a zlib'd block carries a checksum; a raw one is checked here
            m._read_values()
            for value, weight in zip(m._values, m._weights):
                if len(field.format.decode_positions(value)) != round(weight / field.format.field_boost):
                    raise ValueError(f"a position list of {fieldname}:{btext!r} does not match its weight")
        ids.extend(block_ids)
        m._next_block()
    _check_ids(fieldname, btext, ids, info.doc_frequency(), count)


def _check_ids(fieldname: str, btext: bytes, ids: list[int], df: int, count: int) -> None:
    if len(ids) != df:
        raise ValueError(f"{fieldname}:{btext!r} has {len(ids)} postings, its dictionary says {df}")
    if any(b <= a for a, b in zip(ids, ids[1:])) or (ids and not 0 <= ids[0] <= ids[-1] < count):
        raise ValueError(f"the postings of {fieldname}:{btext!r} name documents out of order or out of range")
