#!/usr/bin/env python3
"""CLI speed, measured side by side so a noisy machine cancels out.

1. Cold start: `ftlint train.py finetune.py` on the example pair in a new process, against
   the floor `python -c "import libcst; parse both files"`, runs interleaved; medians.
2. Throughput: lines per CPU-second of a whole in-process run (parse, extract, profiles,
   rules) over a folder of training scripts, against libcst parsing alone.

Usage: python scripts/bench_cli.py [--runs 15] [--folder tests/corpus/cases]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIR = [ROOT / "examples/reviews/train.py", ROOT / "examples/reviews/finetune.py"]
FLOOR = ("import libcst, sys\n"
         "for p in sys.argv[1:]: libcst.parse_module(open(p).read())\n")


# An installed package has its bytecode compiled at install time (libcst's is); let ours be
# cached too, as for a user, even where the environment says not to write bytecode.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                   env=ENV)
    return time.perf_counter() - start


def cold_start(runs: int) -> None:
    ftlint = [sys.executable, "-m", "ftlint", "--no-cache", *map(str, PAIR)]  # analysis, not a cache hit
    floor = [sys.executable, "-c", FLOOR, *map(str, PAIR)]
    for _ in range(2):  # warm the file cache and write bytecode
        wall(ftlint), wall(floor)
    ours, base = [], []
    for _ in range(runs):
        ours.append(wall(ftlint))
        base.append(wall(floor))
    a, b = statistics.median(ours), statistics.median(base)
    print(f"cold start, {runs} interleaved runs: ftlint {a * 1000:.0f} ms, floor (import libcst "
          f"+ parse both) {b * 1000:.0f} ms, ratio {a / b:.2f}x")


def throughput(folder: Path, runs: int) -> None:
    import libcst

    from ftlint.config import Config
    from ftlint.engine import Linter
    from ftlint.program import Workspace
    from ftlint.rules_loader import load_rules

    files = sorted(str(p) for p in folder.rglob("*.py"))
    lines = sum(len(Path(f).read_text().splitlines()) for f in files)
    rules = load_rules()
    ours, parse_only = [], []
    for _ in range(runs):
        start = time.process_time()
        linter = Linter(Config(root=folder), rules=rules, workspace=Workspace(),
                        log=lambda message: None)
        linter.run([], files)
        ours.append(time.process_time() - start)
        start = time.process_time()
        for f in files:
            libcst.parse_module(Path(f).read_text())
        parse_only.append(time.process_time() - start)
    a, b = statistics.median(ours), statistics.median(parse_only)
    print(f"throughput over {len(files)} files, {lines} lines, {runs} runs: ftlint "
          f"{lines / a:,.0f} lines/CPU-s ({a:.2f} s), libcst parse alone {lines / b:,.0f} "
          f"lines/CPU-s ({b:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--folder", type=Path, default=ROOT / "tests/corpus/cases")
    args = parser.parse_args()
    cold_start(args.runs)
    throughput(args.folder, max(3, args.runs // 3))


if __name__ == "__main__":
    main()
