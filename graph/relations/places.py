"""located_in: venues of events, seats of organisations, what is built or gathered in a zone."""
from __future__ import annotations

import re

from ..extract import SentenceUnit
from ..mentions import Span
from ..model import RelationMention
from .common import ASSET, clause_start, group_after, in_span, listed_with, nearest_before, rel, spans_of

GATHERED = re.compile(r"(?:集聚|聚集|汇聚|引进|吸引)(?:了)?")
HELD = re.compile(r"在(.{0,25}?)(举行|召开|举办|开幕|隆重开幕|落幕|揭牌|启动|开工|投产|竣工|落成)")
# 在/于 a place, building something there (在苏州工业园区建设X项目, 将于楠梓园区兴建晶圆厂).
BUILT_AT = re.compile(r"[在于](.{2,30}?)(?:与.{2,10}?)?(共建|建设|打造|投资建设|投资兴建|新建|兴建|投建|建厂|设立|扩建)")
# What is opened, started or finished in a place besides events: zones, projects and (投产, 落成) companies' plants.
BUILT_IN = {"揭牌": ("PARK", "PROJECT"), "开工": ("PARK", "PROJECT"), "竣工": ("PARK", "PROJECT"),
            "投产": ("PARK", "PROJECT", "ORG"), "落成": ("PARK", "PROJECT", "ORG")}
FOUNDED_IN = re.compile(r"在([^，,。；;]{2,12}?)(?:正式|注册|挂牌)?成立(?=[，,。；;]|$)")
LOCATED = re.compile(r"(总部)?(位于|地处|坐落于|落户|入驻|落地)|总部(?:设在|设于|在)|(?:成立|创立|创建|注册)于")
# Words of a clause that are no subject of its 位于/落户 (，总部位于, ，将正式落户) or refer back to one (公司总部设在).
CLAUSE_FILLER = re.compile(r"总部|目前|已经|正式|计划|此前|随后|将|已|现|均|也|都|还|拟|并|其|则|该|这家|公司|企业|集团")
UNNAMED_SUBJECT = re.compile(r"[\u4e00-\u9fff]{2}")


def locations(unit: SentenceUnit) -> list[RelationMention]:
    """Venues (E在X举行, X举行E), seats (X位于Y), sites, what is founded, built, gathered or lies in a place or zone,
    and towns in their county: every rule of ``LOCATION_RULES``, in order."""
    return [r for rule in LOCATION_RULES for r in rule(unit)]


def _held_in(unit: SentenceUnit) -> list[RelationMention]:
    """E在X举行/开幕…, and what is opened, started or finished there (X在P揭牌, A在P投产)."""
    out = []
    for m in HELD.finditer(unit.analysis.norm):
        if m.group(2) in BUILT_IN and "的" in m.group(1):
            continue  # A在X投资建设的项目投产: what starts there is named after 的, not A
        place = next((s for s in spans_of(unit, ("LOC", "PARK"), m.start(1), m.end(1))), None)
        event = None if m.group(2) in ("投产", "竣工", "落成") else (
            _named_after(unit, m.end()) or nearest_before(unit, m.start(), ("EVENT",)))
        head = event or (nearest_before(unit, m.start(), BUILT_IN[m.group(2)]) if m.group(2) in BUILT_IN else None)
        if place and head:
            out.append(rel(unit, head, "located_in", place, 0.8))
    return out


def _hosted(unit: SentenceUnit) -> list[RelationMention]:
    """X举行/举办/召开E: the event is where the place that hosts it is."""
    out = []
    for m in re.finditer("举行|举办|召开", unit.analysis.norm):
        host = next((s for s in spans_of(unit, ("LOC", "PARK")) if s.end == m.start()), None)
        event = next((s for s in spans_of(unit, ("EVENT",), m.end()) if s.start == m.end()), None)
        if host and event:
            out.append(rel(unit, event, "located_in", host, 0.8))
    return out


