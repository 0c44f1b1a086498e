"""Query text -> a Whoosh query: the user's operators, field names, filters and ranking tiers.

A query string is parsed with the user's operators (quotes, AND/OR/NOT, ``field:value``,
ranges) over title, body, speakers and dateline. A short list of words gets an
all-words tier ranked above partial matches; NOT always excludes; filters (--speaker,
--dateline, --source, --since, --until) become a separate restricting query. Pure query
building: nothing here opens an index.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from whoosh import query as Q

from ..errors import QueryError
from ..models import Filters, Restriction
from .asking import subject
from .store import people_term

# Fields a bare word searches, with their weights. The body field holds the title too
# (writing.searched_body), so this weight is what a headline word gets on top of its count in the
# body: over six test collections 0.5 beat 0.2, 1.0 and none (mean MAP 0.366, 0.361, 0.350, 0.354).
SEARCH_FIELDS = ("title", "body", "speakers", "dateline")
FIELD_BOOSTS = {"title": 0.5, "body": 1.0, "speakers": 1.0, "dateline": 1.0}
# Fields analysed as text (stop words removed, stemmed), unlike the name fields.
TEXT_FIELDS = frozenset({"title", "body"})
# Names users type for fields, mapped to the index's own.
FIELD_ALIASES = {"speakers": ["speaker", "who", "by"], "dateline": ["place", "from"], "title": ["headline"]}
# Queries with at most this many words must match all of them before partial matches are shown;
# longer ones are descriptions, ranked with pseudo-relevance feedback instead (ranking.feedback).
# 4 rather than 6: on CISI and MED, 5- and 6-word descriptions gained more from feedback.
ALL_WORDS_MAX = 4
# Wildcards expand to one term query per matching word: `a*` over 24,000 words took 5 s on 60 documents.
MAX_EXPANDED_TERMS = 4096
# How much shorter than a typed prefix a stem may be and still stand for it ("negotiat*" -> "negoti"),
# and the shortest such stem: Porter2 cuts at most a few letters off a word's stem-bearing start.
STEM_CUT_MAX = 3
STEM_MIN = 4
# A query made only of operators has nothing to search for (Whoosh would search the word "not").
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})
# Fuzzy words (`word~`, `word~2`): the first letters a match must share (typos rarely hit the
# first, and it spares comparing the word with every indexed word), unless `word~2/N` says N.
FUZZY_PREFIX = 1
# More edits than two match nearly any word of its length, and comparing takes seconds (Lucene's limit too).
FUZZY_EDITS_MAX = 2
# What Whoosh's query parser, as parse_query sets it up, reads as syntax rather than words: quotes,
# field names, groups, ranges, boosts, the * wildcard, fuzzy and proximity tildes, and operator
# words (REQUIRE too). A query without any is a list of words, which _plain_words builds without
# loading the parser.
PARSER_SYNTAX = re.compile(r"""["':()\[\]{}^*~]""")
PARSER_OPERATORS = OPERATORS | {"REQUIRE"}
# ``name:value`` as Whoosh's parser reads a field (a word right before a colon with no space after
# it), outside quotes; not "10:30" (a number) nor "http://" (a web address).
FIELD_REFERENCE = re.compile(r"(?<![\w.:])([^\W\d]\w*):(?=[^\s/:])")
QUOTED = re.compile(r'"[^"]*"?|\'[^\']*\'?')


def parse_query(text: str, schema: Any) -> Q.Query | None:
    """The user's query as Whoosh query, ranking tiers included; None when it has nothing to search for.

    QueryError for a field the index does not search (``foo:bar``, ``url:kremlin``): Whoosh
    would search ``foo:bar`` as two words, and fail on a stored-only field.
    """
    text = as_text(text)
    if not text or not text.strip() or set(text.split()) <= OPERATORS:
        return None
    _check_fields(text, schema)
    asked = subject(text, ALL_WORDS_MAX)  # "I am interested in ...": the words of asking are not searched
    q = _parse(asked, schema)
    if asked == text or (q is not None and any(f in TEXT_FIELDS for f, _ in q.iter_all_terms())):
        return q
    # Words of asking and stop words only ("find the list of the show"): the words typed are all there is.
    return _parse(text, schema)


