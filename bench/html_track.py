"""HTML track: our front door + pipeline vs trafilatura, same pages, same run.

Reads a fixed sample (the first ``--limit`` pages, default 40, of each dev set)
from ``../shared/eval/dev`` at run time, times both systems page by page,
interleaved so that machine load hits both alike, and reports median ms/page,
the ratio (target: ours <= 1/3 of trafilatura's) and shingle F1 side by side
(scored with ``../shared/eval/score.py``). Skips with a message when the dev
sets are absent.

    .venv/bin/python bench/html_track.py [--limit 40] [--sets wcxb,dragnet]
"""
from __future__ import annotations

import os
import sys

# Run as a script, this file's folder comes first on sys.path and its name
# would shadow the standard library's ``html`` (which trafilatura imports).
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SETS = ("cleaneval", "cleanportaleval", "dragnet", "l3s_gn1", "readability", "wcxb", "trafilatura")


def load(name: str, limit: int) -> list[dict]:
    out = []
    with gzip.open(EVAL / "dev" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line))
            if len(out) >= limit:
                break
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--sets", default=",".join(SETS))
    a = ap.parse_args(argv)
    if not (EVAL / "dev").is_dir():
        print(f"skipped: no dev sets at {EVAL / 'dev'} (they are read at run time, never copied)")
        return 0
    sys.path.insert(0, str(EVAL))
    sys.path.insert(0, str(ROOT))
    from score import score, snippets  # noqa: E402

    import trafilatura
    from cleaner import clean

    ours_all, theirs_all = [], []
    print(f"{'set':16} {'pages':>5} {'ours ms':>8} {'traf ms':>8} {'ratio':>6} {'ours F1':>8} {'traf F1':>8}")
    for name in a.sets.split(","):
        recs = load(name, a.limit)
        clean(recs[0]["html"], content_type="html")  # warm caches: rules, selectors
        trafilatura.extract(recs[0]["html"])
        ours, theirs, t_ours, t_theirs = {}, {}, [], []
        for r in recs:
            t0 = time.perf_counter()
            ours[r["id"]] = clean(r["html"], content_type="html").text
            t1 = time.perf_counter()
            theirs[r["id"]] = trafilatura.extract(r["html"]) or ""
            t2 = time.perf_counter()
            t_ours.append((t1 - t0) * 1000)
            t_theirs.append((t2 - t1) * 1000)
        golds = {r["id"]: r["body"] for r in recs if r.get("body")}
        if golds:
            f_ours, f_theirs = score(golds, ours)["f1"], score(golds, theirs)["f1"]
        else:  # the trafilatura set has snippets only
            f_ours, f_theirs = snippets(recs, ours)["snip_f1"], snippets(recs, theirs)["snip_f1"]
        mo, mt = statistics.median(t_ours), statistics.median(t_theirs)
        ours_all += t_ours
        theirs_all += t_theirs
        print(f"{name:16} {len(recs):5d} {mo:8.2f} {mt:8.2f} {mo / mt:6.2f} {f_ours:8.4f} {f_theirs:8.4f}"
              + ("  (snippet F1)" if not golds else ""), flush=True)
    mo, mt = statistics.median(ours_all), statistics.median(theirs_all)
    verdict = "meets" if mo <= mt / 3 else "misses"
    print(f"{'all':16} {len(ours_all):5d} {mo:8.2f} {mt:8.2f} {mo / mt:6.2f}   "
          f"({verdict} the target ratio <= 0.33)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
