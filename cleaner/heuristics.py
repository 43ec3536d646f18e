"""Heuristics: position, density, repetition and topic drift, as named stages.

They obey the rules' contract: every removal carries a heuristic id
(``heuristic.menu-run``) and a reason, and each threshold is a named constant
with a note on what it was calibrated on. Any heuristic can be switched off by
id with ``Config(disabled_rules=("heuristic.topic-drift",))``.
"""
from __future__ import annotations

import re

from .document import Document
from .stages import (Editor, body_bounds, continues, ends_article, headline_index, in_body, line_memo,
                     quantity_led, title_key)
from .textmeta import (find_author, find_date, is_date_line, is_other_date, month_number, section_labels,
                       title_parts)
from .textstats import content_words, stoplist


class _Editor(Editor):
    """An Editor that honours ``Config.disabled_rules`` for heuristic ids."""

    def __init__(self, doc: Document, ctx):
        super().__init__(doc)
        self._off = ctx.config.is_disabled if ctx is not None else (lambda _id: False)

    def remove(self, i: int, rule_id: str, reason: str) -> None:
        if not self._off(rule_id):
            super().remove(i, rule_id, reason)


#: A headline has at least this many words and at most TITLE_MAX_WORDS
#: (seed and dev headlines: 4–20 words; section labels 1–2).
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
#: A text's first line names the page when it splits into at most this many
#: parts ("Headline | Section | Site"), the longest of this many words.
TITLE_MAX_PARTS = 3
TITLE_NAMED_MIN_WORDS = 4
#: ... of which at least this many are words of two or more letters.
TITLE_MIN_ALPHA_WORDS = 2
_ALPHA_WORD = re.compile(r"[^\W\d_]{2,}")
#: Three or more consecutive short, title-cased lines without a sentence end
#: are a menu, tag cloud or link list (dev text track: nav menus are runs of
#: 3–40 such lines; body subheadings come alone).
MENU_RUN_MIN = 3
#: The id of the menu heuristic's removals (other passes look for them).
MENU_RUN = "heuristic.menu-run"
#: In HTML (blocks carry their tag and link density), a menu item is a link.
MENU_HTML_MIN_LINK_DENSITY = 0.5
MENU_ITEM_MAX_WORDS = 5
#: A tail block after the body counts as on-topic when at least this share of
#: its content words occur in the body ("Google announces surprise Pixel
#: hardware event" under a Putin story shares 0 %; a real closing paragraph of
#: the seeds shares 30–60 %).
DRIFT_MIN_SHARED = 0.12
DRIFT_MIN_WORDS = 4
#: A caption with a credit glued on: short, no sentence end, and the last word
#: joins lower-case to a known credit ("airportReuters").
CAPTION_MAX_WORDS = 30

CREDITS = (
    "Reuters", "AFP", "AP", "Associated Press", "Getty Images", "Getty", "EPA", "EPA-EFE",
    "Shutterstock", "Bloomberg", "Xinhua", "TASS", "Sputnik", "Anadolu", "Anadolu Agency",
    "PA", "PA Images", "PA Wire", "dpa", "Alamy", "iStock", "iStockphoto", "NurPhoto",
    "SOPA Images", "Pool", "File Photo", "Handout", "Courtesy", "Wikimedia Commons",
    "AAP", "ANI", "PTI", "IANS", "KCNA", "Yonhap", "Kyodo", "UPI", "ZUMA", "ZUMA Press",
    "Imago", "Keystone", "Unsplash", "Pexels", "DW", "BBC", "CNN", "Photo", "File",
)
_CREDIT_ALT = "|".join(sorted((re.escape(c) for c in CREDITS), key=len, reverse=True))
_GLUED_CREDIT = re.compile(r"(?<=[a-z0-9\)\.])(?P<credit>(?:" + _CREDIT_ALT + r")(?:\s*/\s*[\w .-]{1,30})?)$")
_DATELINE = re.compile(r"^(?P<place>[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3})\s*(?:,\s*[A-Z][\w.'’ -]{1,20})?\s*[:—–-]$")
_INLINE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]{2,}(?:[ -][A-Z][A-Z.'’-]+){0,3})(?:,\s*[A-Z][\w.]+(?: (?:[A-Z][\w.]+|\d{1,2}))?)?"
    r"\s*(?:\((?P<source>[A-Za-z][\w .&-]{1,30})\))?\s*[—–-]{1,2}\s+\S")
_VERB_HINT = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|says?|said|\w+ed|\w+s)\b", re.I)


#: When the best run of paragraphs holds less than this share of the page's
#: prose (good and near-good words), the page is not one article but a
#: listing, collection or product page: the body is widened to span all the
#: prose instead of one fragment of it (dev: articles hold 0.7-1.0 of their
#: prose in the best run; WCXB listings and collections often 0.1-0.4;
#: 0.25 was best of 0.25/0.35/0.45 on all dev sets together).
ARTICLE_MIN_SHARE = 0.25
#: At most this many lines (byline, date, share bar) between the headline the
#: title line names and the body's first paragraph.
HEADLINE_BODY_GAP = 4
#: ... when that body is a story of at least this many words (a glossary's
#: one-line intro under its headline is not).
HEADLINE_BODY_MIN_WORDS = 150


#: ... or a story of at least this many paragraphs that the page closes as
#: it closes articles (see _closed_story).
CLOSED_STORY_MIN_PARAS = 3
#: Of the lines after the body, the first this many that are kept or end the
#: article decide whether the page closes it.
CLOSED_STORY_LOOKAHEAD = 3


def _closed_story(doc: Document, ctx, prose: list[int]) -> bool:
    """The body is a story of CLOSED_STORY_MIN_PARAS+ paragraphs that the
    page ends as an article: of the first CLOSED_STORY_LOOKAHEAD lines after
    it that are kept or end articles, one is a rule that ends articles
    ("People who read this also read:", a comment form, a share bar); a
    caption or a timestamp may come first. Readers' comments and a long
    footer below a short wire story outweigh it; widening took them all (dev
    text: l3s +.0004, dragnet +.0034; one- and two-paragraph bodies are left
    out, as there the widening mends a wrong pick, a standfirst above a share
    bar or an author's bio)."""
    if ctx is None or sum(1 for i in prose if in_body(doc, i)) < CLOSED_STORY_MIN_PARAS:
        return False
    end = doc.body[0][1]
    after = (b for b in doc.blocks[end + 1:] if b.kept or ends_article(ctx, b.removed_by))
    return any(not b.kept for _, b in zip(range(CLOSED_STORY_LOOKAHEAD), after))


def widen_body_for_listings(doc: Document, ctx) -> Document:
    """Pages that are not one article keep all their prose, not a fragment.

    A body under its named headline is an article when it is a long story,
    or a story the page closes as an article (:func:`_closed_story`). Sets
    ``metadata.page_type`` to ``article`` or ``listing``.
    """
    if not doc.body:
        return doc
    h = headline_index(doc)
    if h < 0 or h > doc.body[0][0]:
        h = -1  # with its headline named, the article's prose is what follows it
    prose = [b.index for b in doc.blocks if b.kept and b.index > h and doc.labels[b.index] in ("good", "near")]
    total = sum(doc.stats[i].n_words for i in prose)
    inside = sum(doc.stats[i].n_words for i in prose if in_body(doc, i))
    ed = _Editor(doc, ctx)
    # the body starts under its named headline: an article, however much prose follows
    under_headline = (h >= 0 and inside >= HEADLINE_BODY_MIN_WORDS
                      and sum(1 for b in doc.blocks[h + 1:doc.body[0][0]] if b.kept) <= HEADLINE_BODY_GAP)
    if total and inside / total < ARTICLE_MIN_SHARE and len(prose) >= 4 and not under_headline \
            and not (h >= 0 and _closed_story(doc, ctx, prose)):
        ed.set_meta("page_type", "listing")
        return ed.done(body=((prose[0], prose[-1]),))
    ed.set_meta("page_type", "article")
    return ed.done()


# -- question-and-answer pages --------------------------------------------------
# A Stack Exchange page flattened to text: the question, then each answer,
# and after every post the same chrome ("Share / Improve this answer /
# Follow / answered Oct 18, 2023 at 7:58 / Ace / 852 4 silver badges"), its
# comments ("... – djdomi / Commented Oct 16, 2023 at 10:50") and "Add a
# comment". The answers are the content: find_body stops at the first "Share".
_QA_CHROME_START = re.compile(r"^(?:share|improve this (?:question|answer))$", re.I)
_QA_IMPROVE = re.compile(r"^improve this (?:question|answer)$", re.I)
_QA_CHROME_END = re.compile(r"^add a comment\s*\|?$", re.I)
_QA_SIGNED = re.compile(r"^(?:asked|answered)\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}"
                        r"(?:, \d{4})?(?: at \d{1,2}:\d\d)?|\d+ (?:secs?|seconds?|mins?|minutes?|hours?|days?|weeks?|months?|years?) ago)$", re.I)
#: Between the question and the first answer: "4 Answers 4", "Sorted by: Reset
#: to default", "Highest score (default) Date modified (newest first) ...".
_ANSWER_COUNT = r"\d+ answers?(?: \d+)?"
_QA_LABEL = re.compile(rf"^(?:{_ANSWER_COUNT}|sorted by:.{{0,40}}|highest score \(default\).{{0,120}})$", re.I)
_QA_ANSWER_COUNT = re.compile(rf"^{_ANSWER_COUNT}$", re.I)
#: A poster's reputation and badges: "39.8k 6 6 gold badges 62 62 silver
#: badges", "10.6k2 gold badges38 silver badges49 bronze badges" (HTML glues them).
_QA_BADGES = re.compile(r"^[\d.,]+k?(?:\s*\d+\s*(?:\d+\s*)?(?:gold|silver|bronze) badges?)+$", re.I)
#: Without share bars, this many "answered <date>" signatures (and a badges
#: line, an "N Answers" label or the question's "asked <date>") make the
#: page a question with its answers.
QA_MIN_SIGNED_ANSWERS = 2
#: A post's chrome without its "Add a comment" line ends this many lines
#: after its "answered ..." signature: the poster's name and badges.
QA_SIGNATURE_TAIL = 2


