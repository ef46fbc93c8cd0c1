"""Person, place and organisation names the rules miss: a character CRF averaged with a BiLSTM.

Both models give every character a probability for each BIOES label; the
tagger averages them (``CRF_WEIGHT``) and decodes the best valid sequence
(``graph.bioes``). The BiLSTM is ``graph.lstm_tagger``; this module holds the CRF.
Its features per character: the characters around it (unigrams and bigrams) and
their distributional clusters, its position in the jieba word, that word, its
part of speech and the words before and after it, and lexicon hits (surname,
one-character place form, post title before it, a name suffix, a gazetteer
place, a name seen in the training data: ``graph.char_marks``). The model,
the name lexicon and the clusters are made by ``python -m graph.train_tagger``
from the shared labelled sets and shipped in ``graph/data/``.

>>> [(s.start, s.end, s.type) for s in tag("新华社北京电 李鹏总理会见了日本客人。")][:2]
[(0, 3, 'ORG'), (3, 5, 'LOC')]
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from importlib.resources import files

import numpy as np

from . import lstm_tagger
from .crf import CrfModel, marginals_of_ids, read_model
from .bioes import LABELS, best_labels_all
from .char_marks import lexicon_marks, read_table
from .eval_data import bmes_to_bio, spans_from_bio
from .lexicon import one_char_places
from .text import normalize
from .tokens import TOKEN_CACHE, Token, tokenize

MODEL = "tagger.crfsuite"
CLUSTERS = "char_clusters.tsv"
NEWS = "news"
# Share of the CRF in the label probabilities averaged with the BiLSTM's (best on a tune split).
CRF_WEIGHT = 0.5


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
             clusters: dict[str, str] | None = None, domain: str = NEWS,
             marks: list[tuple[str, ...]] | None = None) -> list[list[str]]:
    """Feature strings for every character of normalised ``text``.

    ``names`` (name -> type) and ``clusters`` (character -> cluster) default to
    the shipped tables; training passes its own, with a names lexicon built
    without the sentence's own fold, so the model does not learn to trust it blindly.
    ``domain`` names the labelling convention of the training set (they disagree
    on, say, addresses); key features are also given conjoined with it, and
    tagging uses the news convention of MSRA and People's Daily. ``marks`` are
    the text's ``lexicon_marks`` when already computed.
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
    marks = lexicon_marks(text, names) if marks is None else marks
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
        f += mark_features(marks[i], prev, nxt, domain)
        out.append(f)
    return out


def mark_features(marks: tuple[str, ...], prev: str, nxt: str, domain: str) -> list[str]:
    """CRF features of a character's lexicon marks (see ``graph.char_marks``).

    >>> mark_features(("place=B", "short_place"), "赴", "国", "news")
    ['place=B', 'news|place=B', 'short_place', 'short_place|c-1=赴', 'short_place|c+1=国']
    """
    f = []
    for m in marks:
        if m == "short_place":
            f += short_place_features(prev, nxt)
        elif m.startswith("place="):
            f += [m, f"{domain}|{m}"]
        else:
            f.append(m)
    return f


def short_place_features(prev: str, nxt: str) -> list[str]:
    """Features of a one-character place form (美, 藏) with its neighbours; next to another one is a pair (中美).

    >>> short_place_features("赴", "国")
    ['short_place', 'short_place|c-1=赴', 'short_place|c+1=国']
    """
    f = ["short_place", f"short_place|c-1={prev}", f"short_place|c+1={nxt}"]
    if prev in one_char_places() or nxt in one_char_places():
        f.append("short_place|pair")
    return f


def cluster_ids(text: str, clusters: dict[str, str]) -> list[list[str]]:
    """Per character, the clusters of it and its neighbours ("x": a character without one).

    >>> cluster_ids("北京", {"北": "7"})[0]
    ['k=7', 'k-1=^', 'k+1=x', 'k-1k=^|7', 'kk+1=7|x']
    """
    ids = ["^", *(clusters.get(c, "x") for c in text), "$"]
    return [[f"k={here}", f"k-1={before}", f"k+1={after}", f"k-1k={before}|{here}", f"kk+1={here}|{after}"]
            for before, here, after in zip(ids, ids[1:], ids[2:])]


@lru_cache(maxsize=1)
def char_clusters() -> dict[str, str]:
    """Character -> distributional cluster id (``graph/data/char_clusters.tsv``)."""
    return read_table(CLUSTERS)


