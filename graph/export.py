"""Export graphs as node-link JSON and GraphML, and read GraphML back.

Both writers are deterministic (nodes sorted by id, edges by
``(source, target, key)``) and write atomically.

GraphML has no list or dict type, so every attribute that holds a list or dict
somewhere in its scope (``aliases``, ``docs``, ``evidence``, ...) is stored as a
JSON string; the names of those attributes are recorded in the graph attribute
``icgraph_json_attrs`` so :func:`read_graphml` can decode them. Characters that
XML 1.0 forbids (C0 controls other than tab/newline/CR, surrogates, U+FFFE,
U+FFFF) are stripped from the GraphML copy, and ``None`` values are dropped.

The GraphML schema types node ids as XML name tokens (no brackets, no spaces)
and wants edge ids unique in the document, so nodes are written as ``n0``,
``n1``, ... with the icgraph node id in the ``label`` attribute (which Gephi and
igraph show as the label) and edges as ``e0``, ``e1``, ...; :func:`read_graphml`
restores node ids from ``label`` and edge keys from ``relation``.

>>> import networkx as nx, pathlib, tempfile
>>> G = nx.MultiDiGraph()
>>> G.add_node("天津大学", name="天津大学", type="ORG", aliases=["天大"], mentions=2, docs=["a"])
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
>>> write_graphml(G, path)
>>> read_graphml(path).nodes["天津大学"]["aliases"]
['天大']
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph.atomic import write_bytes_atomic, write_text_atomic

__all__ = ["JSON_ATTRS_KEY", "encoded_copy", "graphml_text", "read_graphml", "to_node_link",
           "write_graphml", "write_json"]

JSON_ATTRS_KEY = "icgraph_json_attrs"
LABEL = "label"
_TO_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_JSON_ILLEGAL = re.compile(r"\\[ubf]|" + _XML_ILLEGAL.pattern)  # in JSON text: escaped or as is


def to_node_link(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link data of ``G`` with nodes sorted by id and edges by (source, target, key).

    List attributes are kept in their original order.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("b", "a", key="part_of", relation="part_of")
    'part_of'
    >>> G.add_edge("a", "b", key="signed_with", relation="signed_with")
    'signed_with'
    >>> [(e["source"], e["key"]) for e in to_node_link(G)["edges"]]
    [('a', 'signed_with'), ('b', 'part_of')]
    """
    data = nx.node_link_data(G, edges="edges")
    data["nodes"].sort(key=lambda node: str(node["id"]))
    data["edges"].sort(key=lambda e: (str(e["source"]), str(e["target"]), str(e.get("key"))))
    return data


