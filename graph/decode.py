"""Bytes to text: encoding detection and HTML to text.

UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised exactly.
Anything else is decoded as each encoding Chinese news actually uses
(GB18030/GBK, Big5-HKSCS, UTF-16 LE/BE without BOM, and UTF-8 with a few bad
bytes) and the candidate whose text looks most like Chinese wins: the share
of its characters that are common Hanzi (GB2312 level 1, Traditional forms
mapped to Simplified first), ASCII, spaces or CJK punctuation. Ties go to the
first of UTF-8, GB18030, Big5, UTF-16. Undecodable bytes become U+FFFD and are
counted (a warning); if they are more than 5% of the text, the file is rejected. Text whose best candidate still looks like noise is rejected, and
so are files with binary signatures (PNG, ZIP, PDF, ...) or NUL bytes that are
not UTF-16.

>>> decode_bytes("天津".encode("gb18030") * 20, "a.txt")[1]
'gb18030'
>>> decode_bytes("天津大学签约。".encode("utf-16-be"), "a.txt")
('天津大学签约。', 'utf-16-be')
"""
from __future__ import annotations

import codecs
import re
import unicodedata
import warnings
from dataclasses import dataclass
from functools import lru_cache

from collections.abc import Iterator

from bs4 import BeautifulSoup, CData, NavigableString, PageElement, Tag

from .errors import InputError
from .text import to_simplified

# Candidates for bytes that are not valid UTF-8, in order of preference on a tie.
CHINESE_ENCODINGS = ["utf-8", "gb18030", "big5hkscs", "utf-16-le", "utf-16-be"]
HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md",)
MIN_SCORE = 0.6  # the winning candidate's share of plausible characters
SAMPLE_BYTES = 32 * 1024  # bytes scored per candidate
_BINARY_MAGIC = (b"\x89PNG", b"PK\x03\x04", b"PK\x05\x06", b"%PDF", b"\xff\xd8\xff", b"GIF8", b"\x7fELF",
                 b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"Rar!", b"\xd0\xcf\x11\xe0",
                 b"RIFF", b"OggS", b"ID3", b"fLaC", b"\x00\x00\x01\x00", b"\xca\xfe\xba\xbe", b"SQLite format 3")
_DROP_TAGS = ("script", "style", "noscript", "template", "head", "svg")
_NEUTRAL = frozenset(chr(c) for c in range(0x20, 0x7F)) | frozenset(
    "\t\n\r\u00a0\u00b7\u2014\u2015\u2016\u2018\u2019\u201c\u201d\u2026\u2030\u2032\u2033\u203b\u2103\u2116"
    + "".join(chr(c) for c in range(0x3000, 0x3040))
    + "".join(chr(c) for c in range(0xFF01, 0xFF5F)))
# Whitespace that str.isprintable() rejects but which is not a control character.
_SPACES = re.compile("([\n\t\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+)")
_CHUNK = 65536


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding found and how many undecodable bytes became U+FFFD."""

    text: str
    encoding: str
    replaced: int = 0


def decode(data: bytes, name: str) -> Decoded:
    """Decode ``data``; raise InputError naming ``name`` if it is binary or no encoding fits.

    >>> decode("天津大学与浙江大学签约。".encode("gb18030"), "a.txt")
    Decoded(text='天津大学与浙江大学签约。', encoding='gb18030', replaced=0)
    >>> decode(b"\\xe5\\xa4\\xa9\\xe6\\xb4\\xa5\\xff\\xe5\\xa4\\xa7\\xe5\\xad\\xa6", "a.txt")
    Decoded(text='天津\\ufffd大学', encoding='utf-8', replaced=1)
    """
    if data.startswith(codecs.BOM_UTF8):
        return _full(data[3:], "utf-8", name, "utf-8-sig")
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _full(data[2:], enc, name)
    if data.startswith(_BINARY_MAGIC):
        raise InputError(name, "binary file, not text")
    has_nul = b"\x00" in data
    if not has_nul:
        try:
            return Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    candidates = [e for e in CHINESE_ENCODINGS if e.startswith("utf-16")] if has_nul else CHINESE_ENCODINGS
    scored = [(score(_sample(data, enc)), -k, enc) for k, enc in enumerate(candidates)]
    best, _, encoding = max(scored)
    if best < MIN_SCORE:
        if has_nul:
            raise InputError(name, "binary file, not text")
        raise InputError(name, "cannot detect the text encoding (not UTF-8, GB18030, Big5 or UTF-16)")
    return _full(data, encoding, name)


def _sample(data: bytes, encoding: str) -> str:
    """The start of ``data`` decoded leniently, without a multi-byte character cut at the end."""
    sample = data[:SAMPLE_BYTES]
    if encoding.startswith("utf-16"):
        sample = sample[:len(sample) // 2 * 2]
    text = sample.decode(encoding, errors="replace")
    if len(data) > SAMPLE_BYTES and text.endswith("\ufffd"):
        text = text[:-1]
    return text


def _full(data: bytes, encoding: str, name: str, label: str | None = None) -> Decoded:
    """Decode all of ``data``; undecodable bytes become U+FFFD and are counted."""
    text = data.decode(encoding, errors="replace")
    if "\x00" in text:
        raise InputError(name, "binary file, not text")
    replaced = text.count("\ufffd")
    if replaced:
        replaced -= _genuine_replacement_chars(data, encoding)
    if replaced > 1 and replaced * 20 > len(text):
        raise InputError(name, f"not valid {label or encoding} text ({replaced} undecodable byte sequences)")
    return Decoded(text, label or encoding, replaced)


def _genuine_replacement_chars(data: bytes, encoding: str) -> int:
    """U+FFFD characters actually encoded in ``data`` (not produced by decoding errors)."""
    return data.count("\ufffd".encode(encoding)) if encoding in ("utf-8", "utf-16-le", "utf-16-be") else 0


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    """The 3,755 common Hanzi of GB2312 level 1 (rows 0xB0-0xD7)."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def score(text: str) -> float:
    """Share of ``text`` that is common Hanzi (any script), ASCII, space or CJK punctuation.

    >>> score("天津大學，Tianjin"), score("뾳뾤쎱곹ꅃ")
    (1.0, 0.0)
    """
    if not text:
        return 0.0
    common = _common_hanzi()
    simplified = to_simplified(text)
    good = sum(1 for c, s in zip(text, simplified) if c in _NEUTRAL or s in common)
    return good / len(text)


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise InputError if impossible."""
    decoded = decode(data, name)
    return decoded.text, decoded.encoding


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line.

    >>> html_to_text("<p>天津&amp;大学</p><script>x()</script><p>二</p>")
    '天津&大学\\n二'
    """
    with warnings.catch_warnings():  # "looks like XML / a URL": the page is parsed as HTML all the same
        warnings.simplefilter("ignore", UserWarning)
        soup = BeautifulSoup(html, "html.parser")
    text = "\n".join(_visible_strings(soup))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _visible_strings(soup: BeautifulSoup) -> Iterator[str]:
    """The text strings of the page in document order, outside script, style and the like.

    (``Tag.decompose`` on each dropped tag would be quadratic on pages with many scripts.)
    """
    stack: list[PageElement] = [soup]
    while stack:
        element = stack.pop()
        if isinstance(element, Tag):
            if element.name not in _DROP_TAGS:
                stack.extend(reversed(element.contents))
        elif type(element) in (NavigableString, CData):
            yield str(element)


