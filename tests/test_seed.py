"""The seed article's three cases, as fixtures of our own, end to end through the CLI."""

from __future__ import annotations

import json

import pytest

CASES = {
    "text_two_phase.py": {"FT101", "FT103", "FT105", "FT107"},
    "class_weights.py": {"FT501"},
    "learning_rate_broken.py": {"FT401", "FT901"},
}


@pytest.mark.parametrize(("name", "expected"), CASES.items())
def test_seed_case_is_caught(run_cli, name, expected):
    result = run_cli("--output-format", "json", f"tests/fixtures/seed/{name}")
    findings = json.loads(result.stdout)
    assert {f["code"] for f in findings} == expected, result.stdout
    for finding in findings:
        if finding["code"] != "FT901":
            assert finding["related"], finding  # both locations of a mismatch


def test_learning_rate_is_reported_despite_the_syntax_error(run_cli):
    result = run_cli("tests/fixtures/seed/learning_rate_broken.py")
    assert result.returncode == 2  # a syntax error always exits 2
    lines = result.stdout.splitlines()
    assert lines[0].startswith("tests/fixtures/seed/learning_rate_broken.py:9:19: FT401 [warning] "
                               "fine-tuning learning rate 0.002 is 10x the pretraining rate 0.0002")
    assert lines[1].strip() == ("tests/fixtures/seed/learning_rate_broken.py:4:18: pretraining uses "
                                "Adam(learning_rate=2e-4) here")
    assert "10:73: FT901 [error] syntax error: positional argument follows keyword argument" in lines[2]
