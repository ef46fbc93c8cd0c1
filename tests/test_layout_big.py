"""Positions for big graphs: connected nodes simulated, nodes without edges on a spiral around them."""
import networkx as nx
import numpy as np

from graph.layout_big import force_positions


def _graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_edges_from((f"公司{i}", f"园区{i % 5}", "located_in") for i in range(40))
    G.add_nodes_from(f"孤立{i}" for i in range(300))
    G.add_edge("自环", "自环", "alias")
    return G


def test_every_node_gets_a_distinct_position_and_the_layout_is_deterministic():
    pos = force_positions(_graph())
    assert set(pos) == set(_graph().nodes)
    assert len(set(pos.values())) == len(pos)
    assert pos == force_positions(_graph())


def test_nodes_without_edges_circle_the_connected_part_spacing_apart():
    pos = force_positions(_graph(), spacing=150.0)
    linked = np.array([pos[n] for n in pos if n.startswith(("公司", "园区"))])
    lone = np.array([pos[n] for n in pos if n.startswith(("孤立", "自环"))])
    centre = linked.mean(axis=0)
    assert np.hypot(*(lone - centre).T).min() > np.hypot(*(linked - centre).T).max()
    nearest = [np.sort(np.hypot(*(lone - p).T))[1] for p in lone]
    assert min(nearest) > 100


def test_a_graph_without_edges_is_a_spiral_disc():
    pos = force_positions(nx.empty_graph(["a", "b", "c"]), spacing=100.0)
    assert sorted(pos) == ["a", "b", "c"]
    assert all(np.hypot(x, y) < 200 for x, y in pos.values())
