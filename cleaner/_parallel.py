"""An ordered, bounded parallel map over worker processes.

``multiprocessing.Pool.imap`` reads its whole input into the task queue as
fast as it can, so a lazy stream of pages becomes a list in memory. This map
keeps at most ``window`` chunks in flight: memory stays flat however long the
stream, and results come back in input order whatever the number of workers.
"""
from __future__ import annotations

import multiprocessing as mp
import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Callable, Iterable, Iterator

_FN: Callable | None = None


def _install(fn: Callable, ignore_sigint: bool) -> None:
    # Ctrl-C goes to the whole process group; the parent decides what to do,
    # so workers must not die mid-chunk and break the pool.
    global _FN
    if ignore_sigint:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _FN = fn
    warm = getattr(fn, "warm_up", None)
    if warm is not None:
        warm()


def _call_chunk(chunk: list) -> list:
    return [_FN(x) for x in chunk]


def pool_context():
    """``fork`` when this process runs no other thread (workers then inherit
    its compiled rules and loaded language models instead of loading them
    again: on 2,299 dev pages a 2-process batch spent ~2.6 CPU-s more than
    one process, mostly that); else ``forkserver``, which is safe with
    threads; else ``spawn``."""
    import threading
    methods = mp.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return mp.get_context("fork")
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def ordered_map(fn: Callable, items: Iterable, workers: int = 1, *, chunksize: int = 4,
                window: int | None = None, ignore_sigint: bool = True) -> Iterator:
    """``map(fn, items)`` over ``workers`` processes, in input order, bounded.

    ``fn`` must be picklable; it is sent once to each worker (not with every
    task). If it has a ``warm_up()`` method, each worker calls it at start.
    With ``workers <= 1`` everything runs in this process.

    >>> list(ordered_map(abs, [-3, 1, -2], workers=1))
    [3, 1, 2]
    """
    if workers <= 1:
        yield from map(fn, items)
        return
    window = window or workers * 4
    it = iter(items)
    ex = None  # started with the first chunk: an empty stream costs no processes
    pending: deque = deque()
    try:
        while True:
            chunk = list(islice(it, chunksize))
            if chunk:
                if ex is None:
                    ctx = pool_context()
                    if ctx.get_start_method() == "fork" and hasattr(fn, "warm_up"):
                        fn.warm_up()  # once here; the forked workers inherit it warm
                    ex = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_install,
                                             initargs=(fn, ignore_sigint))
                pending.append(ex.submit(_call_chunk, chunk))
            while pending and (len(pending) >= window or not chunk):
                yield from pending.popleft().result()
            if not chunk:
                break
    finally:
        for f in pending:
            f.cancel()
        if ex is not None:
            ex.shutdown(wait=True, cancel_futures=True)
