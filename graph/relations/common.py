"""Helpers the relation rules share: spans of a sentence by type, lists of names, the relation they make."""
from __future__ import annotations

import re

from ..extract import SentenceUnit
from ..mentions import Span
from ..model import Mention, RelationMention

PARTY = ("ORG", "PARK", "LOC")
VENUE_BEFORE = re.compile(r"(在|于|赴|到访|访问|参观|考察|前往|来到|走进)$")
CLAUSE_BREAK = re.compile(r"[，,；;]")
LIST_JOINERS = ("、", "和", "及", "以及")
JOINT_DASHES = ("-", "—", "－")  # between the founders a joint body is named after (浙江大学-海康威视联合研究中心)
# Between a company and its unit: X旗下(的)(全资)子公司Y, X下属企业Y, X的控股子公司Y.
SUBSIDIARY_GAP = re.compile(r"的?(?:(?:旗下|下属|所属)的?(?:全资|控股)?(?:子公司|孙公司|分公司|企业|公司|单位|机构)?"
                            r"|(?:全资|控股)?(?:子公司|孙公司|分公司))")
# What follows a company that is paid with, not paying (X公司30%的股权, X的资产).
ASSET = re.compile(r"(?:约|所持|持有的)?(?:<N>|[0-9.]+)?%?的?(?:股权|股份|资产)")


def rel(unit: SentenceUnit, head: Span | Mention, relation: str, tail: Span | Mention, confidence: float,
        **attrs: str | float) -> RelationMention:
    """The RelationMention ``head`` → ``tail`` (spans of ``unit`` or mentions made already), ``attrs`` sorted."""
    h = head if isinstance(head, Mention) else unit.mention(head)
    t = tail if isinstance(tail, Mention) else unit.mention(tail)
    return RelationMention(h, relation, t, confidence, tuple(sorted(attrs.items())))


def spans_of(unit: SentenceUnit, types: tuple[str, ...], start: int = 0, end: int | None = None) -> list[Span]:
    """The spans of ``types`` that lie within ``[start, end)`` of the sentence, in text order."""
    end = len(unit.analysis.norm) if end is None else end
    return [s for s in unit.analysis.spans if s.type in types and start <= s.start and s.end <= end]


def is_venue(unit: SentenceUnit, span: Span) -> bool:
    """True when a word of place or visit comes right before ``span`` (在X, 赴X, 考察X): X is where, not who."""
    return bool(VENUE_BEFORE.search(unit.analysis.norm[max(0, span.start - 3):span.start]))


def in_span(unit: SentenceUnit, pos: int, types: tuple[str, ...] = ("EVENT", "PROJECT", "POLICY", "ORG", "PARK")) -> bool:
    """True when ``pos`` is inside a name of ``types`` (签约 inside 签约仪式 is no signing)."""
    return any(s.start <= pos < s.end for s in unit.analysis.spans if s.type in types)


def is_post_body(unit: SentenceUnit, span: Span) -> bool:
    """True when ``span`` is the body of someone's post in the sentence (华为|董事长X)."""
    return any(f.body is not None and same_span(f.body, span) for f in unit.analysis.posts)


def same_span(a: Span, b: Span) -> bool:
    """True when ``a`` and ``b`` cover the same characters, whatever their types."""
    return (a.start, a.end) == (b.start, b.end)


def clause_start(norm: str, pos: int, breaks: str = "，,；;") -> int:
    """Where the clause holding ``pos`` starts: right after the last of ``breaks`` before it, else 0.

    >>> clause_start("甲公司成立于2016年，总部位于常州", 14), clause_start("甲公司成立", 3)
    (12, 0)
    """
    return max(norm.rfind(c, 0, pos) for c in breaks) + 1


def without_parents(norm: str, spans: list[Span]) -> list[Span]:
    """``spans`` but those that name the parent of the next (长江证券|全资子公司|长江保荐: one party, not two)."""
    return [s for s, after in zip(spans, [*spans[1:], None])
            if after is None or not SUBSIDIARY_GAP.fullmatch(norm, s.end, after.start)]


def listed_run(norm: str, spans: list[Span], joiners: tuple[str, ...] = LIST_JOINERS) -> list[Span]:
    """The first of ``spans`` and those that follow it (in either direction of the text) joined by ``joiners``."""
    group = spans[:1]
    for s in spans[1:]:
        first, second = sorted((group[-1], s), key=lambda x: x.start)
        if norm[first.end:second.start] not in joiners or s.generic:
            break
        group.append(s)
    return group


def listed_with(unit: SentenceUnit, span: Span) -> list[Span]:
    """``span`` and the names of its type listed right before it (华为、中兴等企业已入驻…: both)."""
    before = spans_of(unit, (span.type,), 0, span.start)[::-1]
    return listed_run(unit.analysis.norm, [span, *before], ("、", "和", "与", "及"))[::-1]


def group_after(unit: SentenceUnit, pos: int) -> list[Span]:
    """The parties listed from ``pos`` on, joined by 、和与及 or brackets (联合|A、B和C)."""
    norm = unit.analysis.norm
    group = []
    for s in spans_of(unit, PARTY, pos):
        gap = norm[pos:s.start]
        if gap.strip() and not re.fullmatch(r"[)）]?[、和与及]?[(（]?", gap):
            break
        group.append(s)
        pos = s.end
    return group


def nearest_before(unit: SentenceUnit, pos: int, types: tuple[str, ...], named: bool = False) -> Span | None:
    """The last span of ``types`` that ends by ``pos`` (only names, not 该公司, when ``named``)."""
    cands = [s for s in spans_of(unit, types, 0, pos) if not (named and s.generic)]
    return cands[-1] if cands else None
