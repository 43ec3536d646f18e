"""Selector rules: CSS selectors naming page furniture, as data (cosmetic filters).

A selector rule file is a YAML list under ``rules/selectors/`` (or a user rule
directory's ``selectors/`` subfolder). Every rule has this shape::

    - id: html.share-bar               # readable slug, unique across selector files
      description: Share-button bars and their counters.
      kind: selector
      selector: '.share-buttons, .social-share, .sharedaddy'
      sites: [example.com]             # optional: only for these sites
      status: stable                   # stable (default) | experimental | disabled
      max_page_share: 0.1              # optional: see the guard below
      article_items: false             # optional: see the guard below
      examples:
        remove: ['<div class="social-share"><a>Share on Facebook</a></div>']
        keep: ['<p class="share-price">Shares fell 3% on Monday.</p>']

The HTML front door (:mod:`cleaner.html`) deletes every matching element
before it looks for the main content, and records a
:class:`~cleaner.document.Removal` with the rule id, the rule's description
and the element's text (``start == end == -1``: the text never reaches
``Document.source``).

All active selectors are merged into one query, so the DOM is walked once
whatever the rule count; each match is then attributed to the first rule whose
selector it matches. A guard keeps a selector that happens to match a page
wrapper (``<div class="page has-newsletter">``) from taking the article: an
element holding more than the rule's ``max_page_share`` of the page's text
(default :data:`MAX_PAGE_SHARE`; comment threads may be most of a page), or
holding an ``h1``, ``article``, ``main`` or article body (``itemprop="articleBody"``),
is left alone. A rule with ``article_items: true`` (a review widget, whose
reviews are ``<article>`` s) may still take a box of two or more
``<article>`` s that holds no ``h1``, ``main`` or article body.

Loading validates like :mod:`cleaner.rules` and collects every problem as
``rules/selectors/x.yaml:LINE: rule 'id': message`` before raising
:class:`~cleaner.errors.RuleSetError`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from selectolax.lexbor import LexborHTMLParser

from .config import BUNDLED_RULES_DIR, Config
from .document import Removal
from .rules import (STATUSES, RuleChecker, _site_matches, _where, load_rule_files, parse_rule_file,
                    throttled_stamps)

ALLOWED_KEYS = frozenset({"id", "description", "kind", "selector", "sites", "status",
                          "examples", "notes", "max_page_share", "article_items"})
REQUIRED_KEYS = ("id", "description", "kind", "selector", "examples")
ID_RE = re.compile(r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$")
#: An element holding more than this share of the page's text (and more than
#: GUARD_MIN_CHARS) is a wrapper, not furniture: no selector rule removes it.
#: Furniture boxes on the dev pages hold 0.1-15 % of the text; comment
#: threads on long discussions reach 40 %.
MAX_PAGE_SHARE = 0.5
GUARD_MIN_CHARS = 600
#: Elements a selector rule never removes, whatever their class, and what an
#: element must not contain to be removed (it would be the article itself).
_NEVER_REMOVED = frozenset(("html", "body", "main", "head", "article"))
_ARTICLE_INSIDE = 'h1, article, main, [itemprop="articleBody"]'
#: ... less ``article``: what a box of ``<article>`` items never holds.
_NOT_ITEMS_INSIDE = 'h1, main, [itemprop="articleBody"]'
#: ... but this many ``<article>`` elements side by side are items, not the article.
ITEMS_MIN_ARTICLES = 2



_MISS = object()
#: Bound on the per-matcher memo of element verdicts (keys are tag, class, id).
MEMO_MAX = 200_000
#: Bound on the per-host memo of matchers (hosts without site rules share one).
HOST_MEMO_MAX = 10_000


@dataclass(frozen=True)
class SelectorRule:
    """One validated selector rule."""

    id: str
    description: str
    selector: str
    sites: tuple[str, ...] = ()
    status: str = "stable"
    examples_remove: tuple[str, ...] = ()
    examples_keep: tuple[str, ...] = ()
    max_page_share: float = 0.5
    #: ``<article>`` elements inside what the rule names are its items (a
    #: review widget's reviews), not the page's article: the guard lets it go.
    article_items: bool = False
    path: str = ""
    line: int = 0

    def applies_to(self, host: str | None) -> bool:
        if self.sites:
            return host is not None and any(_site_matches(s, host) for s in self.sites)
        return True


class SelectorSet:
    """The active selector rules, compiled for matching one element at a time.

    Lexbor evaluates a long comma-separated selector list at about 7 ms a page
    (130 selectors on the dev pages: its cost grows with selectors x nodes), so
    simple selectors -- ``tag``, ``.class``, ``#id``, ``[attr]``,
    ``[attr=v]``, ``[attr^=v]``, ``[attr*=v]``, ``[attr$=v]`` and their
    compounds -- are compiled into dictionary and regex look-ups that the
    front door's DOM walk runs on each element's attributes (~1 us). Any other
    selector (combinators, pseudo-classes) goes through Lexbor once a page.
    """

    def __init__(self, rules: tuple[SelectorRule, ...], all_rules: tuple[SelectorRule, ...] = ()):
        self.rules = rules
        self.all_rules = all_rules or rules
        self._by_rules: dict = {}  # rule ids -> Matcher: hosts without site rules share one
        self._by_host: dict = {}   # host -> Matcher, bounded (a service meets many hosts)

    def __len__(self) -> int:
        return len(self.rules)

    def for_host(self, host: str | None) -> tuple[SelectorRule, ...]:
        return tuple(r for r in self.rules if r.applies_to(host))

    def matcher(self, url: str | None = None) -> "Matcher":
        """The compiled matcher for the rules that apply to ``url``'s host."""
        host = _host(url)
        m = self._by_host.get(host)
        if m is None:
            rules = self.for_host(host)
            key = tuple(r.id for r in rules)
            m = self._by_rules.get(key)
            if m is None:
                m = self._by_rules[key] = Matcher(rules)
            if len(self._by_host) < HOST_MEMO_MAX:
                self._by_host[host] = m
        return m

    def apply(self, tree, url: str | None = None) -> list[Removal]:
        """Delete the elements the rules name from ``tree``; return the removals.

        The front door does the same inside its DOM walk; this stand-alone
        form serves tests and callers holding a tree of their own.
        """
        m = self.matcher(url)
        body = tree.body or tree.root
        if body is None or not m:
            return []
        page_chars = len(body.text(deep=True))
        out: list[Removal] = []
        picked = []
        stack = [body]
        while stack:
            node = stack.pop()
            for child in node.iter():
                rule = m.match(child.tag, child.attributes)
                if rule is not None:
                    removal = removal_for(rule, child, page_chars)
                    if removal is not None:
                        picked.append(child)
                        if removal.text:
                            out.append(removal)
                        continue
                stack.append(child)
        for node in m.complex_nodes(tree):
            if not any(_same_or_inside(node, p) for p in picked):
                rule = m.complex_rule(node)
                removal = removal_for(rule, node, page_chars)
                if removal is not None:
                    picked.append(node)
                    if removal.text:
                        out.append(removal)
        for node in picked:
            node.decompose()
        return out


