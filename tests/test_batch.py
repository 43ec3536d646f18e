"""Issue 6's proofs for ``cleaner batch`` and the JSONL stream.

A generated corpus of a few hundred pages (text, JSONL, gzip, and HTML/WARC
once the HTML front door is importable) with corrupt files among them:
every good file comes out, every bad one is in the report; a batch killed
with SIGKILL midway and re-run equals an uninterrupted run, and no partial
file is ever visible; Ctrl-C stops cleanly and resumes; the output does not
depend on the worker count or the order files were written in.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest

import cleaner
from cleaner.batch import (BatchOptions, add_batch_arguments, batch, kind_of, run_batch, scan,
                           stream_jsonl)
from cleaner.config import Config
from cleaner.stages import line_hash
from cleaner.templates import (TEMPLATE_MIN_PAGES, BucketedSiteCounts, SiteCounts,
                               find_site_templates, site_of)

sys.path.insert(0, os.path.dirname(__file__))
from batchcorpus import SITES, article, make_corpus, read_tree  # noqa: E402

try:
    import cleaner.html  # noqa: F401
    HAVE_HTML = True
except ImportError:
    HAVE_HTML = False
needs_html = pytest.mark.skipif(not HAVE_HTML, reason="cleaner.html (HTML front door) not importable yet")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(inp, out, **kw) -> int:
    kw.setdefault("jobs", 1)
    kw.setdefault("quiet", True)
    return batch(BatchOptions(input=str(inp), output=str(out), **kw), stream=io.StringIO())


def report(out) -> list[dict]:
    with open(os.path.join(out, ".cleaner", "errors.jsonl"), encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus") / "in"
    return make_corpus(str(root), html=HAVE_HTML)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """One uninterrupted single-process run: what every other run must equal."""
    out = tmp_path_factory.mktemp("reference") / "out"
    code = run(corpus.root, out, jobs=1)
    return code, str(out), read_tree(str(out))


# -- every good file out, every bad one in the report ------------------------------------

def test_the_corpus_has_a_few_hundred_files_with_corrupt_ones(corpus):
    assert corpus.files >= 250
    assert len(corpus.bad) >= 10


def test_every_good_file_is_written_with_all_its_good_records(corpus, reference):
    code, out, tree = reference
    units, ignored = scan(corpus.root, out)
    by_rel = {u.rel: u for u in units}
    assert ignored == 1  # misc/README.md
    for rel in corpus.good:
        for o in by_rel[rel].outputs:
            assert o in tree, f"{rel}: output {o} missing"
        if rel in corpus.records and rel != "dumps/truncated.jsonl.gz":
            [o] = by_rel[rel].outputs
            recs = [json.loads(line) for line in tree[o].decode().splitlines()]
            assert len(recs) == corpus.records[rel], rel
            assert all(r["text"] for r in recs)


def test_every_bad_file_and_line_is_in_the_report_and_the_exit_code_says_so(corpus, reference):
    code, out, tree = reference
    assert code == 1
    rows = report(out)
    seen: dict[str, set] = {}
    for r in rows:
        assert set(r) == {"file", "line", "code", "reason"} and r["reason"]
        seen.setdefault(r["file"], set()).add(r["code"] if r["code"] in ("corrupt_gzip", "bad_warc")
                                              else r["line"])
    assert seen == corpus.bad
    assert rows == sorted(rows, key=lambda r: (r["file"], r["line"] or 0))


def test_unreadable_single_files_leave_no_output(corpus, reference):
    _, _, tree = reference
    for rel in ("misc/binary", "misc/bad-utf16", "misc/empty"):
        assert rel + ".txt" not in tree and rel + ".json" not in tree


def test_a_truncated_gzip_keeps_the_records_before_the_break(reference):
    _, _, tree = reference
    recs = tree["dumps/truncated.jsonl"].decode().splitlines()
    assert 0 < len(recs) < 40
    assert [json.loads(r)["line"] for r in recs] == list(range(1, len(recs) + 1))


def test_page_files_get_text_and_a_sidecar_with_metadata_and_removals(reference):
    _, _, tree = reference
    text = tree["dailyharbour.example/00/story-0000.txt"].decode()
    side = json.loads(tree["dailyharbour.example/00/story-0000.json"])
    assert "Share on Facebook" not in text and text.endswith("\n")
    assert set(side) == {"metadata", "warnings", "removed"}
    assert side["metadata"]["title"]
    assert any(r["rule_id"] == "social.share-on" for r in side["removed"])


def test_the_summary_counts_documents_characters_rules_and_errors(corpus, reference):
    _, out, _ = reference
    with open(os.path.join(out, ".cleaner", "summary.json")) as fh:
        s = json.load(fh)
    assert s["files"] == corpus.files and s["complete"] == s["files"]
    assert s["docs"] > 300 and s["chars_in"] > s["chars_out"] > 0
    assert s["failed"] == len(report(out)) and s["failed_files"] == len(corpus.bad)
    assert s["top_rules"] and not s["interrupted"]


# -- site templates --------------------------------------------------------------------------

def test_site_template_lines_are_removed_only_on_their_own_site(reference):
    _, _, tree = reference
    recs = [json.loads(line) for line in tree["dumps/part-000.jsonl"].decode().splitlines()]
    for r in recs:
        site = site_of(r["url"])
        assert SITES[site][3] not in r["text"]  # the footer line recurs on every page of the site
    ids = [x["rule_id"] for r in recs for x in r.get("removed", [])]
    assert ids == []  # --format text: records carry no removals


def test_templates_can_be_turned_off(tmp_path):
    make_corpus(str(tmp_path / "in"), n_text=0, n_jsonl=6, corrupt=False)
    assert run(tmp_path / "in", tmp_path / "on", fmt="jsonl") == 0
    assert run(tmp_path / "in", tmp_path / "off", fmt="jsonl", templates=False) == 0
    on = (tmp_path / "on" / "dumps" / "part-000.jsonl").read_text()
    off = (tmp_path / "off" / "dumps" / "part-000.jsonl").read_text()
    assert "heuristic.site-template" in on and "heuristic.site-template" not in off


def test_template_detection_needs_a_majority_of_enough_distinct_pages():
    page = "Advertisement\nThe mayor opened the bridge on {} after a two-year repair."
    few = [{"content": page.format(i), "url": f"https://a.example/{i}"} for i in range(TEMPLATE_MIN_PAGES - 1)]
    assert find_site_templates(few) == {}
    dup = [{"content": page.format(0), "url": f"https://a.example/{i}"} for i in range(10)]
    assert find_site_templates(dup) == {}  # one page crawled ten times is one page
    enough = few + [{"content": page.format(9), "url": "https://www.a.example/9"}]
    assert find_site_templates(enough) == {"a.example": frozenset({line_hash("Advertisement")})}
    nourl = [{"content": page.format(i)} for i in range(10)]
    assert find_site_templates(nourl) == {}


def test_template_counts_are_the_same_in_any_order_split_or_on_disk(tmp_path):
    import random
    rng = random.Random(1)
    rows = []
    for site in SITES:
        for _ in range(7):
            lines = article(rng, site).splitlines()
            rows.append((site, tuple(sorted({line_hash(t) for t in lines}))))
    whole = SiteCounts()
    for r in rows:
        whole.add_row(r)
    expected = whole.templates()
    assert set(expected) == set(SITES)
    rng.shuffle(rows)
    a, b = SiteCounts(), SiteCounts()
    for i, r in enumerate(rows):
        (a if i % 2 else b).add_row(r)
        if i % 5 == 0:
            (b if i % 2 else a).add_row(r)  # the same page seen by both halves
    assert a.merge(b).templates() == expected
    disk = BucketedSiteCounts(buckets=3, directory=str(tmp_path))
    for r in rows:
        disk.add_row(r)
    assert disk.templates() == expected
    assert os.listdir(tmp_path) == []


# -- determinism, resume, interruption -------------------------------------------------------

def test_output_is_independent_of_worker_count_and_file_order(corpus, reference, tmp_path):
    _, _, tree = reference
    make_corpus(str(tmp_path / "in"), html=HAVE_HTML, reverse=True)  # same bytes, other order
    assert run(tmp_path / "in", tmp_path / "out", jobs=2) == 1
    assert read_tree(str(tmp_path / "out")) == tree
    assert report(tmp_path / "out") == report(reference[1])


def _snapshot_is_consistent(out: str, tree: dict) -> None:
    """Every output visible right now is complete: byte-equal to the finished run's."""
    for rel, data in read_tree(out).items():
        assert rel in tree, f"unexpected file {rel}"
        assert data == tree[rel], f"partial or different file {rel}"


