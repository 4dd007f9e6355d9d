"""[tool.ftlint] in the nearest pyproject.toml."""

from __future__ import annotations

import json
import textwrap

from test_cli import write_pair


def lint_json(run_cli, folder, *extra):
    result = run_cli("--output-format", "json", *extra, "train.py", "finetune.py", cwd=folder)
    return json.loads(result.stdout), result


def test_select_ignore_and_severity_from_pyproject(run_cli, tmp_path):
    write_pair(tmp_path)
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent("""\
        [tool.ftlint]
        ignore = ["FT503"]
        [tool.ftlint.severity]
        FT401 = "error"
    """))
    findings, _ = lint_json(run_cli, tmp_path)
    assert [(f["code"], f["severity"]) for f in findings] == [("FT401", "error")]


def test_threshold_option_changes_the_learning_rate_rule(run_cli, tmp_path):
    write_pair(tmp_path)  # 10x higher
    (tmp_path / "pyproject.toml").write_text("[tool.ftlint.options]\nmax-lr-ratio = 20.0\n")
    findings, _ = lint_json(run_cli, tmp_path)
    assert "FT401" not in [f["code"] for f in findings]
    (tmp_path / "pyproject.toml").write_text("[tool.ftlint.options]\nmax-lr-ratio = 5\n")
    findings, _ = lint_json(run_cli, tmp_path)
    assert "FT401" in [f["code"] for f in findings]


def test_per_file_ignores(run_cli, tmp_path):
    write_pair(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ftlint.per-file-ignores]\n"fine*.py" = ["FT4"]\n')
    findings, _ = lint_json(run_cli, tmp_path)
    assert [f["code"] for f in findings] == ["FT503"]


def test_config_found_from_a_parent_folder(run_cli, tmp_path):
    project = tmp_path / "project"
    scripts = project / "scripts"
    scripts.mkdir(parents=True)
    write_pair(scripts)
    (project / "pyproject.toml").write_text('[tool.ftlint]\nselect = ["FT5"]\n')
    result = run_cli("--output-format", "json", "scripts/train.py", "scripts/finetune.py",
                     cwd=project)
    assert [f["code"] for f in json.loads(result.stdout)] == ["FT503"]


def test_users_own_rule_folder(run_cli, tmp_path):
    write_pair(tmp_path)
    rules = tmp_path / "team_rules"
    rules.mkdir()
    (rules / "epochs.py").write_text(textwrap.dedent('''\
        from ftlint.rule import Pair, PairRule

        class NoSgdAnywhere(PairRule):
            code = "FT001"  # family 0: no built-in rules there
            name = "adam-only"
            severity = "info"
            summary = "Team rule: we fine-tune with Adam"
            explanation = "An example of a user's own rule."
            invalid = [Pair("", "import torch\\nopt = torch.optim.SGD(m.parameters())\\n")]
            valid = [Pair("", "")]

            def check(self, ctx):
                for fact in ctx.finetune.of("optimizer"):
                    if fact.value == "adam":
                        yield ctx.finding(fact, "seen by a user rule")
    '''))
    (tmp_path / "pyproject.toml").write_text('[tool.ftlint]\nrule-folders = ["team_rules"]\n')
    findings, _ = lint_json(run_cli, tmp_path)
    assert "FT001" in [f["code"] for f in findings]


def test_broken_user_rule_is_reported_not_a_traceback(run_cli, tmp_path):
    write_pair(tmp_path)
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "bad.py").write_text("import does_not_exist\n")
    (tmp_path / "pyproject.toml").write_text('[tool.ftlint]\nrule-folders = ["r"]\n')
    result = run_cli("train.py", "finetune.py", cwd=tmp_path)
    assert result.returncode == 2
    assert "bad.py: ModuleNotFoundError" in result.stderr and "Traceback" not in result.stderr


def test_crashing_rule_is_logged_and_others_still_run(run_cli, tmp_path):
    write_pair(tmp_path)
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "crash.py").write_text(textwrap.dedent('''\
        from ftlint.rule import PairRule

        class Crash(PairRule):
            code = "FT899"
            name = "crash"
            severity = "info"
            summary = "crashes"
            explanation = "crashes"

            def check(self, ctx):
                raise RuntimeError("boom")
    '''))
    (tmp_path / "pyproject.toml").write_text('[tool.ftlint]\nrule-folders = ["r"]\n')
    findings, result = lint_json(run_cli, tmp_path)
    assert "FT401" in [f["code"] for f in findings]
    assert "rule FT899 (crash) failed on finetune.py: RuntimeError: boom" in result.stderr


def test_limits_from_pyproject_apply(run_cli, tmp_path):
    """max-file-size (bytes) and analysis-time-budget (seconds) in [tool.ftlint]."""
    (tmp_path / "big.py").write_text("x = 1\n" * 40)  # 240 bytes
    (tmp_path / "pyproject.toml").write_text("[tool.ftlint]\nmax-file-size = 100\n")
    done = run_cli("--output-format", "concise", "big.py", cwd=tmp_path)
    assert "FT903" in done.stdout and done.returncode == 2, done.stdout + done.stderr
    (tmp_path / "pyproject.toml").write_text("[tool.ftlint]\nmax-file-size = 1000\n"
                                             "analysis-time-budget = 30\n")
    assert run_cli("--output-format", "concise", "big.py", cwd=tmp_path).stdout == ""
