"""A generated batch corpus: article-like pages from a few sites, with their
furniture, in every input format the batch reads, plus corrupt files.

Everything is generated from a seeded RNG (no third-party pages): the same
call always writes the same bytes. :func:`make_corpus` returns what a correct
batch must produce: the good inputs and the (file, line) of every bad one.
"""
from __future__ import annotations

import gzip
import json
import os
import random
from dataclasses import dataclass, field

SUBJECTS = ["The city council", "The regional hospital", "A local bakery", "The football club",
            "The water authority", "Researchers at the university", "The school board",
            "The transport ministry", "A group of residents", "The harbour company"]
VERBS = ["approved", "rejected", "postponed", "announced", "criticised", "welcomed", "reviewed",
         "funded", "questioned", "presented"]
OBJECTS = ["a plan to repair the old bridge", "the new budget for next year",
           "a proposal to extend the tram line", "the results of a two-year study",
           "a scheme to plant trees along the river", "changes to the parking rules",
           "the opening hours of the public library", "a report on air quality in the centre",
           "the merger of two primary schools", "a festival in the main square"]
TAILS = ["after a long debate on Monday evening", "despite objections from several neighbours",
         "following months of negotiations with the unions", "although the costs remain unclear",
         "and officials expect a decision before the summer", "which critics called too little, too late",
         "as part of a wider effort to cut emissions", "in a statement published on its website"]
QUOTES = ["We have waited far too long for this, and people deserve better", "It is a good day for the town",
          "Nobody told us what the real costs would be", "The figures speak for themselves",
          "We will keep listening to everyone who lives here"]

SITES = {
    "dailyharbour.example": ["Home | News | Sport | Weather | Contact", "Share on Facebook",
                             "Related Articles", "© 2024 Daily Harbour. All rights reserved."],
    "valleytimes.example": ["Subscribe to our newsletter", "Share on Twitter",
                            "Most read this week", "Valley Times Media Group"],
    "northgazette.example": ["Skip to main content", "Advertisement", "Read more stories like this",
                             "Follow us on Instagram"],
}


def sentence(rng: random.Random) -> str:
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."
    if rng.random() < 0.3:
        s += f' "{rng.choice(QUOTES)}," said {rng.choice(["a spokesperson", "the mayor", "one resident"])}.'
    return s


def article(rng: random.Random, site: str | None = None, n: int | None = None) -> str:
    """An article's lines: furniture of its site (if any) around a few paragraphs."""
    paras = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
             for _ in range(n or rng.randint(3, 6))]
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if site is None:
        return "\n".join([title, "Share on Facebook"] + paras + ["Related Articles"])
    furn = SITES[site]
    return "\n".join([furn[0], title, furn[1]] + paras + [furn[2], furn[3]])


def article_html(rng: random.Random, site: str) -> str:
    furn = SITES[site]
    paras = "\n".join(f"<p>{' '.join(sentence(rng) for _ in range(3))}</p>" for _ in range(rng.randint(3, 5)))
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<nav><a href='/'>{furn[0]}</a></nav><article><h1>{title}</h1>{paras}"
            f"<div class='share'>{furn[1]}</div></article>"
            f"<aside><h3>{furn[2]}</h3><ul><li><a href='/a'>Another story</a></li></ul></aside>"
            f"<footer>{furn[3]}</footer></body></html>")


def warc_record(uri: str, body: bytes, ctype: str = "text/html; charset=utf-8") -> bytes:
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n"
            ).encode() + body
    rid = abs(hash(uri)) % 10**12
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{rid:012d}>\r\n"
            f"WARC-Date: 2024-05-01T12:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return gzip.compress(head + http + b"\r\n\r\n", mtime=0)


@dataclass
class Corpus:
    root: str
    good: list = field(default_factory=list)          # rel paths of inputs that must produce output
    bad: dict = field(default_factory=dict)           # rel path -> set of bad line numbers (None: whole file)
    records: dict = field(default_factory=dict)       # JSONL/WARC rel path -> number of good records

    @property
    def files(self) -> int:
        """Supported input files (good and bad; a JSONL with a bad line is both)."""
        return len(set(self.good) | set(self.bad))


