"""Positions for big graphs, computed in Python so the browser only has to draw.

vis-network's in-browser physics takes minutes on a few thousand nodes; above
:data:`graph.render.BIG_GRAPH_NODES` the page ships these positions with physics
off. The layout is Fruchterman-Reingold with two approximations that keep an
iteration linear in the graph's size (numpy, no Python loop over nodes):

- repulsion from far nodes comes from the centres of mass of a coarse grid;
- repulsion between near nodes (closer than ``spacing``) is exact, found in a
  grid of cells ``spacing`` wide, so labels do not pile up.

A weak pull to the centre keeps disconnected parts from drifting off. Nodes
without edges (often most of a news graph) take no part in the simulation: they
are set on a sunflower spiral around it, ``spacing`` apart. The result is
deterministic for a given graph and seed.

>>> import networkx as nx
>>> pos = force_positions(nx.path_graph(["a", "b", "c"]))
>>> sorted(pos), all(isinstance(x, float) for xy in pos.values() for x in xy)
(['a', 'b', 'c'], True)
"""
from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

__all__ = ["force_positions"]

_GRID = 10  # far-field grid cells per side
_GRAVITY = 1.0  # pull to the centre: alone it would hold n nodes in a disc of radius spacing·√n


def force_positions(G: nx.Graph, spacing: float = 150.0, iterations: int = 80,
                    seed: int = 7) -> dict[Hashable, tuple[float, float]]:
    """Node → ``(x, y)`` in vis-network canvas units, about ``spacing`` apart.

    Edge direction and multiplicity are ignored; self-loops too.

    >>> pos = force_positions(nx.Graph([(1, 2)]), spacing=100)
    >>> 50 < abs(complex(*pos[1]) - complex(*pos[2])) < 200
    True
    >>> force_positions(nx.Graph())
    {}
    """
    linked = {node for u, v in G.edges() if u != v for node in (u, v)}
    nodes = sorted(linked, key=str)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in G.edges() if u != v})
    edges = np.array(pairs, dtype=np.intp).reshape(-1, 2)
    pos = _simulate(len(nodes), edges, spacing, iterations, np.random.default_rng(seed))
    lone = sorted((node for node in G.nodes if node not in linked), key=str)
    pos = np.concatenate([pos, _spiral_around(pos, len(lone), spacing)])
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in zip(nodes + lone, pos.tolist(), strict=True)}


def _spiral_around(pos: np.ndarray, count: int, spacing: float) -> np.ndarray:
    """``count`` positions on a sunflower spiral outside ``pos``, one per ``spacing``² of area.

    >>> ring = _spiral_around(np.array([[0.0, 0.0], [300.0, 0.0]]), 50, 100.0)
    >>> bool(np.hypot(*(ring - [150.0, 0.0]).T).min() > 250), ring.shape
    (True, (50, 2))
    """
    inner = np.hypot(*(pos - pos.mean(axis=0)).T).max() + spacing if len(pos) else 0.0
    m = np.arange(count) + 0.5
    radius = np.sqrt(inner ** 2 + m * spacing ** 2 / np.pi)
    angle = m * np.pi * (3 - np.sqrt(5))  # the golden angle
    centre = pos.mean(axis=0) if len(pos) else np.zeros(2)
    return centre + np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)


def _simulate(n: int, edges: np.ndarray, k: float, iterations: int, rng: np.random.Generator) -> np.ndarray:
    """Positions of ``n`` nodes after ``iterations`` cooling steps of the force model.

    >>> _simulate(2, np.array([[0, 1]]), 100.0, 50, np.random.default_rng(0)).shape
    (2, 2)
    """
    radius = k * np.sqrt(max(n, 1)) / 2
    pos = rng.uniform(-radius, radius, (n, 2))
    step, final_step = radius / 3, k / 20
    cooling = (final_step / step) ** (1 / max(iterations - 1, 1))
    for _ in range(iterations if n > 1 else 0):
        force = _far_repulsion(pos, k) + _near_repulsion(pos, k) + _attraction(pos, edges, k)
        force -= pos * _GRAVITY
        length = np.maximum(np.hypot(force[:, 0], force[:, 1]), 1e-9)
        pos += force * (np.minimum(length, step) / length)[:, None]
        step *= cooling
    return pos - pos.mean(axis=0) if n else pos


