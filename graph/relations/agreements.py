"""signed_with and cooperates_with: parties before a signing verb, partners joined to a cooperation verb."""
from __future__ import annotations

import re
from itertools import combinations

from ..extract import SentenceUnit
from ..mentions import Span
from ..model import Mention, RelationMention
from .common import (CLAUSE_BREAK, JOINT_DASHES, PARTY, clause_start, group_after, in_span, is_post_body, is_venue,
                     listed_run, rel, spans_of, without_parents)

SIGN = re.compile(r"签署|签订|签约|签下|签字|簽")
PARTIES_JOINED = re.compile(r"与|和|同")
JOINED_WITH = re.compile(r"与|同|和|跟")
AGREEMENTS = re.compile(r"了?(一批|一系列|系列|多项|多份|若干|\d+项|\d+份|[两三四五六七八九十]+项|[两三四五六七八九十]+份)")
AGREEMENT = re.compile(r"^[了\u4e00-\u9fff“”\"A-Za-z0-9]{0,30}?(协议|合同|备忘录|意向书|协定)")
COOPERATE = re.compile(r"合作|共建|携手|联手|牵手|共同组建|共同打造|(?:联合|共同)(?:发起|成立|设立|创办|研发|出资|投资)")
CONJ = re.compile(r"[与和同跟]")


def signings(unit: SentenceUnit) -> list[RelationMention]:
    """Parties named before a signing verb: one edge per pair."""
    norm = unit.analysis.norm
    out = []
    last = 0
    for m in SIGN.finditer(norm):
        verb = _ceremony_held(unit, m.start()) if in_span(unit, m.start()) else m.start()
        if verb is None or re.search(r"对[^，,。]{0,8}$", norm[:m.start()]):
            continue
        witnessed = norm.rfind("见证", last, verb)  # A见证B与C签署: A is no party
        parties = _signing_parties(unit, last if witnessed < 0 else witnessed + 2, verb)
        if verb != m.start() and not (len(parties) == 2 and PARTIES_JOINED.fullmatch(norm, parties[0].end,
                                                                                      parties[1].start)):
            continue
        if sum(s.type != "LOC" for s in parties) >= 2:  # a place beside two parties is where, unless joined to them
            parties = [s for s in parties if s.type != "LOC" or PARTIES_JOINED.match(norm, s.end)]
        agreement = AGREEMENT.match(norm[m.end():])
        attrs = {"agreement": agreement.group().lstrip("了")} if agreement else {}
        for a, b in _separate_agreements(unit, parties, verb, m.end()) or _distinct_pairs(parties, unit):
            out.append(rel(unit, a, "signed_with", b, 0.85 if not (a.generic or b.generic) else 0.6, **attrs))
        last = m.end()
    return out + _ceremony_signing(unit)


def _ceremony_signing(unit: SentenceUnit) -> list[RelationMention]:
    """The two parties a signing ceremony is named after signed (A与B战略合作协议签约仪式)."""
    out = []
    for event in spans_of(unit, ("EVENT",)):
        parties = [s for s in spans_of(unit, PARTY, event.start, event.end) if s.source == "inner"]
        if len(parties) == 2 and PARTIES_JOINED.fullmatch(unit.analysis.norm, parties[0].end, parties[1].start):
            out.append(rel(unit, parties[0], "signed_with", parties[1], 0.8))
    return out


def _separate_agreements(unit: SentenceUnit, parties: list[Span], verb: int, after: int) -> list[tuple[Span, Span]]:
    """The pairs of A与B、C分别签署 (A、B分别与C签署, A与B、C签署了一批协议): each party on one side of 与 signed
    its own agreement with each on the other, not with those on its side; two lists as long as each other
    分别 pairs in order (A、B分别与X、Y签约: A with X, B with Y); none when that is not said.
    """
    norm = unit.analysis.norm
    if len(parties) < 3 or not ("分别" in norm[parties[0].end:verb] or AGREEMENTS.match(norm, after)):
        return []
    split = next((k for k in range(1, len(parties)) if JOINED_WITH.search(norm, parties[k - 1].end, parties[k].start)),
                 None)
    if split is None:
        return []
    left, right = parties[:split], parties[split:]
    if len(left) == len(right) > 1 and "分别" in norm[parties[0].end:verb]:
        return list(zip(left, right))  # A、B、C分别与X、Y、Z签约: A with X, B with Y, C with Z
    return [(a, b) for a in left for b in right if norm[a.start:a.end] != norm[b.start:b.end]]


def _ceremony_held(unit: SentenceUnit, pos: int) -> int | None:
    """Where the signing ceremony whose name holds ``pos`` starts, when it is held (A与B举行…签约仪式), else None."""
    event = next((s for s in unit.analysis.spans if s.type == "EVENT" and s.start <= pos < s.end), None)
    if event is None or not re.search(r"(举行|举办)了?$", unit.analysis.norm[:event.start]):
        return None
    return event.start


