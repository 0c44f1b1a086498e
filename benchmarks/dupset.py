"""The near-duplicate evaluation set, made at run time from ../shared/data (never stored in the repository).

300 real articles: Reuters-21578 stories, State Department releases and en.kremlin.ru pages, chosen in
clusters of the same day and subject, so that different stories on the same events sit side by side
(Reuters' daily "Fed adds reserves" items, a day's State Department readouts, a Kremlin visit's pages).
About two thirds of them get one or two copies made the way republishers make them: another site's
navigation, related-story lists and footer around the same story, a changed headline, a dropped or
added paragraph, a trimmed ending, the HTML page saved as text or the text put in a page.

Gold groups: each original with its copies, joined where two originals are themselves copies of
one story (Reuters re-sent stories, the feed's repeated State Department items). Those pairs were
read by hand: every pair of chosen originals that shares a run of eight words is listed in
REVIEWED with the verdict, and ``make_set`` refuses a pair it finds that is not listed.
"""

from __future__ import annotations

import html
import json
import random
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SEED = 18
ORIGINALS = {"reuters": 120, "state": 100, "kremlin": 80}

# Pairs of chosen originals sharing a run of eight words, read by hand: True when one is a copy of
# the other (the same story re-sent, or sent again shorter or longer), False for different stories.
# The pairs whose word sequences match less (difflib ratio < 0.45: 296 of the 305 pairs of this
# seed) were read down to 0.30 and are all different stories on a template (readouts of different
# calls, national-day messages, "U.K. money market given ... help"): REVIEW_BELOW says so.
REVIEWED: dict[tuple[str, str], bool] = {
    ("reuters/17229", "reuters/17303"): True,   # the same story sent twice
    ("reuters/6957", "reuters/7023"): True,     # the same story sent twice
    ("reuters/9718", "reuters/9801"): True,     # the same story sent twice
    ("reuters/7952", "reuters/7972"): True,     # re-sent with four more paragraphs and a new headline
    ("reuters/11882", "reuters/11949"): True,   # a shorter version of the same story
    ("state/341277", "state/341390"): False,    # two different meetings in Luanda, one template
    ("kremlin/33371", "kremlin/33373"): False,  # two events of one visit; the pages share a footer line
    ("kremlin/63318", "kremlin/63323"): False,  # two calls of the same day, one template
    ("reuters/1008", "reuters/12523"): False,   # Bank of England help on two different days
}
REVIEW_BELOW = 0.45


@dataclass(frozen=True)
class Story:
    """One original article as read from the shared data: enough to write it and its copies."""

    key: str
    source: str
    title: str
    paragraphs: tuple[str, ...]
    day: str
    topic: str = ""
    raw: str = ""          # the original file's text (kept byte for byte for the original itself)
    kind: str = "txt"      # the original's format: txt, html or jsonl
    cluster: str = ""


@dataclass
class Item:
    """One file of the set: its name, text, and the story it tells."""

    name: str
    text: str
    story: str
    edits: tuple[str, ...] = ()
    split: str = "dev"
    extra: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- reading the sources


def reuters_stories() -> list[Story]:
    """Every Reuters story with a title and a body, paragraphs as the wire split them."""
    out = []
    for f in sorted((SHARED / "reuters21578").glob("reut2-*.sgm")):
        for doc in re.findall(r"<REUTERS.*?</REUTERS>", f.read_text(encoding="latin-1"), flags=re.S):
            m = {t: re.search(rf"<{t}>(.*?)</{t}>", doc, flags=re.S) for t in ("TITLE", "DATELINE", "BODY", "DATE")}
            if not all(m.values()):
                continue
            title, dateline, body, date = (html.unescape(m[t].group(1)) for t in ("TITLE", "DATELINE", "BODY", "DATE"))
            body = re.sub(r"[\x00-\x08\x0b-\x1f]", "", body)
            body = re.sub(r"\s*Reuter\s*$", "", body.strip())
            paras = [" ".join(p.split()) for p in re.split(r"\n    ", body) if p.strip()]
            if not paras:
                continue
            paras[0] = f"{' '.join(dateline.split())} {paras[0]}"
            topics = re.search(r"<TOPICS>(.*?)</TOPICS>", doc, flags=re.S)
            topic = ",".join(re.findall(r"<D>(.*?)</D>", topics.group(1))) if topics else ""
            nid = re.search(r'NEWID="(\d+)"', doc).group(1)
            raw = f"{' '.join(title.split())}\n\n{dateline.strip()} {body}\n"
            out.append(Story(f"reuters/{nid}", "reuters", " ".join(title.split()), tuple(paras),
                             date.strip()[:11], topic, raw, "txt"))
    return out


