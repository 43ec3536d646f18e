"""The pipeline: one :class:`~cleaner.document.Document` through named stages.

Read top to bottom, this tuple *is* the algorithm::

    detect_language      which stoplist and which language-scoped rules apply
    classify_blocks      jusText-style context-free labels: good / near / short / bad
    drop_template_lines  lines recurring across a site's pages (clean_many)
    apply_line_rules     YAML line, section and span rules, scoped head/tail/anywhere
    find_body            the article: the best-scoring run of paragraphs (Kadane),
                         or the run after the headline the title line names
    take_qa_thread       a question-and-answer page: its answers are the body, post chrome goes
    widen_body_for_listings  a page whose prose is not one run (listings) keeps it all
    take_title           the headline goes to metadata.title (and its repeats go)
    take_dateline        "Moscow:" before the first paragraph goes to metadata
    drop_glued_captions  "...at the airportReuters": a caption with its credit glued on
    drop_menu_runs       runs of short, title-cased, verbless lines (menus, tag clouds), archive lists
    drop_comment_widget  runs of "Name on Post title" lines (a recent-comments list)
    drop_comment_thread  from the first of several comment headers to the end
    drop_outside_body    what precedes or follows the body: menus, dates, related lists
    drop_repeated_paragraphs  a paragraph kept twice keeps its first copy (a republishing box);
                         "Reply" buttons go; in a forum thread, badges and signatures too
    drop_topic_drift     trailing prose whose vocabulary shares nothing with the body
    drop_author_bio      "Chen Zhao" over "Chen Zhao is the head of ...": the author box
    revise_by_context    short lines stranded between removed blocks go with them
    guard_over_removal   a warning when removals exceed Config.max_removed_share
    collect_metadata     counts, language, sources, sections

Each stage is a plain function ``(Document, Context) -> Document`` and records
every removal with its rule or heuristic id and a reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .config import Config
from .document import Block, Document
from .rules import RuleSet, load_rules


@dataclass(frozen=True)
class Context:
    """What stages need besides the document: the config and compiled rules.

    ``memo`` holds per-line work that depends on a line's text alone (its
    features, its rule hits): one page's passes share it, so the settling
    passes over the kept lines recompute nothing.
    """

    config: Config
    rules: RuleSet
    host: str | None
    memo: dict = field(default_factory=dict, compare=False, repr=False)


def make_context(config: Config, url: str | None, memo: dict | None = None) -> Context:
    from urllib.parse import urlsplit
    host = None
    if url:
        try:
            host = urlsplit(url if "//" in url else "//" + url).hostname
        except ValueError:
            host = None
    return Context(config=config, rules=load_rules(config), host=host,
                   memo={} if memo is None else memo)


def _stages():
    from . import heuristics as h
    from . import stages as s
    rules_only = (
        s.detect_language,
        s.classify_blocks,
        s.drop_template_lines,
        s.apply_line_rules,
    )
    heuristic = (
        s.find_body,
        h.take_qa_thread,
        h.widen_body_for_listings,
        h.take_title,
        h.take_dateline,
        h.drop_glued_captions,
        h.drop_menu_runs,
        h.drop_comment_widget,
        h.drop_comment_thread,
        h.drop_outside_body,
        h.drop_repeated_paragraphs,
        h.drop_topic_drift,
        h.drop_author_bio,
        h.revise_by_context,
    )
    finish = (
        s.guard_over_removal,
        s.collect_metadata,
    )
    return rules_only, heuristic, finish


def run_pipeline(doc: Document, config: Config) -> Document:
    """Run every stage over ``doc`` and return the final document."""
    if not doc.url and doc.metadata.get("url"):
        url = doc.metadata["url"]
    else:
        url = doc.url
    ctx = make_context(config, url)
    rules_only, heuristic, finish = _stages()
    core = rules_only + (heuristic if config.heuristics else ())
    start = doc
    out = _run(start, core, ctx)
    # Language fixed point: the language is read off the longest lines; when
    # the clean output's longest lines say another language (its furniture
    # was the longer text), clean again in that language. Without this,
    # cleaning the output a second time could pick other stoplists, and
    # clean() would not be idempotent.
    if out.content_type == "text" and not config.language:
        from .stages import LANGUAGE_SAMPLE_KEY, identify_language, language_sample
        first_sample = ctx.memo.get(LANGUAGE_SAMPLE_KEY)
        if first_sample is None:
            first_sample = language_sample(start.blocks)
        for _ in range(MAX_LANGUAGE_ROUNDS):
            sample = language_sample(out.blocks)
            if sample == first_sample:
                break  # the output's longest lines are the input's: same language
            lang = identify_language(sample)
            if lang is None or lang == out.language:
                break
            out = _run(start, core, make_context(config.replace(language=lang), url, ctx.memo))
    if config.settle and out.content_type == "text":
        out = _settle(out, core, config, url, ctx.memo)
    return _run(out, finish, ctx)


#: At most this many re-runs to settle the language (one is almost always enough).
MAX_LANGUAGE_ROUNDS = 2
#: At most this many passes over the kept blocks (dev pages settle in one or two).
MAX_SETTLE_ROUNDS = 3


def _run(doc: Document, stages, ctx) -> Document:
    for stage in stages:
        doc = stage(doc, ctx)
    return doc


def _settle(out: Document, core, config: Config, url, memo: dict) -> Document:
    """Clean what was kept again, as ``clean(output)`` would, until nothing
    more goes. The kept blocks keep their spans in the original source, so
    the extra removals point into the input like the first ones."""
    ctx = make_context(config.replace(language=out.language), url, memo)
    for _ in range(MAX_SETTLE_ROUNDS):
        kept = [b for b in out.blocks if b.kept]
        if not kept:
            break
        sub = Document(
            source=out.source,
            blocks=tuple(Block(i, b.start, b.end, b.text, None, b.tag, b.link_density, b.hint)
                         for i, b in enumerate(kept)),
            content_type=out.content_type, url=out.url, removals=out.removals,
            metadata=out.metadata, warnings=out.warnings, language=out.language)
        again = _run(sub, core, ctx)
        if len(again.removals) == len(out.removals):
            break
        blocks = list(out.blocks)
        for sb, ob in zip(again.blocks, kept):
            if sb.removed_by is not None or sb.text != ob.text:
                blocks[ob.index] = Block(ob.index, ob.start, ob.end, sb.text, sb.removed_by,
                                         ob.tag, ob.link_density, ob.hint)
        out = out.replace(blocks=tuple(blocks), removals=again.removals, metadata=again.metadata,
                          warnings=again.warnings)
    return out


def stage_names(config: Config | None = None) -> list[str]:
    rules_only, heuristic, finish = _stages()
    heur = heuristic if (config is None or config.heuristics) else ()
    return [f.__name__ for f in rules_only + heur + finish]
