"""``icgraph query`` and ``icgraph export`` on the seed graph: output formats, exact rows, exit codes."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph.cli import main
from graph.export import write_json
from graph.query import RELATION_COLUMNS, load
from graph.table import display_width

SEED_DOC = "000_4ec6fe761e168837.txt"


@pytest.fixture(scope="module")
def build(seed_graph, tmp_path_factory) -> Path:
    """A build folder holding the seed's graph.json."""
    folder = tmp_path_factory.mktemp("build")
    write_json(seed_graph, folder / "graph.json")
    return folder


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_rows(build, capsys):
    code, out, _ = _run(capsys, "query", str(build), "--head", "韩林", "--format", "json")
    assert code == 0
    [row] = json.loads(out)
    assert list(row) == list(RELATION_COLUMNS)
    assert {k: row[k] for k in ("head", "relation", "tail", "head_type", "tail_type", "role", "agreement",
                                "amount_yuan", "docs")} == {
        "head": "韩林", "relation": "holds_position", "tail": "天津滨海高新区管委会", "head_type": "PER",
        "tail_type": "ORG", "role": "副主任", "agreement": None, "amount_yuan": None, "docs": [SEED_DOC]}
    assert any("韩林" in sentence for sentence in row["evidence"])


def test_csv_rows(build, capsys):
    code, out, _ = _run(capsys, "query", str(build / "graph.json"), "--head", "香港理工大學",
                        "--relation", "signed_with", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["head"], r["relation"], r["tail"], r["agreement"]) for r in rows] == [
        ("香港理工大学", "signed_with", "天津大学", "人才联合培养协议"),
        ("香港理工大学", "signed_with", "浙江大学", "人才联合培养协议"),
    ]
    assert json.loads(rows[0]["docs"]) == [SEED_DOC]


@pytest.mark.parametrize("argv, expected", [
    (["--head", "佟小光", "--relation", "holds_position"], [("佟小光", "holds_position", "天津市环湖医院")]),
    (["--tail", "中电云脑", "--relation", "holds_position"], [("程龙", "holds_position", "中电云脑")]),
    (["--head", "中电云脑", "--relation", "releases"], [("中电云脑", "releases", "神工一希夷")]),
    (["--head", "黄埔", "--relation", "located_in"], [("黄埔区", "located_in", "广州市")]),
    (["--head", "廣州市", "--relation", "located_in"], [("广州市", "located_in", "广东省")]),
])
def test_exact_rows(build, capsys, argv, expected):
    code, out, _ = _run(capsys, "query", str(build), *argv, "--format", "json")
    assert code == 0
    assert [(r["head"], r["relation"], r["tail"]) for r in json.loads(out)] == expected


def test_type_filter_matches_the_api(build, capsys):
    _, out, _ = _run(capsys, "query", str(build), "--type", "PER", "--format", "json")
    expected = load(build).relations(type="PER")
    assert [(r["head"], r["tail"]) for r in json.loads(out)] == list(zip(expected["head"], expected["tail"]))