def _signing_parties(unit: SentenceUnit, start: int, verb: int) -> list[Span]:
    """The parties named before a signing verb at ``verb``: those of the nearest clauses (back to a comma or
    semicolon, then further back) that name two, so a name in an earlier clause of a long sentence is no
    party (汇通集团公告,舟基集团与富鼎担保签署 names two parties, not three); a company named as the parent
    of the next is none either.
    """
    norm = unit.analysis.norm
    clause_starts = [b.end() for b in CLAUSE_BREAK.finditer(norm, start, verb)][::-1] + [start]
    found: list[Span] = []
    for begin in clause_starts:
        found = [s for s in spans_of(unit, PARTY, begin, verb)
                 if not is_venue(unit, s) and s.source not in ("abbrev", "inner") and not is_post_body(unit, s)
                 and not _in_parentheses(norm, s)]
        if len(found) >= 2:
            break
    found = [s for s, after in zip(found, [*found[1:], None])  # 上海市|浦东新区: the place names the next
             if not (s.type == "LOC" and after is not None and after.start == s.end)]
    return without_parents(norm, found)


def _in_parentheses(norm: str, span: Span) -> bool:
    """Inside a parenthesis (a dateline such as (香港,2022年8月5日) or an aside)."""
    opened = max(norm.rfind("(", 0, span.start), norm.rfind("（", 0, span.start))
    closed = max(norm.rfind(")", 0, span.start), norm.rfind("）", 0, span.start))
    return opened > closed


def _distinct_pairs(spans: list[Span], unit: SentenceUnit) -> list[tuple[Span, Span]]:
    norms = {}
    for s in spans:
        norms.setdefault(unit.analysis.norm[s.start:s.end], s)
    return list(combinations(norms.values(), 2))


def cooperations(unit: SentenceUnit, previous: list[SentenceUnit]) -> list[RelationMention]:
    """A与B合作 / A、B与C共建 (left group × right group) and A联合B、C (all pairs)."""
    norm = unit.analysis.norm
    out = []
    for m in COOPERATE.finditer(norm):
        if in_span(unit, m.start()) or re.match(r"[^，,。]{0,6}(协议|备忘录|合同|框架)", norm[m.end():]):
            continue
        conj = [c for c in CONJ.finditer(norm, 0, m.start()) if m.start() - c.start() <= 25
                and "，" not in norm[c.end():m.start()] and "," not in norm[c.end():m.start()]]
        if not conj:
            continue
        c = conj[-1]
        start = clause_start(norm, c.start(), "，,")
        left = _prefer_orgs(_joined_before(unit, [s for s in spans_of(unit, PARTY, start, c.start())
                                                  if not is_venue(unit, s)], c.start()))
        right = _prefer_orgs([s for s in spans_of(unit, PARTY, c.end(), m.start()) if not is_venue(unit, s)])
        for a in left:
            for b in _listed_after(unit, right):
                out.append(rel(unit, a, "cooperates_with", b, 0.75))
    out.extend(_joint(unit, previous))
    return out + _joint_body_founders(unit)


def _joint_body_founders(unit: SentenceUnit) -> list[RelationMention]:
    """The two organisations a joint body is named after work together (浙江大学-海康威视联合研究中心)."""
    norm = unit.analysis.norm
    inner = [s for s in unit.analysis.spans if s.source == "inner" and s.type == "ORG"]
    return [rel(unit, a, "cooperates_with", b, 0.75) for a in inner for b in inner
            if b.start == a.end + 1 and norm[a.end] in JOINT_DASHES]


def _joined_before(unit: SentenceUnit, spans: list[Span], pos: int) -> list[Span]:
    """The names listed right before the conjunction at ``pos`` (A是|B、C|与D…: B and C), or all of
    ``spans`` when none ends there (A公司积极与B合作)."""
    if not spans or spans[-1].end != pos:
        return spans
    return listed_run(unit.analysis.norm, spans[::-1])[::-1]


def _listed_after(unit: SentenceUnit, spans: list[Span]) -> list[Span]:
    """The first of ``spans`` and the names listed right after it (与清华大学、东南大学等高校共建: both)."""
    return listed_run(unit.analysis.norm, spans)


def _prefer_orgs(spans: list[Span]) -> list[Span]:
    """Organisations, when there are any, are the parties; places then only qualify them."""
    orgs = [s for s in spans if s.type != "LOC" and s.source != "inner"]
    return orgs or spans


def _joint(unit: SentenceUnit, previous: list[SentenceUnit]) -> list[RelationMention]:
    """A联合B、C…: the subject and every listed partner work together; the subject may be implicit."""
    norm = unit.analysis.norm
    out = []
    for m in re.finditer("联合", norm):
        if in_span(unit, m.start()):
            continue
        partners = group_after(unit, m.end())
        if not partners or partners[0].generic:
            continue
        subject = _subject_before(unit, m.start())
        conf = 0.75
        if subject is None:
            subject = _implicit_subject(previous)
            conf = 0.6
        if subject is None:
            continue
        members = [subject] + partners
        for a, b in combinations(members, 2):
            out.append(rel(unit, a, "cooperates_with", b, conf))
    return out


def _subject_before(unit: SentenceUnit, pos: int) -> Span | None:
    norm = unit.analysis.norm
    cands = [s for s in spans_of(unit, ("ORG", "PARK"), clause_start(norm, pos, "，,"), pos) if not is_venue(unit, s)]
    return cands[-1] if cands else None


def _implicit_subject(previous: list[SentenceUnit]) -> Mention | None:
    for u in reversed(previous):
        cands = [s for s in u.analysis.spans if s.type in ("ORG", "PARK") and not is_post_body(u, s)
                 or (s.type == "ORG" and s.generic)]
        if cands:
            return u.mention(cands[-1])
    return None
