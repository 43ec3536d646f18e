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
_CJK_FUNCTION_CHARS = frozenset("的了是在不和有这我他她们也就都而及与着或被之其为以于所の はがをにでとものたてしなかいるれ")
CJK_LANGS = frozenset({"zh", "ja"})
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


class Stats:
    """Features of one block, computed once (``__slots__`` keeps it cheap)."""

    __slots__ = ("words", "n_words", "stop_density", "ends_sentence", "n_chars",
                 "title_case_share", "has_digit_only", "cjk")

    def __init__(self, text: str, stops: frozenset, cjk_doc: bool):
        self.n_chars = len(text)
        self.cjk = cjk_doc and is_cjk(text)
        if self.cjk:
            chars = [c for c in text if not c.isspace()]
            n = len(chars)
            # ~2 characters make a word in running Chinese/Japanese text
            self.n_words = max(1, n // 2)
            self.words = ()
            self.stop_density = sum(1 for c in chars if c in stops) / max(1, n) * 2.5
            self.title_case_share = 0.0
        else:
            words = _WORD_RE.findall(text)
            self.words = words
            self.n_words = len(words)
            if words:
                low = [w.lower() for w in words]
                self.stop_density = sum(1 for w in low if w in stops) / len(words)
                self.title_case_share = sum(1 for w in words if w[0].isupper()) / len(words)
            else:
                self.stop_density = 0.0
                self.title_case_share = 0.0
        self.ends_sentence = text[-1:] in _TERMINAL
        self.has_digit_only = not any(c.isalpha() for c in text)


def content_words(text: str, stops: frozenset) -> set[str]:
    """Lower-cased words of 4+ letters that are not stopwords (topic vocabulary)."""
    return {w for w in (m.lower() for m in _WORD_RE.findall(text)) if len(w) >= 4 and w not in stops}
