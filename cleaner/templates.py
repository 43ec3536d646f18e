"""Site template detection: lines that recur on most pages of one site are furniture.

CCNet's idea, scoped to a site: cut every page into the lines the cleaner sees
(for HTML, the blocks the HTML front door produces), hash each line with
:func:`cleaner.stages.line_hash`, group the pages by site, and call a line
*template* when it is on more than :data:`TEMPLATE_MIN_SHARE` of a site's
pages and the site has at least :data:`TEMPLATE_MIN_PAGES` distinct pages.
The cleaner then removes those lines from that site's pages only
(``heuristic.site-template``).

* **Site** is the URL host, lowercased, without a leading ``www.``. Pages with
  no URL are left out: a folder or dump with no URLs may mix many sites, and a
  line shared by unrelated pages (a legal preamble, a recurring byline) is not
  evidence of one site's template, so grouping them would risk removing body
  text.
* **Distinct pages**: a page whose set of lines equals another page of the same
  site counts once, so a page crawled twice cannot turn its own body into
  "template".
* **Deterministic**: the result is a function of the *set* of pages; the order
  they come in, and how they were split across workers or partitions, cannot
  change it (counts merge by addition, see :class:`SiteCounts`).

>>> pages = [{"content": f"Share this story\\nStory {i} tells how the council spent {i} days "
...           "arguing about the bridge repairs.", "url": f"https://www.example.com/{i}"}
...          for i in range(6)]
>>> from cleaner.stages import line_hash
>>> find_template_lines(pages) == frozenset({line_hash("Share this story")})
True
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections import Counter
from typing import Iterable, Mapping
from urllib.parse import urlsplit

from .config import Config
from .errors import InputError
from .stages import line_hash

#: A line is template when it is on MORE than this share of a site's distinct
#: pages ("most pages"). At 0.5 a line needs 3 of 5 pages, 6 of 10: menus,
#: share bars and footers are on ~100 % of a site's pages, while a body
#: sentence repeated on half of them is already syndicated furniture.
TEMPLATE_MIN_SHARE = 0.5
#: ...and the site must have at least this many distinct pages in the input.
#: Below 5, two or three articles on one topic can share real lines (a quote,
#: a product name) by chance; with 5+ pages and a majority rule that needs 3+
#: pages agreeing, chance overlap of whole lines is negligible.
TEMPLATE_MIN_PAGES = 5


def site_of(url: str | None) -> str | None:
    """The site a URL belongs to: its host, lowercased, without ``www.``.

    >>> site_of("https://WWW.Example.com:8080/a?b"), site_of(None), site_of("no host")
    ('example.com', None, None)
    """
    if not url or not isinstance(url, str):
        return None
    try:
        host = urlsplit(url.strip() if "//" in url else "//" + url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def unpack_item(item, content_type: str = "auto"):
    """``(content, content_type, url, charset)`` of a :func:`clean_many` item."""
    if isinstance(item, Mapping):
        return (item.get("content"), item.get("content_type") or content_type,
                item.get("url"), item.get("charset"))
    return item, content_type, None, None


def page_lines(content, content_type: str = "auto", url: str | None = None,
               config: Config | None = None, charset: str | None = None) -> list[str] | None:
    """The lines the cleaner would see for this page, or ``None`` if it cannot read it.

    Text is cut into lines as :func:`cleaner.document.segment` does; HTML goes
    through the HTML front door (``None`` while :mod:`cleaner.html` is not
    importable, so only text pages count then).
    """
    from .decode import decode, sniff_content_type
    from .document import segment
    config = config or Config()
    try:
        if isinstance(content, (bytes, bytearray, memoryview)):
            content = decode(bytes(content), charset)
        if not isinstance(content, str) or not content.strip():
            return None
        if content_type == "auto":
            content_type = sniff_content_type(content)
        if content_type == "html":
            try:
                from .html import html_to_document
            except ImportError:
                return None
            doc = html_to_document(content, url=url, config=config)
        else:
            doc = segment(content, "text", url)
    except InputError:
        return None
    except Exception:  # a page the front door chokes on is reported by the cleaning pass
        return None
    return [b.text for b in doc.blocks if b.text]


def page_row(content, content_type: str = "auto", url: str | None = None,
             config: Config | None = None, charset: str | None = None,
             site: str | None = None) -> tuple[str, tuple[str, ...]] | None:
    """``(site, sorted unique line hashes)`` for one page, or ``None`` if it has no site.

    This is the unit of work of the counting pass: cheap to ship between
    processes, and all :class:`SiteCounts` needs.
    """
    site = site or site_of(url)
    if site is None:
        return None
    lines = page_lines(content, content_type, url, config, charset)
    if not lines:
        return None
    return site, tuple(sorted({line_hash(t) for t in lines}))


class SiteCounts:
    """Per site, its distinct pages (by their set of line hashes).

    Mergeable (``a.merge(b)``): partial counts from workers or Dask partitions
    add up to the same templates in any order, and a page seen by two parts
    still counts once. Holds every page's hashes; for corpora larger than
    memory use :class:`BucketedSiteCounts`.
    """

    def __init__(self):
        self.pages: dict[str, dict[str, tuple[str, ...]]] = {}

    def add(self, site: str, hashes: tuple[str, ...]) -> None:
        sig = hashlib.sha1(" ".join(hashes).encode()).hexdigest()[:16]
        self.pages.setdefault(site, {})[sig] = hashes

    def add_row(self, row) -> None:
        if row is not None:
            self.add(row[0], tuple(row[1]))

    def merge(self, other: "SiteCounts") -> "SiteCounts":
        for site, pages in other.pages.items():
            self.pages.setdefault(site, {}).update(pages)
        return self

    def templates(self) -> dict[str, frozenset[str]]:
        """``{site: frozenset(line hashes)}`` for sites that have template lines."""
        out = {}
        for site, pages in self.pages.items():
            n = len(pages)
            if n < TEMPLATE_MIN_PAGES:
                continue
            counts = Counter(h for hashes in pages.values() for h in hashes)
            lines = frozenset(h for h, c in counts.items() if c > TEMPLATE_MIN_SHARE * n)
            if lines:
                out[site] = lines
        return out


class BucketedSiteCounts:
    """:class:`SiteCounts` over a corpus larger than memory.

    Rows are appended to ``buckets`` files on disk, by a hash of the site, so
    every page of one site lands in one bucket; :meth:`templates` then counts
    one bucket at a time. Memory is bounded by the largest bucket, not the
    corpus. Pages of one site are deduplicated within their bucket, so the
    result equals the in-memory :class:`SiteCounts` exactly.
    """

    def __init__(self, buckets: int = 16, directory: str | None = None):
        self.n = max(1, int(buckets))
        self.dir = tempfile.mkdtemp(prefix="cleaner-templates-", dir=directory)
        self.files = [open(os.path.join(self.dir, f"{i:04d}.rows"), "w", encoding="utf-8")
                      for i in range(self.n)]

    def add_row(self, row) -> None:
        if row is None:
            return
        site, hashes = row
        i = int(hashlib.sha1(site.encode()).hexdigest()[:8], 16) % self.n
        self.files[i].write(site + "\t" + " ".join(hashes) + "\n")

    def templates(self) -> dict[str, frozenset[str]]:
        out: dict[str, frozenset[str]] = {}
        for f in self.files:
            f.close()
        try:
            for f in self.files:
                counts = SiteCounts()
                with open(f.name, encoding="utf-8") as fh:
                    for line in fh:
                        site, _, hashes = line.rstrip("\n").partition("\t")
                        counts.add(site, tuple(hashes.split()))
                out.update(counts.templates())
        finally:
            self.close()
        return out

    def close(self) -> None:
        import shutil
        for f in self.files:
            f.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def find_site_templates(items: Iterable, config: Config | None = None,
                        content_type: str = "auto") -> dict[str, frozenset[str]]:
    """``{site: template line hashes}`` over ``items`` (as :func:`cleaner.clean_many` takes them)."""
    config = config or Config()
    counts = SiteCounts()
    for item in items:
        content, ct, url, charset = unpack_item(item, content_type)
        counts.add_row(page_row(content, ct, url, config, charset))
    return counts.templates()


def find_template_lines(items: Iterable, config: Config | None = None) -> frozenset[str]:
    """Hashes of every site's template lines, as one set (:attr:`Config.template_lines`).

    Prefer :func:`find_site_templates` and a per-site config where pages of
    several sites are cleaned together: a line that is furniture on one site
    is then not removed from another.
    """
    out: set[str] = set()
    for lines in find_site_templates(items, config).values():
        out |= lines
    return frozenset(out)


def templates_digest(templates: Mapping[str, frozenset]) -> str:
    """A short digest of a template map: equal maps, equal digests."""
    h = hashlib.sha1()
    for site in sorted(templates):
        h.update(site.encode() + b"\t" + " ".join(sorted(templates[site])).encode() + b"\n")
    return h.hexdigest()[:16]
