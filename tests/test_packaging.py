"""`pip install .` (not editable) ships the rules; the CLI's imports stay lean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_the_builtin_rules(tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps",
                    "-q", "--target", str(target), str(ROOT)], check=True, capture_output=True,
                   timeout=300)
    assert (target / "ftlint" / "builtin_rules" / "optimization.py").is_file()
    assert (target / "ftlint" / "data" / "tables.py").is_file()  # the --data readers
    env = {**os.environ, "PYTHONPATH": str(target)}
    work = tmp_path / "work"
    work.mkdir()
    where = subprocess.run([sys.executable, "-c", "import ftlint; print(ftlint.__file__)"],
                           capture_output=True, text=True, cwd=work, env=env, check=True)
    assert where.stdout.startswith(str(target))
    (work / "train.py").write_text("import torch\nopt = torch.optim.Adam(m.parameters(), lr=1e-4)\n")
    (work / "finetune.py").write_text("import torch\nopt = torch.optim.Adam(m.parameters(), lr=1e-2)\n")
    result = subprocess.run([sys.executable, "-m", "ftlint", "train.py", "finetune.py"],
                            capture_output=True, text=True, cwd=work, env=env)
    assert "FT401 [warning] fine-tuning learning rate 0.01 is 100x" in result.stdout
    rules = subprocess.run([sys.executable, "-m", "ftlint", "rules"], capture_output=True,
                           text=True, cwd=work, env=env)
    assert "FT501" in rules.stdout


def test_linting_does_not_import_heavy_modules(tmp_path):
    (tmp_path / "a.py").write_text("import torch\nopt = torch.optim.Adam(m.parameters())\n")
    code = ("import sys\nfrom ftlint.cli import main\nmain(['a.py'])\n"
            "heavy = [m for m in ('pygls', 'lsprotocol', 'numpy', 'cattrs') if m in sys.modules]\n"
            "print('HEAVY', heavy)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=tmp_path)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