def test_table_lines_up_chinese_columns(build, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = _run(capsys, "query", str(build), "--relation", "holds_position")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["head", "relation", "tail", "role", "confidence", "evidence"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    韩林 = next(line for line in lines if line.startswith("韩林"))
    assert 韩林.split()[:5] == ["韩林", "holds_position", "天津滨海高新区管委会", "副主任", "0.90"]
    starts = {display_width(line[:line.index("holds_position")]) for line in lines[2:]}
    assert starts == {display_width(lines[0][:lines[0].index("relation")])}
    role_column = display_width(lines[0][:lines[0].index("role")])
    assert display_width(韩林[:韩林.index("副主任")]) == role_column


def test_table_fits_a_narrow_terminal(build, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = _run(capsys, "query", str(build), "--relation", "signed_with")
    assert all(display_width(line) <= 80 for line in out.splitlines())
    assert "…" in out


def test_no_matching_rows(build, capsys):
    code, out, _ = _run(capsys, "query", str(build), "--head", "韩林", "--relation", "releases")
    assert (code, out) == (0, "(no matching relations)\n")
    code, out, _ = _run(capsys, "query", str(build), "--head", "韩林", "--relation", "releases", "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_query_csv_neutralises_formulas(tmp_path, capsys):
    G = nx.MultiDiGraph()
    G.add_node("=cmd()", name="=cmd()", type="ORG")
    G.add_node("@b", name="@b", type="ORG")
    G.add_edge("=cmd()", "@b", key="signed_with", relation="signed_with", confidence=1.0, agreement="-协议")
    write_json(G, tmp_path / "graph.json")
    _, out, _ = _run(capsys, "query", str(tmp_path), "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert (row["head"], row["tail"], row["agreement"]) == ("'=cmd()", "'@b", "'-协议")


@pytest.mark.parametrize("argv, message", [
    (["query", "missing/graph.json"], "missing/graph.json: no such graph file"),
    (["query", "{build}", "--head", "不存在的公司"], "no node named '不存在的公司'"),
    (["export", "missing.json", "--format", "gexf", "-o", "{tmp}/x.gexf"], "missing.json: no such graph file"),
])
def test_fatal_errors_exit_1_with_one_line(build, tmp_path, capsys, argv, message):
    argv = [a.format(build=build, tmp=tmp_path) for a in argv]
    code, out, err = _run(capsys, *argv)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("icgraph: error: ") and message in err


def test_bad_graph_file_names_it(tmp_path, capsys):
    bad = tmp_path / "graph.json"
    bad.write_text("not json", encoding="utf-8")
    code, _, err = _run(capsys, "query", str(bad))
    assert code == 1 and err == f"icgraph: error: {bad}: not valid JSON (Expecting value, line 1)\n"


@pytest.mark.parametrize("argv", [
    ["query"],
    ["query", "g.json", "--relation", "signs"],
    ["query", "g.json", "--type", "COMPANY"],
    ["query", "g.json", "--format", "xml"],
    ["export", "g.json", "-o", "x"],
    ["export", "g.json", "--format", "pdf", "-o", "x"],
])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


@pytest.mark.parametrize("format, outputs", [
    ("graphml", ["graph.graphml"]),
    ("gexf", ["graph.gexf"]),
    ("json", ["graph.json"]),
    ("html", ["graph.html"]),
    ("csv", ["nodes.csv", "edges.csv"]),
    ("neo4j", ["nodes.csv", "relationships.csv", "import.cypher"]),
])
def test_export_formats(build, tmp_path, capsys, format, outputs):
    target = tmp_path / "out" / (outputs[0] if len(outputs) == 1 else format)
    code, out, _ = _run(capsys, "export", str(build), "--format", format, "-o", str(target))
    assert code == 0 and out == f"wrote {target} ({format})\n"
    folder = target if len(outputs) > 1 else target.parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(outputs)
    assert all((folder / name).stat().st_size > 0 for name in outputs)


def test_export_graphml_loads_back_equal(build, tmp_path, capsys):
    target = tmp_path / "graph.graphml"
    assert _run(capsys, "export", str(build), "--format", "graphml", "-o", str(target))[0] == 0
    assert nx.utils.graphs_equal(load(target).to_networkx(), load(build).to_networkx())


def test_export_ladybug(build, tmp_path, capsys):
    pytest.importorskip("ladybug")
    from graph.ladybug_db import cypher
    target = tmp_path / "graph.lbug"
    assert _run(capsys, "export", str(build), "--format", "ladybug", "-o", str(target))[0] == 0
    rows = cypher(target, "MATCH (p:Entity)-[r:holds_position]->(o:Entity {id: '中电云脑'}) RETURN p.id, r.role")
    assert rows == [["程龙", "总经理"]]


def test_console_script(build):
    result = subprocess.run([sys.executable, "-m", "graph.cli", "query", str(build), "--head", "程龙",
                             "--format", "json"], capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 0, result.stderr
    assert [(r["head"], r["role"], r["tail"]) for r in json.loads(result.stdout)] == [("程龙", "总经理", "中电云脑")]
