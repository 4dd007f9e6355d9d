"""Where framework handlers register what they understand.

FUNCTIONS: canonical qualified callee -> handler(ctx, call).
METHODS: method name on a variable -> handler(ctx, call, receiver_class).
INSTANCES: canonical class of a variable that is called -> handler(ctx, call, cls).
Handlers emit facts through ctx (an extract.core.Interpreter).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Handler = Callable[..., None]
FUNCTIONS: dict[str, Handler] = {}
METHODS: dict[str, list[Handler]] = {}
INSTANCES: dict[str, Handler] = {}
INSTANCE_PREFIXES: list[tuple[str, Handler]] = []
ATTRIBUTE_WRITES: dict[str, list[Handler]] = {}
ATTRIBUTE_READS: dict[str, list[Handler]] = {}
DIVISIONS: list[Handler] = []


FINISHERS: list[Handler] = []  # handler(ctx) after every call was seen: whole-module facts


def on_finish(handler: Handler) -> Handler:
    FINISHERS.append(handler)
    return handler


def on_call(*names: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for name in names:
            FUNCTIONS[name] = handler
        return handler

    return register


def on_method(*names: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for name in names:
            METHODS.setdefault(name, []).append(handler)
        return handler

    return register


def on_instance_call(*classes: str, prefix: bool = False) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for cls in classes:
            if prefix:
                INSTANCE_PREFIXES.append((cls, handler))
            else:
                INSTANCES[cls] = handler
        return handler

    return register


def on_attribute_write(*attrs: str) -> Callable[[Handler], Handler]:
    """handler(ctx, write) for `x.attr = value`."""
    def register(handler: Handler) -> Handler:
        for attr in attrs:
            ATTRIBUTE_WRITES.setdefault(attr, []).append(handler)
        return handler

    return register


def on_attribute_read(*attrs: str) -> Callable[[Handler], Handler]:
    """handler(ctx, site, receiver) for a read of `receiver.attr` (or a bare name attr)."""
    def register(handler: Handler) -> Handler:
        for attr in attrs:
            ATTRIBUTE_READS.setdefault(attr, []).append(handler)
        return handler

    return register


def on_division(handler: Handler) -> Handler:
    """handler(ctx, site) for every `a / b` (hand-written scaling)."""
    DIVISIONS.append(handler)
    return handler


def instance_handler(cls: str) -> Handler | None:
    if cls in INSTANCES:
        return INSTANCES[cls]
    for prefix, handler in INSTANCE_PREFIXES:
        if cls.startswith(prefix):
            return handler
    return None


def load_handlers() -> Any:
    # Importing the domain modules fills the tables above.
    from ftlint.extract import (  # noqa: F401
        checkpoints,
        data,
        image,
        recipes,
        refits,
        runs,
        tabular,
        text,
        training,
    )
