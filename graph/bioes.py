"""BIOES labels of the name taggers, and the best valid label sequence under per-character probabilities.

A name is ``B`` (begin), ``I`` (inside) ... ``E`` (end), or ``S`` for one
character; ``O`` is outside any name. Decoding picks the sequence with the
highest product of probabilities among those that spell whole names.

>>> import numpy as np
>>> probs = np.full((2, len(LABELS)), 0.01)
>>> probs[0, LABELS.index("B-PER")], probs[0, LABELS.index("S-PER")] = 0.6, 0.3
>>> probs[1, LABELS.index("O")] = 0.9
>>> best_labels(probs)  # B-PER then O spells no name
['S-PER', 'O']
"""
from __future__ import annotations

import numpy as np
from numba import njit

TYPES = ("PER", "LOC", "ORG")
LABELS = ("O", *(f"{part}-{t}" for t in TYPES for part in "BIES"))
IMPOSSIBLE = -1e9
FLOOR = 1e-9


def _part(label: str) -> tuple[str, str]:
    part, _, typ = label.partition("-")
    return part, typ


def _may_follow(before: str, after: str) -> bool:
    (p, t), (q, u) = _part(before), _part(after)
    if p in "BI":
        return q in "IE" and t == u
    return q in "OBS"


TRANSITIONS = np.array([[0.0 if _may_follow(a, b) else IMPOSSIBLE for b in LABELS] for a in LABELS])
FIRST = np.array([0.0 if _part(label)[0] in "OBS" else IMPOSSIBLE for label in LABELS])
LAST = np.array([0.0 if _part(label)[0] in "OES" else IMPOSSIBLE for label in LABELS])


def best_labels(probs: np.ndarray) -> list[str]:
    """The valid BIOES sequence of highest probability; ``probs`` has a column per label, in ``LABELS`` order."""
    return best_labels_all([probs])[0]


def best_labels_all(probs: list[np.ndarray]) -> list[list[str]]:
    """``best_labels`` of each array (none empty).

    >>> place = np.eye(len(LABELS))[[LABELS.index("B-LOC"), LABELS.index("E-LOC")]] + 0.01
    >>> best_labels_all([place, place[:1]])
    [['B-LOC', 'E-LOC'], ['O']]
    """
    return [[LABELS[j] for j in _viterbi(np.log(np.maximum(p, FLOOR)), TRANSITIONS, FIRST, LAST)] for p in probs]


@njit(cache=True)
def _viterbi(logp, transitions, first, last):  # pragma: no cover - compiled
    """Label indices of the best path; ties go to the lower label."""
    n, n_labels = logp.shape
    score = logp[0] + first
    back = np.zeros((n, n_labels), dtype=np.int64)
    moved = np.empty(n_labels)
    for t in range(1, n):
        for j in range(n_labels):
            best, best_i = score[0] + transitions[0, j], 0
            for i in range(1, n_labels):
                candidate = score[i] + transitions[i, j]
                if candidate > best:
                    best, best_i = candidate, i
            back[t, j] = best_i
            moved[j] = best + logp[t, j]
        score[:] = moved
    path = np.empty(n, dtype=np.int64)
    path[n - 1] = np.argmax(score + last)
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path
