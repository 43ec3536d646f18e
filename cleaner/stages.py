"""Core stages: language, block labels, YAML rules, the guard and metadata.

The heuristics live in :mod:`cleaner.heuristics`; both use :class:`Editor` to
record removals the same way.
"""
from __future__ import annotations

import functools
import hashlib
import re
import heapq
from dataclasses import replace
from types import MappingProxyType

from .document import Block, Document, Removal, normalize_space
from .textstats import CJK_LANGS, Stats, content_words, is_cjk, lower_words, stoplist

# -- block labels (jusText's context-free classes, on lines instead of DOM
# paragraphs). Calibrated on the seeds and the dev sets' text track: body
# paragraphs there have a median of ~35 words and stopword density ~0.4;
# menu and widget lines have < 6 words and density < 0.2; page <title> lines
# ("Headline - Section - Site") have 8-20 words, no sentence end, density ~0.2.
LONG_MIN_WORDS = 25           #: this long with some stopwords: prose, sentence end or not
LONG_MIN_STOP_DENSITY = 0.22
GOOD_MIN_WORDS = 10           #: 10-24 words must end a sentence ...
GOOD_MIN_STOP_DENSITY = 0.25  #: ... and have this share of stopwords (jusText stopwords_high 0.32 on whole DOM paragraphs)
NEAR_MIN_WORDS = 5            #: shorter than this is "short": heading, label or menu item
NEAR_MIN_STOP_DENSITY = 0.15
#: A line this long whose words are mostly capitalised is a drop-down
#: ("Select Movie 27 Dresses 30 Days of Night ...") or link titles run
#: together, not prose (German prose capitalises ~30% of its words).
LIST_LINE_MIN_WORDS = 15
LIST_LINE_MIN_TITLE_CASE = 0.7
#: ... and has little punctuation (references and song lists are capitalised too,
#: but full of commas, periods and parentheses).
LIST_LINE_MAX_PUNCT = 0.15
_LIST_PUNCT = (",", ".", ";", "(", '"', "“")
#: A cheap first look: the line's first characters must be this capitalised.
LIST_LINE_HEAD = 80
LIST_LINE_HEAD_TITLE_CASE = 0.45
#: A capitalised word's first letter (Latin scripts: enough for this test).
_CAPITALISED = re.compile(r"(?<!\S)[A-ZÀ-ÖØ-ÞĀ-Ž0-9]")
TEASER_ENDINGS = ("...", "…", "[…]", "[...]", "»", "›", "→")

class Editor:
    """Collects one stage's edits and returns the next Document in one go."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.blocks = list(doc.blocks)
        self.removals = list(doc.removals)
        self.meta = dict(doc.metadata)
        self.changed = False

    def remove(self, i: int, rule_id: str, reason: str) -> None:
        b = self.blocks[i]
        if b.removed_by is not None:
            return
        self.blocks[i] = b.removed(rule_id)
        self.removals.append(Removal(rule_id, reason, self.doc.source[b.start:b.end], b.start, b.end))
        self.changed = True

    def cut(self, i: int, start: int, end: int, rule_id: str, reason: str) -> None:
        """Remove ``source[start:end]`` (inside block i) and keep the rest of the block."""
        b = self.blocks[i]
        src = self.doc.source
        if start <= b.start and end >= b.end:
            self.remove(i, rule_id, reason)
            return
        # Never glue two words: when the span takes the spaces on both of its
        # sides, leave the trailing ones in the text.
        piece = src[start:end]
        if piece[:1].isspace() and piece[-1:].isspace() and len(piece.strip()):
            end = start + len(piece.rstrip())
        self.removals.append(Removal(rule_id, reason, src[start:end], start, end))
        # Recompute the block's text from the source minus every cut so far.
        cuts = sorted([(start, end)] + [(r.start, r.end) for r in self.removals
                                        if b.start <= r.start and r.end <= b.end and (r.start, r.end) != (start, end)])
        parts, pos = [], b.start
        for s, e in cuts:
            if s > pos:
                parts.append(src[pos:s])
            pos = max(pos, e)
        parts.append(src[pos:b.end])
        text = normalize_space("".join(parts))
        self.blocks[i] = replace(b, text=text, removed_by=None if text else rule_id)
        self.changed = True

    def set_meta(self, key: str, value) -> None:
        if value is not None and value != "" and key not in self.meta:
            self.meta[key] = value
            self.changed = True

    def add_meta(self, key: str, value) -> None:
        """Append ``value`` to a list-valued metadata field, without duplicates."""
        if not value:
            return
        cur = list(self.meta.get(key) or [])
        for v in (value if isinstance(value, (list, tuple)) else [value]):
            if v and v.lower() not in (c.lower() for c in cur):
                cur.append(v)
        self.meta[key] = cur
        self.changed = True

    def done(self, **changes) -> Document:
        if not self.changed and not changes:
            return self.doc
        return self.doc.replace(blocks=tuple(self.blocks), removals=tuple(self.removals),
                                metadata=MappingProxyType(self.meta), **changes)


def line_memo(ctx, *key) -> dict:
    """The page's cache (``Context.memo``) of one kind of per-line work, keyed
    by line text: what depends on a line's text alone (and ``key``: the
    language, ...) is computed once for all of the page's passes."""
    return ctx.memo.setdefault(key, {}) if ctx is not None else {}


