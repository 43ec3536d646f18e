"""Per-block text features: words, stopword density, sentence shape, menu-likeness.

Stoplists come from jusText (a dependency of trafilatura), chosen by the
document's language; Chinese and Japanese, written without spaces, are
measured in characters and use a small list of function characters.
"""
from __future__ import annotations

import functools
import re

_JUSTEXT_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "ru": "Russian", "cs": "Czech",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal",
    "fi": "Finnish", "hu": "Hungarian", "ro": "Romanian", "tr": "Turkish", "uk": "Ukrainian",
    "el": "Greek", "bg": "Bulgarian", "hr": "Croatian", "sr": "Serbian", "sk": "Slovak",
    "sl": "Slovenian", "ca": "Catalan", "id": "Indonesian", "ms": "Malay", "vi": "Vietnamese",
    "ar": "Arabic", "fa": "Persian", "he": "Hebrew", "hi": "Hindi", "ko": "Korean",
    "lt": "Lithuanian", "lv": "Latvian", "et": "Estonian", "gl": "Galician", "eu": "Basque",
}
# Function characters for languages written without spaces (particles,
# copulas, pronouns); density of these plays the role of stopword density.
# Simplified and traditional forms (这/這, 们/們, 与/與, 着/著, 为/為, 于/於,
# and the measure word 个/個, new in both), and Cantonese's own (嘅 係 咗 喺 佢 哋 唔).
_CJK_FUNCTION_CHARS = frozenset("的了是在不和有这這我他她们們也就都而及与與着著或被之其为為以于於所个個"
                                "嘅係咗喺佢哋唔"
                                "の はがをにでとものたてしなかいるれ")
#: Languages written without spaces: Chinese (py3langid also names Cantonese
#: and Wu, whose pages share the script) and Japanese.
CJK_LANGS = frozenset({"zh", "yue", "wuu", "ja"})
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*", re.U)
_TERMINAL = frozenset('.!?"”’»)…:;。！？」』')
_VERBISH = None


@functools.lru_cache(maxsize=64)
def stoplist(language: str | None) -> frozenset:
    """Stopwords for an ISO 639-1 code; English when unknown or unsupported."""
    if language in CJK_LANGS:
        return _CJK_FUNCTION_CHARS
    import justext  # imported lazily: it pulls in lxml
    name = _JUSTEXT_NAMES.get(language or "en", "English")
    try:
        return frozenset(w.lower() for w in justext.get_stoplist(name))
    except ValueError:
        return frozenset(w.lower() for w in justext.get_stoplist("English"))


def is_cjk(text: str) -> bool:
    return len(_CJK_RE.findall(text[:200])) > 0.3 * min(len(text), 200)


#: ASCII text takes a fast path to the same words as _WORD_RE: bytes.translate
#: turns every byte that is not a word character or apostrophe into a space
#: (and lower-cases), then split(). An apostrophe joins two words only between
#: word characters, so the fast path is exact unless one sits at a token edge
#: or next to another (checked; such lines take the regex).
_ASCII_WORD_BYTES = bytes(
    (c if (chr(c).isalnum() or chr(c) in "_'") and c < 128 else 32) for c in range(256)).lower()


def lower_words(text: str) -> list[str]:
    """The lower-cased words of ``text``: ``[w.lower() for w in _WORD_RE.findall(text)]``."""
    if text.isascii():
        s = text.encode("ascii").translate(_ASCII_WORD_BYTES).decode("ascii")
        if "'" not in s or not (s[0] == "'" or s[-1] == "'" or " '" in s or "' " in s or "''" in s):
            return s.split()
    return [w.lower() for w in _WORD_RE.findall(text)]


class Stats:
    """Features of one block, computed once (``__slots__`` keeps it cheap).

    ``n_words``, ``stop_density`` and ``ends_sentence`` are computed for
    every block (labels need them); ``words``, ``title_case_share`` and
    ``has_digit_only`` only when first asked for (short lines, head lines).
    """

    __slots__ = ("text", "n_words", "stop_density", "ends_sentence", "n_chars", "cjk",
                 "_words", "_title_case_share", "_has_digit_only")

    def __init__(self, text: str, stops: frozenset, cjk_doc: bool):
        self.text = text
        self.n_chars = len(text)
        self.cjk = cjk = cjk_doc and is_cjk(text)
        self._words = self._title_case_share = self._has_digit_only = None
        if cjk:
            chars = [c for c in text if not c.isspace()]
            n = len(chars)
            # ~2 characters make a word in running Chinese/Japanese text
            self.n_words = max(1, n // 2)
            self._words = ()
            self.stop_density = sum(1 for c in chars if c in stops) / max(1, n) * 2.5
            self._title_case_share = 0.0
        else:
            low = lower_words(text)
            n = self.n_words = len(low)
            self.stop_density = sum(map(stops.__contains__, low)) / n if n else 0.0
        self.ends_sentence = text[-1:] in _TERMINAL

    @property
    def words(self) -> list[str] | tuple:
        """The words as written (empty for CJK blocks, measured in characters)."""
        if self._words is None:
            self._words = _WORD_RE.findall(self.text)
        return self._words

    @property
    def title_case_share(self) -> float:
        if self._title_case_share is None:
            words = self.words
            self._title_case_share = (sum(1 for w in words if w[0].isupper()) / len(words)
                                      if words else 0.0)
        return self._title_case_share

    @property
    def has_digit_only(self) -> bool:
        """No letter at all (numbers, dates, punctuation)."""
        if self._has_digit_only is None:
            self._has_digit_only = not any(c.isalpha() for c in self.text)
        return self._has_digit_only


def content_words(text: str, stops: frozenset) -> set[str]:
    """Lower-cased words of 4+ letters that are not stopwords (topic vocabulary)."""
    return {w for w in lower_words(text) if len(w) >= 4} - stops
