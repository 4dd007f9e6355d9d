"""Abstract execution of one file: module-level code in order, local functions and methods
inlined at their calls (parameters bound to the objects passed), loop bodies run twice so
that what the end of an iteration does reaches the start of the next.

Each call site allocates at most one object (allocation-site abstraction). Whatever the
machine cannot follow (a call into unread code, an unknown receiver) makes the objects
involved unknown: it never guesses a state.
"""

from __future__ import annotations

import builtins
import re
from collections import defaultdict
from collections.abc import Callable

import libcst as cst

from ftlint.extract import knowledge
from ftlint.extract.index import CallSite, dotted
from ftlint.facts import Span, Value
from ftlint.model.alloc import Allocation
from ftlint.model.code import (
    Frame,
    Module,
    Step,
    bool_arg,
    call_argument,
    dead_branches,
    exclusive,
    filtered_loop,
    mode_arg,
    unrolled,
)
from ftlint.model.objects import Obj, Objects, union

_BUILTINS = frozenset(dir(builtins))
_NOWHERE = Span("", 0, 0, 0, 0)
_MAX_DEPTH = 6  # nested inlined calls
_MAX_EVENTS = 20000  # per file: beyond it the model stops (and knows less)
SAME_OBJECT = frozenset({"to", "cuda", "cpu", "half", "float", "double", "bfloat16", "train",
                         "eval", "requires_grad_", "share_memory", "type"})
MODE_HELPER = re.compile(r"eval|freeze|bn|batch_?norm|norm", re.I)
LEARNED = ("pretrained", "loaded", "trained")  # weights learned before this point
PARAMETER_METHODS = frozenset({"parameters", "named_parameters"})
IGNORED_METHODS = frozenset({"state_dict", "modules", "children", "named_modules", "zero_grad",
                             "step", "backward", "item", "size", "numel", "register_buffer",
                             "add_module", "register_forward_hook", "__init__"})


