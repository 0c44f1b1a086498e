"""Whoosh's SegmentWriter, with the per-posting costs of writing a segment taken out.

Each is Whoosh's own work, done in bulk:

- body and title words are analysed by ``NewsWordFilter.index_positions``, which remembers
  each word's analysis, instead of token by token through the analyzer chain;
- postings are kept grouped by term (postings.TermPool), so finishing the segment sorts
  terms, not postings, and a spill to disk is a few large pickles;
- finishing hands each term's postings to Whoosh's block writer a block at a time, each
  document's field length read from a list made once per field, where Whoosh seeks and reads
  it from the lengths column it has just written, once per posting.

The segment holds the same terms, statistics and postings as Whoosh's writer's, and every
file but two is byte-identical (tests/indexing/test_run.py). The postings and term files are smaller:
blocks are pickled with protocol 5 (_PostingsWriter), a position list shared by several
postings is pickled once per block, and a block of one posting is stored uncompressed, as
Whoosh meant to do with small blocks.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import MutableSequence
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3PostingsWriter
from whoosh.columns import PickleColumn
from whoosh.formats import Positions
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter as _WhooshSegmentWriter

from .postings import TermPool
from .analysis import news_words
from .store import length_bytes


# Posting blocks' pickle protocol: 5 has an opcode for bytes, which protocol 2 (Whoosh's) lacks.
BLOCK_PROTOCOL = 5


class SegmentWriter(_WhooshSegmentWriter):
    """A drop-in SegmentWriter for this project's schema (any schema works, only slower)."""

    def __init__(self, ix: Any, *, limitmb: float = 128, **kwargs: Any) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        # Whoosh's own pool and loops for schemas with what this writer does not do (spelling, vectors).
        self._plain = any(f.separate_spelling() or f.vector for _, f in self.schema.items())
        if not self._plain:
            self.pool = TermPool(self._tempstorage, limitmb)
        self._words = {name: news_words(field) for name, field in self.schema.items()}
        stored = getattr(self.perdocwriter, "_colwriters", {}).get("_stored")
        if type(stored) is PickleColumn.Writer:
            stored.__class__ = _StoredFieldsWriter

    def add_document(self, **fields: Any) -> None:
        self.add_fields(fields)

    def add_fields(self, fields: dict[str, Any]) -> None:
        """add_document, consuming ``fields``: a value only analysed (the body) is dropped from it once
        its postings are made, so that a 64 MB body is not held while the stored fields are pickled."""
        # whoosh.writing.SegmentWriter.add_document (2.7.4), less spelling words and vectors.
        if self._plain:
            return super().add_document(**fields)  # type: ignore[no-any-return]
        self._check_state()
        schema, pdw, add_terms, docnum = self.schema, self.perdocwriter, self.pool.add_terms, self.docnum
        docboost = self._doc_boost(fields)
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        pdw.start_doc(docnum)
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                boost = self._field_boost(fields, name, docboost)
                words = self._words[name]
                if words is not None and isinstance(value, str):
                    items, length = _positions_postings(words.index_positions(value), field.format, boost)
                else:
                    items = []
                    for tbytes, freq, weight, vbytes in field.index(value):
                        items.append((tbytes, weight * boost, vbytes))
                        length += freq
                if not field.scorable:
                    length = 0
                add_terms(name, docnum, items)
            stored = fields.get(f"_stored_{name}", value)
            pdw.add_field(name, field, stored if field.stored else None, length)
            column = field.column_type
            if column and stored is not None:
                pdw.add_column_value(name, column, field.to_column_value(stored))
            if not (field.stored or column):
                del fields[name]
                value = stored = None
        pdw.finish_doc()
        self._added = True
        self.docnum += 1
        return None

    def _flush_segment(self) -> None:
        # whoosh.writing.SegmentWriter._flush_segment with FieldWriter.add_postings (2.7.4) inlined.
        if self._plain:
            return super()._flush_segment()  # type: ignore[no-any-return]
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        fw = self.fieldwriter
        start_term, add, finish_term = fw.start_term, fw.add, fw.finish_term
        for fieldname, terms in self.pool.fields():
            fw.start_field(fieldname, self.schema[fieldname])
            pw: Any = getattr(fw, "_postwriter", None)
            bulk = type(pw) is W3PostingsWriter
            if bulk:
                pw.__class__ = _PostingsWriter
            level = pw._compression if bulk else 0
            dfl = _lengths(pdr, fieldname)
            for tbytes, postings in terms:
                start_term(tbytes)
                if bulk:
                    # A one-posting block grows when zlib'd (by 6% on Reuters): stored as it is, as
                    # Whoosh means to do with small blocks. Each block records its own compression.
                    pw._compression = 0 if len(postings) == 3 else level
                    _add_w3_postings(pw, postings, dfl)
                else:
                    for i in range(0, len(postings), 3):
                        docnum, value = postings[i], postings[i + 2]
                        add(docnum, postings[i + 1], b"" if value is None else value, dfl[docnum] if dfl else 0)
                finish_term()
            fw.finish_field()
        fw.close()
        if pdr:
            pdr.close()


