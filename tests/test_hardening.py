"""Hostile inputs, each linted beside a good pair: within 20 s, exit 0/1/2, no traceback, the
good pair's findings intact, and the hostile file reported in one FT9xx line where it must be.

Small inputs live in tests/hostile/; large and special ones are built here at run time.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent / "hostile"
TRAIN = "import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.01)\n"
FINETUNE = "import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
PARTNER = ("from sklearn.utils.class_weight import compute_sample_weight\n\n"
           "weights = compute_sample_weight('balanced', y)\n"
           "model.fit(x, y, class_weight=weights)\n")
CONFIG = """[tool.ftlint]

[[tool.ftlint.pairs]]
pretrain = "train.py"
finetune = "finetune.py"

[[tool.ftlint.pairs]]
pretrain = "{hostile}"
finetune = "partner.py"
"""


def _text(content: str):
    return lambda path: path.write_text(content)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _loop(path: Path) -> None:
    path.symlink_to(path.name)  # a symlink to itself


def _sparse(path: Path) -> None:
    with open(path, "wb") as handle:
        handle.truncate(4 * 1024 ** 3)  # 4 GB of holes: no disk used


GENERATED = {
    "and_chain_10000.py": _text("x = " + " and ".join(["a"] * 10_000) + "\n"),
    "unary_minus_100000.py": _text("x = " + "-" * 100_000 + "1\n"),
    "implicit_concat_10000.py": _text("x = (" + " ".join(['"a"'] * 10_000) + ")\n"),
    "attribute_chain_3000.py": _text("x = a" + ".b" * 3000 + "\n"),
    "ten_megabytes.py": _text("x = 1\n" * 1_800_000),
    "sparse_4gb.py": _sparse,
    "fifo.py": _fifo,
    "fifo.ipynb": _fifo,
    "dev_zero.py": _dev_zero,
    "dev_zero.ipynb": _dev_zero,
    "symlink_loop.py": _loop,
}
STATIC = sorted(p.name for p in HOSTILE.iterdir() if p.suffix in (".py", ".ipynb"))
# What the hostile file itself must be reported as (CPython's own refusals included).
EXPECTED = {
    "tab_error.py": "FT901", "too_many_parens.py": "FT901", "unknown_coding.py": "FT902",
    "long_literal.py": "FT901", "null_byte.py": "FT902",
    "plus_chain_400.py": "FT904", "implicit_concat_400.py": "FT904",
    "attribute_chain_1000.py": "FT904", "and_chain_400.py": "FT904",
    "nested_dicts_150.py": "FT904", "nested_lambdas_400.py": "FT904",
    "and_chain_10000.py": "FT904", "unary_minus_100000.py": "FT904",
    "implicit_concat_10000.py": "FT904", "attribute_chain_3000.py": "FT904",
    "ten_megabytes.py": "FT903", "sparse_4gb.py": "FT903",
    "fifo.py": "FT902", "fifo.ipynb": "FT902", "dev_zero.py": "FT902", "dev_zero.ipynb": "FT902",
    "notebook_deep_json.ipynb": "FT902", "symlink_loop.py": "FT902",
}


def _project(folder: Path, name: str) -> Path:
    (folder / "train.py").write_text(TRAIN)
    (folder / "finetune.py").write_text(FINETUNE)
    (folder / "partner.py").write_text(PARTNER)
    (folder / "pyproject.toml").write_text(CONFIG.format(hostile=name))
    target = folder / name
    if name in GENERATED:
        GENERATED[name](target)
    else:
        shutil.copyfile(HOSTILE / name, target)
    return target


def _lint(run_cli, folder: Path, *args: str):
    started = time.monotonic()
    result = run_cli("--output-format", "json", *args, cwd=folder)
    elapsed = time.monotonic() - started
    assert elapsed < 20, f"took {elapsed:.1f} s"
    assert result.returncode in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result, json.loads(result.stdout)


@pytest.mark.parametrize("name", STATIC + sorted(GENERATED))
def test_hostile_file_in_a_project(run_cli, tmp_path, name):
    _project(tmp_path, name)
    result, found = _lint(run_cli, tmp_path, ".")
    # a configured file the walk skips (a FIFO, a device) is named as configured: absolute
    codes = {(Path(f["path"]).name, f["code"]) for f in found}
    assert {("finetune.py", "FT401"), ("partner.py", "FT501")} <= codes, found
    own = [f for f in found if Path(f["path"]).name == name]
    assert all(f["code"].startswith("FT9") or not f["code"].startswith("FT") for f in own)
    if name in EXPECTED:
        assert (name, EXPECTED[name]) in codes, found
        assert result.returncode == 2
        for finding in own:  # one clear line each: file, position, message
            assert "\n" not in finding["message"] and finding["line"] >= 1


@pytest.mark.parametrize("name", STATIC + sorted(GENERATED))
def test_hostile_file_as_pretraining_script(run_cli, tmp_path, name):
    _project(tmp_path, name)
    _, found = _lint(run_cli, tmp_path, name, "partner.py")
    codes = {(f["path"], f["code"]) for f in found}
    assert ("partner.py", "FT501") in codes, found
    if name in EXPECTED:
        assert (name, EXPECTED[name]) in codes, found


def test_valid_long_implicit_concatenation_is_no_syntax_error(run_cli, tmp_path):
    _project(tmp_path, "implicit_concat_10000.py")
    _, found = _lint(run_cli, tmp_path, "implicit_concat_10000.py")
    assert [(f["code"], f["line"]) for f in found] == [("FT904", 1)]
    assert "nested more than 200 levels" in found[0]["message"]


def test_fifo_given_to_the_hook_is_refused(run_cli, tmp_path):
    _project(tmp_path, "fifo.py")
    result, found = _lint(run_cli, tmp_path, "--hook", "fifo.py", "finetune.py")
    assert ("finetune.py", "FT401") in {(f["path"], f["code"]) for f in found}
    assert result.returncode in (1, 2)


def test_fifo_notebook_in_the_walk_is_skipped(run_cli, tmp_path):
    (tmp_path / "train.py").write_text(TRAIN)
    (tmp_path / "finetune.py").write_text(FINETUNE)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ftlint]\n[[tool.ftlint.pairs]]\npretrain = "train.py"\nfinetune = "finetune.py"\n')
    (tmp_path / "nb").mkdir()
    os.mkfifo(tmp_path / "nb" / "notes.ipynb")
    (tmp_path / "nb" / "zero.py").symlink_to("/dev/zero")
    result, found = _lint(run_cli, tmp_path, ".")
    assert [(f["path"], f["code"]) for f in found] == [("finetune.py", "FT401")]
    assert result.returncode == 1


def test_a_file_named_beside_a_folder_is_linted(run_cli, tmp_path):
    (tmp_path / "emptydir").mkdir()
    (tmp_path / "finetune.py").write_text(PARTNER)
    result, found = _lint(run_cli, tmp_path, "emptydir", "finetune.py")
    assert [(f["path"], f["code"]) for f in found] == [("finetune.py", "FT501")]
    assert result.returncode == 1


@pytest.mark.parametrize("setting", ["sarif", "per-file-ignores"])
def test_symlink_loop_with_sarif_or_per_file_ignores(run_cli, tmp_path, setting):
    _project(tmp_path, "symlink_loop.py")
    if setting == "per-file-ignores":
        with open(tmp_path / "pyproject.toml", "a") as handle:
            handle.write('\n[tool.ftlint.per-file-ignores]\n"legacy/*" = ["FT4"]\n')
    fmt = "sarif" if setting == "sarif" else "json"
    result = run_cli("--output-format", fmt, "symlink_loop.py", "partner.py", cwd=tmp_path)
    assert "Traceback" not in result.stderr and result.returncode == 2
