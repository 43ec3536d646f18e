"""The HTML front door: a page's HTML in, a :class:`~cleaner.document.Document` out.

Read top to bottom, :func:`html_to_document` is the algorithm::

    parse               selectolax's Lexbor parser (C): ~0.4 ms for a news page
    read_metadata       JSON-LD, OpenGraph, meta tags (cleaner.htmlmeta), before pruning
    drop_never_content  script, style, svg, iframes, hidden and aria-hidden nodes ...
    drop_by_selectors   YAML selector rules (rules/selectors/*.yaml): share bars, ads ...
    segment             one walk over the DOM: text blocks, each with its block-level
                        container ("frame"), tag, link density and class/id hint
    choose_main         Readability-style scoring: paragraphs vote for their ancestors,
                        the best container outside footer/nav/aside wins (a data table
                        gives way to the article around it), the article's other
                        same-class parts and its worthy siblings join it; a page with no
                        paragraph in what shows is read again with style-hidden parts
    prune_inside        link lists, navigation and negative-hinted boxes inside the winner
    build               the chosen blocks, one per line, become ``Document.source``

The document's ``source`` is the chosen content only (one block per line): the
shared text stages then run over the article, not over the whole page, so the
over-removal guard and the head/tail heuristics see what they see on text input.

Removals made here (selector rules, never-content is not recorded, and blocks
outside the main content) are recorded in ``Document.removals`` with their text
and ``start == end == -1``: their text is not part of ``source``, so
:func:`~cleaner.document.replay` ignores them and still rebuilds the output.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from types import MappingProxyType

from selectolax.lexbor import LexborHTMLParser

from .config import Config
from .document import Block, Document, Removal
from .textmeta import without_dates

# -- tags ---------------------------------------------------------------------

#: Never content: their subtree is dropped before anything else looks at it.
NEVER_CONTENT = ("script", "style", "noscript", "template", "svg", "iframe", "object",
                 "embed", "canvas", "select", "textarea", "button", "input", "option", "datalist",
                 "head", "title", "meta", "link", "map", "audio", "video", "source", "picture",
                 "dialog",
                 # MathML is content (a formula in a sentence); its TeX or
                 # Content-MathML copy for machines is not
                 "annotation", "annotation-xml")
_NEVER_CONTENT_LIST = [t for t in NEVER_CONTENT if t != "noscript"]
#: A ``<noscript>`` holding this share of the page's text (and at least
#: NOSCRIPT_MIN_CHARS) is the page itself, served to clients without
#: JavaScript (Discourse and Flarum forums put every post there); it is kept
#: and the other noscripts go. On the dev sets such noscripts hold 0.93-0.99
#: of the text; fallback images and "enable JavaScript" notes at most 0.1.
NOSCRIPT_MIN_SHARE = 0.4
NOSCRIPT_MIN_CHARS = 1000

BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dir", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "thead", "tfoot", "td", "th", "tr", "ul", "caption",
    "legend", "frameset", "noframes", "font-block",
))
#: Tags whose own text is one paragraph: a paragraph votes for the container
#: above it. Other containers holding text directly (a ``div`` or ``td`` of an
#: old layout) vote for themselves first.
PARAGRAPH_TAGS = frozenset(("p", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd",
                            "blockquote", "figcaption", "caption", "summary", "address", "th"))
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
#: Boxes that are furniture unless they are the whole main content.
FURNITURE_TAGS = frozenset(("nav", "footer", "aside", "menu"))

# Readability's tag priors (Readability.js ``_initializeNode``).
_TAG_PRIOR = {"div": 5, "article": 8, "main": 5, "section": 2, "pre": 3, "td": 3, "blockquote": 3,
              "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3,
              "form": -3, "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
              "nav": -25, "footer": -25, "aside": -25, "header": -5, "menu": -25}

# Class/id words (Readability.js REGEXPS.positive/negative, plus words seen on
# the dev pages' furniture: share, social, newsletter, cookie, breadcrumb),
# matched against lower-cased hints (see _hint): patterns stay lower case.
_NEGATIVE = re.compile(
    r"hidden|banner|combx|comment|com-|contact|foot|masthead|media|meta|outbrain|promo|related|"
    r"scroll|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|share|social|newsletter|"
    r"cookie|consent|breadcrumb|byline|author|nav|menu|subscribe|signup|popup|modal|disqus|"
    r"recommend|teaser|trending|most-?popular|advert|\bad-|\bads\b|pager|pagination|caption")
_POSITIVE = re.compile(r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|"
                       r"prose|richtext|rich-text")
_UNLIKELY = re.compile(r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|"
                       r"extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|"
                       r"sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|"
                       r"pager|popup|yom-remote|cookie|newsletter|share|dialog|\blog-?in|\bsign-?in")
#: ... unless the hint also reads as article; a live blog's or match
#: ticker's "comments" are its posts ("live-match-comment", "liveblog-comment").
_MAYBE = re.compile(r"and|article|body|column|content|main|shadow|post|entry|story|\blive[-_]?(?:blog|match|ticker|feed|post|comment)")

#: A paragraph shorter than this casts no vote (Readability.js: 25 chars).
MIN_VOTING_CHARS = 25
#: Ancestors a paragraph votes for, and how its vote thins out with distance
#: (Readability.js: parent full, grandparent half, then 1/(3*level)).
VOTE_LEVELS = 5
#: A sibling of the winner joins when it scores this share of the winner
#: (Readability.js: 0.2, minimum 10).
SIBLING_SHARE = 0.2
SIBLING_MIN_SCORE = 10.0
#: Inside the winner, a box (list, table, div) whose text is at least this
#: share link text and which holds little prose is a link list (menus, tag
#: clouds, "more stories"). Calibrated on the dev sets' HTML track.
BOX_MAX_LINK_DENSITY = 0.5
#: A block of the main content whose text is mostly link and which is short
#: is navigation ("Next article", "Back to top").
BLOCK_MAX_LINK_DENSITY = 0.66
BLOCK_SHORT_CHARS = 80
#: A "good" block for widening: prose-length and not a link (jusText's
#: length_high 200 on paragraphs; 80 catches short news paragraphs).
GOOD_CHARS = 80
GOOD_MAX_LINK_DENSITY = 0.3
#: The winner widens to its parent when the parent holds this much more good
#: prose and is not a link farm (content split over page-builder widgets).
WIDEN_MIN_GAIN = 1.3
WIDEN_MIN_EXTRA_CHARS = 500
WIDEN_MIN_PROSE_SHARE = 0.5
WIDEN_MAX_LINK_DENSITY = 0.35
#: ... but not when the winner scores this many times the best candidate
#: outside it (nor inside an ancestor): prose around a dominant winner is
#: sidebar boxes. Measured 1.5-5 on the dev sets; 2 raised every set (l3s
#: +0.003, dragnet +0.005, cleanportaleval +0.009).
WIDEN_DOMINANCE = 2.0
#: On a product page (schema.org Product, og:type product), a box outside the
#: winner scoring this share of it is another part of the product (key points
#: beside the summary): their nearest common box is the content. wcxb +0.0019
#: (4 product pages better, none worse; 0.5 made a dragnet page worse).
PRODUCT_PART_SHARE = 0.7
#: ... nor to the page's <main> when it has this many paragraphs of its own.
MAIN_KEEP_MIN_PARAS = 3
#: A box inside the winner holding more than this share of its prose is
#: never pruned as furniture.
PRUNE_MAX_GOOD_SHARE = 0.3
#: ... and for a furniture element (FURNITURE_TAGS). wcxb HTML +0.0013,
#: readability +0.0035 against 0.3 (a mega-menu inside the whole body
#: chosen). Most of the gain is <aside>s: applied to <nav> and <menu> only,
#: wcxb -0.001, readability -0.0035, dragnet -0.0005 against all four.
PRUNE_MAX_FURNITURE_GOOD_SHARE = 0.9
#: A winner holding less than this share of the text of the ``<main>`` it
#: sits in gives way to ``<main>`` (one product box or service section of a
#: page that is many), unless ``<main>`` is mostly links. wcxb: +0.004 F1
#: (service and product pages), other dev sets within 0.001.
MAIN_MIN_SHARE = 0.5
MAIN_MAX_LINK_DENSITY = 0.5
#: A winner holding less than this share of the body's text and less than
#: PAGE_MIN_GOOD chars of prose is not the page's content: the page is a
#: listing, a shop or a collection, and the whole body is taken, pruned of
#: furniture boxes only when they are nearly all links
#: (LISTING_BOX_MAX_LINK_DENSITY), with no per-block link test (items are
#: linked titles). Calibrated on the full dev sets: wcxb 0.794 -> 0.807
#: (listing 0.36 -> 0.47, product 0.43 -> 0.51), dragnet +0.004, cleaneval
#: +0.003, l3s_gn1 -0.0005; 0.15/500 beat 0.3/500 and 0.15/1500.
PAGE_MIN_SHARE = 0.15
PAGE_MIN_GOOD = 500
LISTING_BOX_MAX_LINK_DENSITY = 0.9
#: Deeper DOMs than this are read as flat text below that depth (a bound on
#: work and recursion for pathological pages).
MAX_DEPTH = 300


def _tag_ids() -> tuple[dict, int, int]:
    """Map Lexbor's integer tag ids to names once: ``tag_id`` is 6x cheaper than ``tag``."""
    names = sorted(BLOCK_TAGS | {"a", "br", "img", "span", "b", "i", "em", "strong"})
    doc = LexborHTMLParser("<html><body>x</body></html>")
    ids = {doc.create_node(n).tag_id: n for n in names}
    text = next(n for n in doc.body.iter(include_text=True))
    ids[text.tag_id] = "-text"
    return ids, text.tag_id, next(k for k, v in ids.items() if v == "a")


