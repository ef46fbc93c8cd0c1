"""Entity mentions in one sentence: rules over jieba tokens and the shipped lexicons.

Sources, each a small function returning candidate spans on the normalised text:
suffix grammar (…有限公司, …高新区, …大会), 《》 titles and quoted product names,
the gazetteer of places, person names after posts (院长佟小光), short names
before posts (中电云脑总经理), Latin/Chinese name pairs (文远知行(WeRide)),
product model codes (小米YU7) and industry terms. Overlaps are resolved
longest first.

>>> a = analyze_sentence("天津大学与香港理工大学签署协议。")
>>> [(m.text, m.type) for m in a.mentions]
[('天津大学', 'ORG'), ('香港理工大学', 'ORG')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import alternation, central_bodies, gazetteer, industries, local_bodies, post_pattern, suffix_pattern, suffix_type
from .people import BOARDS, PostFact, confident, post_facts, speaker_spans, tagger_spans
from .places import abbreviated_places, place_spans, town_spans
from .sectors import industry_spans
from .spans import Span, add_span, choose, overlaps, replace_span
from .suffix_names import JOINT_WORDS, ends_an_organisation, expand_left, is_generic_name, suffix_spans
from .text import is_cjk, normalize, occurrences
from .tokens import Token, in_dictionary, name_before, pieces_left, stops, tokenize, words_of
from .words import (BOUNDARY_WORDS, BUSINESS_ENDINGS, CLAUSE_VERBS, COMPANY_ROLES, FUNCTION_CHARS, NAME_VERBS,
                    is_generic_phrase)

POLICY_WORDS = re.compile(r"(计划|规划|方案|意见|办法|条例|规定|政策|纲要|决定|标准|指南|细则|措施|战略|通知|法)"
                          r"(\(\d{4}.{0,2}\d{4}年?\))?$")
# Common words ending in 法 that name no law (《新编高级英语语法》 is a book).
NOT_LAWS = frozenset("""方法 语法 做法 想法 看法 用法 手法 书法 算法 疗法 技法 笔法 句法 文法 章法 魔法
戏法 说法 写法 读法 解法 功法 佛法 兵法 刀法 剑法 拳法""".split())
PRODUCT_CUES = ("发布", "推出", "产品", "系统", "平台", "品牌", "型号", "车型", "芯片", "处理器", "亮相", "上市")
CATEGORY_NOUNS = {"车型", "产品", "处理器", "芯片", "手机", "汽车", "型号", "系列", "旗舰", "新品", "款", "平板电脑",
                  "智能手机", "机型", "手表", "耳机", "电脑", "笔记本", "平板", "电视", "新车", "轿车", "机器人"}
MODEL_WORDS = r"(?: (?:Pro|Max|Ultra|Plus|Mini|Lite|SE|Air|mini|Turbo))*"
# A signing ceremony named after its two parties (A与B战略合作协议签约仪式).
PARTIES = ("ORG", "PARK", "LOC")
LAB_ENDS = ("实验室", "研究院", "研究中心")  # a body whose ceremony is named after it
# A body two organisations set up together, named after both (浙江大学-海康威视联合研究中心).
JOINT_BODY = re.compile(r"([^-—－]{2,30}?)[-—－]([^-—－]{2,30}?)联合")
CEREMONY_OF_TWO = re.compile(r"([^与和同]{2,30}?)[与和同].{2,40}?((?:签约|签字|签署)仪式)$")
DATELINE = re.compile(r"\s*(?:新华社|中新社|中新网|本报|本刊)[\u4e00-\u9fff]{0,8}?(?:\d{1,2}月)?\d{1,2}日(?:电|讯)")
UNIT = re.compile(r"^\d+(\.\d+)?(nm|gwh|mwh|kwh|mw|gw|kw|gb|tb|mb|g|km|kg|mm|cm|m|t|w|v|mah|hz|ghz|mhz|k|p|ml|l)$", re.I)
# Before a suffix name, words that make it a second name, not the rest of the name before them.
NAMED_COMPANY = re.compile(r"公司|集团")
# A party of a signing or cooperation: joined to another (与腾讯, 腾讯与), the frame later in the clause;
# organisations so framed, or right before a post, need less of the tagger's confidence.
PARTY_BEFORE = re.compile(r"(与|和|同|跟|携手|联手)$")
PARTY_AFTER = re.compile(r"[与和同跟、]")
RELEASE_FRAME = re.compile(r"(?:在[^，,。]{0,12}?)?(?:正式|首次|全球|今天|今日)?(?:发布|推出|亮相)")
PARTY_FRAME = re.compile(r"合作|签署|签订|签约|携手|联手|牵手|共建")
FRAMED_MIN_CONFIDENCE = 0.4
# The tagger's confidence in an organisation whose name ends with a line of business (赣锋锂业), enough with that
# ending as the evidence.
BUSINESS_MIN_CONFIDENCE = 0.4
NOT_A_SHORT_NAME = re.compile(r"[0-9%<>第、与和及]")
SHARES = re.compile(r"股股份$|股份股份$")  # a company's shares (A股股份, 武钢股份股份总额), not its name
# An office of an organisation, after its name and the place it is in (中国银行悉尼分行).
BRANCH = re.compile(r"分行|支行|分公司|办事处|代表处|分部|总部|营业部|分社|分校|分院|分局|分所")
BODY_UNIT = re.compile(rf"[\u4e00-\u9fff]{{0,4}}({BRANCH.pattern}|总队|支队|大队|中心)")
GENERIC_PARK = re.compile(r"(?:该|本|此|这个)?园区")
# A bank, school, institute or office named by a demonstrative alone (该行董事长, 该校校长).
DEMONSTRATIVE_BODIES = frozenset("该行 本行 该校 本校 该院 本院 该所 本所 该厂 本厂".split())
ROLES = re.compile("旗下|" + "|".join(sorted(COMPANY_ROLES, key=len, reverse=True)))
NOT_IN_A_NAME = COMPANY_ROLES | CLAUSE_VERBS | frozenset("旗下 下属 隶属 隶属于 属于 归属 归属于 称 表示 说".split())
LATIN_NAME = r"[A-Za-z][A-Za-z0-9.&\-]*(?: [A-Z][A-Za-z0-9.&\-]*){0,3}"


@dataclass
class SentenceAnalysis:
    """Everything the relation rules need about one sentence."""

    text: str
    norm: str
    tokens: list[Token]
    spans: list[Span]
    posts: list[PostFact] = field(default_factory=list)
    aliases: list[tuple[Span, Span]] = field(default_factory=list)

    @property
    def mentions(self) -> list["SpanView"]:
        return [SpanView(self, s) for s in self.spans]


@dataclass(frozen=True)
class SpanView:
    """A span with its text, for reading results."""

    analysis: SentenceAnalysis
    span: Span

    @property
    def text(self) -> str:
        return self.analysis.text[self.span.start:self.span.end]

    @property
    def type(self) -> str:
        return self.span.type


def analyze_sentence(text: str, known: dict[str, str] | None = None, context: str = "",
                     use_tagger: bool = True) -> SentenceAnalysis:
    """Find the mentions of one sentence.

    ``known`` maps names found elsewhere in the document to their types;
    ``context`` is the document's normalised text (licenses short place names).
    """
    norm = normalize(text)
    tokens = tokenize(norm)
    known = known or {}
    protected = bracket_spans(norm)
    cands = list(protected)
    cands += suffix_spans(norm, tokens, known, protected)
    places = place_spans(norm, tokens, context or norm) + abbreviated_places(norm, tokens)
    places += town_spans(norm, tokens, places)
    cands += places + local_body_spans(norm, tokens, places) + government_seat_spans(norm, tokens, places)
    cands += known_spans(norm, known, tokens) + known_short_spans(norm, tokens, known)
    pairs = latin_pairs(norm, tokens)
    cands += [s for pair in pairs for s in pair]
    cands += product_spans(norm, tokens)
    described = described_names(norm, tokens)
    cands += short_company_names(norm) + listed_companies(norm, tokens) + central_body_spans(norm, tokens) + described
    chosen = _without_descriptions(norm, choose(cands, protected), described)
    owners = [s for s in cands if s.type == "ORG" and not s.generic]
    if use_tagger:
        tagged = _split_at_roles(norm, tagger_spans(norm, tokens))
        organisations = [span for span, _ in tagged if span.type == "ORG"]
        chosen = [_cut_at_tagged(norm, s, organisations, tokens) for s in chosen]
        likely = [span for span, confidence in tagged if span.type == "ORG" and confidence >= FRAMED_MIN_CONFIDENCE]
        possible = [span for span, confidence in tagged if span.type == "ORG" and confidence >= BUSINESS_MIN_CONFIDENCE]
        business = _business_named(norm, tokens, possible)
        sure = confident(tagged)
        owners += [span for span in sure if span.type == "ORG"] + business
        for span in sure + business + _framed(norm, tokens, likely):
            chosen = _add_tagged(norm, tokens, chosen, span)
    abbrevs = abbreviation_pairs(norm, chosen)
    for _, short in abbrevs:
        chosen = replace_span(chosen, short)
    chosen = coordinated_spans(norm, tokens, chosen)
    chosen = joined_events(norm, chosen)
    chosen = [_without_board(norm, s) for s in chosen]
    chosen += generic_body_spans(tokens, chosen)
    facts = post_facts(norm, tokens, chosen, known)
    for f in facts:
        chosen = add_span(chosen, f.person)
        if f.body is not None:
            chosen = add_span(chosen, f.body)
    for span in speaker_spans(norm, tokens):
        chosen = add_span(chosen, span)
    chosen += inner_spans(norm, chosen)
    chosen += owner_spans(norm, chosen, owners)
    chosen += industry_spans(norm, tokens, chosen)
    chosen += generic_park_spans(norm, chosen)
    after = dateline_end(norm)
    chosen = [s for s in chosen if s.start >= after]
    facts = [PostFact(f.person, f.post, _body_in(chosen, f), f.post_start) for f in facts if f.person.start >= after]
    pairs = _pairs_in(chosen, pairs + abbrevs)
    return SentenceAnalysis(text, norm, tokens, sorted(set(chosen), key=lambda s: (s.start, s.end)), facts, pairs)


def _split_at_roles(norm: str, tagged: list[tuple[Span, float]]) -> list[tuple[Span, float]]:
    """Organisations the tagger reads as one across a company role are the two around it
    (宁德时代|孙公司|奉新时代).

    >>> _split_at_roles("宁德时代孙公司奉新时代", [(Span(0, 11, "ORG", "tagger"), 0.9)])
    [(Span(start=0, end=4, type='ORG', source='tagger', generic=False), 0.9), (Span(start=7, end=11, type='ORG', source='tagger', generic=False), 0.9)]
    """
    out = []
    for span, confidence in tagged:
        text = norm[span.start:span.end]
        role = ROLES.search(text, 1, len(text) - 1) if span.type == "ORG" else None  # inside, not at an edge
        if role is None:
            out.append((span, confidence))
            continue
        for start, end in ((span.start, span.start + role.start()), (span.start + role.end(), span.end)):
            if end - start >= 2 and not ROLES.search(norm, start, end):
                out.append((Span(start, end, span.type, span.source), confidence))
    return out


def _without_board(norm: str, span: Span) -> Span:
    """A company's name without the board read with it before a post (万科董事会|主席 gives 万科).

    >>> _without_board("万科董事会主席郁亮", Span(0, 5, "ORG", "tagger"))
    Span(start=0, end=2, type='ORG', source='tagger', generic=False)
    """
    board = next((b for b in BOARDS if norm.endswith(b, span.start, span.end)), "")
    if (span.type != "ORG" or not board or span.end - span.start - len(board) < 2
            or not post_pattern().match(norm, span.end)):
        return span
    return Span(span.start, span.end - len(board), span.type, span.source, span.generic)


def _framed(norm: str, tokens: list[Token], organisations: list[Span]) -> list[Span]:
    """Organisations the tagger is less sure of, named as a party of a signing or a cooperation in their
    clause (腾讯 in 传奇东方还与腾讯达成合作), right before a post (美的电器董事局|主席) or as the subject that
    launches something (华为在发布会上正式推出了…): the frame is the evidence.

    >>> from graph.tokens import tokenize
    >>> _framed("传奇东方还与腾讯达成合作", tokenize("传奇东方还与腾讯达成合作"), [Span(6, 8, "ORG", "tagger")])
    [Span(start=6, end=8, type='ORG', source='tagger', generic=False)]
    """
    out = []
    word_starts = {t.start for t in tokens}
    for s in organisations:
        if not _balanced(norm[s.start:s.end]):
            continue
        clause_start = max(norm.rfind(c, 0, s.start) for c in "，,。；;") + 1
        clause_end = min((i for c in "，,。；;" if (i := norm.find(c, s.end)) >= 0), default=len(norm))
        joined = PARTY_BEFORE.search(norm, clause_start, s.start) or PARTY_AFTER.match(norm, s.end)
        post = s.end in word_starts and post_pattern().match(norm, s.end)  # not 中国机械工程学|会长
        launches = s.start == clause_start and RELEASE_FRAME.match(norm, s.end)  # 华为在发布会上正式推出了…
        if joined and PARTY_FRAME.search(norm, s.end, clause_end) or post or launches:
            out.append(s)
    return out


def _business_named(norm: str, tokens: list[Token], organisations: list[Span]) -> list[Span]:
    """Organisations the tagger is less sure of whose name ends with a line of business, or is a brand followed
    by one (晶科|能源): the short names of companies (赣锋锂业, 华虹半导体). Not when the span holds a
    predicate, conjunction or pronoun (中化国际与扬农集团, 山东钢铁重组日照钢铁), numbers or a rank, when
    股份 are shares (南玻A股股份), or when the ending cuts a word (比亚迪|新能|源汽车).

    >>> text = "晶科能源与该集团合作"
    >>> _business_named(text, tokenize(text), [Span(0, 2, "ORG", "tagger"), Span(5, 7, "ORG", "tagger")])
    [Span(start=0, end=4, type='ORG', source='tagger', generic=False)]
    >>> _business_named("比亚迪新能源汽车项目", tokenize("比亚迪新能源汽车项目"), [Span(0, 3, "ORG", "tagger")])
    []
    """
    out = []
    for s in organisations:
        ends_named = any(norm.endswith(e, s.start, s.end) for e in BUSINESS_ENDINGS)
        ending = "" if ends_named else next((e for e in BUSINESS_ENDINGS if norm.startswith(e, s.end)), "")
        end = s.end + len(ending)
        name = norm[s.start:end]
        front = next((name[:-len(e)] for e in BUSINESS_ENDINGS if name.endswith(e) and len(name) - len(e) >= 2), "")
        inner = [t for t in tokens if s.start <= t.start and t.end <= end]
        if (front and _balanced(name) and not is_generic_phrase(words_of(front)) and not SHARES.search(name)
                and not any(t.start < end < t.end for t in tokens)  # 比亚迪|新能|源汽车: the word goes on
                and not NOT_A_SHORT_NAME.search(name) and not any(_breaks_a_short_name(t) for t in inner)):
            out.append(Span(s.start, end, s.type, s.source))
    return out


def _breaks_a_short_name(token: Token) -> bool:
    """A predicate, preposition, conjunction, pronoun or relation word, which no company's short name holds."""
    return (token.text in NOT_IN_A_NAME or token.pos in ("p", "c", "r", "u", "uj")
            or (token.pos.startswith("v") and token.text not in NAME_VERBS))


