"""HTTP service load benchmark: gunicorn + Flask + cleaner vs the ideal, on loopback.

Measured in one run, with the committed gunicorn.conf.py (same workers and
threads for every server):

H   a hello-world Flask endpoint's throughput on gunicorn (wrk, GET)
L   the library's in-process throughput with as many processes as workers
S   /v1/clean throughput on the seeds over 20,000 requests (wrk, full load),
    with the error count (target: zero); compared with the ideal
    1/(1/H + 1/L), the cost of the HTTP stack plus the cost of cleaning
    (target: S >= 75% of it)
p50/p99 latency at 70% of peak, open loop (requests sent on a fixed
    schedule, latency counted from the scheduled time, so a slow server
    cannot hide its queue): for the seeds (target p99 <= 50 ms) and for a
    synthetic ~100 KB HTML page generated here.

Inputs: ../shared/seeds/*.txt, read at run time. Load goes to 127.0.0.1 only
and every phase is bounded in requests and in time. Needs ``wrk`` (Debian:
``apt-get install wrk``); without it the benchmark says so and skips.

    .venv/bin/python bench/http_load.py [--requests 20000] [--seconds 20] [--workers N]

H, L and S are measured in alternating short rounds (other work on a shared
machine then weighs on all three alike) and reported as medians; the ratio
S / ideal is taken per round.
"""
# This file is named http.py, and run as a script its folder comes first on
# sys.path, where it would shadow the standard library's ``http`` package
# for every import below. Drop that entry before importing anything else.
import os
import sys

if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(os.path.abspath(__file__)):
    sys.path.pop(0)

import argparse  # noqa: E402
import http.client  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import multiprocessing as mp  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

HELLO_APP = '''\
from flask import Flask

app = Flask(__name__)


@app.get("/hello")
def hello():
    return "Hello, World!"
'''

# wrk script: rotate request bodies read from files, count non-200 answers,
# report as JSON. (wrk runs for a duration; wrk.thread:stop() would not end the
# run early, its main thread sleeps the full -d, so counts are met by chunks.)
WRK_LUA = r'''
local bodies, paths = {}, {}
local method, path, ctype = "GET", "/", nil
local threads = {}
sent, done_n, bad = 0, 0, 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  method, path, ctype = args[1], args[2], args[3]
  for i = 4, #args do
    local f = assert(io.open(args[i], "rb"))
    table.insert(bodies, f:read("*a"))
    f:close()
  end
end

function request()
  sent = sent + 1
  if #bodies == 0 then
    return wrk.format(method, path)
  end
  local body = bodies[(sent % #bodies) + 1]
  return wrk.format(method, path, {["Content-Type"] = ctype}, body)
end

function response(status, headers, body)
  done_n = done_n + 1
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local n, nbad = 0, 0
  for _, t in ipairs(threads) do
    n = n + t:get("done_n")
    nbad = nbad + t:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "responses": %d, "non200": %d, "seconds": %.6f, '
    .. '"connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d, '
    .. '"p50_ms": %.3f, "p99_ms": %.3f}\n',
    summary.requests, n, nbad, summary.duration / 1e6, e.connect, e.read, e.write,
    e.timeout, e.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
'''

WORDS = ("the of and to in a is that for it as was with be by on not he this are or his from at "
         "which but have an they you were her she there been one all we their has would when if "
         "council budget school road city river market minister report water energy village "
         "police court station hospital election farmers museum bridge harbour festival weather "
         "people year time government week study plan public local new first last long great "
         "said told announced agreed expected according during after before while because").split()


