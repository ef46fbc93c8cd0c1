"""Names read leftwards from a type suffix (…有限公司, …高新区, …大会) and lists of projects.

>>> from graph.tokens import tokenize
>>> text = "该项目由广州赛莱拉干细胞科技股份有限公司投资建设"
>>> [(text[s.start:s.end], s.type, s.generic) for s in suffix_spans(text, tokenize(text), {}, [])]
[('该项目', 'PROJECT', True), ('广州赛莱拉干细胞科技股份有限公司', 'ORG', False)]
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import gazetteer, industries, posts, suffix_pattern, suffix_type
from .names import brand_core
from .spans import Span, inside
from .text import is_cjk
from .tokens import PROPER_POS, Token, in_dictionary, pieces_left, stops, tokenize, words_of
from .words import (BOUNDARY_WORDS, CLAUSE_VERBS, COMPANY_ROLES, EVENT_WORDS, FUNCTION_CHARS, GENERIC_WORDS, LEADING_ADJECTIVES, NAME_VERBS,
                    PARK_KINDS, PARTY_NAMES, PLACE_QUALIFIERS, PUNCT, TRADE_VERBS, YEAR, is_generic_phrase, is_quantity)

MAX_NAME = 32
# Two-character words that begin names although their first character is a function word.
FUNCTION_CHAR_HEADS = frozenset({"和平", "向阳", "于都", "对外", "在华"})
CONJ = {"与", "和", "及"}
# Legal forms that end a company's name (jieba's words).
INNER_LEGAL_FORMS = {"有限公司", "有限责任公司", "股份有限公司"}
# What after a project's or park's suffix makes it part of a company's name (中国华电工程|有限公司).
ORG_AFTER = re.compile(r"有限|股份|公司|集团")
# Parties and agents of a deal; no organisation's name holds one (收购方, 实际控制人, 基金管理人).
PARTY_NOUN = re.compile(r"(收购|重组|出让|受让|转让|委托|承包|发包|投资|合作|出资|控股|交易|第三|"
                        r"管理|控制|托管|受托|发起|债权|债务|代理|保荐|承销|受益|负责|发言)[方人]$")
# Nouns of a line of business that a name verb before them belongs to (投资|基金, 投资|管理, 开发|建设).
BUSINESS_NOUNS = {"基金", "控股", "管理", "咨询", "顾问", "发展", "集团", "服务", "开发", "建设", "担保", "基金管理"}
CONJ_TYPES = {"EVENT", "PROJECT", "POLICY"}
# Verbs that say what a gathering does and are part of its name (招商推介会, 产业对接会, 经贸合作论坛).
EVENT_KIND_VERBS = frozenset("招商 引资 推介 交流 对接 洽谈 合作 培训 宣讲 招聘".split())
# Park suffixes that also name places of any kind (a base, a town): a park's name needs a proper word.
LOOSE_PARK_SUFFIXES = {"基地", "产业基地", "小镇"}
# Bases that are no industrial park: military ones, and those for teaching or training.
NOT_INDUSTRIAL_BASE = re.compile(r"空军|海军|陆军|美军|日军|俄军|军事|部队|自卫队|潜艇|导弹|训练|教学|教育|实习")
# A project's capacity (年产|20|万吨, 4.6|兆瓦, 10|GW) is part of its name: a unit after a number, and the
# production verb before them.
CAPACITY_UNIT = re.compile(r"[万千百亿]?(吨|瓦|千瓦|兆瓦|吉瓦|千瓦时|兆瓦时|吉瓦时|辆|台|套|片|只|件|头|颗|块|平方米|平米|立方米|亩|"
                           r"公顷|箱|羽|GW|MW|KW|kW|GWh|MWh|MWp|GWp)")
PHASE = re.compile(r"[一二三四五六七八九十\d]+期(?:工程)?")
GENERATION = re.compile(r"第([0-9０-９]+(\.[0-9０-９]+)?|[一二三四五六七八九十]+)代")
NUMBER = re.compile(r"[0-9０-９]+(\.[0-9０-９]+)?|[一二三四五六七八九十百千两]+")
# Words that point back to a name; before a name they are no part of it (这|两项水利工程, 如前述|长沙金霞项目).
DEMONSTRATIVE = re.compile(r"如?前述|上述|这些|那些|[这那](?=[0-9零一二三四五六七八九十两几])")
# Generic nouns for a project's owner, written before its name (公司年产8000吨三氯蔗糖项目).
OWNER_NOUNS = {"公司", "集团", "企业", "本公司", "该公司", "我公司"}
SCHOOL_NOUNS = {"学校", "我校", "本校", "该校", "校"}
CAPACITY_VERBS = {"年产", "年产能", "产能", "年处理", "年加工", "年出栏", "日产", "年吞吐", "年吞吐量", "年生产"}
CONJ_ORG_SUFFIXES = ("联合体", "联盟", "研究院", "中心", "实验室", "学院")
BAD_CONTINUATION = set("生师化制组部内外级型式性员")
PREPOSITIONS = set("由在对向于从把被将")
GOV_PREFIX = re.compile(r"^(省|市|区|县|州)(委|政府|人民政府|政协|人大)?$")
FOUNDED = re.compile(r"(共建|组建|成立|设立|筹建|建立|新建|揭牌成立)[“\"「]?$")
# An investment building what follows: a project it builds is named by its words (投资5亿元建设|高性能微球材料项目).
INVESTED_IN = re.compile(r"投资[^，,。；;]{0,25}?(?:建设|新建|打造|投建|兴建|实施)$")
SHORTEST_DESCRIBED_PROJECT = 6
CEREMONY_VERBS = {"开工", "奠基", "签约", "揭牌", "启动", "开幕", "竣工", "投产", "捐赠", "挂牌", "合资", "合同"}
POLICY_STOPS = {"印发", "发布", "出台", "颁布", "制定", "审议", "通过", "关于", "根据", "按照", "依据", "落实",
                "贯彻", "的", "了", "和", "与", "及", "现", "将", "关于印发", "为", "是", "在",
                "本", "该", "此", "上述"}
# Parts of speech of a word that is no part of a name when it comes before the name's leading place.
PREDICATE_POS = frozenset({"a", "ad", "d", "v", "vd", "vn"})
POLICY_YEARS = re.compile(r"[(（]\d{4}\s*[-—–~～至到]\s*\d{4}年?[)）]")
# An ordinal in an organisation's name (安庆市第七中学, 第一人民医院); not 第二届, 第一名, 第三大.
ORDINAL = re.compile(r"第[〇零一二三四五六七八九十百两0-9]+")
# Institutions a city numbers (第五中学, 第一人民医院); elsewhere an ordinal is a rank (日本第二信托银行).
NUMBERED = ("中学", "小学", "学校", "医院", "研究所", "研究院", "设计院", "勘察院", "测绘院", "勘探院", "地质队", "工程局")
LIST_BLOCKERS = {"签署", "签订", "签约", "举行", "表示", "出席", "宣布", "发布", "启动", "包括", "其中", "同期"}


def suffix_spans(norm: str, tokens: list[Token], known: dict[str, str], protected: list[Span]) -> list[Span]:
    """Names read leftwards from a type suffix, e.g. 广州赛莱拉干细胞科技股份有限公司."""
    out = []
    for m in suffix_pattern().finditer(norm):
        typ = suffix_type()[m.group()]
        if (inside(m.start(), m.end(), protected) or _bad_end(norm, m.end(), typ == "PARK")
                or _inside_a_word(tokens, m.start(), m.end())):
            continue
        if typ != "ORG" and ORG_AFTER.match(norm, m.end()):
            continue  # 中国华电工程|有限公司: a word of an organisation's name
        if m.group() == "新区" and _a_district(norm, m.end()):
            continue  # 浦东新区, 滨海新区: districts (places), not zones
        start, words = expand_left(norm, tokens, m.start(), typ, m.group(), known)
        start, words = _over_name_before(norm, start, m.start(), words, out)
        if m.group() in LOOSE_PARK_SUFFIXES and NOT_INDUSTRIAL_BASE.search(norm[start:m.start()]):
            continue
        start, words = _trim_leading(start, words)
        start, words = _after_demonstrative(start, words)
        start, words = _after_person(norm, start, m.start(), words, known)
        start, words = _after_open_quote(norm, start, m.start(), words)
        if typ == "PROJECT" and words and words[0] in OWNER_NOUNS:  # 公司|年产8000吨三氯蔗糖项目: the owner
            start, words = start + len(words[0]), words[1:]
        elif typ == "ORG" and len(words) > 1 and words[0] in SCHOOL_NOUNS:  # 学校|科学技术研究院: the school's
            start, words = start + len(words[0]), words[1:]
        if is_generic_name(words, typ, known, m.group()) and not _founded(norm, start, words, typ):
            front = start if _park_body(words, typ) else m.start() - _det_len(norm, m.start())
            out.append(Span(front, m.end(), typ, "suffix", True))
        elif m.group() in ("开幕式", "闭幕式") and suffix_pattern().search(norm[start:m.start()][-3:]):
            out.append(Span(start, m.start(), "EVENT", "suffix"))
        else:
            years = POLICY_YEARS.match(norm, m.end()) if typ == "POLICY" else None
            out.append(Span(start, years.end() if years else m.end(), typ, "suffix"))
    return out + list_spans(norm, known)


def _founded(norm: str, start: int, words: list[str], typ: str) -> bool:
    """True when what is founded (组建|联合实验室) or invested in (投资5亿元建设|高性能微球材料项目) follows:
    its words name it.

    >>> _founded("投资5亿元建设高性能微球材料", 7, ["高性能", "微球", "材料"], "PROJECT")
    True
    """
    if not words:
        return False
    return bool(FOUNDED.search(norm[:start])) or (
        typ == "PROJECT" and len("".join(words)) >= SHORTEST_DESCRIBED_PROJECT and bool(INVESTED_IN.search(norm[:start])))


def _over_name_before(norm: str, start: int, end: int, words: list[str], found: list[Span]) -> tuple[int, list[str]]:
    """Start a name where the name found right before its suffix starts, when jieba cut that name's suffix
    and the reading stopped inside it (合肥经|开区管委会: 合肥经开区 is a name).

    >>> _over_name_before("合肥经开区管委会", 3, 5, ["开区"], [Span(0, 5, "PARK", "suffix")])
    (0, ['合肥', '经', '开区'])
    """
    before = found[-1] if found else None
    if before is None or before.generic or before.end != end or not before.start < start < before.end:
        return start, words
    return before.start, words_of(norm[before.start:end])


def _after_person(norm: str, start: int, end: int, words: list[str], known: dict[str, str]) -> tuple[int, list[str]]:
    """Cut a name after a known person's name inside it (盛阅春希望项目 -> 希望项目)."""
    text = norm[start:end]
    cut = max((text.find(n) + len(n) for n, t in known.items() if t == "PER" and n in text), default=0)
    if not cut:
        return start, words
    return start + cut, words_of(text[cut:])


