"""icgraph: industry-cluster knowledge graphs from Chinese news.

>>> import graph
>>> g = graph.build_text("天津大学与香港理工大学签署人才联合培养协议。")
>>> [(u, k, v) for u, v, k in g.edges(keys=True)]
[('天津大学', 'signed_with', '香港理工大学')]
"""
from __future__ import annotations

import networkx as nx

from .model import NODE_TYPES, RELATIONS, Document
from .ner import ner_text
from .pipeline import build_graph
from .query import KnowledgeGraph, load

__all__ = ["NODE_TYPES", "RELATIONS", "KnowledgeGraph", "build_graph", "build_text", "load", "ner_text"]
__version__ = "0.1.0"


def build_text(text: str, doc_id: str = "text") -> nx.MultiDiGraph:
    """The graph of one text given as a string."""
    return build_graph([Document(doc_id, doc_id, text)])