def _qa_signed(text: str) -> bool:
    return len(text) <= 40 and _QA_SIGNED.match(text) is not None


def _qa_chrome_start(text: str) -> bool:
    return len(text) <= 24 and _QA_CHROME_START.match(text) is not None


def _mark_forum(ed: Editor) -> None:
    """The page is a thread whose posts are the content (``page_type``
    ``forum``, over the ``article`` widen_body_for_listings set): the
    comment-thread heuristic leaves them alone, and the settling passes,
    which no longer see the first post's header, remember it."""
    ed.meta["page_type"] = "forum"
    ed.changed = True


def take_qa_thread(doc: Document, ctx) -> Document:
    """On a question-and-answer page the answers are the content: the body
    runs to the last answer's chrome, and each post's chrome and comments go.

    A page is one when, after the body's start, an "Improve this question /
    answer" link and an "answered <date>" signature appear (text), or two
    such signatures with a badges line, an "N Answers" label or an "asked
    <date>" line (HTML drops the links). Sets ``metadata.page_type`` to
    ``forum`` (the comment-thread heuristic then leaves the answers alone)."""
    first, _last = body_bounds(doc)
    if first < 0:
        return doc
    blocks = doc.blocks
    # the chrome's own lines may already be gone (social.share-label, comments.controls)
    starts = [b.index for b in blocks[first:] if _qa_chrome_start(b.text)]
    signed = [b.text[:8].lower() for b in blocks[first:] if _qa_signed(b.text)]
    answers = signed.count("answered")
    if not answers:
        return doc
    if not any(_QA_IMPROVE.match(blocks[i].text) for i in starts):
        if answers < QA_MIN_SIGNED_ANSWERS or not (
                "asked" in (t[:5] for t in signed)
                or any(len(b.text) <= 80 and (_QA_BADGES.match(b.text) or _QA_ANSWER_COUNT.match(b.text))
                       for b in blocks[first:])):
            return doc
        # No share bars (HTML drops them with the other link rows): the
        # signed answers are still the content, not a comment thread. Only
        # the reputation lines go ("10.6k 2 gold badges 38 silver badges").
        ed = _Editor(doc, ctx)
        for b in blocks[first:]:
            if b.kept and len(b.text) <= 80 and _QA_BADGES.match(b.text):
                ed.remove(b.index, "heuristic.qa-chrome", "a poster's reputation and badges on a question-and-answer page")
        _mark_forum(ed)
        return ed.done()
    ed = _Editor(doc, ctx)
    end = first
    n = len(blocks)
    i = starts[0]
    while i < n:
        b = blocks[i]
        if not _qa_chrome_start(b.text):
            if b.kept and _QA_LABEL.match(b.text):
                ed.remove(i, "heuristic.qa-chrome", "a question-and-answer page's label between posts")
            i += 1
            continue
        # One post's chrome: to its "Add a comment" or, without one, to its
        # signature's name and badges. It never runs into the next post's chrome.
        j, stop, sig = i, -1, -1
        while j < n and j - i <= 60:
            t = blocks[j].text
            if _QA_CHROME_END.match(t):
                stop = j
                break
            if sig < 0 and _qa_signed(t):
                sig = j
            elif sig >= 0 and _qa_chrome_start(t):
                break  # the next post's share links: this one had no "Add a comment"
            j += 1
        if stop < 0:
            if sig < 0:
                break  # a share bar that signs no post: the thread has ended
            stop = sig
            for k in range(sig + 1, min(n, sig + 1 + QA_SIGNATURE_TAIL)):
                if doc.labels[k] == "good" or _qa_chrome_start(blocks[k].text):
                    break
                stop = k
        for k in range(i, stop + 1):
            if blocks[k].kept:
                ed.remove(k, "heuristic.qa-chrome", "a post's share links, signature or comments on a question-and-answer page")
        end = max(end, stop)
        i = stop + 1
    _mark_forum(ed)
    return ed.done(body=((first, end),))


def _remove_title_like(ed: Editor, doc: Document, title: str, headline_index: int) -> None:
    key = title.casefold()
    for b in doc.blocks:
        if b.index != headline_index and ed.blocks[b.index].kept and b.text.casefold() == key:
            ed.remove(b.index, "heuristic.title-repeated", "the headline repeated in the page")


def take_title(doc: Document, ctx) -> Document:
    """The headline: the longest title-shaped line before the body.

    It goes to ``metadata.title`` and out of the body (the body is what
    follows the headline); later lines repeating it go too. When one
    candidate is another plus a site suffix (the page's ``<title>``,
    "Headline - Site"), the bare headline wins and the suffix becomes
    ``site_name``. In text, the page's first line is its ``<title>``: the
    later line it restates (:func:`headline_index`) is the headline,
    however long the menu lines above it; with none, the ``<title>`` line
    minus its site part names the page. Text title accuracy on the dev sets:
    l3s .29 -> .63, readability .40 -> .69, trafilatura .37 -> .64, wcxb
    .30 -> .55, cleaneval .25 -> .23 (its golds keep the whole <title>).
    """
    ed = _Editor(doc, ctx)
    first, _last = body_bounds(doc)
    head = [b for b in doc.blocks if b.kept and (first < 0 or b.index < first)]
    html = doc.content_type == "html"
    known = doc.metadata.get("title") if html else None
    if known:
        # The page named its headline (JSON-LD, OpenGraph, <h1>): a line that
        # is that headline goes.
        key = title_key(known)
        for b in head[:TITLE_SEARCH_LINES]:
            k = title_key(b.text)
            if k and (k == key or (len(k) >= TITLE_MIN_MATCH * len(key) and (k in key or key in k))):
                ed.remove(b.index, "heuristic.title", "the headline (already in metadata.title)")
        if ed.changed:
            return ed.done()
    if not html:
        # Text: the page's first line is its <title>; the later line it restates
        # is the headline (see headline_index), however long the menus above it.
        h = headline_index(doc)
        top = next((b for b in doc.blocks if b.kept), None)
        while h >= 0 and _site_part(doc.blocks[h].text, top.text):
            # a breadcrumb or logo line repeating the title's site part
            # ("Home Cinema Forum"): the headline may be a later line (find_body
            # keeps anchoring at the first, measured better on dev)
            h = headline_index(doc, after=h)
        if h >= 0 and (first < 0 or h < first) and ed.blocks[h].kept \
                and TITLE_MIN_WORDS <= doc.stats[h].n_words <= TITLE_MAX_WORDS \
                and not _site_part(doc.blocks[h].text, top.text):
            best = doc.blocks[h]
            ed.set_meta("title", best.text)
            if top is not best:
                m = _SITE_SUFFIX.match(top.text[len(best.text):]) if top.text.startswith(best.text) else None
                if m:
                    ed.set_meta("site_name", _site_name(m.group("site")))
                ed.remove(top.index, "heuristic.title", "the page title: headline plus site name")
            ed.remove(best.index, "heuristic.title", "the headline (moved to metadata.title)")
            _remove_title_like(ed, doc, best.text, best.index)
            return ed.done()
        # no line restates it: the <title> line, minus its site part, names the page
        if top is not None and (first < 0 or top.index < first):
            parts = title_parts(top.text)
            name = max(parts, key=len).strip()
            st = doc.stats[top.index]
            # "Headline - Site" or "Headline | Section | Site"; not a menu ("Markets | Companies | ...")
            if (2 <= len(parts) <= TITLE_MAX_PARTS and len(name.split()) >= TITLE_NAMED_MIN_WORDS
                    and st.n_words <= TITLE_MAX_WORDS and not st.ends_sentence):
                ed.set_meta("title", name)
    cands = []
    head_first = next((b for b in head if doc.stats[b.index].n_words >= TITLE_MIN_WORDS), None)
    for b in head:
        st = doc.stats[b.index]
        if not (TITLE_MIN_WORDS <= st.n_words <= TITLE_MAX_WORDS):
            continue
        if html and b.tag not in TITLE_TAGS and not (b is head_first and st.n_words <= TITLE_PLAIN_MAX_WORDS
                                                    and not st.ends_sentence):
            # In HTML a headline is marked up as one, or (older pages) is the
            # main content's first short line; a lead or a kicker is neither.
            continue
        if b.text.endswith((".", ",", ";", ":")) and not b.text.endswith("..."):
            # a sentence ending in a full stop is a standfirst, not a headline;
            # "Putin visits North Korea. He was welcomed" still counts if it
            # has no final stop
            continue
        if is_date_line(b.text) or st.has_digit_only or b.text.endswith(("...", "…")):
            continue
        if _WEATHER.search(b.text) or len(_ALPHA_WORD.findall(b.text)) < TITLE_MIN_ALPHA_WORDS:
            continue  # "17.8 C" is a weather widget, not a headline
        if find_author(b.text) or (":" in b.text and _HAS_TIME.search(b.text)) or _COMMENT_SIG.match(b.text):
            continue  # "Posted by X - Friday, October 26, 2012 at 5:15 PM" is a byline
        cands.append(b)
    if not cands:
        return doc
    best = max(cands, key=lambda b: doc.stats[b.index].n_words)
    site = None
    for b in cands:
        if b is not best and len(b.text) < len(best.text) and best.text.startswith(b.text):
            rest = best.text[len(b.text):]
            m = _SITE_SUFFIX.match(rest)
            if m:
                site = m.group("site")
                best = b
                break
    # the <title> line itself ("Headline - Site") goes with the headline
    for b in cands:
        if b is not best and b.text.startswith(best.text) and _SITE_SUFFIX.match(b.text[len(best.text):]):
            ed.remove(b.index, "heuristic.title", "the page title: headline plus site name")
    ed.set_meta("title", best.text)
    if first < 0:
        # No body paragraph: the page is all short lines. Removing the
        # headline would make the next line a headline on a second pass.
        return ed.done()
    if site:
        ed.set_meta("site_name", _site_name(site))
    ed.remove(best.index, "heuristic.title", "the headline (moved to metadata.title)")
    _remove_title_like(ed, doc, best.text, best.index)
    return ed.done()


