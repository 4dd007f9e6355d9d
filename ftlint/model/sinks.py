"""Data flow to the model, the part that needs no objects: a value only shown or recorded
(plt.imshow(x / 255.), print, logging) is not what the model is fed."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

import libcst as cst

from ftlint.extract import knowledge
from ftlint.extract.index import CallSite, Site
from ftlint.facts import Span
from ftlint.model.code import Module

if TYPE_CHECKING:
    from ftlint.extract.core import Interpreter

# Names that may scale pixels in code ftlint does not read as a normalization (a Lambda
# layer around preprocess_input, a project's own normalize()).
SCALING_NAMES = re.compile(r"preprocess|normali[sz]|standardi[sz]|rescal|scale", re.I)


def annotate(ctx: Interpreter, root: Module) -> None:
    divisions = {site.span: site for site in root.index.divisions}
    # a function passed where the callee takes a flag is a use that scales nothing
    inert = Counter(f.value for f in ctx.facts if f.kind == "inert_reference")
    unread = _mentions_scaling(root, inert)
    calls = {call.span: call for call in root.index.calls}
    for fact in ctx.facts:
        if fact.kind == "stopwords" and fact.span in calls and _unused(root, calls[fact.span]):
            fact.attrs["reaches_model"] = False
        if fact.kind == "pretrained_backbone" or fact.attr("raw_pixels"):
            fact.attrs["scaling_unread"] = unread
        if fact.kind == "normalization" and fact.span in divisions and (
                _constant(ctx, divisions[fact.span]) or _only_shown(root, divisions[fact.span])):
            fact.attrs["reaches_model"] = False


def _mentions_scaling(module: Module, inert: Counter) -> bool:
    """A name that may scale inputs is used beyond its import (module paths such as
    keras.preprocessing do not count), or pixels are divided by a statistic of their own
    (x / np.max(x)): a scaling ftlint does not read."""
    index = module.index
    origins = [*index.aliases.values(), *index.imported_from.values()]
    paths = {part for origin in origins for part in origin.split(".")[:-1]}
    paths |= {part for origin in index.imported_from.values() for part in origin.split(".")}
    prefixes = {".".join(origin.split(".")[:i]) for origin in origins
                for i in range(2, origin.count(".") + 2)}
    counts: dict[str, int] = {}
    for counter in index.references.values():
        for name, count in counter.items():
            if index.aliases.get(name, "").rsplit(".", 1)[-1] in knowledge.FEATURE_NORM_LAYERS:
                continue  # BatchNormalization normalizes activations inside the network
            if SCALING_NAMES.search(name) and (name not in paths or name in index.aliases):
                counts[name] = counts.get(name, 0) + count
    for name, count in inert.items():
        if name in counts:
            counts[name] -= count
    for names in index.attribute_names.values():
        if any(SCALING_NAMES.search(n.split(".", 1)[1]) and n not in prefixes
               and n.split(".", 1)[0] not in index.aliases for n in names):
            return True
    if any(_by_statistic(site.node) for site in index.divisions):
        return True
    return any(count > (1 if name in index.aliases else 0) for name, count in counts.items())


def _by_statistic(node: cst.CSTNode) -> bool:
    """`x / np.max(x)`, `x / x.std()`: a division by a statistic of the data."""
    divisor = getattr(node, "right", None)
    return isinstance(divisor, cst.Call) and isinstance(divisor.func, (cst.Attribute, cst.Name)) \
        and (divisor.func.attr.value if isinstance(divisor.func, cst.Attribute)
             else divisor.func.value) in ("max", "amax", "std", "norm", "ptp")


def _unused(module: Module, call: CallSite) -> bool:
    """A list built (`STOP = set(stopwords.words(...))`) that nothing reads."""
    outer = call
    while outer.outer is not None:
        outer = outer.outer
    names = [name for name, assignments in module.index.assignments.items()
             if any(a.value is outer.node for a in assignments)]
    if len(names) != 1 or "." in names[0]:
        return False
    name = names[0]
    used = sum(counter.get(name, 0) for counter in module.index.references.values())
    return used <= len(module.index.assignments[name])


def _constant(ctx: Interpreter, site: Site) -> bool:
    """`1 / 255.` passed to a call is a number (Rescaling's argument, whose own fact
    says what it does), not pixels being divided; `img *= 1 / 255` stays a scaling."""
    value = ctx.value(site.node.left, site)
    if not (value.known and isinstance(value.value, (int, float))):
        return False
    return any(c.stmt == site.stmt and _contains(c.span, site.span)
               for c in ctx.index.calls)


def _only_shown(module: Module, site: Site) -> bool:
    index = module.index
    around = [c for c in index.calls if c.stmt == site.stmt and _contains(c.span, site.span)]
    if around:
        innermost = min(around, key=lambda c: (c.span.end_line - c.span.line,
                                               c.span.end_column - c.span.column))
        return _is_sink(module, innermost)
    # `shown = img / 255.` then only plt.imshow(shown) / print(shown)
    names = [name for name, assignments in index.assignments.items() if "." not in name
             and any(a.value is site.node for a in assignments)]
    if len(names) != 1:
        return False
    name = names[0]
    unit = site.unit
    keys = [k for k in index.references if (k == unit if unit else True)]
    total = sum(index.references[k].get(name, 0) for k in keys)
    assigned = sum(1 for a in index.assignments[name] if unit is None or a.unit == unit)
    shown = sum(1 for c in index.calls if (unit is None or c.unit == unit) and _is_sink(module, c)
                and any(_names(a.value, name) for a in c.node.args))
    return shown > 0 and total == assigned + shown


def _names(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def _is_sink(module: Module, call: CallSite) -> bool:
    return knowledge.only_shows(module.resolve(call.name) if call.name else "", call.receiver,
                                call.method)


def _contains(outer: Span, inner: Span) -> bool:
    return (outer.line, outer.column) <= (inner.line, inner.column) and \
        (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column)
