"""Relation extraction: trigger patterns over the mentions of a sentence.

Each rule reads one sentence (and, for implicit subjects, the sentences before
it in the same article) and returns RelationMentions between model Mentions.
Generic mentions (集团, 该项目, 省委) are kept as they are; resolve maps them to
named entities within the article.

>>> from graph.ingest import parse_text
>>> from graph.extract import analyze_document
>>> rels = extract_relations(analyze_document(parse_text("a", "天津大学、浙江大学等高校签署人才联合培养协议。")))
>>> [(r.head.text, r.relation, r.tail.text) for r in rels]
[('天津大学', 'signed_with', '浙江大学')]
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations

from .extract import DocumentAnalysis, SentenceUnit
from .lexicon import alternation, gazetteer, industries, posts
from .mentions import Span
from .model import Mention, RelationMention
from .names import brand_core, match_key
from .people import BOARDS, SPEECH, PostFact
from .quantities import AMOUNT, amount, dated, document_year, sentence_date
from .text import occurrences
from .words import FUNCTION_AREAS

PARTY = ("ORG", "PARK", "LOC")
VENUE_BEFORE = re.compile(r"(在|于|赴|到访|访问|参观|考察|前往|来到|走进)$")
SIGN = re.compile(r"签署|签订|签约|签下|签字|簽")
CLAUSE_BREAK = re.compile(r"[，,；;]")
PARTIES_JOINED = re.compile(r"与|和|同")
# Words that may stand between a person and the next post of a list besides other posts (、时任|总经理,
# 、财务|总监, ，董事|、|董事会|秘书).
LIST_WORDS = re.compile("|".join(BOARDS) + r"|[\s、，,和及兼]|时任|现任|原任|原|前|兼任|独立董事|董事|监事|"
                        + "|".join(sorted(FUNCTION_AREAS)))
GATHERED = re.compile(r"(?:集聚|聚集|汇聚|引进|吸引)(?:了)?")
JOINED_WITH = re.compile(r"与|同|和|跟")
AGREEMENTS = re.compile(r"了?(一批|一系列|系列|多项|多份|若干|\d+项|\d+份|[两三四五六七八九十]+项|[两三四五六七八九十]+份)")
AGREEMENT = re.compile(r"^[了\u4e00-\u9fff“”\"A-Za-z0-9]{0,30}?(协议|合同|备忘录|意向书|协定)")
COOPERATE = re.compile(r"合作|共建|携手|联手|牵手|共同组建|共同打造|(?:联合|共同)(?:发起|成立|设立|创办|研发)")
CONJ = re.compile(r"[与和同跟]")
HELD = re.compile(r"在(.{0,25}?)(举行|召开|举办|开幕|隆重开幕|落幕|揭牌|启动|开工|投产|竣工|落成)")
# 在/于 a place, building something there (在苏州工业园区建设X项目, 将于楠梓园区兴建晶圆厂).
BUILT_AT = re.compile(r"[在于](.{2,30}?)(?:与.{2,10}?)?(共建|建设|打造|投资建设|投资兴建|新建|兴建|投建|建厂|设立)")
# What is opened, started or finished in a place besides events: zones, projects and (投产, 落成) companies' plants.
BUILT_IN = {"揭牌": ("PARK", "PROJECT"), "开工": ("PARK", "PROJECT"), "竣工": ("PARK", "PROJECT"),
            "投产": ("PARK", "PROJECT", "ORG"), "落成": ("PARK", "PROJECT", "ORG")}
FOUNDED_IN = re.compile(r"在([^，,。；;]{2,12}?)(?:正式|注册|挂牌)?成立(?=[，,。；;]|$)")
LOCATED = re.compile(r"(总部)?(位于|地处|坐落于|落户|入驻|落地)|总部(?:设在|设于|在)|(?:成立|创立|创建|注册)于")
# A product's coming to market, right after its name (小米YU7将于明年上市).
ON_SALE = re.compile(r"[^，,。；;]{0,12}?(?:上市|发售|开售|量产|交付)")
RELEASE = re.compile(r"发布|推出|印发|出台|颁布|首发|揭开|亮相")
LAUNCH = re.compile(r"启动|发布|推出|签约|签署|亮相|揭牌|揭开|开工|上市")
INVEST_BY = re.compile(r"由(.{1,40}?)(投资建设|投资兴建|出资建设|投资|出资|建设|承建)")
INVEST_TO = re.compile(r"[向对][^,，。；;]{1,30}?(投资|注资|入股|增资)")
# A (拟/以3亿元) 注资/入股/入主/增资/参股 B: the verb directly before the invested name.
INVEST_VERB = re.compile(r"(?:斥资|出资|投资)?(?:[0-9０-９.]+[多余]?[万亿]*(?:元|美元|港元|欧元))?"
                         r"(?:战略投资|注资|入股|入主|增资|参股|控股|领投)")
INVESTOR_GAP = 12
# What follows a company that is paid with, not paying (X公司30%的股权, X的资产).
ASSET = re.compile(r"(?:约|所持|持有的)?(?:<N>|[0-9.]+)?%?的?(?:股权|股份|资产)")
# A 投资N亿元(在P)建设 X: A invests in the project or park X it builds.
INVEST_BUILD = re.compile(r"投资(?:约|超过?|近|逾)?[0-9０-９.]+[多余]?[万亿]*(?:元|美元|港元|欧元)(?:人民币)?[^，,。；;]{0,20}?"
                          r"(?:建设|新建|打造|投建|兴建|实施|布局)")
FOUNDED = re.compile(r"(?:创办|创立|创建|创设|成立)了?")
# Between a company and its parent: a few words at most, no clause break (德棉股份存在控股股东德棉集团).
PART_OF = re.compile(r"^[^，,。；;：:！!？?]{0,4}(母公司|控股股东)(——|—|是|为|:)?$")
# Between a company and its unit: X旗下(的)(全资)子公司Y, X下属企业Y, X的控股子公司Y.
SUBSIDIARY_GAP = re.compile(r"的?(?:(?:旗下|下属|所属)的?(?:全资|控股)?(?:子公司|孙公司|分公司|企业|公司|单位|机构)?"
                            r"|(?:全资|控股)?(?:子公司|孙公司|分公司))")
# Y是X(旗下)的(全资)子公司: the unit first.
SUBSIDIARY_OF = re.compile(r"是|为|系")
SUBSIDIARY_AFTER = re.compile(r"(?:旗下|下属)?的?(?:全资|控股)?(?:子公司|孙公司|分公司)")
PART_OF_FRAME = re.compile(r"作为(.{2,40}?)的?(重要)?(组成部分|配套活动|重点配套活动|分论坛|子项目|平行论坛)")
# Words that say what an organisation, zone or place works in (聚焦|工程机械、…三大主导产业).
FOCUS = re.compile(r"聚焦|专注于?|深耕|主攻|致力于|重点发展|大力发展|培育|发展壮大|布局|瞄准|主营|从事|涵盖|"
                   r"形成了?|打造|主导产业(?:为|是|包括)|围绕")
FOCUS_HEADS = ("ORG", "PARK", "LOC", "PROJECT")
SPEECH_VERBS = re.compile(alternation((*SPEECH, "获悉", "称", "报道", "发布")))
LIST_JOINERS = ("、", "和", "及", "以及")
GOV_FAMILY = {"gov": "GOV", "party": "PARTY"}


def extract_relations(doc: DocumentAnalysis) -> list[RelationMention]:
    """Every relation the rules read in the document, in text order."""
    out: list[RelationMention] = []
    year = document_year(doc.context)
    for k, unit in enumerate(doc.units):
        previous = [u for u in doc.units[max(0, k - 3):k] if u.article == unit.article]
        found = [r for rule in SENTENCE_RULES for r in rule(unit)] + cooperations(unit, previous)
        date = sentence_date(unit.analysis.norm, year)
        out.extend(dated(r, date) for r in found)
        out.extend(name_relations(unit, doc.context))
    return out + embedded_investors(doc)


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
        orgs = [(u, s) for u in units for s in _spans(u, ("ORG",)) if not s.generic]
        projects = [(u, s) for u in units for s in _spans(u, ("PROJECT",)) if not s.generic]
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


# --- helpers -------------------------------------------------------------------

def _rel(unit: SentenceUnit, head: Span | Mention, relation: str, tail: Span | Mention, confidence: float,
         **attrs: str | float) -> RelationMention:
    h = head if isinstance(head, Mention) else unit.mention(head)
    t = tail if isinstance(tail, Mention) else unit.mention(tail)
    return RelationMention(h, relation, t, confidence, tuple(sorted(attrs.items())))


def _spans(unit: SentenceUnit, types: tuple[str, ...], start: int = 0, end: int | None = None) -> list[Span]:
    end = len(unit.analysis.norm) if end is None else end
    return [s for s in unit.analysis.spans if s.type in types and start <= s.start and s.end <= end]


def _is_venue(unit: SentenceUnit, span: Span) -> bool:
    return bool(VENUE_BEFORE.search(unit.analysis.norm[max(0, span.start - 3):span.start]))


def _in_span(unit: SentenceUnit, pos: int, types: tuple[str, ...] = ("EVENT", "PROJECT", "POLICY", "ORG", "PARK")) -> bool:
    return any(s.start <= pos < s.end for s in unit.analysis.spans if s.type in types)


def _distinct_pairs(spans: list[Span], unit: SentenceUnit) -> list[tuple[Span, Span]]:
    norms = {}
    for s in spans:
        norms.setdefault(unit.analysis.norm[s.start:s.end], s)
    return list(combinations(norms.values(), 2))


# --- signed_with -----------------------------------------------------------------

def signings(unit: SentenceUnit) -> list[RelationMention]:
    """Parties named before a signing verb: one edge per pair."""
    norm = unit.analysis.norm
    out = []
    last = 0
    for m in SIGN.finditer(norm):
        verb = _ceremony_held(unit, m.start()) if _in_span(unit, m.start()) else m.start()
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
            out.append(_rel(unit, a, "signed_with", b, 0.85 if not (a.generic or b.generic) else 0.6, **attrs))
        last = m.end()
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
    for clause_start in clause_starts:
        found = [s for s in _spans(unit, PARTY, clause_start, verb)
                 if not _is_venue(unit, s) and s.source not in ("abbrev", "inner") and not _is_post_body(unit, s)
                 and not _in_parentheses(norm, s)]
        if len(found) >= 2:
            break
    found = [s for s, after in zip(found, [*found[1:], None])  # 上海市|浦东新区: the place names the next
             if not (s.type == "LOC" and after is not None and after.start == s.end)]
    return _without_parents(norm, found)


def _without_parents(norm: str, spans: list[Span]) -> list[Span]:
    """``spans`` but those that name the parent of the next (长江证券|全资子公司|长江保荐: one party, not two)."""
    return [s for s, after in zip(spans, [*spans[1:], None])
            if after is None or not SUBSIDIARY_GAP.fullmatch(norm, s.end, after.start)]


def _in_parentheses(norm: str, span: Span) -> bool:
    """Inside a parenthesis (a dateline such as (香港,2022年8月5日) or an aside)."""
    opened = max(norm.rfind("(", 0, span.start), norm.rfind("（", 0, span.start))
    closed = max(norm.rfind(")", 0, span.start), norm.rfind("）", 0, span.start))
    return opened > closed


def _is_post_body(unit: SentenceUnit, span: Span) -> bool:
    return any(f.body is not None and _same(f.body, span) for f in unit.analysis.posts)


def _same(a: Span, b: Span) -> bool:
    return (a.start, a.end) == (b.start, b.end)


# --- cooperates_with --------------------------------------------------------------

def cooperations(unit: SentenceUnit, previous: list[SentenceUnit]) -> list[RelationMention]:
    """A与B合作 / A、B与C共建 (left group × right group) and A联合B、C (all pairs)."""
    norm = unit.analysis.norm
    out = []
    for m in COOPERATE.finditer(norm):
        if _in_span(unit, m.start()) or re.match(r"[^，,。]{0,6}(协议|备忘录|合同|框架)", norm[m.end():]):
            continue
        conj = [c for c in CONJ.finditer(norm, 0, m.start()) if m.start() - c.start() <= 25
                and "，" not in norm[c.end():m.start()] and "," not in norm[c.end():m.start()]]
        if not conj:
            continue
        c = conj[-1]
        clause_start = max(norm.rfind("，", 0, c.start()), norm.rfind(",", 0, c.start()), -1) + 1
        left = _prefer_orgs(_joined_before(unit, [s for s in _spans(unit, PARTY, clause_start, c.start())
                                                  if not _is_venue(unit, s)], c.start()))
        right = _prefer_orgs([s for s in _spans(unit, PARTY, c.end(), m.start()) if not _is_venue(unit, s)])
        for a in left:
            for b in _listed_after(unit, right):
                out.append(_rel(unit, a, "cooperates_with", b, 0.75))
    out.extend(_joint(unit, previous))
    return out


def _joined_before(unit: SentenceUnit, spans: list[Span], pos: int) -> list[Span]:
    """The names listed right before the conjunction at ``pos`` (A是|B、C|与D…: B and C), or all of
    ``spans`` when none ends there (A公司积极与B合作)."""
    if not spans or spans[-1].end != pos:
        return spans
    return _listed_run(unit.analysis.norm, spans[::-1])[::-1]


def _listed_after(unit: SentenceUnit, spans: list[Span]) -> list[Span]:
    """The first of ``spans`` and the names listed right after it (与清华大学、东南大学等高校共建: both)."""
    return _listed_run(unit.analysis.norm, spans)


def _listed_run(norm: str, spans: list[Span], joiners: tuple[str, ...] = LIST_JOINERS) -> list[Span]:
    """The first of ``spans`` and those that follow it (in either direction of the text) joined by ``joiners``."""
    group = spans[:1]
    for s in spans[1:]:
        first, second = sorted((group[-1], s), key=lambda x: x.start)
        if norm[first.end:second.start] not in joiners or s.generic:
            break
        group.append(s)
    return group


def _prefer_orgs(spans: list[Span]) -> list[Span]:
    """Organisations, when there are any, are the parties; places then only qualify them."""
    orgs = [s for s in spans if s.type != "LOC" and s.source != "inner"]
    return orgs or spans


def _joint(unit: SentenceUnit, previous: list[SentenceUnit]) -> list[RelationMention]:
    """A联合B、C…: the subject and every listed partner work together; the subject may be implicit."""
    norm = unit.analysis.norm
    out = []
    for m in re.finditer("联合", norm):
        if _in_span(unit, m.start()):
            continue
        partners = _group_after(unit, m.end())
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
            out.append(_rel(unit, a, "cooperates_with", b, conf))
    return out


def _group_after(unit: SentenceUnit, pos: int) -> list[Span]:
    norm = unit.analysis.norm
    group = []
    for s in _spans(unit, PARTY, pos):
        gap = norm[pos:s.start]
        if gap.strip() and not re.fullmatch(r"[)）]?[、和与及]?[(（]?", gap):
            break
        group.append(s)
        pos = s.end
    return group


def _listed_with(unit: SentenceUnit, span: Span) -> list[Span]:
    """``span`` and the names of its type listed right before it (华为、中兴等企业已入驻…: both)."""
    before = _spans(unit, (span.type,), 0, span.start)[::-1]
    return _listed_run(unit.analysis.norm, [span, *before], ("、", "和", "与", "及"))[::-1]


def _subject_before(unit: SentenceUnit, pos: int) -> Span | None:
    norm = unit.analysis.norm
    clause_start = max(norm.rfind("，", 0, pos), norm.rfind(",", 0, pos), -1) + 1
    cands = [s for s in _spans(unit, ("ORG", "PARK"), clause_start, pos) if not _is_venue(unit, s)]
    return cands[-1] if cands else None


def _implicit_subject(previous: list[SentenceUnit]) -> Mention | None:
    for u in reversed(previous):
        cands = [s for s in u.analysis.spans if s.type in ("ORG", "PARK") and not _is_post_body(u, s)
                 or (s.type == "ORG" and s.generic)]
        if cands:
            return u.mention(cands[-1])
    return None


# --- holds_position ---------------------------------------------------------------

def positions(unit: SentenceUnit) -> list[RelationMention]:
    """Person → body for each post; a post without a body inherits the previous one, of the same person
    (省委副书记、省长李乐成) or when only a separator lies between (董事长张三、总经理李四; not
    市委书记虞爱华、蔚来创始人李斌, where 蔚来 was not read)."""
    out = []
    previous: Span | None = None
    previous_person: Span | None = None
    for fact in unit.analysis.posts:
        body, conf = fact.body, 0.9
        if body is None and (fact.person == previous_person or _only_titles(unit.analysis.norm[
                _named_before(unit, fact.post_start):fact.post_start])):
            body, conf = previous, 0.75
        previous_person = fact.person
        if body is None and (subject := _current_post_subject(unit, fact)) is not None:
            body, conf = subject, 0.7
        if body is None:
            if (tail := _level_government(unit, fact)) is not None:  # 省长毛伟明: the article's province's
                out.append(_rel(unit, fact.person, "holds_position", tail, 0.7, role=fact.post))
            continue
        previous = body
        family = posts()[fact.post]
        tail = _government(unit, body, family)
        board = unit.analysis.norm[body.end:fact.post_start]  # 万科|董事会|主席: the title is 董事会主席
        role = board + fact.post if board in BOARDS else fact.post
        if tail is None:
            out.append(_rel(unit, fact.person, "holds_position", body, conf, role=role))
        else:
            out.append(_rel(unit, fact.person, "holds_position", tail, conf - 0.1, role=role))
    return out


def _current_post_subject(unit: SentenceUnit, fact: PostFact) -> Span | None:
    """The organisation the sentence is about for a post it says someone holds now (武珞路中学创办于1966年，…，
    现任校长邱保生): the sentence's first name, an organisation."""
    norm = unit.analysis.norm
    if not norm.endswith(("现任", "现任的"), 0, fact.post_start):
        return None
    first = next((s for s in unit.analysis.spans if not s.generic and s.type != "INDUSTRY"), None)
    return first if first is not None and first.type == "ORG" and first.end <= fact.post_start else None


