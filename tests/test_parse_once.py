"""Each file is parsed once per run, whatever spelling reaches it: a project module that is
both a listed file (relative, as the folder was given) and imported by another (found
from the importer) is one file (issue 12: 133 of 614 files were parsed twice)."""

from __future__ import annotations

from collections import Counter

import ftlint.program
from ftlint.cli import main


def test_a_module_listed_and_imported_is_parsed_once(tmp_path, monkeypatch, capsys):
    project = tmp_path / "proj"
    project.mkdir()
    (project / "helpers.py").write_text(
        "LR = 1e-3\nimport torch\nopt = torch.optim.Adam(m.parameters(), lr=1e-2)\n")
    (project / "train.py").write_text(
        "from helpers import LR\nimport torch\nopt = torch.optim.Adam(m.parameters(), lr=LR)\n")
    parsed: Counter[str] = Counter()
    original = ftlint.program.source_mod.parse_text

    def counting(path, text, cache=None):
        parsed[path] += 1
        return original(path, text, cache)

    monkeypatch.setattr(ftlint.program.source_mod, "parse_text", counting)
    monkeypatch.chdir(tmp_path)
    main(["--no-cache", "--jobs", "1", "--output-format", "json", "proj"])
    assert sorted(parsed.values()) == [1, 1], parsed
    assert set(parsed) == {"proj/helpers.py", "proj/train.py"}
    capsys.readouterr()
