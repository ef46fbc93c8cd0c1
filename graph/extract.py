"""Document-level extraction: two passes of mention finding, then relations.

The first pass finds names by their form; the second also matches every name
the first pass established anywhere in the document (中芯国际 named once
before a post, then bare in a list of signatories).

>>> from graph.ingest import parse_text
>>> doc = analyze_document(parse_text("a.txt", "天津大学与浙江大学签署协议。"))
>>> sorted(m.text for u in doc.units for m in u.mentions)
['天津大学', '浙江大学']
"""
from __future__ import annotations

from dataclasses import dataclass

from . import tagger
from .mentions import SentenceAnalysis, Span, analyze_sentence
from .model import Mention, ParsedDocument, Sentence
from .text import normalize

KNOWN_TYPES = ("ORG", "PARK", "EVENT", "PROJECT", "PRODUCT", "PER", "POLICY")
KNOWN_SOURCES = ("suffix", "title", "quote", "latin", "model", "post", "post-body", "abbrev", "list", "inner",
                 "speaker", "tagger", "short")


@dataclass
class SentenceUnit:
    """One analysed sentence and its place in the document."""

    article: int
    index: int
    sentence: Sentence
    analysis: SentenceAnalysis

    def mention(self, span: Span) -> Mention:
        """The model Mention for a span of this sentence (the kept span with the same offsets)."""
        a = self.analysis
        span = next((s for s in a.spans if (s.start, s.end) == (span.start, span.end)), span)
        return Mention(a.text[span.start:span.end], a.norm[span.start:span.end], span.type, span.start, span.end,
                       self.article, self.index, span.generic, span.source)

    @property
    def mentions(self) -> list[Mention]:
        return [self.mention(s) for s in self.analysis.spans]


@dataclass
class DocumentAnalysis:
    """A parsed document with every sentence analysed."""

    parsed: ParsedDocument
    units: list[SentenceUnit]
    context: str

    def article_units(self, article: int) -> list[SentenceUnit]:
        return [u for u in self.units if u.article == article]


def analyze_document(parsed: ParsedDocument, use_tagger: bool = True) -> DocumentAnalysis:
    """Run both mention passes over every sentence of the document (``use_tagger=False``: rules only)."""
    context = normalize(parsed.document.text)
    if use_tagger and tagger.is_available():
        tagger.tag_all([s.text for a in parsed.articles for s in a.sentences])
    first = _analyze(parsed, {}, context, use_tagger)
    known = known_names(first)
    return DocumentAnalysis(parsed, _analyze(parsed, known, context, use_tagger), context)


def _analyze(parsed: ParsedDocument, known: dict[str, str], context: str, use_tagger: bool) -> list[SentenceUnit]:
    return [SentenceUnit(a.index, k, s, analyze_sentence(s.text, known, context, use_tagger))
            for a in parsed.articles for k, s in enumerate(a.sentences)]


def known_names(units: list[SentenceUnit]) -> dict[str, str]:
    """Names established by form in the first pass, with their types (the most frequent)."""
    votes: dict[str, dict[str, int]] = {}
    for u in units:
        for s in u.analysis.spans:
            if s.generic or s.type not in KNOWN_TYPES or s.source not in KNOWN_SOURCES:
                continue
            name = u.analysis.norm[s.start:s.end]
            if len(name) >= 2:
                votes.setdefault(name, {}).setdefault(s.type, 0)
                votes[name][s.type] += 1
    return {n: max(sorted(t), key=t.get) for n, t in sorted(votes.items())}
