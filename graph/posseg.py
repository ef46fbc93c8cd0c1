"""jieba's part-of-speech tagger with its two searches done in compiled code: the same words and tags, faster.

``jieba.posseg`` reads a run of characters its dictionary does not cover with
a Viterbi search over (word position, tag) states, written in pure Python: it
takes about nine tenths of jieba's time on news; most of the rest is finding
the best route of dictionary words. ``POSTokenizer`` here follows jieba's
``POSTokenizer.cut`` step by step with those two searches replaced: the route
and the words' tags by rjieba (jieba's Rust port, with the same dictionary),
the Viterbi search by one compiled with numba over jieba's own tables
(``start_P``, ``trans_P``, ``emit_P``, ``char_state_tab_P``) that adds the same
numbers in the same order and breaks ties the same way.

``jieba.posseg`` itself is not imported: on import it reads every word's tag
from jieba's dictionary (half a second in every process that tags); its tables
are read from their modules in jieba's package. The output equals jieba's
(``tests/test_posseg.py``, and ``benchmarks/scale.py`` over every sentence of
the shared sets).

>>> [(p.word, p.flag) for p in POSTokenizer().cut("平致说")]
[('平致', 'a'), ('说', 'v')]
"""
from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import rjieba
from numba import njit

# jieba.posseg's patterns (jieba/posseg/__init__.py): the blocks it segments, what it skips, numbers, Latin.
HAN_INTERNAL = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
SKIP_INTERNAL = re.compile("(\r\n|\\s)")
HAN_DETAIL = re.compile("([\u4E00-\u9FD5]+)")
SKIP_DETAIL = re.compile("([\\.0-9]+|[a-zA-Z0-9]+)")
ENG = re.compile("[a-zA-Z0-9]+")
NUM = re.compile("[\\.0-9]+")


class Pair(NamedTuple):
    """A word and its part of speech (jieba's ``pair``)."""

    word: str
    flag: str


def jieba_table(module: str, name: str = "P") -> Any:
    """``name`` from one of ``jieba.posseg``'s table modules, read without importing ``jieba.posseg``.

    >>> jieba_table("prob_start")[("B", "n")] < 0
    True
    """
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed")
    path = Path(spec.origin).parent / "posseg" / f"{module}.py"
    module_spec = importlib.util.spec_from_file_location(f"graph.posseg._jieba_{module}", path)
    loaded = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(loaded)
    return getattr(loaded, name)


# jieba's floor for an emission the tables lack (jieba/posseg/viterbi.py).
MIN_FLOAT = jieba_table("viterbi", "MIN_FLOAT")


@dataclass(frozen=True)
class HmmTables:
    """jieba's POS HMM as arrays; states in sorted order, so a higher index wins a tie as in jieba's ``max``."""

    states: list[tuple[str, str]]
    char_ids: dict[str, int]  # 0: a character no table knows
    allowed_start: np.ndarray  # per character id, where its allowed states begin in ``allowed``
    allowed: np.ndarray  # allowed state ids (every state for a character without an entry)
    start: np.ndarray  # (S,) log probability of starting in a state
    trans: np.ndarray  # (S, S) log probability, -inf where jieba has no transition
    next_start: np.ndarray  # per state, where the states it may move to begin in ``next_states``
    next_states: np.ndarray  # the states each state may move to (jieba's transitions)
    emit: np.ndarray  # (C, S) log probability of a character in a state, MIN_FLOAT where absent


