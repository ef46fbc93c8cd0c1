"""Tests for graph.export and graph.atomic."""
from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import io

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import atomic
from graph.export import (JSON_ATTRS_KEY, LABEL, _clean, _json_text, encoded_copy, graphml_text, read_graphml, to_node_link,
                          write_graphml, write_json)


def _evidence(doc: str, sentence: str) -> dict:
    return {"doc": doc, "article": 0, "sentence": sentence, "start": 3, "end": 3 + len(sentence)}


def _graph(reverse: bool = False) -> nx.MultiDiGraph:
    """Three nodes, parallel edges, optional attributes present on some edges only."""
    nodes = [
        ("天津大学", {"name": "天津大学", "type": "ORG", "aliases": ["天大", "TJU"], "mentions": 3,
                  "docs": ["news/b.html", "news/a.html"], "kind": "university"}),
        ("滨海新区", {"name": "滨海新区", "type": "LOC", "aliases": [], "mentions": 1,
                  "docs": ["news/a.html"], "admin_level": "district"}),
        ("信创产业", {"name": "信创产业", "type": "INDUSTRY", "aliases": ["信创"], "mentions": 2,
                  "docs": ["news/b.html"]}),
    ]
    edges = [
        ("天津大学", "滨海新区", "located_in",
         {"relation": "located_in", "confidence": 0.9,
          "evidence": [_evidence("news/a.html", "天津大学位于滨海新区。")]}),
        ("天津大学", "滨海新区", "invests_in",
         {"relation": "invests_in", "confidence": 1, "amount_yuan": 1.5e9, "amount_text": "15亿元",
          "date": "2024-05-01",
          "evidence": [_evidence("news/b.html", "投资15亿元。"), _evidence("news/a.html", "再投资。")]}),
        ("滨海新区", "天津大学", "cooperates_with",
         {"relation": "cooperates_with", "confidence": 0.75, "agreement": "战略合作协议",
          "evidence": [_evidence("news/a.html", "双方签署\"战略合作\"协议 & 备忘录。")]}),
        ("天津大学", "信创产业", "focuses_on",
         {"relation": "focuses_on", "confidence": 0.6, "role": None, "evidence": []}),
    ]
    G = nx.MultiDiGraph()
    G.add_nodes_from(reversed(nodes) if reverse else nodes)
    G.add_edges_from(reversed(edges) if reverse else edges)
    return G


def _without_none(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = G.copy()
    for *_, attrs in H.edges(keys=True, data=True):
        for key in [k for k, v in attrs.items() if v is None]:
            del attrs[key]
    return H


def _assert_same_graph(A: nx.MultiDiGraph, B: nx.MultiDiGraph) -> None:
    assert isinstance(B, nx.MultiDiGraph)
    assert dict(A.nodes(data=True)) == dict(B.nodes(data=True))
    assert {(u, v, k): d for u, v, k, d in A.edges(keys=True, data=True)} == \
        {(u, v, k): d for u, v, k, d in B.edges(keys=True, data=True)}
    assert A.graph == B.graph


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_node_link_is_sorted_and_keeps_list_order():
    data = to_node_link(_graph(reverse=True))
    assert [n["id"] for n in data["nodes"]] == ["信创产业", "天津大学", "滨海新区"]
    assert [(e["source"], e["target"], e["key"]) for e in data["edges"]] == sorted(
        (e["source"], e["target"], e["key"]) for e in data["edges"])
    assert data["nodes"][1]["docs"] == ["news/b.html", "news/a.html"]


def test_json_is_deterministic(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_json(_graph(), first)
    write_json(_graph(reverse=True), second)
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    assert "天津大学" in text  # ensure_ascii=False
    assert json.loads(text)["multigraph"] is True


def test_graphml_parses_and_round_trips(tmp_path):
    G = _graph()
    path = tmp_path / "g.graphml"
    write_graphml(G, path)
    root = ET.parse(path).getroot()
    assert root.tag.endswith("graphml")
    _assert_same_graph(_without_none(G), read_graphml(path))


def test_graphml_is_deterministic(tmp_path):
    first, second = tmp_path / "a.graphml", tmp_path / "b.graphml"
    write_graphml(_graph(), first)
    write_graphml(_graph(reverse=True), second)
    assert first.read_bytes() == second.read_bytes()


def test_graphml_numeric_types_mix(tmp_path):
    """confidence is int on one edge and float on others; amount_yuan is missing on most."""
    path = tmp_path / "g.graphml"
    write_graphml(_graph(), path)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {k.get("attr.name"): k.get("attr.type")
            for k in ET.parse(path).getroot().findall("g:key[@for='edge']", ns)}
    assert keys["confidence"] == "double"
    assert keys["amount_yuan"] == "double"
    H = read_graphml(path)
    assert H.edges["天津大学", "滨海新区", "invests_in"]["confidence"] == 1.0
    assert "amount_yuan" not in H.edges["天津大学", "滨海新区", "located_in"]


def test_graphml_strips_control_characters(tmp_path):
    G = nx.MultiDiGraph()
    name = "天津\x00大学\x07\x1f"
    G.add_node(name, name=name, type="ORG", aliases=["天\x0b大"], mentions=1, docs=["a\x0c"])
    G.add_node("b", name="b", type="LOC", aliases=[], mentions=1, docs=[])
    G.add_edge(name, "b", key="located_in", relation="located_in", confidence=0.5,
               evidence=[_evidence("a", "位于\x01b。\tok\n")])
    path = tmp_path / "g.graphml"
    write_graphml(G, path)
    ET.parse(path)  # would raise on a forbidden character
    H = read_graphml(path)
    assert dict(H.nodes["天津大学"]) == {"name": "天津大学", "type": "ORG", "aliases": ["天大"],
                                     "mentions": 1, "docs": ["a"]}
    evidence = H.edges["天津大学", "b", "located_in"]["evidence"]
    assert evidence[0]["sentence"] == "位于b。\tok\n"


def _networkx_graphml(G: nx.MultiDiGraph) -> str:
    """What networkx's lxml writer makes of the encoded copy with GraphML ids (the reference)."""
    H = encoded_copy(G)
    ids = {node: f"n{i}" for i, node in enumerate(H.nodes)}
    X = nx.MultiDiGraph()
    X.graph.update(H.graph)
    X.add_nodes_from((ids[node], {**attrs, LABEL: str(node)}) for node, attrs in H.nodes(data=True))
    X.add_edges_from((ids[u], ids[v], f"e{i}", attrs) for i, (u, v, attrs) in enumerate(H.edges(data=True)))
    buffer = io.BytesIO()
    nx.write_graphml_lxml(X, buffer, infer_numeric_types=True)
    return buffer.getvalue().decode("utf-8")


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from("\x00\x08\x0c\r&<>\"'\\"),
                max_size=6)
_VALUE = st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False) | _TEXT | st.lists(_TEXT, max_size=3) \
    | st.dictionaries(_TEXT, _TEXT | st.integers(), max_size=2)