def make_corpus(root: str, *, n_text: int = 220, n_jsonl: int = 16, html: bool = False,
                seed: int = 6, reverse: bool = False, corrupt: bool = True) -> Corpus:
    """Write the corpus under ``root``; ``reverse`` writes the files in the opposite order."""
    rng = random.Random(seed)
    files: list[tuple[str, bytes]] = []
    c = Corpus(root)
    sites = sorted(SITES)
    for i in range(n_text):
        site = sites[i % 3]
        rel = f"{site}/{i // 50:02d}/story-{i:04d}.txt"
        files.append((rel, (article(rng, site) + "\n").encode("utf-8")))
        c.good.append(rel)
    for j in range(n_jsonl):
        lines, good = [], 0
        bad_lines = set()
        for k in range(rng.randint(6, 14)):
            site = sites[(j + k) % 3]
            rec = {"id": f"d{j}-{k}", "url": f"https://www.{site}/news/{j}/{k}",
                   "text": article(rng, site)}
            if not corrupt:
                lines.append(json.dumps(rec).encode())
                good += 1
            elif j % 5 == 1 and k == 3:
                lines.append(b'{"id": "broken", "text": "unterminated')   # broken JSON line
                bad_lines.add(k + 1)
            elif j % 5 == 2 and k == 2:
                lines.append(json.dumps(rec).encode()[:-30] + b"\xff\xfe" + b'"}')  # undecodable bytes
                bad_lines.add(k + 1)
            elif j % 7 == 3 and k == 1:
                lines.append(json.dumps({"id": "empty", "text": "   "}).encode())  # nothing to clean
                bad_lines.add(k + 1)
            else:
                lines.append(json.dumps(rec, ensure_ascii=j % 2 == 0).encode("utf-8"))
                good += 1
        data = b"\n".join(lines) + b"\n"
        rel = f"dumps/part-{j:03d}.jsonl" + (".gz" if j % 2 else "")
        if j % 2:
            data = gzip.compress(data, mtime=0)
        files.append((rel, data))
        c.good.append(rel)
        c.records[rel] = good
        if bad_lines:
            c.bad[rel] = bad_lines
    if corrupt:
        _add_corrupt_files(rng, files, c)
    if html:
        for i in range(24):
            site = sites[i % 3]
            rel = f"{site}/html/page-{i:03d}.html"
            files.append((rel, article_html(rng, site).encode("utf-8")))
            c.good.append(rel)
        warc = b"".join(warc_record(f"https://www.{sites[k % 3]}/w/{k}",
                                    article_html(rng, sites[k % 3]).encode("utf-8")) for k in range(9))
        warc += warc_record("https://www.dailyharbour.example/robots.txt", b"User-agent: *", "text/plain")
        files.append(("crawl/crawl-1.warc.gz", warc))
        c.good.append("crawl/crawl-1.warc.gz")
        c.records["crawl/crawl-1.warc.gz"] = 9
        if corrupt:
            files.append(("crawl/junk.warc", b"this is not a WARC file\n" * 10))
            c.bad["crawl/junk.warc"] = {"bad_warc"}
            files.append(("misc/binary.html", bytes(rng.randrange(256) for _ in range(3000))
                          .replace(b"\n", b"\0") + b"\0" * 500))
            c.bad["misc/binary.html"] = {None}
    for rel, data in (reversed(files) if reverse else files):
        p = os.path.join(root, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as fh:
            fh.write(data)
    return c


def _add_corrupt_files(rng, files, c) -> None:
    """Corrupt files: every one must land in the report, none may stop the batch."""
    payload = gzip.compress(b"".join(json.dumps({"id": f"t{k}", "url": f"https://valleytimes.example/t/{k}",
                                                 "text": article(rng, "valleytimes.example")}).encode() + b"\n"
                                     for k in range(40)), mtime=0)
    files.append(("dumps/truncated.jsonl.gz", payload[: len(payload) // 2]))
    c.bad["dumps/truncated.jsonl.gz"] = {"corrupt_gzip"}
    files.append(("misc/binary.txt", bytes(rng.randrange(256) for _ in range(4000)).replace(b"\n", b"\0")
                  + b"\0" * 500))
    c.bad["misc/binary.txt"] = {None}
    files.append(("misc/bad-utf16.txt", b"\xff\xfe" + "Broken UTF-16".encode("utf-16-le") + b"\x00"))
    c.bad["misc/bad-utf16.txt"] = {None}
    files.append(("misc/empty.txt", b""))
    c.bad["misc/empty.txt"] = {None}
    files.append(("misc/notgzip.jsonl.gz", b"this was never gzip\n" * 20))
    c.bad["misc/notgzip.jsonl.gz"] = {"corrupt_gzip"}
    files.append(("misc/README.md", b"not an input type: ignored\n"))


def read_tree(root: str, skip_state: bool = True) -> dict[str, bytes]:
    """Every file under ``root`` (the ``.cleaner`` state directory left out)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if skip_state:
            dirnames[:] = [d for d in dirnames if d != ".cleaner"]
        for f in filenames:
            p = os.path.join(dirpath, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = fh.read()
    return out
