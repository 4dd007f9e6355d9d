"""User rules that crash, exit or make malformed findings; lines as Python splits them;
git and `python -m ftlint` that run nothing of the linted project."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TRAIN = "import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.01)\n"
FINETUNE = "import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
RULE = '''
from ftlint.findings import Finding
from ftlint.facts import Span
from ftlint.rule import ScriptRule


class Bad(ScriptRule):
    code = "FT798"
    name = "bad-rule"
    severity = "warning"
    summary = "misbehaves on purpose"
    explanation = "A rule with a bug."

    def check(self, ctx):
{body}
'''
BODIES = {
    "raises": ("        raise ZeroDivisionError('rule bug')\n", "raised ZeroDivisionError"),
    "exits": ("        raise SystemExit(3)\n", "raised SystemExit"),
    "yields-a-string": ("        yield 'not a finding'\n", "malformed finding (a str"),
    "bad-severity": ("        yield Finding('FT798', 'bad-rule', 'fatal', 'm', "
                     "Span(ctx.script.path, 1, 1, 1, 2))\n", "severity 'fatal'"),
    "bad-line": ("        yield Finding('FT798', 'bad-rule', 'warning', 'm', "
                 "Span(ctx.script.path, 'one', 1, 1, 2))\n", "not a positive integer"),
    "returns-none": ("        return None\n", "raised TypeError"),
}


@pytest.mark.parametrize("kind", list(BODIES))
def test_a_failing_rule_is_a_finding_and_exit_2(run_cli, tmp_path, kind):
    body, words = BODIES[kind]
    (tmp_path / "myrules").mkdir()
    (tmp_path / "myrules" / "bad.py").write_text(RULE.format(body=body))
    (tmp_path / "pyproject.toml").write_text('[tool.ftlint]\nrule-folders = ["myrules"]\n')
    (tmp_path / "train.py").write_text(TRAIN)
    (tmp_path / "finetune.py").write_text(FINETUNE)
    result = run_cli("--output-format", "json", "train.py", "finetune.py", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    found = json.loads(result.stdout)
    assert ("finetune.py", "FT401") in {(f["path"], f["code"]) for f in found}
    failures = [f for f in found if f["code"] == "FT906"]
    assert failures and all("FT798" in f["message"] and "bad-rule" in f["message"]
                            and words in f["message"] for f in failures), failures


@pytest.mark.parametrize("separator", ["\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028",
                                       "\u2029"])
def test_lines_are_numbered_as_python_numbers_them(run_cli, tmp_path, separator):
    (tmp_path / "train.py").write_text(TRAIN)
    (tmp_path / "finetune.py").write_text(
        f"import torch  # note{separator}more\n"
        "opt = torch.optim.SGD(model.parameters(), lr=0.1)  # ftlint: ignore[FT401]\n"
        "opt2 = torch.optim.SGD(model.parameters(), lr=0.2)\n", encoding="utf-8")
    result = run_cli("--output-format", "json", "train.py", "finetune.py", cwd=tmp_path)
    found = [(f["code"], f["line"]) for f in json.loads(result.stdout) if f["code"] == "FT401"]
    assert found == [("FT401", 3)], result.stdout


def test_git_runs_no_program_the_repository_configures(run_cli, tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    marker = tmp_path / "fsmonitor-ran"
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "train.py").write_text(TRAIN)
    (repo / "finetune.py").write_text(FINETUNE)
    (repo / "pyproject.toml").write_text(
        '[tool.ftlint]\n[[tool.ftlint.pairs]]\npretrain = "train.py"\nfinetune = "finetune.py"\n')
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t.invalid", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    for key in ("core.fsmonitor", "core.hooksPath"):
        subprocess.run([*git, "config", key, f"touch {marker}; false"], check=True)
    hooks = repo / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    for hook in ("post-index-change", "reference-transaction"):
        (hooks / hook).write_text(f"#!/bin/sh\ntouch {marker}\n")
        (hooks / hook).chmod(0o755)
    result = run_cli("--output-format", "json", ".", cwd=repo)
    assert [f["code"] for f in json.loads(result.stdout)] == ["FT401"]
    assert not marker.exists()


def test_project_modules_do_not_shadow_the_linters(tmp_path):
    for name in ("typing", "tokenize", "argparse", "ast", "json", "libcst", "re"):
        (tmp_path / f"{name}.py").write_text("raise SystemExit('shadowed: project code ran')\n")
    (tmp_path / "train.py").write_text(TRAIN)
    (tmp_path / "finetune.py").write_text(FINETUNE)
    result = subprocess.run([sys.executable, "-m", "ftlint", "train.py", "finetune.py"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert "shadowed" not in result.stdout + result.stderr
    assert result.returncode == 1 and "FT401" in result.stdout


def test_the_ftlint_command_is_not_replaced_by_a_project_ftlint_py(tmp_path):
    # `python -m ftlint` finds a project's ftlint.py before the package (before any ftlint
    # code runs); the installed command, and `python -P -m ftlint`, do not.
    command = Path(sys.executable).parent / "ftlint"
    if not command.exists():
        pytest.skip("the ftlint command is not installed beside this Python")
    (tmp_path / "ftlint.py").write_text("raise SystemExit(0)\n")
    (tmp_path / "train.py").write_text(TRAIN)
    (tmp_path / "finetune.py").write_text(FINETUNE)
    result = subprocess.run([str(command), "train.py", "finetune.py"], capture_output=True,
                            text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 1 and "FT401" in result.stdout
    if sys.version_info >= (3, 11):
        safe = subprocess.run([sys.executable, "-P", "-m", "ftlint", "train.py", "finetune.py"],
                              capture_output=True, text=True, cwd=tmp_path, timeout=60)
        assert safe.returncode == 1 and "FT401" in safe.stdout
