"""Assemble resolved documents into one networkx MultiDiGraph with provenance.

One node per entity across documents (an entity whose name is another's alias
is the same node); one edge per (head, relation, tail), keyed by the relation,
whose ``evidence`` lists every sentence it was read from.

>>> from graph.model import Entity
>>> doc = ResolvedDocument("a", [Entity("ORG:天津大学", "天津大学", "ORG", mentions=1, docs={"a"})], [])
>>> list(assemble([doc]).nodes)
['天津大学']
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import networkx as nx

from .model import Entity
from .lexicon import gazetteer
from .names import is_name_like, match_key
from .resolve import FAMILY, Edge, ResolvedDocument
from .tokens import words_of

ATTR_ORDER = ("role", "agreement", "amount_yuan", "amount_text", "date")


def assemble(docs: list[ResolvedDocument]) -> nx.MultiDiGraph:
    """The knowledge graph of all documents, deterministic for the same inputs."""
    entities, alias_of = _merge_entities(docs)
    ids = _node_ids(entities)
    graph = nx.MultiDiGraph()
    for key in sorted(entities, key=lambda k: ids[k]):
        e = entities[key]
        graph.add_node(ids[key], name=e.name, type=e.type, aliases=sorted(e.aliases - {e.name}),
                       mentions=e.mentions, docs=sorted(e.docs))
    edges: dict[tuple[str, str, str], list[Edge]] = {}
    for doc in docs:
        for edge in doc.edges:
            head, tail = ids[alias_of[edge.head]], ids[alias_of[edge.tail]]
            if head == tail:
                continue
            if edge.relation in ("signed_with", "cooperates_with"):
                head, tail = sorted((head, tail))
            edges.setdefault((head, edge.relation, tail), []).append(edge)
    for (head, relation, tail), group in sorted(edges.items()):
        graph.add_edge(head, tail, key=relation, **_edge_attrs(relation, group))
    _drop_cooperation_beside_signing(graph)
    return graph


def preparation(docs: Iterable[ResolvedDocument] = ()) -> Iterator[None]:
    """Steps that load what assembling reads on first use (the gazetteer, the tokenizer's compiled HMM),
    then work out the match keys of the names in ``docs`` (they are cached), a document per step.

    ``graph.build`` takes steps while worker processes extract and it would only
    wait, with the documents an earlier build left (``--update``): the assembly
    that follows starts warm.

    >>> len(list(preparation()))
    1
    """
    gazetteer()
    words_of("平致")  # two characters that are no dictionary word: the HMM decides
    yield
    for doc in docs:
        for e in doc.entities:
            match_key(e.name)
            for alias in e.aliases:
                match_key(alias)
        yield


def _merge_entities(docs: list[ResolvedDocument]) -> tuple[dict[str, Entity], dict[str, str]]:
    """Merge entities across documents by key and by alias; returns entities and key → merged key.

    Keys joined through an alias form one entity, named by the key that sorts first
    (whatever the order in which the joins are found).
    """
    pool: dict[str, list[Entity]] = {}
    for doc in docs:
        for e in doc.entities:
            pool.setdefault(e.key, []).append(e)
    keys = sorted(pool)
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    family = {k: FAMILY[k.split(":", 1)[0]] for k in keys}
    names = {(family[k], k.split(":", 1)[1]): k for k in keys}
    links = []
    for key, entities in pool.items():
        alias_keys = frozenset(match_key(a) for a in set().union(*(e.aliases for e in entities)))
        known_as = alias_keys | {key.split(":", 1)[1]}
        for alias_key in alias_keys:
            other = names.get((family[key], alias_key))
            if other and other != key and len(alias_key) >= 3 and is_name_like(alias_key):
                links.append((key, other, known_as))
    ambiguous = _ambiguous_links(links)
    for key, other, _ in links:
        if (key, other) not in ambiguous:
            a, b = sorted((find(key), find(other)))
            parent[b] = a
    merged: dict[str, Entity] = {}
    alias_of = {k: find(k) for k in keys}
    key_length: dict[str, int] = {}
    for key in keys:  # the name: the first of the longest (in key order, then document order)
        entities = pool[key]
        target = merged.get(alias_of[key])
        if target is None:
            target = merged[alias_of[key]] = Entity(alias_of[key], entities[0].name, entities[0].type)
        longest = _key_length(target.name, key_length)
        for e in entities:
            if e.name != target.name and _key_length(e.name, key_length) > longest:
                target.name, target.type, longest = e.name, e.type, _key_length(e.name, key_length)
            target.mentions += e.mentions
        target.aliases.update(*(e.aliases for e in entities), (e.name for e in entities))
        target.docs.update(*(e.docs for e in entities))
    for e in merged.values():
        e.aliases.discard(e.name)
    return merged, alias_of


def _ambiguous_links(links: list[tuple[str, str, frozenset[str]]]) -> set[tuple[str, str]]:
    """Links by the tail of a name, where names with different fronts lead to the same tail.

    ``links`` are (key, other key, the names of key's entity). 人民出版社 is what
    广西人民出版社 and 江苏人民出版社 are called in their own articles, but across
    documents it names neither (nor joins them); fronts that are places are compared
    as places (天津 = 天津市).

    >>> sorted(_ambiguous_links([("ORG:广西人民出版社", "ORG:人民出版社", frozenset({"广西人民出版社"})),
    ...                          ("ORG:江苏人民出版社", "ORG:人民出版社", frozenset({"江苏人民出版社"})),
    ...                          ("ORG:天津滨海高新区", "ORG:滨海高新区", frozenset({"天津滨海高新区"}))]))
    [('ORG:广西人民出版社', 'ORG:人民出版社'), ('ORG:江苏人民出版社', 'ORG:人民出版社')]
    """
    fronts = {(key, other): front for key, other, names in links if (front := _front(names, other.split(":", 1)[1]))}
    seen: dict[str, set[str]] = {}
    for (_, other), front in fronts.items():
        seen.setdefault(other, set()).add(front)
    return {link for link in fronts if len(seen[link[1]]) > 1}


def _front(names: frozenset[str], tail: str) -> str:
    """What comes before ``tail`` in the shortest of ``names`` that ends with it (a place as its division
    code), or '' when none does.

    >>> _front(frozenset({"天津市滨海高新区"}), "滨海高新区") == _front(frozenset({"天津滨海高新区"}), "滨海高新区")
    True
    """
    longer = sorted((n for n in names if n.endswith(tail) and len(n) > len(tail)), key=lambda n: (len(n), n))
    if not longer:
        return ""
    front = longer[0][:-len(tail)]
    codes = [p.code for p in gazetteer().lookup(front) if p.code]
    return min(codes) if codes else front


def _key_length(name: str, known: dict[str, int]) -> int:
    length = known.get(name)
    if length is None:
        length = known[name] = len(match_key(name))
    return length


def _node_ids(entities: dict[str, Entity]) -> dict[str, str]:
    """Node id: the Simplified name key; a second type with the same name gets '#TYPE'."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for key in sorted(entities, key=lambda k: (match_key(entities[k].name), k)):
        base = match_key(entities[key].name)
        node = base if base not in taken else f"{base}#{entities[key].type}"
        taken.add(node)
        ids[key] = node
    return ids


def _edge_attrs(relation: str, group: list[Edge]) -> dict:
    evidence = sorted({e.evidence for e in group}, key=lambda ev: (ev.doc, ev.article, ev.start, ev.end, ev.sentence))
    attrs: dict = {
        "relation": relation,
        "evidence": [ev.as_dict() for ev in evidence],
        "confidence": _combined_confidence([e.confidence for e in group]),
    }
    for name in ATTR_ORDER:
        values = []
        for e in group:
            for k, v in e.attrs:
                if k == name and v not in values:
                    values.append(v)
        if values:
            attrs[name] = "、".join(str(v) for v in values) if name in ("role", "agreement") else values[0]
    return attrs


def _combined_confidence(values: list[float]) -> float:
    """Noisy-or of independent readings, capped at 0.99.

    >>> _combined_confidence([0.8, 0.5])
    0.9
    """
    miss = 1.0
    for v in values:
        miss *= 1.0 - v
    return round(min(0.99, 1.0 - miss), 3)


def _drop_cooperation_beside_signing(graph: nx.MultiDiGraph) -> None:
    """A cooperation read from the same sentences as a signing between the pair adds nothing."""
    for u, v, key, data in list(graph.edges(keys=True, data=True)):
        if key == "cooperates_with" and graph.has_edge(u, v, "signed_with"):
            signed = {ev["sentence"] for ev in graph.edges[u, v, "signed_with"]["evidence"]}
            if {ev["sentence"] for ev in data["evidence"]} <= signed:
                graph.remove_edge(u, v, key)
