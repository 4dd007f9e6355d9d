"""Reading and parsing: a file becomes parsed parts, or one clear problem.

A module that does not parse is split into top-level statements, each parsed on its
own, so one broken statement costs only itself.
"""

from __future__ import annotations

import bisect
import io
import re
import tokenize
from dataclasses import dataclass, field

import libcst as cst

from ftlint.limits import DEFAULT, Limits, ReadError, check_deadline, read_regular, size_text
from ftlint.screen import screen, split_lines, without_surrogates

_CLAUSES = {"else", "elif", "except", "finally"}


@dataclass(slots=True)
class Problem:
    """A file that cannot be read, or a syntax error; positions are 1-based."""

    path: str
    line: int
    column: int
    message: str
    # "syntax" (FT901) | "unreadable" (FT902) | "large" (FT903) | "limit" (FT904)
    # | "budget" (FT905, the file was analysed only in part) | "crash" (FT907)
    kind: str


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
        """Lines as Python numbers them (only \\n, \\r\\n and \\r end a line)."""
        return split_lines(self.text)


def read_text(path: str, limits: Limits = DEFAULT) -> tuple[str | None, Problem | None]:
    """Decode a file as Python source text, or say in one line why it cannot be.

    Only a regular file is read, and never more than the size limit of it.
    """
    notebook = str(path).lower().endswith(".ipynb")
    try:
        data = read_regular(path, limits.read_limit if notebook else limits.max_file_size)
    except FileNotFoundError:
        return None, Problem(path, 1, 1, "no such file", "unreadable")
    except IsADirectoryError:
        return None, Problem(path, 1, 1, "is a directory", "unreadable")
    except ReadError as exc:
        return None, Problem(path, 1, 1, f"{exc} (setting max-file-size)" if exc.too_large
                             else str(exc), "large" if exc.too_large else "unreadable")
    except (OSError, ValueError) as exc:
        return None, Problem(path, 1, 1, f"cannot read: {getattr(exc, 'strerror', None) or exc}",
                             "unreadable")
    if notebook:
        return _notebook_text(path, data)
    if b"\0" in data:
        return None, Problem(path, 1, 1, "binary file, not Python source", "unreadable")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:  # an unknown coding, or no cookie and not UTF-8
        if not str(exc).startswith("invalid or missing encoding"):
            return None, Problem(path, 1, 1, f"{exc} (Python refuses this file)", "unreadable")
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


def parse_text(path: str, text: str, cache: dict[str, object] | None = None,
               limits: Limits = DEFAULT) -> SourceFile:
    """Parse the whole text; on a syntax error, parse statement by statement.

    With a cache (chunk text -> parsed module or the error), always parse statement by
    statement and reuse what is cached: an editor keystroke re-parses one statement.
    libcst sees only text CPython parses and whose nesting is within the limit (see
    ftlint.screen); the rest becomes problems, one line each.
    """
    text = without_surrogates(text)
    source = SourceFile(path, text)
    if len(text) > limits.max_file_size:  # an editor's text or a notebook's code cells
        source.problems.append(Problem(
            path, 1, 1, f"source is {size_text(len(text))}, over the limit of "
            f"{size_text(limits.max_file_size)} (setting max-file-size)", "large"))
        return source
    # An editor's keystroke (cache) screens only the statements not cached yet.
    whole = screen(text, limits.max_depth) if cache is None else None
    if whole is not None and whole.syntax is None and whole.deep is None:
        try:
            source.parts.append(Part(cst.parse_module(text), 1))
            return source
        except (cst.ParserSyntaxError, RecursionError):
            pass
    for first_line, chunk in (split_statements(text) if cache is None
                              else editor_statements(text, cache)):
        source.chunks.append(chunk)
        parsed = cache.get(chunk) if cache is not None else None
        if parsed is None:
            check_deadline()
            parsed = _parse_chunk(chunk, limits.max_depth)
            if cache is not None:
                cache[chunk] = parsed
        for offset, part in parsed:
            if isinstance(part, cst.Module):
                source.parts.append(Part(part, first_line + offset))
            else:
                source.problems.append(_problem(path, part, first_line + offset))
    if whole is not None and whole.syntax is not None and \
            not any(p.kind == "syntax" for p in source.problems):
        # CPython refuses the file as a whole though each statement parses on its own
        source.problems.append(_problem(path, ("syntax", whole.syntax, text), 1))
    return source


