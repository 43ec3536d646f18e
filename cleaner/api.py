"""The library API: :func:`clean` one page, :func:`clean_many` a stream of them."""
from __future__ import annotations

import os
from types import MappingProxyType
from typing import Iterable, Iterator

from .config import Config
from .decode import decode, sniff_content_type
from .document import Document, Result, segment
from .errors import InputError
from .pipeline import run_pipeline

CONTENT_TYPES = ("auto", "text", "html")
OUTPUT_FORMATS = ("text", "markdown", "html")


def clean(content: str | bytes, *, content_type: str = "auto", url: str | None = None,
          config: Config | None = None, charset: str | None = None,
          output_format: str | None = None) -> Result:
    """Clean one page and return its body, metadata and removals.

    ``content`` is text or HTML, as ``str`` or ``bytes`` (decoded by BOM,
    ``charset``, UTF-8, declared charset, then detection). ``content_type`` is
    ``"text"``, ``"html"`` or ``"auto"`` (decided by looking for markup).
    Raises :class:`~cleaner.errors.InputError` for empty, undecodable, too
    large or unsupported input. HTML whose DOM yields no main content (under
    50 words) is cleaned from its visible text instead, and text lines of raw
    page source are read as HTML; ``Result.warnings`` says when either happened.

    >>> r = clean("Share on Facebook\\nThe council approved the new budget on Monday after a long debate.")
    >>> r.text
    'The council approved the new budget on Monday after a long debate.'
    >>> [x.rule_id for x in r.removed]
    ['social.share-on']
    """
    config = config or Config()
    if content_type not in CONTENT_TYPES:
        raise InputError(f"content_type must be one of {', '.join(CONTENT_TYPES)}, not {content_type!r}",
                         "unsupported_type")
    fmt = output_format or config.output_format
    if fmt not in OUTPUT_FORMATS:
        raise InputError(f"output_format must be one of {', '.join(OUTPUT_FORMATS)}, not {fmt!r}",
                         "unsupported_type")
    if isinstance(content, (bytes, bytearray, memoryview)):
        content = decode(bytes(content), charset)
    elif not isinstance(content, str):
        raise InputError(f"content must be str or bytes, not {type(content).__name__}", "unsupported_type")
    if len(content) > config.max_input_chars:
        raise InputError(f"input has {len(content):,} characters, over the limit of "
                         f"{config.max_input_chars:,} (Config.max_input_chars)", "too_large")
    if not content or content.isspace():  # not content.strip(), without copying the page
        raise InputError("empty input: nothing to clean", "empty")
    if content_type == "auto":
        content_type = sniff_content_type(content)
    if content_type == "html":
        doc = run_pipeline(_html_document(content, url, config), config)
        doc = _text_fallback(doc, content, url, config)
    else:
        doc = run_pipeline(_text_document(content, url), config)
    return _result(doc, fmt)


#: When the DOM's main content cleans to fewer words than this, the page's
#: visible text goes through the text front door too, and wins when it keeps
#: at least HTML_FALLBACK_GAIN times as many words, and a story's worth
#: (HTML_FALLBACK_MIN_TEXT_WORDS; a short win is a teaser list or a widget).
HTML_FALLBACK_MAX_WORDS = 50
HTML_FALLBACK_GAIN = 4
HTML_FALLBACK_MIN_TEXT_WORDS = 200


def _text_fallback(doc: Document, html: str, url: str | None, config: Config) -> Document:
    words = doc.metadata.get("words_out", 0)
    if words >= HTML_FALLBACK_MAX_WORDS or not config.heuristics:
        return doc
    from .html import visible_text
    text = visible_text(html)
    if len(text.split()) < HTML_FALLBACK_GAIN * max(words, 1):
        return doc
    tdoc = run_pipeline(segment(text, "text", url or doc.url), config)
    twords = tdoc.metadata.get("words_out", 0)
    if twords < max(HTML_FALLBACK_MIN_TEXT_WORDS, HTML_FALLBACK_GAIN * words):
        return doc
    md = dict(tdoc.metadata)
    md.update({k: v for k, v in doc.metadata.items() if v not in (None, [], "") and not k.endswith("_out")
               and k not in ("words_in", "chars_in", "blocks_in", "page_type")})
    return tdoc.replace(metadata=MappingProxyType(md)).warn(
        f"the DOM's main content cleaned to {words} words; the page's visible text was cleaned "
        f"as text instead ({twords} words). Offsets in Result.removed point into Result.source")


