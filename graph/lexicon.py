"""Lexicons shipped in ``graph/data/``, loaded once per process.

Each file notes its source in its first line. Administrative divisions come
from the cpca package's adcode table (MIT), see ``data/build_admin_divisions.py``.

>>> gazetteer().lookup("天津")[0].name
'天津市'
>>> gazetteer().parent(gazetteer().lookup("黄埔区")[0]).name
'广州市'
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

ADMIN_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州",
                  "自治县", "地区", "省", "市", "区", "县", "盟", "旗")


def _lines(name: str) -> list[str]:
    text = (files("graph") / "data" / name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, the longest first (so 董事会 wins over 董事).

    >>> alternation(["董事", "董事会"])
    '董事会|董事'
    """
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def suffixes(trained: bool = False) -> tuple[tuple[str, str], ...]:
    """(suffix, type) pairs, longest suffix first. With ``trained``, only those of ``suffixes.tsv``, which
    the tagger's features were trained with; the rules also read ``suffixes_more.tsv``.

    >>> ("新片区", "PARK") in suffixes(), ("新片区", "PARK") in suffixes(trained=True)
    (True, False)
    """
    files = ("suffixes.tsv",) if trained else ("suffixes.tsv", "suffixes_more.tsv")
    pairs = {tuple(ln.split("\t")) for name in files for ln in _lines(name)}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


@lru_cache(maxsize=None)
def suffix_pattern(trained: bool = False) -> re.Pattern:
    """One alternation of every suffix (see ``suffixes``), longest first."""
    return re.compile("|".join(re.escape(s) for s, _ in suffixes(trained)))


@lru_cache(maxsize=None)
def suffix_type(trained: bool = False) -> dict[str, str]:
    return dict(suffixes(trained))


@lru_cache(maxsize=None)
def posts(trained: bool = False) -> dict[str, str]:
    """Post title -> family (party, gov or any). With ``trained``, only those of ``posts.tsv``, which the
    tagger's features were trained with; the rules also read ``posts_more.tsv``."""
    files = ("posts.tsv",) if trained else ("posts.tsv", "posts_more.tsv")
    return dict(tuple(ln.split("\t")) for name in files for ln in _lines(name))


@lru_cache(maxsize=None)
def post_pattern(trained: bool = False) -> re.Pattern:
    return re.compile(alternation(posts(trained)))


@lru_cache(maxsize=None)
def surnames() -> frozenset[str]:
    """The surnames the tagger was trained with (its ``surname`` feature)."""
    return frozenset(w for ln in _lines("surnames.txt") for w in ln.split())


@lru_cache(maxsize=None)
def central_bodies() -> dict[str, str]:
    """Names and short forms of the State Council's departments and the bodies under it (rules only), mapped
    to the body's full name.

    >>> central_bodies()["工信部"], central_bodies()["央行"]
    ('工业和信息化部', '中国人民银行')
    """
    return {form: ln.split()[0] for ln in _lines("central_bodies.txt") for form in ln.split()}


@lru_cache(maxsize=None)
def local_bodies() -> dict[str, str]:
    """The departments of provincial, city and county governments (rules only): each name and short form,
    mapped to the department's full name.

    >>> local_bodies()["工信厅"], local_bodies()["市场监督管理局"]
    ('工业和信息化厅', '市场监督管理局')
    """
    return {form: ln.split()[0] for ln in _lines("local_bodies.txt") for form in ln.split()}


@lru_cache(maxsize=None)
def person_surnames() -> frozenset[str]:
    """Every surname the rules know: ``surnames()`` and common ones added since the tagger was trained.

    >>> "赖" in person_surnames(), "赖" in surnames()
    (True, False)
    """
    return surnames() | frozenset(w for ln in _lines("surnames_more.txt") for w in ln.split())


@lru_cache(maxsize=None)
def one_char_places() -> frozenset[str]:
    """One-character short forms of provinces and countries (中美, 赴京, 援藏).

    >>> {"美", "藏"} <= one_char_places()
    True
    """
    return frozenset(w for ln in _lines("one_char_places.txt") for w in ln.split())


@lru_cache(maxsize=None)
def industries() -> frozenset[str]:
    return frozenset(_lines("industries.txt"))


