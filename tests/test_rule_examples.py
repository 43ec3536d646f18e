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

#: A realistic article per language: (headline, paragraphs). Language-scoped
#: rules are tried in an article in their own language.
ARTICLES = {
    "en": ("City council approves new budget after a long debate", (
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
    )),
    "de": ("Gemeinderat beschließt den neuen Haushalt nach langer Debatte", (
        "Der Gemeinderat hat am Montagabend den neuen Haushalt beschlossen, nachdem die Mitglieder "
        "mehr als sechs Stunden lang über die Kosten für die Straßen und die Zukunft der Bücherei "
        "gestritten hatten.",
        "Die Befürworter sagten, mit dem Haushalt könne die Stadt zwanzig neue Lehrer einstellen und "
        "die alte Brücke reparieren, die seit dem Hochwasser im Frühjahr für den Verkehr gesperrt ist.",
        "Die Gegner im Gemeinderat warnten, dass die Stadt wegen des Haushalts im nächsten Jahr die "
        "Steuern erhöhen müsse, und mehrere Bürger forderten in der Sitzung eine Abstimmung über die "
        "größten Projekte.",
        "Die Bürgermeisterin sagte, sie sei froh, dass der Gemeinderat den Haushalt beschlossen habe, "
        "und dankte den Mitarbeitern der Stadt, die am Wochenende an den Zahlen gearbeitet hatten.",
    )),
    "fr": ("Le conseil municipal adopte le nouveau budget après un long débat", (
        "Le conseil municipal a adopté lundi soir le nouveau budget de la ville, après un débat de "
        "plus de six heures sur le coût de la réfection des routes et sur l'avenir de la bibliothèque.",
        "Les partisans du budget ont expliqué qu'il permettrait à la ville d'embaucher vingt "
        "enseignants et de réparer le vieux pont, fermé aux camions depuis les inondations du printemps.",
        "Les opposants ont averti que la ville devrait augmenter les impôts locaux l'an prochain, et "
        "plusieurs habitants ont demandé un vote public sur les projets les plus coûteux du budget.",
        "La maire s'est dite satisfaite que le conseil ait adopté le budget et a remercié les agents "
        "de la ville qui avaient travaillé tout le week-end pour préparer les chiffres.",
    )),
    "es": ("El ayuntamiento aprueba el nuevo presupuesto tras un largo debate", (
        "El pleno del ayuntamiento aprobó el lunes por la noche el nuevo presupuesto de la ciudad, "
        "después de un debate de más de seis horas sobre el coste de las calles y el futuro de la "
        "biblioteca.",
        "Los partidarios del presupuesto dijeron que permitirá a la ciudad contratar a veinte "
        "profesores y reparar el viejo puente, cerrado al tráfico desde las inundaciones de la "
        "primavera.",
        "Los concejales de la oposición advirtieron que el presupuesto obligará a la ciudad a subir "
        "los impuestos, y varios vecinos pidieron en el pleno una votación sobre el puente y la "
        "biblioteca.",
        "La alcaldesa dijo que estaba contenta de que el pleno hubiera aprobado el presupuesto de la "
        "ciudad, y que las obras del puente, de las calles y de la biblioteca empezarán en otoño.",
    )),
    "it": ("Il consiglio comunale approva il nuovo bilancio dopo un lungo dibattito", (
        "Il consiglio comunale ha approvato lunedì sera il nuovo bilancio della città, dopo un "
        "dibattito di oltre sei ore sul costo della manutenzione delle strade e sul futuro della "
        "biblioteca.",
        "I sostenitori del bilancio hanno detto che la città potrà assumere venti nuovi insegnanti e "
        "riparare il vecchio ponte, chiuso al traffico pesante dopo le alluvioni della primavera.",
        "I consiglieri dell'opposizione hanno avvertito che la città dovrà aumentare le tasse l'anno "
        "prossimo, e molti cittadini hanno chiesto un voto pubblico sui progetti più costosi.",
        "La sindaca si è detta soddisfatta che il consiglio abbia approvato il bilancio e ha "
        "ringraziato i dipendenti del comune che hanno lavorato tutto il fine settimana sui conti.",
    )),
    "pt": ("Câmara municipal aprova novo orçamento depois de um longo debate", (
        "A câmara municipal aprovou na segunda-feira à noite o novo orçamento da cidade, depois de "
        "um debate de mais de seis horas sobre o custo das estradas e o futuro da biblioteca.",
        "Os defensores do orçamento disseram que a cidade vai poder contratar vinte professores e "
        "reparar a velha ponte, que está fechada ao trânsito pesado desde as cheias da primavera.",
        "Os vereadores da oposição avisaram que o orçamento vai obrigar a cidade a aumentar os "
        "impostos, e vários moradores pediram uma votação pública sobre a ponte e a biblioteca.",
        "A presidente da câmara disse que estava satisfeita com a aprovação do orçamento da cidade, e "
        "que as obras da ponte, das estradas e da biblioteca vão começar no outono.",
    )),
    "nl": ("Gemeenteraad keurt nieuwe begroting goed na lang debat", (
        "De gemeenteraad heeft maandagavond de nieuwe begroting van de stad goedgekeurd, na een debat "
        "van meer dan zes uur over de kosten van het onderhoud van de wegen en de toekomst van de "
        "bibliotheek.",
        "Voorstanders van de begroting zeiden dat de stad daarmee twintig nieuwe leraren kan aannemen "
        "en de oude brug kan herstellen, die sinds de overstromingen in het voorjaar dicht is.",
        "De oppositie in de gemeenteraad waarschuwde dat de stad door de begroting de belastingen zal "
        "moeten verhogen, en bewoners vroegen om een stemming over de brug en de bibliotheek.",
        "De burgemeester zei dat ze blij was dat de gemeenteraad de begroting van de stad had "
        "goedgekeurd, en dat het werk aan de brug, de wegen en de bibliotheek in de herfst begint.",
    )),
    "pl": ("Rada miasta przyjęła nowy budżet po długiej debacie", (
        "Rada miasta przyjęła w poniedziałek wieczorem nowy budżet, po debacie, która trwała ponad "
        "sześć godzin i dotyczyła kosztów remontu dróg oraz przyszłości miejskiej biblioteki.",
        "Zwolennicy budżetu mówili, że dzięki niemu miasto zatrudni dwudziestu nowych nauczycieli i "
        "wyremontuje stary most, który jest zamknięty dla ciężarówek od wiosennej powodzi.",
        "Radni opozycji ostrzegali, że przez nowy budżet miasto będzie musiało podnieść podatki, a "
        "mieszkańcy domagali się głosowania nad remontem mostu i biblioteki.",
        "Prezydent miasta powiedziała, że cieszy się z przyjęcia budżetu przez radę miasta, a remont "
        "mostu, dróg i biblioteki rozpocznie się jesienią.",
    )),
}
HEADLINE, PARAGRAPHS = ARTICLES["en"]


