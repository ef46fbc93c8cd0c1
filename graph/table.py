"""Plain-text tables whose columns line up in a terminal, Chinese included.

CJK characters take two terminal cells. Widths come from
``unicodedata.east_asian_width`` (Wide and Fullwidth count 2, combining marks
and format characters 0, everything else 1, East Asian "Ambiguous" included,
as terminals do by default); that covers this data without a dependency.
Control characters in cells (from untrusted text) are shown as spaces.

>>> print(format_table(["head", "tail"], [["天津大学", "香港理工大学"], ["a", "b"]]))
head      tail
--------  ------------
天津大学  香港理工大学
a         b
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["display_width", "format_table", "truncate"]

_MIN_WIDTH = 6
_GAP = "  "


def display_width(text: str) -> int:
    """Terminal cells ``text`` takes.

    >>> display_width("天津大学"), display_width("GMP"), display_width("é")
    (8, 3, 1)
    """
    return sum(_char_width(c) for c in text)


def _char_width(c: str) -> int:
    if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def truncate(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells, with ``…`` when cut.

    >>> truncate("天津滨海高新区管委会", 9)
    '天津滨海…'
    """
    if display_width(text) <= width:
        return text
    out, used = [], 1
    for c in text:
        used += _char_width(c)
        if used > width:
            break
        out.append(c)
    return "".join(out) + "…"


def format_table(columns: Sequence[str], rows: Sequence[Sequence[str]], max_width: int | None = None,
                 flexible: Sequence[int] = ()) -> str:
    """Columns left-aligned and padded by display width, narrowed to fit ``max_width`` cells.

    The ``flexible`` columns (indexes) are narrowed first, then the widest
    columns, never below 6 cells; cut cells end with ``…``.

    >>> print(format_table(["name", "evidence"], [["韩林", "天津滨海高新区管委会副主任韩林表示"]], max_width=24))
    name  evidence
    ----  ------------------
    韩林  天津滨海高新区管…
    """
    cells = [[_clean(str(c)) for c in row] for row in rows]
    widths = [max([display_width(columns[i]), *(display_width(row[i]) for row in cells)])
              for i in range(len(columns))]
    if max_width is not None:
        budget = max_width - len(_GAP) * (len(columns) - 1)
        _narrow(widths, budget, list(flexible))
        _narrow(widths, budget, list(range(len(widths))))
    lines = [_line(columns, widths), _GAP.join("-" * w for w in widths)]
    lines += [_line(row, widths) for row in cells]
    return "\n".join(lines)


def _narrow(widths: list[int], budget: int, candidates: list[int]) -> None:
    """Shrink the widest of the ``candidates`` columns, in place, until all fit ``budget`` cells."""
    while candidates and sum(widths) > budget:
        widest = max(candidates, key=lambda i: widths[i])
        if widths[widest] <= _MIN_WIDTH:
            return
        widths[widest] -= 1


def _line(cells: Sequence[str], widths: list[int]) -> str:
    parts = [_pad(truncate(cell, width), width) for cell, width in zip(cells, widths)]
    return _GAP.join(parts).rstrip()


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _clean(text: str) -> str:
    """Control characters (newlines, escapes) become spaces so they cannot break or restyle the table.

    >>> _clean("a\\nb\\x1b[31m")
    'a b [31m'
    """
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
