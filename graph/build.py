"""Building from files: read each input, extract it (here, in worker processes or on a
Dask cluster), reuse what an earlier build already extracted, and assemble one graph.

Inputs are read one at a time by the process that schedules the work and handed
to the extractors with a bounded number in flight, so memory follows the graph,
not the corpus. Results are merged in input order, whatever ran them, so every
way of running gives the same graph.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("天津大学与香港理工大学签署合作协议。", encoding="utf-8")
>>> result = build_files([str(folder)])
>>> result.documents, sorted(result.graph.nodes)
(1, ['天津大学', '香港理工大学'])
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

from .assemble import assemble, preparation
from .errors import InputError
from .ingest import DEFAULT_MAX_BYTES, decode_bytes, find_inputs, parse, read_bytes
from .memory import paused_gc
from .pipeline import process_parsed, segments
from .resolve import ResolvedDocument

# Inputs in flight per worker: enough to keep workers busy (also while this process
# does a chore of a second), few enough that a corpus of millions of files is never all in memory.
IN_FLIGHT_PER_WORKER = 8
# Input one worker extracts in about the time another would take to start (load dictionaries and
# models, most of a second): for less input per worker, starting more costs more than it saves.
BYTES_PER_WORKER = 192 * 1024
_NO_CHORES = object()
WARM_UP_TEXT = "本报讯 宁波市举行招商大会，华腾集团董事长王明表示将在宁波建设产业园。"


@dataclass(frozen=True)
class InputFile:
    """One input's bytes, read by the scheduling process (workers need no shared disk)."""

    path: str
    doc_id: str
    digest: str
    data: bytes


@dataclass
class Extraction:
    """What one input file became; kept in the build cache for ``--update``.

    ``error`` is set when the input was skipped (then ``resolved`` is empty).
    ``stored`` is its line in the build cache when it was loaded from one, so
    writing the cache again does not re-encode it (do not change such an extraction).
    """

    path: str
    doc_id: str
    digest: str
    resolved: list[ResolvedDocument] = field(default_factory=list)
    articles: int = 0
    warnings: list[InputError] = field(default_factory=list)
    error: InputError | None = None
    stored: str | None = field(default=None, repr=False, compare=False)

    @property
    def order(self) -> tuple[str, str]:
        """Where the document sits among the inputs (as :func:`graph.ingest.find_inputs` sorts)."""
        return self.doc_id, self.path


@dataclass
class BuildResult:
    """A built graph and what went into it.

    ``skipped`` lists the inputs left out (missing, unreadable, binary, too big,
    undecodable, or an internal error while extracting); ``warnings`` lists inputs
    that were used but not cleanly (undecodable bytes replaced by U+FFFD).
    ``extractions`` are the documents in the graph, in order (the build cache);
    ``reused`` counts inputs taken from an earlier build instead of extracted.
    """

    graph: nx.MultiDiGraph
    documents: int
    articles: int
    skipped: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    reused: int = 0


class _Future(Protocol):
    def done(self) -> bool: ...

    def result(self) -> Extraction: ...


Submit = Callable[[Callable[[InputFile], Extraction], InputFile], _Future]


@dataclass(frozen=True)
class _Ready:
    value: Extraction

    def done(self) -> bool:
        return True

    def result(self) -> Extraction:
        return self.value


def extract_input(item: InputFile) -> Extraction:
    """Decode, parse and extract one input (runs in a worker with ``-j`` or ``--dask``)."""
    warm_up()
    with _document_kept():
        return _extract(item)


def _extract(item: InputFile) -> Extraction:
    done = Extraction(item.path, item.doc_id, item.digest)
    try:
        document = decode_bytes(item.data, item.path, item.doc_id, done.warnings)
    except InputError as exc:
        done.error = exc
        return done
    try:
        parsed = parse(document)
        done.resolved = [process_parsed(part) for part in segments(parsed)]
        done.articles = len(parsed.articles)
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:  # a bug in extraction must not sink the other inputs
        if (fatal := _fatal_cause(exc)) is not None:
            raise fatal from None
        done.resolved, done.error = [], InputError(item.path, f"internal error while extracting "
                                                   f"({type(exc).__name__}: {exc}); please report it")
    return done


