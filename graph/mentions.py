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

from . import tagger
from .lexicon import gazetteer, industries, post_pattern, posts, suffix_pattern, suffix_type, surnames
from .names import brand_core
from .text import is_cjk, normalize
from .tokens import Token, pieces_left, tokenize
from .words import BOUNDARY_WORDS, FUNCTION_CHARS, LEADING_ADJECTIVES, PLACE_QUALIFIERS, PUNCT, YEAR, is_generic_phrase, is_quantity

MAX_NAME = 32
CONJ = {"与", "和", "及"}
CONJ_TYPES = {"EVENT", "PROJECT", "POLICY"}
CONJ_ORG_SUFFIXES = ("联合体", "联盟", "研究院", "中心", "实验室")
BAD_CONTINUATION = set("生师化制组部内外级型式性员")
CEREMONY = re.compile(r"(签约仪式|奠基仪式|揭牌仪式|开工仪式|启动仪式|开工奠基仪式|签约|开工|揭牌|启动)*(仪式|大会)$")
POLICY_WORDS = re.compile(r"(计划|规划|方案|意见|办法|条例|规定|政策|纲要|决定|标准|指南|细则|措施|战略|通知|法)"
                          r"(\(\d{4}.{0,2}\d{4}年?\))?$")
PRODUCT_CUES = ("发布", "推出", "产品", "系统", "平台", "品牌", "型号", "车型", "芯片", "处理器", "亮相", "上市")
CATEGORY_NOUNS = {"车型", "产品", "处理器", "芯片", "手机", "汽车", "型号", "系列", "旗舰", "新品", "款", "平板电脑"}
MODEL_WORDS = r"(?: (?:Pro|Max|Ultra|Plus|Mini|Lite|SE|Air|mini|Turbo))*"
UNIT = re.compile(r"^\d+(\.\d+)?(nm|gwh|mwh|kwh|mw|gw|kw|gb|tb|mb|g|km|kg|mm|cm|m|t|w|v|mah|hz|ghz|mhz|k|p|ml|l)$", re.I)
LATIN_NAME = r"[A-Za-z][A-Za-z0-9.&\-]*(?: [A-Z][A-Za-z0-9.&\-]*){0,3}"
NAME_STOP_CHARS = set("等和与在是为的说及向对就将已也都还、")
AFTER_NAME = ("表示", "发布", "出席", "介绍", "指出", "强调", "致辞", "宣布", "率领", "率队", "代表", "同志",
              "参加", "博士", "教授", "院士", "先生", "女士", "一行", "透露", "坦言", "认为", "主持", "会见", "希望")
GOV_PREFIX = re.compile(r"^(省|市|区|县|州)(委|政府|人民政府|政协|人大)?$")
FOUNDED = re.compile(r"(共建|组建|成立|设立|筹建|建立|新建|揭牌成立)[“\"「]?$")
CEREMONY_VERBS = {"开工", "奠基", "签约", "揭牌", "启动", "开幕", "竣工", "投产", "捐赠", "挂牌", "合资", "合同"}
POLICY_STOPS = {"印发", "发布", "出台", "颁布", "制定", "审议", "通过", "关于", "根据", "按照", "依据", "落实",
                "贯彻", "的", "了", "和", "与", "及", "现", "将", "关于印发", "为", "是", "在"}
NAME_VERBS = frozenset("""研发 发展 创新 合作 服务 制造 投资 建设 研究 设计 管理 培养 交流 促进 孵化 检测 测试 加工 转化 协同
集成 开发 附属 储能 接口 创业 育种 治理 运营 营销 监测 教育 规划 勘察 实验 评估 诊疗 智造 互联 控股 融资 担保 发电
""".split())
POLICY_YEARS = re.compile(r"[(（]\d{4}\s*[-—–~～至到]\s*\d{4}年?[)）]")
LIST_BLOCKERS = {"签署", "签订", "签约", "举行", "表示", "出席", "宣布", "发布", "启动", "包括", "其中", "同期"}
HONORIFICS = ("博士", "先生", "女士", "同志", "教授", "院士", "一行")
SPEECH = ("表示", "说", "指出", "介绍", "强调", "透露", "坦言", "认为", "致辞", "宣布", "出席")


