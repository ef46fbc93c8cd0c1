"""Name forms: matching keys and the short forms a name is also known by.

>>> match_key("《天津市行动计划(2026-2030年)》")
'天津市行动计划(2026-2030年)'
>>> sorted(variants("天津脑机接口产业集团有限公司", "ORG"))
['天津脑机接口产业集团', '天津脑机接口产业集团有限公司']
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lexicon import alternation, central_bodies, gazetteer, industries, local_bodies, suffix_type, suffixes
from .text import normalize
from .tokens import words_of
from .words import is_generic_phrase

STRIP = "“”‘’\"'《》「」『』〈〉 \t\r\n\u3000·•"
LEGAL = re.compile(r"(股份有限公司|有限责任公司|集团有限公司|有限公司|股份公司)$")
YEARS = re.compile(r"[(（]\d{4}\s*[-—–~～至到]\s*\d{4}年?[)）]$")
EXPLAINED = re.compile(r"(?<=[A-Za-z])\([^()]{2,20}\)")
LEADING_YEAR = re.compile(r"^(19|20)\d\d(年)?")
GOV = re.compile(r"人民政府")
SEAT_OF_GOVERNMENT = re.compile(r"(市|县|省)府$")
NAME_CACHE = 65536  # names met while resolving; the functions below are pure


@lru_cache(maxsize=NAME_CACHE)
def match_key(name: str) -> str:
    """Simplified, NFKC, without quotes, book-title marks, spaces and middle dots."""
    s = unicodedata.normalize("NFKC", normalize(name))
    return "".join(c for c in s if c not in STRIP)


# Short words for kinds of zones and what they stand for (高新区: 高新技术产业开发区).
PARK_KIND_FULL = {"高新区": "高新技术产业开发区", "经开区": "经济技术开发区", "自贸区": "自由贸易试验区",
                  "综保区": "综合保税区"}


def variants(name: str, typ: str) -> set[str]:
    """Keys of the forms a name is also written in: without place prefix, legal suffix, years.

    Only forms that still read as a name are returned (天津大学 gives no 大学).
    """
    return set(_variants(name, typ))


@lru_cache(maxsize=NAME_CACHE)
def _variants(name: str, typ: str) -> frozenset[str]:
    key = match_key(name)
    forms = {key, EXPLAINED.sub("", key), GOV.sub("政府", key)}
    if typ in ("POLICY", "EVENT"):
        forms |= {YEARS.sub("", f) for f in forms}
        forms |= {LEADING_YEAR.sub("", f) for f in forms if typ == "EVENT"}
    if typ in ("ORG",):
        forms.add(full_department(key))
        forms.add(SEAT_OF_GOVERNMENT.sub(r"\1政府", key))  # 台中市府 is 台中市政府
        forms |= {LEGAL.sub("", f) for f in forms if LEGAL.search(f) and not f.endswith("集团有限公司")}
        forms |= {f[: -len("有限公司")] for f in forms if f.endswith("集团有限公司")}
    if typ == "PARK":  # 宜春经开区 is 宜春经济技术开发区
        forms |= {f[:-len(short)] + full for f in forms for short, full in PARK_KIND_FULL.items() if f.endswith(short)}
    if typ in ("PROJECT", "PARK", "ORG"):
        forms |= {f[:-2] for f in forms if f.endswith("项目") and len(f) > 4}
        forms |= {re.sub(r"园区$", "园", f) for f in forms}
    if typ != "POLICY" and not re.search(r"(大学|学院|学校)$", key):
        forms |= {stripped for f in list(forms) for stripped in _without_place(f)}
    return frozenset({key} | {f for f in forms if is_name_like(f)})


@lru_cache(maxsize=1)
def _department_ending() -> re.Pattern[str]:
    return re.compile(f"({alternation(local_bodies())})$")


def full_department(key: str) -> str:
    """``key`` with the short form of a local government's department at its end written out in full.

    >>> full_department("江苏省工信厅"), full_department("市发改委"), full_department("华为技术")
    ('江苏省工业和信息化厅', '市发展和改革委员会', '华为技术')
    """
    m = _department_ending().search(key)
    return key[:m.start()] + local_bodies()[m.group()] if m else key


@lru_cache(maxsize=NAME_CACHE)
def _without_place(key: str) -> tuple[str, ...]:
    """The name without a leading administrative division (not a country or region)."""
    for length in range(min(8, len(key) - 2), 1, -1):
        if any(p.code for p in gazetteer().lookup(key[:length])):
            return (key[length:],)
    return ()


@lru_cache(maxsize=NAME_CACHE)
def is_name_like(key: str) -> bool:
    """At least two characters and more than suffixes, industries, generic words or a local government's
    department without its place (财政局, 国有资产监督管理委员会; the State Council's 商务部 is a name).

    >>> is_name_like("天津大学"), is_name_like("氢能产业园区项目"), is_name_like("大学"), is_name_like("集团有限公司")
    (True, False, False, False)
    >>> is_name_like("国有资产监督管理委员会"), is_name_like("商务部")
    (False, True)
    """
    if len(key) < 2 or key in suffix_type() or (key in local_bodies() and key not in central_bodies()):
        return False
    head = _strip_suffixes(key)
    if head == key:
        return True
    if head in suffix_type():  # only suffixes: 集团股份有限公司
        return False
    if gazetteer().lookup(head):
        return True
    for term in _industries_longest_first():
        head = head.replace(term, "")
    return len(head) >= 1 and not is_generic_phrase(words_of(head))


def _strip_suffixes(key: str) -> str:
    """``key`` without its name suffixes, the longest first, as long as something is left.

    >>> _strip_suffixes("华为技术有限公司"), _strip_suffixes("公司")
    ('华为技术', '公司')
    """
    while suffix := _type_suffix(key):
        key = key[:-len(suffix)]
    return key


@lru_cache(maxsize=1)
def _longest_suffix() -> int:
    return max(len(s) for s, _ in suffixes())


@lru_cache(maxsize=1)
def _industries_longest_first() -> tuple[str, ...]:
    return tuple(sorted(industries(), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=NAME_CACHE)
def brand_core(key: str) -> str:
    """A company's distinctive part: no place prefix, legal form or 集团.

    >>> brand_core("惠州亿纬锂能股份有限公司"), brand_core("美锦集团")
    ('亿纬锂能', '美锦')
    """
    core = LEGAL.sub("", key)
    core = re.sub(r"集团$", "", core)
    stripped = _without_place(core)
    return stripped[0] if stripped and len(stripped[0]) >= 2 else core


def is_abbreviation(short: str, full: str) -> bool:
    """A Chinese abbreviation keeps characters of the full name in order (贵师大 ← 贵州师范大学).

    It shortens a type suffix rather than keeping it whole (浙江大学 is not
    浙江工业大学, 中国银行 not 中国工商银行), and keeps a character of what is between
    a leading place and the suffix when there is something (中行 ← 中国银行, not
    ← 中国工商银行).

    >>> is_abbreviation("贵师大", "贵州师范大学"), is_abbreviation("师大", "贵州师范大学")
    (True, False)
    >>> is_abbreviation("中国银行", "中国工商银行"), is_abbreviation("中行", "中国工商银行"), is_abbreviation("中行", "中国银行")
    (False, False, True)

    Five characters abbreviate a name of nine or more (中国证监会 ← 中国证券监督管理委员会).

    >>> is_abbreviation("中国证监会", "中国证券监督管理委员会"), is_abbreviation("国网电科院", "国网电力科学研究院")
    (True, True)
    """
    longest = 5 if len(full) >= 9 else 4
    if not (2 <= len(short) <= longest and len(full) >= len(short) + 2 and short[0] == full[0]):
        return False
    it = iter(full)
    if not all(c in it for c in short):
        return False
    suffix = _type_suffix(full)
    if suffix and short.endswith(suffix):
        return False
    core = full[len(_leading_place_name(full)):len(full) - len(suffix)]
    return not core or any(c in core for c in short)


def _type_suffix(name: str) -> str:
    """The longest type suffix ``name`` ends with and is more than (银行 of 中国工商银行), or ''."""
    kinds = suffix_type()
    return next((name[-k:] for k in range(min(_longest_suffix(), len(name) - 1), 0, -1) if name[-k:] in kinds), "")


def _leading_place_name(name: str) -> str:
    """The longest place name ``name`` begins with (中国 of 中国工商银行), or ''."""
    return next((name[:k] for k in range(len(name) - 1, 1, -1) if gazetteer().lookup(name[:k])), "")
