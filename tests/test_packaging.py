"""What a user installs: the wheel, in a fresh virtualenv outside the repository, run from a
folder that is not the repository (where this checkout cannot hide a missing package)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from lsp_wire import WireClient

ROOT = Path(__file__).resolve().parent.parent
PAIR = ROOT / "tests" / "fixtures" / "editor_pair"


def user_env() -> dict[str, str]:
    """A user's shell: nothing on PYTHONPATH that could reach this checkout."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def test_every_package_under_ftlint_is_in_the_wheel(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path),
                    str(ROOT)], check=True, capture_output=True, timeout=600)
    (wheel,) = tmp_path.glob("ftlint-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    packages = [p.relative_to(ROOT).as_posix() for p in (ROOT / "ftlint").rglob("__init__.py")
                if "__pycache__" not in p.parts]
    assert "ftlint/lsp/__init__.py" in packages
    assert [p for p in packages if p not in shipped] == []
    rules = {f"ftlint/builtin_rules/{p.name}" for p in (ROOT / "rules").glob("*.py")}
    assert rules <= shipped


def test_installed_command_lints_a_pair_from_another_folder(installed_ftlint, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(PAIR, work)
    where = subprocess.run([str(installed_ftlint / "python"), "-c",
                            "import ftlint, ftlint.lsp; print(ftlint.__file__)"],
                           capture_output=True, text=True, cwd=work, env=user_env(), check=True)
    assert str(installed_ftlint.parent) in where.stdout and str(ROOT) not in where.stdout
    result = subprocess.run([str(installed_ftlint / "ftlint"), "train.py", "finetune.py"],
                            capture_output=True, text=True, cwd=work, env=user_env())
    assert result.returncode == 1, result.stderr
    assert "FT401 [warning]" in result.stdout
    rules = subprocess.run([str(installed_ftlint / "python"), "-m", "ftlint", "rules"],
                           capture_output=True, text=True, cwd=work, env=user_env())
    assert "FT501" in rules.stdout


def test_installed_language_server_publishes_a_pairs_diagnostics(installed_ftlint, tmp_path):
    """initialize -> didOpen -> diagnostics, with `ftlint lsp` exactly as the docs start it."""
    work = tmp_path / "work"
    shutil.copytree(PAIR, work)
    client = WireClient([str(installed_ftlint / "ftlint"), "lsp"], cwd=tmp_path, env=user_env())
    try:
        answer = client.initialize(work)
        assert answer["result"]["serverInfo"]["name"] == "ftlint", answer
        uri = client.open(work / "finetune.py")
        diagnostics = client.diagnostics(uri, "FT401")
        (lr,) = [d for d in diagnostics if d["code"] == "FT401"]
        assert "10x the pretraining rate" in lr["message"]
        related = lr["relatedInformation"][0]["location"]["uri"]
        assert related == (work / "train.py").as_uri()
    finally:
        assert client.stop() == 0


def test_linting_does_not_import_heavy_modules(tmp_path):
    (tmp_path / "a.py").write_text("import torch\nopt = torch.optim.Adam(m.parameters())\n")
    code = ("import sys\nfrom ftlint.cli import main\nmain(['a.py'])\n"
            "heavy = [m for m in ('pygls', 'lsprotocol', 'numpy', 'cattrs') if m in sys.modules]\n"
            "print('HEAVY', heavy)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=tmp_path)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
