"""The one error hierarchy of icgraph; only the CLI turns these into exit codes."""
from __future__ import annotations


class IcgraphError(Exception):
    """Base class of every error icgraph raises on purpose."""


class InputError(IcgraphError):
    """An input file cannot be read or decoded: names the file and the reason.

    >>> str(InputError("a.txt", "binary file"))
    'a.txt: binary file'
    """

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):
        """Picklable (errors travel back from worker processes)."""
        return (InputError, (self.path, self.reason))


class GraphFileError(IcgraphError):
    """A graph file (graph.json) is missing, corrupt or not an icgraph graph."""
