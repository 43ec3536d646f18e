"""The YAML rules engine: validation with every error located, RE2 linear
time, merged-set attribution, kinds (line, section, span) and scopes (head,
tail, language, site)."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

import cleaner
from cleaner import Config, RuleError, RuleSetError, load_rules
from cleaner.rules import load_rule_files

ERROR_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?:rule '(?P<id>[^']+)': )?(?P<message>.+)$")

BODY = (
    "The city council approved the new budget on Monday evening after a debate that lasted "
    "more than six hours, with council members arguing over the cost of road repairs.",
    "Supporters of the budget said it would allow the city to hire twenty new teachers and "
    "repair the old bridge, which has been closed since the spring floods damaged the roads.",
    "Opponents on the council warned that the budget would force the city to raise local taxes "
    "next year, and residents at the council meeting asked for a public vote on the projects.",
)
GOOD_RULE = """\
- id: local.hello
  description: A test rule.
  kind: line
  pattern: 'hello world'
  examples:
    remove: ["hello world"]
"""


def write_rules(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def only(directory: Path, **kw) -> Config:
    """A config that loads nothing but the rules in ``directory``."""
    return Config(use_bundled_rules=False, rule_dirs=(str(directory),), **kw)


def load_errors(directory: Path) -> list[RuleError]:
    with pytest.raises(RuleSetError) as info:
        load_rules(only(directory))
    return info.value.errors


def page(*lines: str) -> str:
    return "\n\n".join(lines)


# -- validation ---------------------------------------------------------------

BAD_FILE = """\
- id: bad.unknown-key
  description: Has a key the schema does not know.
  kind: line
  pattern: 'hello'
  colour: red
  examples:
    remove: ["hello"]

- id: bad.missing-keys
  kind: line
  pattern: 'missing'

- id: bad.kind-scope-flags
  description: Every enumerated field wrong.
  kind: paragraph
  scope: middle
  flags: [multiline]
  pattern: 'z'
  examples:
    remove: ["z"]

- id: bad.backreference
  description: RE2 has no backreferences.
  kind: line
  pattern: '(a)\\1'
  examples:
    remove: ["aa"]

- id: bad.lookahead
  description: RE2 has no lookaround.
  kind: line
  pattern: 'foo(?=bar)'
  examples:
    remove: ["foo"]

- id: bad.group-name
  description: Named group that is not a metadata field.
  kind: line
  pattern: '(?P<colour>red|blue)'
  examples:
    remove: ["red"]

- id: dup.same
  description: First definition.
  kind: line
  pattern: 'x'
  examples:
    remove: ["x"]

- id: bad.ascii-boundary
  description: RE2's word boundary is ASCII-only, so it never holds beside ć.
  kind: line
  pattern: 'przetwarzać\\b'
  examples:
    remove: ["przetwarzać"]
"""
DUPLICATE_FILE = """\
- id: dup.same
  description: Second definition, in another file.
  kind: line
  pattern: 'x'
  examples:
    remove: ["x"]
