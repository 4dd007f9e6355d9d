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


TRICKY = {
    "tabs and unicode": "def f(x):\n\tif x:\n\t\treturn g('é€😀', y=(1 /\n\t\t\t2))\n",
    "form feed": "import os\n\x0c\ndef f():\n    return os.path.join('a', 'b')\n",
    "continuation": "x = a.b(1) + \\\n    c(2) / d\ny = [e(i)\n     for i in z]\n",
    "strings": 'doc = """one\ntwo(three)\n"""\nv = f"{k(1)!r:>{w(2)}}" \'x\'\nu = call(\n  "a",\n)\n',
    "no trailing newline": "a = b(1)\nc = d(2) / 3",
    "crlf": "import os\r\nx = os.path.join(a, b)\r\nif x:\r\n    y = f(x) / 2\r\n",
    "cr": "x = f(1)\ry = g(x) / 2\r",
    "mixed": "x = f(1)\r\ny = g(\n  x) / 2\rz = h()\n",
    "comments": "# head\n\n# lead\n@dec(a)\nclass A(B):  # tail\n    x: int = f(  # c\n        1)\n",
}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_spans_match_libcst_on_tricky_text(name):
    module = cst.parse_module(TRICKY[name])
    index = build_index("t.py", [Part(module, 1)])
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    sites = [*index.calls, *index.divisions, *(b.test for b in index.branches)]
    assert sites
    for site in sites:
        r = expected[site.node]
        assert (site.span.line, site.span.column, site.span.end_line, site.span.end_column) == (
            r.start.line, r.start.column + 1, r.end.line, r.end.column + 1), name
    assert index.statement_lines == [(expected[s].start.line, expected[s].end.line)
                                     for s in module.body]
