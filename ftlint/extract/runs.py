"""Training steps and a project's own checkpoint-loading helpers, for project mode.

Project mode pairs a fine-tuning script with the script that made its checkpoint; it needs
to know which scripts train at all (an evaluation script is nobody's fine-tuning partner)
and which argument a project helper such as `model.from_pretrained(args.input_model_file)`
reads its checkpoint from.
"""

from __future__ import annotations

from ftlint.extract import knowledge
from ftlint.extract.core import Interpreter
from ftlint.extract.index import CallSite
from ftlint.extract.registry import on_call, on_finish, on_method
from ftlint.extract.templates import located
from ftlint.facts import unknown

_PATH_KEYWORDS = ("path", "checkpoint", "checkpoint_path", "ckpt", "ckpt_path", "model_file",
                  "model_path", "pretrained", "pretrained_model", "filename", "file", "weights")


@on_method("backward")
def backward(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if ctx.is_import(call.receiver):
        return  # torch.autograd.backward(...) is not a method of a loss
    ctx.emit("train_step", True, call, how="backward")


@on_method("apply_gradients", "minimize")
def gradient_update(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if not ctx.is_import(call.receiver) and call.node.args:
        ctx.emit("train_step", True, call, how="optimizer")  # TensorFlow custom loops


@on_method("partial_fit")
def incremental_fit(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if not ctx.is_import(call.receiver):
        ctx.emit("train_step", True, call, how="partial_fit")  # scikit-learn, river


@on_method("update", "resume_training", "begin_training")
def spacy_update(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if receiver_class.startswith("spacy.") or (call.receiver == "nlp" and call.node.args):
        ctx.emit("train_step", True, call, how="spacy")


@on_call("xgboost.train", "lightgbm.train", "catboost.train")
def booster_train(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("train_step", True, call, how="boosting")


@on_call("tensorpack.launch_train_with_config", "tensorpack.train.launch_train_with_config")
def tensorpack_train(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("train_step", True, call, how="tensorpack")  # runs the ModelDesc's optimizer


@on_method("step")
def optimizer_step(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if receiver_class in knowledge.OPTIMIZERS or "optim" in call.receiver.lower():
        ctx.emit("train_step", True, call, how="optimizer")


@on_finish
def helper_loads(ctx: Interpreter) -> None:
    """`model.from_pretrained(args.input_model_file)` on a project class, or an imported
    `load_checkpoint(path)` of the project: the path a helper of this name loads from."""
    for call in ctx.index.calls:
        if call.method not in knowledge.LOAD_HELPER_NAMES or not _project_helper(ctx, call):
            continue
        for node in _candidates(ctx, call):
            where = _where(ctx, call, node)
            if where.get("argument") or "{}" not in where.get("template", "{}"):
                value = ctx.value(node, call)
                if value.known and not isinstance(value.value, str):
                    value = unknown("not a path")
                ctx.emit("helper_load", value if value.known else unknown("a helper's path"),
                         call, helper=call.method, local=True, **where)
                break


def _where(ctx: Interpreter, call: CallSite, node) -> dict:
    for position, arg in enumerate(a for a in call.node.args if a.keyword is None):
        if arg.value is node:
            return located(ctx, call, "", position)
    for arg in call.node.args:
        if arg.keyword is not None and arg.value is node:
            return located(ctx, call, arg.keyword.value, -1)
    return {}


def _candidates(ctx: Interpreter, call: CallSite) -> list:
    args = [a.value for a in call.node.args if a.keyword is None and not a.star]
    keyed = [a.value for a in call.node.args
             if a.keyword is not None and a.keyword.value in _PATH_KEYWORDS]
    return keyed + args


def _project_helper(ctx: Interpreter, call: CallSite) -> bool:
    """A function or method of the project (not of a framework ftlint models)."""
    if call.name in ctx.index.units:
        return False  # a function of this file: its own loads are facts of this file
    head = call.name.split(".")[0]
    if head in ctx.index.aliases:
        module = ctx.index.imported_from.get(head, "") or ctx.index.aliases[head]
        return module.lstrip(".").split(".")[0] not in knowledge.KNOWN_PACKAGES
    if not call.receiver:
        return False
    cls = ctx.class_of(call.receiver, call.unit, call.span.line)
    return not cls or cls.split(".")[0] not in knowledge.KNOWN_PACKAGES

