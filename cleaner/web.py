"""The HTTP service: a thin Flask shell over :func:`cleaner.clean`.

Run it with gunicorn (``make run``, or the ``Procfile``)::

    gunicorn --config gunicorn.conf.py "cleaner.web:create_app()"

Endpoints (all answers are JSON unless said otherwise)::

    POST /v1/clean        one page: JSON {"content": ...} or a raw text/plain or text/html body
    POST /v1/clean/batch  a JSON array or NDJSON of pages; per-item results and errors, in order
    GET  /v1/rules        the loaded rules: id, description, kind, status
    GET  /healthz         liveness (never needs an API key)
    GET  /readyz          readiness: rules loaded and a warm-up clean succeeded (no key needed)
    GET  /metrics         Prometheus text format
    GET  /openapi.json    the OpenAPI 3 description of all of this
    GET  /docs            the same, as a page for people

Settings (defaults below, then ``CLEANER_*`` environment variables through
Flask's ``from_prefixed_env``, e.g. ``CLEANER_MAX_BODY_BYTES=1000000``;
``create_app(mapping)`` overrides both, which is what the tests use):

``MAX_BODY_BYTES`` (5 MiB)
    Largest body ``/v1/clean`` accepts. Checked against ``Content-Length``
    before reading, and again while reading (chunked bodies), so an oversized
    body is never held in memory.
``MAX_BATCH_BYTES`` (20 MiB) / ``MAX_BATCH_ITEMS`` (100)
    Bounds on one ``/v1/clean/batch`` request.
``API_KEYS`` (none)
    When set (a JSON list, or a comma-separated string), every request except
    the health, documentation and CORS preflight requests needs
    ``Authorization: Bearer <key>``; keys are compared in constant time.
``CORS_ORIGINS`` (none: CORS off)
    ``"*"`` or a list (JSON or comma-separated) of origins allowed to call the API
    from a browser.
``CLEANER_CONFIG`` (``Config.from_env()``)
    The library's :class:`~cleaner.config.Config`.

Errors are always ``{"error": {"code": ..., "message": ...}}``: 400 malformed
JSON or fields, 401 missing/wrong API key, 404/405 routing, 413 too large,
415 unsupported media type (or HTML while the HTML front door is missing),
422 empty or undecodable content, 500 (logged with the request id, never a
traceback in the answer). Every answer carries ``X-Request-ID`` (the client's,
when it sent a well-formed one).

The work per request is bounded by the size caps and by the library's
linear-time algorithms (RE2 rules, single-pass stages); nothing here uses
signals, so it is safe under gunicorn's threaded workers. gunicorn's worker
``timeout`` is the last resort.
"""
from __future__ import annotations

import hashlib
import hmac
import html
import json
import logging
import os
import re
import time
import uuid
from typing import Any, Mapping

from flask import Blueprint, Flask, current_app, g, jsonify, redirect, request
from werkzeug.exceptions import HTTPException

from . import __version__
from .api import CONTENT_TYPES, OUTPUT_FORMATS, clean
from .config import Config
from .errors import CleanerError, InputError, RuleError
from .rules import load_rules

log = logging.getLogger("cleaner.web")

DEFAULTS: dict[str, Any] = {
    "MAX_BODY_BYTES": 5 * 1024 * 1024,
    "MAX_BATCH_BYTES": 20 * 1024 * 1024,
    "MAX_BATCH_ITEMS": 100,
    "API_KEYS": (),
    "CORS_ORIGINS": (),
    "CLEANER_CONFIG": None,
}

#: Endpoints that never need an API key: probes must work without secrets and
#: the API description is public anyway.
PUBLIC_ENDPOINTS = frozenset({"api.healthz", "api.readyz", "api.openapi", "api.docs", "api.index"})

#: A client-sent request id is echoed only if it is this tame (no header
#: injection, bounded log lines); otherwise a fresh one is made.
REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:/+=@-]{1,128}$")

#: The status an InputError code is answered with.
INPUT_ERROR_STATUS = {"empty": 422, "undecodable": 422, "too_large": 413, "unsupported_type": 422}

NDJSON_TYPES = frozenset({"application/x-ndjson", "application/ndjson", "application/jsonl",
                          "application/x-jsonlines", "application/jsonlines"})
RAW_TYPES = {"text/plain": "text", "text/html": "html"}
ITEM_FIELDS = frozenset({"content", "content_type", "url", "output_format", "explain"})
MAX_URL_CHARS = 2048

