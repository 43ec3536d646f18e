"""gunicorn settings for the cleaner service (``make run``, the Procfile, the tests).

Every value can be overridden by the environment (or gunicorn's own command
line, which wins over this file):

CLEANER_BIND (``127.0.0.1:8000``; ``0.0.0.0:$PORT`` when only PORT is set, as on PaaS)
CLEANER_WORKERS (the usable core count): cleaning is CPU-bound Python, so one
    process per core gives the throughput; more processes only add memory and
    context switches.
CLEANER_THREADS (2): a second thread per worker lets health checks and
    keep-alive connections be served while a long document is being cleaned;
    the GIL makes more threads useless for CPU-bound work.
CLEANER_TIMEOUT (30 s): a worker silent for this long is killed and replaced,
    the last-resort bound on one request (inputs are size-capped and the
    library is linear-time, so this should never fire).
CLEANER_MAX_REQUESTS (50,000, jittered by up to 10%): workers are recycled after
    this many requests to bound memory growth; the jitter stops them all
    restarting at once. A replacement takes the arbiter up to a second, so
    recycling every 2,000 requests (~6 s at full load on 2 cores) cost 18%
    of throughput (591 vs 731 req/s, seed text, wrk on loopback).
CLEANER_GRACEFUL_TIMEOUT (20 s): on SIGTERM, in-flight requests get this long.
CLEANER_ACCESS_LOG (``-``: stdout; ``""`` turns it off)
CLEANER_PRELOAD (1): load and warm the app in the master before forking workers
CLEANER_CONTROL_SOCKET (off): path of gunicorn's control socket (``gunicornc``)

Metrics across workers: prometheus-client's multiprocess mode. The master
creates a fresh ``PROMETHEUS_MULTIPROC_DIR`` (unless one is given, whose stale
files are cleared) before any worker imports prometheus-client, so every worker
writes its counters there and ``/metrics`` sums them, whichever worker answers.
"""
import os
import shutil
import tempfile


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # respects CPU pinning in containers
    except AttributeError:
        return os.cpu_count() or 1


if os.environ.get("CLEANER_BIND"):
    bind = os.environ["CLEANER_BIND"]
elif os.environ.get("PORT"):
    bind = f"0.0.0.0:{os.environ['PORT']}"
else:
    bind = "127.0.0.1:8000"

workers = _int("CLEANER_WORKERS", _cores())
worker_class = "gthread"
# Load the app (rules compiled, language models and stoplists warmed) once in
# the master; workers fork warm, so recycling them (max_requests) is cheap.
preload_app = os.environ.get("CLEANER_PRELOAD", "1").lower() not in ("0", "false", "no")
threads = _int("CLEANER_THREADS", 2)
timeout = _int("CLEANER_TIMEOUT", 30)
graceful_timeout = _int("CLEANER_GRACEFUL_TIMEOUT", 20)
keepalive = 5
max_requests = _int("CLEANER_MAX_REQUESTS", 50_000)
max_requests_jitter = max(1, max_requests // 10)
# Bound the request line and headers; bodies are bounded by the app itself.
limit_request_line = 8190
limit_request_fields = 100

accesslog = os.environ.get("CLEANER_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("CLEANER_LOG_LEVEL", "info")
# Standard combined log plus the request id and the time taken in microseconds.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)sus rid=%({x-request-id}o)s "%(a)s"'
proc_name = "cleaner"
# gunicorn >= 25 opens a control socket at one fixed path per user, so two
# servers (tests, benchmarks) would fight over it; opt in with a path.
if os.environ.get("CLEANER_CONTROL_SOCKET"):
    control_socket = os.environ["CLEANER_CONTROL_SOCKET"]
else:
    control_socket_disable = True

_made_metrics_dir = None
if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    _dir = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    os.makedirs(_dir, exist_ok=True)
    for _name in os.listdir(_dir):  # counts from an earlier run must not leak in
        if _name.endswith(".db"):
            os.remove(os.path.join(_dir, _name))
else:
    _made_metrics_dir = tempfile.mkdtemp(prefix="cleaner-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = _made_metrics_dir


def child_exit(server, worker):
    """Let prometheus-client drop a dead worker's live gauges (counters stay summed)."""
    from prometheus_client import multiprocess
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _made_metrics_dir:
        shutil.rmtree(_made_metrics_dir, ignore_errors=True)