def _after_open_quote(norm: str, start: int, end: int, words: list[str]) -> tuple[int, list[str]]:
    """Start a name after an opening quote that is closed only after it (名为“放贷人条例” gives 放贷人条例).

    >>> _after_open_quote("名为“放贷人条例", 0, 6, ["名为", "“", "放贷人"])
    (3, ['放贷人'])
    """
    text = norm[start:end]
    quote = text.rfind("“")
    if quote < 0 or "”" in text[quote:]:
        return start, words
    return start + quote + 1, words_of(text[quote + 1:])


def _after_demonstrative(start: int, words: list[str]) -> tuple[int, list[str]]:
    """Start a name after a demonstrative at its front (这两项水利 gives 两项水利).

    >>> _after_demonstrative(0, ["如", "前述", "长沙", "金霞"])
    (3, ['长沙', '金霞'])
    """
    text = "".join(words)
    m = DEMONSTRATIVE.match(text)
    return (start + m.end(), words_of(text[m.end():])) if m else (start, words)


def _trim_leading(start: int, words: list[str]) -> tuple[int, list[str]]:
    """Drop a stray function character, evaluative adjective or company role at a name's left edge.

    >>> _trim_leading(0, ["孙", "公司", "深圳市", "安业", "房地产", "开发", "有限公司"])
    (3, ['深圳市', '安业', '房地产', '开发', '有限公司'])
    """
    for k in (3, 2):  # a role jieba splits (孙|公司, 全资|子|公司)
        if len(words) > k + 1 and "".join(words[:k]) in COMPANY_ROLES:
            start, words = start + len("".join(words[:k])), words[k:]
            break
    if len(words) > 1 and words[0] in ("公司", "集团"):  # 参股|公司|陕西通家汽车…: the rest of a role
        start, words = start + len(words[0]), words[1:]
    if words and len(words[0]) > 2 and words[0][0] in FUNCTION_CHARS and gazetteer().lookup(words[0][1:]):
        start, words = start + 1, [words[0][1:], *words[1:]]  # 选址|于宜宾|临港…: jieba joined 于 to the place
    while words and (words[0] in LEADING_ADJECTIVES or (len(words[0]) <= 2 and words[0][0] in FUNCTION_CHARS
                                                         and words[0] not in FUNCTION_CHAR_HEADS)):
        if words[0] in LEADING_ADJECTIVES:
            start, words = start + len(words[0]), words[1:]
        else:
            start, words = start + 1, ([words[0][1:]] if len(words[0]) > 1 else []) + words[1:]
    return start, words