# -- language ---------------------------------------------------------------

_LANGID_SAMPLE_LINES = 20
#: py3langid reads this many characters of the longest lines. 1,000 instead
#: of 3,000 made the whole text path 30% faster; dev-set F1 unchanged to four
#: decimals (readability +0.0005), 36 of 1,292 pages changed language code,
#: mostly en -> en-like codes that share the English stoplist.
_LANGID_SAMPLE_CHARS = 1000
#: CLD2 (C++) reads more of them: a page whose longest line quotes another
#: language (an English letter in a German blog post) is still German.
_CLD2_SAMPLE_CHARS = 3000
#: Lines that read as prose make the sample when they hold this much text.
_LANGID_MIN_PROSE_CHARS = 200


_NOT_PROSE_CHARS = "0123456789(){}[];=<>_/\\|#*"
#: A line's head is enough to tell prose from code or a list of names.
_PROSE_HEAD_CHARS = 200


def _prose_like(text: str) -> bool:
    """Not code, nor an archive drop-down ("Februar 2020 (4) Januar 2020 (1)"):
    at most 5% digits, brackets and operators (prose: 0-2%; code: 5-14%);
    nor a run of names or titles (a blog's author list), whose words are
    nearly all capitalised (German prose capitalises its nouns: 30-40%)."""
    head = text[:_PROSE_HEAD_CHARS]
    if sum(map(head.count, _NOT_PROSE_CHARS)) > 0.05 * len(head):
        return False
    words = head.split()
    return sum(1 for w in words if w[0].isupper()) <= 0.7 * len(words)


def language_sample(blocks) -> str:
    """The text language identification reads: the longest kept lines, not
    counting lines of raw markup (a text extractor's leftover tracking-pixel
    <div>s, 1,300 characters of URL that read as no language at all), and
    of those, the ones that read as prose: a code sample's English keywords
    made an Indonesian tutorial English."""
    # nlargest is sorted(..., reverse=True)[:n]: ties keep page order
    longest = heapq.nlargest(2 * _LANGID_SAMPLE_LINES, (b.text for b in blocks if b.kept and b.text.count("<") < 2),
                             key=len)
    prose, size = [], 0
    for t in longest:  # longest first: a few lines usually fill the sample
        if _prose_like(t):
            prose.append(t)
            size += len(t) + 1
            if size >= _CLD2_SAMPLE_CHARS or len(prose) == _LANGID_SAMPLE_LINES:
                break
    if size >= _LANGID_MIN_PROSE_CHARS:
        longest = prose
    return " ".join(longest[:_LANGID_SAMPLE_LINES])[:_CLD2_SAMPLE_CHARS]


def identify_language(sample: str) -> str | None:
    """ISO 639-1 code of ``sample``: CLD2 (pycld2, C++) when it is sure,
    else py3langid.

    Measured on 766 dev-page samples: CLD2 0.06 ms, py3langid 0.45 ms a
    sample; they agree on 96%, and most disagreements are py3langid's rare
    codes (pcm, zxx, bcl) for English pages. CLD2 is unsure on ~2%.
    """
    if not sample.strip():
        return None
    try:
        import pycld2
        reliable, _nbytes, details = pycld2.detect(sample)
        code = details[0][1]
        if reliable and code not in ("un", "xxx"):
            return code.split("-")[0].lower()
    except Exception:  # ImportError, or pycld2.error on odd input: fall back
        pass
    import py3langid
    return py3langid.classify(sample[:_LANGID_SAMPLE_CHARS])[0]


#: Context.memo key of the first language sample taken (the input's).
LANGUAGE_SAMPLE_KEY = "input-language-sample"


def detect_language(doc: Document, ctx) -> Document:
    """The page language: Config.language, else the page's declared language
    (HTML), else :func:`identify_language` on :func:`language_sample`."""
    lang = ctx.config.language
    if not lang and doc.content_type == "html":
        declared = (doc.metadata.get("language") or "").strip().lower()[:2]
        if declared.isalpha() and len(declared) == 2:
            lang = declared
    if not lang:
        sample = language_sample(doc.blocks)
        if ctx is not None:  # the input's sample: the pipeline compares the output's with it
            ctx.memo.setdefault(LANGUAGE_SAMPLE_KEY, sample)
        lang = identify_language(sample)
    return doc.replace(language=lang)


# -- labels -----------------------------------------------------------------

def classify_blocks(doc: Document, ctx) -> Document:
    """Label every block ``good``, ``near``, ``short`` or ``bad`` (context-free)."""
    stops = stoplist(doc.language)
    cjk_doc = doc.language in CJK_LANGS or bool(doc.blocks and is_cjk(doc.blocks[0].text))
    # A line's features depend on its text and the language alone: the
    # settling passes find them in the memo.
    memo = line_memo(ctx, "stats", doc.language, cjk_doc)
    stats = []
    for b in doc.blocks:
        st = memo.get(b.text)
        if st is None:
            st = memo[b.text] = Stats(b.text, stops, cjk_doc)
        stats.append(st)
    stats = tuple(stats)
    labels = tuple(map(_label, stats, doc.blocks))
    return doc.replace(labels=labels, stats=stats)