def removal_for(rule: SelectorRule, node, page_chars) -> Removal | None:
    """The removal of ``node`` by ``rule``, or None when the guard keeps it.

    ``page_chars`` is the page's text length, or a function returning it
    (read only for a removal big enough to need the guard)."""
    if node.tag in _NEVER_REMOVED:
        return None
    text = " ".join(node.text(deep=True, separator=" ").split())
    if len(text) > GUARD_MIN_CHARS:
        # page_chars counts the page's raw text, spaces and all: so does this
        total = page_chars() if callable(page_chars) else page_chars
        if len(node.text(deep=True)) > rule.max_page_share * total:
            return None
        if node.css_first(_ARTICLE_INSIDE) is not None and not (rule.article_items and _items_inside(node)):
            return None
    return Removal(rule.id, rule.description, text, -1, -1)


def _items_inside(node) -> bool:
    """Whether what the guard found is a list of ``<article>`` items (a
    review widget's reviews), not the article: two or more of them, and no
    ``h1``, ``main`` or article body. Only for rules that say so: a forum's
    posts are ``<article>`` s in a box classed "comments", and are the page."""
    return (node.css_first(_NOT_ITEMS_INSIDE) is None
            and len(node.css("article")) >= ITEMS_MIN_ARTICLES)


def _same_or_inside(node, anc) -> bool:
    p = node
    while p is not None:
        if p.mem_id == anc.mem_id:
            return True
        p = p.parent
    return False


