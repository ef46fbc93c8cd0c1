"""A character CRF for person, place and organisation names the rules miss.

Features per character: the characters around it (unigrams and bigrams) and
their distributional clusters, its position in the jieba word, that word, its
part of speech and the words before and after it, and lexicon hits (surname,
one-character place form, post title before it, a name suffix, a gazetteer
place, a name seen in the training data). The model, the name lexicon and the
clusters are made by ``python -m graph.train_tagger`` from the shared labelled
sets and shipped in ``graph/data/``.

>>> [(s.start, s.end, s.type) for s in tag("新华社北京电 李鹏总理会见了日本客人。")][:2]
[(0, 3, 'ORG'), (3, 5, 'LOC')]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import pycrfsuite

from .eval_data import bmes_to_bio, spans_from_bio
from .lexicon import gazetteer, one_char_places, post_pattern, suffix_pattern, suffix_type, surnames
from .text import normalize
from .tokens import TOKEN_CACHE, Token, tokenize

MODEL = "tagger.crfsuite"
NAMES = "tagger_names.tsv"
CLUSTERS = "char_clusters.tsv"
LONGEST_NAME = 12
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


def features(text: str, tokens: list[Token] | None = None, names: dict[str, str] | None = None,
             clusters: dict[str, str] | None = None, domain: str = NEWS) -> list[list[str]]:
    """Feature strings for every character of normalised ``text``.

    ``names`` (name -> type) and ``clusters`` (character -> cluster) default to
    the shipped tables; training passes its own, with a names lexicon built
    without the sentence's own fold, so the model does not learn to trust it blindly.
    ``domain`` names the labelling convention of the training set (they disagree
    on, say, addresses); key features are also given conjoined with it, and
    tagging uses the news convention of MSRA and People's Daily.
    """
    tokens = tokenize(text) if tokens is None else tokens
    n = len(text)
    word_pos = [""] * n
    pos_tag = [""] * n
    word = [""] * n
    word_before = ["^"] * n
    word_after = ["$"] * n
    for k, t in enumerate(tokens):
        for i in range(t.start, t.end):
            word_pos[i] = "S" if len(t.text) == 1 else "B" if i == t.start else "E" if i == t.end - 1 else "M"
            pos_tag[i] = t.pos
            word[i] = t.text
            if k:
                word_before[i] = tokens[k - 1].text
            if k + 1 < len(tokens):
                word_after[i] = tokens[k + 1].text
    ends, starts, places = _lexicon_marks(text)
    known = name_marks(text, tagger_names() if names is None else names)
    cluster = cluster_ids(text, char_clusters() if clusters is None else clusters)
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
        f += [f"wd={word[i]}", f"wd-1={word_before[i]}", f"wd+1={word_after[i]}",
              f"c-1cc+1={prev}{c}{nxt}", f"c-2c-1={prev2}{prev}", f"c+1c+2={nxt}{nxt2}",
              f"{domain}|c={c}", f"{domain}|wd={word[i]}", f"{domain}|wp={word_pos[i]}{pos_tag[i]}"]
        f += cluster[i]
        f += known[i]
        if c in surnames():
            f.append("surname")
        if c in one_char_places():
            f += short_place_features(prev, nxt)
        if i in ends:
            f.append(f"suffix_end={ends[i]}")
        if i in starts:
            f.append("after_post")
        if i in places:
            f += [f"place={places[i]}", f"{domain}|place={places[i]}"]
        out.append(f)
    return out


def short_place_features(prev: str, nxt: str) -> list[str]:
    """Features of a one-character place form (美, 藏) with its neighbours; next to another one is a pair (中美).

    >>> short_place_features("赴", "国")
    ['short_place', 'short_place|c-1=赴', 'short_place|c+1=国']
    """
    f = ["short_place", f"short_place|c-1={prev}", f"short_place|c+1={nxt}"]
    if prev in one_char_places() or nxt in one_char_places():
        f.append("short_place|pair")
    return f


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


def cluster_ids(text: str, clusters: dict[str, str]) -> list[list[str]]:
    """Per character, the clusters of it and its neighbours ("x": a character without one).

    >>> cluster_ids("北京", {"北": "7"})[0]
    ['k=7', 'k-1=^', 'k+1=x', 'k-1k=^|7', 'kk+1=7|x']
    """
    ids = ["^", *(clusters.get(c, "x") for c in text), "$"]
    return [[f"k={here}", f"k-1={before}", f"k+1={after}", f"k-1k={before}|{here}", f"kk+1={here}|{after}"]
            for before, here, after in zip(ids, ids[1:], ids[2:])]


def name_marks(text: str, names: dict[str, str]) -> list[list[str]]:
    """Per character, where it sits in lexicon names found in ``text`` (B/M/E and the name's type).

    >>> name_marks("在北京市", {"北京": "LOC"})
    [[], ['nameLOC=B'], ['nameLOC=E'], []]
    """
    marks: list[set[str]] = [set() for _ in text]
    for i in range(len(text)):
        for length in range(2, min(LONGEST_NAME, len(text) - i) + 1):
            typ = names.get(text[i:i + length])
            if typ:
                marks[i].add(f"name{typ}=B")
                marks[i + length - 1].add(f"name{typ}=E")
                for k in range(i + 1, i + length - 1):
                    marks[k].add(f"name{typ}=M")
    return [sorted(m) for m in marks]


def _table(name: str) -> dict[str, str]:
    text = (files("graph") / "data" / name).read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line)


@lru_cache(maxsize=1)
def tagger_names() -> dict[str, str]:
    """Names of the training data with their most frequent type (``graph/data/tagger_names.tsv``)."""
    return _table(NAMES)


@lru_cache(maxsize=1)
def char_clusters() -> dict[str, str]:
    """Character -> distributional cluster id (``graph/data/char_clusters.tsv``)."""
    return _table(CLUSTERS)


@lru_cache(maxsize=1)
def _tagger() -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(files("graph") / "data" / MODEL))
    return tagger


def is_available() -> bool:
    """True when the trained model is shipped."""
    return (files("graph") / "data" / MODEL).is_file()


def tag(text: str) -> list[TaggedSpan]:
    """PER/LOC/ORG spans of ``text`` with the mean marginal probability of their labels.

    Results are cached, like tokens (a document's sentences are read twice).
    """
    return list(_tag(normalize(text)))


@lru_cache(maxsize=TOKEN_CACHE)
def _tag(norm: str) -> tuple[TaggedSpan, ...]:
    if not norm:
        return ()
    tagger = _tagger()
    labels = tagger.tag(features(norm))
    spans = []
    for span in spans_from_bio(bmes_to_bio(labels)):
        conf = sum(tagger.marginal(labels[k], k) for k in range(span.start, span.end)) / (span.end - span.start)
        spans.append(TaggedSpan(span.start, span.end, span.type, round(conf, 3)))
    return tuple(spans)
