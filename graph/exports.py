"""Exports for other tools: GEXF (Gephi), CSV (pandas, spreadsheets) and Neo4j.

* ``gexf``: one file, list/dict attributes JSON-encoded as in GraphML.
* ``csv``: a folder with ``nodes.csv`` and ``edges.csv``; list/dict cells are
  JSON, and text cells that a spreadsheet would run as a formula (starting with
  ``= + - @``, tab or CR) get a leading ``'``.
* ``neo4j``: a folder with ``nodes.csv`` and ``relationships.csv`` in the
  header format of ``neo4j-admin database import`` (``id:ID``, ``:LABEL``,
  ``:START_ID``, ``:END_ID``, ``:TYPE``, typed columns such as ``mentions:long``
  and ``aliases:string[]`` with ``;`` between items), and ``import.cypher``,
  which loads the same files with ``LOAD CSV``.

Every file is written atomically, and all of an export's contents are produced
before the first file is replaced, so a failure leaves the old files whole.
:func:`export_graph` dispatches on the format name (``ladybug`` is in
:mod:`graph.ladybug_db`, ``json``/``graphml`` in :mod:`graph.export`).

>>> import networkx as nx, pathlib, tempfile
>>> G = nx.MultiDiGraph()
>>> G.add_node("天津大学", name="天津大学", type="ORG", aliases=["天大"], mentions=2, docs=["a"])
>>> G.add_node("=1+1", name="=1+1", type="ORG", aliases=[], mentions=1, docs=["a"])
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> write_csv(G, out)
>>> print((out / "nodes.csv").read_text(encoding="utf-8"), end="")
id,name,type,aliases,mentions,docs
'=1+1,'=1+1,ORG,[],1,"[""a""]"
天津大学,天津大学,ORG,"[""天大""]",2,"[""a""]"
"""
from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.atomic import write_bytes_atomic, write_text_atomic
from graph.errors import IcgraphError
from graph.export import encoded_copy, write_graphml, write_json

__all__ = ["FORMATS", "column_kind", "csv_cell", "csv_text", "cypher_script", "edge_docs", "edge_table",
           "export_graph", "format_for", "node_table", "write_csv", "write_gexf", "write_neo4j"]

FORMATS = ("json", "graphml", "gexf", "csv", "neo4j", "ladybug", "html")
_SUFFIXES = {".json": "json", ".graphml": "graphml", ".gexf": "gexf", ".html": "html", ".lbug": "ladybug"}
NODE_COLUMNS = ("name", "type", "aliases", "mentions", "docs")
EDGE_COLUMNS = ("confidence", "role", "agreement", "amount_yuan", "amount_text", "date", "evidence", "docs")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEO4J_ARRAY_DELIMITER = ";"


