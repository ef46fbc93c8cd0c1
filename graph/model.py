"""The data model that flows between the pipeline stages.

Every span carries character offsets into ``Document.text`` (the decoded text of
the input file, after HTML is turned into text), so any node or edge can be
traced back to the characters it was read from.

>>> s = Sentence(text="天津大学", offsets=(10, 11, 12, 13))
>>> (s.start, s.end)
(10, 14)
"""
from __future__ import annotations

from dataclasses import dataclass, field

NODE_TYPES = ("ORG", "PARK", "LOC", "PER", "PRODUCT", "PROJECT", "EVENT", "POLICY", "INDUSTRY")
NODE_TYPE_LABELS = {
    "ORG": "机构", "PARK": "园区", "LOC": "地点", "PER": "人物", "PRODUCT": "产品",
    "PROJECT": "项目", "EVENT": "会议活动", "POLICY": "政策", "INDUSTRY": "产业",
}
RELATIONS = ("signed_with", "cooperates_with", "located_in", "part_of", "holds_position",
             "releases", "invests_in", "announced_at", "focuses_on")
RELATION_LABELS = {
    "signed_with": "签约", "cooperates_with": "合作", "located_in": "位于", "part_of": "隶属",
    "holds_position": "任职", "releases": "发布", "invests_in": "投资", "announced_at": "亮相",
    "focuses_on": "聚焦",
}
SYMMETRIC_RELATIONS = frozenset({"signed_with", "cooperates_with"})


@dataclass(frozen=True)
class Document:
    """One input file, decoded. ``id`` is the path relative to the input root."""

    id: str
    path: str
    text: str
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Sentence:
    """A sentence after layout repair.

    ``text`` holds the original characters (joins across broken paragraphs
    removed); ``offsets[i]`` is the position of ``text[i]`` in the document.
    """

    text: str
    offsets: tuple[int, ...]

    @property
    def start(self) -> int:
        return self.offsets[0] if self.offsets else 0

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1 if self.offsets else 0

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets of the sentence-local span ``[start, end)``."""
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Article:
    """One article of a page: its own context for resolving short mentions."""

    doc_id: str
    index: int
    title: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class ParsedDocument:
    """The output of ingest: a document split into articles and sentences."""

    document: Document
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Mention:
    """An entity mention inside one sentence.

    ``start``/``end`` index ``Sentence.text`` (end exclusive); ``norm`` is the
    Simplified, width-normalised form used for matching.
    """

    text: str
    norm: str
    type: str
    start: int
    end: int
    article: int
    sentence: int
    generic: bool = False
    source: str = ""


@dataclass(frozen=True)
class Evidence:
    """Where an edge was read: document, article, sentence text and its offsets."""

    doc: str
    article: int
    sentence: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return {"doc": self.doc, "article": self.article, "sentence": self.sentence,
                "start": self.start, "end": self.end}


@dataclass(frozen=True)
class RelationMention:
    """A relation read from one sentence between two mentions."""

    head: Mention
    relation: str
    tail: Mention
    confidence: float
    attrs: tuple[tuple[str, str | float], ...] = ()


@dataclass
class Entity:
    """A resolved entity: one graph node."""

    key: str
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    docs: set[str] = field(default_factory=set)
    attrs: dict = field(default_factory=dict)