#: With a known headline (HTML), the lines searched for it, and how much of
#: it a line must hold ("Headline" in "Headline | Site" counts).
TITLE_SEARCH_LINES = 40
TITLE_TAGS = frozenset(("h1", "h2", "h3"))
TITLE_PLAIN_MAX_WORDS = 15
TITLE_MIN_MATCH = 0.6


def _site_part(line: str, title_line: str) -> bool:
    """``line`` is a shorter part of the <title> line ("Site" of "Headline - Site")."""
    parts = [title_key(p) for p in title_parts(title_line)]
    k = title_key(line)
    return len(parts) > 1 and k in parts and k != max(parts, key=len)


def _site_name(suffix: str) -> str:
    """The site's name in a <title>'s tail ("World | The Daily" → "The Daily")."""
    return suffix.split(" | ")[-1].split(" - ")[-1].strip()

_SITE_SUFFIX = re.compile(r"^\s*[-|–—:·•»]\s*(?P<site>\S.{0,80})$")


def take_dateline(doc: Document, ctx) -> Document:
    """A place name alone before the first paragraph ("Moscow:") is the dateline.

    An inline one ("MOSCOW (Reuters) - ...") stays in the text; its place and
    credit are copied to metadata.
    """
    ed = _Editor(doc, ctx)
    first, _ = body_bounds(doc)
    if first < 0:
        return doc
    kept = [b for b in doc.blocks if ed.blocks[b.index].kept]
    for pos, b in enumerate(kept):
        if b.index >= first:
            m = _INLINE_DATELINE.match(b.text)
            if m:
                ed.set_meta("dateline", m.group("place").title())
                if m.group("source"):
                    ed.add_meta("sources", m.group("source"))
            break
        nxt = kept[pos + 1] if pos + 1 < len(kept) else None
        if nxt is not None and nxt.index == first:
            m = _DATELINE.match(b.text)
            if m and doc.stats[b.index].n_words <= 4:
                ed.set_meta("dateline", m.group("place"))
                ed.remove(b.index, "heuristic.dateline", "dateline before the first paragraph (moved to metadata.dateline)")
    return ed.done()


def drop_glued_captions(doc: Document, ctx) -> Document:
    """Captions whose photo credit is glued on ("...at the airportReuters")."""
    ed = _Editor(doc, ctx)
    for b in doc.blocks:
        if not b.kept or doc.stats[b.index].n_words > CAPTION_MAX_WORDS or doc.stats[b.index].ends_sentence:
            continue
        m = _GLUED_CREDIT.search(b.text)
        if m and len(b.text) - len(m.group("credit")) >= 12:
            ed.add_meta("sources", m.group("credit").split("/")[0].strip())
            ed.remove(b.index, "heuristic.glued-caption",
                      f"image caption with the credit '{m.group('credit')}' glued on")
    return ed.done()


def _menu_like(doc: Document, i: int) -> bool:
    b = doc.blocks[i]
    if b.tag in ("li", "tr", "td", "dd", "dt"):
        return False  # HTML list items and table rows: lists are content where the DOM kept them
    if b.tag and b.link_density < MENU_HTML_MIN_LINK_DENSITY:
        return False  # in HTML a menu is links; unlinked short lines are specs, labels, ingredients
    st = doc.stats[i]
    if st.n_words == 0:
        return True
    if st.n_words > MENU_ITEM_MAX_WORDS or st.ends_sentence and st.n_words > 2:
        return False
    return st.title_case_share >= 0.5 or st.has_digit_only or b.text.startswith(("|", "»", "›", "•", "·"))


def _drop_runs(doc: Document, ctx, is_item, min_run: int, rule_id: str, what: str) -> Document:
    """Remove every run of ``min_run``+ kept lines for which ``is_item(block)``
    holds; lines removed earlier do not break a run (menus interleave with
    rule hits). ``what`` names the lines in the reason."""
    ed = _Editor(doc, ctx)
    run: list[int] = []

    def flush():
        if len(run) >= min_run:
            for j in run:
                ed.remove(j, rule_id, f"one of {len(run)} {what}")
        run.clear()

    for b in doc.blocks:
        if not ed.blocks[b.index].kept:
            continue
        if is_item(b):
            run.append(b.index)
        else:
            flush()
    flush()
    return ed.done()


#: A quantity standing alone before its unit ("225 g", "1 Pck.", "½ TL"), not
#: glued to letters as in a menu's "4K TV Buying Guide" or "5G Coverage Map".
_BARE_NUMBER = re.compile(r"[\d½¼¾⅓⅔⅛][\d.,/½¼¾⅓⅔⅛–-]*\s")


def drop_menu_runs(doc: Document, ctx) -> Document:
    """Runs of MENU_RUN_MIN+ short, title-cased, verbless lines: menus and link
    lists; and a blog's monthly archive list (see _drop_archive_runs)."""
    memo = line_memo(ctx, "menu-item", doc.language)

    def is_item(b) -> bool:
        key = (b.tag, b.text)
        item = memo.get(key)
        if item is None:
            # an ingredient ("1 Pck. Vanillepuddingpulver", "225 g Butter") is
            # not a menu item, even in a run with the list's heading
            st = doc.stats[b.index]
            ingredient = st.n_words >= 3 and _BARE_NUMBER.match(b.text) is not None and quantity_led(b.text)
            item = memo[key] = _menu_like(doc, b.index) and not ingredient and (
                st.n_words <= 2 or not _VERB_HINT.search(b.text))
        return item

    doc = _drop_runs(doc, ctx, is_item, MENU_RUN_MIN, MENU_RUN,
                     "consecutive short title-cased lines (menu or link list)")
    return _drop_archive_runs(doc, ctx)


#: One entry of a blog's monthly archive: "October 2012 (33)", "- Sept 2011 (4)".
_ARCHIVE_MONTH = re.compile(r"^(?:[-•·»]\s*)?([^\W\d_]{3,10})\.? ((?:19|20)\d\d)\s*\(\d{1,5}\)$")
#: This many such entries in a row, newest first, are an archive widget (a
#: table of monthly figures in an article runs oldest first).
ARCHIVE_RUN_MIN = 3


def _archive_month(text: str) -> int | None:
    m = _ARCHIVE_MONTH.match(text) if len(text) <= 30 else None
    month = month_number(m.group(1)) if m else None
    return int(m.group(2)) * 12 + month if month else None


def _drop_archive_runs(doc: Document, ctx) -> Document:
    """Runs of ARCHIVE_RUN_MIN+ "Month YYYY (N)" lines in descending order."""
    runs: list[list[int]] = []
    run: list[int] = []
    last = None
    for b in doc.blocks:
        if not b.kept:
            continue
        v = _archive_month(b.text) if b.text[-1:] == ")" else None
        if v is not None and last is not None and v < last:
            run.append(b.index)
        else:
            if len(run) >= ARCHIVE_RUN_MIN:
                runs.append(run)
            run = [b.index] if v is not None else []
        last = v
    if len(run) >= ARCHIVE_RUN_MIN:
        runs.append(run)
    if not runs:
        return doc
    ed = _Editor(doc, ctx)
    for run in runs:
        for j in run:
            ed.remove(j, "heuristic.archive-list", f"one of {len(run)} months of a blog's archive list, newest first")
    return ed.done()


#: A "Recent Comments" widget line: a commenter's name, then "on" and the
#: title of the post commented ("Jane Roe on Ten Ways to Fix a Bike"); the
#: word between them in the languages WordPress ships widely.
#: The name is one word (a handle: "zuzu") or up to three capitalised ones;
#: the title starts with a capital or a quote (not a digit: "Born on 4 July
#: 1931") and does not end a sentence ("Nació en Sevilla en 1960.").
_RECENT_COMMENT = re.compile(
    r"^(?:[\w.'’@-]+|(?:[A-ZÀ-ÖØ-Þ][\w.'’-]* ){1,2}[A-ZÀ-ÖØ-Þ][\w.'’-]*) (?:on|bei|sur|dans|en|em|su|op) "
    r"(?=[\"'“‘«„]?[A-ZÀ-ÖØ-Þ])[^\n]{4,159}[^.\n]$")
RECENT_COMMENTS_MIN_RUN = 3
RECENT_COMMENT_MAX_WORDS = 25


def drop_comment_widget(doc: Document, ctx) -> Document:
    """Runs of RECENT_COMMENTS_MIN_RUN+ "Name on Post title" lines: a
    sidebar's recent-comments list. Over the dev sets' text, none of the 434
    lines in such runs (84 runs) is in a gold article."""
    return _drop_runs(
        doc, ctx, lambda b: (doc.stats[b.index].n_words <= RECENT_COMMENT_MAX_WORDS
                             and _RECENT_COMMENT.match(b.text) is not None),
        RECENT_COMMENTS_MIN_RUN, "heuristic.comment-widget",
        "'Name on Post title' lines (a recent-comments widget)")


