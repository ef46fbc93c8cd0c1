"""notebooks/explore.ipynb: committed without outputs, and runs top to bottom with the answers expected on the seed."""
from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def test_committed_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> dict[str, dict]:
    """Execute the notebook in a fresh python3 kernel of this interpreter; tagged cells by tag.

    JUPYTER_DATA_DIR points at an empty folder so that a python3 kernel spec in
    the user's home cannot replace the one of this environment.
    """
    nb = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_DATA_DIR", str(tmp_path_factory.mktemp("jupyter")))
        mp.delenv("JUPYTER_PATH", raising=False)
        client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=120,
                                         resources={"metadata": {"path": str(NOTEBOOK.parent)}})
        client.execute()
    return {tag: cell for cell in nb.cells for tag in cell.metadata.get("tags", [])}


def _text(cell: dict) -> str:
    """Everything a cell showed as text: plain and HTML results, printed streams."""
    parts = []
    for output in cell.outputs:
        parts.append(output.get("text", ""))
        data = output.get("data", {})
        parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


def _has_image(cell: dict) -> bool:
    return any("image/png" in output.get("data", {}) for output in cell.outputs)


def test_build_loads_the_graph(executed):
    assert "<KnowledgeGraph:" in _text(executed["build"])
    assert "'signed_with'" in _text(executed["stats"])


def test_signings(executed):
    text = _text(executed["signed"])
    for name in ("天津大学", "香港理工大学", "浙江大学", "人才联合培养协议", "脑机海河实验室", "翔宇医疗"):
        assert name in text


def test_zone(executed):
    assert "天津滨海高新区管委会" in _text(executed["zone"])
    assert "天津市" in _text(executed["zone-where"])


def test_posts(executed):
    text = _text(executed["posts"])
    for name in ("韩林", "副主任", "天津滨海高新区管委会", "佟小光", "院长", "天津市环湖医院", "程龙", "总经理", "中电云脑"):
        assert name in text


def test_releases_and_events(executed):
    assert "神工一希夷" in _text(executed["released"])
    assert "干细胞药厂" in _text(executed["events"])


def test_central_actors_and_communities(executed):
    assert "pagerank" in _text(executed["actors"])
    assert _has_image(executed["actors-plot"])
    assert "天津大学" in _text(executed["communities"])
    assert _has_image(executed["communities-plot"])


def test_inline_html_and_graphml_export(executed):
    assert "<iframe srcdoc=" in _text(executed["html"])
    text = _text(executed["export"])
    assert "'graph.graphml'" in text and "'same as graph.json': True" in text