def _list_line(t: str, n: int) -> bool:
    """Mostly capitalised words and little punctuation. The first 80
    characters are looked at first: prose shows itself there (measured over
    74,071 dev lines: 0.7 us a line instead of 1.3 us, F1 unchanged)."""
    head = t[:LIST_LINE_HEAD]  # prose gives itself away in its first words
    if len(_CAPITALISED.findall(head)) < LIST_LINE_HEAD_TITLE_CASE * (head.count(" ") + 1):
        return False
    if sum(map(t.count, _LIST_PUNCT)) >= LIST_LINE_MAX_PUNCT * n:
        return False
    return len(_CAPITALISED.findall(t)) >= LIST_LINE_MIN_TITLE_CASE * n


def _label(st: Stats, b: Block) -> str:
    if b.link_density > 0.5:
        return "bad"
    n = st.n_words
    sd = st.stop_density
    t = b.text
    teaser = t.endswith(TEASER_ENDINGS) or t.count(" | ") >= 2
    if n >= LIST_LINE_MIN_WORDS and not st.cjk and _list_line(t, n):
        return "bad"  # a drop-down or a run of link titles on one line, not prose
    if not teaser:
        if n >= LONG_MIN_WORDS and sd >= LONG_MIN_STOP_DENSITY:
            return "good"
        if n >= GOOD_MIN_WORDS and st.ends_sentence and sd >= GOOD_MIN_STOP_DENSITY:
            return "good"
    if n >= NEAR_MIN_WORDS and sd >= NEAR_MIN_STOP_DENSITY:
        return "near"
    if n < NEAR_MIN_WORDS:
        return "short"
    return "bad"


# -- where the body is ---------------------------------------------------------
# Each kept block scores for or against being inside the article: good
# paragraphs add their word count, short and bad lines subtract theirs (at
# least SHORT_PENALTY), near-good lines are neutral. The body is the
# maximum-sum run of blocks (Kadane, one linear pass), plus any further run
# scoring at least SECONDARY_SHARE of it (articles split by a gallery or an
# ad block). A line a line rule removed weighs as a short line
# (-SHORT_PENALTY, whatever its length: a long consent notice between two
# paragraphs must not split them); lines a section rule removed weigh
# against the run (SECTION_PENALTY).
SHORT_PENALTY = 2
SECONDARY_SHARE = 0.4
SECONDARY_MIN_SCORE = 30
#: Each line a section rule removed weighs this much against the run
#: (measured 15/30/50/80 on all dev sets: 30 best, +0.0005 to +0.0076 F1).
SECTION_PENALTY = 30
#: ... and a comment form's fine print (comments.form-fields: "Your email
#: address will not be published", "TrackBack URL for this entry:"), which nothing
#: after it outweighs (a footer's prose blurbs, a blogroll). Measured on all
#: dev pages against SECTION_PENALTY there: text 2 pages better, none worse
#: (cleaneval +0.0013); HTML 2 better, 2 worse, both pages whose gold keeps
#: the reader comments under the form.
FORM_WALL = 1e6
#: So is a short "Comments are closed." notice (comments.closed-notice,
#: unless it reports: _REPORTED; it then weighs nothing). A
#: "Post Comments" link (comments.post-link) is a wall when other comment
#: chrome fired within this many lines of it; alone it weighs SECTION_PENALTY:
#: it may close a toolbar above more of the post ("Posted by Ann | Post Comments").
FORM_WALL_WINDOW = 3
#: A 'near' line (few stopwords: prices, opening hours, a list of names) that
#: ends a sentence right before a segment's first good line or right after its
#: last one belongs to it (measured on all dev sets, text track: l3s +0.0021,
#: readability +0.0015, trafilatura snippets +0.0016, dragnet +0.0007,
#: cleanportaleval -0.0015; the cap keeps out whole pages flattened into one line).
EDGE_NEAR_MAX_WORDS = 150


def _weights(doc: Document) -> list[float]:
    listed = quantity_lists(doc)
    return [0.0 if lab == "near" or (lab == "good" and not b.kept) or b.index in listed
            else float(st.n_words) if lab == "good"
            else -float(SHORT_PENALTY) if not b.kept
            else -float(max(st.n_words, SHORT_PENALTY))
            for b, lab, st in zip(doc.blocks, doc.labels, doc.stats)]


#: A line led by a quantity ("225 g soft butter", "4 large eggs", "½ TL Salz",
#: "1 Pck. Vanillezucker"): an item of an ingredient or parts list. Not a
#: year, a postcode or a date ("10th Oct 2007"), nor a step number ("1.").
_QUANTITY_LED = re.compile(
    r"^(?:ca\.\s*|approx\.\s*|about\s+)?(?:\d{1,3}(?:[.,/]\d+)?|[½¼¾⅓⅔⅛])(?:\s*[-–]\s*\d{1,3}(?:[.,]\d+)?)?"
    r"(?!st\b|nd\b|rd\b|th\b)\s*[^\W\d_][^\W\d_.,]*[.,]?\s+\S")
QUANTITY_MAX_WORDS = 10
#: This many quantity-led lines in a row (one short line without a quantity,
#: "Salz", may sit among them, keeping its weight) are the article's list: its items weigh nothing
#: against the run, so a recipe's intro and method stay one body.
QUANTITY_LIST_MIN = 3


