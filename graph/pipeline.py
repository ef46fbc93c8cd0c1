"""The pipeline: documents → ingest → extract → resolve → assemble.

>>> from graph.model import Document
>>> g = build_graph([Document("a.txt", "a.txt", "天津大学、浙江大学等高校签署合作协议。")])
>>> sorted(g.nodes)
['天津大学', '浙江大学']
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import networkx as nx

from .assemble import assemble
from .extract import analyze_document
from .errors import InputError
from .ingest import DEFAULT_MAX_BYTES, find_inputs, parse, read_document
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


@dataclass
class BuildResult:
    """A built graph and what went into it.

    ``skipped`` lists the inputs left out (missing, unreadable, binary, too big,
    undecodable, or an internal error while extracting); ``warnings`` lists inputs
    that were used but not cleanly (undecodable bytes replaced by U+FFFD).
    """

    graph: nx.MultiDiGraph
    documents: int
    articles: int
    skipped: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)


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


@dataclass
class _Outcome:
    """What became of one input file (computed in a worker process with ``-j``)."""

    resolved: list[ResolvedDocument]
    articles: int
    skipped: InputError | None
    warnings: list[InputError]


def _process_input(item: tuple[Path, str, int]) -> _Outcome:
    path, doc_id, max_bytes = item
    warnings: list[InputError] = []
    try:
        document = read_document(path, doc_id, max_bytes, warnings)
    except InputError as exc:
        return _Outcome([], 0, exc, warnings)
    try:
        parsed = parse(document)
        done = [process_parsed(part) for part in segments(parsed)]
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:  # a bug in extraction must not sink the other inputs
        return _Outcome([], 0, InputError(str(path), f"internal error while extracting "
                                          f"({type(exc).__name__}: {exc}); please report it"), warnings)
    return _Outcome(done, len(parsed.articles), None, warnings)


def _outcomes(items: list[tuple[Path, str, int]], jobs: int) -> Iterator[_Outcome]:
    """Outcomes in input order; ``jobs`` worker processes when there is more than one input."""
    if jobs <= 1 or len(items) < 2:
        yield from map(_process_input, items)
        return
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(items)))
    try:
        yield from pool.map(_process_input, items)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def build_files(paths: list[str], progress: Callable[[int, int, str], None] | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES, min_confidence: float = 0.0, jobs: int = 1) -> BuildResult:
    """Build the graph of every input file under ``paths``; unreadable inputs are skipped and listed.

    One bad input never stops the others: a file that cannot be read or
    decoded, and a document on which extraction fails unexpectedly, are
    recorded in ``skipped`` (an InputError naming the file and the reason).
    ``jobs`` > 1 extracts in that many processes; results are merged in input
    order, so the graph is the same as with one. KeyboardInterrupt and
    MemoryError propagate.
    """
    inputs, skipped = find_inputs(paths)
    warnings: list[InputError] = []
    resolved, articles, documents = [], 0, 0
    items = [(path, doc_id, max_bytes) for path, doc_id in inputs]
    for k, ((path, doc_id), outcome) in enumerate(zip(inputs, _outcomes(items, jobs)), 1):
        if progress is not None:
            progress(k, len(inputs), doc_id)
        warnings.extend(outcome.warnings)
        if outcome.skipped is not None:
            skipped.append(outcome.skipped)
            continue
        documents += 1
        articles += outcome.articles
        resolved.extend(outcome.resolved)
    graph = assemble(resolved)
    if min_confidence > 0:
        drop = [(u, v, k) for u, v, k, c in graph.edges(keys=True, data="confidence") if c < min_confidence]
        graph.remove_edges_from(drop)
    return BuildResult(graph, documents, articles, skipped, warnings)
