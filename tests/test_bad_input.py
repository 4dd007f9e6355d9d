"""Bad input: one clear line naming the file and position, never a traceback, others still linted."""

from __future__ import annotations

import json

import pytest

GOOD_PRETRAIN = "import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.01)\n"
GOOD_FINETUNE = "import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\n"


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file, not Python source"),
    (b"x = '\xe9t\xe9'\n", "not UTF-8 text (byte 0xe9)"),
    (b"", "empty file: nothing to check"),
    (b"   \n\n", "empty file: nothing to check"),
])
def test_unreadable_file_gets_one_line(run_cli, tmp_path, content, message):
    bad = tmp_path / "bad.py"
    if content is not None:
        bad.write_bytes(content)
    result = run_cli("bad.py", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == f"bad.py:1:1: FT902 [error] {message}"


def test_directory_given_as_pair_member(run_cli, tmp_path):
    (tmp_path / "train.py").write_text(GOOD_PRETRAIN)
    (tmp_path / "sub").mkdir()
    result = run_cli("train.py", "sub/nothing.py", cwd=tmp_path)
    assert result.returncode == 2
    assert "sub/nothing.py:1:1: FT902 [error] no such file" in result.stdout


def test_other_files_are_still_checked(run_cli, tmp_path):
    (tmp_path / "bad.py").write_bytes(b"\x00\x01")
    (tmp_path / "two_phase.py").write_text(
        "import torch\n# pretraining\nopt = torch.optim.SGD(m.parameters(), lr=0.01)\n"
        "# fine-tuning\nopt = torch.optim.SGD(m.parameters(), lr=0.1)\n")
    result = run_cli("--output-format", "json", "bad.py", "two_phase.py", "bad.py", cwd=tmp_path)
    codes = sorted({(f["path"], f["code"]) for f in json.loads(result.stdout)})
    assert codes == [("bad.py", "FT902"), ("two_phase.py", "FT401")]
    assert result.returncode == 2


def test_syntax_error_keeps_the_rest_of_the_file(run_cli, tmp_path):
    (tmp_path / "train.py").write_text(GOOD_PRETRAIN)
    (tmp_path / "finetune.py").write_text(
        "import torch\n\ndef broken(:\n    pass\n\n"
        "opt = torch.optim.SGD(model.parameters(), lr=0.1)\nprint('ok'\n")
    result = run_cli("--output-format", "json", "train.py", "finetune.py", cwd=tmp_path)
    found = [(f["code"], f["line"]) for f in json.loads(result.stdout)]
    assert ("FT401", 6) in found
    syntax = [f for f in json.loads(result.stdout) if f["code"] == "FT901"]
    assert [s["line"] for s in syntax] == [3, 7]
    assert result.returncode == 2


def test_unterminated_string_is_one_error(run_cli, tmp_path):
    (tmp_path / "a.py").write_text("x = 1\ns = '''never closed\ny = 2\n")
    result = run_cli("--output-format", "json", "a.py", cwd=tmp_path)
    findings = json.loads(result.stdout)
    assert [f["code"] for f in findings] == ["FT901"]
    assert "Traceback" not in result.stderr


def test_bad_config_is_one_line(run_cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.ftlint]\nselect = 'FT4'\n")
    (tmp_path / "a.py").write_text("x = 1\n")
    result = run_cli("a.py", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("select must be a list of strings")
    assert len(result.stderr.strip().splitlines()) == 1


def test_invalid_toml_is_one_line(run_cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.ftlint\n")
    (tmp_path / "a.py").write_text("x = 1\n")
    result = run_cli("a.py", cwd=tmp_path)
    assert result.returncode == 2 and "invalid TOML" in result.stderr
    assert "Traceback" not in result.stderr


def test_empty_package_files_are_skipped_in_a_folder(run_cli, tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "blank.py").write_bytes(b"\r\n\r\n")
    (tmp_path / "train.py").write_text(GOOD_PRETRAIN)
    result = run_cli(".", cwd=tmp_path)
    assert result.returncode == 0 and "FT902" not in result.stdout
    named = run_cli("pkg/__init__.py", cwd=tmp_path)
    assert named.returncode == 2 and "empty file" in named.stdout


def test_a_syntax_error_inside_a_method_keeps_the_rest_of_its_class(run_cli, tmp_path):
    """A stray indented block inside one method (a bad merge) loses that method only: the
    optimizer another method of the class builds is still compared, and the error is
    reported once at its own line."""
    (tmp_path / "train.py").write_text(GOOD_PRETRAIN)
    (tmp_path / "finetune.py").write_text(
        "import torch\n\nclass Trainer:\n"
        "    def __init__(self, model):\n"
        "        self.opt = torch.optim.SGD(model.parameters(), lr=0.1)\n\n"
        "    def step(self):\n        return 1\n\n\n"
        "            stray = self.model(x)\n\n"
        "    def fit(self):\n        self.opt.step()\n\n"
        "Trainer(model).fit()\n")
    result = run_cli("--output-format", "json", "train.py", "finetune.py", cwd=tmp_path)
    found = json.loads(result.stdout)
    assert ("FT401", 5) in [(f["code"], f["line"]) for f in found]
    assert [f["line"] for f in found if f["code"] == "FT901"] == [11]
