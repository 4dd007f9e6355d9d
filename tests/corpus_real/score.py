#!/usr/bin/env python3
"""Score ftlint on the extracted real-code corpus (run extract.py first).

An item with one file is linted as a script (both phases of it), two files as a pair.
A hazard item counts as found when a warning or error of its family is reported; a
benign item, when no warning or error is. Prints the figures per family.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extract import HERE, OUT, items

sys.path.insert(0, str(HERE.parents[1]))

BLOCKING = ("warning", "error")


def lint(files: list[Path], root: Path) -> list:
    from ftlint.config import Config
    from ftlint.engine import Linter

    linter = Linter(Config(root=root))
    if len(files) == 1:
        return linter.finish(linter.lint_script(str(files[0])))
    return linter.finish(linter.lint_pair(str(files[0]), str(files[1])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    rows = []
    for item in items():
        files = [options.out / item["id"] / p for p in item["paths"]]
        if not all(f.exists() for f in files):
            rows.append({**item, "ok": None, "codes": ["missing"],
                         "files": (item["repo"], *item["paths"])})
            continue
        found = [f for f in lint(files, options.out / item["id"]) if f.severity in BLOCKING
                 and not f.code.startswith("FT9")]  # FT9xx: the input itself, not training
        codes = sorted({f.code for f in found})
        wrong = set(item.get("wrong_codes", ()))  # of the family, but judged wrong here
        right = [c for c in codes if c.startswith(item["category"]) and c not in wrong]
        ok = not found if item["category"] == "benign" else bool(right)
        rows.append({"id": item["id"], "category": item["category"], "ok": ok,
                     "codes": codes, "right": right, "note": item.get("correction", ""),
                     "files": (item["repo"], *item["paths"])})
    if options.json:
        print(json.dumps(rows, indent=2))
        return
    families = sorted({r["category"] for r in rows})
    for family in families:
        mine = [r for r in rows if r["category"] == family and r["ok"] is not None]
        label = "benign without warning" if family == "benign" else f"{family} found"
        print(f"{label}: {sum(r['ok'] for r in mine)}/{len(mine)}")
    warned = [r for r in rows if r["ok"] is not None and r["codes"]]
    # a code is right for an item when it is right for a judged hazard of the same files
    # (one pair judged as three items, one per hazard)
    families: dict[tuple, set[str]] = {}
    for r in rows:
        families.setdefault(r["files"], set()).add(r["category"])
    right = [r for r in warned if r["category"] != "benign" and (r["right"] or any(
        c.startswith(tuple(families[r["files"]] - {"benign"})) for c in r["codes"]))]
    print(f"items with a warning or error that is right: {len(right)}/{len(warned)}")
    for r in rows:
        if not r["ok"]:
            print(f"  {'missed' if r['category'] != 'benign' else 'false alarm'} "
                  f"{r['id']} ({r['category']}): {r['codes']}")
        if r.get("note"):
            print(f"  corrected judgment {r['id']}: {r['note']}")


if __name__ == "__main__":
    main()
