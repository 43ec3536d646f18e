"""The five seed pages, cleaned as an editor would: every body sentence kept,
every piece of furniture gone, the headline found.

The seeds live in ../shared/seeds (read at run time); the expected outputs in
fixtures/seeds/ were written by reading each seed line by line.
"""
import json
from pathlib import Path

import pytest

from cleaner import clean, replay

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
EXPECTED = ROOT / "fixtures" / "seeds"
NAMES = sorted(p.name[:-len(".expected.txt")] for p in EXPECTED.glob("*.expected.txt"))


def _seed(name):
    path = SEEDS / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"seed {path} not found: the seeds are read from ../shared/seeds at run time")
    return path.read_text(encoding="utf-8")


def test_there_are_five_seed_fixtures():
    assert len(NAMES) == 5


@pytest.mark.parametrize("name", NAMES)
def test_seed_body_is_exactly_the_article(name):
    result = clean(_seed(name))
    expected = (EXPECTED / f"{name}.expected.txt").read_text(encoding="utf-8").strip()
    assert result.text == expected


@pytest.mark.parametrize("name", NAMES)
def test_seed_metadata(name):
    result = clean(_seed(name))
    expected = json.loads((EXPECTED / f"{name}.metadata.json").read_text(encoding="utf-8"))
    got = {k: result.metadata.get(k) for k in expected}
    assert got == expected


@pytest.mark.parametrize("name", NAMES)
def test_seed_removals_replay_to_the_output_and_each_has_a_reason(name):
    text = _seed(name)
    result = clean(text)
    assert replay(text, result.removed) == result.text
    for r in result.removed:
        assert r.rule_id and r.reason
        assert text[r.start:r.end] == r.text


def test_weather_widget_date_is_not_the_publication_date():
    result = clean(_seed("003_18bb572b870def16"))
    assert result.metadata["date"] is None
    removed = {r.text: r.rule_id for r in result.removed}
    assert removed["17.8 C"] == "widget.weather"
    assert removed["Tuesday, July 23, 2024"] == "widget.date-header"


def test_glued_caption_credits_are_removed_and_credited():
    result = clean(_seed("003_18bb572b870def16"))
    assert "Reuters" in result.metadata["sources"]
    glued = [r for r in result.removed if r.rule_id == "heuristic.glued-caption"]
    assert [r.text for r in glued] == [
        "Vladimir Putin arrived in North KoreaReuters",
        "Kim Jong Un welcomed Vladimir Putin at the airportReuters",
    ]


def test_dont_miss_headlines_after_the_body_go_with_their_section():
    result = clean(_seed("004_03cbf6482a7ca208"))
    assert "Pixel" not in result.text and "Kentucky" not in result.text
    assert result.text.endswith("he may have been a missionary helping North Korean workers in Russia escape the country.")
