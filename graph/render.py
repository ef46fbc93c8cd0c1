"""Interactive HTML view of a graph: one self-contained, offline page.

Node and edge items and the network options are prepared with pyvis 0.3.2
(:func:`to_pyvis`); the page itself comes from the small template below rather
than pyvis's ``template.html``, because that template links bootstrap,
tom-select and (in "remote" mode) vis-network from CDNs. vis-network's JS and
CSS are inlined from the pyvis package, with their URL strings neutralised
(``http://`` becomes ``http:\\/\\/``, which is the same string to JavaScript and
CSS), so the page contains no ``http://``/``https://`` and makes no request.

Document text is untrusted: it enters the page only as JSON inside the
``<script>`` element, with ``< > & /`` and U+2028/U+2029 escaped, and the page
turns it into tooltips and the side panel with ``textContent`` only.

Small graphs are laid out by vis-network's physics, which is switched off once
stabilised; above :data:`BIG_GRAPH_NODES` nodes the positions are computed in
Python (:mod:`graph.layout_big`) and the page draws them with physics off.
When the network is drawn and still the page sets ``window.icgraphReady`` (and
``window.icgraphReadyAt``, milliseconds since navigation). Like pyvis's pages,
it exposes the vis ``Network`` as the global ``network`` and its DataSets as
``nodes`` and ``edges``.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("天津大学", name="天津大学", type="ORG", aliases=["天大"], mentions=1, docs=["a"])
>>> page = html_string(G, title="示例")
>>> "http://" in page, "天津大学" in page
(False, True)
"""
from __future__ import annotations

import html
import itertools
import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

import networkx as nx
from pyvis.network import Network

from graph.atomic import write_text_atomic
from graph.layout_big import force_positions
from graph.model import NODE_TYPE_LABELS, NODE_TYPES, RELATION_LABELS, RELATIONS, SYMMETRIC_RELATIONS
from graph.names import STRIP, match_key
from graph.text import to_simplified
from graph.view import View, select_view

__all__ = ["BIG_GRAPH_NODES", "FONT_STACK", "NODE_STYLES", "SIZE_BY", "html_string", "page_html",
           "render_html", "to_pyvis"]

BIG_GRAPH_NODES = 500
SIZE_BY = ("degree", "mentions")
FONT_STACK = ('"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",'
              '"WenQuanYi Micro Hei",sans-serif')

# (colour, vis shape) per node type. vis-network has only seven shapes that draw
# the label below the node and honour ``size`` (used for degree), so two of them
# are reused; the colour alone tells every type apart.
NODE_STYLES: dict[str, tuple[str, str]] = {
    "ORG": ("#4e79a7", "dot"),
    "PARK": ("#59a14f", "square"),
    "LOC": ("#9c755f", "triangle"),
    "PER": ("#e15759", "star"),
    "PRODUCT": ("#f28e2b", "diamond"),
    "PROJECT": ("#edc948", "hexagon"),
    "EVENT": ("#b07aa1", "triangleDown"),
    "POLICY": ("#76b7b2", "square"),
    "INDUSTRY": ("#ff9da7", "hexagon"),
}
_UNKNOWN_STYLE = ("#9aa5b1", "dot")
_EDGE_COLOUR = "#9aa5b1"
_STABILIZATION_ITERATIONS = 300
_ROUNDNESS_STEP = 0.2
_LAYOUT_SEED = 7
_VIS_DIR = "lib/vis-9.1.2"

_SVG_SHAPES = {
    "dot": '<circle cx="8" cy="8" r="6.5" fill="{c}"/>',
    "square": '<rect x="2" y="2" width="12" height="12" fill="{c}"/>',
    "triangle": '<polygon points="8,1.5 14.5,14 1.5,14" fill="{c}"/>',
    "triangleDown": '<polygon points="1.5,2 14.5,2 8,14.5" fill="{c}"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8" fill="{c}"/>',
    "star": '<polygon points="8,1 9.8,6 15,6 10.8,9.2 12.3,14.5 8,11.3 3.7,14.5 5.2,9.2 1,6 6.2,6" fill="{c}"/>',
    "hexagon": '<polygon points="8,1 14,4.5 14,11.5 8,15 2,11.5 2,4.5" fill="{c}"/>',
}
_SVG_LINE = '<line x1="1" y1="8" x2="{x2}" y2="8" stroke="#7b8794" stroke-width="1.6"/>'
_SVG_ARROW = '<polygon points="10,4 16,8 10,12" fill="#7b8794"/>'
_URL_SCHEME = re.compile(r"(?i)(https?):/{2}")
_JS_MARKUP = re.compile(r"(?i)<(?=/script|!--)")
_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("/", "\\/"),
                   ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")


