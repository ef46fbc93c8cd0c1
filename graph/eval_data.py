"""Readers for labelled Chinese NER data sets, and an exact-match span scorer.

Every reader yields :class:`LabelledSentence` objects whose spans carry the
data set's own labels, with character offsets into ``text`` (end exclusive).
:func:`map_types` renames them to icgraph node types through :data:`TYPE_MAP`
and drops labels the map does not cover.

>>> s = LabelledSentence("叶老桂在浙商银行", (Span(0, 3, "name"), Span(4, 8, "company")))
>>> map_types(s, TYPE_MAP["cluener"]).entities
(Span(start=0, end=3, type='PER'), Span(start=4, end=8, type='ORG'))
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

PRF_TYPES = ("PER", "LOC", "ORG")
"""The types the public NER sets share with the schema."""

TYPE_MAP: dict[str, dict[str, str]] = {
    "msra": {"PER": "PER", "LOC": "LOC", "ORG": "ORG"},
    "peoples_daily": {"PER": "PER", "LOC": "LOC", "ORG": "ORG"},
    "cluener": {"company": "ORG", "government": "ORG", "organization": "ORG",
                "name": "PER", "address": "LOC"},
    "resume": {"NAME": "PER", "ORG": "ORG", "LOC": "LOC"},
    "cfsc": {"Corporate": "ORG"},
}
"""Data set label -> icgraph node type. Labels not listed are dropped.

============= ========================================= ================================
data set      mapped                                    dropped
============= ========================================= ================================
msra          PER->PER, LOC->LOC, ORG->ORG              (none)
peoples_daily PER->PER, LOC->LOC, ORG->ORG              (none)
cluener       company, government, organization->ORG;   scene, position, book, game,
              name->PER; address->LOC                   movie
resume        NAME->PER, ORG->ORG, LOC->LOC             TITLE, EDU, CONT, RACE, PRO
cfsc          Corporate->ORG                            Stock (stock names *and* indices),
                                                        Market (sectors, commodities,
                                                        boards), Economy (macro terms)
============= ========================================= ================================
"""


class Span(NamedTuple):
    """An entity mention: ``text[start:end]`` has type ``type``."""

    start: int
    end: int
    type: str


class LabelledSentence(NamedTuple):
    """A sentence and its gold entity spans, sorted by position."""

    text: str
    entities: tuple[Span, ...]


def spans_from_bio(tags: Sequence[str]) -> list[Span]:
    """Decode BIO tags into spans; an ``I-`` that cannot continue a span starts one.

    >>> [tuple(s) for s in spans_from_bio(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"])]
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'LOC'), (5, 6, 'ORG')]
    """
    spans: list[Span] = []
    start, current = 0, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if current and (prefix != "I" or label != current):
            spans.append(Span(start, i, current))
            current = ""
        if prefix in ("B", "I") and not current:
            start, current = i, label
    return spans


_BMES_PREFIX = {"S-": "B-", "M-": "I-", "E-": "I-"}


def bmes_to_bio(tags: Sequence[str]) -> list[str]:
    """Rewrite BMES (or BIOES) tags as BIO: ``S``->``B``, ``M``/``E``->``I``.

    >>> bmes_to_bio(["B-ORG", "M-ORG", "E-ORG", "S-NAME", "O"])
    ['B-ORG', 'I-ORG', 'I-ORG', 'B-NAME', 'O']
    """
    return [_BMES_PREFIX.get(tag[:2], tag[:2]) + tag[2:] for tag in tags]


def read_msra(folder: str | Path) -> Iterator[LabelledSentence]:
    """Read ``sentences.txt`` (space-separated characters) with ``tags.txt`` (BIO).

    Line *n* of one file belongs to line *n* of the other; empty lines are skipped.
    """
    folder = Path(folder)
    sentences = (folder / "sentences.txt").read_text(encoding="utf-8").splitlines()
    tag_lines = (folder / "tags.txt").read_text(encoding="utf-8").splitlines()
    for number, (chars, tags) in enumerate(zip(sentences, tag_lines, strict=True), 1):
        if not chars:
            continue
        chars_list, tags_list = chars.split(" "), tags.split(" ")
        if len(chars_list) != len(tags_list):
            raise ValueError(f"{folder}: line {number}: {len(chars_list)} chars, {len(tags_list)} tags")
        yield LabelledSentence("".join(chars_list), tuple(spans_from_bio(tags_list)))


def _char_per_line(path: str | Path) -> Iterator[tuple[str, list[str]]]:
    """Yield (text, tags) from ``char<space or tab>tag`` lines, blank between sentences."""
    chars: list[str] = []
    tags: list[str] = []
    for line in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            chars.append(line[0])
            tags.append(line[1:].strip())
        elif chars:
            yield "".join(chars), tags
            chars, tags = [], []


def read_peoples_daily(path: str | Path) -> Iterator[LabelledSentence]:
    """Read People's Daily NER: one ``char tag`` per line (BIO), blank line between sentences."""
    for text, tags in _char_per_line(path):
        yield LabelledSentence(text, tuple(spans_from_bio(tags)))


def read_resume(path: str | Path) -> Iterator[LabelledSentence]:
    """Read Resume NER ``*.char.bmes``: one ``char tag`` per line (BMES), blank between."""
    for text, tags in _char_per_line(path):
        yield LabelledSentence(text, tuple(spans_from_bio(bmes_to_bio(tags))))