#: A thread's latest activity ("5 replies · last post by harbourfilm Jan 4,
#: 2024") dates its last reply, not the page: only a date before it counts
#: ("By Jane Doe · Jan 3, 2024 · Last comment Jan 5, 2024").
_LAST_ACTIVITY = re.compile(r"\b(?:last|latest|newest) (?:post|reply|comment|activity)\b", re.I)


def drop_outside_body(doc: Document, ctx) -> Document:
    """What lies outside the body segments is page furniture.

    Before the body: menus, labels, dates, widgets — dates, bylines and
    section labels found there go to metadata first (a date printed beside a
    weather widget or before the headline is the page's "today" header, not
    the publication date). After it: related lists, footers, tag lines (foot
    tags such as "- News" become categories).
    """
    if doc.content_type == "html":
        # The DOM front door already chose the content. Measured on 60 pages
        # per dev set: trimming to the best text run as well cost l3s 1.6 and
        # trafilatura-snippet 1.9 F1 points, for 0.4 on dragnet. Only what
        # follows a rule that ends the article ("Related", a comment form)
        # after the body goes.
        return _drop_after_end(doc, ctx)
    first, last = body_bounds(doc)
    if first < 0:
        return doc
    ed = _Editor(doc, ctx)
    title = doc.metadata.get("title")
    title_pos = next((r.start for r in doc.removals if r.rule_id == "heuristic.title"), None)
    for b in doc.blocks:
        i = b.index
        if in_body(doc, i):
            continue
        if i < first:
            after_title = title_pos is not None and b.start > title_pos
            author = find_author(b.text)
            if author:
                ed.set_meta("author", author)
            if after_title or title is None:
                activity = _LAST_ACTIVITY.search(b.text)
                d = find_date(b.text[:activity.start()] if activity else b.text)
                if d and not _beside_weather(doc, i) and not is_other_date(b.text):
                    ed.set_meta("date", d)
            elif title is not None and doc.stats[i].n_words <= 4 and b.kept:
                # a label that survived the rules and the menu heuristic: a
                # section name, not a menu item or a button
                labels = section_labels(b.text)
                if labels:
                    ed.add_meta("categories", labels)
                    ed.meta["section"] = labels[-1]  # the most specific breadcrumb
            if b.kept and b.text != title:  # the headline stays if heuristic.title is off
                ed.remove(i, "heuristic.before-body",
                          "before the article body (menu, label, date, teaser or widget)")
        elif i > last:
            if b.kept:
                if doc.stats[i].n_words <= 3:
                    labels = section_labels(b.text.lstrip("-–—•· "))
                    if labels:
                        ed.add_meta("categories", labels)
                ed.remove(i, "heuristic.after-body",
                          "after the article body (related links, footer or teaser)")
        elif b.kept:
            ed.remove(i, "heuristic.between-body",
                      "between two parts of the body, in a stretch of furniture")
    return ed.done()


def _drop_after_end(doc: Document, ctx) -> Document:
    first, last = body_bounds(doc)
    if first < 0 or ctx is None:
        return doc
    by_id = ctx.rules.by_id
    end = next((b.index for b in doc.blocks[last + 1:] if not b.kept and b.removed_by
                and getattr(by_id.get(b.removed_by), "ends_article", False)), None)
    # Inside the body too: a related-content heading after which the prose
    # does not continue the story's vocabulary ends the article.
    blocks = doc.blocks
    for b in blocks[first + 1:last + 1]:
        r = by_id.get(b.removed_by) if not b.kept and b.removed_by else None
        if r is None or r.kind != "section" or b.removed_by.startswith("comments."):
            continue
        nxt = next((x.index for x in blocks[b.index + 1:last + 1] if x.kept and doc.labels[x.index] == "good"), None)
        if nxt is None:
            break
        if (_article_words(doc, first, b.index) >= COMMENT_HEADED_ARTICLE_WORDS
                and not continues(doc, (first, b.index - 1), (nxt, last))):
            end = b.index if end is None else min(end, b.index)
        break
    if end is None:
        return doc
    ed = _Editor(doc, ctx)
    for b in doc.blocks[end + 1:]:
        if b.kept:
            ed.remove(b.index, "heuristic.after-body",
                      "after the article body, past a heading or form that ends it")
    return ed.done()


_WEATHER = re.compile(r"^-?\d{1,3}(?:[.,]\d)?\s*°?\s*[CF]\b|°", re.I)


def _beside_weather(doc: Document, i: int) -> bool:
    for j in (i - 1, i + 1):
        if 0 <= j < len(doc.blocks) and _WEATHER.search(doc.blocks[j].text):
            return True
    return False


#: A comment header or footer: "Posted by: Sean | Jan 10, 2008 4:49 PM",
#: "by GameboyRMH (1153867) writes:", "Jane says: June 5, 2024 at 10:02 am",
#: "Reply", "Flag as Inappropriate". Three or more inside or after the body
#: mean a comment thread (dev text track: threads carry one per comment;
#: articles quote people in full sentences, not in short "X says:" lines).
COMMENT_MIN_SIGNATURES = 3
COMMENT_SIGNATURE_MAX_WORDS = 25
#: Comments are short: the median distance between two headers is at most
#: this many lines (dev: 2-5 in threads; 8-40 between posts of a blog home page).
COMMENT_MAX_TYPICAL_GAP = 7
_TIME = r"\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?"
_COMMENT_SIG = re.compile(
    r"^(?:(?:[-–—]\s*)?(?:posted|written|submitted|commented|comment|reply|answered|geschrieben|publié|publicado)\s+(?:by|von|par|por)\b:?"
    r"|(?:by\s+)?\S+(?:\s+\S+){0,4}?\s+(?:\(\s*\d+\s*\)\s+)?(?:says|said|wrote|writes|replied|commented|schreibt|sagt|schrieb|dit|a écrit|dice|escribió)\s*:"
    # "Matthew said..." / "Progress Trap said," alone on a line (Blogger,
    # WordPress); "That said..." is prose
    r"|(?!(?:that|this|it|he|she|we|they|you|i|who|which|having|as|all|enough|much)\s)"
    r"\S+(?:\s+\S+){0,4}?\s+(?:says|said|wrote|writes)\s*(?:,|\.\.\.|…)$"
    r"|(?:reply|reply to this(?: comment| parent| post)?(?: share)?|(?:log|sign) ?in to (?:reply|comment)|flag as inappropriate|report(?: abuse| comment| this comment)?|permalink|quote|reply ↓|antworten|répondre|responder)$"
    # "Comment No. 1034545" (numbered comments); "[Offensive? Unsuitable? Report this comment. ]"
    r"|comment\s+(?:no\.?|number|#)\s*\d+$|[\[(]?\s*offensive\?\s*unsuitable\?\s*report this comment\.?\s*[\])]?$"
    # "Fri, 2012-11-09 15:30 — Pentangelis (not verified)" (Drupal)
    r"|(?:\w{3},\s+)?\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}\s*[—–-]\s*\S.{0,60}$"
    # "http://twitter.com/danamac Dana McMahan": a commenter's site, then name (Disqus)
    r"|https?://\S+(?:\s+[^\W\d_][\w.'’-]*){1,5}$"
    r"|(?:#?\d+\.?\s+)?\S+(?:\s+\S+){0,5}\s*[|,·•@-]\s*(?:\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}\s+\w+\.?\s+\d{4})(?:,?\s*(?:at\s+)?" + _TIME + r")?\s*$"
    r"|(?:\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w+\.?\s+\d{4})\s*(?:at\s+|um\s+|à\s+)?" + _TIME + r"\s*$)",
    re.I)


#: A header numbered 1 this close above the first body paragraph, and one
#: numbered 2 after it, make the page a forum thread (Discourse "... 3:24pm 1",
#: vBulletin and XenForo "#1"). Plain timestamps do not: blogs head their
#: posts and comments with the same kind.
FORUM_HEADER_WITHIN = 3
#: ... or this many lines of member details ("4931 posts") among the posts.
FORUM_MEMBER_COUNTS = 2
_POST_NUMBER = re.compile(r"#(\d{1,5})\b|\s(\d{1,5})$")


def _post_number(text: str) -> int | None:
    m = _POST_NUMBER.search(text)
    return int(m.group(1) or m.group(2)) if m else None


#: "76 Replies" over the posts is a forum's count: a blog counts "comments";
#: "4931 posts", "Joined: May 2019", "Member", "Discussion starter" beside the
#: authors are a forum's member details.
_FORUM_COUNT = re.compile(r"^\d[\d,.]*\s+(?:replies|posts)$", re.I)
_MEMBER_POSTS = re.compile(
    r"^(?:(?:posts|messages|reaction score):?\s*\d[\d,.]*k?|\d[\d,.]*k?\s+posts(?:\s*[·•|]\s*joined\s+\S.{0,30})?"
    # "Discussion starter" alone or after the poster's name ("ninja Discussion
    # starter"); "Classroom discussion starter" is a phrase, not a badge
    r"|(?:discussion|thread) starter|(?-i:\S{1,40} (?:Discussion|Thread) starter)"
    r"|(?:senior |junior |new |registered |active |well-known )?member|joined:?(?:\s+\S.{0,30})?"
    r"|[\d.,]+k?\s+views\s+[\d.,]+k?\s+repl(?:y|ies)\b.{0,80})$", re.I)


#: XenForo prints a member's "Reaction score" and its number on lines of their own.
_REACTION_LABEL = re.compile(r"^reaction score:?$", re.I)


def _forum_count(doc: Document, first: int, sig: int) -> bool:
    if any(_FORUM_COUNT.match(b.text) for b in doc.blocks[max(0, first - FORUM_HEADER_WITHIN):sig]):
        return True
    blocks = doc.blocks
    return sum(1 for b in blocks[first:] if len(b.text) <= 120 and (
        _MEMBER_POSTS.match(b.text) or (_REACTION_LABEL.match(b.text) and b.index + 1 < len(blocks)
                                        and blocks[b.index + 1].text.replace(",", "").isdigit()))) >= FORUM_MEMBER_COUNTS


