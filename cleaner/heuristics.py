"""Heuristics: position, density, repetition and topic drift, as named stages.

They obey the rules' contract: every removal carries a heuristic id
(``heuristic.menu-run``) and a reason, and each threshold is a named constant
with a note on what it was calibrated on. Any heuristic can be switched off by
id with ``Config(disabled_rules=("heuristic.topic-drift",))``.
"""
from __future__ import annotations

import re

from .document import Document
from .stages import Editor, body_bounds
from .textmeta import find_author, find_date, is_date_line, section_labels
from .textstats import content_words, stoplist

#: A headline has at least this many words and at most TITLE_MAX_WORDS
#: (seed and dev headlines: 4–20 words; section labels 1–2).
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
#: Three or more consecutive short, title-cased lines without a sentence end
#: are a menu, tag cloud or link list (dev text track: nav menus are runs of
#: 3–40 such lines; body subheadings come alone).
MENU_RUN_MIN = 3
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
    r"^(?P<place>[A-Z][A-Z.'’-]{2,}(?:[ -][A-Z][A-Z.'’-]+){0,3})(?:,\s*[A-Z][\w.]+(?: [A-Z][\w.]+)?)?"
    r"\s*(?:\((?P<source>[A-Za-z][\w .&-]{1,30})\))?\s*[—–-]{1,2}\s+\S")
_VERB_HINT = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|says?|said|\w+ed|\w+s)\b", re.I)


def _remove_title_like(ed: Editor, doc: Document, title: str) -> None:
    key = title.casefold()
    for b in doc.blocks:
        if ed.blocks[b.index].kept and b.text.casefold() == key:
            ed.remove(b.index, "heuristic.title-repeated", "the headline repeated in the page")


def take_title(doc: Document, ctx) -> Document:
    """The headline: the longest title-shaped line before the first paragraph.

    It goes to ``metadata.title`` and out of the body (the body is what
    follows the headline); later lines repeating it go too.
    """
    ed = Editor(doc)
    first, _last = body_bounds(doc)
    head = [b for b in doc.blocks if b.kept and (first < 0 or b.index < first)]
    best = None
    for b in head:
        st = doc.stats[b.index]
        if not (TITLE_MIN_WORDS <= st.n_words <= TITLE_MAX_WORDS):
            continue
        if b.text.endswith((".", ",", ";", ":")) and not b.text.endswith("..."):
            # a sentence ending in a full stop is a standfirst, not a headline;
            # "Putin visits North Korea. He was welcomed" still counts if it
            # has no final stop
            continue
        if is_date_line(b.text) or st.has_digit_only:
            continue
        if best is None or st.n_words > doc.stats[best.index].n_words:
            best = b
    if best is None:
        return doc
    ed.set_meta("title", best.text)
    ed.remove(best.index, "heuristic.title", "the headline (moved to metadata.title)")
    _remove_title_like(ed, doc, best.text)
    return ed.done()


def take_dateline(doc: Document, ctx) -> Document:
    """A place name alone before the first paragraph ("Moscow:") is the dateline.

    An inline one ("MOSCOW (Reuters) - ...") stays in the text; its place and
    credit are copied to metadata.
    """
    ed = Editor(doc)
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
    ed = Editor(doc)
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
    st = doc.stats[i]
    if st.n_words == 0:
        return True
    if st.n_words > MENU_ITEM_MAX_WORDS or st.ends_sentence and st.n_words > 2:
        return False
    return st.title_case_share >= 0.5 or st.has_digit_only or b.text.startswith(("|", "»", "›", "•", "·"))


def drop_menu_runs(doc: Document, ctx) -> Document:
    """Runs of MENU_RUN_MIN+ short, title-cased, verbless lines: menus and link lists."""
    ed = Editor(doc)
    run: list[int] = []

    def flush():
        if len(run) >= MENU_RUN_MIN:
            for j in run:
                ed.remove(j, "heuristic.menu-run",
                          f"one of {len(run)} consecutive short title-cased lines (menu or link list)")
        run.clear()

    for b in doc.blocks:
        if not ed.blocks[b.index].kept:
            continue  # removed lines don't break a run: menus interleave with rule hits
        if _menu_like(doc, b.index) and not _VERB_HINT.search(b.text) or (
                doc.stats[b.index].n_words <= 2 and _menu_like(doc, b.index)):
            run.append(b.index)
        else:
            flush()
    flush()
    return ed.done()


