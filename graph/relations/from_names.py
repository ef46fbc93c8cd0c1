"""Relations read from names alone: a zone named after a place lies in it, names carry industries."""
from __future__ import annotations

import re

from ..extract import SentenceUnit
from ..lexicon import gazetteer, industries
from ..model import Mention, RelationMention
from ..text import occurrences
from .common import rel


def name_relations(unit: SentenceUnit, context: str) -> list[RelationMention]:
    """A zone or event named after a place lies in it (广州高新区 → 广州); names carry industries."""
    out = []
    for s in unit.analysis.spans:
        if s.generic:
            continue
        text = unit.analysis.norm[s.start:s.end]
        place = _place_in_name(text, s.type)
        if place and place != text and _mentioned_alone(place, context):
            m = unit.mention(s)
            tail = Mention(place, place, "LOC", m.start, m.end, m.article, m.sentence, False, "name")
            out.append(rel(unit, s, "located_in", tail, 0.7))
        if s.type in ("ORG", "PARK", "PROJECT"):
            for ind in _industries_in(text):
                m = unit.mention(s)
                tail = Mention(ind, ind, "INDUSTRY", m.start, m.end, m.article, m.sentence, False, "name")
                out.append(rel(unit, s, "focuses_on", tail, 0.6))
    return out


def _place_in_name(text: str, typ: str) -> str | None:
    m = re.search(r"\(([\u4e00-\u9fff]{2,6})\)", text)
    if m and typ in ("EVENT", "ORG", "PROJECT") and gazetteer().lookup(m.group(1)):
        return m.group(1)
    if typ == "PARK":
        for length in range(min(8, len(text) - 2), 1, -1):
            if gazetteer().lookup(text[:length]):
                return text[:length]
    return None


def _mentioned_alone(place: str, context: str) -> bool:
    return context.count(place) >= 2


def _industries_in(text: str) -> list[str]:
    """The industries of the lexicon a name holds: whole (not 6G in 16GW), and not inside a longer one
    it holds (新能源 in 新能源汽车).

    >>> _industries_in("年产16GW高效晶硅电池项目"), _industries_in("新能源汽车动力电池项目")
    ([], ['动力电池', '新能源汽车'])
    """
    found = [(at, at + len(term), term) for term in industries() if len(term) >= 2 and term in text
             for at in occurrences(text, term) if _whole_term(text, at, at + len(term))]
    return sorted({term for start, end, term in found
                   if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in found)})


def _whole_term(text: str, start: int, end: int) -> bool:
    """True unless the Latin letters or digits at an end of text[start:end] run on (6G in 16GW)."""
    runs_in = start > 0 and _latin_or_digit(text[start]) and _latin_or_digit(text[start - 1])
    runs_on = end < len(text) and _latin_or_digit(text[end - 1]) and _latin_or_digit(text[end])
    return not (runs_in or runs_on)


def _latin_or_digit(char: str) -> bool:
    return char.isascii() and char.isalnum()
