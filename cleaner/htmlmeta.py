"""Metadata of an HTML page: JSON-LD and OpenGraph first, then meta tags, then
visible bylines and dates.

Fields (absent ones are left out, never guessed): ``title``, ``author``
(names joined by ``", "``) and ``authors`` (list), ``date`` (published) and
``modified`` (ISO 8601 dates, ``YYYY-MM-DD``), ``site_name``, ``description``,
``language`` (as declared; the pipeline replaces it with the detected one),
``url`` (canonical), ``categories`` and ``tags`` (lists), ``image`` and
``license``.

Why not trafilatura's ``extract_metadata`` or htmldate: measured on 80 dev
pages, ``extract_metadata`` needs an lxml tree (1.2 ms to parse) and then
takes a median 7.7 ms a page -- more than our whole extraction budget (a third
of trafilatura's 17-70 ms a page). Reading the same sources (JSON-LD,
OpenGraph, Dublin Core and citation meta tags, ``<time>``, ``rel=author``,
bylines) off the selectolax tree the front door already parsed takes about
0.3 ms.

Dates, in order: JSON-LD, meta tags, a date in the (canonical) URL, the
page's first ``<time>``, the first "date" element, a date printed near the
start of the main content (the front door passes its blocks to
:func:`date_near`), a dateline where it ends (:func:`date_at_end`), and
last htmldate's fast mode (``extensive_search=False``;
the extensive mode finds 6 more right dates on the trafilatura dev set but
invents one on almost every dateless page and once took 2.4 s on one page).
Visible dates are parsed with :func:`cleaner.textmeta.find_date`
(unambiguous shapes only). A UTC timestamp near midnight gives way to the
URL's or the page's date one day off (the publisher's local day); there a
slash date ("03/05/2022") counts in whichever order makes it that day
(:func:`local_day_near`).

Authors: JSON-LD (``@id`` references into the ``@graph`` resolved), meta
tags (not ``twitter:creator``: a handle, as often the site's as the
writer's), Twitter-card "Written by" labels, then visible bylines, most
specific selector first, outside comment and related-post boxes. Every name
sheds its "By"/"von" label, @handles and a trailing date. The site's own
name is the author only when no one else is named, in the data or a byline
(a company's page, a personal blog: the dev golds count these). On the
trafilatura dev set (272 pages with an author): 0.699 right, trafilatura
0.610; wcxb (217): 0.737, trafilatura 0.631; dates (359): 0.855, trafilatura
0.844.
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from html import unescape

from .textmeta import find_date, headline_part, is_date_line, is_other_date
from .textstats import lower_words

_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "scholarlyarticle", "techarticle", "report", "webpage",
                  "liveblogposting", "review", "socialmediaposting", "discussionforumposting",
                  "backgroundnewsarticle", "product", "recipe", "howto", "qapage", "creativework")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
#: Dates outside this range are errors or placeholders (0000-00-00, 2099).
_MIN_YEAR, _MAX_YEAR = 1990, datetime.now().year + 1


def extract_metadata(tree, url: str | None = None) -> dict:
    """Read the page's metadata off a selectolax tree (before it is pruned).

    When no date is found here, the front door looks for one printed near the
    start of the main content, then asks :func:`htmldate_fallback`.
    """
    md: dict = {}
    head_meta = _meta_tags(tree)
    ld = _json_ld(tree)
    # a product page (Product, ProductGroup, IndividualProduct; og:type
    # "product", "og:product", "product.item"): html.py widens its content
    if any("product" in t for i in ld for t in _types(i)) or any(
            "product" in v.lower() for v in head_meta.get("og:type", ())):
        md["_product"] = True
    _from_json_ld(md, ld)
    _from_meta(md, head_meta)
    _from_page(md, tree)
    if "url" not in md and url:
        md["url"] = url
    url_date = _url_date(md.get("url") or url)
    if local_day(md, url_date):
        md["date"] = url_date  # the URL carries the publisher's own (local) day
        md["date_utc"] = None
    if "date" not in md:
        # After the structured sources, the URL's date (the publisher's own,
        # as htmldate ranks it) comes before any date printed in the page: a
        # page's first <time> or "date" element is often a sidebar's or a comment's.
        d = url_date or _time_element(tree) or _visible_date(tree)
        if d:
            md["date"] = d
    authors = md.pop("_authors", [])
    if authors:
        site = _site_key(md, url)
        # The site's own name is the author when the page names no one else
        # (a company's page, a personal blog), in its data or in a byline.
        authors = _clean_authors(authors, site) or _byline(tree, site) or _clean_authors(authors)
        if authors:
            md["authors"] = authors
            md["author"] = ", ".join(authors)
    for k in ("categories", "tags"):
        if k in md:
            md[k] = _dedupe(md[k])
    return md


def _site_key(md: dict, url: str | None) -> dict | None:
    """The site's names squashed ("Madame Figaro" -> "madamefigaro"), to tell
    them from an author: an ordered set (a dict), the site name first."""
    from urllib.parse import urlsplit
    keys = {}
    if md.get("site_name"):
        keys[_squash(md["site_name"])] = True
    host = (urlsplit(md.get("url") or url or "").hostname or "").removeprefix("www.")
    if host:
        keys[_squash(host.rsplit(".", 1)[0])] = True
        keys[_squash(host)] = True
    return keys or None


# -- sources ---------------------------------------------------------------------

def _meta_tags(tree) -> dict:
    out: dict = {}
    for m in tree.css("meta[content]"):
        attrs = m.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        content = attrs.get("content")
        if not key or not content:
            continue
        key = key.strip().lower()
        content = " ".join(content.split())
        if content:
            out.setdefault(key, []).append(content)
    return out


def _json_ld(tree) -> list[dict]:
    items: list[dict] = []
    for s in tree.css('script[type="application/ld+json"]'):
        raw = s.text(deep=True)
        if not raw or not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:  # trailing commas, control characters: try once more, leniently
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ")), strict=False)
            except ValueError:
                continue
        _flatten_ld(data, items)
    return items


def _flatten_ld(data, out: list) -> None:
    if isinstance(data, list):
        for d in data:
            _flatten_ld(d, out)
    elif isinstance(data, dict):
        if "@graph" in data:
            _flatten_ld(data["@graph"], out)
        if "@type" in data:
            out.append(data)


def _types(item: dict) -> list[str]:
    t = item.get("@type")
    ts = t if isinstance(t, list) else [t]
    return [x.lower() for x in ts if isinstance(x, str)]


def _from_json_ld(md: dict, items: list[dict]) -> None:
    # The article-like item wins; WebPage only fills what is missing.
    ranked = sorted((i for i in items if any(t in _ARTICLE_TYPES for t in _types(i))),
                    key=lambda i: min(_ARTICLE_TYPES.index(t) for t in _types(i) if t in _ARTICLE_TYPES))
    # Yoast and other @graph writers name the author by reference:
    # "author": {"@id": ".../#/schema/person/..."} and a Person node elsewhere.
    people = {i["@id"]: i for i in items if isinstance(i.get("@id"), str) and "person" in _types(i)}
    for item in ranked:
        _set(md, "title", _text(item.get("headline")) or _text(item.get("name")))
        _set(md, "description", _text(item.get("description")))
        _set_date(md, item.get("datePublished") or item.get("dateCreated"))
        _set(md, "modified", _iso(item.get("dateModified")))
        _set(md, "url", _url(item.get("url")) if "webpage" not in _types(item) else None)
        _set(md, "image", _image(item.get("image") or item.get("thumbnailUrl")))
        _set(md, "license", _url(item.get("license")))
        if not md.get("_authors"):
            names = _names(item.get("author") or item.get("creator"), people)
            if names:
                md["_authors"] = names
        pub = item.get("publisher")
        if isinstance(pub, dict):
            _set(md, "site_name", _text(pub.get("name")))
        sec = item.get("articleSection")
        if sec:
            md.setdefault("categories", []).extend(_strings(sec))
        kw = item.get("keywords")
        if kw:
            md.setdefault("tags", []).extend(_keywords(kw))
        lang = item.get("inLanguage")
        if isinstance(lang, str):
            _set(md, "language", lang)
    for item in items:
        if "website" in _types(item) or "organization" in _types(item) or "newsmediaorganization" in _types(item):
            _set(md, "site_name", _text(item.get("name")))


def _from_meta(md: dict, m: dict) -> None:
    def first(*keys):
        for k in keys:
            if m.get(k):
                return m[k][0]
        return None

    _set(md, "title", first("og:title", "twitter:title", "dc.title", "citation_title", "parsely-title",
                            "sailthru.title"))
    _set(md, "description", first("og:description", "description", "twitter:description", "dc.description"))
    _set(md, "site_name", first("og:site_name", "application-name", "twitter:site"))
    _set_date(md, first("article:published_time", "og:published_time", "datepublished",
                        "pubdate", "publishdate", "publish-date", "date", "dc.date",
                        "dc.date.issued", "dcterms.date", "dcterms.created", "citation_date",
                        "citation_publication_date", "parsely-pub-date", "sailthru.date",
                        "article.published", "published_time", "og:article:published_time",
                        "cxenseparse:recs:publishtime"))
    _set(md, "modified", _iso(first("article:modified_time", "og:updated_time", "datemodified",
                                    "dcterms.modified", "last-modified", "og:article:modified_time")))
    _set(md, "url", _url(first("og:url")))
    _set(md, "image", _url(first("og:image", "og:image:url", "og:image:secure_url", "twitter:image",
                                 "twitter:image:src")))
    _set(md, "license", first("dc.rights", "dcterms.license", "license", "copyright"))
    _set(md, "language", first("og:locale", "content-language", "dc.language", "language"))
    if not md.get("_authors"):
        # not twitter:creator: an @handle, as often the site's as the writer's
        a = first("author", "article:author", "dc.creator", "citation_author", "parsely-author",
                  "sailthru.author", "byl", "byline") or _labelled_author(m)
        if a and not a.startswith(("http://", "https://")):
            md["_authors"] = _split_names(a)
    sec = first("article:section", "section", "parsely-section", "category")
    if sec:
        md.setdefault("categories", []).append(sec)
    tags = m.get("article:tag") or []
    if not tags and m.get("keywords"):
        tags = _keywords(m["keywords"][0])
    if tags:
        md.setdefault("tags", []).extend(tags)


_AUTHOR_LABELS = ("written by", "author", "authors", "by", "von", "par", "por", "door", "autor", "autorin", "geschrieben von",
                  "verfasst von", "écrit par", "auteur", "escrito por", "autor/a", "scritto da", "autore")


def _labelled_author(m: dict) -> str | None:
    """Twitter card labels: ``twitter:label1="Written by"`` + ``twitter:data1`` (Yoast, Slack unfurls)."""
    for n in range(1, 5):
        label = m.get(f"twitter:label{n}")
        if label and label[0].strip().lower().rstrip(":") in _AUTHOR_LABELS and m.get(f"twitter:data{n}"):
            return m[f"twitter:data{n}"][0]
    return None


#: Where pages print their byline, most specific first (the first clean name wins).
_BYLINE_SELECTORS = (
    '[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]',
    '.byline, .author, .byline-name, .author-name, .author__name, .authorName, .AuthorName',
    '[class*="byline"], [class*="author-name"], [class*="authorname"], [class*="author_name"], '
    '[class*="author"], [id*="author"], .posted-by, .submitted-by, .journalist-name, address',
)
#: A byline inside one of these belongs to a comment, a related post or a quote
#: (Blogger's "widget Blog" is the box of the posts themselves).
_NOT_BYLINE = re.compile(r"(?:^|\s)(?:comment|related|widget(?!\s+blog\b)|quote|review|teaser)", re.I)


def _byline(tree, site: dict | None = None) -> list[str]:
    for sel in _BYLINE_SELECTORS:
        for node in tree.css(sel)[:12]:
            if _inside_furniture(node):
                continue
            names = _clean_authors(_split_names(_strip_by(node.text(deep=True, separator=" "))), site)
            if names:
                return names
    return []


def _inside_furniture(node) -> bool:
    p = node
    for _ in range(12):
        if p is None or p.tag in ("body", "html", "article", "main"):
            return False
        a = p.attributes
        if (a.get("class") and _NOT_BYLINE.search(a["class"])) or (a.get("id") or "").startswith("comment"):
            return True
        if p.tag in ("blockquote", "aside"):
            return True
        p = p.parent
    return False


#: "View all posts by Ann Lee", "Alle Beiträge von Ann Lee anzeigen"
_POSTS_BY = re.compile(r"^.*?\b(?:posts|articles|beiträge|artikel|stories|entries|articles de|publications)"
                       r"\s+(?:by|von|de|of|par)\s+(.+?)(?:\s+anzeigen)?$", re.I)
_BY_PREFIX = re.compile(r"^(?:(?:written|posted|published|submitted|erstellt|geschrieben|verfasst|post\s+author)\s+)?"
                        r"(?:by|von|par|por|di|door|da|av|af|autor(?:in)?:?|author:?|auteur\s*:?)\s+", re.I)


def _strip_by(text: str) -> str:
    """The name part of a byline: "8. Jan 2020 · by Ann Lee · in Travel" -> "Ann Lee"."""
    text = " ".join(text.split())
    parts = [p.strip() for p in re.split(r"\s+[·•|]\s+|\s+[–—]\s+", text) if p.strip()]
    for p in parts:
        m = _POSTS_BY.match(p)
        if m:
            return m.group(1)
        if _BY_PREFIX.match(p):
            return _BY_PREFIX.sub("", p)
    if parts and parts[0].lower().rstrip(":") in _AUTHOR_LABELS:
        return ""  # a bare "Von" / "By:" with the name elsewhere
    return parts[0] if parts else ""


def _from_page(md: dict, tree) -> None:
    root = tree.root
    html = tree.css_first("html")
    if html is not None:
        lang = html.attributes.get("lang") or html.attributes.get("xml:lang")
        if lang:
            _set(md, "language", lang.strip())
    canon = tree.css_first('link[rel="canonical"][href]')
    if canon is not None:
        href = _url(canon.attributes.get("href"))
        if href and href.startswith(("http://", "https://")):
            md["url"] = href  # the canonical link is the page's own word on its URL
    lic = tree.css_first('a[rel="license"][href], link[rel="license"][href]')
    if lic is not None:
        _set(md, "license", _url(lic.attributes.get("href")))
    if "title" not in md or not md["title"]:
        t = tree.css_first("title")
        page_title = " ".join(t.text(deep=True).split()) if t is not None else ""
        h1s = [" ".join(h.text(deep=True).split()) for h in tree.css("h1")[:H1_LOOKED_AT]]
        h1s = [h for h in h1s if h]
        cand = h1s[0] if h1s else ""
        if page_title and h1s:
            cand = _headline_h1(h1s, page_title)
        if page_title and not cand:
            cand = headline_part(page_title)
        _set(md, "title", cand or None)
    if not md.get("_authors"):
        names = _byline(tree)
        if names:
            md["_authors"] = names
    del root


def _time_element(tree) -> str | None:
    t = tree.css_first("time[datetime], [itemprop='datePublished']")
    if t is None:
        return None
    return _iso(t.attributes.get("datetime") or t.attributes.get("content") or t.text(deep=True))


def _visible_date(tree) -> str | None:
    """A date printed in the first few date-like elements (``class="date"`` ...)."""
    for node in tree.css('[class*="date"], [class*="time"], [id*="date"]')[:8]:
        text = node.text(deep=True)[:200]
        if is_other_date(text):
            continue
        d = find_date(text)
        if d:
            return d
    return None


#: /2024/06/18/, -2024-06-18-, _2024_06_18 in a URL path (htmldate's COMPLETE_URL shape)
_URL_DATE = re.compile(r"\D((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:\D|$)")


def _url_date(url: str | None) -> str | None:
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    return _iso(f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")


def _near(texts: list[str], start: int, before: int, after: int):
    """The text blocks around index ``start`` that may date the page, each
    cut to where a date may stand: a long block counts only when it opens
    with the date ("27.1.2022 - Bei ..."); a forum's clock or a member's join
    date (:func:`is_other_date`) is skipped."""
    for t in texts[max(0, start - before):start + after]:
        if not is_other_date(t):
            yield t if len(t) < 200 else t[:40]


def date_near(texts: list[str], start: int, before: int = 12, after: int = 8) -> str | None:
    """The first date printed in the text blocks around index ``start`` (the
    main content's first block): bylines and datelines sit just above or
    below the headline. Measured on the trafilatura dev set's pages where no
    structured date exists: right where htmldate's fast mode finds nothing."""
    return next(filter(None, map(find_date, _near(texts, start, before, after))), None)


#: "03/05/2022", "5/3/2022": day and month in an order only the page's locale knows.
_SLASH_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")


def local_day_near(md: dict, texts: list[str], start: int, before: int = 12, after: int = 8) -> str | None:
    """The publisher's local day printed near the article's start, for a UTC
    timestamp in ``md`` (see :func:`local_day`): the first date there that is
    that day. A slash date ("03/05/2022") is read both ways, as the locale
    decides the order: beside the timestamp, at most one reading is its
    local day."""
    if md.get("date_utc") is None:
        return None
    for t in _near(texts, start, before, after):
        d = find_date(t)
        if d:
            return d if local_day(md, d) else None  # the first printed date decides
        m = _SLASH_DATE.search(t)
        if m:
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            return next((d for d in (_valid_iso(y, b, a), _valid_iso(y, a, b)) if d and local_day(md, d)), None)
    return None


def _valid_iso(y: int, m: int, d: int) -> str | None:
    try:
        return datetime(y, m, d).strftime("%Y-%m-%d")
    except ValueError:
        return None


#: A line that labels the date it gives ("Datum: 03.11.2021", "Aktualisiert am 17.01.2021.").
_DATE_LABEL = re.compile(
    r"^(?:(?:date|dated|published|updated|last updated|posted|datum|veröffentlicht|aktualisiert|"
    r"erstellt|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato|gepubliceerd|"
    r"opublikowano|опубликовано|обновлено)\b|stand\s*:)", re.I)
DATE_LINE_MAX_CHARS = 80


def date_at_end(texts: list[str], end: int, before: int = 3, after: int = 6) -> str | None:
    """A date the page prints where the article ends (index ``end``: its last
    kept block): a line that is only a date, among the article's last
    ``before`` lines or just below them, or a line that labels its date
    ("Aktualisiert am ..."), up to ``after`` lines below (a comment's or a
    related post's bare date further down is not the article's). A dateline
    above the article is looked for first (:func:`date_near`)."""
    for i in range(max(0, end - before + 1), min(len(texts), end + 1 + after)):
        t = texts[i]
        if len(t) > DATE_LINE_MAX_CHARS:
            continue
        labelled = _DATE_LABEL.match(t) is not None
        if labelled or (i <= end + 1 and is_date_line(t)):
            d = find_date(t)
            if d:
                return d
            if labelled and i + 1 < len(texts) and is_date_line(texts[i + 1]):
                return find_date(texts[i + 1])  # "Datum:" over "03.11.2021"
    return None


def htmldate_fallback(html: str) -> str | None:
    """htmldate's fast mode (URL, headers, common markup; no text-wide search)."""
    try:
        from htmldate import find_date
        d = find_date(html, extensive_search=False, original_date=True)
    except Exception:  # htmldate parses arbitrary markup; a failure means "no date"
        return None
    return _iso(d) if d else None


# -- normalisation -------------------------------------------------------------

UTC_EARLY_HOUR, UTC_LATE_HOUR = 8, 16
#: A timestamp given in UTC: late-evening stories carry the next day's date.
#: ISO 8601 ("2022-05-04T00:44:52Z") and RFC 1123 ("Wed, 04 May 2022 00:25:56 GMT").
#: (A 12-hour clock, "01:30 PM GMT", is not read: its hour is not the day's.)
_UTC_TIME = re.compile(r"(?:T|\d\s)(\d\d):\d\d(?!.*\b[ap]\.?m\b).*(?:Z|[+-]00:?00|\bGMT|\bUTC)\s*$", re.I)


def _set_date(md: dict, raw) -> None:
    """Set ``date`` from a structured value; ``date_utc`` says whether it was
    a UTC timestamp (a date printed in the page or the URL then wins when
    they are a day apart: they give the publisher's local day)."""
    if "date" in md:
        return
    d = _iso(raw)
    if d:
        md["date"] = d
        m = _UTC_TIME.search(raw) if isinstance(raw, str) else None
        md["date_utc"] = int(m.group(1)) if m else None


def local_day(md: dict, other: str | None) -> bool:
    """Whether ``other`` (a date from the URL or printed in the page) is the
    local day of a UTC timestamp: one day before it when the UTC hour is in
    the early morning (the Americas' evening), one day after when late in
    the evening (Asia's next morning); at midday every zone has the same day."""
    hour = md.get("date_utc")
    if hour is None or not other:
        return False
    try:
        shift = (datetime.fromisoformat(other[:10]) - datetime.fromisoformat(md["date"][:10])).days
    except ValueError:
        return False
    return (shift == -1 and hour < UTC_EARLY_HOUR) or (shift == 1 and hour >= UTC_LATE_HOUR)


def _set(md: dict, key: str, value) -> None:
    if value and key not in md:
        md[key] = value


def _text(v) -> str | None:
    if isinstance(v, list):
        v = v[0] if v else None
    if isinstance(v, dict):
        v = v.get("name") or v.get("@value")
    if isinstance(v, str):
        v = " ".join(v.split())
        return v or None
    return None


def _strings(v) -> list[str]:
    if isinstance(v, str):
        return [" ".join(v.split())] if v.strip() else []
    if isinstance(v, list):
        return [s for x in v for s in _strings(x)]
    return []


def _keywords(v) -> list[str]:
    if isinstance(v, list):
        return [s for x in v for s in _keywords(x)]
    if isinstance(v, str):
        return [k.strip() for k in re.split(r"[,;]", v) if k.strip() and len(k.strip()) < 60]
    return []


def _url(v) -> str | None:
    if isinstance(v, list):
        v = v[0] if v else None
    if isinstance(v, dict):
        v = v.get("url") or v.get("@id")
    return v.strip() if isinstance(v, str) and v.strip() else None


def _image(v) -> str | None:
    return _url(v)


def _names(v, people: dict | None = None) -> list[str]:
    out: list[str] = []
    for x in v if isinstance(v, list) else [v]:
        if isinstance(x, dict):
            if "name" not in x and people and isinstance(x.get("@id"), str):
                x = people.get(x["@id"], x)
            n = x.get("name")
            if isinstance(n, str):
                out.extend(_split_names(n))
        elif isinstance(x, str) and not x.startswith(("http://", "https://")):
            out.extend(_split_names(x))
    return out


def _split_names(s: str) -> list[str]:
    s = " ".join(s.split())
    return [p.strip() for p in re.split(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b)\s*", s) if p.strip()]


#: A name ends where a date, a time or a count begins ("Ann Lee 8 January 2020, 3:51 pm").
_NAME_TAIL = re.compile(r"\s*(?:[,·•|(]\s*)?(?:\b\w{1,3}[.,]?\s+)?\b\d.*$")
_HANDLE = re.compile(r"\s*@\w+")
_NOT_A_NAME = re.compile(r"[→»›<>{}=/\\*]|^(?:admin|administrator|anonymous|unknown|guest|name)$|"
                         r"^(?:posted|published|updated|veröffentlicht|erstellt|publié|publicado)\b", re.I)
MAX_NAME_WORDS = 6


def _clean_authors(names: list[str], site: dict | None = None) -> list[str]:
    out: list[str] = []
    for n in names:
        n = _strip_by(unescape(n))
        n = _HANDLE.sub("", n)
        n = _NAME_TAIL.sub("", n)
        n = n.strip(" .,:;|-–—@·•")
        if (not n or len(n) > 60 or "http" in n or _NOT_A_NAME.search(n)
                or len(n.split()) > MAX_NAME_WORDS or not any(c.isalpha() for c in n)):
            continue
        if site and _squash(n) in site and (len(n.split()) == 1 or _squash(n) == next(iter(site))):
            continue  # the site's own name or handle, not a person's (but a blog may bear its author's name)
        if n.lower() not in (o.lower() for o in out):
            out.append(n)
    return out


def _squash(s: str) -> str:
    return re.sub(r"\W+|_", "", s).lower()


def _dedupe(xs: list[str]) -> list[str]:
    seen, out = set(), []
    for x in xs:
        k = x.lower()
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


def _iso(v) -> str | None:
    """An ISO 8601 date (``YYYY-MM-DD``) from a structured date value."""
    if isinstance(v, list):
        v = v[0] if v else None
    if not isinstance(v, str) or not v.strip():
        return None
    m = _ISO_DATE.match(v)
    if m:
        y, mo, d = (int(x) for x in m.groups())
        if _MIN_YEAR <= y <= _MAX_YEAR and 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
        return None
    d = find_date(v)
    if d and _MIN_YEAR <= int(d[:4]) <= _MAX_YEAR:
        return d
    return None


#: Without structured data, the title is the one of the first H1_LOOKED_AT
#: <h1>s that the page's <title> holds (H1_TITLE_MIN_SHARE of its words) and
#: that covers most of the <title>'s headline part. Measured title accuracy:
#: l3s .534 -> .625, readability .798 -> .840, trafilatura .739 -> .746,
#: cleaneval .403 -> .408, wcxb .613 -> .609.
H1_LOOKED_AT = 5
H1_TITLE_MIN_SHARE = 0.5
H1_HEADLINE_MIN_WORDS = 4


def _headline_h1(h1s: list[str], page_title: str) -> str:
    """The headline among the page's <h1>s, by its <title>.

    An <h1> whose words the <title> does not hold is the site's logo or a
    section label; of those it holds, the one covering most of the title's
    headline part wins ("Opinion" and "Why the path matters" under "Opinion:
    Why the path matters | Site"). With none held, a one- to three-word <h1>
    gives way to the <title> minus its site part; a longer one is a headline
    under a <title> that only names the site.
    """
    title_words = set(lower_words(page_title))
    head = set(lower_words(headline_part(page_title)))

    def held(h: str) -> bool:
        words = set(lower_words(h))
        return bool(words) and (len(title_words) < 3
                                or len(words & title_words) >= H1_TITLE_MIN_SHARE * len(words))

    confirmed = [h for h in h1s if held(h)]
    if confirmed:
        return max(confirmed, key=lambda h: len(head & set(lower_words(h))))
    return h1s[0] if len(h1s[0].split()) >= H1_HEADLINE_MIN_WORDS else headline_part(page_title)
