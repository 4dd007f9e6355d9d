"""Positions are computed for the recorded nodes only; they must equal libcst's own."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from ftlint.extract.index import build_index
from ftlint.source import Part

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "tests" / "corpus" / "cases").rglob("*.py"))[::6] + sorted(
    (ROOT / "examples").rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=[p.parent.name + "/" + p.name for p in FILES])
def test_recorded_spans_match_libcst(path):
    module = cst.parse_module(path.read_text())
    index = build_index(str(path), [Part(module, 1)])
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)

    def libcst_span(node):
        r = expected[node]
        return (r.start.line, r.start.column + 1, r.end.line, r.end.column + 1)

    sites = [*index.calls, *index.divisions, *(s for s, _, _ in index.attribute_reads),
             *(w.site for w in index.attribute_writes), *(b.test for b in index.branches)]
    assert sites
    for site in sites:
        span = site.span
        assert (span.line, span.column, span.end_line, span.end_column) == libcst_span(site.node)
    statements = [(r.start.line, r.end.line) for r in (expected[s] for s in module.body)]
    assert index.statement_lines == statements
