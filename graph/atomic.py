"""Atomic file writes: readers see the old file or the new one, never half of it.

The data goes to a temporary file in the target's directory, is flushed and
fsynced, then ``os.replace``-d onto the target. On any error the temporary
file is removed and the target is left untouched.

:class:`OutputSet` does the same for several files that belong together
(graph.json, graph.graphml, graph.html): they are written into a hidden
staging folder inside the output folder and moved onto their targets only
when all of them were written, with SIGINT/SIGTERM held back during the moves;
if a move fails, the targets already replaced are restored. On any error,
and on Ctrl-C while writing, the staging folder is removed and the previous
outputs stay as they were.

>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "graph.json"
>>> write_text_atomic(target, "{}\\n")
>>> target.read_text(encoding="utf-8")
'{}\\n'
"""
from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["OutputSet", "write_bytes_atomic", "write_text_atomic"]

STAGING_PREFIX = ".icgraph-staging-"

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
        try:
            os.unlink(tmp.name)
        except FileNotFoundError:
            pass
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


class OutputSet:
    """Files written together into ``folder``: either all replace their targets or none does.

    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with OutputSet(out) as staged:
    ...     write_text_atomic(staged.path("a.json"), "{}")
    ...     write_text_atomic(staged.path("b.html"), "<p>")
    >>> sorted(p.name for p in out.iterdir())
    ['a.json', 'b.html']
    >>> with OutputSet(out) as staged:
    ...     write_text_atomic(staged.path("a.json"), "[]")
    ...     raise OSError(28, "No space left on device")
    Traceback (most recent call last):
    OSError: [Errno 28] No space left on device
    >>> (out / "a.json").read_text(), sorted(p.name for p in out.iterdir())
    ('{}', ['a.json', 'b.html'])
    """

    def __init__(self, folder: str | os.PathLike[str]):
        self.folder = Path(folder)
        self.staging: Path | None = None
        self.names: list[str] = []
        self.committed = False

    def __enter__(self) -> OutputSet:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.folder))
        return self

    def path(self, name: str) -> Path:
        """Where to write the output ``name`` (in the staging folder)."""
        assert self.staging is not None, "use OutputSet as a context manager"
        if name not in self.names:
            self.names.append(name)
        return self.staging / name

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self._commit()
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)

    def _commit(self) -> None:
        assert self.staging is not None
        backups: dict[str, Path] = {}
        done: list[str] = []
        with _signals_held():
            try:
                for name in self.names:
                    target = self.folder / name
                    if target.is_file():
                        backup = self.staging / f".previous.{name}"
                        os.link(target, backup)
                        backups[name] = backup
                        os.chmod(self.staging / name, target.stat().st_mode & 0o777)
                for name in self.names:
                    os.replace(self.staging / name, self.folder / name)
                    done.append(name)
                self.committed = True
                _fsync_dir(self.folder)
            except BaseException:
                for name in done:
                    if name in backups:
                        os.replace(backups[name], self.folder / name)
                    else:
                        os.unlink(self.folder / name)
                raise


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back for the duration (main thread only); re-raise after.

    A held SIGINT becomes KeyboardInterrupt once the block is done, a held
    SIGTERM is re-delivered with its previous handler in place.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: received.append(signum))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)
    if signal.SIGTERM in received:
        signal.raise_signal(signal.SIGTERM)
    if signal.SIGINT in received:
        raise KeyboardInterrupt
