"""Allocation: the object a call site builds (a library network, a layer, a container,
an estimator, an optimizer, a user-class instance), made once per call site."""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from ftlint.extract import knowledge
from ftlint.extract.index import CallSite
from ftlint.model.code import Frame, Module, modal_class
from ftlint.model.objects import Obj

if TYPE_CHECKING:
    from ftlint.model.machine import Machine


class Allocation:
    """Mixed into Machine: `self` has alloc, instances, eval() and _inline()."""

    def _allocate(self: Machine, call: CallSite, frame: Frame) -> Obj | None:
        if id(call.node) in self.alloc:
            return self.alloc[id(call.node)]
        module = frame.module
        qualified = module.resolve(call.name) if call.name else ""
        obj = self._library_object(call, module, qualified, frame)
        if obj is None and call.name and module.index.unit_kinds.get(call.name) == "class" \
                and call.name not in frame.env:
            obj = self._instantiate(call, module, frame)
        elif obj is None:
            return None
        self.alloc[id(call.node)] = obj
        if obj.kind == "optimizer":
            self._optimizer(call, frame, obj)
        return obj

    def _library_object(self, call: CallSite, module: Module, qualified: str,
                        frame: Frame) -> Obj | None:
        span = call.span
        if module.facts_of(span, "optimizer"):
            return Obj("optimizer", qualified, span, own=False)
        if _layer_class(qualified):
            return self._layer(call, qualified, frame)
        backbone = module.facts_of(span, "pretrained_backbone")
        network = module.facts_of(span, "network")
        loads = [f for f in module.facts_of(span, "load") if f.attr("what") in ("model", "any")]
        modal = qualified.startswith(knowledge.MODE_FRAMEWORKS)
        if backbone or network:
            pretrained = any(f.attr("pretrained") for f in backbone)
            return Obj("network", qualified, span, weights="pretrained" if pretrained else (
                "fresh" if backbone or qualified.startswith("torchvision.") else None),
                batchnorm=network[0].attr("batchnorm") if network else None, modal=modal,
                mode="train" if modal else None,
                arch=str(network[0].value) if network else "")
        if qualified.startswith(knowledge.ESTIMATOR_PREFIXES) and \
                qualified.rsplit(".", 1)[-1][:1].isupper():
            return Obj("estimator", qualified, span, weights="fresh")
        if loads:
            load = loads[0]
            if load.attr("what") == "any" and not qualified.startswith("torch."):
                # joblib / pickle: a fitted model, a preprocessor or data
                return Obj("other", qualified, span, weights="loaded")
            weights = "loaded" if load.attr("local") else "pretrained"
            mode = "eval" if qualified.startswith(knowledge.EVAL_AFTER_LOAD) else None
            return Obj("network", qualified, span, weights=weights, modal=modal or (
                call.receiver in module.index.unit_kinds), mode=mode)
        return None

    def _layer(self, call: CallSite, qualified: str, frame: Frame) -> Obj:
        span = call.span
        modal = qualified.startswith("torch.")
        tail = qualified.rsplit(".", 1)[-1]
        if qualified in knowledge.CONTAINERS or qualified in knowledge.WRAPPERS:
            obj = Obj("container", qualified, span, own=False, modal=modal,
                      mode="train" if modal else None)
            args = [a for a in call.node.args if a.keyword is None and not a.star]
            if qualified in knowledge.WRAPPERS:
                members = [(knowledge.WRAPPERS[qualified], args[0].value)] if args else []
            elif len(args) == 1 and isinstance(args[0].value, (cst.List, cst.Tuple)):
                members = [(str(i), e.value) for i, e in enumerate(args[0].value.elements)]
            else:
                members = [(str(i), a.value) for i, a in enumerate(args)]
            for key, value in members:
                objs = self.eval(value, frame)
                if objs and len(objs) == 1:
                    obj.attach(key, next(iter(objs)))
                else:
                    obj.attach(key, Obj("other", "?", span))
            if any(a.star for a in call.node.args):
                obj.attach("*", Obj("other", "?", span))
            return obj
        return Obj("layer", qualified, span, weights="fresh",
                   batchnorm=tail.startswith(knowledge.BATCHNORM_CLASSES), modal=modal,
                   mode="train" if modal else None)

    def _instantiate(self, call: CallSite, module: Module, frame: Frame, cls: str = "") -> Obj:
        cls = cls or call.name
        modal = modal_class(module, cls)
        obj = Obj("user", cls, call.span, own=False, modal=modal,
                  mode="train" if modal else None,
                  overrides_train="train" in module.index.methods.get(cls, ()))
        self.instances[(id(module), cls)].append(obj)
        self.alloc[id(call.node)] = obj
        self._inline(module, (cls, "__init__"), call, list(call.node.args), obj, frame, call)
        return obj

    def _optimizer(self, call: CallSite, frame: Frame, obj: Obj) -> None:
        from ftlint.model.params import updates

        for fact in frame.module.facts_of(call.span, "optimizer"):
            found = updates(self, call, frame, fact)
            self.optimizers[id(fact)].append(found)
            for part in found.trained:  # what it trains holds learned weights from now on
                if part.weights == "fresh":
                    part.weights = "trained"


def _layer_class(qualified: str) -> bool:
    """torch.nn.Linear or keras.layers.Dense: a class right under a module package (not
    torch.nn.functional.relu, nn.init.xavier_uniform_, SyncBatchNorm.convert_sync_batchnorm)."""
    for prefix in knowledge.MODULE_PREFIXES:
        if qualified.startswith(prefix):
            rest = qualified[len(prefix):]
            return "." not in rest and rest[:1].isupper()
    return False
