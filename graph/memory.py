"""Pausing Python's cycle collector while many long-lived objects are made.

Loading a build cache or assembling a big graph makes millions of objects and
no reference cycles; each collection would scan all of them, which costs more
than the work itself. Plain reference counting still frees what is dropped.

>>> import gc
>>> with paused_gc():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Turn the cycle collector off inside the block (and back on if it was on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
