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


def best_labels_all(probs: list[np.ndarray], batch: int = 64) -> list[list[str]]:
    """``best_labels`` of each array (none empty), ``batch`` of similar length decoded side by side (Viterbi).

    >>> place = np.eye(len(LABELS))[[LABELS.index("B-LOC"), LABELS.index("E-LOC")]] + 0.01
    >>> best_labels_all([place, place[:1]])
    [['B-LOC', 'E-LOC'], ['O']]
    """
    order = sorted(range(len(probs)), key=lambda k: (len(probs[k]), k))
    out: list[list[str]] = [[] for _ in probs]
    for start in range(0, len(order), batch):
        chunk = order[start:start + batch]
        for k, labels in zip(chunk, _decode_batch([probs[k] for k in chunk])):
            out[k] = labels
    return out


def _decode_batch(probs: list[np.ndarray]) -> list[list[str]]:
    lengths = np.array([len(p) for p in probs])
    logp = np.zeros((len(probs), lengths.max(), len(LABELS)))
    for k, p in enumerate(probs):
        logp[k, :len(p)] = np.log(np.maximum(p, FLOOR))
    score = logp[:, 0] + FIRST
    back = np.zeros(logp.shape, dtype=np.intp)
    for t in range(1, logp.shape[1]):
        candidates = score[:, :, None] + TRANSITIONS
        best = candidates.argmax(axis=1)
        back[:, t] = best
        moved = candidates.max(axis=1) + logp[:, t]
        score = np.where((t < lengths)[:, None], moved, score)
    ends = (score + LAST).argmax(axis=1)
    out = []
    for k, n in enumerate(lengths):
        path = [int(ends[k])]
        for t in range(n - 1, 0, -1):
            path.append(int(back[k, t, path[-1]]))
        out.append([LABELS[j] for j in reversed(path)])
    return out