@dataclass(frozen=True)
class Place:
    """An administrative division (or a foreign/regional place with empty code)."""

    code: str
    name: str
    level: str
    parent_code: str
    short: str = ""  # a place outside the PRC's table may give its short name (高雄市: 高雄)


class Gazetteer:
    """Chinese administrative divisions plus world places, with short forms."""

    def __init__(self, places: list[Place], abbreviations: dict[str, str] | None = None):
        self.by_code = {p.code: p for p in places if p.code}
        self.full: dict[str, list[Place]] = {}
        self.short: dict[str, list[Place]] = {}
        for p in places:
            self.full.setdefault(p.name, []).append(p)
            short = p.short or (short_form(p.name) if p.code else p.name)
            if short != p.name:
                self.short.setdefault(short, []).append(p)
        self.abbreviations = {a: self.full[n][:1] for a, n in (abbreviations or {}).items() if n in self.full}
        self.full_prefixes = prefixes(self.full)
        self.name_prefixes = prefixes(self.names())

    def lookup(self, name: str) -> list[Place]:
        """Places whose full or short name (or customary abbreviation) is ``name``, full names first."""
        return self.full.get(name, []) + self.short.get(name, []) + self.abbreviations.get(name, [])

    def parent(self, place: Place) -> Place | None:
        return self.by_code.get(place.parent_code)

    def names(self) -> set[str]:
        return set(self.full) | set(self.short)


def prefixes(words: Iterable[str]) -> frozenset[str]:
    """Every start of two or more characters of ``words`` (the words too): a scan for them stops where none begins.

    >>> sorted(prefixes(["天津市", "北京"]))
    ['北京', '天津', '天津市']
    """
    return frozenset(w[:k] for w in words for k in range(2, len(w) + 1))


def longest_start(text: str, start: int, starts: frozenset[str], limit: int) -> int:
    """The length of the longest piece of ``text`` from ``start`` (at most ``limit``) that is in ``starts``; 1 if none.

    >>> longest_start("去天津市开会", 1, prefixes(["天津市"]), 8)
    3
    """
    length = 1
    while length < limit and start + length < len(text) and text[start:start + length + 1] in starts:
        length += 1
    return length


def short_form(name: str) -> str:
    """Name without its administrative suffix when at least two characters remain.

    >>> short_form("天津市"), short_form("兴县"), short_form("香港特别行政区")
    ('天津', '兴县', '香港')
    """
    for suffix in ADMIN_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@lru_cache(maxsize=None)
def gazetteer(trained: bool = False) -> Gazetteer:
    """The PRC's divisions and world places. With ``trained``, only the places the tagger's features were
    trained with; the rules also read ``world_places_more.tsv`` (Taiwan's divisions, more cities).
    """
    places = []
    for ln in _lines("admin_divisions.tsv")[1:]:
        code, name, level, parent = (ln.split("\t") + [""])[:4]
        places.append(Place(code, name, level, parent))
    known = {p.name for p in places} | {short_form(p.name) for p in places}
    for ln in _lines("world_places.txt"):
        places.extend(Place("", w, "world", "") for w in ln.split() if w not in known)
    abbreviations = dict(tuple(ln.split("\t")) for ln in _lines("place_abbreviations.tsv"))
    if not trained:
        for ln in _lines("world_places_more.tsv"):
            name, short = (ln.split("\t") + [""])[:2]
            places.append(Place("", name, "world", "", short))
        abbreviations = {**former_names(places, known), **abbreviations}
    return Gazetteer(places, abbreviations)


def former_names(places: list[Place], known: set[str]) -> dict[str, str]:
    """What districts made of counties and county-level cities were called before (富阳市, 富阳县 → 富阳区): the
    short name with 市 or 县, when that names no other place and the short name no other district.

    >>> former_names([Place("330111", "富阳区", "county", "3301")], {"富阳区", "富阳"})
    {'富阳市': '富阳区', '富阳县': '富阳区'}
    """
    districts: dict[str, list[str]] = {}
    for p in places:
        if p.level == "county" and p.name.endswith("区") and len(short := short_form(p.name)) >= 2:
            districts.setdefault(short, []).append(p.name)
    return {short + kind: names[0] for short, names in districts.items() if len(names) == 1  # not 鼓楼 (four cities)
            for kind in ("市", "县") if short + kind not in known}
