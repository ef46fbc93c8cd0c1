"""Exports of the seed graph: GraphML (valid, read by networkx and igraph), GEXF, CSV, Neo4j, LadybugDB."""
from __future__ import annotations

import csv
import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from graph import exports
from graph.errors import IcgraphError
from graph.export import read_graphml, write_graphml, write_json
from graph.exports import edge_docs, export_graph, write_csv, write_gexf, write_neo4j
from graph.query import KnowledgeGraph, load

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
# XML 1.0 (5th edition) NameChar: what an xs:NMTOKEN id may contain.
NMTOKEN = re.compile("^[-.0-9:A-Z_a-z\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u037d\u037f-\u1fff\u200c\u200d"
                     "\u203f\u2040\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd]+$")
GRAPHML_TYPES = {"boolean": lambda v: v in ("true", "false"), "int": int, "long": int, "float": float,
                 "double": float, "string": str}


@pytest.fixture(scope="module")
def graphml(seed_graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("graphml") / "graph.graphml"
    export_graph(seed_graph, path, "graphml")
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.stat().st_size == 0)


def _formula_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("=HYPERLINK(\"x\")", name="=HYPERLINK(\"x\")", type="ORG", aliases=["@SUM(1)", "a;b"],
               mentions=1, docs=["a.txt"])
    G.add_node("+86公司", name="+86公司", type="ORG", aliases=[], mentions=2, docs=["a.txt"])
    G.add_edge("+86公司", "=HYPERLINK(\"x\")", key="invests_in", relation="invests_in", confidence=0.8,
               amount_yuan=1.5e8, amount_text="-1.5亿元",
               evidence=[{"doc": "a.txt", "article": 0, "sentence": "=1+1", "start": 0, "end": 4}])
    return G


# --- GraphML -------------------------------------------------------------------------------------------------------

def test_graphml_is_valid_graphml(graphml, seed_graph):
    root = ET.parse(graphml).getroot()
    assert root.tag == "{http://graphml.graphdrawing.org/xmlns}graphml"
    keys = {k.get("id"): k for k in root.findall("g:key", NS)}
    assert all(k.get("attr.type") in GRAPHML_TYPES and k.get("attr.name") for k in keys.values())
    assert [child.tag.split("}")[1] for child in root] == ["key"] * len(keys) + ["graph"]
    nodes = root.findall("g:graph/g:node", NS)
    edges = root.findall("g:graph/g:edge", NS)
    assert len(nodes) == seed_graph.number_of_nodes() and len(edges) == seed_graph.number_of_edges()
    node_ids = [n.get("id") for n in nodes]
    edge_ids = [e.get("id") for e in edges]
    assert all(NMTOKEN.match(i) for i in node_ids + edge_ids)
    assert len(set(node_ids)) == len(node_ids) and len(set(edge_ids)) == len(edge_ids)
    assert all(e.get("source") in node_ids and e.get("target") in node_ids for e in edges)
    for element, scope in [*((n, "node") for n in nodes), *((e, "edge") for e in edges),
                           (root.find("g:graph", NS), "graph")]:
        for data in element.findall("g:data", NS):
            key = keys[data.get("key")]
            assert key.get("for") == scope
            GRAPHML_TYPES[key.get("attr.type")](data.text or "")


def test_graphml_keys_are_typed(graphml):
    root = ET.parse(graphml).getroot()
    types = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in root.findall("g:key", NS)}
    assert types[("node", "mentions")] in ("int", "long")
    assert types[("edge", "confidence")] == "double"
    assert types[("node", "aliases")] == types[("edge", "evidence")] == "string"