@dataclass(frozen=True)
class Span:
    """A candidate mention on the normalised sentence text."""

    start: int
    end: int
    type: str
    source: str
    generic: bool = False


@dataclass(frozen=True)
class PostFact:
    """``name`` holds ``post``; ``body`` is the span of the body before the post, if any."""

    person: Span
    post: str
    body: Span | None
    post_start: int


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
    cands += place_spans(norm, tokens, context or norm) + abbreviated_places(norm, tokens)
    cands += known_spans(norm, known, tokens)
    pairs = latin_pairs(norm, tokens)
    cands += [s for pair in pairs for s in pair]
    cands += product_spans(norm, tokens)
    chosen = choose(cands, protected)
    if use_tagger:
        for span in tagger_spans(norm, tokens):
            chosen = add_span(chosen, span)
    abbrevs = abbreviation_pairs(norm, chosen)
    for _, short in abbrevs:
        chosen = replace_span(chosen, short)
    chosen = coordinated_spans(norm, tokens, chosen)
    facts = post_facts(norm, tokens, chosen, known)
    for f in facts:
        chosen = add_span(chosen, f.person)
        if f.body is not None:
            chosen = add_span(chosen, f.body)
    for span in speaker_spans(norm, tokens):
        chosen = add_span(chosen, span)
    chosen += inner_spans(norm, chosen)
    chosen = add_industries(norm, tokens, chosen)
    facts = [PostFact(f.person, f.post, _body_in(chosen, f), f.post_start) for f in facts]
    pairs = _pairs_in(chosen, pairs + abbrevs)
    return SentenceAnalysis(text, norm, tokens, sorted(set(chosen), key=lambda s: (s.start, s.end)), facts, pairs)


# --- abbreviations and coordinated names ----------------------------------------

ABBREV = re.compile(r"[(（](?:以下简称|以下称|下称|简称)?[“\"「]?([\u4e00-\u9fffA-Za-z]{2,10})[”\"」]?[)）]")


def abbreviation_pairs(norm: str, chosen: list[Span]) -> list[tuple[Span, Span]]:
    """FULL(以下简称“SHORT”) and FULL(SHORT): the short form names the same entity."""
    out = []
    for m in ABBREV.finditer(norm):
        full = next((s for s in chosen if s.end == m.start() and not s.generic and s.type in ("ORG", "PARK")), None)
        short = m.group(1)
        if full is None or short.isascii() or gazetteer().lookup(short) or len(short) >= full.end - full.start:
            continue
        out.append((full, Span(m.start(1), m.end(1), full.type, "abbrev")))
    return out


LIST_END = re.compile(r"^(等|、|和|与|及|,|，|签|共同|分别)")


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
            words = [t.text for t in tokens if span.start <= t.start < span.end]
            if (not _overlaps(span, chosen) and not is_generic_phrase(words)
                    and not any(w in BOUNDARY_WORDS for w in words) and not gazetteer().lookup(m.group(1))):
                chosen = chosen + [span]
                changed = True
    return chosen


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
        if POLICY_WORDS.search(m.group(1)):
            out.append(Span(m.start(1), m.end(1), "POLICY", "title"))
        else:
            out.append(Span(m.start(1), m.end(1), "TITLE", "title"))
    for m in re.finditer(r"[“「‘\"]([^“”「」‘’\"，,。]{2,16})[”」’\"]", norm):
        before = norm[max(0, m.start() - 8):m.start()]
        after = norm[m.end():m.end() + 6]
        if any(c in before for c in PRODUCT_CUES) or re.match(r"[\u4e00-\u9fff]{0,4}(头环|系统|芯片|平台|设备|机器人|汽车)", after):
            if not is_generic_phrase(tokenize_words(m.group(1))):
                out.append(Span(m.start(1), m.end(1), "PRODUCT", "quote"))
    return out


def tokenize_words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


# --- suffix grammar -----------------------------------------------------------

