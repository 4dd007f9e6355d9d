"""Score ftlint against the labelled corpus in tests/corpus/cases.

Each case folder holds train.py + finetune.py (a pair) or script.py (both phases in one
file) and a case.toml with `category` ("FT1".."FT7" or "benign"), `code` (the rule that
should catch the injected mismatch; absent for benign cases) and `note`.

For every case this runs `python -m ftlint --output-format json --exit-zero <files>` from
the repository root and prints:

* recall per category: a mismatch case is found when at least one finding of severity
  warning or error (or an info FT402 finding, for a case labelled FT402) has a code in the
  expected category (same first three characters, e.g. "FT4");
* the missed cases;
* benign cases that got a warning or an error, with those findings;
* extra findings: warnings and errors in mismatch cases outside the expected category.

Standard library only. Always exits 0. `--json` prints the summary as JSON instead.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).resolve().parent
CASES_DIR = CORPUS_DIR / "cases"
REPO_ROOT = CORPUS_DIR.parents[1]

CATEGORIES = ("FT1", "FT2", "FT3", "FT4", "FT5", "FT6", "FT7")
BENIGN = "benign"
BLOCKING = ("warning", "error")
TIMEOUT_S = 180


@dataclass
class Case:
    name: str
    directory: Path
    category: str  # "FT1".."FT7" or "benign"
    code: str | None
    note: str
    files: list[Path]  # in the order given to ftlint

    @property
    def benign(self) -> bool:
        return self.category == BENIGN

    @property
    def kind(self) -> str:
        return "single" if len(self.files) == 1 else "pair"


@dataclass
class CaseResult:
    case: Case
    findings: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None  # ftlint crashed, printed no JSON, or timed out
    passed: bool = False  # mismatch: found in its category; benign: no warning or error
    exact: bool = False  # mismatch: a counted finding carries the expected code itself
    hits: list[dict[str, Any]] = field(default_factory=list)  # counted findings (mismatch)
    blocking: list[dict[str, Any]] = field(default_factory=list)  # warnings/errors (benign)
    extra: list[dict[str, Any]] = field(default_factory=list)  # off-category (mismatch)


# ---------------------------------------------------------------------------- case.toml


def _parse_toml(text: str) -> dict[str, Any]:
    try:
        import tomllib  # Python 3.11+
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            return _parse_flat_toml(text)
    return tomllib.loads(text)


def _parse_flat_toml(text: str) -> dict[str, Any]:
    """Enough TOML for case.toml: `key = "string"` lines and comments."""
    data: dict[str, Any] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if value.startswith('"'):
            end = 1
            while end < len(value):
                if value[end] == "\\":
                    end += 2
                    continue
                if value[end] == '"':
                    break
                end += 1
            value = json.loads(value[: end + 1])
        data[key.strip()] = value
    return data


def load_case(directory: Path) -> Case:
    meta = _parse_toml((directory / "case.toml").read_text(encoding="utf-8"))
    if (directory / "script.py").exists():
        files = [directory / "script.py"]
    else:
        files = [directory / "train.py", directory / "finetune.py"]
    return Case(
        name=directory.name,
        directory=directory,
        category=str(meta.get("category", "")),
        code=meta.get("code"),
        note=str(meta.get("note", "")),
        files=files,
    )


def load_cases(pattern: str | None = None) -> list[Case]:
    cases = [load_case(d) for d in sorted(CASES_DIR.iterdir()) if d.is_dir() and (d / "case.toml").exists()]
    if pattern:
        cases = [c for c in cases if pattern in c.name]
    return cases


# ---------------------------------------------------------------------------- running


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def ftlint_command(case: Case) -> list[str]:
    return [
        sys.executable,
        "-m",
        "ftlint",
        "--output-format",
        "json",
        "--exit-zero",
        *(_rel(f) for f in case.files),
    ]


def _findings_from(stdout: str) -> list[dict[str, Any]]:
    data = json.loads(stdout)
    if isinstance(data, dict):  # tolerate {"findings": [...]}
        data = data.get("findings", [])
    if not isinstance(data, list):
        raise ValueError(f"expected a JSON array, got {type(data).__name__}")
    return [f for f in data if isinstance(f, dict)]


def run_ftlint(case: Case) -> tuple[list[dict[str, Any]], str | None]:
    """Run ftlint on one case; return (findings, error text or None)."""
    try:
        proc = subprocess.run(
            ftlint_command(case),
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return [], f"timed out after {TIMEOUT_S}s"
    except OSError as exc:
        return [], f"could not start ftlint: {exc}"
    try:
        findings = _findings_from(proc.stdout)
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-15:]
        return [], f"exit {proc.returncode}, no JSON findings ({exc}):\n" + "\n".join(tail)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-15:]
        return findings, f"exit {proc.returncode} despite --exit-zero:\n" + "\n".join(tail)
    return findings, None


# ---------------------------------------------------------------------------- judging


def _family(code: Any) -> str:
    return str(code or "")[:3]


def counts_for(case: Case, finding: dict[str, Any]) -> bool:
    """Does this finding catch the case's injected mismatch?"""
    if case.benign or _family(finding.get("code")) != case.category:
        return False
    severity = finding.get("severity")
    if severity in BLOCKING:
        return True
    return severity == "info" and case.code == "FT402" and finding.get("code") == "FT402"


