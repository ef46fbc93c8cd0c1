"""The pipeline: documents → ingest → extract → resolve → assemble.

>>> from graph.model import Document
>>> g = build_graph([Document("a.txt", "a.txt", "天津大学、浙江大学等高校签署合作协议。")])
>>> sorted(g.nodes)
['天津大学', '浙江大学']
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import networkx as nx

from .assemble import assemble
from .extract import analyze_document
from .ingest import parse
from .model import Article, Document, ParsedDocument
from .relations import extract_relations
from .resolve import ResolvedDocument, resolve_document


def process_document(document: Document, use_tagger: bool = True) -> ResolvedDocument:
    """Everything that happens to one document before the graph is assembled."""
    return process_parsed(parse(document), use_tagger)


def process_parsed(parsed: ParsedDocument, use_tagger: bool = True) -> ResolvedDocument:
    """Extraction and resolution of a parsed document (or of one segment of it)."""
    analysis = analyze_document(parsed, use_tagger)
    return resolve_document(analysis, extract_relations(analysis))


def build_graph(documents: Iterable[Document], use_tagger: bool = True) -> nx.MultiDiGraph:
    """The knowledge graph of ``documents`` (``use_tagger=False``: the rules alone)."""
    return assemble([process_document(d, use_tagger) for d in documents])


# Documents longer than this many characters (a whole archive dumped into one
# file) are analysed in segments of whole articles (an over-long article in runs
# of sentences) of at most this size, so time stays linear in the size of the
# document instead of quadratic, and memory bounded by the segment. Names are
# resolved within a segment; the segments' entities merge in ``assemble`` as
# those of separate documents do. News pages are far below this.
SEGMENT_CHARS = 20_000


def segments(parsed: ParsedDocument, limit: int = SEGMENT_CHARS) -> list[ParsedDocument]:
    """``parsed`` cut into parts of at most ``limit`` characters of sentences.

    Every part keeps the document's id and its sentences keep their offsets into
    the whole document; a part's ``document.text`` is its own stretch of the page
    (the context its names are checked against).

    >>> parts = segments(parse(Document("d", "d", "甲。乙。丙。")), limit=4)
    >>> [[s.text for a in p.articles for s in a.sentences] for p in parts]
    [['甲。', '乙。'], ['丙。']]
    """
    document = parsed.document
    if len(document.text) <= limit:
        return [parsed]
    pieces: list[Article] = []
    for article in parsed.articles:
        run: list = []
        size = 0
        for sentence in article.sentences:
            if run and size + len(sentence.text) > limit:
                pieces.append(replace(article, sentences=tuple(run)))
                run, size = [], 0
            run.append(sentence)
            size += len(sentence.text)
        if run:
            pieces.append(replace(article, sentences=tuple(run)))
    parts: list[list[Article]] = []
    size = limit + 1
    for piece in pieces:
        length = sum(len(s.text) for s in piece.sentences)
        if size + length > limit:
            parts.append([])
            size = 0
        parts[-1].append(piece)
        size += length
    out = []
    for articles in parts:
        start, end = articles[0].sentences[0].start, articles[-1].sentences[-1].end
        out.append(ParsedDocument(replace(document, text=document.text[start:end]), tuple(articles)))
    return out
