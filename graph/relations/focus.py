"""focuses_on read from sentences: what an organisation, zone or place 聚焦/重点发展/深耕…."""
from __future__ import annotations

import re

from ..extract import SentenceUnit
from ..lexicon import alternation
from ..mentions import Span
from ..model import RelationMention
from ..people import SPEECH
from .common import CLAUSE_BREAK, clause_start, is_post_body, is_venue, rel, spans_of

# Words that say what an organisation, zone or place works in (聚焦|工程机械、…三大主导产业).
FOCUS = re.compile(r"聚焦|专注于?|深耕|主攻|致力于|重点发展|大力发展|培育|发展壮大|布局|瞄准|主营|从事|涵盖|"
                   r"形成了?|打造|主导产业(?:为|是|包括)|围绕|"
                   r"以(?=[^，,。；;]{2,40}?为(?:核心|主导|重点|主攻方向|发展方向|方向|龙头|主体|支撑))")  # 以A、B为核心
FOCUS_HEADS = ("ORG", "PARK", "LOC", "PROJECT")
SPEECH_VERBS = re.compile(alternation((*SPEECH, "获悉", "称", "报道", "发布")))


def focuses(unit: SentenceUnit) -> list[RelationMention]:
    """The subject of a clause that 聚焦/深耕/重点发展… industries works in each of them: the subject in the
    cue's clause, else the sentence's (长沙经开区聚焦工程机械、电子信息两大主导产业)."""
    norm = unit.analysis.norm
    out, seen = [], set()
    cues = list(FOCUS.finditer(norm))  # the whole sentence: a cue may look ahead past the industry (以A为核心)
    for ind in spans_of(unit, ("INDUSTRY",)):
        cue = next((m for m in reversed(cues) if m.end() <= ind.start and not CLAUSE_BREAK.search(norm, m.end(), ind.start)),
                   None)
        head = _focus_subject(unit, cue.start()) if cue else None
        key = (head, norm[ind.start:ind.end])
        if head is not None and key not in seen:
            seen.add(key)
            out.append(rel(unit, head, "focuses_on", ind, 0.7))
    return out


def _focus_subject(unit: SentenceUnit, pos: int) -> Span | None:
    """The organisation, zone, place or project before ``pos``: the last of its clause, else the first of
    the sentence unless it only speaks (X宣布，…); not a venue (在X), not a person's body."""
    cands = [s for s in spans_of(unit, FOCUS_HEADS, 0, pos) if not is_venue(unit, s) and not is_post_body(unit, s)]
    norm = unit.analysis.norm
    in_clause = [s for s in cands if s.start >= clause_start(norm, pos)]
    if in_clause:
        return in_clause[-1]
    if cands and not SPEECH_VERBS.search(norm, cands[0].end, pos):  # X宣布，…涵盖: X says, it is not the subject
        return cands[0]
    return None