def _seated(unit: SentenceUnit) -> list[RelationMention]:
    """X位于/落户/总部设在P, and 总部位于P的X."""
    norm = unit.analysis.norm
    out = []
    for m in LOCATED.finditer(norm):
        place = _most_specific(unit, next((s for s in spans_of(unit, ("LOC", "PARK"), m.end())
                                           if s.start - m.end() <= 2), None))
        described = _named_after(unit, place.end, ("ORG", "PARK", "PROJECT", "EVENT")) if place else None
        if described is not None and not described.generic:  # 总部位于上海的联影医疗…: the name after 的
            out.append(rel(unit, described, "located_in", place, 0.8))
        elif place and not (norm.startswith("的", place.end) and not m.group(1) and not norm.endswith("是", 0, m.start())):
            # 拟将位于三明市的林木资产: what is there follows (not in A是(总部)位于天津的一家公司)
            out += [rel(unit, h, "located_in", place, 0.8) for h in _located_heads(unit, m.start())]
    return out


def _sited(unit: SentenceUnit) -> list[RelationMention]:
    """A site is chosen for a project or park, named or not (该项目选址于P)."""
    out = []
    for m in re.finditer(r"选址(?:于|在)", unit.analysis.norm):
        place = _most_specific(unit, next((s for s in spans_of(unit, ("LOC", "PARK"), m.end())
                                           if s.start - m.end() <= 2), None))
        head = nearest_before(unit, m.start(), ("PROJECT", "PARK"))
        if place and head and head != place:
            out.append(rel(unit, head, "located_in", place, 0.75))
    return out


def _founded_there(unit: SentenceUnit) -> list[RelationMention]:
    """X在北京正式成立。: X is there (not when it founds something there)."""
    out = []
    for m in FOUNDED_IN.finditer(unit.analysis.norm):
        place = _most_specific(unit, next((s for s in spans_of(unit, ("LOC", "PARK"), m.start(1), m.end(1))), None))
        head = nearest_before(unit, m.start(), ("ORG",), named=True)
        if place and head:
            out.append(rel(unit, head, "located_in", place, 0.75))
    return out


def _companies_of_place(unit: SentenceUnit) -> list[RelationMention]:
    """P的…企业/公司/高校 X、Y: the organisations listed after the words are in P."""
    out = []
    for m in re.finditer(r"的[\u4e00-\u9fff]{0,10}?(企业|公司|机构|高校|医院)", unit.analysis.norm):
        place = next((s for s in spans_of(unit, ("LOC",)) if s.end == m.start()), None)
        if place:
            out += [rel(unit, s, "located_in", place, 0.75) for s in group_after(unit, m.end()) if s.type == "ORG"]
    return out


def _inside_zone(unit: SentenceUnit) -> list[RelationMention]:
    """厦门火炬高新区内的天马显示…: the organisations and project named right after (辖区|境)内的 are in the zone."""
    out = []
    for m in re.finditer(r"(?:辖区|境)?[内里]的?", unit.analysis.norm):
        zone = next((s for s in spans_of(unit, ("PARK", "LOC")) if s.end == m.start() and not s.generic), None)
        if zone is not None:
            out += [rel(unit, s, "located_in", zone, 0.75) for s in group_after(unit, m.end())
                    if s.type == "ORG" and not s.generic]
            out += [rel(unit, s, "located_in", zone, 0.75) for s in spans_of(unit, ("PROJECT",), m.end())
                    if s.start == m.end() and not s.generic]
    return out


def _gathered_in(unit: SentenceUnit) -> list[RelationMention]:
    """常州高新区…已集聚天合光能、中创新航等企业: the companies a zone (or its generic 园区) gathered are in it."""
    out = []
    for m in GATHERED.finditer(unit.analysis.norm):
        if in_span(unit, m.start()):
            continue
        zone = nearest_before(unit, m.start(), ("PARK",)) or _clause_place(unit, m.start())  # 园区: the article's
        if zone is not None:
            out += [rel(unit, s, "located_in", zone, 0.7) for s in group_after(unit, m.end()) if s.type == "ORG"]
    return out


