"""What CPython thinks of a text, and how deep libcst's tree of it would be, before libcst
sees it.

libcst's native parser overflows its stack (a segfault no `except` can catch) on a
10,000-term `and` or 100,000 unary minuses, and its Python visitors hit the recursion limit
at about 320 levels. CPython's own parser is guarded (SyntaxError, MemoryError), and
`ast.parse` costs about a twentieth of a libcst parse, so its tree is the gauge: a text
reaches libcst only when CPython accepts it and its depth, weighted to match libcst's node
nesting, is within the limit. The walk skips any node too short to hide deep nesting.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
import warnings
from dataclasses import dataclass

# Fields whose children libcst wraps in one more node (Arg, Element, IndentedBlock, ...).
_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")
_WRAPPED = {("Call", "args"): 2, ("List", "elts"): 2, ("Tuple", "elts"): 2, ("Set", "elts"): 2,
            ("Dict", "keys"): 2, ("Dict", "values"): 2, ("Compare", "comparators"): 2,
            ("JoinedStr", "values"): 2, ("Subscript", "slice"): 3}


# str.splitlines() also breaks at these; Python's tokenizer only at \n, \r\n and \r.
_OTHER_BREAKS = ("\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """Lone surrogates (from JSON's \\ud800 escapes: a notebook, an editor) as U+FFFD, one
    character for one so columns stay; no encoder, libcst's or stdout's, takes them."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """The lines of a text as Python numbers them (str.splitlines() would also split at a
    form feed, U+2028 or U+0085 and shift every line number after it)."""
    if not any(mark in text for mark in _OTHER_BREAKS):
        return text.splitlines(keepends)
    lines = _LINE.findall(text)
    return lines if keepends else [line.rstrip("\r\n") for line in lines]


# Elements of one statement (a list literal's items, a call's arguments) beyond which
# libcst costs seconds and gigabytes (300,000 items: over 10 s and 1.2 GB).
MAX_PARTS = 50_000


@dataclass(slots=True)
class Verdict:
    """CPython's verdict on a text: None everywhere means it parses and is shallow enough."""

    syntax: SyntaxError | None = None  # CPython refuses it
    deep: tuple[int, int, str] | None = None  # (line, column, why) where a limit is passed


def screen(text: str, max_depth: int) -> Verdict:
    """Parse with CPython (nothing runs) and measure the nesting of what parses."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes and the like: not ours to say
            tree = ast.parse(text)
    except SyntaxError as error:
        return Verdict(syntax=error)
    except ValueError as error:  # null bytes (Python < 3.12)
        return Verdict(syntax=SyntaxError(str(error), ("", 1, 1, "")))
    except (MemoryError, RecursionError):
        return Verdict(deep=(1, 1, "nested too deeply for Python's own parser"))
    lines: list[str] = []
    for statement in tree.body:  # named by where the statement starts, as people read it
        why = measure(statement, text, max_depth, lines)
        if why is not None:
            return Verdict(deep=(statement.lineno, statement.col_offset + 1, why))
    return Verdict()


def measure(tree: ast.AST, text: str, limit: int, lines: list[str] | None = None,
            ) -> str | None:
    """Why a statement is beyond libcst (too deep, or too many parts), or None.

    lines: the text's lines with their ends, when known (filled in here when needed).
    """
    lines = [] if lines is None else lines
    stack: list[tuple[ast.AST, int]] = [(tree, 2)]
    parts = 0
    while stack:
        node, depth = stack.pop()
        line = getattr(node, "lineno", None)
        if line is not None and line == getattr(node, "end_lineno", None):
            width = (node.end_col_offset or 0) - (node.col_offset or 0)  # UTF-8 bytes
            if depth + 2 * width <= limit:  # each level costs a character or more
                continue
        if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)) or \
                isinstance(node, ast.JoinedStr):
            if not lines:
                lines.extend(split_lines(text, keepends=True))
            depth += 2 * (_pieces(node, lines) - 1)  # ConcatenatedString nests per piece
        if depth > limit:
            return f"nested more than {limit} levels deep"
        kind = type(node).__name__
        for name, value in ast.iter_fields(node):
            if isinstance(value, ast.AST):
                stack.append((value, depth + _WRAPPED.get((kind, name), 1)))
            elif isinstance(value, list) and value:
                step = _WRAPPED.get((kind, name), 2 if name in _BLOCKS else 1)
                if kind == "BoolOp":  # libcst nests `a and b and c` one level per operator
                    step = 2 * max(1, len(value) - 1)
                elif kind == "If" and name == "orelse" and _is_elif(node, value):
                    step = 1  # libcst's If.orelse is the elif's If itself
                if depth + step > limit:
                    return f"nested more than {limit} levels deep"
                stack.extend((child, depth + step) for child in value
                             if isinstance(child, ast.AST))
                parts += len(value)
        if parts > MAX_PARTS:  # a data dump in code: libcst would take minutes and GBs
            return f"made of more than {MAX_PARTS:,} parts"
    return None


def _is_elif(node: ast.AST, orelse: list) -> bool:
    return len(orelse) == 1 and isinstance(orelse[0], ast.If) and \
        orelse[0].col_offset == node.col_offset


def _pieces(node: ast.AST, lines: list[str]) -> int:
    """How many literals an implicit concatenation joins (1 for a plain string)."""
    first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
    segment = "".join(lines[first:last + 1])
    if segment.count('"') + segment.count("'") < 8:  # at most one quoted piece or so
        return 1
    start = len(lines[first].encode()[: node.col_offset].decode(errors="replace"))
    end_line = lines[last].encode()[: node.end_col_offset].decode(errors="replace")
    segment = (lines[first][start:] if first != last else end_line[start:]) + \
        ("".join(lines[first + 1:last]) + end_line if first != last else "")
    count = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(segment).readline):
            if token.type == tokenize.STRING or token.type == getattr(tokenize, "FSTRING_START", -1):
                count += 1
    except (tokenize.TokenError, SyntaxError):
        pass
    return max(count, 1)