def _article(rule):
    """The headline and paragraphs of an article in the rule's language."""
    return ARTICLES.get(rule.languages[0] if rule.languages else "en", ARTICLES["en"])


def _cases(which: str):
    for rule in RULES.all_rules:
        examples = rule.examples_remove if which == "remove" else rule.examples_keep
        for n, example in enumerate(examples):
            case_id = f"{rule.id}/{which}/{n}"
            marks = ()
            if case_id in KNOWN_GAPS:
                marks = (pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[case_id]),)
            yield pytest.param(rule, example, id=case_id, marks=marks)


def _article_with_paragraph(sentence: str, article=ARTICLES["en"]) -> str:
    headline, paragraphs = article
    return "\n\n".join((headline, paragraphs[0], paragraphs[1], sentence) + paragraphs[2:])


def _article_with_sentence(sentence: str, article=ARTICLES["en"]) -> str:
    headline, paragraphs = article
    middle = paragraphs[1] + " " + sentence
    return "\n\n".join((headline, paragraphs[0], middle) + paragraphs[2:])


def _body_removals(result, headline: str = HEADLINE) -> list:
    return [r for r in result.removed if not (r.rule_id == "heuristic.title" and r.text == headline)]


def test_every_bundled_rule_has_examples_of_both_kinds():
    missing = [r.id for r in RULES.all_rules if not r.examples_remove or not r.examples_keep]
    assert not missing, f"rules without remove and keep examples: {missing}"


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_the_articles_used_below_are_clean_on_their_own(lang: str):
    headline, paragraphs = ARTICLES[lang]
    result = cleaner.clean("\n\n".join((headline,) + paragraphs))
    assert _body_removals(result, headline) == []
    assert result.metadata["title"] == headline
    assert result.metadata["language"] == lang


@pytest.mark.parametrize(("rule", "example"), list(_cases("remove")))
def test_remove_example_matches_its_rule(rule, example):
    assert rule.matches(example), f"{rule.path}:{rule.line}: {rule.id} does not match {example!r}"


@pytest.mark.parametrize(("rule", "example"), list(_cases("remove")))
def test_remove_example_goes_from_an_article_and_the_body_stays(rule, example):
    """In context, within the rule's scope: the furniture goes (by this rule or
    an overlapping one) and every body paragraph stays."""
    headline, body = article = _article(rule)
    if rule.scope == "head":
        page = "\n\n".join((headline, example) + body)
    elif rule.scope == "tail":
        page = "\n\n".join((headline,) + body + (example,))
    else:
        page = _article_with_paragraph(example, article)
    result = cleaner.clean(page)
    paragraphs = result.text.split("\n\n")
    if rule.kind == "span":
        assert rule.id in {r.rule_id for r in result.removed}
    else:
        assert example not in paragraphs
    assert all(p in paragraphs for p in body), [(r.rule_id, r.text) for r in result.removed]


@pytest.mark.parametrize(("rule", "example"), list(_cases("keep")))
def test_keep_example_does_not_match_its_rule(rule, example):
    assert not rule.matches(example), f"{rule.path}:{rule.line}: {rule.id} matches {example!r}"


@pytest.mark.parametrize(("rule", "example"), list(_cases("keep")))
def test_keep_example_survives_clean_as_a_paragraph(rule, example):
    article = _article(rule)
    result = cleaner.clean(_article_with_paragraph(example, article))
    removed = _body_removals(result, article[0])
    assert not removed, [(r.rule_id, r.text) for r in removed]
    assert example in result.text.split("\n\n")


@pytest.mark.parametrize(("rule", "example"), list(_cases("keep")))
def test_keep_example_survives_clean_inside_a_paragraph(rule, example):
    article = _article(rule)
    result = cleaner.clean(_article_with_sentence(example, article))
    removed = _body_removals(result, article[0])
    assert not removed, [(r.rule_id, r.text) for r in removed]
    assert article[1][1] + " " + example in result.text.split("\n\n")
