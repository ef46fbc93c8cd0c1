"""The build cache: every document's extraction, kept in the output folder so that
``icgraph build NEW --update OUTDIR`` extracts only new or changed documents.

The cache is ``OUTDIR/.icgraph-cache.json.gz``, written with the other outputs
(deterministic, like them). It holds the input arguments of the builds so far
and the extractions, and is stamped with a fingerprint of the code and data that
produced it: a cache from another icgraph version is refused (extraction may
differ), as is a damaged one.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / CACHE_FILE).write_bytes(dump(BuildCache(["seeds"], [])))
>>> load_cache(folder).inputs
['seeds']
"""
from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from .build import Extraction
from .errors import IcgraphError, InputError
from .memory import paused_gc
from .model import Entity, Evidence
from .resolve import Edge, ResolvedDocument

CACHE_FILE = ".icgraph-cache.json.gz"
FORMAT_NAME = "icgraph build cache"
FORMAT = f"{FORMAT_NAME} 2"  # 2: one line per extraction
_TO_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
# Libraries whose behaviour is part of extraction.
EXTRACTION_LIBRARIES = ("jieba", "rjieba", "numpy", "opencc", "charset-normalizer", "beautifulsoup4")


@dataclass
class BuildCache:
    """The inputs given to the builds of a folder and the documents extracted from them."""

    inputs: list[str]
    extractions: list[Extraction]
    fingerprint: str = field(default_factory=lambda: code_fingerprint())


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of icgraph's code and data files (its subpackages' too) and the versions of the extraction libraries."""
    digest = hashlib.sha256()
    for name, entry in sorted(_package_files(files("graph"), "")):
        digest.update(name.encode() + b"\0" + entry.read_bytes())
    for name in EXTRACTION_LIBRARIES:
        try:
            digest.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=absent".encode())
    return digest.hexdigest()


def _package_files(folder: Traversable, prefix: str) -> Iterator[tuple[str, Traversable]]:
    """(path under the package, entry) of every code and data file in ``folder`` and its folders but caches."""
    for entry in folder.iterdir():
        if entry.is_dir() and entry.name != "__pycache__":
            yield from _package_files(entry, f"{prefix}{entry.name}/")
        elif entry.is_file() and entry.name.endswith((".py", ".tsv", ".txt", ".crfsuite", ".npz")):
            yield prefix + entry.name, entry


def dump(cache: BuildCache) -> bytes:
    """The bytes of the cache file (gzip without a time stamp, so the same cache gives the same bytes).

    A header line (format, fingerprint, inputs), then one line of JSON per
    extraction; a line loaded from an earlier cache is written back as it was read.
    """
    header = {"format": FORMAT, "fingerprint": cache.fingerprint, "inputs": cache.inputs}
    lines = [_TO_JSON(header), *(e.stored if e.stored is not None else _TO_JSON(_extraction_dict(e))
                                 for e in cache.extractions)]
    text = "\n".join(lines) + "\n"
    return gzip.compress(text.encode("utf-8", "surrogatepass"), compresslevel=1, mtime=0)  # names need not be UTF-8


def load_cache(folder: str | Path) -> BuildCache:
    """The cache of an earlier build in ``folder``; IcgraphError naming the problem otherwise."""
    path = Path(folder) / CACHE_FILE
    hint = f"build it again with: icgraph build INPUT... -o {folder}"
    try:
        # split at "\n" only: JSON escapes it, but not U+2028 or U+0085, which splitlines() would split at
        lines = gzip.decompress(path.read_bytes()).decode("utf-8", "surrogatepass").rstrip("\n").split("\n")
        header = json.loads(lines[0])
    except FileNotFoundError:
        raise IcgraphError(f"{folder}: no earlier icgraph build to update ({CACHE_FILE} missing); {hint}") from None
    except gzip.BadGzipFile:
        raise IcgraphError(f"{path}: damaged build cache (not gzip data); {hint}") from None
    except OSError as exc:
        raise IcgraphError(f"{path}: cannot read the build cache ({exc.strerror or exc}); {hint}") from None
    except (EOFError, ValueError) as exc:
        raise IcgraphError(f"{path}: damaged build cache ({type(exc).__name__}); {hint}") from None
    if not isinstance(header, dict) or not str(header.get("format", "")).startswith(FORMAT_NAME):
        raise IcgraphError(f"{path}: not an icgraph build cache; {hint}")
    if header.get("format") != FORMAT or header.get("fingerprint") != code_fingerprint():
        raise IcgraphError(f"{path}: made by another version of icgraph; {hint}")
    try:
        with paused_gc():
            return BuildCache(list(header["inputs"]), [_extraction(line) for line in lines[1:]])
    except (KeyError, TypeError, ValueError) as exc:
        raise IcgraphError(f"{path}: damaged build cache ({type(exc).__name__}: {exc}); {hint}") from None


def _extraction_dict(e: Extraction) -> dict:
    return {"path": e.path, "doc_id": e.doc_id, "digest": e.digest, "articles": e.articles,
            "warnings": [[w.path, w.reason] for w in e.warnings],
            "resolved": [{"doc_id": r.doc_id, "entities": [_entity_dict(x) for x in r.entities],
                          "edges": [_edge_dict(x) for x in r.edges]} for r in e.resolved]}


def _entity_dict(e: Entity) -> dict:
    return {"key": e.key, "name": e.name, "type": e.type, "aliases": sorted(e.aliases),
            "mentions": e.mentions, "docs": sorted(e.docs), "attrs": e.attrs}


def _edge_dict(e: Edge) -> dict:
    return {"head": e.head, "relation": e.relation, "tail": e.tail, "evidence": e.evidence.as_dict(),
            "confidence": e.confidence, "attrs": [list(pair) for pair in e.attrs]}


def _extraction(line: str) -> Extraction:
    d = json.loads(line)
    resolved = [ResolvedDocument(r["doc_id"], [_entity(x) for x in r["entities"]], [_edge(x) for x in r["edges"]])
                for r in d["resolved"]]
    return Extraction(d["path"], d["doc_id"], d["digest"], resolved, d["articles"],
                      [InputError(path, reason) for path, reason in d["warnings"]], stored=line)


def _entity(d: dict) -> Entity:
    return Entity(d["key"], d["name"], d["type"], set(d["aliases"]), d["mentions"], set(d["docs"]), dict(d["attrs"]))


def _edge(d: dict) -> Edge:
    return Edge(d["head"], d["relation"], d["tail"], Evidence(**d["evidence"]), d["confidence"],
                tuple((k, v) for k, v in d["attrs"]))
