"""Entity spans of single lines of text, for users and for scoring against labelled sets.

The character CRF (``graph.tagger``) decides person, place and organisation
names: it is trained for them. The rules add what it was not trained for: the
domain types (PARK, PROJECT, PRODUCT, ...), whose spans replace the tagger
spans they overlap (天津经济技术开发区 is a PARK, not the place 天津 and more), and
organisations the tagger does not see at all (a rule span that overlaps no
tagger span). Person and place names of the rules are not added: on the news
sets they cost more precision than they bring recall.

Names follow the news NER convention the tagger learned (MSRA, People's Daily):
in 中国政府 only 中国 is a name (a place). The graph keeps its own reading, where
the whole 中国政府 is an organisation. A formal body the rules found (宁波市人民政府,
…管理委员会) is whole in both: its name is the body's official name.

>>> [(e["text"], e["type"]) for e in ner_text("天津市环湖医院院长佟小光发布新品。")]
[('天津市环湖医院', 'ORG'), ('佟小光', 'PER')]
"""
from __future__ import annotations

from . import tagger
from .extract import SentenceUnit, known_names
from .mentions import analyze_sentence
from .model import Sentence
from .spans import Span
from .text import normalize

TAGGER_TYPES = ("PER", "LOC", "ORG")
FORMAL_BODIES = ("人民政府", "管理委员会", "管委会")


def ner_text(text: str, use_tagger: bool = True) -> list[dict]:
    """Entity spans of ``text``: dicts with start, end (exclusive), type and text.

    The line is read twice, the second time knowing the names the first read
    found, as for a document. ``use_tagger=False`` gives the rules alone.
    """
    spans = rule_spans(text, use_tagger)
    if use_tagger and tagger.is_available():
        tagged = [Span(t.start, t.end, t.type, "tagger") for t in tagger.tag(text)]
        spans = combined(normalize(text), spans, tagged)
    return [{"start": s.start, "end": s.end, "type": s.type, "text": text[s.start:s.end]} for s in spans]


def rule_spans(text: str, use_tagger: bool = True) -> list[Span]:
    """The named (not generic) mentions the extraction rules find in ``text``."""
    first = analyze_sentence(text, use_tagger=use_tagger)
    unit = SentenceUnit(0, 0, Sentence(text, tuple(range(len(text)))), first)
    return [s for s in analyze_sentence(text, known_names([unit]), use_tagger=use_tagger).spans if not s.generic]


def combined(norm: str, rules: list[Span], tagged: list[Span]) -> list[Span]:
    """Rule spans of the domain types and formal bodies, tagger names outside them, rule organisations in the gaps.

    ``norm`` is the normalised line the spans index.

    >>> park = Span(0, 9, "PARK", "suffix")
    >>> tagged = [Span(0, 2, "LOC", "tagger"), Span(10, 12, "PER", "tagger")]
    >>> combined("天津经济技术开发区的张明", [park], tagged)
    [Span(start=0, end=9, type='PARK', source='suffix', generic=False), Span(start=10, end=12, type='PER', source='tagger', generic=False)]
    """
    chosen = [r for r in rules if r.type not in TAGGER_TYPES or _formal_body(norm, r)]
    chosen += [t for t in tagged if not _overlaps_any(t, chosen)]
    chosen += [r for r in rules if r.type == "ORG" and not _overlaps_any(r, chosen)]
    return sorted(chosen, key=lambda s: (s.start, s.end))


def _formal_body(norm: str, span: Span) -> bool:
    return span.type == "ORG" and norm[span.start:span.end].endswith(FORMAL_BODIES)


def _overlaps_any(span: Span, others: list[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)
