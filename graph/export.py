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

import io
import json
import os
import re
from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph.atomic import write_bytes_atomic, write_text_atomic

__all__ = ["JSON_ATTRS_KEY", "encoded_copy", "read_graphml", "to_node_link", "write_graphml",
           "write_json"]

JSON_ATTRS_KEY = "icgraph_json_attrs"
LABEL = "label"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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
    """Atomically write ``G`` as node-link JSON (UTF-8, sorted keys, indent 1).

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.json"
    >>> write_json(nx.MultiDiGraph(), path)
    >>> json.loads(path.read_text(encoding="utf-8"))["edges"]
    []
    """
    text = json.dumps(to_node_link(G), ensure_ascii=False, indent=1, sort_keys=True)
    write_text_atomic(path, text + "\n")


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Atomically write ``G`` as GraphML; list/dict attributes become JSON strings.

    Numeric attribute types are generalised per key (an attribute that is
    ``int`` on one edge and ``float`` on another is declared ``double``);
    attributes missing on some elements are simply absent there. Written with
    lxml's streaming serialiser (a carriage return in a value becomes ``&#13;``,
    so XML parsers keep it).

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
    >>> write_graphml(nx.MultiDiGraph([("a", "b")]), path)
    >>> path.read_bytes().startswith(b"<?xml")
    True
    """
    buffer = io.BytesIO()
    nx.write_graphml_lxml(_with_xml_ids(encoded_copy(G)), buffer, infer_numeric_types=True)
    write_bytes_atomic(path, buffer.getvalue())


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


def _with_xml_ids(H: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``H`` with nodes renamed ``n0``, ``n1``, ... (old id in ``label``) and edges keyed ``e0``, ``e1``, ...

    >>> G = nx.MultiDiGraph([("天津(大学)", "b")])
    >>> X = _with_xml_ids(G)
    >>> list(X.nodes(data=True)), list(X.edges(keys=True))
    ([('n0', {'label': '天津(大学)'}), ('n1', {'label': 'b'})], [('n0', 'n1', 'e0')])
    """
    ids = {node: f"n{i}" for i, node in enumerate(H.nodes)}
    X = nx.MultiDiGraph()
    X.graph.update(H.graph)
    X.add_nodes_from((ids[node], {**attrs, LABEL: str(node)}) for node, attrs in H.nodes(data=True))
    X.add_edges_from((ids[u], ids[v], f"e{i}", attrs) for i, (u, v, attrs) in enumerate(H.edges(data=True)))
    return X


def _with_icgraph_ids(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Undo :func:`_with_xml_ids`: node ids from ``label``, edge keys from ``relation``.

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
        if attrs[key] is None:
            continue
        value = _clean(attrs[key])
        if key in json_keys:
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        encoded[_clean(key)] = value
    return encoded


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