def format_for(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The export format: ``format`` if given, else the one the file suffix names.

    >>> format_for("out/g.gexf"), format_for("out/tables", "csv")
    ('gexf', 'csv')
    """
    if format is None:
        format = _SUFFIXES.get(Path(path).suffix.lower())
        if format is None:
            raise IcgraphError(f"{path}: cannot tell the export format from the name; "
                               f"give one of {', '.join(FORMATS)}")
    if format not in FORMATS:
        raise IcgraphError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    return format


def export_graph(G: nx.MultiDiGraph, path: str | os.PathLike[str], format: str | None = None) -> Path:
    """Write ``G`` to ``path`` in ``format`` (see :data:`FORMATS`); returns the path.

    ``csv`` and ``neo4j`` write into the folder ``path`` (created if missing).

    >>> import pathlib, tempfile
    >>> G = nx.MultiDiGraph([("a", "b", "located_in", {"relation": "located_in"})])
    >>> export_graph(G, pathlib.Path(tempfile.mkdtemp()) / "g.gexf").suffix
    '.gexf'
    """
    format, target = format_for(path, format), Path(path)
    (target if format in ("csv", "neo4j") else target.parent).mkdir(parents=True, exist_ok=True)
    if format == "ladybug":
        from graph.ladybug_db import write_ladybug
        write_ladybug(G, target)
    elif format == "html":
        from graph.render import render_html
        render_html(G, target, title=f"icgraph: {target.stem}")
    else:
        writers = {"json": write_json, "graphml": write_graphml, "gexf": write_gexf,
                   "csv": write_csv, "neo4j": write_neo4j}
        writers[format](G, target)
    return target


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Atomically write ``G`` as GEXF 1.2; list/dict attributes become JSON strings.

    Nodes are labelled with their ``name``; the edge key is kept as ``networkx_key``.

    >>> import pathlib, tempfile
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("天津大学", name="天津大学", aliases=["天大"])
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.gexf"
    >>> write_gexf(G, path)
    >>> nx.read_gexf(path).nodes["天津大学"]["aliases"]
    '["天大"]'
    """
    H = encoded_copy(G)
    for node, attrs in H.nodes(data=True):
        attrs.setdefault("label", attrs.get("name", str(node)))
    buffer = io.BytesIO()
    nx.write_gexf(H, buffer)
    write_bytes_atomic(path, buffer.getvalue())


def write_csv(G: nx.MultiDiGraph, directory: str | os.PathLike[str]) -> None:
    """Write ``nodes.csv`` and ``edges.csv`` (UTF-8, header row) into ``directory``.

    Edge rows have ``source``, ``target``, ``relation`` (the key), the edge
    attributes and ``docs``, the documents of the evidence.
    """
    nodes, edges = node_table(G), edge_table(G)
    texts = {name: csv_text(list(table[0]), ([csv_cell(v) for v in row] for row in table[1]))
             for name, table in (("nodes.csv", nodes), ("edges.csv", edges))}
    for name, text in texts.items():
        write_text_atomic(Path(directory) / name, text)


def write_neo4j(G: nx.MultiDiGraph, directory: str | os.PathLike[str]) -> None:
    """Write ``nodes.csv``, ``relationships.csv`` and ``import.cypher`` into ``directory``.

    >>> import pathlib, tempfile
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("天津大学", name="天津大学", type="ORG", aliases=["天大", "TJU"], mentions=2)
    >>> G.add_node("浙江大学", name="浙江大学", type="ORG", aliases=[], mentions=1)
    >>> G.add_edge("天津大学", "浙江大学", key="signed_with", relation="signed_with", confidence=0.85)
    'signed_with'
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> write_neo4j(G, out)
    >>> print((out / "nodes.csv").read_text(encoding="utf-8"), end="")
    id:ID,name,type,aliases:string[],mentions:long,:LABEL
    天津大学,天津大学,ORG,天大;TJU,2,Entity;ORG
    浙江大学,浙江大学,ORG,,1,Entity;ORG
    >>> print((out / "relationships.csv").read_text(encoding="utf-8"), end="")
    :START_ID,:END_ID,:TYPE,confidence:double,docs:string[]
    天津大学,浙江大学,SIGNED_WITH,0.85,
    """
    node_columns, node_rows = node_table(G)
    edge_columns, edge_rows = edge_table(G)
    node_kinds = [column_kind(row[i] for row in node_rows) for i in range(1, len(node_columns))]
    edge_kinds = [column_kind(row[i] for row in edge_rows) for i in range(3, len(edge_columns))]
    node_header = ["id:ID", *map(_neo4j_header, node_columns[1:], node_kinds), ":LABEL"]
    edge_header = [":START_ID", ":END_ID", ":TYPE", *map(_neo4j_header, edge_columns[3:], edge_kinds)]
    types = sorted({row[node_columns.index("type")] for row in node_rows} - {None})
    relations = sorted({row[2] for row in edge_rows})
    texts = {
        "nodes.csv": csv_text(node_header, (
            [row[0], *map(_neo4j_cell, row[1:], node_kinds), _neo4j_labels(G.nodes[row[0]].get("type"))]
            for row in node_rows)),
        "relationships.csv": csv_text(edge_header, (
            [row[0], row[1], row[2].upper(), *map(_neo4j_cell, row[3:], edge_kinds)] for row in edge_rows)),
        "import.cypher": cypher_script(node_header, edge_header, types, relations),
    }
    for name, text in texts.items():
        write_text_atomic(Path(directory) / name, text)


def node_table(G: nx.MultiDiGraph) -> tuple[list[str], list[list[Any]]]:
    """Columns (``id``, the usual attributes, then any others sorted) and one row per node, sorted by id.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("天津市", name="天津市", type="LOC", admin_level="city")
    >>> node_table(G)
    (['id', 'name', 'type', 'admin_level'], [['天津市', '天津市', 'LOC', 'city']])
    """
    extra = sorted({k for _, attrs in G.nodes(data=True) for k in attrs} - set(NODE_COLUMNS))
    present = [c for c in NODE_COLUMNS if any(c in attrs for _, attrs in G.nodes(data=True))]
    columns = ["id", *present, *extra]
    rows = [[node, *(G.nodes[node].get(c) for c in columns[1:])] for node in sorted(G.nodes, key=str)]
    return columns, rows


def edge_table(G: nx.MultiDiGraph) -> tuple[list[str], list[list[Any]]]:
    """Columns (``source``, ``target``, ``relation``, attributes, ``docs``) and one row per edge, sorted.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("韩林", "管委会", key="holds_position", relation="holds_position", role="副主任")
    'holds_position'
    >>> edge_table(G)
    (['source', 'target', 'relation', 'role', 'docs'], [['韩林', '管委会', 'holds_position', '副主任', []]])
    """
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    attrs = [{**data, "docs": edge_docs(data)} for *_, data in edges]
    extra = sorted({k for a in attrs for k in a} - set(EDGE_COLUMNS) - {"relation"})
    present = [c for c in EDGE_COLUMNS if c == "docs" or any(c in a for a in attrs)]
    columns = ["source", "target", "relation", *present, *extra]
    rows = [[u, v, str(k), *(a.get(c) for c in columns[3:])] for (u, v, k, _), a in zip(edges, attrs)]
    return columns, rows


def edge_docs(attrs: dict[str, Any]) -> list[str]:
    """The documents an edge was read from (its evidence), sorted.

    >>> edge_docs({"evidence": [{"doc": "b.txt"}, {"doc": "a.txt"}, {"doc": "b.txt"}]})
    ['a.txt', 'b.txt']
    """
    return sorted({str(e["doc"]) for e in attrs.get("evidence") or () if isinstance(e, dict) and "doc" in e})


def column_kind(values: Iterable[Any]) -> str:
    """``boolean``, ``long``, ``double``, ``string``, ``string[]`` or ``json`` for a column's values.

    >>> column_kind([1, None, 2.5]), column_kind([["a"], []]), column_kind([[{"doc": "a"}]])
    ('double', 'string[]', 'json')
    """
    present = [v for v in values if v is not None]
    if all(isinstance(v, bool) for v in present) and present:
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present) and present:
        return "long"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present) and present:
        return "double"
    if all(isinstance(v, str) for v in present):
        return "string"
    if all(isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v) for v in present):
        return "string[]"
    return "json"


