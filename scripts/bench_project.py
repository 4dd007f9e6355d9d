"""Project-mode throughput: `ftlint DIR` over a folder of scripts, several runs, medians.

The folder is made of the labelled corpus (tests/corpus/cases), copied N times so pairs stay
pairs, plus the project-mode fixture. Each run is a fresh `python -m ftlint` process;
CPU time is the children's user+system time, so worker processes count.

    .venv/bin/python scripts/bench_project.py [--copies 4] [--runs 5] [--jobs 0] [--profile]

Each round runs three things, interleaved: `--jobs 1` (one process), `--jobs N` (N: --jobs,
or one worker per core), and a bare libcst parse of the same files (one process, as a
floor). It prints the CPU of each against the bare parse's and the wall-time speedup of
the workers. --profile adds where one serial run spends it.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(folder: Path, copies: int) -> tuple[int, int]:
    """Copy the sources in; returns (files, lines)."""
    for number in range(copies):
        shutil.copytree(ROOT / "tests/corpus/cases", folder / f"corpus{number}",
                        ignore=shutil.ignore_patterns("*.toml"))
        shutil.copytree(ROOT / "tests/fixtures/project_mode", folder / f"project{number}",
                        ignore=shutil.ignore_patterns("pyproject.toml", "legacy"))
    files = [p for p in folder.rglob("*") if p.suffix in (".py", ".ipynb")]
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in files)
    return len(files), lines


def run_once(folder: Path, jobs: int) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ftlint", "--no-cache", str(folder),
                           "--output-format", "json", "--exit-zero", "--jobs", str(jobs)],
                          cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"ftlint failed ({done.returncode}): {done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout.count('"code"')


BARE_PARSE = """
import sys, libcst
for path in sys.argv[1:]:
    if path.endswith(".py"):
        libcst.parse_module(open(path, encoding="utf-8").read())
"""


def bare_parse(folder: Path) -> float:
    """CPU seconds of parsing every .py file with libcst and nothing else."""
    files = [str(p) for p in folder.rglob("*.py")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", BARE_PARSE, *files], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def profile(folder: Path) -> None:
    """The functions one serial, uncached run spends the most cumulative time in."""
    import cProfile
    import pstats

    from ftlint.cli import main as ftlint_main

    profiler = cProfile.Profile()
    profiler.runcall(ftlint_main, ["--no-cache", "--jobs", "1", "--output-format", "json",
                                   "--exit-zero", str(folder)])
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=0,
                        help="workers of the parallel runs (0: one per core, as ftlint chooses)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    workers = args.jobs or os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files, lines = build(folder, args.copies)
        serial, parallel, parses = [], [], []
        for _ in range(args.runs):  # interleaved, so all three see the same machine
            serial.append(run_once(folder, 1))
            parallel.append(run_once(folder, workers))
            parses.append(bare_parse(folder))
        if args.profile:
            profile(folder)
    if serial[0][2] != parallel[0][2]:
        raise SystemExit(f"--jobs 1 made {serial[0][2]} findings, --jobs {workers} "
                         f"{parallel[0][2]}")
    print(f"{files} files, {lines} lines, {serial[0][2]} findings, {args.runs} runs on "
          f"{os.cpu_count()} cores (medians)")
    parse = statistics.median(parses)
    for label, results in (("--jobs 1", serial), (f"--jobs {workers}", parallel)):
        walls = [r[0] for r in results]
        wall, cpu = statistics.median(walls), statistics.median(r[1] for r in results)
        print(f"{label}: wall {wall:.2f}s (min {min(walls):.2f}, max {max(walls):.2f}), "
              f"cpu {cpu:.2f}s: {lines / cpu:,.0f} lines per CPU-second, "
              f"{lines / wall:,.0f} per wall-second; {cpu / parse:.2f}x the bare parse's CPU")
    print(f"bare libcst parse of the same files: {parse:.2f}s CPU")
    speedup = statistics.median(r[0] for r in serial) / statistics.median(r[0] for r in parallel)
    print(f"--jobs {workers} against --jobs 1: {speedup:.2f}x faster (wall)")


if __name__ == "__main__":
    main()