_TAG_NAMES, _TEXT_ID, _A_ID = _tag_ids()
_BLOCK_IDS = frozenset(k for k, v in _TAG_NAMES.items() if v in BLOCK_TAGS)
_BR_ID = next(k for k, v in _TAG_NAMES.items() if v == "br")
_TR_ID = next(k for k, v in _TAG_NAMES.items() if v == "tr")
_COMMENT_ID = next(n for n in LexborHTMLParser("<p><!--c--></p>").css_first("p").iter(include_text=True)).tag_id
_NESTED_BLOCKS_IN_ROW = "table, div, p, ul, ol, h1, h2, h3, h4, h5, h6, blockquote, pre"


# -- the walk -----------------------------------------------------------------

@dataclass(slots=True)
class _Frame:
    """One block-level element met on the walk."""

    parent: int
    tag: str
    hint: str
    depth: int
    chars: int = 0
    link_chars: int = 0
    good: int = 0
    score: float = 0.0
    scored: bool = False
    n_paras: int = 0


@dataclass(slots=True)
class _Raw:
    """One text block: the text between two block boundaries."""

    frame: int
    text: str
    link_chars: int
    tag: str


class _Walker:
    """Cut the DOM into text blocks in one pass, in Python but close to the C calls.

    The same pass drops hidden elements and applies the selector rules, so
    each element's attributes are read once.
    """

    def __init__(self, matcher, page_chars, show_styled: bool = False):
        self.show_styled = show_styled
        self.frames: list[_Frame] = []
        self.blocks: list[_Raw] = []
        self.buf: list[str] = []
        self.link = 0
        self.match = matcher.match if matcher else None
        self.page_chars = page_chars
        self.removals: list[Removal] = []

    def flush(self, frame: int) -> None:
        if not self.buf:
            return
        text = " ".join("".join(self.buf).split())
        if text:
            f = self.frames[frame]
            self.blocks.append(_Raw(frame, text, min(self.link, len(text)), f.tag))
        self.buf = []
        self.link = 0

    def walk(self, node, frame: int, in_link: bool, depth: int) -> None:
        match = self.match
        buf = self.buf
        for child in node.iter(include_text=True):
            tid = child.tag_id
            if tid == _TEXT_ID:
                t = child.text_content
                # white space before a block's first word is never kept: a
                # buffer holding only that would be flushed for nothing
                if t and (buf or not t.isspace()):
                    buf.append(t)
                    if in_link:
                        self.link += len(t.strip())
                continue
            if tid == _COMMENT_ID:
                continue
            attrs = child.attributes
            if attrs:
                if not _HIDING_ATTRS.isdisjoint(attrs) and _hidden(attrs, self.show_styled):
                    continue
                if match is not None:
                    rule = match(_TAG_BY_ID.get(tid) or _tag_name(child), attrs)
                    if rule is not None:
                        removal = _removal_for(rule, child, self.page_chars)
                        if removal is not None:
                            if removal.text:
                                self.removals.append(removal)
                            continue
            if tid in _BLOCK_IDS:
                if buf:
                    self.flush(frame)
                    buf = self.buf
                tag = _TAG_NAMES[tid]
                if attrs and attrs.get("role") == "main":
                    tag = "main"  # <div role="main"> is the page's <main>
                idx = len(self.frames)
                self.frames.append(_Frame(frame, tag, _hint(attrs) if attrs else "", depth + 1))
                if tid == _TR_ID and not child.css_first(_NESTED_BLOCKS_IN_ROW):
                    cells = [" ".join(c.text(deep=True).split()) for c in child.iter()]
                    cells = [c for c in cells if c]
                    if cells:
                        links = sum(len(a.text(deep=True).strip()) for a in child.css("a"))
                        text = " | ".join(cells)
                        self.blocks.append(_Raw(idx, text, min(links, len(text)), "tr"))
                    continue
                if depth >= MAX_DEPTH:
                    buf.append(child.text(deep=True))
                else:
                    self.walk(child, idx, in_link, depth + 1)
                if self.buf:
                    self.flush(idx)
                buf = self.buf
            elif tid == _BR_ID:
                if buf:
                    self.flush(frame)
                    buf = self.buf
            elif depth >= MAX_DEPTH:
                buf.append(child.text(deep=True))
            else:
                self.walk(child, frame, in_link or tid == _A_ID, depth + 1)
                buf = self.buf