def _named_before(unit: SentenceUnit, pos: int) -> int:
    """Where the last person named before ``pos`` ends (0 when none is)."""
    return max((s.end for s in unit.analysis.spans if s.type == "PER" and s.end <= pos), default=0)


def _only_titles(text: str) -> bool:
    """True when ``text`` holds nothing but posts, business functions, boards and separators.

    >>> _only_titles("，董事、董事会"), _only_titles("、时任董事兼"), _only_titles("、蔚来")
    (True, True, False)
    """
    return not LIST_WORDS.sub("", _titles().sub("", text))


@lru_cache(maxsize=1)
def _titles() -> re.Pattern[str]:
    """Posts and boards, the longest first (董事会 before 董事)."""
    return re.compile(alternation({*posts(), *BOARDS}))


def founders(unit: SentenceUnit) -> list[RelationMention]:
    """A创办/创立/创建/成立(了)X: the person right before the verb founded the organisation right after it."""
    out = []
    for m in FOUNDED.finditer(unit.analysis.norm):
        person = next((s for s in _spans(unit, ("PER",), 0, m.start()) if s.end == m.start()), None)
        body = next((s for s in _spans(unit, ("ORG",), m.end()) if s.start == m.end() and not s.generic), None)
        if person and body:
            out.append(_rel(unit, person, "holds_position", body, 0.8, role="创始人"))
    return out


