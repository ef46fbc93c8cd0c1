"""A character BiLSTM for names, run by a numba-compiled loop; ``graph.tagger`` averages it with the CRF.

It reads what the CRF reads, as vectors instead of feature strings: the
character and the two-character string starting at it (embeddings pretrained on
the shared texts), its position and part of speech in the jieba word, and the
lexicon marks of ``graph.char_marks``. The weights are made by
``python -m graph.train_lstm`` (PyTorch, training only) and shipped in
``graph/data/tagger_lstm.npz``.

>>> from graph.bioes import LABELS
>>> from graph.char_marks import lexicon_marks
>>> from graph.tokens import tokenize
>>> [probs] = label_probs([("李鹏在北京", tokenize("李鹏在北京"), lexicon_marks("李鹏在北京"))])
>>> probs.shape, LABELS[int(probs[0].argmax())], LABELS[int(probs[3].argmax())]
((5, 13), 'B-PER', 'B-LOC')
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from functools import lru_cache
from importlib.resources import files

import numpy as np
from numba import njit

from .char_marks import LEXICON_FLAGS
from .tokens import Token

MODEL = "tagger_lstm.npz"
UNKNOWN = 1


def word_shape(tokens: list[Token], n: int) -> list[str]:
    """Per character, its place in its jieba word (B/M/E/S) and the word's part of speech.

    >>> word_shape([Token("在", "p", 0, 1), Token("北京", "ns", 1, 3)], 3)
    ['Sp', 'Bns', 'Ens']
    """
    shape = [""] * n
    for t in tokens:
        if t.end - t.start == 1:
            shape[t.start] = f"S{t.pos}"
            continue
        shape[t.start:t.end] = [f"B{t.pos}", *[f"M{t.pos}"] * (t.end - t.start - 2), f"E{t.pos}"]
    return shape


@dataclass(frozen=True)
class Encoded:
    """A text as vocabulary indices per character, and its lexicon flags (characters x ``LEXICON_FLAGS``)."""

    chars: list[int]
    bigrams: list[int]
    shapes: list[int]
    suffixes: list[int]
    flags: np.ndarray


def encode(text: str, tokens: list[Token], marks: list[tuple[str, ...]], vocab: dict[str, dict[str, int]]) -> Encoded:
    """Indices of each character, the two characters from it, its word shape and suffix mark (0: none).

    >>> vocab = {"char": {"北": 2}, "bi": {"北京": 2}, "seg": {"Bns": 2}, "suffix": {}}
    >>> e = encode("北京", [Token("北京", "ns", 0, 2)], [("place=B",), ("place=I",)], vocab)
    >>> e.chars, e.bigrams, e.shapes, int(e.flags.sum())
    ([2, 1], [2, 1], [2, 1], 2)
    """
    n = len(text)
    flags = np.zeros((n, len(LEXICON_FLAGS)), dtype=np.float32)
    suffixes = [0] * n
    for i, ms in enumerate(marks):
        for m in ms:
            if m in LEXICON_FLAGS:
                flags[i, LEXICON_FLAGS[m]] = 1.0
        suffixes[i] = next((vocab["suffix"].get(m, 0) for m in ms if m.startswith("suffix_end=")), 0) if ms else 0
    chars, bigrams, shapes = vocab["char"].get, vocab["bi"].get, vocab["seg"].get
    return Encoded(
        chars=[chars(c, UNKNOWN) for c in text],
        bigrams=[bigrams(text[i:i + 2], UNKNOWN) for i in range(n)],
        shapes=[shapes(s, UNKNOWN) for s in word_shape(tokens, n)],
        suffixes=suffixes,
        flags=flags)


class LstmTagger:
    """The shipped weights and vocabularies; ``probs`` gives per-character label probabilities."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.vocab = {key: {w: i for i, w in enumerate(arrays[f"vocab_{key}"].tolist())}
                      for key in ("char", "bi", "seg", "suffix")}
        # Gates reordered from PyTorch's i, f, g, o to i, f, o, g (the three sigmoids side by side),
        # input weights of both directions side by side: one row per character gives every gate input.
        size = arrays["w_hh_f"].shape[1]
        order = _gate_order(size)
        # The sigmoid gates' weights are halved (exactly, a power of two): sigmoid(x) = tanh(x / 2) / 2 + 1/2.
        half = np.where(np.arange(4 * size) < 3 * size, 0.5, 1.0).astype(np.float32)
        w_ih = np.concatenate([arrays["w_ih_f"][order].T * half, arrays["w_ih_b"][order].T * half],
                              axis=1).astype(np.float32)
        embed = {key: arrays[f"embed_{key}"].astype(np.float32) for key in ("char", "bi", "seg", "suffix")}
        # The input is [char, bigram, shape, suffix, domain, flags]. The gate inputs of every
        # character, shape and suffix are computed once here; bigrams and flags per text.
        part = dict(zip(("char", "bi", "seg", "suffix", "domain", "flags"),
                        np.split(w_ih, np.cumsum([embed["char"].shape[1], embed["bi"].shape[1],
                                                  embed["seg"].shape[1], embed["suffix"].shape[1],
                                                  len(arrays["embed_domain"])]))))
        self.gate_tables = tuple(np.ascontiguousarray(embed[key] @ part[key]) for key in ("char", "seg", "suffix"))
        self.bigram_embed = embed["bi"]
        self.w_bigram, self.w_flags = np.ascontiguousarray(part["bi"]), np.ascontiguousarray(part["flags"])
        self.bias = (np.concatenate([arrays["bias_f"][order] * half, arrays["bias_b"][order] * half])
                     + arrays["embed_domain"].astype(np.float32) @ part["domain"]).astype(np.float32)
        self.w_hh = np.ascontiguousarray([arrays[f"w_hh_{d}"][order].T * half for d in ("f", "b")], dtype=np.float32)
        self.w_out = np.ascontiguousarray(arrays["w_out"].T, dtype=np.float32)
        self.b_out = arrays["b_out"].astype(np.float32)

    def probs(self, sentences: list[tuple[str, list[Token], list[tuple[str, ...]]]]) -> list[np.ndarray]:
        """Label probabilities of each (text, tokens, marks): a row per character, columns in ``LABELS`` order.

        Each sentence runs through the net alone (``_net_probs``), so its
        probabilities do not depend on the sentences beside it.
        """
        if not sentences:
            return []
        encoded = [encode(*sentence, self.vocab) for sentence in sentences]
        lengths = [len(e.chars) for e in encoded]
        chars, bigrams, shapes, suffixes = (np.fromiter(chain.from_iterable(getattr(e, key) for e in encoded),
                                                        dtype=np.int64, count=sum(lengths))
                                            for key in ("chars", "bigrams", "shapes", "suffixes"))
        probs = _net_probs(chars, bigrams, shapes, suffixes, np.concatenate([e.flags for e in encoded]),
                           np.cumsum([0, *lengths]), self.gate_tables, self.bigram_embed, self.w_bigram, self.w_flags,
                           self.bias, self.w_hh, self.w_out, self.b_out)
        return np.split(probs, np.cumsum(lengths)[:-1])