@lru_cache(maxsize=1)
def hmm_tables() -> HmmTables:
    """jieba's tables, read and converted once per process (about 0.15 s)."""
    start_p, trans_p, emit_p = jieba_table("prob_start"), jieba_table("prob_trans"), jieba_table("prob_emit")
    char_state = jieba_table("char_state_tab")
    states = sorted(trans_p)
    index = {s: k for k, s in enumerate(states)}
    chars = sorted(set(char_state) | {c for row in emit_p.values() for c in row})
    char_ids = {c: k for k, c in enumerate(chars, start=1)}
    every = list(range(len(states)))
    lists = [every] + [sorted(index[s] for s in char_state[c]) if c in char_state else every for c in chars]
    allowed_start = np.cumsum([0] + [len(a) for a in lists]).astype(np.int64)
    trans = np.full((len(states), len(states)), -np.inf)
    for s, row in trans_p.items():
        for t, p in row.items():
            trans[index[s], index[t]] = p
    emit = np.full((len(chars) + 1, len(states)), MIN_FLOAT)
    for s, row in emit_p.items():
        for c, p in row.items():
            emit[char_ids[c], index[s]] = p
    successors = [sorted(index[t] for t in trans_p[s]) for s in states]
    return HmmTables(states, char_ids, allowed_start, np.array([s for a in lists for s in a], dtype=np.int64),
                     np.array([start_p[s] for s in states]), trans,
                     np.cumsum([0] + [len(n) for n in successors]).astype(np.int64),
                     np.array([t for n in successors for t in n], dtype=np.int64), emit)


def best_states(text: str) -> list[tuple[str, str]]:
    """The (B/M/E/S, tag) state of every character of ``text`` on jieba's best path.

    >>> best_states("平致")
    [('B', 'a'), ('E', 'a')]
    """
    tables = hmm_tables()
    obs = np.array([tables.char_ids.get(c, 0) for c in text], dtype=np.int64)
    path = _viterbi(obs, tables.allowed_start, tables.allowed, tables.start, tables.trans,
                    tables.next_start, tables.next_states, tables.emit)
    return [tables.states[s] for s in path]


@njit(cache=True)
def _viterbi(obs, allowed_start, allowed, start, trans, next_start, next_states, emit):  # pragma: no cover - compiled
    """jieba.posseg.viterbi over arrays: the same sums in the same order, ties to the higher state.

    Only the back pointers are kept for every character (two bytes a state); scores for two.
    """
    n, n_states = len(obs), len(start)
    score, before = np.full(n_states, -np.inf), np.full(n_states, -np.inf)
    alive, was_alive = np.zeros(n_states, dtype=np.bool_), np.zeros(n_states, dtype=np.bool_)
    back = np.zeros((n, n_states), dtype=np.int16)
    for k in range(allowed_start[obs[0]], allowed_start[obs[0] + 1]):
        y = allowed[k]
        score[y] = start[y] + emit[obs[0], y]
        alive[y] = True
    prev = np.empty(n_states, dtype=np.int64)
    expected = np.zeros(n_states, dtype=np.bool_)
    chosen = np.zeros(n_states, dtype=np.bool_)
    for t in range(1, n):
        score, before = before, score
        alive, was_alive = was_alive, alive
        score[:] = -np.inf
        alive[:] = False
        n_prev = 0
        expected[:] = False
        for x in range(n_states):
            if was_alive[x] and next_start[x + 1] > next_start[x]:
                prev[n_prev] = x
                n_prev += 1
                for k in range(next_start[x], next_start[x + 1]):
                    expected[next_states[k]] = True
        chosen[:] = False
        found = False
        for k in range(allowed_start[obs[t]], allowed_start[obs[t] + 1]):
            if expected[allowed[k]]:
                chosen[allowed[k]] = True
                found = True
        if not found:
            chosen[:] = expected
            if not expected.any():
                chosen[:] = True
        if n_prev == 0:
            raise ValueError("no state leads on (jieba's own search would fail here too)")
        for y in range(n_states):
            if not chosen[y]:
                continue
            best, best_x = -np.inf, -1
            for j in range(n_prev):
                x = prev[j]
                p = before[x] + trans[x, y] + emit[obs[t], y]
                if best_x < 0 or p >= best:
                    best, best_x = p, x
            score[y] = best
            back[t, y] = best_x
            alive[y] = True
    state, best = -1, -np.inf
    for y in range(n_states):
        if alive[y] and (state < 0 or score[y] >= best):
            state, best = y, score[y]
    path = np.empty(n, dtype=np.int64)
    for i in range(n - 1, -1, -1):
        path[i] = state
        state = back[i, state]
    return path


