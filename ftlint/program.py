"""Files become profiles: parse once, extract once, follow imports inside the project,
split two-phase files, and gather each phase's facts (with the functions it calls)."""

from __future__ import annotations

import gc
import os
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ftlint import source as source_mod
from ftlint.extract import ModuleFacts, extract
from ftlint.extract.custom import Knowledge
from ftlint.extract.knowledge import KNOWN_PACKAGES
from ftlint.facts import Fact, Value, unknown
from ftlint.limits import (
    DEFAULT,
    BudgetExceeded,
    Limits,
    check_deadline,
    expired,
    stop_budget,
    time_budget,
)
from ftlint.phases import finetune_end, split_point
from ftlint.rule import Profile

_IMPORT_DEPTH = 3


class Workspace:
    """Parsed and extracted files of one run, each read once; unsaved texts win over disk."""

    def __init__(self, overrides: dict[str, str] | None = None, incremental: bool = False,
                 knowledge: Knowledge | None = None, limits: Limits = DEFAULT) -> None:
        """overrides: unsaved editor texts by path. incremental: keep each file's parsed
        statements between runs (the language server), so an edit re-parses one statement.
        knowledge: the user's declared functions ([tool.ftlint] preprocessing, optimizers).
        limits: file size, nesting and time bounds (ftlint.limits)."""
        self.overrides = overrides or {}
        self.incremental = incremental
        self.knowledge = knowledge
        self.limits = limits
        self._modules: dict[str, ModuleFacts] = {}
        self._chunks: dict[str, dict[str, object]] = {}
        self._part_indexes: dict[str, dict] = {}
        self._resolving: set[str] = set()
        self.probed: set[str] = set()  # paths imports were looked for at (resolve_module)
        self._folders: dict[str, tuple[str, ...]] = {}  # file -> its sys.path additions
        self._resolved: dict[tuple, str | None] = {}  # (folder, spelling, module, folders)

    def _resolve(self, importer: str, module: str) -> str | None:
        """resolve_module, once per folder and name in a run; an editor's workspace lives
        on while files appear, so it looks again every time."""
        folders = self._folders.get(os.path.normpath(importer), ())
        if self.incremental:
            return resolve_module(importer, module, self.probed, folders)
        key = (os.path.dirname(os.path.abspath(importer)), os.path.isabs(importer), module,
               folders)
        if key not in self._resolved:
            self._resolved[key] = resolve_module(importer, module, self.probed, folders)
        return self._resolved[key]

    def module(self, path: str) -> ModuleFacts:
        """The file's facts; whatever the input, a result (its problems say what failed)."""
        key = os.path.normpath(path)
        if key in self._modules:
            return self._modules[key]
        failure = None
        try:
            with time_budget(self.limits.time_budget) as owner:
                try:
                    self._modules[key] = self._analyse(path, key)
                except Exception as exc:
                    failure = self._failure(exc, owner)
        except BudgetExceeded as exc:  # the timer fired as the budget was being disarmed
            if key not in self._modules and failure is None:
                failure = self._failure(exc, owner=True)
        if failure is not None:
            self._failed(path, key, *failure)
        if not gc.isenabled():  # paused for a CLI run (ftlint.project.young_collections):
            gc.collect(1)  # this file's cycles, without scanning every tree kept
        return self._modules[key]

    def _failure(self, exc: Exception, owner: bool) -> tuple[str, str]:
        """What an exception out of a file's analysis says, as (problem kind, message)."""
        if isinstance(exc, BudgetExceeded) or expired():
            # the budget's signal can surface inside other errors (ast.parse's SystemError)
            stop_budget()
            if not owner:  # the importing file's budget: it reports the overrun
                raise BudgetExceeded() from exc
            return ("budget", f"analysis stopped: over the time budget of "
                    f"{self.limits.time_budget:g} s (setting analysis-time-budget); this "
                    "file's facts are unknown")
        if isinstance(exc, RecursionError):
            return ("limit", "nested too deeply for ftlint's analysis: ftlint skips this file")
        if isinstance(exc, MemoryError):
            return ("limit", "out of memory analysing this file: ftlint skips it")
        return ("crash", f"ftlint failed analysing this file ({type(exc).__name__}: {exc}); "
                "please report it")

    def _failed(self, path: str, key: str, kind: str, message: str) -> None:
        text = self.overrides.get(key, "")
        problem = source_mod.Problem(path, 1, 1, message, kind)
        self._modules[key] = extract(source_mod.SourceFile(path, text, problems=[problem]),
                                     self.knowledge)

    def _analyse(self, path: str, key: str) -> ModuleFacts:
        text = self.overrides.get(key)
        if text is None:
            text, problem = source_mod.read_text(path, self.limits)
            if problem is not None:
                unread = source_mod.SourceFile(path, "", problems=[problem])
                return extract(unread, self.knowledge)
        elif not text.strip():
            problem = source_mod.Problem(path, 1, 1, "empty file: nothing to check", "unreadable")
            return extract(source_mod.SourceFile(path, text, problems=[problem]), self.knowledge)
        self._folders[key] = sys_path_folders(text)
        cache = self._chunks.setdefault(key, {}) if self.incremental else None
        part_cache = self._part_indexes.setdefault(key, {}) if self.incremental else None
        # the historical call when the limits are the defaults: wrappers of parse_text
        # (tests count parses with one) keep working
        src = source_mod.parse_text(path, text, cache) if self.limits == DEFAULT \
            else source_mod.parse_text(path, text, cache, self.limits)
        check_deadline()  # libcst's native parse cannot be interrupted: look after it
        if cache is not None:  # keep only the statements the file still has
            live = set(src.chunks)
            for chunk in [c for c in cache if isinstance(c, str) and c not in live]:
                del cache[chunk]  # (its one other key, the last split, stays)
            alive = {id(part.module) for part in src.parts}
            for module_id in [m for m in part_cache if m not in alive]:
                del part_cache[module_id]
        return extract(src, self.knowledge, part_cache,
                       lambda module, name, p=path: self._value_from(p, module, name),
                       lambda module, p=path: self._module_from(p, module))

    def _value_from(self, importer: str, module: str, name: str) -> Value:
        """The value of `name` in the project module `module` imported by `importer`."""
        if _package(importer, module):
            return unknown(f"'{name}' comes from the package {module}")
        path = self._resolve(importer, module)
        if path is None:
            return unknown(f"module '{module}' is not in the project")
        key = os.path.normpath(path)
        if key in self._resolving:
            return unknown("circular import")
        self._resolving.add(key)
        try:
            other = self.module(path)
        finally:
            self._resolving.discard(key)
        if other.evaluator is None:
            return unknown(f"'{path}' cannot be read")
        return other.evaluator.module_value(name)

    def _module_from(self, importer: str, module: str) -> ModuleFacts | None:
        """The extracted project module `module` imported by `importer` (None: not ours)."""
        if _package(importer, module):
            return None
        path = self._resolve(importer, module)
        if path is None:
            return None
        key = os.path.normpath(path)
        if key in self._resolving or key == os.path.normpath(importer):
            return None
        self._resolving.add(key)
        try:
            return self.module(path)
        finally:
            self._resolving.discard(key)

    def set_text(self, path: str, text: str | None) -> None:
        """An editor's unsaved text for a file (None: read it from disk again)."""
        key = os.path.normpath(path)
        if text is None:  # closed in the editor: its statement caches go with its text
            self.overrides.pop(key, None)
            self._chunks.pop(key, None)
            self._part_indexes.pop(key, None)
        else:
            self.overrides[key] = text
        self.forget(path)

    def loaded(self) -> set[str]:
        """Every file this workspace has read, analysed or imported by one that was, and
        every path an import was looked for at, found or not."""
        return set(self._modules) | self.probed

    def forget(self, path: str) -> None:
        self._modules.pop(os.path.normpath(path), None)

    # -- profiles --------------------------------------------------------------------
    def whole(self, path: str, phase: str) -> Profile:
        module = self.module(path)
        return Profile(path, phase, self._gather(module, None, depth=0))

    def phases(self, path: str) -> tuple[Profile, Profile] | None:
        module = self.module(path)
        split = split_point(module)
        if split is None:
            return None
        end = finetune_end(module, split)
        pretrain = self._gather(module, set(range(split)), depth=0)
        finetune = self._gather(module, set(range(split, end)), depth=0)
        return Profile(path, "pretrain", pretrain), Profile(path, "finetune", finetune)

    def _gather(self, module: ModuleFacts, statements: set[int] | None, depth: int,
                roots: set[str] | None = None,
                pruned: dict[str, set[str]] | None = None) -> list[Fact]:
        """pruned: names a unit only calls in branches its callers' arguments rule out."""
        index = module.index
        if statements is None and roots is None:
            units = set(index.units)
            scopes = [key for key in index.references]
        else:
            statements = statements or set()
            referenced_anywhere = set()
            for counter in index.references.values():
                referenced_anywhere.update(counter)
            start = set(roots or ())
            for stmt in statements:
                start.update(n for n in index.references.get(("stmt", stmt), {}) if n in index.units)
            start.update(u for u, s in index.units.items()
                         if s in statements and u not in referenced_anywhere)
            units = closure(index, start, pruned)
            # module-level values the included functions read (`stop = set(...)` above
            # `prep`), and the classes those tables name (`str2trainer = {"bert": BertTrainer}`
            # read by `worker`: any of them may run)
            for _ in range(_TABLE_HOPS):
                tables = _read_globals(index, units, statements)
                named = {n for s in tables for n in index.references.get(("stmt", s), {})
                         if n in index.units} - units
                statements = statements | tables
                if not named:
                    break
                units |= closure(index, named)
            scopes = [("stmt", s) for s in statements] + list(units)
            if depth > 0:  # an imported module: its `if __name__ == "__main__":` never runs
                statements -= index.main_guards
        facts = [f for f in module.facts
                 if (f.unit is None and (statements is None or f.stmt in statements))
                 or (f.unit is not None and f.unit in units)]
        if depth < _IMPORT_DEPTH:
            imported, resolved_heads = self._imported(module, scopes, depth, pruned)
            facts = [f for f in facts
                     if not (f.kind == "opaque_call" and f.value in resolved_heads)] + imported
        return facts

    def _imported(self, module: ModuleFacts, scopes: list, depth: int,
                  pruned: dict[str, set[str]] | None = None) -> tuple[list[Fact], set]:
        """Facts of project-local functions the given scopes use by import."""
        index = module.index
        names: set[str] = set()
        for key in scopes:
            skip = (pruned or {}).get(key, set())
            names.update(n for n in index.references.get(key, {}) if n not in skip)
        if any(f.kind == "load" and f.attr("what") == "any" for f in module.facts):
            # `from textprep import normalize  # needed to unpickle the vectorizer`: an
            # imported function that is never called runs inside what the script unpickles
            names.update(index.imported_from)
        wanted: dict[str, set[str]] = {}  # module file -> functions/classes used
        resolved: set[str] = set()
        for name in names:
            origin = index.aliases.get(name)
            if origin is None:
                path = self._star_source(module, name)
                if path:  # `from models import *` then ResNet18()
                    wanted.setdefault(path, set()).add(name)
                    resolved.add(name)
                continue
            if _package(module.source.path, origin):
                continue
            from_module = index.imported_from.get(name, "")
            if from_module and origin.startswith(from_module + ".") or from_module.startswith("."):
                path = self._resolve(module.source.path, from_module)
                if path:
                    wanted.setdefault(path, set()).add(origin.rsplit(".", 1)[-1])
                    resolved.add(name)
                    continue
            path = self._resolve(module.source.path, origin)
            if path:  # `import utils` then utils.clean(...) or tokenizer=utils.clean
                resolved.add(name)
                used = {dotted.split(".", 1)[1] for key in scopes
                        for dotted in index.attribute_names.get(key, ())
                        if dotted.startswith(name + ".")}
                wanted.setdefault(path, set()).update(used)
        whole = self._star_imported(module)
        # a star-imported file's module-level code runs here, its functions as used
        defined: dict[str, set[str]] = {path: set() for path in whole}
        runs_top: set[str] = set(whole)  # files whose module-level code runs here
        for path, functions in wanted.items():
            for function in functions:
                where = self._definition(path, function)  # re-exports read
                if where is not None:
                    defined.setdefault(where[0], set()).add(where[1])
                elif self._module_variable(path, function):
                    # `import morph as mp` then `mp.train_flow`: the generator morph's
                    # module-level code builds (its rescale) feeds this script's model
                    runs_top.add(path)
                    defined.setdefault(path, set())
        facts: list[Fact] = []
        fits: bool | None = None  # does this module run a fit loop (asked once, if needed)
        for path, roots in defined.items():
            if os.path.normpath(path) == os.path.normpath(module.source.path):
                continue
            other = self.module(path)
            # `from data_loader import *` runs that file's module-level code here: its
            # transforms and loaders are this script's, as a split notebook's cells are
            top = {f.stmt for f in other.facts if f.unit is None} if path in runs_top else set()
            if roots or top:
                pruned = {root: _ruled_out(other, root, _literal_keywords(module, root))
                          for root in roots}
                if fits is None:
                    fits = _runs_a_fit_loop(module)
                if not fits:  # nothing here runs a fit loop: the module's fit hooks never run
                    for root in roots:
                        pruned[root] |= _called_only_inside(other.index, root,
                                                            _fit_hooks(other.index, root))
                gathered = self._gather(other, top, depth + 1, roots=roots, pruned=pruned)
                gathered = _per_iteration(module.index, other.index, roots, gathered)
                gathered = _called_methods_only(module.index, other, roots, gathered)
                facts.extend(gathered if fits else _without_fit_hooks(other.index, gathered))
        return facts, resolved

    def _module_variable(self, path: str, name: str) -> bool:
        """`name` is a value the module's top-level code assigns (not a function or class)."""
        index = self.module(path).index
        return index is not None and name not in index.units and any(
            a.unit is None for a in index.assignments.get(name, ()))

    def _star_imported(self, module: ModuleFacts) -> set[str]:
        """Paths of the project files this module star-imports."""
        paths = (self._resolve(module.source.path, name)
                 for name in module.index.star_imports if not _package(module.source.path, name))
        return {path for path in paths if path}

    def _definition(self, path: str, name: str, hops: int = 0) -> tuple[str, str] | None:
        """The project file and name that define `name` as seen from module `path`: itself,
        or through a package's re-export (`from .checkpoint import save_checkpoint` or
        `from .lbfgs import *` in evaluate/__init__.py)."""
        other = self.module(path)
        index = other.index
        if index is None:
            return None
        if name in index.units:
            return path, name
        if hops >= _REEXPORT_HOPS:
            return None
        origin, source = index.aliases.get(name), index.imported_from.get(name, "")
        if origin and source and not _package(path, source):
            found = self._resolve(path, source)
            return self._definition(found, origin.rsplit(".", 1)[-1], hops + 1) if found else None
        star = self._star_source(other, name, hops + 1)
        return self._definition(star, name, hops + 1) if star else None

    def _star_source(self, module: ModuleFacts, name: str, hops: int = 0) -> str | None:
        """The project module a `from M import *` of this module takes `name` from."""
        index = module.index
        if index is None or not index.star_imports or name in index.units or hops > _REEXPORT_HOPS:
            return None
        for star in index.star_imports:
            if _package(module.source.path, star):
                continue
            found = self._resolve(module.source.path, star)
            if found and os.path.normpath(found) != os.path.normpath(module.source.path) and (
                    self._definition(found, name, hops + 1) is not None):
                return found
        return None