def _add_tagged(norm: str, tokens: list[Token], chosen: list[Span], span: Span) -> list[Span]:
    """Add a span of the tagger unless it overlaps one already chosen. Inside an organisation the tagger
    reads, places are its front and a suffix name that ends where it ends is its tail, which the rules cut
    short (上海|源丰投资发展|有限公司: they stop at the verb 发展; 中国|电信 has no suffix): both give way.
    So is the name of a branch after its organisation (中国银行|悉尼|分行, 株洲市工商行政管理局|石峰分局). A tail that starts with a place is
    a whole name, and so is one after a company or a word no name holds
    (上海梅林控股子公司|上海梅林食品有限公司, 阳泉煤业称|公司); so is a generic one that the words before do
    not make a name (房地产|公司; 攀钢|集团 is one).

    >>> from graph.tokens import tokenize
    >>> text = "上海源丰投资发展有限公司"
    >>> _add_tagged(text, tokenize(text), [Span(0, 2, "LOC", "place"), Span(8, 12, "ORG", "suffix", True)],
    ...             Span(0, 12, "ORG", "tagger"))
    [Span(start=0, end=12, type='ORG', source='tagger', generic=False)]
    """
    if span.type == "ORG":
        inside = [s for s in chosen if span.start <= s.start and s.end <= span.end
                  and s.end - s.start < span.end - span.start]
        rest = [s for s in chosen if s not in inside]
        fronts = [s for s in inside if s.type == "LOC" or s.source == "central"]  # 中国证监会|广东监管局
        tails = [s for s in inside if s.type == "ORG" and s.source == "suffix" and s.end == span.end
                 and _cut_short(norm, tokens, span, tail=s)]
        heads = [s for s in inside if s.type == "ORG" and s.source in ("suffix", "local") and s.start == span.start
                 and (BRANCH if s.source == "suffix" else BODY_UNIT).fullmatch(
                     "".join(c for i, c in enumerate(norm[s.end:span.end], s.end)
                             if not any(f.start <= i < f.end for f in fronts)))]
        if inside and len(fronts) + len(tails) + len(heads) == len(inside) and not overlaps(span, rest):
            return replace_span(chosen, span)
    return add_span(chosen, span)