def _parse(text: str, schema: Any) -> Q.Query | None:
    """parse_query's work on a text whose fields were checked."""
    if not text.replace("*", "").strip():
        return Q.Every()  # "*": every article, all tied, so newest first (not an Every per field: 30 s)
    q = _plain_words(text, schema)
    if q is None:
        try:
            q = _whoosh_parse(text, schema)
        except Exception as err:  # noqa: BLE001 - Whoosh's parser raises bare Exception (unparseable ranges)
            shown = text if len(text) <= 80 else text[:80] + "…"  # the error must stay one readable line
            raise QueryError(f"cannot parse query {shown!r}: {err}") from None
    q = weigh_repeats(q)
    # Word by word, before normalize() flattens each word's field alternatives into one Or.
    words = _searched_words(q)
    q = _all_words_first(q).normalize().accept(_every_article)
    if q is Q.NullQuery:
        return None
    if len(words) > ALL_WORDS_MAX and type(q) is Q.Or:
        # Marked after normalize(), which merges a stem that two typed words share.
        q = _Description(q.subqueries, boost=q.boost)
    return _exclude_negations(q, lambda ranked: ranked)


def _every_article(q: Q.Query) -> Q.Query:
    """`*` in the body is every document: every article's body field holds its text (title included),
    and Whoosh would find them by reading the postings of every indexed word (seconds on a small index)."""
    return Q.Every(boost=q.boost) if isinstance(q, Q.Every) and q.fieldname == "body" else q


def as_text(text: str) -> str:
    """``text`` with lone surrogates (bytes a terminal's encoding could not decode, or JSON's
    ``\\ud800``) replaced: the index holds UTF-8, which cannot encode them."""
    if not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


def searchable_fields(schema: Any) -> dict[str, list[str]]:
    """Each field a query may name (the indexed ones), with the other names it answers to."""
    names = [*SEARCH_FIELDS, *sorted(name for name in schema.names() if name not in SEARCH_FIELDS)]
    return {name: FIELD_ALIASES.get(name, []) for name in names if name in schema and schema[name].indexed}


def _check_fields(text: str, schema: Any) -> None:
    """QueryError naming the searchable fields when ``text`` names another (quoted text aside)."""
    fields = searchable_fields(schema)
    known = set(fields) | {alias for aliases in fields.values() for alias in aliases}
    for m in FIELD_REFERENCE.finditer(QUOTED.sub(" ", text)):
        name = m.group(1)
        if name not in known:
            listed = ", ".join(f"{f} ({', '.join(a)})" if a else f for f, a in fields.items() if f != "id")
            shown = name if len(name) <= 40 else name[:40] + "…"
            raise QueryError(f"no field {shown!r} to search: the fields are {listed}; "
                             f"put text with a colon in quotes")



def weigh_repeats(q: Q.Query) -> Q.Query:
    """Merge repeated words of an un-normalised parse into one query boosted by 1 + ln(count).

    A word a question repeats ("titles ... titles ... titles") is emphasis, not a new word:
    it counts 1 + ln n times, not n, where Whoosh would drop the repeats.
    """
    if not isinstance(q, Q.Or):
        return q
    counts = Counter(q.subqueries)
    if max(counts.values(), default=1) == 1:
        return q
    kept = list(dict.fromkeys(q.subqueries))
    return q.__class__([s.with_boost(s.boost * (1 + math.log(counts[s]))) if counts[s] > 1 else s for s in kept],
                       boost=q.boost)


def _whoosh_parse(text: str, schema: Any) -> Q.Query:
    """The un-normalised parse of ``text`` by Whoosh's parser: the user's syntax over SEARCH_FIELDS."""
    from whoosh import qparser  # 4 ms to import and set up, which a query of plain words does without

    parser = qparser.MultifieldParser(
        list(SEARCH_FIELDS), schema, group=qparser.OrGroup, fieldboosts=FIELD_BOOSTS
    )
    parser.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
    parser.remove_plugin_class(qparser.WildcardPlugin)
    parser.add_plugin(_star_wildcards()())
    parser.add_plugin(_fuzzy_words()())
    return parser.parse(text, normalize=False)


@functools.lru_cache(maxsize=1)
def _star_wildcards() -> Any:
    """A parser plugin for which only ``*`` is a wildcard: a question's ``?`` ("... titles?") is punctuation."""
    from whoosh import qparser

    class StarWildcardPlugin(qparser.WildcardPlugin):
        qmarks = ""
        expr = "(?P<text>[*])"

    return StarWildcardPlugin


@functools.lru_cache(maxsize=1)
def _fuzzy_words() -> Any:
    """A parser plugin for `word~` (one edit) and `word~2` (two), the word folded and stemmed as
    indexed words are (so `Kazakstan~` is compared with the stem "kazakhstan"), and sharing
    FUZZY_PREFIX first letters with its matches unless `word~2/N` says otherwise."""
    from whoosh import qparser

    class FuzzyWordPlugin(qparser.FuzzyTermPlugin):
        def create(self, parser: Any, match: Any) -> Any:
            node = super().create(parser, match)
            node.maxdist = min(node.maxdist, FUZZY_EDITS_MAX)
            if not match.group("prefix"):
                node.prefixlength = FUZZY_PREFIX
            return node

    return FuzzyWordPlugin


