"""The Dask engine on a real ``distributed.LocalCluster`` with 2 worker processes
gives output identical to the local engine; bags and DataFrames clean partition
by partition; a missing Dask gives a clear error."""
from __future__ import annotations

import io
import json
import os
import random
import sys

import pytest

import cleaner
from cleaner.batch import BatchOptions, batch
from cleaner.config import Config

pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

sys.path.insert(0, os.path.dirname(__file__))
from batchcorpus import article, make_corpus, read_tree  # noqa: E402

try:
    import cleaner.html  # noqa: F401
    HAVE_HTML = True
except ImportError:
    HAVE_HTML = False


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster.scheduler_address) as c:
        yield c


def _pages(n=12):
    rng = random.Random(3)
    sites = ["valleytimes.example", "dailyharbour.example"]
    pages = [{"content": article(rng, sites[i % 2]), "url": f"https://{sites[i % 2]}/p/{i}", "id": i}
             for i in range(n)]
    return pages + [{"content": "", "id": "empty"}, "A bare string page: the tram line opens in May next year."]


def test_the_dask_engine_on_a_cluster_gives_the_local_engines_output(cluster, tmp_path):
    corpus = make_corpus(str(tmp_path / "in"), n_text=40, n_jsonl=8, html=HAVE_HTML)
    err = io.StringIO()
    local = batch(BatchOptions(input=corpus.root, output=str(tmp_path / "local"), jobs=1, quiet=True),
                  stream=err)
    remote = batch(BatchOptions(input=corpus.root, output=str(tmp_path / "dask"), engine="dask",
                                scheduler=cluster.scheduler_address), stream=err)
    assert local == remote == 1
    tree = read_tree(str(tmp_path / "local"))
    assert len(tree) > 80
    assert read_tree(str(tmp_path / "dask")) == tree
    reports = [(tmp_path / d / ".cleaner" / "errors.jsonl").read_text() for d in ("local", "dask")]
    assert reports[0] == reports[1] and len(reports[0].splitlines()) >= len(corpus.bad)
    assert "Dask workers" in err.getvalue()


def test_clean_bag_matches_clean_many(client):
    import dask.bag as db
    from cleaner.dask import clean_bag
    pages = _pages()
    cfg = Config(detect_templates=True)
    records = clean_bag(db.from_sequence(pages, npartitions=4), config=cfg).compute()
    expected = list(cleaner.clean_many(pages, config=cfg))
    assert len(records) == len(expected)
    for rec, exp in zip(records, expected):
        if isinstance(exp, cleaner.InputError):
            assert rec["error"]["code"] == exp.code and rec["id"] == "empty"
        else:
            assert rec["text"] == exp.text
            assert rec["removed"] == [r.as_dict() for r in exp.removed]
    assert any(r["rule_id"] == "heuristic.site-template" for rec in records for r in rec.get("removed", []))


def test_clean_dataframe_adds_clean_text_and_error_columns(client):
    import dask.dataframe as dd
    import pandas as pd
    from cleaner.dask import clean_dataframe
    pages = [p for p in _pages() if isinstance(p, dict)]
    pdf = pd.DataFrame({"text": [p["content"] for p in pages], "url": [p.get("url") for p in pages]})
    df = dd.from_pandas(pdf, npartitions=3)
    out = clean_dataframe(df, "text", url_column="url", detect_templates=True).compute()
    assert list(out.columns) == ["text", "url", "clean_text", "clean_error"]
    expected = list(cleaner.clean_many(
        [{"content": p["content"], "url": p.get("url"), "content_type": "text"} for p in pages],
        config=Config(detect_templates=True)))
    for got, err, exp in zip(out["clean_text"], out["clean_error"], expected):
        if isinstance(exp, cleaner.InputError):
            assert err == exp.code and (got is None or got != got)
        else:
            assert got == exp.text and (err is None or err != err)


def test_without_dask_the_error_says_how_to_install_it(monkeypatch):
    from cleaner import dask as cdask
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(ImportError, match=r"pip install 'cleaner\[dask\]'"):
        cdask.clean_bag([])


def test_the_batch_engine_reports_a_missing_dask_and_exits_2(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("The tram line opens in May next year, the council said.")
    err = io.StringIO()
    code = batch(BatchOptions(input=str(tmp_path / "in"), output=str(tmp_path / "out"), engine="dask"),
                 stream=err)
    assert code == 2 and "cleaner[dask]" in err.getvalue()


def test_records_are_json_ready(client):
    import dask.bag as db
    from cleaner.dask import clean_bag
    recs = clean_bag(db.from_sequence(_pages(4), npartitions=2), explain=False).compute()
    assert all("removed" not in r for r in recs)
    json.dumps(recs)
