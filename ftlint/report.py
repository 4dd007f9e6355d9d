"""Output formats for findings (text, json); the language server has its own mapping."""

from __future__ import annotations

import json
import os
from collections import Counter

from ftlint.findings import Finding


def _shown(path: str) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def text(findings: list[Finding], files: int) -> str:
    lines = []
    for f in findings:
        lines.append(f"{_shown(f.span.path)}:{f.span.line}:{f.span.column}: {f.code} "
                     f"[{f.severity}] {f.message}")
        for related in f.related:
            lines.append(f"    {_shown(related.span.path)}:{related.span.line}:"
                         f"{related.span.column}: {related.message}")
    counts = Counter(f.severity for f in findings)
    if findings:
        parts = [f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s]]
        noun = "finding" if len(findings) == 1 else "findings"
        lines.append(f"Found {len(findings)} {noun} ({', '.join(parts)}) in "
                     f"{files} file{'s' if files != 1 else ''}.")
    else:
        lines.append(f"All checks passed ({files} file{'s' if files != 1 else ''}).")
    return "\n".join(lines)


def as_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_json() for f in findings], indent=2)


FORMATS = ("text", "json")
