"""Static values: literals, constants, arithmetic, argparse defaults, config entries.

Nothing here runs the analysed code. What cannot be known comes back unknown, with why.
"""

from __future__ import annotations

import ast
import operator
import os.path
import re
from collections.abc import Callable
from typing import Any

import libcst as cst

from ftlint.extract.index import Index, dotted
from ftlint.facts import Value, unknown
from ftlint.limits import check_deadline

_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    cst.Add: operator.add,
    cst.Subtract: operator.sub,
    cst.Multiply: operator.mul,
    cst.Divide: operator.truediv,
    cst.FloorDivide: operator.floordiv,
    cst.Power: operator.pow,
    cst.Modulo: operator.mod,
}
_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    cst.Equal: operator.eq, cst.NotEqual: operator.ne, cst.LessThan: operator.lt,
    cst.LessThanEqual: operator.le, cst.GreaterThan: operator.gt,
    cst.GreaterThanEqual: operator.ge, cst.In: lambda a, b: a in b,
    cst.NotIn: lambda a, b: a not in b, cst.Is: operator.is_, cst.IsNot: operator.is_not,
}
_RUNTIME_ORIGINS = {"argparse", "config", "runtime"}
_ARGS_NAMES = {"args", "opt", "opts", "options", "flags", "FLAGS", "hparams", "hp", "cfg",
               "config", "conf", "params", "parsed"}
_MAX_DEPTH = 24
# Constant folding refuses results larger than these: `10 ** 10 ** 10` or "a" * 10**9 in
# a 60-byte file must cost nothing. 14,000 bits is about the 4,300 digits int() reads.
_MAX_INT_BITS = 14_000
_MAX_ITEMS = 10_000
_WIDE_FORMAT = re.compile(r"%[^a-zA-Z%]*(?:\*|\d{4,})")  # "%09999999d" % 1


# (module as imported, name in it) -> its value, for modules of the same project
ImportResolver = Callable[[str, str], Value]


