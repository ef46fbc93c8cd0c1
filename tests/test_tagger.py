"""The shipped CRF: loads fast, tags names with offsets inside the text."""
import time

from graph import tagger
from graph.train_tagger import split_heldout


def test_model_is_shipped_small_and_loads_fast():
    path = tagger.files("graph") / "data" / tagger.MODEL
    assert path.stat().st_size < 20 * 1024 * 1024
    tagger._tagger.cache_clear()
    started = time.perf_counter()
    tagger._tagger()
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