class FeatureIds:
    """``features`` as the CRF's attribute ids, in the same order, without building a string per feature.

    An attribute ``name=value`` is looked up as ``value`` in the table of its
    template ``name``; the characters, pairs and words each template reads are
    sliced once per text. ``tests/test_tagger.py`` checks that the ids equal the
    feature strings looked up one by one.
    """

    def __init__(self, attributes: dict[str, int]) -> None:
        self.attributes = attributes
        self.templates: dict[str, dict[str, int]] = {}
        for attr, k in attributes.items():
            name, _, value = attr.partition("=")
            self.templates.setdefault(name, {})[value] = k

    def of(self, text: str, tokens: list[Token], marks: list[tuple[str, ...]],
           domain: str = NEWS) -> tuple[np.ndarray, list[list[int]]]:
        """Per character, the ids of its fixed templates (-1: unknown) and the ids of its mark features."""
        n = len(text)
        padded = f"^^{text}$$"
        pairs = [padded[j:j + 2] for j in range(n + 3)]
        kinds = [_char_class(c) for c in padded]
        word_pos, pos_tag, word, word_before, word_after = _word_columns(tokens, n)
        shape = [w + p for w, p in zip(word_pos, pos_tag)]
        clusters = char_clusters()
        cluster = ["^", *(clusters.get(c, "x") for c in text), "$"]
        columns = [
            ("b", [""] * n), ("c", padded[2:n + 2]), ("c-1", padded[1:n + 1]), ("c+1", padded[3:n + 3]),
            ("c-2", padded[:n]), ("c+2", padded[4:n + 4]),
            ("c-1c", pairs[1:n + 1]), ("cc+1", pairs[2:n + 2]), ("c-1c+1", [padded[i + 1] + padded[i + 3] for i in range(n)]),
            ("t", kinds[2:n + 2]), ("t-1t+1", [kinds[i + 1] + kinds[i + 3] for i in range(n)]),
            ("w", word_pos), ("p", pos_tag), ("wp", shape), ("p-1", ["^", *pos_tag[:-1]]), ("p+1", [*pos_tag[1:], "$"]),
            ("wd", word), ("wd-1", word_before), ("wd+1", word_after),
            ("c-1cc+1", [padded[i + 1:i + 4] for i in range(n)]), ("c-2c-1", pairs[:n]), ("c+1c+2", pairs[3:n + 3]),
            (f"{domain}|c", padded[2:n + 2]), (f"{domain}|wd", word), (f"{domain}|wp", shape),
            ("k", cluster[1:n + 1]), ("k-1", cluster[:n]), ("k+1", cluster[2:n + 2]),
            ("k-1k", [f"{a}|{b}" for a, b in zip(cluster, cluster[1:n + 1])]),
            ("kk+1", [f"{a}|{b}" for a, b in zip(cluster[1:n + 1], cluster[2:])]),
        ]
        ids = np.array([list(map(self.templates.get(name, {}).get, values, repeat(-1))) for name, values in columns],
                       dtype=np.int64).T
        get = self.attributes.get
        extra = [[k for f in mark_features(m, padded[i + 1], padded[i + 3], domain) if (k := get(f)) is not None]
                 if m else [] for i, m in enumerate(marks)]
        return ids, extra


def _word_columns(tokens: list[Token], n: int) -> tuple[list[str], ...]:
    """Per character: its place in its word (B/M/E/S), the word's tag, the word, the words before and after it."""
    word_pos, pos_tag, word, word_before, word_after = [""] * n, [""] * n, [""] * n, ["^"] * n, ["$"] * n
    for k, t in enumerate(tokens):
        before = tokens[k - 1].text if k else "^"
        after = tokens[k + 1].text if k + 1 < len(tokens) else "$"
        for i in range(t.start, t.end):
            word_pos[i] = "S" if len(t.text) == 1 else "B" if i == t.start else "E" if i == t.end - 1 else "M"
            pos_tag[i], word[i], word_before[i], word_after[i] = t.pos, t.text, before, after
    return word_pos, pos_tag, word, word_before, word_after


@lru_cache(maxsize=None)
def _char_class(c: str) -> str:
    return char_class(c)


