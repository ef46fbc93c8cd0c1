"""Resolve mentions of one document into entities, and relations into entity edges.

Rules (SCHEMA.md): one entity per real-world thing in the document — full and
short names (以下简称, with/without place prefix or legal form, 天津 = 天津市,
Traditional = Simplified, 贵师大 = 贵州师范大学) are merged; generic mentions
(集团, 该项目, 大会) take the nearest fitting named entity in their own article;
bare government bodies (省委, 市政协) take the document's own place.

>>> from graph.ingest import parse_text
>>> from graph.extract import analyze_document
>>> from graph.relations import extract_relations
>>> d = analyze_document(parse_text("a", "天津市环湖医院院长张三表示,环湖医院将在天津扩建。"))
>>> sorted(e.name for e in resolve_document(d, extract_relations(d)).entities)
['天津市', '天津市环湖医院', '张三']
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .extract import DocumentAnalysis
from .lexicon import Place, alternation, central_bodies, gazetteer, local_bodies, short_form, suffix_pattern
from .model import SYMMETRIC_RELATIONS, Entity, Evidence, Mention, RelationMention
from .names import NAME_CACHE, PARK_KIND_FULL, brand_core, full_department, is_abbreviation, is_name_like, match_key, variants
from .text import to_simplified
from .words import PARK_KINDS

FAMILY = {"ORG": "O", "PARK": "O", "PROJECT": "O", "EVENT": "E", "PRODUCT": "P", "POLICY": "Y", "PER": "R",
          "LOC": "L", "INDUSTRY": "I"}
TYPE_ORDER = ("ORG", "PARK", "PROJECT", "EVENT", "PRODUCT", "POLICY", "PER", "LOC", "INDUSTRY")
COMPANY = re.compile(r"(公司|集团)$")
GOV_BODY = re.compile(r"^(省|市|区|县|州)(委|政府|人民政府|政协|人大常委会|纪委|.{1,4}(厅|局|委员会|办公室))$")
# A park's body named by the park's kind or by itself alone (开发区管委会, 管委会): the article's park's.
PARK_BODY = re.compile(f"^(?:({alternation(PARK_KINDS)})(管委会|管理委员会|党工委|工委|党工委管委会)|()(管委会|管理委员会|党工委))$")
# What the names a generic word stands for end with, when not the word itself (该校: a 学校, 大学, 中学…).
GENERIC_ENDINGS = {"校": ("校", "大学", "中学", "小学", "学院")}
LEVEL = {"省": "province", "市": "city", "区": "county", "县": "county", "州": "city"}
ALLOWED = {
    "signed_with": ({"ORG", "PARK", "LOC"}, {"ORG", "PARK", "LOC", "PROJECT"}),
    "cooperates_with": ({"ORG", "PARK", "LOC"}, {"ORG", "PARK", "LOC"}),
    "located_in": (set(TYPE_ORDER), {"LOC", "PARK"}),
    "part_of": ({"ORG", "PARK", "EVENT"}, {"ORG", "PARK", "EVENT"}),
    "holds_position": ({"PER"}, {"ORG", "PARK", "EVENT"}),
    "releases": ({"ORG", "PER"}, {"PRODUCT", "POLICY"}),
    "invests_in": ({"ORG"}, {"PROJECT", "ORG", "PARK"}),
    "announced_at": ({"PROJECT", "PRODUCT", "PARK", "ORG", "POLICY"}, {"EVENT"}),
    "focuses_on": ({"ORG", "PARK", "PROJECT", "LOC"}, {"INDUSTRY"}),
}


@dataclass(frozen=True)
class Edge:
    """A relation between two entities of one document, with its evidence."""

    head: str
    relation: str
    tail: str
    evidence: Evidence
    confidence: float
    attrs: tuple[tuple[str, str | float], ...]


@dataclass
class ResolvedDocument:
    doc_id: str
    entities: list[Entity]
    edges: list[Edge]


class _Clusters:
    """Union-find over mentions; names that begin with places apart (北京稻香村公司, 苏州稻香村公司) are never
    joined, however their other forms match."""

    def __init__(self) -> None:
        self.parent: dict[Mention, Mention] = {}
        self.places: dict[Mention, frozenset[str]] = {}

    def add(self, m: Mention) -> None:
        if m not in self.parent:
            self.parent[m] = m
            place = _leading_place(m.norm) if FAMILY[m.type] == "O" else None
            self.places[m] = frozenset({place.code.rstrip("0")}) if place else frozenset()

    def find(self, m: Mention) -> Mention:
        while self.parent[m] != m:
            self.parent[m] = self.parent[self.parent[m]]
            m = self.parent[m]
        return m

    def union(self, a: Mention, b: Mention) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or _places_apart(self.places[ra], self.places[rb]):
            return
        root = min(ra, rb, key=_order)
        self.parent[max(ra, rb, key=_order)] = root
        self.places[root] = self.places[ra] | self.places[rb]

    def groups(self) -> dict[Mention, list[Mention]]:
        out: dict[Mention, list[Mention]] = {}
        for m in sorted(self.parent, key=_order):
            out.setdefault(self.find(m), []).append(m)
        return out


def _park_of_kind(kind: str, m: Mention, named: list[Mention]) -> Mention | None:
    """The park of ``m``'s article that a word for its kind stands for (开发区 → 盐城经济技术开发区, 高新区 → 合肥
    高新技术产业开发区, 园区 → any park): the last one named before ``m``, else the first one after it."""
    full = PARK_KIND_FULL.get(kind, kind)
    parks = [n for n in named if n.article == m.article and n.type == "PARK"
             and (kind == "园区" or match_key(n.norm).endswith(full) or match_key(n.norm).endswith(kind))]
    before = [n for n in parks if _order(n) < _order(m)]
    return before[-1] if before else (parks[0] if parks else None)


def _topic(before: list[Mention], m: Mention) -> Mention:
    """What a generic mention in a sentence of its own refers back to: the first name of the last sentence
    that names one (its subject: A是B与C组建的合资企业。该公司… is A); in its own sentence, the nearest."""
    last = before[-1]
    if last.sentence == m.sentence:
        return last
    return next(n for n in before if n.sentence == last.sentence)


def _central_name(name: str) -> str:
    """The full name of a central body named by a short form (工信部 → 工业和信息化部); not a short form that is
    also a city's department (国资委), nor any other name.

    >>> _central_name("工信部"), _central_name("国资委"), _central_name("香港证监会")
    ('工业和信息化部', '国资委', '香港证监会')
    """
    key = match_key(name)
    return central_bodies()[key] if key in central_bodies() and key not in local_bodies() else name


def _government_form(name: str) -> str:
    """The form a government body's names are compared in (人民政府 as 政府, departments written out).

    >>> _government_form("市人民政府"), _government_form("苏州市发改委")
    ('市政府', '苏州市发展和改革委员会')
    """
    return full_department(name.replace("人民政府", "政府"))


def _places_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when a place of ``a`` and one of ``b`` are neither the same nor one inside the other
    (division codes without their trailing zeros: 32 holds 3205).

    >>> _places_apart(frozenset({"11"}), frozenset({"3205"})), _places_apart(frozenset({"44"}), frozenset({"4403"}))
    (True, False)
    """
    return any(not (x.startswith(y) or y.startswith(x)) for x in a for y in b)


