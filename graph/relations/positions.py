"""holds_position: a person's posts at their bodies (or the place's government), and founders."""
from __future__ import annotations

import re
from functools import lru_cache

from ..extract import SentenceUnit
from ..lexicon import alternation, posts
from ..mentions import Span
from ..model import Mention, RelationMention
from ..people import BOARDS, PostFact
from ..words import FUNCTION_AREAS
from .common import rel, spans_of

# Words that may stand between a person and the next post of a list besides other posts (、时任|总经理,
# 、财务|总监, ，董事|、|董事会|秘书).
LIST_WORDS = re.compile("|".join(BOARDS) + r"|[\s、，,和及兼]|时任|现任|原任|原|前|兼任|独立董事|董事|监事|"
                        + "|".join(sorted(FUNCTION_AREAS)))
FOUNDED = re.compile(r"(?:创办|创立|创建|创设|成立)了?")
GOV_FAMILY = {"gov": "GOV", "party": "PARTY"}


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
                out.append(rel(unit, fact.person, "holds_position", tail, 0.7, role=fact.post))
            continue
        previous = body
        family = posts()[fact.post]
        tail = _government(unit, body, family)
        board = unit.analysis.norm[body.end:fact.post_start]  # 万科|董事会|主席: the title is 董事会主席
        role = board + fact.post if board in BOARDS else fact.post
        if tail is None:
            out.append(rel(unit, fact.person, "holds_position", body, conf, role=role))
        else:
            out.append(rel(unit, fact.person, "holds_position", tail, conf - 0.1, role=role))
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
        person = next((s for s in spans_of(unit, ("PER",), 0, m.start()) if s.end == m.start()), None)
        body = next((s for s in spans_of(unit, ("ORG",), m.end()) if s.start == m.end() and not s.generic), None)
        if person and body:
            out.append(rel(unit, person, "holds_position", body, 0.8, role="创始人"))
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