def is_generic_name(words: list[str], typ: str, known: dict[str, str], suffix: str) -> bool:
    """A name made only of generic modifiers (and places) is a generic mention (该项目, 天津市三甲医院); so is a
    project, base or town without a proper word (技改项目, 液态奶生产基地, 蓝白色小镇). 国家 before a government
    department's name makes it the national one (国家发改委), before another suffix a rank (国家实验室).

    >>> names = (["液态奶", "生产"], ["北碚", "制药"], ["脑机", "接口", "制造"])
    >>> [is_generic_name(words, "PARK", {}, "基地") for words in names]
    [True, False, False]
    >>> is_generic_name(["国家"], "ORG", {}, "发改委"), is_generic_name(["国家"], "ORG", {}, "实验室")
    (False, True)
    >>> is_generic_name(["开发区"], "ORG", {}, "管委会")
    True
    """
    if words == ["国家"] and suffix.endswith(("局", "委")):
        return False
    if not words or len("".join(words)) < 2 or GOV_PREFIX.match(words[0]):
        return True
    if _park_body(words, typ):
        return True
    rest = [w for w in words if not gazetteer().lookup(w) or w in EVENT_WORDS or w in GENERIC_WORDS]  # not 合作(市)
    if len(rest) < len(words):  # 天津市三甲医院: generic; 2026北京车展: a year and a place name an event
        return bool(rest) and all(w in PLACE_QUALIFIERS or (is_quantity(w) and not ORDINAL.fullmatch(w)
                                                            and not (typ == "EVENT" and YEAR.fullmatch(w)))
                                  for w in rest)
    if is_generic_phrase(words) or (typ == "EVENT" and all(w in EVENT_WORDS or is_quantity(w) for w in words)):
        return True
    if typ in ("PARK", "PROJECT") and is_generic_phrase([w for w in words if w not in industries()]):
        return True
    if suffix in LOOSE_PARK_SUFFIXES:  # a base named for an industry of the lexicon is one (脑机接口智能制造基地)
        return not _has_proper_word(words, known) and not any(i in "".join(words) for i in industries())
    return typ == "PROJECT" and not _has_proper_word(words, known)


