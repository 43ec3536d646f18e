"""Metadata read off plain text: dates, bylines and section labels.

Dates are parsed only in common unambiguous shapes (``June 18, 2024``,
``18 June 2024``, ``2024-06-18``, ``18.06.2024``) with the month names of
English, German, French, Spanish, Italian, Portuguese, Dutch, Polish, Russian
and Ukrainian; ``MM/DD`` vs ``DD/MM`` guesses are refused rather than invented.
"""
from __future__ import annotations

import re

_MONTHS = {
    # en
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # de
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12,
    # fr
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    # es
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    # it
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    # pt
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    # nl
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    # pl (a date names its month in the genitive: "3 listopada 2021")
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6,
    "lipca": 7, "sierpnia": 8, "września": 9, "października": 10, "listopada": 11, "grudnia": 12,
    # ru, uk (genitive too: "15 августа 2016")
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6, "липня": 7,
    "серпня": 8, "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12,
}
_M = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MDY = re.compile(rf"\b(?P<m>{_M})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I)
_DMY = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|\.|er)?\s+(?:de\s+)?(?P<m>{_M})\.?,?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d)\b", re.I)
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")
_DOTTED = re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)\b")
#: Every date shape above has a year in it: one cheap search rules out the
#: most lines (find_date runs on every line before the body).
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|last updated|veröffentlicht|aktualisiert|publié|publicado)\s*(?:on|at|am|le|el)?:?\s*)?"
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:(?:{_M})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\.?\s+(?:{_M})\.?,?\s+\d{{4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})"
    rf"(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?$", re.I)
_UP = "A-ZÀ-ÖØ-ÞĀ-ſ"  # capitals incl. Latin-1 and Latin Extended-A (Ł, Ś, Ž ...)
_NAME = rf"[{_UP}][\w'’.-]+"
_BYLINE = re.compile(
    r"^(?i:by|von|par|por|di|door|av|autor:?|author:?|written by|words by|text:|reporter:|"
    r"correspondent:|reporting by|texto:|texte:)\s*"
    rf"(?P<name>{_NAME}(?:\s+(?:{_NAME}|van|von|de|da|del|der|la|le|bin|al)){{0,4}}"
    rf"(?:\s*(?:,|and|und|et|y|&)\s*{_NAME}(?:\s+{_NAME}){{0,3}})*)"
    r"(?:\s*[|,·•–—-]\s*.*)?$")
_CAMEL_SPLIT = re.compile(r"(?<=[a-z])(?=[A-Z])")
#: Words that label a slot in the page, not a subject (never categories).
_NOT_CATEGORIES = frozenset({
    "headline", "headlines", "breaking", "latest", "home", "exclusive", "featured",
    "trending", "top", "menu", "search", "more", "live", "video", "photos", "watch",
    "share", "advertisement", "sponsored", "premium", "opinion piece", "main",
    "startseite", "accueil", "inicio", "início", "homepage", "login", "log in", "sign in",
    "subscribe", "search", "menu", "menú", "buscar", "rechercher", "suche", "entrar",
})


def month_number(name: str) -> int | None:
    """1-12 for a month's name or abbreviation in any language above, else None."""
    return _MONTHS.get(name.lower().rstrip("."))


def _valid(y: int, m: int, d: int) -> str | None:
    if 1 <= m <= 12 and 1 <= d <= 31 and 1990 <= y <= 2100:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def find_date(text: str) -> str | None:
    """The first unambiguous calendar date in ``text``, as ISO 8601.

    >>> find_date("Published June 18, 2024 at 10:02 am"), find_date("18. Juni 2024")
    ('2024-06-18', '2024-06-18')
    >>> find_date("06/07/2024") is None
    True
    """
    if _YEAR.search(text) is None:
        return None
    for rx in (_ISO, _MDY, _DMY, _DOTTED):
        m = rx.search(text)
        if m:
            mo = m.group("m")
            month = int(mo) if mo.isdigit() else _MONTHS.get(mo.lower().rstrip("."))
            if month:
                out = _valid(int(m.group("y")), month, int(m.group("d")))
                if out:
                    return out
    return None


def without_dates(text: str) -> str:
    """``text`` with its calendar dates taken out (the shapes :func:`find_date` reads).

    >>> without_dates("January 15, 2008 Police make arrest")
    ' Police make arrest'
    """
    if _YEAR.search(text) is None:
        return text
    for rx in (_ISO, _MDY, _DMY, _DOTTED):
        text = rx.sub("", text)
    return text