class Machine(Allocation):
    def __init__(self, root: Module,
                 imported: Callable[[Module, str], tuple[Module, str] | None] | None = None,
                 preludes: list[Module] | None = None) -> None:
        self.root = root
        self.preludes = preludes or []  # star-imported project files: they run first
        self.imported = imported  # (module, local name) -> (module, function) in another file
        self.alloc: dict[int, Obj] = {}
        self.steps: list[Step] = []
        self.optimizers: dict[int, list] = defaultdict(list)  # fact id -> per-run results
        self.executed: set[tuple] = set()
        self.instances: dict[tuple, list[Obj]] = defaultdict(list)  # (module id, class) -> objs
        self.budget = _MAX_EVENTS
        self.globals: dict[int, Frame] = {}
        self.hooks = False  # running methods no code here calls: optimizers only, no steps
        # train() calls that leave a frozen BatchNorm part in train mode, until an eval()
        # of it follows in the code that called train(): part id -> (call, part, frame)
        self.pending: dict[int, tuple[CallSite, Obj, Frame]] = {}
        self.explicit: list[tuple[CallSite, Obj, Frame]] = []
        self.fits: dict[Span, list[str | None]] = defaultdict(list)  # 'fresh' | 'continued'
        # the objects a method call's receiver held, per run of the call (`model.predict`
        # on a parameter that a caller bound to a loaded model)
        self.receivers: dict[Span, list[Objects]] = defaultdict(list)
        # the mode each BatchNorm network was in at a forward pass that records gradients,
        # per run of the call (loops run twice): (file, call span) -> [(obj, mode, where it
        # was set, the root file's call that led there)]
        self.passes: dict[tuple[int, Span], list[tuple]] = defaultdict(list)

    # -- running -----------------------------------------------------------------------
    def run(self) -> None:
        frame = self._global(self.root)
        for module in self.preludes:
            # `from model import *`: that file runs at the import, and its top-level names
            # (the network it built, its optimizer) are bound here
            prelude = self._global(module)
            self._body(prelude)
            for name, objects in prelude.env.items():
                if not name.startswith("_") and name not in module.index.aliases:
                    frame.env.setdefault(name, objects)
        self._body(frame)
        # hooks a framework calls (configure_optimizers, training_step): run once with self
        self.hooks = True
        for (module_id, cls), objs in list(self.instances.items()):
            module = next((m.module for m in self.globals.values() if id(m.module) == module_id),
                          None)
            if module is None:
                continue
            for method in sorted(module.index.methods.get(cls, ())):
                if (module_id, cls, method) not in self.executed and method != "__init__":
                    for obj in objs[:1]:
                        self._inline(module, (cls, method), None, [], obj, frame, None)

    def _global(self, module: Module) -> Frame:
        if id(module) not in self.globals:
            self.globals[id(module)] = Frame(module, (None, ""))
        return self.globals[id(module)]

    def _body(self, frame: Frame) -> Objects:
        module = frame.module
        events = module.events.get(frame.key, [])
        loops = module.loops.get(frame.key, [])
        returned: Objects = frozenset()
        for event in unrolled(events, loops, 0):
            self.budget -= 1
            if self.budget < 0:
                return None
            if any(a <= event[0] <= b for a, b in frame.dead):
                continue
            kind, payload = event[4], event[5]
            if kind == "call":
                self._call(payload, frame)
            elif kind == "bind":
                if not any(a <= event[0] <= b for a, b in module.fallbacks.get(frame.key, ())):
                    self._bind(*payload, frame)  # an `except` rebinding is the failure path
            else:
                self._freeze_write(payload, frame)
        for key, (call, part, owner) in list(self.pending.items()):
            if owner is frame:
                self.explicit.append((call, part, frame))
                del self.pending[key]
        values = module.index.returns.get(frame.key, [])
        if values:
            returned = union(*(self.eval(v, frame) for v in values))
        return returned

    def _in_no_grad(self, frame: Frame, line: int) -> bool:
        return frame.no_grad or any(a <= line <= b
                                    for a, b in frame.module.no_grad.get(frame.key, ()))

    # -- values ------------------------------------------------------------------------
    def eval(self, node: cst.BaseExpression | None, frame: Frame) -> Objects:
        if isinstance(node, cst.Name):
            if node.value == "self" and frame.self_obj is not None:
                return frozenset({frame.self_obj})
            if node.value in frame.env:
                return frame.env[node.value]
            glob = self._global(frame.module)
            return glob.env.get(node.value) if frame is not glob else None
        if isinstance(node, cst.Attribute):
            base = self.eval(node.value, frame)
            if not base:
                return None
            parts = [obj.part(node.attr.value) for obj in base]
            return None if any(p is None for p in parts) else frozenset(parts)
        if isinstance(node, cst.Call):
            if id(node) in frame.results:
                return frame.results[id(node)]
            return None
        if isinstance(node, cst.Tuple) and not any(isinstance(e, cst.StarredElement)
                                                   for e in node.elements):
            # `return model, scaler`: a tuple of what its elements hold, unpacked at the call
            packed = Obj("tuple", "tuple", frame.anchor.span if frame.anchor else _NOWHERE,
                         own=False)
            for position, element in enumerate(node.elements):
                found = self.eval(element.value, frame)
                if found and len(found) == 1:
                    packed.children[str(position)] = next(iter(found))
            return frozenset({packed})
        if isinstance(node, cst.Subscript) and len(node.slice) == 1:
            base = self.eval(node.value, frame)
            index = node.slice[0].slice
            if base and isinstance(index, cst.Index) and isinstance(index.value, cst.Integer):
                parts = [obj.children.get(index.value.value) for obj in base
                         if obj.kind in ("container", "tuple")]
                if parts and all(p is not None for p in parts):
                    return frozenset(parts)
        return None

    def eval_dotted(self, name: str, frame: Frame) -> Objects:
        """The objects of `a.b.c` written as text (an assignment target, a loop source)."""
        head, *rest = name.split(".")
        if not head.isidentifier():
            return None
        objs = self.eval(cst.Name(head), frame)
        for attr in rest:
            if not objs:
                return None
            parts = [obj.part(attr) for obj in objs]
            objs = None if any(p is None for p in parts) else frozenset(parts)
        return objs

    def _bind(self, name: str, value: cst.BaseExpression | None,
              unpacked: tuple[cst.BaseExpression, int] | None, frame: Frame) -> None:
        objs = self.eval(value, frame) if value is not None else None
        if unpacked is not None:  # `model, scaler = load(cfg)` with `return model, scaler`
            whole = self.eval(unpacked[0], frame)  # one tuple per `return`
            parts = [t.part(str(unpacked[1])) for t in whole or () if t.kind == "tuple"]
            objs = frozenset(parts) if whole and len(parts) == len(whole) and all(
                p is not None for p in parts) else None
        if "." not in name:
            frame.env[name] = objs
            for obj in objs or ():
                if not obj.name and obj.parent is None:
                    obj.name = name
            return
        base_name, attr = name.rsplit(".", 1)
        base = self.eval_dotted(base_name, frame)
        for owner in base or ():
            if objs and len(objs) == 1:
                owner.attach(attr, next(iter(objs)))
            elif owner.kind in ("network", "user", "container"):
                # replaced by something unknown: not the pretrained part any more
                owner.attach(attr, Obj("other", "?", owner.span))

    # -- calls -------------------------------------------------------------------------
    def _call(self, call: CallSite, frame: Frame) -> None:
        node = call.node
        module = frame.module
        result: Objects = None
        runner = self._runner(call, frame)
        if runner is not None:
            frame.results[id(node)] = frozenset({runner})
            return
        created = self._allocate(call, frame)
        if created is not None:
            frame.results[id(node)] = frozenset({created})
            return
        func = node.func
        if isinstance(func, cst.Attribute):
            result = self._method(call, func, frame)
        elif isinstance(func, cst.Name):
            name = func.value
            target = self._local_function(module, frame, name)
            if target is not None:
                result = self._inline(*target, call, list(node.args), None, frame, call)
            elif name in frame.env or name in self._global(module).env:
                callee = self.eval(func, frame)
                if callee:
                    result = self._forward(callee, call, frame)
            elif self.imported is not None and name in module.index.aliases and \
                    module.resolve(name).split(".")[0] not in knowledge.KNOWN_PACKAGES:
                found = self.imported(module, name)
                if found is None:
                    self._escape_args(call, frame)
                else:
                    other, target = found
                    self._global(other)
                    if other.index.unit_kinds.get(target) == "class":
                        obj = self._instantiate(call, other, frame, target)
                        self.alloc[id(node)] = obj
                        result = frozenset({obj})
                    else:
                        result = self._inline(other, (target, target), call, list(node.args),
                                              None, frame, call)
            elif not self._known_function(module, name):
                self._escape_args(call, frame)
        frame.results[id(node)] = result

    def _known_function(self, module: Module, name: str) -> bool:
        resolved = module.resolve(name)
        return resolved in _BUILTINS or resolved.split(".")[0] in knowledge.KNOWN_PACKAGES

    def _local_function(self, module: Module, frame: Frame, name: str,
                        ) -> tuple[Module, tuple] | None:
        unit = frame.key[0]
        if unit is not None and (unit, name) in module.defs and name != unit:
            return module, (unit, name)
        if module.index.unit_kinds.get(name) == "def":
            return module, (name, name)
        return None

    def _method(self, call: CallSite, func: cst.Attribute, frame: Frame) -> Objects:
        method = func.attr.value
        receiver_node = func.value
        is_super = isinstance(receiver_node, cst.Call) and dotted(receiver_node.func) == "super"
        if is_super:
            receiver: Objects = frozenset({frame.self_obj}) if frame.self_obj else None
        else:
            receiver = self.eval(receiver_node, frame)
        module = frame.module
        if frame.module is self.root:
            self.receivers[call.span].append(receiver)
        if not receiver:
            head = dotted(receiver_node).split(".")[0]
            if method in ("eval", "train") and (method == "eval" and not call.node.args
                                               or mode_arg(call) == "eval"):
                # something ftlint cannot follow goes to eval mode: it may be any module
                self._forget_modes(call.span)
            if head not in module.index.aliases:
                self._escape_args(call, frame)
            elif self.imported is not None and dotted(receiver_node) == head and \
                    module.resolve(head).split(".")[0] not in knowledge.KNOWN_PACKAGES:
                return self._module_function(call, head, method, frame)
            return None
        runs = [obj for obj in receiver if obj.kind == "runner"
                and knowledge.LOOP_RUNNERS[obj.cls][0] == method]
        if runs:
            for obj in runs:
                self._training_loop(obj, call, frame)
            return None
        if method in ("train", "eval"):
            mode = "eval" if method == "eval" else mode_arg(call)
            for obj in receiver:
                if obj.overrides_train and not is_super:
                    cls_key = (obj.cls, "train")
                    owner = self._class_module(obj) or module
                    self._inline(owner, cls_key, None, [], obj, frame, call)
                elif obj.modal:
                    obj.set_mode(mode, call.span)
                self._track_train(obj, mode, call, frame)
            return receiver
        if method == "requires_grad_":
            value = bool_arg(call, default=True)
            for obj in receiver:
                if value is None:
                    obj.escape()
                else:
                    obj.set_frozen(not value, call.span)
            return receiver
        if method == "load_state_dict":
            for obj in receiver:
                for part in obj.subtree():
                    if part.own:
                        part.weights = "loaded"
            return None
        if method in SAME_OBJECT:
            return receiver
        if method in knowledge.TRAINING_METHODS:
            self._fit(call, receiver)
            return None
        if method == "forward":
            return self._forward(receiver, call, frame)
        if method == "apply":
            for obj in receiver:  # model.apply(fn): fn decides modes we do not follow
                obj.escape()
                self._unpend(obj)
            return None
        if method in PARAMETER_METHODS or method in IGNORED_METHODS:
            return None
        results: list[Objects] = []
        for obj in receiver:
            owner = self._class_module(obj)
            if obj.kind == "user" and owner is not None and \
                    method in owner.index.methods.get(obj.cls, ()):
                results.append(self._inline(owner, (obj.cls, method), call,
                                            list(call.node.args), obj, frame, call))
            else:
                results.append(None)
                if MODE_HELPER.search(method):  # model.freeze_bn() from code not read here
                    obj.escape()
                    self._unpend(obj)
        self._escape_args(call, frame)
        return union(*results) if results else None

    def _runner(self, call: CallSite, frame: Frame) -> Obj | None:
        """A framework's training-loop object (a Lightning or transformers Trainer); the
        model given to its constructor is kept as its `model`."""
        qualified = frame.module.resolve(call.name) if call.name else ""
        spec = knowledge.LOOP_RUNNERS.get(qualified)
        if spec is None:
            return None
        runner = Obj("runner", qualified, call.span, own=False)
        if spec[1] == "init":
            model = self.eval(call_argument(call, spec[3], spec[2]), frame)
            if model and len(model) == 1:
                runner.children["model"] = next(iter(model))
        return runner

    def _training_loop(self, runner: Obj, call: CallSite, frame: Frame) -> None:
        """`trainer.fit(module)` / `Trainer(model=m).train()`: the loop puts the model in
        train mode, then runs the module's start hooks (where an eval() may undo it)."""
        _, where, position, keyword = knowledge.LOOP_RUNNERS[runner.cls]
        if where == "init":
            models = frozenset({runner.children["model"]}) if "model" in runner.children \
                else None
        else:
            models = self.eval(call_argument(call, keyword, position), frame)
        for obj in models or ():
            if obj.overrides_train:
                owner = self._class_module(obj) or frame.module
                self._inline(owner, (obj.cls, "train"), None, [], obj, frame, call)
            elif obj.modal:
                obj.set_mode("train", call.span)
            self._track_train(obj, "train", call, frame)
            owner = self._class_module(obj)
            for hook in knowledge.TRAIN_START_HOOKS:
                if obj.kind == "user" and owner is not None and \
                        hook in owner.index.methods.get(obj.cls, ()):
                    self._inline(owner, (obj.cls, hook), None, [], obj, frame, call)

    def _module_function(self, call: CallSite, head: str, method: str, frame: Frame) -> Objects:
        """`utils.extract(encoder, loader)` with `import utils` of a project file."""
        found = self.imported(frame.module, f"{head}.{method}")
        if found is None or found[0].index.unit_kinds.get(method) != "def":
            self._escape_args(call, frame)
            return None
        self._global(found[0])
        return self._inline(found[0], (method, method), call, list(call.node.args), None,
                            frame, call)

    def _fit(self, call: CallSite, receiver: frozenset[Obj]) -> None:
        """A training run: of a model built here from scratch, or of one that learned before."""
        parts = [p for obj in receiver for p in obj.subtree() if p.own and not p.frozen]
        if any(p.weights is None or p.escaped for p in parts) or not parts:
            verdict = None
        elif all(p.weights == "fresh" for p in parts):
            verdict = "fresh"
        else:
            verdict = "continued"
        self.fits[call.span].append(verdict)
        for part in parts:
            if part.weights == "fresh":
                part.weights = "trained"

    def _track_train(self, obj: Obj, mode: str | None, call: CallSite, frame: Frame) -> None:
        if self.hooks:
            return
        for part in obj.subtree():
            if mode != "train":
                entry = self.pending.get(id(part))
                # `if training: m.train() else: m.eval()`: the eval() is the other path
                if entry is not None and not exclusive(frame, entry[0], call):
                    del self.pending[id(part)]
            elif _stale_statistics(part) and not part.overrides_train:
                self.pending.setdefault(id(part), (call, part, frame))

    def _class_module(self, obj: Obj) -> Module | None:
        for frame in self.globals.values():
            if obj.cls in frame.module.index.unit_kinds:
                return frame.module
        return None

    def _forward(self, callee: frozenset[Obj], call: CallSite, frame: Frame) -> Objects:
        """Calling modules on data: a step; a user class runs its forward()."""
        no_grad = self._in_no_grad(frame, call.span.line)
        if self.hooks:
            return None
        hazards = [part for obj in callee for part in obj.subtree() if _stale_statistics(part)]
        self.steps.append(Step(call, frame.module, frame.anchor, hazards, no_grad,
                               [part.mode_span for part in hazards]))
        if not no_grad:
            for obj in callee:
                if obj.modal and not obj.escaped and any(p.batchnorm for p in obj.subtree()):
                    self.passes[(id(frame.module), call.span)].append(
                        (obj, obj.mode, obj.mode_span, call if frame.module is self.root
                         else frame.anchor))
        for obj in callee:
            owner = self._class_module(obj)
            if obj.kind == "user" and owner is not None and \
                    "forward" in owner.index.methods.get(obj.cls, ()):
                self._inline(owner, (obj.cls, "forward"), call, list(call.node.args), obj,
                             frame, call)
        return None

    def _escape_args(self, call: CallSite, frame: Frame) -> None:
        # an unread `freeze_bn(model)` / `set_eval(model)` may put the parts in eval mode
        modes = bool(MODE_HELPER.search(call.method or call.name))
        for arg in call.node.args:
            for obj in self.eval(arg.value, frame) or ():
                obj.escape()
                if modes:
                    self._unpend(obj)

    def _unpend(self, obj: Obj) -> None:
        for part in obj.subtree():
            self.pending.pop(id(part), None)

    def _forget_modes(self, span: Span) -> None:
        self.pending.clear()
        for obj in self.alloc.values():
            if obj.modal:
                obj.mode, obj.mode_span = None, span

    def _inline(self, module: Module, key: tuple, call: CallSite | None, args: list,
                self_obj: Obj | None, caller: Frame, anchor: CallSite | None) -> Objects:
        self.executed.add((id(module), key[0], key[1]))
        if caller.depth >= _MAX_DEPTH or key not in module.defs:
            for arg in args:
                for obj in self.eval(arg.value, caller) or ():
                    obj.escape()
            return None
        frame = Frame(module, key, self_obj=self_obj, depth=caller.depth + 1,
                      no_grad=caller.no_grad or (call is not None
                                                 and self._in_no_grad(caller, call.span.line)),
                      anchor=caller.anchor or anchor)
        if module is not caller.module and frame.anchor is None:
            frame.anchor = anchor
        params = module.index.signatures.get(key, [])
        positional = [a for a in args if a.keyword is None and not a.star]
        for name, arg in zip(params, positional, strict=False):
            frame.env[name] = self.eval(arg.value, caller)
        for arg in args:
            if arg.keyword is not None and arg.keyword.value in params:
                frame.env[arg.keyword.value] = self.eval(arg.value, caller)
        if call is not None:
            bound = _bound_values(params, args, caller, call)
            passed = set(params[:len(positional)]) | {a.keyword.value for a in args
                                                      if a.keyword is not None}
            if not any(a.star for a in args) and (
                    key[1] == "__init__" or module.index.unit_kinds.get(key[0]) == "def"):
                for name, node in module.index.param_defaults.get(key[0], {}).items():
                    if name not in passed and name in params and (
                            literal := _literal(node)) is not None:
                        bound[name] = literal  # `def __init__(self, freeze=False)` unpassed
            frame.dead = dead_branches(module, key, bound)
            frame.values, frame.params = bound, tuple(params)
        return self._body(frame)

    def _freeze_write(self, write, frame: Frame) -> None:
        value = write.value
        flag = value.value if isinstance(value, cst.Name) and value.value in ("True",
                                                                               "False") else None
        source = write.loop_source
        if not source or source.endswith("[:]"):
            return  # one parameter, or a slice of layers: only part of it
        objs = self.eval_dotted(source, frame)
        for obj in objs or ():
            if flag is None:
                obj.escape()
            elif filtered_loop(frame, write):
                obj.escape()  # `if "fc" not in name:`: which parameters, ftlint cannot tell
            else:
                obj.set_frozen(flag == "False", write.site.span)

    # -- allocation --------------------------------------------------------------------


