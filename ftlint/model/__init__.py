"""The program model: what the training program does to the objects it builds.

Built once per file after extraction (ftlint/model/machine.py runs the file abstractly);
its conclusions become facts and fact attributes, so that they are split into phases and
cross worker processes like any fact, and rules read them through the Profile:

- `norm_update` facts: a frozen pretrained part with BatchNorm runs in train mode;
- optimizer facts gain `updates_pretrained` (True / False / None) and `group_rates`;
- fit_call facts gain `trains`: 'fresh' (a model built here from scratch) | 'continued';
- `refit_for_loaded_model` facts (ftlint/extract/refits.py), with the loaded models the
  machine saw reach a call through parameters and returned tuples;
- a hand-written scaling that only reaches a plot, a print or a log gets
  `reaches_model=False` (ftlint/model/sinks.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ftlint.extract import refits
from ftlint.extract.index import CallSite
from ftlint.extract.spans import statement_ends
from ftlint.facts import Span
from ftlint.model import sinks
from ftlint.model.code import Module
from ftlint.model.machine import Machine
from ftlint.model.objects import Obj

if TYPE_CHECKING:
    from ftlint.extract import ModuleFacts
    from ftlint.extract.core import Interpreter


def _module(index, facts, evaluator) -> Module:
    module = Module(index, facts, evaluator.resolve,
                    lambda node, site: evaluator.evaluate(node, site.unit, site.span.line))
    module.prepare()
    return module


def build(ctx: Interpreter, modules: Callable[[str], ModuleFacts | None] | None = None,
          ) -> Machine:
    """Run the model over a file and write what it concluded into ctx's facts.

    modules: the extracted project module an import names (program.Workspace), so that
    functions and classes of the project's other files run with the objects passed."""
    root = _module(ctx.index, ctx.facts, ctx.evaluator)
    loaded: dict[str, Module | None] = {}

    def imported(module: Module, name: str) -> tuple[Module, str] | None:
        """(file, top-level name) that an imported name of the root file stands for."""
        if module is not root or modules is None:
            return None
        head, _, attr = name.partition(".")
        origin = root.index.aliases.get(head, "")
        source = root.index.imported_from.get(head, "")
        if attr:  # `import utils` then utils.extract: the module is the alias itself
            source, origin = origin, f"{origin}.{attr}"
        if not source or not origin.startswith(source + "."):
            return None
        return _defined(source, origin[len(source) + 1:], modules, loaded)

    machine = Machine(root, imported, _star_modules(root, modules, loaded))
    machine.run()
    _annotate_optimizers(ctx, machine)
    _annotate_fits(ctx, machine)
    refits.refit_for_loaded_model(ctx, machine)
    sinks.annotate(ctx, root)
    _norm_updates(ctx, machine, root)
    _modes_not_restored(ctx, machine, root)
    _new_heads(ctx, machine)
    return machine


_FROM_OUTSIDE = ("pretrained", "loaded")  # weights this file did not build
_BUILT_HERE = ("fresh", "trained")


def _new_heads(ctx: Interpreter, machine: Machine) -> None:
    """A model of the project's own class holding a loaded or pretrained part beside a part
    built fresh here (`self.gnn` loaded, `self.graph_pred_linear = nn.Linear(...)`): the
    fresh part is a new head, as `model.fc = nn.Linear(...)` is."""
    sites = {call.span: call for call in ctx.index.calls}
    for obj in list(machine.alloc.values()):
        site = sites.get(obj.span)
        if obj.kind != "user" or obj.escaped or site is None:
            continue
        kinds = {attr: {p.weights for p in child.subtree() if p.own}
                 for attr, child in obj.children.items()}
        fresh = [a for a, w in kinds.items() if w and w <= set(_BUILT_HERE)]
        learned = [a for a, w in kinds.items() if w & set(_FROM_OUTSIDE)]
        if fresh and learned:
            ctx.emit("new_head", fresh[-1], site, target=obj.name, via="model")


def _defined(source: str, name: str, modules: Callable[[str], ModuleFacts | None],
             loaded: dict[str, Module | None], hops: int = 0) -> tuple[Module, str] | None:
    """The file and name that define `name` of project module `source`, through a
    package's re-exports (`from .molecule_gnn_model import GNN` in models/__init__.py)."""
    other = _loaded(source, modules, loaded)
    if other is None:
        return None
    if name in other.index.unit_kinds:
        return other, name
    if hops >= 2:
        return None
    package = source if other.index.path.endswith("__init__.py") else source.rpartition(".")[0]
    origin, inner = other.index.aliases.get(name, ""), other.index.imported_from.get(name, "")
    if origin and inner:
        return _defined(_absolute(package, inner), origin.rsplit(".", 1)[-1], modules, loaded,
                        hops + 1)
    for star in other.index.star_imports:
        found = _defined(_absolute(package, star), name, modules, loaded, hops + 1)
        if found is not None:
            return found
    return None