def render_html(G: nx.MultiDiGraph, path: str | os.PathLike[str], title: str = "icgraph", *,
                types: Iterable[str] | None = None, relations: Iterable[str] | None = None,
                focus: str | None = None, depth: int = 1, max_nodes: int | None = None,
                size_by: str = "degree") -> View:
    """Atomically write the interactive view of ``G`` to ``path``; returns what was drawn.

    The keyword options are those of :func:`graph.view.select_view` (which part
    of ``G`` to draw) and ``size_by`` (``"degree"`` or ``"mentions"``).

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "graph.html"
    >>> render_html(nx.MultiDiGraph([("a", "b")]), path, max_nodes=1).notes[0]
    '节点过多：只显示连接最多的 1 个节点（共 2 个）'
    >>> path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    view = select_view(G, types, relations, focus, depth, max_nodes)
    write_text_atomic(path, page_html(view, title, size_by))
    return view


def html_string(G: nx.MultiDiGraph, title: str = "icgraph", *,
                types: Iterable[str] | None = None, relations: Iterable[str] | None = None,
                focus: str | None = None, depth: int = 1, max_nodes: int | None = None,
                size_by: str = "degree") -> str:
    """The interactive view of ``G`` as one HTML document (deterministic for a given graph).

    >>> "机构" in html_string(nx.MultiDiGraph())
    True
    """
    return page_html(select_view(G, types, relations, focus, depth, max_nodes), title, size_by)


def page_html(view: View, title: str = "icgraph", size_by: str = "degree") -> str:
    """The page for a :class:`~graph.view.View`: physics for small graphs, Python positions for big ones.

    >>> page = page_html(View(nx.MultiDiGraph(), 0, 0, ("只显示类型：机构",)))
    >>> '<p id="notice">只显示类型：机构</p>' in page
    True
    """
    G = view.graph
    positions = force_positions(G) if G.number_of_nodes() > BIG_GRAPH_NODES else None
    net = to_pyvis(G, size_by=size_by, positions=positions)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return _fill(_PAGE, {
        "TITLE": _html_text(title),
        "VIS_CSS": _vis_css(),
        "VIS_JS": _vis_js(),
        "PAGE_CSS": _PAGE_CSS.replace("FONT_STACK", FONT_STACK),
        "NOTICE": _notice_html(view.notes),
        "TYPE_FILTERS": _type_filters_html(G),
        "RELATION_FILTERS": _relation_filters_html(G),
        "NODES": _script_json(nodes),
        "EDGES": _script_json(edges),
        "OPTIONS": _script_json(_vis_options(json.loads(options), static=positions is not None)),
        "SEARCH": _script_json(_search_data(n["info"]["keys"] for n in nodes)),
        "PAGE_JS": _PAGE_JS,
    })


def to_pyvis(G: nx.MultiDiGraph, size_by: str = "degree",
             positions: dict[Hashable, tuple[float, float]] | None = None) -> Network:
    """A pyvis ``Network`` holding styled node and edge items for ``G``.

    Items are built from fresh dicts (``G`` is never mutated). Besides vis
    options, every item carries an ``info`` dict that the page uses for
    search, tooltips and the side panel; nodes are sorted by id and edges by
    ``(source, target, key)``, edge ids are their positions in that order.
    With ``positions`` the nodes get ``x``/``y`` and physics is off.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="signed_with", relation="signed_with")
    'signed_with'
    >>> net = to_pyvis(G)
    >>> net.edges[0]["label"], net.edges[0]["arrows"]
    ('签约', {'to': {'enabled': False}})
    >>> to_pyvis(G, positions={"a": (0.0, 1.0), "b": (2.0, 3.0)}).nodes[1]["x"]
    2.0
    """
    if size_by not in SIZE_BY:
        raise ValueError(f"size_by must be one of {SIZE_BY}, not {size_by!r}")
    # cdn_resources only affects pyvis's own template, which page_html does not use.
    net = Network(directed=True, cdn_resources="remote")
    net.node_ids = _NodeIds()
    degree = Counter(end for edge in G.edges() for end in edge)  # G.degree(): 4x slower
    for node in sorted(G.nodes, key=str):
        xy = dict(zip("xy", positions[node], strict=True)) if positions else {}
        net.add_node(node, **_node_item(G.nodes[node], node, degree[node], size_by), **xy)
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for index, ((u, v, key, attrs), curve) in enumerate(zip(edges, _curves(edges), strict=True)):
        net.add_edge(u, v, id=index, **_edge_item(key, attrs), **curve)
    net.barnes_hut(gravity=-3000, central_gravity=0.6, spring_length=110,
                   spring_strength=0.04, damping=0.4, overlap=0.4)
    net.options.physics.stabilization.iterations = _STABILIZATION_ITERATIONS
    net.toggle_physics(positions is None)
    net.set_edge_smooth("continuous")
    net.inherit_edge_colors(False)
    return net


class _NodeIds(list):
    """pyvis's list of node ids with set-speed membership tests.

    pyvis checks ``id in node_ids`` for every node and both ends of every edge it
    adds, which is quadratic on a list (seconds for 20,000 nodes).

    >>> ids = _NodeIds(); ids.append("a"); ("a" in ids, "b" in ids, list(ids))
    (True, False, ['a'])
    """

    def __init__(self) -> None:
        super().__init__()
        self._members: set[Hashable] = set()

    def append(self, item: Hashable) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def _node_item(attrs: dict[str, Any], node: Hashable, degree: int, size_by: str) -> dict[str, Any]:
    """vis options and ``info`` for a node with ``attrs``: colour/shape by type, size by degree or mentions."""
    node_type = attrs.get("type", "")
    colour, shape = NODE_STYLES.get(node_type, _UNKNOWN_STYLE)
    name = str(attrs.get("name") or node)
    aliases = [str(a) for a in attrs.get("aliases") or []]
    mentions = attrs.get("mentions") if isinstance(attrs.get("mentions"), int) else 0
    info = {
        "name": name,
        "type": node_type,
        "typeLabel": NODE_TYPE_LABELS.get(node_type, node_type),
        "aliases": aliases,
        "mentions": mentions,
        "docCount": len(attrs.get("docs") or []),
        "keys": _search_keys([name, *aliases]),
    }
    weight = degree if size_by == "degree" else max(mentions - 1, 0)
    return {"label": name, "shape": shape, "color": colour, "size": _size(weight), "info": info}


def _size(weight: float) -> float:
    """Node size for a degree or mention count: grows with the square root, capped.

    >>> _size(0), _size(4), _size(10_000)
    (10.0, 20.0, 50.0)
    """
    return min(round(10 + 5 * math.sqrt(weight), 2), 50.0)


def _search_keys(forms: list[str]) -> list[str]:
    """What the search box matches: each form Simplified, NFKC, lower case, without quotes or spaces.

    >>> _search_keys(["天津大學", "《ＴＪＵ》", "天津大学"])
    ['tju', '天津大学']
    """
    return sorted({match_key(form).lower() for form in forms} - {""})


def _search_data(keys: Iterable[list[str]]) -> dict[str, Any]:
    """What the page's search needs: the characters it strips and a Traditional → Simplified map.

    The map holds only the Traditional characters whose Simplified form occurs
    in some search key, so a query in either script finds the node.

    >>> _search_data([["天津大学"]])["t2s"]
    {'學': '学'}
    """
    used = set(itertools.chain.from_iterable(itertools.chain.from_iterable(keys)))
    return {"strip": STRIP, "t2s": {t: s for t, s in _traditional_chars().items() if s in used}}


@lru_cache(maxsize=1)
def _traditional_chars() -> dict[str, str]:
    """Every CJK unified ideograph (basic block and extension A) that Simplified script writes differently.

    >>> _traditional_chars()["醫"]
    '医'
    """
    chars = [chr(c) for c in itertools.chain(range(0x3400, 0x4DC0), range(0x4E00, 0xA000))]
    # one conversion for all, a character per line: OpenCC's phrases do not span lines
    converted = to_simplified("\n".join(chars)).split("\n")
    return {c: s for c, s in zip(chars, converted, strict=True) if s != c}


def _edge_item(key: str, attrs: dict[str, Any]) -> dict[str, Any]:
    """vis options and ``info`` for one edge: Chinese label, arrows unless symmetric."""
    relation = attrs.get("relation", key)
    symmetric = relation in SYMMETRIC_RELATIONS
    confidence = attrs.get("confidence")
    info = {
        "relation": relation,
        "relationLabel": RELATION_LABELS.get(relation, relation),
        "symmetric": symmetric,
        "details": _edge_details(attrs),
        "evidence": [{"doc": str(ev.get("doc", "")), "article": ev.get("article"),
                      "sentence": str(ev.get("sentence", ""))}
                     for ev in attrs.get("evidence") or [] if isinstance(ev, dict)],
    }
    arrows = {"to": {"enabled": False}} if symmetric else "to"
    width = 1 + 2 * confidence if isinstance(confidence, (int, float)) else 1.5
    return {"label": info["relationLabel"], "arrows": arrows, "width": round(width, 2), "info": info}


def _edge_details(attrs: dict[str, Any]) -> list[str]:
    """Display lines for role, agreement, amount, date and confidence.

    >>> _edge_details({"role": "主任", "amount_yuan": 1.5e9, "confidence": 0.8})
    ['角色：主任', '金额：15亿元', '置信度：0.80']
    """
    lines = []
    for key, label in (("role", "角色"), ("agreement", "协议")):
        if attrs.get(key):
            lines.append(f"{label}：{attrs[key]}")
    if attrs.get("amount_text"):
        lines.append(f"金额：{attrs['amount_text']}")
    elif isinstance(attrs.get("amount_yuan"), (int, float)):
        lines.append(f"金额：{_format_yuan(attrs['amount_yuan'])}")
    if attrs.get("date"):
        lines.append(f"日期：{attrs['date']}")
    if isinstance(attrs.get("confidence"), (int, float)):
        lines.append(f"置信度：{attrs['confidence']:.2f}")
    return lines


def _format_yuan(amount: float) -> str:
    """``amount`` in 亿元/万元/元.

    >>> _format_yuan(2.5e8), _format_yuan(30000), _format_yuan(12)
    ('2.5亿元', '3万元', '12元')
    """
    for unit, scale in (("亿元", 1e8), ("万元", 1e4)):
        if abs(amount) >= scale:
            return f"{amount / scale:g}{unit}"
    return f"{amount:g}元"


def _curves(edges: list[tuple[str, str, str, dict]]) -> list[dict[str, Any]]:
    """Per-edge ``smooth`` (or ``selfReference``) options that keep parallel edges apart.

    Edges between the same two nodes (either direction) are numbered: the first
    is straight, the others alternate sides with growing roundness. Self-loops
    grow in size instead.

    >>> [c["smooth"] for c in _curves([("a", "b", "x", {}), ("b", "a", "y", {})])]
    [{'enabled': False}, {'enabled': True, 'type': 'curvedCCW', 'roundness': 0.2}]
    """
    seen: dict[tuple[str, str], int] = defaultdict(int)
    curves = []
    for u, v, _key, _attrs in edges:
        pair = (u, v) if str(u) <= str(v) else (v, u)
        index = seen[pair]
        seen[pair] += 1
        if u == v:
            curves.append({"selfReference": {"size": 20 + 10 * index}})
        elif index == 0:
            curves.append({"smooth": {"enabled": False}})
        else:
            clockwise = (index % 2 == 1) == ((u, v) == pair)
            curves.append({"smooth": {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                                      "roundness": round(_ROUNDNESS_STEP * ((index + 1) // 2), 2)}})
    return curves


def _vis_options(options: dict[str, Any], static: bool) -> dict[str, Any]:
    """pyvis's options plus what pyvis has no setter for: fonts, edge colour, hover, seed.

    ``static`` (positions computed in Python) also drops edge curves and hides
    edges while dragging or zooming, which keeps big graphs responsive.
    """
    options["physics"]["solver"] = "barnesHut"
    options["nodes"] = {"font": {"face": FONT_STACK, "size": 18, "color": "#1f2933",
                                 "strokeWidth": 4, "strokeColor": "#ffffff"}}
    options["edges"]["color"].update(color=_EDGE_COLOUR, highlight="#3e4c59", hover="#3e4c59", opacity=1)
    options["edges"]["font"] = {"face": FONT_STACK, "size": 13, "color": "#52606d",
                                "strokeWidth": 3, "strokeColor": "#ffffff"}
    options["interaction"].update(hover=True, tooltipDelay=150, hideEdgesOnDrag=static, hideEdgesOnZoom=static)
    options["layout"] = {"randomSeed": _LAYOUT_SEED, "improvedLayout": not static}
    if static:
        options["edges"]["smooth"] = {"enabled": False}
    return options


def _type_filters_html(G: nx.MultiDiGraph) -> str:
    """Legend and type filter: a checkbox, an SVG icon, the Chinese label and the count per node type."""
    counts = Counter(t for _, t in G.nodes(data="type"))
    items = []
    for node_type in NODE_TYPES:
        colour, shape = NODE_STYLES[node_type]
        icon = _SVG_SHAPES[shape].format(c=colour)
        items.append(_filter_item("type", node_type, icon, NODE_TYPE_LABELS[node_type], counts[node_type]))
    return "".join(items)


def _relation_filters_html(G: nx.MultiDiGraph) -> str:
    """Relation filter: a checkbox, a line (with an arrow if directed), the label and the count."""
    counts = Counter(r or k for _, _, k, r in G.edges(keys=True, data="relation"))
    items = []
    for relation in RELATIONS:
        directed = relation not in SYMMETRIC_RELATIONS
        icon = _SVG_LINE.format(x2=11 if directed else 15) + (_SVG_ARROW if directed else "")
        items.append(_filter_item("relation", relation, icon, RELATION_LABELS[relation], counts[relation]))
    return "".join(items)


def _filter_item(kind: str, value: str, icon: str, label: str, count: int) -> str:
    """One legend entry; entries with nothing to filter are disabled.

    >>> _filter_item("type", "ORG", "", "机构", 0)
    '<li><label><input type="checkbox" data-type="ORG" checked disabled><svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"></svg>机构<span class="count">0</span></label></li>'
    """
    disabled = "" if count else " disabled"
    return (f'<li><label><input type="checkbox" data-{kind}="{value}" checked{disabled}>'
            f'<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">{icon}</svg>'
            f'{_html_text(label)}<span class="count">{count}</span></label></li>')


def _notice_html(notes: tuple[str, ...]) -> str:
    """The line that says what the view leaves out (nothing when it shows everything).

    >>> _notice_html(("只显示类型：机构", "显示 1 / 2 个节点"))
    '<p id="notice">只显示类型：机构；显示 1 &#47; 2 个节点</p>'
    >>> _notice_html(())
    ''
    """
    return f'<p id="notice">{_html_text("；".join(notes))}</p>' if notes else ""


def _script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&``, ``/``, U+2028/9.

    >>> _script_json({"name": "</script>"})
    '{"name":"\\\\u003c\\\\/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in _SCRIPT_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def _html_text(text: str) -> str:
    """``text`` escaped for HTML element content; ``/`` too, so no URL survives.

    >>> _html_text("<b>a/b</b>")
    '&lt;b&gt;a&#47;b&lt;&#47;b&gt;'
    """
    return html.escape(text).replace("/", "&#47;")


@lru_cache(maxsize=1)
def _vis_js() -> str:
    """vis-network's JS from the pyvis package, safe to inline and URL-free."""
    js = _read_vis("vis-network.min.js")
    return _JS_MARKUP.sub(r"\\x3C", _URL_SCHEME.sub(r"\1:\\/\\/", js))