_ATTRS = st.dictionaries(st.sampled_from(["name", "aliases", "mentions", "w", "x&y"]), _VALUE, max_size=4)


@settings(max_examples=150, deadline=None)
@given(nodes=st.dictionaries(_TEXT, _ATTRS, max_size=5), edges=st.lists(st.tuples(_TEXT, _TEXT, _TEXT, _ATTRS), max_size=6))
def test_graphml_text_is_networkx_output(nodes, edges):
    G = nx.MultiDiGraph()
    G.add_nodes_from(nodes.items())
    G.add_edges_from(edges)
    if len(encoded_copy(G)) < len(G):  # ids equal once XML-cleaned: the copy merges those nodes
        return
    assert graphml_text(G) == _networkx_graphml(G)


@settings(max_examples=300, deadline=None)
@given(_VALUE)
def test_json_attribute_text_is_the_cleaned_value_encoded(value):
    assert _json_text(value) == json.dumps(_clean(value), ensure_ascii=False, sort_keys=True)


def test_graphml_of_an_empty_graph_is_networkx_output():
    assert graphml_text(nx.MultiDiGraph()) == _networkx_graphml(nx.MultiDiGraph())
    assert JSON_ATTRS_KEY in graphml_text(nx.MultiDiGraph())


def test_failed_replace_keeps_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "g.json"
    write_json(_graph(), path)
    old = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_json(nx.MultiDiGraph(), path)
    assert path.read_bytes() == old
    assert _leftovers(tmp_path) == []


def test_failed_serialisation_keeps_old_file(tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(_graph(), path)
    old = path.read_bytes()
    G = _graph()
    G.nodes["天津大学"]["bad"] = {1, 2}  # sets are not GraphML-serialisable
    with pytest.raises(TypeError, match="does not support"):
        write_graphml(G, path)
    assert path.read_bytes() == old
    assert _leftovers(tmp_path) == []


def test_atomic_write_failure_during_write(tmp_path, monkeypatch):
    path = tmp_path / "view.html"
    atomic.write_text_atomic(path, "old")

    def broken_fsync(fd):
        raise OSError("io error")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="io error"):
        atomic.write_text_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []


def test_atomic_write_keeps_mode(tmp_path):
    path = tmp_path / "g.json"
    path.write_text("x", encoding="utf-8")
    os.chmod(path, 0o640)
    atomic.write_text_atomic(path, "y")
    assert path.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "new.json"
    atomic.write_text_atomic(fresh, "z")
    assert fresh.stat().st_mode & 0o777 == 0o644