def _cut_short(norm: str, tokens: list[Token], span: Span, *, tail: Span) -> bool:
    """True when the suffix name ``tail`` at the end of the tagger's ``span`` is a part the rules cut off."""
    gap = [t for t in tokens if span.start <= t.start and t.end <= tail.start]
    first = next((t for t in tokens if t.start == tail.start), None)
    suffix = suffix_pattern().search(norm, tail.start, tail.end)
    if tail.generic and suffix and is_generic_name(words_of(norm[span.start:suffix.start()]), "ORG", {},
                                                   suffix.group()):
        return False
    return ((first is None or first.pos != "ns") and not NAMED_COMPANY.search(norm, span.start, tail.start)
            and not any(t.text in NOT_IN_A_NAME for t in gap))


def _inside_a_suffix(norm: str, span: Span, at: int) -> bool:
    """True when ``at`` falls inside a suffix word of ``span`` (合肥经|开区党工委: 经开区 is one).

    >>> _inside_a_suffix("合肥经开区党工委", Span(0, 8, "ORG", "suffix"), 3)
    True
    """
    return any(m.start() < at < m.end() for m in suffix_pattern().finditer(norm, span.start, span.end))


def _cut_at_tagged(norm: str, span: Span, tagged: list[Span], tokens: list[Token]) -> Span:
    """A suffix name that the tagger ends at the same place but starts later, with a predicate (a verb,
    adverb, preposition or conjunction) before the tagger's start, starts where the tagger's does:
    the rules read 中国平安回应平安银行 leftwards from 银行, the tagger 平安银行. So does one the rules
    stopped reading at a clause verb (认购|主体龙诚集团 gives 龙诚集团). The predicate is the evidence,
    so the tagger's confidence does not matter here.

    >>> from graph.tokens import tokenize
    >>> tokens = tokenize("中国平安回应平安银行")
    >>> _cut_at_tagged("中国平安回应平安银行", Span(0, 10, "ORG", "suffix"), [Span(6, 10, "ORG", "tagger")], tokens)
    Span(start=6, end=10, type='ORG', source='suffix', generic=False)
    """
    if span.source != "suffix" or span.type != "ORG" or span.generic:
        return span
    start = next((t.start for t in tagged if t.end == span.end and t.start > span.start), None)
    if start is None or not _balanced(norm[start:span.end]) or _inside_a_suffix(norm, span, start):
        return span
    before = [t for t in tokens if span.start <= t.start and t.end <= start]
    if len(before) > 1 and gazetteer().lookup(before[0].text) and before[1].pos == "v":
        before = before[2:]  # a verb right after the place that opens the name is part of it (宜宾|建中|兴业工贸)
    stopped_by = next((t.text for t in tokens if t.end == span.start), "")  # 认购|主体龙诚集团: a clause verb
    if not any(_is_predicate(t) for t in before) and stopped_by not in CLAUSE_VERBS:
        return span
    return Span(start, span.end, span.type, span.source)


def _balanced(text: str) -> bool:
    """Every bracket in ``text`` closed in it (靖江)有限公司 is a piece of a name).

    >>> _balanced("中心(靖江)有限公司"), _balanced("靖江)有限公司")
    (True, False)
    """
    depth = 0
    for c in text:
        depth += (c in "(（") - (c in ")）")
        if depth < 0:
            return False
    return depth == 0


def _is_predicate(token: Token) -> bool:
    """A verb of two or more characters (not one that names a trade, 开发), an adverb, preposition or conjunction.

    >>> [_is_predicate(Token(w, pos, 0, len(w))) for w, pos in [("回应", "v"), ("开发", "v"), ("向", "p")]]
    [True, False, True]
    """
    if token.text in NAME_VERBS or gazetteer().lookup(token.text):
        return False
    return token.pos in ("p", "c", "d", "ad") or (token.pos in ("v", "vd") and len(token.text) >= 2)


def dateline_end(norm: str) -> int:
    """Where a dateline opening the sentence ends (0 without one): who filed the report and where, not its content.

    >>> dateline_end("新华社北京6月29日电中国与美国签署协定"), dateline_end("本报讯 天津大学发布新品")
    (11, 0)
    """
    m = DATELINE.match(norm)
    return m.end() if m else 0


# --- abbreviations and coordinated names ----------------------------------------

SHORT_FORM = r"[“\"「《]?([\u4e00-\u9fffA-Za-z0-9][\u4e00-\u9fffA-Za-z0-9\-]{1,9})[”\"」》]?"
ABBREV = re.compile(r"[(（](?:以下简称|以下称|下称|简称)?[:：]?" + SHORT_FORM + r"[)）]"  # FULL(简称:SHORT)
                    r"|[,，]?(?:以下简称|简称|又称|也称)[:：]?" + SHORT_FORM + r"(?=[,，。；;、)）]|$)")  # FULL，简称SHORT，