def _a_district(norm: str, end: int) -> bool:
    """True when a division of the gazetteer ends at ``end`` (上海|浦东新区).

    >>> _a_district("上海浦东新区", 6), _a_district("宁波前湾新区", 6)
    (True, False)
    """
    return any(p.code for k in range(3, 7) for p in gazetteer().lookup(norm[max(0, end - k):end]))


def _park_body(words: list[str], typ: str) -> bool:
    """True for an organisation named by a word for a kind of park only (开发区|管委会, 园区|党工委): the body
    of the article's park, which resolution finds."""
    return typ == "ORG" and bool(words) and all(w in PARK_KINDS for w in words)


def _has_proper_word(words: list[str], known: dict[str, str]) -> bool:
    """A place, person, Latin word, known name or a known company's brand (星云 of 星云科技有限公司,
    远景动力 of 远景动力技术(江苏)有限公司)."""
    text = "".join(words)
    brands = {_brand_stem(brand_core(k)) for k, t in known.items() if t == "ORG"}
    return (any(c.isascii() and c.isalnum() for c in text) or any(k in text for k in known if len(k) >= 2)
            or any(b in text for b in brands if len(b) >= 2)
            or any(t.pos in PROPER_POS for w in words for t in tokenize(w)))


@lru_cache(maxsize=4096)
def _brand_stem(core: str) -> str:
    """A company's brand without its bracketed place and the kind of business after it.

    >>> _brand_stem("远景动力技术(江苏)"), _brand_stem("星云科技"), _brand_stem("能源技术")
    ('远景动力', '星云', '能源技术')
    """
    stem = re.sub(r"\([^()]*\)", "", core)
    stem = re.sub(r"(技术|科技|实业|控股|投资|发展|股份|集团)$", "", stem)
    return stem if len(stem) >= 2 and stem not in industries() and not is_generic_phrase(words_of(stem)) else core


def list_spans(norm: str, known: dict[str, str]) -> list[Span]:
    """Items of a list of projects (A项目、B项目、C项目等): each item whole, verbs and all."""
    out = []
    for clause in re.finditer(r"[^,，。;；:：]+", norm):
        items = [(clause.start() + it.start(), it.group()) for it in re.finditer(r"[^、]+", clause.group())]
        found = []
        for k, (start, text) in enumerate(items):
            text = re.sub(r"(等(?=[\d一二三四五六七八九十多几]|单位|企业)|(?<=项目)[和及]).*$", "", text)
            if not text.endswith("项目") or len(text) < 5:
                continue
            if k == 0:  # 高新区先后引进|SK海力士二期扩建项目: the first item begins after the clause's verb
                cut = _after_clause_verb(text)
                start, text = start + cut, text[cut:]
                if len(text) < 5:
                    continue
            words = words_of(text[:-2])
            if not is_generic_phrase(words) and not any(w in LIST_BLOCKERS for w in words):
                found.append(Span(start, start + len(text), "PROJECT", "list"))
        if len(found) >= 2:
            out += found
    return out


def _after_clause_verb(text: str) -> int:
    """Where a list's first item begins in ``text``: after the last clause verb or function word before it.

    >>> text = "高新区先后引进SK海力士二期扩建项目"
    >>> text[_after_clause_verb(text):]
    'SK海力士二期扩建项目'
    """
    cut = 0
    for t in tokenize(text):
        if t.text in CLAUSE_VERBS or t.text in BOUNDARY_WORDS or t.pos.startswith(("d", "p", "c", "u", "r")):
            cut = t.end
    return cut


