"""What an argument is built from: the expressions its names were assigned, followed back
through the statements of the function that makes the call (`texts = [t.lower() for t in
raw]`, then `tokenizer(texts)`: the tokenizer reads lowercased text)."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from ftlint.extract.index import Assignment, CallSite

_MAX_NAMES = 24  # names followed back per argument: enough for a cleaning pipeline
_MAX_NODES = 400  # nodes looked at per expression


def nodes_under(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The node and the nodes below it (at most _MAX_NODES)."""
    found, todo = [], [node]
    while todo and len(found) < _MAX_NODES:
        current = todo.pop()
        found.append(current)
        todo.extend(current.children)
    return found


def names_in(node: cst.BaseExpression) -> list[str]:
    return [n.value for n in nodes_under(node) if isinstance(n, cst.Name)]


def built_from(index, call: CallSite, node: cst.BaseExpression,
               ) -> Iterator[tuple[Assignment | None, cst.BaseExpression | None]]:
    """The argument itself, then every assignment, in the call's function and before it,
    to a name the argument is built from, and to the names those are built from, with its
    value (None when the assignment is not one the index evaluates: a tuple unpacked)."""
    yield None, node
    todo, seen = names_in(node), set()
    while todo and len(seen) < _MAX_NAMES:
        name = todo.pop()
        if not name or name in seen:
            continue
        seen.add(name)
        mine = [a for a in index.assignments.get(name, ()) if a.unit == call.unit
                and a.function == call.function and a.line <= call.span.line]
        for assignment in mine:
            yield assignment, assignment.value
            if assignment.value is not None:
                todo.extend(names_in(assignment.value))
        if not mine:  # `[tokenizer(t) for t in texts]`: what the comprehension runs over
            for iterable in _iterated(index, call, name):
                yield None, iterable
                todo.extend(names_in(iterable))


def _iterated(index, call: CallSite, name: str) -> list[cst.BaseExpression]:
    """What a comprehension of the call's own statement binds `name` from."""
    found = []
    for a in _by_statement(index).get((call.unit, call.stmt), ()):
        if a.value is not None:
            found += [node.iter for node in nodes_under(a.value) if isinstance(node, cst.CompFor)
                      and name in names_in(node.target)]
    return found


_STATEMENTS: dict[int, tuple[object, dict]] = {}  # id(index) -> (index, its map), a few


def _by_statement(index) -> dict[tuple, list[Assignment]]:
    """The index's assignments by (unit, statement), built once per index."""
    held = _STATEMENTS.get(id(index))
    if held is not None and held[0] is index:
        return held[1]
    found: dict[tuple, list[Assignment]] = {}
    for assigned in index.assignments.values():
        for a in assigned:
            found.setdefault((a.unit, a.stmt), []).append(a)
    if len(_STATEMENTS) >= 4:  # the index is kept alive while cached, so its id is its own
        _STATEMENTS.pop(next(iter(_STATEMENTS)))
    _STATEMENTS[id(index)] = (index, found)
    return found
