"""Decoding label probabilities into whole names."""
from itertools import product

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from graph.bioes import LABELS, best_labels


def _valid(labels: list[str]) -> bool:
    """Every B/I is continued by I/E of its type; every I/E continues one; S and O stand alone."""
    open_type = ""
    for label in labels:
        part, _, typ = label.partition("-")
        if open_type and (part not in "IE" or typ != open_type):
            return False
        if not open_type and part in "IE":
            return False
        open_type = typ if part in "BI" else ""
    return not open_type


def _score(probs: np.ndarray, labels: list[str]) -> float:
    return float(sum(np.log(probs[k, LABELS.index(label)]) for k, label in enumerate(labels)))


probabilities = st.integers(1, 6).flatmap(
    lambda n: arrays(np.float64, (n, len(LABELS)), elements=st.floats(0.01, 1.0)))


@settings(max_examples=200, deadline=None)
@given(probabilities)
def test_decoded_labels_always_spell_whole_names(probs):
    assert _valid(best_labels(probs))


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 3).flatmap(lambda n: arrays(np.float64, (n, len(LABELS)), elements=st.floats(0.01, 1.0))))
def test_decoding_finds_the_most_probable_valid_sequence(probs):
    best = max((list(seq) for seq in product(LABELS, repeat=len(probs)) if _valid(list(seq))),
               key=lambda seq: _score(probs, seq))
    assert abs(_score(probs, best_labels(probs)) - _score(probs, best)) < 1e-9


def test_an_unfinished_name_is_not_taken_over_a_whole_one():
    probs = np.full((2, len(LABELS)), 0.01)
    probs[0, LABELS.index("B-ORG")] = 0.9
    probs[1, LABELS.index("I-ORG")] = 0.9
    probs[1, LABELS.index("E-ORG")] = 0.3
    assert best_labels(probs) == ["B-ORG", "E-ORG"]
