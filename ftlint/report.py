"""Output formats for findings; the language server has its own mapping.

text     people: `path:line:col: CODE [severity] message`, the partner script's lines below.
concise  one line per finding, `path:line:col: CODE [severity] message`, for grep and
         editors' problem matchers.
json     the Finding.as_json() contract; notebook findings add `cell` and `cell_line`.
github   GitHub Actions workflow commands (`::warning file=...`), annotating pull requests.
sarif    SARIF 2.1.0 for code scanning, with every rule and the partner script as
         relatedLocations.

Notebooks: the engine's spans are lines of the joined code cells (see ftlint.notebook), a
line that exists in no file; every format turns them into the cell and its line. Text and
concise name the cell (`nb.ipynb:cell 3:5:1:` is cell 3, line 5, column 1, as ruff prints
it); json gives `cell` and the line and column inside that cell; github and sarif point at
the line of the .ipynb file that holds the source line (so annotations land on it), start
the message with `cell 3, line 5: `, and sarif adds the cell and its line as properties.
docs/output.md is the contract.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from ftlint import notebook
from ftlint.facts import Span
from ftlint.findings import Finding
from ftlint.paths import resolved

FORMATS = ("text", "concise", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def shown_path(path: str) -> str:
    """A path as people read it: relative to the working directory when under it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def _python_notebook(path: str) -> notebook.NotebookSource | None:
    """The notebook's code and line map; None for other files and unreadable notebooks
    (whose findings point at the file itself)."""
    if not notebook.is_notebook(path):
        return None
    try:
        found = notebook.read_notebook(path)
    except (OSError, notebook.NotebookError):
        return None
    return found if found.language == "python" else None


def _cell(path: str, line: int) -> tuple[int, int] | None:
    found = _python_notebook(path)
    where = found.locate(line) if found else None
    return (where.cell + 1, where.line) if where else None


def location(path: str, line: int, column: int) -> str:
    """`path:line:col`, or `nb.ipynb:cell N:line:col` inside a notebook."""
    cell = _cell(path, line)
    if cell is not None:
        return f"{shown_path(path)}:cell {cell[0]}:{cell[1]}:{column}"
    return f"{shown_path(path)}:{line}:{column}"


def _file_position(path: str, line: int, column: int) -> tuple[int, int]:
    """Line and column in the file as stored (a notebook's JSON text for .ipynb)."""
    found = _python_notebook(path)
    if found is not None:
        return found.file_position(line, column)
    return (1, 1) if notebook.is_notebook(path) else (line, column)


def _cell_prefix(span: Span) -> str:
    cell = _cell(span.path, span.line)
    return f"cell {cell[0]}, line {cell[1]}: " if cell else ""


def text(findings: list[Finding], files: int) -> str:
    lines = []
    for f in findings:
        lines.append(f"{location(f.span.path, f.span.line, f.span.column)}: {f.code} "
                     f"[{f.severity}] {f.message}")
        for related in f.related:
            span = related.span
            lines.append(f"    {location(span.path, span.line, span.column)}: {related.message}")
    counts = Counter(f.severity for f in findings)
    if findings:
        parts = [f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s]]
        noun = "finding" if len(findings) == 1 else "findings"
        lines.append(f"Found {len(findings)} {noun} ({', '.join(parts)}) in "
                     f"{files} file{'s' if files != 1 else ''}.")
    else:
        lines.append(f"All checks passed ({files} file{'s' if files != 1 else ''}).")
    return "\n".join(lines)


def concise(findings: list[Finding]) -> str:
    """`path:line:col: CODE [severity] message`, one line each; nothing when clean.
    A notebook's location names the cell, as in text: `nb.ipynb:cell 3:5:1:`."""
    return "\n".join(f"{location(f.span.path, f.span.line, f.span.column)}: {f.code} "
                     f"[{f.severity}] {_one_line(f.message)}" for f in findings)


def as_json(findings: list[Finding]) -> str:
    entries = []
    for finding in findings:
        entry = finding.as_json()
        _into_cell(entry, finding.span)
        for related, original in zip(entry["related"], finding.related, strict=True):
            _into_cell(related, original.span)
        entries.append(entry)
    return json.dumps(entries, indent=2)


def _into_cell(entry: dict, span: Span) -> None:
    """A notebook position becomes the cell (from 1) and the line inside it."""
    start = _cell(span.path, span.line)
    if start is None:
        return
    entry["cell"], entry["line"] = start
    if "end_line" in entry:
        end = _cell(span.path, span.end_line)
        if end is not None and end[0] == start[0]:
            entry["end_line"] = end[1]
        else:  # a span running past its cell: end where it starts
            entry["end_line"], entry["end_column"] = entry["line"], entry["column"]