def test_graphml_read_back_by_networkx_and_igraph(graphml, seed_graph):
    igraph = pytest.importorskip("igraph")
    raw = nx.read_graphml(graphml, force_multigraph=True)
    ig = igraph.Graph.Read_GraphML(str(graphml))
    assert (ig.vcount(), ig.ecount()) == (raw.number_of_nodes(), raw.number_of_edges())
    assert (ig.vcount(), ig.ecount()) == (seed_graph.number_of_nodes(), seed_graph.number_of_edges())
    by_id = {v["id"]: v for v in ig.vs}
    for node, attrs in raw.nodes(data=True):
        assert _present(by_id[node].attributes(), drop="id") == attrs
    raw_edges = sorted((raw.nodes[u]["label"], raw.nodes[v]["label"], d["relation"], json.dumps(d, sort_keys=True))
                       for u, v, d in raw.edges(data=True))
    ig_edges = sorted((ig.vs[e.source]["label"], ig.vs[e.target]["label"], e["relation"],
                       json.dumps(_present(e.attributes(), drop="id"), sort_keys=True)) for e in ig.es)
    assert ig_edges == raw_edges
    decoded = read_graphml(graphml)
    for u, v, rel, attrs in raw_edges:
        assert json.loads(attrs)["evidence"] == json.dumps(
            decoded.edges[u, v, rel]["evidence"], ensure_ascii=False, sort_keys=True)


def _present(attrs: dict, drop: str) -> dict:
    """igraph fills missing attributes with '' or NaN and reads every number as float: undo that."""
    out = {}
    for key, value in attrs.items():
        if key == drop or value == "" or (isinstance(value, float) and math.isnan(value)):
            continue
        out[key] = int(value) if isinstance(value, float) and value.is_integer() and key == "mentions" else value
    return out


def test_graphml_load_equals_json_load(graphml, seed_graph, tmp_path):
    write_json(seed_graph, tmp_path / "graph.json")
    assert nx.utils.graphs_equal(load(graphml).to_networkx(), load(tmp_path / "graph.json").to_networkx())


