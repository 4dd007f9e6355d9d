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
    folder.mkdir(parents=True, exist_ok=True)
    linter = Linter(Config(root=folder, data=bool(example.files)), rules=RULES)
    for relative, content in example.files:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(content)
    if example.is_pair:
        train = folder / "train.py"
        finetune = folder / "finetune.py"
        train.write_text(example.pretrain)
        finetune.write_text(example.finetune)
        return linter.run([(str(train), str(finetune))], []).findings
    script = folder / "script.py"
    script.write_text(example.script)
    return linter.run([], [str(script)]).findings


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
                "5": "balance", "6": "architecture", "7": "checkpoints", "8": "data",
                "9": "problems"}
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



@pytest.mark.parametrize("rule", [r for r in RULES if r.fixable], ids=lambda r: r.code)
def test_fixes_give_code_that_parses_and_that_ftlint_accepts(rule, tmp_path):
    """Every fix on a rule's invalid examples: the edited files parse, and linting them
    again reports that rule no more. A rule that declares fixes fixes one example at least."""
    import ast

    from ftlint.fixes import apply_fixes

    fixed_examples = 0
    for number, example in enumerate(rule.invalid):
        folder = tmp_path / str(number)
        fixed = [f for f in lint_example(example, folder) if f.code == rule.code and f.fix]
        if not fixed:
            continue  # no unambiguous edit for this one
        assert {f.fix.applicability for f in fixed} == {rule.fixable}, rule.code
        edited = {}
        for path in {f.span.path for f in fixed}:
            applied = apply_fixes(open(path).read(), path, fixed, allow_unsafe=True)
            assert applied.findings, rule.code
            ast.parse(applied.text)
            edited[path] = applied.text
        again = lint_example(Example(
            pretrain=example.pretrain, finetune=edited.get(str(folder / "finetune.py"), example.finetune),
            script=edited.get(str(folder / "script.py"), example.script)), folder / "fixed")
        assert [f.message for f in again if f.code == rule.code] == [], rule.code
        fixed_examples += 1
    assert fixed_examples, f"{rule.code} declares `fixable` and fixes none of its examples"


def test_only_rules_that_declare_fixes_make_them(tmp_path):
    for rule in RULES:
        if rule.fixable:
            assert rule.fixable in ("safe", "unsafe"), rule.code
            continue
        for number, example in enumerate(rule.invalid):
            findings = lint_example(example, tmp_path / f"{rule.code}-{number}")
            assert not [f for f in findings if f.code == rule.code and f.fix], rule.code
