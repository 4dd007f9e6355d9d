"""ftlint.extract.walk calls a visitor's callbacks on the nodes libcst's own traversal
visits, in its order, for every node type (the indexer relies on that order)."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from ftlint.extract import walk as walk_mod
from ftlint.extract.walk import child_fields, walk

ROOT = Path(__file__).resolve().parent.parent

SAMPLE = '''\
# a header comment
"""doc"""
from __future__ import annotations
import os.path as osp, sys
from . import sibling
from ..pkg.mod import (a as b, c,)
from x import *

@decorator(arg, key=[1, 2])
@other.attr
async def function(p, /, q: int = 3, *args, r=lambda s, *t, **u: s + 1, **kw) -> "R":
    global G
    nonlocal_value = {k: v for k, v in kw.items() if k if v}
    async with open(p) as f, other() as (g, h):
        async for i in f:
            await i
    x = y = [*args, {**kw}, (yield q), (yield from args)]
    z: list[int] = f"{x!r:>{q}} {y=} {{}}" "more" rf"raw{x}"
    data = b"bytes" rb"raw"
    w = a if b else c
    del w, z[1:2:3], x.attr
    assert p, "message"
    raise ValueError() from None
    return (q := 4) @ x


class Name(Base, metaclass=Meta):
    attr: int
    value = 1; other = ~value ** -2 // 3 % 4 << 5 >> 6 & 7 | 8 ^ 9

    def method(self):
        try:
            pass
        except* (TypeError, ValueError) as error:
            print(error, sep="", end="\\n")
        else:
            x += 1
        finally:
            x -= 1
        while not x and y or z is not None in q:
            break
        else:
            continue
        match command:
            case [1, *rest] | {"k": v, **others} if rest:
                pass
            case Point(x=0, y=_) as p:
                pass
            case _:
                pass


if __name__ == "__main__":
    print(sys.argv[1:], ...)
elif True:
    pass
else:
    lambda: (yield)
'''


def _all_node_classes() -> set[type]:
    found, todo = set(), [cst.CSTNode]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def _logging_visitor(with_trivia: bool) -> type:
    trivia = {cls.__name__ for cls in walk_mod._subclasses(walk_mod._TRIVIA)}
    methods: dict[str, object] = {
        "__init__": lambda self: (cst.CSTVisitor.__init__(self), setattr(self, "log", []))[0]}
    for cls in _all_node_classes():
        name = cls.__name__
        if not with_trivia and name in trivia:
            continue
        methods[f"visit_{name}"] = lambda self, node, n=name: self.log.append(("v", n, id(node)))
        methods[f"leave_{name}"] = lambda self, node, n=name: self.log.append(("l", n, id(node)))
    return type("Logging", (cst.CSTVisitor,), methods)


def _sources() -> list[tuple[str, str]]:
    found = [("sample", SAMPLE)]
    for folder in ("tests/corpus/cases", "tests/corpus_unseen/cases", "examples",
                   "tests/fixtures"):
        for path in sorted((ROOT / folder).rglob("*.py"))[:150]:
            found.append((str(path), path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("with_trivia", [False, True])
def test_walk_visits_as_libcst_does(with_trivia):
    logging = _logging_visitor(with_trivia)
    checked = 0
    for name, text in _sources():
        try:
            module = cst.parse_module(text)
        except cst.ParserSyntaxError:
            continue
        ours, theirs = logging(), logging()
        module.visit(theirs)
        walk(ours, module)
        assert ours.log == theirs.log, name
        checked += 1
    assert checked > 100


def test_a_false_visit_skips_the_children_and_still_leaves():
    class Visitor(cst.CSTVisitor):
        def __init__(self):
            super().__init__()
            self.log = []

        def visit_FunctionDef(self, node):
            self.log.append("def")
            return False

        def leave_FunctionDef(self, node):
            self.log.append("left")

        def visit_Name(self, node):
            self.log.append(node.value)

    module = cst.parse_module("a = 1\ndef f(x):\n    return y\nb = 2\n")
    ours, theirs = Visitor(), Visitor()
    module.visit(theirs)
    walk(ours, module)
    assert ours.log == theirs.log == ["a", "def", "left", "b"]


def test_before_is_called_for_each_top_level_statement():
    module = cst.parse_module("import os\n\nif x:\n    y = 1\nz = 2\n")
    seen = []
    walk(cst.CSTVisitor(), module, before=seen.append)
    assert seen == list(module.body)


def test_attribute_callbacks_are_refused():
    class Visitor(cst.CSTVisitor):
        def visit_Call_func(self, node):
            pass

    with pytest.raises(TypeError):
        walk(Visitor(), cst.parse_module("f(x)\n"))


def test_fields_are_libcst_order():
    assert child_fields(cst.IfExp).index("body") < child_fields(cst.IfExp).index("test")
    fields = child_fields(cst.FunctionDef)
    assert fields.index("decorators") < fields.index("name") < fields.index("body")
