"""Turn an index into facts: resolve names, evaluate values, dispatch to handlers."""

from __future__ import annotations

import builtins
import sys
from typing import Any

import libcst as cst

from ftlint.extract import knowledge, registry
from ftlint.extract.custom import Knowledge
from ftlint.extract.evaluate import Evaluator, ImportResolver
from ftlint.extract.index import CallSite, Index, Site, dotted
from ftlint.facts import Fact, Value, unknown

_BUILTINS = frozenset(dir(builtins))
# Modules whose capitalized names are layers (read by the model extractor, not a handler).
STAR_LAYER_MODULES = frozenset({"keras.layers", "torch.nn"})
# Methods that return the object they are called on (or the same model on another device).
SAME_OBJECT_METHODS = frozenset({"to", "cuda", "cpu", "half", "float", "double", "bfloat16",
                                 "eval", "train", "requires_grad_", "share_memory"})


class Interpreter:
    def __init__(self, index: Index, source_lines: list[str],
                 knowledge: Knowledge | None = None, imports: ImportResolver | None = None,
                 ) -> None:
        self.index = index
        self.lines = source_lines
        self.facts: list[Fact] = []
        self.errors: list[str] = []  # handlers that failed (an ftlint bug, logged)
        self.knowledge = knowledge  # functions the user declared in [tool.ftlint]
        self.evaluator = Evaluator(index, self.resolve, imports)
        self._class_cache: dict[tuple[str, str | None, int], str] = {}

    # -- names -----------------------------------------------------------------------
    def resolve(self, name: str) -> str:
        """Canonical qualified name of a dotted callee, '' when it is not an import."""
        if not name:
            return ""
        head, _, rest = name.partition(".")
        origin = self.index.aliases.get(head)
        if origin is not None and len(self.index.alias_origins.get(head, ())) > 1 and len(
                {knowledge.canonical(o) for o in self.index.alias_origins[head]}) > 1:
            return ""  # imported from two places (inside two functions): which one is unknown
        if origin is None:
            if head in _BUILTINS and not rest:
                return head
            return self._from_star_import(head, rest)
        full = f"{origin}.{rest}" if rest else origin
        return knowledge.canonical(full)

    def _from_star_import(self, head: str, rest: str) -> str:
        """`from tensorflow.keras.layers import *` then `Dense(...)`: the first star-imported
        module where the name is something ftlint knows."""
        if not self.index.star_imports or head in self.index.units or head in \
                self.index.assignments:
            return ""
        targets = [(knowledge.canonical(f"{m}.{head}"), knowledge.canonical(m))
                   for m in self.index.star_imports]
        found = next((t for t, _ in targets if t in registry.FUNCTIONS), None) or next(
            (t for t, module in targets if module in STAR_LAYER_MODULES and head[:1].isupper()),
            None)
        if found is None:
            return ""
        return f"{found}.{rest}" if rest else found

    def is_import(self, name: str) -> bool:
        return name.split(".")[0] in self.index.aliases

    def is_a(self, cls: str, classes: frozenset[str] | tuple[str, ...]) -> bool:
        """The class is one of `classes`, or a class of this file built on one
        (`class SavePeftModelTrainer(Trainer)`: receiver_class 'local.SavePeftModelTrainer')."""
        if cls in classes:
            return True
        return any(self.resolve(base) in classes
                   for base in self.index.class_bases.get(cls.removeprefix("local."), ()))

    def class_of(self, name: str, unit: str | None, line: int) -> str:
        """Canonical class (or factory) a variable was last built from, '' if unknown."""
        key = (name, unit, line)
        if key not in self._class_cache:
            self._class_cache[key] = self._class_of(name, unit, line)
        return self._class_cache[key]

    def _class_of(self, name: str, unit: str | None, line: int, depth: int = 0) -> str:
        assignments = self.index.assignments.get(name, ())
        local = [a for a in assignments if a.unit == unit and a.line <= line]
        if not local and unit in self.index.param_order and name in self.index.params[unit]:
            return self._parameter_class(name, unit, depth)
        chosen = local[-1] if local else next(
            (a for a in reversed(assignments) if a.unit is None or a.unit == unit), None
        )
        if chosen is None or not isinstance(chosen.value, cst.Call):
            if chosen is None and name.startswith("self."):
                # self.x assigned in __init__ and used in another method of the class
                other = [a for a in assignments if isinstance(a.value, cst.Call)]
                if other:
                    return self.call_class(other[-1].value)
            return ""
        return self.call_class(chosen.value)

    def _parameter_class(self, name: str, unit: str, depth: int) -> str:
        """The class every call site of the function passes for this parameter."""
        if depth > 2:
            return ""
        position = self.index.param_order[unit].index(name) if name in self.index.param_order[
            unit] else -1
        classes = set()
        for site in self.index.calls:
            if site.name != unit:
                continue
            node = None
            for i, arg in enumerate(site.node.args):
                if (arg.keyword is not None and arg.keyword.value == name) or (
                        arg.keyword is None and not arg.star and i == position):
                    node = arg.value
            if not isinstance(node, cst.Name):
                return ""
            classes.add(self._class_of(node.value, site.unit, site.span.line, depth + 1))
        return classes.pop() if len(classes) == 1 else ""

    def caller_name(self, name: str, unit: str | None) -> str:
        """What a function's parameter stands for at its call sites: `net.train()` inside
        run_epoch(net) called as run_epoch(model) is model.train()."""
        head, _, rest = name.partition(".")
        if unit is None or head not in self.index.params.get(unit, ()):
            return name
        passed = self.evaluator.passed_expressions(head, unit)
        outer = dotted(passed[0][0]) if len(passed) == 1 else ""
        return f"{outer}.{rest}" if outer and rest else outer or name

    def call_class(self, call: cst.Call) -> str:
        # `AutoModel.from_pretrained(...).to(device)` is still the model
        while (isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Call)
               and call.func.attr.value in SAME_OBJECT_METHODS):
            call = call.func.value
        callee = dotted(call.func)
        qualified = self.resolve(callee)
        if qualified.endswith((".from_pretrained", ".load")):
            qualified = qualified.rsplit(".", 1)[0] + "#" + qualified.rsplit(".", 1)[1]
        return qualified or (f"local.{callee}" if callee in self.index.units else "")

    # -- values ----------------------------------------------------------------------
    def value(self, node: cst.BaseExpression | None, site: Site) -> Value:
        return self.evaluator.evaluate(node, site.unit, site.span.line)

    def arg(self, call: CallSite, keyword: str | tuple[str, ...], position: int = -1):
        """The argument node by keyword (any of several spellings) or position."""
        keywords = (keyword,) if isinstance(keyword, str) else keyword
        for a in call.node.args:
            if a.keyword is not None and a.keyword.value in keywords:
                return a.value
        if position >= 0:
            positional = [a for a in call.node.args if a.keyword is None and not a.star]
            if position < len(positional):
                return positional[position].value
        return None

    def arg_value(self, call: CallSite, keyword, position: int = -1,
                  default: Any = None, has_default: bool = False) -> Value:
        node = self.arg(call, keyword, position)
        if node is not None:
            return self.value(node, call)
        keywords = (keyword,) if isinstance(keyword, str) else keyword
        for star in (a for a in call.node.args if a.star == "**"):
            mapping = self.value(star.value, call)  # **PARAMS with PARAMS a known dict
            if not (mapping.known and isinstance(mapping.value, dict)):
                return unknown("passed through **kwargs")
            for name in keywords:
                if name in mapping.value:
                    found = mapping.value[name]
                    return found if isinstance(found, Value) else Value(found, "config")
        if position >= 0 and any(a.star == "*" for a in call.node.args):
            return unknown("passed through *args")
        if has_default:
            return Value(default, "default")
        return unknown("not given")

    def has_star_args(self, call: CallSite) -> bool:
        """Arguments passed through *args or a **dict whose content is unknown."""
        for a in call.node.args:
            if a.star == "*":
                return True
            if a.star == "**":
                mapping = self.value(a.value, call)
                if not (mapping.known and isinstance(mapping.value, dict)):
                    return True
        return False

    # -- facts -----------------------------------------------------------------------
    def text(self, site: Site) -> str:
        span = site.span
        line = self.lines[span.line - 1] if 0 < span.line <= len(self.lines) else ""
        if span.line == span.end_line:
            snippet = line[span.column - 1 : span.end_column - 1]
        else:
            snippet = line[span.column - 1 :] + " ..."
        snippet = " ".join(snippet.split())
        return snippet if len(snippet) <= 80 else snippet[:77] + "..."

    def emit(self, kind: str, value: Any, site: Site, **attrs: Any) -> Fact:
        fact = Fact(kind, value, site.span, self.text(site), attrs, site.unit, site.stmt,
                    self.index.path)
        self.facts.append(fact)
        return fact

    # -- dispatch --------------------------------------------------------------------
    def run(self) -> list[Fact]:
        """Every handler that applies, each guarded: a handler that fails on unusual code
        costs that one fact (the failure is kept in `errors` for the log), never the file."""
        for call in self.index.calls:
            self._guarded(call, self.dispatch, call)
        for write in self.index.attribute_writes:
            for handler in registry.ATTRIBUTE_WRITES.get(write.attr, ()):
                self._guarded(write.site, handler, self, write)
        for site, receiver, attr in self.index.attribute_reads:
            for handler in registry.ATTRIBUTE_READS.get(attr, ()):
                self._guarded(site, handler, self, site, receiver)
        for site in self.index.divisions:
            for handler in registry.DIVISIONS:
                self._guarded(site, handler, self, site)
        for handler in registry.FINISHERS:
            try:
                handler(self)
            except Exception as exc:  # reported through the log; the analysis goes on
                self.errors.append(f"{self.index.path}: ftlint could not finish reading this "
                                   f"file ({type(exc).__name__}: {exc}); please report it")
        return self.facts

    def _guarded(self, site: Site, function, *args) -> None:
        try:
            function(*args)
        except Exception as exc:  # reported through the log; the analysis goes on
            self.errors.append(f"{site.span.path}:{site.span.line}: ftlint could not read "
                               f"this code ({type(exc).__name__}: {exc}); please report it")

    def dispatch(self, call: CallSite) -> None:
        qualified = self.resolve(call.name) if call.name else ""
        if qualified:
            handler = registry.FUNCTIONS.get(qualified)
            if handler is None and self.knowledge:
                handler = self.knowledge.handler(qualified)
            if handler is None and call.method in knowledge.LAYERWISE_TAILS:
                handler = registry.FUNCTIONS.get("#layerwise")
            if handler is not None:
                handler(self, call)
                return
            if self._is_opaque(call.name):
                self.emit("opaque_call", call.name.split(".")[0], call)
            # `module.Class.from_pretrained(...)` and friends also reach method handlers
            if not call.receiver or not call.method:
                return
        elif call.name and call.name in self.index.units:
            return  # a local function: its own facts are attributed by reference
        elif call.name and call.name in knowledge.LAYERWISE_TAILS:
            handler = registry.FUNCTIONS.get("#layerwise")
            if handler is not None:
                handler(self, call)
            return
        if call.receiver or (call.method and not qualified):
            receiver_class = ""
            if call.receiver and not self.is_import(call.receiver):
                receiver_class = self.class_of(call.receiver, call.unit, call.span.line)
            elif call.receiver:
                receiver_class = self.resolve(call.receiver)
            elif isinstance(call.node.func, cst.Attribute) and isinstance(call.node.func.value,
                                                                          cst.Call):
                receiver_class = self.call_class(call.node.func.value)  # StandardScaler().fit(X)
            for handler in registry.METHODS.get(call.method, ()):
                handler(self, call, receiver_class)
        if call.name and not call.receiver and not qualified:
            cls = self.class_of(call.name, call.unit, call.span.line)
            handler = registry.instance_handler(cls) if cls else None
            if handler is not None:
                handler(self, call, cls)

    def _is_opaque(self, name: str) -> bool:
        head = name.split(".")[0]
        module = self.index.imported_from.get(head, "")
        top = module.lstrip(".").split(".")[0]
        if not top or top in knowledge.KNOWN_PACKAGES:
            return False
        # Python's own modules (traceback, json, os) do no preprocessing or weighting
        return module.startswith(".") or top not in sys.stdlib_module_names


def receiver_value(ctx: Interpreter, call: CallSite) -> Value:
    if isinstance(call.node.func, cst.Attribute):
        return ctx.value(call.node.func.value, call)
    return unknown("no receiver")
