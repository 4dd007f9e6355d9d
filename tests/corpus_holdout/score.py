"""Score ftlint against the held-out corpus in tests/corpus_holdout/cases.

Reuses the loader, runner, judge and report of tests/corpus/score.py (imported, not
copied or modified) and only points them at a different cases directory. Same options:
`--json`, `-k NAME`, `-j N`, plus `--cases DIR` to score another folder of cases.
Always exits 0.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

HOLDOUT_DIR = Path(__file__).resolve().parent
DEFAULT_CASES = HOLDOUT_DIR / "cases"
_MAIN_SCORE = HOLDOUT_DIR.parent / "corpus" / "score.py"

_spec = importlib.util.spec_from_file_location("ftlint_corpus_score", _MAIN_SCORE)
score = importlib.util.module_from_spec(_spec)
sys.modules.setdefault(_spec.name, score)
_spec.loader.exec_module(score)


def load_cases(cases_dir: Path, pattern: str | None = None):
    cases = [
        score.load_case(d)
        for d in sorted(cases_dir.iterdir())
        if d.is_dir() and (d / "case.toml").exists()
    ]
    if pattern:
        cases = [c for c in cases if pattern in c.name]
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES, help="folder of case folders")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("-k", dest="pattern", help="only cases whose folder name contains this")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="cases run at once (default 2)")
    args = parser.parse_args(argv)

    results = score.run_all(load_cases(args.cases.resolve(), args.pattern), jobs=args.jobs)
    summary = score.summarize(results)
    if args.json:
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(f"(held-out cases from {args.cases})\n")
        score.print_report(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
