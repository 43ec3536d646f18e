"""Hand-written furniture-laden pages, cleaned as an editor would.

Each fixtures/pages/NAME.txt is a page as a naive scraper or a copy-paste
gives it (one line per block) around an article written for this project;
NAME.expected.txt is the body an editor wants (headline excluded: it goes
to metadata.title); NAME.metadata.json, where present, holds the metadata
fields the page states. Together the pages exercise every bundled rule, so
``cleaner rules lint`` finds no rule that matches nothing in fixtures/.

The expectations were written by reading each page, not by copying the
cleaner's output. Where the cleaner is wrong the expectation stays and the
test is a strict xfail naming the bug, so a fix turns it into a pass.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import clean, replay

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "fixtures" / "pages"
NAMES = sorted(p.name[:-len(".txt")] for p in PAGES.glob("*.txt") if not p.name.endswith(".expected.txt"))
WITH_METADATA = sorted(p.name[:-len(".metadata.json")] for p in PAGES.glob("*.metadata.json"))
#: List fields whose order says nothing (tags, breadcrumbs and credits are
#: gathered from several places on the page): compared as multisets.
UNORDERED = frozenset({"categories", "sources"})

#: Pages whose body the cleaner gets wrong today: page -> the bug.
TEXT_BUGS = {
}

_LABELS = (
    "heuristic.before-body turns every short line before the headline into a category, "
    "even one already removed as furniture: ")

#: Pages whose metadata the cleaner gets wrong today: page -> the bug.
METADATA_BUGS = {
}


def _params(names, bugs):
    return [pytest.param(n, id=n, marks=pytest.mark.xfail(strict=True, reason=bugs[n]))
            if n in bugs else pytest.param(n, id=n) for n in names]


def _page(name: str) -> str:
    return (PAGES / f"{name}.txt").read_text(encoding="utf-8")


def test_every_page_has_an_expected_body_and_the_known_bugs_name_real_pages():
    assert 10 <= len(NAMES) <= 20
    for name in NAMES:
        assert (PAGES / f"{name}.expected.txt").is_file(), name
    assert set(TEXT_BUGS) <= set(NAMES)
    assert set(METADATA_BUGS) <= set(WITH_METADATA)


@pytest.mark.parametrize("name", _params(NAMES, TEXT_BUGS))
def test_page_body_is_exactly_the_article(name):
    expected = (PAGES / f"{name}.expected.txt").read_text(encoding="utf-8").strip()
    assert clean(_page(name)).text == expected


@pytest.mark.parametrize("name", _params(WITH_METADATA, METADATA_BUGS))
def test_page_metadata_is_what_the_page_states(name):
    expected = json.loads((PAGES / f"{name}.metadata.json").read_text(encoding="utf-8"))
    md = clean(_page(name)).metadata
    got = {k: sorted(md.get(k) or []) if k in UNORDERED else md.get(k) for k in expected}
    want = {k: sorted(v) if k in UNORDERED else v for k, v in expected.items()}
    assert got == want


@pytest.mark.parametrize("name", _params(NAMES, {}))
def test_page_removals_replay_to_the_output(name):
    page = _page(name)
    result = clean(page)
    assert replay(page, result.removed) == result.text
    for r in result.removed:
        assert r.rule_id and r.reason
        assert page[r.start:r.end] == r.text


def test_rules_lint_finds_every_bundled_rule_exercised_by_the_fixtures():
    script = Path(sys.executable).with_name("cleaner")
    proc = subprocess.run([str(script), "rules", "lint"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 problem(s)" in proc.stdout, proc.stdout
