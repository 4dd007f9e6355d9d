from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def run_cli():
    """Run `python -m ftlint` in a new process, as a user would."""

    def run(*args: str, cwd: Path | None = None, stdin: str | None = None):
        return subprocess.run([sys.executable, "-m", "ftlint", *map(str, args)],
                              capture_output=True, text=True, cwd=cwd or ROOT, input=stdin,
                              timeout=120)

    return run
