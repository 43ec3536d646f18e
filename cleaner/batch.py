"""Batch cleaning: folders, JSONL dumps and WARC archives, resumable and deterministic.

``cleaner batch IN OUT`` walks ``IN`` (sorted, recursively; dot-files and
dot-directories skipped) and cleans every

* ``.txt`` (one text page) and ``.html``/``.htm`` (one HTML page),
* ``.jsonl``/``.jsonl.gz`` (one page per line; ``--text-field``,
  ``--html-field``, ``--url-field``, ``--id-field`` name the fields),
* ``.warc``/``.warc.gz`` (HTML ``response`` records, read with FastWARC),

into the same tree under ``OUT``: per page file, ``name.txt`` (``.md`` with
``--format markdown``) plus a ``name.json`` sidecar (metadata, warnings,
removals); per JSONL/WARC input, one ``name.jsonl`` with a record per page.
``--format jsonl`` writes a ``name.jsonl`` for page files too.

How it keeps its promises:

* **Nothing half-written.** Every output is written under ``OUT/.cleaner/tmp``
  and renamed into place; an input is *complete* once its outputs are renamed
  and its entry is appended to ``OUT/.cleaner/manifest.jsonl``. A re-run skips
  complete inputs, so an interrupted run (Ctrl-C, kill, crash) resumes.
* **Deterministic.** A page's output depends only on the page and on its
  site's template lines, which come from a separate pass over the *whole*
  input (:mod:`cleaner.templates`) before any page is cleaned; results are
  written in input order. Worker count, file order and resumption cannot
  change a byte. The manifest records a fingerprint of the job (format,
  fields, config, rule files, template lines): if it changes, everything is
  redone.
* **Bad input never aborts the batch.** Undecodable or binary files,
  truncated gzip, broken JSON lines and unreadable WARC records go to the
  errors report (``OUT/.cleaner/errors.jsonl``: file, line, code, reason) and
  are skipped; the exit code is 1 when the report is not empty.
* **Flat memory.** Inputs are streamed; at most a few chunks of pages per
  worker are in flight; the template pass counts on disk, by site bucket.

:func:`stream_jsonl` is the shell-pipeline form (``cleaner clean --jsonl``):
JSONL in, one JSONL result (or error object) per input line out, in order.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import os
import shutil
import signal
import sys
import threading
import time
import zlib
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Iterator, NamedTuple

from . import __version__
from .config import Config
from .errors import InputError
from .templates import (BucketedSiteCounts, page_row, site_of, templates_digest)

#: Input kinds by file-name suffix (matched case-insensitively, longest first).
SUFFIXES = (
    (".jsonl.gz", "jsonl"), (".warc.gz", "warc"), (".jsonl", "jsonl"), (".warc", "warc"),
    (".html", "html"), (".htm", "html"), (".txt", "text"),
)
FORMATS = ("text", "markdown", "jsonl")
STATE_DIR = ".cleaner"
#: A non-interactive run logs one progress line this often (seconds).
LOG_EVERY = 10.0
#: Lines of a JSONL input longer than this are reported (``too_large``) and
#: skipped without being held in memory: 4 bytes per character of the
#: default ``Config.max_input_chars`` plus JSON escaping headroom.
MAX_LINE_BYTES = 32_000_000
#: Errors kept per input file in the report; the rest are counted.
MAX_ERRORS_PER_FILE = 1000
#: One bucket file of template-pass rows per this many input bytes.
TEMPLATE_BUCKET_BYTES = 256 * 1024 * 1024
_CANONICAL = (
    rb"""<link\b[^>]{0,300}?\brel\s*=\s*["']?canonical\b[^>]{0,300}?\bhref\s*=\s*["']([^"'\s>]{1,2000})""",
    rb"""<link\b[^>]{0,300}?\bhref\s*=\s*["']([^"'\s>]{1,2000})["'][^>]{0,300}?\brel\s*=\s*["']?canonical\b""",
    rb"""<meta\b[^>]{0,300}?\bproperty\s*=\s*["']og:url["'][^>]{0,300}?\bcontent\s*=\s*["']([^"'\s>]{1,2000})""",
)


# -- the job -------------------------------------------------------------------

