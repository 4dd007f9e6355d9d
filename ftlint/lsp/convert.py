"""ftlint spans and findings as LSP types, in one place.

ftlint: lines and columns 1-based, columns in characters, end column exclusive.
LSP: lines and characters 0-based, characters in UTF-16 code units, end exclusive.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lsprotocol import types
from pygls.uris import from_fs_path

from ftlint.facts import Span
from ftlint.findings import Finding

SOURCE = "ftlint"
SEVERITY = {"error": types.DiagnosticSeverity.Error,
            "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}

Lines = Callable[[str], list[str]]  # path -> its current lines


def position(lines: list[str], line: int, column: int) -> types.Position:
    """A 1-based ftlint (line, character column) as an LSP position."""
    row = max(line - 1, 0)
    text = lines[row] if row < len(lines) else ""
    prefix = text[: max(column - 1, 0)]
    units = len(prefix) if prefix.isascii() else len(prefix.encode("utf-16-le")) // 2
    return types.Position(line=row, character=units + max(column - 1 - len(text), 0))


def to_range(span: Span, lines_of: Lines) -> types.Range:
    lines = lines_of(span.path)
    return types.Range(start=position(lines, span.line, span.column),
                       end=position(lines, span.end_line, span.end_column))


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # two letters at least: not `C:`


def is_uri(key: str) -> bool:
    """A URI (a notebook cell's, `vscode-notebook-cell:...`) rather than a file path."""
    return _SCHEME.match(key) is not None


def uri(path: str) -> str:
    """A file's URI; a key that is a URI already stays as it is."""
    return path if is_uri(path) else from_fs_path(path) or path


def diagnostic(finding: Finding, lines_of: Lines, docs: dict[str, str]) -> types.Diagnostic:
    href = docs.get(finding.code)
    return types.Diagnostic(
        range=to_range(finding.span, lines_of),
        message=finding.message,
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        related_information=[
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri(r.span.path), range=to_range(r.span, lines_of)),
                message=r.message)
            for r in finding.related] or None,
    )

