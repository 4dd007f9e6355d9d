#!/usr/bin/env python3
"""The result cache, measured: cold (--no-cache) against warm (an unchanged rerun), for
the example pair and for project mode over a generated repository of N files.

Each figure is the median wall time of --runs interleaved runs of the `ftlint` command in a
new process, as a user or pre-commit starts it.

    python scripts/bench_cache.py [--runs 7] [--files 500]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = '''import torch
from torch import nn
from common_{group} import LR, build

model = build()
opt = torch.optim.AdamW(model.parameters(), lr=LR * {scale})
for epoch in range(10):
    for x, y in loader:
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
torch.save(model.state_dict(), "ckpt_{index}.pt")
'''


def _repository(folder: Path, files: int) -> None:
    groups = max(files // 25, 1)
    for group in range(groups):
        (folder / f"common_{group}.py").write_text(
            "from torch import nn\nLR = 1e-3\n\ndef build():\n    return nn.Linear(8, 2)\n")
    for index in range(files - groups):
        (folder / f"train_{index}.py").write_text(
            SCRIPT.format(group=index % groups, scale=1 + index % 3, index=index))


def _time(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _measure(name: str, command: list[str], cwd: Path, runs: int) -> None:
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cold, warm = [], []
    for _ in range(runs):
        cold.append(_time([*command, "--no-cache"], cwd))
        warm.append(_time(command, cwd))
    c, w = statistics.median(cold), statistics.median(warm)
    print(f"{name:<38} cold {c * 1000:8.1f} ms   warm {w * 1000:7.1f} ms   ({c / w:.1f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--files", type=int, default=500)
    args = parser.parse_args()
    ftlint = [sys.executable, "-m", "ftlint"]
    with tempfile.TemporaryDirectory() as temp:
        pair = Path(temp) / "pair"
        shutil.copytree(ROOT / "examples" / "reviews", pair)
        _measure("pair (examples/reviews)", [*ftlint, "train.py", "finetune.py"], pair,
                 args.runs)
        repo = Path(temp) / "repo"
        repo.mkdir()
        _repository(repo, args.files)
        lines = sum(len(p.read_text().splitlines()) for p in repo.glob("*.py"))
        _measure(f"project mode ({args.files} files, {lines} lines)", [*ftlint], repo,
                 max(3, args.runs // 2))


if __name__ == "__main__":
    main()