def _level_government(unit: SentenceUnit, fact: PostFact) -> Mention | None:
    """The government of the article's own province, city or county for a government post named by its level
    alone (省长, 副市长, 代区长), resolved to that place's government later; None for other posts."""
    level = fact.post.lstrip("副代")[:1]
    if posts()[fact.post] != "gov" or level not in "省市区县州":
        return None
    m = unit.mention(Span(fact.post_start, fact.post_start + len(fact.post), "GOV", "post"))
    return Mention(level, level, "GOV", m.start, m.end, m.article, m.sentence, True, "government")


def _government(unit: SentenceUnit, body: Span, family: str) -> Mention | None:
    """The place's government (or party committee) when the post belongs to it, not to ``body``.

    市长 after a place (吕梁市长) or after a party committee (绍兴市委副书记、代市长) works
    for the place's government; the mention carries the place name and type GOV/PARTY.
    """
    kind = GOV_FAMILY.get(family)
    text = unit.analysis.norm[body.start:body.end]
    if kind is None:
        return None
    if body.type == "LOC":
        place = text
    elif kind == "GOV" and re.search(r"(省|市|区|县|州)委$", text):
        place = text[:-1]
    else:
        return None
    m = unit.mention(body)
    return Mention(m.text[:len(place)], place, kind, m.start, m.end, m.article, m.sentence, True, "government")


