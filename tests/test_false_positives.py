"""The false-positive corpus: clean prose full of trigger words loses nothing.

Every file in ``fixtures/false_positives/`` is an article written for this
test: its first line is the headline, and every other line is body text that
uses the words furniture rules look for ("advertisement", "share on
Facebook", "Related articles", "Leave a reply", "Subscribe", "cookies",
"source", "photo", "menu", "comments", "by Tuesday", dates, "latest", "top",
"copyright", "newsletter" ...) in ordinary sentences, short paragraphs and
one-line subheadings. The headline goes to ``metadata.title``; nothing else
may be removed (STYLE.md §14).
"""
from __future__ import annotations

from pathlib import Path

import pytest

import cleaner

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "false_positives"
FILES = sorted(CORPUS.glob("*.txt"))


def _headline(text: str) -> str:
    return text.splitlines()[0].strip()


def test_the_corpus_is_big_enough_and_multilingual():
    paragraphs = [line for f in FILES for line in f.read_text(encoding="utf-8").splitlines()[1:]
                  if line.strip()]
    assert len(FILES) >= 5
    assert len(paragraphs) >= 40
    assert {f.name[:2] for f in FILES} >= {"en", "de", "fr", "es"}


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_clean_prose_loses_nothing_but_its_headline(path: Path):
    text = path.read_text(encoding="utf-8")
    headline = _headline(text)
    result = cleaner.clean(text)

    unexpected = [r for r in result.removed
                  if not (r.rule_id == "heuristic.title" and r.text == headline)]
    listing = "\n".join(f"  {r.rule_id} [{r.start}:{r.end}] {r.text!r} ({r.reason})"
                        for r in unexpected)
    assert not unexpected, f"{path.name}: {len(unexpected)} removal(s) from clean prose:\n{listing}"
    assert result.metadata["title"] == headline
    body = "\n\n".join(line.strip() for line in text.splitlines()[1:] if line.strip())
    assert result.text == body
    assert not result.warnings


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_the_language_of_each_file_is_detected(path: Path):
    assert cleaner.clean(path.read_text(encoding="utf-8")).metadata["language"] == path.name[:2]


def test_no_rule_matches_any_line_of_the_corpus():
    """Rules alone, line by line and out of context: none may fire on this prose."""
    rules = cleaner.load_rules()
    hits = []
    for f in FILES:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            for rule in rules.rules:
                if rule.matches(line):
                    hits.append(f"{f.name}:{n}: {rule.id} matches {line!r}")
    assert not hits, "\n".join(hits)
