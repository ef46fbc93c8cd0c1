"""graph.crf: the shipped CRFsuite model read directly gives pycrfsuite's weights and marginals."""
import numpy as np
import pycrfsuite
import pytest

from graph import crf, crf_features, tagger
from graph.char_marks import lexicon_marks
from graph.tokens import tokenize

MODEL = tagger.files("graph") / "data" / tagger.MODEL
TEXTS = ["新华社北京电 李鹏总理会见了日本客人。", "天津大学与香港理工大学签署合作协议。", "美", "中美两国元首在北京会见。"]


@pytest.fixture(scope="module")
def reference():
    ref = pycrfsuite.Tagger()
    ref.open(str(MODEL))
    return ref


def test_weights_equal_the_model_dump(reference):
    model, info = crf.read_model(MODEL), reference.info()
    assert model.labels == list(reference.labels())
    for (attr, label), weight in info.state_features.items():
        assert model.state[model.attributes[attr], model.labels.index(label)] == pytest.approx(weight, abs=1e-6)
    for (a, b), weight in info.transitions.items():
        assert model.transition[model.labels.index(a), model.labels.index(b)] == pytest.approx(weight, abs=1e-6)


def test_marginals_equal_pycrfsuite(reference):
    model = crf.read_model(MODEL)
    for text in TEXTS:
        x = crf_features.features(text, tokenize(text), marks=lexicon_marks(text)) + [["not-a-feature"]]
        reference.set(x)
        expected = [[reference.marginal(label, k) for label in model.labels] for k in range(len(x))]
        np.testing.assert_allclose(crf.marginals(model, x), expected, atol=1e-12)


def test_an_attribute_given_twice_counts_twice():
    model = crf.read_model(MODEL)
    once, twice = crf.state_scores(model, [["c=李"], ["c=李", "c=李"]])
    np.testing.assert_allclose(twice, 2 * once)


def test_a_file_that_is_no_model_is_named(tmp_path):
    bad = tmp_path / "model.crfsuite"
    bad.write_bytes(b"not a model")
    with pytest.raises(ValueError, match="model.crfsuite: not a CRFsuite model"):
        crf.read_model(bad)
