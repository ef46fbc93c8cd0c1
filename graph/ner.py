"""Entity spans of single lines of text, for users and for scoring against labelled sets.

The tagger (``graph.tagger``: a CRF and a BiLSTM) decides person, place and organisation
names: it is trained for them. The rules add what it was not trained for: the
domain types (PARK, PROJECT, PRODUCT, ...), whose spans replace the tagger
spans inside them (天津经济技术开发区 is a PARK, not the place 天津 and more) but
not a longer tagger name (人民大会堂 stays a place, not the event 人民大会). Where
the tagger sees nothing, the rules add their organisations (those read from a
suffix need a proper name in them: not 保险公司) and places of the gazetteer (新疆
in （女，新疆）). Their person names and other places are not added: on the news
sets they cost more precision than they bring recall.

Names follow the news NER convention the tagger learned (MSRA, People's Daily):
in 中国政府 only 中国 is a name (a place). The graph keeps its own reading, where
the whole 中国政府 is an organisation. A formal body the rules found (宁波市人民政府,
…管理委员会) is whole in both: its name is the body's official name.

>>> [(e["text"], e["type"]) for e in ner_text("天津市环湖医院院长佟小光发布新品。")]
[('天津市环湖医院', 'ORG'), ('佟小光', 'PER')]
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from . import tagger
from .extract import SentenceUnit, known_names
from .mentions import analyze_sentence
from .model import Sentence
from .spans import Span, inside, overlaps
from .text import normalize
from .tokens import PROPER_POS, Token, tokenize

TAGGER_TYPES = ("PER", "LOC", "ORG")
FORMAL_BODIES = ("人民政府", "管理委员会", "管委会")
NAME_POS = (*PROPER_POS, "nrfg", "eng")
CHUNK = 512


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


def ner_texts(texts: Iterable[str], use_tagger: bool = True) -> Iterator[list[dict]]:
    """``ner_text`` of each text; the tagger reads ``CHUNK`` texts at a time (far faster than one by one).

    >>> [[e["text"] for e in found] for found in ner_texts(["李鹏在北京", "上海"])]
    [['李鹏', '北京'], ['上海']]
    """
    it = iter(texts)
    while chunk := list(islice(it, CHUNK)):
        if use_tagger and tagger.is_available():
            tagger.tag_all(chunk)
        yield from (ner_text(t, use_tagger) for t in chunk)


def rule_spans(text: str, use_tagger: bool = True) -> list[Span]:
    """The named (not generic) mentions the extraction rules find in ``text``."""
    first = analyze_sentence(text, use_tagger=use_tagger)
    unit = SentenceUnit(0, 0, Sentence(text, tuple(range(len(text)))), first)
    return [s for s in analyze_sentence(text, known_names([unit]), use_tagger=use_tagger).spans if not s.generic]


def combined(norm: str, rules: list[Span], tagged: list[Span]) -> list[Span]:
    """Rule spans of the domain types and formal bodies, tagger names outside them, rule names in the gaps.

    ``norm`` is the normalised line the spans index. A rule span inside a longer
    tagger name loses to it; gap organisations read from a suffix need a
    proper-noun word (保险公司 is not a name), gap places must come from the gazetteer.

    >>> park = Span(0, 9, "PARK", "suffix")
    >>> tagged = [Span(0, 2, "LOC", "tagger"), Span(10, 12, "PER", "tagger")]
    >>> combined("天津经济技术开发区的张明", [park], tagged)
    [Span(start=0, end=9, type='PARK', source='suffix', generic=False), Span(start=10, end=12, type='PER', source='tagger', generic=False)]
    """
    chosen = [r for r in rules if (r.type not in TAGGER_TYPES or _formal_body(norm, r))
              and not inside(r.start, r.end, tagged)]
    chosen += [t for t in tagged if not overlaps(t, chosen)]
    tokens = tokenize(norm)
    chosen += [r for r in rules if r.type == "ORG" and not overlaps(r, chosen)
               and (r.source != "suffix" or _has_proper_word(r, tokens))]
    chosen += [r for r in rules if r.type == "LOC" and r.source == "gazetteer" and not overlaps(r, chosen)]
    return sorted(chosen, key=lambda s: (s.start, s.end))


def _has_proper_word(span: Span, tokens: list[Token]) -> bool:
    """True when a jieba word of a proper-noun class (person, place, organisation, other name, short form) is in ``span``."""
    return any(t.pos in NAME_POS and t.start < span.end and span.start < t.end for t in tokens)


def _formal_body(norm: str, span: Span) -> bool:
    return span.type == "ORG" and norm[span.start:span.end].endswith(FORMAL_BODIES)