def _towns_in(unit: SentenceUnit) -> list[RelationMention]:
    """富阳区|高桥镇: a town written right after its county is in it."""
    out = []
    for town in (s for s in unit.analysis.spans if s.source == "town"):
        place = next((s for s in spans_of(unit, ("LOC",), 0, town.start) if s.end == town.start), None)
        if place is not None:
            out.append(rel(unit, town, "located_in", place, 0.9))
    return out


def _built_at(unit: SentenceUnit) -> list[RelationMention]:
    """在P建设X: X is in P; a company building something unnamed in a named zone is there itself (0.6)."""
    norm = unit.analysis.norm
    out = []
    for m in BUILT_AT.finditer(norm):
        place = next((s for s in spans_of(unit, ("LOC", "PARK"), m.start(1), m.end(1))), None)
        built = next((s for s in spans_of(unit, ("PARK", "PROJECT"), m.end()) if s.start - m.end() <= 2), None)
        builder = nearest_before(unit, m.start(), ("ORG",), named=True)
        if place and built:
            out.append(rel(unit, built, "located_in", place, 0.7))
        elif place and place.type == "PARK" and not place.generic and builder and not ASSET.match(norm, builder.end):
            out.append(rel(unit, builder, "located_in", place, 0.6))  # 台积电…将于楠梓园区兴建晶圆厂: its plant is there
    return out


LOCATION_RULES = (_held_in, _hosted, _seated, _sited, _founded_there, _companies_of_place, _inside_zone, _gathered_in,
                  _towns_in, _built_at)


def _located_heads(unit: SentenceUnit, pos: int) -> list[Span]:
    """What a 位于/落户 at ``pos`` places: the names listed last in its clause (华为、中兴等企业已入驻), else
    the subject the sentence describes with 是, else the nearest name before it."""
    norm = unit.analysis.norm
    start = clause_start(norm, pos)
    types = ("ORG", "PARK", "PROJECT", "EVENT")
    in_clause = [s for s in spans_of(unit, types, start, pos) if not s.generic]
    if in_clause:
        return listed_with(unit, in_clause[-1])
    named = [s for s in spans_of(unit, types, 0, pos) if not s.generic]
    if named and norm.startswith("是", named[0].end):
        return [named[0]]  # A是B与C组建的合资企业，总部位于…: A, not C
    generic = [s for s in spans_of(unit, types, start, pos) if s.generic]  # 公司位于: the named one before
    if not generic and UNNAMED_SUBJECT.search(CLAUSE_FILLER.sub("", norm[start:pos])):
        return []  # 小米集团…宣布，小米汽车第二工厂将落户: the clause's own subject, unread
    return named[-1:]


def _named_after(unit: SentenceUnit, pos: int, types: tuple[str, ...] = ("EVENT",)) -> Span | None:
    """The name of ``types`` that what ends at ``pos`` describes with 的 (在东莞举办的|2026中国新型储能产业发展论坛,
    总部位于上海的|联影医疗科技股份有限公司)."""
    if not unit.analysis.norm.startswith("的", pos):
        return None
    return next((s for s in spans_of(unit, types, pos + 1) if s.start == pos + 1), None)


def _clause_place(unit: SentenceUnit, pos: int) -> Span | None:
    """The last place named in the clause before ``pos``."""
    norm = unit.analysis.norm
    start = clause_start(norm, pos, "，,。；;")
    place = nearest_before(unit, pos, ("LOC",), named=True)
    return place if place is not None and place.start >= start else None


def _most_specific(unit: SentenceUnit, place: Span | None) -> Span | None:
    """The last of the places written one after another from ``place`` (广东省|深圳市|南山区: 南山区), not a town
    after a division (东莞市|道滘镇: 东莞市; the town is in it)."""
    while place is not None:
        after = next((s for s in spans_of(unit, ("LOC", "PARK"), place.end) if s.start == place.end), None)
        if after is None or after.source == "town":
            return place
        place = after
    return None