#: Where a page's <title> joins its headline, section and site ("Headline - Site").
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—:·•»]\s+")


def title_parts(title: str) -> list[str]:
    """``"Headline | Section | Site"`` → ``["Headline", "Section", "Site"]``."""
    return _TITLE_SEPARATOR.split(title)


def headline_part(title: str) -> str:
    """``"Headline | Site"`` → ``"Headline"``: the longest part of a <title>."""
    return max(title_parts(title), key=len)


_DIGIT = re.compile(r"\d")


#: Dates that are not the page's, as forums print them: the reader's clock
#: and last visit (phpBB, above the posts) ...
_READER_CLOCK = re.compile(
    r"^\s*(?:it is currently|current time|last visit|aktuelle zeit|letzter besuch|nous sommes le|"
    r"dernière visite|fecha actual|última visita|oggi è|ultima visita|het is momenteel|laatste bezoek)\b", re.I)
#: ... and a member's join date beside each post, a label and then its date
#: ("Joined: Mar 2019", "Member since 2019", "Registriert: 18.09.2008"; not
#: "Registered Dietitian Jane Doe", "Joined by ..."), ...
_JOIN_DATE = re.compile(
    r"^\s*(?:joined|registered|member since|registriert|mitglied seit|inscrit le|inscription|registrado|"
    r"iscritto|lid sinds)(?:\s+(?:seit|dal|desde|since|in|depuis|le|el|il))?"
    r"\s*(?::|on\b|(?=\d)|(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s))", re.I)
#: ... unless the line goes on to the page's own date ("Joined 2019 · Posted
#: Jan 3, 2024", "Member since 2019 · Jan 3, 2024").
_SECOND_DATE = re.compile(r"\b(?:posted|published|updated|veröffentlicht|publié|publicado|pubblicato)\b"
                          r"|\b(?:19|20)\d\d\b.+\b(?:19|20)\d\d\b", re.I)


def is_other_date(text: str) -> bool:
    """A line whose date is not the page's: the reader's clock ("It is
    currently Wed Oct 14, 2020 12:18 pm", "Aktuelle Zeit: 14.10.2020") or a
    member's join date ("Registriert: 18.09.2008, 05:56", "Joined: Mar 2019")."""
    return _READER_CLOCK.match(text) is not None or (
        _JOIN_DATE.match(text) is not None and _SECOND_DATE.search(text) is None)


def is_date_line(text: str) -> bool:
    """A line that is only a date (and time), perhaps with 'Published'."""
    # every shape has a digit: one C scan rules out most lines before the
    # regex, whose month alternatives cost 2 us a line
    return _DIGIT.search(text) is not None and bool(_DATE_LINE.match(text.strip()))


def find_author(text: str) -> str | None:
    """The name in a byline line ("By Jane Doe | June 5, 2024").

    >>> find_author("By Jane Doe and John Roe | Reuters")
    'Jane Doe and John Roe'
    >>> find_author("By the way, this is a sentence.") is None
    True
    """
    if len(text) > 120:
        return None
    m = _BYLINE.match(text.strip())
    if not m:
        return None
    name = m.group("name").strip(" ,")
    if name.lower().split()[0] in ("the", "a", "an"):
        return None
    return name


def section_labels(text: str) -> list[str]:
    """Section names in a short label line: "NewsPolitics" → ["News", "Politics"].

    >>> section_labels("HeadlineInternational"), section_labels("News")
    (['International'], ['News'])
    >>> section_labels("Tuesday, July 23, 2024")
    []
    """
    t = text.strip(" -–—•·|>»›/")
    if not t or len(t) > 60 or any(ch.isdigit() for ch in t) or t.endswith((".", "!", "?")):
        return []
    parts: list[str] = []
    for chunk in re.split(r"\s*[|/>»›•·,]\s*", t):
        words = chunk.split()
        if not words or len(words) > 3 or not all(w[:1].isupper() for w in words):
            return []
        if len(words) == 1:
            parts.extend(_CAMEL_SPLIT.split(chunk))
        else:
            parts.append(chunk)
    return [p for p in parts if p and p.lower() not in _NOT_CATEGORIES]