def suffix_spans(norm: str, tokens: list[Token], known: dict[str, str], protected: list[Span]) -> list[Span]:
    """Names read leftwards from a type suffix, e.g. 广州赛莱拉干细胞科技股份有限公司."""
    out = []
    for m in suffix_pattern().finditer(norm):
        if _inside(m.start(), m.end(), protected) or _bad_end(norm, m.end()):
            continue
        typ = suffix_type()[m.group()]
        start, words = expand_left(norm, tokens, m.start(), typ, m.group(), known)
        start, words = _trim_leading(start, words)
        start, words = _after_person(norm, start, m.start(), words, known)
        if _is_generic_name(words, typ, known) and not (words and FOUNDED.search(norm[:start])):
            out.append(Span(m.start() - _det_len(norm, m.start()), m.end(), typ, "suffix", True))
        elif m.group() in ("开幕式", "闭幕式") and suffix_pattern().search(norm[start:m.start()][-3:]):
            out.append(Span(start, m.start(), "EVENT", "suffix"))
        else:
            years = POLICY_YEARS.match(norm, m.end()) if typ == "POLICY" else None
            out.append(Span(start, years.end() if years else m.end(), typ, "suffix"))
    return out + list_spans(norm, known)


def _after_person(norm: str, start: int, end: int, words: list[str], known: dict[str, str]) -> tuple[int, list[str]]:
    """Cut a name after a known person's name inside it (盛阅春希望项目 -> 希望项目)."""
    text = norm[start:end]
    cut = max((text.find(n) + len(n) for n, t in known.items() if t == "PER" and n in text), default=0)
    if not cut:
        return start, words
    return start + cut, tokenize_words(text[cut:])


def _trim_leading(start: int, words: list[str]) -> tuple[int, list[str]]:
    """Drop a stray function character or evaluative adjective at a name's left edge."""
    while words and (words[0] in LEADING_ADJECTIVES or (len(words[0]) <= 2 and words[0][0] in FUNCTION_CHARS
                                                         and words[0] not in known_two_char_heads())):
        if words[0] in LEADING_ADJECTIVES:
            start, words = start + len(words[0]), words[1:]
        else:
            start, words = start + 1, ([words[0][1:]] if len(words[0]) > 1 else []) + words[1:]
    return start, words


def known_two_char_heads() -> frozenset[str]:
    """Two-character words starting with a function character that begin names (和平, 以色列)."""
    return frozenset({"和平", "以色", "向阳", "于都", "对外", "在华"})


def _is_generic_name(words: list[str], typ: str, known: dict[str, str]) -> bool:
    """A name made only of generic modifiers (and places) is a generic mention (该项目, 天津市三甲医院)."""
    if not words or len("".join(words)) < 2 or GOV_PREFIX.match(words[0]):
        return True
    rest = [w for w in words if not gazetteer().lookup(w)]
    if len(rest) < len(words):
        return bool(rest) and all(w in PLACE_QUALIFIERS or is_quantity(w) for w in rest)
    if is_generic_phrase(words):
        return True
    if typ in ("PARK", "PROJECT") and is_generic_phrase([w for w in words if w not in industries()]):
        return True
    return typ == "PROJECT" and not _has_proper_word(words, known)


def _has_proper_word(words: list[str], known: dict[str, str]) -> bool:
    """A place, person, Latin word, known name or a known company's brand (星云 of 星云科技有限公司)."""
    text = "".join(words)
    brands = {brand_core(k) for k, t in known.items() if t == "ORG"}
    return (any(c.isascii() and c.isalnum() for c in text) or any(k in text for k in known if len(k) >= 2)
            or any(b in text for b in brands if len(b) >= 2)
            or any(t.pos in ("ns", "nr", "nt", "nz", "nrt", "j") for w in words for t in tokenize(w)))


def list_spans(norm: str, known: dict[str, str]) -> list[Span]:
    """Items of a list of projects (A项目、B项目、C项目等): each item whole, verbs and all."""
    out = []
    for clause in re.finditer(r"[^,，。;；:：]+", norm):
        items = [(clause.start() + it.start(), it.group()) for it in re.finditer(r"[^、]+", clause.group())]
        found = []
        for start, text in items:
            text = re.sub(r"(等(?=[\d一二三四五六七八九十多几]|单位|企业)|(?<=项目)[和及]).*$", "", text)
            if not text.endswith("项目") or len(text) < 5:
                continue
            words = tokenize_words(text[:-2])
            if not is_generic_phrase(words) and not any(w in LIST_BLOCKERS for w in words):
                found.append(Span(start, start + len(text), "PROJECT", "list"))
        if len(found) >= 2:
            out += found
    return out


