"""Quality gate, text track: per-set F1 floors on a fixed sample of the dev pages.

The pages are read at run time from ../shared/eval/dev (never copied into the
repo) and turned into visible text with html-text's
``extract_text(html, guess_layout=True)``, as the evaluation does. Floors are
pinned in tests/quality_floors_text.json: a change that lowers quality below
them fails CI; a change that raises it should raise the floors too.
"""
import gzip
import json
import sys
from pathlib import Path

import pytest

from cleaner import clean

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"
FLOORS = json.loads((ROOT / "tests" / "quality_floors_text.json").read_text())
SAMPLE = FLOORS["sample_per_set"]

pytestmark = pytest.mark.eval


def _sample(name):
    path = DEV / f"{name}.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} not found: the dev pages are read from ../shared/eval/dev at run time")
    import html_text
    recs = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % FLOORS["every"]:
                continue
            r = json.loads(line)
            r["text"] = html_text.extract_text(r["html"], guess_layout=True)
            recs.append(r)
            if len(recs) >= SAMPLE:
                break
    return recs


def _clean(text):
    if not text.strip():
        return ""
    return clean(text, content_type="text").text


@pytest.mark.parametrize("name", sorted(FLOORS["f1"]))
def test_text_track_f1_stays_above_its_floor(name):
    recs = _sample(name)  # skips when ../shared is absent, before score is imported from there
    sys.path.insert(0, str(DEV.parent))
    from score import score, snippets
    preds = {r["id"]: _clean(r["text"]) for r in recs}
    golds = {r["id"]: r["body"] for r in recs if r.get("body")}
    floor = FLOORS["f1"][name]
    if golds:
        got = score(golds, preds)["f1"]
    else:
        got = snippets(recs, preds)["snip_f1"]
    assert got >= floor, f"{name}: text-track F1 {got:.4f} fell below its floor {floor:.4f}"