LATIN_ACRONYM = re.compile(r"[A-Z][A-Z0-9\-]{1,9}")


def abbreviation_pairs(norm: str, chosen: list[Span]) -> list[tuple[Span, Span]]:
    """FULL(以下简称“SHORT”), FULL(SHORT) and FULL，简称SHORT，: the short form names the same entity.

    A Latin short form must be an acronym (汇丰银行(HSBC)); FULL is an organisation or park found before,
    or a policy's title (《…三年行动计划》(以下简称《行动计划》)),
    or, for ，简称SHORT, the one the sentence begins with (成都丰元建筑装饰设计有限公司位于…，简称丰元装饰).
    """
    out = []
    for m in ABBREV.finditer(norm):
        full = next((s for s in chosen if not s.generic and (s.type in ("ORG", "PARK") and s.end == m.start()
                                                          or s.type == "POLICY" and norm.startswith("》", s.end, m.start())
                                                          and s.end + 1 == m.start())), None)
        if full is None and m.group(2):
            full = _subject(norm, chosen, m.start())
        if full is None or not _short_form_fits(m.group(1) or m.group(2), full):
            continue
        short = 1 if m.group(1) else 2
        out.append((full, Span(m.start(short), m.end(short), full.type, "abbrev")))
    return out


def _subject(norm: str, chosen: list[Span], before: int) -> Span | None:
    """The named organisation or park that begins the sentence, when no other one comes before ``before``."""
    named = [s for s in chosen if s.end <= before and s.type in ("ORG", "PARK") and not s.generic]
    first = min(named, key=lambda s: s.start, default=None)
    if first is None or len(named) > 1 or norm[:first.start].strip(" \u3000"):
        return None
    return first


def _short_form_fits(short: str, full: Span) -> bool:
    """A Latin acronym (HSBC), or Chinese shorter than the full name and not a place."""
    if short.isascii():
        return bool(LATIN_ACRONYM.fullmatch(short))
    return not gazetteer().lookup(short) and len(short) < full.end - full.start


NOUN_POS = ("n", "vn", "nz", "nt", "nr", "ns", "nrt", "nrfg", "eng")


def coordinated_spans(norm: str, tokens: list[Token], chosen: list[Span]) -> list[Span]:
    """Short names listed with organisations (翔宇医疗 in 实验室、集团、翔宇医疗等单位)."""
    changed = True
    while changed:
        changed = False
        for s in [c for c in chosen if c.type == "ORG"]:
            m = re.match(r"[、和与及]([\u4e00-\u9fff]{2,8}?)(?=等单位|等企业|等机构|等高校|、|和|与|及|签署|签订|共同)", norm[s.end:])
            if not m:
                continue
            span = Span(s.end + m.start(1), s.end + m.end(1), "ORG", "list")
            inner = [t for t in tokens if span.start <= t.start < span.end]
            words = [t.text for t in inner]
            if (not overlaps(span, chosen) and not is_generic_phrase(words) and _noun_phrase(inner)
                    and not any(w in BOUNDARY_WORDS for w in words) and not gazetteer().lookup(m.group(1))):
                chosen = chosen + [span]
                changed = True
    return chosen


def _noun_phrase(tokens: list[Token]) -> bool:
    """No verb in it and a noun at its end (盛洋|电器, 中船|重工, not 洗|黑钱 or 偷税漏税)."""
    return bool(tokens) and not any(t.pos in ("v", "vd") for t in tokens) and tokens[-1].pos in NOUN_POS


def _pairs_in(chosen: list[Span], pairs: list[tuple[Span, Span]]) -> list[tuple[Span, Span]]:
    """Alias pairs restated on the spans that were kept (same offsets, any source)."""
    by_range = {(s.start, s.end): s for s in chosen}
    out = []
    for a, b in pairs:
        ka, kb = by_range.get((a.start, a.end)), by_range.get((b.start, b.end))
        if ka is not None and kb is not None:
            out.append((ka, kb))
    return out


def _body_in(chosen: list[Span], fact: PostFact) -> Span | None:
    if fact.body is None:
        return None
    return next((s for s in chosen if s.end == fact.body.end and s.start <= fact.body.start), fact.body)


# --- brackets -----------------------------------------------------------------

def bracket_spans(norm: str) -> list[Span]:
    """《》 titles (policies) and quoted names right after a product cue.

    >>> bracket_spans("印发《天津市脑机接口行动计划(2026-2030年)》")[0].type
    'POLICY'
    """
    out = []
    for m in re.finditer(r"《([^《》]{2,60})》", norm):
        title = m.group(1)
        if POLICY_WORDS.search(title) and title[-2:] not in NOT_LAWS:
            # A bare 《办法》 or 《条例》 refers back to a policy named before: a generic mention.
            out.append(Span(m.start(1), m.end(1), "POLICY", "title", POLICY_WORDS.fullmatch(title) is not None))
        else:
            out.append(Span(m.start(1), m.end(1), "TITLE", "title"))
    for m in re.finditer(r"[“「‘\"]([^“”「」‘’\"，,。]{2,16})[”」’\"]", norm):
        before = norm[max(0, m.start() - 8):m.start()]
        after = norm[m.end():m.end() + 6]
        if any(c in before for c in PRODUCT_CUES) or re.match(r"[\u4e00-\u9fff]{0,4}(头环|系统|芯片|平台|设备|机器人|汽车)", after):
            if not is_generic_phrase(words_of(m.group(1))):
                out.append(Span(m.start(1), m.end(1), "PRODUCT", "quote"))
    return out


# --- known names (found elsewhere in the document) ----------------------------

def known_spans(norm: str, known: dict[str, str], tokens: list[Token]) -> list[Span]:
    """Every occurrence of a name already established in the document.

    A short organisation name right after a place and other name words is the
    end of a longer name (中国航天科工十院 when 十院 is known).
    """
    out = []
    for name, typ in known.items():
        if len(name) < 2:
            continue
        for at in occurrences(norm, name):
            start = _extend_over_place(norm, tokens, at, known) if typ == "ORG" else at
            out.append(Span(start, at + len(name), typ, "known"))
    return out


def known_short_spans(norm: str, tokens: list[Token], known: dict[str, str]) -> list[Span]:
    """The start of a company's name that the document gives in full, written alone before a post or as
    the subject or a party of a clause (科大讯飞|董事长 beside 科大讯飞股份有限公司, 博世中国|总裁 beside
    博世(中国)投资有限公司): at least two characters from a word's start, beginning (after a place) with a word
    that is no common one (上海|汽车 is not 上海汽车股权投资有限公司), and not followed by a place in the full
    name (美的电器 is not 美的电器荷兰公司).

    >>> text = "科大讯飞董事长与博世中国总裁会面"
    >>> known = {"科大讯飞股份有限公司": "ORG", "博世(中国)投资有限公司": "ORG"}
    >>> [text[s.start:s.end] for s in known_short_spans(text, tokenize(text), known)]
    ['科大讯飞', '博世中国']
    """
    starts = {t.start for t in tokens}
    out = []
    for name in (n for n, t in known.items() if t == "ORG"):
        for short in _name_starts(name):
            out += [Span(at, at + len(short), "ORG", "known") for at in occurrences(norm, short)
                    if at in starts and _before_a_frame(norm, at + len(short))]
    return sorted(out, key=lambda s: (s.start, s.end))


