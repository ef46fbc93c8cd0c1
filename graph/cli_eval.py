"""``icgraph eval``: score graphs against gold files, or the tagger against a labelled NER set.

    icgraph eval GOLD.json... [--graph-dir DIR] [--errors]
    icgraph eval --ner PATH [--heldout]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from .errors import IcgraphError
from .eval_data import (PRF_TYPES, TYPE_MAP, Span, map_types, read_cfsc, read_cluener, read_msra,
                        read_peoples_daily, read_resume, score_spans)
from .evaluate import PRF, GraphScore, score_graph
from .export import to_node_link
from .ingest import read_document
from .pipeline import build_graph

READERS = {"msra": read_msra, "peoples_daily": read_peoples_daily, "cluener": read_cluener,
           "resume": read_resume, "cfsc": read_cfsc}


def add_eval_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="score graphs against gold annotations, or NER against a labelled set",
                       description="Score each GOLD file (news_dev format) against its graph: DIR/NAME/graph.json "
                                   "or DIR/NAME.json with --graph-dir, else the text NAME.txt beside the gold built "
                                   "alone. With --ner, score `icgraph ner` on a labelled set (msra folder, "
                                   "People's Daily, CLUENER, Resume or CFSC file).")
    p.add_argument("gold", nargs="*", metavar="GOLD", help="gold JSON files")
    p.add_argument("--graph-dir", metavar="DIR", help="folder of built graphs, one per gold file")
    p.add_argument("--errors", action="store_true", help="list missed, spurious and duplicate items")
    p.add_argument("--ner", metavar="PATH", help="a labelled NER data set")
    p.add_argument("--heldout", action="store_true", help="score only the held-out part the tagger never saw")
    p.set_defaults(run=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    if args.ner:
        print(ner_report(Path(args.ner), args.heldout))
        return 0
    if not args.gold:
        raise IcgraphError("eval: give GOLD files or --ner PATH")
    scores = {Path(g).stem: score_graph(_load_json(Path(g)), _graph_for(Path(g), args.graph_dir)) for g in args.gold}
    print(graph_report(scores, args.errors))
    return 0


def _load_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IcgraphError(f"{path}: cannot read JSON ({exc})") from None


def _graph_for(gold: Path, graph_dir: str | None) -> dict:
    if graph_dir:
        for cand in (Path(graph_dir) / gold.stem / "graph.json", Path(graph_dir) / f"{gold.stem}.json"):
            if cand.is_file():
                return _load_json(cand)
        raise IcgraphError(f"{graph_dir}: no graph for {gold.stem} ({gold.stem}/graph.json or {gold.stem}.json)")
    text = gold.with_suffix(".txt")
    if not text.is_file():
        raise IcgraphError(f"{gold}: no text {text.name} beside it; build graphs and pass --graph-dir")
    return to_node_link(build_graph([read_document(text, text.name)]))


def graph_report(scores: dict[str, GraphScore], errors: bool) -> str:
    """Per-document lines, per-type and per-relation totals, means, and optionally the errors."""
    lines = [f"{'document':<28} entity P / R / F1     relation P / R / F1"]
    for name, s in scores.items():
        lines.append(f"{name:<28} {_row(s.entity)}   {_row(s.relation)}")
    n = max(1, len(scores))
    lines.append(f"mean over {len(scores)}: entity F1 {sum(s.entity.f1 for s in scores.values()) / n:.3f}, "
                 f"relation F1 {sum(s.relation.f1 for s in scores.values()) / n:.3f}")
    lines += ["", "per type (all documents):"] + _totals(scores, "by_type")
    lines += ["", "per relation (all documents):"] + _totals(scores, "by_relation")
    if errors:
        for name, s in scores.items():
            lines.append(f"\n{name}")
            lines += [f"  {kind}: {items}" for kind, items in s.errors.items() if items]
    return "\n".join(lines)


def _row(p: PRF) -> str:
    return f"{p.p:.2f} / {p.r:.2f} / {p.f1:.2f}"


def _totals(scores: dict[str, GraphScore], attr: str) -> list[str]:
    total: dict[str, PRF] = {}
    for s in scores.values():
        for key, p in getattr(s, attr).items():
            t = total.setdefault(key, PRF())
            t.tp, t.fp, t.fn = t.tp + p.tp, t.fp + p.fp, t.fn + p.fn
    return [f"  {key:<16} {_row(p)}  (tp {p.tp}, fp {p.fp}, fn {p.fn})" for key, p in sorted(total.items())]


def ner_report(path: Path, heldout: bool) -> str:
    """P/R/F1 per type of ``icgraph ner`` on a labelled set (format from the path)."""
    from .ner import ner_texts
    from .train_tagger import split_heldout

    name = _dataset_name(path)
    sentences = [map_types(s, TYPE_MAP[name]) for s in READERS[name](path)]
    if heldout:
        sentences = split_heldout(name, sentences)[1]
    gold = [set(s.entities) for s in sentences]
    pred = [{Span(e["start"], e["end"], e["type"]) for e in found if e["type"] in PRF_TYPES}
            for found in ner_texts(s.text for s in sentences)]
    scores = score_spans(gold, pred)
    lines = [f"{name}: {len(sentences)} sentences" + (" (held-out part)" if heldout else "")]
    lines += [f"  {t:<6} P {v.p:.3f}  R {v.r:.3f}  F1 {v.f1:.3f}" for t, v in scores.items()]
    return "\n".join(lines)


def _dataset_name(path: Path) -> str:
    text = str(path).lower()
    for key, name in (("msra", "msra"), ("peoples_daily", "peoples_daily"), ("cluener", "cluener"),
                      ("resume", "resume"), ("cfsc", "cfsc")):
        if key in text:
            return name
    raise IcgraphError(f"{path}: unknown data set (expected msra, peoples_daily, cluener, resume or cfsc in the path)")