#: A post's number on a line of its own ("#1", "#2": XenForo, Discourse).
_POST_NUMBER_LINE = re.compile(r"^#(\d{1,5})$")
#: This many such lines from the body's start, each number above the one
#: before by at most FORUM_POST_GAP (#1, #2, #3; page 2's #21, #22, #24: a
#: deleted post leaves a gap), make the page a thread.
FORUM_POST_NUMBERS = 3
FORUM_POST_GAP = 3


#: The first post's number comes at most this many lines into the body (its
#: header: name, title, join date, post date).
FORUM_FIRST_POST_WITHIN = 12
#: A thread's own chrome, of which the posts so numbered must show
#: FORUM_CHROME_MIN lines (a timeline's "March 3, 2021 / #1" entries
#: have none; its comment thread's "Reply" buttons come after them).
_FORUM_CHROME_HINT = re.compile(r"^(?:reactions: .{1,80}|last edited:.{0,40}|original poster|thread starter.{0,40}"
                                r"|click to expand\.*|joined.{0,30}|reply)$", re.I)
FORUM_CHROME_MIN = 2
FORUM_CHROME_KINDS = 2


def _post_number_lines(doc: Document, first: int) -> bool:
    """The posts from the body's start are numbered on lines of their own,
    rising (#1, #2, #3 ...; a later page starts at #21), each closing its
    post's header with a date just above it (a list's ranks, "#1" over an
    album's name, carry no dates), and those posts show a thread's chrome
    ("Reactions: ...", "Last edited:", "Reply")."""
    prev, count, one, first_number = 0, 0, -1, 0
    blocks = doc.blocks
    lo = max(0, first - FORUM_HEADER_WITHIN)
    for b in blocks[lo:]:
        if not count and b.index > first + FORUM_FIRST_POST_WITHIN:
            return False
        # (a member card above it can make it the end of a menu-like run)
        m = (_POST_NUMBER_LINE.match(b.text) if (b.kept or b.removed_by == MENU_RUN)
             and len(b.text) <= 6 else None)
        if m and (not count or prev < int(m.group(1)) <= prev + FORUM_POST_GAP) and any(
                is_date_line(blocks[j].text) for j in range(max(0, b.index - FORUM_HEADER_WITHIN), b.index)):
            if not count:
                one, first_number = b.index, int(m.group(1))
            prev, count = int(m.group(1)), count + 1
            if count >= FORUM_POST_NUMBERS:
                # the chrome is the posts' own, between the first post's
                # number and the last: FORUM_CHROME_MIN kept lines of it under
                # numbers from #1, or else two kinds of it, kept or taken by a
                # comment rule ("Original poster", "Last edited: ...", "Click
                # to expand..."): a dated list's "Joined from Porto" under its
                # "#21", or a puzzle's spoiler boxes, are one kind
                chrome = [c for c in blocks[one:b.index] if len(c.text) <= 100
                          and (c.kept or (c.removed_by or "").startswith("comments."))
                          and _FORUM_CHROME_HINT.match(c.text)]
                kinds = {c.text.casefold().replace(":", " ").split()[0] for c in chrome}
                return len(kinds) >= FORUM_CHROME_KINDS or (
                    first_number == 1 and sum(1 for c in chrome if c.kept) >= FORUM_CHROME_MIN)
    return False


def _numbered_posts(doc: Document, first: int, sigs: list[int]) -> bool:
    opening = [b for b in doc.blocks[max(0, first - FORUM_HEADER_WITHIN):first]
               if _is_comment_header(b.text, doc.stats[b.index]) and _post_number(b.text) == 1]
    return bool(opening) and any(_post_number(doc.blocks[i].text) == 2 for i in sigs[:4])


#: Words of prose the article must have before a comment thread starts.
COMMENT_MIN_ARTICLE_WORDS = 100
#: ... or this many, when a comments rule's heading opens the thread (a count
#: such as "99 comments" beside the byline comes before any of the article).
COMMENT_HEADED_ARTICLE_WORDS = 30
#: A timestamp line ("#1.2 - Tue Jul 24, 2012 12:06 PM EDT") has at most this many words.
TIMESTAMP_MAX_WORDS = 12
_HAS_TIME = re.compile(r"\b" + _TIME + r"(?:\s*[A-Z]{2,4}\b)?")
_SIG_WORDS = re.compile(r"\b(?:by|reply|replies|posted|says|said|wrote|writes|permalink|report|antworten|répondre)\b|@", re.I)


#: A numeric date, any order, 2- or 4-digit year ("01/09/08", "4/25/2005").
_NUMERIC_DATE = r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d\d)"
_TEXT_DATE = r"[^\W\d_]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\.?\s+[^\W\d_]{3,9}\.?,?\s+\d{4}"
_NUMERIC_STAMP = re.compile(r"\b" + _NUMERIC_DATE + r"\b")
#: A comment's header glued to its text: a name (and place) of at most eight
#: words, then a date and a time ("Ann, Lagos Nigeria 1/8/2008 5:49 PM Thanks ...").
_LEADING_STAMP = re.compile(r"^(?:\S+\s+){1,8}?(?:on\s+|at\s+|[|,·•-]\s*)?(?:" + _NUMERIC_DATE + "|" + _TEXT_DATE
                            + r"),?\s+(?:at\s+|um\s+|à\s+)?" + _TIME + r"\s+\S", re.I)


def _is_comment_header(text: str, st) -> bool:
    """A comment's header or footer line (author, timestamp, reply links)."""
    has_time = ":" in text and _HAS_TIME.search(text) is not None  # a time needs a colon
    if has_time and _LEADING_STAMP.match(text[:120]):
        return True
    if st.n_words > COMMENT_SIGNATURE_MAX_WORDS:
        return False
    if (has_time and st.n_words <= TIMESTAMP_MAX_WORDS and _NUMERIC_STAMP.search(text)
            and _SIG_WORDS.search(text)):
        return True  # "BY KEVJOHN AT 01/09/08 10:54 AM": a signed numeric timestamp
    if is_date_line(text) or (st.n_words <= TIMESTAMP_MAX_WORDS and has_time and find_date(text)):
        # "#1 - Tue Jul 24, 2012 10:14 AM EDT": a timestamp line heads a
        # comment; a bare date without a time heads a blog post instead.
        return has_time
    if _COMMENT_SIG.match(text):
        return True
    # "by Athletix Man on Aug 8, 2012 5:24 PM PDT up reply actions"
    return (has_time and not st.ends_sentence
            and _SIG_WORDS.search(text) is not None and find_date(text) is not None)


#: "Various people wrote:" with nothing else on the line: no date, no time.
_SAYS_LINE = r"^[^\d:]{{1,60}}\s(?:{})\s*:$"
_QUOTED_SAYS = re.compile(_SAYS_LINE.format("wrote|writes|said|says"), re.I)
#: ... and in the other languages a quote's attribution appears in.
_SAYS_ANY = re.compile(_SAYS_LINE.format("wrote|writes|said|says|sagt|schreibt|schrieb|dit|écrit|dice|escribe|"
                                         "scrive|zegt|schrijft"), re.I)


def _is_timestamp(text: str) -> bool:
    """A line that is a date, or a short line with a clock time ("9:14 am")."""
    return is_date_line(text) or (_HAS_TIME.search(text) is not None and len(text.split()) <= TIMESTAMP_MAX_WORDS)


def _dated_says(doc: Document, i: int) -> bool:
    """Line ``i`` is "X says:" over a timestamp: a comment's signature (a
    quote's attribution has the quote under it)."""
    return (_SAYS_ANY.match(doc.blocks[i].text) is not None and i + 1 < len(doc.blocks)
            and _is_timestamp(doc.blocks[i + 1].text))
_URL_LED = re.compile(r"https?://\S+\s")
#: A post's title or footer with its comment count ("Hot Fixes [ 11 Comments ]",
#: "Posted in News | 3 comments"): entries that carry one are posts, not comments.
_COMMENT_COUNT_END = re.compile(r"(?:\[\s*(?:\d+\s+)?comments?\s*\]|\b(?:\d+|no)\s+comments?)\s*$", re.I)


#: A comment speaks for its writer; a line describing a linked site does not.
_FIRST_PERSON = re.compile(r"\b(?:i|i['’](?:m|ve|d|ll)|my|me|ich|mein|je|j['’]ai|moi|yo|mi|io|eu|ik|mijn)\b", re.I)
#: ... in at least this share of the texts under site-and-name headers.
URL_LED_MIN_FIRST_PERSON = 1 / 3


def _without_link_lists(doc: Document, sigs: list[int]) -> list[int]:
    """Signatures minus site-and-name lines ("https://example.org Example")
    that head no comments: lines next to one another (a list of links), or
    lines whose texts under them seldom speak in the first person (a list of
    resources, each link over a line describing it). A commenter's site and
    name head a comment ("I know exactly how you feel")."""
    led = {i for i in sigs if _URL_LED.match(doc.blocks[i].text)}
    if not led:
        return sigs
    ends = sigs[1:] + [len(doc.blocks)]
    spoken = sum(1 for i, j in zip(sigs, ends) if i in led
                 and any(b.kept and _FIRST_PERSON.search(b.text) for b in doc.blocks[i + 1:j]))
    if spoken < URL_LED_MIN_FIRST_PERSON * len(led):
        return [i for i in sigs if i not in led]
    return [i for i in sigs if i not in led or (i - 1 not in led and i + 1 not in led)]


