"""Candidate mention spans and how overlapping candidates are resolved.

>>> a, b = Span(0, 4, "ORG", "suffix"), Span(2, 4, "LOC", "gazetteer")
>>> choose([a, b], [])
[Span(start=0, end=4, type='ORG', source='suffix', generic=False)]
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A candidate mention on the normalised sentence text."""

    start: int
    end: int
    type: str
    source: str
    generic: bool = False


PRIORITY = {"title": 6, "quote": 6, "list": 6, "central": 6, "local": 6, "abbrev": 5, "suffix": 5, "latin": 5, "known": 5,
            "model": 4, "short": 4, "post-body": 3, "gazetteer": 3, "town": 3, "abbrev-place": 3, "post": 3, "speaker": 2,
            "tagger": 2, "industry": 1, "inner": 0}


def choose(cands: list[Span], protected: list[Span]) -> list[Span]:
    """Non-overlapping spans, longest first, then by source priority; TITLE spans drop out."""
    ordered = sorted(cands, key=lambda s: (-(s.end - s.start), -PRIORITY[s.source], s.start, s.type))
    chosen: list[Span] = []
    for s in ordered:
        if not overlaps(s, chosen):
            chosen.append(s)
    return [s for s in chosen if s.type != "TITLE"]


def add_span(chosen: list[Span], span: Span) -> list[Span]:
    if span in chosen or overlaps(span, chosen):
        return chosen
    return chosen + [span]


def replace_span(chosen: list[Span], span: Span) -> list[Span]:
    """Add ``span``, dropping the shorter spans inside it (上海 inside the abbreviation 上海医药)."""
    kept = [s for s in chosen if not (span.start <= s.start and s.end <= span.end)]
    return add_span(kept, span)


def overlaps(s: Span, spans: list[Span]) -> bool:
    return any(s.start < o.end and o.start < s.end for o in spans)


def inside(start: int, end: int, spans: list[Span]) -> bool:
    return any(s.start <= start and end <= s.end and (s.start, s.end) != (start, end) for s in spans)