#: Lexbor's own tags have small fixed ids; a custom element's id is an
#: address, valid for its document only, so its name is never cached. (One
#: id may name an SVG tag in another case, "linearGradient": SVG is stripped
#: before the walk.)
_STATIC_TAG_IDS = 1 << 16
_TAG_BY_ID: dict[int, str] = {}


def _tag_name(node) -> str:
    tag = node.tag
    if node.tag_id < _STATIC_TAG_IDS:
        _TAG_BY_ID[node.tag_id] = tag
    return tag


def _removal_for(rule, node, page_chars):
    from .selectors import removal_for
    return removal_for(rule, node, page_chars)


#: React's streamed segments arrive as ``<div hidden id="S:3">`` that a script
#: moves into place: hidden in the HTML, shown on the page.
_STREAMED_SEGMENT = re.compile(r"S:\d+$")


#: The attributes :func:`_hidden` reads: an element with none of them shows.
_HIDING_ATTRS = frozenset({"hidden", "aria-hidden", "type", "style"})


def _hidden(attrs: dict, show_styled: bool = False) -> bool:
    """Hidden to readers: ``hidden``, ``aria-hidden="true"``, ``display: none``
    (unless ``show_styled``: a style a script will change), but never a tab
    panel (wcxb +0.0015: code samples in other languages, product specs) ..."""
    if "tabpanel" in (attrs.get("role") or "").split():
        return False  # a tab's panel: the reader opens it with a click (code samples, specs)
    if "hidden" in attrs and not _STREAMED_SEGMENT.match(attrs.get("id") or ""):
        return True
    if attrs.get("aria-hidden") == "true" or attrs.get("type") == "hidden":
        return True
    style = attrs.get("style")
    if style and not show_styled and ("none" in style or "hidden" in style):
        st = style.replace(" ", "").lower()
        return "display:none" in st or "visibility:hidden" in st
    return False


def _hint(attrs: dict) -> str:
    """The element's id and class, lower-cased: the hint patterns below are
    matched case-sensitively (Python's re.I search costs 3-4x as much)."""
    nid = attrs.get("id")
    cls = attrs.get("class")
    if nid and cls:
        return (nid + " " + cls).lower()
    return (nid or cls or "").lower()


# -- choosing the main content ------------------------------------------------

@functools.lru_cache(maxsize=4096)
def _class_weight(hint: str) -> int:
    """Readability's class weight: -25 for furniture words, +25 for article words."""
    if not hint:
        return 0
    w = 0
    if _NEGATIVE.search(hint):
        w -= 25
    if _POSITIVE.search(hint):
        w += 25
    return w


@functools.lru_cache(maxsize=4096)
def _unlikely_hint(h: str) -> bool:
    return bool(h) and bool(_UNLIKELY.search(h)) and not _MAYBE.search(h)


def _unlikely(frame: _Frame) -> bool:
    return _unlikely_hint(frame.hint)