def route(text: str) -> list[Pair]:
    """jieba's best dictionary route through ``text`` (one of its Chinese/alphanumeric blocks), tagged.

    rjieba (jieba's Rust port, same dictionary) finds the route and tags its
    dictionary words as jieba's dictionary does. Its cut without the HMM joins
    runs of single Latin letters and digits, which jieba's route keeps apart, so
    those runs are split again (no dictionary word is only letters and digits);
    a character that is no dictionary word is tagged ``x``, as jieba does.

    >>> [w for w, _ in route("小米YU7预计7月上市")]
    ['小米', 'Y', 'U', '7', '预计', '7', '月', '上市']
    >>> route("小米Y")
    [Pair(word='小米', flag='n'), Pair(word='Y', flag='x')]
    """
    out: list[Pair] = []
    for word, tag in rjieba.tag(text, False):
        if len(word) > 1 and word.isascii() and word.isalnum():
            out.extend(Pair(char, "x") for char in word)
        else:
            out.append(Pair(word, tag if len(word) > 1 or rjieba.has_word(word) else "x"))
    return out


def _plain_tag(text: str, piece: str) -> str:
    """jieba's tag for ``text`` (of ``piece``) outside its dictionary: a number, Latin, or other.

    >>> _plain_tag("7", "7nm"), _plain_tag("n", "7nm"), _plain_tag("，", "，")
    ('m', 'eng', 'x')
    """
    return "m" if NUM.match(text) else "eng" if ENG.match(piece) else "x"


class POSTokenizer:
    """jieba's ``POSTokenizer`` over its default dictionary, with the route from rjieba (``route``)
    and the HMM search over unknown text compiled (``best_states``)."""

    def cut(self, sentence: str) -> Iterator[Pair]:
        """jieba's ``POSTokenizer.cut(sentence)`` (with the HMM): words and their parts of speech."""
        for block in HAN_INTERNAL.split(sentence):
            if HAN_INTERNAL.match(block):
                yield from self._cut_block(block)
                continue
            for piece in SKIP_INTERNAL.split(block):
                if SKIP_INTERNAL.match(piece):
                    yield Pair(piece, "x")
                    continue
                for char in piece:
                    yield Pair(char, _plain_tag(char, piece))

    def _cut_block(self, block: str) -> Iterator[Pair]:
        """jieba's ``__cut_DAG``: dictionary words as they are, runs of single characters read by the HMM
        unless the run is itself a word."""
        run: list[Pair] = []
        for pair in route(block):
            if len(pair.word) == 1:
                run.append(pair)
                continue
            if run:
                yield from self._single_characters(run)
                run = []
            yield pair
        if run:
            yield from self._single_characters(run)

    def _single_characters(self, run: list[Pair]) -> Iterator[Pair]:
        text = "".join(p.word for p in run)
        if len(run) > 1 and not rjieba.has_word(text):
            yield from self._cut_detail(text)
        else:
            yield from run

    def _cut_detail(self, text: str) -> Iterator[Pair]:
        """jieba's ``__cut_detail``: Chinese read by the HMM, numbers, Latin and the rest as they come."""
        for block in HAN_DETAIL.split(text):
            if HAN_DETAIL.match(block):
                yield from self._cut_unknown(block)
                continue
            for piece in SKIP_DETAIL.split(block):
                if piece:
                    yield Pair(piece, _plain_tag(piece, piece))

    def _cut_unknown(self, text: str) -> Iterator[Pair]:
        """jieba's ``__cut``, with ``best_states`` for its Viterbi search."""
        states = best_states(text)
        begin, after = 0, 0
        for i, char in enumerate(text):
            position, tag = states[i]
            if position == "B":
                begin = i
            elif position == "E":
                yield Pair(text[begin:i + 1], tag)
                after = i + 1
            elif position == "S":
                yield Pair(char, tag)
                after = i + 1
        if after < len(text):
            yield Pair(text[after:], states[after][1])
