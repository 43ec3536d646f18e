"""Batch throughput and memory: ``cleaner batch`` with 1 and 2 processes, beside trafilatura.

Reads the dev pages from ../shared/eval/dev/*.jsonl.gz at run time into a
temporary folder (nothing is copied into the repository):

* ``text/``: each page's visible text (html-text, as a naive scraper gives
  it), one ``.txt`` per page; ``html/``: the same pages as ``.html``.
* Documents/s of ``python -m cleaner.batch`` with ``-j 1`` and ``-j 2`` on
  both folders, wall clock of the whole command (start-up, template pass
  and all). Target: >= 1.7x speed-up from 1 to 2 processes on text.
* ``trafilatura --input-dir html --parallel 2`` on the same HTML folder, in
  the same run.
* Peak memory (sum of RSS over the batch's process tree, sampled every
  50 ms) cleaning one JSONL.gz of N pages vs one of 10 x N pages (the same
  pages under ten distinct sites, so site templates stay the same). Target:
  the 10x run within 20 % of the 1x run.

    .venv/bin/python bench/batch_scale.py [--limit 100] [--mem-pages 100] [--keep DIR]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"
PY = sys.executable


def load_pages(limit: int) -> list[dict]:
    pages = []
    for f in sorted(DEV.glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= limit:
                    break
                r = json.loads(line)
                pages.append({"id": r["id"], "url": r.get("url"), "html": r["html"]})
    return pages


def write_folders(pages: list[dict], root: Path) -> None:
    from html_text import extract_text
    for sub in ("text", "html"):
        (root / sub).mkdir(parents=True)
    for p in pages:
        name = p["id"].replace(":", "-").replace("/", "_")
        (root / "html" / f"{name}.html").write_text(p["html"], encoding="utf-8")
        text = extract_text(p["html"], guess_layout=True)
        (root / "text" / f"{name}.txt").write_text(text or " ", encoding="utf-8")


def write_jsonl(pages: list[dict], path: Path, copies: int) -> int:
    from urllib.parse import urlsplit
    n = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for k in range(copies):
            for p in pages:
                url = p["url"]
                if url and k:
                    parts = urlsplit(url)
                    url = parts._replace(netloc=f"copy{k}.{parts.netloc}").geturl()
                fh.write(json.dumps({"id": f"{p['id']}#{k}", "url": url, "html": p["html"]}) + "\n")
                n += 1
    return n


def tree_rss(pid: int, cpu_ticks: dict | None = None) -> tuple[int, int]:
    """(sum, max) RSS in bytes over ``pid`` and its descendants; records each
    process's CPU ticks in ``cpu_ticks`` (workers of a forkserver are not
    children of the batch, so ``RUSAGE_CHILDREN`` would miss them)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    ticks: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                stat = fh.read()
            fields = stat[stat.rfind(")") + 2:].split()
            children.setdefault(int(fields[1]), []).append(int(d))
            rss[int(d)] = int(fields[21]) * page
            ticks[int(d)] = int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            continue
    total = biggest = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        biggest = max(biggest, rss.get(p, 0))
        if cpu_ticks is not None and p in ticks:
            cpu_ticks[p] = max(cpu_ticks.get(p, 0), ticks[p])
        stack.extend(children.get(p, []))
    return total, biggest


def timed_run(cmd: list[str]) -> dict:
    import resource
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0, 0]
    done = threading.Event()
    cpu_ticks: dict[int, int] = {}

    def sample():
        while not done.is_set():
            s, m = tree_rss(proc.pid, cpu_ticks)
            peak[0], peak[1] = max(peak[0], s), max(peak[1], m)
            time.sleep(0.05)
    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = proc.communicate()
    done.set()
    elapsed = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    th.join()
    cpu = max((cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime),
              sum(cpu_ticks.values()) / os.sysconf("SC_CLK_TCK"))
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    return {"seconds": elapsed, "peak_sum": peak[0], "peak_max": peak[1], "rc": proc.returncode,
            "cpu": cpu, "load": (load0 + os.getloadavg()[0]) / 2}