# --- located_in ------------------------------------------------------------------

def locations(unit: SentenceUnit) -> list[RelationMention]:
    """Venues (E在X举行, X举行E), seats (X位于Y) and 'LOC的…企业X'."""
    norm = unit.analysis.norm
    out = []
    for m in HELD.finditer(norm):
        if m.group(2) in BUILT_IN and "的" in m.group(1):
            continue  # A在X投资建设的项目投产: what starts there is named after 的, not A
        place = next((s for s in _spans(unit, ("LOC", "PARK"), m.start(1), m.end(1))), None)
        event = None if m.group(2) in ("投产", "竣工", "落成") else (
            _event_named_after(unit, m.end()) or _nearest_before(unit, m.start(), ("EVENT",)))
        head = event or (_nearest_before(unit, m.start(), BUILT_IN[m.group(2)]) if m.group(2) in BUILT_IN else None)
        if place and head:
            out.append(_rel(unit, head, "located_in", place, 0.8))
    for m in re.finditer("举行|举办|召开", norm):
        host = next((s for s in _spans(unit, ("LOC", "PARK")) if s.end == m.start()), None)
        event = next((s for s in _spans(unit, ("EVENT",), m.end()) if s.start == m.end()), None)
        if host and event:
            out.append(_rel(unit, event, "located_in", host, 0.8))
    for m in LOCATED.finditer(norm):
        place = _most_specific(unit, next((s for s in _spans(unit, ("LOC", "PARK"), m.end())
                                           if s.start - m.end() <= 2), None))
        heads = _located_heads(unit, m.start())
        if place and not (norm.startswith("的", place.end) and not m.group(1) and not norm.endswith("是", 0, m.start())):
            # 拟将位于三明市的林木资产: what is there follows (not in A是(总部)位于天津的一家公司)
            out += [_rel(unit, h, "located_in", place, 0.8) for h in heads]
    for m in re.finditer(r"选址(?:于|在)", norm):  # a site is chosen for a project or park, named or not (该项目)
        place = _most_specific(unit, next((s for s in _spans(unit, ("LOC", "PARK"), m.end())
                                           if s.start - m.end() <= 2), None))
        head = _nearest_before(unit, m.start(), ("PROJECT", "PARK"))
        if place and head and head != place:
            out.append(_rel(unit, head, "located_in", place, 0.75))
    for m in FOUNDED_IN.finditer(norm):  # X在北京正式成立。: X is there (not when it founds something there)
        place = _most_specific(unit, next((s for s in _spans(unit, ("LOC", "PARK"), m.start(1), m.end(1))), None))
        head = _nearest_before(unit, m.start(), ("ORG",), named=True)
        if place and head:
            out.append(_rel(unit, head, "located_in", place, 0.75))
    for m in re.finditer(r"的[\u4e00-\u9fff]{0,10}?(企业|公司|机构|高校|医院)", norm):
        place = next((s for s in _spans(unit, ("LOC",)) if s.end == m.start()), None)
        if place:
            for s in _group_after(unit, m.end()):
                if s.type == "ORG":
                    out.append(_rel(unit, s, "located_in", place, 0.75))
    for m in re.finditer(r"(?:辖区|境)?[内里]的?", norm):  # 厦门火炬高新区内的天马显示…: what is inside a zone
        zone = next((s for s in _spans(unit, ("PARK", "LOC")) if s.end == m.start() and not s.generic), None)
        if zone is not None:
            out += [_rel(unit, s, "located_in", zone, 0.75) for s in _group_after(unit, m.end())
                    if s.type == "ORG" and not s.generic]
            out += [_rel(unit, s, "located_in", zone, 0.75) for s in _spans(unit, ("PROJECT",), m.end())
                    if s.start == m.end() and not s.generic]
    for m in GATHERED.finditer(norm):  # 常州高新区…已集聚天合光能、中创新航等企业: they are in the zone
        if _in_span(unit, m.start()):
            continue
        zone = _nearest_before(unit, m.start(), ("PARK",)) or _clause_place(unit, m.start())  # 园区: the article's
        if zone is not None:
            out += [_rel(unit, s, "located_in", zone, 0.7) for s in _group_after(unit, m.end()) if s.type == "ORG"]
    for m in BUILT_AT.finditer(norm):
        place = next((s for s in _spans(unit, ("LOC", "PARK"), m.start(1), m.end(1))), None)
        built = next((s for s in _spans(unit, ("PARK", "PROJECT"), m.end()) if s.start - m.end() <= 2), None)
        builder = _nearest_before(unit, m.start(), ("ORG",), named=True)
        if place and built:
            out.append(_rel(unit, built, "located_in", place, 0.7))
        elif place and place.type == "PARK" and not place.generic and builder and not ASSET.match(norm, builder.end):
            out.append(_rel(unit, builder, "located_in", place, 0.6))  # 台积电…将于楠梓园区兴建晶圆厂: its plant is there
    return out


