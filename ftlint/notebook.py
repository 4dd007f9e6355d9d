"""Jupyter notebooks as Python source: code cells joined in order, with a line map.

Only the notebook's JSON is read (no Jupyter needed) and no cell is ever run. IPython
syntax (line and cell magics, shell escapes, `obj?` help) becomes `pass` or blank lines,
so every joined line still maps to (cell, line in cell).

API (shared with the language server):
    notebook_to_python(text) -> NotebookSource     # notebook JSON text
    cells_to_python(cells)   -> NotebookSource     # cell texts in hand (None: not code)
    read_notebook(path)      -> NotebookSource     # cached by path, size and mtime
    NotebookSource.source, .language, .locate(line), .joined_line(cell, line),
    .file_position(line, column)
Cells are numbered from 0 among all cells (markdown included) in the API and shown
from 1 ("cell 3") to people, as Jupyter shows them.
"""

from __future__ import annotations

import ast
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ftlint.limits import DEFAULT, read_regular
from ftlint.screen import split_lines, without_surrogates

SUFFIX = ".ipynb"
# Cell magics whose body is ordinary Python; the body of any other (%%bash, %%html) is not.
_PYTHON_CELL_MAGICS = {"time", "timeit", "capture", "prun", "debug"}
# Line magics followed by a Python statement that runs as written.
_PREFIX_MAGICS = re.compile(r"^%(?:time|timeit|prun|capture)\s+(?!-)")
_ASSIGNED_ESCAPE = re.compile(r"^[\w.\[\], ]+=\s*[%!]")
_HELP = re.compile(r"^(?:\?{1,2}[\w.]+|[\w.]+\?{1,2})$")
# IPython automagic: `pip install x` typed without the percent sign.
# A command, not Python: the word alone or followed by an argument (`ls -la`, `cd ..`), never
# by an operator or a bracket (`env = gym.make(`, `ls = [`, `env.reset()`).
_AUTOMAGIC = re.compile(r"^(?:pip|conda|cd|load_ext|matplotlib|env|pwd|ls)(?:$|\s+[\w\-./~\"'])")


class NotebookError(ValueError):
    """The text is not a notebook ftlint can read (the message is one line)."""


@dataclass(frozen=True, slots=True)
class CellLine:
    cell: int  # index among all cells, from 0
    line: int  # line inside the cell, from 1


@dataclass(slots=True)
class NotebookSource:
    source: str  # the code cells' Python, joined in order
    lines: list[CellLine] = field(default_factory=list)  # lines[i]: where joined line i+1 is
    language: str = "python"
    # file_lines[i]: (line, column) in the .ipynb file where joined line i+1's text starts
    file_lines: list[tuple[int, int] | None] = field(default_factory=list)

    def locate(self, line: int) -> CellLine | None:
        """The cell and cell line of a joined line (1-based); None outside the code."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else None

    def file_position(self, line: int, column: int) -> tuple[int, int]:
        """Where a joined line and column sit in the notebook's JSON file, (1, 1) if unknown."""
        start = self.file_lines[line - 1] if 0 < line <= len(self.file_lines) else None
        return (start[0], start[1] + column - 1) if start else (1, 1)

    def joined_line(self, cell: int, line: int) -> int | None:
        """The joined line (1-based) of a line in a cell, None if that cell is not code."""
        for index, where in enumerate(self.lines):
            if where.cell == cell and where.line == line:
                return index + 1
        return None


def notebook_to_python(text: str | bytes) -> NotebookSource:
    """Join a notebook's code cells into Python source; NotebookError if it is no notebook."""
    try:
        document = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise NotebookError(f"not a notebook: invalid JSON ({_first_line(exc)})") from None
    except RecursionError:  # json recurses once per nested array or object
        raise NotebookError("not a notebook: JSON nested too deeply") from None
    if not isinstance(document, dict):
        raise NotebookError("not a notebook: the JSON is not an object")
    cells = document.get("cells")
    if cells is None and isinstance(document.get("worksheets"), list):  # nbformat 3
        cells = [c for sheet in document["worksheets"] if isinstance(sheet, dict)
                 for c in sheet.get("cells", [])]
    if not isinstance(cells, list):
        raise NotebookError("not a notebook: no list of cells")
    texts: list[str | None] = []
    pieces: list[list[str]] = []  # each code cell's source as stored (a list of strings)
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            raise NotebookError(f"not a notebook: cell {number} is not an object")
        if cell.get("cell_type") != "code":
            texts.append(None)
            continue
        body = cell.get("source", cell.get("input", ""))
        stored = body if isinstance(body, list) else [body]
        if not all(isinstance(part, str) for part in stored):
            raise NotebookError(f"not a notebook: cell {number} has no source text")
        texts.append("".join(stored))
        pieces.append(stored)
    result = cells_to_python(texts)
    result.language = _language(document.get("metadata"))
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    result.file_lines = _file_lines(text, pieces, len(result.lines))
    return result


def _file_lines(text: str, pieces: list[list[str]], count: int) -> list[tuple[int, int] | None]:
    """Where each joined line's source string sits in the JSON text, searched in order."""
    found: list[tuple[int, int] | None] = []
    cursor, line_at_cursor, line_start = 0, 1, 0
    for stored in pieces:
        cell_lines: list[tuple[int, int] | None] = []
        for piece in stored:
            position = -1
            for encoded in (json.dumps(piece, ensure_ascii=False), json.dumps(piece)):
                position = text.find(encoded, cursor)
                if position >= 0:
                    break
            covered = max(1, len(split_lines(piece))) if piece else 0
            if position < 0:
                cell_lines.extend([None] * covered)
                continue
            line_at_cursor += text.count("\n", cursor, position)
            line_start = text.rfind("\n", 0, position) + 1
            cursor = position + len(encoded)
            cell_lines.extend([(line_at_cursor, position - line_start + 2)] * covered)
        cell_count = len(split_lines("".join(stored)))
        found.extend((cell_lines + [None] * cell_count)[:cell_count])
    return (found + [None] * count)[:count]