def _order(m: Mention) -> tuple:
    return (m.article, m.sentence, m.start, m.end, m.type, m.norm)


def resolve_document(doc: DocumentAnalysis, relations: list[RelationMention]) -> ResolvedDocument:
    """Entities and edges of one document."""
    mentions = [m for u in doc.units for m in u.mentions]
    synthetic = [m for r in relations for m in (r.head, r.tail) if m.source in ("name",)]
    named = [m for m in mentions + synthetic if not m.generic]
    blocked = {(r.head.norm, r.tail.norm) for r in relations if r.relation == "part_of"}
    clusters = _cluster(named, doc, blocked)
    home = home_places(named)
    builder = _EntityBuilder(doc.parsed.document.id, clusters, home)
    generic = [m for m in mentions + [x for r in relations for x in (r.head, r.tail)] if m.generic]
    for m in sorted(set(generic), key=_order):
        builder.resolve_generic(m, named)
    edges = [e for r in relations if (e := builder.edge(r, doc)) is not None]
    edges += builder.hierarchy(doc) + builder.park_bodies(doc)
    return ResolvedDocument(doc.parsed.document.id, builder.entities(), edges)


def _cluster(named: list[Mention], doc: DocumentAnalysis, blocked: set[tuple[str, str]]) -> _Clusters:
    c = _Clusters()
    by_key: dict[tuple[str, str], Mention] = {}
    for m in sorted(named, key=_order):
        c.add(m)
        for key in _keys(m):
            first = by_key.setdefault((FAMILY[m.type], key), m)
            c.union(first, m)
    for u in doc.units:
        for a, b in u.analysis.aliases:
            c.union(u.mention(a), u.mention(b))
    _merge_tails(c, named)
    _merge_short_forms(c, named, blocked)
    return c