def _fatal_cause(exc: BaseException) -> BaseException | None:
    """The KeyboardInterrupt or MemoryError ``exc`` was raised from, if any: compiled code (numba) that a
    Ctrl-C interrupts reports it as a SystemError caused by the KeyboardInterrupt.

    >>> try:
    ...     raise SystemError("returned a result with an exception set") from KeyboardInterrupt()
    ... except SystemError as exc:
    ...     type(_fatal_cause(exc)).__name__, _fatal_cause(ValueError())
    ('KeyboardInterrupt', None)
    """
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, (KeyboardInterrupt, MemoryError)):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


@lru_cache(maxsize=1)
def warm_up() -> None:
    """Load what extraction needs (dictionaries, the tagger) by extracting one sentence, once per process.

    In a process that runs only icgraph (a ``-j``/Dask worker, or the command
    after ``own_this_process``) what is loaded then stays for the process's
    life (``_kept_for_life``): the garbage collector's scans of it took 8 % of
    extraction, and a third of a forked worker's warm-up. Other processes (a
    notebook) are left alone.
    """
    with _kept_for_life():
        _extract(InputFile("warm-up", "warm-up", "", WARM_UP_TEXT.encode("utf-8")))


def _kept_for_life() -> AbstractContextManager[None]:
    """Objects made in the block stay for the process's life: in a process that runs only icgraph they are
    made with the garbage collector paused, then moved out of its scans (``gc.freeze``).

    Otherwise each of its collections would walk them all again: after loading
    a 10 MB build's cache, three collections took 0.9 s.
    """
    runs_only_icgraph = _owns_process or multiprocessing.parent_process() is not None
    return _frozen_after(collect_young=False) if runs_only_icgraph else nullcontext()


def _document_kept() -> AbstractContextManager[None]:
    """Extract a document with the collector paused, then collect the few reference cycles it left and move
    what stays out of the collector's scans, in a process of the ``icgraph`` command (not in a notebook's,
    nor on a shared Dask cluster, whose other garbage would be kept too).

    Otherwise the collector walks every earlier document's results again and
    again: 6 % of a one-process build of 1 MB, more the more there is.
    """
    return _frozen_after(collect_young=True) if _owns_process else nullcontext()


def _keep_received() -> None:
    """A worker's results stay for the build: in a process of the ``icgraph`` command, out of the collector's
    scans (after collecting the young generation's few cycles)."""
    if _owns_process:
        _freeze(collect_young=True)


@contextmanager
def _frozen_after(collect_young: bool) -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        _freeze(collect_young)  # before the collector is back on: its first collection would walk everything
        if was_enabled:
            gc.enable()


def _freeze(collect_young: bool) -> None:
    if collect_young:
        gc.collect(0)
    gc.freeze()


_owns_process = False


def own_this_process() -> None:
    """Declare that this process runs nothing but icgraph (the ``icgraph`` command does)."""
    global _owns_process
    _owns_process = True


def build_files(paths: list[str], progress: Callable[[int, int, str], None] | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES, min_confidence: float = 0.0, jobs: int = 1,
                previous: Iterable[Extraction] | Callable[[], Iterable[Extraction]] = (),
                dask: str | None = None) -> BuildResult:
    """Build the graph of every input file under ``paths``; unreadable inputs are skipped and listed.

    One bad input never stops the others: a file that cannot be read or
    decoded, and a document on which extraction fails unexpectedly, are
    recorded in ``skipped`` (an InputError naming the file and the reason).
    ``jobs`` > 1 extracts in up to that many processes (fewer for a few small
    inputs: a worker first spends a second loading models), ``dask`` (``"local"`` or a
    scheduler address) on a Dask cluster; results are merged in input order, so
    the graph is the same. ``previous`` are the extractions of an earlier build
    (``--update``): they stay in the graph, an input with the same id replaces
    one, and an unchanged input (same id and content) is reused, not extracted.
    ``previous`` may also be a function returning them: it is called once the
    worker processes are starting, so loading overlaps their set-up.
    KeyboardInterrupt and MemoryError propagate.
    """
    inputs, skipped = find_inputs(paths)
    fresh_ids = {doc_id for _, doc_id in inputs}
    result = BuildResult(nx.MultiDiGraph(), 0, 0, skipped)
    workers = 0 if jobs <= 1 or len(inputs) <= 1 else _worker_count(inputs, jobs)
    with _executor(workers, dask) as (submit, window):
        with _kept_for_life():
            kept = {(e.doc_id, e.digest): e for e in (previous() if callable(previous) else previous)}
        done: list[Extraction] = [e for e in kept.values() if e.doc_id not in fresh_ids]
        scheduled = _scheduled(inputs, max_bytes, kept)
        chores = preparation([r for e in done for r in e.resolved])
        for k, extraction in enumerate(_in_order(scheduled, submit, window, chores), 1):
            if progress is not None:
                progress(k, len(inputs), extraction.doc_id)
            result.warnings.extend(extraction.warnings)
            if extraction.error is not None:
                result.skipped.append(extraction.error)
                continue
            result.reused += (extraction.doc_id, extraction.digest) in kept
            done.append(extraction)
            if submit is not None:
                _keep_received()
    done.sort(key=lambda e: e.order)
    result.extractions = done
    result.documents = len(done)
    result.articles = sum(e.articles for e in done)
    with paused_gc():
        result.graph = assemble([r for e in done for r in e.resolved])
    if min_confidence > 0:
        drop = [(u, v, k) for u, v, k, c in result.graph.edges(keys=True, data="confidence") if c < min_confidence]
        result.graph.remove_edges_from(drop)
    return result