def _parse_chunk(chunk: str, max_depth: int) -> list[tuple[int, object]]:
    """Parse one statement; when it fails and holds more lines that start at column 0 (an
    unclosed bracket swallowed them), parse those lines as statements of their own.

    Each result is (line offset, module) or (line offset, (kind, error, text)).
    """
    outcome = _parse_piece(chunk, max_depth)
    if isinstance(outcome, cst.Module) or outcome[0] != "syntax":
        return [(0, outcome)]
    kept = _without_broken_method(chunk, outcome, max_depth)
    if kept is not None:  # a class keeps its other methods; the error is still reported
        return [(0, kept), (0, outcome)]
    lines = split_lines(chunk, keepends=True)
    starts = [0] + [i for i, line in enumerate(lines) if i > 0 and _starts_statement(line)]
    if len(starts) == 1:
        return [(0, outcome)]
    bounds = starts + [len(lines)]
    return [(begin, _parse_piece("".join(lines[begin:end]), max_depth))
            for begin, end in zip(bounds, bounds[1:], strict=False)]


_METHOD = re.compile(r"^(?P<indent>[ \t]+)(?:async[ \t]+)?def[ \t]+(?P<name>\w+)")


def _without_broken_method(chunk: str, failure: tuple, max_depth: int) -> object:
    """A class whose method has a syntax error, parsed with that method's body emptied
    (the lines kept blank, so positions stay): the module, or None when that fails."""
    if not chunk.lstrip().startswith(("class ", "@")):
        return None
    error_line = (failure[1].lineno or 0) - 1  # 0-based within the chunk
    lines = split_lines(chunk, keepends=True)
    if not 0 < error_line < len(lines):
        return None
    start = next((i for i in range(error_line, 0, -1) if _METHOD.match(lines[i])), None)
    if start is None:
        return None
    found = _METHOD.match(lines[start])
    indent = found.group("indent")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or (
            len(lines[end]) - len(lines[end].lstrip(" \t")) > len(indent))):
        end += 1
    if not start <= error_line < end:
        return None
    stub = [f"{indent}def {found.group('name')}(*args, **kwargs):\n", f"{indent}    pass\n"]
    body = stub + ["\n"] * max(0, end - start - 2)
    if end - start < 2:
        return None
    outcome = _parse_piece("".join(lines[:start] + body + lines[end:]), max_depth)
    return outcome if isinstance(outcome, cst.Module) else None


def _parse_piece(piece: str, max_depth: int) -> object:
    """A module, or (kind, error, text): what CPython refuses is a syntax error; what is
    too deep, or what CPython takes and libcst cannot, is beyond ftlint's parser."""
    verdict = screen(piece, max_depth)
    if verdict.syntax is not None:
        return ("syntax", verdict.syntax, piece)
    if verdict.deep is not None:
        return ("limit", verdict.deep, piece)
    try:
        return cst.parse_module(piece)
    except cst.ParserSyntaxError as exc:
        error: object = exc
    except RecursionError:
        return ("limit", (1, 1, "nested too deeply for ftlint's parser"), piece)
    if "\t" in piece:  # tabs CPython reads as 8 columns; libcst's parser may not
        try:
            return cst.parse_module(_expand_indent_tabs(piece))
        except (cst.ParserSyntaxError, RecursionError):
            pass
    return ("unsupported", error, piece)


def _problem(path: str, failure: tuple, first_line: int) -> Problem:
    kind, error, _ = failure
    if kind == "syntax":
        line = (error.lineno or 1) + first_line - 1
        return Problem(path, line, error.offset or 1, f"syntax error: {error.msg}", "syntax")
    if kind == "limit":
        line, column, why = error
        return Problem(path, line + first_line - 1, column,
                       f"statement {why}: ftlint skips it", "limit")
    line = getattr(error, "raw_line", 1) + first_line - 1
    column = getattr(error, "raw_column", 0) + 1
    return Problem(path, line, column, "statement Python accepts but ftlint's parser (libcst) "
                   "cannot read: ftlint skips it", "limit")


