"""Lexicon marks per character, read by both name taggers (the CRF and the BiLSTM).

A mark says where a character sits in a known name (``namePER=B``), that a
post title ends right before it (``after_post``), that it is in a gazetteer place
(``place=B``/``place=I``), a surname, a one-character place form
(``short_place``), or the last character of a name suffix (``suffix_end=ORG``).

>>> lexicon_marks("在北京市", {"北京": "LOC"})[1]
('nameLOC=B', 'place=B')
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from .lexicon import gazetteer, longest_start, one_char_places, prefixes, post_pattern, suffix_pattern, suffix_type, surnames

NAMES = "tagger_names.tsv"
LONGEST_NAME = 12
LONGEST_PLACE = 8
# Marks that are yes/no flags (``suffix_end=`` marks carry a type instead).
LEXICON_FLAGS = {mark: k for k, mark in enumerate((
    "nameLOC=B", "nameLOC=M", "nameLOC=E", "nameORG=B", "nameORG=M", "nameORG=E",
    "namePER=B", "namePER=M", "namePER=E", "after_post", "place=B", "place=I", "surname", "short_place"))}


def lexicon_marks(text: str, names: dict[str, str] | None = None) -> list[tuple[str, ...]]:
    """The marks of every character of normalised ``text``.

    ``names`` (name -> type) defaults to the shipped lexicon of training-set
    names; training passes one built without the sentence's own fold.
    """
    marks = name_marks(text, names) if names is not None else name_marks(text, tagger_names(), tagger_name_starts())
    for m in suffix_pattern(trained=True).finditer(text):
        marks[m.end() - 1].append(f"suffix_end={suffix_type(trained=True)[m.group()]}")
    for m in post_pattern(trained=True).finditer(text):
        if m.end() < len(text):
            marks[m.end()].append("after_post")
    for i, part in place_marks(text).items():
        marks[i].append(f"place={part}")
    for i, c in enumerate(text):
        if c in surnames():
            marks[i].append("surname")
        if c in one_char_places():
            marks[i].append("short_place")
    return [tuple(m) for m in marks]


def name_marks(text: str, names: dict[str, str], starts: frozenset[str] | None = None) -> list[list[str]]:
    """Per character, where it sits in lexicon names found in ``text`` (B/M/E and the name's type).

    ``starts`` (``lexicon.prefixes`` of the names) only saves time: the scan
    from a character stops where no name begins.

    >>> name_marks("在北京市", {"北京": "LOC"})
    [[], ['nameLOC=B'], ['nameLOC=E'], []]
    """
    marks: list[set[str]] = [set() for _ in text]
    for i in range(len(text)):
        if starts is not None and text[i:i + 2] not in starts:
            continue
        longest = LONGEST_NAME if starts is None else longest_start(text, i, starts, LONGEST_NAME)
        for length in range(2, min(longest, len(text) - i) + 1):
            typ = names.get(text[i:i + length])
            if typ:
                marks[i].add(f"name{typ}=B")
                marks[i + length - 1].add(f"name{typ}=E")
                for k in range(i + 1, i + length - 1):
                    marks[k].add(f"name{typ}=M")
    return [sorted(m) for m in marks]


def place_marks(text: str) -> dict[int, str]:
    """Gazetteer places read left to right, longest first: character -> B (first) or I.

    >>> place_marks("去北京市")
    {1: 'B', 2: 'I', 3: 'I'}
    """
    places: dict[int, str] = {}
    gaz = gazetteer(trained=True)
    full = gaz.full
    i = 0
    while i < len(text):
        if text[i:i + 2] not in gaz.full_prefixes:
            i += 1
            continue
        for length in range(longest_start(text, i, gaz.full_prefixes, LONGEST_PLACE), 1, -1):
            if text[i:i + length] in full:
                places[i] = "B"
                for k in range(i + 1, i + length):
                    places[k] = "I"
                i += length - 1
                break
        i += 1
    return places


@lru_cache(maxsize=1)
def tagger_names() -> dict[str, str]:
    """Names of the training data with their most frequent type (``graph/data/tagger_names.tsv``)."""
    return read_table(NAMES)


@lru_cache(maxsize=1)
def tagger_name_starts() -> frozenset[str]:
    """``lexicon.prefixes`` of ``tagger_names``."""
    return prefixes(tagger_names())


def read_table(name: str) -> dict[str, str]:
    """A two-column tab-separated table of ``graph/data/`` as a dict."""
    text = (files("graph") / "data" / name).read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line)
