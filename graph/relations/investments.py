"""invests_in: investors of projects, parks and companies."""
from __future__ import annotations

import re

from ..extract import DocumentAnalysis, SentenceUnit
from ..mentions import Span
from ..model import RelationMention
from ..names import brand_core, match_key
from ..quantities import AMOUNT, amount
from .common import (ASSET, CLAUSE_BREAK, SUBSIDIARY_GAP, clause_start, nearest_before, rel, same_span, spans_of,
                     without_parents)

INVEST_BY = re.compile(r"由(.{1,40}?)(投资建设|投资兴建|出资建设|投资|出资|建设|承建)")
INVEST_TO = re.compile(r"[向对][^,，。；;]{1,30}?(投资|注资|入股|增资)")
# A (拟/以3亿元) 注资/入股/入主/增资/参股 B: the verb directly before the invested name.
INVEST_VERB = re.compile(r"(?:斥资|出资|投资)?(?:[0-9０-９.]+[多余]?[万亿]*(?:元|美元|港元|欧元))?"
                         r"(?:战略投资|注资|入股|入主|增资|参股|控股|领投)")
INVESTOR_GAP = 12
# A (以N亿美元)收购/并购 (美国)B: buying a company is investing in it; not B被A收购.
ACQUIRE = re.compile(r"(?<!被)(?:收购|并购|全资收购)了?")
SELLER_AFTER = re.compile(r"所?持有的?|拥有的|所持|手中|手里")
SELLER_BEFORE = re.compile(r"[从向][^，,。；;]{0,6}$")
# A 投资(N亿元)(在P)建设 X: A invests in the project or park X it builds.
INVEST_BUILD = re.compile(r"投资(?:(?:约|超过?|近|逾)?[0-9０-９.]+[多余]?[万亿]*(?:元|美元|港元|欧元)(?:人民币)?[^，,。；;]{0,20}?)?"
                          r"(?:建设|新建|打造|投建|兴建|实施|布局)")
# A (与B)(共同)出资设立 X: every founder named in the clause invests in the new company X.
FOUNDED_WITH_CAPITAL = re.compile(r"(?:共同|联合)?(?:出资|投资|合资)(?:[0-9０-９.]+[多余]?[万亿]*元)?"
                                  r"(?:设立|成立|组建|创办|新设)了?")
PARENT_OF_NEXT = re.compile(r"的?(?:旗下|下属|所属)")
# A company's funding round (X宣布完成5亿元C轮融资) and what its investors do (由A领投，B、C跟投).
FUNDED = re.compile(r"(?:完成|获得|获|斩获)(?:了)?[^，,。；;]{0,20}?融资")
ROUND_AGAIN = re.compile(r"(?:本|此|该)轮(?:融资|投资)")
BACKED = re.compile(r"(?:联合|共同|独家|继续|追加)?(?:领投|跟投|参投)")


def investments(unit: SentenceUnit) -> list[RelationMention]:
    """X由A投资建设, A向B…投资, A注资/入股/增资/收购B, A与B共同出资设立X, 项目投资方A."""
    norm = unit.analysis.norm
    out = []
    for m in INVEST_BY.finditer(norm):
        target = nearest_before(unit, m.start(), ("PROJECT", "PARK", "ORG"))
        for investor in without_parents(norm, spans_of(unit, ("ORG",), m.start(1), m.end(1))):
            if target is not None and investor.source != "abbrev":
                out.append(rel(unit, investor, "invests_in", target, 0.8, **_amount_near(norm, m)))
    for m in INVEST_TO.finditer(norm):
        investor = nearest_before(unit, m.start(), ("ORG",), named=True)
        target = _unit_named(unit, next((s for s in spans_of(unit, ("ORG", "PROJECT", "PARK"), m.start() + 1)
                                         if s.start == m.start() + 1), None))
        if investor and target and _investor_of(norm, investor, m.start()):
            out.append(rel(unit, investor, "invests_in", target, 0.8, **_amount_near(norm, m)))
    for m in INVEST_VERB.finditer(norm):
        target = next((s for s in spans_of(unit, ("ORG", "PROJECT", "PARK"), m.end()) if s.start == m.end()), None)
        investor = nearest_before(unit, m.start(), ("ORG",), named=True)
        if target and investor and _investor_of(norm, investor, m.start()):
            out.append(rel(unit, investor, "invests_in", target, 0.75, **_amount_near(norm, m)))
    for m in ACQUIRE.finditer(norm):
        target = next((s for s in spans_of(unit, ("ORG",), m.end()) if s.start - m.end() <= 4 and not s.generic), None)
        investor = _buyer(unit, m.start())
        if target and investor and not SELLER_AFTER.match(norm, target.end):  # 收购A持有的…: A sells
            out.append(rel(unit, investor, "invests_in", target, 0.7, **_amount_near(norm, m)))
    for m in INVEST_BUILD.finditer(norm):
        target = next((s for s in spans_of(unit, ("PROJECT", "PARK"), m.end()) if s.start - m.end() <= 2), None)
        investor = nearest_before(unit, m.start(), ("ORG",), named=True)
        if target and investor and _investor_of(norm, investor, m.start()):
            out.append(rel(unit, investor, "invests_in", target, 0.75, **_amount_near(norm, m)))
    for m in FOUNDED_WITH_CAPITAL.finditer(norm):
        company = next((s for s in spans_of(unit, ("ORG",), m.end()) if s.start == m.end() and not s.generic), None)
        for founder in spans_of(unit, ("ORG",), clause_start(norm, m.start()), m.start()) if company else ():
            if not founder.generic and not PARENT_OF_NEXT.match(norm, founder.end):  # 华菱集团旗下的涟钢和…
                out.append(rel(unit, founder, "invests_in", company, 0.75, **_amount_near(norm, m)))
    for m in re.finditer(r"投资方", norm):
        investor = next((s for s in spans_of(unit, ("ORG",), m.end()) if s.start == m.end()), None)
        target = nearest_before(unit, m.start() + 1, ("PROJECT",))
        if investor and target:
            out.append(rel(unit, investor, "invests_in", target, 0.75, **_amount_near(norm, m)))
    return out


