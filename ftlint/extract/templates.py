"""Checkpoint paths as templates: what a path expression is, with holes where it is not known.

`f"{args.out}/ckpt_{epoch}.pth"` becomes "{}/ckpt_{}.pth" (or "runs/ckpt_{}.pth" when
--out has a default) with the holes named ("out", "epoch"), so that project mode can match
it against what another script loads, and tell which argument a load reads its path from.
Only the expression is read; nothing is run.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace

import libcst as cst

from ftlint.extract.index import CallSite, dotted
from ftlint.extract.knowledge import checkpoint_argument, names_one_checkpoint

HOLE = "{}"
_DEPTH = 8
_PERCENT = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[sdifgeExXr]")
_BRACES = re.compile(r"\{[^{}]*\}")
_PASS_THROUGH = {"pathlib.Path", "pathlib.PurePath", "str", "os.path.expanduser",
                 "os.path.abspath", "os.path.normpath", "os.fspath",
                 # Hugging Face's download cache: a URL is fetched, a local path returned as is
                 "pytorch_pretrained_bert.cached_path", "pytorch_transformers.cached_path",
                 "pytorch_pretrained_bert.file_utils.cached_path",
                 "transformers.file_utils.cached_path", "transformers.cached_path"}


@dataclass(frozen=True, slots=True)
class Template:
    text: str  # the path with "{}" for every part that is not known
    holes: tuple[str, ...]  # the names the holes come from ('out', 'epoch'; '' unnamed)
    lines: tuple[int, ...] = ()  # call sites the path was followed through (helpers)
    options: tuple[str, ...] = ()  # `args.X` / `cfg["X"]` names read on the way, known or not

    @property
    def known(self) -> bool:
        return HOLE not in self.text


def path_template(ctx, node: cst.BaseExpression | None, unit: str | None, line: int,
                  fields: bool = False) -> Template:
    """The template of a path expression (ctx: an extract.core.Interpreter). `fields`: the
    path is a pattern the framework formats (Keras' `weights{epoch:02d}.h5`), so its
    `{...}` fields are holes."""
    if node is None:
        return Template(HOLE, ("",))
    trail = _Trail(fields=fields)
    text, holes = _walk(ctx, node, unit, line, 0, trail)
    text = _collapse(text)
    return Template(text, tuple(holes), tuple(trail.lines), tuple(trail.options))


@dataclass(slots=True)
class _Trail:
    lines: list[int] = field(default_factory=list)  # helper call sites followed
    options: list[str] = field(default_factory=list)  # options read, known or not
    fields: bool = False  # the text's `{...}` fields are filled in by the framework


def _hole(name: str = "") -> tuple[str, list[str]]:
    return HOLE, [name]


def _walk(ctx, node, unit, line, depth, trail) -> tuple[str, list[str]]:
    if depth > _DEPTH:
        return _hole()
    if isinstance(node, (cst.Attribute, cst.Subscript)):
        trail.options.append(_last_name(node.value if isinstance(node, cst.Subscript) else node))
    value = ctx.evaluator.evaluate(node, unit, line)
    if value.known and isinstance(value.value, str) and value.value:
        if isinstance(node, (cst.BinaryOperation, cst.FormattedString, cst.Call)):
            _options_in(node, trail)  # `args.input_model_file + ".pth"`, the option empty
        return _text(value.value, trail)
    if value.known and value.value not in (None, "") and not isinstance(value.value, str):
        if isinstance(value.value, (int, float)):
            return str(value.value), []
    if isinstance(node, cst.FormattedString):
        return _formatted(ctx, node, unit, line, depth, trail)
    if isinstance(node, cst.BinaryOperation):
        return _binary(ctx, node, unit, line, depth, trail)
    if isinstance(node, cst.Call):
        return _call(ctx, node, unit, line, depth, trail)
    if isinstance(node, (cst.Name, cst.Attribute)):
        return _name(ctx, node, unit, line, depth, trail)
    if isinstance(node, cst.Subscript):
        key = node.slice[0].slice if len(node.slice) == 1 else None
        if isinstance(key, cst.Index) and isinstance(key.value, cst.SimpleString):
            return _hole(key.value.value.strip("'\""))  # cfg["pretrained"]
        return _hole(_last_name(node.value))  # args.pretrain[0]: an item of that option
    return _hole()


def fields_as_holes(text: str) -> str:
    """A format pattern's fields as holes: 'ckpt_{epoch:03d}.pt' -> 'ckpt_{}.pt'."""
    return _BRACES.sub(HOLE, text)


def _literal(text: str) -> str:
    return text.replace("{", "").replace("}", "")


def _text(text: str, trail: _Trail) -> tuple[str, list[str]]:
    """A known piece of a path: its braces are literal, or holes the framework fills."""
    if not trail.fields:
        return _literal(text), []
    names = [f.strip("{}").split(":")[0] for f in _BRACES.findall(text)]
    return fields_as_holes(text), names


def _formatted(ctx, node, unit, line, depth, trail) -> tuple[str, list[str]]:
    text, holes = "", []
    for part in node.parts:
        if isinstance(part, cst.FormattedStringText):  # `{{epoch}}` is `{epoch}` once run
            piece, names = _text(part.value.replace("{{", "{").replace("}}", "}"), trail)
            text, holes = text + piece, holes + names
            continue
        if part.format_spec or part.conversion:
            piece, names = _hole(_last_name(part.expression))
        else:
            piece, names = _walk(ctx, part.expression, unit, line, depth + 1, trail)
        text += piece
        holes += names
    return text, holes


def _binary(ctx, node, unit, line, depth, trail) -> tuple[str, list[str]]:
    if isinstance(node.operator, cst.Add):
        operands = _summands(node)
        if any(isinstance(side, (cst.Integer, cst.Float)) for side in operands):
            return _hole(_last_name(node.left))  # `epoch + 1`: a number, not a joined text
        # `'models_' + str(eta) + '/' + name + '_' + ...`: each piece at one depth, however
        # long the chain (a left-deep tree would run out of depth on its first pieces)
        pieces = [_walk(ctx, side, unit, line, depth + 1, trail) for side in operands]
        return "".join(p for p, _ in pieces), [h for _, hs in pieces for h in hs]
    left, left_holes = _walk(ctx, node.left, unit, line, depth + 1, trail)
    if isinstance(node.operator, cst.Modulo) and left != HOLE:  # "ckpt_%d.pth" % epoch
        count = len(_PERCENT.findall(left))
        return _PERCENT.sub(HOLE, left), left_holes + [""] * count
    if isinstance(node.operator, cst.Divide):  # Path(out) / "model.pt"
        right, right_holes = _walk(ctx, node.right, unit, line, depth + 1, trail)
        return f"{left}/{right}", left_holes + right_holes
    return _hole()


def _summands(node: cst.BinaryOperation) -> list[cst.BaseExpression]:
    """The operands of `a + b + c` (parsed as `(a + b) + c`), left to right."""
    found: list[cst.BaseExpression] = []
    while isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        found.append(node.right)
        node = node.left
    return [node, *reversed(found)]


def _call(ctx, node, unit, line, depth, trail) -> tuple[str, list[str]]:
    name = ctx.resolve(dotted(node.func))
    args = [a.value for a in node.args if a.keyword is None and not a.star]
    if name in ("os.path.join", "posixpath.join") and args:
        pieces = [_walk(ctx, a, unit, line, depth + 1, trail) for a in args]
        return "/".join(p for p, _ in pieces), [h for _, hs in pieces for h in hs]
    if name in _PASS_THROUGH and len(args) == 1:
        return _walk(ctx, args[0], unit, line, depth + 1, trail)
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value == "format":
        pattern = ctx.evaluator.evaluate(func.value, unit, line)
        if not pattern.known and any(a.line == line for a in ctx.index.assignments.get(
                dotted(func.value), ())):
            # `fname = fname.format(epoch, lr)`: the pattern is fname's earlier value
            pattern = ctx.evaluator.evaluate(func.value, unit, line - 1)
        if pattern.known and isinstance(pattern.value, str):  # 'f_{}.h5': its fields are holes
            fields = _BRACES.findall(pattern.value)
            if fields and len(fields) == len(args) and all(f in ("{}", "{:}") for f in fields):
                # '{}.pt'.format(ckpt_dir + "/epoch_" + str(epoch)): each field its argument
                pieces = [_walk(ctx, a, unit, line, depth + 1, trail) for a in args]
                literal = _BRACES.split(pattern.value)
                text = literal[0] + "".join(p + rest for (p, _), rest in zip(
                    pieces, literal[1:], strict=True))
                return text, [h for _, hs in pieces for h in hs]
            return fields_as_holes(pattern.value), [""]
        base, holes = _walk(ctx, func.value, unit, line, depth + 1, trail)
        return _BRACES.sub(HOLE, base), holes
    if isinstance(func, cst.Attribute) and func.attr.value == "joinpath":
        pieces = [_walk(ctx, a, unit, line, depth + 1, trail) for a in [func.value, *args]]
        return "/".join(p for p, _ in pieces), [h for _, hs in pieces for h in hs]
    return _hole()


def _name(ctx, node, unit, line, depth, trail) -> tuple[str, list[str]]:
    """A variable holding a path: follow its last assignment; a parameter or an argparse
    option is a hole named after it."""
    name = dotted(node)
    assignments = ctx.index.assignments.get(name, ())
    # strictly before: in `name = name + ".{}".format(...)` the right-hand name is the
    # value it had before
    local = [a for a in assignments if a.unit == unit and a.line < line and a.value is not None]
    if unit is not None and not local and name.split(".")[0] == "self":
        local = [a for a in assignments if a.value is not None]  # set in __init__
    if not local and unit is not None and name not in ctx.index.params.get(unit, ()):
        local = [a for a in assignments if a.unit is None and a.value is not None]
    if local:
        chosen = local[-1]
        if isinstance(chosen.value, cst.Name) and chosen.value.value == "None":
            return _hole(_last_name(node))  # `args.pretrain = None`: still the option's hole
        return _walk(ctx, chosen.value, chosen.unit, chosen.line, depth + 1, trail)
    if unit is not None and name in ctx.index.params.get(unit, ()):
        # a helper's parameter: what its one call site in this file passes
        passed = ctx.evaluator.passed_expressions(name, unit)
        if len(passed) == 1:
            node, at_unit, at_line = passed[0]
            trail.lines.append(at_line)
            return _walk(ctx, node, at_unit, at_line, depth + 1, trail)
        if passed:  # several calls: what they agree on, and every option they read
            walked = [_walk(ctx, n, u, at, depth + 1, trail) for n, u, at in passed]
            trail.lines.extend(at for _, _, at in passed)
            texts = {text for text, _ in walked}
            holes = [h for _, found in walked for h in found]
            return (texts.pop() if len(texts) == 1 else HOLE), holes
        if _command_line(ctx, unit):  # `fire.Fire(do_eval)`: its parameters are options
            return _hole(name)
        order = ctx.index.param_order.get(unit, [])
        if name in order:  # bound later, at the call sites of an importing script
            return f"{{={name}@{order.index(name)}}}", [""]
        method = _method_at(ctx.index, unit, line)
        signature = ctx.index.signatures.get((unit, method), [])
        if method and name in signature:  # `def load(self, file_name)` of a trainer class
            passed = _method_arguments(ctx.index, unit, method, signature.index(name), name)
            if len(passed) == 1:
                node, at_unit, at_line = passed[0]
                trail.lines.append(at_line)
                return _walk(ctx, node, at_unit, at_line, depth + 1, trail)
            if not passed:  # bound at the calls of an importing script
                return f"{{={name}@{signature.index(name)}~{method}}}", [""]
        return _hole()  # a parameter's name says nothing of the option behind it
    head, _, rest = name.partition(".")
    order = ctx.index.param_order.get(unit, []) if unit is not None and rest else []
    if head in order and not ctx.evaluator.passed_expressions(head, unit):
        # `args.filename` of a helper's `args`: the caller's options, bound at its call
        return f"{{={head}@{order.index(head)}.{rest}}}", [_last_name(node)]
    return _hole(_last_name(node))


def _command_line(ctx, unit: str) -> bool:
    """The function is the command line itself: python-fire makes its parameters flags."""
    return any(call.name.endswith("Fire") and ctx.resolve(call.name) == "fire.Fire"
               and call.node.args and dotted(call.node.args[0].value) == unit
               for call in ctx.index.calls)


def _method_at(index, unit: str | None, line: int) -> str:
    """The method of class `unit` whose body holds the line ('' outside one)."""
    if unit is None or index.unit_kinds.get(unit) != "class":
        return ""
    return next((b.function for b in index.blocks if b.kind == "def" and b.unit == unit
                 and b.function != "__init__" and b.lines[0] <= line <= b.lines[1]), "")


def _method_arguments(index, cls: str, method: str, position: int, name: str) -> list:
    """What this file's calls of `method` on an instance of `cls` (`self.load(path)` inside
    it, `trainer.load(path)` outside) pass for the parameter, one per distinct expression."""
    found: dict[str, tuple] = {}
    for call in index.calls:
        if call.method != method or not _instance_of(index, call, cls):
            continue
        node = _argument(call, name, position)
        if node is not None:
            found.setdefault(dotted(node) or f"{call.span.line}", (node, call.unit, call.span.line))
    return list(found.values())


def _constructors(index, name: str, call: CallSite) -> list[cst.Call]:
    """The calls a name is bound to where `call` reads it (its function's own assignments
    before it, else the module's), through chained methods (`Net(cfg).to(device)` is
    Net(cfg))."""
    found = []
    assigned = index.assignments.get(name, ())
    mine = [a for a in assigned if a.unit == call.unit and a.line <= call.span.line]
    for a in mine or [a for a in assigned if a.unit is None]:
        value = a.value
        while isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and \
                isinstance(value.func.value, cst.Call):
            value = value.func.value
        if isinstance(value, cst.Call):
            found.append(value)
    return found


def _instance_of(index, call: CallSite, cls: str) -> bool:
    if call.receiver in ("self", "cls"):
        return call.unit == cls
    if call.receiver == cls:  # `BERT.from_lightning_checkpoint(path)`: the class's own method
        return True
    built = _constructors(index, call.receiver, call)
    return bool(built) and all(dotted(b.func).rsplit(".", 1)[-1] == cls
                               or cls in index.class_bases.get(dotted(b.func), ())
                               for b in built)


def _argument(call: CallSite, keyword: str, position: int):
    for a in call.node.args:
        if a.keyword is not None and a.keyword.value == keyword:
            return a.value
    positional = [a for a in call.node.args if a.keyword is None and not a.star]
    return positional[position].value if 0 <= position < len(positional) else None


def _options_in(node, trail: _Trail) -> None:
    """The options a known text was built from: which checkpoint option it reads still
    matters when the option's default is empty."""
    if isinstance(node, cst.BinaryOperation):
        parts = [node.left, node.right]
    elif isinstance(node, cst.Call):  # `os.path.join(args.model_checkpoint, NAME)`
        parts = [a.value for a in node.args]
    else:
        parts = [p.expression for p in node.parts if isinstance(p, cst.FormattedStringExpression)]
    for part in parts:
        if isinstance(part, (cst.Attribute, cst.Subscript)):
            trail.options.append(_last_name(part.value if isinstance(part, cst.Subscript)
                                            else part))
        elif isinstance(part, (cst.BinaryOperation, cst.FormattedString, cst.Call)):
            _options_in(part, trail)


def _last_name(node) -> str:
    name = dotted(node)
    return name.rsplit(".", 1)[-1] if name else ""


def literal_size(template: str) -> int:
    """How much of a template is known text (a hole and separators tell nothing)."""
    return len(template.replace(HOLE, "").replace("/", "").replace(".", ""))


def path_node(ctx, call: CallSite, keyword: str | tuple[str, ...],
              position: int) -> cst.BaseExpression | None:
    """The path argument of a save or load call (`open(path, "wb")` read through, also
    when the file was opened before: `with open(path, "wb") as fout: pickle.dump(x, fout)`)."""
    node = ctx.arg(call, keyword, position)
    if isinstance(node, cst.Name):
        opened = [a.value for a in ctx.index.assignments.get(node.value, ())
                  if a.unit == call.unit and a.line <= call.span.line]
        if opened and isinstance(opened[-1], cst.Call) and dotted(opened[-1].func) == "open":
            node = opened[-1]
    if isinstance(node, cst.Call) and dotted(node.func) == "open":
        node = ctx.arg(CallSite(node, call.span, call.unit, call.stmt, "", "", ""), "file", 0)
    return node


def located(ctx, call: CallSite, keyword: str | tuple[str, ...], position: int,
            suffix: str = "", fields: bool = False) -> dict:
    """Where a checkpoint goes or comes from, for project mode: the path as a template with
    named holes, and whether it runs only under a condition (`if args.pretrained:`)."""
    node = path_node(ctx, call, keyword, position)
    if node is None:
        return {}
    found = path_template(ctx, node, call.unit, call.span.line, fields)
    conditional = ctx.evaluator.branch_ranges()["conditional"]
    lines = (call.span.line, *found.lines)
    optional = any(a <= line <= b for line in lines for a, b in conditional)
    helps = ctx.evaluator.option_help
    roles = {checkpoint_argument(name, helps.get(name, ""))
             for name in (*found.holes, *found.options)} - {""}
    role = "pretrained" if "pretrained" in roles else "resume" if roles else ""
    keys = tuple(sorted({n for n in (*found.holes, *found.options)
                         if n and names_one_checkpoint(n)}))  # read from, default or not
    option = next((n for n in (*found.holes, *found.options)
                   if checkpoint_argument(n, helps.get(n, ""))), "")
    return {"template": found.text + suffix, "holes": found.holes, "optional": optional,
            "argument": role, "keys": keys, "option": option}


def _collapse(text: str) -> str:
    while HOLE + HOLE in text:
        text = text.replace(HOLE + HOLE, HOLE)
    return text


# {=args@4.filename}: the attribute of a helper's 5th parameter; {=path@0~load}: the first
# parameter of the class's method `load`, bound at `trainer.load(...)` in an importing script
_PARAMETER = re.compile(r"\{=(\w+)@(\d+)((?:\.\w+)*)(?:~(\w+))?\}")


class _Reader:
    """What path_template needs of an Interpreter, from a module's extracted facts."""

    def __init__(self, module) -> None:
        self.index = module.index
        self.evaluator = module.evaluator
        self.resolve = module.evaluator.resolve

    def arg(self, call: CallSite, keyword: str, position: int):
        return _argument(call, keyword, position)


def bind_helpers(module, facts: list) -> list:
    """Facts of imported helpers (`save_checkpoint(model, path)` in utils.py) with the path
    parameter bound to what this module's calls pass (`save_checkpoint(net, "ckpt/a.pt")`)."""
    if module.index is None or module.evaluator is None:
        return facts
    reader = _Reader(module)
    bound = []
    for fact in facts:
        template = fact.attrs.get("template") or ""
        if not _PARAMETER.search(template) or fact.unit is None:
            bound.append(fact)
            continue
        found = _bound(reader, fact, template)
        if found or not _never_called(reader.index, template):
            bound.extend(found or [fact])
    return bound


def _never_called(index, template: str) -> bool:
    """A class method's save or load (`{=prefix@0~save}`) that no call in this file makes,
    by any receiver: the script does not run it."""
    method = next((m.group(4) for m in _PARAMETER.finditer(template) if m.group(4)), "")
    return bool(method) and not method.startswith("__") and not any(  # `es(loss)` calls
        c.method == method for c in index.calls)  # __call__ with no method name


def _bound(reader: _Reader, fact, template: str) -> list:
    """One fact per distinct path this module's calls pass (`trainer.load(pretrained)` and
    `trainer.load(best)` are two loads); [] when no call here binds it."""
    method = next((m.group(4) for m in _PARAMETER.finditer(template) if m.group(4)), "")
    sites = [c for c in reader.index.calls if (
        _calls_method(reader.index, c, fact, method) if method
        else _calls(reader.index, c, fact.unit))]
    texts: dict[str, tuple[list[str], list[str]]] = {}  # text -> (names read, its holes)
    conditional = reader.evaluator.branch_ranges()["conditional"]
    always: dict[str, bool] = {}  # text -> some call passing it runs unconditionally
    for call in sites:
        text, names, holes = template, [], []
        fields = iter(fact.attrs.get("holes", ()))
        for field_ in _BRACES.finditer(template):  # every field, placeholder or hole, in order
            match = _PARAMETER.fullmatch(field_.group(0))
            named = next(fields, "")
            if match is None:
                holes.append(named)
                continue
            node = reader.arg(call, match.group(1), int(match.group(2)))
            if node is None:
                return []
            for attribute in filter(None, match.group(3).split(".")):
                node = cst.Attribute(value=node, attr=cst.Name(attribute))
            found = path_template(reader, node, call.unit, call.span.line)
            text = text.replace(match.group(0), found.text, 1)
            names += [*found.holes, *found.options]
            holes += found.holes
        texts.setdefault(_collapse(text), ([], holes))[0].extend(names)
        always[_collapse(text)] = always.get(_collapse(text), False) or not any(
            a <= call.span.line <= b for a, b in conditional)
    bound = []
    for text, (names, holes) in texts.items():
        roles = {checkpoint_argument(n) for n in (*names, *fact.attrs.get("holes", ()))} - {""}
        role = "pretrained" if "pretrained" in roles else "resume" if roles else ""
        keys = tuple(sorted({n for n in names if n and names_one_checkpoint(n)}))
        named = {"checkpoint": names_a_model_file(text)} if "by_name" in fact.attrs else {}
        # `if args.load_model_path: load_checkpoint(args.load_model_path, model)`: the
        # helper's load runs only when its caller's condition holds
        optional = fact.attrs.get("optional", False) or not always[text]
        bound.append(replace(fact, attrs={**fact.attrs, "template": text, "argument": role,
                                          "keys": keys, "holes": tuple(holes),
                                          "optional": optional,
                                          "bound_in": reader.index.path, **named}))
    return bound


# a pickle named as a model (`model.pkl`, `params.pkl`: JAX and scikit-learn keep their
# trained state so) is a checkpoint; `vocab.pkl`, `scaler.pkl`, `data.pkl` are not
_MODEL_FILE_WORDS = frozenset({"model", "ckpt", "checkpoint", "weights", "params", "state"})


def names_a_model_file(template: str) -> bool:
    name = template.rstrip("/").rsplit("/", 1)[-1].split(".")[0]
    return bool(set(re.split(r"[_\-]", name.lower())) & _MODEL_FILE_WORDS)


def _calls_method(index, call: CallSite, fact, method: str) -> bool:
    """`trainer.load(path)` where trainer is built from a class of the file the fact is in
    (FinetuneTrainer, defined beside the Trainer whose `load` holds the fact)."""
    if call.method != method or not call.receiver or call.receiver == "self":
        return False
    module = os.path.splitext(os.path.basename(fact.origin_path or ""))[0]
    origin = index.aliases.get(call.receiver, "")
    if origin and module in origin.split("."):  # `CLSBERT.from_pretrained_bert(path)`
        return True
    built = _constructors(index, call.receiver, call)
    if not built:
        return False
    ours = 0  # built from the class's module; the others by this file's own functions
    for value in built:  # (`classifier = fit_hyperparameters(...)`, which returns one)
        head = dotted(value.func).split(".")[0]
        origin = index.aliases.get(head, "")
        if origin and module in origin.split("."):
            ours += 1
        elif head not in index.units or index.unit_kinds.get(head) != "def":
            return False
    return ours > 0


def _calls(index, call: CallSite, function: str) -> bool:
    """The call is to `function` of an imported project module."""
    if call.method != function:
        return False
    head = call.name.split(".")[0]
    origin = index.aliases.get(head, "")
    return bool(origin) and (origin.endswith("." + function) or call.receiver == head)
