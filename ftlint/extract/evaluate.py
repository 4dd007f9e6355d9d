"""Static values: literals, constants, arithmetic, argparse defaults, config entries.

Nothing here runs the analysed code. What cannot be known comes back unknown, with why.
"""

from __future__ import annotations

import ast
import operator
import os.path
from collections.abc import Callable
from typing import Any

import libcst as cst

from ftlint.extract.index import Index, dotted
from ftlint.facts import Value, unknown

_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    cst.Add: operator.add,
    cst.Subtract: operator.sub,
    cst.Multiply: operator.mul,
    cst.Divide: operator.truediv,
    cst.FloorDivide: operator.floordiv,
    cst.Power: operator.pow,
    cst.Modulo: operator.mod,
}
_RUNTIME_ORIGINS = {"argparse", "config", "runtime"}
_ARGS_NAMES = {"args", "opt", "opts", "options", "flags", "FLAGS", "hparams", "hp", "cfg",
               "config", "conf", "params", "parsed"}
_MAX_DEPTH = 24


# (module as imported, name in it) -> its value, for modules of the same project
ImportResolver = Callable[[str, str], Value]


class Evaluator:
    def __init__(self, index: Index, resolve: Callable[[str], str],
                 imports: ImportResolver | None = None) -> None:
        self.index = index
        self.resolve = resolve  # dotted name as written -> canonical qualified name
        self.imports = imports
        self.argparse: dict[str, Value] = {}
        self._collect_flags()

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

    def _add_argument(self, call) -> None:
        options: list[str] = []
        dest = ""
        default: Value = Value(None, "argparse")
        action = ""
        for arg in call.node.args:
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
                return unknown(f"'{name}' is a function parameter")
            if name in self.index.aliases:
                return self._imported(name)
            return unknown(f"'{name}' is not assigned in this file")
        local = [a for a in assignments if a.unit == unit and unit is not None and a.line <= line]
        if local:
            chosen = local[-1]
        else:
            if unit is not None and name in self.index.params.get(unit, ()):
                return unknown(f"'{name}' is a function parameter")
            module_level = [a for a in assignments if a.unit is None]
            if not module_level:
                return unknown(f"'{name}' is set inside another function")
            before = [a for a in module_level if a.line <= line] if unit is None else []
            chosen = (before or module_level)[-1]
        if chosen.value is None:
            return unknown(f"'{name}' is computed at run time")
        value = self.evaluate(chosen.value, chosen.unit, chosen.line, depth + 1)
        if value.known and value.origin == "literal":
            return Value(value.value, "constant")
        return value

    # -- expressions -----------------------------------------------------------------
    def evaluate(
        self, node: cst.BaseExpression | None, unit: str | None, line: int, depth: int = 0
    ) -> Value:
        if node is None:
            return unknown("no value")
        if depth > _MAX_DEPTH:
            return unknown("too deeply nested")
        method = getattr(self, "_eval_" + type(node).__name__, None)
        if method is None:
            return unknown(f"{type(node).__name__} is not evaluated statically")
        return method(node, unit, line, depth)

    def _eval_Integer(self, node, unit, line, depth) -> Value:
        return Value(int(node.value.replace("_", ""), 0))

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
            origin = value.origin if value.origin != "literal" else origin
            pieces.append(str(value.value))
        return Value("".join(pieces), origin)

    def _eval_Name(self, node, unit, line, depth) -> Value:
        if node.value in ("True", "False", "None"):
            return Value({"True": True, "False": False, "None": None}[node.value])
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
            if base_name == base_root and base_root not in self.index.assignments:
                return self._imported(base_root, attr)
            return unknown(f"attribute of module '{base_name}'")
        if base_name:
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

    def _constructed_attribute(self, name: str, attr: str, unit: str | None, line: int,
                               depth: int) -> Value | None:
        """`cfg.lr` where cfg = Config(lr=...) or a local class/dataclass with an `lr` default."""
        if (name, attr) in self.index.class_attributes and name in self.index.unit_kinds:
            return self._field_default(name, attr, depth)  # Config.lr on the class itself
        assignments = [a for a in self.index.assignments.get(name, ())
                       if a.unit in (unit, None) and (a.unit != unit or a.line <= line)]
        if not assignments or not isinstance(assignments[-1].value, cst.Call):
            return None
        call = assignments[-1].value
        chosen = assignments[-1]
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == attr:
                return self.evaluate(arg.value, chosen.unit, chosen.line, depth + 1)
        cls = dotted(call.func)
        if (cls, attr) in self.index.class_attributes and not any(a.star for a in call.args):
            return self._field_default(cls, attr, depth)
        return None

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
