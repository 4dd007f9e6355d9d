"""One traversal of a parsed module that records what later steps interpret.

The visitor only indexes: imports, assignments, calls, a few attribute reads, names
referenced per function, comments. Interpretation runs afterwards, when every constant
and argparse default is known, so definition order in the script does not matter.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst._position import CodePosition, CodeRange
from libcst.metadata.position_provider import PositionProvidingCodegenState

from ftlint.extract.walk import walk
from ftlint.facts import Span

# Attributes whose mere reading is a preprocessing step (spaCy tokens, stop-word lists).
WATCHED_ATTRIBUTES = frozenset(
    {"is_stop", "is_punct", "is_alpha", "lemma_", "STOP_WORDS", "ENGLISH_STOP_WORDS", "punctuation"}
)


@dataclass(slots=True)
class Site:
    node: cst.CSTNode
    span: Span
    unit: str | None  # top-level function or class; None for module-level code
    stmt: int  # top-level statement index


@dataclass(slots=True)
class CallSite(Site):
    name: str  # dotted callee as written ("optim.Adam", "model.fit"), "" when not dotted
    method: str  # last name component ("fit"), "" when not dotted
    receiver: str  # dotted receiver of a method call ("model"), "" otherwise
    target: str = ""  # the name the result is assigned to, if directly assigned
    discarded: bool = False  # a bare expression statement: the result is dropped
    in_list: tuple[int, int] | None = None  # (list id, position) for [A(), B()] elements
    outer: CallSite | None = None  # the call whose argument this call is
    function: str = ""  # the innermost function or method it sits in


@dataclass(slots=True)
class Assignment:
    unit: str | None
    stmt: int
    line: int
    value: cst.BaseExpression | None  # None: assigned in a way we do not evaluate
    function: str = ""  # the innermost function or method it sits in
    # `model, scaler = load(cfg)`: (the whole value, this name's position) for the program
    # model, which can unpack a returned tuple; value stays None for the evaluator
    unpacked: tuple[cst.BaseExpression, int] | None = None


@dataclass(slots=True)
class AttributeWrite:
    """`x.attr = value` or `x.attr = ...` inside a loop over `y.parameters()`."""

    site: Site
    target: str
    attr: str
    value: cst.BaseExpression
    loop_source: str = ""  # dotted receiver of a `for p in X.parameters()` loop


@dataclass(slots=True)
class Branch:
    """An if statement: its test, and the lines of its body and of its else/elif part."""

    test: Site
    body: tuple[int, int]
    orelse: tuple[int, int] | None


@dataclass(slots=True)
class Block:
    """A loop, a `with` block (item: its dotted callee), a function or an `except` handler,
    read by the program model."""

    kind: str  # "loop" | "with" | "def" | "except"
    unit: str | None
    function: str
    lines: tuple[int, int]
    item: str = ""


@dataclass(slots=True)
class Index:
    path: str
    aliases: dict[str, str] = field(default_factory=dict)  # local name -> dotted origin
    imported_from: dict[str, str] = field(default_factory=dict)  # local name -> module
    assignments: dict[str, list[Assignment]] = field(default_factory=lambda: defaultdict(list))
    calls: list[CallSite] = field(default_factory=list)
    attribute_reads: list[tuple[Site, str, str]] = field(default_factory=list)
    attribute_writes: list[AttributeWrite] = field(default_factory=list)
    divisions: list[Site] = field(default_factory=list)
    units: dict[str, int] = field(default_factory=dict)  # unit name -> statement index
    unit_kinds: dict[str, str] = field(default_factory=dict)  # "def" | "class"
    params: dict[str | None, set[str]] = field(default_factory=lambda: defaultdict(set))
    param_order: dict[str, list[str]] = field(default_factory=dict)  # top-level functions
    class_attributes: dict[tuple[str, str], cst.BaseExpression] = field(default_factory=dict)
    param_defaults: dict[str, dict[str, cst.BaseExpression]] = field(default_factory=dict)
    branches: list[Branch] = field(default_factory=list)
    main_guards: set[int] = field(default_factory=set)  # top-level `if __name__ == ...` stmts
    star_imports: list[str] = field(default_factory=list)  # `from M import *` modules
    references: dict[object, Counter] = field(default_factory=lambda: defaultdict(Counter))
    attribute_names: dict[object, set[str]] = field(default_factory=lambda: defaultdict(set))
    statement_lines: list[tuple[int, int]] = field(default_factory=list)  # (first, last)
    statement_comments: list[list[str]] = field(default_factory=list)
    docstring_lines: set[int] = field(default_factory=set)
    # for the program model: loops and with blocks, returned expressions, class methods/bases
    blocks: list[Block] = field(default_factory=list)
    returns: dict[tuple[str | None, str], list[cst.BaseExpression]] = field(
        default_factory=lambda: defaultdict(list))
    methods: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    class_bases: dict[str, list[str]] = field(default_factory=dict)
    signatures: dict[tuple[str | None, str], list[str]] = field(default_factory=dict)
    # every origin a local name is imported from (function-level imports may differ)
    alias_origins: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def reference_key(self, unit: str | None, stmt: int) -> object:
        return unit if unit is not None else ("stmt", stmt)


def in_loop(index: Index, unit: str | None, line: int) -> bool:
    """The line runs once per iteration of a loop of its own function (or of the module's
    top level): `for building in buildings: scaler.fit(...)` fits one scaler per group."""
    return any(b.kind == "loop" and b.unit == unit and b.lines[0] <= line <= b.lines[1]
               for b in index.blocks)


def dotted(node: cst.BaseExpression | None) -> str:
    """'a.b.c' for a Name/Attribute chain, '' for anything else."""
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
        return ".".join(reversed(parts))
    return ""


class Indexer(cst.CSTVisitor):
    """Records what later steps interpret. Positions are filled in after the traversal, for
    the recorded nodes only (see positions()), which costs a fraction of libcst's
    PositionProvider computing them for every node. run() traverses with walk(), which
    calls these callbacks as module.visit(self) would without rebuilding the tree."""

    def __init__(self, index: Index, first_line: int, stmt_offset: int) -> None:
        super().__init__()
        self.index = index
        self.line_offset = first_line - 1
        self.stmt = stmt_offset - 1
        self.unit: str | None = None
        self.depth = 0  # nesting of function/class definitions
        self.call_stack: list[CallSite] = []
        self.list_ids: dict[int, int] = {}
        self.appended: dict[tuple, int] = {}  # list variable -> its last append position
        self.loops: list[str] = []  # receivers of `for p in X.parameters()` loops
        self.pending_targets: dict[int, str] = {}  # call id -> name its result is bound to
        self.discarded: set[int] = set()  # ids of calls whose result is dropped
        self.header: list[str] = []
        self.functions: list[str] = []  # enclosing function names, innermost last
        self.wanted: dict[int, cst.CSTNode] = {}  # nodes whose position is needed
        self.fixups: list[tuple[cst.CSTNode, Callable[[Span], None]]] = []

    # -- positions -------------------------------------------------------------------
    def later(self, node: cst.CSTNode, apply: Callable[[Span], None]) -> None:
        """Call apply(span of node) once positions are known."""
        self.wanted[id(node)] = node
        self.fixups.append((node, apply))

    def site(self, node: cst.CSTNode) -> Site:
        site = Site(node, _PENDING, self.unit, self.stmt)
        self.later(node, lambda span: setattr(site, "span", span))
        return site

    # -- statements ------------------------------------------------------------------
    def _statement(self, node: cst.CSTNode) -> None:
        """A top-level statement starts (before any of its nodes is visited)."""
        self.stmt += 1
        lines, slot = self.index.statement_lines, len(self.index.statement_lines)
        lines.append((0, 0))
        self.later(node, lambda span: lines.__setitem__(slot, (span.line, span.end_line)))
        comments = [line.comment.value for line in node.leading_lines if line.comment]
        if self.header:  # libcst keeps a part's first comments in Module.header
            comments = self.header + comments
            self.header = []
        self.index.statement_comments.append(comments)

    def run(self, module: cst.Module) -> None:
        self.header = [line.comment.value for line in module.header if line.comment]
        # as module.visit(self) would, without rebuilding every node (see walk)
        walk(self, module, before=self._statement)
        spans = positions(module, self.wanted, self.index.path)
        for node, apply in self.fixups:
            apply(spans.get(id(node), _UNKNOWN_SPAN))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.append(node.name.value)
        if self.depth == 1 and self.index.unit_kinds.get(self.unit or "") == "class":
            self.index.methods[self.unit].add(node.name.value)
        self._enter_unit(node.name.value, "def")
        self._block("def", node)
        params = node.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            self.index.params[self.unit].add(param.name.value)
        positional = [*params.posonly_params, *params.params]
        in_class = self.depth == 2 and self.index.unit_kinds.get(self.unit or "") == "class"
        names = [p.name.value for p in positional]
        self.index.signatures[(self.unit, node.name.value)] = names[1:] if in_class and names \
            and names[0] in ("self", "cls") else names
        is_init = (self.depth == 2 and node.name.value == "__init__"
                   and self.index.unit_kinds.get(self.unit or "") == "class")
        if self.depth == 1 or is_init:
            # a top-level function, or a class's __init__ (its parameters are the class's
            # constructor arguments: `Module(cfg)` binds `cfg`)
            skip = 1 if is_init else 0
            self.index.param_order[self.unit] = [p.name.value for p in positional[skip:]]
            self.index.param_defaults[self.unit] = {
                p.name.value: p.default for p in (*positional, *params.kwonly_params)
                if p.default is not None}
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                self.index.params[self.unit].add(star.name.value)
        self._docstring(node.body)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.functions.pop()
        self._leave_unit()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._enter_unit(node.name.value, "class")
        if self.depth == 1:
            self.index.class_bases[node.name.value] = [dotted(b.value) for b in node.bases]
        self._docstring(node.body)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._leave_unit()

    def _enter_unit(self, name: str, kind: str) -> None:
        if self.depth == 0:
            self.unit = name
            self.index.units[name] = self.stmt
            self.index.unit_kinds[name] = kind
            self.index.assignments[name].append(Assignment(None, self.stmt, 0, None))
        self.depth += 1

    def _leave_unit(self) -> None:
        self.depth -= 1
        if self.depth == 0:
            self.unit = None

    def _docstring(self, body: cst.BaseSuite) -> None:
        if isinstance(body, cst.IndentedBlock) and body.body:
            first = body.body[0]
            if isinstance(first, cst.SimpleStatementLine) and first.body:
                expr = first.body[0]
                if isinstance(expr, cst.Expr) and isinstance(expr.value, cst.SimpleString):
                    docstrings = self.index.docstring_lines
                    self.later(first, lambda span: docstrings.update(
                        range(span.line, span.end_line + 1)))

    # -- imports ---------------------------------------------------------------------
    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            name = dotted(alias.name)
            if alias.asname is not None:
                local = dotted(alias.asname.name)
                self._alias(local, name)
            else:
                local = name.split(".")[0]
                self.index.aliases.setdefault(local, local)
            self.index.imported_from[local] = name
        # an imported name is not a use: a function imported and never called never runs,
        # so its facts stay out of the script's profile
        return False

    def _alias(self, local: str, origin: str) -> None:
        self.index.aliases[local] = origin
        self.index.alias_origins[local].add(origin)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if node.relative:
            module = "." * len(node.relative) + dotted(node.module)
        else:
            module = dotted(node.module)
        if isinstance(node.names, cst.ImportStar):
            self.index.star_imports.append(module)
            return False
        for alias in node.names:
            name = dotted(alias.name)
            local = dotted(alias.asname.name) if alias.asname is not None else name
            self._alias(local, f"{module}.{name}" if module else name)
            self.index.imported_from[local] = module
        return False  # as in visit_Import

    # -- assignments -----------------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._assign(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._assign(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._assign(node.target, None)

    def _block(self, kind: str, node: cst.CSTNode, item: str = "") -> None:
        block = Block(kind, self.unit, self.functions[-1] if self.functions else "", (0, 0), item)
        self.index.blocks.append(block)
        self.later(node, lambda span: setattr(block, "lines", (span.line, span.end_line)))

    def visit_While(self, node: cst.While) -> None:
        self._block("loop", node)

    def visit_With(self, node: cst.With) -> None:
        for item in node.items:
            call = item.item
            self._block("with", node, dotted(call.func if isinstance(call, cst.Call) else call))

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            self.index.returns[(self.unit, self.functions[-1] if self.functions else "")].append(
                node.value)

    def visit_For(self, node: cst.For) -> None:
        self._block("loop", node)
        self._assign(node.target, None)
        it = node.iter
        if isinstance(it, cst.Call) and dotted(it.func).endswith(
            ("parameters", "named_parameters", "children", "modules")
        ):
            self.loops.append(dotted(it.func).rsplit(".", 1)[0])
        elif isinstance(it, cst.Subscript):
            self.loops.append(dotted(it.value) + "[:]")  # a slice: only some layers
        elif isinstance(it, cst.Attribute | cst.Name):
            self.loops.append(dotted(it))
        else:
            self.loops.append("")

    def visit_If(self, node: cst.If) -> None:
        if self.depth == 0 and _is_main_guard(node.test):
            self.index.main_guards.add(self.stmt)  # does not run when the file is imported
        branch = Branch(self.site(node.test), (0, 0), None)
        self.index.branches.append(branch)
        self.later(node.body, lambda span: setattr(branch, "body", (span.line, span.end_line)))
        if node.orelse is not None:
            self.later(node.orelse,
                       lambda span: setattr(branch, "orelse", (span.line, span.end_line)))

    def leave_For(self, original_node: cst.For) -> None:
        self.loops.pop()

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._assign(node.asname.name, node.item)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._block("except", node)

    def _assign(self, target: cst.BaseExpression, value: cst.BaseExpression | None,
                unpacked: tuple[cst.BaseExpression, int] | None = None) -> None:
        if (isinstance(target, cst.Name) and self.depth == 1 and value is not None
                and self.index.unit_kinds.get(self.unit or "") == "class"):
            # a class attribute or dataclass field default: `lr: float = 3e-4`
            self.index.class_attributes[(self.unit, target.value)] = value
        function = self.functions[-1] if self.functions else ""
        if isinstance(target, cst.Name):
            assignment = Assignment(self.unit, self.stmt, 0, value, function, unpacked)
            self.index.assignments[target.value].append(assignment)
            self.later(target, lambda span: setattr(assignment, "line", span.line))
        elif isinstance(target, (cst.Tuple, cst.List)):
            values = None
            if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == len(
                    target.elements) and not any(isinstance(e, cst.StarredElement)
                                                 for e in (*target.elements, *value.elements)):
                values = [e.value for e in value.elements]  # a, b = A(), B()
            starred = any(isinstance(e, cst.StarredElement) for e in target.elements)
            for i, element in enumerate(target.elements):
                self._assign(element.value, values[i] if values else None,
                             None if values or starred or value is None else (value, i))
        elif isinstance(target, cst.Attribute):
            name = dotted(target)
            if name:
                assignment = Assignment(self.unit, self.stmt, 0, value, function)
                self.index.assignments[name].append(assignment)
                self.later(target, lambda span: setattr(assignment, "line", span.line))
            if value is not None:
                loop = self.loops[-1] if self.loops else ""
                self.index.attribute_writes.append(
                    AttributeWrite(self.site(target), dotted(target.value), target.attr.value,
                                   value, loop)
                )

    # -- calls and reads -------------------------------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        name = dotted(node.func)
        method = receiver = ""
        if isinstance(node.func, cst.Attribute):
            method = node.func.attr.value
            receiver = dotted(node.func.value)
        elif isinstance(node.func, cst.Name):
            method = node.func.value
        call = CallSite(node, _PENDING, self.unit, self.stmt, name, method, receiver)
        self.later(node, lambda span: setattr(call, "span", span))
        call.in_list = self.list_ids.get(id(node))
        call.function = self.functions[-1] if self.functions else ""
        call.outer = self.call_stack[-1] if self.call_stack else None
        self.index.calls.append(call)
        self.call_stack.append(call)
        if id(node) in self.pending_targets:
            call.target = self.pending_targets.pop(id(node))
        if id(node) in self.discarded:
            call.discarded = True

    def leave_Call(self, original_node: cst.Call) -> None:
        self.call_stack.pop()

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        for small in node.body:
            if isinstance(small, cst.Assign) and isinstance(small.value, cst.Call):
                targets = [t.target for t in small.targets]
                if len(targets) == 1:
                    name = dotted(targets[0]) if not isinstance(targets[0], cst.Tuple) else ""
                    if isinstance(targets[0], cst.Tuple):
                        names = [dotted(e.value) for e in targets[0].elements]
                        name = ",".join(n for n in names if n)
                    self.pending_targets[id(small.value)] = name
            elif isinstance(small, cst.AnnAssign) and isinstance(small.value, cst.Call):
                self.pending_targets[id(small.value)] = dotted(small.target)
            elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
                self.discarded.add(id(small.value))

    def visit_List(self, node: cst.List) -> None:
        list_id = id(node)
        for position, element in enumerate(node.elements):
            if isinstance(element.value, cst.Call):
                self.list_ids[id(element.value)] = (list_id, position)

    def visit_Arg(self, node: cst.Arg) -> None:
        # Positional call arguments of Sequential(A(), B()) keep their order like a list.
        if self.call_stack and isinstance(node.value, cst.Call) and node.keyword is None:
            outer = self.call_stack[-1]
            if outer.method == "append" and outer.receiver:
                # t.append(ToTensor()); t.append(Normalize(...)): one list, in append order
                key = ("append", self.unit, self.functions[-1] if self.functions else "",
                       outer.receiver)
                count = self.appended[key] = self.appended.get(key, -1) + 1
                # statements may be indexed apart (the editor's per-statement parts)
                self.list_ids.setdefault(id(node.value), (hash(key), outer.stmt * 100_000 + count))
                return
            args = outer.node.args
            for position, arg in enumerate(args):
                if arg is node:
                    self.list_ids.setdefault(id(node.value), (id(outer.node), position))
                    break

    def visit_Name(self, node: cst.Name) -> None:
        self.index.references[self.index.reference_key(self.unit, self.stmt)][node.value] += 1
        if node.value in WATCHED_ATTRIBUTES:
            self.index.attribute_reads.append((self.site(node), "", node.value))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if isinstance(node.value, cst.Name):  # `utils.clean`, called or passed as a value
            key = self.index.reference_key(self.unit, self.stmt)
            self.index.attribute_names[key].add(f"{node.value.value}.{node.attr.value}")
        if node.attr.value in WATCHED_ATTRIBUTES:
            self.index.attribute_reads.append((self.site(node), dotted(node.value), node.attr.value))

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Divide):
            self.index.divisions.append(self.site(node))


def _is_main_guard(test: cst.BaseExpression) -> bool:
    """`if __name__ == "__main__":`"""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    sides = [test.left, test.comparisons[0].comparator]
    names = {s.value for s in sides if isinstance(s, cst.Name)}
    texts = {s.value.strip("'\"") for s in sides if isinstance(s, cst.SimpleString)}
    return names == {"__name__"} and texts == {"__main__"}


def build_index(path: str, parts: list,
                cache: dict[int, tuple[cst.Module, Index]] | None = None) -> Index:
    """Index every parsed part of a file (parts: source.Part list).

    Each part is indexed on its own, relative to its first line and statement, then shifted
    into place; with a cache (the language server), an unchanged part is not visited again.
    """
    if cache is None and len(parts) == 1 and parts[0].first_line == 1:
        index = Index(path)
        _index_part(index, parts[0].module)
        return index
    index = Index(path)
    stmt_offset = 0
    for part in parts:
        entry = cache.get(id(part.module)) if cache is not None else None
        if entry is not None and entry[0] is part.module:
            sub = entry[1]
        else:
            sub = Index(path)
            _index_part(sub, part.module)
            if cache is not None:
                cache[id(part.module)] = (part.module, sub)
        _merge(index, sub, part.first_line - 1, stmt_offset)
        stmt_offset += len(sub.statement_lines)
    return index


def _index_part(index: Index, module: cst.Module) -> None:
    Indexer(index, 1, 0).run(module)


_PENDING = Span("", 0, 0, 0, 0)  # filled in once positions are computed
_UNKNOWN_SPAN = Span("", 1, 1, 1, 1)


class _WantedPositions(PositionProvidingCodegenState):
    """libcst's position-tracking code generation, recording only the wanted nodes."""

    def __init__(self, module: cst.Module, wanted: dict[int, cst.CSTNode]) -> None:
        super().__init__(default_indent=module.default_indent,
                         default_newline=module.default_newline, provider=_Computed())
        self.wanted = wanted

    def before_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self.wanted:
            self._stack.append(CodePosition(self.line, self.column))

    def after_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self.wanted:
            start = self._stack.pop()
            if node not in self.provider._computed:
                self.provider._computed[node] = CodeRange(start, CodePosition(self.line,
                                                                              self.column))

    def record_syntactic_position(self, node: cst.CSTNode, *, start_node=None, end_node=None):
        if id(node) in self.wanted:
            return self._record(node, start_node, end_node)
        return _NOTHING

    @contextmanager
    def _record(self, node, start_node, end_node):
        for hoisted in (start_node, end_node):  # its range comes from these children: want them
            if hoisted is not None:
                self.wanted[id(hoisted)] = hoisted
        start = CodePosition(self.line, self.column)
        try:
            yield
        finally:
            computed = self.provider._computed
            end = CodePosition(self.line, self.column)
            if start_node is not None and start_node in computed:
                start = computed[start_node].start
            if end_node is not None and end_node in computed:
                end = computed[end_node].end
            computed[node] = CodeRange(start, end)


