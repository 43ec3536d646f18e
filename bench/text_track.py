"""Text track: time per page and F1 beside a C4-style line filter, in one run.

Inputs: the five seeds, and the dev pages' visible text (html-text's
``extract_text(html, guess_layout=True)``, as a naive scraper gives it), both
read from ../shared at run time. Reports median and mean ms/page for the
cleaner and the C4 filter, the ratio of medians (target: <= 10x), and word
4-gram shingle F1 where gold exists (score.py from ../shared/eval).

    .venv/bin/python bench/text_track.py [--limit N] [--sets a,b]
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def c4_lines(text: str) -> str:
    """The C4 heuristic line filter (as in ../shared/eval/evaluate.py)."""
    keep = [s for s in (l.strip() for l in text.splitlines())
            if len(s.split()) >= 5 and s[-1:] in '.!?"\u201d' and "javascript" not in s.lower()]
    return "\n".join(keep)


def timed(fn, texts, repeat=1):
    out, times = [], []
    for t in texts:
        best = None
        for _ in range(repeat):
            t0 = time.perf_counter()
            r = fn(t)
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
        out.append(r)
        times.append(best * 1000)
    return out, times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=60, help="pages per dev set (default 60)")
    ap.add_argument("--sets", default=None, help="comma list of dev sets (default: all)")
    args = ap.parse_args()

    from cleaner import clean

    def ours(text):
        return clean(text, content_type="text").text

    ours("Warm-up: load rules and the language model once.")
    rows = []
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if seeds:
        texts = [p.read_text(encoding="utf-8") for p in seeds]
        _, t_ours = timed(ours, texts, repeat=5)
        _, t_c4 = timed(c4_lines, texts, repeat=5)
        rows.append(("seeds", len(texts), t_ours, t_c4, None, None))
    else:
        print("seeds not found under ../shared/seeds: skipped")

    dev = SHARED / "eval" / "dev"
    if dev.is_dir():
        import html_text
        sys.path.insert(0, str(SHARED / "eval"))
        from score import score
        names = args.sets.split(",") if args.sets else sorted(p.name[:-9] for p in dev.glob("*.jsonl.gz"))
        for name in names:
            recs = []
            with gzip.open(dev / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
                for line in f:
                    recs.append(json.loads(line))
                    if len(recs) >= args.limit:
                        break
            texts = [html_text.extract_text(r["html"], guess_layout=True) for r in recs]
            keep = [i for i, t in enumerate(texts) if t.strip()]
            texts = [texts[i] for i in keep]
            recs = [recs[i] for i in keep]
            out_ours, t_ours = timed(ours, texts)
            out_c4, t_c4 = timed(c4_lines, texts)
            golds = {r["id"]: r["body"] for r in recs if r.get("body")}
            f1_ours = f1_c4 = None
            if golds:
                f1_ours = score(golds, {r["id"]: o for r, o in zip(recs, out_ours)})["f1"]
                f1_c4 = score(golds, {r["id"]: o for r, o in zip(recs, out_c4)})["f1"]
            rows.append((name, len(texts), t_ours, t_c4, f1_ours, f1_c4))
    else:
        print("dev pages not found under ../shared/eval/dev: skipped")

    print(f"{'input':16s} {'pages':>5s} {'ours med ms':>11s} {'ours mean':>9s} {'c4 med ms':>9s} "
          f"{'ratio med':>9s} {'F1 ours':>7s} {'F1 c4':>6s}")
    all_ours, all_c4 = [], []
    for name, n, t_o, t_c, f_o, f_c in rows:
        all_ours += t_o
        all_c4 += t_c
        mo, mc = statistics.median(t_o), statistics.median(t_c)
        print(f"{name:16s} {n:5d} {mo:11.3f} {statistics.mean(t_o):9.3f} {mc:9.4f} {mo / mc:9.1f} "
              f"{'' if f_o is None else f'{f_o:7.4f}'} {'' if f_c is None else f'{f_c:6.4f}'}")
    if all_ours:
        mo, mc = statistics.median(all_ours), statistics.median(all_c4)
        print(f"{'all':16s} {len(all_ours):5d} {mo:11.3f} {statistics.mean(all_ours):9.3f} {mc:9.4f} {mo / mc:9.1f}")
        print(f"median time per page: {mo / mc:.1f}x the C4 line filter's (target <= 10x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
