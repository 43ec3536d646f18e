"""Output formats: plain text (default), Markdown and minimal HTML.

Block tags from the HTML front door (``h1``-``h6``, ``li``, ``blockquote``,
``pre``, ``tr``, ``p``) carry the structure: runs of list items become one
list, runs of table rows one table (cells were joined with `` | `` by the
front door), headings keep their level. Text input has no tags and renders
as paragraphs in every format.
"""
from __future__ import annotations

import html as _html
from itertools import groupby

from .document import Document, render_blocks

_HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def render(doc: Document, fmt: str = "text") -> str:
    """Kept blocks in ``fmt``: ``text`` (paragraphs separated by a blank line),
    ``markdown`` or ``html``.

    >>> from cleaner.document import Block
    >>> d = Document("T\\na\\nb", (Block(0, 0, 1, "T", tag="h2"), Block(1, 2, 3, "a", tag="li"),
    ...                              Block(2, 4, 5, "b", tag="li")))
    >>> print(render(d, "markdown"))
    ## T
    <BLANKLINE>
    - a
    - b
    """
    if fmt == "text":
        return render_blocks(doc.blocks)
    kept = [b for b in doc.blocks if b.kept]
    runs = [(kind, list(group)) for kind, group in groupby(kept, key=_run_kind)]
    if fmt == "markdown":
        return "\n\n".join(_markdown(kind, blocks) for kind, blocks in runs)
    if fmt == "html":
        body = "\n".join(_html_run(kind, blocks) for kind, blocks in runs)
        return "<article>\n" + body + ("\n" if body else "") + "</article>"
    raise ValueError(f"unknown output format {fmt!r}")


def _run_kind(b) -> str:
    """List items and table rows group with their neighbours; the rest stands alone."""
    if b.tag in ("li", "tr"):
        return b.tag
    return f"single-{b.index}"


def _markdown(kind: str, blocks) -> str:
    if kind == "li":
        return "\n".join("- " + b.text for b in blocks)
    if kind == "tr":
        rows = ["| " + b.text + " |" for b in blocks]
        ncols = blocks[0].text.count(" | ") + 1
        rows.insert(1, "|" + " --- |" * ncols)
        return "\n".join(rows)
    b = blocks[0]
    if b.tag in _HEADING_TAGS:
        return "#" * _HEADING_TAGS[b.tag] + " " + b.text
    if b.tag == "blockquote":
        return "> " + b.text
    if b.tag == "pre":
        return "```\n" + b.text + "\n```"
    return b.text


def _html_run(kind: str, blocks) -> str:
    esc = _html.escape
    if kind == "li":
        return "<ul>\n" + "\n".join(f"<li>{esc(b.text)}</li>" for b in blocks) + "\n</ul>"
    if kind == "tr":
        rows = []
        for b in blocks:
            cells = "".join(f"<td>{esc(c)}</td>" for c in b.text.split(" | "))
            rows.append(f"<tr>{cells}</tr>")
        return "<table>\n" + "\n".join(rows) + "\n</table>"
    b = blocks[0]
    tag = b.tag if b.tag in _HEADING_TAGS or b.tag in ("blockquote", "pre") else "p"
    return f"<{tag}>{esc(b.text)}</{tag}>"