@lru_cache(maxsize=1)
def _vis_css() -> str:
    """vis-network's CSS from the pyvis package, URL-free."""
    return _URL_SCHEME.sub(r"\1:\\/\\/", _read_vis("vis-network.css"))


def _read_vis(name: str) -> str:
    return resources.files("pyvis").joinpath(f"{_VIS_DIR}/{name}").read_text(encoding="utf-8")


def _fill(template: str, values: dict[str, str]) -> str:
    """Replace ``@@NAME@@`` placeholders in one pass (inserted text is not rescanned).

    >>> _fill("@@A@@ @@B@@", {"A": "@@B@@", "B": "b"})
    '@@B@@ b'
    """
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


_PAGE_CSS = """
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: FONT_STACK; color: #1f2933;
       background: #f5f7fa; font-size: 14px; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 8px 16px;
         background: #fff; border-bottom: 1px solid #d9e2ec; }
header h1 { font-size: 18px; font-weight: 600; margin: 0; }
#search-form { display: flex; gap: 6px; align-items: center; }
#search { width: 240px; padding: 5px 8px; border: 1px solid #bcccdc; border-radius: 4px;
          font: inherit; }
#search-form button, button.link { font: inherit; cursor: pointer; }
#search-form button { padding: 5px 12px; border: 1px solid #4e79a7; border-radius: 4px;
                      background: #4e79a7; color: #fff; }
#search-status { color: #c2410c; }
#notice { margin: 0; padding: 3px 10px; border-radius: 4px; background: #fff3c4; color: #8d2b0b; }
main { flex: 1; display: flex; min-height: 0; }
#view { flex: 1; display: flex; flex-direction: column; min-width: 0; position: relative; }
#progress { position: absolute; top: 12px; left: 16px; margin: 0; color: #627d98; }
#mynetwork { flex: 1; min-height: 0; background: #fff; }
#filters { padding: 4px 16px 6px; background: #fff; border-top: 1px solid #d9e2ec; font-size: 13px; }
#filters ul { display: flex; flex-wrap: wrap; align-items: center; gap: 0 16px; margin: 0; padding: 0;
              list-style: none; line-height: 1.9; }
#filters .heading { color: #52606d; font-weight: 600; }
#filters label { display: flex; align-items: center; gap: 4px; cursor: pointer; }
#filters input { margin: 0; }
#filters input:disabled ~ * { opacity: .4; }
#filters .count { color: #7b8794; font-size: 12px; }
#filters .note { color: #627d98; font-size: 12px; }
#panel { flex: 0 0 360px; box-sizing: border-box; overflow-y: auto; overflow-wrap: anywhere;
         padding: 12px 16px; background: #fff; border-left: 1px solid #d9e2ec; }
#panel h2 { font-size: 18px; margin: 4px 0 8px; word-break: break-all; }
#panel h3 { font-size: 15px; margin: 16px 0 8px; }
#panel p { margin: 4px 0; }
.hint, .meta, .doc { color: #627d98; }
.doc { font-size: 12px; }
ul.relations { list-style: none; margin: 0; padding: 0; }
ul.relations > li { padding: 8px 0; border-top: 1px solid #e4e7eb; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; background: #e4e7eb; }
button.link { border: 0; padding: 0; background: none; color: #2f5d8a; text-decoration: underline; }
ol.evidence { margin: 6px 0 0; padding-left: 20px; }
ol.evidence li { margin-bottom: 6px; }
div.vis-tooltip { font-family: FONT_STACK; white-space: normal; max-width: 420px; }
.tip .quote { margin-top: 4px; }
"""

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@@TITLE@@</title>
<style>@@VIS_CSS@@</style>
<style>@@PAGE_CSS@@</style>
<script>@@VIS_JS@@</script>
</head>
<body>
<header>
<h1>@@TITLE@@</h1>
<form id="search-form" autocomplete="off">
<input id="search" type="search" list="names" placeholder="搜索名称或别名（简繁皆可）">
<button type="submit">定位</button>
<span id="search-status"></span>
</form>
<datalist id="names"></datalist>
@@NOTICE@@
</header>
<main>
<div id="view">
<p id="progress" hidden>正在布局…</p>
<div id="mynetwork"></div>
<div id="filters">
<ul id="legend"><li class="heading">类型</li>@@TYPE_FILTERS@@</ul>
<ul id="relation-filters"><li class="heading">关系</li>@@RELATION_FILTERS@@
<li class="note">箭头表示方向；签约、合作无方向</li></ul>
</div>
</div>
<aside id="panel"><p class="hint">点击节点查看详情</p></aside>
</main>
<script>
"use strict";
var nodes;
var edges;
var network;
var options = @@OPTIONS@@;
var nodeData = @@NODES@@;
var edgeData = @@EDGES@@;
var search = @@SEARCH@@;
@@PAGE_JS@@
</script>
</body>
</html>
"""

_PAGE_JS = """
var DIM_NODE = "#dde2e7";
var DIM_TEXT = "#a3adb8";
var DIM_EDGE = {color: "#e4e7eb", highlight: "#e4e7eb", hover: "#e4e7eb", inherit: false, opacity: 1};
var nodeById = {};
var hiddenTypes = {};
var hiddenRelations = {};
var dimmedNodes = {};
var dimmedEdges = {};
var animating = false;
var pendingMove = null;
window.icgraphReady = false;
nodeData.forEach(function (n) { nodeById[n.id] = n; });

