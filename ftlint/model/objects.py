"""Abstract objects of the program model: one per allocation site (a constructor call, a
from_pretrained, a load, a user-class instantiation), with the state rules ask about."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ftlint.extract import knowledge
from ftlint.facts import Span


@dataclass(eq=False, slots=True)
class Obj:
    """A network part, an optimizer or another object the program builds.

    weights: 'pretrained' | 'loaded' | 'fresh' | None (unknown); own: the object holds
    parameters itself (a layer, a library network), not only through its children (a user
    class, a container). mode: 'train' | 'eval' | None (unknown), with where it was set.
    """

    kind: str  # "network" | "layer" | "container" | "user" | "other"
    cls: str  # canonical class or factory, or the local class name
    span: Span
    name: str = ""  # the first name it was bound to, for messages
    weights: str | None = None
    own: bool = True
    batchnorm: bool | None = None
    modal: bool = False  # has a train/eval mode (torch-style modules)
    mode: str | None = None
    mode_span: Span | None = None  # the .train() that set the mode; None: construction
    frozen: bool = False
    frozen_span: Span | None = None
    escaped: bool = False  # handed to code ftlint cannot read: its state is unknown
    arch: str = ""  # the architecture of a library network ('resnet50')
    overrides_train: bool = False  # a user class with its own train() method
    children: dict[str, Obj] = field(default_factory=dict)
    parent: Obj | None = None
    attr: str = ""  # its attribute in the parent

    def label(self) -> str:
        if self.name:
            return self.name
        if self.parent is not None:
            return f"{self.parent.label()}.{self.attr}"
        return self.cls.rsplit(".", 1)[-1]

    def subtree(self) -> Iterator[Obj]:
        seen: set[int] = set()
        todo = [self]
        while todo:
            obj = todo.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            yield obj
            todo.extend(obj.children.values())

    def attach(self, attr: str, child: Obj) -> None:
        self.children[attr] = child
        if child.parent is None:
            child.parent, child.attr = self, attr

    def part(self, attr: str) -> Obj | None:
        """A named submodule; for a library network, a part made on first use
        (`model.layer4` of a torchvision ResNet): its origin, mode and freezing are the
        network's; whether it holds BatchNorm comes from the architecture's block table."""
        if attr in self.children:
            return self.children[attr]
        if self.kind != "network":
            return None
        # a head (fc, classifier) is often re-initialized for the new labels: unknown
        weights = None if attr in knowledge.HEAD_NAMES else self.weights
        child = Obj("network", f"{self.cls}.{attr}", self.span, weights=weights,
                    batchnorm=knowledge.part_has_batchnorm(self.arch, attr), modal=self.modal,
                    mode=self.mode, mode_span=self.mode_span,
                    frozen=self.frozen, frozen_span=self.frozen_span, escaped=self.escaped)
        self.attach(attr, child)
        return child

    def set_mode(self, mode: str | None, span: Span) -> None:
        for obj in self.subtree():
            obj.mode, obj.mode_span = mode, span

    def set_frozen(self, frozen: bool, span: Span) -> None:
        for obj in self.subtree():
            obj.frozen, obj.frozen_span = frozen, span

    def escape(self) -> None:
        for obj in self.subtree():
            obj.escaped = True


Objects = frozenset[Obj] | None  # None: the expression's objects are unknown


def union(*sets: Objects) -> Objects:
    found: set[Obj] = set()
    for objects in sets:
        if objects is None:
            return None
        found |= objects
    return frozenset(found)