@njit(cache=True, error_model="numpy", inline="always")
def _tanh(x):  # pragma: no cover - compiled
    """tanh to within 4e-7 in float32, by Eigen's rational approximation (``generic_fast_tanh_float``).

    Plain arithmetic, so loops over it run as vector instructions (``math.tanh`` is a call per number).
    """
    bound = np.float32(7.90531110763549805)
    x = -bound if x < -bound else bound if x > bound else x
    x2 = x * x
    p = x2 * np.float32(-2.76076847742355e-16) + np.float32(2.00018790482477e-13)
    p = p * x2 + np.float32(-8.60467152213735e-11)
    p = p * x2 + np.float32(5.12229709037114e-08)
    p = p * x2 + np.float32(1.48572235717979e-05)
    p = p * x2 + np.float32(6.37261928875436e-04)
    p = p * x2 + np.float32(4.89352455891786e-03)
    q = x2 * np.float32(1.19825839466702e-06) + np.float32(1.18534705686654e-04)
    q = q * x2 + np.float32(2.26843463243900e-03)
    q = q * x2 + np.float32(4.89352518554385e-03)
    return p * x / q


@njit(cache=True, error_model="numpy", inline="always")
def _add_scaled(out, scale, row):  # pragma: no cover - compiled
    """``out += scale * row`` without a temporary array."""
    for k in range(len(out)):
        out[k] += scale * row[k]