def _scheduled(inputs: list, max_bytes: int, kept: dict[tuple[str, str], Extraction]
               ) -> Iterator[InputFile | Extraction]:
    """Each input read (an Extraction when it failed or an earlier build has it), one at a time."""
    for path, doc_id in inputs:
        try:
            data = read_bytes(path, max_bytes)
        except InputError as exc:
            yield Extraction(str(path), doc_id, "", error=exc)
            continue
        digest = hashlib.sha256(data).hexdigest()
        yield kept.get((doc_id, digest)) or InputFile(str(path), doc_id, digest, data)


def _in_order(items: Iterable[InputFile | Extraction], submit: Submit | None, window: int,
              chores: Iterator[None]) -> Iterator[Extraction]:
    """Extractions of ``items`` in their order, at most ``window`` of them waiting at once.

    While a worker's result is not ready, this process does the next ``chores``
    (one step at a time) instead of only waiting.
    """
    pending: deque[_Future] = deque()
    for item in items:
        if isinstance(item, Extraction):
            pending.append(_Ready(item))
        elif submit is None:
            pending.append(_Ready(extract_input(item)))
        else:
            pending.append(submit(extract_input, item))
        while len(pending) > window:
            yield _result(pending.popleft(), chores)
    while pending:
        yield _result(pending.popleft(), chores)


def _result(future: _Future, chores: Iterator[None]) -> Extraction:
    """``future``'s result, doing ``chores`` until it is ready (or they are done)."""
    while not future.done() and next(chores, _NO_CHORES) is not _NO_CHORES:
        pass
    return future.result()


def _worker_count(inputs: list[tuple[Path, str]], jobs: int) -> int:
    """Worker processes for ``inputs``: ``jobs``, or one per ``BYTES_PER_WORKER`` of input if that is fewer.

    >>> _worker_count([], 4)
    1
    """
    total = 0
    for path, _ in inputs:
        try:
            total += path.stat().st_size
        except OSError:
            continue  # reported when it is read
        if total >= jobs * BYTES_PER_WORKER:
            return jobs
    return max(1, min(jobs, -(-total // BYTES_PER_WORKER)))


@contextmanager
def _executor(workers: int, dask: str | None) -> Iterator[tuple[Submit | None, int]]:
    """How to run extractions (None: here, when ``workers`` is 0) and how many may be in flight."""
    if dask is not None:
        from .distributed import dask_client
        with dask_client(dask, workers) as client:
            running = max(1, len(client.scheduler_info().get("workers", {})))
            yield _dask_submit(client), running * IN_FLIGHT_PER_WORKER
        return
    if workers == 0:
        yield None, 0
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=own_this_process)
    for _ in range(workers):
        pool.submit(warm_up)
    try:
        yield pool.submit, workers * IN_FLIGHT_PER_WORKER
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _dask_submit(client: Any) -> Submit:
    def submit(fn: Callable[[InputFile], Extraction], item: InputFile) -> _Future:
        return client.submit(fn, item, pure=False)
    return submit