def _plain_words(text: str, schema: Any) -> Q.Query | None:
    """What _whoosh_parse returns for a query of plain words, built directly; None for any other query.

    Whoosh's parser makes each whitespace-separated word an Or of one query per search field
    (the word analysed by that field, weighted by its boost; a word that leaves several
    tokens becomes an Or of them, one that leaves none is dropped) and joins the words in an
    Or, marking each query with the characters it came from. tests/engine/test_query.py checks that
    both give equal trees, marks included, on generated queries.
    """
    if PARSER_SYNTAX.search(text) or not PARSER_OPERATORS.isdisjoint(text.split()):
        return None
    fields = [(name, schema[name]) for name in SEARCH_FIELDS]
    if any(f.self_parsing() or f.multitoken_query != "default" for _, f in fields):
        return None
    matches = list(re.finditer(r"\S+", text))
    if not matches:
        return None
    words: list[Q.Query] = []
    for m in matches:
        per_field = []
        for name, field in fields:
            texts = list(field.process_text(m.group(), mode="query", tokenize=True, removestops=True))
            boost = FIELD_BOOSTS.get(name, 1.0)
            if len(texts) == 1:
                per_field.append(_marked(Q.Term(name, texts[0], boost=boost), m.start(), m.end()))
            elif texts:
                per_field.append(_marked(Q.Or([Q.Term(name, t, boost=boost) for t in texts]), m.start(), m.end()))
        words.append(_marked(Q.Or(per_field), m.start(), m.end()))
    return _marked(Q.Or(words), matches[0].start(), matches[-1].end())


def _marked(q: Q.Query, start: int, end: int) -> Q.Query:
    """``q`` with the span of the text it came from, as the parser marks a non-empty query."""
    if q:
        q.startchar, q.endchar = start, end
    return q


def widen_prefixes(q: Q.Query, reader: Any) -> Q.Query:
    """Let a prefix also match stems cut shorter than it: the index holds "negoti", not "negotiat…".

    Stemmed fields hold stems, so "negotiat*" alone matches nothing. A stem that the prefix
    starts with, at most STEM_CUT_MAX characters shorter, is what words beginning with the
    prefix were stemmed to; it becomes one of the words the prefix stands for.
    """
    if isinstance(q, Q.Prefix) and q.fieldname in TEXT_FIELDS and q.text:
        lo = max(STEM_MIN, len(q.text) - STEM_CUT_MAX)
        stems = [q.text[:k] for k in range(len(q.text) - 1, lo - 1, -1) if (q.fieldname, q.text[:k]) in reader]
        return WidePrefix(q.fieldname, q.text, stems, boost=q.boost) if stems else q
    if q.is_leaf():
        return q
    return q.apply(lambda child: widen_prefixes(child, reader))


class WidePrefix(Q.Prefix):
    """A prefix standing also for a few shorter stems (see :func:`widen_prefixes`)."""

    def __init__(self, fieldname: str, text: str, stems: list[str], boost: float = 1.0) -> None:
        super().__init__(fieldname, text, boost=boost)
        self.stems = tuple(stems)

    def _btexts(self, ixreader: Any) -> Any:
        yield from super()._btexts(ixreader)
        yield from (stem.encode("utf-8") for stem in self.stems)


def check_expansion(q: Q.Query, reader: Any) -> None:
    """QueryError when wildcards and fuzzy words stand for too many indexed words to search in time."""
    budget = MAX_EXPANDED_TERMS
    for leaf in q.leaves():
        if isinstance(leaf, Q.MultiTerm):
            budget -= sum(1 for _ in itertools.islice(leaf.expanded_terms(reader), budget + 1))
            if budget < 0:
                if isinstance(leaf, Q.TermRange):  # an open or wide range over words, e.g. "[ to ]"
                    raise QueryError(f"a range of words spans more than {MAX_EXPANDED_TERMS:,} indexed words: "
                                     "narrow it")
                word = f"{leaf.text}{'*' if isinstance(leaf, Q.Prefix) else ''}"
                word = word if len(word) <= 40 else word[:40] + "…"
                raise QueryError(f"{word} stands for more than "
                                 f"{MAX_EXPANDED_TERMS:,} indexed words: give more letters before the wildcard")


