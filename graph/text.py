"""Length-preserving text normalisation for matching.

Analysis runs on a normalised copy of each sentence (Simplified script,
half-width ASCII and brackets) that has exactly the same length as the
original, so offsets found in the copy index the original too.

>>> normalize("興縣（ＡＢ）")
'兴县(AB)'
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_WIDTH = {0x3000: " "}
_WIDTH.update({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
_t2s = opencc.OpenCC("t2s")
_SURROGATE = re.compile("[\ud800-\udfff]")


def half_width(text: str) -> str:
    """Map full-width ASCII and the ideographic space to half-width (1:1).

    >>> half_width("ＧＭＰ（药品）")
    'GMP(药品)'
    """
    return text.translate(_WIDTH)


@lru_cache(maxsize=65536)
def _t2s_char(ch: str) -> str:
    if "\ud800" <= ch <= "\udfff":
        return ch
    out = _t2s.convert(ch)
    return out if len(out) == 1 else ch


def to_simplified(text: str) -> str:
    """Convert Traditional to Simplified, keeping the length unchanged.

    OpenCC's phrase tables are used when they keep the length; otherwise the
    text is converted character by character.

    >>> to_simplified("上海醫藥集團")
    '上海医药集团'
    """
    if not _SURROGATE.search(text):
        out = _t2s.convert(text)
        if len(out) == len(text):
            return out
    return "".join(_t2s_char(c) for c in text)


@lru_cache(maxsize=16384)
def normalize(text: str) -> str:
    """Simplified script and half-width forms, same length as ``text`` (lone surrogates become U+FFFD).

    Cached: a sentence and its names are normalised by several stages.
    """
    return without_surrogates(half_width(to_simplified(text)))


def without_surrogates(text: str) -> str:
    """Lone surrogates (not encodable as UTF-8) replaced by U+FFFD, one for one."""
    return _SURROGATE.sub("\ufffd", text)


def is_traditional(text: str) -> bool:
    """True when converting to Simplified changes the text.

    >>> is_traditional("興縣"), is_traditional("兴县")
    (True, False)
    """
    return to_simplified(text) != text


def occurrences(text: str, term: str) -> list[int]:
    """Where ``term`` starts in ``text``, occurrences not overlapping.

    >>> occurrences("华为与华为云", "华为"), occurrences("abc", "")
    ([0, 3], [])
    """
    out, at = [], text.find(term) if term else -1
    while at >= 0:
        out.append(at)
        at = text.find(term, at + len(term))
    return out


def is_cjk(ch: str) -> bool:
    """True for a CJK unified ideograph."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def strip_controls(text: str) -> str:
    """Drop control characters other than newline and tab."""
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")