def _det_len(norm: str, pos: int) -> int:
    """Length of a determiner right before a generic head (该项目, 省委)."""
    m = re.search(r"(该|本|此|这个|这场|这次|那场|那次|上述|省|市|区|县)$", norm[:pos])
    return len(m.group()) if m else 0


def _inside_a_word(tokens: list[Token], start: int, end: int) -> bool:
    """True when a dictionary word runs across the suffix's ``end`` (人民大会|堂, 大学|毕业): the suffix is part of it.

    A post after the suffix does not count (市委|书记 is one jieba word), nor
    an organisation word that starts with the suffix (日报|社).
    """
    return any(t.start < end < t.end and in_dictionary(t.text) and t.text[end - t.start:] not in posts()
               and not (t.start >= start and t.pos == "nt") for t in tokens)


def _bad_end(norm: str, end: int, zone: bool) -> bool:
    """A suffix that continues into a longer word (大学生, 工程师, 院内) or is a relation noun (母公司); after a
    ``zone``'s suffix 内 says where (开发区|内的企业).

    >>> _bad_end("大学生", 2, False), _bad_end("开发区内", 3, True), _bad_end("院内", 1, False)
    (True, False, True)
    """
    after = norm[end:end + 1]
    if after in BAD_CONTINUATION and norm[end:end + 2] not in posts() and not (zone and after == "内"):
        return True
    return bool(re.search(r"(母|子|孙|分)公司$", norm[:end]))


# Words of joint work that begin a name before its suffix (联合|实验室, 共建|基地) but no more than that.
JOINT_WORDS = ("联合", "合作", "共建")
# Fields a bureau or zone works in, joined by 及 inside its name (商务及经济发展局, 创新及科技园).
FIELDS_OF_WORK = frozenset("经济 商务 贸易 体育 环境 生态 民政 青年 事务 劳工 福利 运输 财经 库务 政制 内地 卫生 "
                           "保障 城乡 住房 资讯 科学 食物 规划 地政 渔农 自然 保育 创新 科技 工业 信息 技术 文化 "
                           "旅游 教育 医疗 金融 物流 能源 交通 农业 商业 发展 管理 服务 研究 工程".split())
# Verbs of building after 在 and a place: what follows is built there (在昆山建设|研发中心).
VENUE_VERBS = frozenset("建设 新建 兴建 打造 设立 投建 筹建 组建 建立 布局".split())