"""

#: (file, line, rule id or None, a fragment of the message)
EXPECTED_ERRORS = [
    ("a.yaml", 5, "bad.unknown-key", "unknown key 'colour'"),
    ("a.yaml", 9, "bad.missing-keys", "missing required key 'description'"),
    ("a.yaml", 9, "bad.missing-keys", "missing required key 'examples'"),
    ("a.yaml", 15, "bad.kind-scope-flags", "kind must be one of"),
    ("a.yaml", 16, "bad.kind-scope-flags", "scope must be one of"),
    ("a.yaml", 17, "bad.kind-scope-flags", "flags must be"),
    ("a.yaml", 25, "bad.backreference", "does not compile under RE2"),
    ("a.yaml", 32, "bad.lookahead", "does not compile under RE2"),
    ("a.yaml", 39, "bad.group-name", "named groups must be metadata fields"),
    ("a.yaml", 53, "bad.ascii-boundary", "is ASCII-only"),
    ("b.yaml", 1, "dup.same", "duplicate id (first defined at"),
    ("c.yaml", 1, None, "must be a YAML list"),
    ("d.yaml", None, None, "invalid YAML"),
]


@pytest.fixture
def bad_dir(tmp_path: Path) -> Path:
    d = tmp_path / "bad"
    write_rules(d, "a.yaml", BAD_FILE)
    write_rules(d, "b.yaml", DUPLICATE_FILE)
    write_rules(d, "c.yaml", "id: not.a-list\ndescription: a mapping at the top\n")
    write_rules(d, "d.yaml", '- id: broken\n  description: "unterminated\n  kind: line\n')
    return d


def test_the_loader_reports_every_error_at_once(bad_dir: Path):
    errors = load_errors(bad_dir)
    found = [(Path(e.path).name, e.line, e.rule_id, e.message) for e in errors]
    for fname, line, rid, fragment in EXPECTED_ERRORS:
        assert any(f == fname and (line is None or ln == line) and r == rid and fragment in m
                   for f, ln, r, m in found), (fname, line, rid, fragment, found)
    assert len(errors) == len(EXPECTED_ERRORS)


def test_each_error_reads_path_line_rule_message(bad_dir: Path):
    with pytest.raises(RuleSetError) as info:
        load_rules(only(bad_dir))
    lines = str(info.value).splitlines()
    assert len(lines) == len(info.value.errors)
    for text, err in zip(lines, info.value.errors):
        m = ERROR_LINE.match(text)
        assert m, text
        assert m["path"].endswith(Path(err.path).name)
        assert int(m["line"]) == err.line
        assert m["id"] == err.rule_id
    assert any(re.search(r"a\.yaml:5: rule 'bad\.unknown-key': unknown key 'colour' "
                         r"\(allowed: description, ends_article, examples, .*\)$", t) for t in lines), lines


def test_the_error_for_invalid_yaml_points_at_a_line(bad_dir: Path):
    (err,) = [e for e in load_errors(bad_dir) if Path(e.path).name == "d.yaml"]
    assert isinstance(err.line, int) and err.line >= 1


def test_rule_set_error_is_a_rule_error_and_a_cleaner_error(bad_dir: Path):
    with pytest.raises(cleaner.CleanerError):
        load_rules(only(bad_dir))


def test_a_bad_rule_set_never_half_loads(tmp_path: Path):
    d = tmp_path / "mixed"
    write_rules(d, "good.yaml", GOOD_RULE)
    write_rules(d, "bad.yaml", DUPLICATE_FILE.replace("pattern: 'x'", "pattern: '(?<=x)y'"))
    # with the bundled rules too: no fallback to "just the bundled ones"
    config = Config(rule_dirs=(str(d),))
    with pytest.raises(RuleSetError):
        load_rules(config)
    with pytest.raises(RuleSetError):
        cleaner.clean(page("hello world", *BODY), config=config)
    # the valid rules alone still load, and fire
    (d / "bad.yaml").unlink()
    rules = load_rules(config)
    assert "local.hello" in rules.by_id


def test_load_rule_files_validates_a_list_of_paths(tmp_path: Path):
    good = write_rules(tmp_path, "good.yaml", GOOD_RULE)
    (rule,) = load_rule_files([good])
    assert rule.id == "local.hello" and rule.line == 1 and rule.path.endswith("good.yaml")
    with pytest.raises(RuleSetError) as info:
        load_rule_files([good, good])
    assert [e.rule_id for e in info.value.errors] == ["local.hello"]
    assert "duplicate id" in info.value.errors[0].message


def test_a_missing_rule_directory_is_an_error(tmp_path: Path):
    with pytest.raises(RuleSetError) as info:
        load_rules(only(tmp_path / "nowhere"))
    assert "does not exist" in str(info.value)


@pytest.mark.parametrize(("snippet", "message"), [
    ("  pattern: 'a'\n  patterns: ['b']\n", "exactly one of 'pattern' or 'patterns'"),
    ("  patterns: []\n", "patterns must be a non-empty list"),
    ("  pattern: 'a'\n  status: maybe\n", "status must be one of"),
    ("  pattern: 'a'\n  language: english\n", "language must be an ISO 639-1 code"),
    ("  pattern: 'a'\n  sites: example.com\n", "sites must be a list"),
    ("  pattern: 'a'\n  max_words: 0\n", "max_words must be a positive integer"),
    ("  pattern: 'a'\n  metadata: {colour: red}\n", "metadata must map fields"),
])
def test_other_schema_errors_are_reported(tmp_path: Path, snippet: str, message: str):
    text = ("- id: local.case\n  description: A case.\n  kind: line\n" + snippet
            + "  examples:\n    remove: ['a']\n")
    write_rules(tmp_path, "r.yaml", text)
    errors = load_errors(tmp_path)
    assert any(message in e.message and e.rule_id == "local.case" for e in errors), errors


def test_a_rule_needs_a_remove_example(tmp_path: Path):
    write_rules(tmp_path, "r.yaml", GOOD_RULE.replace('remove: ["hello world"]', "keep: ['x']"))
    assert any("examples.remove" in e.message for e in load_errors(tmp_path))


def test_an_id_must_be_a_slug(tmp_path: Path):
    write_rules(tmp_path, "r.yaml", GOOD_RULE.replace("local.hello", "Local Hello"))
    assert any("slug" in e.message for e in load_errors(tmp_path))


def test_yaml_tags_never_construct_python_objects(tmp_path: Path):
    marker = tmp_path / "pwned"
    write_rules(tmp_path / "r", "r.yaml",
                f"- !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(Exception):
        load_rules(only(tmp_path / "r"))
    assert not marker.exists()


def test_an_unsafe_yaml_tag_is_a_located_rule_error(tmp_path: Path):
    write_rules(tmp_path, "r.yaml", "- !!python/object/apply:os.system ['echo pwned']\n")
    errors = load_errors(tmp_path)
    assert errors and all(isinstance(e, RuleError) and e.line == 1 for e in errors)


def test_an_empty_rule_file_loads_no_rules(tmp_path: Path):
    write_rules(tmp_path, "empty.yaml", "")
    write_rules(tmp_path, "good.yaml", GOOD_RULE)
    assert [r.id for r in load_rules(only(tmp_path)).rules] == ["local.hello"]


# -- linear time ----------------------------------------------------------------

PATHOLOGICAL = """\
- id: local.catastrophic
  description: Exponential under a backtracking engine.
  kind: line
  pattern: '(a+)+$'
  examples:
    remove: ["aaa"]
