"""Bytes to text: encoding detection and HTML to text.

UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised exactly;
anything else is handed to charset-normalizer restricted to the encodings
Chinese news actually uses (GB18030/GBK, Big5, UTF-16 without BOM).

>>> decode_bytes("天津".encode("gb18030") * 20, "a.txt")[1]
'gb18030'
"""
from __future__ import annotations

import codecs
import re

from bs4 import BeautifulSoup
from charset_normalizer import from_bytes

from .errors import InputError
from .text import strip_controls

CHINESE_ENCODINGS = ["gb18030", "big5", "utf_16_le", "utf_16_be"]
HTML_SUFFIXES = (".html", ".htm")
_BINARY_MAGIC = (b"\x89PNG", b"PK\x03\x04", b"%PDF", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")
_DROP_TAGS = ("script", "style", "noscript", "template", "head", "svg")


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise InputError if impossible."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[2:].decode(enc, errors="replace"), enc
    if data.startswith(_BINARY_MAGIC):
        raise InputError(name, "binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=CHINESE_ENCODINGS).best()
    if best is None:
        raise InputError(name, "cannot detect the text encoding (not UTF-8, GB18030, Big5 or UTF-16)")
    text = str(best)
    if "\x00" in text:
        raise InputError(name, "binary file, not text")
    return text, best.encoding


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line.

    >>> html_to_text("<p>天津&amp;大学</p><script>x()</script><p>二</p>")
    '天津&大学\\n二'
    """
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    text = soup.get_text("\n")
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def clean_text(text: str) -> str:
    """Unify newlines and drop control and format characters (bidi overrides too)."""
    text = re.sub(r"\r\n?", "\n", text)
    return strip_controls(text)


def decode_file(data: bytes, name: str) -> tuple[str, str]:
    """Decode a file's bytes into clean text; HTML files are reduced to their text."""
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if not _looks_utf16(data):
            raise InputError(name, "binary file, not text")
    text, encoding = decode_bytes(data, name)
    if name.lower().endswith(HTML_SUFFIXES):
        text = html_to_text(text)
    return clean_text(text), encoding


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    return max(zeros_even, zeros_odd) > 0.3 * half and min(zeros_even, zeros_odd) < 0.05 * half
