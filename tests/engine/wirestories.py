"""A folder of short wire stories written for the tests, in the shape of Reuters and Xinhua copy.

Every word comes from the tables below (no real article is copied); a seeded generator makes
the same folder on every run, with dates, sources, datelines, quoted speakers and a few
near-repeated stories, so rankings, filters and sorting all have something to tell apart.
"""

from __future__ import annotations

import random
from pathlib import Path

PLACES = ("TOKYO", "MOSCOW", "BEIJING", "GENEVA", "NAIROBI", "ASTANA", "TASHKENT", "BRUSSELS", "CAIRO", "LIMA")
SOURCES = ("Xinhua", "Reuters", "TASS", "Kyodo")
SPEAKERS = (("Finance Minister", "Kenji Sato"), ("Foreign Minister", "Irina Volkova"),
            ("Trade Minister", "Li Wenjun"), ("central bank governor", "Amara Okafor"),
            ("Energy Minister", "Daniyar Aliyev"), ("spokesman", "Pierre Lambert"))
TOPICS = {
    "oil": ("crude oil prices", "oil exports", "refinery output", "the oil market", "pipeline capacity"),
    "grain": ("wheat harvest", "grain exports", "maize stocks", "the grain corridor", "fertiliser supplies"),
    "rates": ("interest rates", "inflation", "the currency", "bond yields", "the central bank's policy"),
    "talks": ("border talks", "a trade agreement", "the security dialogue", "regional cooperation",
              "a strategic partnership"),
    "water": ("water sharing", "the river basin", "irrigation projects", "drought relief", "hydropower dams"),
}
VERBS = ("rose", "fell", "held steady", "came under pressure", "recovered", "was expected to improve")
TIMES = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "this month")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FULL_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")


def story(rng: random.Random, n: int) -> str:
    """One story: a headline, an "Updated" line with date and source, a datelined lead, quotes, detail."""
    topic = rng.choice(sorted(TOPICS))
    phrases = TOPICS[topic]
    place, source = rng.choice(PLACES), rng.choice(SOURCES)
    role, name = rng.choice(SPEAKERS)
    year, month, day = rng.choice((2019, 2020, 2021)), rng.randrange(12), rng.randint(1, 28)
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    main = rng.choice(phrases)
    title = f"{place.title()} {rng.choice(('weighs', 'reviews', 'reports on', 'debates'))} {main}"
    lines = [
        title,
        f"Updated: {MONTHS[month]} {day},{year} {hour % 12 or 12}:{minute:02d} {'AM' if hour < 12 else 'PM'} {source}",
        "",
        f"{place}, {FULL_MONTHS[month]} {day} ({source}) -- Officials in {place.title()} discussed {main} "
        f"{rng.choice(TIMES)}, {role} {name} said.",
        "",
        f"\"We will keep working on {rng.choice(phrases)},\" {name.split()[-1]} told reporters.",
        "",
    ]
    for _ in range(rng.randint(2, 6)):
        lines.append(f"{rng.choice(phrases).capitalize()} {rng.choice(VERBS)} {rng.choice(TIMES)}, "
                     f"and analysts watched {rng.choice(phrases)} closely (story {n}).")
    return "\n".join(lines) + "\n"


def write_stories(folder: Path, count: int, seed: int = 19) -> list[Path]:
    """``count`` stories in ``folder`` (created), named wire-0001.txt and on; the same for the same seed."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        path = folder / f"wire-{n:04d}.txt"
        path.write_text(story(rng, n), encoding="utf-8")
        paths.append(path)
    return paths
