"""Shared fixtures: the seed page, its graph (built once) and the shared evaluation folder."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import networkx as nx
import pytest

from graph.ingest import read_document
from graph.pipeline import build_graph

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_4ec6fe761e168837.txt"


def pytest_configure(config: pytest.Config) -> None:
    """Send the temporary folders of doctests, the notebook's kernel and Dask to one folder, removed at the end.

    The doctests and the notebook show ``tempfile.mkdtemp()`` as a user would write it; without this
    every run of the suite would leave some twenty folders in the system's temporary directory.
    """
    folder = tempfile.mkdtemp(prefix="icgraph-tests-")
    tempfile.tempdir = folder
    os.environ["TMPDIR"] = folder
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


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
