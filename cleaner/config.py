"""The one immutable configuration object.

Change it with keyword overrides (``Config(max_removed_share=0.9)``),
``dataclasses.replace`` or :meth:`Config.from_env`; nothing reads module-level
mutable state.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

#: The rules shipped with the package: ``rules/`` at the repository root.
BUNDLED_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


@dataclass(frozen=True)
class Config:
    """Settings for one cleaner.

    Fields (default → trade-off):

    rule_dirs (``()``)
        Extra directories of ``*.yaml`` rule files, loaded after the bundled
        ones. Env: ``CLEANER_RULE_DIRS`` (``os.pathsep``-separated).
    use_bundled_rules (``True``)
        Load ``rules/`` shipped with the cleaner. Turn off to run only your own.
    disabled_rules (``()``)
        Rule or heuristic ids to switch off; a trailing ``*`` disables a whole
        family (``"social.*"``). Env: ``CLEANER_DISABLED_RULES`` (comma list).
    heuristics (``True``)
        Run the heuristic stages (menus, topic drift, tails...). Off gives the
        pure rules engine: more recall of body text, less precision.
    max_removed_share (``0.85``)
        Over-removal guard: when removals take more than this share of the
        input's characters the result carries a ``over-removal`` warning.
        Calibrated on the seeds (furniture 5–40 % of a page) and dev text
        track pages (median ~45 %, rarely above 80 % for real articles).
    max_input_chars (``5_000_000``)
        Inputs longer than this raise ``InputError('too_large')``; a bound on
        the work per document (every stage is linear, so time is bounded too).
    language (``None``)
        Force a language code instead of detecting it (chooses stoplists).
    template_lines (``frozenset()``)
        Hashes of lines known to be site template (set by :func:`clean_many`
        when ``detect_templates`` is on); matching lines are removed.
    detect_templates (``False``)
        In :func:`clean_many`, find lines recurring on most pages of one site
        and treat them as furniture (CCNet-style line hashes).
    settle (``True``)
        Run the stages again over what a pass kept until nothing more goes,
        so ``clean(clean(x).text).text == clean(x).text`` (a second clean
        of the output removes nothing). Without it ~3% of dev pages lose a
        line or two more on a second clean; with it, text cleaning takes
        ~50% longer. Env: ``CLEANER_SETTLE``.
    output_format (``"text"``)
        ``text``, ``markdown`` or ``html`` (the last two need HTML input to
        carry structure; from text they render paragraphs).
    """

    rule_dirs: tuple[str, ...] = ()
    use_bundled_rules: bool = True
    disabled_rules: tuple[str, ...] = ()
    heuristics: bool = True
    max_removed_share: float = 0.85
    max_input_chars: int = 5_000_000
    language: str | None = None
    template_lines: frozenset = field(default_factory=frozenset)
    detect_templates: bool = False
    output_format: str = "text"
    settle: bool = True

    @classmethod
    def from_env(cls, environ: dict | None = None, **overrides) -> "Config":
        """Defaults, then ``CLEANER_*`` environment variables, then overrides."""
        env = os.environ if environ is None else environ
        kw: dict = {}
        if env.get("CLEANER_RULE_DIRS"):
            kw["rule_dirs"] = tuple(p for p in env["CLEANER_RULE_DIRS"].split(os.pathsep) if p)
        if env.get("CLEANER_DISABLED_RULES"):
            kw["disabled_rules"] = tuple(
                s.strip() for s in env["CLEANER_DISABLED_RULES"].split(",") if s.strip())
        if env.get("CLEANER_USE_BUNDLED_RULES"):
            kw["use_bundled_rules"] = env["CLEANER_USE_BUNDLED_RULES"].lower() not in ("0", "false", "no")
        if env.get("CLEANER_HEURISTICS"):
            kw["heuristics"] = env["CLEANER_HEURISTICS"].lower() not in ("0", "false", "no")
        if env.get("CLEANER_MAX_REMOVED_SHARE"):
            kw["max_removed_share"] = float(env["CLEANER_MAX_REMOVED_SHARE"])
        if env.get("CLEANER_MAX_INPUT_CHARS"):
            kw["max_input_chars"] = int(env["CLEANER_MAX_INPUT_CHARS"])
        if env.get("CLEANER_SETTLE"):
            kw["settle"] = env["CLEANER_SETTLE"].lower() not in ("0", "false", "no")
        if env.get("CLEANER_LANGUAGE"):
            kw["language"] = env["CLEANER_LANGUAGE"]
        kw.update(overrides)
        return cls(**kw)

    def replace(self, **changes) -> "Config":
        return dataclasses.replace(self, **changes)

    def is_disabled(self, rule_id: str) -> bool:
        for d in self.disabled_rules:
            if d == rule_id or (d.endswith("*") and rule_id.startswith(d[:-1])):
                return True
        return False