def _det_len(norm: str, pos: int) -> int:
    """Length of a determiner right before a generic head (该项目, 省委)."""
    m = re.search(r"(该|本|此|这个|上述|省|市|区|县)$", norm[:pos])
    return len(m.group()) if m else 0


def _bad_end(norm: str, end: int) -> bool:
    """A suffix that continues into a longer word (大学生, 工程师) or is a relation noun (母公司)."""
    if end < len(norm) and norm[end] in BAD_CONTINUATION and norm[end:end + 2] not in posts():
        return True
    return bool(re.search(r"(母|子|分)公司$", norm[:end]))


def _inside(start: int, end: int, spans: list[Span]) -> bool:
    return any(s.start <= start and end <= s.end and (s.start, s.end) != (start, end) for s in spans)


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
        if w in ("·", "•", "-") and words and i + 1 < len(pieces) and is_cjk(pieces[i + 1].text[-1]):
            start, words, i = p.start, words + [w], i + 1
            continue
        if w in ("”", "\"") and typ in CONJ_TYPES:
            j = norm.rfind("“", 0, p.start)
            if j >= 0 and p.start - j <= 12:
                start, words = j, words + [norm[j:p.end]]
                i = _skip_to(pieces, j)
                continue
        if i == 0 and w in ("联合", "合作", "共建"):
            start, words, i = p.start, words + [w], i + 1
            continue
        if w in CONJ and _conj_inside(norm, pieces, i, typ, suffix, known):
            start, words, i = p.start, words + [w], i + 1
            continue
        if suffix.endswith("仪式") and w in CEREMONY_VERBS:
            start, words, i = p.start, words + [w], i + 1
            continue
        if _stops_name(w, p.pos, typ) or _leading_verb(pieces, i, typ):
            if typ == "EVENT" and YEAR.match(w):
                start, words = p.start, words + [w]
            break
        start, words, i = p.start, words + [w], i + 1
    return start, list(reversed(words))


def _stops_name(word: str, pos: str, typ: str) -> bool:
    """Where a name stops when read leftwards from a suffix of type ``typ``."""
    if typ == "POLICY":
        return word in POLICY_STOPS or all(c in PUNCT and c not in "“”\"" for c in word) or is_quantity(word)
    return _stops(word, pos)


def _leading_verb(pieces: list[Token], i: int, typ: str) -> bool:
    """A verb that would begin the name is the predicate before it (亲临香港科学园)."""
    p = pieces[i]
    if typ not in ("ORG", "PARK", "EVENT") or not p.pos.startswith("v") or p.text in NAME_VERBS:
        return False
    left = pieces[i + 1] if i + 1 < len(pieces) else None
    return left is None or _stops(left.text, left.pos)


def _stops(word: str, pos: str) -> bool:
    if word in BOUNDARY_WORDS or is_quantity(word) or word in posts():
        return True
    if all(c in PUNCT for c in word):
        return True
    return pos in ("p", "c", "u", "uj", "ul", "r", "d") and len(word) <= 2


def _paren_open(norm: str, close: int) -> int | None:
    j = max(norm.rfind("(", 0, close), norm.rfind("（", 0, close))
    if j <= 0 or close - j > 14:
        return None
    inner = norm[j + 1:close]
    return None if re.search(r"[，,。；;、]|以下|简称", inner) else j


def _skip_to(pieces: list[Token], pos: int) -> int:
    """Index of the first piece that ends at or before ``pos``."""
    return next((k for k, p in enumerate(pieces) if p.end <= pos), len(pieces))


def _conj_inside(norm: str, pieces: list[Token], i: int, typ: str, suffix: str, known: dict[str, str]) -> bool:
    """A conjunction inside a descriptive name (干细胞与精准医疗产业化大会)."""
    if typ not in CONJ_TYPES and not suffix.endswith(CONJ_ORG_SUFFIXES):
        return False
    left = []
    for p in pieces[i + 1:i + 5]:
        if _stops(p.text, p.pos) or p.text in CONJ:
            break
        left.insert(0, p.text)
    conjunct = "".join(left)
    if len(conjunct) < 2 or conjunct in known or gazetteer().lookup(conjunct):
        return False
    return not suffix_pattern().search(conjunct[-4:]) or conjunct.endswith(("产业", "产业化"))


