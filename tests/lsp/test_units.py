"""Pieces of the server that need no connection: positions, settings, lazy imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ftlint.config import Config
from ftlint.lsp.convert import position
from ftlint.lsp.settings import apply_settings, parse_settings


def test_columns_become_utf16_code_units():
    line = 'tag = "🙂é"; optimizer = Adam(params, lr=0.01)'
    column = line.index("Adam") + 1  # ftlint: characters, 1-based
    # column - 1 characters before it, and the emoji takes two UTF-16 units
    assert position([line], 1, column).character == column
    assert position(["x = 1"], 1, 3).character == 2
    assert position(["x"], 1, 5).character == 4  # past the end stays past the end


def test_settings_of_the_wrong_shape_are_reported_and_skipped():
    problems: list[str] = []
    settings = parse_settings({"ftlint": {"select": "FT4", "severity": {"FT401": "loud"},
                                          "pairs": [{"pretrain": "a.py"}], "ignore": ["ft2 "]}},
                              problems)
    assert settings.select == [] and settings.severity == {} and settings.pairs == []
    assert settings.ignore == ["FT2"]
    assert len(problems) == 3


def test_settings_add_to_the_project_configuration(tmp_path: Path):
    project = Config(root=tmp_path, ignore=["FT1"], severity={"FT202": "warning"})
    settings = parse_settings({"ignore": ["FT5"], "severity": {"FT401": "error"},
                               "pairs": [{"pretrain": "a.py", "finetune": "b.py"}]})
    config = apply_settings(project, settings, tmp_path)
    assert config.ignore == ["FT1", "FT5"]
    assert config.severity == {"FT202": "warning", "FT401": "error"}
    assert config.pairs == [(tmp_path / "a.py", tmp_path / "b.py")]
    assert project.ignore == ["FT1"] and project.pairs == []  # the project's own is untouched


def test_plain_linting_does_not_import_the_language_server(tmp_path: Path):
    script = tmp_path / "s.py"
    script.write_text("x = 1\n")
    code = ("import sys; from ftlint.cli import main; main([sys.argv[1]]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pygls', 'lsprotocol', 'cattrs') or m.startswith('ftlint.lsp')))")
    proc = subprocess.run([sys.executable, "-c", code, str(script)], capture_output=True,
                          text=True, timeout=120)
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout + proc.stderr