function el(tag, text, className) {
  var e = document.createElement(tag);
  if (text !== undefined && text !== null) { e.textContent = String(text); }
  if (className) { e.className = className; }
  return e;
}
function add(parent, tag, text, className) {
  return parent.appendChild(el(tag, text, className));
}
function clip(text, n) {
  return text.length > n ? text.slice(0, n) + "…" : text;
}
function arrow(info, outgoing) {
  return info.symmetric ? " — " : (outgoing ? " → " : " ← ");
}
function nodeTooltip(info) {
  var box = el("div", null, "tip");
  add(box, "strong", info.name);
  add(box, "div", info.typeLabel);
  if (info.aliases.length) { add(box, "div", "别名：" + info.aliases.join("、")); }
  return box;
}
function edgeTooltip(edge) {
  var info = edge.info;
  var box = el("div", null, "tip");
  add(box, "strong", info.relationLabel);
  add(box, "div", nodeById[edge.from].info.name + arrow(info, true) + nodeById[edge.to].info.name);
  info.details.forEach(function (line) { add(box, "div", line); });
  if (info.evidence.length) {
    add(box, "div", "“" + clip(info.evidence[0].sentence, 160) + "”", "quote");
    add(box, "div", info.evidence[0].doc, "doc");
  }
  return box;
}
function nodeLink(id) {
  var link = el("button", nodeById[id].info.name, "link");
  link.type = "button";
  link.addEventListener("click", function () { focusNode(id); });
  return link;
}
function evidenceList(info) {
  var list = el("ol", null, "evidence");
  info.evidence.forEach(function (ev) {
    var li = add(list, "li");
    add(li, "div", ev.sentence);
    add(li, "div", ev.doc + (typeof ev.article === "number" ? " · 第 " + (ev.article + 1) + " 篇" : ""), "doc");
  });
  return list;
}
function relationItem(edge, id) {
  var info = edge.info;
  var outgoing = edge.from === id;
  var item = el("li");
  var head = add(item, "div");
  add(head, "span", info.relationLabel, "badge");
  add(head, "span", arrow(info, outgoing));
  head.appendChild(nodeLink(outgoing ? edge.to : edge.from));
  info.details.forEach(function (line) { add(item, "div", line, "meta"); });
  item.appendChild(evidenceList(info));
  return item;
}
function showNode(id) {
  var info = nodeById[id].info;
  var panel = document.getElementById("panel");
  panel.replaceChildren();
  add(panel, "h2", info.name);
  add(panel, "p", info.typeLabel);
  if (info.aliases.length) { add(panel, "p", "别名：" + info.aliases.join("、")); }
  add(panel, "p", "提及 " + info.mentions + " 次 · 来源文档 " + info.docCount + " 篇", "meta");
  var incident = edges.get(network.getConnectedEdges(id));
  incident.sort(function (a, b) { return a.id - b.id; });
  add(panel, "h3", "关系（" + incident.length + "）");
  var list = add(panel, "ul", null, "relations");
  incident.forEach(function (edge) { list.appendChild(relationItem(edge, id)); });
}
function showEdge(id) {
  var edge = edges.get(id);
  var info = edge.info;
  var panel = document.getElementById("panel");
  panel.replaceChildren();
  add(panel, "h2", info.relationLabel);
  var ends = add(panel, "p");
  ends.appendChild(nodeLink(edge.from));
  add(ends, "span", arrow(info, true));
  ends.appendChild(nodeLink(edge.to));
  info.details.forEach(function (line) { add(panel, "p", line, "meta"); });
  add(panel, "h3", "证据（" + info.evidence.length + "）");
  panel.appendChild(evidenceList(info));
}
function clearPanel() {
  var panel = document.getElementById("panel");
  panel.replaceChildren();
  add(panel, "p", "点击节点查看详情", "hint");
}

