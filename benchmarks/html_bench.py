"""How fast the HTML view is drawn and still, measured in headless Chromium; and the README screenshot.

For each case a graph is rendered with :func:`graph.render.html_string` (timed),
written to a temporary file and opened from ``file://`` in Debian's
``/usr/bin/chromium`` (driven by Playwright, every non-file request aborted).
The page sets ``window.icgraphReadyAt`` (``performance.now()``, i.e. milliseconds
since navigation started) on the first frame drawn after the layout is final:
after vis-network's stabilisation with physics switched off, or at once when the
positions were computed in Python. The script also checks that nothing moves
for a second after that.

The cases: the seed page, and synthetic graphs (seeded, deterministic: a
preferential-attachment core, small separate components, every type and
relation, one evidence sentence per edge) of 1,000 nodes (the largest drawn
with in-browser physics), 1,500 and 5,000 nodes / 15,000 edges.

    .venv/bin/python benchmarks/html_bench.py                 # writes benchmarks/html.md and docs/seed-graph.png
    .venv/bin/python benchmarks/html_bench.py --no-screenshot --out -
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from playwright.sync_api import Browser, Page, sync_playwright

from graph.model import NODE_TYPES, RELATION_LABELS, RELATIONS, SYMMETRIC_RELATIONS
from graph.build import build_files
from graph import render
from graph.render import html_string

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 900}
READY_TIMEOUT_MS = 300_000

_PLACES = "天津 北京 上海 广州 深圳 苏州 杭州 成都 武汉 西安 南京 合肥 重庆 青岛 厦门 长沙".split()
_WORDS = "华芯 智能 生物 新材料 数字 精密 未来 海洋 量子 医药 光电 航天 绿能 云脑 康复 算力".split()
_SUFFIXES = {"ORG": "科技有限公司", "PARK": "产业园", "LOC": "区", "PER": "", "PRODUCT": "系统",
             "PROJECT": "项目", "EVENT": "大会", "POLICY": "行动计划", "INDUSTRY": "产业"}
_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高")
_TYPE_WEIGHTS = (30, 10, 8, 12, 8, 10, 6, 4, 12)


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 1) -> nx.MultiDiGraph:
    """A news-like graph with exactly ``n_nodes`` nodes and ``n_edges`` edges.

    90 % of the nodes form a core wired by preferential attachment (a few hubs,
    many leaves); the rest come in separate pairs. Every edge carries a relation,
    a confidence and one evidence sentence.
    """
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for i in range(n_nodes):
        node_type = rng.choices(NODE_TYPES, _TYPE_WEIGHTS)[0]
        name = _name(rng, node_type, i)
        G.add_node(name, name=name, type=node_type, aliases=[], mentions=rng.randint(1, 9),
                   docs=[f"synthetic/{i % 300:03d}.txt"])
    names = list(G.nodes)
    core = int(n_nodes * 0.9)
    for i in range(core, n_nodes - 1, 2):
        _add_edge(G, rng, names[i], names[i + 1])
    ends = [names[0], names[1]]  # a node appears here once per edge end: degree-proportional choice
    missing = n_edges - G.number_of_edges()
    while missing:
        u, v = names[rng.randrange(core)], rng.choice(ends)
        if u != v and _add_edge(G, rng, u, v):
            ends += [u, v]
            missing -= 1
    return G


def _name(rng: random.Random, node_type: str, i: int) -> str:
    if node_type == "PER":
        return f"{rng.choice(_SURNAMES)}{rng.choice(_WORDS)[0]}{i}"
    return f"{rng.choice(_PLACES)}{rng.choice(_WORDS)}{_SUFFIXES[node_type]}{i}"


def _add_edge(G: nx.MultiDiGraph, rng: random.Random, u: str, v: str) -> bool:
    relation = rng.choice(RELATIONS)
    if relation in SYMMETRIC_RELATIONS and u > v:
        u, v = v, u
    if G.has_edge(u, v, relation):
        return False
    sentence = f"据报道，{u}与{v}{RELATION_LABELS[relation]}相关工作近日取得进展。"
    G.add_edge(u, v, key=relation, relation=relation, confidence=round(rng.uniform(0.5, 1.0), 2),
               evidence=[{"doc": f"synthetic/{rng.randrange(300):03d}.txt", "article": 0,
                          "sentence": sentence, "start": 0, "end": len(sentence)}])
    return True


def seed_graph() -> nx.MultiDiGraph:
    """The graph of ``seeds/``, as ``icgraph build seeds/`` makes it."""
    return build_files([str(REPO / "seeds")]).graph


@dataclass(frozen=True)
class Result:
    """One measured case."""

    case: str
    nodes: int
    edges: int
    mode: str
    render_s: float
    html_mb: float
    ready_s: float
    still: bool


def measure(browser: Browser, case: str, G: nx.MultiDiGraph, folder: Path,
            physics_up_to: int = render.BIG_GRAPH_NODES) -> Result:
    """Render ``G``, open it with the network blocked and time navigation → drawn and still.

    ``physics_up_to`` stands in for :data:`graph.render.BIG_GRAPH_NODES`, to show
    what in-browser physics would cost on a bigger graph.
    """
    default, render.BIG_GRAPH_NODES = render.BIG_GRAPH_NODES, physics_up_to
    try:
        started = time.perf_counter()
        page_text = html_string(G, title=f"icgraph benchmark: {case}")
        render_s = time.perf_counter() - started
    finally:
        render.BIG_GRAPH_NODES = default
    path = folder / f"case{len(list(folder.iterdir()))}.html"
    path.write_text(page_text, encoding="utf-8")
    page = _open(browser, path)
    ready_ms = page.evaluate("window.icgraphReadyAt")
    before = page.evaluate("network.getPositions()")
    page.wait_for_timeout(1000)
    still = page.evaluate("network.getPositions()") == before
    page.close()
    mode = "Python layout, physics off" if G.number_of_nodes() > physics_up_to else "vis physics, then off"
    return Result(case, G.number_of_nodes(), G.number_of_edges(), mode, render_s,
                  len(page_text.encode()) / 1e6, ready_ms / 1000, still)


def _open(browser: Browser, path: Path) -> Page:
    """A new page showing ``path``, ready; every request but the file itself is aborted."""
    page = browser.new_page(viewport=VIEWPORT)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
               else route.abort())
    page.goto(path.as_uri())
    page.wait_for_function("window.icgraphReady === true", timeout=READY_TIMEOUT_MS, polling=100)
    return page


def screenshot(browser: Browser, G: nx.MultiDiGraph, target: Path, folder: Path) -> None:
    """A screenshot of the seed graph's page, one node selected so the side panel shows evidence."""
    path = folder / "seed.html"
    path.write_text(html_string(G, title="icgraph: seeds/"), encoding="utf-8")
    page = _open(browser, path)
    page.evaluate("(id) => selectNode(id)", _busiest(G))
    page.wait_for_timeout(300)
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target))
    page.close()


