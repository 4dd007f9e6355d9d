"""What a text encoder is fitted on, and with which settings: its recipe.

Fitting a tokenizer or vectorizer is deterministic. A fine-tuning script that builds one
with the same settings and fits it on the same data (the same file, read the same way, or
the very array the pretraining saved) rebuilds the pretraining vocabulary; it does not make
a new one. The recipe is known only when every name the fit reads comes from a data file;
otherwise it stays None and nothing is concluded from it.
"""

from __future__ import annotations

import builtins
import os.path

import libcst as cst

from ftlint.extract.core import Interpreter
from ftlint.extract.index import Assignment, CallSite
from ftlint.extract.registry import on_finish
from ftlint.facts import Fact

_BUILTINS = frozenset(dir(builtins))


@on_finish
def text_encoder_recipes(ctx: Interpreter) -> None:
    calls = {call.span: call for call in ctx.index.calls}
    for fact in ctx.facts:
        call = calls.get(fact.span)
        if fact.kind == "fit" and fact.attr("role") == "text-encoder" and call is not None:
            fact.attrs["settings"] = _settings(ctx, call)
            fact.attrs["fitted_on"] = _fitted_on(ctx, call)


def _last_assignment(ctx: Interpreter, name: str, call: CallSite) -> Assignment | None:
    before = [a for a in ctx.index.assignments.get(name, ())
              if a.unit == call.unit and a.function == call.function
              and a.line <= call.span.line]
    return before[-1] if before else None


def _settings(ctx: Interpreter, call: CallSite) -> tuple | None:
    """The encoder's constructor and the values of its arguments, None when one is unknown."""
    built = _last_assignment(ctx, call.receiver, call) if call.receiver else None
    if built is None or not isinstance(built.value, cst.Call):
        return None
    site = next((c for c in ctx.index.calls if c.node is built.value), None)
    if site is None:
        return None
    settings: list[tuple] = [("class", ctx.resolve(site.name) or site.name)]
    for position, arg in enumerate(site.node.args):
        value = ctx.value(arg.value, site)
        if arg.star or not value.known:
            return None
        settings.append((arg.keyword.value if arg.keyword else position, repr(value.value)))
    return tuple(settings)


def _fitted_on(ctx: Interpreter, call: CallSite) -> tuple | None:
    """The fit's argument as written, with each name it reads replaced by the data file
    that name holds (so that a renamed variable is the same data); None when a name holds
    anything else."""
    if len(call.node.args) != 1 or call.node.args[0].keyword is not None:
        return None
    node = call.node.args[0].value
    files: dict[str, str] = {}
    for name in _free_names(node) - _BUILTINS:
        path = _data_file(ctx, name, call)
        if path is None:
            return None
        files[name] = path
    if not files:
        return None
    paths = sorted(set(files.values()))
    slots = {name: f"_file{paths.index(path)}" for name, path in files.items()}
    written = node.visit(_Renamed(slots))
    return "".join(cst.Module([]).code_for_node(written).split()), tuple(paths)


def _free_names(node: cst.CSTNode) -> set[str]:
    """Names read by an expression (not attribute names: `data.question1` reads `data`)."""
    found: set[str] = set()

    class Names(cst.CSTVisitor):
        def visit_Attribute(self, attribute: cst.Attribute) -> bool:
            attribute.value.visit(self)
            return False

        def visit_Name(self, name: cst.Name) -> None:
            found.add(name.value)

    node.visit(Names())
    return found


class _Renamed(cst.CSTTransformer):
    def __init__(self, slots: dict[str, str]) -> None:
        self.slots = slots

    def visit_Attribute(self, attribute: cst.Attribute) -> bool:
        return True

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)  # `x.data` keeps its attribute name

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.slots.get(original.value, original.value))


def _data_file(ctx: Interpreter, name: str, call: CallSite) -> str | None:
    """The file a variable holds at the fit: read from it (`x = np.load(path)`), or saved
    to it after its last assignment (`np.save(path, x)`)."""
    assigned = _last_assignment(ctx, name, call)
    if assigned is None or assigned.value is None:
        return None
    read = _facts_at(ctx, "data_read", assigned.value)
    if read:
        return _located(ctx, read[0])
    for save in ctx.facts:
        if save.kind == "data_save" and save.attr("variable") == name and \
                save.unit == call.unit and assigned.line < save.span.line <= call.span.line:
            return _located(ctx, save)
    return None


def _facts_at(ctx: Interpreter, kind: str, node: cst.BaseExpression) -> list[Fact]:
    site = next((c for c in ctx.index.calls if c.node is node), None)
    if site is None:
        return []
    return [f for f in ctx.facts if f.kind == kind and f.span == site.span]


def _located(ctx: Interpreter, fact: Fact) -> str | None:
    """A known relative path, against the folder of the script that names it."""
    if not (fact.value.known and isinstance(fact.value.value, str)):
        return None
    folder = os.path.dirname(os.path.abspath(ctx.index.path))
    return os.path.normpath(os.path.join(folder, fact.value.value))