@lru_cache(maxsize=4096)
def _name_starts(name: str) -> tuple[str, ...]:
    """The starts of an organisation's ``name`` that may stand for it (see ``known_short_spans``), longest first.

    >>> _name_starts("博世(中国)投资有限公司"), "美的电器" in _name_starts("美的电器荷兰公司")
    (('博世中国投资', '博世中国投', '博世中国', '博世中'), False)
    """
    if not (ends_an_organisation(name) or name.endswith(tuple(BUSINESS_ENDINGS))):
        return ()
    plain = name.replace("(", "").replace(")", "")
    return tuple(plain[:n] for n in range(min(6, len(plain) - 2), 1, -1)
                 if not _starts_with_place(plain[n:]) and _distinctive_start(plain[:n]))  # 美的电器|荷兰公司


@lru_cache(maxsize=4096)
def _distinctive_start(short: str) -> bool:
    """True when the first word of ``short`` after its places is a name's (博世, 科大) or no dictionary word.

    >>> _distinctive_start("博世中国"), _distinctive_start("上海汽车"), _distinctive_start("经济")
    (True, False, False)
    """
    words = [t.text for t in tokenize(short)]
    while words and gazetteer().lookup(words[0]):
        words = words[1:]
    return bool(words) and _name_word(words[0])


def _name_word(word: str) -> bool:
    """No dictionary word, or one jieba reads as a name or an abbreviation (博世, 科大)."""
    return not in_dictionary(word) or tokenize(word)[0].pos in NAME_POS


def _starts_with_place(text: str) -> bool:
    return any(gazetteer().lookup(text[:n]) for n in range(2, min(len(text), 8) + 1))


def _before_a_frame(norm: str, pos: int) -> bool:
    return bool(post_pattern().match(norm, pos) or FRAME_AFTER_SHORT_NAME.match(norm, pos))


def _extend_over_place(norm: str, tokens: list[Token], pos: int, known: dict[str, str]) -> int:
    start, words = expand_left(norm, tokens, pos, "ORG", "", known)
    if len(words) < 2 or words[-1] in JOINT_WORDS:
        return pos  # 杭州市余杭区人民政府|共建|浙江大学: two names and a verb
    if any(p.code or p.level == "world" for p in gazetteer().lookup(words[0])):
        return start
    return pos


# --- Latin / Chinese pairs ----------------------------------------------------

def latin_pairs(norm: str, tokens: list[Token]) -> list[tuple[Span, Span]]:
    """Name pairs such as 文远知行(WeRide) and Uber(优步): the two forms are one entity."""
    out = []
    for m in re.finditer(rf"({LATIN_NAME})\(([\u4e00-\u9fff]{{2,4}})\)", norm):
        latin = m.group(1)
        if _is_acronym(latin):
            continue
        typ = "LOC" if gazetteer().lookup(m.group(2)) else "ORG"
        out.append((Span(m.start(1), m.end(1), typ, "latin"), Span(m.start(2), m.end(2), typ, "latin")))
    for m in re.finditer(rf"\(({LATIN_NAME})\)", norm):
        latin = m.group(1)
        if _is_acronym(latin) or not latin[0].isupper():
            continue
        start, words = name_before(tokens, m.start())
        if not words or is_generic_phrase(words) or any(len(w) > 4 and w in BOUNDARY_WORDS for w in words):
            continue
        cjk = norm[start:m.start()]
        typ = "LOC" if gazetteer().lookup(cjk) else "ORG"
        out.append((Span(start, m.start(), typ, "latin"), Span(m.start(1), m.end(1), typ, "latin")))
    return out


def _is_acronym(word: str) -> bool:
    return (word.isupper() and len(word) <= 5) or word[0].isdigit() or word.lower() == word


# --- central government bodies ----------------------------------------------------

@lru_cache(maxsize=1)
def _central_body_pattern() -> re.Pattern[str]:
    return re.compile(alternation(central_bodies()))


def central_body_spans(norm: str, tokens: list[Token]) -> list[Span]:
    """The State Council's departments and the bodies under it, by name or short form (工业和信息化部, 工信部),
    where jieba's words begin and end with them (not 教育|部门, 中|央行|政) or a post follows, and not after a
    place, whose own body it is then (美国商务部, 斯里兰卡央行, 省发改委).

    >>> text = "工信部会同教育部门、美国商务部发布通知"
    >>> [text[s.start:s.end] for s in central_body_spans(text, tokenize(text))]
    ['工信部']
    """
    starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
    before = {t.end: t.text for t in tokens}
    return [Span(m.start(), m.end(), "ORG", "central") for m in _central_body_pattern().finditer(norm)
            if m.start() in starts and _body_ends(norm, m.end(), ends) and not _owner_word(before.get(m.start(), ""))]


def _body_ends(norm: str, end: int, ends: set[int]) -> bool:
    """True when a body's name may end at ``end``: where a word does, or before a post (工业和信息化部|副部长,
    which jieba reads 部副|部长)."""
    return end in ends or post_pattern().match(norm, end) is not None


def _owner_word(word: str) -> bool:
    """A place's name, a division's suffix (省, 市) or an organisation's name read as one word: what it is
    written after is that one's own department (美国|商务部, 丹东电业局|科技部)."""
    return bool(word) and (word[-1] in "省市区县州" or bool(gazetteer().lookup(word)) or ends_an_organisation(word))


# --- local government departments ------------------------------------------------

NAME_POS = ("nz", "nt", "j", "nr", "nrt")  # jieba's parts of speech of names and abbreviations
BODY_UNITS = ("分局", "总队", "支队", "大队")
LEVELS = ("自治区", "自治州", "省", "市", "区", "县", "州", "旗")


@lru_cache(maxsize=1)
def _local_body_pattern() -> re.Pattern[str]:
    return re.compile(alternation(local_bodies()))


def local_body_spans(norm: str, tokens: list[Token], places: list[Span]) -> list[Span]:
    """Departments of provincial, city and county governments (工业和信息化厅, 发改委): with the places written
    before them, whose they are (江苏省|工业和信息化厅, 绍兴市|越城区|经信局), or after a bare level, a generic mention
    that the document's full name resolves (省|工信厅); with a unit after them (市场监督管理局|南湖|分局). Not
    inside other words (城市|商务局).

    >>> text = "江苏省工业和信息化厅会同市财政局、城市商务局发文"
    >>> places = [Span(0, 3, "LOC", "gazetteer")]
    >>> [(text[s.start:s.end], s.generic) for s in local_body_spans(text, tokenize(text), places)]
    [('江苏省工业和信息化厅', False), ('市财政局', True)]
    """
    starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
    place_ending = {s.end: s.start for s in places if s.type == "LOC"}
    out = []
    for m in _local_body_pattern().finditer(norm):
        if not _body_ends(norm, m.end(), ends):
            continue
        start, end = m.start(), _unit_end(tokens, m.end()) or m.end()
        while start in place_ending:
            start = place_ending[start]
        if start < m.start():
            out.append(Span(start, end, "ORG", "local"))
            continue
        level = next((lv for lv in LEVELS if norm.startswith(lv, start - len(lv)) and start - len(lv) in starts), "")
        if level and (m.start() in starts or len(level) == 1):
            out.append(Span(start - len(level), end, "ORG", "local", generic=True))
    return out


def government_seat_spans(norm: str, tokens: list[Token], places: list[Span]) -> list[Span]:
    """A city's or county's government called by its seat, 府 after the place (台中市|府, 高雄市|府, 新竹县|府),
    not a street (台北市|府前路).

    >>> text = "台中市府与友达签署备忘录，台北市府前路封闭"
    >>> [text[s.start:s.end] for s in government_seat_spans(text, tokenize(text), [Span(0, 3, "LOC", "x"), Span(13, 16, "LOC", "x")])]
    ['台中市府']
    """
    words = {t.start: t.text for t in tokens}
    return [Span(s.start, s.end + 1, "ORG", "local") for s in places
            if s.type == "LOC" and norm.endswith(("市", "县", "省"), s.start, s.end) and words.get(s.end) == "府"
            and not norm.startswith(("前", "路", "街"), s.end + 1)]


