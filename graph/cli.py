"""The ``icgraph`` command: a thin layer over the library.

Exit codes: 0 every input processed; 3 some inputs skipped (each named on
stderr); 1 a fatal error (nothing to build, outputs cannot be written);
2 bad usage; 130 interrupted (Ctrl-C). ``--strict`` turns skipped inputs and
warnings (undecodable bytes replaced) into a failure (exit 3, no output).
Outputs are written as a set (graph.json, graph.graphml, graph.html): after
any failure or interruption the previous outputs are left exactly as they were.
See docs/robustness.md for every kind of bad input and what happens to it.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from itertools import tee
from pathlib import Path
from typing import NoReturn

from .cli_eval import add_eval_command
from .cli_query import add_commands as add_query_commands
from .atomic import OutputSet
from .errors import IcgraphError
from .export import write_graphml, write_json
from .model import NODE_TYPE_LABELS, NODE_TYPES, RELATION_LABELS, RELATIONS
from .ingest import DEFAULT_MAX_BYTES, safe_text
from .ner import ner_texts
from .build import BuildResult, Extraction, build_files, own_this_process
from .cache import CACHE_FILE, BuildCache, dump, load_cache
from .query import load
from .render import SIZE_BY, render_html
from .side_by_side import run_side_by_side

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except IcgraphError as exc:
        print(f"icgraph: error: {exc}", file=sys.stderr)
        return EXIT_FATAL
    except BrokenPipeError:  # the reader of the output (head, less) stopped: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        print(f"icgraph: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FATAL
    except KeyboardInterrupt:
        print("icgraph: interrupted; outputs left as they were", file=sys.stderr)
        return 130


def run() -> NoReturn:
    """The console script: ``main``, then exit at once, without freeing every object one by one.

    After a big build that teardown took about as long as writing graph.json,
    and nothing is left to do: the outputs are committed, child processes have
    ended, and the standard streams are flushed here.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader went away; the stream was closed
            pass
    os._exit(code)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="icgraph", description="Industry-cluster knowledge graphs from Chinese news.")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")
    build = sub.add_parser("build", help="build graph.json, graph.graphml and graph.html from news files",
                           description="Build the knowledge graph of INPUT files and folders (.txt .md .html .htm).")
    build.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (searched recursively)")
    where = build.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--out", metavar="OUTDIR", help="output folder (created if missing)")
    where.add_argument("--update", metavar="OUTDIR",
                       help="add INPUT to the graph built earlier in OUTDIR: new and changed documents are "
                            "extracted, unchanged ones reused; the result equals a rebuild of all inputs")
    build.add_argument("--min-confidence", type=float, default=0.0, metavar="C",
                       help="drop edges whose confidence is below C (0-1)")
    build.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                       help=f"skip input files larger than N bytes (default {DEFAULT_MAX_BYTES // 2**20} MiB)")
    build.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                       help="extract in N processes (default: the number of cores); the output is the same")
    build.add_argument("--dask", metavar="ADDRESS", help="extract on a Dask cluster: 'local' (a LocalCluster of "
                       "-j workers) or a scheduler address such as tcp://10.0.0.5:8786 (needs icgraph[dask])")
    build.add_argument("--strict", action="store_true", help="fail if any input has to be skipped")
    build.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    build.set_defaults(run=run_build)
    ner = sub.add_parser("ner", help="entity spans of each line of a text file, as JSON lines",
                         description="Print one JSON object per input line: {text, entities: [{start, end, type, text}]}.")
    ner.add_argument("file", metavar="FILE", help="UTF-8 text file ('-' for standard input)")
    ner.set_defaults(run=run_ner)
    html = sub.add_parser("html", help="draw a built graph as one interactive, offline HTML page",
                          description="Write GRAPH (graph.json, a .graphml file or a build folder) as a "
                                      "self-contained HTML page; the options choose which part is drawn.")
    html.add_argument("graph", metavar="GRAPH", help="graph.json, graph.graphml or the folder of a build")
    html.add_argument("-o", "--out", required=True, metavar="HTML", help="the page to write")
    html.add_argument("--title", help="page title (default: icgraph: GRAPH)")
    html.add_argument("--types", nargs="+", type=str.upper, choices=[*NODE_TYPES, *NODE_TYPE_LABELS.values()],
                      metavar="TYPE", help="draw only these node types: " + " ".join(NODE_TYPES) + " (or 机构 园区 …)")
    html.add_argument("--relations", nargs="+", type=str.lower, choices=[*RELATIONS, *RELATION_LABELS.values()],
                      metavar="RELATION", help="draw only these relations (and the nodes they link): "
                                               + " ".join(RELATIONS) + " (or 签约 合作 …)")
    html.add_argument("--focus", metavar="NAME", help="draw only the neighbourhood of this node "
                                                       "(name, alias or short form; Simplified or Traditional)")
    html.add_argument("--depth", type=int, default=1, metavar="K", help="steps around --focus (default 1)")
    html.add_argument("--max-nodes", type=int, metavar="N",
                      help="draw only the N most connected nodes; the page says what was left out")
    html.add_argument("--size-by", choices=SIZE_BY, default="degree", help="node size (default: degree)")
    html.set_defaults(run=run_html)
    add_query_commands(sub)
    add_eval_command(sub)
    return parser