def _merge_short_forms(c: _Clusters, named: list[Mention], blocked: set[tuple[str, str]]) -> None:
    """A short form (中芯国际, 贵师大) joins the longer name it stands for, unless it could stand for
    names of several entities (中行 beside 中国银行 and 中信嘉华银行): then it joins none of them.
    Longer short forms go first, so 中芯 finds 中芯国际 already one with its full name."""
    first: dict[str, Mention] = {}
    for m in named:
        if FAMILY[m.type] in ("O", "E"):
            first.setdefault(m.norm, m)
    for short in sorted(first, key=lambda n: (-len(n), n)):
        fulls = [m for full, m in first.items() if full != short and (short, full) not in blocked
                 and (full, short) not in blocked and _same_company(match_key(short), match_key(full))]
        if fulls and len({c.find(m) for m in fulls}) == 1:
            c.union(first[short], fulls[0])


def _merge_tails(c: _Clusters, named: list[Mention]) -> None:
    """A name that is the tail of exactly one longer name of the same type is that entity
    (战略新品发布会 / 小米战略新品发布会, 瑞金医院 / …附属瑞金医院)."""
    keys: dict[tuple[str, str], Mention] = {}
    for m in named:
        if FAMILY[m.type] in ("O", "E"):
            keys.setdefault((m.type, match_key(m.norm)), m)
    for (typ, short), m in sorted(keys.items()):
        if not is_name_like(short):
            continue
        longer = [n for (t, k), n in keys.items() if t == typ and k != short and k.endswith(short)]
        if len(longer) == 1 and not _joint_venture(short, match_key(longer[0].norm), [k for t, k in keys]):
            c.union(m, longer[0])


def _joint_venture(short: str, full: str, names: list[str]) -> bool:
    """True when a company's name is another company's after the brand of a third one the document names: a
    joint venture of the two (奇瑞|捷豹路虎汽车有限公司 beside 奇瑞汽车股份有限公司 and 捷豹路虎汽车有限公司).

    >>> names = ["奇瑞汽车股份有限公司"]
    >>> _joint_venture("捷豹路虎汽车有限公司", "奇瑞捷豹路虎汽车有限公司", names)
    True
    >>> _joint_venture("捷豹路虎汽车有限公司", "上海捷豹路虎汽车有限公司", names)
    False
    """
    head = full[:-len(short)]
    return (bool(COMPANY.search(short)) and len(head) >= 2
            and any(n.startswith(head) and n not in (full, short) for n in names))