def _busiest(G: nx.MultiDiGraph) -> str:
    return max(sorted(G.nodes, key=str), key=G.degree)


def report(results: list[Result], command: str) -> str:
    """The Markdown note: machine, command, one row per case."""
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    lines = [
        "# HTML view: time until drawn and still",
        "",
        f"Measured by `{command}` on {platform.machine()}, {_cores()} cores, {chromium}, headless,",
        "every network request blocked. *ready* is `window.icgraphReadyAt`: milliseconds from the start",
        "of navigation until the first frame drawn with the final layout (after stabilisation with physics",
        f"switched off, or straight away when positions come from Python, above {render.BIG_GRAPH_NODES:,} nodes).",
        "*still* means no node moved in the following second. *render* is `html_string` in Python",
        "(including the Python layout for big graphs). Target: under 5 s for 5,000 nodes / 15,000 edges.",
        "",
        "| case | nodes | edges | layout | render (Python) | HTML | ready (browser) | still |",
        "|---|---:|---:|---|---:|---:|---:|---|",
    ]
    lines += [f"| {r.case} | {r.nodes:,} | {r.edges:,} | {r.mode} | {r.render_s:.2f} s | {r.html_mb:.1f} MB "
              f"| {r.ready_s:.2f} s | {'yes' if r.still else 'NO'} |" for r in results]
    lines += [
        "",
        "In-browser physics grows with the graph (the *physics forced* row shows what 1,000 nodes would",
        f"cost), so graphs above {render.BIG_GRAPH_NODES:,} nodes get their positions from Python",
        "(`graph/layout_big.py`) and the browser only draws them. For comparison, pyvis users report",
        "about three minutes for 1,500 nodes with physics on. Timings vary by about ±30 % between runs",
        "on this shared machine.",
    ]
    return "\n".join(lines) + "\n"


def _cores() -> int:
    return len(os.sched_getaffinity(0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "html.md"), help="Markdown report ('-': stdout)")
    parser.add_argument("--screenshot", default=str(REPO / "docs" / "seed-graph.png"), help="PNG of the seed graph")
    parser.add_argument("--no-screenshot", action="store_true", help="skip the screenshot")
    args = parser.parse_args(argv)
    seeds = seed_graph()
    cases = [("seeds/", seeds, render.BIG_GRAPH_NODES),
             ("synthetic 500", synthetic_graph(500, 1_500), render.BIG_GRAPH_NODES),
             ("synthetic 1k, physics forced", synthetic_graph(1_000, 3_000), 1_000),
             ("synthetic 1k", synthetic_graph(1_000, 3_000), render.BIG_GRAPH_NODES),
             ("synthetic 1.5k", synthetic_graph(1_500, 4_500), render.BIG_GRAPH_NODES),
             ("synthetic 5k", synthetic_graph(5_000, 15_000), render.BIG_GRAPH_NODES)]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results = []
        for case, G, physics_up_to in cases:
            results.append(measure(browser, case, G, Path(tmp), physics_up_to))
            print(f"{case}: ready {results[-1].ready_s:.2f} s", file=sys.stderr)
        if not args.no_screenshot:
            screenshot(browser, seeds, Path(args.screenshot), Path(tmp))
        browser.close()
    text = report(results, "python benchmarks/html_bench.py")
    if args.out == "-":
        print(text, end="")
    else:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