# --- places -------------------------------------------------------------------

def place_spans(norm: str, tokens: list[Token], context: str) -> list[Span]:
    """Gazetteer places: full names anywhere, short forms on token boundaries.

    A short form (天津, 屏山) counts when jieba tags it as a place name or when
    the document also spells the full name; county-level short forms need the
    full name (合作 is also 合作市, 资源 also 资源县).
    """
    gaz = gazetteer()
    out = []
    ends = {t.end for t in tokens}
    for t in tokens:
        for length in range(min(10, len(norm) - t.start), 1, -1):
            cand = norm[t.start:t.start + length]
            if cand in gaz.full or (t.start + length in ends and _short_ok(cand, t, context)):
                out.append(Span(t.start, t.start + length, "LOC", "gazetteer"))
                break
    return out


ABBREVIATED_AFTER = re.compile(r"(?:在|来|赴|抵|驻|留|返|离|入|落户|扎根|莅|访)([\u4e00-\u9fff])(?=[，,。、；的期间举召开签参考投建工作发展企]|$)")
HOME_PLACE = re.compile(r"(我|本)(省|市|区|县)")


def abbreviated_places(norm: str, tokens: list[Token]) -> list[Span]:
    """Customary abbreviations: 在蓉, 赴沪 (one character, after a verb of place), 羊城 (nicknames),
    and 我市/本区, the article's own place (generic, resolved to the document's place)."""
    abbrev = gazetteer().abbreviations
    out = [Span(m.start(1), m.end(1), "LOC", "abbrev-place") for m in ABBREVIATED_AFTER.finditer(norm)
           if m.group(1) in abbrev]
    out += [Span(t.start, t.end, "LOC", "abbrev-place") for t in tokens if len(t.text) >= 2 and t.text in abbrev]
    out += [Span(m.start(), m.end(), "LOC", "abbrev-place", True) for m in HOME_PLACE.finditer(norm)]
    return out


def _short_ok(cand: str, token: Token, context: str) -> bool:
    places = gazetteer().short.get(cand, [])
    if any(p.name in context for p in places):
        return True
    return token.text == cand and token.pos == "ns" and any(p.level in ("province", "city") for p in places)


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
        for m in re.finditer(re.escape(name), norm):
            start = m.start()
            if typ == "ORG":
                start = _extend_over_place(norm, tokens, m.start(), known)
            out.append(Span(start, m.end(), typ, "known"))
    return out


def _extend_over_place(norm: str, tokens: list[Token], pos: int, known: dict[str, str]) -> int:
    start, words = expand_left(norm, tokens, pos, "ORG", "", known)
    if words and any(p.code or p.level == "world" for p in gazetteer().lookup(words[0])) and len(words) >= 2:
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
        start, words = _name_before(tokens, m.start())
        if not words or is_generic_phrase(words) or any(len(w) > 4 and w in BOUNDARY_WORDS for w in words):
            continue
        cjk = norm[start:m.start()]
        typ = "LOC" if gazetteer().lookup(cjk) else "ORG"
        out.append((Span(start, m.start(), typ, "latin"), Span(m.start(1), m.end(1), typ, "latin")))
    return out


def _is_acronym(word: str) -> bool:
    return (word.isupper() and len(word) <= 5) or word[0].isdigit() or word.lower() == word


def _name_before(tokens: list[Token], pos: int, limit: int = 8) -> tuple[int, list[str]]:
    start, words = pos, []
    for p in pieces_left(tokens, pos):
        if _stops(p.text, p.pos) or not all(is_cjk(c) for c in p.text) or pos - p.start > limit:
            break
        start, words = p.start, [p.text] + words
    return start, words


# --- products -------------------------------------------------------------------