@lru_cache(maxsize=1)
def feature_ids() -> FeatureIds:
    """``FeatureIds`` of the shipped CRF."""
    return FeatureIds(crf_model().attributes)


@lru_cache(maxsize=1)
def crf_model() -> CrfModel:
    """The shipped CRF (``graph/data/tagger.crfsuite``), read once per process."""
    return read_model(files("graph") / "data" / MODEL)


def is_available() -> bool:
    """True when the trained model is shipped."""
    return (files("graph") / "data" / MODEL).is_file()


def tag(text: str) -> list[TaggedSpan]:
    """PER/LOC/ORG spans of ``text``; confidence is the mean probability of their labels.

    The label probabilities are the CRF's marginals averaged with the BiLSTM's
    (``graph.lstm_tagger``), decoded to the best valid BIOES sequence. A text
    that ``tag_all`` tagged recently comes from the cache (a document's
    sentences are read twice).
    """
    norm = normalize(text)
    if norm not in _CACHE:
        tag_all([norm])
    return list(_CACHE.get(norm, ()))


def tag_all(texts: list[str]) -> list[list[TaggedSpan]]:
    """``tag`` for many texts at once (the BiLSTM reads them in batches); the results are cached for ``tag``.

    They are computed afresh, never taken from the cache: the BiLSTM's
    probabilities for a text may differ in the last bits with the texts it is
    batched with, so a document's spans must depend on that document alone (and
    a build's on its inputs, however they are spread over workers).
    """
    norms = [normalize(t) for t in texts]
    found = _tag_norms(norms, CRF_WEIGHT)
    for norm, spans in zip(norms, found):
        if norm:
            _CACHE[norm] = spans
            _CACHE.move_to_end(norm)
            if len(_CACHE) > TOKEN_CACHE:
                _CACHE.popitem(last=False)
    return [list(spans) for spans in found]


_CACHE: OrderedDict[str, tuple[TaggedSpan, ...]] = OrderedDict()


def tag_weighted(texts: list[str], crf_weight: float = CRF_WEIGHT) -> list[tuple[TaggedSpan, ...]]:
    """``tag_all`` without the cache, with the CRF's share of the probabilities given (1: the CRF alone, 0: the BiLSTM).

    >>> [[(s.start, s.end, s.type) for s in spans] for spans in tag_weighted(["李鹏在北京"], 1.0)]
    [[(0, 2, 'PER'), (3, 5, 'LOC')]]
    """
    return _tag_norms([normalize(t) for t in texts], crf_weight)


def _tag_norms(norms: list[str], crf_weight: float) -> list[tuple[TaggedSpan, ...]]:
    texts = [n for n in norms if n]
    tokens = [tokenize(n) for n in texts]
    marks = [lexicon_marks(n) for n in texts]
    probs = [crf_probs(n, t, m) for n, t, m in zip(texts, tokens, marks)]
    if lstm_tagger.is_available() and crf_weight < 1:
        lstm = lstm_tagger.label_probs(list(zip(texts, tokens, marks)))
        probs = [crf_weight * crf + (1 - crf_weight) * net for crf, net in zip(probs, lstm)]
    found = iter([_spans(p, labels) for p, labels in zip(probs, best_labels_all(probs))])
    return [next(found) if n else () for n in norms]


def _spans(probs: np.ndarray, labels: list[str]) -> tuple[TaggedSpan, ...]:
    chosen = probs[np.arange(len(labels)), [LABELS.index(label) for label in labels]]
    return tuple(TaggedSpan(s.start, s.end, s.type, round(float(chosen[s.start:s.end].mean()), 3))
                 for s in spans_from_bio(bmes_to_bio(labels)))


def crf_probs(text: str, tokens: list[Token], marks: list[tuple[str, ...]]) -> np.ndarray:
    """The CRF's marginal probability of every label (``LABELS`` order) at every character of ``text``.

    ``tokens`` and ``marks`` are its jieba tokens and lexicon marks; the features are read as ids (``FeatureIds``).
    """
    ids, extra = feature_ids().of(text, tokens, marks)
    probs = np.zeros((len(text), len(LABELS)))
    probs[:, _label_columns()] = marginals_of_ids(crf_model(), ids, extra)
    return probs


@lru_cache(maxsize=1)
def _label_columns() -> list[int]:
    """The column in ``LABELS`` of each label of the CRF."""
    return [LABELS.index(label) for label in crf_model().labels]