def funding_rounds(unit: SentenceUnit, previous: list[SentenceUnit]) -> list[RelationMention]:
    """The investors of a company's funding round, in its sentence or the next ones of its article that speak of
    本轮融资: 杭州X科技有限公司完成B轮融资，由A和B联合领投，老股东C继续跟投 (A, B and C invest in X)."""
    norm = unit.analysis.norm
    funded = _funded_company(unit)
    if funded is None and ROUND_AGAIN.search(norm):
        funded = next((u.mention(s) for u in reversed(previous) if (s := _funded_company(u)) is not None), None)
    if funded is None:
        return []
    out = []
    for m in BACKED.finditer(norm):
        for investor in spans_of(unit, ("ORG",), clause_start(norm, m.start(), "，,；;。"), m.start()):
            if not investor.generic and not (isinstance(funded, Span) and same_span(investor, funded)):
                out.append(rel(unit, investor, "invests_in", funded, 0.75))
    return out


def _funded_company(unit: SentenceUnit) -> Span | None:
    """The company that 完成/获得 a funding round in the sentence: the name closest before the verb in its clause."""
    norm = unit.analysis.norm
    m = FUNDED.search(norm)
    company = nearest_before(unit, m.start(), ("ORG",), named=True) if m else None
    if company is None or CLAUSE_BREAK.search(norm, company.end, m.start()):
        return None
    return company


def _buyer(unit: SentenceUnit, verb: int) -> Span | None:
    """Who buys at ``verb``: the investor before it, or before the seller it buys from (A从B手中收购, A向大股东B收购).

    >>> from graph.ingest import parse_text
    >>> from graph.extract import analyze_document
    >>> unit = analyze_document(parse_text("a", "华光集团有限公司从明远有限公司手中收购了星河有限公司。")).units[0]
    >>> buyer = _buyer(unit, unit.analysis.norm.find("收购"))
    >>> unit.analysis.norm[buyer.start:buyer.end]
    '华光集团有限公司'
    """
    norm = unit.analysis.norm
    investor = nearest_before(unit, verb, ("ORG",), named=True)
    seller = SELLER_BEFORE.search(norm, 0, investor.start) if investor else None
    if seller is not None:
        investor = nearest_before(unit, seller.start() + 1, ("ORG",), named=True)
        return investor if investor and seller.start() - investor.end <= INVESTOR_GAP // 2 else None
    return investor if investor and _investor_of(norm, investor, verb) else None


def _amount_near(norm: str, m: re.Match[str]) -> dict[str, str | float]:
    """The amount of the clause the investing words ``m`` are in (A投资30亿元建设X，B投资25亿元建设Y: each its
    own), else the sentence's (该项目总投资120亿元，由A投资建设).

    >>> text = "甲公司投资30亿元建设X，乙公司投资25亿元建设Y"
    >>> _amount_near(text, re.search("乙公司投资", text))["amount_text"]
    '25亿元'
    """
    start = clause_start(norm, m.start())
    end = min((i for c in "，,；;。" if (i := norm.find(c, m.end())) >= 0), default=len(norm))
    return amount(norm[start:end]) or amount(norm)


def _investor_of(norm: str, investor: Span, verb: int) -> bool:
    """True when ``investor`` is the subject of the investing verb at ``verb``: close before it in the same
    clause, and not an asset it pays with (以X公司30%的股权向Y增资)."""
    return (verb - investor.end <= INVESTOR_GAP and not re.search(r"[,，。；;：:、]", norm[investor.end:verb])
            and not ASSET.match(norm, investor.end))


def _unit_named(unit: SentenceUnit, target: Span | None) -> Span | None:
    """The subsidiary when ``target`` names its parent first (向X全资子公司Y增资: Y)."""
    if target is None:
        return None
    after = next((s for s in spans_of(unit, ("ORG",), target.end)
                  if SUBSIDIARY_GAP.fullmatch(unit.analysis.norm, target.end, s.start)), None)
    return after or target


def embedded_investors(doc: DocumentAnalysis) -> list[RelationMention]:
    """A project named after a company of its article, in an article about investing, is that
    company's investment (惠州亿纬锂能 → 亿纬锂能储能与动力电池项目, '项目拟投资100亿元')."""
    out = []
    for article in sorted({u.article for u in doc.units}):
        units = doc.article_units(article)
        cues = [u for u in units if "投资" in u.analysis.norm and "项目" in u.analysis.norm]
        if not cues:
            continue
        cue = next((u for u in cues if AMOUNT.search(u.analysis.norm)), cues[0])
        orgs = [(u, s) for u in units for s in spans_of(u, ("ORG",)) if not s.generic]
        projects = [(u, s) for u in units for s in spans_of(u, ("PROJECT",)) if not s.generic]
        done = set()
        for pu, p in projects:
            name = match_key(pu.analysis.norm[p.start:p.end])
            for ou, o in orgs:
                core = brand_core(match_key(ou.analysis.norm[o.start:o.end]))
                if len(core) >= 2 and name.startswith(core) and name != core and (core, name) not in done:
                    done.add((core, name))
                    out.append(RelationMention(ou.mention(o), "invests_in", pu.mention(p), 0.6,
                                               tuple(sorted(amount(cue.analysis.norm).items()))))
    return out
