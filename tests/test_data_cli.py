"""--data as a user meets it: the flag, [tool.ftlint] data / data-root, output formats, the
editor setting, and the cost of not asking for it (numpy is not imported)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ftlint.config import ConfigError, parse_table
from ftlint.lsp.settings import Settings, apply_settings, parse_settings

TRAIN = "import pandas as pd\ndf = pd.read_csv('data/pre.csv')\ny = df['label']\nmodel.fit(x, y)\n"
FINETUNE = "import pandas as pd\ndf = pd.read_csv('data/ft.csv')\ny = df['label']\nmodel.fit(x, y)\n"


def project(folder: Path, pyproject: str = "") -> Path:
    (folder / "data").mkdir(exist_ok=True)
    (folder / "data" / "pre.csv").write_text("label\n" + "a\nb\n" * 50)
    (folder / "data" / "ft.csv").write_text("label\n" + "a\n" * 95 + "b\n" * 5)
    (folder / "train.py").write_text(TRAIN)
    (folder / "finetune.py").write_text(FINETUNE)
    if pyproject:
        (folder / "pyproject.toml").write_text(pyproject)
    return folder


def imported_modules(stderr: str) -> set[str]:
    """Module names from `python -X importtime` output."""
    return {line.rsplit("|", 1)[-1].strip() for line in stderr.splitlines()
            if line.startswith("import time:")}


def test_without_data_numpy_is_never_imported(tmp_path):
    project(tmp_path)
    command = [sys.executable, "-X", "importtime", "-m", "ftlint", "train.py", "finetune.py"]
    plain = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert "numpy" not in imported_modules(plain.stderr)
    assert "ftlint.extract.data" in imported_modules(plain.stderr)
    with_data = subprocess.run([*command, "--data"], capture_output=True, text=True, cwd=tmp_path,
                               timeout=120)
    assert "numpy" in imported_modules(with_data.stderr)  # the check above can see numpy


def test_data_flag_reports_with_the_data_file_related(run_cli, tmp_path):
    project(tmp_path)
    result = run_cli("--data", "train.py", "finetune.py", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("finetune.py:2:6: FT801 [warning] fine-tuning labels are "
                               "imbalanced 19.0:1: 'a' 95 (95.0%), 'b' 5 (5.0%) of 100")
    assert lines[1] == "    data/ft.csv:1:1: fine-tuning data: data/ft.csv (100 rows)"
    assert "FT8" not in run_cli("train.py", "finetune.py", cwd=tmp_path).stdout


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "concise"])
def test_every_output_format_carries_the_finding(run_cli, tmp_path, fmt):
    project(tmp_path)
    result = run_cli("--data", "--output-format", fmt, "train.py", "finetune.py", cwd=tmp_path)
    assert "FT801" in result.stdout
    if fmt == "json":
        finding = next(f for f in json.loads(result.stdout) if f["code"] == "FT801")
        assert finding["related"][0]["path"] == "data/ft.csv"
        assert (finding["related"][0]["line"], finding["related"][0]["column"]) == (1, 1)
    if fmt == "sarif":
        run = json.loads(result.stdout)["runs"][0]
        result_ = next(r for r in run["results"] if r["ruleId"] == "FT801")
        uris = [loc["physicalLocation"]["artifactLocation"]["uri"]
                for loc in result_["relatedLocations"]]
        assert any(uri.endswith("data/ft.csv") for uri in uris)


def test_pyproject_turns_data_on_and_sets_a_data_root(run_cli, tmp_path):
    project(tmp_path, "[tool.ftlint]\ndata = true\n")
    assert "FT801" in run_cli("train.py", "finetune.py", cwd=tmp_path).stdout
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    project(elsewhere)
    (tmp_path / "data" / "ft.csv").write_text("label\n" + "a\nb\n" * 50)  # balanced here
    (tmp_path / "pyproject.toml").write_text('[tool.ftlint]\ndata = true\ndata-root = "elsewhere"\n')
    assert "FT801" in run_cli("train.py", "finetune.py", cwd=tmp_path).stdout  # read from there


def test_config_keys_are_type_checked(tmp_path):
    path = tmp_path / "pyproject.toml"
    config = parse_table({"data": True, "data-root": "datasets"}, path)
    assert config.data is True and config.data_root == tmp_path / "datasets"
    assert parse_table({}, path).data is False and parse_table({}, path).data_root is None
    with pytest.raises(ConfigError, match="data must be true or false"):
        parse_table({"data": "yes"}, path)
    with pytest.raises(ConfigError, match="data-root must be a string"):
        parse_table({"data-root": 3}, path)


def test_the_editor_setting_is_off_by_default(tmp_path):
    config = parse_table({"data": True}, tmp_path / "pyproject.toml")
    assert apply_settings(config, Settings(), tmp_path).data is False
    settings = parse_settings({"ftlint": {"data": True}})
    assert settings.data is True and apply_settings(config, settings, tmp_path).data is True


def test_the_example_pair_shows_the_95_5_finding(run_cli):
    root = Path(__file__).resolve().parent.parent / "examples" / "imbalance"
    result = run_cli("--data", "train.py", "finetune.py", cwd=root)
    assert "finetune.py:9:6: FT801 [warning] fine-tuning labels are imbalanced 19.0:1: 'ham' 380 " \
           "(95.0%), 'spam' 20 (5.0%) of 400" in result.stdout


def test_language_server_shows_data_findings_without_parsing_the_data(tmp_path):
    from ftlint.lsp import convert
    from ftlint.lsp.analysis import Analyzer, normalize

    project(tmp_path)
    big = tmp_path / "data" / "ft.csv"
    big.write_text("label\n" + "a\n" * 95 + "b\n" * 5 + "#" * 4096 + "\n")  # not Python
    analyzer = Analyzer(log=lambda message: None)
    analyzer.roots = [tmp_path]
    pair = {"pretrain": "train.py", "finetune": "finetune.py"}
    finetune = str(tmp_path / "finetune.py")
    analyzer.settings = parse_settings({"pairs": [pair]})
    analyzer.open_document(finetune, FINETUNE)
    assert [f.code for f in analyzer.analyse([finetune])[normalize(finetune)]] == []
    analyzer.settings = parse_settings({"data": True, "pairs": [pair]})
    found = [f for f in analyzer.analyse([finetune])[normalize(finetune)] if f.code == "FT801"]
    assert len(found) == 1
    diagnostic = convert.diagnostic(found[0], analyzer.lines, {})
    location = diagnostic.related_information[0].location
    assert location.uri.endswith("/data/ft.csv") and location.range.start.line == 0
    assert normalize(str(big)) not in analyzer.workspace._modules  # never read as source
