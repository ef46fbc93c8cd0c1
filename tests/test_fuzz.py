"""Hypothesis fuzzing of ingest and extraction: random (CJK-heavy, punctuation-heavy) text and bytes.

Properties: no exception (other than the InputError a bad file is meant to
raise), every offset inside the text and pointing at the characters it names,
and the same output for the same input. Every target runs 2,000 examples,
derandomized so CI runs are reproducible.
"""
from __future__ import annotations

import codecs
import json
import re
import unicodedata
import warnings

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import graph
from graph.decode import clean_text, decode, decode_document, html_to_text, markdown_to_text
from graph.errors import InputError
from graph.export import to_node_link
from graph.ingest import parse_text
from graph.layout import MAX_SENTENCE, split_articles
from graph.text import strip_controls

FUZZ = settings(max_examples=2000, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
COMMON = st.sampled_from(list("天津滨海高新区大学公司集团有限医院政府签署合作协议发布项目产业园市省县人民委员会主任院长与和及在"
                              "興縣與簽約產業園區"))
PUNCTUATION = st.sampled_from(list("。！？!?；;，,、：:“”‘’「」『』\"'()（）【】《》…—-·.\n\n\r\t \u3000"))
MARKS = st.characters(categories=["Mn", "Me"])  # combining marks
SURROGATES = st.characters(categories=["Cs"])
CONTROLS = st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u200b", "\u200e", "\u202a", "\u202e",
                            "\u2066", "\u2069", "\ufeff", "\ufffe", "\U000e0001", "\ue000"])
ANY = st.characters()
LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x7E)

# Texts as ingest sees them after decoding (may hold surrogates, controls, marks anything) ...
# (st.text would drop the surrogates, so the characters are joined by hand.)
RAW_TEXT = st.lists(st.one_of(CJK, COMMON, COMMON, PUNCTUATION, PUNCTUATION, MARKS, SURROGATES, CONTROLS, ANY,
                              LATIN), max_size=80).map("".join)
# ... and as extraction sees them (after clean_text: no surrogates or control characters).
CLEAN_TEXT = RAW_TEXT.map(clean_text)


def _check_sentences(text: str, articles) -> None:
    for article in articles:
        for sentence in article.sentences:
            assert 0 < len(sentence.text) <= MAX_SENTENCE
            assert len(sentence.offsets) == len(sentence.text)
            assert all(0 <= o < len(text) for o in sentence.offsets)
            assert "".join(text[o] for o in sentence.offsets) == sentence.text


@FUZZ
@given(st.binary(max_size=200))
def test_decode_random_bytes_gives_text_or_an_input_error(data):
    try:
        decoded = decode_document(data, "fuzz.txt")
    except InputError as exc:
        assert exc.path == "fuzz.txt" and exc.reason and "\n" not in exc.reason
        return
    assert isinstance(decoded.text, str) and decoded.replaced >= 0
    assert not any(unicodedata.category(c)[0] == "C" for c in decoded.text if c not in "\n\t")
    assert decode_document(data, "fuzz.txt") == decoded


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5", "utf-16-le", "utf-16-be"]


@FUZZ
@given(st.text(st.one_of(CJK, COMMON, COMMON, PUNCTUATION, LATIN), min_size=1, max_size=60),
       st.sampled_from(ENCODINGS))
def test_decode_encoded_chinese_text(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    try:
        decoded = decode(data, "fuzz.txt")
    except InputError:
        assert encoding not in ("utf-8", "utf-8-sig", "utf-16")  # those are always recognised
        return
    if encoding in ("utf-8", "utf-8-sig", "utf-16") or (encoding == "gb18030" and len(text) >= 20):
        if not (encoding == "utf-8" and "\x00" in text):
            assert decoded.text == text, decoded


@FUZZ
@given(RAW_TEXT)
def test_clean_text_drops_exactly_the_control_characters(text):
    cleaned = clean_text(text)
    assert cleaned == strip_controls(re.sub(r"\r\n?", "\n", text))
    assert "\r" not in cleaned


@FUZZ
@given(st.text(st.one_of(COMMON, PUNCTUATION, st.sampled_from(list("<>/&;=\"'#*_`[]()!-+|~:x0123456789 \n"))),
               max_size=120))
def test_markup_to_text_never_fails(text):
    assert isinstance(html_to_text(text), str)
    assert isinstance(markdown_to_text(text), str)


def _html_to_text_by_decompose(html: str) -> str:
    """The straightforward (but quadratic) reference: decompose dropped tags, then get_text."""
    from bs4 import BeautifulSoup

    from graph.decode import _DROP_TAGS

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        soup = BeautifulSoup(html, "html.parser")
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    return "\n".join(line.strip() for line in soup.get_text("\n").splitlines() if line.strip())


HTML_PARTS = st.sampled_from(["<p>", "</p>", "<script>", "</script>", "<style>", "</style>", "<head>", "</head>",
                              "<noscript>", "</noscript>", "<template>", "</template>", "<svg>", "</svg>",
                              "<title>", "</title>", "<div>", "</div>", "<br>", "<b>", "</b>", "<!-- 注释 -->",
                              "<![CDATA[甲]]>", "<!DOCTYPE html>", "<?xml x?>", "&amp;", "&lt;", "&#x5929;", "&nbsp;",
                              "<", ">", "\n", " ", "天津", "大学", "签约。"])


@FUZZ
@given(st.lists(HTML_PARTS, max_size=40).map("".join))
def test_html_to_text_matches_the_reference(html):
    assert html_to_text(html) == _html_to_text_by_decompose(html)


@FUZZ
@given(RAW_TEXT)
def test_layout_offsets_point_at_the_original_characters(text):
    articles = split_articles("fuzz", text)
    _check_sentences(text, articles)
    assert split_articles("fuzz", text) == articles


@FUZZ
@given(CLEAN_TEXT)
def test_extraction_spans_are_inside_the_text_and_deterministic(text):
    entities = graph.ner_text(text)
    for e in entities:
        assert 0 <= e["start"] < e["end"] <= len(text)
        assert text[e["start"]:e["end"]] == e["text"]
    assert graph.ner_text(text) == entities


@FUZZ
@given(CLEAN_TEXT)
def test_build_evidence_is_inside_the_text_and_deterministic(text):
    parsed = parse_text("fuzz", text)
    _check_sentences(text, parsed.articles)
    g = graph.build_text(text, "fuzz")
    for _, _, data in g.edges(data=True):
        for ev in data["evidence"]:
            assert 0 <= ev["start"] < ev["end"] <= len(text)
            assert ev["doc"] == "fuzz"
    assert to_node_link(graph.build_text(text, "fuzz")) == to_node_link(g)


def test_library_build_text_with_a_lone_surrogate():
    """Library callers may hand over lone surrogates; they become U+FFFD one for one."""
    g = graph.build_text("天津\ud800大学与浙江大学签约。")
    assert ("天津\ufffd大学", "浙江大学") in {tuple(sorted((u, v))) for u, v in g.edges()}
    assert json.dumps(to_node_link(g), ensure_ascii=False).encode("utf-8")


def test_fuzz_alphabets_really_include_surrogates_and_marks():
    """The strategies above do produce what the issue asks for (guards against a silent filter)."""
    seen = set()

    @settings(max_examples=300, derandomize=True, deadline=None)
    @given(RAW_TEXT)
    def collect(text):
        seen.update(unicodedata.category(c) for c in text)

    collect()
    assert {"Cs", "Mn", "Lo", "Po", "Cc", "Cf"} <= seen
    assert codecs.lookup("big5hkscs")