def cypher_script(node_header: list[str], edge_header: list[str], types: list[str], relations: list[str]) -> str:
    """The ``import.cypher`` that loads ``nodes.csv`` and ``relationships.csv`` with ``LOAD CSV``."""
    node_sets = ", ".join(f"n.{_quote(name)} = {_cypher_value(column)}"
                          for column in node_header[1:-1] for name in [column.split(":")[0]])
    edge_sets = ", ".join(f"r.{_quote(name)} = {_cypher_value(column)}"
                          for column in edge_header[3:] for name in [column.split(":")[0]])
    statements = [
        "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;",
        "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
        "MERGE (n:Entity {id: row.`id:ID`})" + (f"\nSET {node_sets}" if node_sets else "") + ";",
        *(f"MATCH (n:Entity) WHERE n.type = {_string(t)} SET n:{_quote(t)};" for t in types),
        *("LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n"
          f"WITH row WHERE row.`:TYPE` = {_string(rel.upper())}\n"
          "MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})\n"
          f"MERGE (a)-[r:{_quote(rel.upper())}]->(b)" + (f"\nSET {edge_sets}" if edge_sets else "") + ";"
          for rel in relations),
    ]
    intro = ("// icgraph export for Neo4j 5. Either bulk-import into an empty database:\n"
             "//   neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j\n"
             "// or copy nodes.csv and relationships.csv into Neo4j's import folder and run\n"
             "//   cypher-shell -f import.cypher\n")
    return intro + "\n\n".join(statements) + "\n"


def _neo4j_header(column: str, kind: str) -> str:
    return column if kind in ("string", "json") else f"{column}:{kind}"


def _neo4j_labels(typ: Any) -> str:
    return "Entity" if typ is None else f"Entity;{typ}"


def _neo4j_cell(value: Any, kind: str) -> str:
    """A cell as ``neo4j-admin`` parses it: arrays ``;``-joined (``;`` in items becomes ``；``)."""
    if value is None:
        return ""
    if kind == "string[]":
        return _NEO4J_ARRAY_DELIMITER.join(item.replace(_NEO4J_ARRAY_DELIMITER, "；") for item in value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    if kind == "json" and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _cypher_value(column: str) -> str:
    """The Cypher expression converting the ``LOAD CSV`` string of ``column`` to its type."""
    ref = f"row.{_quote(column)}"
    kind = column.split(":", 1)[1] if ":" in column else "string"
    converters = {"long": "toInteger({})", "double": "toFloat({})", "boolean": "toBoolean({})",
                  "string[]": f"split({{}}, {_string(_NEO4J_ARRAY_DELIMITER)})"}
    return converters.get(kind, "{}").format(ref)


def _quote(name: str) -> str:
    """A Cypher identifier in backticks.

    >>> _quote("id:ID"), _quote("a`b")
    ('`id:ID`', '`a``b`')
    """
    return "`" + name.replace("`", "``") + "`"


def _string(text: str) -> str:
    """A Cypher string literal.

    >>> _string("it's")
    "'it\\\\'s'"
    """
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def csv_cell(value: Any) -> str:
    """A plain-CSV cell: JSON for lists and dicts, formula-looking text neutralised.

    >>> csv_cell("=HYPERLINK(1)"), csv_cell(["天大"]), csv_cell(None), csv_cell(-1.5)
    ("'=HYPERLINK(1)", '["天大"]', '', '-1.5')
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    return str(value)


def csv_text(header: list[str], rows: Iterable[list[str]]) -> str:
    """CSV text (``\\n`` line ends, minimal quoting) of a header and rows of string cells.

    A carriage return inside a cell becomes a newline, so the cell is quoted and stays one cell.

    >>> csv_text(["name", "aliases"], [["天津市", '["天津"]']])
    'name,aliases\\n天津市,"[""天津""]"\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([cell.replace("\r\n", "\n").replace("\r", "\n") for cell in row] for row in rows)
    return buffer.getvalue()
