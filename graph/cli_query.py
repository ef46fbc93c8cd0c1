"""``icgraph query`` and ``icgraph export``: thin layers over :mod:`graph.query`.

>>> import pathlib, tempfile
>>> from graph.export import write_json
>>> from graph.query import _demo
>>> path = pathlib.Path(tempfile.mkdtemp()) / "graph.json"
>>> write_json(_demo(), path)
>>> from graph.cli import main
>>> main(["query", str(path), "--relation", "holds_position", "--format", "csv"])
head,relation,tail,head_type,tail_type,role,agreement,amount_yuan,amount_text,date,confidence,evidence,docs
韩林,holds_position,天津滨海高新区管委会,PER,ORG,副主任,,,,,0.9,"[""韩林…天津滨海高新区管委会""]","[""news.txt""]"
0
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
from typing import Any

from graph.exports import FORMATS, csv_cell, csv_text
from graph.model import NODE_TYPES, RELATIONS
from graph.query import RELATION_COLUMNS, load
from graph.table import format_table, truncate

__all__ = ["add_commands", "run_export", "run_query"]

_TABLE_DETAILS = ("role", "agreement", "amount_text", "date")
_EVIDENCE_CELLS = 60


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the ``query`` and ``export`` subcommands to the ``icgraph`` parser."""
    query = sub.add_parser("query", help="list relations of a built graph as a table, CSV or JSON",
                           description="Print the relations of GRAPH (graph.json, a .graphml file or a build "
                                       "folder) that match every filter given. Names may be aliases, short "
                                       "forms or Traditional script.")
    query.add_argument("graph", metavar="GRAPH", help="graph.json, graph.graphml or the folder of a build")
    query.add_argument("--head", metavar="NAME", help="the head (subject) of the relation")
    query.add_argument("--relation", choices=RELATIONS, metavar="RELATION",
                       help="one of " + ", ".join(RELATIONS))
    query.add_argument("--tail", metavar="NAME", help="the tail (object) of the relation")
    query.add_argument("--type", choices=NODE_TYPES, metavar="TYPE",
                       help="keep relations with an end of this node type: " + ", ".join(NODE_TYPES))
    query.add_argument("--format", choices=("table", "csv", "json"), default="table",
                       help="output format (default: table)")
    query.set_defaults(run=run_query)
    export = sub.add_parser("export", help="write a built graph for Gephi, yEd, Cytoscape, pandas, Neo4j or LadybugDB",
                            description="Convert GRAPH to another format. csv and neo4j write a folder; "
                                        "ladybug writes a LadybugDB database file (pip install 'icgraph[ladybug]').")
    export.add_argument("graph", metavar="GRAPH", help="graph.json, graph.graphml or the folder of a build")
    export.add_argument("--format", required=True, choices=FORMATS, help="the output format")
    export.add_argument("-o", "--out", required=True, metavar="PATH", help="output file (folder for csv, neo4j)")
    export.set_defaults(run=run_export)


def run_query(args: argparse.Namespace) -> int:
    table = load(args.graph).relations(head=args.head, relation=args.relation, tail=args.tail, type=args.type)
    records = [{k: _native(v) for k, v in row.items()} for row in table.to_dict("records")]
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        print(csv_text(list(RELATION_COLUMNS), ([csv_cell(r[c]) for c in RELATION_COLUMNS] for r in records)),
              end="")
    else:
        print(_table(records))
    return 0


def run_export(args: argparse.Namespace) -> int:
    target = load(args.graph).export(args.out, args.format)
    print(f"wrote {target} ({args.format})")
    return 0


def _table(records: list[dict[str, Any]]) -> str:
    """The terminal table: head, relation, tail, the details some rows have, confidence, evidence."""
    if not records:
        return "(no matching relations)"
    details = [c for c in _TABLE_DETAILS if any(r[c] not in (None, "") for r in records)]
    columns = ["head", "relation", "tail", *details, "confidence", "evidence"]
    rows = [[r["head"], r["relation"], r["tail"], *("" if r[c] is None else str(r[c]) for c in details),
             f"{r['confidence']:.2f}" if r["confidence"] is not None else "", _evidence_cell(r["evidence"])]
            for r in records]
    return format_table(columns, rows, max_width=shutil.get_terminal_size().columns, flexible=[len(columns) - 1])


def _evidence_cell(sentences: list[str]) -> str:
    """The first evidence sentence (cut to 60 cells), and how many more there are.

    >>> _evidence_cell(["天津大学与香港理工大学签署协议。", "又一句。"])
    '天津大学与香港理工大学签署协议。 (+1)'
    """
    first = truncate(" ".join(sentences[0].split()), _EVIDENCE_CELLS) if sentences else ""
    return first + (f" (+{len(sentences) - 1})" if len(sentences) > 1 else "")


def _native(value: Any) -> Any:
    """``None`` for pandas' missing values (NaN), the value otherwise."""
    return None if isinstance(value, float) and math.isnan(value) else value
