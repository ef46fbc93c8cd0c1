"""Score graphs against gold annotations (the news_dev format), per type and per relation.

Matching follows the shared ``score.py``: names are compared after NFKC and
removal of quotes, book-title marks and spaces; a node matches a gold entity
when its name, id or any alias equals the gold name or a gold alias; nodes of
an optional type are ignored; optional entities and relations are neither
credited nor penalised; ``alt_head``/``alt_tail`` are accepted endpoints;
signed_with and cooperates_with are symmetric.

>>> gold = {"entities": [{"name": "天津大学", "type": "ORG"}], "relations": []}
>>> graph = {"nodes": [{"id": "天津大学", "name": "天津大学", "type": "ORG", "aliases": []}], "edges": []}
>>> score_graph(gold, graph).entity.f1
1.0
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field

from .model import RELATIONS, SYMMETRIC_RELATIONS

STRIP = "“”‘’\"'《》「」『』〈〉 \t\r\n\u3000"


def norm(s: str) -> str:
    """The scorer's name normalisation."""
    s = unicodedata.normalize("NFKC", str(s))
    for ch in STRIP:
        s = s.replace(ch, "")
    return s.strip()


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / max(1, self.tp + self.fp)

    @property
    def r(self) -> float:
        return self.tp / max(1, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / max(1e-9, self.p + self.r)


@dataclass
class GraphScore:
    """Entity and relation scores with per-type/per-relation rows and error listings."""

    entity: PRF
    relation: PRF
    by_type: dict[str, PRF] = field(default_factory=dict)
    by_relation: dict[str, PRF] = field(default_factory=dict)
    errors: dict[str, list] = field(default_factory=dict)
    judged_edges: list[tuple[float | None, bool]] = field(default_factory=list)
    """(confidence, right) of every graph edge the gold judges (optional ones are not judged)."""


def _node_names(n: dict) -> set[str]:
    aliases = n.get("aliases", [])
    if isinstance(aliases, str):
        try:
            aliases = json.loads(aliases)
        except ValueError:
            aliases = [a for a in aliases.split("|") if a]
    names = {norm(n.get("name", n["id"])), *(norm(a) for a in aliases)}
    if isinstance(n["id"], str):
        names.add(norm(n["id"]))
    return names


def score_graph(gold: dict, graph: dict) -> GraphScore:
    """Score node-link ``graph`` against ``gold`` (both as parsed JSON)."""
    index, gtype, required = {}, {}, [e["name"] for e in gold["entities"]]
    for e in gold["entities"]:
        gtype[e["name"]] = e["type"]
        for s in [e["name"]] + e.get("aliases", []):
            index.setdefault(norm(s), e["name"])
    for e in gold.get("optional_entities", []):
        gtype.setdefault(e["name"], e["type"])
        index.setdefault(norm(e["name"]), e["name"])
    optional_types = set(gold.get("optional_types", []))
    req = set(required)
    nodes = {n["id"]: n for n in graph["nodes"]}
    node_gold = {}
    for nid, n in nodes.items():
        hits = {index[s] for s in _node_names(n) if s in index}
        node_gold[nid] = sorted(hits, key=lambda h: (h not in req, -len(h)))[0] if hits else None
    result = GraphScore(PRF(), PRF(), errors={k: [] for k in (
        "missed", "spurious", "duplicate", "wrong_type", "missed_relations", "spurious_relations",
        "wrong_direction")})
    _score_entities(nodes, node_gold, required, gtype, optional_types, result)
    _score_relations(gold, graph, nodes, node_gold, result)
    return result


def _score_entities(nodes, node_gold, required, gtype, optional_types, result: GraphScore) -> None:
    found, seen = set(), {}
    for nid, n in nodes.items():
        if n.get("type") in optional_types:
            continue
        g = node_gold[nid]
        row = result.by_type.setdefault(n.get("type", "?"), PRF())
        if g is None:
            result.errors["spurious"].append(n.get("name", nid))
            row.fp += 1
            continue
        seen[g] = seen.get(g, 0) + 1
        if seen[g] > 1:
            result.errors["duplicate"].append(n.get("name", nid))
            row.fp += 1
        elif g in required:
            found.add(g)
            if gtype[g] != n.get("type"):
                result.errors["wrong_type"].append((g, gtype[g], n.get("type")))
    for g in required:
        row = result.by_type.setdefault(gtype[g], PRF())
        if g in found:
            row.tp += 1
        else:
            row.fn += 1
            result.errors["missed"].append(g)
    result.entity = PRF(len(found), len(result.errors["spurious"]) + len(result.errors["duplicate"]),
                        len(required) - len(found))


def _key(h: str, r: str, t: str) -> tuple:
    return (r, *sorted((h, t))) if r in SYMMETRIC_RELATIONS else (r, h, t)


def _optional_ok(gold: dict, h: str, r: str, t: str) -> bool:
    for o in gold.get("optional_relations", []):
        if o["relation"] != r:
            continue
        among, among_tail = set(o.get("among", [])), set(o.get("among_tail", []))
        for a, b in ([(h, t), (t, h)] if r in SYMMETRIC_RELATIONS else [(h, t)]):
            if o["head"] not in ("*", a) or o["tail"] not in ("*", b):
                continue
            both_free = o["head"] == "*" and o["tail"] == "*"
            if among and not (({a, b} <= among) if both_free else (a in among or b in among)):
                continue
            if among_tail and b not in among_tail:
                continue
            return True
    return False


def _score_relations(gold, graph, nodes, node_gold, result: GraphScore) -> None:
    wanted = {}
    for i, rel in enumerate(gold["relations"]):
        for h in [rel["head"]] + rel.get("alt_head", []):
            for t in [rel["tail"]] + rel.get("alt_tail", []):
                wanted[_key(h, rel["relation"], t)] = i
    hit, spurious = set(), set()
    for e in graph.get("edges", graph.get("links", [])):
        r = e.get("relation")
        if r not in RELATIONS:
            continue
        h = node_gold.get(e["source"]) or "?" + nodes.get(e["source"], {}).get("name", str(e["source"]))
        t = node_gold.get(e["target"]) or "?" + nodes.get(e["target"], {}).get("name", str(e["target"]))
        k = _key(h, r, t)
        if k in wanted:
            hit.add(wanted[k])
            result.judged_edges.append((e.get("confidence"), True))
            continue
        if _optional_ok(gold, h, r, t):
            continue
        result.judged_edges.append((e.get("confidence"), False))
        if k not in spurious:
            spurious.add(k)
            if _key(t, r, h) in wanted:
                result.errors["wrong_direction"].append((h, r, t))
            result.by_relation.setdefault(r, PRF()).fp += 1
    for i, rel in enumerate(gold["relations"]):
        row = result.by_relation.setdefault(rel["relation"], PRF())
        if i in hit:
            row.tp += 1
        else:
            row.fn += 1
            result.errors["missed_relations"].append((rel["head"], rel["relation"], rel["tail"]))
    result.errors["spurious_relations"] = sorted(spurious)
    result.relation = PRF(len(hit), len(spurious), len(gold["relations"]) - len(hit))
