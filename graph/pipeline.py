"""The pipeline: documents → ingest → extract → resolve → assemble.

>>> from graph.model import Document
>>> g = build_graph([Document("a.txt", "a.txt", "天津大学、浙江大学等高校签署合作协议。")])
>>> sorted(g.nodes)
['天津大学', '浙江大学']
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import networkx as nx

from .assemble import assemble
from .extract import analyze_document
from .errors import InputError
from .ingest import DEFAULT_MAX_BYTES, find_inputs, parse, read_document
from .model import Document
from .relations import extract_relations
from .resolve import ResolvedDocument, resolve_document


def process_document(document: Document, use_tagger: bool = True) -> ResolvedDocument:
    """Everything that happens to one document before the graph is assembled."""
    analysis = analyze_document(parse(document), use_tagger)
    return resolve_document(analysis, extract_relations(analysis))


def build_graph(documents: Iterable[Document], use_tagger: bool = True) -> nx.MultiDiGraph:
    """The knowledge graph of ``documents`` (``use_tagger=False``: the rules alone)."""
    return assemble([process_document(d, use_tagger) for d in documents])


@dataclass
class BuildResult:
    """A built graph and what went into it."""

    graph: nx.MultiDiGraph
    documents: int
    articles: int
    skipped: list[InputError] = field(default_factory=list)


def build_files(paths: list[str], progress: Callable[[int, int, str], None] | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES, min_confidence: float = 0.0) -> BuildResult:
    """Build the graph of every input file under ``paths``; unreadable inputs are skipped and listed."""
    inputs, skipped = find_inputs(paths)
    resolved, articles = [], 0
    for k, (path, doc_id) in enumerate(inputs, 1):
        if progress is not None:
            progress(k, len(inputs), doc_id)
        try:
            document = read_document(path, doc_id, max_bytes)
        except InputError as exc:
            skipped.append(exc)
            continue
        analysis = analyze_document(parse(document))
        articles += len(analysis.parsed.articles)
        resolved.append(resolve_document(analysis, extract_relations(analysis)))
    graph = assemble(resolved)
    if min_confidence > 0:
        drop = [(u, v, k) for u, v, k, c in graph.edges(keys=True, data="confidence") if c < min_confidence]
        graph.remove_edges_from(drop)
    return BuildResult(graph, len(resolved), articles, skipped)
