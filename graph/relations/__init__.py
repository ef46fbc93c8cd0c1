"""Relation extraction: trigger patterns over the mentions of a sentence.

Each rule reads one sentence (and, for implicit subjects, the sentences before
it in the same article) and returns RelationMentions between model Mentions.
Generic mentions (集团, 该项目, 省委) are kept as they are; resolve maps them to
named entities within the article. One module per kind of relation; ``common``
holds what they share.

>>> from graph.ingest import parse_text
>>> from graph.extract import analyze_document
>>> rels = extract_relations(analyze_document(parse_text("a", "天津大学、浙江大学等高校签署人才联合培养协议。")))
>>> [(r.head.text, r.relation, r.tail.text) for r in rels]
[('天津大学', 'signed_with', '浙江大学')]
"""
from __future__ import annotations

from ..extract import DocumentAnalysis
from ..model import RelationMention
from ..quantities import dated, document_year, sentence_date
from .agreements import cooperations, signings
from .focus import focuses
from .from_names import name_relations
from .investments import embedded_investors, funding_rounds, investments
from .memberships import memberships
from .places import locations
from .positions import founders, positions
from .releases import announcements, releases

__all__ = ["extract_relations"]

SENTENCE_RULES = (signings, positions, founders, locations, memberships, releases, announcements, investments,
                  focuses)


def extract_relations(doc: DocumentAnalysis) -> list[RelationMention]:
    """Every relation the rules read in the document, in text order."""
    out: list[RelationMention] = []
    year = document_year(doc.context)
    for k, unit in enumerate(doc.units):
        previous = [u for u in doc.units[max(0, k - 3):k] if u.article == unit.article]
        found = [r for rule in SENTENCE_RULES for r in rule(unit)] + cooperations(unit, previous) + funding_rounds(
            unit, previous)
        date = sentence_date(unit.analysis.norm, year)
        out.extend(dated(r, date) for r in found)
        out.extend(name_relations(unit, doc.context))
    return out + embedded_investors(doc)