def _keys(m: Mention) -> set[str]:
    if m.type == "LOC":
        place = _place(m.norm)
        return {f"{place.name}@{place.code}" if place else match_key(m.norm)}
    if m.type == "PER":
        return {match_key(m.norm)}
    return variants(m.norm, m.type)


def _leading_place(name: str) -> Place | None:
    for length in range(min(8, len(name) - 1), 1, -1):
        place = _place(name[:length])
        if place is not None and place.code:
            return place
    return None


def _place(name: str) -> Place | None:
    places = gazetteer().lookup(match_key(name))
    return places[0] if places else None


@lru_cache(maxsize=NAME_CACHE)
def _same_company(short: str, full: str) -> bool:
    """中芯国际 / 中芯国际集成电路制造有限公司, 美锦集团 / 美锦能源集团, 贵师大 / 贵州师范大学, 宝马 / 宝马集团,
    滨海高新区 / 天津滨海高新区 (the same name with a place in front), 博世中国 / 博世(中国)投资有限公司,
    中车株机公司 / 中车株洲电力机车有限公司.

    >>> _same_company("中车株机公司", "中车株洲电力机车有限公司"), _same_company("俄罗斯石油公司", "俄罗斯石油管道运输公司")
    (True, False)
    """
    full = full.replace("(", "").replace(")", "")
    if len(short) >= len(full):
        return False
    if full.endswith(short) and any(p.code for p in gazetteer().lookup(full[: -len(short)])):
        return True
    a, b = brand_core(short), brand_core(full)
    group_and_its_company = short.endswith("集团") and "集团" not in full  # 国药集团 / 国药药材股份有限公司
    company = (COMPANY.search(full) or not suffix_pattern().search(full[-5:])) and not group_and_its_company
    if company and is_name_like(a) and is_name_like(b) and len(a) >= 2 and b.startswith(a) and (
            a != b or short == a):  # 宝马 / 宝马集团, 赣锋锂业 / 江西赣锋锂业集团股份有限公司
        return True
    if short.endswith("公司") and full.endswith("公司") and is_abbreviation(short[:-2], full) and not full.startswith(
            short[:-2]):  # 中车株机公司 / 中车株洲电力机车有限公司; not 俄罗斯石油公司 / 俄罗斯石油管道运输公司
        return True
    return is_abbreviation(short, full) and short[-1] in full[-2:]


def home_places(named: list[Mention]) -> dict[str, Place]:
    """The document's own province, city and county: the most mentioned of each level.

    Places count where they are mentioned alone and where they begin a name
    (嘉兴市人民政府办公室 counts for 嘉兴市).
    """
    counts: dict[str, Counter] = {"province": Counter(), "city": Counter(), "county": Counter()}
    first: dict[str, int] = {}
    for k, m in enumerate(named):
        place = _place(m.norm) if m.type == "LOC" else _leading_place(m.norm)
        while place is not None and place.level in counts:
            counts[place.level][place.code] += 1
            first.setdefault(place.code, k)
            place = gazetteer().parent(place)
    by_code = gazetteer().by_code
    return {lvl: by_code[max(c, key=lambda code: (c[code], -first[code]))] for lvl, c in counts.items() if c}


