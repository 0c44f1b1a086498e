"""read.py: one file -> its Articles; a very long page is cleaned and extracted a part at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

import searchidx.read as read_mod
from searchidx.read import read_articles

STORY = ('"We will keep talking," Foreign Minister Sergei Lavrov said on Tuesday in Moscow.\n\n'
         "Ministers met for hours. Trade was on the table, officials said.\n\n"
         '"The door is open," said Wang Yi, China\'s foreign minister.\n\n')


@pytest.fixture
def transcript(tmp_path: Path) -> Path:
    path = tmp_path / "transcript.txt"
    path.write_text("Talks transcript\n\n" + STORY * 40, encoding="utf-8")
    return path


def test_a_long_page_read_in_parts_keeps_its_text_title_and_statements(transcript: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15: a 64 MB text took 1.5 GB read in one piece (benchmarks/memory.py measures it)."""
    (whole,) = read_articles(transcript)
    monkeypatch.setattr(read_mod, "PART_CHARS", 700)  # some 10 parts, cut between paragraphs
    (parts,) = read_articles(transcript)
    assert parts.title == whole.title == "Talks transcript"
    assert parts.body == whole.body
    assert parts.speakers == whole.speakers == ("Sergei Lavrov", "Wang Yi")
    assert len(parts.statements) == len(whole.statements) == 80
    for st in parts.statements:
        assert parts.body[st.start:st.end] == st.text


def test_a_page_without_paragraph_breaks_is_cut_anywhere_and_keeps_its_text(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "one-line.txt"
    path.write_text("Title\n\n" + STORY.replace("\n\n", " ") * 20, encoding="utf-8")
    (whole,) = read_articles(path)
    monkeypatch.setattr(read_mod, "PART_CHARS", 500)
    (parts,) = read_articles(path)
    assert parts.body.split() == whole.body.split()  # cut between words, where a paragraph break is added
    assert all(parts.body[st.start:st.end] == st.text for st in parts.statements) and parts.statements
