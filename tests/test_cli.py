"""The installed ``icgraph`` console script, end to end (exit codes as in graph/cli.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

ICGRAPH = Path(sys.executable).parent / "icgraph"
OUTPUTS = ("graph.json", "graph.graphml", "graph.html")
SMALL = "天津大学与香港理工大学签署人才联合培养协议。\n"


def icgraph(*args: str | Path) -> subprocess.CompletedProcess:
    assert ICGRAPH.exists(), f"console script not installed next to {sys.executable}"
    return subprocess.run([str(ICGRAPH), *map(str, args)], capture_output=True, encoding="utf-8")


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory, seed_path):
    out = tmp_path_factory.mktemp("build") / "out"
    return icgraph("build", seed_path.parent, "-o", out), out


@pytest.fixture
def small_input(tmp_path) -> Path:
    path = tmp_path / "small.txt"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_build_writes_all_outputs_and_a_summary(seed_build):
    result, out = seed_build
    assert result.returncode == 0, result.stderr
    for name in OUTPUTS:
        assert (out / name).stat().st_size > 0, name
    assert f"open {out / 'graph.html'}" in result.stdout.splitlines()


def test_graph_json_is_node_link_with_the_seed_signing(seed_build):
    _, out = seed_build
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="edges", multigraph=True, directed=True)
    assert g.nodes["天津大学"]["type"] == "ORG"
    assert (g.has_edge("天津大学", "香港理工大学", "signed_with")
            or g.has_edge("香港理工大学", "天津大学", "signed_with"))


def test_missing_input_is_skipped_with_exit_3(tmp_path, small_input):
    missing = tmp_path / "no-such-file.txt"
    result = icgraph("build", missing, small_input, "-o", tmp_path / "out")
    assert result.returncode == 3
    assert str(missing) in result.stderr
    assert all((tmp_path / "out" / name).exists() for name in OUTPUTS)


def test_only_bad_inputs_is_fatal(tmp_path):
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    missing = tmp_path / "gone"
    result = icgraph("build", png, missing, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert str(png) in result.stderr and str(missing) in result.stderr
    assert not (tmp_path / "out").exists()


def test_strict_refuses_to_write_when_an_input_is_skipped(tmp_path, small_input):
    missing = tmp_path / "no-such-file.txt"
    result = icgraph("build", "--strict", small_input, missing, "-o", tmp_path / "out")
    assert result.returncode == 3
    assert str(missing) in result.stderr
    assert not any((tmp_path / "out" / name).exists() for name in OUTPUTS)


def test_ner_prints_one_json_line_per_input_line(tmp_path):
    lines = ["天津市环湖医院院长佟小光发布新品。", "", "興縣人民政府與美錦能源集團共同簽署協議。",
             "文远知行(WeRide)与Uber(优步)宣布合作。"]
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = icgraph("ner", path)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == lines
    for r in records:
        for e in r["entities"]:
            assert r["text"][e["start"]:e["end"]] == e["text"]
    assert ("佟小光", "PER") in {(e["text"], e["type"]) for e in records[0]["entities"]}
    assert records[1]["entities"] == []
    assert {("興縣人民政府", "ORG"), ("美錦能源集團", "ORG")} <= {(e["text"], e["type"]) for e in records[2]["entities"]}
