"""One engine behind the CLI, the language server and the pre-commit hook.

It builds profiles for pairs and scripts, runs the rules (a crashing rule is logged and
skipped), then applies configuration and inline suppressions, identically for every caller.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ftlint.config import Config, check_against_rules
from ftlint.findings import Finding, severity_rank
from ftlint.program import Workspace
from ftlint.rule import PairContext, PairRule, Profile, Rule, ScriptContext, ScriptRule
from ftlint.rules_loader import load_rules
from ftlint.suppressions import SUPPRESSION, UNUSED, Ledger, silences


@dataclass(slots=True)
class Result:
    findings: list[Finding] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # files with a syntax or read problem

    def fails(self, fail_on: str) -> bool:
        threshold = severity_rank(fail_on)
        return any(severity_rank(f.severity) >= threshold for f in self.findings)


class Linter:
    def __init__(self, config: Config, rules: list[Rule] | None = None,
                 workspace: Workspace | None = None,
                 log: Callable[[str], None] | None = None) -> None:
        self.config = config
        self.rules = rules if rules is not None else load_rules(config.rule_folders)
        check_against_rules(config, self.rules)  # ConfigError: a code or option names no rule
        self.workspace = workspace or Workspace(knowledge=config.knowledge)
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
            findings += self._pair_rules(self.workspace.whole(pretrain, "pretrain"),
                                         self.workspace.whole(finetune, "finetune"))
            for path in (pretrain, finetune):
                if path not in seen_scripts:
                    seen_scripts.add(path)
                    findings += self._script_rules(path)
        for path in scripts:
            phases = self.workspace.phases(path)
            if phases is not None:
                paired.add(path)
                findings += self._pair_rules(*phases)
            if path not in seen_scripts:
                seen_scripts.add(path)
                findings += self._script_rules(path)
        kept = self.finish(findings)
        result = Result(kept + self.finish(self._unused_suppressions(seen_scripts, paired)))
        result.findings.sort(key=Finding.sort_key)
        for path in seen_scripts:
            if self.workspace.module(path).source.problems:
                result.unreadable.add(path)
        return result

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
        for rule in self.rules:
            if isinstance(rule, ScriptRule) and self.config.enabled(rule.code):
                context = ScriptContext(rule, self._options(rule), profile)
                findings += self._guarded(rule, lambda r=rule, c=context: r.check(c), path)
        return findings

    def _options(self, rule: Rule) -> dict:
        return {k: self.config.options[k] for k in rule.options if k in self.config.options}

    def _guarded(self, rule: Rule, check: Callable[[], Iterable[Finding]], path: str,
                 ) -> list[Finding]:
        try:
            return list(check())
        except Exception as exc:  # one broken rule must not stop the others
            self.log(f"ftlint: rule {rule.code} ({rule.name}) failed on {path}: "
                     f"{type(exc).__name__}: {exc}")
            return []

    # -- configuration and suppressions ------------------------------------------------
    def finish(self, findings: list[Finding]) -> list[Finding]:
        kept: dict[tuple, Finding] = {}
        for finding in findings:
            if not self.config.enabled(finding.code, finding.span.path):
                continue
            if (finding.code == UNUSED or not finding.code.startswith("FT9")) \
                    and self._suppressed(finding):
                self._ledger.record(finding)
                continue
            finding.severity = self.config.severity.get(finding.code, finding.severity)
            key = (finding.code, finding.span.path, finding.span.line, finding.span.column,
                   finding.message)
            kept.setdefault(key, finding)
        return sorted(kept.values(), key=Finding.sort_key)

    def _suppressed(self, finding: Finding) -> bool:
        lines = self.workspace.module(finding.span.path).source.lines
        if not 0 < finding.span.line <= len(lines):
            return False
        match = SUPPRESSION.search(lines[finding.span.line - 1])
        return match is not None and silences(match, finding.code)
