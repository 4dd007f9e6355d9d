"""Custom knowledge: the user's own preprocessing functions and optimizer wrappers.

Declared in [tool.ftlint] and compared like built-ins:

    [tool.ftlint.preprocessing]
    "mylib.text.clean" = ["lowercase", "stopwords", "tokenizer:nltk.word_tokenize"]

    [tool.ftlint.optimizers."mylib.train.make_optimizer"]
    lr = "lr"            # keyword of the learning rate (required)
    position = 0         # its position when passed without keyword (optional)
    default = 1e-3       # the wrapper's default rate (optional)
    optimizer = "adamw"  # what it builds (optional; default "adam"); sets the family

A call of a declared function emits the same facts the built-in handlers emit. Nothing
here imports libcst: the configuration is read before any file is parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ftlint.extract.core import Interpreter
    from ftlint.extract.index import CallSite

# step as written -> fact kind; "kind:value" steps carry their value
_FLAG_STEPS = {"lowercase": ("lowercase", True), "stopwords": ("stopwords", "custom"),
               "clipping": ("clipping", True), "punctuation": ("char_filter", "punctuation"),
               "isalnum": ("char_filter", "isalnum"), "isalpha": ("char_filter", "isalpha")}
_VALUE_STEPS = {"tokenizer": "tokenizer", "char_filter": "char_filter", "scaler": "scaler",
                "imputation": "imputation", "max_length": "max_length",
                "stem": "stemming", "lemma": "stemming"}
STEP_HELP = ("lowercase, stopwords, clipping, punctuation, isalnum, isalpha, tokenizer:NAME, "
             "char_filter:NAME, scaler:NAME, imputation:NAME, max_length:N, stem:NAME, lemma:NAME")


class KnowledgeError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Step:
    kind: str  # a fact kind of ftlint.facts.FACT_KINDS
    value: Any


@dataclass(frozen=True, slots=True)
class OptimizerWrapper:
    optimizer: str
    family: str
    lr_keyword: str
    lr_position: int = -1
    default_lr: float | None = None


@dataclass(slots=True)
class Knowledge:
    """User-declared functions by qualified name (`package.module.function`)."""

    preprocessing: dict[str, tuple[Step, ...]] = field(default_factory=dict)
    optimizers: dict[str, OptimizerWrapper] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.preprocessing or self.optimizers)

    def handler(self, qualified: str) -> Callable[[Interpreter, CallSite], None] | None:
        """A handler for a call of a declared function, as registry handlers are."""
        steps = self.preprocessing.get(qualified)
        wrapper = self.optimizers.get(qualified)
        if steps is None and wrapper is None:
            return None

        def emit(ctx: Interpreter, call: CallSite) -> None:
            for step in steps or ():
                extra = {"setting": qualified} if step.kind == "max_length" else {}
                ctx.emit(step.kind, step.value, call, declared=qualified, **extra)
            if wrapper is not None:
                _emit_optimizer(ctx, call, wrapper, qualified)

        return emit


def _emit_optimizer(ctx: Interpreter, call: CallSite, wrapper: OptimizerWrapper,
                    qualified: str) -> None:
    from ftlint.facts import Value

    lr = ctx.arg_value(call, wrapper.lr_keyword, wrapper.lr_position)
    if not lr.known and lr.unknown == "not given" and wrapper.default_lr is not None:
        lr = Value(wrapper.default_lr, "default")
    elif lr.known and not isinstance(lr.value, (int, float)):
        lr = Value(None, "unknown", "not a number")
    ctx.emit("optimizer", wrapper.optimizer, call, family=wrapper.family, lr=lr, scope=None,
             target=call.target, declared=qualified)


def parse_knowledge(preprocessing: Any, optimizers: Any) -> Knowledge:
    """Knowledge from the [tool.ftlint] tables; KnowledgeError says what is wrong."""
    knowledge = Knowledge()
    if not isinstance(preprocessing, dict):
        raise KnowledgeError("[tool.ftlint.preprocessing] maps function names to lists of steps")
    for name, steps in preprocessing.items():
        if not isinstance(steps, list) or not all(isinstance(s, str) for s in steps):
            raise KnowledgeError(f"preprocessing {name!r}: a list of steps ({STEP_HELP})")
        knowledge.preprocessing[_function_name(name)] = tuple(_step(name, s) for s in steps)
    if not isinstance(optimizers, dict):
        raise KnowledgeError("[tool.ftlint.optimizers] maps function names to tables")
    for name, table in optimizers.items():
        knowledge.optimizers[_function_name(name)] = _wrapper(name, table)
    return knowledge


def _function_name(name: str) -> str:
    parts = name.split(".")
    if len(parts) < 2 or not all(p.isidentifier() for p in parts):
        raise KnowledgeError(f"{name!r}: give the function's full name, e.g. 'mylib.text.clean'")
    return name


def _step(function: str, step: str) -> Step:
    step = step.strip()
    if step in _FLAG_STEPS:
        return Step(*_FLAG_STEPS[step])
    head, _, value = step.partition(":")
    kind = _VALUE_STEPS.get(head)
    if kind is None or not value:
        raise KnowledgeError(f"preprocessing {function!r}: unknown step {step!r} ({STEP_HELP})")
    if kind == "max_length":
        if not value.isdigit():
            raise KnowledgeError(f"preprocessing {function!r}: max_length needs a number")
        return Step(kind, int(value))
    if kind == "stemming":
        return Step(kind, f"{head}:{value}")
    return Step(kind, value)


def _wrapper(name: str, table: Any) -> OptimizerWrapper:
    if not isinstance(table, dict) or not isinstance(table.get("lr"), str):
        raise KnowledgeError(f"optimizers {name!r}: a table with lr = \"<keyword>\"")
    unknown = set(table) - {"lr", "position", "default", "optimizer", "family"}
    if unknown:
        raise KnowledgeError(f"optimizers {name!r}: unknown key(s) {', '.join(sorted(unknown))}")
    position = table.get("position", -1)
    default = table.get("default")
    if not isinstance(position, int) or (default is not None
                                         and not isinstance(default, (int, float))):
        raise KnowledgeError(f"optimizers {name!r}: position is an integer, default a number")
    from ftlint.extract.knowledge import _FAMILY

    optimizer = str(table.get("optimizer", "adam")).lower()
    family = str(table.get("family", _FAMILY.get(optimizer, optimizer))).lower()
    return OptimizerWrapper(optimizer, family, table["lr"], position,
                            float(default) if default is not None else None)