def _read_globals(index, units: set[str], statements: set[int]) -> set[int]:
    """Statements outside the range that set module-level names the functions read.

    A name the function takes as a parameter or sets itself is not read from the module,
    and one also set inside the range is taken from there.
    """
    extra: set[int] = set()
    for unit in units:
        own = index.params.get(unit, set())
        for name in index.references.get(unit, {}):
            if name in own or name in index.units:
                continue
            assignments = index.assignments.get(name, ())
            if any(a.unit == unit for a in assignments):
                continue
            module_level = [a for a in assignments if a.unit is None]
            if module_level and not any(a.stmt in statements for a in module_level):
                extra.update(a.stmt for a in module_level)
    return extra


def _package(importer: str, module: str) -> bool:
    """A module of an installed package ftlint knows, not of the project. A project folder
    or file of that name beside the script shadows the package, as sys.path[0] does (a
    local `evaluate/` is not Hugging Face's `evaluate`)."""
    if module.startswith("."):
        return False
    head = module.split(".")[0]
    return head in KNOWN_PACKAGES and not _beside(os.path.dirname(os.path.abspath(importer)), head)


@lru_cache(maxsize=4096)
def _beside(folder: str, head: str) -> bool:
    return os.path.isfile(os.path.join(folder, head + ".py")) or os.path.isfile(
        os.path.join(folder, head, "__init__.py"))