_SIMPLE = re.compile(r"^(?P<tag>[a-zA-Z][\w-]*|\*)?(?P<rest>(?:[.#][\w-]+|\[[^\]]+\])*)$")
_PART = re.compile(r"([.#])([\w-]+)|\[\s*([\w:-]+)\s*(?:([~^$*|]?=)\s*(?:\"([^\"]*)\"|'([^']*)'|([^\]\s]*)))?\s*\]")


def _split_selector_list(sel: str) -> list[str]:
    """Split on top-level commas (not inside brackets, quotes or parentheses)."""
    parts, depth, quote, cur = [], 0, None, []
    for ch in sel:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur).strip())
    return [p for p in parts if p]


class Matcher:
    """Rules compiled to per-element look-ups; the first rule (file order) wins."""

    def __init__(self, rules: tuple[SelectorRule, ...]):
        self.rules = rules
        # Each compound selector: (rule index, tag or None, classes, id, [attr tests]).
        self._by_class: dict[str, list] = {}
        self._by_id: dict[str, list] = {}
        self._by_tag: dict[str, list] = {}
        self._by_attr: dict[str, list] = {}
        complex_parts: list[tuple[int, str]] = []
        for ri, r in enumerate(rules):
            for part in _split_selector_list(r.selector):
                compound = _compile_compound(part)
                if compound is None:
                    complex_parts.append((ri, part))
                    continue
                tag, classes, ident, attrs = compound
                entry = (ri, tag, classes, ident, attrs)
                if ident:
                    self._by_id.setdefault(ident, []).append(entry)
                elif classes:
                    self._by_class.setdefault(classes[0], []).append(entry)
                elif attrs:
                    self._by_attr.setdefault(attrs[0][0], []).append(entry)
                elif tag:
                    self._by_tag.setdefault(tag, []).append(entry)
        self._complex = complex_parts
        self._memo: dict = {}
        self._complex_query = ", ".join(p for _, p in complex_parts)
        self._attr_names = frozenset(self._by_attr)
        self._tested_beyond_class_id = self._attr_names - {"class", "id"}
        # One regex per attribute name screens its value tests, so an element
        # costs one search per attribute however many rules test it.
        self._attr_screen = {}
        for name, entries in self._by_attr.items():
            alts = []
            for _ri, _tag, _cls, _id, tests in entries:
                _n, op, val = tests[0]
                if op is None or not val:
                    alts = None
                    break
                v = re.escape(val)
                alts.append({"=": f"^{v}$", "^=": f"^{v}", "$=": f"{v}$", "*=": v,
                             "~=": rf"(?:^|\s){v}(?:\s|$)"}[op])
            if alts:
                self._attr_screen[name] = re.compile("|".join(alts))

    def __bool__(self) -> bool:
        return bool(self.rules)

    def match(self, tag: str, attrs: dict) -> SelectorRule | None:
        """The first rule one of whose selectors matches this element, or None."""
        if not attrs and tag not in self._by_tag:
            return None
        # Most elements carry only class and id (and attributes no rule
        # tests); their verdict is memoised on (tag, class, id): page
        # builders repeat the same few class strings hundreds of times.
        if attrs and self._tested_beyond_class_id.isdisjoint(attrs):
            key = (tag, attrs.get("class"), attrs.get("id"))
            hit = self._memo.get(key, _MISS)
            if hit is _MISS:
                hit = self._match(tag, attrs)
                if len(self._memo) < MEMO_MAX:
                    self._memo[key] = hit
            return hit
        return self._match(tag, attrs)

    def _match(self, tag: str, attrs: dict) -> SelectorRule | None:
        best = None
        cls = attrs.get("class") if attrs else None
        if cls:
            for c in cls.split():
                for e in self._by_class.get(c, ()):
                    if (best is None or e[0] < best) and _entry_matches(e, tag, attrs):
                        best = e[0]
        ident = attrs.get("id") if attrs else None
        if ident:
            for e in self._by_id.get(ident, ()):
                if (best is None or e[0] < best) and _entry_matches(e, tag, attrs):
                    best = e[0]
        if attrs:
            for name in self._attr_names.intersection(attrs):
                screen = self._attr_screen.get(name)
                if screen is not None and not screen.search(attrs[name] or ""):
                    continue
                for e in self._by_attr[name]:
                    if (best is None or e[0] < best) and _entry_matches(e, tag, attrs):
                        best = e[0]
        for e in self._by_tag.get(tag, ()):
            if (best is None or e[0] < best) and _entry_matches(e, tag, attrs or {}):
                best = e[0]
        return None if best is None else self.rules[best]

    def complex_nodes(self, tree) -> list:
        """Elements matched by the selectors the look-ups cannot express."""
        return tree.css(self._complex_query) if self._complex_query else []

    def complex_rule(self, node) -> SelectorRule:
        for ri, part in self._complex:
            if node.css_matches(part):
                return self.rules[ri]
        return self.rules[self._complex[0][0]]