def test_graphml_of_odd_ids_round_trips(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node("本报讯 (记者)", name="本报讯 (记者)", type="ORG", aliases=["a<b>&"], mentions=1, docs=[])
    G.add_node("2026国际(广州)大会", name="2026国际(广州)大会", type="EVENT", aliases=[], mentions=1, docs=[])
    G.add_edge("本报讯 (记者)", "2026国际(广州)大会", key="announced_at", relation="announced_at", confidence=1.0)
    G.add_edge("本报讯 (记者)", "2026国际(广州)大会", key="part_of", relation="part_of", confidence=0.5)
    write_graphml(G, tmp_path / "g.graphml")
    assert nx.utils.graphs_equal(read_graphml(tmp_path / "g.graphml"), G)


# --- GEXF ----------------------------------------------------------------------------------------------------------

def test_gexf_round_trip(seed_graph, tmp_path):
    path = tmp_path / "graph.gexf"
    write_gexf(seed_graph, path)
    H = nx.read_gexf(path)
    assert (H.number_of_nodes(), H.number_of_edges()) == (seed_graph.number_of_nodes(), seed_graph.number_of_edges())
    for node, attrs in seed_graph.nodes(data=True):
        assert H.nodes[node]["label"] == attrs["name"]
        assert json.loads(H.nodes[node]["aliases"]) == attrs["aliases"]
        assert H.nodes[node]["mentions"] == attrs["mentions"]
    read = {(u, v, d["relation"]): d for u, v, d in H.edges(data=True)}  # a DiGraph when no edges are parallel
    assert len(read) == seed_graph.number_of_edges()
    for u, v, key, attrs in seed_graph.edges(keys=True, data=True):
        edge = read[u, v, key]
        assert edge["confidence"] == attrs["confidence"]
        assert json.loads(edge["evidence"]) == attrs["evidence"]


def test_gexf_failure_keeps_the_old_file(seed_graph, tmp_path):
    path = tmp_path / "graph.gexf"
    write_gexf(seed_graph, path)
    old = path.read_bytes()
    G = seed_graph.copy()
    G.nodes["天津大学"]["bad"] = object()
    with pytest.raises(Exception):
        write_gexf(G, path)
    assert path.read_bytes() == old and _leftovers(tmp_path) == []


# --- CSV -----------------------------------------------------------------------------------------------------------

def test_csv_tables(seed_graph, tmp_path):
    pd = pytest.importorskip("pandas")
    write_csv(seed_graph, tmp_path)
    nodes = pd.read_csv(tmp_path / "nodes.csv", keep_default_na=False)
    edges = pd.read_csv(tmp_path / "edges.csv", keep_default_na=False)
    assert list(nodes.columns[:6]) == ["id", "name", "type", "aliases", "mentions", "docs"]
    assert list(edges.columns[:3]) == ["source", "target", "relation"]
    assert len(nodes) == seed_graph.number_of_nodes() and len(edges) == seed_graph.number_of_edges()
    row = nodes.set_index("id").loc["天津滨海高新区"]
    assert json.loads(row["aliases"]) == seed_graph.nodes["天津滨海高新区"]["aliases"]
    assert row["mentions"] == seed_graph.nodes["天津滨海高新区"]["mentions"]
    posts = edges[(edges.source == "韩林") & (edges.relation == "holds_position")]
    assert posts[["target", "role"]].values.tolist() == [["天津滨海高新区管委会", "副主任"]]
    attrs = seed_graph.edges["韩林", "天津滨海高新区管委会", "holds_position"]
    assert json.loads(posts.iloc[0]["evidence"]) == attrs["evidence"]
    assert json.loads(posts.iloc[0]["docs"]) == edge_docs(attrs)


def test_csv_neutralises_formulas(tmp_path):
    write_csv(_formula_graph(), tmp_path)
    with open(tmp_path / "nodes.csv", encoding="utf-8", newline="") as f:
        nodes = list(csv.DictReader(f))
    with open(tmp_path / "edges.csv", encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    assert [n["id"] for n in nodes] == ["'+86公司", "'=HYPERLINK(\"x\")"]
    assert json.loads(nodes[1]["aliases"]) == ["@SUM(1)", "a;b"]  # JSON text starts with [
    assert edges[0]["amount_text"] == "'-1.5亿元" and edges[0]["amount_yuan"] == "150000000.0"
    cells = [cell for row in nodes + edges for cell in row.values()]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_csv_failure_leaves_no_half_or_empty_file(seed_graph, tmp_path, monkeypatch):
    write_csv(seed_graph, tmp_path)
    old_edges = (tmp_path / "edges.csv").read_bytes()

    def fail_on_edges(path, text):
        if Path(path).name == "edges.csv":
            raise OSError("disk full")
        real(path, text)

    real = exports.write_text_atomic
    monkeypatch.setattr(exports, "write_text_atomic", fail_on_edges)
    with pytest.raises(OSError, match="disk full"):
        write_csv(_formula_graph(), tmp_path)
    assert (tmp_path / "edges.csv").read_bytes() == old_edges
    assert _leftovers(tmp_path) == []


# --- Neo4j ---------------------------------------------------------------------------------------------------------

NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "date",
               "localtime", "time", "localdatetime", "datetime", "duration", "point"}


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _neo4j_value(cell: str, column: str):
    """A cell parsed the way neo4j-admin import reads it, by the column's type."""
    kind = column.split(":", 1)[1] if ":" in column else "string"
    if cell == "":
        return None
    if kind.endswith("[]"):
        return cell.split(";")
    return {"long": int, "int": int, "double": float, "float": float,
            "boolean": lambda c: c == "true"}.get(kind, str)(cell)


@pytest.fixture(scope="module")
def neo4j(seed_graph, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("neo4j")
    write_neo4j(seed_graph, folder)
    return folder


def test_neo4j_headers(neo4j):
    node_header, _ = _read(neo4j / "nodes.csv")
    edge_header, _ = _read(neo4j / "relationships.csv")
    assert node_header[0] == "id:ID" and node_header[-1] == ":LABEL"
    assert edge_header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    for column in node_header[1:-1] + edge_header[3:]:
        name, _, kind = column.partition(":")
        assert re.fullmatch(r"[a-z_]+", name)
        assert kind == "" or kind.removesuffix("[]") in NEO4J_TYPES
    assert {"mentions:long", "aliases:string[]", "docs:string[]"} <= set(node_header)
    assert {"confidence:double", "evidence", "docs:string[]"} <= set(edge_header)


def test_neo4j_rows_parse_back_to_the_graph(neo4j, seed_graph):
    node_header, nodes = _read(neo4j / "nodes.csv")
    edge_header, edges = _read(neo4j / "relationships.csv")
    assert len(nodes) == seed_graph.number_of_nodes() and len(edges) == seed_graph.number_of_edges()
    for row in nodes:
        attrs = seed_graph.nodes[row["id:ID"]]
        assert row[":LABEL"] == f"Entity;{attrs['type']}"
        assert _neo4j_value(row["mentions:long"], "mentions:long") == attrs["mentions"]
        assert (_neo4j_value(row["aliases:string[]"], "aliases:string[]") or []) == attrs["aliases"]
    ids = {row["id:ID"] for row in nodes}
    for row in edges:
        assert row[":START_ID"] in ids and row[":END_ID"] in ids
        attrs = seed_graph.edges[row[":START_ID"], row[":END_ID"], row[":TYPE"].lower()]
        assert _neo4j_value(row["confidence:double"], "confidence:double") == attrs["confidence"]
        assert json.loads(row["evidence"]) == attrs["evidence"]
        assert _neo4j_value(row["docs:string[]"], "docs:string[]") == edge_docs(attrs)
    signed = {(r[":START_ID"], r[":END_ID"]) for r in edges if r[":TYPE"] == "SIGNED_WITH"}
    assert ("天津大学", "香港理工大学") in signed


def test_neo4j_array_delimiter_inside_items(tmp_path):
    write_neo4j(_formula_graph(), tmp_path)
    _, nodes = _read(tmp_path / "nodes.csv")
    assert nodes[1]["aliases:string[]"].split(";") == ["@SUM(1)", "a；b"]
    assert nodes[1]["id:ID"] == "=HYPERLINK(\"x\")"  # a database import, not a spreadsheet: kept as is


def _statements(script: str) -> list[str]:
    body = "\n".join(line for line in script.splitlines() if not line.startswith("//"))
    return [s.strip() for s in body.split(";\n") if s.strip()]


def test_cypher_script_statements(neo4j, seed_graph):
    script = (neo4j / "import.cypher").read_text(encoding="utf-8")
    assert "neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv" in script
    statements = _statements(script)
    assert statements[-1].endswith(";") and all(not s.endswith(";") for s in statements[:-1])
    statements = [s.rstrip(";") for s in statements]
    assert statements[0] == "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE"
    node_header, _ = _read(neo4j / "nodes.csv")
    edge_header, _ = _read(neo4j / "relationships.csv")
    headers = {"nodes.csv": set(node_header), "relationships.csv": set(edge_header)}
    for statement in statements:
        for quote in ("'", "`", "(", "[", "{"):
            closing = {"(": ")", "[": "]", "{": "}"}.get(quote, quote)
            assert statement.count(quote) == statement.count(closing) if quote != closing \
                else statement.count(quote) % 2 == 0
        source = re.search(r"LOAD CSV WITH HEADERS FROM 'file:///([a-z.]+)' AS row", statement)
        if source:
            referenced = set(re.findall(r"row\.`([^`]+)`", statement))
            assert referenced and referenced <= headers[source.group(1)], statement
    labels = {re.search(r"SET n:`(\w+)`", s).group(1) for s in statements if "SET n:`" in s}
    assert labels == {t for _, t in seed_graph.nodes(data="type")}
    merged = [re.search(r"MERGE \(a\)-\[r:`(\w+)`\]->\(b\)", s).group(1) for s in statements if "MERGE (a)" in s]
    assert sorted(merged) == sorted({k.upper() for *_, k in seed_graph.edges(keys=True)})
    node_load = next(s for s in statements if "'file:///nodes.csv'" in s)
    assert "n.`mentions` = toInteger(row.`mentions:long`)" in node_load
    assert "n.`aliases` = split(row.`aliases:string[]`, ';')" in node_load
    assert "toFloat(row.`confidence:double`)" in next(s for s in statements if "SIGNED_WITH" in s)


# --- LadybugDB -----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ladybug_db(seed_graph, tmp_path_factory) -> Path:
    pytest.importorskip("ladybug")
    path = tmp_path_factory.mktemp("ladybug") / "graph.lbug"
    export_graph(seed_graph, path, "ladybug")
    return path


def test_ladybug_who_signed_with_whom(ladybug_db, seed_graph):
    from graph.ladybug_db import cypher
    rows = cypher(ladybug_db, "MATCH (a:Entity)-[r:signed_with]->(b:Entity) "
                              "RETURN a.id, b.id, r.agreement ORDER BY a.id, b.id")
    expected = KnowledgeGraph(seed_graph).relations(relation="signed_with")
    assert rows == expected[["head", "tail", "agreement"]].values.tolist()
    assert ["天津大学", "香港理工大学", "人才联合培养协议"] in rows


@pytest.mark.parametrize("zone", ["天津滨海高新区", "广州市", "天津市"])
def test_ladybug_what_is_located_in_a_zone(ladybug_db, seed_graph, zone):
    from graph.ladybug_db import cypher
    rows = cypher(ladybug_db, "MATCH (x:Entity)-[:located_in]->(z:Entity {id: $zone}) RETURN x.id ORDER BY x.id",
                  {"zone": zone})
    expected = KnowledgeGraph(seed_graph).relations(relation="located_in", tail=zone)
    assert [r[0] for r in rows] == expected["head"].tolist()


def test_ladybug_nodes_and_properties(ladybug_db, seed_graph):
    from graph.ladybug_db import cypher
    assert cypher(ladybug_db, "MATCH (n:Entity) RETURN count(n)") == [[seed_graph.number_of_nodes()]]
    total = sum(cypher(ladybug_db, f"MATCH ()-[r:{rel}]->() RETURN count(r)")[0][0]
                for rel in ("signed_with", "cooperates_with", "located_in", "part_of", "holds_position",
                            "releases", "invests_in", "announced_at", "focuses_on"))
    assert total == seed_graph.number_of_edges()
    [[aliases, mentions, typ]] = cypher(ladybug_db, "MATCH (n:Entity {id: '天津滨海高新区'}) "
                                                    "RETURN n.aliases, n.mentions, n.type")
    attrs = seed_graph.nodes["天津滨海高新区"]
    assert (aliases, mentions, typ) == (attrs["aliases"], attrs["mentions"], "PARK")
    [[role, evidence, docs]] = cypher(ladybug_db, "MATCH (:Entity {id: '韩林'})-[r:holds_position]->(:Entity) "
                                                  "RETURN r.role, r.evidence, r.docs")
    edge = seed_graph.edges["韩林", "天津滨海高新区管委会", "holds_position"]
    assert (role, json.loads(evidence), docs) == ("副主任", edge["evidence"], [edge["evidence"][0]["doc"]])


def test_ladybug_failure_keeps_the_old_database(ladybug_db, tmp_path, monkeypatch):
    from graph import ladybug_db as module
    target = tmp_path / "graph.lbug"
    target.write_bytes(ladybug_db.read_bytes())
    old = target.read_bytes()

    def broken(connection, G):
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "_load", broken)
    with pytest.raises(RuntimeError, match="boom"):
        module.write_ladybug(_formula_graph(), target)
    assert target.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.lbug"]


def test_ladybug_overwrites_and_refuses_a_folder(tmp_path):
    pytest.importorskip("ladybug")
    from graph.ladybug_db import cypher, write_ladybug
    target = tmp_path / "g.lbug"
    write_ladybug(_formula_graph(), target)
    write_ladybug(_formula_graph(), target)
    assert cypher(target, "MATCH (n:Entity) RETURN n.id ORDER BY n.id") == [["+86公司"], ["=HYPERLINK(\"x\")"]]
    assert cypher(target, "MATCH ()-[r:invests_in]->() RETURN r.amount_yuan") == [[1.5e8]]
    with pytest.raises(IcgraphError, match="is a folder"):
        write_ladybug(_formula_graph(), tmp_path)
