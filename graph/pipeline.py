"""The pipeline: documents → ingest → extract → resolve → assemble.

>>> from graph.model import Document
>>> g = build_graph([Document("a.txt", "a.txt", "天津大学、浙江大学等高校签署合作协议。")])
>>> sorted(g.nodes)
['天津大学', '浙江大学']
"""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .assemble import assemble
from .extract import analyze_document
from .ingest import parse
from .model import Document
from .relations import extract_relations
from .resolve import ResolvedDocument, resolve_document


def process_document(document: Document) -> ResolvedDocument:
    """Everything that happens to one document before the graph is assembled."""
    analysis = analyze_document(parse(document))
    return resolve_document(analysis, extract_relations(analysis))


def build_graph(documents: Iterable[Document]) -> nx.MultiDiGraph:
    """The knowledge graph of ``documents``."""
    return assemble([process_document(d) for d in documents])