def synthetic_page(target: int = 100_000, seed: int = 5) -> str:
    """A ~100 KB news page: menus, share bar, ads, article, related links, comments, footer.

    Shaped like a real page (about a third of the bytes are markup, scripts
    and styles) but made up here, so no real page is copied into the repo.
    """
    rnd = random.Random(seed)

    def sentence(lo=10, hi=24):
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(lo, hi))]
        return " ".join(words).capitalize() + "."

    def para(n=None):
        return " ".join(sentence() for _ in range(n or rnd.randint(3, 6)))

    head = ["<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">",
            "<title>Council approves budget for new schools | The Daily Example</title>",
            "<style>" + "".join(f".c{i}{{margin:{i}px;padding:{i % 7}px;color:#{i:03x}}}" for i in range(300)) + "</style>",
            "<script>window.dataLayer=" + json.dumps([{"k": i, "v": "x" * 20} for i in range(250)]) + ";</script>",
            "</head><body class=\"article-page\">"]
    nav = ["<header class=\"site-header\"><nav class=\"menu\"><ul>"]
    nav += [f"<li class=\"menu-item\"><a href=\"/section/{w}\">{w.title()}</a></li>" for w in WORDS[40:80]]
    nav += ["</ul></nav></header>",
            "<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on X</a></div>"]
    article = ["<main><article class=\"story\"><h1>Council approves budget for new schools</h1>",
               "<p class=\"byline\">By Jane Example, 3 March 2024</p>"]
    tail = ["</article><aside class=\"related\"><h2>Related Articles</h2><ul>"]
    tail += [f"<li><a href=\"/story/{i}\">{sentence(5, 9)}</a></li>" for i in range(25)]
    tail += ["</ul></aside><section class=\"comments\"><h2>Comments</h2>"]
    comments = [f"<div class=\"comment\"><span class=\"author\">user{i}</span> <p>{sentence(6, 15)}</p>"
                "<a class=\"reply\" href=\"#\">Reply</a></div>" for i in range(30)]
    foot = ["</section></main><footer><ul>"]
    foot += [f"<li><a href=\"/about/{w}\">{w.title()}</a></li>" for w in WORDS[80:110]]
    foot += ["</ul><p>&copy; 2024 The Daily Example. All rights reserved.</p></footer></body></html>"]

    body: list[str] = []
    while True:
        page = "".join(head + nav + article + body + tail + comments + foot)
        if len(page.encode()) >= target:
            return page
        body.append(f"<p class=\"c{len(body)}\">{para()}</p>")
        if len(body) % 6 == 0:
            body.append("<div class=\"ad-slot\"><span>Advertisement</span></div>")