_REEXPORT_HOPS = 3  # package/__init__.py -> package/module.py -> ...
_TABLE_HOPS = 3  # a table of classes whose methods read another table ...


def closure(index, start: set[str], pruned: dict[str, set[str]] | None = None) -> set[str]:
    """The units reachable from `start` by the names they reference (pruned: names a unit
    only calls in branches its callers rule out)."""
    seen: set[str] = set()
    todo = list(start)
    while todo:
        unit = todo.pop()
        if unit in seen:
            continue
        seen.add(unit)
        skip = (pruned or {}).get(unit, set())
        todo.extend(n for n in index.references.get(unit, {})
                    if n in index.units and n not in seen and n not in skip)
    return seen


def _runs_a_fit_loop(module: ModuleFacts) -> bool:
    """The script runs a framework's training loop (`trainer.fit(module)`), or its
    framework is unknown (a fit call on anything but a known predictor)."""
    import libcst as cst

    from ftlint.extract.index import dotted
    from ftlint.extract.knowledge import LOOP_RUNNERS

    if module.evaluator is None:
        return True
    for call in module.index.calls:
        if call.method not in ("fit", "train") or not isinstance(call.node.func, cst.Attribute):
            continue
        receiver = call.node.func.value
        if isinstance(receiver, cst.Call):  # L.Trainer().fit(...)
            built = receiver
        elif call.receiver:
            found = module.evaluator.construction(call.receiver, call.unit, call.span.line)
            built = found[0] if found else None
        else:
            built = None
        cls = module.evaluator.resolve(dotted(built.func)) if built is not None else ""
        if cls in LOOP_RUNNERS or not cls:
            return True
    return False