def _absolute(package: str, module: str) -> str:
    """`.molecule_gnn_model` imported in package `models` is `models.molecule_gnn_model`."""
    if not module.startswith(".") or module.startswith(".."):
        return module
    return f"{package}.{module[1:]}" if package else module[1:]


def _loaded(source: str, modules: Callable[[str], ModuleFacts | None],
            loaded: dict[str, Module | None]) -> Module | None:
    """The model of a project module, built once per file run (None: not the project's)."""
    if source not in loaded:
        found = modules(source)
        evaluator = getattr(found, "evaluator", None)
        loaded[source] = None if evaluator is None else _module(found.index, found.facts,
                                                                evaluator)
    return loaded[source]


def _star_modules(root: Module, modules: Callable[[str], ModuleFacts | None] | None,
                  loaded: dict[str, Module | None], depth: int = 0) -> list[Module]:
    """The project files `from M import *` runs before this one's code, innermost first."""
    found: list[Module] = []
    if modules is None or depth > 2:
        return found
    for source in root.index.star_imports:
        module = _loaded(source, modules, loaded)
        if module is not None and module not in found:
            found += [m for m in _star_modules(module, modules, loaded, depth + 1)
                      if m not in found] + [module]
    return found


def _annotate_optimizers(ctx: Interpreter, machine: Machine) -> None:
    for fact in ctx.facts:
        runs = machine.optimizers.get(id(fact))
        if fact.kind != "optimizer" or not runs:
            continue
        verdicts = [run.pretrained for run in runs]
        if any(v is True for v in verdicts):
            fact.attrs["updates_pretrained"] = True
        elif all(v is False for v in verdicts):
            fact.attrs["updates_pretrained"] = False
        else:
            fact.attrs["updates_pretrained"] = None
        if len({run.rates for run in runs}) == 1 and runs[0].rates:
            fact.attrs["group_rates"] = runs[0].rates


def _annotate_fits(ctx: Interpreter, machine: Machine) -> None:
    for fact in ctx.facts:
        runs = machine.fits.get(fact.span) if fact.kind == "fit_call" else None
        if runs:
            fact.attrs["trains"] = runs[0] if len(set(runs)) == 1 else None


def _frozen_root(part: Obj) -> Obj:
    """The part the freeze was applied to (the encoder, not its BatchNorm layer)."""
    while part.parent is not None and part.parent.frozen and \
            part.parent.frozen_span == part.frozen_span:
        part = part.parent
    return part


_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")


def _eval_after(ctx: Interpreter, call: CallSite, label: str) -> tuple[Span, str] | None:
    """Where a fix puts `part.eval()`: on its own line right after the train() statement,
    when the part is reachable by a dotted name."""
    ends = statement_ends(ctx.lines, call)
    if ends is None or not _DOTTED.fullmatch(label) or call.method != "train":
        return None  # after a framework's loop (trainer.fit) an eval() comes too late
    _, after, indent = ends
    return after, f"\n{indent}{label}.eval()"


def _norm_updates(ctx: Interpreter, machine: Machine, root: Module) -> None:
    sites: dict[Span, CallSite] = {call.span: call for call in root.index.calls}
    seen: set[int] = set()
    for call, part, frame in machine.explicit:  # train() with nothing putting it back
        part = _frozen_root(part)
        where = call if frame.module is root else frame.anchor
        if where is None or id(part) in seen:
            continue
        seen.add(id(part))
        ctx.emit("norm_update", part.label(), where, part=part.label(),
                 frozen_at=part.frozen_span, mode_at=call.span, step_at=None, no_grad=False,
                 eval_edit=_eval_after(ctx, call, part.label()) if frame.module is root else None)
    for step in machine.steps:
        for part, mode_span in zip(map(_frozen_root, step.hazards), step.mode_spans,
                                   strict=True):
            if id(part) in seen:
                continue
            seen.add(id(part))
            where = sites.get(mode_span) if mode_span is not None else None
            if where is None:
                where = step.call if step.module is root else step.anchor
            if where is None:
                continue
            ctx.emit("norm_update", part.label(), where, part=part.label(),
                     frozen_at=part.frozen_span, mode_at=mode_span, step_at=step.call.span,
                     no_grad=step.no_grad)


def _modes_not_restored(ctx: Interpreter, machine: Machine, root: Module) -> None:
    """A forward pass that records gradients runs in train mode on the loop's first turn
    and in eval mode on the next: an eval() in the loop (for validation) that no train()
    undoes, so every later epoch trains with frozen BatchNorm statistics. Reported at the
    pass, or at the root file's call that leads to it."""
    for (module_id, _), runs in machine.passes.items():
        for obj in {id(run[0]): run[0] for run in runs}.values():
            mine = [run for run in runs if run[0] is obj]
            later = next((run for run in mine[1:] if run[1] == "eval"), None)
            if mine[0][1] != "train" or later is None or later[3] is None:
                continue
            here = module_id == id(root)
            ctx.emit("train_mode_lost", obj.label(), later[3], part=obj.label(),
                     eval_at=later[2] if here else None)
            break