- id: local.catastrophic-span
  description: Exponential under a backtracking engine, searched inside lines.
  kind: span
  pattern: '(x+x+)+y'
  examples:
    remove: ["xxy"]
"""


def test_a_pathological_pattern_runs_in_linear_time(tmp_path: Path):
    write_rules(tmp_path, "slow.yaml", PATHOLOGICAL)
    config = only(tmp_path)
    rules = load_rules(config)
    rule = rules.by_id["local.catastrophic"]
    # A backtracking engine never finishes these; RE2 answers at once.
    assert rule.matches("a" * 100_000)
    assert not rule.matches("a" * 100_000 + "b")
    assert not rules.by_id["local.catastrophic-span"].matches("x" * 100_000)
    result = cleaner.clean(page(*BODY, "a" * 100_000 + "!", "x" * 100_000), config=config)
    assert BODY[0] in result.text


# -- attribution -----------------------------------------------------------------

def test_the_merged_set_says_which_rule_fired():
    rules = load_rules()
    assert [r.id for r in rules.match_line("Share on Facebook")] == ["social.share-on"]
    assert [r.id for r in rules.match_line("Leave a Reply")] == ["comments.leave-a-reply"]
    assert [r.id for r in rules.match_line("Home > News > Politics")] == ["nav.breadcrumb"]
    assert rules.match_line("The council met on Monday and approved the budget.") == []


def test_the_sets_screen_loosely_and_each_rule_confirms(tmp_path: Path):
    # The merged whole-line set drops bounded repeats ("{1,12}" reads "+"):
    # counted wildcards multiply the DFA's states. A rule the loose screen
    # lets through is checked against its own exact pattern.
    write_rules(tmp_path, "a.yaml", GOOD_RULE.replace("'hello world'", "'sponsored by .{1,12}'"))
    rules = load_rules(only(tmp_path))
    assert [r.id for r in rules.match_line("sponsored by Acme Bank")] == ["local.hello"]
    assert rules.match_line("sponsored by the Federal Reserve Bank of Boston") == []
    # a \Q...\E literal keeps its braces in the screen
    (tmp_path / "q").mkdir()
    write_rules(tmp_path / "q", "a.yaml", GOOD_RULE.replace("'hello world'", "'\\Qsize{0,3}\\E ok'")
                .replace('["hello world"]', '["size{0,3} ok"]'))
    rules = load_rules(only(tmp_path / "q"))
    assert [r.id for r in rules.match_line("size{0,3} ok")] == ["local.hello"]


@pytest.mark.parametrize("pattern, screen", [
    (r"a.{0,40}b", r"a.*b"),
    (r"a.{1,40}?b", r"a.+?b"),
    (r"\S{2,60}", r"\S{2,}"),
    (r"x{3}", r"x{3}"),                          # an exact count stays
    (r"[a{1,2}]", r"[a{1,2}]"),                  # braces in a class are literal
    (r"\{1,2\}", r"\{1,2\}"),                    # so are escaped ones
    (r"[\x{00C0}-\x{00D6}]{0,3}", r"[\x{00C0}-\x{00D6}]*"),
    (r"\p{Lu}{1,4}", r"\p{Lu}+"),
    (r"\Qa{0,3}\E b{1,4}", r"\Qa{0,3}\E b+"),    # braces in a \Q...\E literal stay
    (r"[[:alpha:]{1,2}]", r"[[:alpha:]{1,2}]"),      # a POSIX class does not end the class
])
def test_the_screen_pattern_unbounds_counted_repeats(pattern: str, screen: str):
    from cleaner.rules import screen_pattern
    assert screen_pattern(pattern) == screen


def test_the_merged_sets_agree_with_each_rule_on_its_own_examples():
    rules = load_rules()
    lines = {ex for r in rules.rules for ex in r.examples_remove + r.examples_keep}
    for line in sorted(lines):
        line = " ".join(line.split())
        want = [r.id for r in rules.line_rules + rules.contains_rules if r.matches(line)]
        assert sorted(r.id for r in rules.match_line(line)) == sorted(want), line
        want = [r.id for r in rules.span_rules if r.matches(line)]
        assert [r.id for r in rules.match_spans(line)] == want, line


def test_the_page_screen_names_the_searched_rules_whose_words_occur():
    rules = load_rules()
    prose = "The council met on Monday.\nIt approved the budget after a long debate."
    assert "prompt.newsletter" not in [r.id for r in rules.screen(prose)[0]]
    contains, _spans = rules.screen(prose + "\nSIGN UP FOR OUR NEWSLETTER to get the latest news.")
    assert "prompt.newsletter" in [r.id for r in contains]
    # what the page screen admits, each line still has to match
    line = "It approved the budget after a long debate."
    assert rules.match_line(line, contains) == []

def test_a_line_matching_two_rules_names_both_in_load_order(tmp_path: Path):
    write_rules(tmp_path, "a.yaml", GOOD_RULE)
    write_rules(tmp_path, "b.yaml", GOOD_RULE.replace("local.hello", "local.greeting")
                .replace("'hello world'", "'hello \\w+'"))
    rules = load_rules(only(tmp_path))
    assert [r.id for r in rules.match_line("hello world")] == ["local.hello", "local.greeting"]
    assert [r.id for r in rules.match_line("hello there")] == ["local.greeting"]
    result = cleaner.clean(page(*BODY[:2], "hello world", BODY[2]),
                           config=only(tmp_path, heuristics=False))
    assert [(r.rule_id, r.text) for r in result.removed] == [("local.hello", "hello world")]


def test_each_removal_names_its_rule_and_reason():
    result = cleaner.clean(page(BODY[0], "Share on Facebook", BODY[1], "Source link", BODY[2]),
                           config=Config(heuristics=False))
    rules = load_rules()
    assert [(r.rule_id, r.text) for r in result.removed] == [
        ("social.share-on", "Share on Facebook"), ("syndication.source-link", "Source link")]
    for r in result.removed:
        assert r.reason == rules.by_id[r.rule_id].description


# -- scopes --------------------------------------------------------------------------

SCOPED = """\
- id: local.head-only
  description: Furniture only before the body.
  kind: line
  scope: head
  pattern: 'Quarterly Gazette'
  examples:
    remove: ["Quarterly Gazette"]
