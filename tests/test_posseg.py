"""graph.posseg: jieba's tagger with a compiled HMM search gives jieba's own words and tags."""
import jieba
import jieba.posseg
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.posseg import POSTokenizer, best_states
from graph.tokens import _tagger, in_dictionary

# Common characters, rare ones, one no table knows, digits, Latin letters and punctuation.
CHARS = "的一是在人有我他这中大来上国个到说们为子和你地出道也时年出雷军陈新平致禤溧鄞蕞犇㐀ABCxyz0123，。、（）《》 "
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


def test_the_pipeline_uses_the_compiled_tagger():
    assert isinstance(_tagger(), POSTokenizer)


def test_dictionary_words_are_jiebas():
    jieba.initialize()
    words = list(jieba.dt.FREQ.items())[::97]
    assert all(in_dictionary(w) == (f > 0) for w, f in words)