def expand_left(norm: str, tokens: list[Token], pos: int, typ: str, suffix: str,
                known: dict[str, str]) -> tuple[int, list[str]]:
    """Start of the name ending in the suffix at ``pos`` and the words taken."""
    pieces = pieces_left(tokens, pos)
    start, words, i = pos, [], 0
    while i < len(pieces) and pos - pieces[i].start <= MAX_NAME:
        p = pieces[i]
        w = p.text
        if w in (")", "）"):
            j = _paren_open(norm, p.start)
            if j is None:
                break
            start, words = j, words + [norm[j:p.end]]
            i = _skip_to(pieces, j)
            continue
        if (w in ("·", "•", "-") or (w in ("—", "－") and "联合" in words)) and words and i + 1 < len(pieces) and is_cjk(
                pieces[i + 1].text[-1]):  # a dash joins a joint body's founders (西南交通大学—中车…联合实验室), else sets apart
            start, words, i = p.start, words + [w], i + 1
            continue
        if w in ("”", "\"") and typ in CONJ_TYPES:
            j = norm.rfind("“", 0, p.start)
            if j >= 0 and p.start - j <= 12:
                start, words = j, words + [norm[j:p.end]]
                i = _skip_to(pieces, j)
                continue
        if w in INNER_LEGAL_FORMS and (suffix.endswith(("公司", "集团")) or (typ == "PROJECT" and words)):
            break  # a company's name holds no other company's whole name (A有限公司参股公司B有限公司); a project
            # named after its words is its owner's (天马显示科技有限公司|第8.6代…生产线项目)
        if (i == 0 and (w in JOINT_WORDS or (typ == "ORG" and w in NAME_VERBS))) or (
                typ == "ORG" and w in NAME_VERBS and words and words[-1] in BUSINESS_NOUNS):
            start, words, i = p.start, words + [w], i + 1  # 联合实验室, 创新投资集团, 产业投资|基金|股份有限公司
            continue
        if w in CONJ and _conj_inside(norm, pieces, i, typ, suffix, known):
            start, words, i = p.start, words + [w], i + 1
            continue
        if typ == "ORG" and w.startswith("大") and i + 1 < len(pieces) and ORDINAL.fullmatch(pieces[i + 1].text):
            break  # a rank by size is no name (国内第五大|航空公司)
        if typ == "ORG" and ORDINAL.fullmatch(w) and suffix.endswith(NUMBERED):  # 安庆市|第七|中学, 第一|人民医院
            start, words, i = p.start, words + [w], i + 1
            continue
        if suffix.endswith("仪式") and w in CEREMONY_VERBS:
            start, words, i = p.start, words + [w], i + 1
            continue
        if w.isdigit() and words and re.fullmatch(r"[A-Za-z]{1,3}", words[-1]) and p.end == start:
            start, words, i = p.start, words + [w], i + 1  # 世界|5|G|大会: a code, not a quantity
            continue
        if typ == "PROJECT" and not words and PHASE.fullmatch(w):
            start, words, i = p.start, words + [w], i + 1  # 常州基地|二期|项目: a phase of what it names
            continue
        if typ in ("PROJECT", "PRODUCT") and (taken := _generation(pieces, i)):
            start, words, i = pieces[i + taken - 1].start, words + [q.text for q in pieces[i:i + taken]], i + taken
            continue
        if typ in ("PROJECT", "EVENT") and (taken := _capacity(pieces, i)):
            start, words, i = pieces[i + taken - 1].start, words + [q.text for q in pieces[i:i + taken]], i + taken
            continue
        if typ == "ORG" and _adverb_in_brand(pieces, i):
            start, words, i = p.start, words + [w], i + 1  # 宁波|均|胜|电子…: a brand's character, after its place
            continue
        if (_stops_name(w, p.pos, typ) or _leading_verb(pieces, i, typ) or _party_noun(pieces, i) or _predicate_before_name(pieces, i, suffix)
                or (i == 0 and suffix == "公司" and _predicate_before_company(p))
                or (suffix == "工程" and ends_an_organisation(w))
                or (typ in ("ORG", "PARK") and _predicate_before_place(pieces, i))
                or (typ != "EVENT" and _date_unit(pieces, i)) or (typ == "ORG" and _lone_verb(pieces, i))):
            if typ == "EVENT" and YEAR.match(w):
                start, words = p.start, words + [w]
            break
        if words and len(w) > 1 and w[0] in PREPOSITIONS and not in_dictionary(w):
            start, words = p.start + 1, words + [w[1:]]  # 该项目|由鼎瑞|动力技术…: jieba joined 由 to the name
            break
        start, words, i = p.start, words + [w], i + 1
    return _after_venue_verb(norm, start, list(reversed(words)))


def _after_venue_verb(norm: str, start: int, words: list[str]) -> tuple[int, list[str]]:
    """The name after a place and a verb of building that follow 在/于: they say where it is built
    (在昆山|建设|研发中心 gives 研发中心).

    >>> _after_venue_verb("富士康将在昆山建设研发中心", 5, ["昆山", "建设", "研发"])
    (9, ['研发'])
    """
    if (len(words) >= 2 and words[1] in VENUE_VERBS and norm.endswith(("在", "于"), 0, start)
            and gazetteer().lookup(words[0])):
        return start + len(words[0]) + len(words[1]), words[2:]
    return start, words


def _adverb_in_brand(pieces: list[Token], i: int) -> bool:
    """A one-character adverb between a place and another single character is a piece of an unknown brand
    (宁波|均|胜|电子股份有限公司), read leftwards.

    >>> from graph.tokens import tokenize
    >>> pieces = list(reversed(tokenize("宁波均胜电子")))
    >>> _adverb_in_brand(pieces, 2), _adverb_in_brand(list(reversed(tokenize("上海均已"))), 1)
    (True, False)
    """
    p = pieces[i]
    return (p.pos == "d" and len(p.text) == 1 and 0 < i < len(pieces) - 1 and len(pieces[i - 1].text) == 1
            and pieces[i - 1].pos != "d" and any(place.code for place in gazetteer().lookup(pieces[i + 1].text)))


def _generation(pieces: list[Token], i: int) -> int:
    """How many pieces from ``i`` on (read leftwards) name a generation (第8.6代, 第六代): 0 when none.

    >>> from graph.tokens import tokenize
    >>> _generation(list(reversed(tokenize("第8.6代"))), 0), _generation(list(reversed(tokenize("第六代"))), 0)
    (3, 1)
    """
    for taken in (1, 3):
        text = "".join(p.text for p in reversed(pieces[i:i + taken]))
        if len(pieces) >= i + taken and GENERATION.fullmatch(text):
            return taken
    return 0