def kremlin_stories() -> list[Story]:
    from lxml import html as lh

    out = []
    folder = SHARED / "kremlin-en-html"
    for line in (folder / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        kid, day, _, _, title = line.split("\t")
        raw = (folder / "news" / f"{kid}.html").read_text(encoding="utf-8")
        tree = lh.fromstring(raw)
        for hidden in tree.xpath("//*[contains(@class,'hidden')] | //*[contains(@class,'read__bottommeta')]"):
            hidden.drop_tree()  # person and glossary tooltips, and the page's own "Publication date" line
        paras = [" ".join(p.text_content().split()) for p in tree.xpath(
            "//div[contains(@class,'read__lead')] | //div[contains(@class,'entry-content')]//p")]
        paras = [p for p in paras if p]
        if paras:
            out.append(Story(f"kremlin/{kid}", "kremlin", title, tuple(paras), day, "", raw, "html"))
    return out


def state_stories() -> list[Story]:
    from lxml import html as lh

    out = []
    path = SHARED / "state-department-press-releases" / "press-releases-2021-05_2022-08.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        tree = lh.fromstring(f"<div>{rec['content_html']}</div>")
        paras = [" ".join(p.text_content().split()) for p in tree.xpath("//p | //li[not(.//p)] | //h2 | //h3")]
        paras = [p for p in paras if p]
        if paras:
            key = "state/" + rec["guid"].rsplit("=", 1)[-1]
            out.append(Story(key, "state", rec["title"], tuple(paras), rec["published_iso"][:10], "", line, "jsonl"))
    return out


# ---------------------------------------------------------------- choosing originals in clusters


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def choose(stories: list[Story], count: int, rnd: random.Random, *, by_topic: bool) -> list[Story]:
    """``count`` stories in clusters of the same day (and Reuters topic): same-event neighbours."""
    clusters: dict[str, list[Story]] = defaultdict(list)
    for s in stories:
        clusters[f"{s.day}|{s.topic.split(',')[0]}" if by_topic else s.day].append(s)
    keys = sorted(k for k, v in clusters.items() if len(v) >= 2)
    rnd.shuffle(keys)
    chosen: list[Story] = []
    for k in keys:
        members = sorted(clusters[k], key=lambda s: s.key)
        rnd.shuffle(members)
        take = members[: min(len(members), 4, count - len(chosen))]
        chosen.extend(replace(s, cluster=f"{s.source}:{k}") for s in take)
        if len(chosen) >= count:
            break
    return chosen


# ---------------------------------------------------------------- how republishers copy

SITES = (
    ("Diplomatic Wire Daily", ["Home", "World", "Asia-Pacific", "Europe", "Opinion", "Video", "Subscribe"]),
    ("The Global Ledger", ["News", "Politics", "Business", "Markets", "Science", "Sport", "Log in"]),
    ("Eurasia Review Online", ["Front page", "Central Asia", "Russia", "China", "Analysis", "Archive"]),
    ("Newsroom Mirror", ["Latest", "Top stories", "Regions", "Features", "Podcasts", "Newsletters"]),
)
ADDED_PARAGRAPHS = (
    "The talks come at a time of heightened attention to the region, analysts said, with several "
    "governments reviewing their positions ahead of meetings scheduled for later this year.",
    "Officials did not immediately respond to requests for further comment on the matter.",
    "Editor's note: this story has been updated with additional background from earlier reports.",
    "Observers noted that similar statements had been made on previous occasions, though the wording "
    "this time was seen by some as more specific.",
    "The announcement was welcomed by business groups, who said clarity on the issue had been long awaited.",
)


def _retitle(title: str, rnd: random.Random) -> str:
    words = title.split()
    choice = rnd.randrange(3)
    if choice == 0 and len(words) > 4:
        return " ".join(words[: max(3, len(words) * 2 // 3)]).rstrip(",:-") + ": report"
    if choice == 1:
        return f"UPDATE: {title.title() if title.isupper() else title}"
    return f"{title} | {rnd.choice(SITES)[0]}"


def edit(story: Story, rnd: random.Random) -> tuple[str, list[str], list[str]]:
    """A republisher's version of the story: title, paragraphs, and the edits made."""
    title, paras, edits = story.title, list(story.paragraphs), []
    for change in rnd.sample(["retitle", "drop", "add", "trim"], rnd.choice([1, 1, 2])):
        if change == "retitle":
            title = _retitle(title, rnd)
        elif change == "drop" and (minor := _minor_paragraphs(paras)):
            del paras[rnd.choice(minor)]  # a paragraph, not the story: at most a quarter of its words
        elif change == "add":
            paras.insert(rnd.randrange(1, len(paras) + 1), rnd.choice(ADDED_PARAGRAPHS))
        elif change == "trim" and len(paras) >= 3:
            paras = _first_share(paras, rnd.uniform(0.6, 0.85))
        else:
            continue
        edits.append(change)
    return title, paras, edits


def _minor_paragraphs(paras: list[str]) -> list[int]:
    total = sum(len(p.split()) for p in paras)
    return [i for i in range(1, len(paras)) if len(paras[i].split()) <= total / 4] if len(paras) >= 3 else []


def _first_share(paras: list[str], share: float) -> list[str]:
    """The first paragraphs holding ``share`` of the words (at least two paragraphs): a trimmed ending."""
    total, kept, words = sum(len(p.split()) for p in paras), [], 0
    for p in paras:
        if len(kept) >= 2 and words >= share * total:
            break
        kept.append(p)
        words += len(p.split())
    return kept


def as_html(title: str, paras: list[str], day: str, related: list[str], rnd: random.Random) -> str:
    site, menu = rnd.choice(SITES)
    nav = "".join(f'<li><a href="/{m.lower().replace(" ", "-")}">{html.escape(m)}</a></li>' for m in menu)
    rel = "".join(f'<li><a href="/story/{rnd.randrange(10**6)}">{html.escape(t)}</a></li>' for t in related)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)} - {site}</title>"
        f"<meta property='og:title' content='{html.escape(title, quote=True)}'></head><body>"
        f"<header><div class='logo'>{site}</div><nav><ul>{nav}</ul></nav>"
        f"<form class='search'><input name='q' placeholder='Search {site}'></form></header>"
        f"<main><article><h1>{html.escape(title)}</h1><time datetime='{day}'>{day}</time>"
        f"<div class='share'>Share: Facebook · Twitter · Email</div>"
        f"<div class='story-body'>{body}</div></article>"
        f"<aside><h2>Related stories</h2><ul>{rel}</ul></aside></main>"
        f"<footer><p>© {day[:4]} {site}. All rights reserved.</p><ul><li>About us</li><li>Contact</li>"
        f"<li>Privacy policy</li><li>Terms of use</li></ul></footer></body></html>"
    )


def as_text(title: str, paras: list[str], related: list[str], rnd: random.Random) -> str:
    site, menu = rnd.choice(SITES)
    lines = [" | ".join(menu), "", title, "", *paras, "", "Related stories:", *related, "",
             f"© {site}. All rights reserved. Share this article: Facebook Twitter Email"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- the set


def make_set(out: Path) -> dict[str, object]:
    """Write the set's files under ``out``; return its description: items, gold groups, splits."""
    rnd = random.Random(SEED)
    chosen = (choose(reuters_stories(), ORIGINALS["reuters"], rnd, by_topic=True)
              + choose(state_stories(), ORIGINALS["state"], rnd, by_topic=False)
              + choose(kremlin_stories(), ORIGINALS["kremlin"], rnd, by_topic=False))
    titles = [s.title for s in chosen]
    items: list[Item] = []
    for n, s in enumerate(chosen):
        split = "dev" if zlib.crc32(s.cluster.encode()) % 2 == 0 else "test"
        ext = {"txt": "txt", "html": "html", "jsonl": "jsonl"}[s.kind]
        items.append(Item(f"{s.source}-{n:03d}-orig.{ext}", s.raw + ("\n" if s.kind == "jsonl" else ""),
                          s.key, (), split))
        copies = rnd.choice([0, 1, 1, 2])
        for c in range(copies):
            title, paras, edits = edit(s, rnd)
            related = rnd.sample(titles, 4)
            as_page = s.kind != "html" if rnd.random() < 0.6 else s.kind == "html"
            text = as_html(title, paras, s.day, related, rnd) if as_page else as_text(title, paras, related, rnd)
            fmt = "html" if as_page else "txt"
            items.append(Item(f"{s.source}-{n:03d}-copy{c + 1}.{fmt}", text, s.key,
                              tuple(edits) + (f"{s.kind}->{fmt}",), split))
    out.mkdir(parents=True, exist_ok=True)
    for it in items:
        (out / it.name).write_text(it.text, encoding="utf-8")
    by_key = {s.key: s for s in chosen}
    unknown = [p for p in overlapping_originals(chosen) if p not in REVIEWED
               and _ratio(by_key[p[0]], by_key[p[1]]) >= REVIEW_BELOW]
    if unknown:
        raise SystemExit(f"pairs of originals to read by hand first (add them to REVIEWED): {unknown}")
    same = [p for p, verdict in REVIEWED.items() if verdict and p[0] in by_key and p[1] in by_key]
    return {"items": items, "stories": chosen, "same": same}


def _ratio(a: Story, b: Story) -> float:
    import difflib

    return difflib.SequenceMatcher(None, _words(" ".join(a.paragraphs)), _words(" ".join(b.paragraphs)),
                                   autojunk=False).ratio()


def overlapping_originals(stories: list[Story], run: int = 8) -> list[tuple[str, str]]:
    """Pairs of stories sharing a run of ``run`` words: the pairs to read by hand."""
    seen: dict[str, set[str]] = defaultdict(set)
    for s in stories:
        words = _words(" ".join(s.paragraphs))
        for i in range(len(words) - run + 1):
            seen[" ".join(words[i:i + run])].add(s.key)
    pairs = set()
    for keys in seen.values():
        if 1 < len(keys) < 6:
            ks = sorted(keys)
            pairs.update((a, b) for i, a in enumerate(ks) for b in ks[i + 1:])
    return sorted(pairs)