def _located_heads(unit: SentenceUnit, pos: int) -> list[Span]:
    """What a 位于/落户 at ``pos`` places: the names listed last in its clause (华为、中兴等企业已入驻), else
    the subject the sentence describes with 是, else the nearest name before it."""
    norm = unit.analysis.norm
    clause_start = max(norm.rfind(c, 0, pos) for c in "，,；;") + 1
    types = ("ORG", "PARK", "PROJECT", "EVENT")
    in_clause = [s for s in _spans(unit, types, clause_start, pos) if not s.generic]
    if in_clause:
        return _listed_with(unit, in_clause[-1])
    named = [s for s in _spans(unit, types, 0, pos) if not s.generic]
    if named and norm.startswith("是", named[0].end):
        return [named[0]]  # A是B与C组建的合资企业，总部位于…: A, not C
    return named[-1:]


def _event_named_after(unit: SentenceUnit, pos: int) -> Span | None:
    """The event that 在X举办的 describes (在东莞举办的|2026中国新型储能产业发展论坛)."""
    if not unit.analysis.norm.startswith("的", pos):
        return None
    return next((s for s in _spans(unit, ("EVENT",), pos + 1) if s.start == pos + 1), None)


def _clause_place(unit: SentenceUnit, pos: int) -> Span | None:
    """The last place named in the clause before ``pos``."""
    norm = unit.analysis.norm
    start = max(norm.rfind(c, 0, pos) for c in "，,。；;") + 1
    place = _nearest_before(unit, pos, ("LOC",), named=True)
    return place if place is not None and place.start >= start else None