class _Computed:
    def __init__(self) -> None:
        self._computed: dict[cst.CSTNode, CodeRange] = {}


_NOTHING = nullcontext()


class _WantedOffsets(CodegenState):
    """_WantedPositions counting characters instead of lines and columns: a token costs
    an addition (no search for line breaks in it); the offsets become lines and columns
    once, at the end, from the generated text. For a text with no carriage return, where
    a line break is a \\n and a token's breaks are the text's, the results are the same."""

    def __init__(self, module: cst.Module, wanted: dict[int, cst.CSTNode]) -> None:
        super().__init__(default_indent=module.default_indent,
                         default_newline=module.default_newline)
        self.wanted = wanted
        self.offset = 0
        self.tail = ""  # the trailing newline libcst takes back at the end
        self.starts: list[int] = []
        self.computed: dict[int, tuple[int, int]] = {}

    def add_indent_tokens(self) -> None:
        self.tokens.extend(self.indent_tokens)
        for token in self.indent_tokens:
            self.offset += len(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        self.offset += len(value)

    def pop_trailing_newline(self) -> None:
        if self.tokens:
            self.tail = self.tokens.pop()

    def before_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self.wanted:
            self.starts.append(self.offset)

    def after_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self.wanted:
            start = self.starts.pop()
            if id(node) not in self.computed:
                self.computed[id(node)] = (start, self.offset)

    def record_syntactic_position(self, node: cst.CSTNode, *, start_node=None, end_node=None):
        if id(node) in self.wanted:
            for hoisted in (start_node, end_node):  # its range comes from these: want them
                if hoisted is not None:
                    self.wanted[id(hoisted)] = hoisted
            return _Syntactic(self, node, start_node, end_node)
        return _NOTHING


class _Syntactic:
    """A node's syntactic range, as _WantedPositions._record (a cheaper context manager)."""

    __slots__ = ("state", "node", "start_node", "end_node", "start")

    def __init__(self, state: _WantedOffsets, node, start_node, end_node) -> None:
        self.state, self.node = state, node
        self.start_node, self.end_node = start_node, end_node

    def __enter__(self) -> None:
        self.start = self.state.offset

    def __exit__(self, *exc: object) -> None:
        computed = self.state.computed
        start, end = self.start, self.state.offset
        if self.start_node is not None and id(self.start_node) in computed:
            start = computed[id(self.start_node)][0]
        if self.end_node is not None and id(self.end_node) in computed:
            end = computed[id(self.end_node)][1]
        computed[id(self.node)] = (start, end)


def positions(module: cst.Module, wanted: dict[int, cst.CSTNode], path: str) -> dict[int, Span]:
    """1-based spans (end column exclusive) of the wanted nodes, by node id."""
    fast = _WantedOffsets(module, wanted)
    module._codegen(fast)
    text = "".join(fast.tokens) + fast.tail
    if "\r" not in text:
        lines = [0]  # offset where each line starts
        found = text.find("\n")
        while found >= 0:
            lines.append(found + 1)
            found = text.find("\n", found + 1)
        spans = {}
        for key, (start, end) in fast.computed.items():
            line = bisect.bisect_right(lines, start)
            end_line = bisect.bisect_right(lines, end)
            spans[key] = Span(path, line, start - lines[line - 1] + 1, end_line,
                              end - lines[end_line - 1] + 1)
        return spans
    state = _WantedPositions(module, wanted)
    module._codegen(state)
    return {id(node): Span(path, r.start.line, r.start.column + 1, r.end.line, r.end.column + 1)
            for node, r in state.provider._computed.items()}


def _shift(span: Span, path: str, lines: int) -> Span:
    return Span(path, span.line + lines, span.column, span.end_line + lines, span.end_column)


def _merge(into: Index, part: Index, lines: int, stmts: int) -> None:
    """Add a part's index, its lines and statement numbers shifted into the file's."""
    path = into.path

    def site(old: Site) -> Site:
        return Site(old.node, _shift(old.span, path, lines), old.unit, old.stmt + stmts)

    into.aliases.update(part.aliases)
    for name, origins in part.alias_origins.items():
        into.alias_origins[name] |= origins
    into.imported_from.update(part.imported_from)
    for name, assignments in part.assignments.items():
        into.assignments[name].extend(
            Assignment(a.unit, a.stmt + stmts, a.line + lines if a.line else 0, a.value,
                       a.function, a.unpacked) for a in assignments)
    copies: dict[int, CallSite] = {}
    for call in part.calls:
        copy = replace(call, span=_shift(call.span, path, lines), stmt=call.stmt + stmts)
        if call.outer is not None:
            copy.outer = copies.get(id(call.outer), call.outer)
        copies[id(call)] = copy
        into.calls.append(copy)
    into.attribute_reads.extend((site(s), receiver, attr) for s, receiver, attr in part.attribute_reads)
    into.attribute_writes.extend(replace(w, site=site(w.site)) for w in part.attribute_writes)
    into.divisions.extend(site(s) for s in part.divisions)
    into.units.update({name: stmt + stmts for name, stmt in part.units.items()})
    into.unit_kinds.update(part.unit_kinds)
    for unit, names in part.params.items():
        into.params[unit] |= names
    into.param_order.update(part.param_order)
    into.param_defaults.update(part.param_defaults)
    into.class_attributes.update(part.class_attributes)
    into.main_guards.update(stmt + stmts for stmt in part.main_guards)
    into.star_imports.extend(m for m in part.star_imports if m not in into.star_imports)
    into.branches.extend(
        Branch(site(b.test), (b.body[0] + lines, b.body[1] + lines),
               (b.orelse[0] + lines, b.orelse[1] + lines) if b.orelse else None)
        for b in part.branches)
    for key, counter in part.references.items():
        shifted = ("stmt", key[1] + stmts) if isinstance(key, tuple) else key
        into.references[shifted].update(counter)
    for key, names in part.attribute_names.items():
        shifted = ("stmt", key[1] + stmts) if isinstance(key, tuple) else key
        into.attribute_names[shifted] |= names
    into.statement_lines.extend((a + lines, b + lines) for a, b in part.statement_lines)
    into.statement_comments.extend(part.statement_comments)
    into.docstring_lines.update(line + lines for line in part.docstring_lines)
    into.blocks.extend(replace(b, lines=(b.lines[0] + lines, b.lines[1] + lines))
                       for b in part.blocks)
    for key, values in part.returns.items():
        into.returns[key].extend(values)
    for cls, names in part.methods.items():
        into.methods[cls] |= names
    into.class_bases.update(part.class_bases)
    into.signatures.update(part.signatures)
