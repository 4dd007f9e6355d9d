"""The result cache (ftlint.cache): an unchanged run is answered from .ftlint_cache without
importing libcst, and every input that can change a result makes it compute again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TRAIN = "import torch\nfrom settings import LR\nopt = torch.optim.Adam(m.parameters(), lr=LR)\n"
FINETUNE = "import torch\nopt = torch.optim.Adam(m.parameters(), lr=1e-2)\n"


def _project(folder: Path, lr: str = "1e-3") -> Path:
    (folder / "train.py").write_text(TRAIN)
    (folder / "finetune.py").write_text(FINETUNE)
    (folder / "settings.py").write_text(f"LR = {lr}\n")
    return folder


def _lint(folder: Path, *extra: str, env: dict | None = None) -> tuple[subprocess.CompletedProcess, bool]:
    """Lint the pair in a new process; also says whether libcst was imported."""
    code = ("import sys\nfrom ftlint.cli import main\ncode = main(sys.argv[1:])\n"
            "print('LIBCST', 'libcst' in sys.modules, file=sys.stderr)\nsys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", code, "--output-format", "json", *extra,
                           "train.py", "finetune.py"], capture_output=True, text=True,
                          cwd=folder, env={**os.environ, **(env or {})}, timeout=120)
    return done, "LIBCST True" in done.stderr


def _codes(done: subprocess.CompletedProcess) -> list[str]:
    return [f["code"] for f in json.loads(done.stdout)]


def test_an_unchanged_pair_is_answered_from_the_cache_without_parsing(tmp_path):
    folder = _project(tmp_path)
    cold, parsed = _lint(folder)
    assert parsed and _codes(cold) == ["FT401"]
    warm, parsed_again = _lint(folder)
    assert not parsed_again, "a warm run must not import libcst"
    assert warm.stdout == cold.stdout and warm.returncode == cold.returncode == 1
    cache = folder / ".ftlint_cache"
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text().startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")
    (entry,) = cache.glob("*/*.json")
    json.loads(entry.read_text())  # JSON, never pickle


def test_a_changed_file_or_imported_module_is_analysed_again(tmp_path):
    folder = _project(tmp_path)
    _lint(folder)
    (folder / "settings.py").write_text("LR = 1e-2\n")  # imported by train.py: rates now equal
    done, parsed = _lint(folder)
    assert parsed and _codes(done) == []
    (folder / "finetune.py").write_text(FINETUNE.replace("1e-2", "1e-1"))
    done, parsed = _lint(folder)
    assert parsed and _codes(done) == ["FT401"]


def test_a_module_that_appears_later_is_seen(tmp_path):
    (tmp_path / "train.py").write_text(TRAIN)
    (tmp_path / "finetune.py").write_text(FINETUNE)
    first, _ = _lint(tmp_path)
    assert _codes(first) == []  # LR unknown: no warning
    (tmp_path / "settings.py").write_text("LR = 1e-3\n")
    done, parsed = _lint(tmp_path)
    assert parsed and _codes(done) == ["FT401"]


def test_configuration_changes_and_options_make_a_new_entry(tmp_path):
    folder = _project(tmp_path)
    _lint(folder)
    (folder / "pyproject.toml").write_text('[tool.ftlint]\nignore = ["FT401"]\n')
    done, parsed = _lint(folder)
    assert parsed and _codes(done) == []
    done, parsed = _lint(folder, "--select", "FT4")
    assert parsed and _codes(done) == []  # ignore still applies


def test_no_cache_and_the_cache_dir_settings(tmp_path):
    folder = _project(tmp_path)
    _, parsed = _lint(folder, "--no-cache")
    assert parsed and not (folder / ".ftlint_cache").exists()
    elsewhere = tmp_path / "elsewhere"
    _lint(folder, env={"FTLINT_CACHE_DIR": str(elsewhere)})
    assert list(elsewhere.glob("*/*.json")) and not (folder / ".ftlint_cache").exists()
    (folder / "pyproject.toml").write_text('[tool.ftlint]\ncache-dir = "build/lint-cache"\n')
    _lint(folder)
    assert list((folder / "build" / "lint-cache").glob("*/*.json"))


def test_a_damaged_entry_is_ignored(tmp_path):
    folder = _project(tmp_path)
    cold, _ = _lint(folder)
    (entry,) = (folder / ".ftlint_cache").glob("*/*.json")
    entry.write_text('{"findings": [{"code": "FT999"')
    done, parsed = _lint(folder)
    assert parsed and done.stdout == cold.stdout


def test_project_mode_is_cached_too(tmp_path):
    folder = _project(tmp_path)
    (folder / "pyproject.toml").write_text(
        '[[tool.ftlint.pairs]]\npretrain = "train.py"\nfinetune = "finetune.py"\n')
    code = ("import sys\nfrom ftlint.cli import main\ncode = main(['--output-format', 'json'])\n"
            "print('LIBCST', 'libcst' in sys.modules, file=sys.stderr)\n")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           cwd=folder, timeout=120) for _ in range(2)]
    assert "FT401" in runs[0].stdout and runs[1].stdout == runs[0].stdout
    assert "LIBCST True" in runs[0].stderr and "LIBCST False" in runs[1].stderr
    (folder / "new.py").write_text("x = 1\n")  # a new file in the project: computed again
    third = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           cwd=folder, timeout=120)
    assert "LIBCST True" in third.stderr


def test_the_pre_commit_hook_is_cached_and_sees_its_partner_change(tmp_path):
    """--hook with only the fine-tuning script staged: the partner is read from disk, and
    it (like every file the plan looked at) is an input of the cached result."""
    (tmp_path / "pyproject.toml").write_text("[tool.ftlint]\n")
    save = "torch.save(m.state_dict(), 'models/base.pt')\n"
    (tmp_path / "train.py").write_text(
        "import torch\nopt = torch.optim.Adam(m.parameters(), lr=1e-3)\nloss.backward()\n" + save)
    (tmp_path / "finetune.py").write_text(
        "import torch\nm.load_state_dict(torch.load('models/base.pt'))\n"
        "opt = torch.optim.Adam(m.parameters(), lr=1e-2)\nloss.backward()\nopt.step()\n")
    code = ("import sys\nfrom ftlint.cli import main\n"
            "code = main(['--hook', '--output-format', 'json', 'finetune.py'])\n"
            "print('LIBCST', 'libcst' in sys.modules, file=sys.stderr)\nsys.exit(code)\n")

    def hook() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              cwd=tmp_path, timeout=120)
    cold, warm = hook(), hook()
    assert _codes(cold) == ["FT401"] and "LIBCST True" in cold.stderr
    assert warm.stdout == cold.stdout and "LIBCST False" in warm.stderr
    (tmp_path / "train.py").write_text((tmp_path / "train.py").read_text().replace(
        "lr=1e-3", "lr=1e-2"))  # the partner, not staged, now trains at the same rate
    again = hook()
    assert "LIBCST True" in again.stderr and _codes(again) == []
