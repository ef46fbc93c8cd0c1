"""Person, place and organisation names the rules miss: a character CRF averaged with a BiLSTM.

Both models give every character a probability for each BIOES label; the
tagger averages them (``CRF_WEIGHT``) and decodes the best valid sequence
(``graph.bioes``). The BiLSTM is ``graph.lstm_tagger``; the CRF's features are
``graph.crf_features`` and its inference ``graph.crf``. The CRF model, the name
lexicon and the clusters are made by ``python -m graph.train_tagger`` from the
shared labelled sets and shipped in ``graph/data/``.

>>> [(s.start, s.end, s.type) for s in tag("新华社北京电 李鹏总理会见了日本客人。")][:2]
[(0, 3, 'ORG'), (3, 5, 'LOC')]
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np

from . import lstm_tagger
from .crf import CrfModel, marginals_of_ids, read_model
from .bioes import LABELS, best_labels_all
from .char_marks import lexicon_marks
from .crf_features import FeatureIds, char_clusters
from .eval_data import bmes_to_bio, spans_from_bio
from .text import normalize
from .tokens import TOKEN_CACHE, Token, tokenize

MODEL = "tagger.crfsuite"
# Share of the CRF in the label probabilities averaged with the BiLSTM's (best on a tune split).
CRF_WEIGHT = 0.5


@dataclass(frozen=True)
class TaggedSpan:
    start: int
    end: int
    type: str
    confidence: float


@lru_cache(maxsize=1)
def feature_ids() -> FeatureIds:
    """``FeatureIds`` of the shipped CRF."""
    return FeatureIds(crf_model().attributes, char_clusters())


@lru_cache(maxsize=1)
def crf_model() -> CrfModel:
    """The shipped CRF (``graph/data/tagger.crfsuite``), read once per process."""
    return read_model(files("graph") / "data" / MODEL)


@lru_cache(maxsize=1)
def is_available() -> bool:
    """True when the trained model is shipped (looked up once per process; asked per sentence)."""
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
    """``tag`` for many texts at once (one call into each model); the results are cached for ``tag``.

    They are computed afresh, never taken from the cache, so a document's spans
    depend on that document alone (and a build's on its inputs, however they
    are spread over workers), never on what a process tagged before.
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
    items = list(zip(texts, tokens, [lexicon_marks(n) for n in texts]))
    probs = crf_probs_all(items)
    if lstm_tagger.is_available() and crf_weight < 1:
        lstm = lstm_tagger.label_probs(items)
        probs = [crf_weight * crf + (1 - crf_weight) * net for crf, net in zip(probs, lstm)]
    found = iter([_spans(p, labels) for p, labels in zip(probs, best_labels_all(probs))])
    return [next(found) if n else () for n in norms]


def _spans(probs: np.ndarray, labels: list[str]) -> tuple[TaggedSpan, ...]:
    chosen = probs[np.arange(len(labels)), [LABELS.index(label) for label in labels]]
    return tuple(TaggedSpan(s.start, s.end, s.type, round(float(chosen[s.start:s.end].mean()), 3))
                 for s in spans_from_bio(bmes_to_bio(labels)))


def crf_probs_all(items: list[tuple[str, list[Token], list[tuple[str, ...]]]]) -> list[np.ndarray]:
    """The CRF's marginal probability of every label (``LABELS`` order) at every character of each text.

    ``items`` are (text, its jieba tokens, its lexicon marks); the features are read as ids (``FeatureIds``).
    """
    lengths = [len(text) for text, _, _ in items]
    ids, extra = feature_ids().of_all(items)
    probs = np.zeros((len(ids), len(LABELS)))
    probs[:, _label_columns()] = marginals_of_ids(crf_model(), ids, extra, lengths)
    return np.split(probs, np.cumsum(lengths)[:-1]) if items else []


@lru_cache(maxsize=1)
def _label_columns() -> list[int]:
    """The column in ``LABELS`` of each label of the CRF."""
    return [LABELS.index(label) for label in crf_model().labels]