def drop_comment_thread(doc: Document, ctx) -> Document:
    """A comment thread inside or after the body: from its start to the end.

    The thread starts at the first signature line; when signatures follow
    their comments ("...text / Posted by: X | date"), it starts one typical
    comment earlier. A forum thread (numbered posts from the body's start)
    keeps its replies and sets ``metadata.page_type`` to ``forum``.
    """
    first, last = body_bounds(doc)
    if first < 0 or doc.metadata.get("page_type") == "forum":
        return doc
    memo = line_memo(ctx, "comment-header", doc.language)
    sigs = []
    headed = False  # a comments rule fired: "Posted by X on <date>" lines after it sign comments
    for b in doc.blocks[first:]:
        by = b.removed_by or ""
        # a comments rule's section may have taken the first comment's header
        # with the heading: it still marks where the thread starts
        headed = headed or by.startswith("comments.")
        if b.kept or by.startswith("comments.") or (headed and by == "meta.posted-by"):
            sig = memo.get(b.text)
            if sig is None:
                sig = memo[b.text] = _is_comment_header(b.text, doc.stats[b.index])
            if sig:
                sigs.append(b.index)
    sigs = _without_link_lists(doc, sigs)
    if sigs:
        # The thread's heading ("21 Comments", "Leave a Reply") after the first
        # signature, with a thread's worth of signatures past it: what signs
        # above it is the article's (a quote's "Plantur sagt:", the byline),
        # unless it is a comment's "X says:" over its timestamp (a featured
        # comment, which keeps its place in the thread).
        hd = next((b.index for b in doc.blocks[sigs[0] + 1:sigs[-1]]
                   if (b.removed_by or "").startswith("comments.") and _COMMENT_HEADING.match(b.text)), -1)
        if hd >= 0 and sum(1 for i in sigs if i > hd) >= COMMENT_MIN_SIGNATURES:
            sigs = [i for i in sigs if i > hd or _dated_says(doc, i)]
    if (len(sigs) > COMMENT_MIN_SIGNATURES and _article_words(doc, first, sigs[0]) < COMMENT_HEADED_ARTICLE_WORDS
            and _article_words(doc, sigs[0], sigs[1]) >= COMMENT_MIN_ARTICLE_WORDS
            and not _same_kind(doc, sigs[0], sigs[1:])):
        # "Posted by X on Friday @08:00PM" above the article is its byline:
        # the thread's signatures are those after the article (unless they
        # are bylines too: the posts of a blog's front page)
        sigs = sigs[1:]
    if (len(sigs) >= COMMENT_MIN_SIGNATURES and (_numbered_posts(doc, first, sigs) or _forum_count(doc, first, sigs[0]))
            or _post_number_lines(doc, first)):
        # The body opens with post #1's header and post #2's follows: a forum
        # thread, whose posts are the content. Remembered for the settling
        # passes, which no longer see the first header.
        ed = _Editor(doc, ctx)
        _mark_forum(ed)
        return ed.done()
    if len(sigs) < COMMENT_MIN_SIGNATURES:
        return _drop_named_thread(doc, ctx, first)
    # signatures after their comments: little text after the last one
    kept_after_last = sum(1 for b in doc.blocks[sigs[-1] + 1:] if b.kept and doc.labels[b.index] in ("good", "near"))
    gaps = sorted(b - a for a, b in zip(sigs, sigs[1:]))
    typical = gaps[len(gaps) // 2]
    if typical > COMMENT_MAX_TYPICAL_GAP:
        return doc  # long stretches between headers: posts of a blog page, not comments
    counted = sum(1 for b in doc.blocks[sigs[0]:sigs[-1] + 1] if _COMMENT_COUNT_END.search(b.text))
    if counted >= max(2, len(sigs) // 2):
        return doc  # the signed entries carry comment counts: posts of a news page, not comments
    start = sigs[0]
    if kept_after_last < max(1, typical // 2) and typical > 1:
        start = max(first + 1, sigs[0] - (typical - 1))
    # A comments rule's heading ("Leave a Reply", "You can follow this
    # conversation") between the article and the first signature opens the
    # thread; its first comment may be above that signature.
    # Only after the main run's start (a count beside a teaser's byline above
    # the article is no heading), unless the main run is the thread itself:
    # its first signature opens it, and the article is an earlier run.
    lo = doc.body[0][0]
    if sigs[0] - lo <= typical:
        lo = first
    heading = next((b.index for b in reversed(doc.blocks[max(first, lo) + 1:sigs[0]])
                    if (b.removed_by or "").startswith("comments.") and _COMMENT_HEADING.match(b.text)), -1)
    if heading < 0 and all(_QUOTED_SAYS.match(doc.blocks[i].text) for i in sigs):
        # every signature a bare "Jane wrote:" (no timestamp, no reply link)
        # and no comments heading: an essay quoting readers' mail, a letters
        # page (on the dev sets only one page changes: readability +0.14)
        return doc
    if heading >= 0 and _article_words(doc, first, heading) >= COMMENT_HEADED_ARTICLE_WORDS:
        start = min(start, heading + 1)
    # the article before the thread must be substantial (its own dateline
    # timestamp or byline is not a comment)
    elif _article_words(doc, first, start) < COMMENT_MIN_ARTICLE_WORDS:
        return doc
    ed = _Editor(doc, ctx)
    for b in doc.blocks[start:]:
        if b.kept:
            ed.remove(b.index, "heuristic.comment-thread",
                      f"in the comment thread ({len(sigs)} comment headers from here on)")
    return ed.done()


#: A commenter's name line: a few words, no sentence end ("Stephen B", "Frank @ Toronto").
COMMENT_NAME_MAX_WORDS = 5
#: How far after a comment heading to look for the names that sign comments.
COMMENT_NAME_WINDOW = 60
#: ... the first of them within this many lines of it.
COMMENT_FIRST_NAME_WITHIN = 4


#: Headings that can only open comments ("Comments" or "Discussion" alone
#: also head article sections and related lists).
_COMMENT_HEADING = re.compile(
    r"^(?:[({\[]\s*)?(?:(?:\d+|one|two|three)\s+(?:comments?|responses?|replies|thoughts?)"
    r"(?:\s+(?:to|on)\s+[\"“‘«].{1,150}|\s+to\s+(?-i:[A-Z]).{0,149}[^.])?|\d+\s+users?\s+responded\s+in\s+[\"“‘«].{1,150}|\d+\s+(?:kommentare?|commentaires?|comentarios?|commenti)"
    r"|leave a (?:reply|comment)|post a comment|add (?:a|your) comment|reader comments|reader(?:s['’]?)? views(?:\s+\(\d+\))?|"
    r"join the (?:discussion|conversation)|comments are (?:now )?closed.{0,40}|what do you think\?"
    r"|you can follow this conversation by subscribing to the comment feed for this post\.?"
    r"|(?:the fine print: )?the following comments are owned by whoever posted them(?:\..{0,120})?"
    r"|schreibe einen kommentar|laisser un commentaire|deja un comentario)\s*[:.]?(?:\s*[)}\]])?$", re.I)


def _same_kind(doc: Document, i: int, others: list[int]) -> bool:
    """Whether a later signature opens with the same two words as line ``i``."""
    head = doc.blocks[i].text.split()[:2]
    return any(doc.blocks[j].text.split()[:2] == head for j in others)


def _drop_named_thread(doc: Document, ctx, first: int) -> Document:
    """A comment heading ("3 Comments", "Comments are now closed") that a
    comments rule removed, followed by comments signed with bare names: a
    short line, then the comment's prose. From the heading to the end."""
    # after the start of the best body run: a "3 Comments" link above the
    # story (beside its byline) heads no thread
    for b in doc.blocks[doc.body[0][0] + 1:]:
        if not (b.removed_by or "").startswith("comments.") or not _COMMENT_HEADING.match(b.text):
            continue
        after = [x for x in doc.blocks[b.index + 1:] if x.kept][:COMMENT_NAME_WINDOW]
        signed = [j for j, (x, nxt) in enumerate(zip(after, after[1:]))
                  if doc.labels[nxt.index] in ("good", "near") and _name_line(x.text, doc.stats[x.index])]
        names = len(signed)
        # the first comment's name comes right after the heading (a count
        # link above the story is followed by the story itself)
        if names < COMMENT_MIN_SIGNATURES or signed[0] > COMMENT_FIRST_NAME_WITHIN:
            continue
        if _article_words(doc, first, b.index) < COMMENT_MIN_ARTICLE_WORDS:
            return doc
        ed = _Editor(doc, ctx)
        for x in doc.blocks[b.index + 1:]:
            if x.kept:
                ed.remove(x.index, "heuristic.comment-thread",
                          f"in the comment thread after '{b.text[:40]}' ({names} comments signed by name)")
        return ed.done()
    return doc


def _article_words(doc: Document, first: int, end: int) -> int:
    """Words of the kept body paragraphs from ``first`` up to ``end`` (the
    article a comment thread must follow)."""
    return sum(doc.stats[i].n_words for i in range(first, end)
               if doc.labels[i] == "good" and doc.blocks[i].kept)


def _name_line(text: str, st) -> bool:
    return (0 < st.n_words <= COMMENT_NAME_MAX_WORDS and not st.ends_sentence
            and not st.has_digit_only and text[-1:] not in ",;")


_BOUNDARY_HEURISTICS = frozenset({MENU_RUN, "heuristic.between-body",
                                  "heuristic.after-body", "heuristic.comment-thread"})


def _is_boundary(rule_id, ctx) -> bool:
    if rule_id is None:
        return False
    if rule_id in _BOUNDARY_HEURISTICS:
        return True
    rule = ctx.rules.by_id.get(rule_id) if ctx is not None else None
    return rule is not None and rule.kind == "section"


#: A kept paragraph of at least this many words that repeats an earlier kept
#: one word for word is a copy: a "Republish this story" box holding the
#: article again, a print version, a pull quote.
REPEAT_MIN_WORDS = 12


def drop_repeated_paragraphs(doc: Document, ctx) -> Document:
    """Later copies of a kept paragraph (whitespace and case folded) go, when
    furniture that ends an article ("Republish this story", "Related") stands
    between the copies: a page printing its story twice in a row (some gold
    sets keep both) is left alone. First, comments' and posts' "Reply"
    buttons go (_drop_reply_buttons), then, on a forum thread, posters' badges
    and signatures (every copy of a signature: see _drop_forum_chrome)."""
    doc = _drop_reply_buttons(doc, ctx)  # first: a signature closes its post when its "Reply" has gone
    if doc.metadata.get("page_type") == "forum":
        doc = _drop_forum_chrome(doc, ctx)
    seen: dict[str, int] = {}
    ed = None
    barriers = [b.index for b in doc.blocks if not b.kept and ends_article(ctx, b.removed_by)]
    if not barriers:
        return doc
    for b in doc.blocks:
        if not b.kept or doc.stats[b.index].n_words < REPEAT_MIN_WORDS:
            continue
        key = " ".join(b.text.casefold().split())
        first = seen.get(key)
        if first is not None and any(first < i < b.index for i in barriers):
            ed = ed or _Editor(doc, ctx)
            ed.remove(b.index, "heuristic.repeated", "repeats an earlier paragraph word for word "
                      "(a republishing box, a print copy, a pull quote)")
        elif first is None:
            seen[key] = b.index
    return ed.done() if ed else doc


#: A comment's or a post's reply button on a line of its own.
_REPLY_BUTTON = re.compile(r"^(?:reply|antworten|répondre|responder|rispondi)$", re.I)
#: ... is one when the page has at least this many: once, "Reply" is as
#: likely the subheading over an advice column's answer.
REPLY_BUTTONS_MIN = 2


#: On a page that is not a thread, a "Reply" is a button when a comment's
#: timestamp is at most this many lines above it (an advice column's "Reply"
#: subheading has the reader's letter above it).
REPLY_STAMP_WITHIN = 4


def _drop_reply_buttons(doc: Document, ctx) -> Document:
    """Bare "Reply" lines, when the page has REPLY_BUTTONS_MIN+ of them, in a
    forum thread or under a comment's timestamp: each comment's or post's
    button (in a thread the posts stay, the buttons go). After
    drop_comment_thread, which reads them as signatures."""
    forum = doc.metadata.get("page_type") == "forum"
    blocks = doc.blocks
    hits = [b.index for b in blocks if b.kept and len(b.text) <= 10 and _REPLY_BUTTON.match(b.text)
            and (forum or any(_is_timestamp(blocks[j].text)
                              for j in range(max(0, b.index - REPLY_STAMP_WITHIN), b.index)))]
    if len(hits) < REPLY_BUTTONS_MIN:
        return doc
    ed = _Editor(doc, ctx)
    for i in hits:
        ed.remove(i, "heuristic.reply-button", f"one of {len(hits)} 'Reply' buttons (a comment's or a post's)")
    return ed.done()


#: On a forum thread, a poster's badge or the post's reactions on a line of
#: its own ("Discussion starter", "Reactions: ruuke and bud16415"), and the
#: member card's rank and labels ("Senior Member", "Moderator", "Joined",
#: "Posts", "Reaction score"). Only here: elsewhere "Reactions: rash and
#: fever" and "Posts" are subheadings.
#: (The ranks are a wider list than _MEMBER_POSTS, which tells a thread
#: from an article: "Full Member" is also a club's heading.)
_FORUM_BADGE = re.compile(
    r"^(?:(?:discussion|thread) starter|reactions: [^.!?]{1,80}|joined|posts|messages|reaction score"
    r"|(?:trophy )?points|likes received|(?:(?:new|junior|senior|established|active|well-known|valued|veteran"
    r"|respected|distinguished|elite|registered|premium|supporting|full|regular) )?member"
    r"|(?:super )?moderator|administrator|staff member)$", re.I)
#: On a forum thread, a line that closes a post (the post's removed controls
#: follow it) this many times word for word is a poster's signature ("JVC RS2,
#: Marantz AV7005, ..."), and every copy goes. A line quoted in replies is
#: followed by the reply, so it does not close a post.
SIGNATURE_MIN_COPIES = 3
#: A quote's attribution ("aikman said:", vBulletin's "Originally Posted by
#: aikman"): the lines under it that copy earlier lines are the quote, however
#: the box ends ("Click to expand..." is removed chrome too); the reply's own
#: first line ends it.
_QUOTE_ATTRIBUTION = re.compile(r"^(?:.{1,60}\b(?:said|wrote|schrieb|a écrit|escribió|ha scritto|schreef):"
                                r"|originally posted by \S.{0,50})$", re.I)
#: ... and has at least this many words: a short closing line ("Thanks, that
#: worked for me.") can recur in a thread as the posters' own words. On the
#: dev sets' forum threads, four words and no closing test gained more (five
#: threads, +.007 to +.03) but took posters' own repeated lines; this
#: setting keeps part of that gain (the signatures there run 8-30 words).
SIGNATURE_MIN_WORDS = 6


#: A post's stamp besides a date line: a day or a date with a time, seconds
#: and all ("Yesterday, 11:42 PM", "Saturday at 8:01 PM", "04-13-2023, 03:12
#: PM", "March 02, 2024, 08:40:51 PM"), a bare clock time with am/pm (a race
#: time, "2:29:47", has none), or an age ("2 hours ago").
_MONTH_EN = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
             r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?"
_DAY_STAMP = re.compile(
    r"^(?:(?:(?:yesterday|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    rf"|{_MONTH_EN} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}})(?:,? at|,)? {_CLOCK}"
    rf"(?:\s*[ap]\.?m\.?)?|{_CLOCK}\s*[ap]\.?m\.?|\d+ (?:seconds?|minutes?|mins?|hours?|days?|weeks?) ago)$", re.I)