def batch_cmd(inp: Path, out: Path, jobs: int) -> list[str]:
    return [PY, "-m", "cleaner.batch", str(inp), str(out), "-j", str(jobs), "-q"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=1000, help="pages per dev set (default 1000: all of them; start-up costs distort small runs)")
    ap.add_argument("--mem-pages", type=int, default=100, help="pages in the 1x memory run (default 100)")
    ap.add_argument("--keep", default=None, help="keep the work folder here instead of a temp dir")
    args = ap.parse_args()
    if not DEV.is_dir():
        print(f"skipped: {DEV} not found (the dev set is read at run time)")
        return 0
    work = Path(args.keep or tempfile.mkdtemp(prefix="cleaner-bench-batch-"))
    try:
        pages = load_pages(args.limit)
        write_folders(pages, work)
        n = len(pages)
        print(f"{n} dev pages ({args.limit} per set), {os.cpu_count()} cores, work folder {work}")
        rows = []
        for kind in ("text", "html"):
            for jobs in (1, 2):
                r = timed_run(batch_cmd(work / kind, work / f"out-{kind}-{jobs}", jobs))
                rows.append((f"cleaner batch -j {jobs}", kind, r["seconds"], r["cpu"], r["load"]))
        same = all(_same_tree(work / f"out-{k}-1", work / f"out-{k}-2") for k in ("text", "html"))
        tout = work / "out-trafilatura"
        t = timed_run(["trafilatura", "--input-dir", str(work / "html"), "--output-dir", str(tout),
                       "--parallel", "2"] if shutil.which("trafilatura") else
                      [str(Path(PY).parent / "trafilatura"), "--input-dir", str(work / "html"),
                       "--output-dir", str(tout), "--parallel", "2"])
        rows.append(("trafilatura --parallel 2", "html", t["seconds"], t["cpu"], t["load"]))
        print("\nwall clock of the whole command; CPU = user+sys of its process tree; load = the\n"
              "machine's 1-minute load average during the run (other jobs share the cores)")
        print(f"{'command':28} {'input':5} {'seconds':>8} {'docs/s':>8} {'CPU s':>7} {'load':>5}")
        for name, kind, sec, cpu, load in rows:
            print(f"{name:28} {kind:5} {sec:8.2f} {n / sec:8.1f} {cpu:7.1f} {load:5.1f}")
        for kind in ("text", "html"):
            one = next(r[2] for r in rows if r[1] == kind and r[0].endswith("-j 1"))
            two = next(r[2] for r in rows if r[1] == kind and r[0].endswith("-j 2"))
            print(f"speed-up 1 -> 2 processes on {kind}: {one / two:.2f}x (target >= 1.7x)")
        print(f"-j 1 and -j 2 outputs identical: {same}")
        print(f"trafilatura wrote {sum(1 for _ in tout.rglob('*') if _.is_file())} files")

        mem_pages = pages[: args.mem_pages]
        mem = {}
        for copies in (1, 10):
            src = work / f"mem-{copies}x" / "pages.jsonl.gz"
            docs = write_jsonl(mem_pages, src, copies)
            r = timed_run(batch_cmd(src.parent, work / f"out-mem-{copies}x", 2))
            mem[copies] = (docs, r)
        print(f"\n{'memory run':12} {'docs':>6} {'seconds':>8} {'peak RSS sum MB':>16} {'largest proc MB':>16}")
        for copies, (docs, r) in mem.items():
            print(f"{str(copies) + 'x':12} {docs:6} {r['seconds']:8.1f} {r['peak_sum'] / 1e6:16.1f} "
                  f"{r['peak_max'] / 1e6:16.1f}")
        growth = mem[10][1]["peak_sum"] / mem[1][1]["peak_sum"] - 1
        print(f"peak memory 10x vs 1x: {growth:+.1%} (target within 20%)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _same_tree(a: Path, b: Path) -> bool:
    def files(root: Path):
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and ".cleaner" not in p.parts}
    return files(a) == files(b)


if __name__ == "__main__":
    sys.exit(main())