def _compile_compound(part: str):
    m = _SIMPLE.match(part)
    if not m:
        return None
    tag = m.group("tag")
    tag = None if tag in (None, "*") else tag.lower()
    classes, ident, attrs = [], None, []
    for pm in _PART.finditer(m.group("rest")):
        if pm.group(1) == ".":
            classes.append(pm.group(2))
        elif pm.group(1) == "#":
            if ident is not None:
                return None
            ident = pm.group(2)
        else:
            name = pm.group(3).lower()
            op = pm.group(4)
            val = next((g for g in pm.group(5, 6, 7) if g is not None), None)
            if op in ("|=",):
                return None
            attrs.append((name, op, val))
    rebuilt = len(classes) + (ident is not None) + len(attrs)
    if rebuilt != len(_PART.findall(m.group("rest"))):
        return None
    return tag, tuple(classes), ident, tuple(attrs)


def _entry_matches(e, tag: str, attrs: dict) -> bool:
    _ri, etag, classes, ident, tests = e
    if etag is not None and etag != tag:
        return False
    if ident is not None and attrs.get("id") != ident:
        return False
    if classes:
        have = (attrs.get("class") or "").split()
        if any(c not in have for c in classes):
            return False
    for name, op, val in tests:
        v = attrs.get(name)
        if v is None:
            return False
        if op is None:
            continue
        if op == "=" and v != val:
            return False
        if op == "^=" and not (val and v.startswith(val)):
            return False
        if op == "$=" and not (val and v.endswith(val)):
            return False
        if op == "*=" and not (val and val in v):
            return False
        if op == "~=" and val not in v.split():
            return False
    return True


@functools.lru_cache(maxsize=64)
def _merged(selectors: tuple[str, ...]) -> str:
    return ", ".join(selectors)


def _inside(node, removed_ids: set[int]) -> bool:
    if not removed_ids:
        return False
    p = node.parent
    while p is not None:
        if p.mem_id in removed_ids:
            return True
        p = p.parent
    return False