#: A short clean body used to warm the library up at start (imports, rule
#: compilation, language model) so the first real request is not slow.
WARMUP_TEXT = ("Share on Facebook\nThe council met on Monday and approved the budget for next "
               "year after a long debate about schools and roads.")


class ApiError(Exception):
    """An error answered as ``{"error": {"code", "message"}}`` with ``status``."""

    def __init__(self, status: int, code: str, message: str, headers: Mapping | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


# -- the app factory -------------------------------------------------------------

def _warm_up(config: Config) -> None:
    """Load what the first request would: stoplists, language identifiers,
    the HTML parser. With gunicorn's preload_app this happens once in the
    master, and every forked or recycled worker starts warm (measured: worker
    recycling every 2,000 requests cost 20% of throughput when each new
    worker loaded these itself)."""
    try:
        clean("Warm-up: the council met on Monday and approved the budget for the new library.\n"
              "Share on Facebook", content_type="text", config=config)
        clean("<html><body><p>Warm-up paragraph for the HTML parser.</p></body></html>",
              content_type="html", config=config)
    except Exception:  # a warm-up never stops the service from starting
        pass


def create_app(config: Mapping | None = None) -> Flask:
    """Build the app: defaults, then ``CLEANER_*`` environment, then ``config``.

    Loads and validates the rules at once, so a broken rule set stops the
    server at start with every ``file:line`` problem instead of failing requests.
    """
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("CLEANER")
    if config:
        app.config.from_mapping(config)
    app.json.sort_keys = False
    app.config["API_KEYS"] = _as_list(app.config["API_KEYS"])
    origins = app.config["CORS_ORIGINS"]
    app.config["CORS_ORIGINS"] = "*" if origins == "*" else _as_list(origins)
    for key in ("MAX_BODY_BYTES", "MAX_BATCH_BYTES", "MAX_BATCH_ITEMS"):
        app.config[key] = int(app.config[key])
    lib_config = app.config["CLEANER_CONFIG"] or Config.from_env()
    if not isinstance(lib_config, Config):
        raise TypeError(f"CLEANER_CONFIG must be a cleaner.Config, not {type(lib_config).__name__}")
    app.config["CLEANER_CONFIG"] = lib_config

    rules = load_rules(lib_config)  # raises RuleSetError listing every problem
    _warm_up(lib_config)
    state = app.extensions["cleaner"] = {
        "config": lib_config,
        "rules": [{"id": r.id, "description": r.description, "kind": r.kind,
                   "status": rules.status(r.id)} for r in rules.all_rules],
        "metrics": Metrics(),
        "key_digests": [hashlib.sha256(k.encode()).digest() for k in app.config["API_KEYS"]],
        "ready": False,
        "ready_error": None,
    }
    try:
        clean(WARMUP_TEXT, content_type="text", config=lib_config)
        state["ready"] = True
    except Exception as e:  # reported by /readyz; the process stays up for diagnosis
        log.exception("warm-up clean failed")
        state["ready_error"] = f"{type(e).__name__}: {e}"

    app.register_blueprint(bp)
    app.before_request(_start_request)
    app.before_request(_check_api_key)
    app.after_request(_finish_request)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    return app


def _as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [s.strip() for s in value.split(",") if s.strip()]
    return [str(v) for v in value]


def _state() -> dict:
    return current_app.extensions["cleaner"]


# -- request plumbing: ids, auth, CORS, metrics ------------------------------------

def _start_request():
    g.t0 = time.perf_counter()
    rid = request.headers.get("X-Request-ID", "")
    g.request_id = rid if REQUEST_ID_RE.match(rid) else uuid.uuid4().hex


def _check_api_key():
    digests = _state()["key_digests"]
    if not digests or request.method == "OPTIONS" or request.endpoint in PUBLIC_ENDPOINTS:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    ok = False
    if scheme.lower() == "bearer" and token.strip():
        # Compare fixed-length digests so neither the key's length nor where a
        # guess first differs leaks through timing; check every key, no early exit.
        given = hashlib.sha256(token.strip().encode("utf-8", "surrogatepass")).digest()
        for d in digests:
            ok |= hmac.compare_digest(given, d)
    if not ok:
        raise ApiError(401, "unauthorized",
                       "a valid API key is required: send 'Authorization: Bearer <key>'",
                       {"WWW-Authenticate": 'Bearer realm="cleaner"'})
    return None


def _finish_request(response):
    rid = getattr(g, "request_id", None) or uuid.uuid4().hex
    response.headers["X-Request-ID"] = rid
    _add_cors_headers(response)
    t0 = getattr(g, "t0", None)
    endpoint = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
    _state()["metrics"].observe_request(request.method, endpoint, response.status_code,
                                        time.perf_counter() - t0 if t0 else 0.0)
    return response


def _add_cors_headers(response):
    allowed = current_app.config["CORS_ORIGINS"]
    origin = request.headers.get("Origin")
    if not allowed or not origin:
        return
    if allowed == "*":
        response.headers["Access-Control-Allow-Origin"] = "*"
    elif origin in allowed:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.vary.add("Origin")
    else:
        return
    response.headers["Access-Control-Expose-Headers"] = "X-Request-ID"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, X-Request-ID"
        response.headers["Access-Control-Max-Age"] = "600"


def _error_response(status: int, code: str, message: str, headers: Mapping | None = None):
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


def _api_error(e: ApiError):
    return _error_response(e.status, e.code, e.message, e.headers)


def _http_error(e: HTTPException):
    if e.code is None or e.code >= 500:
        return _unexpected_error(e)
    code = re.sub(r"[^a-z0-9]+", "_", (e.name or "error").lower()).strip("_")
    keep = {k: v for k, v in e.get_headers() if k.lower() in ("allow", "www-authenticate", "retry-after")}
    message = {413: "the request body is over the configured limit"}.get(e.code, e.description or e.name)
    return _error_response(e.code, code, message, keep)


def _unexpected_error(e: Exception):
    rid = getattr(g, "request_id", "-")
    log.error("unhandled error in %s %s (request id %s)", request.method, request.path, rid,
              exc_info=e)
    return _error_response(500, "internal_error",
                           f"internal error; quote request id {rid} when reporting it")


# -- reading requests ---------------------------------------------------------------

def _read_body(limit: int) -> bytes:
    """The request body, refusing with 413 as soon as it is known to exceed ``limit``."""
    length = request.content_length
    if length is not None and length > limit:
        raise ApiError(413, "too_large", f"the body has {length:,} bytes, over the limit of {limit:,}")
    stream = request.stream
    chunks = []
    total = 0
    while True:
        chunk = stream.read(min(65536, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise ApiError(413, "too_large", f"the body is over the limit of {limit:,} bytes")
    return b"".join(chunks)


def _parse_json(data: bytes):
    try:
        return json.loads(data)
    except RecursionError:
        raise ApiError(400, "invalid_json", "the JSON body is nested too deeply") from None
    except ValueError as e:  # JSONDecodeError, UnicodeDecodeError, huge ints
        raise ApiError(400, "invalid_json", f"the body is not valid JSON: {e}") from None


def _flag(name: str, default: bool = False) -> bool:
    raw = request.args.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ApiError(400, "invalid_parameter", f"query parameter '{name}' must be true or false")


def _query_options() -> dict:
    """Options for raw bodies, from the query string."""
    unknown = set(request.args) - {"url", "output_format", "explain"}
    if unknown:
        raise ApiError(400, "invalid_parameter",
                       f"unknown query parameter(s): {', '.join(sorted(unknown))}")
    opts = {"url": request.args.get("url"), "output_format": request.args.get("output_format"),
            "explain": _flag("explain")}
    _check_options(opts, where="query parameter")
    return opts


def _check_options(opts: dict, where: str) -> None:
    code = "invalid_parameter" if where.startswith("query") else "invalid_field"
    url = opts.get("url")
    if url is not None and (not isinstance(url, str) or len(url) > MAX_URL_CHARS):
        raise ApiError(400, code, f"{where} 'url' must be a string of at most "
                                             f"{MAX_URL_CHARS} characters or null")
    if isinstance(url, str) and _has_surrogates(url):
        raise ApiError(400, code, f"{where} 'url' is not valid Unicode")
    fmt = opts.get("output_format")
    if fmt is not None and fmt not in OUTPUT_FORMATS:
        raise ApiError(400, code,
                       f"{where} 'output_format' must be one of {', '.join(OUTPUT_FORMATS)} or null")
    ct = opts.get("content_type", "auto")
    if ct not in CONTENT_TYPES:
        raise ApiError(400, code,
                       f"{where} 'content_type' must be one of {', '.join(CONTENT_TYPES)}")
    if not isinstance(opts.get("explain", False), bool):
        raise ApiError(400, code, f"{where} 'explain' must be true or false")


def _item_from_json(obj, where: str = "body", defaults: Mapping | None = None) -> dict:
    """Validate one JSON document (an object, or a bare string in batches).

    ``defaults`` (from the query string) fill the fields the document leaves out.
    """
    if isinstance(obj, str) and where != "body":
        obj = {"content": obj}
    if not isinstance(obj, dict):
        raise ApiError(400, "invalid_field", f"{where} must be a JSON object with a 'content' string")
    unknown = set(obj) - ITEM_FIELDS
    if unknown:
        raise ApiError(400, "invalid_field", f"{where} has unknown field(s): {', '.join(sorted(unknown))} "
                                             f"(allowed: {', '.join(sorted(ITEM_FIELDS))})")
    if "content" not in obj:
        raise ApiError(400, "missing_field", f"{where} needs a 'content' field")
    if not isinstance(obj["content"], str):
        raise ApiError(400, "invalid_field", f"{where} 'content' must be a string")
    d = {"content_type": "auto", "url": None, "output_format": None, "explain": False,
         **(defaults or {})}
    item = {"content": obj["content"], **{k: obj.get(k, v) for k, v in d.items()}}
    _check_options(item, where=where)
    return item


def _has_surrogates(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# -- cleaning ----------------------------------------------------------------------

def _clean_item(item: dict, raw_media: str | None = None) -> dict:
    """Clean one validated item; raise ApiError for input the library refuses."""
    content = item["content"]
    if isinstance(content, str) and _has_surrogates(content):
        # JSON allows "\\ud800"; such a string is not text and cannot be cleaned.
        raise ApiError(422, "undecodable", "content contains unpaired UTF-16 surrogates")
    state = _state()
    t0 = time.perf_counter()
    try:
        result = clean(content, content_type=item["content_type"], url=item["url"],
                       config=state["config"], charset=item.get("charset"),
                       output_format=item["output_format"])
    except InputError as e:
        status = INPUT_ERROR_STATUS.get(e.code, 422)
        if e.code == "unsupported_type" and raw_media == "text/html":
            status = 415  # the request's own media type is what we cannot serve
        state["metrics"].documents.labels(outcome=e.code).inc()
        raise ApiError(status, e.code, str(e)) from None
    except RuleError as e:
        # The rule files changed on disk and no longer load (the library
        # reloads edited rules): the server's fault, not the input's.
        state["metrics"].documents.labels(outcome="rules_invalid").inc()
        log.error("rules failed to load (request id %s): %s", g.request_id, e)
        raise ApiError(503, "rules_invalid", "the server's rule files failed to load; "
                       "try again once they are fixed", {"Retry-After": "30"}) from None
    except CleanerError as e:  # a library refusal that is about neither input nor rules
        state["metrics"].documents.labels(outcome="error").inc()
        raise ApiError(422, "unprocessable", str(e)) from None
    ms = (time.perf_counter() - t0) * 1000
    state["metrics"].observe_result(result)
    out = result.as_dict(explain=item["explain"])
    out["stats"] = {"chars_in": len(result.source), "chars_out": len(result.text), "ms": round(ms, 3)}
    return out


# -- routes --------------------------------------------------------------------------

bp = Blueprint("api", __name__)


@bp.post("/v1/clean")
def clean_one():
    media = request.mimetype
    limit = current_app.config["MAX_BODY_BYTES"]
    if _is_json(media):
        opts = _query_options()  # defaults for what the JSON document leaves out
        item = _item_from_json(_parse_json(_read_body(limit)), defaults=opts)
        return jsonify(_clean_item(item))
    if media in RAW_TYPES:
        opts = _query_options()
        body = _read_body(limit)
        item = dict(opts, content=body, content_type=RAW_TYPES[media],
                    charset=request.mimetype_params.get("charset"))
        return jsonify(_clean_item(item, raw_media=media))
    raise _unsupported_media(media, ["application/json", "text/plain", "text/html"])


@bp.post("/v1/clean/batch")
def clean_batch():
    media = request.mimetype
    cfg = current_app.config
    if _is_json(media):
        if set(request.args) - {"explain"}:
            raise ApiError(400, "invalid_parameter", "the only query parameter here is 'explain'")
        explain = _flag("explain")
        docs = _parse_json(_read_body(cfg["MAX_BATCH_BYTES"]))
        if not isinstance(docs, list):
            raise ApiError(400, "invalid_json", "the body must be a JSON array of documents")
        _check_count(len(docs))
        # A JSON array is built by a program in one go: a malformed item is a
        # client bug, answered at once for the whole batch, naming the item.
        items = [_item_from_json(d, where=f"item {i}", defaults={"explain": explain})
                 for i, d in enumerate(docs)]
    elif media in NDJSON_TYPES:
        if set(request.args) - {"explain"}:
            raise ApiError(400, "invalid_parameter", "the only query parameter here is 'explain'")
        explain = _flag("explain")
        lines = [ln for ln in _read_body(cfg["MAX_BATCH_BYTES"]).split(b"\n") if ln.strip()]
        _check_count(len(lines))
        # NDJSON lines are independent records (logs, pipelines): a bad line is
        # that item's error and the rest of the batch still runs.
        items = []
        for i, line in enumerate(lines):
            try:
                d = _parse_json(line)
                items.append(_item_from_json(d, where=f"item {i}", defaults={"explain": explain}))
            except ApiError as e:
                items.append(e)
    else:
        raise _unsupported_media(media, ["application/json", "application/x-ndjson"])

    t0 = time.perf_counter()
    results = []
    for i, item in enumerate(items):
        try:
            if isinstance(item, ApiError):
                raise item
            results.append({"index": i, "ok": True, **_clean_item(item)})
        except ApiError as e:
            results.append({"index": i, "ok": False,
                            "error": {"code": e.code, "message": e.message, "status": e.status}})
    ok = sum(1 for r in results if r["ok"])
    return jsonify({"results": results,
                    "stats": {"items": len(results), "ok": ok, "errors": len(results) - ok,
                              "ms": round((time.perf_counter() - t0) * 1000, 3)}})


def _check_count(n: int) -> None:
    limit = current_app.config["MAX_BATCH_ITEMS"]
    if n > limit:
        raise ApiError(413, "too_many_items", f"the batch has {n} documents, over the limit of {limit}")


def _is_json(media: str) -> bool:
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _unsupported_media(media: str, supported: list[str]) -> ApiError:
    got = f"'{media}'" if media else "no Content-Type"
    return ApiError(415, "unsupported_media_type",
                    f"cannot read {got}; send one of: {', '.join(supported)}")


@bp.get("/v1/rules")
def rules():
    listed = _state()["rules"]
    return jsonify({"count": len(listed), "rules": listed})


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz():
    state = _state()
    if not state["ready"]:
        return jsonify({"status": "not_ready", "error": state["ready_error"]}), 503
    return jsonify({"status": "ready", "rules": len(state["rules"]), "version": __version__})


@bp.get("/metrics")
def metrics():
    body, content_type = _state()["metrics"].render()
    return current_app.response_class(body, content_type=content_type)


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(current_app))


@bp.get("/docs")
def docs():
    page = render_docs(openapi_document(current_app))
    return current_app.response_class(page, content_type="text/html; charset=utf-8")


@bp.get("/")
def index():
    return redirect("/docs")


# -- metrics -------------------------------------------------------------------------

class Metrics:
    """Prometheus metrics for one app.

    Each app gets its own registry so tests can build many apps. Under
    gunicorn with several workers, ``PROMETHEUS_MULTIPROC_DIR`` (set by
    ``gunicorn.conf.py``) makes prometheus-client keep values in shared files
    and ``/metrics`` sums every worker's, whichever worker answers.
    """

    def __init__(self):
        from prometheus_client import CollectorRegistry, Counter, Histogram
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter("cleaner_http_requests_total", "HTTP requests answered.",
                                ["method", "endpoint", "status"], registry=self.registry)
        self.latency = Histogram("cleaner_http_request_duration_seconds",
                                 "Time to answer an HTTP request.", ["endpoint"],
                                 buckets=(.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10),
                                 registry=self.registry)
        self.documents = Counter("cleaner_documents_total", "Documents cleaned, by outcome "
                                 "(ok, or the input error code).", ["outcome"], registry=self.registry)
        self.removals = Counter("cleaner_removals_total", "Removals made, by rule or heuristic id.",
                                ["rule_id"], registry=self.registry)

    def observe_request(self, method: str, endpoint: str, status: int, seconds: float) -> None:
        self.requests.labels(method=method, endpoint=endpoint, status=str(status)).inc()
        self.latency.labels(endpoint=endpoint).observe(seconds)

    def observe_result(self, result) -> None:
        self.documents.labels(outcome="ok").inc()
        counts: dict[str, int] = {}
        for r in result.removed:
            counts[r.rule_id] = counts.get(r.rule_id, 0) + 1
        for rule_id, n in counts.items():
            self.removals.labels(rule_id=rule_id).inc(n)

    def render(self) -> tuple[bytes, str]:
        from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
        else:
            registry = self.registry
        return generate_latest(registry), CONTENT_TYPE_LATEST


# -- OpenAPI and docs ------------------------------------------------------------------

def _error_schema_ref():
    return {"$ref": "#/components/schemas/Error"}


def _errors(*statuses: int) -> dict:
    text = {400: "Malformed JSON, unknown or invalid field or query parameter.",
            401: "API keys are configured and the request lacks a valid one.",
            413: "Body (or batch count) over the configured limit, or content over the "
                 "library's max_input_chars.",
            415: "Unsupported Content-Type, or HTML while HTML input is not available.",
            422: "Empty, undecodable or otherwise unprocessable content.",
            503: "The server's rule files fail to load (edited on disk); retry later.",
            500: "Unexpected server error (logged with the request id)."}
    return {str(s): {"description": text[s], "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestId"}},
                     "content": {"application/json": {"schema": _error_schema_ref()}}} for s in statuses}


#: gunicorn itself refuses request lines over ``limit_request_line`` (8190
#: bytes), before the app runs, with an HTML page.
_URI_TOO_LONG = {"414": {"description": "Request line (path and query) over 8190 bytes; answered "
                                        "by gunicorn itself, as HTML.",
                         "content": {"text/html": {"schema": {"type": "string"}}}}}


def _ok(description: str, schema: dict, media: str = "application/json") -> dict:
    return {"200": {"description": description,
                    "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestId"}},
                    "content": {media: {"schema": schema}}}}


