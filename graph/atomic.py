"""Atomic file writes: readers see the old file or the new one, never half of it.

The data goes to a temporary file in the target's directory, is flushed and
fsynced, then ``os.replace``-d onto the target. On any error the temporary
file is removed and the target is left untouched.

>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "graph.json"
>>> write_text_atomic(target, "{}\\n")
>>> target.read_text(encoding="utf-8")
'{}\\n'
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_bytes_atomic", "write_text_atomic"]

_NEW_FILE_MODE = 0o644


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Atomically replace ``path`` with ``data``.

    An existing target keeps its permission bits; a new file gets 0644
    (temporary files are created 0600).

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
    >>> write_bytes_atomic(target, b"<graphml/>")
    >>> target.read_bytes()
    b'<graphml/>'
    """
    target = Path(path)
    mode = target.stat().st_mode & 0o777 if target.exists() else _NEW_FILE_MODE
    tmp = tempfile.NamedTemporaryFile(delete=False, dir=target.parent,
                                      prefix=f".{target.name}.", suffix=".tmp")
    try:
        with tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp.name, mode)
        os.replace(tmp.name, target)
    except BaseException:
        os.unlink(tmp.name)
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Atomically replace ``path`` with ``text`` encoded as UTF-8 (no newline translation).

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "view.html"
    >>> write_text_atomic(target, "<p>天津</p>")
    >>> target.read_text(encoding="utf-8")
    '<p>天津</p>'
    """
    write_bytes_atomic(path, text.encode("utf-8"))