def _fit_hooks(index, unit: str) -> list[tuple[int, int]]:
    """Lines of a class's methods that only a fit loop calls (FIT_ONLY_HOOKS)."""
    from ftlint.extract.knowledge import FIT_ONLY_HOOKS

    return [b.lines for b in index.blocks if b.kind == "def" and b.unit == unit
            and b.function in FIT_ONLY_HOOKS]


def _called_only_inside(index, unit: str, ranges: list[tuple[int, int]]) -> set[str]:
    """Names `unit` calls inside the line ranges and nowhere else in it."""
    if not ranges:
        return set()
    inside, outside = set(), set()
    for call in index.calls:
        if call.unit == unit and call.name:
            head = call.name.split(".")[0]
            (inside if any(a <= call.span.line <= b for a, b in ranges) else outside).add(head)
    return inside - outside


def _without_fit_hooks(index, facts: list[Fact]) -> list[Fact]:
    """Facts of an imported module minus those inside LightningModule methods only a fit
    loop calls (`train_dataloader` fitting its scaler), for a script that runs none."""
    from ftlint.extract.knowledge import FIT_ONLY_HOOKS

    hooks = [b for b in index.blocks if b.kind == "def" and b.function in FIT_ONLY_HOOKS
             and b.unit is not None and b.unit != b.function]
    if not hooks:
        return facts
    path = os.path.normpath(index.path)
    return [f for f in facts if not (
        os.path.normpath(f.origin_path or index.path) == path and f.unit is not None and any(
            b.unit == f.unit and b.lines[0] <= f.span.line <= b.lines[1] for b in hooks))]