def _exclude_negations(q: Q.Query, rank: Callable[[Q.Query], Q.Query]) -> Q.Query:
    """Make NOT exclude: with an OR group, Whoosh would read `a NOT b` as "a, or anything without b"."""
    if not isinstance(q, Q.Or):
        return rank(q)
    negated = [s.query for s in q.subqueries if isinstance(s, Q.Not)]
    if not negated:
        return rank(q)
    positive = [s for s in q.subqueries if not isinstance(s, Q.Not)]
    kept = rank(q.__class__(positive, boost=q.boost).normalize()) if positive else Q.Every()
    return Q.AndNot(kept, Q.Or(negated).normalize())


class _AllWords(Q.And):
    """The all-words tier of a short query."""


class _Description(Q.Or):
    """A query of more than ALL_WORDS_MAX words: a description, which feedback re-ranks."""


def _searched_words(q: Q.Query) -> list[Q.Query]:
    """The word groups of an un-normalised parse that are searched for (not NOT, not a bare stop word)."""
    if not isinstance(q, Q.Or):
        return []
    return [s for s in q.subqueries if not isinstance(s, Q.Not) and _is_searched_word(s)]


def _all_words_first(q: Q.Query) -> Q.Query:
    """For a short list of words (an un-normalised parse), rank documents matching all of them first."""
    words = _searched_words(q)
    if not 2 <= len(words) <= ALL_WORDS_MAX:
        return q
    return Q.Or([_AllWords(words, boost=10.0), *q.subqueries])


def _is_searched_word(group: Q.Query) -> bool:
    """False for a bare stop word, which is left only in the name fields and must not be required."""
    if isinstance(group, Q.Or) and all(isinstance(t, Q.Term) for t in group.subqueries):
        return any(t.fieldname in TEXT_FIELDS for t in group.subqueries)
    return True


def wants_feedback(q: Q.Query) -> bool:
    """True for a description (more than ALL_WORDS_MAX words), which pseudo-relevance feedback ranks.

    Not for shorter queries: feedback words could lift a some-words match above an all-words
    one, and a word or phrase says what it wants already. Re-ranking every match of one
    common word (Reuters' "japan") took 150 ms, where the plain search takes 5.
    """
    return isinstance(q, _Description) or any(wants_feedback(c) for c in q.children())


def filter_query(f: Filters | Restriction, schema: Any) -> Q.Query | None:
    """The filters as one restricting query, or None; QueryError for a filter that cannot match.

    A :class:`Restriction` lists the exact values to keep (the people registry and the place
    and source tables resolved them); a plain :class:`Filters` matches its words in the
    speakers, dateline and source fields.
    """
    parts: list[Q.Query] = []
    if isinstance(f, Restriction):
        for fieldname, values, term in (("people", f.speakers, people_term), ("dateline_name", f.datelines, str),
                                        ("source_name", f.sources, str)):
            if values is not None:
                terms = [Q.Term(fieldname, term(v)) for v in values]
                parts.append(Q.Or(terms) if len(terms) != 1 else terms[0])
    else:
        for fieldname, value in (("speakers", f.speaker), ("dateline", f.dateline), ("source", f.source)):
            if value:
                value = as_text(value)
                words = [t.text for t in schema[fieldname].analyzer(value)]
                if not words:
                    raise QueryError(f"--{fieldname.rstrip('s')} {value!r} has no words to match")
                parts.append(Q.Phrase(fieldname, words) if len(words) > 1 else Q.Term(fieldname, words[0]))
    if f.since or f.until:
        if f.since and f.until and f.since > f.until:
            raise QueryError(f"--since {f.since} is after --until {f.until}")
        start = dt.datetime.combine(f.since, dt.time.min) if f.since else None
        end = dt.datetime.combine(f.until, dt.time.max) if f.until else None
        parts.append(Q.DateRange("date", start, end))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Q.And(parts)


def highlight_terms(q: Q.Query, reader: Any = None) -> frozenset[str]:
    """The analysed body and title words of a query, wildcards expanded over ``reader``: what snippets emphasise."""
    words: set[str] = set()
    pairs = list(q.iter_all_terms())
    if reader is not None:
        for leaf in q.leaves():
            if isinstance(leaf, Q.MultiTerm) and leaf.field() in TEXT_FIELDS:
                pairs.extend(itertools.islice(leaf.expanded_terms(reader), MAX_EXPANDED_TERMS))
    for fieldname, text in pairs:
        if fieldname in ("body", "title") and isinstance(text, str):
            words.add(text)
        elif fieldname in ("body", "title") and isinstance(text, bytes):
            words.add(text.decode("utf-8", "replace"))
    return frozenset(words)
