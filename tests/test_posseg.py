"""graph.posseg: jieba's tagger with a compiled HMM search gives jieba's own words and tags."""
import subprocess
import sys

import jieba
import jieba.posseg
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.posseg import MIN_FLOAT, POSTokenizer, best_states, hmm_tables
from graph.tokens import _tagger, in_dictionary

# Common characters, rare ones, one no table knows, digits, Latin letters and punctuation.
CHARS = "的一是在人有我他这中大来上国个到说们为子和你地出道也时年出雷军陈新平致禤溧鄞蕞犇㐀ABCxyz0123.+#_，。、（）《》 \t\r\n"
# Dictionary words with Latin letters or signs, which the route must keep whole.
WORDS = ["B超", "T恤", "AA制", "C++", "AT&T", "C#", "A股", "CD机", "小米", "YU7", "5G"]


OURS = POSTokenizer()


def pairs(cut, text):
    return [(p.word, p.flag) for p in cut(text)]


def test_news_sentences_tag_as_jieba_does():
    for text in ["小米创办人雷军在微博宣布，玄戒O1芯片由小米自研。", "平致、禤国维与郑州宇通客车签约。",
                 "黄登仁在1990年8月至1997年2月任洪泽县委书记。", "㐀㐀犇犇蕞"]:
        assert pairs(OURS.cut, text) == pairs(jieba.posseg.cut, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(alphabet=CHARS, max_size=6), max_size=12).map("".join))
def test_any_text_tags_as_jieba_does(text):
    assert pairs(OURS.cut, text) == pairs(jieba.posseg.cut, text)


def test_unknown_names_take_jieba_states():
    assert best_states("禤国维") == [s for s in jieba.posseg.viterbi("禤国维", jieba.posseg.char_state_tab_P,
                                                              jieba.posseg.start_P, jieba.posseg.trans_P,
                                                              jieba.posseg.emit_P)[1]]


def test_tables_are_jiebas():
    tables = hmm_tables()
    assert MIN_FLOAT == sys.modules["jieba.posseg.viterbi"].MIN_FLOAT
    assert [tables.start[k] for k in range(len(tables.states))] == [jieba.posseg.start_P[s] for s in tables.states]
    some = [c for c in "的国说犇禤" if c in tables.char_ids]
    assert all(tables.emit[tables.char_ids[c], k] == jieba.posseg.emit_P[s].get(c, MIN_FLOAT)
               for c in some for k, s in enumerate(tables.states))
    assert np.isfinite(tables.trans).sum() == sum(len(row) for row in jieba.posseg.trans_P.values())


def test_tagging_does_not_import_jieba_posseg():
    """jieba.posseg reads its dictionary's tags on import (half a second per process): the pipeline does without."""
    code = ("import sys, graph; graph.build_text('天津大学与禤国维签约。'); "
            "print('jieba.posseg' in sys.modules, 'graph.posseg' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_the_pipeline_uses_the_compiled_tagger():
    assert isinstance(_tagger(), POSTokenizer)


def test_dictionary_words_are_jiebas():
    jieba.initialize()
    words = list(jieba.dt.FREQ.items())[::97]
    assert all(in_dictionary(w) == (f > 0) for w, f in words)
