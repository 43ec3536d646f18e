"""The ``cleaner`` command: a thin shell over the library.

::

    cleaner clean FILE|-              clean text (or HTML) and print the body
    cleaner clean --json FILE         the whole result as JSON
    cleaner clean --explain FILE      each removal: rule id, reason, text
    cleaner clean --jsonl < in.jsonl  JSONL in, JSONL out (one result per line)
    cleaner rules list|lint|test      the rule set
    cleaner batch IN OUT              clean a folder tree, JSONL or WARC files

Exit codes: 0 ok; 1 input or rule errors (the message says what to try);
2 usage errors.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .api import clean
from .config import Config
from .errors import CleanerError, InputError, RuleSetError
from .rules import load_rules

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _config(args) -> Config:
    overrides = {}
    if getattr(args, "rules_dir", None):
        overrides["rule_dirs"] = tuple(args.rules_dir)
    if getattr(args, "disable", None):
        overrides["disabled_rules"] = tuple(d for s in args.disable for d in s.split(",") if d)
    if getattr(args, "no_bundled_rules", False):
        overrides["use_bundled_rules"] = False
    if getattr(args, "no_heuristics", False):
        overrides["heuristics"] = False
    if getattr(args, "language", None):
        overrides["language"] = args.language
    return Config.from_env(**overrides)


def _add_rule_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules-dir", action="append", metavar="DIR",
                   help="extra directory of *.yaml rules (repeatable; env CLEANER_RULE_DIRS)")
    p.add_argument("--disable", action="append", metavar="IDS",
                   help="rule/heuristic ids to disable, comma-separated; 'social.*' for a family")
    p.add_argument("--no-bundled-rules", action="store_true", help="use only --rules-dir rules")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="cleaner", description="Strip boilerplate from web text and HTML.")
    ap.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("clean", help="clean one document (file or stdin)")
    c.add_argument("file", nargs="?", default="-", help="input file, or - for stdin (default)")
    c.add_argument("--content-type", choices=["auto", "text", "html"], default="auto")
    c.add_argument("--url", help="page URL (enables per-site rules)")
    c.add_argument("--format", dest="output_format", choices=["text", "markdown", "html"], default="text")
    c.add_argument("--charset", help="charset of the input bytes (else detected)")
    c.add_argument("--language", help="force a language code (else detected)")
    c.add_argument("--no-heuristics", action="store_true", help="rules only")
    mode = c.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print the whole result as JSON")
    mode.add_argument("--explain", action="store_true", help="print each removal with its rule id and reason")
    mode.add_argument("--jsonl", action="store_true",
                      help="read JSONL documents on stdin, write one JSON result per line")
    _add_rule_options(c)

    r = sub.add_parser("rules", help="list, lint or test the rules")
    r.add_argument("action", choices=["list", "lint", "test"])
    r.add_argument("--fixtures", default=None, help="folder of text fixtures for lint (default: fixtures/)")
    _add_rule_options(r)

    b = sub.add_parser("batch", help="clean a folder, JSONL or WARC files into an output tree")
    try:
        from .batch import add_batch_arguments
    except ImportError:
        add_batch_arguments = None
    if add_batch_arguments is not None:
        add_batch_arguments(b)
        _add_rule_options(b)
    return ap


def main(argv=None) -> int:
    ap = build_parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on usage errors, 0 on --help
        return int(e.code or 0)
    if args.command is None:
        ap.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "clean":
            return cmd_clean(args)
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "batch":
            from .batch import run_batch
            return run_batch(args)
    except RuleSetError as e:
        print(f"cleaner: the rules did not load:\n{e}\nFix the files above, or disable "
              f"the rule with --disable ID.", file=sys.stderr)
        return EXIT_ERROR
    except InputError as e:
        print(f"cleaner: {e}", file=sys.stderr)
        return EXIT_ERROR
    except CleanerError as e:
        print(f"cleaner: {e}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    return EXIT_USAGE


def _read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except OSError as e:
        raise InputError(f"cannot read {name}: {e.strerror}. Check the path.", "unreadable") from None


def cmd_clean(args) -> int:
    config = _config(args)
    if args.jsonl:
        from .batch import stream_jsonl
        return stream_jsonl(sys.stdin.buffer, sys.stdout, config)
    data = _read_input(args.file)
    res = clean(data, content_type=args.content_type, url=args.url, config=config,
                charset=args.charset, output_format=args.output_format)
    out = sys.stdout
    if args.json:
        json.dump(res.as_dict(explain=True), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.explain:
        for r in res.removed:
            text = r.text if len(r.text) <= 100 else r.text[:97] + "..."
            out.write(f"- [{r.rule_id}] {text!r}\n    {r.reason} (chars {r.start}-{r.end})\n")
        out.write(f"\n{len(res.removed)} removal(s); "
                  f"{res.metadata.get('chars_in')} -> {res.metadata.get('chars_out')} characters\n")
        for w in res.warnings:
            out.write(f"warning: {w}\n")
    else:
        out.write(res.text + "\n")
        for w in res.warnings:
            print(f"cleaner: warning: {w}", file=sys.stderr)
    return EXIT_OK


def cmd_rules(args) -> int:
    config = _config(args)
    rs = load_rules(config)
    if args.action == "list":
        for r in rs.all_rules:
            print(f"{r.id:40s} {r.kind:8s} {r.scope:9s} {rs.status(r.id):12s} {r.description}")
        from .pipeline import stage_names
        print(f"\n{len(rs.all_rules)} rules; stages: {', '.join(stage_names(config))}")
        return EXIT_OK
    if args.action == "test":
        failures = _example_failures(rs)
        for f in failures:
            print(f)
        n = sum(len(r.examples_remove) + len(r.examples_keep) for r in rs.rules)
        print(f"{n - len(failures)} passed, {len(failures)} failed")
        return EXIT_ERROR if failures else EXIT_OK
    # lint: duplicate ids and bad patterns are load errors already; here:
    # failing examples and rules that match nothing in the fixtures.
    problems = _example_failures(rs)
    fixtures = Path(args.fixtures) if args.fixtures else Path("fixtures")
    lines = _fixture_lines(fixtures, exclude="false_positives")
    # clean prose that no rule may touch
    for line in _fixture_lines(fixtures / "false_positives"):
        for r in rs.match_line(line) + rs.match_spans(line):
            problems.append(f"{r.path}:{r.line}: rule '{r.id}': matches clean prose in "
                            f"{fixtures}/false_positives/: {line[:80]!r}")
    if lines:
        fired = set()
        for line in lines:
            for r in rs.match_line(line):
                fired.add(r.id)
            for r in rs.match_spans(line):
                fired.add(r.id)
        for r in rs.rules:
            if r.id not in fired:
                problems.append(f"{r.path}:{r.line}: rule '{r.id}': matches nothing in {fixtures}/ "
                                f"(add a fixture that shows what it removes)")
    else:
        problems.append(f"no fixtures found under {fixtures}/ to check rules against")
    for p in problems:
        print(p)
    print(f"{len(rs.rules)} rules checked, {len(problems)} problem(s)")
    return EXIT_ERROR if problems else EXIT_OK


def _example_failures(rs) -> list[str]:
    out = []
    for r in rs.rules:
        for i, ex in enumerate(r.examples_remove):
            if not r.matches(ex):
                out.append(f"{r.path}:{r.line}: rule '{r.id}': remove example {i} not matched: {ex!r}")
        for i, ex in enumerate(r.examples_keep):
            if r.matches(ex):
                out.append(f"{r.path}:{r.line}: rule '{r.id}': keep example {i} matched: {ex!r}")
    return out


def _fixture_lines(folder: Path, exclude: str | None = None) -> list[str]:
    lines: list[str] = []
    if not folder.is_dir():
        return lines
    for p in sorted(folder.rglob("*.txt")):
        if exclude and exclude in p.relative_to(folder).parts:
            continue
        try:
            lines.extend(" ".join(l.split()) for l in p.read_text(encoding="utf-8").splitlines() if l.strip())
        except (OSError, UnicodeDecodeError):
            continue
    return lines


if __name__ == "__main__":
    sys.exit(main())