def drop_head_furniture(doc: Document, ctx) -> Document:
    """Lines before the first body paragraph that are not prose.

    Dates, bylines and section labels found there go to metadata; a date
    printed beside a weather widget or before the headline is the page's
    "today" header, not the publication date.
    """
    first, _ = body_bounds(doc)
    if first < 0:
        return doc
    ed = Editor(doc)
    title = doc.metadata.get("title")
    title_idx = next((r.start for r in doc.removals if r.rule_id == "heuristic.title"), None)
    for b in doc.blocks:
        if b.index >= first:
            break
        lab = doc.labels[b.index]
        after_title = title_idx is not None and b.start > title_idx
        author = find_author(b.text)
        if author:
            ed.set_meta("author", author)
        if after_title or title is None:
            d = find_date(b.text)
            if d and not _beside_weather(doc, b.index):
                ed.set_meta("date", d)
        elif not after_title and title is not None:
            labels = section_labels(b.text)
            if labels:
                ed.add_meta("categories", labels)
        if not ed.blocks[b.index].kept:
            continue
        if lab in ("short", "bad"):
            ed.remove(b.index, "heuristic.head-furniture",
                      "before the first paragraph and not prose (menu, label, date or widget)")
    return ed.done()


_WEATHER = re.compile(r"^-?\d{1,3}(?:[.,]\d)?\s*°?\s*[CF]\b|°", re.I)


def _beside_weather(doc: Document, i: int) -> bool:
    for j in (i - 1, i + 1):
        if 0 <= j < len(doc.blocks) and _WEATHER.search(doc.blocks[j].text):
            return True
    return False


def drop_boilerplate_tail(doc: Document, ctx) -> Document:
    """After the last body paragraph, what is not prose is furniture.

    Tags at the foot of a post ("- News") become categories.
    """
    first, last = body_bounds(doc)
    if last < 0:
        return doc
    ed = Editor(doc)
    for b in doc.blocks[last + 1:]:
        if not b.kept:
            continue
        if doc.labels[b.index] in ("short", "bad", "near"):
            if doc.stats[b.index].n_words <= 3:
                labels = section_labels(b.text.lstrip("-–—•· "))
                if labels:
                    ed.add_meta("categories", labels)
            ed.remove(b.index, "heuristic.boilerplate-tail",
                      "after the last body paragraph and not prose (tail furniture)")
    return ed.done()


def drop_topic_drift(doc: Document, ctx) -> Document:
    """Prose after the body whose vocabulary the body does not share.

    Walks back from the end over kept paragraphs that follow a removed
    stretch; stops at the first one that shares DRIFT_MIN_SHARED of its
    content words with the rest of the body.
    """
    kept = [b for b in doc.blocks if b.kept]
    if len(kept) < 3:
        return doc
    stops = stoplist(doc.language)
    ed = Editor(doc)
    vocab_by = {b.index: content_words(b.text, stops) for b in kept}
    # candidates: kept blocks after the last removed gap that follows the body core
    for pos in range(len(kept) - 1, 0, -1):
        b = kept[pos]
        words = vocab_by[b.index]
        if len(words) < DRIFT_MIN_WORDS:
            break
        body_vocab = set()
        for other in kept[:pos]:
            body_vocab |= vocab_by[other.index]
        shared = len(words & body_vocab) / len(words)
        gap = any(not ed.blocks[j].kept for j in range(kept[pos - 1].index + 1, b.index))
        if shared >= DRIFT_MIN_SHARED:
            break
        if not gap and pos < len(kept) - 1 and ed.blocks[kept[pos + 1].index].kept:
            break
        ed.remove(b.index, "heuristic.topic-drift",
                  f"after the body and off-topic: {shared:.0%} of its words occur in the article")
    return ed.done()


def revise_by_context(doc: Document, ctx) -> Document:
    """jusText's context pass: a short line between two removed blocks goes too,
    unless a body paragraph follows it closely (it is then a subheading)."""
    first, last = body_bounds(doc)
    ed = Editor(doc)
    blocks = doc.blocks
    n = len(blocks)
    for b in blocks:
        i = b.index
        if not b.kept or doc.labels[i] not in ("short", "bad"):
            continue
        prev_removed = i > 0 and not blocks[i - 1].kept
        next_removed = i + 1 < n and not blocks[i + 1].kept
        if i == 0 or i == n - 1:
            continue
        if prev_removed and next_removed:
            ed.remove(i, "heuristic.stranded-short",
                      "a short line between removed furniture, with no paragraph after it")
    return ed.done()
