"""Where an argument sits in the file, and where a new keyword argument would go: the
spans a rule's fix edits (ftlint.findings.Fix). Worked out from the call's own span, so
positions cost nothing until a handler asks for one."""

from __future__ import annotations

import libcst as cst

from ftlint.extract.index import CallSite
from ftlint.facts import Span


def argument_span(call: CallSite, node: cst.BaseExpression) -> Span:
    """The span of one argument's value inside the call."""
    marker = "__ftlint_argument__"
    code = cst.Module([]).code_for_node(call.node.deep_replace(node, cst.Name(marker)))
    line, column = _advance(call.span.line, call.span.column, code[:code.index(marker)])
    end_line, end_column = _advance(line, column, cst.Module([]).code_for_node(node))
    return Span(call.span.path, line, column, end_line, end_column)


def new_keyword(call: CallSite, keyword: str, value: str) -> tuple[Span, str] | None:
    """(empty span before the closing parenthesis, text) that adds `keyword=value` as the
    last argument; None when the call ends in *args or **kwargs (order rules apply)."""
    args = call.node.args
    if any(a.star for a in args):
        return None
    span = call.span
    at = Span(span.path, span.end_line, span.end_column - 1, span.end_line, span.end_column - 1)
    trailing = bool(args) and isinstance(args[-1].comma, cst.Comma)
    separator = "" if not args else (" " if trailing else ", ")
    return at, f"{separator}{keyword}={value}"


def statement_ends(lines: list[str], call: CallSite) -> tuple[Span, Span, str] | None:
    """(empty span where the call starts, empty span just after it, its indentation) when
    the call is a whole statement on lines of its own, so that code can go before or after
    it; None when something else shares those lines."""
    if not call.discarded or not 0 < call.span.end_line <= len(lines):
        return None
    first, last = lines[call.span.line - 1], lines[call.span.end_line - 1]
    indent = first[: len(first) - len(first.lstrip())]
    if len(indent) != call.span.column - 1 or last[call.span.end_column - 1:].strip():
        return None
    span = call.span
    return (Span(span.path, span.line, span.column, span.line, span.column),
            Span(span.path, span.end_line, span.end_column, span.end_line, span.end_column),
            indent)


def is_literal(node: cst.BaseExpression | None) -> bool:
    return isinstance(node, (cst.SimpleString, cst.Integer, cst.Float, cst.Name)) and (
        not isinstance(node, cst.Name) or node.value in ("True", "False", "None"))


def _advance(line: int, column: int, text: str) -> tuple[int, int]:
    """The position just after text written from (line, column)."""
    rows = text.split("\n")
    if len(rows) == 1:
        return line, column + len(text)
    return line + len(rows) - 1, len(rows[-1]) + 1