def write_json(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Atomically write ``G`` as node-link JSON (UTF-8, sorted keys, one node or edge per line).

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.json"
    >>> write_json(nx.MultiDiGraph([("a", "b")]), path)
    >>> print(path.read_text(encoding="utf-8"))
    {
    "directed": true,
    "edges": [
    {"key": 0, "source": "a", "target": "b"}
    ],
    "graph": {},
    "multigraph": true,
    "nodes": [
    {"id": "a"},
    {"id": "b"}
    ]
    }
    <BLANKLINE>
    """
    write_text_atomic(path, json_lines(to_node_link(G)))


def json_lines(data: dict[str, Any]) -> str:
    """``data`` as JSON with sorted keys, each item of its top-level lists on a line of its own.

    As readable and diffable as an indented file, and written by the JSON
    module's C encoder (indenting makes it use its pure-Python one).

    >>> print(json_lines({"b": [1, {"x": "天"}], "a": True, "c": []}), end="")
    {
    "a": true,
    "b": [
    1,
    {"x": "天"}
    ],
    "c": []
    }
    """
    fields = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, list) and value:
            fields.append(f"{_TO_JSON(key)}: [\n" + ",\n".join(map(_TO_JSON, value)) + "\n]")
        else:
            fields.append(f"{_TO_JSON(key)}: {_TO_JSON(value)}")
    return "{\n" + ",\n".join(fields) + "\n}\n"


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Atomically write ``G`` as GraphML; list/dict attributes become JSON strings.

    Numeric attribute types are generalised per key (an attribute that is
    ``int`` on one edge and ``float`` on another is declared ``double``);
    attributes missing on some elements are simply absent there. The bytes are
    those of networkx's ``write_graphml_lxml`` (pretty-printed, a carriage
    return in a value written ``&#13;`` so XML parsers keep it) for the copy of
    ``G`` that :func:`encoded_copy` and GraphML ids make, written directly:
    a fifth of the time for a big graph.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
    >>> write_graphml(nx.MultiDiGraph([("a", "b")]), path)
    >>> path.read_bytes().startswith(b"<?xml")
    True
    """
    write_bytes_atomic(path, graphml_text(G).encode("utf-8"))


def graphml_text(G: nx.MultiDiGraph) -> str:
    """The GraphML document :func:`write_graphml` writes.

    >>> print(graphml_text(nx.MultiDiGraph([("a", "b", {"w": 1})])).split("<graph ")[1])
    edgedefault="directed"><data key="d0">{"edge": [], "graph": [], "node": []}</data>
    <node id="n0">
      <data key="d1">a</data>
    </node>
    <node id="n1">
      <data key="d1">b</data>
    </node>
    <edge source="n0" target="n1" id="e0">
      <data key="d2">1</data>
    </edge>
    </graph></graphml>
    """
    nodes = sorted(G.nodes, key=str)
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    json_keys = {"graph": _json_keys([G.graph]), "node": _json_keys(G.nodes[n] for n in nodes),
                 "edge": _json_keys(attrs for *_, attrs in edges)}
    graph_data = {**_encode(G.graph, json_keys["graph"]), JSON_ATTRS_KEY: json.dumps(json_keys, sort_keys=True)}
    graph_data = {k: v for k, v in graph_data.items() if k not in ("node_default", "edge_default")}
    ids = {node: f"n{i}" for i, node in enumerate(nodes)}
    node_data = [{**_encode(G.nodes[n], json_keys["node"]), LABEL: _clean(str(n))} for n in nodes]
    edge_data = [_encode(attrs, json_keys["edge"]) for *_, attrs in edges]
    keys = _GraphmlKeys()
    keys.add("graph", [graph_data])
    keys.add("node", node_data)
    keys.add("edge", edge_data)
    out = ["<?xml version='1.0' encoding='utf-8'?>\n", _GRAPHML_OPEN, *keys.declarations(),
           '<graph edgedefault="directed">']
    out.extend(f'<data key="{keys.id["graph", k]}">{_xml_text(v)}</data>\n' for k, v in graph_data.items())
    for node, data in zip(nodes, node_data, strict=True):
        out.append(_graphml_element(f'<node id="{ids[node]}"', "node", data, keys.id))
    for i, ((u, v, _, _), data) in enumerate(zip(edges, edge_data, strict=True)):
        out.append(_graphml_element(f'<edge source="{ids[u]}" target="{ids[v]}" id="e{i}"',
                                    "edge", data, keys.id))
    out.append("</graph></graphml>")
    return "".join(out)


_GRAPHML_OPEN = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
# GraphML's name for each Python type, and the order in which mixed numeric types generalise.
_XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_NEEDS_ESCAPE = re.compile("[&<>\r]")
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


class _GraphmlKeys:
    """GraphML ``<key>`` ids (``d0``, ``d1``, ... in order of first use) and types per (scope, name)."""

    def __init__(self) -> None:
        self.id: dict[tuple[str, str], str] = {}
        self.types: dict[tuple[str, str], set[type]] = {}

    def add(self, scope: str, elements: list[dict[str, Any]]) -> None:
        for data in elements:
            for name, value in data.items():
                if type(value) not in _XML_TYPES:
                    raise TypeError(f"GraphML does not support {type(value).__name__} values "
                                    f"(attribute {name!r} of a {scope})")
                key = scope, name
                if key not in self.id:
                    self.id[key] = f"d{len(self.id)}"
                    self.types[key] = set()
                self.types[key].add(type(value))

    def declarations(self) -> list[str]:
        """The ``<key>`` elements, last made first (as networkx writes them)."""
        return [f'<key id="{self.id[key]}" for="{key[0]}" attr.name="{_xml_attr(key[1])}" '
                f'attr.type="{_general_type(self.types[key])}"/>\n' for key in reversed(self.id)]


def _general_type(types: set[type]) -> str:
    """The GraphML type of values of these Python types: one type as is, else string, double or long."""
    names = {_XML_TYPES[t] for t in types}
    if len(names) == 1:
        return names.pop()
    return "string" if "string" in names else "double" if "double" in names else "long"


def _graphml_element(opening: str, scope: str, data: dict[str, Any], ids: dict[tuple[str, str], str]) -> str:
    if not data:
        return opening + "/>\n"
    rows = "".join(f'  <data key="{ids[scope, k]}">{_xml_text(v)}</data>\n' for k, v in data.items())
    return f"{opening}>\n{rows}</{scope}>\n"


def _xml_text(value: Any) -> str:
    text = str(value)
    return text.translate(_TEXT_ESCAPES) if _NEEDS_ESCAPE.search(text) else text


def _xml_attr(value: str) -> str:
    return value.translate(_ATTR_ESCAPES)


def read_graphml(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a file written by :func:`write_graphml`, decoding its JSON-encoded attributes.

    >>> import pathlib, tempfile
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="invests_in", relation="invests_in", amount_yuan=1e8)
    'invests_in'
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
    >>> write_graphml(G, path)
    >>> read_graphml(path).edges["a", "b", "invests_in"]["amount_yuan"]
    100000000.0
    """
    G = nx.read_graphml(path, node_type=str, edge_key_type=str, force_multigraph=True)
    for default in ("node_default", "edge_default"):
        if not G.graph.get(default):
            G.graph.pop(default, None)
    if JSON_ATTRS_KEY not in G.graph:
        return G
    json_keys = json.loads(G.graph.pop(JSON_ATTRS_KEY))
    _decode(G.graph, json_keys.get("graph", ()))
    for _, attrs in G.nodes(data=True):
        _decode(attrs, json_keys.get("node", ()))
    for *_, attrs in G.edges(keys=True, data=True):
        _decode(attrs, json_keys.get("edge", ()))
    return _with_icgraph_ids(G)


def encoded_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A sorted, XML-safe copy of ``G`` whose list/dict attributes are JSON strings.

    The names of the encoded attributes are in the graph attribute ``icgraph_json_attrs``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("天津大学", aliases=["天大"], mentions=1)
    >>> encoded_copy(G).nodes["天津大学"]
    {'aliases': '["天大"]', 'mentions': 1}
    """
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    json_keys = {
        "graph": _json_keys([G.graph]),
        "node": _json_keys(attrs for _, attrs in G.nodes(data=True)),
        "edge": _json_keys(attrs for *_, attrs in edges),
    }
    H = nx.MultiDiGraph()
    H.graph.update(_encode(G.graph, json_keys["graph"]))
    H.graph[JSON_ATTRS_KEY] = json.dumps(json_keys, sort_keys=True)
    H.add_nodes_from((_clean(n), _encode(G.nodes[n], json_keys["node"]))
                     for n in sorted(G.nodes, key=str))
    H.add_edges_from((_clean(u), _clean(v), _clean(k), _encode(attrs, json_keys["edge"]))
                     for u, v, k, attrs in edges)
    return H


def _with_icgraph_ids(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Undo GraphML ids (see the module's notes): node ids from ``label``, edge keys from ``relation``.

    Files written before GraphML ids were introduced have no ``label``; their ids are kept.
    """
    ids = {node: attrs.pop(LABEL, node) for node, attrs in G.nodes(data=True)}
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from((ids[node], attrs) for node, attrs in G.nodes(data=True))
    H.add_edges_from((ids[u], ids[v], attrs.get("relation", key), attrs)
                     for u, v, key, attrs in G.edges(keys=True, data=True))
    return H


def _json_keys(attr_dicts: Iterable[dict[str, Any]]) -> list[str]:
    """Names of the attributes that hold a list, tuple or dict in at least one element."""
    return sorted({key for attrs in attr_dicts for key, value in attrs.items()
                   if isinstance(value, (list, tuple, dict))})


def _encode(attrs: dict[str, Any], json_keys: Iterable[str]) -> dict[str, Any]:
    """Attributes sorted by name, ``None`` dropped, ``json_keys`` JSON-encoded, XML-safe."""
    json_keys = set(json_keys)
    encoded = {}
    for key in sorted(attrs):
        value = attrs[key]
        if value is not None:
            encoded[_clean(key)] = _json_text(value) if key in json_keys else _clean(value)
    return encoded


def _json_text(value: Any) -> str:
    """``value`` as JSON (sorted keys, UTF-8 text) with XML-illegal characters removed from its strings.

    Most values have none: JSON writes C0 controls as ``\\u``, ``\\b`` or ``\\f``
    escapes and the other illegal characters as they are, so a text without
    either needs no cleaning.

    >>> _json_text(["a\\x00b", "c"])
    '["ab", "c"]'
    """
    text = _TO_JSON(value)
    if _JSON_ILLEGAL.search(text):
        text = _TO_JSON(_clean(value))
    return text


def _decode(attrs: dict[str, Any], json_keys: Iterable[str]) -> None:
    """Decode, in place, the JSON-encoded attributes named in ``json_keys``."""
    for key in json_keys:
        if key in attrs:
            attrs[key] = json.loads(attrs[key])


def _clean(value: Any) -> Any:
    """``value`` with XML-illegal characters removed from every string inside it.

    >>> _clean(["a\\x00b", {"k\\x1f": "\\x07v"}])
    ['ab', {'k': 'v'}]
    """
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value