def _text_document(text: str, url: str | None) -> Document:
    from .html import unmark_lines
    text, n = unmark_lines(text)
    doc = segment(text, "text", url)
    if n:
        doc = doc.warn(f"{n} line(s) of the text held raw HTML and were read as HTML; "
                       "offsets in Result.removed point into Result.source")
    return doc


def _html_document(html: str, url: str | None, config: Config) -> Document:
    try:
        from .html import html_to_document
    except ImportError:  # the HTML front door is not built yet
        raise InputError("HTML input is not supported yet; pass the page's text with "
                         "content_type='text'", "unsupported_type") from None
    return html_to_document(html, url=url, config=config)


def _result(doc: Document, fmt: str) -> Result:
    from .render import render
    text = render(doc, fmt)
    removed = tuple(sorted(doc.removals, key=lambda r: (r.start, r.end)))
    return Result(text=text, metadata=doc.metadata, removed=removed, warnings=doc.warnings,
                  source=doc.source, content_type=doc.content_type)


def clean_many(items: Iterable, *, workers: int | None = 1, config: Config | None = None,
               content_type: str = "auto", chunksize: int = 8) -> Iterator[Result | InputError]:
    """Clean a stream of pages; yield results in input order.

    Each item is a ``str``/``bytes`` page or a mapping with ``content`` and
    optional ``content_type``/``url``/``charset``. An item that cannot be
    cleaned yields its :class:`InputError` in its place instead of stopping
    the stream. ``workers`` > 1 uses that many processes (``None``: the core
    count); at most a few chunks per worker are in flight, so a lazy stream
    is cleaned in flat memory. With ``config.detect_templates`` the items are
    read twice (so they are held in a list): one pass finds, per site, lines
    recurring on most of its pages (see :mod:`cleaner.templates`), and each
    page is cleaned with its own site's template lines.

    >>> ok, bad = clean_many(["Share on X\\nThe river rose two metres overnight in the valley.", ""])
    >>> ok.text, bad.code
    ('The river rose two metres overnight in the valley.', 'empty')
    """
    from dataclasses import replace
    from types import MappingProxyType

    from ._parallel import ordered_map
    config = config or Config()
    sites = None
    if config.detect_templates:
        from .templates import find_site_templates
        items = list(items)
        sites = find_site_templates(items, config, content_type)
    if workers is None:
        workers = os.cpu_count() or 1
    if workers <= 1:
        yield from map(_Job(config, content_type, sites), items)
        return
    # Result.metadata is a read-only mappingproxy, which cannot be pickled:
    # workers send a plain dict and it is wrapped again here.
    for r in ordered_map(_Job(config, content_type, sites, pack=True), items, workers,
                         chunksize=chunksize):
        yield r if isinstance(r, InputError) else replace(r, metadata=MappingProxyType(r.metadata))


class _Job:
    """A picklable callable that cleans one item and never raises InputError."""

    def __init__(self, config: Config, content_type: str, sites: dict | None = None,
                 pack: bool = False):
        self.config = config
        self.content_type = content_type
        self.sites = sites
        self.pack = pack

    def __call__(self, item):
        from dataclasses import replace

        from .templates import site_of, unpack_item
        content, ct, url, charset = unpack_item(item, self.content_type)
        config = self.config
        if self.sites is not None:
            config = config.replace(template_lines=self.sites.get(site_of(url), frozenset()))
        try:
            r = clean(content, content_type=ct, url=url, config=config, charset=charset)
        except InputError as e:
            return e
        return replace(r, metadata=dict(r.metadata)) if self.pack else r
