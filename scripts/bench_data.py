#!/usr/bin/env python3
"""What `ftlint --data` costs: a 1,000,000-row, 20-column CSV pair and an image folder of
50 classes x 2,000 empty files, generated in a temporary folder.

For each case: CPU seconds (user + system) of the whole `python -m ftlint --data` process,
and of reading the data alone (in-process, the engine's data step), medians of --runs runs;
rows per CPU-second of the data step. Goals on this 2-core machine: the CSV pair under
2 s of CPU, the folder under 1 s. Not a timed test: run it by hand.

    python scripts/bench_data.py [--runs 5] [--full]

--full also reads the whole CSV files (data-max-rows 1,000,000, data-max-mb 512) instead of
the default budget (200,000 rows or 64 MB per file).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROWS, COLUMNS = 1_000_000, 20
CLASSES, FILES = 50, 2_000
SCRIPT = ("import pandas as pd\nFEATURES = [{features}]\ndf = pd.read_csv({path!r})\n"
          "X = df[FEATURES]\ny = df['label']\nmodel.fit(X, y)\n")
FOLDER_SCRIPT = ("import torchvision\nds = torchvision.datasets.ImageFolder({path!r})\n"
                 "model.fit(ds)\n")


def make_csv(path: Path, shift: float, seed: int) -> None:
    import numpy as np

    rng = np.random.default_rng(seed)
    names = [f"f{i}" for i in range(COLUMNS - 1)]
    with open(path, "w") as handle:
        handle.write(",".join(names) + ",label\n")
        for _ in range(0, ROWS, 100_000):
            block = rng.normal(shift, 1.0, size=(100_000, COLUMNS - 1))
            labels = (rng.random(100_000) < 0.3).astype(int)
            lines = [",".join(f"{v:.4f}" for v in row) + f",{label}\n"
                     for row, label in zip(block.tolist(), labels.tolist(), strict=True)]
            handle.write("".join(lines))


def make_folder(root: Path, classes: int, files: int) -> None:
    for c in range(classes):
        folder = root / f"class_{c:02d}"
        folder.mkdir(parents=True)
        for i in range(files):
            os.close(os.open(folder / f"{i:05d}.jpg", os.O_CREAT | os.O_WRONLY, 0o644))


def cli_cpu(folder: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "ftlint", "--data", "--exit-zero", "train.py",
                        "finetune.py"], cwd=folder, capture_output=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return times


def data_step(folder: Path, runs: int, options: dict) -> tuple[list[float], int]:
    """CPU seconds of the data step alone (file reading and summaries), and rows read."""
    from ftlint.config import Config
    from ftlint.data import attach
    from ftlint.program import Workspace

    config = Config(root=folder, data=True, options=options)
    workspace = Workspace()
    profiles = [workspace.whole(str(folder / name), phase) for name, phase in
                (("train.py", "pretrain"), ("finetune.py", "finetune"))]
    times, rows = [], 0
    for _ in range(runs):
        attach._CACHE.clear()
        start = time.process_time()
        done = [attach.with_data(p, config) for p in profiles]
        times.append(time.process_time() - start)
        rows = sum(f.value.rows for p in done for f in p.of("dataset"))
    return times, rows


def report(name: str, folder: Path, runs: int, options: dict | None = None) -> None:
    if options:
        (folder / "pyproject.toml").write_text(
            "[tool.ftlint.options]\n" + "".join(f"{k} = {v}\n" for k, v in options.items()))
    cli = statistics.median(cli_cpu(folder, runs))
    step_times, rows = data_step(folder, runs, options or {})
    step = statistics.median(step_times)
    print(f"{name}: ftlint --data {cli:.2f} s CPU (median of {runs}); data step {step:.2f} s "
          f"for {rows:,} rows = {rows / step:,.0f} rows per CPU-second")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        tables = base / "tables"
        tables.mkdir()
        make_csv(tables / "pretrain.csv", 0.0, 1)
        make_csv(tables / "finetune.csv", 0.3, 2)
        features = ", ".join(repr(f"f{i}") for i in range(COLUMNS - 1))
        (tables / "train.py").write_text(SCRIPT.format(features=features, path="pretrain.csv"))
        (tables / "finetune.py").write_text(SCRIPT.format(features=features, path="finetune.csv"))
        size = (tables / "finetune.csv").stat().st_size / (1 << 20)
        print(f"CSV pair: {ROWS:,} rows x {COLUMNS} columns each ({size:.0f} MB per file)")
        report("CSV pair, default budget", tables, args.runs)
        if args.full:
            report("CSV pair, whole files", tables, args.runs,
                   {"data-max-rows": ROWS, "data-max-mb": 512})
        images = base / "images"
        make_folder(images / "finetune", CLASSES, FILES)
        make_folder(images / "pretrain", CLASSES, 20)
        (images / "train.py").write_text(FOLDER_SCRIPT.format(path="pretrain"))
        (images / "finetune.py").write_text(FOLDER_SCRIPT.format(path="finetune"))
        print(f"image folder: {CLASSES} classes x {FILES:,} files (pretraining: {CLASSES} x 20)")
        report("image folder", images, args.runs)


if __name__ == "__main__":
    main()
