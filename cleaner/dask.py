"""Scale-out on Dask: clean a bag or a DataFrame column, partition by partition.

The model is NVIDIA NeMo Curator's: the data stays in a Dask collection and
each partition goes through one plain Python function on whichever worker
holds it; the cleaner adds no scheduler of its own. Three entry points:

* :func:`clean_bag` — a ``dask.bag.Bag`` of pages (``str``/``bytes``, or
  mappings with ``content`` and optional ``content_type``/``url``/``id``, as
  :func:`cleaner.clean_many` takes them) to a bag of JSON-ready records, the
  same records ``cleaner batch`` writes (``text``, ``metadata``, ``warnings``,
  ``removed``; ``error`` for a page that could not be cleaned).
* :func:`clean_dataframe` — adds a clean-text column and an error column to a
  ``dask.dataframe.DataFrame``.
* :func:`run_units` — ``cleaner batch --engine dask --scheduler ADDRESS``: one
  task per input file on the cluster, each writing its outputs atomically, so
  the result is byte-identical to the local engine (IN and OUT must be on a file
  system the workers share).

With template detection on, a first pass computes every site's template lines
over the whole collection (deterministic: :class:`cleaner.templates.SiteCounts`
merges in any order) and the cleaning pass receives them.

Dask is an optional extra (``pip install 'cleaner[dask]'``); importing this
module without it works, calling it raises :class:`ImportError` saying so.
"""
from __future__ import annotations

from typing import Iterator

from .config import Config
from .errors import InputError
from .templates import SiteCounts, page_row, site_of, unpack_item

_MISSING = ("cleaner.dask needs Dask and distributed, which are an optional extra: "
            "pip install 'cleaner[dask]'")


def _require(*modules: str) -> None:
    import importlib
    for m in ("dask",) + modules:
        try:
            importlib.import_module(m)
        except ImportError as e:
            raise ImportError(f"{_MISSING} (could not import {m!r}: {e})") from e


# -- pages ---------------------------------------------------------------------------------

def _clean_item(item, config: Config, content_type: str, output_format: str, explain: bool,
                templates: dict | None) -> dict:
    from .api import clean
    from .batch import error_record, result_record
    content, ct, url, charset = unpack_item(item, content_type)
    doc_id = item.get("id") if isinstance(item, dict) else None
    cfg = config
    if templates is not None:
        cfg = config.replace(template_lines=templates.get(site_of(url), frozenset()))
    try:
        r = clean(content, content_type=ct, url=url, config=cfg, charset=charset,
                  output_format=output_format)
    except InputError as e:
        return error_record(e.code, str(e), doc_id=doc_id)
    return result_record(r, doc_id=doc_id, url=url, removals=explain)


def _clean_partition(items, config, content_type, output_format, explain, templates) -> list:
    return [_clean_item(x, config, content_type, output_format, explain, templates) for x in items]


def _count_partition(items, config, content_type) -> SiteCounts:
    counts = SiteCounts()
    for item in items:
        content, ct, url, charset = unpack_item(item, content_type)
        counts.add_row(page_row(content, ct, url, config, charset))
    return counts


def _merge(parts) -> dict:
    total = SiteCounts()
    for p in parts:
        total.merge(p)
    return total.templates()


def site_templates_bag(bag, config: Config | None = None, content_type: str = "auto") -> dict:
    """``{site: template line hashes}`` over a bag (computes the bag once)."""
    _require("dask.bag")
    import dask
    config = config or Config()
    parts = [dask.delayed(_count_partition)(p, config, content_type) for p in bag.to_delayed()]
    return dask.delayed(_merge)(parts).compute()


def clean_bag(bag, *, config: Config | None = None, content_type: str = "auto",
              output_format: str = "text", explain: bool = True,
              detect_templates: bool | None = None):
    """A bag of pages to a bag of records, partition by partition (lazy).

    ``detect_templates`` (default: ``config.detect_templates``) first computes
    site template lines over the whole bag, which computes the bag once.
    """
    _require("dask.bag")
    config = config or Config()
    detect = config.detect_templates if detect_templates is None else detect_templates
    templates = site_templates_bag(bag, config, content_type) if detect else None
    config = config.replace(detect_templates=False)
    return bag.map_partitions(_clean_partition, config, content_type, output_format, explain,
                              templates)


