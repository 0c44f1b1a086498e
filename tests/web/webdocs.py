"""A small news folder for the web tests (the fixtures are in conftest.py): wire stories to page and sort through, and hostile pages.

The stories are written for these tests: 23 short reports of envoy talks (the word "envoys" is
in every one; each has its own date, dateline and source) plus the shared seed article and two
wire stories (tests/conftest.py). The hostile pages try every way a document could put markup
or a script into the page: <script> in titles, bodies, sources and datelines, attribute-breaking
quotes in titles and file names, javascript: and data: URLs, event handlers. Each payload sets
``window.__xss``: the browser tests check it stays unset.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
SEED_NAME = "000_147f1172ebdf106e.txt"
STORIES = 23
PLACES = (("ASTANA", "Xinhua"), ("GENEVA", "Reuters"), ("VIENNA", "AFP"))
SPEAKERS = ("Lena Ostrova", "Omar Haddad")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# The names a hostile file may carry (quotes, ampersands and angle brackets are legal in names).
HOSTILE_NAME = 'q"onmouseover="window.__xss=5&amp;<b>x.txt'


def story(n: int) -> str:
    """Story ``n``: round n of talks, dated 2021 (two a month), its place and agency by n mod 3."""
    place, agency = PLACES[n % len(PLACES)]
    speaker = SPEAKERS[n % len(SPEAKERS)]
    month, day = 1 + n // 2, 1 + 14 * (n % 2)
    return (f"Envoys meet in {place.title()} for round {n}\n\n"
            f"{place}, {MONTHS[month - 1]} {day} ({agency}) - Envoys held round {n} of talks on regional security "
            f"and trade on Tuesday, officials said. The marker{n} delegation agreed to meet again.\n\n"
            f"\"The envoys made progress,\" Deputy Minister {speaker} said.\n\n"
            f"Published: 2021-{month:02d}-{day:02d}\n")


HOSTILE_TEXT = (
    "<script>window.__xss=1</script> summit in Geneva\n\n"
    "GENEVA, March 3 (<script>window.__xss=11</script>) - Delegates at the summit discussed a "
    "\"><script>window.__xss=2</script> plan and <img src=x onerror=\"window.__xss=3\"> water treaties, officials said.\n\n"
    "\"We reject <script>window.__xss=4</script> and javascript:window.__xss=6 at this summit,\" "
    "Foreign Minister Anna Berg said.\n"
)
HOSTILE_RECORDS = (
    {"title": "\" onmouseover=\"window.__xss=7\" x=\"summit", "url": "javascript:window.__xss=8",
     "published": "2021-05-04", "publisher": "<b onmouseover=window.__xss=9>Agency</b>",
     "dateline": "'><svg onload=window.__xss=10>",
     "body": "GENEVA, May 4 - The summit heard </p><iframe src=javascript:window.__xss=12></iframe> that talks on "
             "water went on. \"The summit is over,\" said Chief Negotiator Paul Ode."},
    {"title": "data url summit", "url": "data:text/html,<script>window.__xss=13</script>",
     "body": "The summit closed in Bern with a data link."},
)
HOSTILE_HTML = (
    "<html><head><title>Summit &lt;/title&gt;&lt;script&gt;window.__xss=14&lt;/script&gt;</title>"
    "<meta property=\"og:url\" content=\"javascript:window.__xss=15\">"
    "<meta property=\"og:site_name\" content=\"&quot;&gt;&lt;script&gt;window.__xss=16&lt;/script&gt;\"></head>"
    "<body><article><h1>Summit &lt;script&gt;window.__xss=17&lt;/script&gt;</h1>"
    "<p>GENEVA, June 1 - The summit of &lt;img src=x onerror=window.__xss=18&gt; envoys ended.</p>"
    "</article></body></html>"
)


def write_folder(folder: Path) -> Path:
    """The test folder: seed, stories and hostile pages under ``folder``."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / SEED_NAME, folder / SEED_NAME)
    for n in range(STORIES):
        (folder / f"story{n:02d}.txt").write_text(story(n), encoding="utf-8")
    hostile = folder / "hostile"
    hostile.mkdir()
    (hostile / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    (hostile / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in HOSTILE_RECORDS), encoding="utf-8")
    (hostile / "page.html").write_text(HOSTILE_HTML, encoding="utf-8")
    return folder


# One story republished: the wire's text, a portal's page around it, a trimmed brief, and a JSONL
# record whose publisher is hostile markup; and two other stories on the same floods.
FLOOD_STORY = ("Foreign ministers of five Central Asian states agreed on Tuesday to build a shared early-warning "
               "system for floods on the Syr Darya, officials said after a day of talks in the capital.\n\n"
               "The system, to cost 42 million dollars over four years, will link river gauges in four countries to "
               "a centre in Tashkent, the ministers said in a joint statement.\n\n"
               "Turkmenistan sent an observer but did not sign the statement, diplomats said.\n")
HOSTILE_PUBLISHER = "<b onmouseover=window.__xss=20>Daily</b>"


def write_copies(folder: Path) -> Path:
    """A folder where one story has four copies besides its original, and two other stories match too."""
    folder.mkdir(parents=True)
    files = {
        "wire.txt": f"Central Asia agrees flood warnings\n\n2021-05-04\n\n{FLOOD_STORY}",
        "portal.txt": f"Home | World | Asia\n\nFlood warning system agreed\n\n2021-05-05\n\n{FLOOD_STORY}Related stories\n",
        "daily.txt": f"Ministers back flood plan\n\n2021-05-03\n\n{FLOOD_STORY}",
        "brief.txt": f"Flood plan: report\n\n2021-05-06\n\n{FLOOD_STORY.rsplit(chr(10) * 2, 1)[0]}\n",
        "dam.txt": "Dam talks stall\n\n2021-06-01\n\nTajikistan and Uzbekistan failed to agree on water releases "
                   "from the Rogun dam, officials said, leaving farmers downstream worried about floods.\n",
        "bank.txt": "Bank lends for rivers\n\n2021-06-03\n\nThe Asian Development Bank approved a loan for river "
                    "gauges and flood defences in Kyrgyzstan, the bank said, after spring floods.\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    record = {"title": "Flood plan agreed", "published": "2021-05-07", "publisher": HOSTILE_PUBLISHER,
              "body": FLOOD_STORY}
    (folder / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return folder
