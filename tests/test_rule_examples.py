"""Every rule's own valid and invalid examples run as tests (they also feed `ftlint explain`)."""

from __future__ import annotations

import pytest

from ftlint.config import Config
from ftlint.engine import Linter
from ftlint.rule import Example
from ftlint.rules_loader import load_rules

RULES = load_rules()
CASES = [
    pytest.param(rule, example, expected, id=f"{rule.code}-{kind}{i}")
    for rule in RULES
    for kind, examples, expected in (("invalid", rule.invalid, True), ("valid", rule.valid, False))
    for i, example in enumerate(examples)
]


def lint_example(example: Example, folder) -> list:
    linter = Linter(Config(root=folder), rules=RULES)
    if example.is_pair:
        train = folder / "train.py"
        finetune = folder / "finetune.py"
        train.write_text(example.pretrain)
        finetune.write_text(example.finetune)
        return linter.finish(linter.lint_pair(str(train), str(finetune)))
    script = folder / "script.py"
    script.write_text(example.script)
    return linter.finish(linter.lint_script(str(script)))


@pytest.mark.parametrize(("rule", "example", "expected"), CASES)
def test_rule_example(rule, example, expected, tmp_path):
    findings = lint_example(example, tmp_path)
    codes = [f.code for f in findings if f.code == rule.code]
    shown = "\n".join(f"{f.code} {f.span.path}:{f.span.line} {f.message}" for f in findings)
    assert bool(codes) == expected, f"{rule.code} {'missed' if expected else 'misfired'}:\n{shown}"


def test_every_rule_is_complete():
    for rule in RULES:
        assert rule.code.startswith("FT") and len(rule.code) == 5, rule
        assert rule.name == rule.name.lower() and " " not in rule.name, rule.code
        assert rule.severity in ("info", "warning", "error"), rule.code
        assert rule.summary and rule.explanation, rule.code
        assert rule.valid, f"{rule.code} has no valid example"
        # unreadable, too large, over time, a failed rule or analysis: through the CLI
        # (tests/test_bad_input.py, tests/test_hardening*.py)
        if rule.code not in ("FT902", "FT903", "FT905", "FT906", "FT907"):
            assert rule.invalid, f"{rule.code} has no invalid example"


def test_codes_follow_the_family_numbering():
    families = {"1": "text", "2": "image", "3": "tabular", "4": "optimization",
                "5": "balance", "6": "architecture", "7": "checkpoints", "9": "problems"}
    for rule in RULES:
        module = type(rule).__module__.rsplit(".", 1)[-1]
        assert families[rule.code[2]] == module, (rule.code, module)


def test_rules_doc_is_current():
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("gen_rules_doc", root / "scripts/gen_rules_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (root / "docs/rules.md").read_text() == module.render(), \
        "docs/rules.md is stale: run python scripts/gen_rules_doc.py"