_MODULE = "torch.nn.Module"  # calls forward() (through __call__) and nothing else for you


def _called_methods_only(index, module: ModuleFacts, roots: set[str],
                         facts: list[Fact]) -> list[Fact]:
    """Facts of a plain class (no base, or torch's Module: nothing else calls its methods
    for it, as a Lightning or Keras fit loop calls hooks) only from
    the methods that run: those the importing file calls by name (`model.test(loader)`),
    the constructor, and what those call on `self`. A test script that builds the class
    and calls test() does not run its train(), nor the optimizer step inside."""
    other = module.index
    if module.evaluator is None:
        return facts  # the bases cannot be resolved: every method may run
    path = os.path.normpath(other.path)
    dropped: dict[str, list[tuple[int, int]]] = {}
    called = {c.method for c in index.calls if c.receiver}
    if "eval" in called:
        called.add("train")  # nn.Module.eval() is self.train(False)
    for cls in roots:
        bases = [module.evaluator.resolve(b) or b for b in other.class_bases.get(cls, ["object"])]
        if other.unit_kinds.get(cls) != "class" or bases not in ([], ["object"], [_MODULE]):
            continue
        blocks = {b.function: b.lines for b in other.blocks
                  if b.kind == "def" and b.unit == cls and b.function != cls}
        kept = {m for m in blocks if m in called or m.startswith("__") or m == "forward"}
        todo = list(kept)
        while todo:
            lines = blocks[todo.pop()]
            for call in other.calls:
                if call.unit == cls and call.receiver == "self" and call.method in blocks \
                        and call.method not in kept and lines[0] <= call.span.line <= lines[1]:
                    kept.add(call.method)
                    todo.append(call.method)
        dropped[cls] = [lines for method, lines in blocks.items() if method not in kept]
    if not any(dropped.values()):
        return facts
    return [f for f in facts if not (
        f.unit in dropped and os.path.normpath(f.origin_path or other.path) == path
        and any(a <= f.span.line <= b for a, b in dropped[f.unit]))]