- id: local.tail-only
  description: Furniture only after the body.
  kind: line
  scope: tail
  pattern: 'Gazette Services'
  examples:
    remove: ["Gazette Services"]
"""


@pytest.fixture
def scoped(tmp_path: Path) -> Config:
    write_rules(tmp_path, "scoped.yaml", SCOPED)
    return only(tmp_path, heuristics=False)


def test_a_head_rule_fires_before_the_body_only(scoped: Config):
    before = cleaner.clean(page("Quarterly Gazette", *BODY), config=scoped)
    assert [r.rule_id for r in before.removed] == ["local.head-only"]
    inside = cleaner.clean(page(BODY[0], "Quarterly Gazette", *BODY[1:]), config=scoped)
    assert inside.removed == ()
    after = cleaner.clean(page(*BODY, "Quarterly Gazette"), config=scoped)
    assert after.removed == ()


def test_a_tail_rule_fires_after_the_body_only(scoped: Config):
    after = cleaner.clean(page(*BODY, "Gazette Services"), config=scoped)
    assert [r.rule_id for r in after.removed] == ["local.tail-only"]
    inside = cleaner.clean(page(BODY[0], "Gazette Services", *BODY[1:]), config=scoped)
    assert inside.removed == ()
    before = cleaner.clean(page("Gazette Services", *BODY), config=scoped)
    assert before.removed == ()


def test_scoped_rules_stay_quiet_on_a_page_without_body(scoped: Config):
    """No body paragraph, no head or tail: otherwise cleaning a page whose body
    went entirely would remove more from its output on a second pass."""
    result = cleaner.clean("Quarterly Gazette\nGazette Services", config=scoped)
    assert not [r.rule_id for r in result.removed if r.rule_id.startswith("local.")]


def test_a_bundled_head_rule_keeps_a_weather_sentence_in_the_body():
    text = "17.8 C"
    head = cleaner.clean(page(text, *BODY), config=Config(heuristics=False))
    assert [r.rule_id for r in head.removed] == ["widget.weather"]
    body = cleaner.clean(page(BODY[0], text, *BODY[1:]), config=Config(heuristics=False))
    assert text in body.text.split("\n\n")


# -- kinds -----------------------------------------------------------------------------

def test_a_section_rule_removes_the_heading_and_its_list_until_the_body_resumes():
    links = ["Mayor opens new swimming pool", "Ten walks for the autumn",
             "Police appeal after break-in at bakery"]
    src = page(BODY[0], BODY[1], "Related Articles", *links, BODY[2])
    result = cleaner.clean(src, config=Config(heuristics=False))
    assert [(r.rule_id, r.text) for r in result.removed] == [
        ("related.heading", t) for t in ["Related Articles", *links]]
    assert all("inside the section" in r.reason for r in result.removed[1:])
    assert result.text == page(*BODY)


def test_a_section_rule_runs_to_the_end_of_the_page():
    comments = ["John Smith", "June 5, 2024 at 10:02 am", "Great article, thanks!",
                "Agreed, well said.", "Mary Jones", "I disagree with the mayor."]
    src = page(*BODY, "Leave a Reply", *comments)
    result = cleaner.clean(src, config=Config(heuristics=False))
    assert {r.rule_id for r in result.removed} == {"comments.leave-a-reply"}
    assert result.text == page(*BODY)


def test_a_span_rule_cuts_only_the_matched_span():
    line = "The minister spoke - Advertisement - at length on Tuesday about the bridge and the budget."
    src = page(BODY[0], line, BODY[1])
    result = cleaner.clean(src, config=Config(heuristics=False))
    (removal,) = result.removed
    assert removal.rule_id == "ads.inline-label"
    assert src[removal.start:removal.end] == removal.text
    assert "Advertisement" in removal.text and len(removal.text) < 20
    assert "The minister spoke at length on Tuesday about the bridge and the budget." in result.text
    assert cleaner.replay(src, result.removed) == result.text


def test_a_span_cut_never_glues_two_words_together(tmp_path: Path):
    write_rules(tmp_path, "r.yaml", """\
        - id: local.inline-tag
          description: An inline tag with its spaces.
          kind: span
          pattern: ' \\[ad\\] '
          examples:
            remove: ["before [ad] after"]
        """)
    line = "The minister spoke [ad] at length on Tuesday about the bridge and the budget."
    result = cleaner.clean(page(BODY[0], line, BODY[1]), config=only(tmp_path, heuristics=False))
    assert [r.rule_id for r in result.removed] == ["local.inline-tag"]
    assert "The minister spoke at length on Tuesday about the bridge and the budget." in result.text


def test_max_words_stops_a_rule_on_long_lines(tmp_path: Path):
    write_rules(tmp_path, "r.yaml", GOOD_RULE.replace("'hello world'", "'hello.*'")
                + "  max_words: 3\n")
    rule = load_rules(only(tmp_path)).by_id["local.hello"]
    assert rule.matches("hello my world")
    assert not rule.matches("hello to the whole world")


def test_a_disabled_status_rule_loads_but_never_fires(tmp_path: Path):
    write_rules(tmp_path, "r.yaml", GOOD_RULE + "  status: disabled\n")
    rules = load_rules(only(tmp_path))
    assert "local.hello" in rules.by_id and rules.status("local.hello") == "disabled"
    assert rules.match_line("hello world") == []


def test_named_groups_copy_into_metadata():
    src = page(*BODY, "DW reported the information.")
    result = cleaner.clean(src, config=Config(heuristics=False))
    assert [r.rule_id for r in result.removed] == ["syndication.reported-the-information"]
    assert result.metadata["source"] == "DW"


def test_fixed_metadata_is_set_when_a_rule_fires():
    note = ("(Except the headline, this story has not been edited by NDTV staff and is "
            "published from a syndicated feed.)")
    result = cleaner.clean(page(*BODY, note))
    assert "syndicated feed" in result.metadata["source"]


# -- language and site scopes --------------------------------------------------------------

GERMAN = (
    "Der Gemeinderat hat am Dienstagabend mehr als drei Stunden über die Zukunft des alten "
    "Kinos am Marktplatz gestritten, ohne eine Entscheidung zu treffen.",
    "Der Bürgermeister wollte das Gebäude an einen Investor verkaufen, der dort Wohnungen und "
    "ein kleines Café bauen möchte, aber die Opposition will das Kino erhalten.",
)
SCOPED_BY_WHERE = """\
- id: local.german-only
  description: A German-only label.
  kind: line
  language: de
  pattern: 'Zum Artikel'
  examples:
    remove: ["Zum Artikel"]