def _host(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit
    try:
        return urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None


# -- loading -------------------------------------------------------------------

def selector_dirs(config: Config) -> list[Path]:
    """``rules/selectors`` when bundled rules are on, then each rule dir's ``selectors/``."""
    dirs = []
    if config.use_bundled_rules:
        dirs.append(BUNDLED_RULES_DIR / "selectors")
    dirs.extend(Path(d) / "selectors" for d in config.rule_dirs)
    return [d for d in dirs if d.is_dir()]


def load_selectors(config: Config | None = None) -> SelectorSet:
    """Load, validate and filter the selector rules the config names (cached per process)."""
    config = config or Config()
    files, stamps = throttled_stamps(("selectors",) + _where(config), lambda: _resolve_files(config))
    return _active(files, stamps, tuple(config.disabled_rules))


def _resolve_files(config: Config) -> tuple[tuple[str, ...], tuple]:
    files = tuple(str(f) for d in selector_dirs(config)
                  for f in sorted(list(d.glob("*.yaml")) + list(d.glob("*.yml"))))
    return files, tuple(_stamp(f) for f in files)


def _stamp(f: str) -> tuple:
    try:
        st = Path(f).stat()
        return (st.st_mtime_ns, st.st_size)
    except OSError:
        return ()


@functools.lru_cache(maxsize=16)
def _load_cached(files: tuple[str, ...], stamps: tuple) -> tuple[SelectorRule, ...]:
    return tuple(load_selector_files(files))


@functools.lru_cache(maxsize=64)
def _active(files: tuple[str, ...], stamps: tuple, disabled: tuple[str, ...]) -> SelectorSet:
    # keyed on file names and stamps, not on the rules: hashing ~130 frozen
    # rule records cost 0.1 ms a call, more than the DOM walk of a short page
    rules = _load_cached(files, stamps)
    cfg = Config(disabled_rules=disabled)
    active = tuple(r for r in rules if r.status != "disabled" and not cfg.is_disabled(r.id))
    return SelectorSet(active, rules)


def load_selector_files(paths: Iterable[Path | str]) -> list[SelectorRule]:
    """Parse and validate selector files; raise RuleSetError listing every problem."""
    return load_rule_files(paths, parse=_parse_file)


def _parse_file(text: str, path: str):
    return parse_rule_file(text, path, _validate, what="selector rule")


_PROBE = LexborHTMLParser("<html><body><p>probe</p></body></html>")


def _validate(node, data, path: str):
    chk = RuleChecker(node, data, path, ALLOWED_KEYS, REQUIRED_KEYS, "html.share-bar",
                      "selector rule must be a mapping with id, description, kind, selector and examples")
    if not chk.ok:
        return None, chk.errors
    errors, err, rid, line = chk.errors, chk.err, chk.rid, chk.line
    if "kind" in data and data["kind"] != "selector":
        err("kind must be 'selector' in a selector rule file (line, section and span rules "
            "go in rules/*.yaml)", "kind")
    sel = data.get("selector")
    if "selector" in data:
        if not isinstance(sel, str) or not sel.strip():
            err("selector must be a non-empty CSS selector string", "selector")
            sel = None
        else:
            try:
                _PROBE.css(sel)
            except Exception as e:  # selectolax raises ValueError/SelectolaxError variants
                err(f"selector is not valid CSS: {e}", "selector")
                sel = None
    status = data.get("status", "stable")
    if status not in STATUSES:
        err(f"status must be one of {', '.join(STATUSES)}", "status")
    share = data.get("max_page_share", MAX_PAGE_SHARE)
    if not isinstance(share, (int, float)) or isinstance(share, bool) or not 0 < share <= 1:
        err("max_page_share must be a number in (0, 1]", "max_page_share")
        share = MAX_PAGE_SHARE
    items = data.get("article_items", False)
    if not isinstance(items, bool):
        err("article_items must be true or false", "article_items")
        items = False
    sites = chk.sites()
    ex_remove, ex_keep = chk.examples(items="HTML snippets", one="HTML snippet the rule removes")
    if errors:
        return None, errors
    rule = SelectorRule(id=rid, description=data["description"].strip(), selector=sel.strip(),
                        sites=tuple(sites), status=status, max_page_share=float(share), article_items=items,
                        examples_remove=tuple(ex_remove),
                        examples_keep=tuple(ex_keep), path=path, line=line)
    return rule, []


def matches(rule: SelectorRule, snippet: str) -> bool:
    """Whether ``rule`` removes something from an HTML snippet, through the same
    compiled matcher the front door uses (for examples and tests)."""
    tree = LexborHTMLParser(f"<html><body>{snippet}</body></html>")
    return bool(SelectorSet((rule,)).apply(tree))
