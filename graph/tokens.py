"""jieba part-of-speech tokens with offsets, and walking left over them.

>>> [t.text for t in tokenize("天津大学发布")]
['天津大学', '发布']
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)


@dataclass(frozen=True)
class Token:
    text: str
    pos: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _tagger() -> jieba.posseg.POSTokenizer:
    jieba.initialize()
    return jieba.posseg.POSTokenizer(jieba.dt)


def tokenize(text: str) -> list[Token]:
    """Segment and tag ``text`` (normalised, Simplified) with character offsets."""
    out, pos = [], 0
    for pair in _tagger().cut(text):
        out.append(Token(pair.word, pair.flag, pos, pos + len(pair.word)))
        pos += len(pair.word)
    return out


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


def boundaries(tokens: list[Token]) -> set[int]:
    """Character positions where a token starts or ends."""
    return {t.start for t in tokens} | {t.end for t in tokens}