class Evaluator:
    def __init__(self, index: Index, resolve: Callable[[str], str],
                 imports: ImportResolver | None = None) -> None:
        self.index = index
        self.resolve = resolve  # dotted name as written -> canonical qualified name
        self.imports = imports
        self._ranges: dict[str, list[tuple[int, int]]] | None = None
        self._flags_collected = False
        self._arguments: dict[tuple[str, str], Value] = {}
        self._weighing_branches = False  # a parameter no call here passes is then unknown
        # memos, valid for one state of the branch ranges (cleared when they change):
        self._live: dict[str, list] = {}  # name -> its assignments outside dead branches
        self._assigned: dict[int, Value] = {}  # id(assignment) -> the value it assigns
        self._steps = 0  # evaluations so far: every 1,024 the file's time budget is checked
        self.argparse: dict[str, Value] = {}
        self.option_help: dict[str, str] = {}  # option -> its help text, when a literal
        self._collect_flags()
        self._flags_collected = True
        self._forget()  # computed without the flags: compute again when asked

    def _forget(self) -> None:
        self._arguments.clear()
        self._live.clear()
        self._assigned.clear()

    # -- argparse and absl flags ------------------------------------------------------
    def _collect_flags(self) -> None:
        for call in self.index.calls:
            if call.method == "add_argument":
                self._add_argument(call)
            elif call.method.startswith("DEFINE_"):
                args = call.node.args
                if len(args) >= 2 and args[0].keyword is None:
                    name = self.evaluate(args[0].value, call.unit, call.span.line)
                    if name.known and isinstance(name.value, str):
                        default = self.evaluate(args[1].value, call.unit, call.span.line)
                        self.argparse[name.value] = _with_origin(default, "argparse")
                        helps = [a.value for a in args[2:3] if a.keyword is None] + [
                            a.value for a in args if a.keyword and a.keyword.value == "help"]
                        self._note_help(name.value, helps[0] if helps else None, call)

    def _add_argument(self, call) -> None:
        options: list[str] = []
        dest = ""
        default: Value = Value(None, "argparse")
        action = ""
        helped = None
        for arg in call.node.args:
            if arg.keyword is not None and arg.keyword.value == "help":
                helped = arg.value
                continue
            value = self.evaluate(arg.value, call.unit, call.span.line)
            if arg.keyword is None:
                if value.known and isinstance(value.value, str):
                    options.append(value.value)
            elif arg.keyword.value == "dest" and value.known:
                dest = str(value.value)
            elif arg.keyword.value == "default":
                default = _with_origin(value, "argparse")
            elif arg.keyword.value == "action" and value.known:
                action = str(value.value)
        if action == "store_true" and default.value is None and default.known:
            default = Value(False, "argparse")
        elif action == "store_false" and default.value is None and default.known:
            default = Value(True, "argparse")
        if not dest:
            longs = [o for o in options if o.startswith("--")]
            chosen = longs[0] if longs else (options[0] if options else "")
            dest = chosen.lstrip("-").replace("-", "_")
        if dest:
            self.argparse[dest] = default
            self._note_help(dest, helped, call)

    def _note_help(self, option: str, node, call) -> None:
        if node is not None:
            text = self.evaluate(node, call.unit, call.span.line)
            if text.known and isinstance(text.value, str):
                self.option_help[option] = text.value

    # -- names -----------------------------------------------------------------------
    def module_value(self, name: str) -> Value:
        """A module-level name as another module importing it sees it."""
        return self.lookup(name, None, 10**9)

    def _imported(self, name: str, attr: str = "") -> Value:
        """`from config import LR` (name) or `import config; config.LR` (name, attr)."""
        origin = self.index.aliases.get(name)
        module = self.index.imported_from.get(name, "")
        if origin is None or self.imports is None:
            return unknown(f"'{name}' is not assigned in this file")
        if attr:  # import config / import pkg.config as cfg
            return self.imports(origin, attr)
        if module and origin == f"{module}.{name}" or origin.startswith(module + "."):
            return self.imports(module, origin[len(module) + 1:])
        return unknown(f"'{name}' is imported")

    def lookup(self, name: str, unit: str | None, line: int, depth: int = 0) -> Value:
        assignments = self.index.assignments.get(name)
        if not assignments:
            if unit is not None and name in self.index.params.get(unit, ()):
                return self.argument(name, unit, depth)
            if name in self.index.aliases:
                return self._imported(name)
            return unknown(f"'{name}' is not assigned in this file")
        ranges = self.branch_ranges()
        live = self._live.get(name)
        if live is None:  # once per name, not once per read
            live = [a for a in assignments if not _within(a.line, ranges["dead"])]
            if self._ranges is ranges:  # final ranges, not the empty ones used while computing
                self._live[name] = live
        assignments = live
        local = [a for a in assignments if a.unit == unit and unit is not None and a.line <= line]
        if local:
            candidates = local
        else:
            if unit is not None and name in self.index.params.get(unit, ()):
                return self.argument(name, unit, depth)
            module_level = [a for a in assignments if a.unit is None]
            if not module_level:
                return unknown(f"'{name}' is set inside another function")
            if unit is None:
                candidates = [a for a in module_level if a.line <= line]
                if not candidates:
                    return unknown(f"'{name}' is assigned only further down")
            else:  # a function runs after the module has run: its last value
                candidates = module_level
        chosen = candidates[-1]
        if len(candidates) > 1 and _within(chosen.line, ranges["conditional"]):
            return unknown(f"'{name}' is set in a branch that may not run")
        if chosen.value is None:
            return unknown(f"'{name}' is computed at run time")
        value = self._assigned.get(id(chosen))
        if value is None:  # each assignment evaluated once: a config dict read 400 times
            self._assigned[id(chosen)] = unknown(f"'{name}' depends on itself")  # cycle guard
            value = self.evaluate(chosen.value, chosen.unit, chosen.line, depth + 1)
            # kept when final: a deep read's "too deeply nested" must not stick for a shallow one
            if self._ranges is ranges and (value.known or depth <= 2):
                self._assigned[id(chosen)] = value
            else:
                del self._assigned[id(chosen)]
        if value.known and value.origin == "literal":
            return Value(value.value, "constant")
        return value

    def argument(self, name: str, unit: str, depth: int = 0) -> Value:
        """A parameter's value: what every call of the function (or every construction of
        the class) passes for it, or its default when no call passes it. Memoized, so that
        helpers calling helpers cost each call site once (not once per path to it)."""
        key = (name, unit)
        if key not in self._arguments:
            self._arguments[key] = unknown(f"'{name}' depends on itself")  # recursion guard
            self._arguments[key] = self._argument(name, unit, depth)
        return self._arguments[key]

    def _argument(self, name: str, unit: str, depth: int) -> Value:
        order = self.index.param_order.get(unit)
        if order is None or depth > _MAX_DEPTH // 2:
            return unknown(f"'{name}' is a function parameter")
        position = order.index(name) if name in order else -1
        values: list[Value] = []
        for call in self.index.calls:
            # Lightning's Class.load_from_checkpoint(path, **kwargs) passes kwargs to __init__
            restored = call.name == f"{unit}.load_from_checkpoint"
            if call.name != unit and not restored:
                continue
            passed = None
            for i, arg in enumerate(call.node.args):
                if arg.star:
                    return unknown(f"'{name}' is passed through *args/**kwargs")
                if (arg.keyword is not None and arg.keyword.value == name) or (
                        arg.keyword is None and i == position and not restored):
                    passed = arg.value
            if passed is None:
                passed = self.index.param_defaults.get(unit, {}).get(name)
                if passed is None:
                    return unknown(f"'{name}' is a function parameter")
                values.append(self.evaluate(passed, unit, 0, depth + 1))
            else:
                values.append(self.evaluate(passed, call.unit, call.span.line, depth + 1))
        if not values:
            default = self.index.param_defaults.get(unit, {}).get(name)
            if default is None:
                return unknown(f"'{name}' is a function parameter")
            if self._weighing_branches:
                # no call in this file: other files (or a framework) call it with values
                # ftlint does not see here, so `if pretrain:` may run whatever the default
                return unknown(f"'{name}' is a parameter of a function called elsewhere")
            values.append(self.evaluate(default, unit, 0, depth + 1))
        first = values[0]
        if all(v.known for v in values) and all(v.value == first.value for v in values):
            return first
        return unknown(f"'{name}' takes different values at its call sites")

    # -- branches --------------------------------------------------------------------
    def branch_ranges(self) -> dict[str, list[tuple[int, int]]]:
        """Line ranges of branches that cannot run ("dead") or may not ("conditional").

        `if args.optimizer == "lars":` with the argparse default "adamw" is dead; a bare
        flag (`if args.finetune:`) is conditional: users pass flags on the command line.
        """
        if self._ranges is not None:
            return self._ranges
        if not self._flags_collected:  # conditions read argparse defaults: wait for them
            return {"dead": [], "conditional": []}
        self._ranges = {"dead": [], "conditional": []}  # while computing: no filtering
        self._weighing_branches = True
        self._forget()
        try:
            self._ranges = self._weigh_branches()
        finally:
            self._weighing_branches = False
            self._forget()  # computed without branch information
        return self._ranges

    def _weigh_branches(self) -> dict[str, list[tuple[int, int]]]:
        ranges: dict[str, list[tuple[int, int]]] = {"dead": [], "conditional": []}
        for branch in self.index.branches:
            node = branch.test.node
            test = self.evaluate(node, branch.test.unit, branch.test.span.line)
            known = test.known and not (test.origin == "argparse"
                                        and not isinstance(node, cst.Comparison))
            try:
                taken = bool(test.value) if known else None
            except Exception:  # a value whose truth cannot be told
                taken = None
            for lines, runs in ((branch.body, taken),
                                (branch.orelse, None if taken is None else not taken)):
                if lines is not None:
                    state = "conditional" if runs is None else "live" if runs else "dead"
                    ranges.setdefault(state, []).append(lines)
        return ranges

    # -- expressions -----------------------------------------------------------------
    def evaluate(
        self, node: cst.BaseExpression | None, unit: str | None, line: int, depth: int = 0
    ) -> Value:
        if node is None:
            return unknown("no value")
        if depth > _MAX_DEPTH:
            return unknown("too deeply nested")
        self._steps += 1
        if not self._steps & 1023:
            check_deadline()
        method = getattr(self, "_eval_" + type(node).__name__, None)
        if method is None:
            return unknown(f"{type(node).__name__} is not evaluated statically")
        return method(node, unit, line, depth)

    def _eval_Integer(self, node, unit, line, depth) -> Value:
        try:
            number = int(node.value.replace("_", ""), 0)
        except ValueError:  # over the 4,300 digits Python converts
            return unknown("integer literal too long to read")
        if number.bit_length() > _MAX_INT_BITS:  # hexadecimal has no digit limit
            return unknown("integer literal too long to fold")
        return Value(number)

    def _eval_Float(self, node, unit, line, depth) -> Value:
        return Value(float(node.value.replace("_", "")))

    def _eval_SimpleString(self, node, unit, line, depth) -> Value:
        try:
            return Value(ast.literal_eval(node.value))
        except (ValueError, SyntaxError):
            return unknown("unreadable string")

    def _eval_ConcatenatedString(self, node, unit, line, depth) -> Value:
        left = self.evaluate(node.left, unit, line, depth + 1)
        right = self.evaluate(node.right, unit, line, depth + 1)
        return _combine(left, right, operator.add)

    def _eval_FormattedString(self, node, unit, line, depth) -> Value:
        pieces: list[str] = []
        origin = "literal"
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                pieces.append(part.value)
                continue
            if part.format_spec or part.conversion:
                return unknown("formatted value")
            value = self.evaluate(part.expression, unit, line, depth + 1)
            if not value.known:
                return value
            if value.value is None:  # f"ckpts/{args.run_name}" with the option left unset
                return unknown("None in a formatted text: an option left unset")
            origin = value.origin if value.origin != "literal" else origin
            try:
                pieces.append(str(value.value))
            except ValueError:  # an int too long to print
                return unknown("formatted value too long")
        return Value("".join(pieces), origin)

    def _eval_Name(self, node, unit, line, depth) -> Value:
        if node.value in ("True", "False", "None"):
            return Value({"True": True, "False": False, "None": None}[node.value])
        if node.value == "__name__" and "__name__" not in self.index.assignments:
            return Value("__main__")  # ftlint reads each script as the program being run
        return self.lookup(node.value, unit, line, depth)

    def _eval_UnaryOperation(self, node, unit, line, depth) -> Value:
        value = self.evaluate(node.expression, unit, line, depth + 1)
        if not value.known:
            return value
        try:
            if isinstance(node.operator, cst.Minus):
                return Value(-value.value, value.origin)
            if isinstance(node.operator, cst.Plus):
                return value
            if isinstance(node.operator, cst.Not):
                return Value(not value.value, value.origin)
        except TypeError:
            pass
        return unknown("unsupported unary operation")

    def _eval_BinaryOperation(self, node, unit, line, depth) -> Value:
        op = _BINARY.get(type(node.operator))
        if op is None:
            return unknown("unsupported operator")
        left = self.evaluate(node.left, unit, line, depth + 1)
        right = self.evaluate(node.right, unit, line, depth + 1)
        return _combine(left, right, op)

    def _eval_Comparison(self, node, unit, line, depth) -> Value:
        left = self.evaluate(node.left, unit, line, depth + 1)
        result = True
        origin = left.origin
        for target in node.comparisons:
            right = self.evaluate(target.comparator, unit, line, depth + 1)
            if not (left.known and right.known):
                return unknown("comparison of run-time values")
            op = _COMPARE.get(type(target.operator))
            if op is None:
                return unknown("unsupported comparison")
            try:
                result = result and bool(op(left.value, right.value))
            except TypeError:
                return unknown("incomparable values")
            left = right
        return Value(result, origin)

    def _eval_BooleanOperation(self, node, unit, line, depth) -> Value:
        left = self.evaluate(node.left, unit, line, depth + 1)
        right = self.evaluate(node.right, unit, line, depth + 1)
        is_and = isinstance(node.operator, cst.And)
        if left.known and bool(left.value) is (not is_and):
            return left  # True or ... / False and ...
        if not (left.known and right.known):
            return unknown("condition on run-time values")
        return right

    def _eval_Tuple(self, node, unit, line, depth) -> Value:
        return self._sequence(node.elements, unit, line, depth)

    def _eval_List(self, node, unit, line, depth) -> Value:
        return self._sequence(node.elements, unit, line, depth)

    def _sequence(self, elements, unit, line, depth) -> Value:
        values = []
        origin = "literal"
        for element in elements:
            if isinstance(element, cst.StarredElement):
                return unknown("starred element")
            value = self.evaluate(element.value, unit, line, depth + 1)
            if not value.known:
                return value
            origin = value.origin if value.origin != "literal" else origin
            values.append(value.value)
        return Value(tuple(values), origin)

    def _eval_Dict(self, node, unit, line, depth) -> Value:
        result: dict[Any, Any] = {}
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                return unknown("dict unpacking")
            key = self.evaluate(element.key, unit, line, depth + 1)
            value = self.evaluate(element.value, unit, line, depth + 1)
            if key.known:
                result[key.value] = value  # entries stay Values: one unknown spoils none
        return Value(result, "config")

    def _eval_Subscript(self, node, unit, line, depth) -> Value:
        base = self.evaluate(node.value, unit, line, depth + 1)
        if not base.known or len(node.slice) != 1:
            return base if not base.known else unknown("slice")
        index = node.slice[0].slice
        if not isinstance(index, cst.Index):
            return unknown("slice")
        key = self.evaluate(index.value, unit, line, depth + 1)
        if not key.known:
            return key
        return _item(base, key.value)

    def _eval_Attribute(self, node, unit, line, depth) -> Value:
        base_name = dotted(node.value)
        attr = node.attr.value
        base_root = base_name.split(".")[0] if base_name else ""
        if base_root and base_root in self.index.aliases:
            config = self._run_config(f"{base_name}.{attr}", depth)
            if config is not None:  # `wandb.config`: what wandb.init(config=...) was given
                return config
            if base_name == base_root and base_root not in self.index.assignments:
                return self._imported(base_root, attr)
            inside = self._run_config(base_name, depth)  # `wandb.config.lr`
            if inside is not None and inside.known and isinstance(inside.value, dict):
                return _item(inside, attr)
            return unknown(f"attribute of module '{base_name}'")
        if base_name == "self.hparams" and unit in self.index.param_defaults and (
                attr in self.index.param_order.get(unit, ())
                or attr in self.index.param_defaults[unit]):
            return self.argument(attr, unit, depth)  # Lightning's save_hyperparameters()
        if base_name:
            full = f"{base_name}.{attr}"
            if full in self.index.assignments:  # `args.lr = args.blr * bs / 256`
                assigned = self.lookup(full, unit, line, depth + 1)
                if assigned.known or "branch" in (assigned.unknown or ""):
                    return assigned
            base = self.evaluate(node.value, unit, line, depth + 1)
            if base.known and isinstance(base.value, dict):
                return _item(base, attr)
            if attr in self.argparse and (
                base_name in _ARGS_NAMES or self._is_parsed_args(base_name, unit, line)
            ):
                return self.argparse[attr]
            built = self._constructed_attribute(base_name, attr, unit, line, depth)
            if built is not None:
                return built
        return unknown(f"'{dotted(node) or attr}' is set at run time")

    def _run_config(self, name: str, depth: int) -> Value | None:
        """A library's run configuration (knowledge.RUN_CONFIGS: `wandb.config` holds the
        dict wandb.init(config=...) was given), from this file's one call that sets it."""
        from ftlint.extract.knowledge import RUN_CONFIGS

        setter = RUN_CONFIGS.get(self.resolve(name))
        if setter is None:
            return None
        function, keyword = setter
        calls = [c for c in self.index.calls if self.resolve(c.name) == function]
        given = [a.value for c in calls for a in c.node.args
                 if a.keyword is not None and a.keyword.value == keyword]
        if len(calls) != 1 or len(given) != 1:
            return unknown(f"'{name}' is set at run time")
        return self.evaluate(given[0], calls[0].unit, calls[0].span.line, depth + 1)

    def _constructed_attribute(self, name: str, attr: str, unit: str | None, line: int,
                               depth: int) -> Value | None:
        """`cfg.lr` where cfg = Config(lr=...) or a local class/dataclass with an `lr` default."""
        if (name, attr) in self.index.class_attributes and name in self.index.unit_kinds:
            return self._field_default(name, attr, depth)  # Config.lr on the class itself
        built = self.construction(name, unit, line, depth)
        if built is None:
            return None
        call, call_unit, call_line = built
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == attr:
                return self.evaluate(arg.value, call_unit, call_line, depth + 1)
        cls = dotted(call.func)
        if (cls, attr) in self.index.class_attributes and not any(a.star for a in call.args):
            return self._field_default(cls, attr, depth)
        return None

    def construction(self, name: str, unit: str | None, line: int, depth: int = 0,
                     ) -> tuple[cst.Call, str | None, int] | None:
        """The call that built the object a name holds, followed through plain renames,
        `self.cfg = cfg` and function or constructor arguments."""
        if depth > _MAX_DEPTH // 2:
            return None
        assignments = [a for a in self.index.assignments.get(name, ())
                       if a.unit in (unit, None) and (a.unit != unit or a.line <= line)]
        local = [a for a in assignments if a.unit == unit and unit is not None]
        if not local and unit is not None and name in self.index.params.get(unit, ()):
            passed = self.passed_expressions(name, unit)
            if len(passed) != 1:
                return None
            node, at_unit, at_line = passed[0]
            return self._construction_of(node, at_unit, at_line, depth)
        if not assignments or assignments[-1].value is None:
            return None
        chosen = (local or assignments)[-1]
        return self._construction_of(chosen.value, chosen.unit, chosen.line, depth)

    def _construction_of(self, node: cst.BaseExpression, unit: str | None, line: int,
                         depth: int) -> tuple[cst.Call, str | None, int] | None:
        if isinstance(node, cst.Call):
            return node, unit, line
        name = dotted(node)
        return self.construction(name, unit, line, depth + 1) if name else None

    def passed_expressions(self, name: str, unit: str) -> list[tuple[cst.BaseExpression,
                                                                     str | None, int]]:
        """Distinct expressions the calls of `unit` pass for its parameter `name`."""
        order = self.index.param_order.get(unit, [])
        position = order.index(name) if name in order else -1
        found: dict[str, tuple[cst.BaseExpression, str | None, int]] = {}
        for call in self.index.calls:
            if call.name != unit:
                continue
            for i, arg in enumerate(call.node.args):
                if (arg.keyword is not None and arg.keyword.value == name) or (
                        arg.keyword is None and not arg.star and i == position):
                    key = dotted(arg.value) or f"{call.span.line}:{i}"
                    found.setdefault(key, (arg.value, call.unit, call.span.line))
        return list(found.values())

    def _field_default(self, cls: str, attr: str, depth: int) -> Value:
        node = self.index.class_attributes[(cls, attr)]
        if isinstance(node, cst.Call) and dotted(node.func).endswith("field"):
            default = next((a.value for a in node.args
                            if a.keyword is not None and a.keyword.value == "default"), None)
            if default is None:
                return unknown("dataclass field without a plain default")
            node = default
        value = self.evaluate(node, cls, 10**9, depth + 1)
        return Value(value.value, "config") if value.known else value

    def _is_parsed_args(self, name: str, unit: str | None, line: int) -> bool:
        for assignment in self.index.assignments.get(name, ()):
            value = assignment.value
            if isinstance(value, cst.Subscript):
                value = value.value
            if isinstance(value, cst.Call) and dotted(value.func).endswith(
                ("parse_args", "parse_known_args")
            ):
                return True
        return False

    def _eval_Call(self, node, unit, line, depth) -> Value:
        name = self.resolve(dotted(node.func))
        args = [a for a in node.args if a.keyword is None]
        kwargs = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        if name in ("float", "int", "str") and len(args) == 1:
            value = self.evaluate(args[0].value, unit, line, depth + 1)
            if not value.known:
                return value
            if value.value is None:  # str(args.path) of an option left empty: no text
                return unknown(f"{name}() of None")
            try:
                return Value({"float": float, "int": int, "str": str}[name](value.value),
                             value.origin)
            except (TypeError, ValueError):
                return unknown("conversion fails")
        if name == "dict" and not args:
            entries = {k: self.evaluate(v, unit, line, depth + 1) for k, v in kwargs.items()}
            return Value(entries, "config")
        if name in ("os.path.join", "posixpath.join") and args and not kwargs:
            parts = [self.evaluate(a.value, unit, line, depth + 1) for a in args]
            for part in parts:
                if not part.known or not isinstance(part.value, str):
                    return unknown("path built at run time")
            return Value(os.path.join(*(p.value for p in parts)), "constant")
        if name in ("pathlib.Path", "pathlib.PurePath") and len(args) == 1:
            return self.evaluate(args[0].value, unit, line, depth + 1)
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" and args:
            base = self.evaluate(node.func.value, unit, line, depth + 1)
            key = self.evaluate(args[0].value, unit, line, depth + 1)
            if base.known and isinstance(base.value, dict) and key.known:
                if key.value in base.value:
                    return _item(base, key.value)
                if len(args) > 1:
                    return self.evaluate(args[1].value, unit, line, depth + 1)
        if name in ("numpy.array", "numpy.asarray", "torch.tensor", "list", "tuple") and args:
            return self.evaluate(args[0].value, unit, line, depth + 1)
        return unknown(f"result of {dotted(node.func) or 'a call'}()")


