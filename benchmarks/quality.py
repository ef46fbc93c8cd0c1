"""Quality side by side: jieba.posseg baseline, rules alone, the tagger's CRF, its BiLSTM, both, and the combination.

    python benchmarks/quality.py [--eval-dir ../shared/eval] [--out benchmarks/quality.md]

Sections: NER P/R/F1 per type on the held-out parts (graph.train_tagger.split_heldout)
of MSRA val, People's Daily dev and CLUENER train; relation P/R/F1 on FinRE valid and
the DuIE subset (pair level: for every labelled pair, the mapped relation the graph
of that sentence holds between the two names); recall of the companies of CFSC val
(its Corporate label; it labels a company's stock name as Stock, so precision there
says nothing); and the news_dev table (each text built alone, scored with
graph.evaluate, the same semantics as its score.py).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from graph import tagger  # noqa: E402
from graph.eval_data import (PRF_TYPES, LabelledPair, Span, read_cfsc, read_duie, read_finre,  # noqa: E402
                             score_spans)
from graph.evaluate import PRF, norm, score_graph  # noqa: E402
from graph.export import to_node_link  # noqa: E402
from graph.ingest import read_document  # noqa: E402
from graph.mentions import analyze_sentence  # noqa: E402
from graph.model import Document  # noqa: E402
from graph.ner import ner_texts  # noqa: E402
from graph.pipeline import build_graph  # noqa: E402
from graph.train_tagger import load_sets, split_heldout  # noqa: E402
from ner_eval import jieba_tagger  # noqa: E402

NER_SETS = ("msra", "peoples_daily", "cluener")


def _dict_spans(entities: list[dict]) -> set[Span]:
    return {Span(e["start"], e["end"], e["type"]) for e in entities if e["type"] in PRF_TYPES}


def _tagger_alone(crf_weight: float) -> Callable[[list[str]], list[set[Span]]]:
    return lambda texts: [{Span(s.start, s.end, s.type) for s in found}
                          for found in tagger.tag_weighted(texts, crf_weight)]


_JIEBA = jieba_tagger()
# Each system tags a list of sentences. "tagger" is the CRF and the BiLSTM averaged, as shipped.
NER_SYSTEMS: dict[str, Callable[[list[str]], list[set[Span]]]] = {
    "jieba.posseg": lambda texts: list(map(_JIEBA, texts)),
    "rules": lambda texts: [_dict_spans(found) for found in ner_texts(texts, use_tagger=False)],
    "CRF": _tagger_alone(1.0),
    "BiLSTM": _tagger_alone(0.0),
    "tagger": _tagger_alone(tagger.CRF_WEIGHT),
    "rules+tagger": lambda texts: [_dict_spans(found) for found in ner_texts(texts)],
}


def ner_section(eval_dir: Path) -> list[str]:
    lines = ["## NER on held-out parts (exact span and type; P / R / F1 in %)", "",
             "CRF and BiLSTM are the tagger's two models alone; tagger is both averaged, as shipped; "
             "rules+tagger is `icgraph ner` (the tagger's names, the rules' domain types and formal bodies, "
             "rule organisations and gazetteer places where the tagger found nothing).", ""]
    sets = load_sets(eval_dir)
    for name in NER_SETS:
        _, held = split_heldout(name, sets[name])
        gold = [set(s.entities) for s in held]
        texts = [s.text for s in held]
        scores = {sys_name: score_spans(gold, f(texts)) for sys_name, f in NER_SYSTEMS.items()}
        lines += [f"### {name} ({len(held)} held-out sentences)", "",
                  "| type | " + " | ".join(NER_SYSTEMS) + " |", "|---|" + "---|" * len(NER_SYSTEMS)]
        for typ in (*PRF_TYPES, "micro"):
            cells = [_prf(scores[s].get(typ)) for s in NER_SYSTEMS]
            lines.append(f"| {typ} | " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def _prf(score) -> str:
    return "–" if score is None else f"{100 * score.p:.1f} / {100 * score.r:.1f} / {100 * score.f1:.1f}"


def pair_scores(pairs: Iterable[LabelledPair], relations: tuple[str, ...], use_tagger: bool) -> dict[str, PRF]:
    """Pair-level P/R/F1 of the relations the graph of each sentence holds."""
    by_text: dict[str, list[LabelledPair]] = {}
    for p in pairs:
        by_text.setdefault(p.text, []).append(p)
    rows = {r: PRF() for r in relations}
    for text, group in by_text.items():
        g = build_graph([Document("s", "s", text)], use_tagger=use_tagger)
        seen = set()
        for p in group:
            key = (p.head, p.tail) if p.relation not in ("signed_with", "cooperates_with") else tuple(sorted((p.head, p.tail)))
            if key in seen:
                continue
            seen.add(key)
            predicted = _held(g, p.head, p.tail, relations)
            for r in relations:
                if r == p.relation and r in predicted:
                    rows[r].tp += 1
                elif r == p.relation:
                    rows[r].fn += 1
                elif r in predicted:
                    rows[r].fp += 1
    return rows


def _nodes_named(g, name: str) -> set[str]:
    want = norm(name)
    return {n for n, d in g.nodes(data=True)
            if want in {norm(n), norm(d.get("name", "")), *(norm(a) for a in d.get("aliases", []))}}


def _held(g, head: str, tail: str, relations: tuple[str, ...]) -> set[str]:
    heads, tails = _nodes_named(g, head), _nodes_named(g, tail)
    found = set()
    for u, v, k in g.edges(keys=True):
        if k in ("signed_with", "cooperates_with") and ((u in heads and v in tails) or (v in heads and u in tails)):
            found.add(k)  # either direction; not any edge of a node the pair's two names both name
        elif u in heads and v in tails:
            found.add(k)
    if "alias" in relations and heads & tails:
        found.add("alias")
    return found & set(relations)


def relation_section(eval_dir: Path) -> list[str]:
    sets = {
        "FinRE valid": (list(read_finre(eval_dir / "finre" / "valid.txt")),
                        ("signed_with", "cooperates_with", "invests_in")),
        "DuIE subset": (list(read_duie(eval_dir / "duie2_subset" / "duie_train.json")),
                        ("holds_position", "located_in", "alias")),
    }
    lines = ["## Relations (pair level; P / R / F1 in %)", ""]
    for name, (pairs, relations) in sets.items():
        rules = pair_scores(pairs, relations, use_tagger=False)
        both = pair_scores(pairs, relations, use_tagger=True)
        lines += [f"### {name} ({len(pairs)} labelled pairs)", "", "| relation | gold | rules | rules+tagger |",
                  "|---|---|---|---|"]
        for r in relations:
            lines.append(f"| {r} | {both[r].tp + both[r].fn} | {_prf(rules[r])} | {_prf(both[r])} |")
        lines.append("")
    return lines


def news_section(eval_dir: Path, judged: list[tuple[float | None, bool]]) -> list[str]:
    """The news_dev table; the rules+tagger graphs' judged edges are added to ``judged``."""
    dev = eval_dir / "news_dev"
    lines = ["## news_dev (each text built alone; entity F1 / relation F1)", "",
             "| text | rules | rules+tagger |", "|---|---|---|"]
    totals = {False: [0.0, 0.0], True: [0.0, 0.0]}
    golds = sorted(dev.glob("*.json"))
    for gold_path in golds:
        name = gold_path.stem
        text = (eval_dir.parent / "seeds" / "000_4ec6fe761e168837.txt") if name == "seed_000" else dev / f"{name}.txt"
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        cells = []
        for use_tagger in (False, True):
            doc = read_document(text, text.name)
            s = score_graph(gold, to_node_link(build_graph([doc], use_tagger=use_tagger)))
            if use_tagger:
                judged += s.judged_edges
            totals[use_tagger][0] += s.entity.f1
            totals[use_tagger][1] += s.relation.f1
            cells.append(f"{s.entity.f1:.2f} / {s.relation.f1:.2f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    n = len(golds)
    lines.append("| **mean** | " + " | ".join(f"**{e / n:.3f} / {r / n:.3f}**" for e, r in totals.values()) + " |")
    return lines + [""]


CONFIDENCE_BINS = ((0.0, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def confidence_section(judged: list[tuple[float | None, bool]]) -> list[str]:
    """Precision of news_dev edges by their confidence: does a higher confidence mean a likelier edge?"""
    lines = ["## Edge confidence against precision (news_dev, rules+tagger)", "",
             "Every edge the gold judges (optional relations are not judged), by its `confidence`. The rules",
             "were developed on these texts, so precision here is optimistic; `confidence` is a prior per",
             "rule and evidence count, a ranking rather than a calibrated probability.", "",
             "| confidence | edges | mean confidence | precision |", "|---|---|---|---|"]
    for low, high in CONFIDENCE_BINS:
        inside = [(c, right) for c, right in judged if c is not None and low <= c < high]
        mean = f"{sum(c for c, _ in inside) / len(inside):.2f}" if inside else "–"
        precision = f"{sum(right for _, right in inside) / len(inside):.2f}" if inside else "–"
        lines.append(f"| {low:.1f}–{min(high, 1.0):.1f} | {len(inside)} | {mean} | {precision} |")
    return lines + [""]


def company_section(eval_dir: Path) -> list[str]:
    """Recall of CFSC val's companies: exact spans among the graph's named organisation mentions."""
    sentences = list(read_cfsc(eval_dir / "cfsc_ner" / "val.json"))
    gold = [{(s.start, s.end) for s in sentence.entities if s.type == "Corporate"} for sentence in sentences]
    lines = ["## Companies in financial news (CFSC val, Corporate; recall in %)", "",
             "| gold | rules | rules+tagger |", "|---|---|---|"]
    cells = []
    for use_tagger in (False, True):
        found = [{(s.start, s.end) for s in analyze_sentence(sentence.text, use_tagger=use_tagger).spans
                  if s.type == "ORG" and not s.generic} for sentence in sentences]
        cells.append(f"{100 * sum(len(f & g) for f, g in zip(found, gold)) / sum(map(len, gold)):.1f}")
    return lines + [f"| {sum(map(len, gold))} | {cells[0]} | {cells[1]} |", ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "quality.md")
    args = parser.parse_args(argv)
    lines = ["# Quality", "", "Generated by `python benchmarks/quality.py`; every number below comes from one run.", ""]
    judged: list[tuple[float | None, bool]] = []
    lines += news_section(args.eval_dir, judged) + confidence_section(judged)
    lines += ner_section(args.eval_dir) + relation_section(args.eval_dir) + company_section(args.eval_dir)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
