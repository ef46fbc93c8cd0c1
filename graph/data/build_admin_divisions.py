"""Regenerate ``admin_divisions.tsv`` from the ``cpca`` package's adcode table.

Source: cpca (MIT licence), resources/adcodes.csv: the PRC administrative
division codes (province, prefecture, county level). Run once after
``pip install cpca``; the TSV is shipped, cpca is not a run-time dependency.

    python graph/data/build_admin_divisions.py
"""
from __future__ import annotations

import csv
from importlib.resources import files
from pathlib import Path

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def level_and_parent(code: str) -> tuple[str, str]:
    """Level (province/city/county) and parent code of a 12-digit adcode."""
    if code[2:] == "0" * 10:
        return "province", ""
    if code[4:] == "0" * 8:
        return "city", code[:2] + "0" * 10
    return "county", code[:4] + "0" * 8


def main() -> None:
    rows = []
    with (files("cpca") / "resources" / "adcodes.csv").open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            if rec["name"] in PLACEHOLDERS:
                continue
            level, parent = level_and_parent(rec["adcode"])
            rows.append((rec["adcode"], rec["name"], level, parent))
    names = {code for code, *_ in rows}
    out = Path(__file__).with_name("admin_divisions.tsv")
    with out.open("w", encoding="utf-8") as f:
        f.write("adcode\tname\tlevel\tparent\n")
        for code, name, level, parent in sorted(rows):
            if parent and parent not in names:
                parent = code[:2] + "0" * 10
            f.write(f"{code}\t{name}\t{level}\t{parent}\n")


if __name__ == "__main__":
    main()
