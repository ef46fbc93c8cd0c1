"""Ingest: files and folders to decoded documents split into articles and sentences.

>>> parsed = parse_text("a.txt", "本报讯 天津大学发布新品。")
>>> [s.text for s in parsed.articles[0].sentences]
['本报讯 天津大学发布新品。']
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from .decode import decode_file
from .errors import InputError
from .layout import split_articles
from .model import Document, ParsedDocument

SUFFIXES = (".txt", ".md", ".html", ".htm")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def find_inputs(paths: list[str]) -> tuple[list[tuple[Path, str]], list[InputError]]:
    """Input files under ``paths`` as (path, document id), sorted, plus errors for missing paths.

    Folders are searched recursively for .txt/.md/.html/.htm; the id is the path
    relative to the folder given (or the file name for a file given directly).
    """
    found: dict[str, tuple[Path, str]] = {}
    errors = []
    for raw in paths:
        root = Path(raw)
        if root.is_file():
            found.setdefault(str(root.resolve()), (root, root.name))
        elif root.is_dir():
            for path in _walk(root):
                found.setdefault(str(path.resolve()), (path, path.relative_to(root).as_posix()))
        else:
            errors.append(InputError(raw, "no such file or folder"))
    return sorted(found.values(), key=lambda p: (p[1], str(p[0]))), errors


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                yield Path(dirpath) / name


def read_document(path: Path, doc_id: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and decode one file; raises InputError naming the file and the problem."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(str(path), f"file is {size} bytes, over the limit of {max_bytes}")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    text, encoding = decode_file(data, str(path))
    if not text.strip():
        raise InputError(str(path), "empty file (no text)")
    return Document(doc_id, str(path), text, encoding)


def parse(document: Document) -> ParsedDocument:
    """Split a document into articles and sentences."""
    return ParsedDocument(document, split_articles(document.id, document.text))


def parse_text(doc_id: str, text: str) -> ParsedDocument:
    """Parse text given directly (tests, library users)."""
    return parse(Document(doc_id, doc_id, text))