def _unit_end(tokens: list[Token], start: int) -> int | None:
    """End of the name of a department's unit written at ``start`` (南湖|分局, 交警支队): at most two words, no verb.

    >>> text = "市公安局交警支队和市公安局协助分局"
    >>> _unit_end(tokenize(text), 4), _unit_end(tokenize(text), 13)
    (8, None)
    """
    after = [t for t in tokens if t.start >= start][:2]
    for t in after:
        if t.pos.startswith("v") or not all(is_cjk(c) for c in t.text):
            return None
        if t.text.endswith(BODY_UNITS):
            return t.end
    return None


# --- companies' short names ------------------------------------------------------

# Nouns that describe an organisation right before its name (科技公司|星途智驾, 出行平台|Lyft, 网约车巨头|Uber).
DESCRIBED_BY = ("公司", "企业", "平台", "巨头", "厂商", "车企", "药企", "品牌", "独角兽", "运营商", "服务商", "供应商",
                "制造商", "开发商", "新势力")
NAME_AFTER_DESCRIPTION = re.compile(rf"(?:{'|'.join(DESCRIBED_BY)})(?:([A-Z][A-Za-z0-9.&]{{1,20}})(?![A-Za-z0-9])|"
                                    r"([\u4e00-\u9fff]{2,6}?)(?=[（(，,、。]|与|和|宣布|表示|发布|推出|正式|已|将|今日|近日|日前))")
# The end of a company's legal form, which no description of it is (…有限公司|董事长).
LEGAL_FORM_END = re.compile(r"(?:有限|股份|集团|责任|总)(?:公司|企业)$")
STAFF_NOUNS = frozenset("高管 高层 员工 职工 股东 领导 人士 负责人 团队 客户 用户".split())
LATIN_NOT_NAMES = frozenset("APP CEO CFO CTO COO IPO GDP ETF VIP".split())
# A stock-exchange code after a company's name: （NASDAQ：XTZJ）, (00700.HK), （股票代码：688001）.
TICKER = re.compile(r"[(（](?:(?:NASDAQ|NYSE|HKEX|港交所|纳斯达克|纽交所|股票代码|证券代码|SH|SZ|HK|BJ)\s*[:：]?\s*[A-Z0-9.]{1,10}"
                    r"|\d{4,6}\.(?:HK|SH|SZ|BJ))[)）]")
# What follows a company's short name as the subject or a party of a clause.
SHORT_NAME_FRAME = r"(?=董事长|总裁|总经理|发布|宣布|表示|称|公告|拟|将|与|和|、|在|已|正式|联合|携手|是|，|,|。)"
FRAME_AFTER_SHORT_NAME = re.compile(SHORT_NAME_FRAME)


@lru_cache(maxsize=1)
def _short_name_pattern() -> re.Pattern[str]:
    endings = "|".join(sorted(BUSINESS_ENDINGS, key=len, reverse=True))
    return re.compile(rf"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{{2}})({endings}){SHORT_NAME_FRAME}")


def short_company_names(norm: str) -> list[Span]:
    """Short names of companies: a brand that is no dictionary word or place and a line of business, as the
    subject or a party of a clause (亿纬锂能拟在沈阳投资, 奋达科技董事长, 与三一重工签约).

    >>> [(s.start, s.end) for s in short_company_names("亿纬锂能拟在沈阳投资，国内能源将发展。")]
    [(0, 4)]
    """
    out = []
    for m in _short_name_pattern().finditer(norm):
        brand = m.group(1)
        if brand[0] not in FUNCTION_CHARS and _brand_like(brand) and not gazetteer().lookup(brand):
            out.append(Span(m.start(), m.end(), "ORG", "short"))
    return out


def described_names(norm: str, tokens: list[Token]) -> list[Span]:
    """Names of organisations the text introduces: right after a noun that describes one (not a legal form:
    …有限公司|董事长), up to a bracket, a comma or the verb of their clause (自动驾驶科技公司|星途智驾（…）宣布,
    出行平台|Lyft达成), or right before a stock-exchange code (星途智驾（NASDAQ：XTZJ）).

    >>> text = "自动驾驶科技公司星途智驾（NASDAQ：XTZJ）宣布与美国出行平台Lyft达成合作，公司上周中表示。"
    >>> [text[s.start:s.end] for s in described_names(text, tokenize(text))]
    ['星途智驾', 'Lyft']
    """
    found = {m.span(1) if m.group(1) else m.span(2) for m in NAME_AFTER_DESCRIPTION.finditer(norm)
             if not LEGAL_FORM_END.search(norm, 0, m.start(1) if m.group(1) else m.start(2))
             and (m.group(1) or _describes(tokens, m.start(2)))}
    for m in TICKER.finditer(norm):
        if not any(end == m.start() for _, end in found):
            clause_start = max(norm.rfind(c, 0, m.start()) for c in "，,。；;：:") + 1
            found.add((_after_predicate(tokens, clause_start, m.start()), m.start()))
    return [Span(start, end, "ORG", "short") for start, end in sorted(found) if _introduced_name(norm, tokens, start, end)]


def _without_descriptions(norm: str, chosen: list[Span], described: list[Span]) -> list[Span]:
    """``chosen`` without the descriptions of the names in ``described`` (科技公司|星途智驾: not an organisation
    of its own), a span that holds both cut to the name (英国软件公司Autonomy: Autonomy).

    >>> text = "英国软件公司Autonomy和软件公司华光"
    >>> _without_descriptions(text, [Span(0, 14, "ORG", "known"), Span(15, 19, "ORG", "suffix")],
    ...                       [Span(6, 14, "ORG", "short"), Span(19, 21, "ORG", "short")])
    [Span(start=6, end=14, type='ORG', source='short', generic=False)]
    """
    out = []
    for s in chosen:
        if any(s.end == d.start for d in described):
            continue
        named = next((d for d in described if s.start < d.start and s.end == d.end
                      and norm.endswith(DESCRIBED_BY, s.start, d.start)), None)
        out.append(named or s)
    return out


def _introduced_name(norm: str, tokens: list[Token], start: int, end: int) -> bool:
    """True when norm[start:end] looks like a company's name: Latin of three letters or more (not APP, CEO), or
    whole words that are brands or lines of business and no post (星途|智驾; not 上周中, 董事长潘丽华)."""
    name = norm[start:end]
    if name.isascii():
        return len(name) >= 3 and name.upper() not in LATIN_NOT_NAMES
    inner = [t for t in tokens if start <= t.start and t.end <= end]
    return (sum(len(t.text) for t in inner) == end - start and _listed_name(name) and not post_pattern().match(norm, start)
            and inner[0].text not in BUSINESS_ENDINGS and name not in suffix_type() and name not in STAFF_NOUNS
            and all(_brand_like(t.text) or t.text in BUSINESS_ENDINGS or t.pos in ("nr", "nrt")
                    or (len(t.text) == 1 and not stops(t.text, t.pos)) for t in inner))  # 星途|智|驾: an unknown word


def _describes(tokens: list[Token], name_start: int) -> bool:
    """True unless the describing noun before ``name_start`` stands bare after a function word or verb (使企业|联股)."""
    before = [t for t in tokens if t.end <= name_start]
    if len(before) < 2 or before[-1].text not in DESCRIBED_BY:
        return True
    return before[-2].pos == "vn" or before[-2].pos[:1] not in ("v", "p", "c", "u", "d", "r")


