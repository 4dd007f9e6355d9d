"""A read-only traversal of a libcst tree: the visitor's visit_X / leave_X callbacks, called
on the same nodes in the same order as `node.visit(visitor)`, for a fraction of the cost.

libcst's own traversal rebuilds every node it passes (each `_visit_and_replace_children`
constructs a copy, validated, which a read-only visitor then throws away) and dispatches
two attribute callbacks per field. Here each node type's child fields are read once, in
the order libcst's traversal visits them (recorded from libcst's own
`_visit_and_replace_children`, so a libcst upgrade cannot silently reorder), and nodes that
hold nothing but whitespace and punctuation are not entered. Attribute callbacks
(visit_X_field) are not supported: a visitor that has one is refused.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

# Node types that hold only whitespace, comments, punctuation or a literal's text: no
# callback of ours reads them and nothing under them is a name or an expression.
_TRIVIA: tuple[type, ...] = (
    cst.BaseParenthesizableWhitespace, cst.TrailingWhitespace, cst.EmptyLine, cst.Newline,
    cst.Comment, cst.LeftParen, cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket,
    cst.LeftCurlyBrace, cst.RightCurlyBrace, cst.Comma, cst.Colon, cst.Dot, cst.Semicolon,
    cst.AssignEqual, cst.BaseBinaryOp, cst.BaseBooleanOp, cst.BaseCompOp, cst.BaseUnaryOp,
    cst.BaseAugOp, cst.ImportStar, cst.ParamStar, cst.ParamSlash, cst.Asynchronous,
    cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.FormattedStringText,
    cst.Ellipsis,
)


class _Recorder:
    """Stands in for a visitor: records the fields libcst's traversal visits, in order."""

    def __init__(self) -> None:
        self.fields: list[str] = []

    def on_visit_attribute(self, node: object, name: str) -> None:
        if name not in self.fields:
            self.fields.append(name)

    def on_leave_attribute(self, node: object, name: str) -> None:
        pass


class _Stub:
    """Every field of a node being recorded: visits to itself, iterates as empty."""

    def visit(self, visitor: object) -> _Stub:
        return self

    def __iter__(self):
        return iter(())


class _Probe:
    def __getattr__(self, name: str) -> _Stub:
        return _STUB


_STUB = _Stub()
_FIELDS: dict[type, tuple[str, ...]] = {}


def child_fields(cls: type) -> tuple[str, ...]:
    """The fields of a node type that libcst's traversal visits, in its order."""
    found = _FIELDS.get(cls)
    if found is None:
        recorder = _Recorder()
        try:  # the node's constructor refuses the stubs: by then every field was visited
            cls._visit_and_replace_children(_Probe(), recorder)  # type: ignore[attr-defined]
        except Exception:
            pass
        found = _FIELDS[cls] = tuple(recorder.fields)
    return found


Plan = tuple[tuple[str, ...], Callable | None, Callable | None]


_PLANS: dict[type, dict[type, Plan | None]] = {}  # visitor class -> node class -> plan


def _callback(visitor_class: type, name: str) -> Callable | None:
    """The visitor's own method of that name; None for none or libcst's no-op stub."""
    found = getattr(visitor_class, name, None)
    return None if found is None or getattr(found, "_is_no_op", False) else found


_READS_TRIVIA: dict[type, bool] = {}


def _reads_trivia(visitor_class: type) -> bool:
    """Whether the visitor has a callback for a whitespace or punctuation node (then none
    is skipped: one may sit inside another)."""
    found = _READS_TRIVIA.get(visitor_class)
    if found is None:
        names = {cls.__name__ for cls in _subclasses(_TRIVIA)}
        found = _READS_TRIVIA[visitor_class] = any(
            _callback(visitor_class, f"{kind}_{name}") for name in names
            for kind in ("visit", "leave"))
    return found


def _subclasses(bases: tuple[type, ...]) -> set[type]:
    found: set[type] = set()
    todo = list(bases)
    while todo:
        cls = todo.pop()
        if cls not in found:
            found.add(cls)
            todo.extend(cls.__subclasses__())
    return found


def _plan(visitor_class: type, plans: dict[type, Plan | None], cls: type) -> Plan | None:
    name = cls.__name__
    on_visit = _callback(visitor_class, f"visit_{name}")
    on_leave = _callback(visitor_class, f"leave_{name}")
    fields = child_fields(cls)
    for field in fields:
        if _callback(visitor_class, f"visit_{name}_{field}") or \
                _callback(visitor_class, f"leave_{name}_{field}"):
            raise TypeError(f"walk() does not call attribute callbacks ({name}.{field})")
    plan = None if issubclass(cls, _TRIVIA) and not _reads_trivia(visitor_class) \
        else (fields, on_visit, on_leave)
    plans[cls] = plan
    return plan


def walk(visitor: cst.CSTVisitor, root: cst.CSTNode,
         before: Callable[[cst.CSTNode], None] | None = None) -> None:
    """Call the visitor's visit_X and leave_X on every node under root (root included), as
    root.visit(visitor) would; a visit_X returning False skips that node's children.
    before(statement), when given, is called before each statement of a Module root is
    visited (the place of an on_visit override that counts top-level statements)."""
    visitor_class = type(visitor)
    plans = _PLANS.setdefault(visitor_class, {})
    sequence = (tuple, list)
    node_class = cst.CSTNode

    def visit(node: cst.CSTNode) -> None:
        cls = type(node)
        plan = plans[cls] if cls in plans else _plan(visitor_class, plans, cls)
        if plan is None:
            return
        fields, on_visit, on_leave = plan
        if on_visit is None or on_visit(visitor, node) is not False:
            for field in fields:
                value = getattr(node, field)
                kind = type(value)
                if kind is tuple or kind is list:
                    for child in value:
                        kind = type(child)
                        if kind not in plans or plans[kind] is not None:
                            visit(child)
                elif kind in plans:  # a node type seen before, or a value that is no node
                    if plans[kind] is not None:
                        visit(value)
                elif isinstance(value, node_class):
                    visit(value)
                elif not isinstance(value, sequence):
                    plans[kind] = None  # a string, None or a sentinel: never visited
        if on_leave is not None:
            on_leave(visitor, node)

    if before is None or not isinstance(root, cst.Module):
        visit(root)
        return
    fields, on_visit, on_leave = _plan(visitor_class, plans, type(root)) or ((), None, None)
    if on_visit is None or on_visit(visitor, root) is not False:
        for field in fields:
            value = getattr(root, field)
            for child in value if isinstance(value, sequence) else (value,):
                if field == "body":
                    before(child)
                if isinstance(child, node_class):
                    visit(child)
    if on_leave is not None:
        on_leave(visitor, root)