def product_spans(norm: str, tokens: list[Token]) -> list[Span]:
    """Brand + model code names: 玄戒O1, 小米YU7, 小米15S Pro, 小米平板7 Ultra."""
    out = []
    for m in re.finditer(rf"(?<![A-Za-z0-9])([A-Za-z]*\d+[A-Za-z0-9]*|[A-Z]+\d[A-Za-z0-9]*)({MODEL_WORDS})", norm):
        code, extra = m.group(1), m.group(2)
        if UNIT.match(code) or (code.isdigit() and not extra) or not re.search(r"[A-Za-z]", code + extra):
            continue
        start = _brand_start(tokens, m.start())
        if start < m.start():
            out.append(Span(start, m.end(), "PRODUCT", "model"))
    return out


def _brand_start(tokens: list[Token], pos: int) -> int:
    start, named = pos, False
    for p in pieces_left(tokens, pos):
        w = p.text
        if _stops(w, p.pos) or p.pos.startswith("v") or not all(is_cjk(c) for c in w) or pos - p.start > 6:
            break
        if w in CATEGORY_NOUNS and named:
            break
        named = named or w not in CATEGORY_NOUNS
        start = p.start
    return start


# --- people and posts -----------------------------------------------------------

def post_facts(norm: str, tokens: list[Token], chosen: list[Span], known: dict[str, str]) -> list[PostFact]:
    """Person names after a post title, with the body named right before each post.

    Chains share the person: 小米创办人、董事长兼CEO雷军 gives three facts.
    """
    blockers = [s for s in chosen if s.type != "PER"]
    found = [m for m in post_pattern().finditer(norm) if not _inside(m.start(), m.end(), blockers)]
    bodies = {m.start(): _body_before(norm, tokens, chosen, m.start(), known) for m in found}
    by_end = {m.end(): m for m in found}
    out = []
    for m in found:
        names = _names_after(norm, tokens, m.end())
        cur = m
        while names and cur is not None:
            body = bodies[cur.start()]
            out.extend(PostFact(n, cur.group(), body, cur.start()) for n in names)
            left = body.start if body is not None else cur.start()
            cur = by_end.get(left - 1) if left and norm[left - 1] in "、兼和及" else None
    return sorted(out, key=lambda f: (f.post_start, f.person.start))


def _names_after(norm: str, tokens: list[Token], pos: int) -> list[Span]:
    out = []
    while True:
        n = person_at(norm, tokens, pos)
        if n is None:
            return out
        out.append(n)
        if norm[n.end:n.end + 1] != "、":
            return out
        pos = n.end + 1


def person_at(norm: str, tokens: list[Token], pos: int) -> Span | None:
    """A 2–3 character person name starting at ``pos`` (surname first).

    >>> person_at("程龙发布产品", [], 0).end, person_at("佟小光发布", [], 0).end
    (2, 3)
    """
    sur = 2 if norm[pos:pos + 2] in surnames() else 1 if norm[pos:pos + 1] in surnames() else 0
    if not sur:
        return None
    for length in (sur + 2, sur + 1):
        end = pos + length
        if end > len(norm) or not all(is_cjk(c) for c in norm[pos:end]):
            continue
        rest = norm[end - 1:end + 1] if length == sur + 2 else ""
        if length == sur + 2 and (rest in BOUNDARY_WORDS or norm[end - 1] in NAME_STOP_CHARS
                                  or any(norm[end - 1:].startswith(w) for w in AFTER_NAME)):
            continue
        if norm[pos:end] in posts() or norm[pos:end] in BOUNDARY_WORDS:
            return None
        return Span(pos, end, "PER", "post")
    return None


def _body_before(norm: str, tokens: list[Token], chosen: list[Span], pos: int,
                 known: dict[str, str]) -> Span | None:
    """The organisation, place or event named right before a post title.

    A place whose suffix is the post's first character also counts (吕梁市长).
    """
    body = next((s for s in chosen if s.type != "PER" and (s.end == pos or (
        s.type == "LOC" and s.end == pos + 1 and norm[pos] in "省市区县州"))), None)
    if body is not None:
        return body
    start, words = _name_before(tokens, pos, limit=6)
    if words and len("".join(words)) >= 2 and not is_generic_phrase(words):
        return Span(start, pos, known.get(norm[start:pos], "ORG"), "post-body")
    return None