def cells_to_python(cells: Sequence[str | None]) -> NotebookSource:
    """Join code cells (None stands for a markdown or raw cell) into Python with a line map."""
    joined: list[str] = []
    where: list[CellLine] = []
    for index, body in enumerate(cells):
        if body is None:
            continue
        body = without_surrogates(body)
        for number, line in enumerate(_python_lines(split_lines(body)), 1):
            joined.append(line)
            where.append(CellLine(index, number))
    return NotebookSource("".join(line + "\n" for line in joined), where)


def _python_lines(lines: list[str]) -> list[str]:
    """The cell's lines with IPython-only syntax made harmless, one output line per input."""
    first = next((line.strip() for line in lines if line.strip()), "")
    if first.startswith("%%"):
        magic = first[2:].split(maxsplit=1)[0] if first[2:].strip() else ""
        if magic not in _PYTHON_CELL_MAGICS:
            return ["" for _ in lines]  # %%bash, %%html, %%writefile: not Python
    result: list[str] = []
    continued = False
    for line in lines:
        stripped = line.strip()
        indent = line[: len(line) - len(line.lstrip())]
        if continued:  # continuation of a magic or shell line ending in a backslash
            result.append("")
            continued = stripped.endswith("\\")
            continue
        if stripped.startswith("%%"):
            result.append("")
        elif _PREFIX_MAGICS.match(stripped):
            result.append(indent + _PREFIX_MAGICS.sub("", stripped))
        elif (stripped.startswith(("%", "!")) or _ASSIGNED_ESCAPE.match(stripped)
              or _HELP.match(stripped) or (_AUTOMAGIC.match(stripped) and not _parses(stripped))):
            result.append(indent + "pass")
            continued = stripped.endswith("\\")
        else:
            result.append(line)
    return result


def _parses(line: str) -> bool:
    try:
        ast.parse(line)  # parsing only: nothing runs
    except (SyntaxError, ValueError):
        return False
    return True


def _language(metadata: object) -> str:
    if not isinstance(metadata, dict):
        return "python"
    for key, field_name in (("kernelspec", "language"), ("language_info", "name")):
        table = metadata.get(key)
        if isinstance(table, dict) and isinstance(table.get(field_name), str):
            return table[field_name].lower()
    return "python"


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


_CACHE: dict[str, tuple[tuple[int, int], NotebookSource | NotebookError]] = {}


def read_notebook(path: str, data: bytes | None = None,
                  limit: int = DEFAULT.read_limit) -> NotebookSource:
    """A notebook file as Python (NotebookError when it cannot be); cached by size and mtime.

    Only a regular file of at most limit bytes is read (ftlint.limits.ReadError otherwise).
    """
    try:
        stat = os.stat(path)
        stamp = (stat.st_size, stat.st_mtime_ns)
    except OSError:
        stamp = None
    cached = _CACHE.get(path)
    if stamp is not None and cached is not None and cached[0] == stamp:
        outcome = cached[1]
    else:
        if data is None:
            data = read_regular(path, limit)
        try:
            outcome = notebook_to_python(data)
        except NotebookError as exc:
            outcome = exc
        if stamp is not None:
            _CACHE[path] = (stamp, outcome)
    if isinstance(outcome, NotebookError):
        raise outcome
    return outcome


def is_notebook(path: str) -> bool:
    return str(path).lower().endswith(SUFFIX)


def with_python(json_text: str, fixed: str) -> str | None:
    """The notebook JSON with its code cells rewritten so that they join to `fixed` (the
    joined Python after fixes or suppressions), or None when that cannot be done safely:
    a change that spans two cells or touches a line IPython syntax made `pass`.
    Unchanged lines keep their cell's own text; a line a fix inserts goes to the cell of
    the line before it."""
    document = json.loads(json_text)
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        return None  # nbformat 3 worksheets: not rewritten
    joined = notebook_to_python(json_text)
    before, after = split_lines(joined.source), split_lines(fixed)
    own = {i: split_lines("".join(_stored(cell))) for i, cell in enumerate(cells)
           if cell.get("cell_type") == "code"}
    rebuilt: dict[int, list[str]] = {i: [] for i in own}
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i1, i2):
                where = joined.lines[k]
                rebuilt[where.cell].append(own[where.cell][where.line - 1])
            continue
        touched = {joined.lines[k].cell for k in range(i1, i2)}
        if len(touched) > 1 or any(
                own[joined.lines[k].cell][joined.lines[k].line - 1] != before[k]
                for k in range(i1, i2)):
            return None
        target = touched.pop() if touched else joined.lines[max(i1 - 1, 0)].cell
        rebuilt[target].extend(after[j1:j2])
    for index, lines in rebuilt.items():
        stored = _stored(cells[index])
        ends = "".join(stored).endswith("\n")
        text = "\n".join(lines) + ("\n" if ends and lines else "")
        parts = text.splitlines(True)
        cells[index]["source"] = parts if isinstance(cells[index].get("source"), list) else text
    indent = _indent(json_text)
    return json.dumps(document, indent=indent, ensure_ascii=False) + (
        "\n" if json_text.endswith("\n") else "")


def _stored(cell: dict) -> list[str]:
    body = cell.get("source", "")
    return body if isinstance(body, list) else [body]


def _indent(json_text: str) -> int | None:
    """The indentation the file was written with (nbformat writes 1)."""
    lines = json_text.splitlines()
    if len(lines) < 2:
        return None
    return len(lines[1]) - len(lines[1].lstrip(" ")) or None