def github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands; the partner script's lines go into the message."""
    lines = []
    for f in findings:
        line, column = _file_position(f.span.path, f.span.line, f.span.column)
        message = _cell_prefix(f.span) + f.message
        for related in f.related:
            message += (f"\n{location(related.span.path, related.span.line, related.span.column)}"
                        f": {related.message}")
        properties = (f"file={_escape_property(shown_path(f.span.path))},line={line},col={column},"
                      f"title={f.code}")
        lines.append(f"::{_GITHUB_COMMAND.get(f.severity, 'warning')} {properties}::"
                     f"{_escape_data(message)}")
    return "\n".join(lines)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _one_line(message: str) -> str:
    return " ".join(message.split())


# -- SARIF 2.1.0 ----------------------------------------------------------------------------
def sarif(findings: list[Finding], rules: Sequence, version: str, root: Path | None = None,
          docs_url: str = "") -> str:
    """SARIF 2.1.0. Rule help is always inline (text and markdown); with docs_url (config
    `docs-url`, where docs/rules.md is published) rules also link to their section."""
    """A SARIF 2.1.0 log: one run, every rule, findings with the partner script related.

    Paths under root (default: the working directory) are relative URIs against the
    %SRCROOT% base, as code scanning expects; others are absolute file URIs.
    """
    root = (root or Path.cwd()).resolve()
    known = {rule.code: index for index, rule in enumerate(rules)}
    descriptors = [_rule_descriptor(rule, docs_url) for rule in rules]
    results = []
    fingerprints = _Fingerprints(root)
    for finding in findings:
        if finding.code not in known:  # a finding of a rule not loaded (should not happen)
            known[finding.code] = len(descriptors)
            descriptors.append({"id": finding.code, "name": finding.name,
                                "shortDescription": {"text": finding.name}})
        result = {
            "ruleId": finding.code,
            "ruleIndex": known[finding.code],
            "level": _SARIF_LEVEL.get(finding.severity, "warning"),
            "message": {"text": _cell_prefix(finding.span) + finding.message},
            "locations": [_location(finding.span, root)],
            "partialFingerprints": {FINGERPRINT: fingerprints.of(finding)},
        }
        if finding.related:
            result["relatedLocations"] = [
                {"id": number, "message": {"text": _cell_prefix(r.span) + r.message},
                 **_location(r.span, root)}
                for number, r in enumerate(finding.related, 1)]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ftlint", "version": version, "rules": descriptors,
                                **({"informationUri": docs_url} if docs_url else {})}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(log, indent=2)


def _rule_descriptor(rule, docs_url: str = "") -> dict:
    from ftlint.explain import explain

    anchor = f"{docs_url}#{rule.code.lower()}" if docs_url else ""  # one heading per code
    link = f"\n\n[Documentation]({anchor})" if anchor else ""
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        **({"helpUri": anchor} if anchor else {}),
        "help": {"text": explain(rule),
                 "markdown": f"**{rule.code} {rule.name}**: {rule.summary}.\n\n"
                             f"{rule.explanation}\n\n```text\n{explain(rule)}\n```{link}"},
        "defaultConfiguration": {"level": _SARIF_LEVEL.get(rule.severity, "warning")},
        "properties": {"tags": ["fine-tuning", rule.scope]},
    }


FINGERPRINT = "ftlintFinding/v1"


class _Fingerprints:
    """A finding's identity for code scanning: rule, file, the text of its line (not the
    line number, so an edit above it keeps the alert) and which of several identical
    (rule, file, text) findings it is, in file order."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.seen: Counter[str] = Counter()

    def of(self, finding: Finding) -> str:
        span = finding.span
        lines = _source_lines(span.path)
        text = lines[span.line - 1].strip() if 0 < span.line <= len(lines) else ""
        try:
            where = resolved(span.path).relative_to(self.root).as_posix()
        except ValueError:
            where = resolved(span.path).as_posix()
        base = hashlib.sha256("\0".join((finding.code, where, text)).encode()).hexdigest()[:32]
        self.seen[base] += 1
        return f"{base}:{self.seen[base]}"


def _source_lines(path: str) -> list[str]:
    """The lines ftlint analysed: a notebook's joined code, else the file's text."""
    found = _python_notebook(path)
    if found is not None:
        return found.source.split("\n")
    from ftlint.source import read_text

    text, _ = read_text(path)
    return text.split("\n") if text else []


def _location(span: Span, root: Path) -> dict:
    location: dict = {"physicalLocation": _physical(span, root)}
    cell = _cell(span.path, span.line)
    if cell is not None:
        location["properties"] = {"cell": cell[0], "cellLine": cell[1], "cellColumn": span.column}
    return location


def _physical(span: Span, root: Path) -> dict:
    path = resolved(span.path)
    try:
        artifact = {"uri": quote(path.relative_to(root).as_posix()), "uriBaseId": "%SRCROOT%"}
    except ValueError:
        artifact = {"uri": path.as_uri()}
    if notebook.is_notebook(span.path):
        line, column = _file_position(span.path, span.line, span.column)
        region = {"startLine": line, "startColumn": column}
    else:
        region = {"startLine": span.line, "startColumn": span.column}
        if (span.end_line, span.end_column) > (span.line, span.column):
            region["endLine"] = span.end_line
            region["endColumn"] = span.end_column
    return {"artifactLocation": artifact, "region": region}