_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_RULES = [
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(\s+#+)?\s*$"), r"\1"),          # headings
    (re.compile(r"^\s{0,3}(>\s?)+"), ""),                                  # block quotes
    (re.compile(r"^\s*([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?"), ""),          # list items, task boxes
    (re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$"), ""),                      # link definitions
    (re.compile(r"^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$"), ""),             # table rules
    (re.compile(r"^\s{0,3}([-*_]\s*){3,}$"), ""),                            # horizontal rules
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),                          # images: alt text
    (re.compile(r"\[([^\]]+)\](\([^)]*\)|\[[^\]]*\])"), r"\1"),             # links: link text
    (re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>"), r"\1"),               # autolinks
    (re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1"), r"\2"),                 # strong, strike-through
    (re.compile(r"(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])"), r"\1"),          # emphasis
    (re.compile(r"(?<![*])\*(?=[^\s\d])(.+?)(?<=[^\s\d])\*(?![*])"), r"\1"),      # emphasis next to Hanzi
    (re.compile(r"`+([^`]+)`+"), r"\1"),                                      # inline code
    (re.compile(r"^\s*\||\|\s*$"), ""),                                        # table row edges
    (re.compile(r"\s*\|\s*"), " "),                                            # table cells
]


def markdown_to_text(markdown: str) -> str:
    """The prose of a Markdown page: markup, link targets, code blocks and front matter dropped.

    >>> markdown_to_text("# 新闻\\n\\n**天津大学**与[浙江大学](http://x.cn)签约。\\n- 华为与*腾讯*合作\\n```\\nx\\n```")
    '新闻\\n\\n天津大学与浙江大学签约。\\n华为与腾讯合作'
    """
    lines = markdown.split("\n")
    if lines and lines[0].strip() == "---" and "---" in (line.strip() for line in lines[1:]):
        end = next(k for k in range(1, len(lines)) if lines[k].strip() == "---")
        lines = lines[end + 1:]
    out, fenced = [], False
    for line in lines:
        if _MD_FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        for pattern, repl in _MD_RULES:
            line = pattern.sub(repl, line)
        out.append(line)
    return "\n".join(out).strip("\n")


def clean_text(text: str) -> str:
    """Unify newlines and drop control and format characters (bidi overrides too).

    Works in bounded extra memory on huge text: printable stretches (the
    common case) are kept as they are, only the others are filtered per character.

    >>> clean_text("天津\\r\\n大学\\u202e签约\\x07。\\u3000\\r")
    '天津\\n大学签约。\\u3000\\n'
    """
    text = re.sub(r"\r\n?", "\n", text)
    if text.isprintable():
        return text
    parts = _SPACES.split(text)
    return "".join(p if k % 2 or p.isprintable() else _strip_controls(p) for k, p in enumerate(parts))


def _strip_controls(text: str) -> str:
    """Drop every character of category C (control, format, surrogate, private use, unassigned)."""
    out = []
    for i in range(0, len(text), _CHUNK):
        chunk = text[i:i + _CHUNK]
        if chunk.isprintable():
            out.append(chunk)
        else:
            out.append("".join(c for c in chunk if unicodedata.category(c)[0] != "C"))
    return "".join(out)


def decode_file(data: bytes, name: str) -> tuple[str, str]:
    """Decode a file's bytes into clean text; HTML and Markdown files are reduced to their text."""
    decoded = decode_document(data, name)
    return decoded.text, decoded.encoding


def decode_document(data: bytes, name: str) -> Decoded:
    """Like :func:`decode_file`, keeping the count of replaced bytes."""
    decoded = decode(data, name)
    text = decoded.text
    if name.lower().endswith(HTML_SUFFIXES):
        text = html_to_text(text)
    elif name.lower().endswith(MARKDOWN_SUFFIXES):
        text = markdown_to_text(re.sub(r"\r\n?", "\n", text))
    return Decoded(clean_text(text), decoded.encoding, decoded.replaced)
