#!/usr/bin/env python3
"""Does analysis cost grow with the file, and no faster? Times `ftlint FILE --no-cache` on
shapes that once grew much faster than their size, at two sizes each, and prints the cost
per line of each size; a ratio near 1 is linear.

    python scripts/bench_growth.py [--runs 3]

Shapes: a training block (branches on argparse options, assignments, optimizers) repeated
k times; a large config dict read by many statements. The time of a one-line file (start-up)
is subtracted first.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BLOCK = '''
if args.optimizer == "sgd{n}":
    lr{n} = args.lr * {n}
    opt{n} = torch.optim.SGD(model.parameters(), lr=lr{n}, momentum=0.9)
else:
    lr{n} = args.lr / 2
    opt{n} = torch.optim.AdamW(model.parameters(), lr=lr{n})
for epoch in range(args.epochs):
    for step, (x, y) in enumerate(loader):
        loss{n} = criterion(model(x), y)
        loss{n}.backward()
        opt{n}.step()
'''
HEAD = '''import argparse
import torch
parser = argparse.ArgumentParser()
parser.add_argument("--optimizer", default="adamw")
parser.add_argument("--lr", type=float, default=1e-3)
parser.add_argument("--epochs", type=int, default=3)
args = parser.parse_args()
'''


def repeated_block(copies: int) -> str:
    return HEAD + "".join(BLOCK.format(n=n) for n in range(copies))


def config_reads(entries: int, reads: int) -> str:
    body = "".join(f"    'key_{i}': {i},\n" for i in range(entries))
    text = "import torch\nCONFIG = {\n" + body + "    'lr': 1e-3,\n}\n"
    return text + "".join(f"opt{i} = torch.optim.Adam(m.parameters(), lr=CONFIG['lr'])\n"
                          for i in range(reads))


def seconds(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ftlint", "--no-cache", str(path)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    shapes = {"training block x k": [repeated_block(100), repeated_block(500)],
              "config dict read n times": [config_reads(2750, 200), config_reads(11000, 800)]}
    with tempfile.TemporaryDirectory() as temp:
        empty = Path(temp) / "one_line.py"
        empty.write_text("x = 1\n")
        start_up = seconds(empty, args.runs)
        print(f"start-up (a one-line file): {start_up:.2f} s, subtracted below")
        for name, texts in shapes.items():
            per_line = []
            for number, text in enumerate(texts):
                path = Path(temp) / f"shape_{len(per_line)}_{number}.py"
                path.write_text(text)
                lines = len(text.splitlines())
                took = max(seconds(path, args.runs) - start_up, 1e-3)
                per_line.append(took / lines)
                print(f"{name:<26} {lines:>7} lines  {took:7.2f} s  "
                      f"{took / lines * 1e6:8.1f} us/line")
            print(f"{'':<26} cost per line, large / small: {per_line[1] / per_line[0]:.2f}")


if __name__ == "__main__":
    main()
