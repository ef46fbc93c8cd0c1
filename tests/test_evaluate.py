"""graph.evaluate must score exactly as the shared score.py does."""
import json
import re
import subprocess
import sys

import pytest

from graph.evaluate import score_graph
from graph.export import to_node_link
from graph.ingest import read_document
from graph.pipeline import build_graph


def _summary(score_py, gold, graph_path):
    out = subprocess.run([sys.executable, str(score_py), str(gold), str(graph_path)],
                         capture_output=True, text=True, check=False).stdout
    m = re.search(r"entity P=(\S+) R=(\S+) F1=(\S+).*relation P=(\S+) R=(\S+) F1=(\S+)", out)
    return tuple(float(x) for x in m.groups())


@pytest.mark.parametrize("name", ["d02_eve_shenyang", "d05_weride_uber", "d09_pinghu_textile"])
def test_scores_match_the_shared_scorer(shared_eval, tmp_path, name):
    dev = shared_eval / "news_dev"
    gold = json.loads((dev / f"{name}.json").read_text(encoding="utf-8"))
    data = to_node_link(build_graph([read_document(dev / f"{name}.txt", f"{name}.txt")]))
    graph_path = tmp_path / "graph.json"
    graph_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    s = score_graph(gold, data)
    mine = tuple(round(x, 2) for x in (s.entity.p, s.entity.r, s.entity.f1, s.relation.p, s.relation.r, s.relation.f1))
    assert mine == _summary(dev / "score.py", dev / f"{name}.json", graph_path)


def test_errors_name_missed_spurious_and_wrong_direction():
    gold = {"entities": [{"name": "甲公司", "type": "ORG"}, {"name": "乙公司", "type": "ORG"}],
            "relations": [{"head": "甲公司", "relation": "invests_in", "tail": "乙公司"}]}
    graph = {"nodes": [{"id": "甲公司", "name": "甲公司", "type": "ORG", "aliases": []},
                       {"id": "乙公司", "name": "乙公司", "type": "ORG", "aliases": []},
                       {"id": "丙", "name": "丙", "type": "ORG", "aliases": []}],
             "edges": [{"source": "乙公司", "target": "甲公司", "relation": "invests_in"}]}
    s = score_graph(gold, graph)
    assert s.errors["spurious"] == ["丙"]
    assert s.errors["wrong_direction"] == [("乙公司", "invests_in", "甲公司")]
    assert s.errors["missed_relations"] == [("甲公司", "invests_in", "乙公司")]
    assert s.by_type["ORG"].tp == 2 and s.by_type["ORG"].fp == 1


def test_eval_command_prints_per_relation_rows(shared_eval, capsys):
    from graph.cli import main
    assert main(["eval", str(shared_eval / "news_dev" / "d03_hkstp_sph_trad.json")]) == 0
    out = capsys.readouterr().out
    assert "signed_with" in out and "mean over 1:" in out


def test_judged_edges_carry_confidence_and_verdict_but_skip_optional_relations():
    gold = {"entities": [{"name": "甲公司", "type": "ORG"}, {"name": "乙公司", "type": "ORG"},
                         {"name": "丙市", "type": "LOC"}],
            "relations": [{"head": "甲公司", "relation": "invests_in", "tail": "乙公司"}],
            "optional_relations": [{"head": "甲公司", "relation": "located_in", "tail": "*"}]}
    graph = {"nodes": [{"id": n, "name": n, "type": "ORG", "aliases": []} for n in ("甲公司", "乙公司", "丙市")],
             "edges": [{"source": "甲公司", "target": "乙公司", "relation": "invests_in", "confidence": 0.8},
                       {"source": "乙公司", "target": "丙市", "relation": "located_in", "confidence": 0.6},
                       {"source": "甲公司", "target": "丙市", "relation": "located_in", "confidence": 0.7}]}
    assert score_graph(gold, graph).judged_edges == [(0.8, True), (0.6, False)]
