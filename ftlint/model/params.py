"""Which parts' parameters an optimizer updates, group by group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from ftlint.extract import knowledge
from ftlint.extract.index import CallSite, dotted
from ftlint.facts import Fact, Value
from ftlint.model.code import call_argument
from ftlint.model.objects import Obj

if TYPE_CHECKING:
    from ftlint.model.code import Frame
    from ftlint.model.machine import Machine

_MAX_DEPTH = 8


@dataclass(frozen=True, slots=True)
class Group:
    parts: frozenset[Obj] | None  # None: ftlint cannot tell which parameters
    lr: cst.BaseExpression | None = None  # the group's own rate, when it sets one


@dataclass(frozen=True, slots=True)
class Updates:
    """pretrained: the optimizer updates pretrained (or loaded) weights: True, False, or
    None when the model cannot tell. rates: (rate, pretrained) of groups with their own lr."""

    pretrained: bool | None
    rates: tuple[tuple[Value, bool | None], ...] = ()
    trained: tuple[Obj, ...] = ()  # the parts whose weights it moves


def updates(machine: Machine, call: CallSite, frame: Frame, fact: Fact) -> Updates:
    qualified = frame.module.resolve(call.name)
    info = knowledge.OPTIMIZERS.get(qualified)
    factory = knowledge.OPTIMIZER_FACTORIES.get(qualified)
    if factory is not None:  # create_optimizer_v2(model, ...): the model's parameters
        node = call_argument(call, factory[0], factory[1])
        objects = machine.eval(node, frame) if node is not None else None
        groups = [Group(objects)] if objects else _groups(machine, node, frame, call, 0)
    elif info is None or info.lr_position != 1:
        return Updates(None)  # Keras optimizers take the model's trainable weights at compile
    else:
        groups = _groups(machine, call_argument(call, "params", 0), frame, call, 0)
    if groups is None:
        return Updates(None)
    verdicts = [_pretrained(g.parts) for g in groups]
    if any(v is True for v in verdicts):
        overall: bool | None = True
    elif all(v is False for v in verdicts):
        overall = False
    else:
        overall = None
    evaluator = frame.module.evaluate
    rates = tuple((evaluator(g.lr, call), v) for g, v in zip(groups, verdicts, strict=True)
                  if g.lr is not None)
    moved = tuple(part for g in groups for root in g.parts or () for part in root.subtree()
                  if part.own and not part.frozen)
    return Updates(overall, rates, moved)


def _pretrained(parts: frozenset[Obj] | None) -> bool | None:
    """Whether updating these parts changes pretrained weights (frozen ones do not move)."""
    if parts is None:
        return None
    unknown = False
    for root in parts:
        for part in root.subtree():
            if part.escaped:
                unknown = True  # unread code may have frozen it
                continue
            if part.frozen or not part.own:
                continue
            if part.weights in ("pretrained", "loaded", "trained"):
                return True
            if part.weights is None:
                unknown = True
    return None if unknown else False


def _groups(machine: Machine, node: cst.BaseExpression | None, frame: Frame, call: CallSite,
            depth: int) -> list[Group] | None:
    """The parameter groups an expression passes to an optimizer, None when unknown."""
    if node is None or depth > _MAX_DEPTH:
        return None
    if isinstance(node, cst.Call):
        return _call_groups(machine, node, frame, call, depth)
    if isinstance(node, (cst.List, cst.Tuple)):
        found: list[Group] = []
        for element in node.elements:
            if isinstance(element, cst.StarredElement):
                return None
            inner = _groups(machine, element.value, frame, call, depth + 1)
            if inner is None:
                return None
            found += inner
        return found
    if isinstance(node, cst.Dict):
        params = lr = None
        for element in node.elements:
            if not isinstance(element, cst.DictElement) or not isinstance(element.key,
                                                                          cst.SimpleString):
                return None
            key = element.key.value.strip("'\"")
            if key == "params":
                params = element.value
            elif key == "lr":
                lr = element.value
        inner = _groups(machine, params, frame, call, depth + 1)
        if inner is None:
            return None
        return [Group(_merged(inner), lr)]
    if isinstance(node, (cst.ListComp, cst.GeneratorExp)):
        # [p for p in m.parameters() if p.requires_grad]: frozen parts never move anyway
        loop = node.for_in
        if loop.inner_for_in is not None or any(not _only_requires_grad(c.test)
                                                for c in loop.ifs):
            return None
        return _groups(machine, loop.iter, frame, call, depth + 1)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        left = _groups(machine, node.left, frame, call, depth + 1)
        right = _groups(machine, node.right, frame, call, depth + 1)
        return None if left is None or right is None else left + right
    if isinstance(node, cst.Name):
        return _named_groups(machine, node.value, frame, call, depth)
    return None


def _call_groups(machine: Machine, node: cst.Call, frame: Frame, call: CallSite,
                 depth: int) -> list[Group] | None:
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value in ("parameters", "named_parameters"):
        return [Group(machine.eval(func.value, frame))]
    name = frame.module.resolve(dotted(func)) or dotted(func)
    args = [a.value for a in node.args if a.keyword is None and not a.star]
    if name == "filter" and len(args) == 2 and _only_requires_grad(args[0]):
        return _groups(machine, args[1], frame, call, depth + 1)
    if name in ("list", "tuple", "itertools.chain") and args:
        found: list[Group] = []
        for arg in args:
            inner = _groups(machine, arg, frame, call, depth + 1)
            if inner is None:
                return None
            found += inner
        return found
    return None


def _named_groups(machine: Machine, name: str, frame: Frame, call: CallSite,
                  depth: int) -> list[Group] | None:
    """A variable holding parameters: its assignment, plus what is appended to it."""
    index = frame.module.index
    unit, function = frame.key
    assigned = [a for a in index.assignments.get(name, ())
                if a.unit == unit and a.function == function and a.line <= call.span.line]
    if not assigned or assigned[-1].value is None:
        return None
    found = _groups(machine, assigned[-1].value, frame, call, depth + 1)
    if found is None:
        return None
    for other in index.calls:
        if other.receiver == name and other.unit == unit and other.function == function and \
                other.method in ("append", "extend", "insert", "add_param_group"):
            if other.method == "insert" or not other.node.args:
                return None
            inner = _groups(machine, other.node.args[-1].value, frame, call, depth + 1)
            if inner is None:
                return None
            found = found + inner
    return found


def _merged(groups: list[Group]) -> frozenset[Obj] | None:
    parts: set[Obj] = set()
    for group in groups:
        if group.parts is None:
            return None
        parts |= group.parts
    return frozenset(parts)


def _only_requires_grad(node: cst.BaseExpression) -> bool:
    """`lambda p: p.requires_grad` or `p.requires_grad`: keeps the parameters that train."""
    if isinstance(node, cst.Lambda):
        node = node.body
    return isinstance(node, cst.Attribute) and node.attr.value == "requires_grad"
