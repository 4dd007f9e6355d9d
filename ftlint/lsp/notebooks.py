"""A notebook open in the editor: its cells' texts joined as ftlint analyses a .ipynb
(ftlint.notebook.cells_to_python), and findings of the joined code sent back to the cells
they are in, at the cell's own lines."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from lsprotocol import types

from ftlint.facts import Span
from ftlint.findings import Finding, Related
from ftlint.notebook import cells_to_python
from ftlint.screen import split_lines

Diagnose = Callable[[Finding, Callable[[str], list[str]]], types.Diagnostic]


class NotebookView:
    def __init__(self, path: str, version: int, cells: list[tuple[str, str | None]]) -> None:
        """cells: (cell document URI, its text, None for a markdown cell), in order."""
        self.path = path
        self.version = version
        self._uris = [uri for uri, _ in cells]
        self._texts = {uri: split_lines(text or "") for uri, text in cells}
        self._code = [uri for uri, text in cells if text is not None]
        joined = cells_to_python([text for _, text in cells])
        self.source = joined.source
        self._where = joined.lines  # joined line i+1 -> (cell index, line in cell)

    def cell_uris(self) -> list[str]:
        return list(self._code)

    def joined_lines(self) -> list[str]:
        return self.source.split("\n")

    def cell_lines(self, uri: str) -> list[str]:
        return self._texts.get(uri, [])

    def to_cell(self, span: Span) -> Span | None:
        """The span in its cell's coordinates, the cell's URI as its path."""
        if not 0 < span.line <= len(self._where):
            return None
        start = self._where[span.line - 1]
        end = self._where[span.end_line - 1] if 0 < span.end_line <= len(self._where) else None
        uri = self._uris[start.cell]
        if end is None or end.cell != start.cell:  # ends past its cell: stop at its start
            return Span(uri, start.line, span.column, start.line, span.column)
        return Span(uri, start.line, span.column, end.line, span.end_column)

    def split(self, findings: list[Finding], diagnose: Diagnose,
              ) -> list[tuple[str, list[tuple[Finding, types.Diagnostic]], list[str]]]:
        """(cell URI, its findings as diagnostics, its lines) for every code cell, empty
        cells included so that a fixed cell is cleared."""
        by_cell: dict[str, list[tuple[Finding, types.Diagnostic]]] = {u: [] for u in self._code}
        for finding in findings:
            span = self.to_cell(finding.span)
            if span is None:
                continue
            related = [Related(self.to_cell(r.span) or r.span, r.message)
                       if r.span.path == self.path else r for r in finding.related]
            # a fix's edits are in joined lines: not offered in a cell
            in_cell = dataclasses.replace(finding, span=span, related=related, fix=None)
            by_cell.setdefault(span.path, []).append(
                (in_cell, diagnose(in_cell, self.cell_lines)))
        return [(uri, found, self.cell_lines(uri)) for uri, found in by_cell.items()]