def speaker_spans(norm: str, tokens: list[Token]) -> list[Span]:
    """jieba person names followed by a speech verb, a post or an honorific (韩林表示, 兰思仁教授)."""
    out = []
    for i, t in enumerate(tokens[:-1]):
        nxt = tokens[i + 1].text
        if (t.pos == "nr" and 2 <= len(t.text) <= 3 and t.text[0] in surnames()
                and (nxt in SPEECH or nxt in HONORIFICS or nxt in posts())):
            out.append(Span(t.start, t.end, "PER", "speaker"))
    return out


# --- the learned tagger ------------------------------------------------------------

# The public sets label places and organisations by conventions the schema does not
# share (中国政府 as a place, no 高新区 or 集团 names), so the tagger contributes people.
TAGGER_MIN_CONFIDENCE = {"PER": 0.8}


def tagger_spans(norm: str, tokens: list[Token]) -> list[Span]:
    """People the character CRF finds with high confidence (2–4 characters, surname first)."""
    if not tagger.is_available():
        return []
    return [Span(t.start, t.end, t.type, "tagger") for t in tagger.tag(norm, tokens)
            if t.type in TAGGER_MIN_CONFIDENCE and t.confidence >= TAGGER_MIN_CONFIDENCE[t.type]
            and 2 <= t.end - t.start and (t.type != "PER" or (t.end - t.start <= 4 and norm[t.start] in surnames()))]


# --- nested names and industries -------------------------------------------------

def inner_spans(norm: str, chosen: list[Span]) -> list[Span]:
    """Names inside ceremony names and 管委会 names (亿纬锂能…项目 in …项目签约仪式)."""
    out = []
    for s in chosen:
        text = norm[s.start:s.end]
        if s.type == "EVENT" and not s.generic:
            m = re.search(r"(项目|产业园区?|有限公司)(合资合同)?(签约仪式|开工奠基仪式|奠基仪式|开工仪式|签约|启动仪式)$", text)
            if m:
                typ = "PARK" if "园" in m.group(1) else "PROJECT"
                out.append(Span(s.start, s.start + m.end(1), typ, "inner"))
        if s.type == "ORG" and re.search(r"(管委会|管理委员会)$", text):
            m = suffix_pattern().search(text)
            if m and suffix_type().get(m.group()) == "PARK" and m.start() >= 2:
                out.append(Span(s.start, s.start + m.end(), "PARK", "inner"))
    return out


def add_industries(norm: str, tokens: list[Token], chosen: list[Span]) -> list[Span]:
    inds = industries()
    extra = [Span(t.start, t.end, "INDUSTRY", "industry") for t in tokens if t.text in inds]
    return chosen + [s for s in extra if not _overlaps(s, chosen)]


# --- overlap resolution ------------------------------------------------------------

PRIORITY = {"title": 6, "quote": 6, "list": 6, "abbrev": 5, "suffix": 5, "latin": 5, "known": 5, "model": 4, "post-body": 3,
            "gazetteer": 3, "abbrev-place": 3, "post": 3, "speaker": 2, "tagger": 2, "industry": 1, "inner": 0}


def choose(cands: list[Span], protected: list[Span]) -> list[Span]:
    """Non-overlapping spans, longest first, then by source priority; TITLE spans drop out."""
    ordered = sorted(cands, key=lambda s: (-(s.end - s.start), -PRIORITY[s.source], s.start, s.type))
    chosen: list[Span] = []
    for s in ordered:
        if not _overlaps(s, chosen):
            chosen.append(s)
    return [s for s in chosen if s.type != "TITLE"]


def add_span(chosen: list[Span], span: Span) -> list[Span]:
    if span in chosen or _overlaps(span, chosen):
        return chosen
    return chosen + [span]


def replace_span(chosen: list[Span], span: Span) -> list[Span]:
    """Add ``span``, dropping the shorter spans inside it (上海 inside the abbreviation 上海医药)."""
    kept = [s for s in chosen if not (span.start <= s.start and s.end <= span.end)]
    return add_span(kept, span)


def _overlaps(s: Span, spans: list[Span]) -> bool:
    return any(s.start < o.end and o.start < s.end for o in spans)
