"""Dates and amounts of money stated in a sentence, normalised for edges.

>>> amount("项目拟投资100亿元")["amount_yuan"], amount("追加1亿美元")
(10000000000.0, {'amount_text': '1亿美元'})
"""
from __future__ import annotations

import re

from .model import RelationMention

AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(亿|万|千万|百万)?(元|美元|港元|欧元|人民币)(人民币)?")
YUAN = {"亿": 1e8, "万": 1e4, "千万": 1e7, "百万": 1e6, None: 1.0}
DATED = {"signed_with", "cooperates_with", "invests_in", "announced_at", "releases"}
FULL_DATE = re.compile(r"((?:19|20)\d\d)\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})日?")
MONTH_DAY = re.compile(r"(?<![\d年.])(\d{1,2})月(\d{1,2})日")


def amount(text: str) -> dict[str, str | float]:
    """The first amount of money in ``text``: its text, and its value in yuan when in yuan."""
    m = AMOUNT.search(text)
    if not m:
        return {}
    attrs: dict[str, str | float] = {"amount_text": m.group()}
    if m.group(3) in ("元", "人民币"):
        attrs["amount_yuan"] = float(m.group(1)) * YUAN[m.group(2)]
    return attrs


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
