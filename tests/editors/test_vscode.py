"""VS Code (code-server 4.100.3 = VS Code 1.100.3) with the built ftlint .vsix installed,
driven by headless Chromium (playwright-core): squiggles and Problems-panel rows for a pair.

The screenshot lands in out/editors/ (ignored by git; CI keeps it as an artifact).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import venv
from pathlib import Path

from editor_support import REPO, missing

HERE = Path(__file__).resolve().parent / "code-server"
CODE_SERVER = Path(os.environ.get("E2E_CODE_SERVER", HERE / "node_modules" / ".bin" / "code-server"))
VSIX = Path(os.environ.get("E2E_VSIX", REPO / "vscode-extension" / "ftlint.vsix"))
ARTIFACTS = REPO / "out" / "editors"


def _missing() -> str | None:
    if not CODE_SERVER.exists():
        return f"no code-server at {CODE_SERVER} (bash scripts/install.d/20-editors.sh)"
    if not (HERE / "driver" / "node_modules" / "playwright-core").exists():
        return "playwright-core missing (bash scripts/install.d/20-editors.sh)"
    if not VSIX.exists():
        return f"no .vsix at {VSIX} (bash scripts/install.d/20-editors.sh)"
    if not os.environ.get("E2E_CHROMIUM") and not any(
            shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")):
        return "no Chromium (apt-get install -y chromium)"
    return None


def run_vscode(workspace: Path, state: Path, screenshot: str, succeed: bool = True,
               **case: str) -> dict:
    reason = _missing()
    if reason:
        missing(reason)
    # E2E_PYTHON: the interpreter of a normal (not editable) install, outside this checkout
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update({"E2E_STATE": str(state), "E2E_WORKSPACE": str(workspace),
                "E2E_PYTHONPATH": "", "E2E_VSIX": str(VSIX), **case})
    state.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([str(HERE / "run.sh")], env=env, capture_output=True, text=True,
                          timeout=300, cwd=state)  # not this checkout, whose ftlint/ would shadow

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if (state / "vscode.png").exists():
        shutil.copy(state / "vscode.png", ARTIFACTS / screenshot)
    assert (proc.returncode == 0) == succeed, (f"rc={proc.returncode}; logs in {state}\n"
                                               f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return json.loads((state / "vscode-result.json").read_text())


def _markers(result: dict, file: str, text: str) -> list[dict]:
    return [m for f in result["problems"] if f["file"] == file for m in f["markers"]
            if text in m["text"]]


def test_vscode_shows_squiggles_and_problems_for_a_pair(workspace, tmp_path, installed_ftlint):
    result = run_vscode(workspace, tmp_path / "vscode", "vscode-pair.png",
                        E2E_PYTHON=str(installed_ftlint / "python"), E2E_FILE="finetune.py",
                        E2E_EXPECT="10x the pretraining rate", E2E_PARTNER="train.py",
                        E2E_PARTNER_EXPECT="pretraining uses Adam",
                        E2E_COMMAND="ftlint: Restart server",
                        E2E_COMMAND_LOG="Starting: ")  # logged again once the old server stopped
    assert result["status"] == "ok", result["error"]
    assert result["command"] == "ftlint: Restart server"  # and the squiggle came back
    assert "squiggly-warning" in result["squiggles"]["finetune.py"]  # FT401
    assert "squiggly-error" in result["squiggles"]["finetune.py"]  # FT202
    assert result["squiggles"]["train.py"], result["squiggles"]
    (lr,) = _markers(result, "finetune.py", "10x the pretraining rate")
    assert "ftlint" in lr["text"] and "[Ln 12, Col 13]" in lr["text"], lr
    assert any(r["aria"].endswith(" in train.py") and "lr=0.001" in r["aria"]
               for r in lr["related"]), lr
    echoes = _markers(result, "train.py", "pretraining uses Adam")
    assert any(r["aria"].endswith(" in finetune.py") for m in echoes for r in m["related"]), echoes


def test_vscode_says_when_ftlint_is_not_installed(workspace, tmp_path):
    bare = tmp_path / "bare-venv"  # a Python without ftlint
    venv.create(bare, with_pip=False)
    python = bare / "bin" / "python"
    result = run_vscode(workspace, tmp_path / "vscode", "vscode-not-installed.png", succeed=False,
                        E2E_PYTHON=str(python), E2E_FILE="finetune.py", E2E_TIMEOUT_S="40")
    # the driver stops on the message in the extension's "ftlint" output channel
    assert (f"ftlint.log: ftlint: ftlint is not installed in {python} (No module named "
            "'ftlint'). Install it there:") in result["error"], result
    assert "pip install <path of an ftlint clone>" in result["error"], result
    assert result["squiggles"]["finetune.py"] == []


def test_vscode_says_when_the_interpreter_does_not_exist(workspace, tmp_path):
    result = run_vscode(workspace, tmp_path / "vscode", "vscode-no-interpreter.png", succeed=False,
                        E2E_PYTHON=str(tmp_path / "no" / "python"), E2E_FILE="finetune.py",
                        E2E_TIMEOUT_S="40")
    assert (f"ftlint: the interpreter {tmp_path / 'no' / 'python'} was not found (ENOENT)"
            in result["error"]), result


def test_vscode_shows_a_notebooks_findings_on_its_cells(workspace, tmp_path, installed_ftlint):
    """A real .ipynb opened in VS Code's notebook editor: the server gets notebook documents
    (LSP notebook sync) and the squiggle lands on the cell."""
    lines = (workspace / "finetune.py").read_text().splitlines(True)
    cells = [lines[1:5], lines[5:]]  # imports; the model, transform and optimizer
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [],
                           "execution_count": None, "source": c} for c in cells],
                "metadata": {"kernelspec": {"language": "python", "name": "python3",
                                            "display_name": "Python 3"},
                             "language_info": {"name": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    (workspace / "finetune.ipynb").write_text(json.dumps(notebook, indent=1))
    (workspace / "finetune.py").unlink()
    pyproject = workspace / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"finetune.py"', '"finetune.ipynb"'))
    result = run_vscode(workspace, tmp_path / "vscode", "vscode-notebook.png",
                        E2E_PYTHON=str(installed_ftlint / "python"), E2E_FILE="finetune.ipynb",
                        E2E_EXPECT="10x the pretraining rate")
    assert result["status"] == "ok", result["error"]
    assert "squiggly-warning" in result["squiggles"]["finetune.ipynb"]  # FT401, in cell 2
    (lr,) = _markers(result, "finetune.ipynb", "10x the pretraining rate")
    assert "[Ln 7, Col 13]" in lr["text"], lr  # line 7 of its cell, not of the joined code