function paint(keepNodes, keepEdges) {
  var nodeUpdates = [];
  var edgeUpdates = [];
  nodeData.forEach(function (n) {
    var dim = keepNodes !== null && !keepNodes[n.id];
    if (dim !== Boolean(dimmedNodes[n.id])) {
      dimmedNodes[n.id] = dim;
      nodeUpdates.push({id: n.id, color: dim ? DIM_NODE : n.color,
                        font: {color: dim ? DIM_TEXT : options.nodes.font.color}});
    }
  });
  edgeData.forEach(function (e) {
    var dim = keepEdges !== null && !keepEdges[e.id];
    if (dim !== Boolean(dimmedEdges[e.id])) {
      dimmedEdges[e.id] = dim;
      edgeUpdates.push({id: e.id, color: dim ? DIM_EDGE : options.edges.color,
                        font: {color: dim ? DIM_TEXT : options.edges.font.color}});
    }
  });
  nodes.update(nodeUpdates);
  edges.update(edgeUpdates);
}
function asSet(ids) {
  var set = {};
  ids.forEach(function (id) { set[id] = true; });
  return set;
}
function selectNode(id) {
  paint(asSet(network.getConnectedNodes(id).concat([id])), asSet(network.getConnectedEdges(id)));
  network.selectNodes([id]);
  showNode(id);
}
function selectEdge(id) {
  var edge = edges.get(id);
  paint(asSet([edge.from, edge.to]), asSet([id]));
  network.selectEdges([id]);
  showEdge(id);
}
function clearSelection() {
  paint(null, null);
  network.unselectAll();
  clearPanel();
}
function focusNode(id) {
  var type = nodeById[id].info.type;
  if (hiddenTypes[type]) {
    document.querySelector('input[data-type="' + type + '"]').checked = true;
    setTypeHidden(type, false);
  }
  selectNode(id);
  moveViewTo(id);
}
function moveViewTo(id) {
  // vis-network loses track of an animation that starts before the previous one has drawn a
  // frame, so a new move waits for the running one to finish.
  if (animating) {
    pendingMove = id;
    return;
  }
  animating = true;
  network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: {duration: 400}});
}