def _within(line: int, ranges: list[tuple[int, int]]) -> bool:
    return any(first <= line <= last for first, last in ranges)


def _with_origin(value: Value, origin: str) -> Value:
    return Value(value.value, origin) if value.known else value


def _item(base: Value, key: Any) -> Value:
    container = base.value
    try:
        item = container[key]
    except (KeyError, IndexError, TypeError):
        return unknown(f"no entry {key!r}")
    if isinstance(item, Value):
        return _with_origin(item, "config") if item.known else item
    return Value(item, "config" if isinstance(container, dict) else base.origin)


def _combine(left: Value, right: Value, op: Callable[[Any, Any], Any]) -> Value:
    if not left.known:
        return left
    if not right.known:
        return right
    if _too_large(op, left.value, right.value):
        return unknown("result too large to compute statically")
    try:
        result = op(left.value, right.value)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return unknown("arithmetic fails")
    if left.origin in _RUNTIME_ORIGINS and right.origin in _RUNTIME_ORIGINS:
        origin = "runtime"  # e.g. lr * batch_size / 256: a rate computed at run time
    elif left.origin in _RUNTIME_ORIGINS or right.origin in _RUNTIME_ORIGINS:
        origin = left.origin if left.origin in _RUNTIME_ORIGINS else right.origin
    elif "default" in (left.origin, right.origin):
        origin = "default"
    else:
        origin = "arithmetic"
    return Value(result, origin)


def _too_large(op: Callable[[Any, Any], Any], a: Any, b: Any) -> bool:
    """Whether op(a, b) would exceed the folding bounds, told without computing it."""
    if op is operator.pow:
        if isinstance(a, int) and isinstance(b, int) and b > 0 and abs(a) > 1:
            return b > _MAX_INT_BITS or b * (abs(a).bit_length() - 1) > _MAX_INT_BITS
        return False
    if op is operator.mul:
        if isinstance(a, int) and isinstance(b, int):
            return a.bit_length() + b.bit_length() > _MAX_INT_BITS
        for seq, times in ((a, b), (b, a)):
            if isinstance(seq, (str, bytes, tuple, list)) and isinstance(times, int):
                return len(seq) * max(times, 0) > _MAX_ITEMS
        return False
    if op is operator.add and isinstance(a, (str, bytes, tuple, list)):
        return isinstance(b, (str, bytes, tuple, list)) and len(a) + len(b) > _MAX_ITEMS
    if op is operator.mod and isinstance(a, (str, bytes)):
        return bool(_WIDE_FORMAT.search(a if isinstance(a, str) else a.decode("latin-1")))
    return False