LIST_LEADS = frozenset("诸如 例如 比如 包括 包含 如 像 有 还有 其中 以及 及 和 与 是".split())  # what introduces a list


@lru_cache(maxsize=1)
def _company_list() -> re.Pattern[str]:
    """A list of companies closed by 等 and a word for companies (天合光能、中创新航等龙头企业, A、B等12家企业,
    A、B等锂电企业)."""
    return re.compile(r"((?:[\u4e00-\u9fffA-Za-z]{2,8}、)+[\u4e00-\u9fffA-Za-z]{2,8})等"
                      r"(?:\d+|[一二三四五六七八九十百多数]+)?[余多]?[家个]?(?:龙头|重点|知名|骨干|头部|优质|领军|行业|链主|一批|大型|世界|中国|全球|国内外|国内|国际|跨国|上市|500强)*"
                      rf"(?:{alternation(industries())})?(?:企业|公司|厂商|车企|药企|集团)")


def listed_companies(norm: str, tokens: list[Token]) -> list[Span]:
    """The items of a list of companies (天合光能、中创新航等龙头企业): each a name, not an industry, place,
    generic phrase or common word (not 新能源、生物医药等企业, 国有、民营等企业); the first after the words
    that lead to the list (已|集聚|天合光能).

    >>> text = "已集聚天合光能、中创新航等龙头企业和新能源、生物医药等企业"
    >>> [text[s.start:s.end] for s in listed_companies(text, tokenize(text))]
    ['天合光能', '中创新航']
    """
    out = []
    for m in _company_list().finditer(norm):
        pos = m.start(1)
        for item in m.group(1).split("、"):
            start = _after_predicate(tokens, pos, pos + len(item)) if pos == m.start(1) else pos
            if _listed_name(norm[start:pos + len(item)]):
                out.append(Span(start, pos + len(item), "ORG", "short"))
            pos += len(item) + 1
    return out


def _after_predicate(tokens: list[Token], start: int, end: int) -> int:
    """Where the name that ends text[start:end] begins: after the last word no name holds (已集聚|天合光能,
    吸引了|博世), read back from ``end``; ``end`` when one ends there."""
    for t in sorted((t for t in tokens if t.start < end and t.end > start), key=lambda t: -t.start):
        if t.start < start or _no_name_word(t):
            return max(t.end, start)
    return start


def _no_name_word(token: Token) -> bool:
    """A word no company's name holds: a function word, adverb, number, or a verb of two characters or more
    that names do not use (single characters jieba reads as verbs are often a brand's: 天合光|能; 中|创新|航)."""
    return (token.pos[0] in "dpcrum" or token.text in CLAUSE_VERBS or token.text in BOUNDARY_WORDS
            or token.text in LIST_LEADS
            or (token.pos.startswith("v") and len(token.text) >= 2 and token.text not in NAME_VERBS)
            or not all(is_cjk(c) or c.isalnum() for c in token.text))


def _listed_name(name: str) -> bool:
    if len(name) < 2 or name in industries() or gazetteer().lookup(name) or is_generic_phrase(words_of(name)):
        return False
    words = tokenize(name)
    if any(_no_name_word(w) for w in words):
        return False
    return len(words) > 1 or _name_word(name)


def _brand_like(word: str) -> bool:
    """No dictionary word, or one jieba reads as a name (华虹, 隆基); not a common word (阳光 is one to jieba too).

    >>> _brand_like("亿纬"), _brand_like("华虹"), _brand_like("国内")
    (True, True, False)
    """
    if not in_dictionary(word):
        return True
    tokens = tokenize(word)
    return len(tokens) == 1 and tokens[0].pos in ("nz", "nt", "j")


# --- products -------------------------------------------------------------------

# Parts of speech of a word that is no brand before a model code: numbers and measures, times, directions,
# pronouns, distinguishing words.
NOT_BRAND_POS = frozenset({"m", "mq", "q", "t", "tg", "f", "r", "rr", "rz", "b"})
# A Latin series name before a model number, apart from it (Mate 60, Galaxy S23, Model 3).
LATIN_SERIES = re.compile(r"(?<![A-Za-z0-9])[A-Z][a-z]{2,9} $")
# Codes that name a technology, a size or a rank, not a model: 3D, 5G, 4K, 3840X2160, TOP20, 1VS2.
NOT_MODEL_CODE = re.compile(r"\d[DGK]|\d+[xX×]\d+|TOP\d+|\d+VS\d+", re.I)
# Last characters of nouns that measure (分辨率, 销售额, 平均气温, 车牌号, 龙虎榜): no brand before a code.
MEASURE_ENDS = tuple("率额量价值号榜温")


def product_spans(norm: str, tokens: list[Token]) -> list[Span]:
    """Brand + model code names: 玄戒O1, 小米YU7, 小米15S Pro, 小米平板7 Ultra."""
    out = []
    for m in re.finditer(rf"(?<![A-Za-z0-9])([A-Za-z]*\d+[A-Za-z0-9]*|[A-Z]+\d[A-Za-z0-9]*)({MODEL_WORDS})", norm):
        code, extra = m.group(1), m.group(2)
        if (UNIT.match(code) or NOT_MODEL_CODE.fullmatch(code) or (code.isdigit() and not extra)
                or not re.search(r"[A-Za-z]", code + extra)):
            continue
        series = LATIN_SERIES.search(norm, max(0, m.start() - 12), m.start())
        code_start = series.start() if series else m.start()  # Mate 60 Pro: the series and the number
        start = _brand_start(tokens, code_start, bool(series))
        if start < code_start or series:
            out.append(Span(start, m.end(), "PRODUCT", "model"))
    return out


def _brand_start(tokens: list[Token], pos: int, series: bool = False) -> int:
    """Where the brand before a model code starts (小米|YU7, 小米|平板|7 Ultra); a kind of product before a
    brand or a Latin series describes it (智能手机|小米15 Pro, 折叠屏手机|Mate X7); quantities, times,
    directions, pronouns and distinguishing words are no brand (年底|DOTA2, 一把|NBA2K10, 整个|WAR3).

    >>> from graph.tokens import tokenize
    >>> _brand_start(tokenize("智能手机小米15"), 6), _brand_start(tokenize("折叠屏手机Mate X7"), 5, True)
    (4, 5)
    """
    start, named = pos, series
    for p in pieces_left(tokens, pos):
        w = p.text
        if len(w) >= 2 and w.endswith(MEASURE_ENDS):
            return pos  # a measure and its value (车牌号粤j465)
        if (stops(w, p.pos) or p.pos.startswith("v") or p.pos in NOT_BRAND_POS or not all(is_cjk(c) for c in w)
                or pos - p.start > 6):
            break
        if w in CATEGORY_NOUNS and named:
            break
        named = named or w not in CATEGORY_NOUNS
        start = p.start
    return start


def joined_events(norm: str, chosen: list[Span]) -> list[Span]:
    """Two events held as one, A暨B, are one event named by both (2026…年会暨展览会).

    >>> text = "2026汽车年会暨展览会开幕"
    >>> joined_events(text, [Span(0, 8, "EVENT", "suffix"), Span(9, 12, "EVENT", "suffix", True)])
    [Span(start=0, end=12, type='EVENT', source='suffix', generic=False)]
    """
    out: list[Span] = []
    for s in sorted(chosen, key=lambda s: (s.start, s.end)):
        before = out[-1] if out else None
        if (before is not None and before.type == s.type == "EVENT" and not before.generic
                and norm[before.end:s.start] == "暨"):
            out[-1] = Span(before.start, s.end, "EVENT", before.source)
        else:
            out.append(s)
    return out


