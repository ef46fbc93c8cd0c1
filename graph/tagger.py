"""A character CRF for person, place and organisation names the rules miss.

Features per character: the characters around it (unigrams and bigrams), its
position in the jieba word and that word's part of speech, and lexicon hits
(surname, post title before it, a name suffix or a gazetteer place ending or
starting here). The model is trained by ``python -m graph.train_tagger`` on the
shared labelled sets and shipped as ``graph/data/tagger.crfsuite``.

>>> [(s.start, s.end, s.type) for s in tag("新华社北京电 李鹏总理会见了日本客人。")][:2]
[(0, 3, 'ORG'), (3, 5, 'LOC')]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import pycrfsuite

from .lexicon import gazetteer, post_pattern, suffix_pattern, suffix_type, surnames
from .text import normalize
from .tokens import Token, tokenize

MODEL = "tagger.crfsuite"
NEWS = "news"


@dataclass(frozen=True)
class TaggedSpan:
    start: int
    end: int
    type: str
    confidence: float


def char_class(c: str) -> str:
    if c.isdigit():
        return "D"
    if c.isascii() and c.isalpha():
        return "L"
    if "\u4e00" <= c <= "\u9fff":
        return "C"
    return "P"


def features(text: str, tokens: list[Token] | None = None, domain: str = NEWS) -> list[list[str]]:
    """Feature strings for every character of normalised ``text``.

    ``domain`` names the labelling convention (the data sets disagree on, say,
    whether 中国 is a place); key features are also given conjoined with it, and
    tagging uses the news convention of MSRA and People's Daily.
    """
    tokens = tokenize(text) if tokens is None else tokens
    n = len(text)
    word_pos = [""] * n
    pos_tag = [""] * n
    word = [""] * n
    for t in tokens:
        for i in range(t.start, t.end):
            k = i - t.start
            word_pos[i] = "S" if len(t.text) == 1 else "B" if k == 0 else "E" if i == t.end - 1 else "M"
            pos_tag[i] = t.pos
            word[i] = t.text
    ends, starts, places = _lexicon_marks(text)
    out = []
    for i in range(n):
        c = text[i]
        prev = text[i - 1] if i else "^"
        prev2 = text[i - 2] if i > 1 else "^"
        nxt = text[i + 1] if i + 1 < n else "$"
        nxt2 = text[i + 2] if i + 2 < n else "$"
        f = [
            "b", f"c={c}", f"c-1={prev}", f"c+1={nxt}", f"c-2={prev2}", f"c+2={nxt2}",
            f"c-1c={prev}{c}", f"cc+1={c}{nxt}", f"c-1c+1={prev}{nxt}",
            f"t={char_class(c)}", f"t-1t+1={char_class(prev)}{char_class(nxt)}",
            f"w={word_pos[i]}", f"p={pos_tag[i]}", f"wp={word_pos[i]}{pos_tag[i]}",
            f"p-1={pos_tag[i - 1] if i else '^'}", f"p+1={pos_tag[i + 1] if i + 1 < n else '$'}",
        ]
        f += [f"wd={word[i]}", f"{domain}|c={c}", f"{domain}|wd={word[i]}", f"{domain}|wp={word_pos[i]}{pos_tag[i]}",
              f"c-1cc+1={prev}{c}{nxt}", f"c-2c-1={prev2}{prev}", f"c+1c+2={nxt}{nxt2}"]
        if c in surnames():
            f.append("surname")
        if i in ends:
            f.append(f"suffix_end={ends[i]}")
        if i in starts:
            f.append("after_post")
        if i in places:
            f += [f"place={places[i]}", f"{domain}|place={places[i]}"]
        out.append(f)
    return out


def _lexicon_marks(text: str) -> tuple[dict[int, str], set[int], dict[int, str]]:
    ends = {m.end() - 1: suffix_type()[m.group()] for m in suffix_pattern().finditer(text)}
    after_post = {m.end() for m in post_pattern().finditer(text)}
    places: dict[int, str] = {}
    gaz = gazetteer()
    i = 0
    while i < len(text):
        for length in range(min(8, len(text) - i), 1, -1):
            if text[i:i + length] in gaz.full:
                places[i] = "B"
                for k in range(i + 1, i + length):
                    places[k] = "I"
                i += length - 1
                break
        i += 1
    return ends, after_post, places


@lru_cache(maxsize=1)
def _tagger() -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(files("graph") / "data" / MODEL))
    return tagger


def is_available() -> bool:
    """True when the trained model is shipped."""
    return (files("graph") / "data" / MODEL).is_file()


def tag(text: str, tokens: list[Token] | None = None) -> list[TaggedSpan]:
    """PER/LOC/ORG spans of ``text`` with the mean marginal probability of their labels."""
    norm = normalize(text)
    if not norm:
        return []
    tagger = _tagger()
    labels = tagger.tag(features(norm, tokens))
    spans = []
    start = None
    for i, label in enumerate(labels + ["O"]):
        if start is not None and not (label.startswith("I-") and label[2:] == labels[start][2:]):
            typ = labels[start][2:]
            conf = sum(tagger.marginal(labels[k], k) for k in range(start, i)) / (i - start)
            spans.append(TaggedSpan(start, i, typ, round(conf, 3)))
            start = None
        if label.startswith("B-") or (label.startswith("I-") and start is None):
            start = i
    return spans
