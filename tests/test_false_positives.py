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


#: A short news story whose paragraphs each tell a different part of it, so
#: they share few content words; nothing in it is furniture.
VARIED_STORY = """\
City council approves new budget after long debate

The city council approved the new budget on Monday evening after a debate that lasted more than six hours, with members arguing over the cost of road repairs and the future of the public library.

Supporters of the plan said it would allow the city to hire twenty new teachers and repair the old bridge over the river, which has been closed to heavy traffic since the spring floods.

Opponents warned that the spending would force the council to raise local taxes next year, and several residents who spoke at the meeting asked for a public vote on the largest projects.

The mayor said she was pleased with the result and thanked the staff who had worked through the weekend to prepare the figures, adding that the first projects would start in the autumn.
"""


def test_a_story_whose_paragraphs_share_few_words_loses_nothing():
    result = cleaner.clean(VARIED_STORY)
    removed = [(r.rule_id, r.text[:40]) for r in result.removed if r.rule_id != "heuristic.title"]
    assert not removed
    assert result.text == "\n\n".join(VARIED_STORY.split("\n\n")[1:]).strip()


@pytest.mark.parametrize("furniture", ["ADVERTISEMENT", "Share on Facebook"])
def test_an_ad_label_mid_story_does_not_cut_the_story(furniture: str):
    paragraphs = VARIED_STORY.strip().split("\n\n")
    page = "\n\n".join(paragraphs[:3] + [furniture] + paragraphs[3:])
    result = cleaner.clean(page)
    assert [r.text for r in result.removed] == [paragraphs[0], furniture]
    assert result.text == "\n\n".join(paragraphs[1:])
