"""Query a knowledge graph from Python: :func:`load` and :class:`KnowledgeGraph`.

A ``KnowledgeGraph`` wraps the networkx ``MultiDiGraph`` that ``icgraph build``
writes. Names are looked up the way they appear in the news: by full name,
alias or short form, in Simplified or Traditional script. Tables come back as
pandas DataFrames, ready for a notebook.

>>> kg = KnowledgeGraph(_demo())
>>> kg
<KnowledgeGraph: 6 nodes, 4 edges>
>>> kg.find("天津濱海高新區"), kg.find("滨海高新区")
('天津滨海高新区', '天津滨海高新区')
>>> kg.relations(relation="holds_position")[["head", "role", "tail"]].values.tolist()
[['韩林', '副主任', '天津滨海高新区管委会']]
"""
from __future__ import annotations

import html as html_module
import json
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph.errors import GraphFileError, IcgraphError
from graph.export import read_graphml
from graph.exports import edge_docs, export_graph
from graph.model import NODE_TYPES, RELATIONS, SYMMETRIC_RELATIONS
from graph.names import match_key, variants

if TYPE_CHECKING:
    import pandas as pd
    from IPython.display import HTML

__all__ = ["RELATION_COLUMNS", "KnowledgeGraph", "NodeNotFound", "load"]

RELATION_COLUMNS = ("head", "relation", "tail", "head_type", "tail_type", "role", "agreement",
                    "amount_yuan", "amount_text", "date", "confidence", "evidence", "docs")


class NodeNotFound(IcgraphError, LookupError):
    """No node of the graph has that name, alias or short form."""


def load(path: str | os.PathLike[str]) -> KnowledgeGraph:
    """Load ``graph.json`` (node-link), a ``.graphml`` file, or the ``graph.json`` of a build folder.

    Raises :class:`GraphFileError` naming the file when it is missing or not a graph.

    >>> import pathlib, tempfile
    >>> from graph.export import write_json
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_json(_demo(), folder / "graph.json")
    >>> load(folder)
    <KnowledgeGraph: 6 nodes, 4 edges>
    >>> load(folder / "missing.json")
    Traceback (most recent call last):
    graph.errors.GraphFileError: .../missing.json: no such graph file
    """
    file = Path(path)
    if file.is_dir():
        file = file / "graph.json"
    if not file.is_file():
        raise GraphFileError(f"{file}: no such graph file")
    G = _read_graphml(file) if file.suffix.lower() in (".graphml", ".xml") else _read_json(file)
    for attrs in [*(a for _, a in G.nodes(data=True)), *(a for *_, a in G.edges(keys=True, data=True))]:
        for key in [k for k, v in attrs.items() if v is None]:
            del attrs[key]
    return KnowledgeGraph(G, source=str(file))


def _read_json(file: Path) -> nx.MultiDiGraph:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise GraphFileError(f"{file}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise GraphFileError(f"{file}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) \
            or not isinstance(data.get("edges"), list):
        raise GraphFileError(f"{file}: not an icgraph graph (no node-link 'nodes' and 'edges' lists)")
    if not all(isinstance(n, dict) and "id" in n for n in data["nodes"]) \
            or not all(isinstance(e, dict) and "source" in e and "target" in e for e in data["edges"]):
        raise GraphFileError(f"{file}: not an icgraph graph (a node without 'id' or an edge without 'source'/'target')")
    try:
        G = nx.node_link_graph(data, edges="edges")
    except (KeyError, TypeError, nx.NetworkXError) as exc:
        raise GraphFileError(f"{file}: not an icgraph graph (bad node or edge: {exc!r})") from None
    return G if isinstance(G, nx.MultiDiGraph) else nx.MultiDiGraph(G)


def _read_graphml(file: Path) -> nx.MultiDiGraph:
    try:
        return read_graphml(file)
    except Exception as exc:  # noqa: BLE001 - XML, networkx and JSON errors all mean "bad file"
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise GraphFileError(f"{file}: not a valid icgraph GraphML file ({reason})") from None


