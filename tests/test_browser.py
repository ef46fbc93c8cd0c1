"""The HTML view in a real browser: Debian's headless Chromium driven by Playwright, network blocked.

One browser serves the whole session; every test opens its own page from
``file://`` with every other request aborted and recorded. Skipped when
``/usr/bin/chromium`` or Playwright is missing (CI installs both).
"""
from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import networkx as nx
import opencc
import pytest

from graph.ingest import read_document
from graph.pipeline import build_graph
from graph.render import BIG_GRAPH_NODES, NODE_STYLES, render_html

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DIM_NODE = "#dde2e7"

XSS_DOCUMENT = """本报讯 天津<script>window.__xss=1</script>科技有限公司与香港理工大学签署人才联合培养协议。
<img src=x onerror=alert(2)>北京华芯科技有限公司与天津大学签署战略合作协议，</script><script>window.__xss=3</script>。
天津市环湖医院院长佟小光<svg onload=window.__xss=4>发布新品“神工</script>一号”。
"""
XSS_NAMES = ["<script>window.__xss=5</script>科技", '<img src=x onerror="window.__xss=6">公司',
             "</script><script>alert(7)</script>"]


@dataclass
class Page:
    """An open page with what it logged: console errors, uncaught exceptions, blocked requests, dialogs."""

    page: object
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser) -> Iterator[Callable[[Path], Page]]:
    """Opens a file in a fresh page (1280×800), network blocked, and waits until the network is drawn and still."""
    pages = []

    def _open(path: Path) -> Page:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        opened = Page(page)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        page.route("**/*", lambda route: _allow_file_only(route, path, opened.blocked))
        page.goto(path.as_uri())
        page.wait_for_function("window.icgraphReady === true", timeout=30_000, polling=50)
        pages.append(page)
        return opened

    yield _open
    for page in pages:
        page.close()


def _allow_file_only(route, path: Path, blocked: list[str]) -> None:
    if route.request.url == path.as_uri():
        route.continue_()
    else:
        blocked.append(route.request.url)
        route.abort()