# -- servers ---------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn with the committed config, on a free loopback port, stopped on exit."""

    def __init__(self, app: str, workers: int, pythonpath: str | None = None):
        self.port = free_port()
        self.metrics = tempfile.mkdtemp(prefix="bench-metrics-")
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLEANER_")}
        env.update(CLEANER_BIND=f"127.0.0.1:{self.port}", CLEANER_WORKERS=str(workers),
                   PROMETHEUS_MULTIPROC_DIR=self.metrics, CLEANER_ACCESS_LOG="-")
        cmd = [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py"]
        if pythonpath:
            cmd += ["--pythonpath", pythonpath]
        self.log = tempfile.TemporaryFile()
        # The access log stays on (as deployed) but goes nowhere; errors are kept.
        self.proc = subprocess.Popen(cmd + [app], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                     stderr=self.log)
        self._wait(app)

    def _wait(self, app: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        path = "/hello" if "hello" in app else "/readyz"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"gunicorn for {app} exited: {self.errors()}")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                c.request("GET", path)
                if c.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise SystemExit(f"gunicorn for {app} not ready in {timeout}s")

    def errors(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.metrics, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# -- load ------------------------------------------------------------------------------

def wrk(port: int, method: str, path: str, files=(), content_type="", seconds=10,
        connections=8, threads=2, lua: Path = None) -> dict:
    """Closed-loop load with wrk for ``seconds`` seconds."""
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
           "-s", str(lua), f"http://127.0.0.1:{port}", "--", method, path, content_type or "-",
           *map(str, files)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    for line in out.stdout.splitlines():
        if line.startswith("WRKJSON "):
            r = json.loads(line[8:])
            r["rps"] = r["responses"] / r["seconds"] if r["seconds"] else 0.0
            r["errors"] = r["connect"] + r["read"] + r["write"] + r["timeout"] + r["non200"]
            return r
    raise SystemExit(f"wrk failed: {out.stdout}\n{out.stderr}")


def open_loop(port: int, path: str, bodies: list[bytes], content_type: str, rate: float,
              seconds: float, threads: int = 16) -> dict:
    """Send requests on a fixed schedule (``rate``/s); latency from each one's scheduled time."""
    n = max(1, int(rate * seconds))
    lat: list[float | None] = [None] * n
    errors = [0]
    ticket = itertools.count()
    start = time.perf_counter() + 0.2

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            i = next(ticket)  # itertools.count is atomic under the GIL
            if i >= n:
                break
            due = start + i / rate
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            try:
                conn.request("POST", path, body=bodies[i % len(bodies)],
                             headers={"Content-Type": content_type})
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    errors[0] += 1
                if resp.will_close:
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            except OSError:
                errors[0] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            lat[i] = time.perf_counter() - due

    pool = [threading.Thread(target=client, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(seconds * 4 + 60)
    done = sorted(x * 1000 for x in lat if x is not None)
    q = statistics.quantiles(done, n=100, method="inclusive") if len(done) > 1 else done * 99
    return {"rate": rate, "requests": len(done), "errors": errors[0], "p50_ms": q[49], "p99_ms": q[98],
            "achieved_rps": len(done) / (time.perf_counter() - start)}


# -- the library alone ---------------------------------------------------------------------

def _lib_loop(conn, texts: list[bytes], content_type: str) -> None:
    """A persistent process: on each ``seconds`` received, clean in a loop that long.

    ``texts`` are the bytes a request carries, cleaned with the charset the
    request declares: the same work the service does for one request.
    """
    from cleaner import clean
    for t in texts:  # warm up: imports, rule compilation, models
        clean(t, content_type=content_type, charset="utf-8")
    conn.send("ready")
    while True:
        seconds = conn.recv()
        if seconds is None:
            return
        n = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            clean(texts[n % len(texts)], content_type=content_type, charset="utf-8")
            n += 1
        conn.send((n, time.perf_counter() - t0))


class Library:
    """``processes`` processes cleaning in a loop together: the in-process throughput L."""

    def __init__(self, texts: list[bytes], content_type: str, processes: int):
        ctx = mp.get_context("spawn")
        self.conns, self.procs = [], []
        for _ in range(processes):
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_lib_loop, args=(child, texts, content_type), daemon=True)
            proc.start()
            self.conns.append(parent)
            self.procs.append(proc)
        for c in self.conns:
            c.recv()

    def throughput(self, seconds: float) -> float:
        for c in self.conns:
            c.send(seconds)
        return sum(n / s for n, s in (c.recv() for c in self.conns))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for c in self.conns:
            c.send(None)
        for p in self.procs:
            p.join(10)
            if p.is_alive():
                p.kill()


def rounds(measures: dict, until, max_rounds: int) -> dict:
    """Run each named measurement in turn, round after round, until ``until(history)``.

    Other work on the machine comes and goes; alternating short runs of H, L
    and S exposes them to the same conditions, and medians of the rounds
    (and of the per-round ratios) are then comparable.
    """
    history: dict = {k: [] for k in measures}
    for _ in range(max_rounds):
        for name, fn in measures.items():
            history[name].append(fn())
        if until(history):
            break
    return history


# -- main ------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=20_000, help="requests in the error run (20000)")
    ap.add_argument("--seconds", type=float, default=20, help="seconds per latency phase (20)")
    ap.add_argument("--chunk", type=int, default=8, help="seconds of service load per round (8)")
    ap.add_argument("--max-rounds", type=int, default=40, help="bound on the rounds (40)")
    ap.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: as configured)")
    args = ap.parse_args()

    if not shutil.which("wrk"):
        print("skipped: wrk not found (Debian/Ubuntu: apt-get install wrk)")
        return 0
    seed_files = sorted(SEEDS.glob("*.txt"))
    if not seed_files:
        print(f"skipped: no seeds in {SEEDS} (they are read at run time)")
        return 0
    cfg: dict = {}
    exec(compile((ROOT / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), cfg)
    workers = args.workers or cfg["workers"]
    threads = cfg["threads"]
    connections = 4 * workers * threads  # enough to keep every worker thread busy
    seeds = [p.read_text(encoding="utf-8") for p in seed_files]
    page = synthetic_page()
    tmp = Path(tempfile.mkdtemp(prefix="bench-http-"))
    med = statistics.median
    results: dict = {"workers": workers, "threads": threads, "connections": connections,
                     "cores": os.cpu_count(), "seed_chars": [len(s) for s in seeds],
                     "html_bytes": len(page.encode()), "load_average_before": os.getloadavg()}
    try:
        lua = tmp / "load.lua"
        lua.write_text(WRK_LUA)
        (tmp / "hello_app.py").write_text(HELLO_APP)
        seed_paths = []
        for i, s in enumerate(seeds):
            seed_paths.append(tmp / f"seed{i}.txt")
            seed_paths[-1].write_bytes(s.encode("utf-8"))
        html_path = tmp / "page.html"
        html_path.write_bytes(page.encode("utf-8"))
        version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0]
        print(f"{workers} gunicorn workers x {threads} threads (gunicorn.conf.py), {os.cpu_count()} cores, "
              f"{' '.join(version.split()[:2])}, {connections} connections, loopback; "
              f"load average before: {os.getloadavg()[0]:.1f}")
        print(f"inputs: {len(seeds)} seeds ({min(map(len, seeds))}-{max(map(len, seeds))} chars), "
              f"synthetic HTML page {len(page.encode()):,} bytes")

        text_ct = "text/plain; charset=utf-8"
        with Gunicorn("hello_app:app", workers, pythonpath=str(tmp)) as hello, \
                Gunicorn("cleaner.web:create_app()", workers) as svc, \
                Library([t.encode("utf-8") for t in seeds], "text", workers) as lib:
            wrk(hello.port, "GET", "/hello", seconds=2, connections=connections, lua=lua)  # warm
            wrk(svc.port, "POST", "/v1/clean", seed_paths, text_ct, seconds=2,
                connections=connections, lua=lua)
            total = lambda h: sum(r["responses"] for r in h["S"])  # noqa: E731
            t0 = time.perf_counter()
            hist = rounds({
                "H": lambda: wrk(hello.port, "GET", "/hello", seconds=3, connections=connections, lua=lua),
                "L": lambda: lib.throughput(4),
                "S": lambda: wrk(svc.port, "POST", "/v1/clean", seed_paths, text_ct, seconds=args.chunk,
                                 connections=connections, lua=lua),
            }, until=lambda h: total(h) >= args.requests, max_rounds=args.max_rounds)
            elapsed = time.perf_counter() - t0
            H = [r["rps"] for r in hist["H"]]
            L = hist["L"]
            S = [r["rps"] for r in hist["S"]]
            ratios = [s / (1 / (1 / h + 1 / l)) for h, l, s in zip(H, L, S)]
            err_keys = ("connect", "read", "write", "timeout", "non200")
            errs = {k: sum(r[k] for r in hist["S"]) for k in err_keys}
            n = total(hist)
            results.update(H=med(H), L_text=med(L), S_text=med(S), ideal_text=1 / (1 / med(H) + 1 / med(L)),
                           ratio_text=med(ratios), ratios_text=ratios, rounds=len(S), S_requests=n,
                           S_errors=errs, H_rounds=H, L_rounds=L, S_rounds=S)
            print(f"\n{len(S)} rounds of H (3 s), L (4 s), S ({args.chunk} s), {elapsed:.0f} s; medians:")
            print(f"H  hello-world Flask on gunicorn:                 {med(H):8.1f} req/s")
            print(f"L  library in-process, {workers} processes, seeds:      {med(L):8.1f} docs/s")
            print(f"S  /v1/clean, seeds (raw text/plain), full load:  {med(S):8.1f} req/s")
            print(f"   ideal 1/(1/H + 1/L) = {results['ideal_text']:.1f} req/s; S / ideal per round: "
                  f"median {med(ratios):.1%}, min {min(ratios):.1%}  target: >= 75%")
            print(f"   errors over {n:,} service requests: {sum(errs.values())} "
                  f"({', '.join(f'{k} {v}' for k, v in errs.items())})  target: 0 over 20,000")

            rate = 0.7 * med(S)
            lt = open_loop(svc.port, "/v1/clean", [p.read_bytes() for p in seed_paths], text_ct,
                           rate, args.seconds)
            results["latency_text"] = lt
            print(f"   at 70% of peak ({rate:.0f} req/s, open loop, {lt['requests']} requests): "
                  f"p50 {lt['p50_ms']:.1f} ms, p99 {lt['p99_ms']:.1f} ms, errors {lt['errors']}  "
                  f"target: p99 <= 50 ms")
            server_log = svc.errors()

            probe = http.client.HTTPConnection("127.0.0.1", svc.port, timeout=60)
            probe.request("POST", "/v1/clean", body=page.encode(), headers={"Content-Type": "text/html"})
            status = probe.getresponse().status
            probe.close()
        if status == 200:
            html_ct = "text/html; charset=utf-8"
            with Gunicorn("cleaner.web:create_app()", workers) as svc, \
                    Library([page.encode("utf-8")], "html", workers) as lib:
                wrk(svc.port, "POST", "/v1/clean", [html_path], html_ct, seconds=2,
                    connections=connections, lua=lua)
                hh = rounds({
                    "L": lambda: lib.throughput(4),
                    "S": lambda: wrk(svc.port, "POST", "/v1/clean", [html_path], html_ct, seconds=5,
                                     connections=connections, lua=lua),
                }, until=lambda h: len(h["S"]) >= 3, max_rounds=3)
                Lh, Sh = hh["L"], [r["rps"] for r in hh["S"]]
                ideal_h = 1 / (1 / results["H"] + 1 / med(Lh))
                errs_h = sum(r["errors"] for r in hh["S"])
                results.update(L_html=med(Lh), S_html=med(Sh), ideal_html=ideal_h,
                               ratio_html=med(Sh) / ideal_h, S_html_errors=errs_h)
                print(f"\nL  library in-process, {workers} processes, 100 KB HTML: {med(Lh):8.1f} docs/s")
                print(f"S  /v1/clean, 100 KB HTML, full load:             {med(Sh):8.1f} req/s, "
                      f"errors {errs_h}; S / ideal = {med(Sh) / ideal_h:.1%}")
                rate_h = 0.7 * med(Sh)
                lh = open_loop(svc.port, "/v1/clean", [page.encode()], html_ct, rate_h, args.seconds)
                results["latency_html"] = lh
                print(f"   at 70% of peak ({rate_h:.0f} req/s, open loop, {lh['requests']} requests): "
                      f"p50 {lh['p50_ms']:.1f} ms, p99 {lh['p99_ms']:.1f} ms, errors {lh['errors']}")
                server_log += svc.errors()
        else:
            print(f"\nS  /v1/clean, 100 KB HTML: the service answers {status} (HTML input unavailable)")
        if "Traceback" in server_log:
            print("server errors:\n" + server_log)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    results["load_average_after"] = os.getloadavg()
    out = ROOT / "bench-out"
    out.mkdir(exist_ok=True)
    (out / "http.json").write_text(json.dumps(results, indent=2))
    print(f"\nload average after: {os.getloadavg()[0]:.1f}; figures written to {out / 'http.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