class _EntityBuilder:
    """Turns mention clusters into entities and maps mentions to entity keys."""

    def __init__(self, doc_id: str, clusters: _Clusters, home: dict[str, Place]):
        self.doc_id = doc_id
        self.home = home
        self.by_mention: dict[Mention, str] = {}
        self._entities: dict[str, Entity] = {}
        self._park_bodies: dict[Mention, str] = {}  # a park's body named by the park's kind → the park's key
        for members in clusters.groups().values():
            entity = self._entity(members)
            for m in members:
                self.by_mention[m] = entity.key

    def _entity(self, members: list[Mention]) -> Entity:
        types = Counter(m.type for m in members)
        typ = max(sorted(types, key=TYPE_ORDER.index), key=types.get)
        forms = [m.text for m in members if m.type == typ] or [m.text for m in members]
        name = max(forms, key=lambda f: (len(match_key(f)), f))
        if typ == "LOC":
            place = _place(name)
            name = place.name if place and len(gazetteer().lookup(match_key(name))) == 1 else name
        if typ == "ORG":
            name = _central_name(name)
        key = f"{typ}:{match_key(name)}"
        entity = self._entities.get(key) or Entity(key, name, typ, docs={self.doc_id})
        entity.aliases |= {m.text for m in members} | {match_key(m.text) for m in members}
        for m in members:
            entity.aliases |= variants(m.norm, typ) if typ not in ("LOC", "PER") else {short_form(match_key(m.norm))}
        entity.mentions += sum(1 for m in members if m.source not in ("name", "government"))
        self._entities[key] = entity
        return entity

    def entities(self) -> list[Entity]:
        out = []
        for e in sorted(self._entities.values(), key=lambda e: e.key):
            e.aliases = {a for a in e.aliases if a and a != e.name}
            out.append(e)
        return out

    def resolve_generic(self, m: Mention, named: list[Mention]) -> None:
        """Map a generic mention to the nearest fitting named entity of its article."""
        if m.type in ("GOV", "PARTY"):
            if m.norm not in LEVEL or LEVEL[m.norm] in self.home:  # 省 without a province of the document: none
                self.by_mention[m] = self._government(m.norm, m.type).key
            return
        if m.type == "LOC":
            place = self.home.get(LEVEL[m.norm[-1]])
            if place is not None:
                self.by_mention[m] = self._place_entity(place, m.text).key
            return
        head = re.sub(r"^(该|本|此|这个|上述)", "", m.norm)
        if GOV_BODY.match(head) or (head[:1] in LEVEL and head[1:] in local_bodies()):
            found = self._named_government(head, named)
            if found is not None:
                self._entities[found].aliases |= {m.text, to_simplified(m.text)}  # 省工信厅 of 广东省工业和信息化厅
            self.by_mention[m] = found or self._synthesize(head, m.text)
            return
        endings = GENERIC_ENDINGS.get(head, (head,))
        cands = [n for n in named if n.article == m.article and n.type == m.type
                 and (m.type == "PROJECT" or match_key(n.norm).endswith(endings) or
                      any(v.endswith(endings) for v in variants(n.norm, n.type))
                      or (n in self.by_mention and match_key(self._entities[self.by_mention[n]].name).endswith(endings)))]
        if not cands and m.type == "PARK":  # 该产业园 → the article's …产业园项目
            cands = [n for n in named if n.article == m.article and n.type == "PROJECT"
                     and re.sub("项目$", "", match_key(n.norm)).endswith(head)]
        if not cands and m.type == "PARK" and head in PARK_KINDS:  # 园区 → the article's park
            cands = [park] if (park := _park_of_kind(head, m, named)) else []
        if not cands:
            body = PARK_BODY.match(head)
            kind, office = (body.group(1) or "园区", body.group(2) or body.group(4)) if body else ("", "")
            if body and (park := _park_of_kind(kind, m, named)):
                name = self._entities[self.by_mention[park]].name + office
                self.by_mention[m] = self._named_entity(name, m.text)
                self._park_bodies[m] = self.by_mention[park]
            return
        before = [n for n in cands if _order(n) < _order(m)]
        target = _topic(before, m) if before else cands[0]
        self.by_mention[m] = self.by_mention[target]
        self._entities[self.by_mention[target]].mentions += 1

    def _named_government(self, head: str, named: list[Mention]) -> str | None:
        want = _government_form(head)
        for n in named:
            if n.type == "ORG" and len(n.norm) > len(head) and _government_form(match_key(n.norm)).endswith(want):
                return self.by_mention[n]
        return None

    def _synthesize(self, head: str, surface: str) -> str | None:
        place = self.home.get(LEVEL[head[0]])
        if place is None:
            return None
        return self._named_entity(place.name + full_department(re.sub(r"^政府", "人民政府", head[1:])), surface)

    def _named_entity(self, name: str, surface: str) -> str:
        """The key of the organisation ``name`` a generic mention stands for, created if not named."""
        key = f"ORG:{match_key(name)}"
        entity = self._entities.setdefault(key, Entity(key, name, "ORG", docs={self.doc_id}))
        entity.aliases |= {surface, to_simplified(surface)}
        entity.mentions += 1
        return key

    def _place_entity(self, place: Place, surface: str) -> Entity:
        """The entity of a place (我市 → the document's city), created if not mentioned by name."""
        key = f"LOC:{match_key(place.name)}"
        entity = self._entities.setdefault(key, Entity(key, place.name, "LOC", docs={self.doc_id}))
        entity.aliases.add(surface)
        entity.mentions += 1
        return entity

    def _government(self, place_text: str, kind: str) -> Entity:
        place = self.home.get(LEVEL[place_text]) if place_text in LEVEL else _place(place_text)
        full = place.name if place else place_text
        suffix = ("人民政府" if not place or place.code else "政府") if kind == "GOV" else "委"  # 台北市政府
        wanted = {match_key(full + suffix), match_key(full + "政府"), match_key(short_form(full) + "政府")}
        for e in self._entities.values():
            if e.type == "ORG" and (match_key(e.name) in wanted or e.aliases & wanted):
                return e
        key = f"ORG:{match_key(full + suffix)}"
        entity = self._entities.setdefault(key, Entity(key, full + suffix, "ORG", docs={self.doc_id}))
        entity.aliases |= wanted - {match_key(full + suffix)}
        return entity

    def edge(self, r: RelationMention, doc: DocumentAnalysis) -> Edge | None:
        head, tail = self.by_mention.get(r.head), self.by_mention.get(r.tail)
        if head is None or tail is None or head == tail:
            return None
        h, t = self._entities[head], self._entities[tail]
        heads, tails = ALLOWED[r.relation]
        if r.relation in SYMMETRIC_RELATIONS:
            if not ({h.type, t.type} <= heads | tails and (h.type in heads or t.type in heads)):
                return None
            head, tail = sorted((head, tail))
        elif h.type not in heads or t.type not in tails:
            return None
        return Edge(head, r.relation, tail, self._evidence(doc, r.head), r.confidence, r.attrs)

    def _evidence(self, doc: DocumentAnalysis, m: Mention) -> Evidence:
        unit = next(u for u in doc.units if u.article == m.article and u.index == m.sentence)
        s = unit.sentence
        return Evidence(self.doc_id, m.article, s.text, s.start, s.end)

    def park_bodies(self, doc: DocumentAnalysis) -> list[Edge]:
        """part_of from a park's body named by the park's kind to the park (开发区管委会 → 盐城经济技术开发区)."""
        return [Edge(self.by_mention[m], "part_of", park, self._evidence(doc, m), 0.9, ())
                for m, park in sorted(self._park_bodies.items(), key=lambda kv: _order(kv[0]))]

    def hierarchy(self, doc: DocumentAnalysis) -> list[Edge]:
        """located_in between mentioned places whose parent is also mentioned (黄埔区 → 广州市)."""
        locs = {m: k for m, k in self.by_mention.items() if m.type == "LOC" and not m.generic and m.source != "name"}
        by_code = {}
        for m, key in sorted(locs.items(), key=lambda kv: _order(kv[0])):
            place = _place(m.norm)
            if place is not None:
                by_code.setdefault(place.code, (key, m))
        out = []
        for code, (key, m) in sorted(by_code.items()):
            parent = gazetteer().parent(gazetteer().by_code[code]) if code else None
            if parent is not None and parent.code in by_code and by_code[parent.code][0] != key:
                out.append(Edge(key, "located_in", by_code[parent.code][0], self._evidence(doc, m), 0.9, ()))
        return out
