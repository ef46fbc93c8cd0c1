"""Tests for graph.render: a self-contained, escaped, deterministic HTML view."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from graph.cli import main
from graph.errors import IcgraphError
from graph.export import write_json
from graph.model import NODE_TYPE_LABELS, NODE_TYPES
from graph.render import BIG_GRAPH_NODES, html_string, render_html, to_pyvis
from graph.view import select_view

EVIL_NAME = "</script><script>window.pwned=1</script>"
EVIL_SENTENCE = '据报道<img src=x onerror=alert(1)>，详见 https://example.com/a?b=1&c=2 \u2028完'


def _graph(reverse: bool = False) -> nx.MultiDiGraph:
    nodes = [
        ("天津大学", {"name": "天津大学", "type": "ORG", "aliases": ["天大"], "mentions": 3,
                  "docs": ["news/a.html"]}),
        ("滨海新区", {"name": "滨海新区", "type": "LOC", "aliases": [], "mentions": 1,
                  "docs": ["news/a.html"]}),
        (EVIL_NAME, {"name": EVIL_NAME, "type": "PRODUCT", "aliases": ['"&<b>'], "mentions": 1,
                     "docs": ["http://evil.example/x.html"]}),
    ]
    evidence = [{"doc": "news/a.html", "article": 0, "sentence": EVIL_SENTENCE, "start": 0, "end": 9}]
    edges = [
        ("天津大学", "滨海新区", "located_in", {"relation": "located_in", "confidence": 0.9,
                                         "evidence": evidence}),
        ("天津大学", "滨海新区", "invests_in", {"relation": "invests_in", "confidence": 0.8,
                                         "amount_yuan": 2e8, "evidence": evidence}),
        ("滨海新区", "天津大学", "signed_with", {"relation": "signed_with", "confidence": 0.7,
                                          "agreement": "合作协议", "evidence": []}),
        ("天津大学", EVIL_NAME, "releases", {"relation": "releases", "confidence": 1.0,
                                         "role": "发布方", "evidence": evidence}),
    ]
    G = nx.MultiDiGraph()
    G.add_nodes_from(reversed(nodes) if reverse else nodes)
    G.add_edges_from(reversed(edges) if reverse else edges)
    return G


def _script_escaped(text: str) -> str:
    """How a string must appear inside the page's script: JSON with < > & / U+2028/9 escaped."""
    encoded = json.dumps(text, ensure_ascii=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("/", "\\/"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        encoded = encoded.replace(raw, escaped)
    return encoded


class _Scripts(HTMLParser):
    """Collects the elements a browser would see: script bodies and img tags."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.tags: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


@pytest.fixture(scope="module")
def page() -> str:
    return html_string(_graph(), title="测试 </title> http://x")


def test_no_external_urls(page):
    assert not re.search(r"(?i)https?://", page)
    assert not re.search(r"(?i)(src|href)\s*=", page.split("<body>")[1].replace("src=x", ""))


def test_untrusted_text_cannot_break_out(page):
    assert "</script><script>window.pwned" not in page
    assert "<img src=x" not in page
    assert "\u2028" not in page
    parser = _Scripts()
    parser.feed(page)
    assert len(parser.scripts) == 2  # inlined vis-network + the page script
    assert "img" not in parser.tags
    assert "测试 &lt;&#47;title&gt;" in page


def test_names_and_sentences_are_json_escaped(page):
    for name in _graph().nodes:
        assert _script_escaped(name) in page
    assert _script_escaped(EVIL_SENTENCE) in page
    assert _script_escaped('"&<b>') in page


def test_legend_lists_all_types(page):
    legend = re.search(r'<ul id="legend">(.*?)</ul>', page, re.S).group(1)
    for node_type in NODE_TYPES:
        assert NODE_TYPE_LABELS[node_type] in legend
    assert legend.count("<svg") == len(NODE_TYPES)


def test_deterministic(page):
    assert html_string(_graph(), title="测试 </title> http://x") == page
    assert html_string(_graph(reverse=True), title="测试 </title> http://x") == page


def test_page_wiring(page):
    assert "network = new vis.Network(" in page
    assert 'network.once("stabilizationIterationsDone"' in page
    assert "innerHTML" not in page.split("<body>")[1]
    assert '\\"Noto Sans CJK SC\\"' in page  # vis font face in the options JSON
    assert 'font-family: "Noto Sans CJK SC"' in page


def _curve_seen_from(edge: dict, start: str) -> tuple[str, float]:
    """(side, roundness) of an edge's curve as drawn from ``start`` to the other node."""
    smooth = edge["smooth"]
    if not smooth["enabled"]:
        return ("straight", 0.0)
    side = smooth["type"]
    if edge["from"] != start:
        side = {"curvedCW": "curvedCCW", "curvedCCW": "curvedCW"}[side]
    return (side, smooth["roundness"])


def test_pyvis_items():
    net = to_pyvis(_graph())
    nodes = {n["id"]: n for n in net.nodes}
    assert nodes["天津大学"]["size"] > nodes["滨海新区"]["size"] > nodes[EVIL_NAME]["size"]
    assert nodes["天津大学"]["shape"] != nodes["滨海新区"]["shape"]
    edges = {(e["from"], e["to"], e["info"]["relation"]): e for e in net.edges}
    assert edges["滨海新区", "天津大学", "signed_with"]["arrows"] == {"to": {"enabled": False}}
    assert edges["天津大学", "滨海新区", "located_in"]["arrows"] == "to"
    assert edges["天津大学", "滨海新区", "located_in"]["label"] == "位于"
    assert len({_curve_seen_from(e, "天津大学") for e in net.edges
                if {e["from"], e["to"]} == {"天津大学", "滨海新区"}}) == 3
    assert edges["天津大学", "滨海新区", "invests_in"]["info"]["details"][0] == "金额：2亿元"


def test_graph_is_not_mutated():
    G = _graph()
    before = json.dumps(nx.node_link_data(G, edges="edges"), sort_keys=True, ensure_ascii=False)
    html_string(G)
    assert json.dumps(nx.node_link_data(G, edges="edges"), sort_keys=True, ensure_ascii=False) == before


def test_render_html_writes_file(tmp_path, page):
    path = tmp_path / "graph.html"
    render_html(_graph(), path, title="测试 </title> http://x")
    assert path.read_text(encoding="utf-8") == page
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def _options(page: str) -> dict:
    return json.loads(re.search(r"var options = (\{.*?\});\n", page).group(1))


def _items(page: str, name: str) -> list[dict]:
    return json.loads(re.search(rf"var {name} = (\[.*?\]);\n", page).group(1))


def test_seed_page_has_no_urls(seed_graph):
    page = html_string(seed_graph, title="icgraph: seeds/")
    assert not re.search(r"(?i)https?://", page)
    assert not re.search(r"(?i)\b(src|href|action|srcset)\s*=", page.split("<body>")[1])
    css = "".join(re.findall(r"<style>(.*?)</style>", page, re.S))
    assert not re.search(r"(?i)@import|url\(\s*(?!['\"]?data:)", css)


def test_small_graph_uses_physics_until_stable(page):
    options = _options(page)
    assert options["physics"]["enabled"] is True
    assert options["physics"]["stabilization"]["enabled"] is True
    assert all("x" not in n for n in _items(page, "nodeData"))


def test_big_graph_ships_positions_with_physics_off():
    G = nx.MultiDiGraph(nx.path_graph([f"n{i}" for i in range(BIG_GRAPH_NODES + 1)]))
    page = html_string(G)
    options = _options(page)
    assert options["physics"]["enabled"] is False
    assert options["edges"]["smooth"] == {"enabled": False}
    nodes = _items(page, "nodeData")
    assert len(nodes) == BIG_GRAPH_NODES + 1
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)


def test_size_by_mentions():
    G = nx.MultiDiGraph([("a", "b"), ("a", "c")])
    G.nodes["b"]["mentions"] = 9
    by_degree = {n["id"]: n["size"] for n in to_pyvis(G).nodes}
    by_mentions = {n["id"]: n["size"] for n in to_pyvis(G, size_by="mentions").nodes}
    assert by_degree["a"] > by_degree["b"]
    assert by_mentions["b"] > by_mentions["a"]
    with pytest.raises(ValueError):
        to_pyvis(G, size_by="pagerank")


def test_search_keys_and_traditional_map(page):
    nodes = {n["id"]: n for n in _items(page, "nodeData")}
    assert nodes["天津大学"]["info"]["keys"] == ["天大", "天津大学"]
    search = json.loads(re.search(r"var search = (\{.*?\});\n", page).group(1))
    assert search["t2s"]["學"] == "学" and search["t2s"]["濱"] == "滨"
    assert "醫" not in search["t2s"]  # 医 occurs in no name of this graph


def test_notice_says_what_is_left_out():
    G = _graph()
    full = html_string(G)
    assert 'id="notice"' not in full
    page = html_string(G, max_nodes=2)
    notice = re.search(r'<p id="notice">(.*?)</p>', page).group(1)
    assert "只显示连接最多的 2 个节点（共 3 个）" in notice
    assert [n["id"] for n in _items(page, "nodeData")] == ["天津大学", "滨海新区"]


def test_view_filters_and_ego_graph():
    G = _graph()
    assert set(select_view(G, types=["ORG", "地点"]).graph) == {"天津大学", "滨海新区"}
    by_relation = select_view(G, relations=["releases"]).graph
    assert set(by_relation) == {"天津大学", EVIL_NAME} and by_relation.number_of_edges() == 1
    assert set(select_view(G, focus="滨海新区", depth=1).graph) == {"天津大学", "滨海新区"}
    assert set(select_view(G, focus="濱海新區", depth=2).graph) == set(G)
    assert set(select_view(G, focus="天大", depth=0).graph) == {"天津大学"}
    with pytest.raises(IcgraphError, match="left out"):
        select_view(G, types=["LOC"], focus="天津大学")
    with pytest.raises(IcgraphError):
        select_view(G, max_nodes=0)
    assert select_view(G).notes == ()


def test_html_command(tmp_path, capsys):
    write_json(_graph(), tmp_path / "graph.json")
    out = tmp_path / "view.html"
    assert main(["html", str(tmp_path / "graph.json"), "-o", str(out), "--focus", "天大", "--depth", "1",
                 "--types", "org", "地点"]) == 0
    assert capsys.readouterr().out.splitlines() == ["nodes: 2 of 3  edges: 3 of 4", f"open {out}"]
    page = out.read_text(encoding="utf-8")
    assert "以「天津大学」为中心，1 步以内" in page
    assert {n["id"] for n in _items(page, "nodeData")} == {"天津大学", "滨海新区"}


def test_html_command_errors(tmp_path, capsys):
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert main(["html", str(tmp_path / "bad.json"), "-o", str(tmp_path / "x.html")]) == 1
    assert main(["html", str(tmp_path / "missing.json"), "-o", str(tmp_path / "x.html")]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 2 and "bad.json" in errors[0] and "missing.json" in errors[1]
    with pytest.raises(SystemExit) as usage:
        main(["html", str(tmp_path / "bad.json"), "-o", "x.html", "--types", "company"])
    assert usage.value.code == 2
    assert not (tmp_path / "x.html").exists()