def _per_iteration(index, other, roots: set[str], facts: list[Fact]) -> list[Fact]:
    """Fits of a helper this module calls only inside its loops run once per iteration
    (`for building in ids: data, scaler = preprocess_building_data(...)`): marked so, as
    a fit in the loop itself is."""
    from ftlint.extract.index import in_loop

    looped, once = set(), set()
    for root in roots:
        sites = [c for c in index.calls if c.name and c.name.rsplit(".", 1)[-1] == root]
        if sites and all(in_loop(index, c.unit, c.span.line) for c in sites):
            looped |= closure(other, {root})
        else:
            once |= closure(other, {root})
    looped -= once
    if not looped:
        return facts
    return [replace(f, attrs={**f.attrs, "per_iteration": True})
            if f.kind == "fit" and f.unit in looped else f for f in facts]


def without_unrun_hooks(module: ModuleFacts, facts: list[Fact]) -> list[Fact]:
    """A script's facts minus its own LightningModule's fit-only hooks when it runs no fit
    loop (`finetune.py` defines the module and, run alone, only loads and prints)."""
    if module.index is None or _runs_a_fit_loop(module):
        return facts
    return _without_fit_hooks(module.index, facts)


def _literal_keywords(module: ModuleFacts, name: str) -> dict[str, Value]:
    """Keyword arguments every call of `name` in a file passes as the same literal
    (`PretrainDataset(..., mode="test")`)."""
    index, evaluator = module.index, module.evaluator
    if evaluator is None:
        return {}
    found: dict[str, Value] | None = None
    for call in index.calls:
        if call.name != name and index.aliases.get(call.name, "").rsplit(".", 1)[-1] != name:
            continue
        mine = {}
        for arg in call.node.args:
            if arg.keyword is not None:
                value = evaluator.evaluate(arg.value, call.unit, call.span.line)
                if value.known and value.origin == "literal":
                    mine[arg.keyword.value] = value
        found = mine if found is None else {k: v for k, v in found.items()
                                            if k in mine and mine[k].value == v.value}
    return found or {}


