"""Industry mentions: words of the industry lexicon, and the items of a list the text calls industries.

>>> from graph.tokens import tokenize
>>> text = "长沙经开区聚焦工程机械、汽车及零部件、电子信息三大主导产业"
>>> [text[s.start:s.end] for s in industry_spans(text, tokenize(text), [])]
['工程机械', '汽车及零部件', '电子信息']
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import alternation, gazetteer, industries, posts, suffix_pattern, suffix_type
from .spans import Span, overlaps
from .tokens import Token
from .words import NAME_VERBS, TRADE_VERBS, is_quantity

ITEM = r"[\u4e00-\u9fffA-Za-z0-9]"
# A list of two or more items closed by a word for industries: A、B和C(等)(三大)(主导)产业|行业|领域; not when
# that word begins a name or a group of people (中国电子信息产业集团, 华为、小米等行业龙头, 钢铁行业顾问).
INDUSTRY_LIST = re.compile(
    rf"((?:{ITEM}{{2,12}}、)+{ITEM}{{2,12}}?)等?(?:多个|[一二三四五六七八九十两\d]+大)?"
    r"(?:主导|支柱|重点|特色|优势|核心|新兴|战略性新兴|未来|先导|传统|现代|高端)?(?:产业|行业|领域)"
    r"(?!龙头|巨头|头部|领军|企业|公司|集团|中心|投资|开发|经营|基地|园|部|局|处|链主|协会|商会|联盟|基金|平台|研究"
    r"|学院|大学|专家|人士|人才|代表|部门|主管|顾问|化)")
# 以A、B、C为主导: the industries a place leads with.
LEADING_INDUSTRIES = re.compile(rf"以((?:{ITEM}{{2,12}}、)+{ITEM}{{2,12}}?)等?(?:产业)?为(?:主导|主|重点|核心|支柱|特色|引领|龙头)")
# Items joined by 和 are two anywhere in the list; by 及 or 与 only at its end (汽车及零部件、电子信息: one).
JOINED = re.compile(r"(.{2,}?)和(.{2,})")
LAST_JOINED = re.compile(r"(.{2,}?)[和及与](.{2,})")
LONGEST_ITEM = 10
# Words that open a list of industries (聚焦|工程机械、…): the first item starts after them.
OPENERS = tuple("""聚焦 发展 培育 打造 围绕 布局 包括 涵盖 涉及 形成 主攻 深耕 集聚 聚集 壮大 做强 做大 做优 延伸
引进 推动 加快 推进 专注 致力 从事 主营 覆盖 瞄准 锚定 依托 重点 突出 构建 建设 优化 升级 带动 拓展 进军 支持
扶持 是 为 有 在 以 及 和 与 集""".split())
# Parts of speech no industry's name holds: prepositions, particles, conjunctions, pronouns, adverbs,
# places, people and punctuation.
STOP_POS = ("p", "u", "c", "r", "d", "ns", "nr", "x")
# Words that say which or how many, not what: an item made only of them names no industry (相关、其他等行业).
NOT_SECTORS = frozenset("""相关 重点 其他 其它 传统 新兴 主要 各类 多个 一批 系列 优势 特色 核心 重要 关键 基础 前沿 未来
战略 战略性 高技术 高新技术 主导 支柱 领先 龙头 头部 企业 公司 单位 机构 项目 平台 产业 行业 领域 上下游 配套 国内
国外 海外 各 等 个""".split())
# Qualifiers at an item's end that belong to the list's frame (数字经济核心产业: 数字经济).
QUALIFIER_END = re.compile(r"(核心|重点|主导|支柱|新兴|战略性新兴|产业)+$")


def industry_spans(norm: str, tokens: list[Token], chosen: list[Span]) -> list[Span]:
    """INDUSTRY spans not overlapping ``chosen``: lexicon words and listed industries."""
    listed = []
    for m in (*INDUSTRY_LIST.finditer(norm), *LEADING_INDUSTRIES.finditer(norm)):
        items = _listed(norm, tokens, m.start(1), m.end(1))
        if not any(overlaps(s, chosen + listed) for s in items):  # 张三、李四等行业专家: people, not industries
            listed += items
    return listed + [s for s in _lexicon_spans(norm, tokens) if not overlaps(s, chosen + listed)]


def _lexicon_spans(norm: str, tokens: list[Token]) -> list[Span]:
    """The lexicon's industries on word boundaries, the longest first (新一代|信息技术 is 新一代信息技术).

    >>> from graph.tokens import tokenize
    >>> text = "发展新一代信息技术"
    >>> [text[s.start:s.end] for s in _lexicon_spans(text, tokenize(text))]
    ['新一代信息技术']
    """
    starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
    return [Span(m.start(), m.end(), "INDUSTRY", "industry") for m in _lexicon_pattern().finditer(norm)
            if m.start() in starts and m.end() in ends]


@lru_cache(maxsize=1)
def _lexicon_pattern() -> re.Pattern[str]:
    return re.compile(alternation(industries()))


def _listed(norm: str, tokens: list[Token], start: int, end: int) -> list[Span]:
    """The items of the list norm[start:end]; none when any item is no industry's name.

    >>> from graph.tokens import tokenize
    >>> text = "大力发展集成电路、生物医药和人工智能"
    >>> [text[s.start:s.end] for s in _listed(text, tokenize(text), 0, len(text))]
    ['集成电路', '生物医药', '人工智能']
    """
    items = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^、]+", norm[start:end])]
    first = _first_item_start(tokens, *items[0])
    if first is None:
        return []
    items[0] = (first, items[0][1])
    items = [part for k, item in enumerate(items)
             for part in _split_joined(norm, *item, LAST_JOINED if k == len(items) - 1 else JOINED)]
    items = [(a, a + len(QUALIFIER_END.sub("", norm[a:b]))) for a, b in items]
    if not all(_an_industry(norm[a:b], tokens, a, b) for a, b in items):
        return []
    return [Span(a, b, "INDUSTRY", "industry") for a, b in items]


def _split_joined(norm: str, start: int, end: int, joined: re.Pattern[str]) -> list[tuple[int, int]]:
    m = joined.fullmatch(norm, start, end)
    return [(start, m.end(1)), (m.start(2), end)] if m else [(start, end)]


def _first_item_start(tokens: list[Token], start: int, end: int) -> int | None:
    """Where the first item begins: after the word that opens the list (聚焦|工程机械, 大力发展|集成电路)."""
    inside = [t for t in tokens if start <= t.start and t.end <= end]
    if not inside or inside[-1].end != end:
        return None
    begin = end
    for t in reversed(inside):
        if t.pos.startswith(STOP_POS) or t.text.endswith(OPENERS) or end - t.start > LONGEST_ITEM:
            break
        if _a_verb(t) and t.end < end:
            break  # 振兴|沙坪湘绣: a verb before its object, not a line of business after its field (生物|育种)
        begin = t.start
    return begin if end - begin >= 2 else None


def _a_verb(token: Token) -> bool:
    """A verb that names no line of business (振兴, 选择; not 制造, 加工)."""
    return token.pos == "v" and token.text not in NAME_VERBS and token.text not in TRADE_VERBS


def _an_industry(text: str, tokens: list[Token], start: int, end: int) -> bool:
    """An item may name an industry: two to ten characters of nouns and lines of business, no place,
    organisation or post, not only words that say which.

    >>> from graph.tokens import tokenize
    >>> text = "食品、相关、上海、钢铁的、振兴湘绣"
    >>> [_an_industry(text[a:a + n], tokenize(text), a, a + n) for a, n in ((0, 2), (3, 2), (6, 2), (9, 3), (13, 4))]
    [True, False, False, False, False]
    """
    words = [t for t in tokens if start <= t.start and t.end <= end]
    if not 2 <= len(text) <= LONGEST_ITEM or gazetteer().lookup(text) or any(p in text for p in ("等", "的")):
        return False
    if any(_stops_an_item(t, end) for t in words) or _org_or_post(text):
        return False
    return not all(t.text in NOT_SECTORS or is_quantity(t.text) for t in words)


def _stops_an_item(token: Token, end: int) -> bool:
    """A word no industry's name holds, a verb before the item's end (振兴湘绣; not 医学诊断, 汽车及零部件) or a
    manner (规模化, 特色化)."""
    if token.text in ("及", "与"):
        return False
    return token.pos.startswith(STOP_POS) or (_a_verb(token) and token.end < end) or token.text.endswith("化")


def _org_or_post(text: str) -> bool:
    """True for an item ending in an organisation's or park's suffix or a post (…集团, …公司, 财务处处长).

    >>> _org_or_post("工程机械"), _org_or_post("中国普天信息产业集团"), _org_or_post("财务处处长")
    (False, True, True)
    """
    ends = [m for m in suffix_pattern().finditer(text) if m.end() == len(text)]
    return any(suffix_type()[m.group()] in ("ORG", "PARK") for m in ends) or text.endswith(tuple(posts()))
