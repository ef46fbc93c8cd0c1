"""Entity resolution (graph.resolve, merged by graph.assemble), checked on built graphs."""
from __future__ import annotations

import networkx as nx

import graph
from graph.model import Document
from graph.pipeline import build_graph


def _edges(g: nx.MultiDiGraph, relation: str) -> set[tuple[str, str]]:
    return {(u, v) for u, v, k in g.edges(keys=True) if k == relation}


def test_short_name_after_yixia_jiancheng_is_an_alias():
    g = graph.build_text("广州赛莱拉干细胞科技股份有限公司(以下简称“赛莱拉”)投资建设该项目。"
                         "赛莱拉创始人陈海佳表示,项目意义重大。")
    full = "广州赛莱拉干细胞科技股份有限公司"
    assert "赛莱拉" in g.nodes[full]["aliases"]
    assert not any(d["name"] == "赛莱拉" for _, d in g.nodes(data=True))
    assert g.edges["陈海佳", full, "holds_position"]["role"] == "创始人"


def test_short_place_name_is_the_full_place():
    g = graph.build_text("脑机接口大会在天津举行。天津市将打造产业高地。")
    places = [n for n, t in g.nodes(data="type") if t == "LOC"]
    assert places == ["天津市"]
    assert "天津" in g.nodes["天津市"]["aliases"]
    assert ("脑机接口大会", "天津市") in _edges(g, "located_in")


def test_traditional_and_simplified_names_across_documents_are_one_node():
    g = build_graph([Document("a.txt", "a.txt", "興縣人民政府與美錦能源集團共同簽署協議。"),
                     Document("b.txt", "b.txt", "兴县人民政府与美锦能源集团签署合作协议。")])
    orgs = [n for n, t in g.nodes(data="type") if t == "ORG"]
    assert sorted(orgs) == ["兴县人民政府", "美锦能源集团"]
    node = g.nodes["兴县人民政府"]
    assert node["docs"] == ["a.txt", "b.txt"]
    assert {"興縣人民政府", "兴县人民政府"} <= {node["name"], *node["aliases"]}
    assert len(g.edges["兴县人民政府", "美锦能源集团", "signed_with"]["evidence"]) == 2


GROUP = "天津脑机接口产业集团揭牌成立。"
GENERIC = "近日,集团与浙江大学签署合作协议。"


def test_generic_mention_resolves_within_its_article():
    g = graph.build_text(GROUP + "\n\n" + GENERIC)
    assert _edges(g, "signed_with") == {("天津脑机接口产业集团", "浙江大学")}


def test_generic_mention_never_resolves_across_articles():
    g = graph.build_text(GROUP + "\n\n本报讯 " + GENERIC)
    assert _edges(g, "signed_with") == set()
    assert not any(d["name"] == "集团" for _, d in g.nodes(data=True))


def test_admin_hierarchy_of_mentioned_places():
    g = graph.build_text("广东省拥有干细胞临床备案机构24家,其中广州市有17家。"
                         "广州高新区、广州开发区、黄埔区集聚超4800家生物医药企业。")
    assert {("黄埔区", "广州市"), ("广州市", "广东省")} <= _edges(g, "located_in")


def test_a_group_and_a_company_of_it_stay_two_entities():
    g = graph.build_text("华康集团旗下华康药材股份有限公司发布新品。华康集团表示将继续投资。")
    assert {"华康集团", "华康药材股份有限公司"} <= set(g.nodes)


def test_banks_whose_names_share_characters_stay_apart():
    g = graph.build_text("中国工商银行与中国银行签署合作协议。")
    assert {"中国工商银行", "中国银行"} <= set(g.nodes)


def test_an_ambiguous_short_form_joins_no_entity():
    g = graph.build_text("中国银行与中信嘉华银行签署合作协议。中行表示将加强合作。")
    assert {"中国银行", "中信嘉华银行"} <= set(g.nodes)
    assert "中行" not in g.nodes["中国银行"]["aliases"] + g.nodes["中信嘉华银行"]["aliases"]
    assert "中行" in graph.build_text("中国银行发布年报。中行表示将加强合作。").nodes["中国银行"]["aliases"]


def test_a_name_without_its_place_joins_no_entity_when_several_places_lead_to_it():
    docs = [Document(d, d, f"{place}人民出版社出版了一批新书。") for d, place in (("a", "广西"), ("b", "江苏"), ("c", ""))]
    assert {"广西人民出版社", "江苏人民出版社", "人民出版社"} <= set(build_graph(docs).nodes)
    docs = [Document("a", "a", "天津滨海高新区举办推介会。"), Document("b", "b", "天津市滨海高新区举办推介会。"),
            Document("c", "c", "滨海高新区举办推介会。")]
    assert len(build_graph(docs)) == 1  # 天津 and 天津市 are one place


def test_names_that_begin_with_places_apart_are_never_one_entity_in_a_document():
    g = graph.build_text("苏州稻香村公司在声明中提到，北京稻香村公司为保全申请提供了担保。")
    assert {"苏州稻香村公司", "北京稻香村公司"} <= set(g.nodes)
    g = graph.build_text("广东省华星光电有限公司发布新品。深圳市华星光电有限公司表示将继续投资。")
    assert len([n for n in g.nodes if "华星光电" in n]) == 1  # 深圳 is in 广东


def test_a_five_character_abbreviation_of_a_long_name_is_the_same_entity():
    g = graph.build_text("中国证券监督管理委员会发布通知。中国证监会决定对该公司立案调查。")
    assert [n for n in g.nodes if "证" in n] == ["中国证券监督管理委员会"]
    assert "中国证监会" in g.nodes["中国证券监督管理委员会"]["aliases"]