@dataclass(frozen=True)
class Job:
    """Everything that decides a batch's output, except the input itself."""

    fmt: str = "text"
    text_field: str = "text"
    html_field: str = "html"
    url_field: str = "url"
    id_field: str = "id"
    detect_templates: bool = True
    config: Config = field(default_factory=Config)

    def fingerprint(self, templates: dict | None = None) -> str:
        """Digest of everything that changes outputs: a changed job redoes every file."""
        cfg = asdict(self.config)
        cfg.pop("template_lines", None)
        d = {"version": __version__, "fmt": self.fmt,
             "fields": [self.text_field, self.html_field, self.url_field, self.id_field],
             "templates": self.detect_templates, "config": cfg, "rules": _rules_digest(self.config),
             "template_lines": templates_digest(templates or {})}
        return hashlib.sha1(json.dumps(d, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _rules_digest(config: Config) -> str:
    from .rules import rule_dirs
    h = hashlib.sha1()
    for d in rule_dirs(config):
        for p in sorted(Path(d).rglob("*")):
            if p.is_file():
                h.update(str(p.relative_to(d)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


# -- finding the work ------------------------------------------------------------

@dataclass(frozen=True)
class Unit:
    """One input file and the outputs it owns (paths relative to IN and OUT)."""

    rel: str
    path: str
    kind: str
    size: int
    mtime_ns: int
    outputs: tuple[str, ...]

    @property
    def single(self) -> bool:
        return self.kind in ("text", "html")


def kind_of(name: str) -> tuple[str, str] | None:
    """``(kind, stem)`` for a supported file name, else ``None``.

    >>> kind_of("a/Page.HTML"), kind_of("dump.jsonl.gz"), kind_of("x.pdf")
    (('html', 'a/Page'), ('jsonl', 'dump'), None)
    """
    low = name.lower()
    for suffix, kind in SUFFIXES:
        if low.endswith(suffix) and len(name) > len(suffix):
            return kind, name[: -len(suffix)]
    return None


def _output_names(base: str, kind: str, fmt: str) -> tuple[str, ...]:
    if kind in ("jsonl", "warc") or fmt == "jsonl":
        return (base + ".jsonl",)
    return (base + (".md" if fmt == "markdown" else ".txt"), base + ".json")


def scan(in_root: str, out_root: str, fmt: str = "text") -> tuple[list[Unit], int]:
    """Supported input files under ``in_root``, sorted, with their output paths.

    Returns ``(units, ignored)`` where ``ignored`` counts files of other
    types. Two inputs that would write the same output (``a.txt`` and
    ``a.html``) keep their full names instead (``a.html.txt``), so every
    input owns its outputs.
    """
    root = Path(in_root)
    out = Path(out_root).resolve()
    found: list[tuple[str, str, str, str, os.stat_result]] = []
    ignored = 0
    if root.is_file():
        k = kind_of(root.name)
        if k:
            found.append((root.name, str(root), k[0], k[1], root.stat()))
        else:
            ignored += 1
    else:
        for dirpath, dirnames, filenames in os.walk(root):
            here = Path(dirpath)
            dirnames[:] = sorted(d for d in dirnames
                                 if not d.startswith(".") and (here / d).resolve() != out)
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                p = here / name
                rel = p.relative_to(root).as_posix()
                k = kind_of(rel)
                if not k:
                    ignored += 1
                    continue
                try:
                    st = p.stat()
                except OSError:
                    continue
                found.append((rel, str(p), k[0], k[1], st))
    found.sort(key=lambda f: f[0])
    bases = {rel: stem for rel, _, _, stem, _ in found}
    for attempt in range(3):
        owners: dict[str, list[str]] = {}
        for rel, _, kind, _, _ in found:
            for o in _output_names(bases[rel], kind, fmt):
                owners.setdefault(o.lower(), []).append(rel)
        clashes = {r for rels in owners.values() if len(set(rels)) > 1 for r in rels}
        if not clashes:
            break
        for rel in clashes:
            bases[rel] = rel if attempt == 0 else rel + "." + hashlib.sha1(rel.encode()).hexdigest()[:8]
    units = [Unit(rel, path, kind, st.st_size, st.st_mtime_ns, _output_names(bases[rel], kind, fmt))
             for rel, path, kind, _, st in found]
    return units, ignored


# -- reading inputs ------------------------------------------------------------------

class Doc(NamedTuple):
    """One page read from an input, ready for a worker."""

    line: int | None          # JSONL line / WARC record number (1-based); None for page files
    id: object
    url: str | None
    site: str | None          # template group (URL host, or the page's canonical URL)
    content: object           # str or bytes
    content_type: str
    charset: str | None
    pos: int                  # input bytes consumed so far (progress)


class ReadError(NamedTuple):
    line: int | None
    code: str
    reason: str
    pos: int
    id: object = None


def canonical_url(head: bytes) -> str | None:
    """The ``<link rel=canonical>`` or ``og:url`` of an HTML page, if absolute."""
    import re
    for pat in _CANONICAL:
        m = re.search(pat, head[:65536], re.I)
        if m:
            url = m.group(1).decode("utf-8", "replace")
            if url.startswith(("http://", "https://", "//")):
                return url
    return None


def read_unit(unit: Unit, job: Job) -> Iterator[Doc | ReadError]:
    """Every page of one input, in order, with read errors in their place."""
    try:
        if unit.kind in ("text", "html"):
            yield from _read_page_file(unit, job)
        elif unit.kind == "jsonl":
            yield from _read_jsonl(unit, job)
        else:
            yield from _read_warc(unit, job)
    except OSError as e:  # vanished or unreadable file
        yield ReadError(None, "unreadable", f"cannot read file: {e}", unit.size)


def _read_page_file(unit: Unit, job: Job) -> Iterator[Doc | ReadError]:
    limit = job.config.max_input_chars * 4
    if unit.size > limit:
        yield ReadError(None, "too_large", f"file has {unit.size:,} bytes, over the limit of "
                        f"{limit:,} (4 x Config.max_input_chars)", unit.size)
        return
    with open(unit.path, "rb") as fh:
        data = fh.read()
    site = None
    if unit.kind == "html" and job.detect_templates:
        site = site_of(canonical_url(data))
    yield Doc(None, None, None, site, data, unit.kind, None, unit.size)


def _open_maybe_gz(path: str):
    raw = open(path, "rb")
    if path.lower().endswith(".gz"):
        return raw, gzip.GzipFile(fileobj=raw, mode="rb")
    return raw, raw


def _iter_lines(fh, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | None]:
    """Lines of a binary stream; ``None`` for a line over ``limit`` (skipped, not held)."""
    while True:
        line = fh.readline(limit)
        if not line:
            return
        if len(line) >= limit and not line.endswith(b"\n"):
            while True:  # drain the rest of the over-long line
                more = fh.readline(limit)
                if not more or more.endswith(b"\n"):
                    break
            yield None
        else:
            yield line


_GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)


def _read_jsonl(unit: Unit, job: Job) -> Iterator[Doc | ReadError]:
    raw, fh = _open_maybe_gz(unit.path)
    n = 0
    try:
        with raw:
            lines = _iter_lines(fh)
            while True:
                try:
                    line = next(lines)
                except StopIteration:
                    break
                except _GZIP_ERRORS as e:
                    yield ReadError(n + 1, "corrupt_gzip", f"truncated or corrupt gzip: {e}", unit.size)
                    return
                n += 1
                pos = raw.tell()
                if line is None:
                    yield ReadError(n, "too_large", f"line longer than {MAX_LINE_BYTES:,} bytes", pos)
                    continue
                if not line.strip():
                    continue
                yield parse_jsonl_line(line, n, job)._replace(pos=pos)
    finally:
        fh.close()


def parse_jsonl_line(line: bytes | str, n: int, job: Job) -> Doc | ReadError:
    """One JSONL record as a :class:`Doc`, or the :class:`ReadError` saying why not."""
    try:
        obj = json.loads(line)
    except UnicodeDecodeError as e:
        return ReadError(n, "undecodable", f"line is not UTF-8: {e}", 0)
    except ValueError as e:
        return ReadError(n, "bad_json", f"broken JSON line: {e}", 0)
    if isinstance(obj, str):
        obj = {job.text_field: obj}
    if not isinstance(obj, dict):
        return ReadError(n, "bad_record", f"expected a JSON object, got {type(obj).__name__}", 0)
    doc_id = obj.get(job.id_field)
    url = obj.get(job.url_field)
    url = url if isinstance(url, str) and url else None
    html, text = obj.get(job.html_field), obj.get(job.text_field)
    if isinstance(html, str) and html.strip():
        content, ct = html, "html"
    elif isinstance(text, str):
        content, ct = text, "text"
    else:
        return ReadError(n, "no_content", f"no string field {job.text_field!r} or "
                         f"{job.html_field!r} in the record", 0, doc_id)
    site = site_of(url) if job.detect_templates else None
    return Doc(n, doc_id, url, site, content, ct, None, 0)


def _read_warc(unit: Unit, job: Job) -> Iterator[Doc | ReadError]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType
    raw, fh = _open_maybe_gz(unit.path)
    n = 0
    try:
        with raw:
            records = iter(ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True))
            while True:
                try:
                    rec = next(records)
                    n += 1
                    ctype = rec.http_headers.get("Content-Type", "") if rec.http_headers else ""
                    if "html" not in ctype.lower():
                        continue
                    body = rec.reader.read()
                except StopIteration:
                    break
                except _GZIP_ERRORS as e:
                    yield ReadError(n + 1, "corrupt_gzip", f"truncated or corrupt gzip: {e}", unit.size)
                    return
                except OSError as e:  # FastWARC: "Invalid WARC header" and the like
                    yield ReadError(n + 1, "bad_warc", f"unreadable WARC record: {e}", unit.size)
                    return
                url = rec.headers.get("WARC-Target-URI")
                charset = _charset_of(ctype)
                site = site_of(url) if job.detect_templates else None
                yield Doc(n, rec.headers.get("WARC-Record-ID"), url, site, body, "html", charset,
                          raw.tell())
    finally:
        fh.close()


def _charset_of(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        k, _, v = part.partition("=")
        if k.strip().lower() == "charset" and v.strip():
            return v.strip().strip("\"'")
    return None


# -- cleaning one page (runs in workers) -------------------------------------------------

class DocOut(NamedTuple):
    line: int | None
    ok: bool
    payload: object            # (text, sidecar) for page files, a JSONL line for collections
    chars_in: int = 0
    chars_out: int = 0
    rules: tuple = ()          # ((rule_id, chars removed), ...)
    code: str = ""
    reason: str = ""


def result_record(result, *, doc_id=None, url=None, line=None, removals: bool = True) -> dict:
    """The JSON record of one cleaned page (batch JSONL outputs and :func:`stream_jsonl`)."""
    rec: dict = {}
    if doc_id is not None:
        rec["id"] = doc_id
    if url:
        rec["url"] = url
    if line is not None:
        rec["line"] = line
    rec["text"] = result.text
    rec["metadata"] = dict(result.metadata)
    rec["warnings"] = list(result.warnings)
    if removals:
        rec["removed"] = [r.as_dict() for r in result.removed]
    return rec


def error_record(code: str, message: str, *, doc_id=None, line=None) -> dict:
    rec: dict = {}
    if doc_id is not None:
        rec["id"] = doc_id
    if line is not None:
        rec["line"] = line
    rec["error"] = {"code": code, "message": message}
    return rec


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


class PageCleaner:
    """Picklable: cleans one :class:`Doc` with its site's template lines into a :class:`DocOut`."""

    def __init__(self, job: Job, single: bool | None = None):
        self.job = job
        self.single = single

    def warm_up(self) -> None:
        from .api import clean
        try:
            clean("Warm up the rules and the language model with one line.",
                  content_type="text", config=self.job.config)
        except Exception:
            pass

    def __call__(self, task):
        kind, unit_i, payload, pos = task
        if kind != "doc":
            return task
        single, doc, tmpl = payload
        return ("out", unit_i, self.clean(doc, tmpl, single), pos)

    def clean(self, doc: Doc, tmpl: frozenset | None, single: bool) -> DocOut:
        from .api import clean
        job = self.job
        config = job.config
        if job.detect_templates:
            config = config.replace(template_lines=tmpl or frozenset())
        fmt = "markdown" if job.fmt == "markdown" else "text"
        try:
            r = clean(doc.content, content_type=doc.content_type, url=doc.url, config=config,
                      charset=doc.charset, output_format=fmt)
        except InputError as e:
            return DocOut(doc.line, False, None, code=e.code, reason=str(e))
        except Exception as e:  # a bug on one page must not sink the batch; report it
            return DocOut(doc.line, False, None, code="internal_error",
                          reason=f"{type(e).__name__}: {e}")
        rules: Counter = Counter()
        for rm in r.removed:
            rules[rm.rule_id] += len(rm.text)
        stats = dict(chars_in=len(r.source), chars_out=len(r.text),
                     rules=tuple(sorted(rules.items())))
        if single and job.fmt != "jsonl":
            side = {"metadata": dict(r.metadata), "warnings": list(r.warnings),
                    "removed": [x.as_dict() for x in r.removed]}
            payload = (r.text, _dumps(side))
        else:
            rec = result_record(r, doc_id=doc.id, url=doc.url, line=doc.line,
                                removals=job.fmt == "jsonl")
            payload = _dumps(rec)
        return DocOut(doc.line, True, payload, **stats)


class TemplateRower:
    """Picklable: one page to its template-pass row (``(site, hashes)`` or ``None``)."""

    def __init__(self, job: Job):
        self.job = job

    def __call__(self, doc: Doc):
        return page_row(doc.content, doc.content_type, doc.url, self.job.config, doc.charset,
                        site=doc.site)


# -- writing outputs ----------------------------------------------------------------------

_TMP_COUNTER = itertools.count()


class UnitWriter:
    """Writes one input's outputs to temporary files, then renames them into place."""

    def __init__(self, unit: Unit, job: Job, out_root: str):
        self.unit = unit
        self.job = job
        self.out_root = out_root
        self.tmp_dir = os.path.join(out_root, STATE_DIR, "tmp")
        self.tmps: list[str] = []
        self.fh: IO | None = None
        self.ok = self.failed = self.chars_in = self.chars_out = 0
        self.rules: Counter = Counter()
        self.errors: list = []
        self.pos = 0

    def _tmp(self) -> str:
        os.makedirs(self.tmp_dir, exist_ok=True)
        name = f"{os.getpid()}-{threading.get_ident()}-{next(_TMP_COUNTER)}.part"
        path = os.path.join(self.tmp_dir, name)
        self.tmps.append(path)
        return path

    def add(self, out: DocOut) -> None:
        if not out.ok:
            self.error(out.line, out.code, out.reason)
            return
        self.ok += 1
        self.chars_in += out.chars_in
        self.chars_out += out.chars_out
        for rule_id, n in out.rules:
            self.rules[rule_id] += n
        if self.unit.single and self.job.fmt != "jsonl":
            text, side = out.payload
            for content in (text + "\n" if text else "", side + "\n"):
                with open(self._tmp(), "w", encoding="utf-8") as fh:
                    fh.write(content)
        else:
            if self.fh is None:
                self.fh = open(self._tmp(), "w", encoding="utf-8")
            self.fh.write(out.payload + "\n")

    def error(self, line, code: str, reason: str) -> None:
        self.failed += 1
        if len(self.errors) < MAX_ERRORS_PER_FILE:
            self.errors.append([line, code, reason])

    def finish(self) -> dict:
        """Rename outputs into place (or remove stale ones) and return the manifest entry."""
        if self.fh is not None:
            self.fh.close()
        write = self.ok > 0 or (self.failed == 0 and not self.unit.single)
        finals = [os.path.join(self.out_root, o) for o in self.unit.outputs]
        if write:
            if not self.tmps:  # a JSONL/WARC input with no pages: an empty output
                open(self._tmp(), "w").close()
            os.makedirs(os.path.dirname(finals[0]), exist_ok=True)
            for tmp, final in zip(self.tmps, finals):
                os.replace(tmp, final)
        else:
            self.abort()
            for final in finals:
                try:
                    os.remove(final)
                except FileNotFoundError:
                    pass
        return {"input": self.unit.rel, "size": self.unit.size, "mtime_ns": self.unit.mtime_ns,
                "outputs": list(self.unit.outputs) if write else [], "docs": self.ok,
                "failed": self.failed, "chars_in": self.chars_in, "chars_out": self.chars_out,
                "rules": dict(sorted(self.rules.items())), "errors": self.errors}

    def abort(self) -> None:
        if self.fh is not None:
            self.fh.close()
        for t in self.tmps:
            try:
                os.remove(t)
            except FileNotFoundError:
                pass
        self.tmps = []


def process_unit(unit: Unit, job: Job, templates: dict, out_root: str) -> dict:
    """Clean one input file start to finish, in this process (the Dask engine's task)."""
    w = UnitWriter(unit, job, out_root)
    cleaner = PageCleaner(job)
    try:
        for item in read_unit(unit, job):
            if isinstance(item, ReadError):
                w.error(item.line, item.code, item.reason)
            else:
                w.add(cleaner.clean(item, templates.get(item.site), unit.single))
        return w.finish()
    except BaseException:
        w.abort()
        raise


def unit_template_rows(unit: Unit, job: Job) -> list:
    """Template-pass rows of one input file (the Dask engine's task)."""
    rower = TemplateRower(job)
    rows = []
    for item in read_unit(unit, job):
        if isinstance(item, Doc) and item.site:
            row = rower(item)
            if row:
                rows.append(row)
    return rows


# -- the manifest ------------------------------------------------------------------------

class Manifest:
    """``OUT/.cleaner/manifest.jsonl``: a header with the job fingerprint, then one
    entry per completed input. Append-only; a torn last line (kill mid-write) is
    cut off on open."""

    def __init__(self, out_root: str, fingerprint: str):
        self.path = os.path.join(out_root, STATE_DIR, "manifest.jsonl")
        self.entries: dict[str, dict] = {}
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        fresh = True
        if os.path.exists(self.path):
            with open(self.path, "rb+") as fh:
                data = fh.read()
                cut = data.rfind(b"\n") + 1
                if cut < len(data):
                    fh.truncate(cut)
            lines = data[:cut].splitlines()
            try:
                header = json.loads(lines[0]) if lines else {}
            except ValueError:
                header = {}
            if header.get("fingerprint") == fingerprint:
                fresh = False
                for raw in lines[1:]:
                    try:
                        e = json.loads(raw)
                    except ValueError:
                        continue
                    self.entries[e["input"]] = e
        if fresh:
            tmp = self.path + ".new"
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(json.dumps({"cleaner_batch": 1, "fingerprint": fingerprint}) + "\n")
            os.replace(tmp, self.path)
        self.fh = open(self.path, "a", encoding="utf-8")

    def is_complete(self, unit: Unit, out_root: str) -> bool:
        e = self.entries.get(unit.rel)
        return (e is not None and e["size"] == unit.size and e["mtime_ns"] == unit.mtime_ns
                and all(os.path.exists(os.path.join(out_root, o)) for o in e["outputs"]))

    def add(self, entry: dict) -> None:
        self.entries[entry["input"]] = entry
        self.fh.write(_dumps(entry) + "\n")
        self.fh.flush()

    def invalidate(self) -> None:
        """Make the next run start over (a new header no fingerprint matches)."""
        self.fh.close()
        with open(self.path, "r+b") as fh:
            first = fh.readline()
            fh.seek(0)
            fh.write(b"{" + b" " * max(len(first) - 3, 0) + b"}\n")  # same length: entries stay put
        self.fh = open(self.path, "a", encoding="utf-8")

    def close(self) -> None:
        self.fh.close()


# -- progress ---------------------------------------------------------------------------------

class Progress:
    """A tqdm bar on a terminal, a log line every ``log_every`` seconds otherwise."""

    def __init__(self, desc: str, total_bytes: int, mode: str, log_every: float = LOG_EVERY,
                 stream=None):
        self.desc = desc
        self.total = max(total_bytes, 1)
        self.mode = mode
        self.stream = stream or sys.stderr
        self.log_every = log_every
        self.start = self.last_log = time.monotonic()
        self.bytes = self.docs = self.errors = 0
        self.bar = None
        if mode == "bar":
            from tqdm import tqdm
            self.bar = tqdm(total=total_bytes, unit="B", unit_scale=True, unit_divisor=1024,
                            desc=desc, file=self.stream, dynamic_ncols=True, smoothing=0.1)
        self._last_post = 0.0

    def update(self, nbytes: int = 0, docs: int = 0, errors: int = 0) -> None:
        self.bytes += nbytes
        self.docs += docs
        self.errors += errors
        now = time.monotonic()
        if self.bar is not None:
            self.bar.update(nbytes)
            if now - self._last_post > 0.5:
                rate = self.docs / max(now - self.start, 1e-9)
                self.bar.set_postfix_str(f"{self.docs:,} docs, {rate:,.1f} docs/s, "
                                         f"{self.errors:,} errors", refresh=False)
                self._last_post = now
        elif self.mode == "log" and now - self.last_log >= self.log_every:
            self.last_log = now
            self.log_line()

    def log_line(self) -> None:
        el = max(time.monotonic() - self.start, 1e-9)
        share = min(self.bytes / self.total, 1.0)
        eta = (el / share - el) if share > 0 else 0
        print(f"cleaner batch: {self.desc} {share:6.1%}  {self.docs:,} docs ({self.docs / el:,.1f} docs/s, "
              f"{self.bytes / el / 1e6:,.2f} MB/s), {self.errors:,} errors, ETA {_hms(eta)}",
              file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _hms(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


# -- the run -----------------------------------------------------------------------------------

class _Interrupted(Exception):
    pass


def _templates_pass(units: list[Unit], job: Job, out_root: str, workers: int,
                    progress_mode: str, log_every: float, session=None) -> dict:
    """Site template lines over the whole input, cached under ``OUT/.cleaner``."""
    if not job.detect_templates:
        return {}
    listing = hashlib.sha1()
    for u in units:
        listing.update(f"{u.rel}\0{u.size}\0{u.mtime_ns}\n".encode())
    key = listing.hexdigest()[:16] + "-" + job.fingerprint({})
    cache = os.path.join(out_root, STATE_DIR, "templates.json")
    try:
        with open(cache, encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("key") == key:
            return {s: frozenset(h) for s, h in data["templates"].items()}
    except (OSError, ValueError, KeyError, AttributeError):
        pass
    total = sum(u.size for u in units)
    counts = BucketedSiteCounts(buckets=1 + total // TEMPLATE_BUCKET_BYTES,
                                directory=os.path.join(out_root, STATE_DIR))
    progress = Progress("templates", total, progress_mode, log_every)
    try:
        def docs():
            for u in units:
                if u.kind == "text":  # a .txt page has no URL: no site, nothing to count
                    progress.update(u.size)
                    continue
                last = 0
                for item in read_unit(u, job):
                    progress.update(max(item.pos - last, 0))
                    last = max(last, item.pos)
                    if isinstance(item, Doc) and item.site:
                        yield item
                progress.update(max(u.size - last, 0))
        if session is not None:  # one task per file on the Dask cluster
            from .dask import template_rows
            for unit, rows in template_rows(session, units, job):
                for row in rows:
                    counts.add_row(row)
                progress.update(unit.size)
        else:
            for row in _ordered(TemplateRower(job), docs(), workers):
                counts.add_row(row)
        templates = counts.templates()
    finally:
        progress.close()
        counts.close()
    tmp = cache + ".new"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"key": key, "templates": {s: sorted(h) for s, h in sorted(templates.items())}}, fh)
    os.replace(tmp, cache)
    return templates


def _ordered(fn, items, workers: int, chunksize: int = 4):
    from ._parallel import ordered_map
    return ordered_map(fn, items, workers, chunksize=chunksize)


def _tasks(units: list[Unit], job: Job, templates: dict) -> Iterator[tuple]:
    for i, u in enumerate(units):
        for item in read_unit(u, job):
            if isinstance(item, ReadError):
                yield ("err", i, item, item.pos)
            else:
                yield ("doc", i, (u.single, item, templates.get(item.site)), item.pos)
        yield ("end", i, None, u.size)


def _run_local(todo: list[Unit], job: Job, templates: dict, out_root: str, manifest: Manifest,
               progress: Progress, workers: int) -> None:
    writer: UnitWriter | None = None
    last_pos = 0
    try:
        for kind, i, payload, pos in _ordered(PageCleaner(job), _tasks(todo, job, templates), workers):
            if writer is None:
                writer = UnitWriter(todo[i], job, out_root)
                last_pos = 0
            if kind == "out":
                writer.add(payload)
                progress.update(max(pos - last_pos, 0), docs=int(payload.ok), errors=int(not payload.ok))
            elif kind == "err":
                writer.error(payload.line, payload.code, payload.reason)
                progress.update(max(pos - last_pos, 0), errors=1)
            else:
                manifest.add(writer.finish())
                writer = None
                progress.update(max(pos - last_pos, 0))
            last_pos = max(last_pos, pos)
    finally:
        if writer is not None:
            writer.abort()


def _run_dask(todo: list[Unit], job: Job, templates: dict, out_root: str, manifest: Manifest,
              progress: Progress, session) -> None:
    from .dask import run_units
    sizes = {u.rel: u.size for u in todo}
    for entry in run_units(todo, job, templates, out_root, session=session):
        manifest.add(entry)
        progress.update(sizes.get(entry["input"], 0), docs=entry["docs"], errors=entry["failed"])


@dataclass
class BatchOptions:
    """The options of one batch run (what :func:`run_batch` reads from ``args``)."""

    input: str
    output: str
    fmt: str = "text"
    jobs: int | None = None
    quiet: bool = False
    templates: bool = True
    text_field: str = "text"
    html_field: str = "html"
    url_field: str = "url"
    id_field: str = "id"
    errors: str | None = None
    engine: str = "local"
    scheduler: str | None = None
    progress: str = "auto"
    log_every: float = LOG_EVERY
    config: Config | None = None


def batch(opts: BatchOptions, stream=None) -> int:
    """Run a batch; print progress and a summary to ``stream`` (stderr); return the exit code.

    0: every input cleaned; 1: something failed (see the errors report);
    2: bad arguments; 130: interrupted (re-run the same command to resume).
    """
    stream = stream or sys.stderr
    say = (lambda *a: None) if opts.quiet else (lambda msg: print(msg, file=stream, flush=True))
    if not os.path.exists(opts.input):
        print(f"cleaner batch: input {opts.input!r} does not exist", file=stream)
        return 2
    if opts.fmt not in FORMATS:
        print(f"cleaner batch: --format must be one of {', '.join(FORMATS)}", file=stream)
        return 2
    if opts.engine not in ("local", "dask"):
        print("cleaner batch: --engine must be local or dask", file=stream)
        return 2
    if os.path.abspath(opts.input) == os.path.abspath(opts.output):
        print("cleaner batch: OUT must be another folder than IN", file=stream)
        return 2
    workers = opts.jobs if opts.jobs and opts.jobs > 0 else (os.cpu_count() or 1)
    config = opts.config or Config.from_env()
    job = Job(fmt=opts.fmt, text_field=opts.text_field, html_field=opts.html_field,
              url_field=opts.url_field, id_field=opts.id_field, detect_templates=opts.templates,
              config=config.replace(detect_templates=False))
    out_root = os.path.abspath(opts.output)
    mode = "none" if opts.quiet else opts.progress
    if mode == "auto":
        mode = "bar" if stream.isatty() else "log"

    from .errors import RuleSetError
    from .rules import load_rules
    try:  # a broken rule set fails every page: say so once, up front
        load_rules(job.config)
    except RuleSetError as e:
        print(f"cleaner batch: the rules do not load; fix them and re-run:\n{e}", file=stream)
        return 2
    rules_at_start = _rules_digest(job.config)

    t0 = time.monotonic()
    units, ignored = scan(opts.input, out_root, opts.fmt)
    state = os.path.join(out_root, STATE_DIR)
    shutil.rmtree(os.path.join(state, "tmp"), ignore_errors=True)  # leftovers of a killed run
    os.makedirs(state, exist_ok=True)
    interrupted = False
    manifest = None
    ran: list[Unit] = []
    run_docs = 0
    restore = _sigterm_as_interrupt()
    session = None
    try:
        if opts.engine == "dask":
            from .dask import Session
            try:
                session = Session(opts.scheduler, workers)
            except ImportError as e:
                print(f"cleaner batch: {e}", file=stream)
                return 2
        try:
            templates = _templates_pass(units, job, out_root, workers, mode, opts.log_every, session)
        except KeyboardInterrupt:
            interrupted = True
            templates = None
        if templates is not None:
            manifest = Manifest(out_root, job.fingerprint(templates))
            todo = [u for u in units if not manifest.is_complete(u, out_root)]
            ran = todo
            say(f"cleaner batch: {len(units):,} input files ({len(units) - len(todo):,} already "
                f"complete, {ignored:,} of other types ignored), {workers} "
                f"{'Dask' if opts.engine == 'dask' else 'local'} workers"
                + (f", template lines for {len(templates):,} sites" if job.detect_templates else ""))
            progress = Progress("cleaning", sum(u.size for u in todo), mode, opts.log_every, stream)
            try:
                if session is not None:
                    _run_dask(todo, job, templates, out_root, manifest, progress, session)
                else:
                    _run_local(todo, job, templates, out_root, manifest, progress, workers)
            except KeyboardInterrupt:
                interrupted = True
            finally:
                run_docs = progress.docs
                progress.close()
    finally:
        if session is not None:
            session.close()
        restore()
    if manifest is not None and _rules_digest(job.config) != rules_at_start:
        # Pages cleaned before and after the edit used different rules: make
        # the next run redo everything rather than keep a mixed result.
        manifest.invalidate()
        say("cleaner batch: WARNING: rule files changed during the run; outputs may mix old "
            "and new rules. Re-run to redo every file with the current rules.")
    report = opts.errors or os.path.join(state, "errors.jsonl")
    summary = _summarize(units, manifest, out_root)
    _write_errors(report, units, manifest)
    if manifest is not None:
        manifest.close()
        shutil.rmtree(os.path.join(state, "tmp"), ignore_errors=True)
    elapsed = time.monotonic() - t0
    summary.update(elapsed=elapsed, interrupted=interrupted, report=report, files=len(units),
                   ran=len(ran), ignored=ignored, run_docs=run_docs)
    _write_json(os.path.join(state, "summary.json"), summary)
    say(_summary_text(summary))
    if interrupted:
        return 130
    return 1 if summary["failed"] else 0


def _sigterm_as_interrupt():
    """SIGTERM stops a batch as cleanly as Ctrl-C does; returns the undo."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def handler(signum, frame):
        raise KeyboardInterrupt
    old = signal.signal(signal.SIGTERM, handler)
    return lambda: signal.signal(signal.SIGTERM, old)


def _summarize(units: list[Unit], manifest: Manifest | None, out_root: str) -> dict:
    s = {"complete": 0, "docs": 0, "failed": 0, "failed_files": 0, "chars_in": 0, "chars_out": 0,
         "rules": Counter()}
    if manifest is not None:
        for u in units:
            e = manifest.entries.get(u.rel)
            if e is None or not manifest.is_complete(u, out_root):
                continue
            s["complete"] += 1
            s["docs"] += e["docs"]
            s["failed"] += e["failed"]
            s["failed_files"] += bool(e["failed"])
            s["chars_in"] += e["chars_in"]
            s["chars_out"] += e["chars_out"]
            s["rules"].update(e["rules"])
    s["top_rules"] = s.pop("rules").most_common(5)
    return s


def _write_errors(report: str, units: list[Unit], manifest: Manifest | None) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(report)), exist_ok=True)
    tmp = report + ".new"
    with open(tmp, "w", encoding="utf-8") as fh:
        if manifest is not None:
            for u in units:  # units are sorted, errors within a file are in line order
                e = manifest.entries.get(u.rel)
                if e is None or e["size"] != u.size or e["mtime_ns"] != u.mtime_ns:
                    continue
                for line, code, reason in e["errors"]:
                    fh.write(_dumps({"file": u.rel, "line": line, "code": code, "reason": reason}) + "\n")
                if e["failed"] > len(e["errors"]):
                    fh.write(_dumps({"file": u.rel, "line": None, "code": "more_errors",
                                     "reason": f"{e['failed'] - len(e['errors']):,} more errors "
                                               "in this file not listed"}) + "\n")
    os.replace(tmp, report)


def _write_json(path: str, obj) -> None:
    tmp = path + ".new"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(obj, fh, indent=1, default=str)
    os.replace(tmp, path)


def _summary_text(s: dict) -> str:
    el = s["elapsed"]
    kept = s["chars_out"] / s["chars_in"] if s["chars_in"] else 0.0
    lines = [
        ("cleaner batch: INTERRUPTED — re-run the same command to resume.\n" if s["interrupted"] else "")
        + f"cleaner batch: {s['complete']:,}/{s['files']:,} input files complete, "
          f"{s['docs']:,} documents; this run: {s['ran']:,} files, {s['run_docs']:,} documents "
          f"in {el:,.1f} s ({s['run_docs'] / max(el, 1e-9):,.1f} docs/s)",
        f"  characters: {s['chars_in']:,} in -> {s['chars_out']:,} out ({kept:.1%} kept)",
    ]
    if s["top_rules"]:
        lines.append("  top rules (characters removed): "
                     + ", ".join(f"{r} {n:,}" for r, n in s["top_rules"]))
    if s["failed"]:
        lines.append(f"  errors: {s['failed']:,} in {s['failed_files']:,} files -> {s['report']}")
    else:
        lines.append("  errors: none")
    return "\n".join(lines)


# -- streams -----------------------------------------------------------------------------------------

class _StreamCleaner:
    """Picklable: one raw JSONL line (``(n, bytes)``) to one output JSON line."""

    def __init__(self, job: Job, content_type: str, explain: bool):
        self.job = job
        self.content_type = content_type
        self.explain = explain

    def warm_up(self) -> None:
        PageCleaner(self.job).warm_up()

    def __call__(self, item) -> tuple[bool, str]:
        from .api import clean
        n, line = item
        if line is None:
            return False, _dumps(error_record("too_large", f"line longer than {MAX_LINE_BYTES:,} bytes",
                                              line=n))
        if not line.strip():
            return False, _dumps(error_record("empty", "empty line: nothing to clean", line=n))
        doc = parse_jsonl_line(line, n, self.job)
        if isinstance(doc, ReadError):
            return False, _dumps(error_record(doc.code, doc.reason, doc_id=doc.id, line=n))
        ct = doc.content_type if doc.content_type == "html" else self.content_type
        try:
            r = clean(doc.content, content_type=ct, url=doc.url, config=self.job.config,
                      output_format="markdown" if self.job.fmt == "markdown" else "text")
        except InputError as e:
            return False, _dumps(error_record(e.code, str(e), doc_id=doc.id, line=n))
        except Exception as e:
            return False, _dumps(error_record("internal_error", f"{type(e).__name__}: {e}",
                                              doc_id=doc.id, line=n))
        return True, _dumps(result_record(r, doc_id=doc.id, url=doc.url, line=n,
                                          removals=self.explain))


def stream_jsonl(in_stream, out_stream, config: Config | None = None, *, text_field: str = "text",
                 html_field: str = "html", url_field: str = "url", id_field: str = "id",
                 content_type: str = "text", output_format: str = "text", explain: bool = True,
                 workers: int = 1) -> int:
    """Clean JSONL from ``in_stream`` to ``out_stream``: one output line per input line, in order.

    Each input line is a JSON object with a ``text_field`` (cleaned as
    ``content_type``) or an ``html_field`` (HTML, preferred when both are
    there), and optional ``url_field``/``id_field``; a bare JSON string is
    taken as text. Each output line is ``{"id", "url", "line", "text",
    "metadata", "warnings", "removed"}`` (``removed`` with ``explain``), or
    ``{"id", "line", "error": {"code", "message"}}`` for a line that could not
    be cleaned (broken JSON, empty, undecodable...). Lines are numbered from 1.
    Streams in bounded memory; ``workers`` > 1 cleans in that many processes.
    Returns the exit code: 0 if every line was cleaned, 1 otherwise.

    >>> import io
    >>> out = io.StringIO()
    >>> stream_jsonl(io.StringIO('{"id": 7, "text": "Share on Facebook\\\\nThe mayor opened the new library on Friday morning."}\\n{oops\\n'), out)
    1
    >>> [json.loads(l).get("text", json.loads(l).get("error", {}).get("code")) for l in out.getvalue().splitlines()]
    ['The mayor opened the new library on Friday morning.', 'bad_json']
    """
    job = Job(fmt="markdown" if output_format == "markdown" else "text", text_field=text_field,
              html_field=html_field, url_field=url_field, id_field=id_field, detect_templates=False,
              config=config or Config())
    src = getattr(in_stream, "buffer", in_stream)

    def lines():
        if isinstance(src.read(0), bytes):
            yield from enumerate(_iter_lines(src), 1)
        else:
            for n, line in enumerate(src, 1):
                yield n, line.encode("utf-8", "surrogateescape")

    failed = False
    worker = _StreamCleaner(job, content_type, explain)
    for ok, line in _ordered(worker, lines(), workers, chunksize=8):
        failed |= not ok
        out_stream.write(line + "\n")
    out_stream.flush()
    return 1 if failed else 0


# -- the command line -------------------------------------------------------------------------------------

def add_batch_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add ``cleaner batch``'s arguments to ``parser`` (a subcommand parser)."""
    parser.add_argument("input", metavar="IN", help="folder (or one file) to clean: .txt, .html/.htm, "
                        ".jsonl/.jsonl.gz, .warc/.warc.gz, walked recursively")
    parser.add_argument("output", metavar="OUT", help="folder for the mirrored output tree "
                        "(state, manifest and errors report in OUT/.cleaner/)")
    parser.add_argument("--format", dest="fmt", choices=FORMATS, default="text",
                        help="text (default) or markdown plus a .json sidecar per page file; jsonl: "
                             "records with metadata and removals. JSONL/WARC inputs always give one "
                             ".jsonl each")
    parser.add_argument("-j", "--jobs", type=int, default=None,
                        help="worker processes (default: the core count)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary")
    parser.add_argument("--no-templates", dest="templates", action="store_false",
                        help="skip site template detection (lines recurring on most pages of a site)")
    parser.add_argument("--text-field", default="text", help="JSONL field holding text (default: text)")
    parser.add_argument("--html-field", default="html", help="JSONL field holding HTML (default: html)")
    parser.add_argument("--url-field", default="url", help="JSONL field holding the URL (default: url)")
    parser.add_argument("--id-field", default="id", help="JSONL field holding an id (default: id)")
    parser.add_argument("--errors", default=None, metavar="FILE",
                        help="errors report path (default: OUT/.cleaner/errors.jsonl)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local worker processes (default) or a Dask cluster (pip install 'cleaner[dask]')")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default with "
                             "--engine dask: a local cluster of -j workers); IN and OUT must be "
                             "on a file system the workers share")
    parser.add_argument("--progress", choices=("auto", "bar", "log", "none"), default="auto",
                        help="progress bar (auto: on a terminal), periodic log lines, or none")
    parser.add_argument("--log-every", type=float, default=LOG_EVERY, metavar="SECONDS",
                        help=f"seconds between progress log lines (default: {LOG_EVERY:g})")
    return parser


def run_batch(args: argparse.Namespace) -> int:
    """Run ``cleaner batch`` from parsed arguments; return the exit code.

    A ``config`` attribute on ``args`` (a :class:`~cleaner.config.Config`),
    if present, is used; otherwise :meth:`Config.from_env`.
    """
    opts = BatchOptions(
        input=args.input, output=args.output, fmt=args.fmt, jobs=args.jobs, quiet=args.quiet,
        templates=args.templates, text_field=args.text_field, html_field=args.html_field,
        url_field=args.url_field, id_field=args.id_field, errors=args.errors, engine=args.engine,
        scheduler=args.scheduler, progress=args.progress, log_every=args.log_every,
        config=getattr(args, "config", None))
    return batch(opts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cleaner.batch", description=__doc__.split("\n")[0])
    add_batch_arguments(parser)
    return run_batch(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
