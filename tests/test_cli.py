"""The `cleaner` console script, run as a user runs it (a real subprocess)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLI = [str(Path(sys.executable).parent / "cleaner")]
PAGE = ("Share on Facebook\n"
        "Council approves the budget\n"
        "The city council approved the new budget on Monday after a debate that lasted into the night.\n"
        "Members said the plan would fund schools, roads and the library for the next two years.\n"
        "Related Articles\n"
        "Mayor opens new bridge\n")


def run(*args, stdin=None):
    return subprocess.run(CLI + list(args), input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_clean_reads_stdin_and_prints_the_body():
    p = run("clean", "-", stdin=PAGE)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("The city council approved")
    assert "Share on Facebook" not in p.stdout and "Mayor opens" not in p.stdout


def test_clean_json_gives_the_whole_result(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text(PAGE, encoding="utf-8")
    p = run("clean", "--json", str(f))
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["metadata"]["title"] == "Council approves the budget"
    assert {r["rule_id"] for r in out["removed"]} >= {"social.share-on", "related.heading"}
    assert set(out) == {"text", "metadata", "warnings", "removed"}


def test_explain_names_each_rule_and_reason():
    p = run("clean", "--explain", "-", stdin=PAGE)
    assert p.returncode == 0
    assert "[social.share-on] 'Share on Facebook'" in p.stdout
    assert "Share-button caption" in p.stdout


def test_missing_file_is_exit_1_with_advice():
    p = run("clean", "/no/such/file.txt")
    assert p.returncode == 1
    assert "cannot read" in p.stderr and "Check the path" in p.stderr


def test_empty_input_is_exit_1():
    p = run("clean", "-", stdin="   \n")
    assert p.returncode == 1
    assert "empty" in p.stderr


def test_usage_errors_are_exit_2():
    assert run("frobnicate").returncode == 2
    assert run("clean", "--format", "pdf", "-").returncode == 2
    assert run().returncode == 2


def test_rules_list_and_test():
    p = run("rules", "list")
    assert p.returncode == 0 and "social.share-on" in p.stdout
    p = run("rules", "test")
    assert p.returncode == 0, p.stdout
    assert " 0 failed" in p.stdout


def test_bad_user_rules_are_exit_1_with_file_and_line(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "- id: mine.bad\n  description: x\n  kind: line\n  pattern: '(a)\\1'\n  examples: {remove: [aa]}\n")
    p = run("clean", "--rules-dir", str(tmp_path), "-", stdin=PAGE)
    assert p.returncode == 1
    assert "mine.yaml:4: rule 'mine.bad': pattern does not compile" in p.stderr


def test_disable_a_rule_from_the_command_line():
    p = run("clean", "--explain", "--disable", "social.share-on", "-", stdin=PAGE)
    assert "[social.share-on]" not in p.stdout
    p = run("clean", "--no-heuristics", "--disable", "social.*", "-", stdin=PAGE)
    assert "Share on Facebook" in p.stdout


def test_rules_lint_reports_rules_without_fixtures(tmp_path):
    p = run("rules", "lint", "--fixtures", str(tmp_path))
    assert p.returncode == 1
    assert "no fixtures found" in p.stdout


def test_readme_commands_are_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme


def test_the_readme_python_example_runs_as_written():
    import doctest
    failures, tried = doctest.testfile(str(ROOT / "README.md"), module_relative=False)
    assert tried and not failures
