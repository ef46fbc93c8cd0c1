"""jieba's part-of-speech tagger with its two searches done in compiled code: the same words and tags, faster.

``jieba.posseg`` reads a run of characters its dictionary does not cover with
a Viterbi search over (word position, tag) states, written in pure Python: it
takes about nine tenths of jieba's time on news; most of the rest is finding
the best route of dictionary words. ``POSTokenizer`` here is jieba's own with
those two searches replaced: the route by rjieba (jieba's Rust port, with the
same dictionary), the Viterbi search by one compiled with numba over the same
tables (``jieba.posseg.start_P``, ``trans_P``, ``emit_P``,
``char_state_tab_P``) that adds the same numbers in the same order and breaks
ties the same way. Its output equals jieba's (``tests/test_posseg.py``, and
``benchmarks/scale.py`` over every sentence of the shared sets).

>>> [(p.word, p.flag) for p in POSTokenizer().cut("平致说")] == [(p.word, p.flag) for p in jieba.posseg.cut("平致说")]
True
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import jieba
import jieba.posseg
import numpy as np
import rjieba
from numba import njit

# jieba's floor for an emission the tables lack (jieba/posseg/viterbi.py).
MIN_FLOAT = sys.modules["jieba.posseg.viterbi"].MIN_FLOAT


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
    """jieba's tables (``jieba.posseg``), converted once per process (about 0.1 s)."""
    states = sorted(jieba.posseg.trans_P)
    index = {s: k for k, s in enumerate(states)}
    chars = sorted(set(jieba.posseg.char_state_tab_P) | {c for row in jieba.posseg.emit_P.values() for c in row})
    char_ids = {c: k for k, c in enumerate(chars, start=1)}
    every = list(range(len(states)))
    lists = [every] + [sorted(index[s] for s in jieba.posseg.char_state_tab_P[c])
                       if c in jieba.posseg.char_state_tab_P else every for c in chars]
    allowed_start = np.cumsum([0] + [len(a) for a in lists]).astype(np.int64)
    trans = np.full((len(states), len(states)), -np.inf)
    for s, row in jieba.posseg.trans_P.items():
        for t, p in row.items():
            trans[index[s], index[t]] = p
    emit = np.full((len(chars) + 1, len(states)), MIN_FLOAT)
    for s, row in jieba.posseg.emit_P.items():
        for c, p in row.items():
            emit[char_ids[c], index[s]] = p
    successors = [sorted(index[t] for t in jieba.posseg.trans_P[s]) for s in states]
    return HmmTables(states, char_ids, allowed_start, np.array([s for a in lists for s in a], dtype=np.int64),
                     np.array([jieba.posseg.start_P[s] for s in states]), trans,
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


def route_words(text: str) -> list[str]:
    """The words of jieba's best dictionary route through ``text`` (a run of jieba's Chinese/alphanumeric block).

    rjieba (jieba's Rust port, same dictionary) finds the route; its cut without
    the HMM then joins runs of single Latin letters and digits, which jieba's
    route keeps apart, so those runs are split again (no dictionary word is
    only letters and digits).

    >>> route_words("小米YU7预计7月上市")
    ['小米', 'Y', 'U', '7', '预计', '7', '月', '上市']
    """
    out: list[str] = []
    for word in rjieba.cut(text, False):
        if len(word) > 1 and word.isascii() and word.isalnum():
            out.extend(word)
        else:
            out.append(word)
    return out


class POSTokenizer(jieba.posseg.POSTokenizer):
    """``jieba.posseg.POSTokenizer`` with its dictionary route read by rjieba (``route_words``) and its HMM
    search over unknown text compiled (``best_states``); over jieba's default dictionary only."""

    def __init__(self) -> None:
        """Shares the word tags ``jieba.posseg`` read at import (half a second). jieba's own dictionary
        (``jieba.initialize``, another half second and 100 MB) is not needed: rjieba has the same words."""
        self.tokenizer = jieba.dt
        self.word_tag_tab = jieba.posseg.dt.word_tag_tab

    def _POSTokenizer__cut_DAG(self, sentence: str) -> Iterator[jieba.posseg.pair]:
        """jieba's ``POSTokenizer.__cut_DAG``: dictionary words as they are, runs of single characters
        read by the HMM unless the run is itself a word."""
        buf = ""
        for word in route_words(sentence):
            if len(word) == 1:
                buf += word
                continue
            if buf:
                yield from self._single_characters(buf)
                buf = ""
            yield jieba.posseg.pair(word, self.word_tag_tab.get(word, "x"))
        if buf:
            yield from self._single_characters(buf)

    def _single_characters(self, buf: str) -> Iterator[jieba.posseg.pair]:
        if len(buf) == 1:
            yield jieba.posseg.pair(buf, self.word_tag_tab.get(buf, "x"))
        elif not rjieba.has_word(buf):
            yield from self._POSTokenizer__cut_detail(buf)
        else:
            for char in buf:
                yield jieba.posseg.pair(char, self.word_tag_tab.get(char, "x"))

    def _POSTokenizer__cut(self, sentence: str) -> Iterator[jieba.posseg.pair]:
        """jieba's ``POSTokenizer.__cut``, with ``best_states`` for its Viterbi search."""
        states = best_states(sentence)
        begin, after = 0, 0
        for i, char in enumerate(sentence):
            position, tag = states[i]
            if position == "B":
                begin = i
            elif position == "E":
                yield jieba.posseg.pair(sentence[begin:i + 1], tag)
                after = i + 1
            elif position == "S":
                yield jieba.posseg.pair(char, tag)
                after = i + 1
        if after < len(sentence):
            yield jieba.posseg.pair(sentence[after:], states[after][1])