- id: local.site-only
  description: One site's footer.
  kind: line
  sites: [example.com]
  pattern: 'Example Footer'
  examples:
    remove: ["Example Footer"]
- id: local.subdomains
  description: A family of sites.
  kind: line
  sites: [.example.org]
  pattern: 'Org Footer'
  examples:
    remove: ["Org Footer"]
"""


@pytest.fixture
def where(tmp_path: Path) -> Config:
    write_rules(tmp_path, "where.yaml", SCOPED_BY_WHERE)
    return only(tmp_path, heuristics=False)


def test_a_language_scoped_rule_fires_only_on_pages_in_that_language(where: Config):
    german = cleaner.clean(page(GERMAN[0], "Zum Artikel", GERMAN[1]), config=where)
    assert german.metadata["language"] == "de"
    assert [r.rule_id for r in german.removed] == ["local.german-only"]
    english = cleaner.clean(page(BODY[0], "Zum Artikel", BODY[1]), config=where)
    assert english.metadata["language"] == "en"
    assert english.removed == ()
    forced = cleaner.clean(page(BODY[0], "Zum Artikel", BODY[1]), config=where.replace(language="de"))
    assert [r.rule_id for r in forced.removed] == ["local.german-only"]


@pytest.mark.parametrize(("url", "fires"), [
    ("https://example.com/news/1", True),
    ("https://www.example.com/news/1", True),
    ("http://EXAMPLE.com", True),
    ("example.com/path", True),
    ("https://news.example.com/1", False),
    ("https://example.com.evil.net/1", False),
    ("https://other.net/1", False),
    (None, False),
])
def test_a_site_scoped_rule_fires_only_for_that_site(where: Config, url, fires: bool):
    result = cleaner.clean(page(BODY[0], "Example Footer", BODY[1]), url=url, config=where)
    assert [r.rule_id for r in result.removed] == (["local.site-only"] if fires else [])


@pytest.mark.parametrize(("url", "fires"), [
    ("https://example.org/", True),
    ("https://news.example.org/", True),
    ("https://a.b.example.org/", True),
    ("https://notexample.org/", False),
])
def test_a_leading_dot_covers_subdomains(where: Config, url, fires: bool):
    result = cleaner.clean(page(BODY[0], "Org Footer", BODY[1]), url=url, config=where)
    assert [r.rule_id for r in result.removed] == (["local.subdomains"] if fires else [])


COOKIE_BANNER = ("We use cookies to improve your experience on our website and to show you relevant "
                 "advertising. By continuing to use this site you agree to our use of cookies.")


def test_a_head_rule_still_fires_after_a_banner_that_a_rule_removed():
    result = cleaner.clean(page(COOKIE_BANNER, "17.8 C", *BODY), config=Config(heuristics=False))
    assert [r.rule_id for r in result.removed] == ["prompt.cookies", "widget.weather"]


#: A line rule whose ``ends_article`` value the test fills in.
FINE_PRINT_RULE = """\
- id: local.fine-print
  description: A comment form's fine print.
  kind: line
  pattern: 'your email will not be shown'
  ends_article: %s
  examples:
    remove: ["your email will not be shown"]