def run_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    own_this_process()
    progress = None if args.quiet else _progress
    if args.max_bytes <= 0:
        print("icgraph: error: --max-bytes must be a positive number of bytes", file=sys.stderr)
        return EXIT_USAGE
    if args.jobs <= 0:
        print("icgraph: error: -j/--jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    earlier: list[BuildCache] = []

    def previous_extractions() -> list[Extraction]:  # loaded while the workers start
        earlier.append(load_cache(args.update) if args.update else BuildCache([], []))
        return earlier[0].extractions

    result = build_files(args.inputs, progress, args.max_bytes, args.min_confidence, args.jobs,
                         previous_extractions, args.dask)
    previous = earlier[0]
    for problem in result.skipped:
        print(f"icgraph: skipped {problem}", file=sys.stderr)
    for problem in result.warnings:
        print(f"icgraph: warning: {problem}", file=sys.stderr)
    if (result.skipped or result.warnings) and args.strict:
        print("icgraph: --strict: not writing outputs because inputs were skipped or had warnings",
              file=sys.stderr)
        return EXIT_SKIPPED
    if result.documents == 0:
        print("icgraph: error: no readable input documents", file=sys.stderr)
        return EXIT_FATAL
    out = Path(args.update or args.out)
    inputs = sorted({*previous.inputs, *args.inputs})  # the same page whatever the order
    title = safe_text("icgraph: " + ", ".join(inputs))
    staged = OutputSet(out)
    try:
        with staged:
            run_side_by_side(_output_writers(result, staged, inputs, title), args.jobs)
    except KeyboardInterrupt:
        if not staged.committed:
            raise
        print("icgraph: interrupted just after the outputs were written", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"icgraph: error: cannot write the outputs to {safe_text(str(out))}: {exc.strerror or exc}; "
              "previous outputs left as they were", file=sys.stderr)
        return EXIT_FATAL
    if not args.quiet:
        print(safe_text(summary(result, time.perf_counter() - started, out)))
    return EXIT_SKIPPED if result.skipped else EXIT_OK


def _output_writers(result: BuildResult, staged: OutputSet, inputs: list[str], title: str
                    ) -> list[Callable[[], None]]:
    """The jobs that write each output file into ``staged``, the longest first."""
    graph = result.graph
    html, graphml = staged.path("graph.html"), staged.path("graph.graphml")
    json_path, cache = staged.path("graph.json"), staged.path(CACHE_FILE)

    def write_html() -> None:
        render_html(graph, html, title=title)

    def write_cache() -> None:
        cache.write_bytes(dump(BuildCache(inputs, result.extractions)))

    return [write_html, partial(write_graphml, graph, graphml), partial(write_json, graph, json_path), write_cache]


def _progress(done: int, total: int, doc_id: str) -> None:
    if total >= 20 and sys.stderr.isatty():
        print(f"\r[{done}/{total}] {doc_id[:60]:<60}", end="" if done < total else "\n", file=sys.stderr)
    elif total >= 20 and (done % 100 == 0 or done == total):
        print(f"[{done}/{total}] documents", file=sys.stderr)


def summary(result: BuildResult, seconds: float, out: Path) -> str:
    """The few lines printed after a build."""
    g = result.graph
    types = Counter(t for _, t in g.nodes(data="type"))
    rels = Counter(k for _, _, k in g.edges(keys=True))
    reused = f"  reused: {result.reused}" if result.reused else ""
    lines = [f"documents: {result.documents}  articles: {result.articles}  skipped: {len(result.skipped)}{reused}",
             f"nodes: {g.number_of_nodes()}  " + "  ".join(f"{t} {types[t]}" for t in NODE_TYPES if types[t]),
             f"edges: {g.number_of_edges()}  " + "  ".join(f"{r} {rels[r]}" for r in RELATIONS if rels[r]),
             f"seconds: {seconds:.1f}",
             f"open {out / 'graph.html'}"]
    return "\n".join(lines)


def run_ner(args: argparse.Namespace) -> int:
    stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8-sig")
    with stream:
        texts, to_tag = tee(line.rstrip("\r\n") for line in stream)
        for text, entities in zip(texts, ner_texts(to_tag)):
            print(json.dumps({"text": text, "entities": entities}, ensure_ascii=False))
    return EXIT_OK


def run_html(args: argparse.Namespace) -> int:
    view = render_html(load(args.graph).to_networkx(), args.out, title=args.title or f"icgraph: {args.graph}",
                       types=args.types, relations=args.relations, focus=args.focus, depth=args.depth,
                       max_nodes=args.max_nodes, size_by=args.size_by)
    G = view.graph
    print(f"nodes: {G.number_of_nodes()} of {view.total_nodes}  edges: {G.number_of_edges()} of {view.total_edges}")
    print(f"open {args.out}")
    return EXIT_OK


if __name__ == "__main__":
    run()