def read_cluener(path: str | Path) -> Iterator[LabelledSentence]:
    """Read CLUENER JSON lines: ``label`` = {type: {entity: [[start, end_inclusive], ...]}}."""
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            spans = {Span(start, end + 1, label)
                     for label, entities in record.get("label", {}).items()
                     for positions in entities.values()
                     for start, end in positions}
            yield LabelledSentence(record["text"], tuple(sorted(spans)))


def read_cfsc(path: str | Path) -> Iterator[LabelledSentence]:
    """Read CFSC-NER ``val.json``: a JSON array of {text, labels: [{from, to, "Level 1 Aspect"}]}.

    ``to`` is exclusive. (The data set's BIO copy disagrees with the JSON on 29 of
    1,067 val sentences, so the JSON is the one read.)
    """
    for record in json.loads(Path(path).read_text(encoding="utf-8")):
        spans = {Span(label["from"], label["to"], label["Level 1 Aspect"]) for label in record["labels"]}
        yield LabelledSentence(record["text"], tuple(sorted(spans)))


def map_types(sentence: LabelledSentence, table: Mapping[str, str]) -> LabelledSentence:
    """Rename entity types through ``table``, dropping types it lacks.

    >>> map_types(LabelledSentence("张三在上海", (Span(0, 2, "NAME"), Span(3, 5, "TITLE"))),
    ...           TYPE_MAP["resume"]).entities
    (Span(start=0, end=2, type='PER'),)
    """
    kept = (span._replace(type=table[span.type]) for span in sentence.entities if span.type in table)
    return sentence._replace(entities=tuple(sorted(kept)))


class Score(NamedTuple):
    """Precision, recall, F1 and the counts they come from."""

    p: float
    r: float
    f1: float
    tp: int
    fp: int
    fn: int


def _score(tp: int, fp: int, fn: int) -> Score:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f1, tp, fp, fn)


def score_spans(gold: Iterable[set[Span]], pred: Iterable[set[Span]]) -> dict[str, Score]:
    """Score predicted spans per sentence against gold: a hit needs equal start, end and type.

    Returns one row per type seen in gold or predictions (sorted), then ``"micro"``.

    >>> gold = [{Span(0, 2, "PER"), Span(3, 5, "LOC")}, {Span(0, 4, "ORG")}]
    >>> pred = [{Span(0, 2, "PER"), Span(3, 5, "ORG")}, {Span(0, 3, "ORG")}]
    >>> rows = score_spans(gold, pred)
    >>> rows["PER"]
    Score(p=1.0, r=1.0, f1=1.0, tp=1, fp=0, fn=0)
    >>> rows["micro"]
    Score(p=0.3333333333333333, r=0.3333333333333333, f1=0.3333333333333333, tp=1, fp=2, fn=2)
    """
    counts: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for gold_spans, pred_spans in zip(gold, pred, strict=True):
        for column, spans in enumerate((gold_spans & pred_spans, pred_spans - gold_spans,
                                        gold_spans - pred_spans)):
            for span in spans:
                counts[span.type][column] += 1
    rows = {label: _score(*counts[label]) for label in sorted(counts)}
    rows["micro"] = _score(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return rows


class LabelledPair(NamedTuple):
    """A sentence with one labelled entity pair: ``head`` —relation→ ``tail`` (icgraph names)."""

    text: str
    head: str
    tail: str
    relation: str


FINRE_MAP = {"签约": ("signed_with", False), "合作": ("cooperates_with", False), "注资": ("invests_in", False),
             "被注资": ("invests_in", True), "入股": ("invests_in", False), "被入股": ("invests_in", True),
             "买资": ("invests_in", False), "被买资": ("invests_in", True)}
"""FinRE label -> (icgraph relation, reversed). Every other label maps to no relation ("")."""

DUIE_MAP = {"董事长": ("holds_position", True), "创始人": ("holds_position", True),
            "校长": ("holds_position", True), "总部地点": ("located_in", False), "简称": ("alias", False)}
"""DuIE predicate -> (icgraph relation, reversed); ``alias`` means the object is an alias of the subject."""


def read_finre(path: str | Path) -> Iterator[LabelledPair]:
    """FinRE lines ``head<TAB>tail<TAB>label<TAB>sentence``, relations mapped by FINRE_MAP.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "f.txt")
    >>> _ = open(p, "w", encoding="utf-8").write("甲公司\\t乙公司\\t被注资\\t乙公司向甲公司注资。\\n")
    >>> list(read_finre(p))
    [LabelledPair(text='乙公司向甲公司注资。', head='乙公司', tail='甲公司', relation='invests_in')]
    """
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4:
                continue
            head, tail, label, text = parts
            relation, backwards = FINRE_MAP.get(label, ("", False))
            yield LabelledPair(text, *((tail, head) if backwards else (head, tail)), relation)


def read_duie(path: str | Path) -> Iterator[LabelledPair]:
    """DuIE JSON lines; one pair per spo, predicates mapped by DUIE_MAP (others to "")."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            for spo in record.get("spo_list", []):
                relation, backwards = DUIE_MAP.get(spo["predicate"], ("", False))
                subject, obj = spo["subject"], spo["object"]["@value"]
                yield LabelledPair(record["text"], *((obj, subject) if backwards else (subject, obj)), relation)
