"""The labelled corpus (tests/corpus/cases) as tests: one test per case.

A mismatch case passes when ftlint reports a warning or error (info for FT402) in the
case's category; a benign case passes when ftlint reports no warning and no error.
tests/corpus/score.py prints the same judgement as a report.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

from ftlint.rules_loader import load_rules

_SCORE_PATH = Path(__file__).resolve().parent / "corpus" / "score.py"
_spec = importlib.util.spec_from_file_location("ftlint_corpus_score", _SCORE_PATH)
score = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = score
_spec.loader.exec_module(score)

CASES = score.load_cases()
# every rule that compares or reads scripts (FT9xx are about unreadable files; FT8xx read
# data files, which the code-only corpus has none of: tests/test_data_*.py cover them)
ALL_CODES = [r.code for r in load_rules() if not r.code.startswith(("FT8", "FT9"))]


def _describe(findings: list[dict]) -> str:
    if not findings:
        return "    (no findings)"
    return "\n".join(
        f"    {f.get('code')} {f.get('severity')} {Path(str(f.get('path', ''))).name}:"
        f"{f.get('line', '?')}: {f.get('message', '')}"
        for f in findings
    )


# ------------------------------------------------------------------ corpus shape (no engine)


def test_corpus_size_and_coverage():
    benign = [c for c in CASES if c.benign]
    mismatch = [c for c in CASES if not c.benign]
    assert len(CASES) >= 70, f"only {len(CASES)} cases"
    assert len(benign) >= 20, f"only {len(benign)} benign cases"
    covered = {c.code for c in mismatch}
    missing = [code for code in ALL_CODES if code not in covered]
    assert not missing, f"rule codes without a mismatch case: {missing}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_is_well_formed(case):
    assert case.category in (*score.CATEGORIES, score.BENIGN), case.category
    if case.benign:
        assert case.code is None, "benign cases carry no code"
    else:
        assert case.code in ALL_CODES, f"unknown code {case.code!r}"
        assert case.code.startswith(case.category), f"{case.code} is not in {case.category}"
    assert case.note, "case.toml needs a note"
    present = sorted(p.name for p in case.directory.glob("*.py"))
    assert present in (["script.py"], ["finetune.py", "train.py"]), present
    for path in case.files:
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path), feature_version=(3, 10))


# ------------------------------------------------------------------ ftlint against the labels


@pytest.fixture(scope="session")
def corpus_results(request):
    """Run ftlint once for every case selected in this session, two at a time."""
    wanted = set()
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and getattr(item, "originalname", "") == "test_case":
            wanted.add(callspec.params["case"].name)
    results = score.run_all([c for c in CASES if c.name in wanted], jobs=2)
    return {r.case.name: r for r in results}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case, corpus_results):
    result = corpus_results.get(case.name) or score.run_case(case)
    files = " ".join(p.name for p in case.files)
    if result.error:
        pytest.fail(f"{case.name}: ftlint failed on {files}:\n{result.error}", pytrace=False)
    if case.benign and not result.passed:
        pytest.fail(
            f"{case.name} is benign ({case.note}) but got warnings/errors:\n{_describe(result.blocking)}",
            pytrace=False,
        )
    if not case.benign and not result.passed:
        pytest.fail(
            f"{case.name}: missed {case.code} (expected a {case.category} warning or error): "
            f"{case.note}\n  findings:\n{_describe(result.findings)}",
            pytrace=False,
        )


# ------------------------------------------------------------------ second corpus
# tests/corpus_holdout and tests/corpus_unseen were written by other authors after the rules
# existed, without reading the engine, and scored once before any tuning (holdout: 16/28
# mismatches found, 16/17 benign clean; unseen, written later: 24/25 and 13/15); they are
# now regression sets too. The cases below are gaps the engine does not reach yet; they still must
# not produce a warning outside their family.
CORPORA = Path(__file__).parent
HOLDOUT = [score.load_case(d) for name in ("corpus_holdout", "corpus_unseen")
           for d in sorted((CORPORA / name / "cases").iterdir()) if (d / "case.toml").exists()]
HOLDOUT_GAPS = {
    "02_kaggle_lambda_lower_dropped",  # a hand-built vocabulary: no tokenizer in sight
    "12_keras_norm_layer_plus_manual_zscore",  # scaling twice: in the loaded model and by hand
}


@pytest.mark.parametrize("case", HOLDOUT, ids=[c.name for c in HOLDOUT])
def test_holdout_case(case):
    result = score.run_case(case)
    assert not result.error, result.error
    if case.name in HOLDOUT_GAPS:
        wrong = [f for f in result.blocking if not str(f.get("code", "")).startswith(case.category)]
        assert not wrong, _describe(wrong)
        return
    assert result.passed, f"{case.name} ({case.note}):\n{_describe(result.findings)}"