def _capacity(pieces: list[Token], i: int) -> int:
    """How many pieces from ``i`` on (read leftwards) state a capacity: unit, number and the production verb
    before them, if any; 0 when piece ``i`` is no unit after a number.

    >>> from graph.tokens import tokenize
    >>> _capacity(list(reversed(tokenize("一期年产能1.2万吨"))), 0), _capacity(list(reversed(tokenize("4.6兆瓦"))), 0)
    (4, 2)
    """
    if i + 1 >= len(pieces) or not CAPACITY_UNIT.fullmatch(pieces[i].text) or not NUMBER.fullmatch(pieces[i + 1].text):
        return 0
    k = i + 2
    for length in (2, 1):
        if "".join(p.text for p in reversed(pieces[k:k + length])) in CAPACITY_VERBS and k + length <= len(pieces):
            return k + length - i
    return k - i


def _stops_name(word: str, pos: str, typ: str) -> bool:
    """Where a name stops when read leftwards from a suffix of type ``typ``."""
    if typ == "EVENT" and word in EVENT_KIND_VERBS:
        return False  # 招商|推介会, 经贸|合作|论坛: what the gathering does names it
    if typ == "POLICY":
        return word in POLICY_STOPS or all(c in PUNCT and c not in "“”\"" for c in word) or is_quantity(word)
    return stops(word, pos) or word in CLAUSE_VERBS


def _party_noun(pieces: list[Token], i: int) -> bool:
    """A party or agent of a deal, whole or split by jieba (收购方|华胜…, 控制|人|中国电力投资集团公司).

    >>> from graph.tokens import tokenize
    >>> _party_noun(list(reversed(tokenize("实际控制人"))), 0), _party_noun(list(reversed(tokenize("京东方"))), 0)
    (True, False)
    """
    word = pieces[i].text
    left = pieces[i + 1].text if i + 1 < len(pieces) else ""
    return bool(PARTY_NOUN.search(word) or (len(word) == 1 and PARTY_NOUN.search(left + word)))


def _date_unit(pieces: list[Token], i: int) -> bool:
    """年, 月 or 日 after a number (1953|年|中国科学院), not inside a name (湖北|日|升科技).

    >>> from graph.tokens import tokenize
    >>> pieces = list(reversed(tokenize("1953年")))
    >>> _date_unit(pieces, 0)
    True
    """
    left = pieces[i + 1] if i + 1 < len(pieces) else None
    return pieces[i].text in ("年", "月", "日") and left is not None and is_quantity(left.text)


def _lone_verb(pieces: list[Token], i: int) -> bool:
    """A one-character verb after a dictionary word is a predicate (全村|来|政府, 李政道|请|大会…), while
    one after a single character, a word jieba guessed or a place is likely a piece of an unknown name
    (湖北日|升|科技, 和华|住|酒店集团, 任城区|润|时新能源).
    """
    left = pieces[i + 1] if i + 1 < len(pieces) else None
    return (pieces[i].pos == "v" and len(pieces[i].text) == 1 and left is not None and len(left.text) >= 2
            and in_dictionary(left.text) and not any(place.code for place in gazetteer().lookup(left.text)))


def _leading_verb(pieces: list[Token], i: int, typ: str) -> bool:
    """A verb that would begin the name is the predicate before it (亲临香港科学园)."""
    p = pieces[i]
    if typ not in ("ORG", "PARK", "EVENT") or not p.pos.startswith("v") or p.text in NAME_VERBS:
        return False
    left = pieces[i + 1] if i + 1 < len(pieces) else None
    return left is None or (stops(left.text, left.pos) and not (typ == "ORG" and _adverb_in_brand(pieces, i + 1)))


def _predicate_before_name(pieces: list[Token], i: int, suffix: str) -> bool:
    """A plain verb before a whole organisation name, or a verb or time word before a proper name
    inside one, belongs to the sentence, not to the name.

    The name is whole when there is no suffix (a known name) or when jieba read
    the suffix and the words before it as one organisation word:
    印度尼西亚|加入|七国集团 gives 七国集团, 发行股票|购买|上海三湘股份有限公司 gives
    上海三湘股份有限公司, 公司|控股|英大证券 gives 英大证券, 此前|申银万国证券 gives 申银万国证券.
    """
    p = pieces[i]
    before_proper = i > 0 and pieces[i - 1].pos in PROPER_POS
    if p.pos == "t":
        return before_proper
    if p.pos != "v" or gazetteer().lookup(p.text):
        return False
    if p.text in NAME_VERBS:
        return before_proper
    return not suffix or (i == 1 and pieces[0].pos == "nt") or before_proper


def _predicate_before_company(piece: Token) -> bool:
    """A verb right before a bare 公司 has the company as its object (导致|公司, 认购|公司, 离开|公司);
    a trade does not (拍卖|公司: ``TRADE_VERBS``, ``NAME_VERBS``), nor a place jieba reads as a verb.

    >>> _predicate_before_company(Token("认购", "v", 0, 2)), _predicate_before_company(Token("拍卖", "v", 0, 2))
    (True, False)
    """
    return (piece.pos == "v" and len(piece.text) >= 2 and piece.text not in NAME_VERBS | TRADE_VERBS
            and in_dictionary(piece.text) and not gazetteer().lookup(piece.text))


