"""part_of: subsidiaries and parents, parts of events and projects, a zone's committee."""
from __future__ import annotations

import re

from ..extract import SentenceUnit
from ..mentions import Span
from ..model import RelationMention
from .common import JOINT_DASHES, SUBSIDIARY_GAP, nearest_before, rel, spans_of

# Between a company and its parent: a few words at most, no clause break (德棉股份存在控股股东德棉集团).
PART_OF = re.compile(r"^[^，,。；;：:！!？?]{0,4}(母公司|控股股东)(——|—|是|为|:)?$")
# Y是X(旗下)的(全资)子公司: the unit first.
SUBSIDIARY_OF = re.compile(r"是|为|系")
SUBSIDIARY_AFTER = re.compile(r"(?:旗下|下属)?的?(?:全资|控股)?(?:子公司|孙公司|分公司)")
PART_OF_FRAME = re.compile(r"作为(.{2,40}?)的?(重要)?(组成部分|配套活动|重点配套活动|分论坛|子项目|平行论坛)")


def memberships(unit: SentenceUnit) -> list[RelationMention]:
    """X母公司——Y, 作为X的组成部分/配套活动，Y…, and X管委会 → the zone X."""
    norm = unit.analysis.norm
    out = []
    spans = unit.analysis.spans
    for i, s in enumerate(spans):
        if s.type in ("ORG",) and i + 1 < len(spans):
            gap = norm[s.end:spans[i + 1].start]
            if PART_OF.search(gap) and spans[i + 1].type == "ORG":
                out.append(rel(unit, s, "part_of", spans[i + 1], 0.85))
            elif spans[i + 1].type == "ORG" and (unit_of := _subsidiary(norm, s, spans[i + 1], gap)):
                out.append(rel(unit, unit_of[0], "part_of", unit_of[1], 0.85))
    for m in PART_OF_FRAME.finditer(norm):
        whole = nearest_before(unit, m.end(1) + 1, ("PARK", "ORG", "EVENT", "PROJECT"), named=True)
        comma = re.search(r"[,，]", norm[m.end():])
        if whole is None or whole.start < m.start(1) - 1 or comma is None:
            continue
        after = m.end() + comma.end()
        part = next((s for s in spans_of(unit, ("PARK", "ORG", "EVENT", "PROJECT"), after) if s != whole), None)
        if part is not None:
            out.append(rel(unit, part, "part_of", whole, 0.8))
    for s in spans:
        if s.source == "inner" and s.type in ("PARK", "ORG") and norm[s.end:s.end + 1] not in JOINT_DASHES:
            outer = next((o for o in spans if o.type == "ORG" and o.start == s.start and o.end > s.end), None)
            if outer is not None:
                out.append(rel(unit, outer, "part_of", s, 0.9))
    return out


def _subsidiary(norm: str, first: Span, second: Span, gap: str) -> tuple[Span, Span] | None:
    """(unit, company) when ``gap`` makes one company's unit the other (X旗下子公司Y, Y是X的全资子公司).

    >>> text = "先导智能旗下子公司立导科技"
    >>> _subsidiary(text, Span(0, 4, "ORG", "suffix"), Span(9, 13, "ORG", "suffix"), "旗下子公司")
    (Span(start=9, end=13, type='ORG', source='suffix', generic=False), Span(start=0, end=4, type='ORG', source='suffix', generic=False))
    """
    if first.generic or second.generic:
        return None
    if SUBSIDIARY_GAP.fullmatch(gap):
        return second, first
    if SUBSIDIARY_OF.fullmatch(gap) and SUBSIDIARY_AFTER.match(norm, second.end):
        return first, second
    return None
