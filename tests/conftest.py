"""Shared fixtures: the seed page, its graph (built once) and the shared evaluation folder."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.ingest import read_document
from graph.pipeline import build_graph

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_4ec6fe761e168837.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """Path of the seed newspaper page (three articles)."""
    return SEED


@pytest.fixture
def seed_text() -> str:
    """The seed newspaper page as text."""
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_graph() -> nx.MultiDiGraph:
    """The graph of the seed page, built once per test session."""
    return build_graph([read_document(SEED, SEED.name)])


@pytest.fixture
def shared_eval() -> Path:
    """``../shared/eval`` next to the repository; the test is skipped when it is absent."""
    path = REPO.parent / "shared" / "eval"
    if not path.is_dir():
        pytest.skip("../shared/eval not present")
    return path