def _most_specific(unit: SentenceUnit, place: Span | None) -> Span | None:
    """The last of the places written one after another from ``place`` (广东省|深圳市|南山区: 南山区)."""
    while place is not None:
        after = next((s for s in _spans(unit, ("LOC", "PARK"), place.end) if s.start == place.end), None)
        if after is None:
            return place
        place = after
    return None


def _nearest_before(unit: SentenceUnit, pos: int, types: tuple[str, ...], named: bool = False) -> Span | None:
    cands = [s for s in _spans(unit, types, 0, pos) if not (named and s.generic)]
    return cands[-1] if cands else None


# --- part_of ------------------------------------------------------------------------

def memberships(unit: SentenceUnit) -> list[RelationMention]:
    """X母公司——Y, 作为X的组成部分/配套活动，Y…, and X管委会 → the zone X."""
    norm = unit.analysis.norm
    out = []
    spans = unit.analysis.spans
    for i, s in enumerate(spans):
        if s.type in ("ORG",) and i + 1 < len(spans):
            gap = norm[s.end:spans[i + 1].start]
            if PART_OF.search(gap) and spans[i + 1].type == "ORG":
                out.append(_rel(unit, s, "part_of", spans[i + 1], 0.85))
            elif spans[i + 1].type == "ORG" and (unit_of := _subsidiary(norm, s, spans[i + 1], gap)):
                out.append(_rel(unit, unit_of[0], "part_of", unit_of[1], 0.85))
    for m in PART_OF_FRAME.finditer(norm):
        whole = _nearest_before(unit, m.end(1) + 1, ("PARK", "ORG", "EVENT", "PROJECT"), named=True)
        comma = re.search(r"[,，]", norm[m.end():])
        if whole is None or whole.start < m.start(1) - 1 or comma is None:
            continue
        after = m.end() + comma.end()
        part = next((s for s in _spans(unit, ("PARK", "ORG", "EVENT", "PROJECT"), after) if s != whole), None)
        if part is not None:
            out.append(_rel(unit, part, "part_of", whole, 0.8))
    for s in spans:
        if s.source == "inner" and s.type in ("PARK", "ORG"):
            outer = next((o for o in spans if o.type == "ORG" and o.start == s.start and o.end > s.end), None)
            if outer is not None:
                out.append(_rel(unit, outer, "part_of", s, 0.9))
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