@pytest.fixture(scope="module")
def seed_html(seed_graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "graph.html"
    render_html(seed_graph, path, title="icgraph: seeds/")
    return path


def test_seed_page_loads_offline_without_errors(open_page, seed_html):
    page = open_page(seed_html)
    assert page.errors == []
    assert page.blocked == []
    assert page.js("typeof network === 'object' && network.body.data.nodes === nodes")


def test_network_holds_exactly_the_graph(open_page, seed_html, seed_graph):
    page = open_page(seed_html)
    assert sorted(page.js("nodes.getIds()")) == sorted(seed_graph.nodes)
    drawn = page.js("edges.get().map(e => [e.from, e.to, e.info.relation])")
    assert Counter(map(tuple, drawn)) == Counter((u, v, r) for u, v, r in seed_graph.edges(data="relation"))
    assert page.js("[network.body.nodeIndices.length, network.body.edgeIndices.length]") == [
        seed_graph.number_of_nodes(), seed_graph.number_of_edges()]


def test_screenshot_is_not_blank(open_page, seed_html, seed_graph, browser):
    page = open_page(seed_html)
    png = page.page.locator("#mynetwork").screenshot()
    colours = _colour_counts(browser, png)
    drawn_types = {t for _, t in seed_graph.nodes(data="type")}
    for node_type in drawn_types:
        assert colours.get(NODE_STYLES[node_type][0], 0) > 20, node_type
    assert sum(colours.values()) - colours.get("#ffffff", 0) > 5_000


def _colour_counts(browser, png: bytes) -> dict[str, int]:
    """Pixel count per ``#rrggbb`` colour of a PNG, decoded by the browser itself in a blank page."""
    page = browser.new_page()
    try:
        return page.evaluate("""async (b64) => {
            const img = new Image();
            img.src = "data:image/png;base64," + b64;
            await img.decode();
            const canvas = document.createElement("canvas");
            canvas.width = img.width;
            canvas.height = img.height;
            const ctx = canvas.getContext("2d");
            ctx.drawImage(img, 0, 0);
            const data = ctx.getImageData(0, 0, img.width, img.height).data;
            const counts = {};
            for (let i = 0; i < data.length; i += 4) {
                const hex = "#" + [0, 1, 2].map(k => data[i + k].toString(16).padStart(2, "0")).join("");
                counts[hex] = (counts[hex] || 0) + 1;
            }
            return counts;
        }""", base64.b64encode(png).decode())
    finally:
        page.close()


@cache
def _traditional(text: str) -> str:
    return _s2t().convert(text)


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def _wait_focused(page: Page, node: str) -> None:
    """Waits until ``node`` is selected, shown in the panel and at the centre of the view."""
    page.page.wait_for_function("""(id) => {
        const p = network.getPosition(id), v = network.getViewPosition();
        return network.getSelectedNodes().join() === id && Math.hypot(p.x - v.x, p.y - v.y) < 2;
    }""", arg=node, timeout=5_000)
    assert page.page.inner_text("#panel h2") == page.js("(id) => nodes.get(id).info.name", node)


def test_search_in_traditional_script_focuses_node(open_page, seed_html, seed_graph):
    node = max((n for n in sorted(seed_graph) if _traditional(n) != n), key=seed_graph.degree)
    page = open_page(seed_html)
    page.page.fill("#search", _traditional(node))
    page.page.press("#search", "Enter")
    _wait_focused(page, node)
    assert page.page.inner_text("#search-status") == ""


def test_search_by_alias_focuses_node(open_page, seed_html, seed_graph):
    keys = Counter(k for n in seed_graph for k in [n, *seed_graph.nodes[n].get("aliases", [])])
    node, alias = next((n, a) for n in sorted(seed_graph) for a in seed_graph.nodes[n].get("aliases", [])
                       if keys[a] == 1 and not any(a in m for m in seed_graph if m != n))
    page = open_page(seed_html)
    page.page.fill("#search", alias)
    page.page.click("#search-form button")
    _wait_focused(page, node)


def test_search_for_unknown_name_says_so(open_page, seed_html):
    page = open_page(seed_html)
    page.page.fill("#search", "不存在的机构名称")
    page.page.press("#search", "Enter")
    assert page.page.inner_text("#search-status") == "未找到"
    assert page.js("network.getSelectedNodes()") == []


def test_type_and_relation_filters_hide_and_show(open_page, seed_html, seed_graph):
    page = open_page(seed_html)
    orgs = {n for n, t in seed_graph.nodes(data="type") if t == "ORG"}
    page.page.uncheck('input[data-type="ORG"]')
    visible = set(page.js("network.body.nodeIndices"))
    assert visible == set(seed_graph) - orgs
    assert set(page.js("nodes.get({filter: n => n.hidden}).map(n => n.id)")) == orgs
    shown_edges = page.js("edges.get({filter: e => !e.hidden}).map(e => [e.from, e.to])")
    assert shown_edges and not any(u in orgs or v in orgs for u, v in shown_edges)
    page.page.check('input[data-type="ORG"]')
    assert len(page.js("network.body.nodeIndices")) == seed_graph.number_of_nodes()

    relation = Counter(r for *_, r in seed_graph.edges(data="relation")).most_common(1)[0][0]
    page.page.uncheck(f'input[data-relation="{relation}"]')
    hidden = page.js("edges.get({filter: e => e.hidden}).map(e => e.info.relation)")
    assert hidden and set(hidden) == {relation}
    assert len(page.js("network.body.edgeIndices")) == seed_graph.number_of_edges() - len(hidden)


def _click_node(page: Page, node: str) -> None:
    """A real mouse click at the node's position on screen."""
    point = page.js("(id) => network.canvasToDOM(network.getPosition(id))", node)
    box = page.page.locator("#mynetwork canvas").bounding_box()
    page.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def _on_top(page: Page, node: str) -> bool:
    """Whether ``node`` is on screen and the one under the mouse at its own position."""
    return page.js("""(id) => {
        const p = network.canvasToDOM(network.getPosition(id));
        const box = document.getElementById("mynetwork");
        return p.x > 0 && p.y > 0 && p.x < box.clientWidth && p.y < box.clientHeight && network.getNodeAt(p) === id;
    }""", node)


def _clickable(page: Page, graph: nx.MultiDiGraph) -> str:
    """The busiest node that is on screen and on top at its own position."""
    return next(n for n in sorted(graph, key=lambda n: (-graph.degree(n), n)) if _on_top(page, n))


def test_click_shows_evidence_and_highlights_neighbourhood(open_page, seed_html, seed_graph):
    page = open_page(seed_html)
    node = _clickable(page, seed_graph)
    _click_node(page, node)
    panel = page.page.inner_text("#panel")
    assert seed_graph.nodes[node]["name"] in panel
    incident = [*seed_graph.out_edges(node, data=True), *seed_graph.in_edges(node, data=True)]
    for _, _, attrs in incident:
        for evidence in attrs["evidence"]:
            assert " ".join(evidence["sentence"].split()) in " ".join(panel.split())
            assert evidence["doc"] in panel
    neighbours = set(nx.all_neighbors(seed_graph, node)) | {node}
    colours = page.js("Object.fromEntries(nodes.get().map(n => [n.id, n.color]))")
    assert {n for n, c in colours.items() if c != DIM_NODE} == neighbours

    page.page.mouse.click(*_empty_spot(page))
    assert DIM_NODE not in page.js("nodes.get().map(n => n.color)")
    assert page.page.inner_text("#panel") == "点击节点查看详情"


def _empty_spot(page: Page) -> tuple[float, float]:
    """Page coordinates of a point on the canvas with no node or edge under it."""
    box = page.page.locator("#mynetwork canvas").bounding_box()
    for fx in (0.02, 0.98, 0.5):
        for fy in (0.02, 0.98, 0.5):
            dom = {"x": box["width"] * fx, "y": box["height"] * fy}
            if page.js("(p) => network.getNodeAt(p) === undefined && network.getEdgeAt(p) === undefined", dom):
                return box["x"] + dom["x"], box["y"] + dom["y"]
    raise AssertionError("no empty spot")


def _hover_tooltip(page: Page, node: str) -> str:
    """Moves the mouse onto ``node`` and returns the text of the tooltip that appears."""
    point = page.js("(id) => network.canvasToDOM(network.getPosition(id))", node)
    box = page.page.locator("#mynetwork canvas").bounding_box()
    page.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = page.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    return tooltip.inner_text()


def test_hover_shows_tooltip(open_page, seed_html, seed_graph):
    page = open_page(seed_html)
    node = _clickable(page, seed_graph)
    assert seed_graph.nodes[node]["name"] in _hover_tooltip(page, node)


def test_layout_is_still_after_ready(open_page, seed_html):
    page = open_page(seed_html)
    before = page.js("network.getPositions()")
    page.js("window.frames_drawn = 0; network.on('afterDrawing', () => window.frames_drawn++)")
    page.page.wait_for_timeout(600)
    assert page.js("network.getPositions()") == before
    assert page.js("window.frames_drawn") == 0  # nothing moves, nothing is redrawn
    assert page.js("network.physics.physicsEnabled") is False


def test_crafted_document_cannot_run_script(open_page, tmp_path):
    source = tmp_path / "evil.txt"
    source.write_text(XSS_DOCUMENT, encoding="utf-8")
    G = build_graph([read_document(source, "evil<script>alert(8)</script>.txt")])
    for i, name in enumerate(XSS_NAMES):
        G.add_node(name, name=name, type="ORG", aliases=[name + "别名"], mentions=1, docs=[name])
        G.add_edge(name, "天津大学", key="cooperates_with", relation="cooperates_with", confidence=0.9,
                   role=name, evidence=[{"doc": name, "article": 0, "sentence": XSS_DOCUMENT.splitlines()[i],
                                         "start": 0, "end": 1}])
    path = tmp_path / "graph.html"
    render_html(G, path, title="<script>alert(9)</script>")
    assert any("<script>" in n or "<img" in n or "</script>" in n for n in build_graph(
        [read_document(source, "evil.txt")]).nodes), "the extractor no longer keeps the payloads in names"

    page = open_page(path)
    for node in sorted(G):
        page.js("(id) => focusNode(id)", node)
        edge_ids = page.js("(id) => network.getConnectedEdges(id)", node)
        for edge in edge_ids:
            page.js("(id) => selectEdge(id)", edge)
    page.page.fill("#search", "script")
    page.page.press("#search", "Enter")
    page.page.wait_for_timeout(300)

    assert page.dialogs == []
    assert page.js("window.__xss") is None
    assert page.js("document.querySelectorAll('img, svg[onload], [onerror], [onload]').length") == 0
    assert page.js("document.scripts.length") == 2
    assert page.blocked == []
    assert page.errors == []
    assert page.page.title() == "<script>alert(9)</script>"
    for name in XSS_NAMES:
        page.js("(id) => focusNode(id)", name)
        _wait_focused(page, name)
        assert name in page.page.inner_text("#panel")
    hovered = next(name for name in XSS_NAMES if _on_top(page, name))
    assert _hover_tooltip(page, hovered).startswith(hovered)
    assert page.js("window.__xss") is None and page.dialogs == []


def test_big_graph_ships_positions_with_physics_off(open_page, tmp_path):
    G = nx.MultiDiGraph()
    skeleton = nx.barabasi_albert_graph(BIG_GRAPH_NODES + 100, 2, seed=3)
    for n in skeleton:
        G.add_node(f"节点{n}", name=f"节点{n}", type="ORG", aliases=[], mentions=1, docs=["a"])
    for u, v in skeleton.edges:
        G.add_edge(f"节点{u}", f"节点{v}", key="part_of", relation="part_of", confidence=1.0, evidence=[])
    path = tmp_path / "big.html"
    render_html(G, path)
    page = open_page(path)
    assert page.errors == []
    assert page.js("options.physics.enabled") is False
    assert page.js("nodes.get().every(n => typeof n.x === 'number' && typeof n.y === 'number')")
    assert page.js("network.body.nodeIndices.length") == G.number_of_nodes()
    drawn = page.js("network.getPositions()")  # rounded to whole canvas units
    shipped = page.js("Object.fromEntries(nodes.get().map(n => [n.id, n]))")
    assert all(abs(drawn[n]["x"] - shipped[n]["x"]) <= 1 and abs(drawn[n]["y"] - shipped[n]["y"]) <= 1 for n in G)


def test_empty_graph_page_loads(open_page, tmp_path):
    path = tmp_path / "empty.html"
    render_html(nx.MultiDiGraph(), path)
    page = open_page(path)
    assert page.errors == [] and page.blocked == []
    assert page.js("nodes.length + edges.length") == 0
