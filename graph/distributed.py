"""Extraction on a Dask cluster: ``icgraph build ... --dask local`` or ``--dask tcp://HOST:8786``.

Needs the optional extra (``pip install 'icgraph[dask]'``) here and icgraph of
the same version on every worker. The client reads the inputs and sends their
bytes, so workers need no access to the input files; the merge runs on the
client. ``local`` starts a throw-away cluster of single-threaded worker processes.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .errors import IcgraphError

CONNECT_TIMEOUT = "20s"


@contextmanager
def dask_client(address: str, workers: int) -> Iterator[Any]:
    """A connected ``dask.distributed.Client``; ``address == "local"``: on a new LocalCluster of ``workers``."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise IcgraphError("--dask needs Dask: pip install 'icgraph[dask]'") from None
    if address == "local":
        with LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError, TypeError) as exc:
        raise IcgraphError(f"--dask {address}: cannot reach the Dask scheduler ({exc})") from None
    with client:
        yield client
