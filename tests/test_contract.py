"""docs/output.md is the contract: its tables are read here and ftlint's JSON, exit codes
and SARIF are checked against them (a field added or dropped on either side fails)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "output.md"
PROJECT = ROOT / "tests" / "fixtures" / "project_mode"
PAIR = (PROJECT / "vision" / "train.py", PROJECT / "vision" / "finetune.py")
NOTEBOOK_PAIR = (PROJECT / "text" / "pretrain.py", PROJECT / "text" / "finetune.ipynb")
TYPES = {"string": str, "integer": int, "array": list}


def _tables() -> list[tuple[str, str, list[list[str]]]]:
    """Each table of the doc (rows without the header) with its section heading and the
    line just before it."""
    tables = []
    heading = intro = ""
    rows: list[list[str]] = []
    for line in DOC.read_text().splitlines() + [""]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not set("".join(cells)) <= set("- "):
                rows.append(cells)
            continue
        if rows:
            tables.append((heading, intro, rows[1:]))
            rows = []
        if line.startswith("#"):
            heading = line
        if line.strip():
            intro = line.strip()
    return tables


def _table(starting: str) -> list[list[str]]:
    """The one table whose heading or introducing line starts with `starting`; a heading
    names its first table."""
    found = [rows for heading, intro, rows in _tables() if intro.startswith(starting)]
    if not found:
        found = [rows for heading, _, rows in _tables() if heading.startswith(starting)][:1]
    (rows,) = found
    return rows


def _fields(starting: str) -> dict[str, tuple[type, bool]]:
    return {name.strip("`"): (TYPES[kind], always == "yes")
            for name, kind, always, _ in _table(starting)}


def _check(entry: dict, fields: dict[str, tuple[type, bool]]) -> None:
    assert set(entry) <= set(fields), f"undocumented: {set(entry) - set(fields)}"
    for name, (kind, always) in fields.items():
        if always:
            assert name in entry, f"{name} missing from {entry}"
        if name in entry:
            assert isinstance(entry[name], kind) and not isinstance(entry[name], bool), name


def test_json_findings_have_exactly_the_documented_fields(run_cli):
    runs = [json.loads(run_cli(*files, "--output-format", "json").stdout)
            for files in (PAIR, NOTEBOOK_PAIR, (PROJECT,))]
    for run in runs:
        assert run == sorted(run, key=lambda f: (f["path"], f["line"], f["column"], f["code"]))
    findings = [finding for run in runs for finding in run]
    finding_fields = _fields("## JSON")
    related_fields = _fields("Each `related` entry")
    assert {"cell"} == {n for n, (_, always) in finding_fields.items() if not always}
    for finding in findings:
        _check(finding, finding_fields)
        for related in finding["related"]:
            _check(related, related_fields)
    notebook = [f for f in findings if f["path"].endswith(".ipynb")]
    assert notebook and all("cell" in f for f in notebook)


def test_each_documented_exit_code_happens_when_the_doc_says(run_cli, tmp_path):
    documented = {int(code): when for code, when in _table("## Exit codes")}
    assert sorted(documented) == [0, 1, 2]
    for name in ("train.py", "finetune.py"):
        shutil.copy(PAIR[0 if name == "train.py" else 1], tmp_path / name)
    assert run_cli("train.py", "finetune.py", "--fail-on", "error", cwd=tmp_path).returncode == 0
    assert run_cli("train.py", "finetune.py", "--exit-zero", cwd=tmp_path).returncode == 0
    assert run_cli("train.py", "finetune.py", cwd=tmp_path).returncode == 1
    (tmp_path / "broken.py").write_text("def f(:\n")
    assert run_cli("broken.py", cwd=tmp_path).returncode == 2
    (tmp_path / "notes.txt").write_text("lr = 1\n")
    assert run_cli("notes.txt", cwd=tmp_path).returncode == 2
    assert run_cli("--select", "NOPE", "train.py", cwd=tmp_path).returncode == 2
    assert "not Python" in documented[2] and "--fail-on" in documented[1]


def _at(document: object, path: str) -> list:
    """The values at a documented path: `runs[0].results[].level` (`[]` is every item,
    and a key may hold a dot-free `/`, as in `ftlintFinding/v1`)."""
    values = [document]
    for part in path.split("."):
        name, bracket, index = part.partition("[")
        stepped = []
        for value in values:
            if not isinstance(value, dict) or name not in value:
                continue
            value = value[name]
            if not bracket:
                stepped.append(value)
            elif index == "]":
                stepped.extend(value)
            elif int(index[:-1]) < len(value):
                stepped.append(value[int(index[:-1])])
        values = stepped
    return values


def test_sarif_has_every_documented_field(run_cli):
    pair = json.loads(run_cli(*PAIR, "--output-format", "sarif").stdout)
    notebook = json.loads(run_cli(*NOTEBOOK_PAIR, "--output-format", "sarif").stdout)
    documented = [field.strip("`") for field, _ in _table("## SARIF")]
    assert len(documented) >= 10
    for path in documented:
        source = notebook if "properties" in path else pair  # cell properties: notebooks only
        assert _at(source, path), f"{path} is documented but not in the output"
    [result] = notebook["runs"][0]["results"]
    assert result["locations"][0]["properties"] == {"cell": 5, "cellLine": 2, "cellColumn": 13}


def _fingerprints(run_cli, folder: Path) -> list[tuple[str, int]]:
    log = json.loads(run_cli("train.py", "finetune.py", "--output-format", "sarif",
                             cwd=folder).stdout)
    return [(r["partialFingerprints"]["ftlintFinding/v1"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in log["runs"][0]["results"]]


def test_sarif_fingerprints_survive_runs_and_edits_above_the_finding(run_cli, tmp_path):
    shutil.copy(PAIR[0], tmp_path / "train.py")
    shutil.copy(PAIR[1], tmp_path / "finetune.py")
    first = _fingerprints(run_cli, tmp_path)
    assert first and first == _fingerprints(run_cli, tmp_path)
    text = (tmp_path / "finetune.py").read_text()
    (tmp_path / "finetune.py").write_text("# a comment\nimport os\n\n" + text)
    moved = _fingerprints(run_cli, tmp_path)
    assert [f for f, _ in moved] == [f for f, _ in first]
    assert [line for _, line in moved] == [line + 3 for _, line in first]
    # the finding's own line changing makes it another alert
    (tmp_path / "finetune.py").write_text(text.replace("=args.lr)", "=args.lr )", 1))
    changed = _fingerprints(run_cli, tmp_path)
    assert changed[0][0] != first[0][0]


def test_identical_findings_in_one_file_get_distinct_fingerprints(run_cli, tmp_path):
    count = 2
    script = "from sklearn.utils.class_weight import compute_sample_weight\n" + count * (
        "m.fit(x, y, class_weight=compute_sample_weight('balanced', y))\n")
    (tmp_path / "one.py").write_text(script)
    log = json.loads(run_cli("one.py", "--output-format", "sarif", cwd=tmp_path).stdout)
    prints = [r["partialFingerprints"]["ftlintFinding/v1"] for r in log["runs"][0]["results"]
              if r["ruleId"] == "FT501"]
    assert len(prints) == count and len(set(prints)) == count
    assert len({p.split(":")[0] for p in prints}) == 1  # same rule, file and line text