"""


def test_ends_article_must_be_a_boolean_and_defaults_to_true_for_sections(tmp_path):
    write_rules(tmp_path, "a.yaml", FINE_PRINT_RULE % "maybe")
    assert any("ends_article must be true or false" in e.message for e in load_errors(tmp_path))
    write_rules(tmp_path, "a.yaml", GOOD_RULE)
    write_rules(tmp_path, "b.yaml", """\
        - id: local.related
          description: A related heading.
          kind: section
          pattern: 'related'
          examples:
            remove: ["related"]
        """)
    rules = load_rules(only(tmp_path)).by_id
    assert rules["local.related"].ends_article and not rules["local.hello"].ends_article


def test_a_line_rule_that_ends_the_article_stops_the_body_running_on(tmp_path):
    write_rules(tmp_path, "a.yaml", FINE_PRINT_RULE % "true")
    after = ("The council members said the budget debate had been the longest in the history "
             "of the city, and that the road repairs would start in the spring.")
    page = "\n".join([*BODY, *["your email will not be shown"] * 3, after, after])
    assert after in cleaner.clean(page.replace("your email will not be shown", "note"), content_type="text").text
    text = cleaner.clean(page, content_type="text", config=only(tmp_path)).text
    assert BODY[0] in text and after not in text


def test_word_classes_take_accented_latin_greek_and_cyrillic_letters(tmp_path: Path):
    # RE2's \w is ASCII; rule authors write it meaning "a letter", as in Python:
    # "Mehr aus Österreich" and "Más sobre Economía" are headings like "More from Texas".
    write_rules(tmp_path, "r.yaml", """\
        - id: local.more-from
          description: A test rule.
          kind: line
          flags: [ignorecase]
          patterns:
          - 'mehr aus [\\w -]{2,30}'
          - 'más sobre \\w+'
          - 'tags:(?:\\W+\\w+)+'
          examples:
            remove: ["Mehr aus Österreich", "Más sobre Economía", "Tags: Zürich, Genève, Москва, Αθήνα"]
            keep: ["Mehr aus [Österreich]"]
        """)
    rule = load_rules(only(tmp_path)).by_id["local.more-from"]
    assert rule.matches("Mehr aus Österreich") and rule.matches("Más sobre Economía")
    assert rule.matches("Tags: Zürich, Genève") and rule.matches("Tags: Москва, Αθήνα")
    assert not rule.matches("Mehr aus [Österreich]")
    r = cleaner.clean(page(*BODY, "Mehr aus Österreich"), content_type="text",
                      config=only(tmp_path, heuristics=False))
    assert [x.rule_id for x in r.removed] == ["local.more-from"]
