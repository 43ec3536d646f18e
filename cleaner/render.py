"""Output formats: plain text (default), Markdown and minimal HTML."""
from __future__ import annotations

import html as _html

from .document import Document, render_blocks

_HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def render(doc: Document, fmt: str = "text") -> str:
    """Kept blocks in ``fmt``: ``text`` (paragraphs separated by a blank line),
    ``markdown`` or ``html``. Block tags from the HTML front door (``h2``,
    ``li``, ``blockquote``, ``pre``, ``tr``) carry through to the structure."""
    if fmt == "text":
        return render_blocks(doc.blocks)
    kept = [b for b in doc.blocks if b.kept]
    if fmt == "markdown":
        out = []
        for b in kept:
            if b.tag in _HEADING_TAGS:
                out.append("#" * _HEADING_TAGS[b.tag] + " " + b.text)
            elif b.tag == "li":
                out.append("- " + b.text)
            elif b.tag == "blockquote":
                out.append("> " + b.text)
            elif b.tag == "pre":
                out.append("```\n" + b.text + "\n```")
            elif b.tag == "tr":
                out.append("| " + b.text + " |")
            else:
                out.append(b.text)
        return "\n\n".join(out)
    if fmt == "html":
        out = []
        for b in kept:
            tag = b.tag if b.tag in _HEADING_TAGS or b.tag in ("li", "blockquote", "pre") else "p"
            t = _html.escape(b.text)
            out.append(f"<ul><li>{t}</li></ul>" if tag == "li" else f"<{tag}>{t}</{tag}>")
        return "<article>\n" + "\n".join(out) + "\n</article>"
    raise ValueError(f"unknown output format {fmt!r}")