def evaluate(case: Case, findings: list[dict[str, Any]], error: str | None = None) -> CaseResult:
    result = CaseResult(case=case, findings=findings, error=error)
    blocking = [f for f in findings if f.get("severity") in BLOCKING]
    if case.benign:
        result.blocking = blocking
        result.passed = error is None and not blocking
        return result
    result.hits = [f for f in findings if counts_for(case, f)]
    result.passed = bool(result.hits)
    result.exact = any(f.get("code") == case.code for f in result.hits)
    result.extra = [f for f in blocking if _family(f.get("code")) != case.category]
    return result


def run_case(case: Case) -> CaseResult:
    findings, error = run_ftlint(case)
    return evaluate(case, findings, error)


def run_all(cases: list[Case], jobs: int = 2) -> list[CaseResult]:
    if jobs <= 1:
        return [run_case(c) for c in cases]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(run_case, cases))


# ---------------------------------------------------------------------------- report


def _brief(f: dict[str, Any]) -> dict[str, Any]:
    path = str(f.get("path", ""))
    return {
        "code": f.get("code"),
        "severity": f.get("severity"),
        "where": f"{Path(path).name}:{f.get('line', '?')}" if path else "?",
        "message": f.get("message", ""),
    }


def summarize(results: list[CaseResult]) -> dict[str, Any]:
    per_category: dict[str, dict[str, Any]] = {}
    for cat in CATEGORIES:
        rs = [r for r in results if r.case.category == cat]
        found = sum(r.passed for r in rs)
        per_category[cat] = {
            "cases": len(rs),
            "found": found,
            "exact_code": sum(r.exact for r in rs),
            "recall": round(found / len(rs), 3) if rs else None,
        }
    mismatch = [r for r in results if not r.case.benign]
    benign = [r for r in results if r.case.benign]
    found = sum(r.passed for r in mismatch)
    return {
        "cases": len(results),
        "mismatch_cases": len(mismatch),
        "mismatch_found": found,
        "recall": round(found / len(mismatch), 3) if mismatch else None,
        "exact_code": sum(r.exact for r in mismatch),
        "benign_cases": len(benign),
        "benign_clean": sum(r.passed for r in benign),
        "per_category": per_category,
        "missed": [
            {
                "case": r.case.name,
                "category": r.case.category,
                "code": r.case.code,
                "note": r.case.note,
                "findings": [_brief(f) for f in r.findings],
            }
            for r in mismatch
            if not r.passed
        ],
        "benign_flagged": [
            {"case": r.case.name, "note": r.case.note, "findings": [_brief(f) for f in r.blocking]}
            for r in benign
            if r.blocking
        ],
        "extra_findings": [
            {"case": r.case.name, "expected": r.case.code, "findings": [_brief(f) for f in r.extra]}
            for r in mismatch
            if r.extra
        ],
        "errors": [{"case": r.case.name, "error": r.error} for r in results if r.error],
    }


def _pct(num: int, den: int) -> str:
    return f"{num}/{den} ({100.0 * num / den:.0f}%)" if den else "0/0"


def print_report(summary: dict[str, Any], out=sys.stdout) -> None:
    w = out.write
    w(f"ftlint corpus: {summary['cases']} cases\n\n")
    w("Recall per category (found / cases; exact = expected code among the hits)\n")
    for cat, s in summary["per_category"].items():
        if s["cases"]:
            w(f"  {cat}: {_pct(s['found'], s['cases']):<14} exact {s['exact_code']}/{s['cases']}\n")
    w(
        f"  all: {_pct(summary['mismatch_found'], summary['mismatch_cases']):<14}"
        f" exact {summary['exact_code']}/{summary['mismatch_cases']}\n"
    )
    w(f"Benign without warning or error: {_pct(summary['benign_clean'], summary['benign_cases'])}\n")

    w(f"\nMissed cases ({len(summary['missed'])})\n")
    for m in summary["missed"]:
        w(f"  {m['case']}  [{m['code']}] {m['note']}\n")
        for f in m["findings"]:
            w(f"      got {f['code']} {f['severity']} {f['where']}: {f['message']}\n")

    w(f"\nBenign cases with a warning or error ({len(summary['benign_flagged'])})\n")
    for b in summary["benign_flagged"]:
        w(f"  {b['case']}  ({b['note']})\n")
        for f in b["findings"]:
            w(f"      {f['code']} {f['severity']} {f['where']}: {f['message']}\n")

    w(f"\nExtra findings outside the expected category ({len(summary['extra_findings'])} cases)\n")
    for e in summary["extra_findings"]:
        w(f"  {e['case']}  expected {e['expected']}\n")
        for f in e["findings"]:
            w(f"      {f['code']} {f['severity']} {f['where']}: {f['message']}\n")

    if summary["errors"]:
        w(f"\nftlint errors ({len(summary['errors'])} cases)\n")
        for e in summary["errors"]:
            w(f"  {e['case']}:\n")
            for line in str(e["error"]).splitlines():
                w(f"      {line}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("-k", dest="pattern", help="only cases whose folder name contains this")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="cases run at once (default 2)")
    args = parser.parse_args(argv)

    results = run_all(load_cases(args.pattern), jobs=args.jobs)
    summary = summarize(results)
    if args.json:
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_report(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
