"""Applying findings' fixes and suppression comments to text: one implementation for
`--fix`, `--diff`, `--add-ignore` and the language server's quick fixes and fix-all.

Edits are spans of the text ftlint analysed (1-based lines and character columns, end
exclusive). Of edits that overlap, the first in file order wins and the others wait for
the next pass; nothing is applied twice.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ftlint.facts import Span
from ftlint.findings import Edit, Finding
from ftlint.suppressions import SUPPRESSION

APPLICABILITY = ("safe", "unsafe")  # what a rule's fixes are; `--unsafe-fixes` allows both
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as Python's tokenizer breaks lines


@dataclass(frozen=True, slots=True)
class Applied:
    text: str
    findings: list[Finding]  # whose fixes went in


def line_starts(text: str) -> list[int]:
    """Offset where each line starts; lines break where Python breaks them."""
    return [0, *(match.end() for match in _LINE_BREAK.finditer(text))]


def _offset(starts: list[int], text: str, line: int, column: int) -> int:
    if line > len(starts):
        return len(text)
    start = starts[line - 1]
    end = starts[line] if line < len(starts) else len(text)
    body = text[start:end].rstrip("\r\n")
    return start + min(column - 1, len(body))


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """The text with non-overlapping edits applied (callers choose which to pass)."""
    starts = line_starts(text)
    placed = sorted(((_offset(starts, text, e.span.line, e.span.column),
                      _offset(starts, text, e.span.end_line, e.span.end_column), e.text)
                     for e in edits), reverse=True)
    for start, end, new in placed:
        text = text[:start] + new + text[end:]
    return text


def fixable(finding: Finding, allow_unsafe: bool) -> bool:
    if finding.fix is None:
        return False
    return allow_unsafe or finding.fix.applicability == "safe"


def choose_fixes(path: str, findings: list[Finding], allow_unsafe: bool) -> list[Finding]:
    """The findings whose fixes go in together: edits all in this file, overlapping
    nothing taken before them (in file order). The CLI and the editor's fix-all use this."""
    taken: list[Finding] = []
    ranges: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for finding in sorted(findings, key=Finding.sort_key):
        if not fixable(finding, allow_unsafe) or finding.fix is None:
            continue
        own = finding.fix.edits
        if any(e.span.path != path for e in own):
            continue  # a fix reaching into another file is applied with that file
        spans = [((e.span.line, e.span.column), (e.span.end_line, e.span.end_column)) for e in own]
        if any(_overlap(a, b) for a in spans for b in ranges):
            continue
        taken.append(finding)
        ranges.extend(spans)
    return taken


def apply_fixes(text: str, path: str, findings: list[Finding], allow_unsafe: bool) -> Applied:
    taken = choose_fixes(path, findings, allow_unsafe)
    edits = [edit for finding in taken for edit in finding.fix.edits]  # type: ignore[union-attr]
    return Applied(apply_edits(text, edits) if edits else text, taken)


def _overlap(a: tuple[tuple[int, int], tuple[int, int]],
             b: tuple[tuple[int, int], tuple[int, int]]) -> bool:
    return a[0] < b[1] and b[0] < a[1] or a[0] == b[0]


def suppression_edits(path: str, lines: list[str], findings: list[Finding]) -> list[Edit]:
    """`# ftlint: ignore[CODES]` for each line with findings: codes added to a comment
    already there, a new comment otherwise. A line ending in a backslash or inside a
    string cannot take a comment; such lines are skipped (the finding stays)."""
    by_line: dict[int, list[str]] = {}
    for finding in findings:
        if finding.span.path == path and not finding.code.startswith("FT9"):
            codes = by_line.setdefault(finding.span.line, [])
            if finding.code not in codes:
                codes.append(finding.code)
    edits = []
    for line, codes in sorted(by_line.items()):
        if not 0 < line <= len(lines):
            continue
        text = lines[line - 1]
        match = SUPPRESSION.search(text)
        if match is not None and match.group(1) is None:
            continue  # a bare ignore already covers every code
        if match is not None:
            have = [c.strip() for c in match.group(1).split(",") if c.strip()]
            new = have + [c for c in codes if c not in have]
            edits.append(Edit(Span(path, line, match.start(1) + 1, line, match.end(1) + 1),
                              ",".join(new)))
            continue
        body = text.rstrip()
        if body.endswith("\\") or _open_string(body):
            continue
        edits.append(Edit(Span(path, line, len(body) + 1, line, len(text) + 1),
                          f"  # ftlint: ignore[{','.join(sorted(codes))}]"))
    return edits


def _open_string(line: str) -> bool:
    """A line that ends inside a triple-quoted string (a comment there would be text)."""
    return line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))


# -- whole runs: fix, diff, add suppressions ------------------------------------------------
@dataclass(slots=True)
class FixRun:
    texts: dict[str, str]  # path -> the fixed text (only files that changed)
    originals: dict[str, str]
    fixed: int  # findings whose fixes went in


def fix_files(lint: Callable[[dict[str, str]], list[Finding]], text_of: Callable[[str], str],
              allow_unsafe: bool, passes: int = 4) -> FixRun:
    """Lint, apply the fixes, lint the fixed texts again (a fix may make room for another),
    until nothing changes. lint(overrides) lints with those texts in place of the files."""
    run = FixRun({}, {}, 0)
    for _ in range(passes):
        findings = lint(run.texts)
        changed = False
        for path in sorted({f.span.path for f in findings if fixable(f, allow_unsafe)}):
            text = run.texts.get(path)  # a notebook's: its code cells joined
            if text is None:
                text = run.originals[path] = text_of(path)
            applied = apply_fixes(text, path, [f for f in findings if f.span.path == path],
                                  allow_unsafe)
            if applied.text != text:
                run.texts[path] = applied.text
                run.fixed += len(applied.findings)
                changed = True
        if not changed:
            break
    return run


def write_fixed(path: str, text: str) -> bool:
    """Write a fixed text back: a Python file as text, a notebook's joined code into its
    cells (False when the change cannot be put back into cells safely: not written)."""
    if not path.lower().endswith(".ipynb"):
        write_source(path, text)
        return True
    from ftlint.notebook import with_python

    with open(path, encoding="utf-8") as handle:
        original = handle.read()
    rewritten = with_python(original, text)
    if rewritten is None:
        return False
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(rewritten)
    return True


def write_source(path: str, text: str) -> None:
    """Write text back in the file's own encoding, byte-order mark included."""
    import tokenize
    from io import BytesIO

    with open(path, "rb") as handle:
        original = handle.read()
    try:
        encoding, _ = tokenize.detect_encoding(BytesIO(original).readline)
    except SyntaxError:
        encoding = "utf-8"
    bom = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    with open(path, "wb") as handle:
        handle.write(bom + text.encode(encoding))
