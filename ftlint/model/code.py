"""One file as the program model reads it: its events in order, loops, no_grad blocks,
branches; the frames and steps of an abstract run, and flow helpers without state."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import libcst as cst

from ftlint.extract import knowledge
from ftlint.extract.index import CallSite, Index
from ftlint.facts import Fact, Span, Value
from ftlint.model.objects import Obj, Objects


@dataclass(slots=True)
class Module:
    """One file as the machine reads it: its index, facts and name resolution."""

    index: Index
    facts: list[Fact]
    resolve: Callable[[str], str]
    evaluate: Callable[[cst.BaseExpression, CallSite], Value]
    facts_at: dict[Span, list[Fact]] = field(default_factory=lambda: defaultdict(list))
    events: dict[tuple, list[tuple]] = field(default_factory=lambda: defaultdict(list))
    loops: dict[tuple, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    no_grad: dict[tuple, list[tuple[int, int]]] = field(
        default_factory=lambda: defaultdict(list))
    defs: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    # `except` handlers: the path taken when the `try` body fails (a fallback model)
    fallbacks: dict[tuple, list[tuple[int, int]]] = field(
        default_factory=lambda: defaultdict(list))

    def prepare(self) -> None:
        for fact in self.facts:
            self.facts_at[fact.span].append(fact)
        for block in self.index.blocks:
            key = (block.unit, block.function)
            if block.kind == "def":
                self.defs[key] = block.lines
            elif block.kind == "loop":
                self.loops[key].append(block.lines)
            elif block.kind == "except":
                self.fallbacks[key].append(block.lines)
            elif block.kind == "with" and self.resolve(block.item) in knowledge.NO_GRAD_CONTEXTS:
                self.no_grad[key].append(block.lines)
        for call in self.index.calls:
            key = (call.unit, call.function)
            self.events[key].append((call.span.line, 0, call.span.end_line,
                                     call.span.end_column, "call", call))
        for name, assignments in self.index.assignments.items():
            for a in assignments:
                if a.line and not name.endswith(".requires_grad"):
                    self.events[(a.unit, a.function)].append((a.line, 1, a.line, 10**6, "bind",
                                                              (name, a.value, a.unpacked)))
        for write in self.index.attribute_writes:
            if write.attr == "requires_grad":
                site = write.site
                key = (site.unit, self.function_at(site.unit, site.span.line))
                self.events[key].append((site.span.line, 1, site.span.line, 10**6, "freeze",
                                         write))
        for events in self.events.values():
            events.sort(key=lambda e: e[:4])

    def function_at(self, unit: str | None, line: int) -> str:
        inside = [(lines[1] - lines[0], key[1]) for key, lines in self.defs.items()
                  if key[0] == unit and lines[0] <= line <= lines[1]]
        return min(inside)[1] if inside else ""

    def facts_of(self, span: Span, kind: str) -> list[Fact]:
        return [f for f in self.facts_at.get(span, ()) if f.kind == kind]


@dataclass(eq=False, slots=True)
class Frame:
    module: Module
    key: tuple  # (unit, function)
    env: dict[str, Objects] = field(default_factory=dict)
    self_obj: Obj | None = None
    no_grad: bool = False
    depth: int = 0
    anchor: CallSite | None = None  # the root file's call this frame runs under
    results: dict[int, Objects] = field(default_factory=dict)  # call node id -> objects
    # lines of branches that cannot run with the arguments this call passes
    dead: list[tuple[int, int]] = field(default_factory=list)
    # the known values of its parameters at this call (a caller's value or a default)
    values: dict[str, Value] = field(default_factory=dict)
    params: tuple[str, ...] = ()  # its parameter names


@dataclass(slots=True)
class Step:
    """A module called on data (a forward pass), with the state of its parts then."""

    call: CallSite
    module: Module
    anchor: CallSite | None
    hazards: list[Obj]  # frozen pretrained BatchNorm parts in train mode at this call
    no_grad: bool
    # the train() that had set each hazard's mode then (a part's mode_span moves on later)
    mode_spans: list[Span | None] = field(default_factory=list)


def call_argument(call: CallSite, keyword: str, position: int) -> cst.BaseExpression | None:
    """The argument a call passes by that keyword, or else at that position."""
    for arg in call.node.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    positional = [a for a in call.node.args if a.keyword is None and not a.star]
    return positional[position].value if 0 <= position < len(positional) else None


def mode_arg(call: CallSite) -> str | None:
    value = bool_arg(call, default=True)
    return None if value is None else ("train" if value else "eval")


def bool_arg(call: CallSite, default: bool) -> bool | None:
    args = call.node.args
    if not args:
        return default
    node = args[0].value
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return node.value == "True"
    return None


def modal_class(module: Module, cls: str, depth: int = 0) -> bool:
    for base in module.index.class_bases.get(cls, ()):
        resolved = module.resolve(base)
        if resolved.startswith(knowledge.MODE_FRAMEWORKS) or resolved.startswith(
                ("lightning", "pytorch_lightning")):
            return True
        if depth < 3 and module.index.unit_kinds.get(base) == "class" and modal_class(
                module, base, depth + 1):
            return True
    return False


def exclusive(frame: Frame, first: CallSite, second: CallSite) -> bool:
    """The two calls sit in the two branches of one if/else."""
    if first.unit != second.unit or first.span.path != second.span.path:
        return False
    a, b = first.span.line, second.span.line
    for branch in frame.module.index.branches:
        if branch.orelse is None or branch.test.unit != first.unit:
            continue
        body, orelse = branch.body, branch.orelse
        if (body[0] <= a <= body[1] and orelse[0] <= b <= orelse[1]) or (
                body[0] <= b <= body[1] and orelse[0] <= a <= orelse[1]):
            return True
    return False


def filtered_loop(frame: Frame, write) -> bool:
    """The write sits under an `if` inside its loop (only some parameters are frozen)."""
    line = write.site.span.line
    return any(b.body[0] <= line <= b.body[1] and b.test.unit == write.site.unit
               for b in frame.module.index.branches
               if b.test.span.line > loop_start(frame, line))


def loop_start(frame: Frame, line: int) -> int:
    starts = [a for a, b in frame.module.loops.get(frame.key, ()) if a <= line <= b]
    return max(starts) if starts else 0


def unrolled(events: list[tuple], loops: list[tuple[int, int]], depth: int) -> list[tuple]:
    """Events in order, each loop body twice (nested loops up to three deep)."""
    if not loops or depth >= 3:
        return events
    out: list[tuple] = []
    i = 0
    while i < len(events):
        line = events[i][0]
        around = [loop for loop in loops if loop[0] <= line <= loop[1]]
        if not around:
            out.append(events[i])
            i += 1
            continue
        loop = max(around, key=lambda lines: lines[1] - lines[0])
        j = i
        while j < len(events) and loop[0] <= events[j][0] <= loop[1]:
            j += 1
        inner = [other for other in loops if other != loop and loop[0] <= other[0]
                 and other[1] <= loop[1]]
        body = unrolled(events[i:j], inner, depth + 1)
        out += body + body
        i = j
    return out


def dead_branches(module: Module, key: tuple, bound: dict[str, Value]) -> list[tuple[int, int]]:
    """Branches of a function that its arguments rule out: `if arch == "densenet121":`
    called with arch="densenet121" never runs its elif/else. Only a parameter compared with
    a constant is read; anything else may go either way."""
    lines = module.defs.get(key)
    if lines is None or not bound:
        return []
    dead: list[tuple[int, int]] = []
    for branch in module.index.branches:
        test = branch.test
        if test.unit != key[0] or not lines[0] <= test.span.line <= lines[1]:
            continue
        taken = compared(test.node, bound, lambda node, site=test: module.evaluate(node, site))
        if taken is True and branch.orelse is not None:
            dead.append(branch.orelse)
        elif taken is False:
            dead.append(branch.body)
    return dead


def compared(node: cst.BaseExpression, bound: dict[str, Value], evaluate) -> bool | None:
    """Whether a test `param == literal` (or `!=`), `param` or `not param` holds for the
    bound parameter values; None when the test is anything else or a value is unknown."""
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
        inner = compared(node.expression, bound, evaluate)
        return None if inner is None else not inner
    if isinstance(node, cst.Name):  # `if freeze:` with freeze=False
        value = bound.get(node.value)
        if value is None or not value.known or not isinstance(
                value.value, (bool, int, str, type(None))):
            return None
        return bool(value.value)
    if not isinstance(node, cst.Comparison) or len(node.comparisons) != 1:
        return None
    target = node.comparisons[0]
    if not isinstance(node.left, cst.Name) or node.left.value not in bound or not isinstance(
            target.operator, (cst.Equal, cst.NotEqual)):
        return None
    left, right = bound[node.left.value], evaluate(target.comparator)
    if not (left.known and right.known and right.origin == "literal"):
        return None
    same = left.value == right.value
    return same if isinstance(target.operator, cst.Equal) else not same