@functools.lru_cache(maxsize=8192)
def quantity_led(text: str) -> bool:
    # find_body runs on every pass of a page: each short line is matched once
    return _QUANTITY_LED.match(text) is not None


def quantity_lists(doc: Document) -> set[int]:
    """Indices of the kept lines in runs of QUANTITY_LIST_MIN+ quantity-led lines."""
    out: set[int] = set()
    run: list[int] = []
    gap = 0
    def flush():
        if len(run) >= QUANTITY_LIST_MIN:
            out.update(run)
    for b in doc.blocks:
        if not b.kept:
            continue
        st = doc.stats[b.index]
        if st.n_words <= QUANTITY_MAX_WORDS and quantity_led(b.text):
            run.append(b.index)
            gap = 0
        elif run and gap == 0 and st.n_words <= 3:
            gap = 1  # an item without a quantity ("Salz", "Pinch of salt")
        else:
            flush()
            run, gap = [], 0
    flush()
    return out


def _best_run(w: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    best, bs, be = 0.0, -1, -1
    cur, cs = 0.0, lo
    for i in range(lo, hi):
        if cur <= 0:
            cur, cs = 0.0, i
        cur += w[i]
        if cur > best:
            best, bs, be = cur, cs, i
    return best, bs, be


def find_body(doc: Document, ctx=None) -> Document:
    """Locate the article body as block-index segments (see the comment above)."""
    w = _weights(doc)
    base = w[:]  # the headline's run (below) is read without the section penalty
    if ctx is not None and SECTION_PENALTY:
        # A section ("Related Articles", "Leave a Reply" and what a section
        # rule removed after it) or a rule marked ends_article (a tag line,
        # a share label) ends the article: the run does not bridge it. A
        # comment form is a wall no prose after it outweighs (FORM_WALL).
        for b in doc.blocks:
            if b.kept:
                continue
            if _comment_form(doc, b.index):
                w[b.index] = -FORM_WALL
            elif b.removed_by == CLOSED_NOTICE_RULE:
                pass  # a story's sentence about comments (_comment_form): no end
            elif ends_article(ctx, b.removed_by):
                w[b.index] = -SECTION_PENALTY
    n = len(w)
    score, s, e = _best_run(w, 0, n)
    if s < 0:
        return doc.replace(body=())
    lo0 = 0
    h = headline_index(doc)
    lead = None
    if h > e:
        # The page's headline comes after the best run: that run is furniture
        # above the article (a mega-menu's blurbs, a promo), and the article
        # is what follows its headline, however short.
        sc, a, z = _run_from(base, h + 1, n)
        if a >= 0 and sc >= ANCHOR_MIN_SCORE:
            score, s, e, lo0 = sc, a, z, h + 1
    elif s < h <= e and s > (first_kept := _first_kept(doc)):
        # The run reaches back past the headline: what precedes the headline
        # in it is a blurb above the article (a blog's "Welcome to ..." box,
        # a sidebar's author bio), and the article starts under its headline
        # or under a fuller form of it just above ("3.1 Git Branching -
        # Branches in a Nutshell" over the subheading "Branches in a Nutshell").
        top = _restated(doc, s, h, first_kept)
        pre = sum(len(doc.blocks[i].text.split()) for i in range(s, top) if doc.blocks[i].kept)
        sc, a, z = _run_from(base, top + 1, e + 1)
        if top > s and a >= 0 and sc >= ANCHOR_MIN_SCORE and pre <= PRE_HEADLINE_MAX_WORDS:
            s, lo0 = a, top + 1
    elif 0 <= h < s:
        # A short article under its headline, then a longer run apart from it
        # (comments, a game thread): the article is body too.
        sc, a, z = _run_from(base, h + 1, s)
        if a >= 0 and sc >= ANCHOR_MIN_SCORE:
            ends = [i for i in range(z + 1, s) if w[i] <= -SECTION_PENALTY and not doc.blocks[i].kept]
            if ctx is not None and (_counted_list(doc, s, e) or ends and (
                    any(_comment_form(doc, i) for i in ends)
                    or not continues(doc, (a, z), (s, e)))):
                # ... unless the article ended between them (a share bar, a
                # comment form, "Must Read") and the longer run does not
                # continue its vocabulary: that run is what pages put after
                # articles (a teaser stream), and the article alone is the
                # body. Past a comment form's fine print nothing continues
                # the story, whatever words it shares (a tech blog's blogroll
                # names the companies its post is about). Nor does a list of
                # counted titles ("Zombat (13)": a forum's latest topics).
                score, s, e, lo0 = sc, a, z, h + 1
            else:
                lead = (a, z)
    if 0 <= h <= e and ctx is not None:
        # With the headline known, the article is what follows it up to the
        # first section after it ("Business news in pictures", "Related"),
        # even when the furniture past that section outweighs the story.
        a = max(s, h + 1)
        cut = next((i for i in range(a, e + 1) if w[i] <= -SECTION_PENALTY and not doc.blocks[i].kept), -1)
        if cut > a:
            sc, a2, z2 = _run_from(w, a, cut)
            if a2 >= 0 and sc >= ANCHOR_MIN_SCORE:
                e = z2
    segs = [(s, e)] if lead is None else [(s, e), lead]
    floor = max(SECONDARY_MIN_SCORE, SECONDARY_SHARE * score)
    sc, a, z = _best_run(w, lo0, s)
    if a >= 0 and sc >= floor:
        segs.append((a, z))
    # After the body, a section ("Related", "Comments") announces furniture:
    # prose past one is a second part only when the section was a short
    # inline box and the prose continues the story's vocabulary.
    segs += _after_body(doc, w, ctx, (s, e), floor)
    # trim near/short blocks off the segment edges: a segment starts and ends
    # with a good block, or with a near sentence just outside it (above)
    out = []
    for a, z in segs:
        while a <= z and not (doc.labels[a] == "good" and doc.blocks[a].kept):
            a += 1
        while z >= a and not (doc.labels[z] == "good" and doc.blocks[z].kept):
            z -= 1
        if a <= z:
            if (a > 0 and doc.labels[a - 1] == "near" and doc.blocks[a - 1].kept
                    and doc.stats[a - 1].ends_sentence and doc.stats[a - 1].n_words <= EDGE_NEAR_MAX_WORDS):
                a -= 1
            if (z + 1 < len(doc.blocks) and doc.labels[z + 1] == "near" and doc.blocks[z + 1].kept
                    and doc.stats[z + 1].ends_sentence and doc.stats[z + 1].n_words <= EDGE_NEAR_MAX_WORDS):
                z += 1
            out.append((a, z))
    return doc.replace(body=_disjoint(out))


def _comment_form(doc: Document, i: int) -> bool:
    """Whether block ``i`` stands for a comment form: removed by its fine
    print's rule or the "comments are closed" notice's, or by the "Post
    Comments" link's with other comment chrome (a ``comments.*`` rule)
    within FORM_WALL_WINDOW lines."""
    rule = doc.blocks[i].removed_by
    if rule == COMMENT_FORM_RULE:
        return True
    if rule == CLOSED_NOTICE_RULE:  # a notice, not a story's sentence about comments
        return _REPORTED.search(doc.blocks[i].text) is None
    if rule != POST_COMMENTS_RULE:
        return False
    near = doc.blocks[max(0, i - FORM_WALL_WINDOW):i] + doc.blocks[i + 1:i + 1 + FORM_WALL_WINDOW]
    return any(b.removed_by and b.removed_by.startswith("comments.") for b in near)


#: A title that ends in a count: "Zombat (13)", "The Wishlist (9)": a topic
#: in a forum's list, a post in a category list, with its replies or posts.
#: (A count inside a sentence, "Sean Murphy (27), of Main Street", is an age.)
_COUNTED_TITLE = re.compile(r"\(\d[\d,.]*\)$")
COUNTED_TITLE_MAX_WORDS = 15
#: A run this much of whose kept lines are counted titles is such a list.
COUNTED_LIST_SHARE = 0.6


def _counted_list(doc: Document, s: int, e: int) -> bool:
    """Whether the run ``s..e`` is a list of counted titles, not prose."""
    kept = [b for b in doc.blocks[s:e + 1] if b.kept]
    titles = sum(1 for b in kept if doc.stats[b.index].n_words <= COUNTED_TITLE_MAX_WORDS
                 and _COUNTED_TITLE.search(b.text))
    return bool(kept) and titles >= COUNTED_LIST_SHARE * len(kept)


def _disjoint(segs: list) -> tuple:
    """The segments with overlaps removed: the lead under the headline and
    the best run before the body can trim to one segment, or one hold the
    other. The main segment (first) keeps its bounds, which later stages
    read as the article's start; the others are cut to what lies outside
    it and merged with one another."""
    if len(segs) < 2:
        return tuple(segs)
    (ms, me), rest = segs[0], []
    for a, z in segs[1:]:
        if ms <= a and z <= me:
            continue  # inside the main segment
        if a < ms <= z:
            z = ms - 1  # what precedes the main segment (a run spanning it keeps its part before)
        elif a <= me < z:
            a = me + 1
        rest.append((a, z))
    merged: list = []
    for a, z in sorted(rest):
        if merged and a <= merged[-1][1] + 1:  # (none spans the main segment: they are cut to outside it)
            merged[-1] = (merged[-1][0], max(z, merged[-1][1]))
        else:
            merged.append((a, z))
    # the original order: second parts after the main one as found (lead first)
    order = {seg: n for n, seg in enumerate(rest)}
    return ((ms, me), *sorted(merged, key=lambda seg: order.get(seg, len(order))))


#: A section of at most this many lines inside an article is an inline box
#: ("Related Articles" and two links), when the prose after it and the prose
#: before share at least INLINE_MIN_SHARED of the smaller one's topic words
#: (never a comments heading or form: the comments after it share the
#: story's words). Measured 0.2 / 0.1 of the smaller vocabulary: 0.1 best.
INLINE_BOX_MAX_LINES = 6
INLINE_MIN_SHARED = 0.1


def _after_body(doc: Document, w: list[float], ctx, body: tuple[int, int], floor: float) -> list:
    """Second parts after the body: a run before the first section line
    after it, then the story's continuations past short inline boxes."""
    n = len(w)
    def barrier(i):
        return w[i] <= -SECTION_PENALTY and not doc.blocks[i].kept
    out = []
    pos = body[1] + 1
    cut = next((i for i in range(pos, n) if barrier(i)), n)
    sc, a, z = _best_run(w, pos, cut)
    if a >= 0 and sc >= floor and not _counted_list(doc, a, z):
        out.append((a, z))
    while cut < n:
        j, box = cut, []
        while j < n and not doc.blocks[j].kept:
            if barrier(j):
                box.append(doc.blocks[j])
            j += 1
        if j >= n or len(box) > INLINE_BOX_MAX_LINES or not all(_inline_box_rule(ctx, b.removed_by) for b in box):
            break
        cut = next((i for i in range(j, n) if barrier(i)), n)
        sc, a, z = _run_from(w, j, cut)
        if a < 0 or sc < ANCHOR_MIN_SCORE or not continues(doc, body, (a, z)):
            break
        out.append((a, z))
    return out


def ends_article(ctx, rule_id: str | None) -> bool:
    """Whether ``rule_id`` names a rule whose removal ends the article."""
    rule = ctx.rules.by_id.get(rule_id) if ctx is not None and rule_id else None
    return rule is not None and rule.ends_article


def _inline_box_rule(ctx, rule_id: str) -> bool:
    r = ctx.rules.by_id.get(rule_id) if ctx is not None else None
    # never a comments heading or an author box: what follows them shares
    # the story's words and is still not the story
    return r is not None and r.kind == "section" and not rule_id.startswith(("comments.", "meta."))


def continues(doc: Document, before: tuple[int, int], after: tuple[int, int]) -> bool:
    """Whether the good prose of ``after`` shares INLINE_MIN_SHARED of the
    smaller side's topic words with that of ``before`` (block ranges)."""
    stops = stoplist(doc.language)
    def vocab(a, z):
        words = set()
        for b in doc.blocks[a:z + 1]:
            if b.kept and doc.labels[b.index] == "good":
                words |= content_words(b.text, stops)
        return words
    later, earlier = vocab(*after), vocab(*before)
    return bool(later) and len(later & earlier) >= INLINE_MIN_SHARED * min(len(later), len(earlier))


#: A text page's first line is often its <title>; a later line holding that
#: title, or its headline part, is the headline (at least this many characters).
ANCHOR_MIN_CHARS = 15
ANCHOR_MAX_CHARS = 300
ANCHOR_MIN_SCORE = 20
#: ... when that blurb is at most this many words (however long the article
#: under the headline: an author box above a short post is no shorter).
PRE_HEADLINE_MAX_WORDS = 400
_KEY_DROP = re.compile(r"[\W_]+")
#: Where a <title> joins its headline and the site's name.
_TITLE_SEP = re.compile(r"\s+[-|\u2013\u2014:\u00bb\u00b7]\s+|:\s+")
HEADLINE_TAIL_CHARS = 16


#: A line just above the run that holds this share of the headline's words
#: heads the run: the headline is a subheading repeating it ("Branches in a
#: Nutshell" under "3.1 Git Branching - Branches in a Nutshell").
HEADED_MIN_SHARE = 0.8
HEADED_LOOKBACK = 3


def _restated(doc: Document, s: int, h: int, first_kept: int) -> int:
    """The first line from a few above ``s`` up to the headline ``h`` that
    holds HEADED_MIN_SHARE of its words (the page's fuller headline), else ``h``."""
    words = set(lower_words(doc.blocks[h].text))
    if not words:
        return h
    for b in doc.blocks[max(first_kept + 1, s - HEADED_LOOKBACK):h]:  # not the <title> line
        if len(words & set(lower_words(b.text))) >= HEADED_MIN_SHARE * len(words):
            return b.index
    return h


def _first_kept(doc: Document) -> int:
    return next((b.index for b in doc.blocks if b.kept), -1)


def headline_index(doc: Document, after: int = -1) -> int:
    """Index of the headline when the page's first line (its <title>) names
    it, that is the first later line the title holds (past ``after``, when
    given); else -1 (text input)."""
    if doc.content_type != "text":
        return -1
    if any(r.rule_id == "heuristic.title" for r in doc.removals):
        # a settling pass: the <title> line is gone, the first kept line is
        # not it (find_body's anchoring and widen_body_for_listings' guard
        # for a named headline both rest on the first pass alone)
        return -1
    i = _first_kept(doc)
    if i < 0:
        return -1
    top = doc.blocks[i]
    if len(top.text) > ANCHOR_MAX_CHARS:
        return -1
    key = title_key(top.text)
    if len(key) < ANCHOR_MIN_CHARS:
        return -1
    parts = [k for k in map(title_key, _TITLE_SEP.split(top.text)) if len(k) >= ANCHOR_MIN_CHARS]
    for b in doc.blocks[max(top.index, after) + 1:]:
        # a rule may have taken it (a "More" section): it still marks the start
        if not ANCHOR_MIN_CHARS <= len(b.text) <= ANCHOR_MAX_CHARS:
            continue
        k = title_key(b.text).rstrip("0123456789")  # "Headline 69" (comments)
        if len(k) >= ANCHOR_MIN_CHARS and (key.startswith(k) or key.endswith(k)):
            return b.index
        # the headline with a short tail: "Headline (latimes.com) 87", "Headline 199 Comments"
        if any(k.startswith(p) and len(k) - len(p) <= HEADLINE_TAIL_CHARS for p in parts):
            return b.index
    return -1


@functools.lru_cache(maxsize=1 << 16)
def title_key(text: str) -> str:
    """A line folded for comparing headlines: lower case, letters and digits only."""
    return _KEY_DROP.sub("", text.casefold())


#: The rule for a comment form's fine print ("Notify me of follow-up comments
#: by email"): no article continues past it. (Not every comments.* rule: a
#: bare "Comments" heading is also a field of a sign-up form, dev wcxb -.25.)
COMMENT_FORM_RULE = "comments.form-fields"
CLOSED_NOTICE_RULE = "comments.closed-notice"
#: A "comments are closed" line that reports or dates ("..., the mayor's
#: office confirmed", "... until the hearing ends", "... by two retired
#: judges") is a story's sentence: the rule takes the line, but it is no wall.
_REPORTED = re.compile(r"\b(?:said|says|confirmed|told|announced|according|reported|added|explained"
                       r"|stated|until|by)\b", re.I)
POST_COMMENTS_RULE = "comments.post-link"
#: A run that must start at a given line (under a headline, past an inline
#: box) may first skip this many lines that weigh nothing for it.
RUN_LEAD_SKIP = 4


def _run_from(w: list[float], a: int, n: int) -> tuple[float, int, int]:
    """The best run that starts at ``a`` (its maximal prefix sum), past up
    to RUN_LEAD_SKIP lines that weigh nothing for it (a dateline, a
    byline, "Map: Perth 6000" between a headline and its first paragraph)."""
    skip = a
    while skip < min(n, a + RUN_LEAD_SKIP) and w[skip] <= 0:
        skip += 1
    if skip < n and w[skip] > 0:
        a = skip
    best, be, cur = 0.0, -1, 0.0
    for i in range(a, n):
        cur += w[i]
        if cur > best:
            best, be = cur, i
    return best, (a if be >= 0 else -1), be


def body_bounds(doc: Document) -> tuple[int, int]:
    """First and last block index of the body (or -1, -1 when none)."""
    if not doc.body:
        return -1, -1
    return min(a for a, _ in doc.body), max(z for _, z in doc.body)


def in_body(doc: Document, i: int) -> bool:
    for a, z in doc.body:
        if a <= i <= z:
            return True
    return False


# -- template lines (clean_many / batch) --------------------------------------

def line_hash(text: str) -> str:
    """Stable short hash of a normalised line (CCNet uses SHA-1 of the line)."""
    return hashlib.sha1(normalize_space(text).lower().encode("utf-8")).hexdigest()[:16]


def drop_template_lines(doc: Document, ctx) -> Document:
    """Remove lines that recur on most pages of the same site in this batch."""
    tl = ctx.config.template_lines
    if not tl:
        return doc
    ed = Editor(doc)
    for b in doc.blocks:
        if b.kept and line_hash(b.text) in tl:
            ed.remove(b.index, "heuristic.site-template",
                      "line recurs on most pages of this site in the batch (template)")
    return ed.done()


# -- YAML rules ---------------------------------------------------------------

def apply_line_rules(doc: Document, ctx) -> Document:
    """Fire line, section and span rules within their scopes.

    Head is everything before the first body paragraph, tail everything after
    the last one (as labelled by :func:`classify_blocks`). A section heading
    opens furniture that runs until a body paragraph that no rule matches.
    """
    rules = ctx.rules
    if not len(rules):
        return doc
    if not doc.body:
        doc = find_body(doc)
    first, last = body_bounds(doc)
    ed = Editor(doc)
    lang = doc.language
    host = ctx.host
    # one pass over the whole page rules out "contains" and span rules on most pages
    contains, spans = rules.screen("\n".join(b.text for b in doc.blocks if b.kept))
    match_line = rules.match_line
    # Every line's hits first, so head/tail scopes are decided without the
    # paragraphs an unscoped rule removes (a long cookie banner is not the
    # first body paragraph).
    all_hits = {}
    # A line's hits depend on its text alone (the page test only rules out
    # rules that match no kept line): later passes read them from the memo.
    memo = line_memo(ctx, "hits")
    for b in doc.blocks:
        if b.kept:
            h = memo.get(b.text)
            if h is None:
                h = memo[b.text] = match_line(b.text, contains)
            if h:
                all_hits[b.index] = h
    if all_hits and first >= 0:
        goods = [b.index for b in doc.blocks
                 if b.kept and doc.labels[b.index] == "good"
                 and not any(r.scope == "anywhere" and r.applies_to(lang, host)
                             for r in all_hits.get(b.index, ()))]
        # every good line is furniture a rule names: there is no body for
        # head or tail scopes, nor for a section to end
        first, last = (goods[0], goods[-1]) if goods else (-1, -1)
    in_section = None   # the section rule currently open
    for b in doc.blocks:
        if not b.kept:
            continue
        hits = all_hits.get(b.index, ())
        if not hits and in_section is None:  # most lines: no rule, no open section
            if spans:
                _apply_span_rules(ed, b, rules, spans, lang, host)
            continue
        i = b.index
        hits = [r for r in hits if r.applies_to(lang, host)]
        fired = None
        for r in hits:
            # With no body paragraph there is no head or tail: scoped rules
            # stay quiet (cleaning the output again must not remove more).
            if r.scope == "head" and not (first >= 0 and i < first):
                continue
            if r.scope == "tail" and not (first >= 0 and i > last):
                continue
            fired = r
            break
        if fired is not None:
            ed.remove(i, fired.id, fired.description)
            _take_captures(ed, fired, b.text)
            # A section heading before the body ("Latest" in a menu, a
            # donation box above the headline) removes only itself: opening
            # a section there would run over the headline. So does one on a
            # page with no body paragraph (a listing, or prose in a language
            # the stoplist missed): there is no article for it to end.
            if fired.kind == "section" and 0 <= first < i:
                in_section = fired
            continue
        if in_section is not None:
            if doc.labels[i] == "good" and in_body(doc, i):
                in_section = None
            else:
                ed.remove(i, in_section.id, f"inside the section that '{in_section.id}' opens: "
                          + in_section.description)
                continue
        if spans:
            _apply_span_rules(ed, b, rules, spans, lang, host)
    return ed.done()


_COUNTED = re.compile(r"\(\d+\)")
_LIST_SEP = re.compile(r"\s*[,;|·•>»›/]\s*")


def _take_captures(ed: Editor, rule, text: str) -> None:
    caps = rule.capture(text)
    for k, v in caps.items():
        if k in ("section", "tags"):  # "Tags: Russia, North Korea" is two categories
            if _COUNTED.search(v):
                continue  # "Bread (14) · Cakes (9)": a site's category widget, not this page's
            items = [t for t in _LIST_SEP.split(v) if t]
            ed.add_meta("categories", items)
            if k == "section" and items:  # a breadcrumb: its last crumb is the section
                ed.set_meta("section", items[-1])
        elif k == "source":
            ed.add_meta("sources", v)
        else:
            ed.set_meta(k, v)
    for k, v in rule.sets.items():
        if k in ("source", "section"):
            ed.add_meta("sources" if k == "source" else "categories", v)
        else:
            ed.set_meta(k, v)


def _apply_span_rules(ed: Editor, b: Block, rules, spans, lang, host) -> None:
    hits = [r for r in rules.match_spans(b.text, spans) if r.applies_to(lang, host)]
    if not hits:
        return
    src = ed.doc.source
    raw = src[b.start:b.end]
    for r in hits:
        if r.max_words is not None and len(b.text.split()) > r.max_words:
            continue
        # Search the raw line so offsets are exact; fall back to the normalised
        # text only when whitespace differs (rare: tabs, double spaces).
        for m in r.regex.finditer(raw):
            s, e = m.start(), m.end()
            if e > s:
                ed.cut(b.index, b.start + s, b.start + e, r.id, r.description)
                _take_captures(ed, r, raw[s:e])


# -- guard and metadata -------------------------------------------------------

def guard_over_removal(doc: Document, ctx) -> Document:
    """Warn (never silently undo) when removals exceed the configured share."""
    total = sum(len(b.text) for b in doc.blocks)
    if not total:
        return doc
    kept = sum(len(b.text) for b in doc.blocks if b.kept)
    share = 1 - kept / total
    if share > ctx.config.max_removed_share:
        return doc.warn(
            f"over-removal: {share:.0%} of the text was removed, more than "
            f"max_removed_share={ctx.config.max_removed_share:.0%}; check Result.removed "
            f"(a page that is mostly furniture, or a rule that matched body text)")
    if not any(b.kept for b in doc.blocks):
        return doc.warn("empty result: every block was removed")
    return doc


def collect_metadata(doc: Document, ctx) -> Document:
    """Counts in/out, language, URL host; normalises list fields."""
    md = dict(doc.metadata)
    kept = [b.text for b in doc.blocks if b.kept]
    out_text = "\n\n".join(kept)
    md.setdefault("title", None)
    md.setdefault("date", None)
    md.setdefault("author", None)
    md.setdefault("site_name", None)
    md.setdefault("dateline", None)
    sources = md.pop("sources", None)
    if sources is None:  # a front door may set a single "source"
        sources = [md["source"]] if md.get("source") else []
    elif md.get("source") and md["source"] != ", ".join(sources):
        sources = [md["source"]] + [s for s in sources if s != md["source"]]
    md["source"] = ", ".join(sources) if sources else None
    md["sources"] = sources
    cats = md.get("categories") or []
    md["categories"] = list(cats)
    md.setdefault("section", cats[-1] if cats else None)
    if md.get("site_name") is None and ctx.host:
        md["site_name"] = ctx.host[4:] if ctx.host.startswith("www.") else ctx.host
    md["language"] = doc.language
    md["url"] = doc.url or md.get("url")
    md["words_in"] = len(doc.source.split()) if doc.content_type == "text" else sum(len(b.text.split()) for b in doc.blocks)
    md["chars_in"] = len(doc.source)
    md["words_out"] = len(out_text.split())
    md["chars_out"] = len(out_text)
    md["blocks_in"] = len(doc.blocks)
    md["blocks_out"] = len(kept)
    return doc.replace(metadata=MappingProxyType(md))
