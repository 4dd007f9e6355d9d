"""Reading and parsing: a file becomes parsed parts, or one clear problem.

A module that does not parse is split into top-level statements, each parsed on its
own, so one broken statement costs only itself.
"""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

_CLAUSES = {"else", "elif", "except", "finally"}


@dataclass(slots=True)
class Problem:
    """A file that cannot be read, or a syntax error; positions are 1-based."""

    path: str
    line: int
    column: int
    message: str
    kind: str  # "syntax" | "unreadable"


@dataclass(slots=True)
class Part:
    module: cst.Module
    first_line: int  # line of the file where this part's first line sits


@dataclass(slots=True)
class SourceFile:
    path: str
    text: str
    parts: list[Part] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    chunks: list[str] = field(default_factory=list)  # top-level statements, when parsed one by one

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


def read_text(path: str) -> tuple[str | None, Problem | None]:
    """Decode a file as Python source text, or say in one line why it cannot be."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None, Problem(path, 1, 1, "no such file", "unreadable")
    except IsADirectoryError:
        return None, Problem(path, 1, 1, "is a directory", "unreadable")
    except OSError as exc:
        return None, Problem(path, 1, 1, f"cannot read: {exc.strerror or exc}", "unreadable")
    if str(path).lower().endswith(".ipynb"):
        return _notebook_text(path, data)
    if b"\0" in data:
        return None, Problem(path, 1, 1, "binary file, not Python source", "unreadable")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:  # no usable coding cookie and not UTF-8 in the first lines
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except LookupError:
        return None, Problem(path, 1, 1, f"unknown source encoding {encoding!r}", "unreadable")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(
            path, line, 1, f"not UTF-8 text (byte 0x{data[exc.start]:02x})", "unreadable"
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return None, Problem(path, 1, 1, "empty file: nothing to check", "unreadable")
    return text, None


def _notebook_text(path: str, data: bytes) -> tuple[str | None, Problem | None]:
    """A notebook's code cells as Python (see ftlint.notebook for the line map)."""
    from ftlint.notebook import NotebookError, read_notebook

    try:
        notebook = read_notebook(path, data)
    except NotebookError as exc:
        return None, Problem(path, 1, 1, str(exc), "unreadable")
    if notebook.language != "python":
        return None, Problem(path, 1, 1, f"not a Python notebook (language {notebook.language})",
                             "unreadable")
    if not notebook.source.strip():
        return None, Problem(path, 1, 1, "notebook has no code: nothing to check", "unreadable")
    return notebook.source, None


def parse_text(path: str, text: str, cache: dict[str, object] | None = None) -> SourceFile:
    """Parse the whole text; on a syntax error, parse statement by statement.

    With a cache (chunk text -> parsed module or the error), always parse statement by
    statement and reuse what is cached: an editor keystroke re-parses one statement.
    """
    source = SourceFile(path, text)
    if cache is None:
        try:
            source.parts.append(Part(cst.parse_module(text), 1))
            return source
        except cst.ParserSyntaxError:
            pass
    for first_line, chunk in split_statements(text):
        source.chunks.append(chunk)
        parsed = cache.get(chunk) if cache is not None else None
        if parsed is None:
            parsed = _parse_chunk(chunk)
            if cache is not None:
                cache[chunk] = parsed
        for offset, part in parsed:
            if isinstance(part, cst.Module):
                source.parts.append(Part(part, first_line + offset))
            else:
                error, piece = part
                source.problems.append(_syntax_problem(path, piece, first_line + offset, error))
    return source


def _parse_chunk(chunk: str) -> list[tuple[int, object]]:
    """Parse one statement; when it fails and holds more lines that start at column 0 (an
    unclosed bracket swallowed them), parse those lines as statements of their own."""
    try:
        return [(0, cst.parse_module(chunk))]
    except cst.ParserSyntaxError as exc:
        error = exc
    if "\t" in chunk:  # tabs CPython reads as 8 columns; libcst's parser may not
        try:
            return [(0, cst.parse_module(_expand_indent_tabs(chunk)))]
        except cst.ParserSyntaxError:
            pass
    lines = chunk.splitlines(keepends=True)
    starts = [0] + [i for i, line in enumerate(lines) if i > 0 and _starts_statement(line)]
    if len(starts) == 1:
        return [(0, (error, chunk))]
    results: list[tuple[int, object]] = []
    bounds = starts + [len(lines)]
    for begin, end in zip(bounds, bounds[1:], strict=False):
        piece = "".join(lines[begin:end])
        try:
            results.append((begin, cst.parse_module(piece)))
        except cst.ParserSyntaxError as exc:
            results.append((begin, (exc, piece)))
    return results


def _expand_indent_tabs(chunk: str) -> str:
    """Tabs in indentation expanded to columns of 8, as CPython's tokenizer reads them."""
    lines = chunk.splitlines(keepends=True)
    for i, line in enumerate(lines):
        body = line.lstrip(" \t")
        indent = line[: len(line) - len(body)]
        if "\t" in indent:
            lines[i] = indent.expandtabs(8) + body
    return "".join(lines)


def _starts_statement(line: str) -> bool:
    if not line or line[0] in " \t#)]}\n\r" or not (line[0].isalpha() or line[0] in "_@"):
        return False
    return line.split(None, 1)[0].rstrip(":") not in _CLAUSES


def load(path: str) -> SourceFile:
    text, problem = read_text(path)
    if problem is not None:
        return SourceFile(path, "", problems=[problem])
    return parse_text(path, text)


def _syntax_problem(path: str, chunk: str, first_line: int, exc: object) -> Problem:
    # CPython's own parser (parse only, nothing runs) words the error best.
    try:
        ast.parse(chunk)
    except SyntaxError as err:
        line = (err.lineno or 1) + first_line - 1
        return Problem(path, line, err.offset or 1, f"syntax error: {err.msg}", "syntax")
    except (ValueError, RecursionError, MemoryError):
        pass
    line = getattr(exc, "raw_line", 1) + first_line - 1
    column = getattr(exc, "raw_column", 0) + 1
    return Problem(path, line, column, "syntax error", "syntax")


def split_statements(text: str) -> list[tuple[int, str]]:
    """Split source into (first line, text) chunks, one per top-level statement.

    Comment lines above a statement stay with it. Where tokenizing fails, the rest of
    the file is one chunk.
    """
    lines = text.splitlines(keepends=True)
    starts = [1]
    depth = 0
    line_start = True
    prev_first = ""
    last_newline_line = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.INDENT:
                depth += 1
            elif tok.type == tokenize.DEDENT:
                depth -= 1
            elif tok.type == tokenize.NEWLINE:
                line_start = True
                last_newline_line = tok.end[0]
            elif tok.type in (tokenize.NL, tokenize.COMMENT, tokenize.ENDMARKER):
                continue
            elif line_start:
                line_start = False
                new_statement = (
                    depth == 0
                    and last_newline_line
                    and tok.string not in _CLAUSES
                    and prev_first != "@"
                )
                if new_statement and last_newline_line + 1 > starts[-1]:
                    starts.append(last_newline_line + 1)
                prev_first = tok.string
    except (tokenize.TokenError, SyntaxError):
        pass
    bounds = starts + [len(lines) + 1]
    return [
        (bounds[i], "".join(lines[bounds[i] - 1 : bounds[i + 1] - 1]))
        for i in range(len(starts))
        if bounds[i] <= len(lines)
    ]
