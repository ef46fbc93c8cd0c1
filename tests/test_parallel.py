"""`-j N`: extraction in worker processes gives the same graph as one process."""
import gc
import json
import shutil
import weakref
from pathlib import Path

import networkx as nx

from graph import build
from graph.build import _worker_count, build_files

ROOT = Path(__file__).resolve().parents[1]
TEXTS = {
    "a.txt": "本报讯 天津大学与香港理工大学签署人才联合培养协议。",
    "b.txt": "本报讯 宁波市举行招商大会。华腾集团董事长王明表示,将在宁波市建设智能制造产业园。",
    "c.txt": "\x89PNG not a text",
}


def _dump(g: nx.MultiDiGraph) -> str:
    return json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, sort_keys=True)


def test_two_processes_give_the_same_graph_and_the_same_skips(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "BYTES_PER_WORKER", 1)  # two workers even for these small files
    shutil.copy(ROOT / "seeds" / "000_4ec6fe761e168837.txt", tmp_path)
    for name, text in TEXTS.items():
        (tmp_path / name).write_bytes(text.encode("utf-8") if not text.startswith("\x89") else b"\x89PNG\r\n")
    one = build_files([str(tmp_path)], jobs=1)
    two = build_files([str(tmp_path)], jobs=2)
    assert _dump(one.graph) == _dump(two.graph)
    assert (one.documents, one.articles) == (two.documents, two.articles) == (3, 5)
    assert [str(e) for e in one.skipped] == [str(e) for e in two.skipped] and len(two.skipped) == 1
    assert "天津大学" in two.graph and "王明" in two.graph


def test_small_inputs_start_fewer_workers(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x" * 100)
    (tmp_path / "b.txt").write_bytes(b"x" * (build.BYTES_PER_WORKER + 1))
    a, b, missing = (tmp_path / "a.txt", "a.txt"), (tmp_path / "b.txt", "b.txt"), (tmp_path / "c.txt", "c.txt")
    assert _worker_count([a, missing], 4) == 1
    assert _worker_count([a, b], 4) == 2
    assert _worker_count([a, b, b, b, b], 2) == 2


def test_the_scheduler_does_chores_while_a_worker_is_busy():
    events = []

    class Slow:
        """A worker's future that is ready after two looks."""

        def __init__(self, item):
            self.item, self.looks = item, 0

        def done(self):
            self.looks += 1
            return self.looks > 2

        def result(self):
            events.append(f"result {self.item}")
            return build.Extraction(self.item, self.item, "")

    def chores():
        for k in range(3):
            events.append(f"chore {k}")
            yield

    def submit(fn, item):
        events.append(f"submit {item}")
        return Slow(item)

    reused = build.Extraction("kept", "kept", "")
    got = [e.doc_id for e in build._in_order(["a", reused, "b"], submit, 1, chores())]
    assert got == ["a", "kept", "b"]
    # a worker's result is awaited doing chores (a reused extraction is not awaited); they run out
    assert events == ["submit a", "chore 0", "chore 1", "result a", "submit b", "chore 2", "result b"]


def test_what_an_icgraph_process_keeps_for_life_is_frozen_out_of_the_collectors_scans(monkeypatch):
    frozen = gc.get_freeze_count()
    monkeypatch.setattr(build, "_owns_process", False)
    with build._kept_for_life():
        kept = [[k] for k in range(1000)]
    assert gc.get_freeze_count() == frozen and gc.isenabled()  # a notebook's process is left alone
    monkeypatch.setattr(build, "_owns_process", True)
    try:
        with build._kept_for_life():
            assert not gc.isenabled()
            kept += [[k] for k in range(1000)]
        assert gc.get_freeze_count() >= frozen + 2000 and gc.isenabled()
    finally:
        gc.unfreeze()


def test_a_documents_reference_cycles_are_collected_before_what_it_leaves_is_frozen(monkeypatch):
    class Node:
        pass

    frozen = gc.get_freeze_count()
    monkeypatch.setattr(build, "_owns_process", True)
    try:
        with build._document_kept():
            cycle = Node()
            cycle.me = cycle
            gone = weakref.ref(cycle)
            del cycle
            kept = Node()
        assert gone() is None and gc.get_freeze_count() > frozen and gc.isenabled() and kept
    finally:
        gc.unfreeze()