class _PostingsWriter(W3PostingsWriter):
    """Whoosh's block writer, its blocks pickled with protocol 5 instead of 2.

    Protocol 2 has no opcode for bytes, so each posting's position list was pickled as a call
    to ``_codecs.encode`` on a latin-1 string: on Reuters, reading a body block took 38 µs, 35 of
    them for those calls, and zlib'd blocks were 45% larger. Any Whoosh reader loads either.
    """

    def _write_block(self, last: bool = False) -> None:
        # whoosh.codec.whoosh3.W3PostingsWriter._write_block (2.7.4), the data pickled with protocol 5.
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        databytes = pickle.dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), BLOCK_PROTOCOL)
        comp = self._compression
        if comp:
            databytes = zlib.compress(databytes, comp)
        ids = self._ids
        infobytes = pickle.dumps((len(ids), ids[-1], self._maxweight, comp, length_to_byte(self._minlength),
                                  length_to_byte(self._maxlength)), 2)
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class _StoredFieldsWriter(PickleColumn.Writer):
    """Whoosh's stored-fields writer (PickleColumn.Writer, 2.7.4), pickling a document that holds bytes
    (a large stored text: writing._stored_text) with protocol 5, which stores bytes as they are;
    protocol 2 would make them a call to _codecs.encode on a latin-1 string. Any reader loads either."""

    def add(self, docnum: int, v: Any) -> None:
        protocol = 5 if v and any(isinstance(x, bytes) for x in v.values()) else 2
        self._child.add(docnum, pickle.dumps(v, protocol) if v is not None else b"")


def _add_w3_postings(pw: Any, postings: list[Any], dfl: list[int | None] | None) -> None:
    """One term's postings into Whoosh 2.7.4's W3PostingsWriter, a block at a time: what its
    add_posting does one posting at a time (a full block is written before the next posting
    goes in; no value and no length are not recorded), without per-posting calls and checks."""
    ids, weights, values = postings[0::3], postings[1::3], postings[2::3]
    limit = pw._blocklimit
    for start in range(0, len(ids), limit):
        if start:
            pw._write_block()
        end = start + limit
        block_ids = ids[start:end]
        block_weights = weights[start:end]
        pw._ids.extend(block_ids)
        pw._weights.extend(block_weights)
        pw._maxweight = max(pw._maxweight, *block_weights)
        pw._values.extend(v for v in values[start:end] if v)
        if dfl:
            lengths = [n for n in (dfl[d] for d in block_ids) if n]
            if lengths:
                pw._minlength = min(lengths) if pw._minlength is None else min(pw._minlength, *lengths)
                pw._maxlength = max(pw._maxlength, *lengths)


def _positions_postings(
    terms: dict[bytes, MutableSequence[int]], fmt: Positions, boost: float
) -> tuple[list[tuple[bytes, float, bytes]], int]:
    """(term, weight, value) postings as Positions.word_values and add_document make them,
    and the field's length (words kept)."""
    encode, single, fb = fmt.encode, _SINGLE, fmt.field_boost
    items = []
    length = 0
    for tbytes, poses in terms.items():
        n = len(poses)
        length += n
        if n == 1:  # most terms: their one position's encoding is remembered
            value = single.get(poses[0])
            if value is None:
                value = encode(poses)
                if poses[0] < SINGLE_MAX:
                    single[poses[0]] = value
        else:
            value = encode(poses)
        items.append((tbytes, float(n) * fb * boost, value))
    return items, length


# Positions.encode([pos]) by pos, for the first SINGLE_MAX positions (a news article's words;
# a 64 MB text file has millions of positions, each a separate entry here if remembered).
SINGLE_MAX = 65_536
_SINGLE: dict[int, bytes] = {}


def _lengths(reader: Any, fieldname: str) -> list[int | None] | None:
    """Each document's length in a just-written segment's field, read once; None when nothing
    stores one (read as 0)."""
    stored = length_bytes(reader, fieldname) if reader is not None else None
    if stored is None:
        return None
    # As W3PerDocReader.doc_field_length: a zero length byte reads as None, not 0.
    return [byte_to_length(b) if b else None for b in stored]
