"""Export a graph as a LadybugDB database (the maintained fork of Kùzu) to query with Cypher.

Needs the optional ``ladybug`` package (``pip install 'icgraph[ladybug]'``).
Schema: one node table ``Entity`` (``id`` primary key, ``name``, ``type``,
``aliases STRING[]``, ``mentions``, ``docs STRING[]``, any other node
attributes), and one relationship table per relation (``signed_with``,
``located_in``, ...; all of :data:`graph.model.RELATIONS` exist, empty or not)
whose properties are the edge attributes, ``evidence`` as JSON text, and
``docs``, the documents of the evidence. Symmetric relations are stored once,
in the direction of the graph; match them undirected: ``-[:signed_with]-``.

The database is built in a temporary folder beside the target, checkpointed
into a single file and then moved over the target, so a failure leaves no
half-written database.

>>> import networkx as nx, pathlib, tempfile, pytest
>>> _ = pytest.importorskip("ladybug")
>>> G = nx.MultiDiGraph()
>>> G.add_node("天津大学", name="天津大学", type="ORG", aliases=[], mentions=1, docs=["a"])
>>> G.add_node("香港理工大学", name="香港理工大学", type="ORG", aliases=[], mentions=1, docs=["a"])
>>> G.add_edge("天津大学", "香港理工大学", key="signed_with", relation="signed_with", confidence=0.85)
'signed_with'
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.lbug"
>>> write_ladybug(G, path)
>>> cypher(path, "MATCH (a:Entity)-[r:signed_with]->(b:Entity) RETURN a.name, b.name, r.confidence")
[['天津大学', '香港理工大学', 0.85]]
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx

from graph.errors import IcgraphError
from graph.exports import column_kind, edge_table, node_table
from graph.model import RELATIONS

__all__ = ["cypher", "write_ladybug"]

_TYPES = {"string": "STRING", "long": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN",
          "string[]": "STRING[]", "json": "STRING"}
_BATCH = 2000


def write_ladybug(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Atomically write ``G`` as a LadybugDB database file at ``path``."""
    ladybug = _ladybug()
    target = Path(path)
    if target.is_dir():
        raise IcgraphError(f"{target}: is a folder; give a file name for the database (e.g. graph.lbug)")
    workdir = tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        built = Path(workdir) / target.name
        database = ladybug.Database(str(built))
        try:
            connection = ladybug.Connection(database)
            _load(connection, G)
            connection.execute("CHECKPOINT")
            connection.close()
        finally:
            database.close()
        Path(f"{target}.wal").unlink(missing_ok=True)
        os.replace(built, target)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def cypher(path: str | os.PathLike[str], query: str, parameters: dict[str, Any] | None = None) -> list[list[Any]]:
    """The rows of a Cypher ``query`` on the database at ``path``, opened read-only."""
    ladybug = _ladybug()
    if not Path(path).is_file():
        raise IcgraphError(f"{path}: no such database file")
    database = ladybug.Database(str(path), read_only=True)
    try:
        connection = ladybug.Connection(database)
        rows = connection.execute(query, parameters or {}).get_all()
        connection.close()
        return rows
    finally:
        database.close()


def _ladybug() -> Any:
    try:
        import ladybug
    except ImportError:
        raise IcgraphError("the ladybug export needs the ladybug package: pip install 'icgraph[ladybug]'") from None
    return ladybug


def _load(connection: Any, G: nx.MultiDiGraph) -> None:
    """Create the schema and insert every node and edge."""
    node_columns, node_rows = node_table(G)
    edge_columns, edge_rows = edge_table(G)
    node_kinds = {c: column_kind(row[i] for row in node_rows) for i, c in enumerate(node_columns) if i > 0}
    edge_kinds = {c: column_kind(row[i] for row in edge_rows) for i, c in enumerate(edge_columns) if i > 2}
    columns = ", ".join(f"{_quote(c)} {_TYPES[k]}" for c, k in node_kinds.items())
    connection.execute(f"CREATE NODE TABLE Entity(`id` STRING PRIMARY KEY{', ' if columns else ''}{columns})")
    properties = "".join(f", {_quote(c)} {_TYPES[k]}" for c, k in edge_kinds.items())
    relations = sorted(set(RELATIONS) | {row[2] for row in edge_rows})
    for relation in relations:
        connection.execute(f"CREATE REL TABLE {_quote(relation)}(FROM Entity TO Entity{properties})")
    assignments = ", ".join(f"{_quote(c)}: row.{_quote(c)}" for c in ["id", *node_kinds])
    _insert(connection, f"UNWIND $rows AS row CREATE (:Entity {{{assignments}}})",
            [{"id": str(row[0]), **_values(node_kinds, row[1:])} for row in node_rows])
    assignments = ", ".join(f"{_quote(c)}: row.{_quote(c)}" for c in edge_kinds)
    for relation in relations:
        rows = [{"head": str(row[0]), "tail": str(row[1]), **_values(edge_kinds, row[3:])}
                for row in edge_rows if row[2] == relation]
        _insert(connection, "UNWIND $rows AS row MATCH (h:Entity {id: row.head}), (t:Entity {id: row.tail}) "
                            f"CREATE (h)-[:{_quote(relation)} {{{assignments}}}]->(t)", rows)


def _insert(connection: Any, statement: str, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), _BATCH):
        connection.execute(statement, {"rows": rows[start:start + _BATCH]})


def _values(kinds: dict[str, str], values: list[Any]) -> dict[str, Any]:
    """Values converted to the column types: JSON text, floats for doubles, lists for arrays."""
    out = {}
    for (column, kind), value in zip(kinds.items(), values):
        if value is not None and kind == "json":
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif value is not None and kind == "double":
            value = float(value)
        elif value is not None and kind == "string[]":
            value = list(value)
        out[column] = value
    return out


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"
