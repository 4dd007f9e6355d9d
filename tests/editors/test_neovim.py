"""Headless Neovim (Debian's neovim, 0.7+) opens a fine-tuning script with ftlint attached.

neovim/run.sh prints every diagnostic Neovim holds as JSON (1-based lines and columns):
{"status": "ok", "diagnostics": [{"file", "line", "col", "severity", "source", "code",
 "message", "related": [{"file", "line", "col", "message"}]}]}
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from editor_support import missing

HERE = Path(__file__).resolve().parent
SERVER_CMD = os.environ.get("FTLINT_LSP_CMD", f"{shlex.quote(sys.executable)} -m ftlint lsp")


def run_neovim(workspace: Path, state: Path, **case: str) -> dict:
    if shutil.which(os.environ.get("E2E_NVIM", "nvim")) is None:
        missing("nvim not found (apt-get install -y neovim)")
    env = {**os.environ, "E2E_SERVER_CMD": SERVER_CMD, "E2E_PYTHONPATH": "",
           "E2E_WORKSPACE": str(workspace), "E2E_STATE": str(state), **case}
    proc = subprocess.run([str(HERE / "neovim" / "run.sh")], env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, f"rc={proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return json.loads(proc.stdout)


def test_neovim_shows_pair_diagnostics_in_both_files(workspace, tmp_path):
    result = run_neovim(workspace, tmp_path / "nvim", E2E_FILE="finetune.py",
                        E2E_EXPECT="10x the pretraining rate", E2E_PARTNER="train.py",
                        E2E_PARTNER_EXPECT="pretraining uses Adam")
    by_code = {(d["file"], d["code"]): d for d in result["diagnostics"]}
    lr = by_code[("finetune.py", "FT401")]
    assert (lr["line"], lr["col"], lr["severity"], lr["source"]) == (12, 13, "WARN", "ftlint")
    assert lr["related"] == [{"file": "train.py", "line": 11, "col": 13,
                              "message": "pretraining uses Adam(model.parameters(), lr=0.001) here"}]
    assert by_code[("finetune.py", "FT202")]["severity"] == "ERROR"
    echo = by_code[("train.py", "FT401")]
    assert (echo["line"], echo["col"], echo["severity"]) == (11, 13, "INFO")
    assert echo["related"][0]["file"] == "finetune.py" and echo["related"][0]["line"] == 12


def test_neovim_two_phase_script(tmp_path):
    script = tmp_path / "example.py"
    script.write_text(
        "from tensorflow.keras.optimizers import Adam\n"
        "optimizer_original = Adam(learning_rate=0.001)\n"
        "model.compile(optimizer=optimizer_original)\n"
        "#Fine-tuning with a different learning rate\n"
        "optimizer_finetune = Adam(learning_rate=0.01)\n"
        "model.compile(optimizer=optimizer_finetune)\nmodel.fit(x, y)\n")
    result = run_neovim(tmp_path, tmp_path / "nvim", E2E_FILE="example.py",
                        E2E_EXPECT="is 10x the pretraining rate")
    (lr,) = [d for d in result["diagnostics"] if d["code"] == "FT401"]
    assert lr["line"] == 5 and lr["related"][0]["line"] == 2
