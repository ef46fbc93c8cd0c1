"""graph.query on the seed graph: load, find, relations, neighbors, path, subgraph, stats, actors, communities."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

import graph
from graph.errors import GraphFileError, IcgraphError
from graph.export import write_graphml, write_json
from graph.query import RELATION_COLUMNS, KnowledgeGraph, NodeNotFound, load

SEED_DOC = "000_4ec6fe761e168837.txt"


@pytest.fixture(scope="module")
def kg(seed_graph) -> KnowledgeGraph:
    return KnowledgeGraph(seed_graph)


@pytest.fixture(scope="module")
def seed_files(seed_graph, tmp_path_factory) -> Path:
    """A build folder with graph.json and graph.graphml of the seed."""
    folder = tmp_path_factory.mktemp("seed")
    write_json(seed_graph, folder / "graph.json")
    write_graphml(seed_graph, folder / "graph.graphml")
    return folder


def _rows(df, columns=("head", "relation", "tail")) -> list[tuple]:
    return [tuple(row) for row in df[list(columns)].itertuples(index=False)]


def test_package_exports_load_and_knowledge_graph():
    assert graph.load is load and graph.KnowledgeGraph is KnowledgeGraph


@pytest.mark.parametrize("name, node", [
    ("天津滨海高新区", "天津滨海高新区"),
    ("天津濱海高新區", "天津滨海高新区"),
    ("滨海高新区", "天津滨海高新区"),
    ("濱海高新區", "天津滨海高新区"),
    ("天津", "天津市"),
    ("環湖醫院", "天津市环湖医院"),
    ("天津脑机接口产业集团", "天津脑机接口产业集团有限公司"),
    ("“香港理工大学”", "香港理工大学"),
    ("不存在的公司", None),
])
def test_find(kg, name, node):
    assert kg.find(name) == node


def test_relation_columns(kg):
    assert list(kg.relations().columns) == list(RELATION_COLUMNS)
    assert len(kg.relations()) == kg.to_networkx().number_of_edges()


def test_signings_of_a_university_turned_to_the_head(kg):
    df = kg.relations(head="香港理工大學", relation="signed_with")
    assert _rows(df, ("head", "relation", "tail", "agreement")) == [
        ("香港理工大学", "signed_with", "天津大学", "人才联合培养协议"),
        ("香港理工大学", "signed_with", "浙江大学", "人才联合培养协议"),
    ]


def test_three_party_signing_gives_three_pairs(kg):
    parties = {"天津大学", "香港理工大学", "浙江大学"}
    pairs = {frozenset((h, t)) for h, _, t in _rows(kg.relations(relation="signed_with"))}
    assert {p for p in pairs if p <= parties} == {frozenset(p) for p in [
        ("天津大学", "香港理工大学"), ("天津大学", "浙江大学"), ("浙江大学", "香港理工大学")]}
    df = kg.relations(head="翔宇医疗", relation="signed_with")
    assert _rows(df, ("head", "tail", "agreement")) == [
        ("翔宇医疗", "天津脑机接口产业集团有限公司", "共建合作协议"),
        ("翔宇医疗", "脑机海河实验室", "共建合作协议"),
    ]


def test_head_and_tail_of_a_symmetric_relation_match_either_way(kg):
    assert _rows(kg.relations(head="浙江大学", tail="天津大学")) == [("浙江大学", "signed_with", "天津大学")]
    assert _rows(kg.relations(head="天津大学", tail="浙江大学")) == [("天津大学", "signed_with", "浙江大学")]


@pytest.mark.parametrize("query, expected", [
    ({"head": "韩林"}, [("韩林", "holds_position", "天津滨海高新区管委会", "副主任")]),
    ({"head": "佟小光", "relation": "holds_position"}, [("佟小光", "holds_position", "天津市环湖医院", "院长")]),
    ({"tail": "中电云脑", "relation": "holds_position"}, [("程龙", "holds_position", "中电云脑", "总经理")]),
])
def test_posts(kg, query, expected):
    assert _rows(kg.relations(**query), ("head", "relation", "tail", "role")) == expected


def test_place_hierarchy(kg):
    assert _rows(kg.relations(head="黄埔", relation="located_in")) == [("黄埔区", "located_in", "广州市")]
    assert _rows(kg.relations(head="广州", relation="located_in")) == [("广州市", "located_in", "广东省")]


def test_release_with_evidence_and_docs(kg):
    df = kg.relations(head="中电云脑", relation="releases")
    assert _rows(df) == [("中电云脑", "releases", "神工一希夷")]
    row = df.iloc[0]
    assert row["head_type"] == "ORG" and row["tail_type"] == "PRODUCT"
    assert any("神工一希夷" in sentence for sentence in row["evidence"])
    assert row["docs"] == [SEED_DOC]


def test_type_filter_keeps_edges_with_an_end_of_that_type(kg):
    df = kg.relations(type="PER")
    assert len(df) > 0
    assert all("PER" in (h, t) for h, t in zip(df["head_type"], df["tail_type"]))
    assert ("韩林", "holds_position", "天津滨海高新区管委会") in _rows(df)


def test_rows_are_sorted(kg):
    rows = _rows(kg.relations())
    assert rows == sorted(rows)


def test_bad_names_and_filters(kg):
    with pytest.raises(NodeNotFound, match="no node named '不存在'"):
        kg.relations(head="不存在")
    with pytest.raises(IcgraphError, match="unknown relation 'signs'"):
        kg.relations(relation="signs")
    with pytest.raises(IcgraphError, match="unknown node type 'COMPANY'"):
        kg.relations(type="COMPANY")


def test_neighbors(kg):
    df = kg.neighbors("香港理工大学", relation="signed_with", depth=2)
    assert _rows(df, ("name", "type", "distance")) == [("天津大学", "ORG", 1), ("浙江大学", "ORG", 1)]
    around = _rows(kg.neighbors("黄埔区", relation="located_in", depth=2), ("name", "distance"))
    assert around[0] == ("广州市", 1) and ("广东省", 2) in around


def test_path(kg):
    df = kg.path("韩林", "天津")
    assert _rows(df, ("step", "head", "relation", "tail")) == [
        (1, "韩林", "holds_position", "天津滨海高新区管委会"),
        (2, "天津滨海高新区管委会", "part_of", "天津滨海高新区"),
        (3, "天津滨海高新区", "located_in", "天津市"),
    ]


def test_path_between_unconnected_nodes_is_empty():
    G = nx.MultiDiGraph()
    G.add_node("甲", type="ORG")
    G.add_node("乙", type="ORG")
    assert KnowledgeGraph(G).path("甲", "乙").empty


def test_subgraph(kg):
    universities = kg.subgraph(names=["天津大学", "香港理工大學", "浙江大学"]).to_networkx()
    assert sorted(universities) == ["天津大学", "浙江大学", "香港理工大学"]
    assert sorted(k for *_, k in universities.edges(keys=True)) == ["signed_with"] * 3
    posts = kg.subgraph(relations=["holds_position"]).to_networkx()
    assert {k for *_, k in posts.edges(keys=True)} == {"holds_position"}
    assert {"韩林", "天津滨海高新区管委会", "佟小光", "天津市环湖医院", "程龙", "中电云脑"} <= set(posts)
    assert all(posts.degree(n) > 0 for n in posts)
    places = kg.subgraph(types=["LOC"]).to_networkx()
    assert {places.nodes[n]["type"] for n in places} == {"LOC"}
    assert {("黄埔区", "广州市"), ("广州市", "广东省")} <= set(places.edges())


def test_stats(kg, seed_graph):
    stats = kg.stats()
    assert stats["nodes"] == seed_graph.number_of_nodes() and stats["edges"] == seed_graph.number_of_edges()
    assert stats["documents"] == 1
    assert sum(stats["types"].values()) == stats["nodes"]
    assert sum(stats["relations"].values()) == stats["edges"]
    assert stats["relations"]["signed_with"] == len(kg.relations(relation="signed_with"))
    assert stats["components"] == nx.number_connected_components(seed_graph.to_undirected())


def test_key_actors(kg, seed_graph):
    df = kg.key_actors(5)
    assert list(df.columns) == ["name", "type", "degree", "betweenness", "pagerank"]
    assert len(df) == 5
    assert list(df["pagerank"]) == sorted(df["pagerank"], reverse=True)
    assert all(seed_graph.degree(n) == d for n, d in zip(df["name"], df["degree"]))
    everyone = kg.key_actors(None)
    assert len(everyone) == seed_graph.number_of_nodes()
    assert everyone["pagerank"].sum() == pytest.approx(1.0)


def test_communities(kg, seed_graph):
    df = kg.communities()
    assert list(df["community"]) == list(range(len(df)))
    members = [set(m) for m in df["members"]]
    assert all(len(m) >= 2 for m in members)
    assert sum(len(m) for m in members) == len(set().union(*members))
    assert any({"天津大学", "香港理工大学", "浙江大学"} <= m for m in members)
    again = KnowledgeGraph(seed_graph.copy()).communities()
    assert again["members"].tolist() == df["members"].tolist()


def test_to_networkx_is_a_copy(kg):
    G = kg.to_networkx()
    G.remove_node("天津大学")
    assert kg.find("天津大学") == "天津大学"
    assert "天津大学" in kg.to_networkx()


def test_html_is_an_iframe_of_the_page(kg):
    page = kg.html(title="seed").data
    assert page.startswith("<div><iframe srcdoc=")
    assert "天津大学" in page and "<script" not in page.split('srcdoc="', 1)[1].split('"', 1)[0]


def test_export_and_load_every_file_format(kg, tmp_path):
    for name in ("g.json", "g.graphml", "g.gexf", "g.html"):
        assert kg.export(tmp_path / name).is_file()
    for name in ("csv", "neo4j"):
        assert kg.export(tmp_path / name, name).is_dir()
    assert nx.utils.graphs_equal(load(tmp_path / "g.graphml").to_networkx(), kg.to_networkx())
    with pytest.raises(IcgraphError, match="cannot tell the export format"):
        kg.export(tmp_path / "g.xyz")


def test_load_json_graphml_and_folder_are_the_same_graph(seed_files, seed_graph):
    from_json, from_graphml = load(seed_files / "graph.json"), load(seed_files / "graph.graphml")
    assert nx.utils.graphs_equal(from_json.to_networkx(), seed_graph)
    assert nx.utils.graphs_equal(from_graphml.to_networkx(), from_json.to_networkx())
    assert nx.utils.graphs_equal(load(seed_files).to_networkx(), seed_graph)
    assert from_json.relations().to_json() == from_graphml.relations().to_json()


def test_load_drops_null_attributes(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node("a", type="ORG", kind=None)
    write_json(G, tmp_path / "graph.json")
    assert dict(load(tmp_path).to_networkx().nodes["a"]) == {"type": "ORG"}


@pytest.mark.parametrize("name, content, message", [
    ("missing.json", None, "no such graph file"),
    ("bad.json", "{", "not valid JSON"),
    ("list.json", "[]", "not an icgraph graph"),
    ("nodes.json", json.dumps({"nodes": [{"name": "x"}], "edges": []}), "not an icgraph graph"),
    ("bad.graphml", "<graphml><graph", "not a valid icgraph GraphML file"),
    ("latin1.json", b"\xff\xfe\x00", "not UTF-8"),
])
def test_load_errors_name_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphFileError, match=message) as info:
        load(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_load_of_a_folder_without_graph_json(tmp_path):
    with pytest.raises(GraphFileError, match="graph.json: no such graph file"):
        load(tmp_path)
