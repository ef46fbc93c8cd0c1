"""releases and announced_at: products and policies released, things launched at an event."""
from __future__ import annotations

import re

from ..extract import SentenceUnit
from ..mentions import Span
from ..model import Mention, RelationMention
from .common import CLAUSE_BREAK, in_span, listed_run, listed_with, rel, same_span, spans_of

# A product's coming to market, right after its name (小米YU7将于明年上市).
ON_SALE = re.compile(r"[^，,。；;]{0,12}?(?:上市|发售|开售|量产|交付)")
RELEASE = re.compile(r"发布|推出|印发|出台|颁布|首发|揭开|亮相")
LAUNCH = re.compile(r"启动|发布|推出|签约|签署|亮相|揭牌|揭开|开工|上市")


def releases(unit: SentenceUnit) -> list[RelationMention]:
    """ORG/PER 发布/推出/印发 PRODUCT/POLICY: the releaser is the nearest organisation or person before."""
    out = []
    for m in RELEASE.finditer(unit.analysis.norm):
        if in_span(unit, m.start()):
            continue
        tails = [s for s in spans_of(unit, ("PRODUCT", "POLICY"), m.end())]
        head = _releaser(unit, m.start())
        if head is None:
            out += _issued_by_places(unit, m.start(), [t for t in tails if t.type == "POLICY"])
            continue
        heads = listed_with(unit, head) if head.type == "ORG" else [head]  # A、B联合印发: both release
        out += [rel(unit, h, "releases", t, 0.8) for h in heads for t in tails]
    for product in spans_of(unit, ("PRODUCT",)):  # 雷军宣布，小米YU7将于明年上市: the product comes to market
        head = _releaser(unit, product.start) if ON_SALE.match(unit.analysis.norm, product.end) else None
        if head is not None:
            out.append(rel(unit, head, "releases", product, 0.7))
    return out


def _issued_by_places(unit: SentenceUnit, pos: int, policies: list[Span]) -> list[RelationMention]:
    """A policy a zone or place issues (广州开发区、黄埔区联合出台《…》) is its committee's or government's:
    the zone's 管委会 (part of the zone) and the place's 人民政府, for the places and zones listed right
    before ``pos`` in the clause."""
    norm = unit.analysis.norm
    issuers = [s for s in spans_of(unit, ("PARK", "LOC"), 0, pos) if not s.generic]
    if not policies or not issuers or CLAUSE_BREAK.search(norm, issuers[-1].end, pos) or pos - issuers[-1].end > 4:
        return []
    out = []
    for place in listed_run(norm, issuers[::-1])[::-1]:
        m = unit.mention(place)
        if place.type == "PARK":
            body = Mention(m.text + "管委会", m.norm + "管委会", "ORG", m.start, m.end, m.article, m.sentence, False,
                           "name")
            out.append(rel(unit, body, "part_of", place, 0.7))
        else:
            body = Mention(m.text, m.norm, "GOV", m.start, m.end, m.article, m.sentence, True, "government")
        out += [rel(unit, body, "releases", p, 0.7) for p in policies]
    return out


def _releaser(unit: SentenceUnit, pos: int) -> Span | None:
    cands = [s for s in spans_of(unit, ("ORG", "PER"), 0, pos) if not s.generic]
    if not cands:
        return None
    head = cands[-1]
    if head.type == "PER":
        body = next((f.body for f in unit.analysis.posts if same_span(f.person, head) and f.body is not None
                     and f.body.type == "ORG"), None)
        return body or head
    return head


def announcements(unit: SentenceUnit) -> list[RelationMention]:
    """Things launched at an event: 在E上…启动X, E…发布的新品包括X, X签约仪式 → X."""
    norm = unit.analysis.norm
    out = []
    events = spans_of(unit, ("EVENT",))
    framed = [e for e in events if re.match(r"(开幕式|现场)?上", norm[e.end:]) or
              re.match(r".{0,20}?发布的(新品|产品)", norm[e.end:])]
    if framed and LAUNCH.search(norm):
        event = framed[0]
        for s in spans_of(unit, ("PRODUCT", "PROJECT", "POLICY"), event.end):
            out.append(rel(unit, s, "announced_at", event, 0.75))
    for s in unit.analysis.spans:
        if s.source == "inner" and s.type in ("PROJECT", "PARK", "ORG"):
            outer = next((e for e in events if e.start == s.start and e.end > s.end), None)
            if outer is not None and (s.type != "ORG" or _lab_unveiled(norm, s, outer)):
                out.append(rel(unit, s, "announced_at", outer, 0.85))
    return out


def _lab_unveiled(norm: str, lab: Span, ceremony: Span) -> bool:
    """True when ``ceremony`` unveils the lab or institute its name begins with (…联合实验室揭牌仪式), not one of
    the founders the lab is named after."""
    return norm.endswith(("实验室", "研究院", "研究中心"), 0, lab.end) and norm.endswith("揭牌仪式", 0, ceremony.end)