def _bound_values(params: list[str], args: list, caller: Frame, call: CallSite) -> dict:
    """The known values a call passes for the parameters (`arch="densenet121"`)."""
    positional = [a for a in args if a.keyword is None and not a.star]
    pairs = list(zip(params, positional, strict=False)) + [
        (a.keyword.value, a) for a in args if a.keyword is not None]
    values = {}
    for name, arg in pairs:
        if isinstance(arg.value, cst.Name) and arg.value.value in caller.params:
            # the caller's own parameter: what its call bound, not what its file's calls
            # (or its default) say
            if arg.value.value in caller.values:
                values[name] = caller.values[arg.value.value]
            continue
        value = caller.module.evaluate(arg.value, call)
        if value.known:
            values[name] = value
    return values


def _literal(node: cst.BaseExpression) -> Value | None:
    """A default that is a constant: True, False, None, a number or a string."""
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return Value({"True": True, "False": False, "None": None}[node.value], "literal")
    if isinstance(node, cst.Integer):
        return Value(int(node.value, 0), "literal")
    if isinstance(node, cst.SimpleString):
        return Value(node.evaluated_value, "literal")
    return None


def _stale_statistics(part: Obj) -> bool:
    """A frozen part with pretrained BatchNorm statistics that a forward pass updates."""
    return (part.modal and part.mode == "train" and part.frozen and part.batchnorm is True
            and part.weights in LEARNED and not part.escaped)
