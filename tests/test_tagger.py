"""The shipped tagger (CRF and BiLSTM): loads fast, tags names with offsets inside the text."""
import time

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import crf, crf_features, lstm_tagger, tagger
from graph.bioes import LABELS
from graph.char_marks import lexicon_marks
from graph.tokens import tokenize
from graph.train_tagger import split_heldout


def test_model_is_shipped_small_and_loads_fast():
    path = tagger.files("graph") / "data" / tagger.MODEL
    assert path.stat().st_size < 20 * 1024 * 1024
    tagger.crf_model.cache_clear()
    started = time.perf_counter()
    tagger.crf_model()
    assert time.perf_counter() - started < 2.0


def test_tags_people_places_and_organisations():
    text = "国务院总理李强在北京会见了联合国秘书长古特雷斯。"
    spans = {(text[s.start:s.end], s.type) for s in tagger.tag(text)}
    assert ("李强", "PER") in spans
    assert ("北京", "LOC") in spans
    for s in tagger.tag(text):
        assert 0 <= s.start < s.end <= len(text) and 0.0 <= s.confidence <= 1.0


def test_heldout_split_is_fixed_and_disjoint():
    items = list(range(100))
    train, held = split_heldout("msra", items)
    assert len(held) == 20 and not set(train) & set(held)
    assert split_heldout("msra", items) == (train, held)
    assert split_heldout("cluener", items)[1] != held


def test_end_and_single_labels_decode_to_whole_names():
    """The model labels BIOES; a one-character place (美) and a name's end (E-) make whole spans."""
    text = "中美两国元首在北京会见。"
    spans = {(text[s.start:s.end], s.type) for s in tagger.tag(text)}
    assert {("中", "LOC"), ("美", "LOC"), ("北京", "LOC")} <= spans


def test_lstm_weights_are_shipped_small_and_load_fast():
    path = tagger.files("graph") / "data" / lstm_tagger.MODEL
    crf = tagger.files("graph") / "data" / tagger.MODEL
    assert path.stat().st_size + crf.stat().st_size < 20 * 1024 * 1024
    lstm_tagger.model.cache_clear()
    started = time.perf_counter()
    lstm_tagger.model()
    assert time.perf_counter() - started < 2.0


def test_lstm_probabilities_of_a_text_do_not_depend_on_the_texts_beside_it():
    texts = ["国务院总理李强在北京会见了联合国秘书长古特雷斯。", "他说", "中美两国元首在北京会见。" * 3]
    sentences = [(t, tokenize(t), lexicon_marks(t)) for t in texts]
    together = lstm_tagger.label_probs(sentences)
    again = lstm_tagger.label_probs(sentences)
    for sentence, probs, repeated in zip(sentences, together, again):
        [alone] = lstm_tagger.label_probs([sentence])
        assert probs.shape == (len(sentence[0]), len(LABELS))
        assert np.array_equal(probs, repeated)
        assert np.array_equal(alone, probs)
        assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)


def test_a_documents_spans_do_not_depend_on_what_was_tagged_before():
    document = ["华为在深圳发布新品。", "李鹏会见了日本客人。"]
    tagger._CACHE.clear()
    fresh = tagger.tag_all(document)
    tagger.tag_all(["李鹏会见了日本客人。", "他说", "中美两国元首在北京会见。"])
    assert tagger.tag_all(document) == fresh
    assert [tagger.tag(t) for t in document] == fresh


def test_tag_all_equals_tag_one_by_one_and_skips_empty_texts():
    texts = ["华为在深圳发布新品。", "", "李鹏会见了日本客人。"]
    tagger._CACHE.clear()
    together = tagger.tag_all(texts)
    tagger._CACHE.clear()
    assert together == [tagger.tag(t) for t in texts]
    assert together[1] == []


def test_tag_averages_both_models_and_each_runs_alone():
    text = "新华社北京电 李鹏总理会见了日本客人。"
    tagger._CACHE.clear()
    assert tagger.tag(text) == list(tagger.tag_weighted([text])[0])
    for crf_weight in (0.0, 1.0):
        alone = {(s.start, s.end, s.type) for s in tagger.tag_weighted([text], crf_weight)[0]}
        assert (3, 5, "LOC") in alone and (7, 9, "PER") in alone


def test_feature_ids_equal_the_feature_strings_looked_up():
    """The CRF reads ids built without strings; they must be the strings' ids, in the same order."""
    index = tagger.feature_ids()
    texts = ["新华社北京电 李鹏总理会见了日本客人。", "中美两国元首在北京会见。", "A", "^$|x",
             "华为技术有限公司董事长任正非说：“5G很重要”，①号楼在㐀村。"]
    items = [(t, tokenize(t), lexicon_marks(t)) for t in texts]
    ids, extra = index.of_all(items)
    strings = [row for text, tokens, marks in items for row in crf_features.features(text, tokens, marks=marks)]
    assert ids.shape == (len(strings), len(crf_features.COLUMNS)) and len(extra) == len(strings)
    for i, row in enumerate(strings):
        expected = [index.attributes[f] for f in row if f in index.attributes]
        assert [k for k in ids[i] if k >= 0] + extra[i] == expected, i


