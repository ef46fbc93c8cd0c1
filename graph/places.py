"""Places: the gazetteer's full and short names, customary abbreviations, 我市/本区, towns after their place.

>>> from graph.tokens import tokenize
>>> text = "会议在天津市举行"
>>> [(text[s.start:s.end], s.type) for s in place_spans(text, tokenize(text), text)]
[('天津市', 'LOC')]
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import gazetteer, longest_start
from .spans import Span
from .tokens import Token
from .words import FUNCTION_CHARS

ABBREVIATED_AFTER = re.compile(r"(?:在|来|赴|抵|驻|留|返|离|入|落户|扎根|莅|访)([\u4e00-\u9fff])(?=[，,。、；的期间举召开签参考投建工作发展企]|$)")
# Words after which a province's or city's short name is a place (在合肥, 落户苏州, 来自深圳).
PLACE_BEFORE = re.compile(r"(?:在|赴|到|于|从|来自|落户|位于|扎根|落地|布局|前往|总部设在)$")
HOME_PLACE = re.compile(r"(我|本)(省|市|区|县)")
# A town, township or subdistrict after its place: a name of one to four characters and its kind.
TOWN = re.compile(r"([\u4e00-\u9fff]{1,4}?)(镇|乡|街道)")
TOWN_NOT_NAMES = frozenset("城 城市 各 全 本 该 我 农村 县 市 区 村 一 两 下 老".split())


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
        for length in range(longest_start(norm, t.start, gaz.name_prefixes, 10), 1, -1):
            cand, rest = norm[t.start:t.start + length], norm[t.start + length:t.end]
            whole = t.start + length in ends or rest in gaz.full or rest in gaz.short  # 云南|昆明, one jieba word
            if cand in gaz.full or (cand in gaz.short and whole
                                    and _short_ok(cand, t, context, PLACE_BEFORE.search(norm, 0, t.start) is not None)):
                out += _places_from(norm, t.start, t.start + length, t.end)
                break
    return out


def town_spans(norm: str, tokens: list[Token], places: list[Span]) -> list[Span]:
    """Towns, townships and subdistricts written right after their place (富阳区|高桥镇, 高县|林湖乡,
    余杭区|五常街道): the gazetteer stops at counties. Not a word that only ends with 乡 or 镇 (城乡), nor after a
    place outside the PRC's divisions (中国的村镇).

    >>> from graph.tokens import tokenize
    >>> text = "位于杭州市富阳区高桥镇，湖州市城乡建设"
    >>> spans = place_spans(text, tokenize(text), text)
    >>> [text[s.start:s.end] for s in town_spans(text, tokenize(text), spans)]
    ['高桥镇']
    """
    ends = {t.end for t in tokens}
    out = []
    for s in places:
        m = TOWN.match(norm, s.end) if s.type == "LOC" else None
        if (m and m.end() in ends and not gazetteer().lookup(m.group()) and m.group(1) not in TOWN_NOT_NAMES
                and m.group(1)[0] not in FUNCTION_CHARS and any(p.code for p in gazetteer().lookup(norm[s.start:s.end]))):
            out.append(Span(m.start(), m.end(), "LOC", "town"))
    return out


def _places_from(norm: str, start: int, end: int, token_end: int) -> list[Span]:
    """The place norm[start:end] and the full names of places that follow it inside the same word
    (上海市浦东新区, one jieba word: 上海市 and 浦东新区), or a short name that ends the word (云南|昆明).

    >>> [(s.start, s.end) for s in _places_from("上海市浦东新区", 0, 3, 7)], [(s.start, s.end) for s in _places_from("云南昆明", 0, 2, 4)]
    ([(0, 3), (3, 7)], [(0, 2), (2, 4)])
    """
    out = [Span(start, end, "LOC", "gazetteer")]
    gaz = gazetteer()
    while end < token_end:
        nxt = next((end + n for n in range(token_end - end, 1, -1) if norm[end:end + n] in gaz.full), None)
        if nxt is None and norm[end:token_end] in gaz.short:
            nxt = token_end
        if nxt is None:
            break
        out.append(Span(end, nxt, "LOC", "gazetteer"))
        end = nxt
    return out


@lru_cache(maxsize=4096)
def _spelled_out(name: str, context: str) -> bool:
    """Whether the document spells the full name (cached: the same document is asked many times)."""
    return name in context


def abbreviated_places(norm: str, tokens: list[Token]) -> list[Span]:
    """Customary abbreviations: 在蓉, 赴沪 (one character, after a verb of place), 羊城 (nicknames),
    and 我市/本区, the article's own place (generic, resolved to the document's place)."""
    abbrev = gazetteer().abbreviations
    out = [Span(m.start(1), m.end(1), "LOC", "abbrev-place") for m in ABBREVIATED_AFTER.finditer(norm)
           if m.group(1) in abbrev]
    out += [Span(t.start, t.end, "LOC", "abbrev-place") for t in tokens if len(t.text) >= 2 and t.text in abbrev]
    out += [Span(m.start(), m.end(), "LOC", "abbrev-place", True) for m in HOME_PLACE.finditer(norm)]
    return out


def _short_ok(cand: str, token: Token, context: str, after_a_place_word: bool) -> bool:
    """A short form is a place when the document spells its full name, or, for a province or city (or a
    place outside the PRC that gives its short name: 高雄), when jieba tags it as a place or a word of place
    comes before it (在合肥建设: jieba reads 合肥 as a noun there)."""
    places = gazetteer().short.get(cand, [])
    if any(_spelled_out(p.name, context) for p in places):
        return True
    return (token.text.startswith(cand) and (token.pos == "ns" or after_a_place_word)  # 云南|昆明: the word's places
            and any(p.level in ("province", "city") or p.short for p in places))
