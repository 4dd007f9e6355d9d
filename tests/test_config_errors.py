"""Configuration and input mistakes: exit 2 and one line naming the file and the key, never a
traceback, never a rule silently switched off (issues 8 and 10)."""

from __future__ import annotations

import pytest
from test_cli import write_pair

BAD_PYPROJECTS = [
    # (pyproject.toml bytes, what the one line must say)
    (b'[tool.ftlint.options]\nmax-lr-ratio = "three"\n', "max-lr-ratio = 'three': expected a number"),
    (b"[tool.ftlint.options]\nmax-lr-ratio = nan\n", "expected a finite number above 0"),
    (b"[tool.ftlint.options]\nmax-lr-ratio = inf\n", "expected a finite number above 0"),
    (b"[tool.ftlint.options]\nmax-lr-ratio = 0\n", "expected a finite number above 0"),
    (b"[tool.ftlint.options]\nmax-lr-ratio = true\n", "expected a number"),
    (b"[tool.ftlint.options]\ndata-max-rows = -5\n", "expected a finite number above 0"),
    (b"[tool.ftlint]\nmax-file-size = 0\n", "max-file-size = 0: expected a finite number above 0"),
    (b"[tool.ftlint]\nmax-file-size = 1.5\n", "expected a whole number (bytes)"),
    (b"[tool.ftlint]\nanalysis-time-budget = nan\n", "expected a finite number above 0 (seconds)"),
    (b'[tool.ftlint]\nanalysis-time-budget = "10"\n', "expected a number (seconds)"),
    (b"[tool.ftlint.options]\nmax-lr-rato = 3\n",
     "unknown option `max-lr-rato` (did you mean `max-lr-ratio`?)"),
    (b'[tool.ftlint]\nselect = ["FT4O1"]\n',
     "select: no rule code or prefix `FT4O1` (did you mean `FT401`?)"),
    (b'[tool.ftlint]\nignore = ["XX1"]\n', "ignore: no rule code or prefix `XX1`"),
    (b'[tool.ftlint.severity]\nFT4011 = "error"\n', "severity: no rule code or prefix `FT4011`"),
    (b'[tool.ftlint.per-file-ignores]\n"nb/*" = ["FT99"]\n', "no rule code or prefix `FT99`"),
    (b'[tool.ftlint]\nselct = ["FT"]\n', "unknown key `selct` (did you mean `select`?)"),
    (b"tool = 5\n", "`tool` must be a table"),
    (b"[tool]\nftlint = 5\n", "[tool.ftlint] must be a table, not a number"),
    (b"[tool]\nftlint = [1, 2]\n", "[tool.ftlint] must be a table, not an array"),
    (b'[[tool.ftlint.pairs]]\npretrain = 1\nfinetune = "finetune.py"\n',
     "[[tool.ftlint.pairs]] entry 1 needs pretrain and finetune paths (strings)"),
    (b'[tool.ftlint]\npairs = "train.py"\n', "pairs must be an array of tables"),
    (b'[[tool.ftlint.pairs]]\npretrain = "train.py"\nfinetune = "finetune.py"\nfinetun = "x"\n',
     "unknown key `finetun` (did you mean `finetune`?)"),
    (b'[tool.ftlint]\nselect = "FT4"\n', "select must be a list of strings"),
    (b'[tool.ftlint]\ndocs-url = "\xff"\n', "not UTF-8"),
    (b"[tool.ftlint\n", "invalid TOML"),
]


@pytest.mark.parametrize(("pyproject", "said"), BAD_PYPROJECTS,
                         ids=[said for _, said in BAD_PYPROJECTS])
def test_a_configuration_mistake_is_one_line_and_exit_2(run_cli, tmp_path, pyproject, said):
    write_pair(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes(pyproject)
    result = run_cli("train.py", "finetune.py", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""  # nothing was linted with a half-read configuration
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert said in lines[0] and "pyproject.toml" in lines[0], lines[0]


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_unknown_codes_on_the_command_line(run_cli, tmp_path, flag):
    write_pair(tmp_path)
    result = run_cli(flag, "FT4O1", "train.py", "finetune.py", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"ftlint: {flag}: no rule code or prefix `FT4O1` (did you "
                                     "mean `FT401`?); `ftlint rules` lists them")


def test_valid_prefixes_and_all_are_accepted(run_cli, tmp_path):
    write_pair(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.ftlint]\nselect = ["ALL"]\nignore = ["FT5"]\n'
                                             "[tool.ftlint.options]\nmax-lr-ratio = 2\n")
    result = run_cli("--select", "FT4,FT50", "train.py", "finetune.py", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "FT401" in result.stdout


def test_a_file_that_is_not_python_is_refused_and_the_others_linted(run_cli, tmp_path):
    write_pair(tmp_path)
    (tmp_path / "notes.txt").write_text("lr = 0.1\n")
    (tmp_path / "tool").write_text("#!/usr/bin/env python3\nimport sys\n")  # a Python script
    result = run_cli("--output-format", "concise", "notes.txt", "tool", "finetune.py", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == ("ftlint: notes.txt: not a Python file or notebook "
                                     "(.py, .ipynb); not linted")
    assert "FT902" not in result.stdout  # the shebang script was parsed as Python


def test_a_folder_with_nothing_to_lint_says_so_and_a_file_beside_it_is_linted(run_cli, tmp_path):
    write_pair(tmp_path)
    (tmp_path / "empty").mkdir()
    result = run_cli("empty", cwd=tmp_path)
    assert result.returncode == 0
    assert "no Python files or notebooks to lint in empty" in result.stderr
    two_phase = ("import tensorflow as tf\nm = tf.keras.Sequential()\n"
                 "m.fit(x, y, class_weight=compute_sample_weight('balanced', y))\n")
    (tmp_path / "alone.py").write_text(two_phase)
    result = run_cli("--output-format", "concise", "empty", "alone.py", cwd=tmp_path)
    assert "alone.py:3:" in result.stdout and "FT501" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 1


@pytest.mark.parametrize("output_format", ["concise", "github"])
def test_machine_formats_print_nothing_when_clean(run_cli, tmp_path, output_format):
    (tmp_path / "train.py").write_text("x = 1\n")
    result = run_cli("--output-format", output_format, "train.py", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == ""


def test_exclude_globs_as_typed_from_the_working_directory(run_cli, tmp_path):
    project = tmp_path / "repo"
    (project / "sub" / "legacy").mkdir(parents=True)
    bad = "import tensorflow as tf\nm.fit(x, y, class_weight=compute_sample_weight('balanced', y))\n"
    (project / "sub" / "legacy" / "old.py").write_text(bad)
    (project / "sub" / "new.py").write_text(bad)
    result = run_cli("--output-format", "concise", "--exclude", "./repo/sub/legacy", "repo/sub",
                     cwd=tmp_path)
    assert "new.py" in result.stdout and "old.py" not in result.stdout, result.stdout


def test_help_says_what_the_number_of_files_means(run_cli):
    result = run_cli("--help")
    assert "three or more files: each linted as a script on its own" in result.stdout
    assert "a pair: A pretrains, B fine-tunes" in result.stdout
