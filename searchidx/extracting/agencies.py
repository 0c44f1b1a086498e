"""Agencies and publishers: how bylines, datelines and URLs name them, as data.

Both the source cascade and the dateline reader ask "is this an agency?": the tables live here
so that neither imports the other.
"""

from __future__ import annotations

import re

# Agencies and publishers: canonical name, and how they are written in bylines, info lines
# and datelines. Short acronyms are matched case-sensitively as whole words.
AGENCIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("Xinhua", r"\bXinhua(?:net)?\b|(?i:\bxinhua news agency\b)"),
        ("Reuters", r"\bReuters?\b|(?i:\breuters\b)"),
        ("AP", r"\bAP\b|(?i:\bassociated press\b)"),
        ("AFP", r"\bAFP\b|(?i:\bagence france[- ]presse\b)"),
        ("UPI", r"\bUPI\b|(?i:\bunited press international\b)"),
        ("TASS", r"\b(?:ITAR-)?TASS\b|\bTass\b"),
        ("RIA Novosti", r"\bRIA(?: Novosti)?\b"),
        ("Interfax", r"(?i:\binterfax\b)"),
        ("Sputnik", r"\bSputnik\b"),
        ("Kyodo", r"(?i:\bkyodo\b)"),
        ("Yonhap", r"(?i:\byonhap\b)"),
        ("China Daily", r"(?i:\bchina daily\b)"),
        ("CGTN", r"\bCGTN\b|(?i:\bchina global television network\b)"),
        ("Global Times", r"(?i:\bglobal times\b)"),
        ("People's Daily", r"(?i:\bpeople['’]s daily\b)"),
        ("Bloomberg", r"\bBloomberg\b"),
        ("Kremlin", r"(?i:\bkremlin\b|\bpresident of russia\b)"),
        ("U.S. Department of State", r"(?i:\b(?:U\.S\. |United States )?Department of State\b|\bstate department\b)"),
    )
)

# URL host (or a parent domain of it) -> source.
HOST_SOURCES: dict[str, str] = {
    "xinhuanet.com": "Xinhua",
    "news.cn": "Xinhua",
    "english.gov.cn": "english.gov.cn",
    "chinadaily.com.cn": "China Daily",
    "cgtn.com": "CGTN",
    "globaltimes.cn": "Global Times",
    "people.cn": "People's Daily",
    "fmprc.gov.cn": "Ministry of Foreign Affairs of the PRC",
    "kremlin.ru": "Kremlin",
    "mid.ru": "Ministry of Foreign Affairs of Russia",
    "tass.com": "TASS",
    "tass.ru": "TASS",
    "ria.ru": "RIA Novosti",
    "interfax.ru": "Interfax",
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "afp.com": "AFP",
    "upi.com": "UPI",
    "kyodonews.net": "Kyodo",
    "yna.co.kr": "Yonhap",
    "state.gov": "U.S. Department of State",
}


def agency_in(text: str) -> str | None:
    """The first known agency named in ``text``, by canonical name."""
    for name, pattern in AGENCIES:
        if pattern.search(text):
            return name
    return None


def source_of_host(host: str | None) -> str | None:
    """The source a URL host belongs to ("en.kremlin.ru" -> "Kremlin")."""
    while host:
        if host in HOST_SOURCES:
            return HOST_SOURCES[host]
        _, _, host = host.partition(".")
    return None
