"""Entity spans of single lines of text, for users and for scoring against labelled sets.

>>> [(e["text"], e["type"]) for e in ner_text("天津市环湖医院院长佟小光发布新品。")]
[('天津市环湖医院', 'ORG'), ('佟小光', 'PER')]
"""
from __future__ import annotations

from .extract import known_names
from .extract import SentenceUnit
from .mentions import analyze_sentence
from .model import Sentence


def ner_text(text: str, use_tagger: bool = True) -> list[dict]:
    """Entity spans of ``text``: dicts with start, end (exclusive), type and text.

    The line is read twice, the second time knowing the names the first read
    found, as for a document. ``use_tagger=False`` gives the rules alone.
    """
    first = analyze_sentence(text, use_tagger=use_tagger)
    unit = SentenceUnit(0, 0, Sentence(text, tuple(range(len(text)))), first)
    analysis = analyze_sentence(text, known_names([unit]), use_tagger=use_tagger)
    return [{"start": s.start, "end": s.end, "type": s.type, "text": text[s.start:s.end]}
            for s in analysis.spans if not s.generic]