function normalise(text) {
  var out = "";
  Array.from(text.normalize("NFKC")).forEach(function (c) {
    if (search.strip.indexOf(c) < 0) { out += search.t2s[c] || c; }
  });
  return out.toLowerCase();
}
function findNode(query) {
  var q = normalise(query);
  var best = null;
  var bestRank = 3;
  if (!q) { return null; }
  nodeData.forEach(function (n) {
    n.info.keys.forEach(function (key) {
      var at = key.indexOf(q);
      var rank = at < 0 ? 3 : (at > 0 ? 2 : (key.length === q.length ? 0 : 1));
      if (rank < bestRank || (rank === bestRank && best !== null && n.size > nodeById[best].size)) {
        best = rank < 3 ? n.id : best;
        bestRank = rank;
      }
    });
  });
  return best;
}

function edgeHidden(e) {
  return Boolean(hiddenRelations[e.info.relation] || hiddenTypes[nodeById[e.from].info.type] ||
                 hiddenTypes[nodeById[e.to].info.type]);
}
function refreshEdges() {
  edges.update(edgeData.filter(function (e) { return edgeHidden(e) !== Boolean(edges.get(e.id).hidden); })
    .map(function (e) { return {id: e.id, hidden: edgeHidden(e)}; }));
}
function setTypeHidden(type, hidden) {
  hiddenTypes[type] = hidden;
  nodes.update(nodeData.filter(function (n) { return n.info.type === type; })
    .map(function (n) { return {id: n.id, hidden: hidden}; }));
  refreshEdges();
}
function setRelationHidden(relation, hidden) {
  hiddenRelations[relation] = hidden;
  refreshEdges();
}

