from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = ROOT / "build" / "wheelhouse"  # made by scripts/install.d/30-ci-tools.sh


@pytest.fixture(scope="session")
def installed_ftlint(tmp_path_factory) -> Path:
    """ftlint as a user gets it: the wheel built from this checkout, installed (not
    editable) into a new virtualenv outside the repository. Returns the venv's bin folder.

    Dependencies come from the local wheelhouse when CI's install step made one, else
    from the package index."""
    base = tmp_path_factory.mktemp("installed")
    wheels = base / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(ROOT)], check=True, capture_output=True, timeout=600)
    (wheel,) = wheels.glob("ftlint-*.whl")
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True)
    local = ["--no-index", "--find-links", str(WHEELHOUSE)] if WHEELHOUSE.is_dir() else []
    done = subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q",
                           "--disable-pip-version-check", *local, str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return env_dir / "bin"



@pytest.fixture
def run_cli():
    """Run `python -m ftlint` in a new process, as a user would."""

    def run(*args: str, cwd: Path | None = None, stdin: str | None = None):
        return subprocess.run([sys.executable, "-m", "ftlint", *map(str, args)],
                              capture_output=True, text=True, cwd=cwd or ROOT, input=stdin,
                              timeout=120)

    return run