def _far_repulsion(pos: np.ndarray, k: float) -> np.ndarray:
    """Repulsion ``k²/d`` from the centres of mass of a ``_GRID``² grid, softened by a cell size.

    >>> f = _far_repulsion(np.array([[0.0, 0.0], [10.0, 0.0]]), 10.0)
    >>> bool(f[0, 0] < 0 < f[1, 0])
    True
    """
    low = pos.min(axis=0)
    span = np.maximum(pos.max(axis=0) - low, 1e-9)
    cells = np.minimum(((pos - low) / span * _GRID).astype(np.intp), _GRID - 1)
    cell = cells[:, 0] * _GRID + cells[:, 1]
    mass = np.bincount(cell, minlength=_GRID * _GRID).astype(float)
    used = mass > 0
    centres = np.stack([np.bincount(cell, pos[:, 0], _GRID * _GRID)[used],
                        np.bincount(cell, pos[:, 1], _GRID * _GRID)[used]], axis=1) / mass[used, None]
    # sum_c w_ic (p_i - c) = p_i sum_c w_ic - (W @ C)_i, with |p - c|² expanded: two matrix products
    # instead of a (nodes × cells) array per coordinate.
    softened = (centres * centres).sum(axis=1) + (span.max() / _GRID) ** 2
    d2 = (pos * pos).sum(axis=1)[:, None] + softened[None, :] - 2 * pos @ centres.T
    weight = (k * k) * mass[used] / d2
    return pos * weight.sum(axis=1)[:, None] - weight @ centres


def _near_repulsion(pos: np.ndarray, k: float) -> np.ndarray:
    """Exact repulsion ``k²/d`` between nodes at most ``k`` apart.

    >>> _near_repulsion(np.array([[0.0, 0.0], [5.0, 0.0], [50.0, 0.0]]), 10.0)
    array([[-20.,   0.],
           [ 20.,   0.],
           [  0.,   0.]])
    """
    pairs = _near_pairs(pos, k)
    return _pair_forces(pos, pairs, lambda d2: (k * k) / np.maximum(d2, 1e-2))


def _near_pairs(pos: np.ndarray, k: float) -> np.ndarray:
    """Pairs ``(i, j)`` of nodes at most ``k`` apart, found in a grid of cells ``k`` wide.

    Each cell is paired with itself and four of its neighbours (the other four
    pair with it from their side), so every pair is found once.

    >>> _near_pairs(np.array([[0.0, 0.0], [5.0, 0.0], [50.0, 0.0], [52.0, 9.0]]), 10.0).tolist()
    [[0, 1], [2, 3]]
    """
    cells = np.floor((pos - pos.min(axis=0)) / k).astype(np.intp)
    rows = int(cells[:, 1].max()) + 2 if len(pos) else 1  # a spare row: the ±1 neighbours of a cell never wrap
    cell = cells[:, 0] * rows + cells[:, 1]
    order = np.argsort(cell, kind="stable")
    sorted_cells = cell[order]
    found = []
    for offset in (0, 1, rows - 1, rows, rows + 1):
        lo = np.searchsorted(sorted_cells, sorted_cells + offset, "left")
        hi = np.searchsorted(sorted_cells, sorted_cells + offset, "right")
        if offset == 0:
            lo = np.arange(len(pos)) + 1  # after itself in its own cell
        count = np.maximum(hi - lo, 0)
        first = np.repeat(np.arange(len(pos)), count)
        second = np.repeat(lo - np.cumsum(count) + count, count) + np.arange(count.sum())
        near = ((pos[order[first]] - pos[order[second]]) ** 2).sum(axis=1) <= k * k
        found.append(np.stack([order[first[near]], order[second[near]]], axis=1))
    return np.concatenate(found)


def _attraction(pos: np.ndarray, edges: np.ndarray, k: float) -> np.ndarray:
    """Spring pull ``d²/k`` along every edge."""
    return _pair_forces(pos, edges, lambda d2: -1.0 + 0 * d2)


def _pair_forces(pos: np.ndarray, pairs: np.ndarray, scale) -> np.ndarray:
    """Sum over ``pairs (i, j)`` of ``scale(d²) · (p_i - p_j)`` on ``i`` and its opposite on ``j``.

    >>> _pair_forces(np.array([[0.0, 0.0], [1.0, 0.0]]), np.array([[0, 1]]), lambda d2: 1.0 + 0 * d2)
    array([[-1.,  0.],
           [ 1.,  0.]])
    """
    n = len(pos)
    if not len(pairs):
        return np.zeros_like(pos)
    i, j = pairs[:, 0], pairs[:, 1]
    delta = pos[i] - pos[j]
    f = delta * scale((delta * delta).sum(axis=1))[:, None]
    return np.stack([np.bincount(i, f[:, 0], n) - np.bincount(j, f[:, 0], n),
                     np.bincount(i, f[:, 1], n) - np.bincount(j, f[:, 1], n)], axis=1)