def generic_park_spans(norm: str, chosen: list[Span]) -> list[Span]:
    """园区 and 该园区 alone: a generic mention of the article's park, which resolution finds.

    >>> text = "该园区重点发展集成电路,苏州工业园区"
    >>> [text[s.start:s.end] for s in generic_park_spans(text, [Span(11, 17, "PARK", "suffix")])]
    ['该园区']
    """
    spans = [Span(m.start(), m.end(), "PARK", "suffix", True) for m in GENERIC_PARK.finditer(norm)]
    return [s for s in spans if not overlaps(s, chosen)]


def generic_body_spans(tokens: list[Token], chosen: list[Span]) -> list[Span]:
    """该行, 该校, 该院, 该所 (one jieba word each): a generic mention of the article's bank, school or institute.

    >>> from graph.tokens import tokenize
    >>> [(s.start, s.end, s.generic) for s in generic_body_spans(tokenize("该行董事长彭纯"), [])]
    [(0, 2, True)]
    """
    spans = [Span(t.start, t.end, "ORG", "suffix", True) for t in tokens if t.text in DEMONSTRATIVE_BODIES]
    return [s for s in spans if not overlaps(s, chosen)]


# --- nested names and industries -------------------------------------------------

def inner_spans(norm: str, chosen: list[Span]) -> list[Span]:
    """Names inside ceremony names, parks' bodies and branch names (亿纬锂能…项目 in …项目签约仪式, 合肥经开区 in
    合肥经开区党工委, 中国银行 in 中国银行悉尼分行)."""
    out = []
    for s in chosen:
        text = norm[s.start:s.end]
        if s.type == "EVENT" and not s.generic:
            m = re.search(r"(项目|产业园区?|有限公司|实验室|研究院|研究中心)(合资合同)?"
                          r"(签约仪式|开工奠基仪式|奠基仪式|开工仪式|签约|启动仪式|投产仪式|竣工仪式|揭牌仪式)$", text)
            if m:
                typ = "PARK" if "园" in m.group(1) else "ORG" if m.group(1) in LAB_ENDS else "PROJECT"
                out.append(Span(s.start, s.start + m.end(1), typ, "inner"))
                out += _joint_founders(text[:m.end(1)], s.start) if typ == "ORG" else []
            out += _ceremony_parties(text, s.start)
        if s.type == "ORG" and not s.generic:
            out += _joint_founders(text, s.start)
        if s.type == "ORG" and re.search(r"(管委会|管理委员会|党工委)$", text):
            m = suffix_pattern().search(text)
            if m and suffix_type().get(m.group()) == "PARK" and m.start() >= 2:
                out.append(Span(s.start, s.start + m.end(), "PARK", "inner"))
        if s.type == "ORG" and (head := _branch_of(text)):
            out.append(Span(s.start, s.start + len(head), "ORG", "inner"))
    return out


def _joint_founders(text: str, start: int) -> list[Span]:
    """The two organisations a joint body is named after, joined by a dash (浙江大学-海康威视联合研究中心,
    西南交通大学—中车株洲电力机车有限公司轨道交通联合实验室): the first named with an organisation suffix, the
    second up to its last one, or whole when short and without one (a brand).

    >>> [text[s.start:s.end] for text in ["星河大学—华光电力机车有限公司轨道交通联合实验室"] for s in _joint_founders(text, 0)]
    ['星河大学', '华光电力机车有限公司']
    """
    m = JOINT_BODY.match(text)
    if m is None or _suffix_ending(text, m.end(1)) != "ORG":
        return []
    ends = [end for end, typ in _suffixes_in(text, m.start(2), m.end(2)) if typ == "ORG"]
    second_end = ends[-1] if ends else m.end(2) if m.end(2) - m.start(2) <= 6 else None
    if second_end is None:
        return []
    return [Span(start, start + m.end(1), "ORG", "inner"), Span(start + m.start(2), start + second_end, "ORG", "inner")]


def _ceremony_parties(text: str, start: int) -> list[Span]:
    """The two parties a signing ceremony is named after (A与B战略合作协议签约仪式): A, and B up to its last
    organisation or zone suffix (when it has one); A is a place or typed by its suffix.

    >>> [(s.start, s.end, s.type) for s in _ceremony_parties("星河经开区与华光有限公司合作协议签约仪式", 0)]
    [(0, 5, 'PARK'), (6, 12, 'ORG')]
    """
    m = CEREMONY_OF_TWO.match(text)
    if m is None:
        return []
    suffixes = [(end, typ) for end, typ in _suffixes_in(text, m.end(1) + 1, m.start(2)) if typ in ("ORG", "PARK")]
    first = text[:m.end(1)]
    first_type = _suffix_ending(text, len(first)) or ("LOC" if gazetteer().lookup(first) else None)
    parties = [Span(start + m.end(1) + 1, start + end, typ, "inner") for end, typ in suffixes[-1:]]
    if first_type is None and not parties:
        return []  # 亿纬锂能储能与动力电池项目签约仪式: no party is named
    # B without an organisation suffix (浙江省政府与农总行…签字仪式) is left unnamed
    return [Span(start, start + len(first), first_type if first_type in PARTIES else "ORG", "inner"), *parties]


def _suffixes_in(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(end, type) of each name suffix inside text[start:end], in order.

    >>> _suffixes_in("星河大学与华光有限公司", 0, 11)
    [(4, 'ORG'), (11, 'ORG')]
    """
    return [(k.end(), suffix_type()[k.group()]) for k in suffix_pattern().finditer(text, start, end)]


def _suffix_ending(text: str, end: int) -> str | None:
    """The type of the name suffix that ends text[:end] (星河经开区: PARK), if one does."""
    return next((typ for at, typ in _suffixes_in(text, 0, end) if at == end), None)

def owner_spans(norm: str, chosen: list[Span], organisations: list[Span]) -> list[Span]:
    """The organisation a project's name begins with (华能海马汽车 in 华能海马汽车4.6兆瓦分布式光伏项目), as a name
    inside it (not before 工程: 西北电讯工程学院|雷达工程 is a discipline).

    >>> text = "华能海马汽车分布式光伏项目"
    >>> owner_spans(text, [Span(0, 13, "PROJECT", "suffix")], [Span(0, 6, "ORG", "tagger"), Span(0, 2, "ORG", "suffix")])
    [Span(start=0, end=6, type='ORG', source='inner', generic=False)]
    """
    out = []
    for s in chosen:
        if s.type == "PROJECT" and not s.generic and norm[s.end - 2:s.end] == "项目":
            fronts = [o for o in organisations if o.start == s.start and o.end <= s.end - 3]
            if fronts:
                out.append(Span(s.start, max(o.end for o in fronts), "ORG", "inner"))
    return out


def _branch_of(name: str) -> str:
    """The organisation whose branch ``name`` is, written before the branch's place and office, or ''.

    Without the place, the office may end a name of its own (证券营业部).

    >>> _branch_of("中国工商银行北海分行"), _branch_of("富龙集团北京分公司"), _branch_of("北京分公司")
    ('中国工商银行', '富龙集团', '')
    """
    office = BRANCH.search(name)
    if office is None or office.end() != len(name):
        return ""
    for m in reversed(list(suffix_pattern().finditer(name, 0, office.start()))):
        place = name[m.end():office.start()]
        if m.start() >= 2 and place and gazetteer().lookup(place):
            return name[:m.end()]
    return ""