def _post_stamp(text: str) -> bool:
    """A post's date or time alone on its line. (A header around it, "Post by
    joe » Tue Mar 05, 2024 3:12 pm", is not read: "Finished in 2:41 on Sep
    24, 2023" in a post's own list would be read the same.)"""
    return is_date_line(text) or _DAY_STAMP.match(text) is not None


#: A poster's name under an avatar's letter has at most this many words ...
AVATAR_NAME_MAX_WORDS = 3
#: ... and the post's number ("#4") follows within this many lines, before
#: any other lone letter: the letter heads the post's header.
AVATAR_HEADER_WITHIN = 10


def _avatar_letter(blocks, i: int) -> bool:
    """A capital letter alone on its line over a short line starting with it,
    heading a post's header that ends in the post's number: an avatar without
    a picture ("F" over "felixen", "Jul 9, 2022", "#1"). A post's own "A" (an
    answer to circle) has the post's text under it, or the post's end."""
    t = blocks[i].text
    if len(t) != 1 or not t.isupper() or i + 1 >= len(blocks):
        return False
    name = blocks[i + 1].text
    if name[:1].casefold() != t.casefold() or len(name.split()) > AVATAR_NAME_MAX_WORDS:
        return False
    for b in blocks[i + 2:i + 2 + AVATAR_HEADER_WITHIN]:
        if _POST_NUMBER_LINE.match(b.text):
            return True
        if len(b.text) == 1 and b.text.isupper():
            return False  # the next post's avatar
    return False


def _drop_forum_chrome(doc: Document, ctx) -> Document:
    ed = _Editor(doc, ctx)
    blocks = doc.blocks
    # The posts' numbers, "#21", "#22" ... rising in page order (a page of a
    # thread starts anywhere, posts may be deleted), each just under its
    # post's stamp (a date, "Yesterday at 3:12 PM"). A post's own ranked list
    # ("#1" over a film) goes back down, or has no stamp over its numbers (a
    # race time, "2:15:30", is none), so it stays; the settling passes go on
    # from the last number removed.
    last = max((int(r.text[1:]) for r in doc.removals if r.rule_id == "heuristic.post-number"), default=0)
    for b in blocks:
        if len(b.text) > 100:
            continue
        if b.kept and _FORUM_BADGE.match(b.text):
            ed.remove(b.index, "heuristic.forum-badge", "a poster's badge or member card, or a post's reactions, "
                      "in a forum thread")
            continue
        if b.kept and _avatar_letter(blocks, b.index):
            ed.remove(b.index, "heuristic.forum-badge", "the letter an avatar without a picture shows, "
                      "over its poster's name, in a forum thread")
            continue
        m = _POST_NUMBER_LINE.match(b.text)
        if m and int(m.group(1)) > last and any(
                _post_stamp(blocks[j].text) for j in range(max(0, b.index - FORUM_HEADER_WITHIN), b.index)):
            last = int(m.group(1))
            if b.kept:
                ed.remove(b.index, "heuristic.post-number", f"post #{last}'s number under its date or time in a forum thread")
    if not any(r.rule_id == "heuristic.qa-chrome" for r in doc.removals):  # code recurs in Q&A answers
        closing: dict[str, list[int]] = {}
        seen: set[str] = set()
        quoting = False  # inside a quote box: its attribution, then the lines it copies
        for b in blocks:
            i = b.index
            if _QUOTE_ATTRIBUTION.match(b.text):  # (a rule may have taken it: "Originally Posted by")
                quoting = True
                continue
            if not ed.blocks[i].kept:
                quoting = False
                continue
            key = " ".join(b.text.casefold().split())
            # a quote box holds copies of earlier lines; the reply's first own line ends it
            quoted = quoting = quoting and key in seen
            seen.add(key)
            if (not quoted and doc.stats[i].n_words >= SIGNATURE_MIN_WORDS
                    and (i + 1 == len(blocks) or not ed.blocks[i + 1].kept)):
                closing.setdefault(key, []).append(i)
        for where in closing.values():
            if len(where) >= SIGNATURE_MIN_COPIES:
                for i in where:
                    ed.remove(i, "heuristic.signature",
                              f"closes {len(where)} posts word for word in a forum thread (a poster's signature)")
    return ed.done()