def _clean_frame(pdf, column, url_column, config, content_type, output_format, templates,
                 output_column, error_column):
    texts, errors = [], []
    urls = pdf[url_column] if url_column else [None] * len(pdf)
    for content, url in zip(pdf[column], urls):
        if not isinstance(content, (str, bytes)):
            texts.append(None)
            errors.append("empty")
            continue
        rec = _clean_item({"content": content, "url": url if isinstance(url, str) else None},
                          config, content_type, output_format, False, templates)
        texts.append(rec.get("text"))
        errors.append(rec["error"]["code"] if "error" in rec else None)
    out = pdf.copy()
    out[output_column] = texts
    out[error_column] = errors
    return out


def clean_dataframe(df, column: str = "text", *, url_column: str | None = None,
                    content_type: str = "text", config: Config | None = None,
                    output_format: str = "text", output_column: str = "clean_text",
                    error_column: str = "clean_error", detect_templates: bool | None = None):
    """``df`` plus ``output_column`` (clean text, or null) and ``error_column``
    (an :class:`~cleaner.errors.InputError` code, or null), cleaned partition by
    partition (lazy). Template detection groups pages by ``url_column``."""
    _require("dask.dataframe")
    import dask
    import pandas as pd
    config = config or Config()
    detect = config.detect_templates if detect_templates is None else detect_templates
    templates = None
    if detect and url_column:
        cols = [column, url_column]
        parts = [dask.delayed(_count_frame)(p, column, url_column, config, content_type)
                 for p in df[cols].to_delayed()]
        templates = dask.delayed(_merge)(parts).compute()
    config = config.replace(detect_templates=False)
    meta = df._meta.copy()
    meta[output_column] = pd.Series([], dtype=object)
    meta[error_column] = pd.Series([], dtype=object)
    return df.map_partitions(_clean_frame, column, url_column, config, content_type, output_format,
                             templates, output_column, error_column, meta=meta)


def _count_frame(pdf, column, url_column, config, content_type) -> SiteCounts:
    items = ({"content": c, "url": u if isinstance(u, str) else None}
             for c, u in zip(pdf[column], pdf[url_column]) if isinstance(c, (str, bytes)))
    return _count_partition(items, config, content_type)


# -- cleaner batch --engine dask ------------------------------------------------------------------

class Session:
    """A ``distributed.Client`` on ``scheduler``, or on a local cluster of ``workers`` processes."""

    def __init__(self, scheduler: str | None = None, workers: int = 2):
        _require("distributed")
        from distributed import Client, LocalCluster
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _bounded(client, fn, items, window: int, **kwargs) -> Iterator:
    """Results of ``fn(item, **kwargs)`` on the cluster, as they complete, at most ``window`` in flight."""
    from distributed import as_completed
    items = iter(items)
    futures = [client.submit(fn, x, pure=False, **kwargs) for x in _take(items, window)]
    ac = as_completed(futures)
    try:
        for fut in ac:
            result = fut.result()
            fut.release()
            for x in _take(items, 1):
                ac.add(client.submit(fn, x, pure=False, **kwargs))
            yield result
    finally:
        for fut in list(ac.futures):
            fut.cancel()


def _take(it, n):
    out = []
    for _ in range(n):
        try:
            out.append(next(it))
        except StopIteration:
            break
    return out


def template_rows(session: Session, units, job) -> Iterator[tuple]:
    """``(unit, rows)`` of the template pass, one task per input file."""
    window = max(4, 4 * _nworkers(session))
    for unit, rows in _bounded(session.client, _rows_task, units, window, job=job):
        yield unit, rows


def _rows_task(unit, job):
    from .batch import unit_template_rows
    return unit, unit_template_rows(unit, job)


def run_units(units, job, templates: dict, out_root: str, *, session: Session | None = None,
              scheduler: str | None = None, workers: int = 2) -> Iterator[dict]:
    """Clean ``units`` on the cluster; yield manifest entries as files complete."""
    from .batch import process_unit
    own = session is None
    session = session or Session(scheduler, workers)
    try:
        [tmpl] = session.client.scatter([templates], broadcast=True)
        window = max(4, 4 * _nworkers(session))
        yield from _bounded(session.client, process_unit, units, window, job=job,
                            templates=tmpl, out_root=out_root)
    finally:
        if own:
            session.close()


def _nworkers(session: Session) -> int:
    try:
        return max(1, len(session.client.scheduler_info().get("workers", {})))
    except Exception:
        return 1
