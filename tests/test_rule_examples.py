"""Every bundled rule's own examples, one test each (STYLE.md §6).

Ids read ``social.share-on/remove/0`` and ``social.share-on/keep/1``. Each
``remove`` example must match its rule and each ``keep`` example must not.
Each ``keep`` example must also survive :func:`cleaner.clean` untouched when
it sits in a realistic article, both as a paragraph of its own and as a
sentence inside a paragraph: a rule that spares the sentence but a heuristic
that eats it is still a false positive.

Known gaps are listed in ``KNOWN_GAPS`` and run as strict xfails, so fixing
one fails the suite until the entry is removed; examples are never deleted to
make the suite pass.
"""
from __future__ import annotations

import pytest

import cleaner

RULES = cleaner.load_rules(cleaner.Config())

#: "rule-id/kind/n" -> why it fails today.
KNOWN_GAPS: dict[str, str] = {}

HEADLINE = "City council approves new budget after a long debate"
PARAGRAPHS = (
    "The city council approved the new budget on Monday evening after a debate that lasted "
    "more than six hours, with council members arguing over the cost of road repairs and the "
    "future of the public library.",
    "Supporters of the budget said it would allow the city to hire twenty new teachers and "
    "repair the old bridge, which has been closed to heavy traffic since the spring floods "
    "damaged the city roads.",
    "Opponents on the council warned that the budget would force the city to raise local taxes "
    "next year, and several residents who spoke at the council meeting asked for a public vote "
    "on the largest projects.",
    "The mayor said she was pleased that the council had approved the budget and thanked the "
    "city staff who had worked through the weekend, adding that the first road and library "
    "projects would start in the autumn.",
)


def _cases(which: str):
    for rule in RULES.all_rules:
        examples = rule.examples_remove if which == "remove" else rule.examples_keep
        for n, example in enumerate(examples):
            case_id = f"{rule.id}/{which}/{n}"
            marks = ()
            if case_id in KNOWN_GAPS:
                marks = (pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[case_id]),)
            yield pytest.param(rule, example, id=case_id, marks=marks)


def _article_with_paragraph(sentence: str) -> str:
    return "\n\n".join((HEADLINE, PARAGRAPHS[0], PARAGRAPHS[1], sentence) + PARAGRAPHS[2:])


def _article_with_sentence(sentence: str) -> str:
    middle = PARAGRAPHS[1] + " " + sentence
    return "\n\n".join((HEADLINE, PARAGRAPHS[0], middle) + PARAGRAPHS[2:])


def _body_removals(result) -> list:
    return [r for r in result.removed if not (r.rule_id == "heuristic.title" and r.text == HEADLINE)]


def test_every_bundled_rule_has_examples_of_both_kinds():
    missing = [r.id for r in RULES.all_rules if not r.examples_remove or not r.examples_keep]
    assert not missing, f"rules without remove and keep examples: {missing}"


def test_the_article_used_below_is_clean_on_its_own():
    result = cleaner.clean(_article_with_paragraph(PARAGRAPHS[0].replace("Monday", "Tuesday")))
    assert _body_removals(result) == []
    assert result.metadata["title"] == HEADLINE


@pytest.mark.parametrize(("rule", "example"), list(_cases("remove")))
def test_remove_example_matches_its_rule(rule, example):
    assert rule.matches(example), f"{rule.path}:{rule.line}: {rule.id} does not match {example!r}"


@pytest.mark.parametrize(("rule", "example"), list(_cases("remove")))
def test_remove_example_goes_from_an_article_and_the_body_stays(rule, example):
    """In context, within the rule's scope: the furniture goes (by this rule or
    an overlapping one) and every body paragraph stays."""
    if rule.scope == "head":
        page = "\n\n".join((HEADLINE, example) + PARAGRAPHS)
    elif rule.scope == "tail":
        page = "\n\n".join((HEADLINE,) + PARAGRAPHS + (example,))
    else:
        page = _article_with_paragraph(example)
    result = cleaner.clean(page)
    paragraphs = result.text.split("\n\n")
    if rule.kind == "span":
        assert rule.id in {r.rule_id for r in result.removed}
    else:
        assert example not in paragraphs
    assert all(p in paragraphs for p in PARAGRAPHS), [(r.rule_id, r.text) for r in result.removed]


@pytest.mark.parametrize(("rule", "example"), list(_cases("keep")))
def test_keep_example_does_not_match_its_rule(rule, example):
    assert not rule.matches(example), f"{rule.path}:{rule.line}: {rule.id} matches {example!r}"


@pytest.mark.parametrize(("rule", "example"), list(_cases("keep")))
def test_keep_example_survives_clean_as_a_paragraph(rule, example):
    result = cleaner.clean(_article_with_paragraph(example))
    removed = _body_removals(result)
    assert not removed, [(r.rule_id, r.text) for r in removed]
    assert example in result.text.split("\n\n")


@pytest.mark.parametrize(("rule", "example"), list(_cases("keep")))
def test_keep_example_survives_clean_inside_a_paragraph(rule, example):
    result = cleaner.clean(_article_with_sentence(example))
    removed = _body_removals(result)
    assert not removed, [(r.rule_id, r.text) for r in removed]
    assert PARAGRAPHS[1] + " " + example in result.text.split("\n\n")