def drop_topic_drift(doc: Document, ctx) -> Document:
    """Trailing prose, cut off from the body by removed furniture, that is off-topic.

    Kept blocks fall into groups separated by removed ones. Walking back from
    the last group, a group goes when less than DRIFT_MIN_SHARED of its
    content words occur in everything kept before it, and it is smaller than
    that body; the walk stops at the first on-topic group. The first group is
    never judged: paragraphs of one story may share few words, so drift is
    only sought behind a boundary that furniture marks ("Don't Miss", "Related").
    """
    if doc.content_type == "html":
        return doc  # the DOM already chose one article; measured: drift only costs recall there
    kept = [b for b in doc.blocks if b.kept]
    if len(kept) < 2:
        return doc
    # Groups break only at furniture that ends an article (a section rule such
    # as "Related", "Don't Miss"; a menu; a stretch outside the body) — not at
    # an "Advertisement" label or a share line inside the story.
    groups: list[list] = [[kept[0]]]
    for prev, b in zip(kept, kept[1:]):
        if any(_is_boundary(doc.blocks[j].removed_by, ctx) for j in range(prev.index + 1, b.index)):
            groups.append([b])
        else:
            groups[-1].append(b)
    if len(groups) < 2:
        return doc
    stops = stoplist(doc.language)
    sizes = [sum(doc.stats[b.index].n_words for b in g) for g in groups]
    # cheap exit: the last group is as big as all before it (not a tail)
    if sizes[-1] >= sum(sizes[:-1]):
        return doc
    vocab = [set().union(*(content_words(b.text, stops) for b in g)) for g in groups]
    # running totals from the front: words and sizes of everything before group gi
    before_vocab = [set()]
    before_size = [0]
    for g in range(len(groups) - 1):
        before_vocab.append(before_vocab[-1] | vocab[g])
        before_size.append(before_size[-1] + sizes[g])
    ed = _Editor(doc, ctx)
    for gi in range(len(groups) - 1, 0, -1):
        words = vocab[gi]
        if len(words) < DRIFT_MIN_WORDS:
            break
        shared = len(words & before_vocab[gi]) / len(words)
        if shared >= DRIFT_MIN_SHARED or sizes[gi] >= before_size[gi]:
            break
        for b in groups[gi]:
            ed.remove(b.index, "heuristic.topic-drift",
                      f"after the body, past removed furniture, and off-topic: "
                      f"{shared:.0%} of its words occur in the article")
    return ed.done()


_WORD_RE = re.compile(r"\w+")


# -- author bios -----------------------------------------------------------------
# An author box under the article, flattened to text: the author's name alone
# on a line, then a sentence opening with that name (or its first name) and a
# bio's verb, naming the author's trade ("Chen Zhao is the head of economics
# research, where she ...", "Andrius is a consistent writer for the blog").
# Not a person the story is about: a one-word line ("Jekyll", "Planking") is a
# subheading over a thing; a name the kept text above already uses ("Her
# daughter, Ruth, said ...") is the story's; a page of several such pairs
# presents people (finalists, a team); a person introduced early is the subject.
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+|[A-Z]\.)"
_BIO_NAME_LINE = re.compile(rf"^({_NAME_WORD}(?: (?:{_NAME_WORD}|de|van|von|der|da|di|le|la)){{1,4}})"
                            r"(?:,? (?:PhD|Ph\.D\.|MD|M\.D\.|CFP®?|CFA|CPA|Jr\.|Sr\.))?$")
_BIO_VERB = re.compile(r"^,?\s+(?:is (?:a|an|the|our|currently|one)\b|has (?:been|over|more|written|worked)\b"
                       r"|was (?:a|an|the|born)\b|writes\b|covers\b|joined\b|holds\b|leads\b|specializes\b)")
#: A bio must say its person writes: a writing trade, or writing itself
#: ("Chen Zhao is a senior reporter ...", "... has written for ..."). A
#: founder, a nurse or a professor at a page's end is as likely its subject.
_BIO_ROLE = re.compile(r"\b(?:writer|editor|journalist|author|reporter|contributor|correspondent|columnist"
                       r"|blogger|contributing|freelance|writes|wrote|written|covers|covered|reports)\b", re.I)
#: The bio comes after this share of the kept words (the author box closes the page).
BIO_TAIL_SHARE = 0.6
#: ... within this many kept lines under the name line.
BIO_NAME_ABOVE = 2


#: The heading an author box may carry ("About the author").
_BIO_HEADING = re.compile(r"^(?:about (?:the )?authors?|(?:the |our )?authors?|about me)[:.]?$", re.I)


def _bio_pairs(kept) -> list[tuple[int, int, str, bool]]:
    """(name line, sentence, name, bio) for each name line over a sentence
    led by that name or its first name ("Anna founded the bakery ..."), by
    position in ``kept``; ``bio`` when a bio's verb follows the name."""
    out = []
    for j, b in enumerate(kept):
        if not b.text[:1].isupper():
            continue
        for a in range(max(0, j - BIO_NAME_ABOVE), j):
            m = _BIO_NAME_LINE.match(kept[a].text)
            if not m:
                continue
            name = m.group(1)
            lead = next((x for x in (name, name.split()[0])
                         if b.text.startswith(x) and b.text[len(x):len(x) + 1] in (" ", ",")), None)
            if lead:
                out.append((a, j, name, _BIO_VERB.match(b.text[len(lead):]) is not None))
                break
    return out


def drop_author_bio(doc: Document, ctx) -> Document:
    """One author's name over their bio, right under the article's text,
    goes (text only: the DOM's author boxes go by selector). Not a page of
    people (a team, speakers: several names over sentences they lead), nor a
    person under a heading of the page's ("Speaker", "Our team"). Once: the
    settling passes, whose tail is shorter, leave the rest alone."""
    if doc.content_type != "text" or any(r.rule_id == "heuristic.author-bio" for r in doc.removals):
        return doc
    kept = [b for b in doc.blocks if b.kept]
    if len(kept) < 3:
        return doc
    pairs = _bio_pairs(kept)
    if len(pairs) != 1 or not pairs[0][3]:
        return doc  # none, or a page presenting people (finalists, a team)
    a, j, name, _ = pairs[-1]
    words = [doc.stats[b.index].n_words for b in kept]
    if sum(words[:j]) < BIO_TAIL_SHARE * sum(words) or not _BIO_ROLE.search(kept[j].text[:300]):
        return doc
    prev = kept[a - 1] if a else None
    if prev is None or not (doc.labels[prev.index] == "good" or _BIO_HEADING.match(prev.text)):
        return doc  # under a heading of the page's: a speaker, a team member, an interviewee
    above = {w for b in kept[:a] for w in _WORD_RE.findall(b.text)}
    if any(w in above for w in name.split() if len(w) > 2):
        return doc  # the story names this person: its subject, or a relative quoted in it
    ed = _Editor(doc, ctx)
    for x in (kept[a], kept[j]):
        ed.remove(x.index, "heuristic.author-bio", f"the author's name and bio under the article ({name})")
    return ed.done()


#: A caption is what sits between an image label ("Enlarge this image") and
#: one of these credit lines, in that order.
_CREDIT_RULES = frozenset({"caption.credit-line", "caption.trailing-credit",
                           "syndication.photo-source", "heuristic.glued-caption"})


#: Only lines this short count as stranded; a long line labelled "bad" may be
#: prose in a language the stoplist missed.
STRANDED_MAX_WORDS = 10


def revise_by_context(doc: Document, ctx) -> Document:
    """jusText's context pass: a short line between two removed blocks goes too,
    unless a body paragraph follows it closely (it is then a subheading)."""
    first, last = body_bounds(doc)
    ed = _Editor(doc, ctx)
    blocks = doc.blocks
    n = len(blocks)
    if doc.content_type != "html" and doc.metadata.get("page_type") != "listing":
        # A subheading left dangling at the end (its paragraphs went as
        # drift or comments) is after the body: remove it now, so a second
        # pass over the output has nothing left to do.
        # (A short sentence find_body took into the body after its last
        # paragraph, "Give it a listen - what do you think?", is not one.)
        kept_good = [b.index for b in blocks if b.kept and doc.labels[b.index] == "good"]
        if kept_good:
            for b in blocks[max(kept_good[-1], last) + 1:]:
                if b.kept and doc.stats[b.index].n_words <= STRANDED_MAX_WORDS:
                    ed.remove(b.index, "heuristic.after-body",
                              "after the last body paragraph (a heading left with no text)")
    for b in blocks:
        i = b.index
        if (b.kept and 0 < i < n - 1 and doc.stats[i].n_words <= CAPTION_MAX_WORDS
                and blocks[i - 1].removed_by == "caption.image-label"
                and blocks[i + 1].removed_by in _CREDIT_RULES):
            # "Enlarge this image" / caption sentence / "Credit Daniel Osei"
            ed.remove(i, "heuristic.caption-between",
                      "an image caption: between an image label and its credit")
            continue
        if not b.kept or doc.labels[i] not in ("short", "bad") or doc.stats[i].n_words > STRANDED_MAX_WORDS:
            continue
        prev_removed = i > 0 and not blocks[i - 1].kept
        next_removed = i + 1 < n and not blocks[i + 1].kept
        if i == 0 or i == n - 1:
            continue
        if prev_removed and next_removed:
            ed.remove(i, "heuristic.stranded-short",
                      "a short line between removed furniture, with no paragraph after it")
    return ed.done()