def _choose_main(frames: list[_Frame], blocks: list[_Raw], product: bool = False) -> set[int]:
    """Indices of the frames that make up the main content."""
    # Totals per frame (text and link chars of every block below it): each
    # block counts in its own frame, then frames pass their totals up, last
    # first (a frame's parent always comes before it).
    for b in blocks:
        n, ln = len(b.text), b.link_chars
        fr = frames[b.frame]
        fr.chars += n
        fr.link_chars += ln
        if n >= GOOD_CHARS and ln < GOOD_MAX_LINK_DENSITY * n:
            fr.good += n
    for fr in reversed(frames):
        if fr.parent >= 0:
            up = frames[fr.parent]
            up.chars += fr.chars
            up.link_chars += fr.link_chars
            up.good += fr.good
    candidates: list[int] = []
    for b in blocks:
        n = len(b.text)
        if n < MIN_VOTING_CHARS or b.tag in HEADING_TAGS:
            continue
        if b.link_chars > 0.5 * n:
            continue
        vote = 1 + b.text.count(",") + b.text.count("，") + min(n / 100, 3)
        f = b.frame
        if frames[f].tag in PARAGRAPH_TAGS or b.tag == "tr":
            f = frames[f].parent
        level = 0
        while f >= 0 and level < VOTE_LEVELS:
            fr = frames[f]
            if fr.tag == "html":
                break
            if not fr.scored:
                fr.scored = True
                fr.score = _TAG_PRIOR.get(fr.tag, 0) + _class_weight(fr.hint)
                if _unlikely(fr):
                    fr.score -= 25
                candidates.append(f)
            fr.score += vote / (1 if level == 0 else 2 if level == 1 else level * 3)
            if level == 0:
                fr.n_paras += 1
            f = fr.parent
            level += 1
    if not candidates:
        return set()

    def final(i: int) -> float:
        fr = frames[i]
        ld = fr.link_chars / fr.chars if fr.chars else 0.0
        return fr.score * (1 - ld)

    ranked = sorted(candidates, key=final, reverse=True)
    # A page footer, sidebar or menu with prose in it (a site blurb, a
    # disclaimer) is never the article while something outside them is.
    top = next((i for i in ranked if not _in_furniture(frames, i)), ranked[0])
    top_score = final(top)
    # Readability.js: a parent holding several near-best candidates is the article.
    alts = [i for i in ranked[1:5] if final(i) >= 0.75 * top_score]
    if len(alts) >= 3:
        p = frames[top].parent
        while p >= 0 and frames[p].tag not in ("body", "html"):
            if sum(1 for a in alts if _is_ancestor(frames, p, a)) >= 3:
                top = p
                break
            p = frames[p].parent
    # Climb while the parent scores better (it gathered more of the article).
    last = final(top)
    p = frames[top].parent
    threshold = last / 3
    while p >= 0 and frames[p].tag not in ("body", "html"):
        if not frames[p].scored:
            p = frames[p].parent
            continue
        ps = final(p)
        if ps < threshold:
            break
        if ps > last:
            top = p
            break
        last = ps
        p = frames[p].parent
    # Content split over sibling boxes (page builders, old table layouts):
    # widen to the nearest ancestor holding much more prose, while the
    # ancestors on the way stay prose rather than link lists.
    cur = top
    p = frames[top].parent
    # ... unless the winner dominates every candidate outside it: the prose
    # around it is then sidebar boxes, not more of the article.
    outside = next((final(i) for i in ranked if not _is_ancestor(frames, top, i)
                    and not _is_ancestor(frames, i, top)), 0.0)
    dominant = final(top) >= WIDEN_DOMINANCE * outside
    if product and not dominant:
        # A product page's description, key points and specifications sit in
        # sibling boxes: their nearest common box is the content.
        o = next((i for i in ranked if not _is_ancestor(frames, top, i) and not _is_ancestor(frames, i, top)
                  and not _in_furniture(frames, i)), -1)
        if o >= 0 and final(o) >= PRODUCT_PART_SHARE * final(top):
            a = _common_ancestor(frames, top, o)
            fa = frames[a] if a > 0 else None
            if (fa is not None and fa.tag not in ("body", "html")
                    and not (fa.chars and fa.link_chars / fa.chars > WIDEN_MAX_LINK_DENSITY)):
                top = cur = a
                p = fa.parent
    if dominant:
        p = -1
    while p >= 0 and frames[p].tag != "html":
        fr = frames[p]
        if fr.tag in FURNITURE_TAGS or (fr.chars and fr.link_chars / fr.chars > WIDEN_MAX_LINK_DENSITY):
            break
        base = frames[cur].good
        if (fr.good >= WIDEN_MIN_GAIN * base and fr.good - base >= WIDEN_MIN_EXTRA_CHARS
                and fr.good >= WIDEN_MIN_PROSE_SHARE * fr.chars):
            cur = p
        p = fr.parent
    top = _out_of_table(frames, cur)
    # A dominant winner that reads as the article (paragraphs, an article
    # class) keeps to itself inside <main>: the rest of <main> is a stream
    # of teasers, not a product page's scattered parts.
    if not (dominant and frames[top].n_paras >= MAIN_KEEP_MIN_PARAS and _class_weight(frames[top].hint) > 0):
        top = _widen_to_main(frames, top)
    if frames[top].chars < PAGE_MIN_SHARE * frames[0].chars and frames[top].good < PAGE_MIN_GOOD:
        return {0}  # not one article: the whole body, pruned gently (_select_blocks)
    chosen = {top} | _split_parts(frames, top)
    parent = frames[top].parent
    if parent >= 0 and frames[parent].tag != "html":
        top_final = final(top)
        threshold = max(SIBLING_MIN_SCORE, top_final * SIBLING_SHARE)
        top_hint = frames[top].hint
        for i, fr in enumerate(frames):
            if fr.parent != parent or i == top or fr.tag in FURNITURE_TAGS:
                continue
            bonus = top_final * 0.2 if top_hint and fr.hint == top_hint else 0.0
            if fr.scored and final(i) + bonus >= threshold:
                chosen.add(i)
            elif fr.tag in PARAGRAPH_TAGS and fr.tag not in HEADING_TAGS and fr.chars:
                ld = fr.link_chars / fr.chars
                if (fr.chars > 80 and ld < 0.25) or (0 < fr.chars <= 80 and ld == 0):
                    chosen.add(i)
    return chosen


