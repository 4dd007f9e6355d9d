"""Score ftlint against the unseen corpus in tests/corpus_unseen/cases.

The loader, runner, judge and report all come from tests/corpus/score.py, which is
imported as a module (never copied or changed); this file only aims them at the cases
folder next to it. Options: `--json`, `-k NAME`, `-j N`, `--cases DIR`. Always exits 0.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
MAIN_SCORE = HERE.parent / "corpus" / "score.py"


def _import_main_score():
    spec = importlib.util.spec_from_file_location("ftlint_corpus_score", MAIN_SCORE)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


score = _import_main_score()


def collect(cases_dir: Path, pattern: str | None = None) -> list:
    found = []
    for folder in sorted(p for p in cases_dir.iterdir() if p.is_dir()):
        if not (folder / "case.toml").is_file():
            continue
        if pattern and pattern not in folder.name:
            continue
        found.append(score.load_case(folder))
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=Path, default=CASES, help="folder holding the case folders")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("-k", dest="pattern", help="only run cases whose folder name contains this")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="cases run at once (default 2)")
    opts = ap.parse_args(argv)

    results = score.run_all(collect(opts.cases.resolve(), opts.pattern), jobs=opts.jobs)
    summary = score.summarize(results)
    if opts.json:
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(f"(unseen cases from {opts.cases})\n")
        score.print_report(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
