"""Rules as data: load, validate and compile the YAML rule files.

A rule file is a YAML list of rules. Every rule has this shape::

    - id: social.share-on              # readable slug, unique across all files
      description: Share-button captions left in the text.
      kind: line                       # line | section | span
      pattern: '(share|post) (on|to) (facebook|twitter|x)'
      flags: [ignorecase]              # optional
      scope: anywhere                  # anywhere (default) | head | tail
      language: en                     # optional: only for pages in these languages
      sites: [example.com]             # optional: only for these sites (.example.com = subdomains too)
      status: stable                   # stable (default) | experimental | disabled
      match: full                      # full (default): the whole line | contains: anywhere in it
      max_words: 12                    # optional: never fire on lines longer than this
      ends_article: false              # optional: the article ends here (default: true for sections)
      metadata: {source: syndicated feed}  # optional: fixed metadata set when it fires
      examples:
        remove: ["Share on Facebook"]
        keep: ["She refused to share on Facebook what she had told us."]

Kinds:

``line``
    The pattern must match the whole (whitespace-normalised) line; the line goes.
``section``
    The pattern matches a heading line ("Related Articles", "Leave a Reply");
    the heading and the furniture after it go, until body text resumes or the
    page ends.
``span``
    The pattern is searched inside lines and only the matched span goes (a
    credit glued to a caption, an inline "Advertisement" label).

Named groups whose names are metadata fields (``source``, ``section`` — a
breadcrumb trail, whose last crumb is the section — ``tags``, ``dateline``,
``author``, ``site_name``) copy what they matched into the result's metadata: ``'(?P<source>[A-Z]\\w+) reported the information\\.'``.

Patterns use RE2 syntax and run on RE2 (google-re2): matching time is linear
in the input, so no rule, bundled or user-supplied, can hang the cleaner.
Whole-line patterns are merged into one RE2 set, screened loosely and
confirmed by each rule's own pattern; "contains" and span patterns are
searched only where RE2's FilteredRE2 prefilter finds the words they need.
A match names the rules that fired. ``\\w`` and ``\\W`` also take the Latin, Greek and
Cyrillic letters beyond ASCII ("Mehr aus Österreich"); ``\\b`` stays RE2's ASCII one.

Loading validates every file and collects *every* problem as
``rules/x.yaml:LINE: rule 'id': message`` before raising
:class:`~cleaner.errors.RuleSetError`; a bad rule set never half-loads.
"""
from __future__ import annotations

import functools
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import re2
import yaml

from .config import BUNDLED_RULES_DIR, Config
from .errors import RuleError, RuleSetError