def _ruled_out(other: ModuleFacts, unit: str, bound: dict[str, Value]) -> set[str]:
    """Names `unit` calls only inside branches that `bound` rules out (`if mode == "train":`
    when every caller passes mode="test"); the test is read as the program model reads a
    call's own branches (model.code.compared)."""
    if not bound or other.evaluator is None:
        return set()
    from ftlint.model.code import compared

    dead: list[tuple[int, int]] = []
    for branch in other.index.branches:
        if branch.test.unit != unit:
            continue
        test = branch.test
        taken = compared(test.node, bound, lambda node, site=test: other.evaluator.evaluate(
            node, site.unit, site.span.line))
        if taken is True and branch.orelse is not None:
            dead.append(branch.orelse)
        elif taken is False:
            dead.append(branch.body)
    return _called_only_inside(other.index, unit, dead)


# `sys.path.append('../utils')`, `sys.path.insert(0, "src")`: folders a script imports from
_SYS_PATH = re.compile(r"""sys\.path\.(?:append|insert)\(\s*(?:\d+\s*,\s*)?[rRuU]?(['"])([^'"]+)\1\s*\)""")


def sys_path_folders(text: str) -> tuple[str, ...]:
    """The literal folders a file adds to sys.path, as written (relative to where it runs,
    taken to be its own folder, as its README's `cd dpc; python main.py` does)."""
    if "sys.path" not in text:
        return ()
    return tuple(dict.fromkeys(m.group(2) for m in _SYS_PATH.finditer(text)))


def resolve_module(importer: str, module: str, probed: set[str] | None = None,
                   folders: tuple[str, ...] = ()) -> str | None:
    """The project file a module name refers to, looked up from the importing file.
    probed collects every path looked at, found or not (a file appearing there later
    changes the answer: the result cache must know). folders: the importer's own sys.path
    additions (sys_path_folders), searched after its folder."""
    if not module:
        return None
    base = Path(importer).resolve().parent
    dots = len(module) - len(module.lstrip("."))
    name = module.lstrip(".")
    if dots:
        for _ in range(dots - 1):
            base = base.parent
        bases = [base]
    else:
        added = [(base / f).resolve() for f in folders if not os.path.isabs(f)]
        bases = [base, *added, *list(base.parents)[:3]]
    relative = Path(*name.split(".")) if name else Path()
    for folder in bases:
        for candidate in (folder / relative.with_suffix(".py") if name else None,
                          folder / relative / "__init__.py"):
            if candidate is None:
                continue
            if probed is not None:
                probed.add(os.path.normpath(str(candidate)))
            if candidate.is_file():
                # spelled as the importer is (relative stays relative), so a module that is
                # also a listed project file is one file, parsed once
                return str(candidate) if os.path.isabs(importer) else os.path.relpath(candidate)
        if (folder / "pyproject.toml").exists() or (folder / ".git").exists():
            break
    return None