_TABLE_PARTS = frozenset(("table", "tbody", "thead", "tfoot", "tr", "caption"))
#: Ancestors looked at above a winning data table for the article around it.
TABLE_CLIMB = 4


def _common_ancestor(frames, a: int, b: int) -> int:
    seen = set()
    while a >= 0:
        seen.add(a)
        a = frames[a].parent
    while b >= 0 and b not in seen:
        b = frames[b].parent
    return b


def _out_of_table(frames, top: int) -> int:
    """A data table won on its rows' votes (every row casts one), but a table
    is part of an article: the nearest ancestor holding WIDEN_MIN_EXTRA_CHARS
    of prose besides the table, and not a link list, is the article."""
    if frames[top].tag not in _TABLE_PARTS:
        return top
    table = top
    while frames[table].parent >= 0 and frames[frames[table].parent].tag in _TABLE_PARTS:
        table = frames[table].parent
    p = frames[table].parent
    for _ in range(TABLE_CLIMB):
        if p < 0 or frames[p].tag in ("body", "html") or frames[p].tag in FURNITURE_TAGS:
            break
        fr = frames[p]
        if fr.link_chars > WIDEN_MAX_LINK_DENSITY * fr.chars:
            break
        if fr.good - frames[table].good >= WIDEN_MIN_EXTRA_CHARS:
            return p
        p = fr.parent
    return top


#: Overlays that never hold the article: a login or sign-up dialog, a modal,
#: a cookie or consent layer (a box whose hint says so, and not "article").
_OVERLAY = re.compile(r"dialog|modal|\blog-?in|\bsign-?in|\bsign-?up|popup|pop-up|overlay|cookie|consent")
#: ... nor is a paper's reference list, whose every entry votes with its
#: commas ("article__references" included).
_BACK_MATTER = re.compile(r"references|bibliograph|citation-?list")
#: ... nor a box whose class names it a sidebar or the page footer, as <aside>
#: and <footer> do ("sidebar2", "secondary-sidebar", "footer-widgets"): one
#: class word that is only that; layout classes that merely mention a sidebar
#: ("st-sidebar__container", "has-sidebar", "sidebar-right": where it sits) do not.
_SIDE_BOX = re.compile(r"(?:site-|page-|primary-|secondary-)?(?:sidebar|side-bar|footer)\d*"
                       r"(?:[-_](?:primary|secondary|widgets?|area|inner|links|\d+))?")


def _in_furniture(frames, i: int) -> bool:
    while i >= 0:
        fr = frames[i]
        if fr.tag in FURNITURE_TAGS or (fr.hint and ((_OVERLAY.search(fr.hint) and not _MAYBE.search(fr.hint))
                                                     or _BACK_MATTER.search(fr.hint) or _side_box(fr))):
            return True
        i = fr.parent
    return False


def _side_box(fr) -> bool:
    return (fr.tag not in ("body", "html", "main", "article")
            and any(_SIDE_BOX.fullmatch(w) for w in fr.hint.split()))


def _split_parts(frames, top: int) -> set[int]:
    """The article's other parts, when it is split over repeated wrappers
    ("story-body-supplemental" boxes between ad slots): siblings of the
    winner, or of its parent, with the same tag and class words that are
    prose, not link lists."""
    parts = set()
    anc = top
    for _ in range(2):
        fr = frames[anc]
        p = fr.parent
        if p < 0 or frames[p].tag in ("body", "html") or not fr.hint:
            break
        depth = frames[p].depth
        for i in range(p + 1, len(frames)):  # the parent's subtree, in document order
            sib = frames[i]
            if sib.depth <= depth:
                break
            if (sib.parent == p and i != anc and sib.tag == fr.tag and sib.hint == fr.hint
                    and sib.good and sib.good >= WIDEN_MIN_PROSE_SHARE * sib.chars
                    and sib.link_chars <= WIDEN_MAX_LINK_DENSITY * sib.chars):
                parts.add(i)
        anc = p
    return parts


def _widen_to_main(frames, top: int) -> int:
    """The page's ``<main>`` replaces a winner it contains when the winner holds
    little of its text (see MAIN_MIN_SHARE): a product page, a service page."""
    p = frames[top].parent
    while p >= 0:
        fr = frames[p]
        if fr.tag == "main":
            if (frames[top].chars < MAIN_MIN_SHARE * fr.chars
                    and fr.link_chars < MAIN_MAX_LINK_DENSITY * fr.chars):
                return p
            return top
        p = fr.parent
    return top


def _is_ancestor(frames, anc: int, i: int) -> bool:
    while i >= 0:
        if i == anc:
            return True
        i = frames[i].parent
    return False


#: Where a line that is all link is the article's own, between its paragraphs:
#: a list item (a table of contents, references, further reading), a heading
#: with its permalink, a table cell. A bare link paragraph there is more often
#: a "Related" teaser (measured: trafilatura-set snippets -0.0016 with <p>).
#: A linked teaser headline between paragraphs now stays too; leaving the
#: headings out lost more (wcxb -0.003, readability -0.0017, l3s -0.0007).
_LISTED_TAGS = frozenset(("li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th"))


#: A list or table of links between the article's paragraphs is the
#: article's own when its items say more than their links: at least this
#: share of its items carry ANNOTATED_MIN_CHARS of their own text.
ANNOTATED_MIN_SHARE = 0.67
ANNOTATED_MIN_CHARS = 12
_ANNOTATED_TAGS = frozenset(("ul", "ol", "table", "dl"))


def _prose_bounds(blocks: list[_Raw], inside) -> tuple[int, int]:
    """The first and last block that reads as a paragraph (GOOD_CHARS+, few
    links) among those ``inside`` says are in the content."""
    prose = [i for i, b in enumerate(blocks) if inside[i] and len(b.text) >= GOOD_CHARS
             and b.link_chars < GOOD_MAX_LINK_DENSITY * len(b.text)]
    return (prose[0], prose[-1]) if prose else (len(blocks), -1)


