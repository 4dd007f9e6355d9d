"""CI output formats: SARIF 2.1.0 (checked by Microsoft's SARIF Multitool), GitHub
workflow commands and the one-line concise format, for scripts and notebooks."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = Path("tests/fixtures/project_mode")
PAIR = (PROJECT / "vision/train.py", PROJECT / "vision/finetune.py")
NOTEBOOK_PAIR = (PROJECT / "text/pretrain.py", PROJECT / "text/finetune.ipynb")
MULTITOOL = ROOT / "build/ci-tools/node_modules/.bin/sarif-multitool"


# SARIF2005 asks for the tool's web address; ftlint has none until `docs-url` is configured
# (see test_sarif_links_rules_when_docs_url_is_configured, where no warning is accepted).
NO_HOME = {"SARIF2005"}


def _validate(log: Path, tmp_path: Path, accept: set[str] = NO_HOME) -> list[dict]:
    """Results (errors and warnings) of the SARIF Multitool's `validate` on a log, but the
    ones in `accept`."""
    if not MULTITOOL.exists():
        pytest.fail(f"{MULTITOOL} missing: run scripts/install.d/30-ci-tools.sh")
    report = tmp_path / "validation.sarif"
    done = subprocess.run([str(MULTITOOL), "validate", str(log), "--output", str(report)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(report.read_text(encoding="utf-8-sig"))["runs"][0]["results"]
    return [r for r in results if r.get("level", "warning") in ("error", "warning")
            and not (r.get("level", "warning") == "warning" and r.get("ruleId") in accept)]


def test_sarif_is_valid_and_complete(run_cli, tmp_path):
    done = run_cli(*PAIR, "--output-format", "sarif")
    assert done.returncode == 1, done.stderr
    log = json.loads(done.stdout)
    path = tmp_path / "ftlint.sarif"
    path.write_text(done.stdout)
    assert _validate(path, tmp_path) == []

    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    rules = run["tool"]["driver"]["rules"]
    listed = run_cli("rules", "--output-format", "json")
    assert [r["id"] for r in rules] == [r["code"] for r in json.loads(listed.stdout)]
    for rule in rules:
        assert rule["name"] and rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"] and rule["help"]["markdown"]
        assert "helpUri" not in rule  # no invented address: only with `docs-url` set
        assert f"{rule['id']} {rule['name']}" in rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    [result] = run["results"]
    assert result["ruleId"] == "FT401"
    assert rules[result["ruleIndex"]]["id"] == "FT401"
    assert result["level"] == "warning"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": PAIR[1].as_posix(), "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 13
    [related] = result["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == PAIR[0].as_posix()
    assert related["physicalLocation"]["region"]["startLine"] == 22
    assert "pretraining" in related["message"]["text"]


def test_validator_catches_a_broken_log(run_cli, tmp_path):
    """The validation above can fail: a log with results of the wrong shape is refused."""
    log = json.loads(run_cli(*PAIR, "--output-format", "sarif").stdout)
    log["runs"][0]["results"][0]["locations"] = "finetune.py"
    path = tmp_path / "broken.sarif"
    path.write_text(json.dumps(log))
    problems = _validate(path, tmp_path)
    assert problems and all(p["level"] == "error" for p in problems)


def test_sarif_for_a_notebook_points_into_the_ipynb_file(run_cli, tmp_path):
    done = run_cli(*NOTEBOOK_PAIR, "--output-format", "sarif")
    path = tmp_path / "nb.sarif"
    path.write_text(done.stdout)
    assert _validate(path, tmp_path) == []
    [result] = json.loads(done.stdout)["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    raw_line = (ROOT / NOTEBOOK_PAIR[1]).read_text().splitlines()[region["startLine"] - 1]
    assert "torch.optim.AdamW(model.parameters(), lr=3e-3)" in raw_line
    assert raw_line[region["startColumn"] - 1:].startswith("torch.optim.AdamW")
    assert result["message"]["text"].startswith("cell 5, line 2: ")


GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),"
                         r"title=(FT\d{3})::(.+)$")


def test_github_annotations(run_cli):
    done = run_cli(PROJECT, "--output-format", "github", "--exclude", "legacy")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    parsed = [GITHUB_LINE.match(line) for line in lines]
    assert lines and all(parsed), lines
    by_file = {m.group(2): m for m in parsed}
    vision = by_file[PAIR[1].as_posix()]
    assert vision.group(1) == "warning" and vision.group(5) == "FT401"
    assert (vision.group(3), vision.group(4)) == ("13", "25")
    assert "%0A" in vision.group(6) and "\n" not in vision.group(6)  # partner, escaped
    notebook = by_file[NOTEBOOK_PAIR[1].as_posix()]
    assert notebook.group(6).startswith("cell 5, line 2: fine-tuning learning rate 0.003")


def test_concise_is_one_line_per_finding(run_cli):
    done = run_cli(PROJECT, "--output-format", "concise", "--exclude", "legacy")
    as_json = json.loads(run_cli(PROJECT, "--output-format", "json", "--exclude",
                                 "legacy").stdout)
    lines = done.stdout.splitlines()
    assert len(lines) == len(as_json) == 3
    # a notebook's location names its cell, as in text: `nb.ipynb:cell 5:2:13:`
    pattern = re.compile(r"^(\S+?)(:cell \d+)?:(\d+):(\d+): (FT\d{3}) \[(error|warning|info)\] (.+)$")
    assert all(pattern.match(line) for line in lines), lines
    assert f"{NOTEBOOK_PAIR[1].as_posix()}:cell 5:2:13: FT401 [warning]" in done.stdout
    assert f"{PAIR[1].as_posix()}:13:25: FT401 [warning] fine-tuning learning rate" in done.stdout
    clean = run_cli(PROJECT / "configured", "--output-format", "concise")
    assert clean.returncode == 0 and clean.stdout.strip() == ""


def test_json_names_the_notebook_cell(run_cli):
    [finding] = json.loads(run_cli(*NOTEBOOK_PAIR, "--output-format", "json").stdout)
    assert (finding["cell"], finding["line"], finding["column"]) == (5, 2, 13)
    assert finding["path"].endswith("finetune.ipynb") and finding["code"] == "FT401"
    text = run_cli(*NOTEBOOK_PAIR).stdout
    assert f"{NOTEBOOK_PAIR[1].as_posix()}:cell 5:2:13: FT401" in text


def test_sarif_links_rules_when_docs_url_is_configured(run_cli, tmp_path):
    (tmp_path / "train.py").write_text("import torch\nopt = torch.optim.Adam(m.parameters(), lr=1e-4)\n")
    (tmp_path / "finetune.py").write_text("import torch\nopt = torch.optim.Adam(m.parameters(), lr=1e-2)\n")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ftlint]\ndocs-url = "https://example.org/ftlint/rules.html"\n')
    done = run_cli("train.py", "finetune.py", "--output-format", "sarif", cwd=tmp_path)
    driver = json.loads(done.stdout)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://example.org/ftlint/rules.html"
    ft401 = next(r for r in driver["rules"] if r["id"] == "FT401")
    assert ft401["helpUri"] == "https://example.org/ftlint/rules.html#ft401"
    path = tmp_path / "linked.sarif"
    path.write_text(done.stdout)
    assert _validate(path, tmp_path, accept=set()) == []
