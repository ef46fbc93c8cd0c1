"""graph.layout on the seed page: broken paragraphs, insertions, articles, bylines, offsets."""
from __future__ import annotations

import pytest

from graph.ingest import parse_text
from graph.model import Sentence


@pytest.fixture
def seed_doc(seed_text):
    return parse_text("seed", seed_text)


def _sentences(doc) -> list[Sentence]:
    return [s for a in doc.articles for s in a.sentences]


def _sentence_with(doc, fragment: str) -> Sentence:
    found = [s for s in _sentences(doc) if fragment in s.text]
    assert len(found) == 1, f"{fragment!r} in {len(found)} sentences"
    return found[0]


def test_name_broken_across_paragraphs_is_rejoined(seed_text, seed_doc):
    assert "天津\n\n脑机接口产业集团" in seed_text
    s = _sentence_with(seed_doc, "揭牌成立的天津")
    assert "大会同期揭牌成立的天津脑机接口产业集团,聚焦" in s.text


def test_place_prefix_broken_off_a_hospital_is_rejoined(seed_text, seed_doc):
    assert "天津市\n\n环湖医院" in seed_text
    assert "其中,天津市环湖医院院长佟小光发布" in _sentence_with(seed_doc, "佟小光发布").text


def test_photo_caption_and_credit_are_lifted_out_of_the_sentence(seed_doc):
    s = _sentence_with(seed_doc, "构建起覆盖电极材料")
    assert "高端芯片、核心算法" in s.text
    assert "观众体验" not in s.text and "供图" not in s.text


def test_photo_credit_is_not_joined_to_the_body(seed_doc):
    assert not any("供图" in s.text and len(s.text) > len("天津滨海高新区供图") for s in _sentences(seed_doc))


def test_inserted_headline_stays_out_of_the_joined_sentence(seed_doc):
    s = _sentence_with(seed_doc, "量产平台,这个GMP药厂将补齐")
    assert "广东GMP干细胞药厂项目启动" not in s.text


def test_page_splits_into_three_articles(seed_doc):
    articles = seed_doc.articles
    assert len(articles) == 3
    assert articles[0].title == "天津打造“七位一体”脑机接口产业集聚区"
    assert [a.sentences[0].text[:3] for a in articles[1:]] == ["本报讯", "本报讯"]
    assert articles[0].sentences[-1].text.startswith("同期,中国医药战略合作项目")
    assert articles[1].sentences[-1].text.startswith("广州高新区、广州开发区、黄埔区集聚")


def test_bylines_and_author_lines_are_not_sentences(seed_doc):
    texts = [s.text for s in _sentences(seed_doc)]
    for meta in ("本报记者", "李争粉", "杨晨", "贾千里"):
        assert not any(meta in t for t in texts), meta


def test_sentence_offsets_point_at_the_original_characters(seed_doc):
    text = seed_doc.document.text
    for s in _sentences(seed_doc):
        assert len(s.offsets) == len(s.text)
        assert "".join(text[o] for o in s.offsets) == s.text
        assert list(s.offsets) == sorted(set(s.offsets))