def test_id_rows_keep_each_keys_row_as_the_table_grows():
    rows = crf_features.IdRows(lambda k: (k, -k), width=2)
    for keys in ([1, 2, 1], list(range(100)), [], [5, 500, 2, 500]):
        assert rows.of(keys).tolist() == [[k, -k] for k in keys]
    assert len(rows) == 101


def test_crf_probs_from_ids_equal_those_from_strings():
    text = "天津大学与香港理工大学签署合作协议。"
    tokens, marks = tokenize(text), lexicon_marks(text)
    from_strings = crf.marginals(tagger.crf_model(), crf_features.features(text, tokens, marks=marks))
    [probs] = tagger.crf_probs_all([(text, tokens, marks)])
    np.testing.assert_array_equal(probs[:, tagger._label_columns()], from_strings)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="北京市天津大学李鹏王在与签约公司集团①２AbC9，。“”^$|x ", min_size=1, max_size=30),
                min_size=1, max_size=4))
def test_feature_ids_equal_the_feature_strings_on_any_text(texts):
    index = tagger.feature_ids()
    items = [(t, tokenize(t), lexicon_marks(t)) for t in texts]
    ids, extra = index.of_all(items)
    strings = [row for text, tokens, marks in items for row in crf_features.features(text, tokens, marks=marks)]
    for i, row in enumerate(strings):
        assert [k for k in ids[i] if k >= 0] + extra[i] == [index.attributes[f] for f in row if f in index.attributes]


def _reference_bilstm(arrays: dict[str, np.ndarray], encoded: lstm_tagger.Encoded) -> np.ndarray:
    """PyTorch's LSTM equations (gates i, f, g, o) in plain float64 numpy, one character at a time."""
    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    inputs = [np.concatenate([arrays["embed_char"][c], arrays["embed_bi"][b], arrays["embed_seg"][s],
                              arrays["embed_suffix"][x], arrays["embed_domain"], flags])
              for c, b, s, x, flags in zip(encoded.chars, encoded.bigrams, encoded.shapes, encoded.suffixes,
                                           encoded.flags)]
    hidden = {}
    for d, order in (("f", inputs), ("b", inputs[::-1])):
        h = c = np.zeros(arrays[f"w_hh_{d}"].shape[1])
        states = []
        for x in order:
            i, f, g, o = np.split(arrays[f"w_ih_{d}"] @ x + arrays[f"w_hh_{d}"] @ h + arrays[f"bias_{d}"], 4)
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
            h = sigmoid(o) * np.tanh(c)
            states.append(h)
        hidden[d] = states if d == "f" else states[::-1]
    logits = np.array([arrays["w_out"] @ np.concatenate([hf, hb]) + arrays["b_out"]
                       for hf, hb in zip(hidden["f"], hidden["b"])])
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def test_compiled_bilstm_computes_the_lstm_equations():
    """The compiled net (gates reordered and halved, tanh approximated) against the textbook equations."""
    rng = np.random.default_rng(7)
    size, labels, flags = 5, 4, len(lstm_tagger.LEXICON_FLAGS)
    arrays = {"vocab_char": np.array(["<pad>", "<unk>", "北", "京", "在"]),
              "vocab_bi": np.array(["<pad>", "<unk>", "北京"]),
              "vocab_seg": np.array(["<pad>", "<unk>", "Bns", "Ens"]),
              "vocab_suffix": np.array(["<pad>", "suffix_end=ORG"]),
              "embed_domain": rng.normal(size=2)}
    for key, rows, dim in (("char", 5, 6), ("bi", 3, 3), ("seg", 4, 2), ("suffix", 2, 2)):
        arrays[f"embed_{key}"] = rng.normal(size=(rows, dim))
    width = 6 + 3 + 2 + 2 + 2 + flags
    for d in ("f", "b"):
        arrays |= {f"w_ih_{d}": rng.normal(size=(4 * size, width)), f"w_hh_{d}": rng.normal(size=(4 * size, size)),
                   f"bias_{d}": rng.normal(size=4 * size)}
    arrays |= {"w_out": rng.normal(size=(labels, 2 * size)), "b_out": rng.normal(size=labels)}
    net = lstm_tagger.LstmTagger(arrays)
    texts = ["在北京", "北京北京在京", "京"]
    sentences = [(t, tokenize(t), lexicon_marks(t)) for t in texts]
    for sentence, probs in zip(sentences, net.probs(sentences)):
        expected = _reference_bilstm(arrays, lstm_tagger.encode(*sentence, net.vocab))
        np.testing.assert_allclose(probs, expected, atol=1e-5)
