"""A character BiLSTM for names, run in numpy; ``graph.tagger`` averages it with the CRF.

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
from threadpoolctl import ThreadpoolController

from .char_marks import LEXICON_FLAGS
from .tokens import Token

MODEL = "tagger_lstm.npz"
UNKNOWN = 1
BATCH = 64


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
        # input weights of both directions side by side: one product gives every gate input.
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
        self.gate_tables = {key: embed[key] @ part[key] for key in ("char", "seg", "suffix")}
        self.bigram_embed, self.w_bigram, self.w_flags = embed["bi"], part["bi"], part["flags"]
        self.bias = (np.concatenate([arrays["bias_f"][order] * half, arrays["bias_b"][order] * half])
                     + arrays["embed_domain"].astype(np.float32) @ part["domain"]).astype(np.float32)
        self.w_hh = np.stack([arrays[f"w_hh_{d}"][order].T * half for d in ("f", "b")]).astype(np.float32)
        self.w_out = arrays["w_out"].T.astype(np.float32)
        self.b_out = arrays["b_out"].astype(np.float32)

    def gate_inputs(self, encoded: list[Encoded]) -> np.ndarray:
        """Per character of the encoded texts, one text after the other: the input part of every gate of
        both directions (before the recurrence)."""
        chars, bigrams, shapes, suffixes = (np.fromiter(chain.from_iterable(getattr(e, key) for e in encoded),
                                                        dtype=np.int64)
                                            for key in ("chars", "bigrams", "shapes", "suffixes"))
        flags = np.concatenate([e.flags for e in encoded])
        t = self.gate_tables
        return (t["char"][chars] + t["seg"][shapes] + t["suffix"][suffixes]
                + self.bigram_embed[bigrams] @ self.w_bigram + flags @ self.w_flags + self.bias)

    def probs(self, sentences: list[tuple[str, list[Token], list[tuple[str, ...]]]]) -> list[np.ndarray]:
        """Label probabilities of each (text, tokens, marks): a row per character, columns in ``LABELS`` order.

        Sentences run through the net ``BATCH`` at a time, longest first.
        """
        out: list[np.ndarray] = [np.zeros((0, len(self.b_out)), dtype=np.float32)] * len(sentences)
        present = [k for k in range(len(sentences)) if sentences[k][0]]
        if not present:
            return out
        order = sorted(present, key=lambda k: (-len(sentences[k][0]), k))
        with _blas_threads().limit(limits=1, user_api="blas"):
            gates = self.gate_inputs([encode(*sentences[k], self.vocab) for k in present])
            rows = dict(zip(present, np.split(gates, np.cumsum([len(sentences[k][0]) for k in present])[:-1])))
            for start in range(0, len(order), BATCH):
                chunk = order[start:start + BATCH]
                for k, probs in zip(chunk, self._batch([rows[k] for k in chunk])):
                    out[k] = probs
        return out

    def _batch(self, gate_inputs: list[np.ndarray]) -> list[np.ndarray]:
        """Probabilities for the sentences of one batch, longest first (none empty)."""
        lengths = np.array([len(x) for x in gate_inputs])
        size = self.w_hh.shape[1]
        sentence = np.repeat(np.arange(len(lengths)), lengths)
        time = np.arange(len(sentence)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        backward = lengths[sentence] - 1 - time
        gates = np.concatenate(gate_inputs)
        steps = np.zeros((2, lengths[0], len(lengths), 4 * size), dtype=np.float32)
        steps[0, time, sentence] = gates[:, :4 * size]
        steps[1, backward, sentence] = gates[:, 4 * size:]
        active = np.searchsorted(-lengths, -np.arange(lengths[0]), side="right")
        hidden = self._run(steps, active)
        logits = np.concatenate([hidden[0, time, sentence], hidden[1, backward, sentence]], axis=1) @ self.w_out
        logits += self.b_out
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        return np.split(e / e.sum(axis=1, keepdims=True), np.cumsum(lengths)[:-1])

    def _run(self, steps: np.ndarray, active: np.ndarray) -> np.ndarray:
        """Both LSTM directions over their gate inputs (direction, time, sentence, gate); gate order i, f, o, g.

        Sentences are longest first and ``active[t]`` of them are still running at
        step ``t``: only those are computed. The backward direction gets each
        sentence reversed, so a sentence's steps are always its first ones.
        """
        directions, width, batch, _ = steps.shape
        size = self.w_hh.shape[1]
        h = np.zeros((directions, batch, size), dtype=np.float32)
        c = np.zeros_like(h)
        out = np.zeros((directions, width, batch, size), dtype=np.float32)
        for t in range(width):
            k = active[t]
            g = h[:, :k] @ self.w_hh
            g += steps[:, t, :k]
            gates = np.tanh(g, out=g)  # i, f, o (weights halved: then a sigmoid) and g
            ifo = gates[..., :3 * size]
            ifo *= 0.5
            ifo += 0.5
            cell, hidden = c[:, :k], h[:, :k]
            cell *= ifo[..., size:2 * size]
            cell += ifo[..., :size] * gates[..., 3 * size:]
            np.tanh(cell, out=hidden)
            hidden *= ifo[..., 2 * size:]
            out[:, t, :k] = hidden
        return out


def _gate_order(size: int) -> np.ndarray:
    """Rows of PyTorch's LSTM weights (gates i, f, g, o) in the order i, f, o, g.

    >>> _gate_order(1).tolist()
    [0, 1, 3, 2]
    """
    return np.r_[0:2 * size, 3 * size:4 * size, 2 * size:3 * size]


@lru_cache(maxsize=1)
def _blas_threads() -> ThreadpoolController:
    """The BLAS thread pools; the net's small products run on one thread (many threads on busy cores crawl)."""
    return ThreadpoolController()


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
