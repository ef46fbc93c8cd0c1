"""People: names after a post title (院长佟小光), chains of posts, speakers, and the tagger's people.

>>> from graph.tokens import tokenize
>>> text = "中电云脑总经理程龙发布产品"
>>> [(text[f.person.start:f.person.end], f.post) for f in post_facts(text, tokenize(text), [], {})]
[('程龙', '总经理')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import tagger
from .lexicon import person_surnames, post_pattern, posts
from .spans import Span, inside
from .text import is_cjk
from .tokens import PROPER_POS, Token, in_dictionary, name_before
from .words import BOUNDARY_WORDS, FUNCTION_AREAS, NAME_VERBS, TITLE_MODIFIERS, is_generic_phrase

NAME_STOP_CHARS = set("等和与在是为的说称则及向对就将已也都还、")
CONJUNCTIONS = set("和与及或")  # 董事和前三大股东: no surname after a post
NAME_DOTS = "·•・‧"
# A name transliterated part by part (托马斯·霍夫曼, 埃隆·马斯克).
TRANSLITERATED = re.compile(rf"[\u4e00-\u9fff]{{1,5}}(?:[{NAME_DOTS}][\u4e00-\u9fff]{{1,6}})+")
WEEKDAY = re.compile(r"周[一二三四五六日末]")  # 总理|周二晚表示: no name
AFTER_NAME = ("表示", "发布", "出席", "介绍", "指出", "强调", "致辞", "宣布", "率领", "率队", "代表", "同志",
              "参加", "博士", "教授", "院士", "先生", "女士", "一行", "透露", "坦言", "认为", "主持", "会见", "希望")
HONORIFICS = ("博士", "先生", "女士", "同志", "教授", "院士", "一行")
SPEECH = ("表示", "说", "指出", "介绍", "强调", "透露", "坦言", "认为", "致辞", "宣布", "出席")
# The public sets label places by conventions the schema does not share (中国政府 as a
# place), so the tagger contributes people, and organisations the rules did not find.
TAGGER_MIN_CONFIDENCE = {"PER": 0.8, "ORG": 0.9}
# Last characters of government bodies' short names (卫健委, 统计局), never of a person's.
AGENCY_ENDS = frozenset("委局厅署")
APPOINTED_NAMED = re.compile(r"(?:任命|聘任|聘请|委任|提名|推选|选举)([\u4e00-\u9fff]{2,4}?)(?:同志|先生|女士)?为$")
APPOINTED_SUBJECT = re.compile(r"(?:现任|担任|出任|兼任|升任|改任|转任|任)$")
SENTENCE_END = re.compile(r"[。；;!?！？]")
HEAD_POSTS = ("部长", "局长", "厅长", "处长")  # the post's first character ends the body's name
# A company's boards: before a post they are part of the title, the company is the body (万科董事会|主席).
BOARDS = ("董事局", "董事会", "监事会")


@dataclass(frozen=True)
class PostFact:
    """``name`` holds ``post``; ``body`` is the span of the body before the post, if any."""

    person: Span
    post: str
    body: Span | None
    post_start: int


def post_facts(norm: str, tokens: list[Token], chosen: list[Span], known: dict[str, str]) -> list[PostFact]:
    """Person names after a post title, with the body named right before each post.

    Chains share the person: 小米创办人、董事长兼CEO雷军 gives three facts.
    """
    blockers = [s for s in chosen if s.type != "PER"]
    found = [_after_body(norm, m, blockers) for m in post_pattern().finditer(norm)
             if not inside(m.start(), m.end(), blockers)]
    bodies = {m.start(): _body_before(norm, tokens, chosen, m.start(), known) for m in found}
    by_end = {m.end(): m for m in found}
    out = []
    for m in found:
        if (inserted := _person_inserted(norm, chosen, m.start())) is not None:  # 罗麦科技有限公司|汪静|董事长
            bodies[m.start()] = next((s for s in chosen if s.type != "PER" and s.end == inserted.start), None)
        names = (_names_after(norm, tokens, m.end()) or _person_appointed(norm, tokens, chosen, bodies[m.start()])
                 or _person_apposed(norm, chosen, bodies[m.start()], m.end())
                 or _person_as(norm, chosen, bodies[m.start()], m.end()) or ([inserted] if inserted else []))
        cur = m
        while names and cur is not None:
            body = bodies[cur.start()]
            out.extend(PostFact(n, cur.group(), body, cur.start()) for n in names)
            left = body.start if body is not None else _title_start(norm, cur.start())
            cur = by_end.get(left - 1) if left and norm[left - 1] in "、兼和及" else None
    return sorted(out, key=lambda f: (f.post_start, f.person.start))


def _after_body(norm: str, m: re.Match[str], blockers: list[Span]) -> re.Match[str]:
    """The post ``m``, or the post after the organisation it begins inside (苏州工业园区党工委|书记, not
    苏州工业园区|党工委书记).

    >>> text = "园区党工委书记"
    >>> _after_body(text, post_pattern().search(text), [Span(0, 5, "ORG", "suffix", True)]).group()
    '书记'
    """
    for s in blockers:
        if s.type == "ORG" and s.start < m.start() < s.end < m.end():
            after = post_pattern().match(norm, s.end)
            if after is not None and after.end() == m.end():
                return after
    return m


def _person_apposed(norm: str, chosen: list[Span], body: Span | None, post_end: int) -> list[Span]:
    """The person of 王传福，比亚迪股份有限公司董事长，…: right before the body (or a comma between), the post
    ending its clause, and the person not the name after a post of a list (…副省长李德金,中国工程院院士、…).

    >>> text = "王传福，比亚迪公司董事长，他说"
    >>> _person_apposed(text, [Span(0, 3, "PER", "tagger")], Span(4, 9, "ORG", "suffix"), 12)
    [Span(start=0, end=3, type='PER', source='tagger', generic=False)]
    """
    if body is None or (post_end < len(norm) and norm[post_end] not in "，,。；;"):
        return []
    person = next((s for s in chosen if s.type == "PER" and (
        s.end == body.start or (s.end == body.start - 1 and norm[s.end] in "，,"))), None)
    if person is None or any(m.end() == person.start for m in post_pattern().finditer(norm, 0, person.start)):
        return []
    return [person]


def _person_inserted(norm: str, chosen: list[Span], pos: int) -> Span | None:
    """A person named between an organisation and its post (北京罗麦科技有限公司|汪静|董事长)."""
    person = next((s for s in chosen if s.type == "PER" and s.end == pos), None)
    if person is None or not any(s.type == "ORG" and s.end == person.start for s in chosen):
        return None
    return person if norm[person.start:person.end] not in TITLE_MODIFIERS else None  # 大学|荣休|教授


def _person_as(norm: str, chosen: list[Span], body: Span | None, post_end: int) -> list[Span]:
    """The person of 作为X公司董事长，陈旭荣…: the name right after the comma that ends the post.

    >>> text = "作为远航集团董事长，陈旭荣说"
    >>> _person_as(text, [Span(10, 13, "PER", "tagger")], Span(2, 6, "ORG", "suffix"), 9)
    [Span(start=10, end=13, type='PER', source='tagger', generic=False)]
    """
    if body is None or not norm.endswith("作为", 0, body.start) or norm[post_end:post_end + 1] not in ("，", ","):
        return []
    return [s for s in chosen if s.type == "PER" and s.start == post_end + 1][:1]


def _title_start(norm: str, pos: int, words: tuple[str, ...] = (*FUNCTION_AREAS, *TITLE_MODIFIERS, "副")) -> int:
    """Where a post title starts that may begin with business functions, 副 and a modifier of the rank
    (董事长、财务|总监: at 财务; 销售|副|总监: at 销售; 公司|轮值|董事长: at 轮值); with ``words``, only those.

    >>> _title_start("董事长、财务总监", 6), _title_start("公司销售副总监", 5), _title_start("公司轮值董事长", 4)
    (4, 2, 2)
    >>> _title_start("棉花交易市场总裁", 6, tuple(TITLE_MODIFIERS))
    6
    """
    while (word := next((w for w in words if norm.endswith(w, 0, pos)), None)) is not None:
        pos -= len(word)
    return pos


def _person_appointed(norm: str, tokens: list[Token], chosen: list[Span], body: Span | None) -> list[Span]:
    """The person of 任命张三(同志)为X校长, or of 张三(，…)现任/担任X董事长: the nearest person before, same sentence."""
    if body is None:
        return []
    named = APPOINTED_NAMED.search(norm, 0, body.start)
    if named:
        person = person_at(norm, tokens, named.start(1))
        return [person] if person is not None and person.end == named.end(1) else []
    verb = APPOINTED_SUBJECT.search(norm, 0, body.start)
    if verb is None:
        return []
    people = [s for s in chosen if s.type == "PER" and s.end <= verb.start()
              and not SENTENCE_END.search(norm, s.end, verb.start())]
    return people[-1:]


def _names_after(norm: str, tokens: list[Token], pos: int) -> list[Span]:
    out = []
    if norm[pos:pos + 1] in (" ", "\u3000", "：", ":"):  # 董事长 黄定寿, 董事长：张飞飞
        pos += 1
    while True:
        n = person_at(norm, tokens, pos)
        if n is None or (out and _starts_a_post(norm, n.end)):
            return out  # 书记刘小涛、华为|轮值董事长徐直军: 华为 begins the next post's body
        out.append(n)
        if norm[n.end:n.end + 1] != "、":
            return out
        pos = n.end + 1


def _starts_a_post(norm: str, pos: int) -> bool:
    """True when a post title (with its modifiers) begins at ``pos``."""
    while (word := next((w for w in (*TITLE_MODIFIERS, *FUNCTION_AREAS) if norm.startswith(w, pos)), None)):
        pos += len(word)
    return post_pattern().match(norm, pos) is not None


def person_at(norm: str, tokens: list[Token], pos: int) -> Span | None:
    """A 2–3 character person name starting at ``pos`` (surname first).

    The third character is left out when it starts a dictionary word that runs
    past it (jieba's tokens: 陈新|非常重视, 张磊|研究).

    >>> person_at("程龙发布产品", [], 0).end, person_at("佟小光发布", [], 0).end
    (2, 3)
    >>> from graph.tokens import tokenize
    >>> person_at("陈新非常重视", tokenize("陈新非常重视"), 0).end
    2
    """
    if (foreign := _transliterated_at(norm, pos)) is not None:
        return foreign
    sur = 2 if norm[pos:pos + 2] in person_surnames() else 1 if norm[pos:pos + 1] in person_surnames() else 0
    if not sur or norm[pos] in CONJUNCTIONS:
        return None
    for length in (sur + 2, sur + 1):
        end = pos + length
        if end > len(norm) or not all(is_cjk(c) for c in norm[pos:end]):
            continue
        rest = norm[end - 1:end + 1] if length == sur + 2 else ""
        if length == sur + 2 and (rest in BOUNDARY_WORDS or norm[end - 1] in NAME_STOP_CHARS
                                  or any(norm[end - 1:].startswith(w) for w in AFTER_NAME)
                                  or _dictionary_word_runs_past(tokens, end - 1, end)):
            continue
        if (norm[pos:end] in posts() or norm[pos:end] in BOUNDARY_WORDS or _common_noun(tokens, pos, end)
                or norm[end - 1] == "姓" or _a_time(norm, pos)):
            return None  # 一位尹姓|经理, 总理|周二晚: no names
        return Span(pos, end, "PER", "post")
    return None


def _transliterated_at(norm: str, pos: int) -> Span | None:
    """A foreign name written part by part with a middle dot (托马斯·霍夫曼), its last part ending before a
    word that follows names (一行, 表示) or a character no name holds.

    >>> _transliterated_at("校长托马斯·霍夫曼一行", 2)
    Span(start=2, end=9, type='PER', source='post', generic=False)
    """
    m = TRANSLITERATED.match(norm, pos)
    if m is None or norm[pos] in NAME_STOP_CHARS:
        return None
    end = m.end()
    for k in range(max(norm.rfind(c, pos, end) for c in NAME_DOTS) + 2, end):
        if norm[k] in NAME_STOP_CHARS or any(norm.startswith(w, k) for w in (*AFTER_NAME, *HONORIFICS)):
            end = k
            break
    return Span(pos, end, "PER", "post")


def _a_time(norm: str, pos: int) -> bool:
    """True when a day of the week starts at ``pos`` (周二晚; not 宋朝弟, which jieba reads 宋朝|弟)."""
    return WEEKDAY.match(norm, pos) is not None


def _common_noun(tokens: list[Token], start: int, end: int) -> bool:
    """True when a common noun of jieba's dictionary makes the name or its start (老|干部, 干部|要), or
    a dictionary word runs into it from the post before (领导班子)."""
    return any(in_dictionary(t.text) and ((t.start == start and start + 2 <= t.end <= end and t.pos == "n")
                                          or t.start < start < t.end) for t in tokens)


def _dictionary_word_runs_past(tokens: list[Token], start: int, end: int) -> bool:
    """True when a dictionary word (not an HMM guess) starts at ``start`` and goes on past ``end``."""
    return any(t.start == start and t.end > end and in_dictionary(t.text) for t in tokens)


def _body_before(norm: str, tokens: list[Token], chosen: list[Span], pos: int,
                 known: dict[str, str]) -> Span | None:
    """The organisation, place or event named right before a post title, or before its board and the title
    (万科|董事会|主席).

    A place whose suffix is the post's first character also counts (吕梁市长). Generic
    words, business functions (财务|总监) and a post before 兼 (总裁兼|党委书记) name no body.
    """
    if norm[pos - 1:pos] in (" ", "\u3000"):  # 海通证券 党委书记
        pos -= 1
    body = next((s for s in chosen if s.type != "PER" and (s.end == pos or (
        s.type == "LOC" and s.end == pos + 1 and norm[pos] in "省市区县州"))), None)
    if body is not None:
        return body
    board = next((b for b in BOARDS if norm.endswith(b, 0, pos)), "")
    if board:
        return _body_before(norm, tokens, chosen, pos - len(board), known)
    titled = _title_start(norm, pos)  # 河南赊店商业有限公司|销售|副总监
    if titled < pos and (body := next((s for s in chosen if s.type == "ORG" and s.end == titled), None)):
        return body
    ranked = _title_start(norm, pos, tuple(TITLE_MODIFIERS))
    if ranked < pos:  # 华为|轮值董事长: the body ends where the rank's modifiers begin
        return _body_before(norm, tokens, chosen, ranked, known) if ranked and norm[ranked - 1] not in "、，," else None
    start, words = name_before(tokens, pos, limit=6)
    verb_end = max([start, *(t.end for t in tokens if start <= t.start and t.end < pos and _is_verb(t)
                             and len(t.text) >= 2 and t.text not in NAME_VERBS)])
    if verb_end > start:  # 荣幸|得到|国家|主席: no body unless a proper name follows the verb
        while start < verb_end:
            start += len(words.pop(0))
        if not any(t.start == start and t.pos in PROPER_POS for t in tokens):
            return None
    if (words and len("".join(words)) >= 2 and not is_generic_phrase([w for w in words if w not in FUNCTION_AREAS])
            and not _verb_before(tokens, pos) and not words[-1].endswith("兼")):
        end = pos + 1 if norm[pos:pos + 2] in HEAD_POSTS and norm[pos - 1] != norm[pos] else pos  # 财政|部长: 财政部
        return Span(start, end, known.get(norm[start:end], "ORG"), "post-body")
    return None


def _verb_before(tokens: list[Token], pos: int) -> bool:
    """True when the word right before ``pos`` is a dictionary verb (要督促|主任 names no body; 博易创为, a
    word jieba guessed, may)."""
    return any(t.end == pos and _is_verb(t) for t in tokens)


def _is_verb(token: Token) -> bool:
    """A verb of jieba's dictionary (not one it guessed)."""
    return token.pos in ("v", "vd") and in_dictionary(token.text)


def speaker_spans(norm: str, tokens: list[Token]) -> list[Span]:
    """jieba person names followed by a speech verb, a post or an honorific (韩林表示, 兰思仁教授); not a
    government body's short name that jieba reads as one (卫健委表示), nor a rank's modifier (荣休|教授).

    >>> from graph.tokens import tokenize
    >>> [len(speaker_spans(t, tokenize(t))) for t in ("卫健委表示", "韩林表示")]
    [0, 1]
    """
    out = []
    for i, t in enumerate(tokens[:-1]):
        nxt = tokens[i + 1].text
        if (t.pos == "nr" and 2 <= len(t.text) <= 3 and t.text[0] in person_surnames() and t.text[-1] not in AGENCY_ENDS
                and t.text not in TITLE_MODIFIERS and (nxt in SPEECH or nxt in HONORIFICS or nxt in posts())):
            out.append(Span(t.start, t.end, "PER", "speaker"))
    return out


def tagger_spans(norm: str, tokens: list[Token]) -> list[tuple[Span, float]]:
    """People and organisations the tagger (CRF and BiLSTM) finds, with its confidence; those of at least
    ``TAGGER_MIN_CONFIDENCE`` are taken as they are (``confident``).

    A person is 2–4 Chinese characters, surname first; an organisation is not one
    common noun of the dictionary (代表团, 办事处 are no names).
    """
    if not tagger.is_available():
        return []
    return [(Span(t.start, t.end, t.type, "tagger"), t.confidence) for t in tagger.tag(norm)
            if t.type in TAGGER_MIN_CONFIDENCE
            and 2 <= t.end - t.start and (t.type != "PER" or _person_like(norm[t.start:t.end]))
            and (t.type != "ORG" or not _one_common_noun(t.start, t.end, tokens))]


def confident(tagged: list[tuple[Span, float]]) -> list[Span]:
    """The spans of ``tagged`` the tagger is sure enough of to take alone (``TAGGER_MIN_CONFIDENCE``)."""
    return [span for span, confidence in tagged if confidence >= TAGGER_MIN_CONFIDENCE[span.type]]


def _one_common_noun(start: int, end: int, tokens: list[Token]) -> bool:
    """True when ``start:end`` is exactly one token tagged as a common noun.

    >>> _one_common_noun(0, 3, [Token("代表团", "n", 0, 3)]), _one_common_noun(0, 3, [Token("卫生局", "nt", 0, 3)])
    (True, False)
    """
    return any(t.start == start and t.end == end and t.pos == "n" for t in tokens)


def _person_like(name: str) -> bool:
    """2–4 Chinese characters, surname first (张裕A, a share's name, is not a person).

    >>> _person_like("张裕"), _person_like("张裕A")
    (True, False)
    """
    return len(name) <= 4 and name[0] in person_surnames() and all(is_cjk(c) for c in name)
