"""Ingest: files and folders to decoded documents split into articles and sentences.

>>> parsed = parse_text("a.txt", "本报讯 天津大学发布新品。")
>>> [s.text for s in parsed.articles[0].sentences]
['本报讯 天津大学发布新品。']
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from .decode import decode_document
from .errors import InputError
from .layout import split_articles
from .model import Document, ParsedDocument
from .text import without_surrogates

SUFFIXES = (".txt", ".md", ".html", ".htm")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # extraction runs at ~1 MB a minute: 10 MiB is ~10 minutes


def find_inputs(paths: list[str]) -> tuple[list[tuple[Path, str]], list[InputError]]:
    """Input files under ``paths`` as (path, document id), sorted, plus errors for bad paths.

    Folders are searched recursively for .txt/.md/.html/.htm; the id is the path
    relative to the folder given (or the file name for a file given directly).
    Symbolic links to folders are not followed inside a folder (no loops); a
    missing path, a symlink loop, a folder that cannot be listed or a path that is
    neither a file nor a folder is an error naming it. File names that are not
    valid UTF-8 get ids with U+FFFD in place of the bad bytes.
    """
    found: dict[str, tuple[Path, str]] = {}
    errors: list[InputError] = []
    for raw in paths:
        if not raw:  # Path("") would be the current folder
            errors.append(InputError('""', "empty path"))
            continue
        root = Path(raw)
        try:
            st = root.stat()
        except OSError as exc:
            reason = "no such file or folder" if isinstance(exc, FileNotFoundError) else _reason(exc)
            errors.append(InputError(raw, reason))
            continue
        if stat.S_ISREG(st.st_mode):
            _add(found, errors, root, root.name)
        elif stat.S_ISDIR(st.st_mode):
            for path in _walk(root, errors):
                _add(found, errors, path, path.relative_to(root).as_posix())
        else:
            errors.append(InputError(raw, "not a regular file or folder"))
    return sorted(found.values(), key=lambda p: (p[1], str(p[0]))), errors


def _add(found: dict[str, tuple[Path, str]], errors: list[InputError], path: Path, doc_id: str) -> None:
    try:
        key = os.path.realpath(path, strict=True)
    except (OSError, RuntimeError) as exc:
        if isinstance(exc, FileNotFoundError) and path.is_symlink():
            reason = "broken symbolic link"
        else:
            reason = _reason(exc) if isinstance(exc, OSError) else "symbolic link loop"
        errors.append(InputError(str(path), reason))
        return
    found.setdefault(key, (path, safe_text(doc_id)))


def _walk(root: Path, errors: list[InputError]) -> Iterator[Path]:
    def report(exc: OSError) -> None:
        errors.append(InputError(str(exc.filename or root), "cannot list folder: " + _reason(exc)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=report, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                yield Path(dirpath) / name


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return exc.strerror or str(exc)


def safe_text(text: str) -> str:
    """``text`` (a path from the file system) with undecodable bytes as U+FFFD, so it can be written as UTF-8.

    >>> safe_text("新闻\\udce9.txt")
    '新闻\\ufffd.txt'
    """
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that did not come from a byte
        data = text.encode("utf-8", "replace")
    return data.decode("utf-8", "replace")


def read_document(path: Path, doc_id: str, max_bytes: int = DEFAULT_MAX_BYTES,
                  warnings: list[InputError] | None = None) -> Document:
    """Read and decode one file; raises InputError naming the file and the problem.

    Files over ``max_bytes`` are refused before they are read (and at most
    ``max_bytes + 1`` bytes are ever read, should the file grow meanwhile).
    Problems that do not stop the file from being used (undecodable bytes
    replaced by U+FFFD) are appended to ``warnings`` when it is given.
    """
    return decode_bytes(read_bytes(path, max_bytes), str(path), doc_id, warnings)


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one regular file of at most ``max_bytes``; InputError otherwise."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError(str(path), "not a regular file")
            if size > max_bytes:
                raise InputError(str(path), _too_big(size, max_bytes))
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), _reason(exc)) from None
    if len(data) > max_bytes:
        raise InputError(str(path), _too_big(len(data), max_bytes))
    return data


def decode_bytes(data: bytes, path: str, doc_id: str, warnings: list[InputError] | None = None) -> Document:
    """The document in a file's bytes (see :func:`read_document`).

    >>> decode_bytes("天津".encode("gb18030"), "a.txt", "a.txt").text
    '天津'
    """
    decoded = decode_document(data, path)
    if not decoded.text.strip():
        raise InputError(path, "empty file (no text)")
    if decoded.replaced and warnings is not None:
        warnings.append(InputError(path, f"{decoded.replaced} undecodable byte sequences in "
                                   f"{decoded.encoding} text replaced by U+FFFD"))
    return Document(doc_id, path, decoded.text, decoded.encoding)


def _too_big(size: int, max_bytes: int) -> str:
    return f"file is {size} bytes, over the limit of {max_bytes} (--max-bytes)"


def parse(document: Document) -> ParsedDocument:
    """Split a document into articles and sentences.

    Lone surrogates (possible in text handed over by library callers, never in
    decoded files) become U+FFFD, which keeps every offset.
    """
    text = without_surrogates(document.text)
    if text != document.text:
        document = Document(document.id, document.path, text, document.encoding)
    return ParsedDocument(document, split_articles(document.id, document.text))


def parse_text(doc_id: str, text: str) -> ParsedDocument:
    """Parse text given directly (tests, library users)."""
    return parse(Document(doc_id, doc_id, text))