KINDS = ("line", "section", "span")
SCOPES = ("anywhere", "head", "tail")
STATUSES = ("stable", "experimental", "disabled")
FLAGS = ("ignorecase",)
CAPTURE_FIELDS = frozenset({"source", "section", "tags", "dateline", "author", "site_name"})
ALLOWED_KEYS = frozenset({
    "id", "description", "kind", "pattern", "patterns", "flags", "scope", "language",
    "sites", "status", "examples", "max_words", "notes", "metadata", "match", "ends_article",
})
MATCHES = ("full", "contains")
REQUIRED_KEYS = ("id", "description", "kind", "examples")
ID_RE = re.compile(r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$")
_NAMED_GROUP = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>")


@dataclass(frozen=True)
class Rule:
    """One compiled rule. ``regex`` is the RE2 object for the merged pattern."""

    id: str
    description: str
    kind: str
    patterns: tuple[str, ...]
    flags: tuple[str, ...] = ()
    scope: str = "anywhere"
    languages: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    status: str = "stable"
    max_words: int | None = None
    examples_remove: tuple[str, ...] = ()
    examples_keep: tuple[str, ...] = ()
    path: str = ""
    line: int = 0
    regex: object = field(default=None, compare=False, repr=False)
    captures: tuple[str, ...] = ()
    #: Fixed metadata the rule adds when it fires (``metadata: {source: syndicated feed}``).
    sets: dict = field(default_factory=dict, compare=False)
    #: ``full``: the pattern must match the whole line; ``contains``: anywhere
    #: in it (line and section rules only; bound such rules with max_words).
    match: str = "full"
    #: What it removes marks the end of the article: the body's run does not
    #: bridge it (every section rule; line rules such as a comment form's fine print).
    ends_article: bool = False

    @property
    def source_pattern(self) -> str:
        """All patterns merged into one alternation, flags inlined."""
        return merge_patterns(self.patterns, self.flags)

    def matches(self, line: str) -> bool:
        """Whether this rule fires on one (normalised) line, ignoring scope."""
        line = " ".join(line.split())
        if self.max_words is not None and len(line.split()) > self.max_words:
            return False
        if self.kind == "span" or self.match == "contains":
            return self.regex.search(line) is not None
        return self.regex.fullmatch(line) is not None

    def applies_to(self, language: str | None, host: str | None) -> bool:
        if self.languages and language and language not in self.languages:
            return False
        if self.sites:
            return host is not None and any(_site_matches(s, host) for s in self.sites)
        return True

    def capture(self, line: str) -> dict:
        """Metadata the rule's named groups captured on ``line``."""
        if not self.captures:
            return {}
        m = self.regex.fullmatch(line) if (self.kind != "span" and self.match == "full") \
            else self.regex.search(line)
        if not m:
            return {}
        return {k: v.strip() for k, v in m.groupdict().items()
                if k in CAPTURE_FIELDS and v and v.strip()}


def _site_matches(site: str, host: str) -> bool:
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    site = site.lower()
    if site.startswith("."):
        return host == site[1:] or host.endswith(site)
    return host == site or host == "www." + site


class RuleSet:
    """Compiled rules, grouped by kind, matched without one pass per rule.

    ``match_line(text)`` returns the line/section rules that fire on a line.
    Whole-line rules go through one merged RE2 set; its DFA screens with
    :func:`screen_pattern`, and a hit of a loosened rule is confirmed with
    the rule's own pattern. "Contains" and span rules are searched only where
    their required words occur: RE2's FilteredRE2 prefilter finds those words
    with one literal, case-blind pass (see :meth:`screen`), and asked once
    for the whole page it rules them out on most pages.
    """

    def __init__(self, rules: Iterable[Rule], disabled: Iterable[str] = ()):
        self.all_rules: tuple[Rule, ...] = tuple(rules)
        cfg = Config(disabled_rules=tuple(disabled))
        self.rules = tuple(r for r in self.all_rules
                           if r.status != "disabled" and not cfg.is_disabled(r.id))
        self.by_id = {r.id: r for r in self.all_rules}
        self._order = {r.id: i for i, r in enumerate(self.rules)}
        self.line_rules = tuple(r for r in self.rules if r.kind in ("line", "section") and r.match == "full")
        self.contains_rules = tuple(r for r in self.rules if r.kind in ("line", "section") and r.match == "contains")
        self.span_rules = tuple(r for r in self.rules if r.kind == "span")
        # Whole-line rules: one merged set, anchored at both ends. The long
        # searched patterns stay out of it: they multiply its DFA's states
        # (measured: 25 us/line merged, ~3 us/line kept apart, 26k dev lines).
        self._set = _compile_set(self.line_rules) if self.line_rules else None
        self._match_full = _bytes_matcher(self._set)
        # whole-line rules whose screen is looser than their pattern
        self._loose = frozenset(r.id for r in self.line_rules
                                if screen_pattern(r.source_pattern) != r.source_pattern)
        # "contains" and span rules: a prefilter on their required words
        self._screened = self.contains_rules + self.span_rules
        self._filter = _compile_filter(self._screened) if self._screened else None
        # each rule's own pattern, tested on the line's UTF-8 bytes
        self._test = {r.id: _bytes_test(r) for r in self.rules}

    def __len__(self) -> int:
        return len(self.rules)

    def screen(self, text: str) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
        """The "contains" rules and the span rules that may fire in ``text``.

        A rule may fire where every word its pattern requires occurs
        (case-blind; a rule requiring none always may). ``text`` may be a
        whole page, lines joined by newlines: a rule ruled out for the page
        is ruled out for each of its lines.
        """
        if self._filter is None:
            return (), ()
        may = [self._screened[i] for i in self._filter.Match(text.encode("utf-8"), True) or ()]
        return (tuple(r for r in may if r.kind != "span"), tuple(r for r in may if r.kind == "span"))

    def match_line(self, text: str, contains: tuple[Rule, ...] | None = None) -> list[Rule]:
        """Line and section rules that fire on ``text`` (whole line, or contained).

        ``contains``: the "contains" rules to search for, as :meth:`screen`
        gave them for the whole page (``None``: screen this line itself).
        """
        data = text.encode("utf-8")
        full = self._match_full(data) if self._match_full is not None else None
        if contains is None:
            contains = self.screen(text)[0]
        if not full and not contains:
            return []
        n = None
        out = []
        for r in sorted([self.line_rules[i] for i in full or ()] + list(contains),
                        key=lambda r: self._order[r.id]):
            if r.max_words is not None:
                if n is None:
                    n = len(text.split())
                if n > r.max_words:
                    continue
            if (r.match == "contains" or r.id in self._loose) and not self._test[r.id](data):
                continue
            out.append(r)
        return out

    def match_spans(self, text: str, spans: tuple[Rule, ...] | None = None) -> list[Rule]:
        """Span rules found somewhere inside ``text`` (of ``spans``, as
        :meth:`screen` gave them for the page; ``None``: screen ``text``)."""
        if spans is None:
            spans = self.screen(text)[1]
        if not spans:
            return []
        data = text.encode("utf-8")
        return [r for r in spans if self._test[r.id](data)]

    def status(self, rule_id: str) -> str:
        r = self.by_id[rule_id]
        if r.status == "disabled" or r not in self.rules:
            return "disabled"
        return r.status


def _bytes_test(rule: Rule):
    """Whether ``rule``'s own pattern matches a line given as UTF-8 bytes
    (the whole line, or somewhere in it for "contains" and span rules). The
    RE2 object is called directly: the str wrapper, which also maps byte
    offsets back to characters, costs 5x as much on a long line."""
    anchored = rule.kind != "span" and rule.match == "full"
    raw = getattr(rule.regex, "_regexp", None)
    anchor = getattr(re2, "_Anchor", None)
    if raw is None or anchor is None:
        find = rule.regex.fullmatch if anchored else rule.regex.search
        return lambda data: find(data.decode("utf-8")) is not None
    how = anchor.ANCHOR_BOTH if anchored else anchor.UNANCHORED
    match = raw.Match
    return lambda data: match(how, data, 0, len(data))[0][0] >= 0


def _bytes_matcher(s):
    """``s.Match`` for UTF-8 bytes, minus the wrapper's per-call str check
    (a third of the time on a short line); the wrapper's own where absent."""
    if s is None:
        return None
    raw = getattr(s, "_set", None)
    return raw.Match if hasattr(raw, "Match") else s.Match


def merge_patterns(patterns, flags) -> str:
    """One RE2 pattern: the alternatives, flags inlined, \\w with accented letters."""
    body = "|".join(f"(?:{unicode_words(p)})" for p in patterns)
    return ("(?i)" if "ignorecase" in flags else "") + f"(?:{body})"


#: Letters of the Latin, Greek and Cyrillic scripts besides ASCII's: all of
#: \pL made line matching 2.6x slower (its DFA), for scripts whose words
#: the rules never spell out letter by letter (measured 9.8 vs 3.7 us/line).
_WORD = r"\w\x{00C0}-\x{00D6}\x{00D8}-\x{00F6}\x{00F8}-\x{024F}\x{0370}-\x{03FF}\x{0400}-\x{052F}"
_NON_WORD = f"[^{_WORD}]"


def _tokens(pattern: str) -> Iterator[tuple[str, bool]]:
    """The pattern's atoms, each with whether it sits inside a character class:
    escapes whole (``\\w``, ``\\x{00C0}``, ``\\p{Lu}``, a ``\\Q...\\E`` literal), a class opener whole
    (``[``, ``[^``, a leading literal ``]``), other characters one by one."""
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            j = i + 2
            if pattern[i + 1] in "xpP" and pattern[j:j + 1] == "{":
                j = pattern.find("}", j) + 1 or n
            elif pattern[i + 1] == "Q":  # a literal run, up to \E or the end
                j = pattern.find("\\E", j)
                j = n if j < 0 else j + 2
            yield pattern[i:j], in_class
            i = j
        elif c == "[" and not in_class:
            j = i + 1
            if pattern[j:j + 1] == "^":
                j += 1
            if pattern[j:j + 1] == "]":  # a ']' first in the class is a literal
                j += 1
            yield pattern[i:j], False
            in_class = True
            i = j
        elif c == "[" and in_class and pattern[i + 1:i + 2] == ":" and pattern.find(":]", i + 2) > 0:
            j = pattern.find(":]", i + 2) + 2  # a POSIX class inside a class: [[:alpha:]\w]
            yield pattern[i:j], True
            i = j
        else:
            if c == "]" and in_class:
                in_class = False
                yield c, True
            else:
                yield c, in_class
            i += 1


def unicode_words(pattern: str) -> str:
    """``\\w`` and ``\\W`` with the accented Latin, Greek and Cyrillic letters
    (RE2's are ASCII, so 'Mehr aus Österreich' would not be a word run).
    Inside a class only ``\\w`` is rewritten (``[^\\W]`` has no RE2 spelling)."""
    if "\\w" not in pattern and "\\W" not in pattern:
        return pattern
    out = []
    for tok, in_class in _tokens(pattern):
        if tok == "\\w":
            tok = _WORD if in_class else f"[{_WORD}]"
        elif tok == "\\W" and not in_class:
            tok = _NON_WORD
        out.append(tok)
    return "".join(out)


_COUNTED = re.compile(r"\{(\d+),(\d+)\}")


def screen_pattern(pattern: str) -> str:
    """``pattern`` with its counted repeats unbounded (``{0,40}`` reads ``*``,
    ``{1,40}`` ``+``, ``{2,60}`` ``{2,}``): what the merged sets screen with.

    In the merged whole-line set, each counted wildcard makes the DFA count,
    once per place it could have started, and every count multiplies the
    states of all the other rules. Building those states is what line
    matching costs on text not seen before (the rule stage took 1.45 ms a
    page over the HTML bench's 280 pages, 0.80 with the loose screen, when
    the searched rules still had merged sets of their own). The screen
    matches every line the rule matches; :class:`RuleSet` confirms a hit
    with the rule's exact pattern.

    >>> screen_pattern("sponsored by .{1,40}|[^.]{0,80}$|x{4}")
    'sponsored by .+|[^.]*$|x{4}'
    """
    if "{" not in pattern:
        return pattern
    out: list[str] = []
    toks = list(_tokens(pattern))
    i = 0
    while i < len(toks):
        tok, in_class = toks[i]
        if tok == "{" and not in_class:
            m = _COUNTED.match("".join(t for t, _ in toks[i:i + 12]))
            if m:
                lo = int(m.group(1))
                out.append("*" if lo == 0 else "+" if lo == 1 else f"{{{lo},}}")
                i += len(m.group(0))  # one token per character of "{m,n}"
                continue
        out.append(tok)
        i += 1
    return "".join(out)


def _compile_set(rules):
    """One RE2 set of whole-line patterns, each loosened by :func:`screen_pattern`."""
    opts = re2.Options()
    opts.max_mem = 64 << 20
    s = re2.Set.FullMatchSet(opts)
    for r in rules:
        idx = s.Add(_strip_names(screen_pattern(r.source_pattern)))
        assert idx >= 0
    s.Compile()
    return s


def _compile_filter(rules):
    """RE2's FilteredRE2 over ``rules``: it finds their required literal words
    (atoms) in a text with one case-blind set pass, and names the rules whose
    atoms are all there. Measured on the HTML bench's 280 pages (cold): 0.06
    ms a page, against 0.30 for a merged search set of the same patterns."""
    f = re2.Filter()
    for r in rules:
        try:
            f.Add(_strip_names(r.source_pattern))
        except re2.error:
            raise RuleSetError([RuleError("RE2's prefilter cannot read this pattern", r.path, r.line, r.id)]) from None
    try:
        f.Compile()
    except re2.error:
        raise RuleSetError([RuleError("RE2's prefilter failed to compile the rules")]) from None
    return f


def _strip_names(pattern: str) -> str:
    """RE2 sets don't need capture names; plain groups keep them cheap."""
    return _NAMED_GROUP.sub("(", pattern)


# -- loading -----------------------------------------------------------------

def rule_dirs(config: Config) -> list[Path]:
    dirs = []
    if config.use_bundled_rules:
        dirs.append(BUNDLED_RULES_DIR)
    dirs.extend(Path(d) for d in config.rule_dirs)
    return dirs


def load_rules(config: Config | None = None) -> RuleSet:
    """Load, validate and compile every rule file the config names (cached)."""
    config = config or Config()
    key, stamps = throttled_stamps(("rules",) + _where(config), lambda: _resolve_dirs(config))
    return _ruleset_cached(key, stamps, tuple(config.disabled_rules))


def _where(config: Config) -> tuple:
    return (config.use_bundled_rules, tuple(config.rule_dirs),
            os.getcwd() if config.rule_dirs else "")


def _resolve_dirs(config: Config) -> tuple[tuple[str, ...], tuple]:
    key = tuple(str(p.resolve()) for p in rule_dirs(config))
    return key, tuple(_dir_stamp(Path(k)) for k in key)


def throttled_stamps(where: tuple, resolve) -> tuple:
    """``resolve()`` -> (files or dirs, their stamps), redone at most every
    _RESTAT_SECONDS per ``where``: listing directories and stat-ing files
    costs more than cleaning a short page, so clean() does not do it each call."""
    now = time.monotonic()
    seen = _STAMPS.get(where)
    if seen is None or now - seen[0] > _RESTAT_SECONDS:
        seen = (now, resolve())
        _STAMPS[where] = seen
    return seen[1]


@functools.lru_cache(maxsize=16)
def _ruleset_cached(dirs: tuple[str, ...], stamps: tuple, disabled: tuple[str, ...]) -> "RuleSet":
    return RuleSet(_load_cached(dirs, stamps), disabled)


#: Rule files edited on disk are picked up within this many seconds (the
#: directories are not re-listed on every clean() call).
_RESTAT_SECONDS = 2.0
_STAMPS: dict = {}


def _dir_stamp(path: Path) -> tuple:
    try:
        return tuple(sorted((f.name, f.stat().st_mtime_ns, f.stat().st_size)
                            for f in path.glob("*.y*ml")))
    except OSError:
        return ()


@functools.lru_cache(maxsize=16)
def _load_cached(dirs: tuple[str, ...], stamps: tuple) -> tuple[Rule, ...]:
    return tuple(load_rule_files(_rule_files(dirs)))


def _rule_files(dirs: Iterable[str]) -> list[Path]:
    files: list[Path] = []
    errors = []
    for d in dirs:
        p = Path(d)
        if not p.is_dir():
            errors.append(RuleError("rule directory does not exist", path=str(p)))
            continue
        files.extend(sorted(list(p.glob("*.yaml")) + list(p.glob("*.yml"))))
    if errors:
        raise RuleSetError(errors)
    return files


def load_rule_files(paths: Iterable[Path | str], parse=None) -> list:
    """Parse and validate rule files; raise RuleSetError listing every problem.
    ``parse(text, path)`` yields ``(rule or None, errors)`` (line rules by default;
    the selector loader passes its own)."""
    parse = parse or _parse_file
    rules: list[Rule] = []
    errors: list[RuleError] = []
    seen: dict[str, str] = {}
    for path in paths:
        display = _display_path(Path(path))
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            errors.append(RuleError(f"cannot read: {e}", path=display))
            continue
        for rule, errs in parse(text, display):
            errors.extend(errs)
            if rule is None:
                continue
            if rule.id in seen:
                errors.append(RuleError(f"duplicate id (first defined at {seen[rule.id]})",
                                        path=display, line=rule.line, rule_id=rule.id))
                continue
            seen[rule.id] = f"{display}:{rule.line}"
            rules.append(rule)
    if errors:
        raise RuleSetError(errors)
    return rules


def _display_path(p: Path) -> str:
    """Relative to the working directory when inside it, else absolute."""
    try:
        rel = os.path.relpath(p)
    except ValueError:
        return str(p)
    return str(p) if rel.startswith("..") else rel


def parse_rule_file(text: str, path: str, validate, what: str = "rule"):
    """Yield ``validate(node, data, path)`` for every rule in a YAML rule file,
    or located errors for YAML that does not parse (``yaml.safe_load`` level:
    tags such as ``!!python/object`` are refused, never constructed).
    Shared by the line-rule and the selector-rule loaders."""
    def yaml_error(e):
        mark = getattr(e, "problem_mark", None)
        return None, [RuleError(f"invalid YAML: {getattr(e, 'problem', None) or e}", path=path,
                                line=mark.line + 1 if mark else None)]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        yield yaml_error(e)
        return
    if root is None:
        return
    if not isinstance(root, yaml.SequenceNode):
        yield None, [RuleError(f"a {what} file must be a YAML list of rules", path=path,
                               line=root.start_mark.line + 1)]
        return
    try:
        loader_data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        yield yaml_error(e)
        return
    for node, data in zip(root.value, loader_data):
        yield validate(node, data, path)


def _parse_file(text: str, path: str):
    return parse_rule_file(text, path, _validate)


class RuleChecker:
    """The checks every rule file shares: a mapping, known and required keys,
    a slug id, a description; ``err`` locates a message at its key's line."""

    def __init__(self, node, data, path: str, allowed, required, id_example: str, shape: str):
        self.node, self.data, self.path = node, data, path
        self.line = node.start_mark.line + 1
        self.errors: list[RuleError] = []
        rid = data.get("id") if isinstance(data, dict) else None
        self.rid = rid if isinstance(rid, str) else None
        if not isinstance(data, dict):
            self.err(f"a {shape}")
            self.ok = False
            return
        self.ok = True
        for k in data:
            if k not in allowed:
                self.err(f"unknown key '{k}' (allowed: {', '.join(sorted(allowed))})", k)
        for k in required:
            if k not in data:
                self.err(f"missing required key '{k}'")
        if self.rid is None and "id" in data:
            self.err("id must be a string", "id")
        elif self.rid is not None and not ID_RE.match(self.rid):
            self.err(f"id must be a lowercase slug like '{id_example}'", "id")
        if "description" in data and (not isinstance(data["description"], str)
                                      or not data["description"].strip()):
            self.err("description must be a non-empty string", "description")

    def err(self, msg: str, key: str | None = None) -> None:
        ln = self.line
        if key is not None and isinstance(self.node, yaml.MappingNode):
            for k, _v in self.node.value:
                if k.value == key:
                    ln = k.start_mark.line + 1
        self.errors.append(RuleError(msg, path=self.path, line=ln, rule_id=self.rid))

    def sites(self) -> list:
        sites = self.data.get("sites", [])
        if not isinstance(sites, list) or not all(isinstance(s, str) and s for s in sites):
            self.err("sites must be a list of host names", "sites")
            return []
        return sites

    def examples(self, items: str = "strings",
                 one: str = "example of what the rule removes") -> tuple[list, list]:
        """``examples: {remove: [...], keep: [...]}``: two lists of ``items``,
        at least one ``remove``."""
        if "examples" not in self.data:
            return [], []
        ex = self.data["examples"]
        if not isinstance(ex, dict) or set(ex) - {"remove", "keep"}:
            self.err("examples must be a mapping with 'remove' and optional 'keep' lists", "examples")
            return [], []
        remove, keep = ex.get("remove") or [], ex.get("keep") or []
        if not isinstance(remove, list) or not isinstance(keep, list) or \
                not all(isinstance(x, str) for x in remove + keep):
            self.err(f"examples.remove and examples.keep must be lists of {items}", "examples")
            return [], []
        if not remove:
            self.err(f"examples.remove needs at least one {one}", "examples")
        return remove, keep


#: A word boundary next to a non-ASCII letter ("przetwarzać\b"): RE2's \b
#: is ASCII (unicode_words widens \w, but a boundary has no RE2 spelling
#: that could be widened), so such a boundary never holds.
_ASCII_BOUNDARY_MISUSE = re.compile(r"[^\x00-\x7f]\\b|\\b[^\x00-\x7f]")


def _validate(node, data, path: str):
    chk = RuleChecker(node, data, path, ALLOWED_KEYS, REQUIRED_KEYS, "social.share-on",
                      "rule must be a mapping with id, description, kind, pattern and examples")
    if not chk.ok:
        return None, chk.errors
    errors, err, rid, line = chk.errors, chk.err, chk.rid, chk.line
    kind = data.get("kind")
    if "kind" in data and kind not in KINDS:
        err(f"kind must be one of {', '.join(KINDS)}", "kind")
    patterns = []
    if ("pattern" in data) == ("patterns" in data):
        err("give exactly one of 'pattern' or 'patterns'")
    elif "pattern" in data:
        if not isinstance(data["pattern"], str) or not data["pattern"]:
            err("pattern must be a non-empty string", "pattern")
        else:
            patterns = [data["pattern"]]
    else:
        ps = data["patterns"]
        if not isinstance(ps, list) or not ps or not all(isinstance(p, str) and p for p in ps):
            err("patterns must be a non-empty list of strings", "patterns")
        else:
            patterns = ps
    flags = data.get("flags", [])
    if not isinstance(flags, list) or any(f not in FLAGS for f in flags):
        err(f"flags must be a list drawn from {', '.join(FLAGS)}", "flags")
        flags = []
    scope = data.get("scope", "anywhere")
    if scope not in SCOPES:
        err(f"scope must be one of {', '.join(SCOPES)}", "scope")
    status = data.get("status", "stable")
    if status not in STATUSES:
        err(f"status must be one of {', '.join(STATUSES)}", "status")
    langs = data.get("language", [])
    langs = [langs] if isinstance(langs, str) else langs
    if not isinstance(langs, list) or not all(isinstance(x, str) and re.fullmatch(r"[a-z]{2,3}", x) for x in langs):
        err("language must be an ISO 639-1 code or a list of them", "language")
        langs = []
    sites = chk.sites()
    match = data.get("match", "full")
    if match not in MATCHES:
        err(f"match must be one of {', '.join(MATCHES)}", "match")
    elif match == "contains" and kind == "span":
        err("match: contains applies to line and section rules; span rules always search", "match")
    ends_article = data.get("ends_article", kind == "section")
    if not isinstance(ends_article, bool):
        err("ends_article must be true or false", "ends_article")
        ends_article = False
    max_words = data.get("max_words")
    if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
        err("max_words must be a positive integer", "max_words")
        max_words = None
    sets = data.get("metadata", {})
    if not isinstance(sets, dict) or any(k not in CAPTURE_FIELDS or not isinstance(v, str)
                                         for k, v in sets.items()):
        err(f"metadata must map fields ({', '.join(sorted(CAPTURE_FIELDS))}) to strings", "metadata")
        sets = {}
    ex_remove, ex_keep = chk.examples()
    regex = None
    captures: tuple[str, ...] = ()
    for pat in patterns:
        m = _ASCII_BOUNDARY_MISUSE.search(pat) if isinstance(pat, str) else None
        if m:
            err(f"RE2's \\b is ASCII-only: beside {m.group().replace(chr(92) + 'b', '')!r} it never "
                f"matches; write (?:\\s|$) or \\PL there instead", "pattern" if "pattern" in data else "patterns")
    if patterns and not any(e.message.startswith("flags") for e in errors):
        merged = merge_patterns(patterns, flags)
        try:
            opts = re2.Options()
            opts.log_errors = False
            opts.max_mem = 8 << 20
            regex = re2.compile(merged, opts)
        except re2.error as e:
            msg = e.args[0] if e.args else e
            if isinstance(msg, bytes):
                msg = msg.decode("utf-8", "replace")
            err(f"pattern does not compile under RE2 (linear-time syntax: no backreferences "
                f"or lookaround): {msg}", "pattern" if "pattern" in data else "patterns")
        names = set(_NAMED_GROUP.findall(merged))
        captures = tuple(sorted(n for n in names if n in CAPTURE_FIELDS))
        unknown = names - CAPTURE_FIELDS
        if unknown:
            err(f"named groups must be metadata fields ({', '.join(sorted(CAPTURE_FIELDS))}); "
                f"got {', '.join(sorted(unknown))}", "pattern" if "pattern" in data else "patterns")
    if errors:
        return None, errors
    rule = Rule(
        id=rid, description=data["description"].strip(), kind=kind, patterns=tuple(patterns),
        flags=tuple(flags), scope=scope, languages=tuple(langs), sites=tuple(sites),
        status=status, max_words=max_words, examples_remove=tuple(ex_remove),
        examples_keep=tuple(ex_keep), path=path, line=line, regex=regex, captures=captures,
        sets=dict(sets), match=match, ends_article=ends_article,
    )
    return rule, []
