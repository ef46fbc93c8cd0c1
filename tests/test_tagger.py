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