# --- releases and announced_at -------------------------------------------------------

def releases(unit: SentenceUnit) -> list[RelationMention]:
    """ORG/PER 发布/推出/印发 PRODUCT/POLICY: the releaser is the nearest organisation or person before."""
    out = []
    for m in RELEASE.finditer(unit.analysis.norm):
        if _in_span(unit, m.start()):
            continue
        tails = [s for s in _spans(unit, ("PRODUCT", "POLICY"), m.end())]
        head = _releaser(unit, m.start())
        if head is None:
            out += _issued_by_places(unit, m.start(), [t for t in tails if t.type == "POLICY"])
            continue
        heads = _listed_with(unit, head) if head.type == "ORG" else [head]  # A、B联合印发: both release
        out += [_rel(unit, h, "releases", t, 0.8) for h in heads for t in tails]
    for product in _spans(unit, ("PRODUCT",)):  # 雷军宣布，小米YU7将于明年上市: the product comes to market
        head = _releaser(unit, product.start) if ON_SALE.match(unit.analysis.norm, product.end) else None
        if head is not None:
            out.append(_rel(unit, head, "releases", product, 0.7))
    return out


def _issued_by_places(unit: SentenceUnit, pos: int, policies: list[Span]) -> list[RelationMention]:
    """A policy a zone or place issues (广州开发区、黄埔区联合出台《…》) is its committee's or government's:
    the zone's 管委会 (part of the zone) and the place's 人民政府, for the places and zones listed right
    before ``pos`` in the clause."""
    norm = unit.analysis.norm
    issuers = [s for s in _spans(unit, ("PARK", "LOC"), 0, pos) if not s.generic]
    if not policies or not issuers or CLAUSE_BREAK.search(norm, issuers[-1].end, pos) or pos - issuers[-1].end > 4:
        return []
    out = []
    for place in _listed_run(norm, issuers[::-1])[::-1]:
        m = unit.mention(place)
        if place.type == "PARK":
            body = Mention(m.text + "管委会", m.norm + "管委会", "ORG", m.start, m.end, m.article, m.sentence, False,
                           "name")
            out.append(_rel(unit, body, "part_of", place, 0.7))
        else:
            body = Mention(m.text, m.norm, "GOV", m.start, m.end, m.article, m.sentence, True, "government")
        out += [_rel(unit, body, "releases", p, 0.7) for p in policies]
    return out


def _releaser(unit: SentenceUnit, pos: int) -> Span | None:
    cands = [s for s in _spans(unit, ("ORG", "PER"), 0, pos) if not s.generic]
    if not cands:
        return None
    head = cands[-1]
    if head.type == "PER":
        body = next((f.body for f in unit.analysis.posts if _same(f.person, head) and f.body is not None
                     and f.body.type == "ORG"), None)
        return body or head
    return head


def announcements(unit: SentenceUnit) -> list[RelationMention]:
    """Things launched at an event: 在E上…启动X, E…发布的新品包括X, X签约仪式 → X."""
    norm = unit.analysis.norm
    out = []
    events = _spans(unit, ("EVENT",))
    framed = [e for e in events if re.match(r"(开幕式|现场)?上", norm[e.end:]) or
              re.match(r".{0,20}?发布的(新品|产品)", norm[e.end:])]
    if framed and LAUNCH.search(norm):
        event = framed[0]
        for s in _spans(unit, ("PRODUCT", "PROJECT", "POLICY"), event.end):
            out.append(_rel(unit, s, "announced_at", event, 0.75))
    for s in unit.analysis.spans:
        if s.source == "inner" and s.type in ("PROJECT", "PARK"):
            outer = next((e for e in events if e.start == s.start and e.end > s.end), None)
            if outer is not None:
                out.append(_rel(unit, s, "announced_at", outer, 0.85))
    return out


# --- invests_in ---------------------------------------------------------------------

