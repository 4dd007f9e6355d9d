"""Code actions (suppress on this line, a rule's quick fix) and hover text for findings."""

from __future__ import annotations

from lsprotocol import types

from ftlint.explain import explain
from ftlint.findings import Finding
from ftlint.fixes import choose_fixes
from ftlint.lsp.convert import Lines, position, to_range, uri
from ftlint.rule import Rule
from ftlint.suppressions import SUPPRESSION


def suppress_edit(finding: Finding, lines: list[str]) -> types.TextEdit | None:
    """`# ftlint: ignore[CODE]` on the finding's line, or CODE added to the one there."""
    row = finding.span.line - 1
    if not 0 <= row < len(lines):
        return None
    text = lines[row]
    match = SUPPRESSION.search(text)
    if match is not None and match.group(1) is not None:
        codes = [c.strip() for c in match.group(1).split(",") if c.strip()]
        start = position(lines, finding.span.line, match.start(1) + 1)
        end = position(lines, finding.span.line, match.end(1) + 1)
        return types.TextEdit(range=types.Range(start=start, end=end),
                              new_text=", ".join([*codes, finding.code]))
    code_part = text.rstrip()
    if match is not None or code_part.endswith("\\"):
        return None  # already a bare ignore, or a continuation line a comment would break
    at = position(lines, finding.span.line, len(code_part) + 1)
    end = position(lines, finding.span.line, len(text) + 1)
    return types.TextEdit(range=types.Range(start=at, end=end),
                          new_text=f"  # ftlint: ignore[{finding.code}]")


FIX_ALL = "source.fixAll.ftlint"


def _changes(findings: list[Finding], lines_of: Lines) -> dict[str, list[types.TextEdit]]:
    changes: dict[str, list[types.TextEdit]] = {}
    for finding in findings:
        for edit in finding.fix.edits if finding.fix else ():
            changes.setdefault(uri(edit.span.path), []).append(
                types.TextEdit(range=to_range(edit.span, lines_of), new_text=edit.text))
    return changes


def fix_all(path: str, found: list[tuple[Finding, types.Diagnostic]],
            lines_of: Lines) -> list[types.CodeAction]:
    """`source.fixAll.ftlint`: every safe fix of the file at once, chosen as `--fix` does."""
    taken = choose_fixes(path, [finding for finding, _ in found], allow_unsafe=False)
    if not taken:
        return []
    return [types.CodeAction(title="ftlint: fix all safe findings", kind=FIX_ALL,
                             diagnostics=[d for f, d in found if f in taken],
                             edit=types.WorkspaceEdit(changes=_changes(taken, lines_of)))]


def code_actions(path: str, found: list[tuple[Finding, types.Diagnostic]],
                 wanted: types.Range, lines_of: Lines) -> list[types.CodeAction]:
    actions: list[types.CodeAction] = []
    for finding, diagnostic in found:
        if not _overlaps(diagnostic.range, wanted):
            continue
        if finding.fix is not None:
            unsafe = " (unsafe: check the result)" if finding.fix.applicability == "unsafe" else ""
            actions.append(types.CodeAction(
                title=finding.fix.title + unsafe, kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic], is_preferred=not unsafe,
                edit=types.WorkspaceEdit(changes=_changes([finding], lines_of))))
        edit = suppress_edit(finding, lines_of(path))
        if edit is not None:
            actions.append(types.CodeAction(
                title=f"Suppress {finding.code} on this line", kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={uri(path): [edit]})))
    return actions


def hover(found: list[tuple[Finding, types.Diagnostic]], at: types.Position,
          rules: dict[str, Rule]) -> types.Hover | None:
    parts = []
    for finding, diagnostic in found:
        rule = rules.get(finding.code)
        if rule is None or not _contains(diagnostic.range, at):
            continue
        parts.append(f"**{finding.code} {finding.name}**: {finding.message}\n\n"
                     f"```text\n{explain(rule)}\n```")
    if not parts:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                    value="\n\n---\n\n".join(parts)))


def _key(pos: types.Position) -> tuple[int, int]:
    return pos.line, pos.character


def _contains(outer: types.Range, at: types.Position) -> bool:
    return _key(outer.start) <= _key(at) <= _key(outer.end)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)
