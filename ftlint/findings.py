"""What a check reports: a finding at a span, with related spans in the other script."""

from __future__ import annotations

from dataclasses import dataclass, field

from ftlint.facts import Span

SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True, slots=True)
class Related:
    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text at span with text (an insertion when the span is empty)."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A quick fix a rule offers when the right edit is unambiguous.

    safe: the edit makes the fine-tuning script do exactly what the pretraining one does
    (or what the code plainly means), changing one local expression; `--fix` applies it.
    unsafe: it adds code whose effect depends on the program around it (a call, a check);
    applied only with `--unsafe-fixes`, offered in the editor like the others."""

    title: str
    edits: tuple[Edit, ...]
    applicability: str = "safe"  # "safe" | "unsafe"


@dataclass(slots=True)
class Finding:
    code: str
    name: str
    severity: str  # info | warning | error
    message: str
    span: Span
    related: list[Related] = field(default_factory=list)
    fix: Fix | None = None

    def sort_key(self) -> tuple:
        return (self.span.path, self.span.line, self.span.column, self.code)

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "path": self.span.path,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "related": [
                {"path": r.span.path, "line": r.span.line, "column": r.span.column,
                 "message": r.message}
                for r in self.related
            ],
        }


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else 0


def fails(findings: list[Finding], fail_on: str) -> bool:
    """Does any finding reach the failing severity (exit code 1)?"""
    threshold = severity_rank(fail_on)
    return any(severity_rank(f.severity) >= threshold for f in findings)
