"""The document model: one frozen :class:`Document` flows through named stages.

A text document is cut into :class:`Block` s, one per source line, each knowing
its character span in the source. Stages never edit text: they mark blocks as
removed (or trim a span off a block) and append a :class:`Removal` saying which
rule or heuristic did it and why. Rendering joins the kept blocks, so the output
is always made of the input's own text, in the input's order, and
:func:`replay` can rebuild it from the source and the removals alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Mapping

#: Line breaks as the cleaner sees them: the same set everywhere (segmenting,
#: rendering, replaying), so offsets and outputs agree.
LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def normalize_space(s: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return " ".join(s.split())


@dataclass(frozen=True, slots=True)
class Removal:
    """One removal: ``text`` was ``source[start:end]``; ``rule_id`` says who, ``reason`` why."""

    rule_id: str
    reason: str
    text: str
    start: int
    end: int

    # Hand-written (dataclass keeps it): half the cost of the generated one.
    def __init__(self, rule_id: str, reason: str, text: str, start: int, end: int) -> None:
        _set = object.__setattr__
        _set(self, "rule_id", rule_id)
        _set(self, "reason", reason)
        _set(self, "text", text)
        _set(self, "start", start)
        _set(self, "end", end)

    def as_dict(self) -> dict:
        return {"rule_id": self.rule_id, "reason": self.reason, "text": self.text,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Block:
    """One line of the source (or one HTML block), with its span and features.

    ``text`` is the whitespace-normalised content of ``source[start:end]``.
    ``removed_by`` is the rule id that removed the whole block, if any, and
    ``kept`` says whether the block is still in the output (not removed and
    not emptied by cuts). HTML front doors fill ``tag``, ``link_density`` and
    ``hint`` (class/id words); the text path leaves them at their neutral
    defaults.
    """

    index: int
    start: int
    end: int
    text: str
    removed_by: str | None = None
    tag: str = ""
    link_density: float = 0.0
    hint: str = ""
    #: Derived from ``removed_by`` and ``text`` when the block is made; a
    #: plain slot because every stage asks it of every block.
    kept: bool = field(init=False, repr=False, compare=False)

    # A hand-written __init__ (dataclass keeps it): a page has hundreds of
    # blocks, and this is about half the cost of the generated frozen one.
    def __init__(self, index: int, start: int, end: int, text: str, removed_by: str | None = None,
                 tag: str = "", link_density: float = 0.0, hint: str = "") -> None:
        _set = object.__setattr__
        _set(self, "index", index)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "text", text)
        _set(self, "removed_by", removed_by)
        _set(self, "tag", tag)
        _set(self, "link_density", link_density)
        _set(self, "hint", hint)
        _set(self, "kept", removed_by is None and bool(text))

    def removed(self, rule_id: str) -> "Block":
        """This block marked removed by ``rule_id`` (``replace`` without its overhead)."""
        return Block(self.index, self.start, self.end, self.text, rule_id, self.tag,
                     self.link_density, self.hint)


@dataclass(frozen=True)
class Document:
    """Everything known about one page at one stage of the pipeline."""

    source: str
    blocks: tuple[Block, ...]
    content_type: str = "text"
    url: str | None = None
    removals: tuple[Removal, ...] = ()
    metadata: Mapping = field(default_factory=lambda: MappingProxyType({}))
    warnings: tuple[str, ...] = ()
    language: str | None = None
    #: Per-block labels computed by classification stages (``good``, ``bad``,
    #: ``short``, ``heading`` ...), parallel to ``blocks``.
    labels: tuple[str, ...] = ()
    #: Per-block :class:`~cleaner.textstats.Stats` (words, stopword density...).
    stats: tuple = ()
    #: The article body as ``(first, last)`` block-index segments, best first
    #: (set by :func:`~cleaner.stages.find_body`); empty until then.
    body: tuple = ()

    # -- helpers stages use -------------------------------------------------
    def replace(self, **changes) -> "Document":
        """A copy with ``changes``: ``dataclasses.replace`` without re-running
        ``__init__`` (every stage makes one or two copies of every page)."""
        unknown = changes.keys() - _DOCUMENT_FIELDS
        if unknown:
            raise TypeError(f"Document has no field(s) {', '.join(sorted(unknown))}")
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__, **changes)
        return new

    def kept_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kept]

    def with_meta(self, **values) -> "Document":
        """Return a copy whose metadata has ``values`` set (None values ignored)."""
        md = dict(self.metadata)
        for k, v in values.items():
            if v is not None:
                md[k] = v
        return self.replace(metadata=MappingProxyType(md))

    def warn(self, message: str) -> "Document":
        return self.replace(warnings=self.warnings + (message,))


_DOCUMENT_FIELDS = frozenset(f.name for f in fields(Document))


def segment(source: str, content_type: str = "text", url: str | None = None) -> Document:
    """Cut ``source`` into one block per line; blank lines become no block.

    A block's span is narrowed to the line's non-space content, so a removal
    of the whole block takes exactly what the reader saw.
    """
    # str.splitlines breaks on exactly the LINE_BREAK set, and line breaks
    # are whitespace, so split()/rstrip() also drop the line's terminator.
    blocks: list[Block] = []
    append = blocks.append
    pos = 0
    for line in source.splitlines(True):
        words = line.split()
        if words:
            append(Block(len(blocks), pos + len(line) - len(line.lstrip()),
                         pos + len(line.rstrip()), " ".join(words)))
        pos += len(line)
    return Document(source=source, blocks=tuple(blocks), content_type=content_type, url=url)


def render_blocks(blocks) -> str:
    """Kept blocks, paragraphs separated by one blank line."""
    return "\n\n".join(b.text for b in blocks if b.kept)


def render_text(text: str) -> str:
    """Normalise raw text the way the cleaner's output is normalised."""
    out = []
    for line in LINE_BREAK.split(text):
        t = normalize_space(line)
        if t:
            out.append(t)
    return "\n\n".join(out)


def replay(source: str, removals) -> str:
    """Rebuild the clean text from the source and its removals.

    Deletes every removal span (``start``/``end`` into ``source``, as dicts or
    :class:`Removal`) and normalises the rest: for a text input,
    ``replay(text, result.removed) == result.text``.

    >>> replay("Share on X\\nReal text here.", [Removal("s", "share", "Share on X", 0, 10)])
    'Real text here.'
    """
    spans = sorted(((r["start"], r["end"]) if isinstance(r, dict) else (r.start, r.end))
                   for r in removals)
    parts = []
    pos = 0
    for s, e in spans:
        if s > pos:
            parts.append(source[pos:s])
        pos = max(pos, e)
    parts.append(source[pos:])
    return render_text("".join(parts))


@dataclass(frozen=True)
class Result:
    """What :func:`cleaner.clean` returns.

    ``text``: the clean body, paragraphs separated by one blank line.
    ``metadata``: title, date, author, site_name, source, section, dateline,
    language, counts (``words_in`` ...). ``removed``: ordered removals, each with
    ``rule_id``, ``reason``, ``text``, ``start``, ``end`` (offsets into the
    input text; for HTML input, into the page's extracted text, ``source``).
    ``warnings``: over-removal and other notes.
    """

    text: str
    metadata: Mapping
    removed: tuple[Removal, ...]
    warnings: tuple[str, ...]
    source: str = ""
    content_type: str = "text"

    def as_dict(self, explain: bool = True) -> dict:
        d = {"text": self.text, "metadata": dict(self.metadata),
             "warnings": list(self.warnings)}
        if explain:
            d["removed"] = [r.as_dict() for r in self.removed]
        return d
