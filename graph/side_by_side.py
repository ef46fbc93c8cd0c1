"""Run independent jobs (writing graph.html, graph.graphml, ...) side by side.

The jobs are closures over big in-memory objects such as the graph, so they are
not pickled: worker processes are forked after the jobs are set and inherit
them; only results and exceptions travel back. Off Linux (Windows has no
fork; on macOS system libraries such as Accelerate are not fork-safe), when
``processes`` is 1, or when other threads are running (forking them is unsafe),
the jobs run one after another in this process.

>>> done = []
>>> run_side_by_side([lambda: done.append("a") or 1, lambda: 2], processes=1), done
([1, 2], ['a'])
"""
from __future__ import annotations

import gc
import multiprocessing
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from threadpoolctl import ThreadpoolController

_jobs: Sequence[Callable[[], Any]] = ()


def run_side_by_side(jobs: Sequence[Callable[[], Any]], processes: int) -> list[Any]:
    """Results of calling every job, in order; up to ``processes`` run at once.

    The first job's exception (in job order) is raised, after all jobs ended.
    Put the longest job first: jobs are handed out in order.
    """
    global _jobs
    if processes <= 1 or len(jobs) <= 1 or not _can_fork():
        return [job() for job in jobs]
    _jobs = jobs
    gc.freeze()  # the workers' collectors then skip (and do not copy) everything inherited
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(processes, len(jobs)), mp_context=context) as pool:
            futures = [pool.submit(_run, k) for k in range(len(jobs))]
            return [future.result() for future in futures]
    finally:
        gc.unfreeze()
        _jobs = ()


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


def _run(k: int) -> Any:
    """Job ``k``, its numpy products on one thread: the jobs already keep the cores busy."""
    with ThreadpoolController().limit(limits=1, user_api="blas"):
        return _jobs[k]()