@njit(cache=True, error_model="numpy")
def _net_probs(chars, bigrams, shapes, suffixes, flags, starts, gate_tables, bigram_embed, w_bigram, w_flags,
               bias, w_hh, w_out, b_out):  # pragma: no cover - compiled
    """The BiLSTM's label probabilities for the characters of the texts that ``starts`` delimits.

    Per text: every character's gate inputs (both directions), the forward and
    backward recurrences, then the output layer and a softmax. Working per text
    keeps its rows in cache.
    """
    size = w_hh.shape[1]
    longest = np.diff(starts).max()
    inputs = np.empty((longest, 8 * size), np.float32)
    hidden = np.empty((longest, 2 * size), np.float32)
    probs = np.empty((len(chars), len(b_out)), np.float32)
    for s in range(len(starts) - 1):
        first, n = starts[s], starts[s + 1] - starts[s]
        for t in range(first, first + n):
            row = inputs[t - first]
            char_row, shape_row, suffix_row = (gate_tables[0][chars[t]], gate_tables[1][shapes[t]],
                                               gate_tables[2][suffixes[t]])
            for k in range(len(row)):
                row[k] = bias[k] + char_row[k] + shape_row[k] + suffix_row[k]
            embedded = bigram_embed[bigrams[t]]
            for i in range(len(embedded)):
                _add_scaled(row, embedded[i], w_bigram[i])
            for f in range(flags.shape[1]):
                if flags[t, f] != 0:
                    _add_scaled(row, flags[t, f], w_flags[f])
        for d in range(2):
            gates, states = inputs[:n, 4 * size * d:4 * size * (d + 1)], hidden[:n, size * d:size * (d + 1)]
            _lstm_pass(gates, w_hh[d], states, d == 1)
        for t in range(n):
            _softmax_layer(hidden[t], w_out, b_out, probs[first + t])
    return probs


@njit(cache=True, error_model="numpy", inline="always")
def _lstm_pass(inputs, w_hh, hidden, backward):  # pragma: no cover - compiled
    """One LSTM direction over a text's gate inputs (gates i, f, o, g), its hidden states into ``hidden``.

    The sigmoid gates' weights are halved, so a sigmoid is ``tanh / 2 + 1/2``.
    """
    size = w_hh.shape[0]
    g = np.empty(4 * size, np.float32)
    h = np.zeros(size, np.float32)
    c = np.zeros(size, np.float32)
    half = np.float32(0.5)
    for step in range(len(inputs)):
        t = len(inputs) - 1 - step if backward else step
        g[:] = inputs[t]
        for j in range(size):
            _add_scaled(g, h[j], w_hh[j])
        for k in range(len(g)):
            g[k] = _tanh(g[k])
        for j in range(size):
            c[j] = c[j] * (g[size + j] * half + half) + (g[j] * half + half) * g[3 * size + j]
            h[j] = _tanh(c[j]) * (g[2 * size + j] * half + half)
        hidden[t] = h


@njit(cache=True, error_model="numpy", inline="always")
def _softmax_layer(hidden, w_out, b_out, out):  # pragma: no cover - compiled
    """``out`` = softmax(``hidden`` @ ``w_out`` + ``b_out``)."""
    out[:] = b_out
    for j in range(len(hidden)):
        _add_scaled(out, hidden[j], w_out[j])
    out -= out.max()
    for k in range(len(out)):
        out[k] = np.exp(out[k])
    out /= out.sum()


def _gate_order(size: int) -> np.ndarray:
    """Rows of PyTorch's LSTM weights (gates i, f, g, o) in the order i, f, o, g.

    >>> _gate_order(1).tolist()
    [0, 1, 3, 2]
    """
    return np.r_[0:2 * size, 3 * size:4 * size, 2 * size:3 * size]


@lru_cache(maxsize=1)
def model() -> LstmTagger:
    """The shipped model (``graph/data/tagger_lstm.npz``), loaded once per process."""
    with (files("graph") / "data" / MODEL).open("rb") as f, np.load(f, allow_pickle=False) as arrays:
        return LstmTagger(dict(arrays))


@lru_cache(maxsize=1)
def is_available() -> bool:
    """True when the trained weights are shipped (looked up once per process)."""
    return (files("graph") / "data" / MODEL).is_file()


def label_probs(sentences: list[tuple[str, list[Token], list[tuple[str, ...]]]]) -> list[np.ndarray]:
    """Per-character probabilities of ``LABELS`` for each (normalised text, its tokens, its lexicon marks)."""
    return model().probs(sentences)