class _AnnotatedLists:
    """Which boxes inside the main content are annotated link lists between
    its paragraphs (a link round-up's items with a comment after each link,
    a table of results): asked only of a box about to be pruned."""

    def __init__(self, frames, blocks, chosen):
        self.frames, self.blocks, self.chosen = frames, blocks, chosen
        self.bounds = self.span = None  # computed on the first box that needs them (few pages)

    def _bounds(self) -> tuple[int, int]:
        under = [False] * len(self.frames)
        for i, fr in enumerate(self.frames):
            under[i] = i in self.chosen or (fr.parent >= 0 and under[fr.parent])
        return _prose_bounds(self.blocks, [under[b.frame] for b in self.blocks])

    def _spans(self) -> list:
        """Each frame's first and last block: a frame's blocks are one
        stretch of the page, its own and its descendants' (frames come in
        document order, so a child's index is above its parent's)."""
        span = [None] * len(self.frames)
        for k, b in enumerate(self.blocks):
            f = b.frame
            span[f] = (k, k) if span[f] is None else (span[f][0], k)
        for j in range(len(self.frames) - 1, 0, -1):
            p, sj = self.frames[j].parent, span[j]
            if p >= 0 and sj is not None:
                sp = span[p]
                span[p] = sj if sp is None else (min(sp[0], sj[0]), max(sp[1], sj[1]))
        return span

    def __call__(self, i: int) -> bool:
        fr = self.frames[i]
        if fr.tag not in _ANNOTATED_TAGS or _unlikely(fr) or _class_weight(fr.hint) < 0:
            return False
        if self.bounds is None:
            self.bounds, self.span = self._bounds(), self._spans()
        lo, hi = self.bounds
        if hi - lo < 2 or self.span[i] is None:
            return False
        first, last = self.span[i]
        if last - first < 1 or not (lo < first and last < hi):
            return False
        said = sum(1 for k in range(first, last + 1) if _own_chars(self.blocks[k]) >= ANNOTATED_MIN_CHARS)
        return said >= ANNOTATED_MIN_SHARE * (last - first + 1)


#: What an item carries besides its link that says nothing of its own: a
#: bracketed aside ("(TV)", "(1990)", "[PDF]"), a time or an age ("at 3:45
#: pm", "3 hours ago"), a count ("12 comments"), a byline label ("By Jane
#: Smith"; a book's "<title> by Jules Verne" or "BY JULES VERNE" names its
#: author and stays, and so does a teaser's "by Jane Smith" alike),
#: a "Published:" label, a numeric date ("01/15/2008"); dates in words go by
#: textmeta.without_dates. (A source's name, "- Reuters", still counts.)
_NOT_OWN = re.compile(
    r"\([^()]{0,40}\)|\[[^\[\]]{0,40}\]|\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"
    r"|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\b\d[\d,.]*k?\s+(?:comments?|replies|repl(?:y|ies)|views|likes|shares|votes|reviews|ratings)\b"
    r"|(?-i:\bBy\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})|\b(?:published|updated|posted)\b:?", re.I)


def _own_chars(b: _Raw) -> int:
    """About how much of a block is its own words: not its link, a date, a
    time, a count, a byline or a bracketed aside ("January 15, 2008
    <headline>", "<title> (TV) (1990)", "<headline> 12 comments" say nothing
    of their own; "<title> – It's sad that ..." does)."""
    return len(without_dates(_NOT_OWN.sub("", b.text))) - b.link_chars


def _select_blocks(frames: list[_Frame], blocks: list[_Raw], chosen: set[int]) -> list[bool]:
    """Which blocks are inside the chosen frames and survive pruning."""
    n = len(frames)
    # A box holding a good share of the chosen prose is the article's own
    # wrapper, whatever its class says ("story-nav-wrapper" around the body).
    chosen_good = sum(frames[i].good for i in chosen)
    keep_good = PRUNE_MAX_GOOD_SHARE * chosen_good
    # ... but a <nav>, <footer>, <aside> or <menu> is that wrapper only when
    # it holds nearly all of it (a mega-menu's blurbs are much prose)
    keep_furniture = PRUNE_MAX_FURNITURE_GOOD_SHARE * chosen_good
    # state[i]: 1 = inside chosen content, 0 = outside; -1 = pruned box inside.
    state = [0] * n
    listing = 0 in chosen  # the whole body: its items are links, keep them
    box_ld = LISTING_BOX_MAX_LINK_DENSITY if listing else BOX_MAX_LINK_DENSITY
    blk_ld = 1.01 if listing else BLOCK_MAX_LINK_DENSITY
    annotated = _AnnotatedLists(frames, blocks, chosen)
    for i, fr in enumerate(frames):
        if i in chosen:
            state[i] = 1
            continue
        p = fr.parent
        ps = state[p] if p >= 0 else 0
        if ps != 1:
            state[i] = ps
            continue
        wrapper = fr.good > (keep_furniture if fr.tag in FURNITURE_TAGS else keep_good)
        state[i] = -1 if not wrapper and _prune_box(fr, box_ld) and not annotated(i) else 1
    inside = [state[b.frame] == 1 for b in blocks]
    # A short block that is mostly link is navigation ("Next article", a
    # "Related" teaser), except a list item, heading or table cell between
    # the article's first and last paragraphs: that is the article's own
    # list (a table of contents, references), and the text stages judge it
    # with the rest.
    lo, hi = _prose_bounds(blocks, inside)
    keep = []
    for i, b in enumerate(blocks):
        ok = inside[i]
        if ok and not (lo < i < hi and b.tag in _LISTED_TAGS):
            n_chars = len(b.text)
            if b.link_chars > blk_ld * n_chars and n_chars < BLOCK_SHORT_CHARS * 4:
                ok = False
        keep.append(ok)
    return keep


