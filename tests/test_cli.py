"""The command line as a user meets it: formats, selection, exit codes, rules, explain."""

from __future__ import annotations

import json
import textwrap

PRETRAIN = textwrap.dedent("""\
    import torch
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    criterion = torch.nn.CrossEntropyLoss(weight=class_weights)
""")
FINETUNE = textwrap.dedent("""\
    import torch
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = torch.nn.CrossEntropyLoss()
""")


def write_pair(folder, pretrain=PRETRAIN, finetune=FINETUNE):
    (folder / "train.py").write_text(pretrain)
    (folder / "finetune.py").write_text(finetune)
    return folder / "train.py", folder / "finetune.py"


def test_pair_text_output_names_both_locations(run_cli, tmp_path):
    train, finetune = write_pair(tmp_path)
    result = run_cli("train.py", "finetune.py", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        "finetune.py:2:7: FT401 [warning] fine-tuning learning rate 0.001 is 10x the pretraining "
        "rate 0.0001",
        "    train.py:2:7: pretraining uses torch.optim.Adam(model.parameters(), lr=1e-4) here",
    ]


def test_json_output_follows_the_contract(run_cli, tmp_path):
    write_pair(tmp_path)
    result = run_cli("--output-format", "json", "train.py", "finetune.py", cwd=tmp_path)
    findings = json.loads(result.stdout)
    assert [f["code"] for f in findings] == ["FT401", "FT503"]
    first = findings[0]
    assert set(first) == {"code", "name", "severity", "message", "path", "line", "column",
                          "end_line", "end_column", "related"}
    assert (first["name"], first["severity"], first["line"], first["column"]) == (
        "learning-rate-increased", "warning", 2, 7)
    assert first["end_line"] == 2 and first["end_column"] == 52
    assert first["related"] == [{"path": "train.py", "line": 2, "column": 7,
                                 "message": "pretraining uses torch.optim.Adam(model.parameters(), "
                                            "lr=1e-4) here"}]


def test_order_matters_first_file_pretrains(run_cli, tmp_path):
    write_pair(tmp_path)
    result = run_cli("finetune.py", "train.py", cwd=tmp_path)
    assert "FT401" not in result.stdout  # 1e-3 then 1e-4 is a lower fine-tuning rate


def test_select_ignore_and_exit_zero(run_cli, tmp_path):
    write_pair(tmp_path)
    only = run_cli("--select", "FT5", "--output-format", "json", "train.py", "finetune.py",
                   cwd=tmp_path)
    assert [f["code"] for f in json.loads(only.stdout)] == ["FT503"]
    ignored = run_cli("--ignore", "FT401,FT503", "train.py", "finetune.py", cwd=tmp_path)
    assert ignored.returncode == 0 and "All checks passed" in ignored.stdout
    zero = run_cli("--exit-zero", "train.py", "finetune.py", cwd=tmp_path)
    assert zero.returncode == 0 and "FT401" in zero.stdout


def test_fail_on_error_ignores_warnings(run_cli, tmp_path):
    write_pair(tmp_path)
    assert run_cli("--fail-on", "error", "train.py", "finetune.py", cwd=tmp_path).returncode == 0
    assert run_cli("--fail-on", "warning", "train.py", "finetune.py", cwd=tmp_path).returncode == 1


def test_inline_suppression_only_on_its_line(run_cli, tmp_path):
    write_pair(tmp_path, finetune=FINETUNE.replace(
        "lr=1e-3)", "lr=1e-3)  # ftlint: ignore[FT401]"))
    result = run_cli("--output-format", "json", "train.py", "finetune.py", cwd=tmp_path)
    assert [f["code"] for f in json.loads(result.stdout)] == ["FT503"]
    other_code = FINETUNE.replace("lr=1e-3)", "lr=1e-3)  # ftlint: ignore[FT402]")
    write_pair(tmp_path, finetune=other_code)
    result = run_cli("--output-format", "json", "train.py", "finetune.py", cwd=tmp_path)
    assert "FT401" in [f["code"] for f in json.loads(result.stdout)]
    bare = FINETUNE.replace("lr=1e-3)", "lr=1e-3)  # ftlint: ignore")
    write_pair(tmp_path, finetune=bare)
    result = run_cli("--output-format", "json", "train.py", "finetune.py", cwd=tmp_path)
    assert [f["code"] for f in json.loads(result.stdout)] == ["FT503"]


def test_rules_lists_every_rule(run_cli):
    result = run_cli("rules", "--output-format", "json")
    rules = json.loads(result.stdout)
    codes = [r["code"] for r in rules]
    assert codes == sorted(codes) and len(codes) == len(set(codes))
    assert {"FT101", "FT202", "FT301", "FT401", "FT501", "FT601", "FT701"} <= set(codes)
    text = run_cli("rules").stdout
    assert "FT401  learning-rate-increased" in text


def test_explain_shows_explanation_and_examples(run_cli):
    result = run_cli("explain", "FT501")
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("FT501 sample-weights-as-class-weight [error]")
    assert "Reported:" in out and "compute_sample_weight('balanced', y_train)" in out
    assert "Not reported:" in out and "sample_weight=weights" in out
    assert run_cli("explain", "learning-rate-increased").stdout.startswith("FT401")
    missing = run_cli("explain", "FT999")
    assert missing.returncode == 2 and "no rule 'FT999'" in missing.stderr


def test_version_and_usage_errors(run_cli):
    from ftlint import __version__

    assert run_cli("--version").stdout.strip() == f"ftlint {__version__}"
    bad = run_cli("--output-format", "xml", "a.py")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_two_phase_single_file(run_cli, tmp_path):
    script = tmp_path / "transfer.py"
    script.write_text(textwrap.dedent("""\
        from tensorflow import keras
        base = keras.applications.MobileNetV2(weights="imagenet", include_top=False)
        base.trainable = False
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        base.trainable = True
        model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="categorical_crossentropy")
        model.fit(train_ds, epochs=5)
    """))
    result = run_cli("--output-format", "json", "transfer.py", cwd=tmp_path)
    findings = json.loads(result.stdout)
    assert [(f["code"], f["line"]) for f in findings] == [("FT401", 7)]
    assert findings[0]["related"][0]["line"] == 4


def test_python_dash_m_and_console_script_agree(run_cli, tmp_path):
    import shutil
    import subprocess

    write_pair(tmp_path)
    console = shutil.which("ftlint") or str(__import__("sys").executable).replace("python", "ftlint")
    by_module = run_cli("train.py", "finetune.py", cwd=tmp_path)
    by_script = subprocess.run([console, "train.py", "finetune.py"], capture_output=True,
                               text=True, cwd=tmp_path)
    assert by_script.stdout == by_module.stdout and by_script.returncode == by_module.returncode