def ends_an_organisation(word: str) -> bool:
    """A word ending in an organisation's suffix: before 工程 it makes a discipline or a line of business,
    not a project (东南大学|土木工程, 监理公司|矿山工程).

    >>> ends_an_organisation("东南大学"), ends_an_organisation("铁路")
    (True, False)
    """
    m = suffix_pattern().search(word)
    return m is not None and m.end() == len(word) and suffix_type()[m.group()] == "ORG"


def _predicate_before_place(pieces: list[Token], i: int) -> bool:
    """A verb, adjective or adverb before the administrative division a name begins with belongs to the
    sentence (落实|山西|省委 gives 山西省委); a brand does not (国网|山西省|电力公司, 中石化|山西|分公司), nor a
    party's short name (民进|深圳|市委).

    >>> from graph.tokens import tokenize
    >>> _predicate_before_place(list(reversed(tokenize("落实山西省委"))), 2)
    True
    >>> _predicate_before_place(list(reversed(tokenize("国网山西省电力公司"))), 2)
    False
    """
    p = pieces[i]
    if (i == 0 or len(p.text) < 2 or p.pos not in PREDICATE_POS or p.text in NAME_VERBS or p.text in PARTY_NAMES
            or not in_dictionary(p.text)):
        return False
    place = pieces[i - 1]  # read as a common word (宜宾|建中|兴业|工贸), it is no place
    return place.pos not in PREDICATE_POS | {"n"} and any(x.code for x in gazetteer().lookup(place.text))


def _paren_open(norm: str, close: int) -> int | None:
    j = max(norm.rfind("(", 0, close), norm.rfind("（", 0, close))
    if j <= 0 or close - j > 14:
        return None
    inner = norm[j + 1:close]
    return None if re.search(r"[，,。；;、]|以下|简称", inner) else j


def _skip_to(pieces: list[Token], pos: int) -> int:
    """Index of the first piece that ends at or before ``pos``."""
    return next((k for k, p in enumerate(pieces) if p.end <= pos), len(pieces))


def _name_ends_at(norm: str, pos: int) -> bool:
    """True when a name's suffix ends at ``pos`` (天津经开区|与…: the conjunction joins two names).

    >>> _name_ends_at("天津经开区与中国汽车技术研究中心", 5), _name_ends_at("干细胞与精准医疗", 3)
    (True, False)
    """
    return any(m.end() == pos for m in suffix_pattern().finditer(norm, max(0, pos - 8), pos))


def _fields_joined(pieces: list[Token], i: int, suffix: str) -> bool:
    """True when the words on both sides of the conjunction at ``i`` (read leftwards; right after it, the
    suffix's first two characters when it comes first) are fields of work.

    >>> from graph.tokens import tokenize
    >>> pieces = list(reversed(tokenize("创新及")))
    >>> _fields_joined(pieces, 0, "科技园"), _fields_joined(pieces, 0, "大学")
    (True, False)
    """
    if i + 1 >= len(pieces):
        return False
    left, right = pieces[i + 1].text, pieces[i - 1].text if i else suffix[:2]
    return left in FIELDS_OF_WORK and right in FIELDS_OF_WORK


def _conj_inside(norm: str, pieces: list[Token], i: int, typ: str, suffix: str, known: dict[str, str]) -> bool:
    """A conjunction inside a descriptive name (干细胞与精准医疗产业化大会, 能源与动力学院), or 及 between two fields
    of a body's or zone's work (港深创新及科技园)."""
    if typ in ("ORG", "PARK") and pieces[i].text == "及" and _fields_joined(pieces, i, suffix):
        return True
    if typ not in CONJ_TYPES and not suffix.endswith(CONJ_ORG_SUFFIXES):
        return False
    if suffix.endswith("学院") and pieces[i].text != "与":
        return False  # 能源与动力学院; not 设计分院和成人教育学院, two colleges
    left = []
    for p in pieces[i + 1:i + 5]:
        if stops(p.text, p.pos) or p.text in CONJ:
            break
        left.insert(0, p.text)
    conjunct = "".join(left)
    if suffix.endswith("仪式") and (known.get(conjunct) in ("ORG", "PARK") or gazetteer().lookup(conjunct)):
        return True  # A与B战略合作协议签约仪式: the ceremony of both parties
    if len(conjunct) < 2 or conjunct in known or gazetteer().lookup(conjunct) or _name_ends_at(norm, pieces[i].start):
        return False
    return not suffix_pattern().search(conjunct[-4:]) or conjunct.endswith(("产业", "产业化"))
