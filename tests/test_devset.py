"""Regression guard on the visible dev set: each news_dev text built alone, scored by the unchanged score.py."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from graph.export import write_json
from graph.ingest import read_document
from graph.pipeline import build_graph

MIN_MEAN_ENTITY_F1 = 0.85
MIN_MEAN_RELATION_F1 = 0.75
SEED_GOLD = "seed_000"
SEED_TEXT = Path("seeds") / "000_4ec6fe761e168837.txt"  # relative to the shared folder
SUMMARY = re.compile(r"entity P=\S+ R=\S+ F1=(?P<ent>[0-9.]+) .*\| relation P=\S+ R=\S+ F1=(?P<rel>[0-9.]+)")


def _text_of(gold: Path, shared: Path) -> Path:
    return shared / SEED_TEXT if gold.stem == SEED_GOLD else gold.with_suffix(".txt")


def _score(gold: Path, text: Path, out: Path) -> tuple[float, float, str]:
    """Build ``text`` alone, write node-link JSON and return (entity F1, relation F1, summary line)."""
    graph_json = out / f"{gold.stem}.json"
    write_json(build_graph([read_document(text, text.name)]), graph_json)
    result = subprocess.run([sys.executable, str(gold.parent / "score.py"), str(gold), str(graph_json),
                             "--min-ent", "0", "--min-rel", "0"], capture_output=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    m = SUMMARY.search(line)
    assert m, f"unexpected score.py summary: {line!r}"
    return float(m["ent"]), float(m["rel"]), line


def test_dev_set_mean_f1_does_not_regress(shared_eval, tmp_path):
    dev = shared_eval / "news_dev"
    golds = sorted(dev.glob("*.json"))
    assert golds, f"no gold files in {dev}"
    scores = {g.stem: _score(g, _text_of(g, shared_eval.parent), tmp_path) for g in golds}
    entity = sum(s[0] for s in scores.values()) / len(scores)
    relation = sum(s[1] for s in scores.values()) / len(scores)
    report = "\n".join(f"{name:24} {s[2]}" for name, s in scores.items())
    report += f"\nmean entity F1={entity:.3f}  mean relation F1={relation:.3f}"
    assert entity >= MIN_MEAN_ENTITY_F1, report
    assert relation >= MIN_MEAN_RELATION_F1, report