def _expand_indent_tabs(chunk: str) -> str:
    """Tabs in indentation expanded to columns of 8, as CPython's tokenizer reads them."""
    lines = split_lines(chunk, keepends=True)
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


def load(path: str, limits: Limits = DEFAULT) -> SourceFile:
    text, problem = read_text(path, limits)
    if problem is not None:
        return SourceFile(path, "", problems=[problem])
    return parse_text(path, text, limits=limits)


def split_statements(text: str) -> list[tuple[int, str]]:
    """Split source into (first line, text) chunks, one per top-level statement.

    Comment lines above a statement stay with it. Where tokenizing fails, the rest of
    the file is one chunk.
    """
    return _chunks(text, _statement_starts(text)[0])


def _chunks(text: str, starts: list[int], first: int = 1) -> list[tuple[int, str]]:
    lines = split_lines(text, keepends=True)
    bounds = starts + [len(lines) + 1]
    return [(first - 1 + bounds[i], "".join(lines[bounds[i] - 1:bounds[i + 1] - 1]))
            for i in range(len(starts)) if bounds[i] <= len(lines)]


_PREVIOUS = object()  # key in an editor's statement cache: the text last split, its chunks


def editor_statements(text: str, cache: dict) -> list[tuple[int, str]]:
    """split_statements for an editor's text: after a keystroke only the statements around
    the edited lines are tokenized again (lines before an edit tokenize as they did, and
    top-level statements after it start where they started). Only a text that tokenized
    cleanly (no error, brackets balanced) is reused, and only when the edited region
    tokenizes cleanly on its own; otherwise the whole text is split again."""
    previous = cache.get(_PREVIOUS)
    found = _split_again(text, *previous) if previous is not None and previous[2] else None
    if found is None:
        starts, clean, _ = _statement_starts(text)
        found = _chunks(text, starts)
    else:
        clean = True
    cache[_PREVIOUS] = (text, found, clean)
    return found


def _split_again(text: str, old_text: str, old: list[tuple[int, str]], _clean: bool,
                 ) -> list[tuple[int, str]] | None:
    if not old:
        return None
    before, after = split_lines(old_text, keepends=True), split_lines(text, keepends=True)
    same = min(len(before), len(after))
    head = 0
    while head < same and before[head] == after[head]:
        head += 1
    if head == len(before) == len(after):
        return old
    tail = 0
    while tail < same - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    firsts = [first for first, _ in old]
    first_changed, last_changed = head + 1, max(len(before) - tail, head + 1)
    # from the statement before the edit: text typed at a statement's start may belong to
    # the one above it (an indented line, an `else:`)
    a = max(bisect.bisect_right(firsts, first_changed) - 2, 0)
    b = max(bisect.bisect_right(firsts, last_changed) - 1, a)
    start = firsts[a]
    end = (firsts[b + 1] - 1 if b + 1 < len(firsts) else len(before)) + len(after) - len(before)
    if end < start - 1:
        return None
    region = "".join(after[start - 1:end])
    starts, clean, last_code = _statement_starts(region)
    if not clean:
        return None
    shift = len(after) - len(before)
    rest = [(first + shift, chunk) for first, chunk in old[b + 1:]]
    lines = split_lines(region, keepends=True)
    if rest and last_code < len(lines):
        # comment and blank lines after the region's last statement go with the next one,
        # as a whole split puts them (a heading comment is the next statement's)
        trailing = "".join(lines[last_code:])
        rest[0] = (rest[0][0] - (len(lines) - last_code), trailing + rest[0][1])
        region = "".join(lines[:last_code])
    return old[:a] + _chunks(region, starts, start) + rest


def _statement_starts(text: str) -> tuple[list[int], bool, int]:
    """First lines of the top-level statements; whether the text tokenized cleanly (to its
    end with no error token, brackets never closed before they open and none left open,
    not ending inside a string or after a decorator); the last line of code in it."""
    starts = [1]
    depth = 0
    line_start = True
    prev_first = ""
    last_newline_line = 0
    clean = True
    brackets = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.ERRORTOKEN:
                clean = False
            elif tok.type == tokenize.OP and tok.string in "([{)]}":
                brackets += 1 if tok.string in "([{" else -1
                clean = clean and brackets >= 0
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
        clean = False
    return starts, clean and brackets == 0 and prev_first != "@" and line_start, \
        last_newline_line