#: The lead (standfirst) often sits in its own box between the headline and
#: the article body, outside the box chosen as main content: up to this many
#: blocks above the first kept one, below the nearest heading, that read as
#: prose (LEAD_MIN_CHARS+, a sentence end, few links), are kept too.
LEAD_MAX_BLOCKS = 6
LEAD_MIN_CHARS = 100
LEAD_MAX_LINK_DENSITY = 0.2
#: Without a headline in reach, only a link-free paragraph this long counts.
LEAD_STRONG_CHARS = 150
_SENTENCE_END = tuple('.!?…"”»')


def _take_lead(frames: list[_Frame], blocks: list[_Raw], keep: list[bool]) -> None:
    first = next((i for i, ok in enumerate(keep) if ok), None)
    if not first:
        return
    leads: list[int] = []
    headline = False
    for j in range(first - 1, max(-1, first - 1 - LEAD_MAX_BLOCKS), -1):
        b = blocks[j]
        if b.tag in HEADING_TAGS:  # the headline: the prose between it and the body is the lead
            headline = True
            break
        n = len(b.text)
        fr = frames[b.frame]
        if n < LEAD_MIN_CHARS:
            continue  # a date, a credit, a subheading: look past it
        if (b.link_chars <= LEAD_MAX_LINK_DENSITY * n and b.text.endswith(_SENTENCE_END)
                and fr.tag not in FURNITURE_TAGS and not _unlikely(fr)):
            leads.append(j)
            continue
        break  # a long block that is not prose: the article does not reach past it
    if not headline:  # no headline above: only a lead that cannot be anything else
        leads = [j for j in leads if len(blocks[j].text) >= LEAD_STRONG_CHARS and not blocks[j].link_chars]
    for j in leads:
        keep[j] = True


def _prune_box(fr: _Frame, box_ld: float = BOX_MAX_LINK_DENSITY) -> bool:
    """A box inside the main content that is furniture, not article."""
    if fr.tag in FURNITURE_TAGS:
        return True
    if fr.chars and fr.tag in ("ul", "ol", "div", "table", "section", "dl", "header", "menu"):
        ld = fr.link_chars / fr.chars
        if ld > box_ld:
            return True
        if _class_weight(fr.hint) < 0 and ld > 0.2 and fr.n_paras < 3:
            return True
    if _unlikely(fr) and fr.n_paras < 3:
        return True
    return False


_NEVER_CONTENT_QUERY = ", ".join(_NEVER_CONTENT_LIST)


def _strip_never_content(tree) -> None:
    """Delete every element that is never content, with what it holds: one
    CSS pass (``strip_tags`` runs one query per tag name), inner ones first,
    so nothing is freed twice."""
    for node in reversed(tree.css(_NEVER_CONTENT_QUERY)):
        node.decompose()


def _drop_noscripts(body) -> None:
    """Drop every ``<noscript>`` unless one of them holds the page (see NOSCRIPT_MIN_SHARE)."""
    found = body.css("noscript")
    if not found:
        return
    keep = None
    sizes = [len(n.text(deep=True)) for n in found]
    big = max(sizes)
    if big >= NOSCRIPT_MIN_CHARS and big >= NOSCRIPT_MIN_SHARE * len(body.text(deep=True)):
        keep = sizes.index(big)
    for i in range(len(found) - 1, -1, -1):  # inner ones first: nothing is freed twice
        if i != keep:
            found[i].decompose()


# -- the front door -------------------------------------------------------------

#: A <title> whose text runs longer than this and holds markup was never
#: closed: the parser (as a browser would) took the rest of the page for it.
_RUNAWAY_TITLE_CHARS = 1000
_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.I)


def _parse(html: str) -> LexborHTMLParser:
    """Parse ``html``; a page whose unclosed ``<title>`` swallowed the document
    (truncated or garbled crawls) is parsed again with the title closed at
    its first line break."""
    tree = LexborHTMLParser(html)
    title = tree.css_first("title")
    if title is not None:
        text = title.text(deep=True)
        if len(text) > _RUNAWAY_TITLE_CHARS and "<" in text:
            m = _TITLE_OPEN.search(html)
            if m:
                end = html.find("\n", m.end())
                if end > 0:
                    tree = LexborHTMLParser(html[:end] + "</title>" + html[end:])
    return tree


def _walk(body, matcher, page_chars, show_styled: bool = False) -> _Walker:
    walker = _Walker(matcher, page_chars, show_styled)
    battrs = body.attributes if body.tag == "body" else {}
    walker.frames.append(_Frame(-1, "body", _hint(battrs) if battrs else "", 0))
    walker.walk(body, 0, False, 0)
    walker.flush(0)
    return walker


#: A line of text input this long and holding this many HTML tags is markup
#: the text extractor let through (a page whose unclosed <title> swallowed
#: the rest: 9 of 621 L3S pages come out of html-text as one line of raw
#: source, 14-58 kB). A code sample in a tutorial is shorter, and stays.
MARKUP_LINE_MIN_TAGS = 8
MARKUP_LINE_MIN_CHARS = 1000
_MARKUP_TAG = re.compile(
    r"</?(?:script|style|div|span|p|a|table|tr|td|th|li|ul|ol|link|meta|img|br|iframe|form|input|noscript"
    r"|body|head|html|h[1-6]|b|i|em|strong|font|center)\b[^<>]{0,300}>", re.I)


