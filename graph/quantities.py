"""Dates and amounts of money stated in a sentence, normalised for edges.

>>> amount("项目拟投资100亿元")["amount_yuan"], amount("追加1亿美元")
(10000000000.0, {'amount_text': '1亿美元'})
"""
from __future__ import annotations

import re

from .model import RelationMention

# An amount of money: a currency named before (新台币300亿元: not yuan), a number in figures or Chinese numerals
# (百亿元, 三千万元), a unit, a currency.
AMOUNT = re.compile(r"(新台币|台币|港币|人民币)?(\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+(?=万亿|亿|千万|百万|万))\s*"
                    r"(万亿|亿|千万|百万|万)?"
                    r"(元|美元|港元|欧元|日元|英镑|人民币)(人民币)?")
YUAN = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千万": 1e7, "百万": 1e6, None: 1.0}
DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
PLACES = {"十": 10, "百": 100, "千": 1000}
DATED = {"signed_with", "cooperates_with", "invests_in", "announced_at", "releases"}
FULL_DATE = re.compile(r"((?:19|20)\d\d)\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})日?")
MONTH_DAY = re.compile(r"(?<![\d年.])(\d{1,2})月(\d{1,2})日")


def amount(text: str) -> dict[str, str | float]:
    """The first amount of money in ``text``: its text, and its value in yuan when in yuan.

    >>> amount("拟投资1.2万亿元"), amount("总投资超百亿元")["amount_yuan"], amount("投资新台币300亿元")
    ({'amount_text': '1.2万亿元', 'amount_yuan': 1200000000000.0}, 10000000000.0, {'amount_text': '新台币300亿元'})
    >>> amount("统一元数据标准"), amount("三千万元")["amount_yuan"]
    ({}, 30000000.0)
    """
    m = AMOUNT.search(text)
    if not m:
        return {}
    attrs: dict[str, str | float] = {"amount_text": m.group()}
    if m.group(4) in ("元", "人民币") and m.group(1) in (None, "人民币"):
        attrs["amount_yuan"] = _number(m.group(2)) * YUAN[m.group(3)]
    return attrs


def _number(text: str) -> float:
    """The value of a number in figures or in Chinese numerals up to thousands.

    >>> _number("3.5"), _number("百"), _number("三千五百"), _number("十二")
    (3.5, 100.0, 3500.0, 12.0)
    """
    if text[0].isdigit():
        return float(text)
    total, digit = 0, 0
    for c in text:
        if c in DIGITS:
            digit = DIGITS[c]
        else:
            total += (digit or 1) * PLACES[c]
            digit = 0
    return float(total + digit)


def document_year(context: str) -> str | None:
    """The year of the first full date in the document (its dateline or header), if any.

    >>> document_year("发布时间:2018-03-02 14:46"), document_year("5月29日")
    ('2018', None)
    """
    m = FULL_DATE.search(context)
    return m.group(1) if m else None


def sentence_date(norm: str, year: str | None) -> str | None:
    """The date a sentence states, as YYYY-MM-DD (or --MM-DD when no year is known).

    >>> sentence_date("9月27日晚,项目签约", "2023"), sentence_date("2022年8月5日签署", None)
    ('2023-09-27', '2022-08-05')
    """
    m = FULL_DATE.search(norm)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = MONTH_DAY.search(norm)
    if m and 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31:
        return f"{year or '-'}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    return None


def dated(r: RelationMention, date: str | None) -> RelationMention:
    """``r`` with the date of its sentence, for relations that happen on a day."""
    if date is None or r.relation not in DATED:
        return r
    return RelationMention(r.head, r.relation, r.tail, r.confidence, tuple(sorted(r.attrs + (("date", date),))))
