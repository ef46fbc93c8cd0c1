"""Label marginals of a linear-chain CRF read from a CRFsuite model file, computed here.

pycrfsuite answers one (label, position) marginal per Python call: thirteen
calls a character, most of the CRF's time. ``read_model`` reads the model's
weights once from CRFsuite's binary format (``crf1d_model.c`` and ``cqdb.c``
of CRFsuite: a header, label and attribute string tables, a feature array of
type/source/destination/float64 weight), and ``marginals`` runs the same
scaled forward-backward as CRFsuite over them (compiled with numba), so the
numbers agree with pycrfsuite's to rounding (``tests/test_crf.py``).

>>> from importlib.resources import files
>>> model = read_model(files("graph") / "data" / "tagger.crfsuite")
>>> probs = marginals(model, [["b", "c=李"], ["b", "c=鹏"]])
>>> probs.shape, bool(abs(probs.sum(axis=1) - 1).max() < 1e-9)
((2, 13), True)
"""
from __future__ import annotations

import struct
from itertools import chain, repeat
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numba import njit

_HEADER = struct.Struct("<4sI4s9I")  # magic, size, type, version, counts and offsets
_CHUNK = 12  # chunk id, size, number of items
_CQDB_DATA = 24 + 256 * 8  # a string table's header and hash table references
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_TRANSITION = 1  # feature type of a label-to-label weight (0: attribute-to-label)


@dataclass(frozen=True)
class CrfModel:
    """A CRFsuite model's labels, attribute ids and weights."""

    labels: list[str]
    attributes: dict[str, int]
    state: np.ndarray  # (attributes, labels): weight of an attribute for a label
    transition: np.ndarray  # (labels, labels): weight of label i followed by label j


def read_model(path: str | Path) -> CrfModel:
    """The CRFsuite (CRF1d) model at ``path``; a clear ValueError when it is not one."""
    data = Path(path).read_bytes()
    if len(data) < _HEADER.size or data[:4] != b"lCRF" or data[8:12] != b"FOMC":
        raise ValueError(f"{path}: not a CRFsuite model file")
    _, _, _, _, _, n_labels, n_attrs, off_features, off_labels, off_attrs, _, _ = _HEADER.unpack_from(data)
    (n_features,) = struct.unpack_from("<I", data, off_features + 8)  # the header's own count is left 0
    features = np.frombuffer(data, dtype=_FEATURE, count=n_features, offset=off_features + _CHUNK)
    labels = _strings(data, off_labels, n_labels)
    state = np.zeros((n_attrs, n_labels))
    transition = np.zeros((n_labels, n_labels))
    is_state = features["type"] != _TRANSITION
    state[features["src"][is_state], features["dst"][is_state]] = features["weight"][is_state]
    trans = ~is_state
    transition[features["src"][trans], features["dst"][trans]] = features["weight"][trans]
    attributes = {name: k for k, name in enumerate(_strings(data, off_attrs, n_attrs))}
    return CrfModel(labels, attributes, state, transition)


def _strings(data: bytes, offset: int, count: int) -> list[str]:
    """The ``count`` strings of the CQDB string table at ``offset``, by id (records: id, size, bytes with a NUL)."""
    out: list[str | None] = [None] * count
    pos = offset + _CQDB_DATA
    for _ in range(count):
        ident, size = struct.unpack_from("<iI", data, pos)
        out[ident] = data[pos + 8:pos + 7 + size].decode("utf-8")
        pos += 8 + size
    if any(s is None for s in out):
        raise ValueError("CRFsuite model: its string table lacks ids")
    return out  # type: ignore[return-value]


def state_scores(model: CrfModel, items: list[list[str]]) -> np.ndarray:
    """Per item, the summed weights of its known attributes for each label (an attribute given twice counts twice)."""
    lengths = np.fromiter(map(len, items), dtype=np.int64, count=len(items))
    ids = np.fromiter(map(model.attributes.get, chain.from_iterable(items), repeat(-1)), dtype=np.int64,
                      count=int(lengths.sum()))
    owner = np.repeat(np.arange(len(items)), lengths)[ids >= 0]
    return _sum_rows(model.state, ids[ids >= 0], owner, np.zeros((len(items), len(model.labels))))


@njit(cache=True)
def _sum_rows(weights, ids, owner, out):  # pragma: no cover - compiled
    """``out`` with ``weights[ids[k]]`` added to its row ``owner[k]``, in order."""
    for k in range(len(ids)):
        for j in range(weights.shape[1]):
            out[owner[k], j] += weights[ids[k], j]
    return out


def marginals(model: CrfModel, items: list[list[str]]) -> np.ndarray:
    """The marginal probability of every label (``model.labels`` order) at every item."""
    if not items:
        return np.zeros((0, len(model.labels)))
    return _forward_backward(np.exp(state_scores(model, items)), np.exp(model.transition))


def marginals_of_ids(model: CrfModel, ids: np.ndarray, extra: list[list[int]], lengths: list[int]) -> np.ndarray:
    """``marginals`` of texts given as attribute ids, one after the other (``lengths`` characters each): per
    character a row of ``ids`` (-1: none), then its ``extra`` ids."""
    known = ids >= 0
    scores = _sum_rows(model.state, ids[known], np.nonzero(known)[0], np.zeros((len(ids), len(model.labels))))
    counts = np.fromiter(map(len, extra), dtype=np.int64, count=len(extra))
    flat = np.fromiter(chain.from_iterable(extra), dtype=np.int64, count=int(counts.sum()))
    scores = _sum_rows(model.state, flat, np.repeat(np.arange(len(extra)), counts), scores)
    ends = np.cumsum(np.asarray(lengths, dtype=np.int64))
    return _forward_backward_all(np.exp(scores), np.exp(model.transition), ends)


@njit(cache=True)
def _forward_backward_all(exp_state, exp_trans, ends):  # pragma: no cover - compiled
    """``_forward_backward`` of each run of rows ending at ``ends``."""
    out = np.empty_like(exp_state)
    start = 0
    for end in ends:
        if end > start:
            out[start:end] = _forward_backward(exp_state[start:end], exp_trans)
        start = end
    return out


@njit(cache=True)
def _forward_backward(exp_state, exp_trans):  # pragma: no cover - compiled
    """CRFsuite's scaled forward-backward (crf1d_context.c): marginals from exponentiated scores."""
    n, n_labels = exp_state.shape
    alpha = np.zeros((n, n_labels))
    beta = np.zeros((n, n_labels))
    scale = np.zeros(n)
    row = np.zeros(n_labels)
    for t in range(n):
        for j in range(n_labels):
            if t == 0:
                alpha[t, j] = exp_state[t, j]
                continue
            total = 0.0
            for i in range(n_labels):
                total += alpha[t - 1, i] * exp_trans[i, j]
            alpha[t, j] = total * exp_state[t, j]
        total = alpha[t].sum()
        scale[t] = 1.0 / total if total != 0.0 else 1.0
        alpha[t] *= scale[t]
    beta[n - 1] = scale[n - 1]
    for t in range(n - 2, -1, -1):
        row[:] = beta[t + 1] * exp_state[t + 1]
        for i in range(n_labels):
            total = 0.0
            for j in range(n_labels):
                total += exp_trans[i, j] * row[j]
            beta[t, i] = total * scale[t]
    out = np.empty((n, n_labels))
    for t in range(n):
        for i in range(n_labels):
            out[t, i] = alpha[t, i] * beta[t, i] / scale[t]
    return out