def _spawn(inp, out, *extra):
    return subprocess.Popen([sys.executable, "-m", "cleaner.batch", str(inp), str(out), "-j", "2",
                             "--progress", "log", "--log-every", "0.05", *extra],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def _wait_for_progress(proc, out, tree, total: int, share: float) -> int:
    manifest = os.path.join(out, ".cleaner", "manifest.jsonl")
    deadline = time.monotonic() + 60
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        _snapshot_is_consistent(out, tree)
        if os.path.exists(manifest):
            with open(manifest, "rb") as fh:
                done = fh.read().count(b"\n") - 1
            if done >= share * total:
                return done
        time.sleep(0.05)
    pytest.fail(f"the batch finished or stalled before {share:.0%} (done {done})")


def test_a_batch_killed_midway_resumes_to_the_same_result_with_no_partial_file(corpus, reference,
                                                                               tmp_path):
    _, ref_out, tree = reference
    out = str(tmp_path / "out")
    proc = _spawn(corpus.root, out)
    done = _wait_for_progress(proc, out, tree, corpus.files, 0.3)
    os.killpg(proc.pid, signal.SIGKILL)  # main process and its workers, mid-write
    proc.wait()
    proc.stdout.close()
    proc.stderr.close()
    assert done < corpus.files
    _snapshot_is_consistent(out, tree)  # whatever temp files the kill left never show in the tree
    assert run(corpus.root, out, jobs=2) == 1
    assert read_tree(out) == tree
    assert not os.path.exists(os.path.join(out, ".cleaner", "tmp"))
    assert report(out) == report(ref_out)
    with open(os.path.join(out, ".cleaner", "summary.json")) as fh:
        s = json.load(fh)
    assert 0 < s["ran"] < s["files"]  # the re-run skipped what was complete


def test_ctrl_c_stops_cleanly_with_a_summary_and_the_rerun_completes(corpus, reference, tmp_path):
    _, _, tree = reference
    out = str(tmp_path / "out")
    proc = _spawn(corpus.root, out)
    _wait_for_progress(proc, out, tree, corpus.files, 0.2)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends the whole foreground group
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr.decode()
    err = stderr.decode()
    assert "INTERRUPTED" in err and "re-run the same command to resume" in err
    assert "Traceback" not in err
    assert "cleaner batch: cleaning" in err  # periodic plain log lines when not on a terminal
    _snapshot_is_consistent(out, tree)
    assert run(corpus.root, out) == 1
    assert read_tree(out) == tree


def test_a_finished_batch_reruns_as_a_no_op(corpus, reference, tmp_path):
    _, ref_out, tree = reference
    before = os.path.getmtime(os.path.join(ref_out, "dumps", "part-000.jsonl"))
    err = io.StringIO()
    code = batch(BatchOptions(input=corpus.root, output=ref_out, jobs=1), stream=err)
    assert code == 1
    assert f"({corpus.files} already complete" in err.getvalue()
    assert os.path.getmtime(os.path.join(ref_out, "dumps", "part-000.jsonl")) == before
    assert read_tree(ref_out) == tree


def test_a_changed_job_redoes_everything(tmp_path):
    make_corpus(str(tmp_path / "in"), n_text=6, n_jsonl=1, corrupt=False)
    assert run(tmp_path / "in", tmp_path / "out") == 0
    assert (tmp_path / "out" / "dailyharbour.example" / "00" / "story-0000.txt").exists()
    assert run(tmp_path / "in", tmp_path / "out", fmt="markdown") == 0
    assert (tmp_path / "out" / "dailyharbour.example" / "00" / "story-0000.md").exists()


def test_a_rule_set_that_does_not_load_stops_the_batch_up_front(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "bad.yaml").write_text("- id: x\n  pattern: [unclosed\n")
    make_corpus(str(tmp_path / "in"), n_text=3, n_jsonl=0, corrupt=False)
    err = io.StringIO()
    code = batch(BatchOptions(input=str(tmp_path / "in"), output=str(tmp_path / "out"), jobs=1,
                              config=Config(rule_dirs=(str(tmp_path / "rules"),))), stream=err)
    assert code == 2 and "bad.yaml" in err.getvalue()
    assert not (tmp_path / "out").exists()


# -- naming, formats, arguments -------------------------------------------------------------------

def test_inputs_that_would_share_an_output_keep_their_full_names(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("The harbour reopened on Sunday after the storm damage was repaired.")
    (tmp_path / "in" / "a.jsonl").write_text('{"text": "The ferry timetable returns to normal next week."}\n')
    units, _ = scan(str(tmp_path / "in"), str(tmp_path / "out"), "jsonl")
    assert [u.outputs for u in units] == [("a.jsonl.jsonl",), ("a.txt.jsonl",)]
    assert kind_of("x.WARC.GZ") == ("warc", "x")


def test_jsonl_format_carries_removals_and_custom_fields(tmp_path):
    (tmp_path / "in").mkdir()
    rec = {"doc": "k1", "link": "https://x.example/1",
           "body": "Share on Facebook\nThe harbour reopened on Sunday after the storm damage was repaired."}
    (tmp_path / "in" / "d.jsonl").write_text(json.dumps(rec) + "\n")
    assert run(tmp_path / "in", tmp_path / "out", fmt="jsonl", text_field="body", id_field="doc",
               url_field="link") == 0
    [out] = [json.loads(line) for line in (tmp_path / "out" / "d.jsonl").read_text().splitlines()]
    assert out["id"] == "k1" and out["url"] == rec["link"] and out["line"] == 1
    assert out["text"] == "The harbour reopened on Sunday after the storm damage was repaired."
    assert [r["rule_id"] for r in out["removed"]] == ["social.share-on"]


def test_run_batch_takes_the_arguments_add_batch_arguments_defines(tmp_path):
    make_corpus(str(tmp_path / "in"), n_text=5, n_jsonl=0, corrupt=False)
    parser = add_batch_arguments(argparse.ArgumentParser())
    args = parser.parse_args([str(tmp_path / "in"), str(tmp_path / "out"), "-q", "-j", "1",
                              "--format", "markdown", "--no-templates"])
    assert args.jobs == 1 and args.fmt == "markdown" and not args.templates
    args.config = Config(heuristics=False)
    assert run_batch(args) == 0
    assert len(list((tmp_path / "out").rglob("*.md"))) == 5
    assert run_batch(parser.parse_args([str(tmp_path / "missing"), str(tmp_path / "o2"), "-q"])) == 2
    assert run_batch(parser.parse_args([str(tmp_path / "in"), str(tmp_path / "in"), "-q"])) == 2


@needs_html
def test_html_files_and_warc_responses_are_cleaned(corpus, reference):
    _, _, tree = reference
    text = tree["dailyharbour.example/html/page-000.txt"].decode()
    assert "Share on Facebook" not in text and "said" in text or "." in text
    recs = [json.loads(line) for line in tree["crawl/crawl-1.jsonl"].decode().splitlines()]
    assert len(recs) == 9 and all(r["id"].startswith("<urn:uuid:") and r["url"] for r in recs)
    assert not any("robots" in r["url"] for r in recs)  # text/plain responses are skipped


# -- the JSONL stream ------------------------------------------------------------------------------

STREAM_IN = [
    {"id": "a", "text": "Share on Facebook\nThe harbour reopened on Sunday after the storm damage was repaired."},
    {"id": "b", "url": "https://news.example/b", "text": "Related Articles\nThe ferry timetable returns to normal next week, the operator said."},
    "The bakery on the corner has new owners who plan to keep the old recipes.",
    {"id": "c", "text": ""},
]


def _stream_input() -> bytes:
    lines = [json.dumps(x).encode() for x in STREAM_IN]
    lines.insert(2, b"{not json")
    lines.insert(3, b"")
    lines.append(b'{"id": "d", "text": "caf\xe9 bytes that are not UTF-8"}')
    return b"\n".join(lines) + b"\n"


def test_the_jsonl_stream_writes_one_result_per_line_in_order():
    out = io.StringIO()
    assert stream_jsonl(io.BytesIO(_stream_input()), out) == 1
    recs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["line"] for r in recs] == list(range(1, 8))
    assert [r.get("error", {}).get("code") for r in recs] == [None, None, "bad_json", "empty", None,
                                                             "empty", "undecodable"]
    assert recs[0]["id"] == "a" and recs[1]["url"] == "https://news.example/b"
    assert recs[5]["id"] == "c"
    for rec, src in zip([recs[0], recs[1], recs[4]], [STREAM_IN[0], STREAM_IN[1], STREAM_IN[2]]):
        text = src if isinstance(src, str) else src["text"]
        lib = cleaner.clean(text, content_type="text", url=None if isinstance(src, str) else src.get("url"))
        assert rec["text"] == lib.text and rec["removed"] == [r.as_dict() for r in lib.removed]


def test_the_jsonl_stream_round_trips_and_does_not_depend_on_workers():
    one, two = io.StringIO(), io.StringIO()
    stream_jsonl(io.BytesIO(_stream_input()), one)
    stream_jsonl(io.BytesIO(_stream_input()), two, workers=2)
    assert one.getvalue() == two.getvalue()
    # Its output is valid input: fed back, every line comes out again, in order, same ids.
    again = io.StringIO()
    stream_jsonl(io.StringIO(one.getvalue()), again, explain=False)
    first = [json.loads(line) for line in one.getvalue().splitlines()]
    second = [json.loads(line) for line in again.getvalue().splitlines()]
    assert len(second) == len(first)
    assert [r.get("id") for r in second] == [r.get("id") for r in first]
    for a, b in zip(first, second):
        if "text" in a and a["text"]:
            assert "removed" not in b and b["text"] in a["text"]


def test_the_jsonl_stream_reads_html_records():
    if not HAVE_HTML:
        pytest.skip("cleaner.html (HTML front door) not importable yet")
    html = "<html><body><article><p>The harbour reopened on Sunday after the storm damage was repaired.</p></article></body></html>"
    out = io.StringIO()
    assert stream_jsonl(io.StringIO(json.dumps({"html": html}) + "\n"), out) == 0
    assert "The harbour reopened" in json.loads(out.getvalue())["text"]


# -- clean_many -------------------------------------------------------------------------------------

def test_clean_many_yields_in_order_with_errors_in_place_for_any_worker_count():
    pages = [{"content": article(__import__("random").Random(i), "valleytimes.example"),
              "url": f"https://valleytimes.example/{i}"} for i in range(8)] + [""]
    cfg = Config(detect_templates=True)
    one = list(cleaner.clean_many(pages, config=cfg))
    two = list(cleaner.clean_many(iter(pages), config=cfg, workers=2))
    assert [r.text for r in one[:-1]] == [r.text for r in two[:-1]]
    assert isinstance(two[-1], cleaner.InputError) and two[-1].code == "empty"
    assert all("Subscribe to our newsletter" not in r.text for r in one[:-1])
    assert dict(two[0].metadata) == dict(one[0].metadata)
