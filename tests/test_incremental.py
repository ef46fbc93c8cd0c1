"""`build --update`: new documents added to a built graph equal a rebuild; `--dask local` equals a local build."""
import gzip
import json
import shutil
from pathlib import Path

import pytest

from graph import build, cache
from graph.build import build_files
from graph.cli import main

DEV = Path(__file__).parent / "data" / "news"
OUTPUTS = ("graph.json", "graph.graphml", "graph.html", cache.CACHE_FILE)


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """Two folders of news texts, a/ built first and b/ added later; paths relative to tmp_path."""
    texts = sorted(DEV.glob("*.txt"))
    assert len(texts) >= 4
    for folder, part in (("a", texts[:2]), ("b", texts[2:4])):
        (tmp_path / folder).mkdir()
        for path in part:
            shutil.copy(path, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _same_outputs(one: Path, two: Path) -> None:
    for name in OUTPUTS:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_update_equals_a_rebuild_of_all_inputs(corpus, capsys):
    assert main(["build", "a", "-o", "out", "-q", "-j", "1"]) == 0
    assert main(["build", "b", "--update", "out", "-q", "-j", "1"]) == 0
    assert main(["build", "a", "b", "-o", "full", "-q", "-j", "1"]) == 0
    _same_outputs(corpus / "out", corpus / "full")
    graph = json.loads((corpus / "out" / "graph.json").read_text(encoding="utf-8"))
    docs = {d for n in graph["nodes"] for d in n["docs"]}
    assert len(docs) == 4


def test_update_reads_back_line_separators_inside_texts(corpus):
    """The cache has a line per document: a U+2028 or U+0085 kept in a sentence must not split one."""
    (corpus / "a" / "seps.txt").write_text("本报讯 天津大学\u2028与浙江大学签署合作协议。\u0085宁波银行在宁波举行发布会。",
                                           encoding="utf-8")
    assert main(["build", "a", "-o", "out", "-q", "-j", "1"]) == 0
    assert main(["build", "b", "--update", "out", "-q", "-j", "1"]) == 0
    assert main(["build", "a", "b", "-o", "full", "-q", "-j", "1"]) == 0
    _same_outputs(corpus / "out", corpus / "full")


def test_update_reuses_unchanged_documents_and_replaces_changed_ones(corpus):
    first = build_files(["a", "b"])
    assert first.reused == 0 and first.documents == 4
    again = build_files(["a", "b"], previous=first.extractions)
    assert again.reused == 4
    assert json.dumps(sorted(again.graph.nodes)) == json.dumps(sorted(first.graph.nodes))
    changed = sorted((corpus / "b").iterdir())[0]
    changed.write_text("本报讯 温州市举行招商大会。海岳集团董事长周斌表示,将在温州市建设智能制造产业园。",
                       encoding="utf-8")
    updated = build_files(["b"], previous=first.extractions)
    rebuilt = build_files(["a", "b"])
    assert updated.reused == 1 and updated.documents == 4
    assert "周斌" in updated.graph and "周斌" not in first.graph
    assert json.dumps(sorted(updated.graph.edges(keys=True))) == json.dumps(sorted(rebuilt.graph.edges(keys=True)))


def test_update_of_a_folder_without_a_build_fails_clearly(corpus, capsys):
    (corpus / "empty").mkdir()
    assert main(["build", "b", "--update", "empty", "-q"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "empty: no earlier icgraph build to update" in err
    assert list((corpus / "empty").iterdir()) == []


@pytest.mark.parametrize("damage", [
    b"junk",
    gzip.compress(b"{not json"),
    gzip.compress(b'{"format": "something else"}'),
    gzip.compress(json.dumps({"format": cache.FORMAT, "fingerprint": "old", "inputs": [], "extractions": []}).encode()),
])
def test_update_on_a_damaged_or_foreign_cache_fails_and_keeps_the_outputs(corpus, capsys, damage):
    assert main(["build", "a", "-o", "out", "-q", "-j", "1"]) == 0
    (corpus / "out" / cache.CACHE_FILE).write_bytes(damage)
    before = (corpus / "out" / "graph.json").read_bytes()
    assert main(["build", "b", "--update", "out", "-q"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"out/{cache.CACHE_FILE}:" in err and "icgraph build INPUT... -o out" in err
    assert (corpus / "out" / "graph.json").read_bytes() == before


def test_the_code_fingerprint_reads_the_subpackages_code(monkeypatch):
    """A rule changed in graph/relations/ makes earlier caches another version's."""
    before = cache.code_fingerprint()
    original = Path.read_bytes

    def edited(path):
        data = original(path)
        return data + b"# edited" if path.parts[-2:] == ("relations", "places.py") else data

    cache.code_fingerprint.cache_clear()
    monkeypatch.setattr(Path, "read_bytes", edited)
    try:
        assert cache.code_fingerprint() != before
    finally:
        cache.code_fingerprint.cache_clear()


def test_update_and_out_cannot_be_combined(corpus, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", "a", "-o", "out", "--update", "out"])
    assert exc.value.code == 2 and "not allowed with" in capsys.readouterr().err


def test_dask_local_cluster_builds_the_same_graph(corpus, monkeypatch):
    pytest.importorskip("dask.distributed")
    monkeypatch.setattr(build, "BYTES_PER_WORKER", 1)  # a cluster of two workers even for this small corpus
    assert main(["build", "a", "b", "-o", "local", "-q", "-j", "1"]) == 0
    assert main(["build", "a", "b", "-o", "dask", "-q", "-j", "2", "--dask", "local"]) == 0
    _same_outputs(corpus / "local", corpus / "dask")


def test_unreachable_dask_scheduler_is_a_one_line_error(corpus, capsys, monkeypatch):
    pytest.importorskip("dask.distributed")
    from graph import distributed
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "1s")
    assert main(["build", "a", "-o", "out", "-q", "--dask", "tcp://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot reach the Dask scheduler" in err
    assert not (corpus / "out").exists()