def unmark_lines(text: str) -> tuple[str, int]:
    """Text input whose lines carry raw HTML: those lines read as HTML.

    Returns the text with each markup line replaced by its visible text, one
    block per line, and how many lines were replaced (0: ``text`` itself).

    >>> page = "Title<script>x()</script><div><p>One.</p><p>Two.</p></div><ul><li>a</li><li>b</li></ul>"
    >>> unmark_lines(page + "<!-- " + "x" * 1000 + " -->")
    ('Title\\nOne.\\nTwo.\\na\\nb', 1)
    >>> unmark_lines(page)[1]  # a short line of markup is a code sample
    0
    """
    if "<" not in text:
        return text, 0
    lines = text.splitlines(True)
    n = 0
    for i, line in enumerate(lines):
        if (len(line) >= MARKUP_LINE_MIN_CHARS and line.count("<") >= MARKUP_LINE_MIN_TAGS
                and len(_MARKUP_TAG.findall(line)) >= MARKUP_LINE_MIN_TAGS):
            lines[i] = visible_text(line) + line[len(line.rstrip("\r\n")):]
            n += 1
    return ("".join(lines), n) if n else (text, 0)


def visible_text(html: str) -> str:
    """The page's visible text, one block per line, nothing chosen or removed
    (what a text extractor gives): the text front door's input when the DOM
    yields no main content, and what a line of raw source in text becomes.

    >>> visible_text("<html><head><title>T</title></head><body><p>One.</p><div hidden>x</div><p>Two</p></body></html>")
    'One.\\nTwo'
    """
    tree = _parse(html)
    _strip_never_content(tree)
    body = tree.body or tree.root
    if body is None:
        return ""
    _drop_noscripts(body)
    return "\n".join(b.text for b in _walk(body, None, 0).blocks)


def html_to_document(html: str, *, url: str | None = None, config: Config | None = None) -> Document:
    """Parse ``html``, choose its main content and return it as a Document.

    ``url`` scopes per-site selector rules (else the page's canonical URL is
    used). The metadata (title, author, dates ...) comes from the page's
    JSON-LD, OpenGraph and meta tags (see :mod:`cleaner.htmlmeta`).

    >>> doc = html_to_document("<html><body><nav><a href=/>Home</a></nav><article>"
    ...     "<p>The council approved the new budget on Monday, after a long debate.</p>"
    ...     "</article></body></html>")
    >>> doc.source
    'The council approved the new budget on Monday, after a long debate.'
    """
    from . import htmlmeta
    from .selectors import load_selectors, removal_for

    config = config or Config()
    tree = _parse(html)
    meta = htmlmeta.extract_metadata(tree, url)
    product = meta.pop("_product", False)
    page_url = url or meta.get("url")
    removals: list[Removal] = []

    _strip_never_content(tree)
    body = tree.body or tree.root
    if body is not None:
        _drop_noscripts(body)
    frames: list[_Frame] = []
    blocks: list[_Raw] = []
    if body is not None:
        matcher = load_selectors(config).matcher(page_url)
        # The page's text length, for the guard against a selector rule taking
        # most of the page: read only when a removal is big enough to ask
        # (67 of the bench's 280 pages), and before anything is deleted.
        page_chars = functools.cache(lambda: len(body.text(deep=True)))
        complex_nodes = matcher.complex_nodes(tree)
        if complex_nodes:
            page_chars()
        for node in complex_nodes:  # selectors with combinators: Lexbor, rare
            removal = removal_for(matcher.complex_rule(node), node, page_chars)
            if removal is not None:
                if removal.text:
                    removals.append(removal)
                node.decompose()
        walker = _walk(body, matcher, page_chars)
        chosen = _choose_main(walker.frames, walker.blocks, product)
        if not chosen:
            # No paragraph in what shows: the page may be one a script
            # reveals (a product in a "display: none" wrapper). Read the
            # style-hidden parts too, and keep that reading if it has paragraphs.
            again = _walk(body, matcher, page_chars, show_styled=True)
            chosen_again = _choose_main(again.frames, again.blocks, product)
            if chosen_again:
                walker, chosen = again, chosen_again
        frames, blocks = walker.frames, walker.blocks
        removals.extend(walker.removals)
    else:
        chosen = set()
    if chosen:
        keep = _select_blocks(frames, blocks, chosen)
        _take_lead(frames, blocks, keep)
    else:  # no paragraph anywhere: a list, a form, a stub; keep all of its text
        keep = [True] * len(blocks)

    utc = meta.get("date_utc") is not None
    if "date" not in meta or utc:
        # around the article's first paragraph (the kept region may open with labels)
        first = next((i for i, ok in enumerate(keep) if ok and len(blocks[i].text) >= GOOD_CHARS),
                     next((i for i, ok in enumerate(keep) if ok), 0))
        texts = [b.text for b in blocks]
        printed = htmlmeta.date_near(texts, first)
        if "date" not in meta:
            if not printed:
                last = next((i for i in range(len(keep) - 1, -1, -1) if keep[i]), len(keep) - 1)
                printed = htmlmeta.date_at_end(texts, last)
            date = printed or htmlmeta.htmldate_fallback(html)
            if date:
                meta["date"] = date
        else:
            local = printed if htmlmeta.local_day(meta, printed) else htmlmeta.local_day_near(meta, texts, first)
            if local:
                meta["date"] = local  # the page prints its local day; the timestamp was UTC
    meta.pop("date_utc", None)

    parts: list[str] = []
    out: list[Block] = []
    pos = 0
    for b, ok in zip(blocks, keep):
        if not ok:
            removals.append(Removal("html.outside-main", "outside the page's main content "
                                    "(navigation, sidebars, footers, teasers)", b.text, -1, -1))
            continue
        fr = frames[b.frame]
        n = len(b.text)
        out.append(Block(index=len(out), start=pos, end=pos + n, text=b.text, tag=b.tag,
                         link_density=round(b.link_chars / n, 3) if n else 0.0, hint=fr.hint))
        parts.append(b.text)
        pos += n + 1
    source = "\n".join(parts)
    doc = Document(source=source, blocks=tuple(out), content_type="html", url=url,
                   removals=tuple(removals), metadata=MappingProxyType(meta))
    return doc