class KnowledgeGraph:
    """Relations, neighbourhoods, paths, key actors and communities of a graph.

    >>> kg = KnowledgeGraph(_demo())
    >>> kg.stats()["relations"]
    {'signed_with': 1, 'located_in': 1, 'part_of': 1, 'holds_position': 1}
    """

    def __init__(self, G: nx.MultiDiGraph, source: str | None = None):
        self._G = G
        self.source = source
        self._names: dict[str, list[str]] | None = None
        self._undirected: nx.Graph | None = None

    def __repr__(self) -> str:
        return f"<KnowledgeGraph: {self._G.number_of_nodes()} nodes, {self._G.number_of_edges()} edges>"

    def to_networkx(self) -> nx.MultiDiGraph:
        """A copy of the underlying networkx ``MultiDiGraph``.

        >>> KnowledgeGraph(_demo()).to_networkx().number_of_edges()
        4
        """
        return self._G.copy()

    def find(self, name: str) -> str | None:
        """The node id for a name, alias or short form (Simplified or Traditional), or ``None``.

        >>> kg = KnowledgeGraph(_demo())
        >>> kg.find("天津"), kg.find("《天津大学》"), kg.find("滨海高新区管委会"), kg.find("北京")
        ('天津市', '天津大学', '天津滨海高新区管委会', None)
        """
        if name in self._G:
            return name
        found = self._name_index().get(match_key(name))
        return found[0] if found else None

    def nodes(self, type: str | None = None) -> pd.DataFrame:
        """Nodes (optionally of one type) with name, type, aliases, mentions and docs, sorted by name.

        >>> KnowledgeGraph(_demo()).nodes("LOC").values.tolist()
        [['天津市', 'LOC', ['天津'], 1, ['news.txt']]]
        """
        import pandas as pd
        self._check_type(type)
        rows = [(n, a.get("type"), a.get("aliases", []), a.get("mentions"), a.get("docs", []))
                for n, a in self._G.nodes(data=True) if type in (None, a.get("type"))]
        rows.sort(key=lambda r: str(r[0]))
        return pd.DataFrame(rows, columns=["name", "type", "aliases", "mentions", "docs"])

    def relations(self, head: str | None = None, relation: str | None = None, tail: str | None = None,
                  type: str | None = None) -> pd.DataFrame:
        """One row per edge matching every filter given, sorted by head, relation and tail.

        ``head`` and ``tail`` are names (looked up with :meth:`find`); a symmetric
        relation (signed_with, cooperates_with) matches in either direction and is
        turned so the named node is the head. ``type`` keeps edges with an end of
        that node type. Columns: :data:`RELATION_COLUMNS`; ``evidence`` lists the
        sentences, ``docs`` the documents.

        >>> kg = KnowledgeGraph(_demo())
        >>> kg.relations(head="香港理工大学")[["head", "relation", "tail", "agreement"]].values.tolist()
        [['香港理工大学', 'signed_with', '天津大学', '人才联合培养协议']]
        >>> kg.relations(type="LOC")[["head", "relation", "tail"]].values.tolist()
        [['天津滨海高新区', 'located_in', '天津市']]
        """
        import pandas as pd
        want_head, want_tail = self._resolve_optional(head), self._resolve_optional(tail)
        self._check_relation(relation)
        self._check_type(type)
        rows = []
        for u, v, key, attrs in self._G.edges(keys=True, data=True):
            if relation not in (None, key):
                continue
            turned = self._orient(u, v, key, want_head, want_tail)
            if turned and type in (None, self._type(turned[0]), self._type(turned[1])):
                rows.append(self._row(*turned, key, attrs))
        rows.sort(key=lambda r: (str(r["head"]), r["relation"], str(r["tail"])))
        return pd.DataFrame(rows, columns=list(RELATION_COLUMNS))

    def neighbors(self, name: str, relation: str | None = None, depth: int = 1) -> pd.DataFrame:
        """Nodes within ``depth`` edges of ``name`` (either direction, one relation or all).

        >>> kg = KnowledgeGraph(_demo())
        >>> kg.neighbors("韩林", depth=3).values.tolist()
        [['天津滨海高新区管委会', 'ORG', 1], ['天津滨海高新区', 'PARK', 2], ['天津市', 'LOC', 3]]
        """
        import pandas as pd
        start = self._resolve(name)
        self._check_relation(relation)
        distance, frontier = {start: 0}, [start]
        for step in range(1, depth + 1):
            reached = {other for node in frontier for other in self._adjacent(node, relation)} - set(distance)
            distance.update(dict.fromkeys(reached, step))
            frontier = sorted(reached, key=str)
        rows = [(n, self._type(n), d) for n, d in distance.items() if n != start]
        rows.sort(key=lambda r: (r[2], str(r[0])))
        return pd.DataFrame(rows, columns=["name", "type", "distance"])

    def path(self, a: str, b: str) -> pd.DataFrame:
        """The edges of a shortest path between two nodes (directions ignored), step by step.

        Empty when they are not connected.

        >>> kg = KnowledgeGraph(_demo())
        >>> for step in kg.path("韩林", "天津").itertuples(index=False):
        ...     print(*step)
        1 韩林 holds_position 天津滨海高新区管委会
        2 天津滨海高新区管委会 part_of 天津滨海高新区
        3 天津滨海高新区 located_in 天津市
        """
        import pandas as pd
        start, end = self._resolve(a), self._resolve(b)
        try:
            nodes = nx.shortest_path(self._simple(), start, end)
        except nx.NetworkXNoPath:
            nodes = []
        rows = [(step, u, key, v) for step, (x, y) in enumerate(zip(nodes, nodes[1:]), 1)
                for u, v, key in self._edges_between(x, y)]
        return pd.DataFrame(rows, columns=["step", "head", "relation", "tail"])

    def subgraph(self, names: list[str] | None = None, types: list[str] | None = None,
                 relations: list[str] | None = None) -> KnowledgeGraph:
        """The graph of the named nodes and/or the nodes of ``types``, with only edges of ``relations``.

        Given ``relations`` alone, the nodes are the ends of those edges.

        >>> kg = KnowledgeGraph(_demo())
        >>> kg.subgraph(types=["PARK", "LOC"])
        <KnowledgeGraph: 2 nodes, 1 edges>
        >>> sorted(kg.subgraph(relations=["signed_with"]).to_networkx())
        ['天津大学', '香港理工大学']
        """
        for relation in relations or ():
            self._check_relation(relation)
        for typ in types or ():
            self._check_type(typ)
        keep = set(self._G)
        if names is not None:
            keep &= {self._resolve(n) for n in names}
        if types is not None:
            keep &= {n for n in self._G if self._type(n) in types}
        edges = [(u, v, k) for u, v, k in self._G.edges(keys=True)
                 if u in keep and v in keep and (relations is None or k in relations)]
        if relations is not None and names is None and types is None:
            keep = {n for u, v, _ in edges for n in (u, v)}
        H = nx.MultiDiGraph()
        H.graph.update(self._G.graph)
        H.add_nodes_from((n, dict(self._G.nodes[n])) for n in self._G if n in keep)
        H.add_edges_from((u, v, k, dict(self._G.edges[u, v, k])) for u, v, k in edges)
        return KnowledgeGraph(H, source=self.source)

    def stats(self) -> dict[str, Any]:
        """Counts: nodes, edges, documents, connected components, nodes per type, edges per relation.

        >>> s = KnowledgeGraph(_demo()).stats()
        >>> s["nodes"], s["edges"], s["documents"], s["components"], s["types"]["ORG"]
        (6, 4, 1, 2, 3)
        """
        types = Counter(self._type(n) for n in self._G)
        relations = Counter(k for *_, k in self._G.edges(keys=True))
        documents = {d for _, docs in self._G.nodes(data="docs") for d in docs or ()}
        return {"nodes": self._G.number_of_nodes(), "edges": self._G.number_of_edges(),
                "documents": len(documents), "components": nx.number_connected_components(self._simple()),
                "types": {t: types[t] for t in [*NODE_TYPES, *sorted(set(types) - set(NODE_TYPES), key=str)]
                          if types[t]},
                "relations": {r: relations[r] for r in [*RELATIONS, *sorted(set(relations) - set(RELATIONS))]
                              if relations[r]}}

    def key_actors(self, top: int | None = 10) -> pd.DataFrame:
        """The most central nodes: degree, betweenness and PageRank, sorted by PageRank.

        Betweenness and PageRank are computed on the undirected graph of all
        relations (one link per pair of nodes).

        >>> kg = KnowledgeGraph(_demo())
        >>> kg.key_actors(2)[["name", "degree", "betweenness"]].values.tolist()
        [['天津滨海高新区', 2, 0.2], ['天津滨海高新区管委会', 2, 0.2]]
        """
        import pandas as pd
        simple = self._simple()
        betweenness = nx.betweenness_centrality(simple)
        pagerank = nx.pagerank(simple) if simple.number_of_edges() else {n: 1 / len(simple) for n in simple}
        rows = [(n, self._type(n), self._G.degree(n), betweenness[n], pagerank[n]) for n in simple]
        rows.sort(key=lambda r: (-round(r[4], 12), -r[2], str(r[0])))
        return pd.DataFrame(rows[:top], columns=["name", "type", "degree", "betweenness", "pagerank"])

    def communities(self, seed: int = 0, min_size: int = 2) -> pd.DataFrame:
        """Communities of at least ``min_size`` nodes found by Louvain modularity (networkx), largest first.

        ``members`` are sorted by degree, then name; ``seed`` fixes the result.

        >>> KnowledgeGraph(_demo()).communities().values.tolist()
        [[0, 2, ['天津大学', '香港理工大学']], [1, 2, ['天津滨海高新区', '天津市']], [2, 2, ['天津滨海高新区管委会', '韩林']]]
        """
        import pandas as pd
        groups = nx.community.louvain_communities(self._simple(), seed=seed) if len(self._G) else []
        members = [sorted(group, key=lambda n: (-self._G.degree(n), str(n))) for group in groups
                   if len(group) >= min_size]
        members.sort(key=lambda m: (-len(m), str(m[0])))
        return pd.DataFrame([(i, len(m), m) for i, m in enumerate(members)], columns=["community", "size", "members"])

    def html(self, title: str = "icgraph", height: int = 600) -> HTML:
        """The interactive graph page, for showing inline in a notebook (an ``<iframe>``).

        >>> "<iframe" in KnowledgeGraph(_demo()).html().data
        True
        """
        from IPython.display import HTML

        from graph.render import html_string
        page = html_module.escape(html_string(self._G, title=title), quote=True)
        return HTML(f'<div><iframe srcdoc="{page}" style="width:100%;height:{int(height)}px;border:0">'
                    '</iframe></div>')

    def export(self, path: str | os.PathLike[str], format: str | None = None) -> Path:
        """Write the graph as json, graphml, gexf, csv, neo4j, ladybug or html; returns the path.

        Without ``format`` it is taken from the suffix (.json .graphml .gexf .html .lbug).

        >>> import pathlib, tempfile
        >>> path = KnowledgeGraph(_demo()).export(pathlib.Path(tempfile.mkdtemp()) / "g.graphml")
        >>> load(path)
        <KnowledgeGraph: 6 nodes, 4 edges>
        """
        return export_graph(self._G, path, format)

    def _name_index(self) -> dict[str, list[str]]:
        """Match key → node ids: ids and names first, then aliases, then short forms; more mentions first."""
        if self._names is None:
            ranked: dict[str, list[tuple[int, int, str]]] = {}
            for node, attrs in self._G.nodes(data=True):
                forms = [(0, str(node)), (0, str(attrs.get("name") or node))]
                forms += [(1, str(alias)) for alias in attrs.get("aliases") or ()]
                forms += [(2, v) for v in variants(str(attrs.get("name") or node), str(attrs.get("type")))]
                for rank, form in forms:
                    ranked.setdefault(match_key(form), []).append((rank, -int(attrs.get("mentions") or 0), node))
            self._names = {key: [n for *_, n in sorted(entries, key=lambda e: (e[0], e[1], str(e[2])))]
                           for key, entries in ranked.items()}
        return self._names

    def _resolve(self, name: str) -> str:
        node = self.find(name)
        if node is None:
            where = f" in {self.source}" if self.source else ""
            raise NodeNotFound(f"no node named {name!r}{where}")
        return node

    def _resolve_optional(self, name: str | None) -> str | None:
        return None if name is None else self._resolve(name)

    def _check_relation(self, relation: str | None) -> None:
        known = set(RELATIONS) | {k for *_, k in self._G.edges(keys=True)}
        if relation is not None and relation not in known:
            raise IcgraphError(f"unknown relation {relation!r}; one of {', '.join(RELATIONS)}")

    def _check_type(self, typ: str | None) -> None:
        known = set(NODE_TYPES) | {self._type(n) for n in self._G}
        if typ is not None and typ not in known:
            raise IcgraphError(f"unknown node type {typ!r}; one of {', '.join(NODE_TYPES)}")

    def _type(self, node: str) -> str | None:
        return self._G.nodes[node].get("type")

    @staticmethod
    def _orient(u: str, v: str, key: str, head: str | None, tail: str | None) -> tuple[str, str] | None:
        """``(u, v)`` or, for a symmetric relation, ``(v, u)`` if that is what the filters ask for."""
        for a, b in [(u, v), (v, u)] if key in SYMMETRIC_RELATIONS else [(u, v)]:
            if head in (None, a) and tail in (None, b):
                return a, b
        return None

    def _row(self, head: str, tail: str, key: str, attrs: dict[str, Any]) -> dict[str, Any]:
        sentences = [e.get("sentence") for e in attrs.get("evidence") or () if isinstance(e, dict)]
        return {"head": head, "relation": key, "tail": tail, "head_type": self._type(head),
                "tail_type": self._type(tail), **{c: attrs.get(c) for c in RELATION_COLUMNS[5:11]},
                "evidence": list(dict.fromkeys(sentences)), "docs": edge_docs(attrs)}

    def _adjacent(self, node: str, relation: str | None) -> list[str]:
        out = [v for _, v, k in self._G.out_edges(node, keys=True) if relation in (None, k)]
        into = [u for u, _, k in self._G.in_edges(node, keys=True) if relation in (None, k)]
        return sorted(set(out) | set(into), key=str)

    def _edges_between(self, x: str, y: str) -> list[tuple[str, str, str]]:
        return sorted([(u, v, k) for u, v, k in self._G.out_edges(x, keys=True) if v == y]
                      + [(u, v, k) for u, v, k in self._G.in_edges(x, keys=True) if u == y])

    def _simple(self) -> nx.Graph:
        """The undirected simple graph of all relations, nodes and edges in sorted order (deterministic)."""
        if self._undirected is None:
            simple = nx.Graph()
            simple.add_nodes_from(sorted(self._G, key=str))
            simple.add_edges_from(sorted({tuple(sorted((u, v), key=str)) for u, v in self._G.edges()}))
            self._undirected = simple
        return self._undirected


def _demo() -> nx.MultiDiGraph:
    """The small graph the examples in this module use."""
    G = nx.MultiDiGraph()
    for name, typ, aliases in [("天津大学", "ORG", []), ("香港理工大学", "ORG", []), ("天津市", "LOC", ["天津"]),
                               ("天津滨海高新区", "PARK", ["滨海高新区"]), ("天津滨海高新区管委会", "ORG", []),
                               ("韩林", "PER", [])]:
        G.add_node(name, name=name, type=typ, aliases=aliases, mentions=1, docs=["news.txt"])
    for head, relation, tail, extra in [("天津大学", "signed_with", "香港理工大学", {"agreement": "人才联合培养协议"}),
                                        ("韩林", "holds_position", "天津滨海高新区管委会", {"role": "副主任"}),
                                        ("天津滨海高新区管委会", "part_of", "天津滨海高新区", {}),
                                        ("天津滨海高新区", "located_in", "天津市", {})]:
        evidence = [{"doc": "news.txt", "article": 0, "sentence": f"{head}…{tail}", "start": 0, "end": 9}]
        G.add_edge(head, tail, key=relation, relation=relation, confidence=0.9, evidence=evidence, **extra)
    return G
