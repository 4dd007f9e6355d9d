"""One engine behind the CLI, the language server and the pre-commit hook.

It builds profiles for pairs and scripts, runs the rules, then applies configuration and
inline suppressions, identically for every caller. A rule that raises (SystemExit included)
or yields a malformed finding is stopped there and reported as FT906 naming the rule.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ftlint.config import Config, check_against_rules
from ftlint.facts import Span
from ftlint.findings import SEVERITIES, Finding, Fix, Related, fails
from ftlint.limits import BudgetExceeded, limits_of, stop_budget, time_budget
from ftlint.program import Workspace
from ftlint.rule import PairContext, PairRule, Profile, Rule, ScriptContext, ScriptRule
from ftlint.rules_loader import load_rules
from ftlint.suppressions import SUPPRESSION, UNUSED, Ledger, silences

RULE_FAILED = ("FT906", "rule-failed")
ANALYSIS_FAILED = ("FT907", "analysis-failed")
# Problems that leave a file unchecked (exit code 2); a budget overrun is information.
_UNCHECKED_KINDS = {"syntax", "unreadable", "large", "limit", "crash"}


@dataclass(slots=True)
class Result:
    findings: list[Finding] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # files with a syntax or read problem
    failed_rules: set[str] = field(default_factory=set)  # codes of rules that failed (FT906)

    def fails(self, fail_on: str) -> bool:
        return fails(self.findings, fail_on)


class Linter:
    def __init__(self, config: Config, rules: list[Rule] | None = None,
                 workspace: Workspace | None = None,
                 log: Callable[[str], None] | None = None) -> None:
        self.config = config
        self.rules = rules if rules is not None else load_rules(config.rule_folders)
        self._superseded = {r.code: r.superseded_by for r in self.rules if r.superseded_by}
        check_against_rules(config, self.rules)  # ConfigError: a code or option names no rule
        self.workspace = workspace or Workspace(knowledge=config.knowledge,
                                                limits=limits_of(config))
        self._budget = limits_of(config).time_budget  # for the rules of one file or pair
        self.log = log or (lambda message: print(message, file=sys.stderr))
        self._logged: set[str] = set()
        self._ledger = Ledger()

    # -- what to lint ----------------------------------------------------------------
    def lint_pair(self, pretrain: str, finetune: str) -> list[Finding]:
        findings = self._pair_rules(self.workspace.whole(pretrain, "pretrain"),
                                    self.workspace.whole(finetune, "finetune"))
        for path in (pretrain, finetune):
            findings += self._script_rules(path)
        return findings

    def lint_script(self, path: str) -> list[Finding]:
        findings = self._script_rules(path)
        phases = self.workspace.phases(path)
        if phases is not None:
            findings += self._pair_rules(*phases)
        return findings

    def run(self, pairs: Iterable[tuple[str, str]], scripts: Iterable[str]) -> Result:
        findings: list[Finding] = []
        seen_scripts: set[str] = set()
        paired: set[str] = set()  # files whose pair rules ran (with a partner, or as phases)
        self._ledger = Ledger()
        for pretrain, finetune in pairs:
            paired |= {pretrain, finetune}
            findings += self._contained(finetune, lambda a=pretrain, b=finetune: self._pair_rules(
                self.workspace.whole(a, "pretrain"), self.workspace.whole(b, "finetune")))
            for path in (pretrain, finetune):
                if path not in seen_scripts:
                    seen_scripts.add(path)
                    findings += self._contained(path, lambda p=path: self._script_rules(p))
        for path in scripts:
            findings += self._contained(path, lambda p=path: self._phase_rules(p, paired))
            if path not in seen_scripts:
                seen_scripts.add(path)
                findings += self._contained(path, lambda p=path: self._script_rules(p))
        kept = self.finish(findings)
        result = Result(kept + self.finish(self._unused_suppressions(seen_scripts, paired)))
        result.findings.sort(key=Finding.sort_key)
        for path in seen_scripts:
            try:
                problems = self.workspace.module(path).source.problems
            except Exception:
                problems = [None]
            if any(p is None or p.kind in _UNCHECKED_KINDS for p in problems):
                result.unreadable.add(path)
        # a failed rule leaves its file unchecked too: exit code 2, for every caller
        result.unreadable.update(f.span.path for f in result.findings
                                 if f.code in (RULE_FAILED[0], ANALYSIS_FAILED[0]))
        result.failed_rules = {f.message.split(" ", 2)[1] for f in result.findings
                               if f.code == RULE_FAILED[0]}
        return result

    def _phase_rules(self, path: str, paired: set[str]) -> list[Finding]:
        phases = self.workspace.phases(path)
        if phases is None:
            return []
        paired.add(path)
        return self._pair_rules(*phases)

    def _contained(self, path: str, work: Callable[[], list[Finding]]) -> list[Finding]:
        """Work on one file or pair; an error in ftlint itself costs that work only."""
        try:
            return work()
        except Exception as exc:
            return [_own_finding(ANALYSIS_FAILED, path, f"ftlint failed checking this file "
                                 f"({type(exc).__name__}: {exc}); please report it")]

    def _unused_suppressions(self, files: set[str], paired: set[str]) -> list[Finding]:
        rule = next((r for r in self.rules if r.code == UNUSED), None)
        if rule is None or not self.config.enabled(UNUSED):
            return []
        scopes = {r.code: r.scope for r in self.rules}
        findings = []
        for path in sorted(files):
            def can_judge(code: str, path: str = path) -> bool:
                if not code:  # a bare ignore: only where every rule had its chance
                    return path in paired
                known = [c for c in scopes if c.startswith(code)]
                return not known or all(  # a code of no rule silences nothing, ever
                    self.config.enabled(c, path) and (scopes[c] == "script" or path in paired)
                    for c in known)
            lines = self.workspace.module(path).source.lines
            for span, message, fix in self._ledger.unused(path, lines, can_judge):
                findings.append(Finding(rule.code, rule.name, rule.severity, message, span,
                                        fix=fix))
        return findings

    # -- rules -----------------------------------------------------------------------
    def _pair_rules(self, pretrain: Profile, finetune: Profile) -> list[Finding]:
        findings: list[Finding] = []
        if self.config.data:  # numpy and the data readers load only here
            from ftlint.data.attach import with_data

            pretrain, finetune = with_data(pretrain, self.config), with_data(finetune, self.config)
        with time_budget(self._budget):  # a rule that never ends is stopped too
            for rule in self.rules:
                if isinstance(rule, PairRule) and self.config.enabled(rule.code):
                    context = PairContext(rule, self._options(rule), pretrain, finetune)
                    findings += self._guarded(rule, lambda r=rule, c=context: r.check(c),
                                              finetune.path)
        return findings

    def _script_rules(self, path: str) -> list[Finding]:
        profile = self.workspace.whole(path, "script")
        for error in self.workspace.module(path).errors:
            if error not in self._logged:
                self._logged.add(error)
                self.log(error)
        findings: list[Finding] = []
        with time_budget(self._budget):
            for rule in self.rules:
                if isinstance(rule, ScriptRule) and self.config.enabled(rule.code):
                    context = ScriptContext(rule, self._options(rule), profile)
                    findings += self._guarded(rule, lambda r=rule, c=context: r.check(c), path)
        return findings

    def _options(self, rule: Rule) -> dict:
        return {k: self.config.options[k] for k in rule.options if k in self.config.options}

    def _guarded(self, rule: Rule, check: Callable[[], Iterable[Finding]], path: str,
                 ) -> list[Finding]:
        """The rule's findings, each checked as it is made; a rule that raises (or exits)
        keeps what it made before and is reported, and the other rules still run."""
        found: list[Finding] = []
        try:
            for finding in check():
                problem = malformed(finding)
                if problem is not None:
                    return found + [self._rule_failed(rule, path, "made a malformed finding",
                                                      f"({problem})")]
                found.append(finding)
        except BudgetExceeded:
            stop_budget()  # the rules after this one run unbounded: this one is reported
            found.append(self._rule_failed(rule, path, "ran over", f"the time budget of "
                                           f"{self._budget:g} s (setting analysis-time-budget)"))
        except (Exception, SystemExit) as exc:  # KeyboardInterrupt still stops the run
            found.append(self._rule_failed(rule, path, "raised", f"{type(exc).__name__}: {exc}"))
        return found

    def _rule_failed(self, rule: Rule, path: str, how: str, detail: str) -> Finding:
        detail = " ".join(detail.split())[:400]  # one line, however long the error
        named = f"rule {getattr(rule, 'code', '?')} ({getattr(rule, 'name', '?')})"
        self.log(f"ftlint: {named} failed on {path}: {detail}")
        return _own_finding(RULE_FAILED, path, f"{named} {how} {detail}")

    # -- configuration and suppressions ------------------------------------------------
    def finish(self, findings: list[Finding]) -> list[Finding]:
        kept: dict[tuple, Finding] = {}
        reported = set()  # what was found on each line, suppressed or not
        for finding in findings:
            if not self.config.enabled(finding.code, finding.span.path):
                continue
            reported.add((finding.code, finding.span.path, finding.span.line))
            if (finding.code == UNUSED or not finding.code.startswith("FT9")) \
                    and self._suppressed(finding):
                self._ledger.record(finding)
                continue
            finding.severity = self.config.severity.get(finding.code, finding.severity)
            key = (finding.code, finding.span.path, finding.span.line, finding.span.column,
                   finding.message)
            kept.setdefault(key, finding)
        return sorted((f for f in kept.values() if not any(
            (code, f.span.path, f.span.line) in reported
            for code in self._superseded.get(f.code, ()))), key=Finding.sort_key)

    def _suppressed(self, finding: Finding) -> bool:
        lines = self.workspace.module(finding.span.path).source.lines
        if not 0 < finding.span.line <= len(lines):
            return False
        match = SUPPRESSION.search(lines[finding.span.line - 1])
        return match is not None and silences(match, finding.code)


def _own_finding(kind: tuple[str, str], path: str, message: str) -> Finding:
    return Finding(kind[0], kind[1], "error", message, Span(path, 1, 1, 1, 2))


def malformed(finding: object) -> str | None:
    """What is wrong with a rule's finding (None: nothing), checked where the rule makes it
    so that a bad one never reaches the reports."""
    if not isinstance(finding, Finding):
        return f"a {type(finding).__name__}, not a Finding"
    for name in ("code", "name", "message"):
        if not isinstance(getattr(finding, name), str):
            return f"{name} is not a string"
    if finding.severity not in SEVERITIES:
        return f"severity {finding.severity!r} is none of {', '.join(SEVERITIES)}"
    spans = [("span", finding.span)]
    if not isinstance(finding.related, (list, tuple)):
        return "related is not a list"
    for item in finding.related:
        if not isinstance(item, Related) or not isinstance(item.message, str):
            return "a related entry is not a Related with a message"
        spans.append(("related span", item.span))
    if finding.fix is not None and not isinstance(finding.fix, Fix):
        return "fix is not a Fix"
    for label, span in spans:
        if not isinstance(span, Span) or not isinstance(span.path, str):
            return f"{label} is not a Span with a path"
        numbers = (span.line, span.column, span.end_line, span.end_column)
        if not all(type(n) is int and n >= 1 for n in numbers):
            return f"{label} has a line or column that is not a positive integer"
    return None
