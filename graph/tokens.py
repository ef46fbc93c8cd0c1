"""jieba part-of-speech tokens with offsets, and walking left over them.

>>> [t.text for t in tokenize("天津大学发布")]
['天津大学', '发布']
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import rjieba

from .lexicon import posts
from .text import is_cjk
from .words import BOUNDARY_WORDS, PUNCT, CLASSIFIERS, is_quantity

if TYPE_CHECKING:
    from .posseg import POSTokenizer

# Texts whose tokens are kept: every sentence of a long document between its two readings.
TOKEN_CACHE = 8192
# jieba tags of proper names: person, place, organisation, other name, short form.
PROPER_POS = ("ns", "nr", "nt", "nz", "nrt", "j")


@dataclass(frozen=True)
class Token:
    text: str
    pos: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _tagger() -> POSTokenizer:
    from .posseg import POSTokenizer  # numba and jieba's tables: loaded when first needed, in the process that tags

    return POSTokenizer()


def in_dictionary(word: str) -> bool:
    """True for a word of jieba's dictionary (not one its HMM made up for unknown text).

    >>> in_dictionary("非常"), in_dictionary("平致")
    (True, False)
    """
    return rjieba.has_word(word)


def tokenize(text: str) -> list[Token]:
    """Segment and tag ``text`` (normalised, Simplified) with character offsets.

    Results are cached: a document's sentences are read twice (see graph.extract).
    """
    return list(_tokens(text))


@lru_cache(maxsize=TOKEN_CACHE)
def _tokens(text: str) -> tuple[Token, ...]:
    out, pos = [], 0
    for pair in _tagger().cut(text):
        out.append(Token(pair.word, pair.flag, pos, pos + len(pair.word)))
        pos += len(pair.word)
    return tuple(out)


def pieces_left(tokens: list[Token], pos: int) -> list[Token]:
    """Tokens ending at or before ``pos``, nearest first; a token crossing ``pos`` is cut.

    >>> [t.text for t in pieces_left(tokenize("天津大学发布"), 2)]
    ['天津']
    """
    out = []
    for t in reversed(tokens):
        if t.start >= pos:
            continue
        if t.end > pos:
            t = Token(t.text[: pos - t.start], t.pos, t.start, pos)
        out.append(t)
    return out


def stops(word: str, pos: str) -> bool:
    """A word a name never reaches across: function words, clause verbs, quantities, posts, punctuation, idioms.

    >>> stops("与", "c"), stops("一批", "m"), stops("家", "m"), stops("海河", "ns")
    (True, True, True, False)
    """
    if word in BOUNDARY_WORDS or is_quantity(word) or word in posts():
        return True
    if all(c in PUNCT or _is_symbol(c) for c in word) or (pos in ("m", "q") and word in CLASSIFIERS):
        return True
    return pos == "i" or (pos in ("p", "c", "u", "uj", "ul", "uv", "ud", "uz", "ug", "r", "d") and len(word) <= 2)


def _is_symbol(char: str) -> bool:
    """A sign or space no name begins with or runs across (%, #, ■, ＞, no-break space); not ``*`` (*ST,
    a listed company under warning) nor U+FFFD (a character lost in decoding, maybe one of the name's).

    >>> _is_symbol("%"), _is_symbol("■"), _is_symbol("\xa0"), _is_symbol("*"), _is_symbol("\ufffd"), _is_symbol("集")
    (True, True, True, False, False, False)
    """
    return char not in "*\ufffd" and unicodedata.category(char)[0] in "PSZ"


def name_before(tokens: list[Token], pos: int, limit: int = 8) -> tuple[int, list[str]]:
    """Start and words of the run of Chinese name words ending at ``pos`` (at most ``limit`` characters)."""
    start, words = pos, []
    for p in pieces_left(tokens, pos):
        if stops(p.text, p.pos) or not all(is_cjk(c) for c in p.text) or pos - p.start > limit:
            break
        start, words = p.start, [p.text] + words
    return start, words


def words_of(text: str) -> list[str]:
    """The jieba words of ``text``."""
    return [t.text for t in tokenize(text)]