function markReady() {
  network.once("afterDrawing", function () {
    document.getElementById("progress").hidden = true;
    window.icgraphReadyAt = performance.now();
    window.icgraphReady = true;
  });
  network.redraw();
}

nodeData.forEach(function (n) { n.title = nodeTooltip(n.info); });
edgeData.forEach(function (e) { e.title = edgeTooltip(e); });
nodes = new vis.DataSet(nodeData);
edges = new vis.DataSet(edgeData);
network = new vis.Network(document.getElementById("mynetwork"), {nodes: nodes, edges: edges}, options);
if (options.physics.enabled && nodeData.length) {
  document.getElementById("progress").hidden = false;
  network.on("stabilizationProgress", function (step) {
    var percent = Math.round(100 * step.iterations / step.total);
    document.getElementById("progress").textContent = "正在布局… " + percent + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: false});
    markReady();
  });
} else {
  markReady();
}
network.on("animationFinished", function () {
  var id = pendingMove;
  animating = false;
  pendingMove = null;
  if (id !== null) { moveViewTo(id); }
});
network.on("click", function (params) {
  if (params.nodes.length) { selectNode(params.nodes[0]); }
  else if (params.edges.length) { selectEdge(params.edges[0]); }
  else { clearSelection(); }
});

var names = document.getElementById("names");
nodeData.forEach(function (n) { add(names, "option").value = n.info.name; });
document.getElementById("search-form").addEventListener("submit", function (event) {
  event.preventDefault();
  var query = document.getElementById("search").value;
  var id = findNode(query);
  document.getElementById("search-status").textContent = id === null && query.trim() ? "未找到" : "";
  if (id !== null) { focusNode(id); }
});
document.querySelectorAll("#filters input[data-type]").forEach(function (box) {
  box.addEventListener("change", function () { setTypeHidden(box.dataset.type, !box.checked); });
});
document.querySelectorAll("#filters input[data-relation]").forEach(function (box) {
  box.addEventListener("change", function () { setRelationHidden(box.dataset.relation, !box.checked); });
});
"""