def openapi_document(app: Flask) -> dict:
    """The OpenAPI 3.0 description of the service as this app is configured."""
    cfg = app.config
    secured = bool(app.extensions["cleaner"]["key_digests"])
    guarded = (401,) if secured else ()
    item_props = {
        "content": {"type": "string",
                    "description": "The page: plain text or HTML (blank content gets 422)."},
        "content_type": {"type": "string", "enum": list(CONTENT_TYPES), "default": "auto",
                         "description": "How to read content; auto looks for HTML markup."},
        "url": {"type": "string", "nullable": True, "maxLength": MAX_URL_CHARS,
                "description": "The page's address (enables site-scoped rules)."},
        "output_format": {"type": "string", "nullable": True, "enum": list(OUTPUT_FORMATS) + [None],
                          "description": "text, markdown or html; null: the server's default."},
        "explain": {"type": "boolean", "default": False,
                    "description": "Include the list of removals with rule ids and reasons."},
    }
    query = [
        {"name": "url", "in": "query", "required": False,
         "schema": {"type": "string", "maxLength": MAX_URL_CHARS},
         "description": "The page's address (a JSON body's own field wins)."},
        {"name": "output_format", "in": "query", "required": False,
         "schema": {"type": "string", "enum": list(OUTPUT_FORMATS)},
         "description": "text, markdown or html (a JSON body's own field wins)."},
        {"name": "explain", "in": "query", "required": False,
         "schema": {"type": "boolean", "default": False},
         "description": "Include removals (a JSON document's own field wins)."},
    ]
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "cleaner", "version": __version__,
                 "description": "Strip boilerplate (share bars, menus, ads, related links, "
                                "comments...) from web text and HTML; every removal is explained."},
        "paths": {
            "/v1/clean": {"post": {
                "operationId": "clean",
                "summary": "Clean one page",
                "description": "Send JSON, or the page itself as text/plain or text/html "
                               "(the charset parameter is honoured; options then go in the query "
                               f"string, where they also serve as defaults for JSON). Bodies over {cfg['MAX_BODY_BYTES']:,} bytes get 413.",
                "parameters": query,
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/CleanRequest"},
                                         "example": {"content": "Share on Facebook\nThe council "
                                                     "approved the budget on Monday.", "explain": True}},
                    # Raw bytes in the declared charset: "binary", not JSON text.
                    "text/plain": {"schema": {"type": "string", "format": "binary", "minLength": 1}},
                    "text/html": {"schema": {"type": "string", "format": "binary", "minLength": 1}},
                }},
                "responses": {**_ok("The clean page.", {"$ref": "#/components/schemas/CleanResult"}),
                              **_errors(400, *guarded, 413, 415, 422, 503), **_URI_TOO_LONG},
            }},
            "/v1/clean/batch": {"post": {
                "operationId": "cleanBatch",
                "summary": "Clean many pages",
                "description": f"A JSON array (at most {cfg['MAX_BATCH_ITEMS']} documents, "
                               f"{cfg['MAX_BATCH_BYTES']:,} bytes) of documents or strings, or "
                               "NDJSON with one document per line. Results come back in order; a "
                               "document that cannot be cleaned gets its own error and the rest "
                               "still run. A malformed JSON-array item fails the request (400); a "
                               "malformed NDJSON line is that item's error.",
                "parameters": [query[2]],
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {"type": "array", "maxItems": cfg["MAX_BATCH_ITEMS"],
                                                    "items": {"oneOf": [
                                                        {"type": "string"},
                                                        {"$ref": "#/components/schemas/BatchDocument"}]}}},
                    "application/x-ndjson": {"schema": {"type": "string", "format": "binary"}},
                }},
                "responses": {**_ok("Per-document results, in input order.",
                                    {"$ref": "#/components/schemas/BatchResult"}),
                              **_errors(400, *guarded, 413, 415), **_URI_TOO_LONG},
            }},
            "/v1/rules": {"get": {
                "operationId": "listRules", "summary": "The loaded rules",
                "responses": {**_ok("Every rule with its id, description, kind and status.",
                                    {"$ref": "#/components/schemas/Rules"}), **_errors(*guarded)},
            }},
            "/healthz": {"get": {
                "operationId": "healthz", "summary": "Liveness probe", "security": [],
                "responses": _ok("The process answers.", {"$ref": "#/components/schemas/Status"}),
            }},
            "/readyz": {"get": {
                "operationId": "readyz", "summary": "Readiness probe", "security": [],
                "responses": {**_ok("Rules loaded and warm-up done.", {"$ref": "#/components/schemas/Status"}),
                              "503": {"description": "Not ready; 'error' says why.",
                                      "content": {"application/json": {
                                          "schema": {"$ref": "#/components/schemas/Status"}}}}},
            }},
            "/metrics": {"get": {
                "operationId": "metrics", "summary": "Prometheus metrics",
                "responses": {**_ok("Prometheus text exposition format.", {"type": "string"},
                                    "text/plain"), **_errors(*guarded)},
            }},
            "/openapi.json": {"get": {
                "operationId": "openapi", "summary": "This document", "security": [],
                "responses": _ok("OpenAPI 3 document.", {"type": "object"}),
            }},
            "/docs": {"get": {
                "operationId": "docs", "summary": "Human-readable API documentation", "security": [],
                "responses": _ok("An HTML page.", {"type": "string"}, "text/html"),
            }},
        },
        "components": {
            "headers": {"RequestId": {"description": "The request id (echoed when the client sent one).",
                                      "schema": {"type": "string"}}},
            "schemas": {
                "CleanRequest": {"type": "object", "required": ["content"], "additionalProperties": False,
                                 "properties": {**item_props, "content": {
                                     **item_props["content"], "minLength": 1}}},
                # In a batch an empty document is that item's error, not a bad request.
                "BatchDocument": {"type": "object", "required": ["content"], "additionalProperties": False,
                                  "properties": item_props},
                "Removal": {"type": "object", "required": ["rule_id", "reason", "text", "start", "end"],
                            "properties": {"rule_id": {"type": "string"}, "reason": {"type": "string"},
                                           "text": {"type": "string"}, "start": {"type": "integer"},
                                           "end": {"type": "integer"}}},
                "Stats": {"type": "object", "required": ["chars_in", "chars_out", "ms"],
                          "properties": {"chars_in": {"type": "integer"}, "chars_out": {"type": "integer"},
                                         "ms": {"type": "number"}}},
                "CleanResult": {"type": "object", "required": ["text", "metadata", "warnings", "stats"],
                                "properties": {
                                    "text": {"type": "string"},
                                    "metadata": {"type": "object", "description": "title, date, author, "
                                                 "site_name, source, section, language, counts..."},
                                    "warnings": {"type": "array", "items": {"type": "string"}},
                                    "removed": {"type": "array", "description": "Only with explain.",
                                                "items": {"$ref": "#/components/schemas/Removal"}},
                                    "stats": {"$ref": "#/components/schemas/Stats"}}},
                "ItemError": {"type": "object", "required": ["code", "message", "status"],
                              "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                                             "status": {"type": "integer"}}},
                "BatchItem": {"type": "object", "required": ["index", "ok"], "properties": {
                    "index": {"type": "integer"}, "ok": {"type": "boolean"},
                    "text": {"type": "string"}, "metadata": {"type": "object"},
                    "warnings": {"type": "array", "items": {"type": "string"}},
                    "removed": {"type": "array", "items": {"$ref": "#/components/schemas/Removal"}},
                    "stats": {"$ref": "#/components/schemas/Stats"},
                    "error": {"$ref": "#/components/schemas/ItemError"}}},
                "BatchResult": {"type": "object", "required": ["results", "stats"], "properties": {
                    "results": {"type": "array", "items": {"$ref": "#/components/schemas/BatchItem"}},
                    "stats": {"type": "object", "required": ["items", "ok", "errors", "ms"], "properties": {
                        "items": {"type": "integer"}, "ok": {"type": "integer"},
                        "errors": {"type": "integer"}, "ms": {"type": "number"}}}}},
                "Rules": {"type": "object", "required": ["count", "rules"], "properties": {
                    "count": {"type": "integer"},
                    "rules": {"type": "array", "items": {
                        "type": "object", "required": ["id", "description", "kind", "status"],
                        "properties": {"id": {"type": "string"}, "description": {"type": "string"},
                                       "kind": {"type": "string"}, "status": {"type": "string"}}}}}},
                "Status": {"type": "object", "required": ["status"], "properties": {
                    "status": {"type": "string"}, "rules": {"type": "integer"},
                    "version": {"type": "string"}, "error": {"type": "string", "nullable": True}}},
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                    "type": "object", "required": ["code", "message"],
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}},
            },
        },
    }
    if secured:
        doc["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        doc["security"] = [{"bearer": []}]
    else:
        for ops in doc["paths"].values():
            for op in ops.values():
                op.pop("security", None)
    return doc


def render_docs(doc: dict) -> str:
    """A self-contained HTML page describing ``doc`` (no scripts, no CDN)."""
    esc = html.escape
    parts = [f"<!doctype html><html lang=en><head><meta charset=utf-8>"
             f"<title>{esc(doc['info']['title'])} API</title><style>"
             "body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
             "code,pre{background:#f4f4f4;padding:.1rem .3rem}pre{padding:.6rem;overflow:auto}"
             "h2{border-top:1px solid #ddd;padding-top:1rem}td,th{padding:.2rem .6rem;text-align:left}"
             "</style></head><body>",
             f"<h1>{esc(doc['info']['title'])} {esc(doc['info']['version'])}</h1>",
             f"<p>{esc(doc['info']['description'])}</p>",
             "<p>Machine-readable: <a href='/openapi.json'>/openapi.json</a>. Errors are "
             "<code>{\"error\": {\"code\", \"message\"}}</code>; every answer carries "
             "<code>X-Request-ID</code>.</p>"]
    if doc.get("security"):
        parts.append("<p><b>Authentication:</b> send <code>Authorization: Bearer &lt;key&gt;</code> "
                     "(not needed for health checks and these docs).</p>")
    parts.append("<pre>curl -s localhost:8000/v1/clean -H 'Content-Type: text/plain' "
                 "--data-binary @page.txt\ncurl -s localhost:8000/v1/clean -H 'Content-Type: "
                 "application/json' -d '{\"content\": \"Share on Facebook\\nThe council met.\", "
                 "\"explain\": true}'</pre>")
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            parts.append(f"<h2><code>{method.upper()} {esc(path)}</code> — {esc(op.get('summary', ''))}</h2>")
            if op.get("description"):
                parts.append(f"<p>{esc(op['description'])}</p>")
            params = op.get("parameters") or []
            if params:
                parts.append("<p>Query parameters:</p><table>")
                for p in params:
                    parts.append(f"<tr><td><code>{esc(p['name'])}</code></td>"
                                 f"<td>{esc(p.get('description', ''))}</td></tr>")
                parts.append("</table>")
            body = op.get("requestBody")
            if body:
                parts.append("<p>Body: " + ", ".join(f"<code>{esc(m)}</code>" for m in body["content"]) + "</p>")
            parts.append("<table><tr><th>Status</th><th>Meaning</th></tr>")
            for status, resp in op["responses"].items():
                parts.append(f"<tr><td>{esc(status)}</td><td>{esc(resp['description'])}</td></tr>")
            parts.append("</table>")
    fields = doc["components"]["schemas"]["CleanRequest"]["properties"]
    parts.append("<h2>JSON document fields</h2><table>")
    for name, spec in fields.items():
        parts.append(f"<tr><td><code>{esc(name)}</code></td><td>{esc(spec.get('description', ''))}</td></tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts)