def investments(unit: SentenceUnit) -> list[RelationMention]:
    """X由A投资建设, A向B…投资, A注资/入股/增资B, 项目投资方A."""
    norm = unit.analysis.norm
    out = []
    attrs = amount(norm)
    for m in INVEST_BY.finditer(norm):
        target = _nearest_before(unit, m.start(), ("PROJECT", "PARK", "ORG"))
        for investor in _without_parents(norm, _spans(unit, ("ORG",), m.start(1), m.end(1))):
            if target is not None and investor.source != "abbrev":
                out.append(_rel(unit, investor, "invests_in", target, 0.8, **attrs))
    for m in INVEST_TO.finditer(norm):
        investor = _nearest_before(unit, m.start(), ("ORG",), named=True)
        target = _unit_named(unit, next((s for s in _spans(unit, ("ORG", "PROJECT", "PARK"), m.start() + 1)
                                         if s.start == m.start() + 1), None))
        if investor and target and _investor_of(norm, investor, m.start()):
            out.append(_rel(unit, investor, "invests_in", target, 0.8, **attrs))
    for m in INVEST_VERB.finditer(norm):
        target = next((s for s in _spans(unit, ("ORG", "PROJECT", "PARK"), m.end()) if s.start == m.end()), None)
        investor = _nearest_before(unit, m.start(), ("ORG",), named=True)
        if target and investor and _investor_of(norm, investor, m.start()):
            out.append(_rel(unit, investor, "invests_in", target, 0.75, **attrs))
    for m in INVEST_BUILD.finditer(norm):
        target = next((s for s in _spans(unit, ("PROJECT", "PARK"), m.end()) if s.start - m.end() <= 2), None)
        investor = _nearest_before(unit, m.start(), ("ORG",), named=True)
        if target and investor and _investor_of(norm, investor, m.start()):
            out.append(_rel(unit, investor, "invests_in", target, 0.75, **attrs))
    for m in re.finditer(r"投资方", norm):
        investor = next((s for s in _spans(unit, ("ORG",), m.end()) if s.start == m.end()), None)
        target = _nearest_before(unit, m.start() + 1, ("PROJECT",))
        if investor and target:
            out.append(_rel(unit, investor, "invests_in", target, 0.75, **attrs))
    return out


def _investor_of(norm: str, investor: Span, verb: int) -> bool:
    """True when ``investor`` is the subject of the investing verb at ``verb``: close before it in the same
    clause, and not an asset it pays with (以X公司30%的股权向Y增资)."""
    return (verb - investor.end <= INVESTOR_GAP and not re.search(r"[,，。；;：:、]", norm[investor.end:verb])
            and not ASSET.match(norm, investor.end))


def _unit_named(unit: SentenceUnit, target: Span | None) -> Span | None:
    """The subsidiary when ``target`` names its parent first (向X全资子公司Y增资: Y)."""
    if target is None:
        return None
    after = next((s for s in _spans(unit, ("ORG",), target.end)
                  if SUBSIDIARY_GAP.fullmatch(unit.analysis.norm, target.end, s.start)), None)
    return after or target


# --- relations read from names ----------------------------------------------------------

def focuses(unit: SentenceUnit) -> list[RelationMention]:
    """The subject of a clause that 聚焦/深耕/重点发展… industries works in each of them: the subject in the
    cue's clause, else the sentence's (长沙经开区聚焦工程机械、电子信息两大主导产业)."""
    norm = unit.analysis.norm
    out, seen = [], set()
    for ind in _spans(unit, ("INDUSTRY",)):
        cue = next((m for m in reversed(list(FOCUS.finditer(norm, 0, ind.start)))
                    if not CLAUSE_BREAK.search(norm, m.end(), ind.start)), None)
        head = _focus_subject(unit, cue.start()) if cue else None
        key = (head, norm[ind.start:ind.end])
        if head is not None and key not in seen:
            seen.add(key)
            out.append(_rel(unit, head, "focuses_on", ind, 0.7))
    return out


def _focus_subject(unit: SentenceUnit, pos: int) -> Span | None:
    """The organisation, zone, place or project before ``pos``: the last of its clause, else the first of
    the sentence unless it only speaks (X宣布，…); not a venue (在X), not a person's body."""
    cands = [s for s in _spans(unit, FOCUS_HEADS, 0, pos) if not _is_venue(unit, s) and not _is_post_body(unit, s)]
    norm = unit.analysis.norm
    clause_start = max(norm.rfind(c, 0, pos) for c in "，,；;") + 1
    in_clause = [s for s in cands if s.start >= clause_start]
    if in_clause:
        return in_clause[-1]
    if cands and not SPEECH_VERBS.search(norm, cands[0].end, pos):  # X宣布，…涵盖: X says, it is not the subject
        return cands[0]
    return None


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
            out.append(_rel(unit, s, "located_in", tail, 0.7))
        if s.type in ("ORG", "PARK", "PROJECT"):
            for ind in _industries_in(text):
                m = unit.mention(s)
                tail = Mention(ind, ind, "INDUSTRY", m.start, m.end, m.article, m.sentence, False, "name")
                out.append(_rel(unit, s, "focuses_on", tail, 0.6))
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


SENTENCE_RULES = (signings, positions, founders, locations, memberships, releases, announcements, investments,
                  focuses)
