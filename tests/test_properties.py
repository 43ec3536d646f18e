"""Property tests for the invariants (STYLE.md §15, issue 2):

* ``clean`` never raises on arbitrary input except the documented InputError;
* idempotence: ``clean(clean(x).text).text == clean(x).text``;
* the output is made of the input's text, in the input's order;
* replaying ``removed`` on the input gives the output.

Article-like inputs are built from paragraphs of the false-positive corpus
(clean prose) and furniture lines taken from the bundled rules' own
``remove`` examples, so every rule family gets exercised in context.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import InputError

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "false_positives"
#: (headline, body lines) of each clean article in the corpus.
STORIES = [(lines[0], [x.strip() for x in lines[1:] if x.strip()])
           for lines in (f.read_text(encoding="utf-8").splitlines() for f in sorted(CORPUS.glob("*.txt")))]
PROSE = sorted({x for _h, body in STORIES for x in body if len(x.split()) >= 12})
HEADLINES = sorted(h for h, _body in STORIES)
FURNITURE = sorted({ex for r in cleaner.load_rules().all_rules for ex in r.examples_remove
                    if r.kind != "span"})
#: Furniture that may sit *between* body paragraphs. Section headings
#: ("Related Articles") and lines of rules marked ends_article (a comment
#: form's fine print) are left out: they declare that the article has ended,
#: and in plain text an off-topic paragraph after one cannot be told from a
#: related-story teaser (see test_a_related_heading_mid_story_is_a_known_limit).
_RULES = cleaner.load_rules()
INLINE_FURNITURE = sorted({ex for r in _RULES.all_rules for ex in r.examples_remove
                           if r.kind == "line" and not r.ends_article
                           and not any(h.ends_article for h in _RULES.match_line(ex))})

PROPERTY = settings(max_examples=100, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

separators = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\n\t\n"])


#: Furniture too short to be labelled a body paragraph (see the xfail below).
SHORT_FURNITURE = [x for x in FURNITURE if len(x.split()) < 10]


@st.composite
def articles(draw, furniture=FURNITURE) -> str:
    """One story of the corpus, some of its paragraphs in order, furniture around and between."""
    headline, body = draw(st.sampled_from(STORIES))
    keep = draw(st.lists(st.booleans(), min_size=len(body), max_size=len(body)))
    chosen = [x for x, k in zip(body, keep) if k] or body[:1]
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(headline)
    lines += draw(st.lists(st.sampled_from(furniture), max_size=4))
    for para in chosen[:-1]:
        lines.append(para)
        lines += draw(st.lists(st.sampled_from(INLINE_FURNITURE if furniture is FURNITURE else furniture),
                               max_size=2))
    lines.append(chosen[-1])
    lines += draw(st.lists(st.sampled_from(furniture), max_size=6))
    sep = draw(separators)
    return sep.join(lines)


line_chars = st.characters(blacklist_categories=("Cs",))
arbitrary_text = st.one_of(
    st.text(line_chars, max_size=400),
    st.lists(st.text(line_chars, max_size=80), max_size=12).map("\n".join),
    st.lists(st.one_of(st.sampled_from(PROSE + FURNITURE + HEADLINES), st.text(max_size=30)),
             max_size=10).map("\n".join),
)


def clean_or_none(x):
    """``clean(x)``, or None when it raises the documented InputError."""
    try:
        return cleaner.clean(x)
    except InputError:
        return None


def assert_made_of_input(source: str, output: str) -> None:
    """Each output word occurs in the input after the previous one."""
    pos = 0
    for word in output.split():
        found = source.find(word, pos)
        assert found >= 0, f"{word!r} is not in the input after offset {pos}"
        pos = found + len(word)


# -- never raises ----------------------------------------------------------------

@PROPERTY
@given(arbitrary_text)
@example("\x00")
@example("\u2028\u2029\x85\x0b\x0c")
@example("\r\r\n\r")
@example("<p>")
@example("<html><body><p>Share on Facebook</p></body></html>")
def test_clean_never_raises_on_arbitrary_text_except_input_error(text):
    result = clean_or_none(text)
    if result is None:
        assert not text.strip() or text.lstrip().startswith("<") or "<" in text
    else:
        assert isinstance(result.text, str)


@PROPERTY
@given(st.binary(max_size=600))
@example(b"\xff\xfe")
@example(b"\xfe\xff\x00")
@example(b"\xef\xbb\xbf")
def test_clean_never_raises_on_arbitrary_bytes_except_input_error(data):
    result = clean_or_none(data)
    assert result is None or isinstance(result.text, str)


@PROPERTY
@given(articles())
def test_clean_never_raises_on_article_like_pages(page):
    cleaner.clean(page)


# -- output made of the input, replayable ---------------------------------------------

@PROPERTY
@given(articles())
def test_article_output_is_made_of_the_input_in_order(page):
    result = cleaner.clean(page)
    assert_made_of_input(page, result.text)


@PROPERTY
@given(arbitrary_text)
def test_arbitrary_output_is_made_of_the_input_in_order(text):
    result = clean_or_none(text)
    if result is not None and result.content_type == "text":
        assert_made_of_input(text, result.text)


@PROPERTY
@given(articles())
def test_replaying_the_removals_gives_the_output(page):
    result = cleaner.clean(page)
    for r in result.removed:
        assert page[r.start:r.end] == r.text
    assert cleaner.replay(page, result.removed) == result.text


@PROPERTY
@given(arbitrary_text)
def test_replaying_the_removals_of_arbitrary_text_gives_the_output(text):
    result = clean_or_none(text)
    if result is not None and result.content_type == "text":
        for r in result.removed:
            assert text[r.start:r.end] == r.text
        assert cleaner.replay(text, result.removed) == result.text


# Known failures, each pinned by a minimal reproducer run as an explicit
# example (so the strict xfail cannot flake). Remove the marker once fixed.

#: Two paragraphs of one corpus story around its subheading, with a
#: syndication note before the last one. Pass 1 drops the last paragraph as
#: topic drift behind the note and keeps the subheading; pass 2 finds the
#: subheading after the body and drops it too.
DRIFT_THEN_SUBHEADING = "\n".join([
    "Die Kommentare der Anwohner in der Sitzung waren deutlich. Eine Frau erzählte, sie habe in "
    "dem Kino im Jahr 1962 ihren ersten Film gesehen und dort später ihren Mann kennengelernt.",
    "Wie es weitergeht",
    "(Except the headline, this story has not been edited by NDTV staff and is published from "
    "a syndicated feed.)",
    "Der Rat will im November erneut beraten. Bis dahin soll die Verwaltung prüfen, ob das Land "
    "einen Teil der Kosten übernehmen könnte.",
])
#: No body paragraph: every pass takes one more line as the headline.
TWO_HEADLINES = "Mayor resigns after budget vote\nCouncil to elect a new leader in May"
#: Paragraphs of one story that share few words, an ad label between them:
#: topic drift takes the label for a boundary and eats the rest of the story.
LOW_OVERLAP = "\n\n".join([
    "The city council approved the new budget on Monday evening after a debate that lasted "
    "more than six hours, with members arguing over the cost of road repairs and the future of "
    "the public library.",
    "Supporters of the plan said it would allow the city to hire twenty new teachers and repair "
    "the old bridge over the river, which has been closed to heavy traffic since the spring floods.",
    "ADVERTISEMENT",
    "Opponents warned that the spending would force the council to raise local taxes next year, "
    "and several residents who spoke at the meeting asked for a public vote on the largest projects.",
    "The mayor said she was pleased with the result and thanked the staff who had worked through "
    "the weekend to prepare the figures, adding that the first projects would start in the autumn.",
])

TOPIC_DRIFT_BUG = ("heuristics.drop_topic_drift takes any removed line (an ad label, a "
                   "syndication note) for the end of the article and drops the body paragraphs "
                   "after it that share < 12% of their words with the rest")


@PROPERTY
@given(articles())
@example(LOW_OVERLAP)
def test_every_body_paragraph_of_an_article_survives(page):
    """Furniture drawn from rule examples never takes clean prose with it."""
    result = cleaner.clean(page)
    kept = set(result.text.split("\n\n"))
    lost = [p for p in page.splitlines() if len(p.split()) >= 12 and p not in kept
            and p not in FURNITURE and p not in HEADLINES]  # a headline goes to metadata.title
    assert not lost, [(r.rule_id, r.text[:50]) for r in result.removed if r.text in lost]


@pytest.mark.xfail(strict=True, reason="known limit of text-only input: after a 'Related' "
                   "heading mid-story, a paragraph sharing few of the story's words (< 10%: find_body's "
                   "inline-box test; < 12%: heuristic.topic-drift) is taken for a related teaser")
def test_a_related_heading_mid_story_is_a_known_limit():
    story = STORIES[0][1]
    page = "\n\n".join(story[:2] + ["Related Articles",
                                     "La directora espera que el horario de tarde se mantenga también "
                                     "después de septiembre si los vecinos siguen acudiendo."])
    assert "La directora" in cleaner.clean(page).text


# -- idempotence ----------------------------------------------------------------------

def assert_idempotent(x) -> None:
    first = clean_or_none(x)
    if first is None or not first.text.strip():
        return
    second = cleaner.clean(first.text)
    assert second.text == first.text, [(r.rule_id, r.text[:50]) for r in second.removed]


@PROPERTY
@given(articles())
@example(DRIFT_THEN_SUBHEADING)
def test_clean_is_idempotent_on_article_like_pages(page):
    assert_idempotent(page)


@PROPERTY
@given(arbitrary_text)
@example(TWO_HEADLINES)
def test_clean_is_idempotent_on_arbitrary_text(text):
    assert_idempotent(text)


RULES_ONLY = cleaner.Config(heuristics=False)


def assert_rules_only_idempotent(page: str) -> None:
    try:
        first = cleaner.clean(page, config=RULES_ONLY)
    except InputError:
        return
    if first.text.strip():
        assert cleaner.clean(first.text, config=RULES_ONLY).text == first.text


@PROPERTY
@given(articles(SHORT_FURNITURE))
def test_the_rules_alone_are_idempotent_on_articles_with_short_furniture(page):
    assume(any(line in PROSE for line in page.splitlines()))
    assert_rules_only_idempotent(page)


#: A long furniture line (labelled "good") that a rule removes still counts as
#: the start of the body, so the weather reading after it is not "head" and
#: the head-scoped rule spares it; on the second pass the banner is gone and
#: the reading goes.
BANNER_THEN_WIDGET = "\n".join([
    "We use cookies to improve your experience on our website and to show you relevant "
    "advertising. By continuing to use this site you agree to our use of cookies.",
    "17.8 C",
    "The jury in the harbour fraud trial heard closing arguments on Wednesday, after eleven "
    "weeks of evidence about the sale of publicly owned land at the old docks.",
])


@PROPERTY
@given(st.one_of(articles(), arbitrary_text))
@example(BANNER_THEN_WIDGET)
def test_the_rules_alone_are_idempotent_on_any_text(text):
    assert_rules_only_idempotent(text)


@PROPERTY
@given(st.lists(st.sampled_from(STORIES), min_size=1, max_size=1))
def test_clean_is_idempotent_on_the_corpus_stories(stories):
    headline, body = stories[0]
    assert_idempotent("\n\n".join([headline, *body]))
