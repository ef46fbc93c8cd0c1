"""Outputs are written side by side in forked processes, with the same bytes as one after another."""
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from graph.cache import CACHE_FILE
from graph.cli import main
from graph import side_by_side
from graph.side_by_side import run_side_by_side

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = ("graph.json", "graph.graphml", "graph.html", CACHE_FILE)


FRESH_PROCESS = """
import json, os
from graph import side_by_side
from graph.side_by_side import run_side_by_side
big = list(range(100_000))  # inherited by the forked workers, not pickled
results = run_side_by_side([lambda: (os.getpid(), len(big)), lambda: (os.getpid(), big[-1])], processes=2)
print(json.dumps({"parent": os.getpid(), "results": results}))
"""


def _fail() -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="jobs are forked on Linux only")
def test_jobs_run_in_other_processes_and_results_keep_their_order():
    # a fresh interpreter: threads left by other tests (Dask) would rightly stop the fork here
    out = subprocess.run([sys.executable, "-c", FRESH_PROCESS], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert [value for _, value in data["results"]] == [100_000, 99_999]
    assert all(pid != data["parent"] for pid, _ in data["results"])


def test_one_process_runs_the_jobs_here():
    assert run_side_by_side([os.getpid, os.getpid], processes=1) == [os.getpid()] * 2


def test_the_first_failing_job_raises_after_the_others_ran(tmp_path, monkeypatch):
    monkeypatch.setattr(side_by_side, "_can_fork", lambda: True)  # forks even if other tests left threads
    marker = tmp_path / "written"
    with pytest.raises(OSError, match="No space left"):
        run_side_by_side([_fail, lambda: marker.write_text("yes")], processes=2)
    assert marker.read_text() == "yes"


def test_other_threads_running_means_no_fork():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert run_side_by_side([os.getpid, os.getpid], processes=2) == [os.getpid()] * 2
    finally:
        stop.set()
        thread.join()


def test_build_with_two_jobs_writes_the_same_bytes_as_with_one(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(ROOT / "seeds" / "000_4ec6fe761e168837.txt", inputs)
    shutil.copytree(ROOT / "tests" / "data" / "news", inputs / "news")
    assert main(["build", str(inputs), "-o", str(tmp_path / "one"), "-q", "-j", "1"]) == 0
    assert main(["build", str(inputs), "-o", str(tmp_path / "two"), "-q", "-j", "2"]) == 0
    for name in OUTPUTS:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == sorted(OUTPUTS)
