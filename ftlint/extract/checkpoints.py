"""Checkpoints: what is saved where, what is loaded from where, non-strict loads."""

from __future__ import annotations

import re

import libcst as cst

from ftlint.extract.core import Interpreter
from ftlint.extract.index import CallSite, dotted
from ftlint.extract.knowledge import OPTIMIZERS, RL_ALGORITHM_PREFIXES, TENSOR_FACTORIES
from ftlint.extract.registry import on_call, on_method
from ftlint.extract.spans import statement_ends
from ftlint.extract.templates import fields_as_holes, located, names_a_model_file, path_node
from ftlint.extract.text import is_hf_tokenizer
from ftlint.facts import Span, Value, unknown

TRAINERS = ("transformers.Trainer", "transformers.Seq2SeqTrainer", "trl.SFTTrainer")
TF_SAVERS = ("tensorflow.train.Saver", "tensorflow.compat.v1.train.Saver")  # .save(sess, path)


def _path(ctx: Interpreter, call: CallSite, keyword: str | tuple[str, ...], position: int) -> Value:
    node = path_node(ctx, call, keyword, position)
    if node is None:
        return unknown("no path")
    value = ctx.value(node, call)
    if value.known and not isinstance(value.value, str):
        return unknown("not a path")
    return value


def _saved_object(ctx: Interpreter, call: CallSite) -> str:
    obj = ctx.arg(call, "obj", 0)
    if isinstance(obj, cst.Call) and dotted(obj.func).endswith("state_dict"):
        return "weights"
    if isinstance(obj, (cst.Dict, cst.Call)):
        return "weights"  # {'model': model.state_dict(), ...} or a checkpoint built by a call
    if isinstance(obj, cst.Name) and ctx.class_of(obj.value, call.unit,
                                                   call.span.line) in TENSOR_FACTORIES:
        return "data"  # features or labels built as a tensor
    if isinstance(obj, (cst.Tuple, cst.List)):
        if any(_training_state(ctx, e.value, call) for e in obj.elements):
            return "model"  # `torch.save([model, criterion, optimizer], f)`: to resume from
        return "data"  # `torch.save((data, slices), path)`: a dataset's cache, no weights
    return "any"


_MODEL_NAMES = re.compile(r"(^|_)(model|net|encoder|optimizer|optim)($|_)", re.IGNORECASE)


def _training_state(ctx: Interpreter, node: cst.BaseExpression, call: CallSite) -> bool:
    """An element of a saved tuple that is training state: a state_dict(), an optimizer
    (by its class), or a name that says model or optimizer."""
    if isinstance(node, cst.Call):
        return dotted(node.func).endswith("state_dict")
    if not isinstance(node, cst.Name):
        return False
    cls = ctx.class_of(node.value, call.unit, call.span.line)
    return cls in OPTIMIZERS or bool(_MODEL_NAMES.search(node.value))


@on_method("save", "save_weights", "save_model")
def model_save(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if ctx.is_import(call.receiver):
        return
    if call.method == "save_model" and ctx.is_a(receiver_class, TRAINERS):
        path = _path(ctx, call, "output_dir", 0)
        where = located(ctx, call, "output_dir", 0) or _trainer_output(ctx, call)
        ctx.emit("save", path, call, what="model", checkpoint=True, **where)
        if _trainer_has_tokenizer(ctx, call):
            ctx.emit("save", path, call, what="tokenizer")
        return
    own_class = receiver_class.startswith("local.") and ctx.index.unit_kinds.get(
        receiver_class[len("local."):]) == "class"
    if receiver_class.startswith(("numpy", "PIL", "pandas")) or own_class or call.receiver in (
            "np", "plt"):
        return  # another library's save, or a method of the project's own class
    if not call.node.args:
        return  # model.save() takes a path; a save() without one is someone else's
    if receiver_class in TF_SAVERS and call.method == "save":  # saver.save(sess, path)
        ctx.emit("save", _path(ctx, call, "save_path", 1), call, what="weights",
                 checkpoint=True, **located(ctx, call, "save_path", 1))
        return
    what = "weights" if call.method == "save_weights" else "model"
    ctx.emit("save", _path(ctx, call, ("filepath", "path"), 0), call, what=what, checkpoint=True,
             **located(ctx, call, ("filepath", "path"), 0))


@on_method("save_encoder")
def encoder_save(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    """fastai's `learner.save_encoder("lm_enc")`: the encoder's weights under the learner's
    model folder, read back by `load_encoder("lm_enc")` (ULMFiT's hand-over)."""
    if call.node.args and not ctx.is_import(call.receiver):
        ctx.emit("save", _path(ctx, call, "name", 0), call, what="weights", checkpoint=True,
                 **located(ctx, call, "name", 0))


def _trainer_output(ctx: Interpreter, call: CallSite) -> dict:
    """Where a Trainer writes: the output_dir of its TrainingArguments (checkpoint-N folders
    and save_model() without a folder go there)."""
    built = ctx.evaluator.construction(call.receiver, call.unit, call.span.line)
    if built is None:
        return {}
    trainer, unit, line = built
    site = CallSite(trainer, call.span, unit, call.stmt, "", "", "")
    arguments = ctx.arg(site, "args", 1)
    if isinstance(arguments, (cst.Name, cst.Attribute)):
        found = ctx.evaluator.construction(dotted(arguments), unit, line)
        arguments = found[0] if found else None
        unit, line = (found[1], found[2]) if found else (unit, line)
    if not isinstance(arguments, cst.Call):
        return {}
    inner = CallSite(arguments, call.span, unit, call.stmt, "", "", "")
    inner.span = call.span
    return located(ctx, inner, "output_dir", 0)


@on_method("train")
def trainer_run(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    """Trainer.train() saves checkpoint-N folders under output_dir."""
    if ctx.is_a(receiver_class, TRAINERS):
        where = _trainer_output(ctx, call)
        if where:
            ctx.emit("checkpoint_dir", unknown("checkpoint-N under the output folder"), call,
                     what="model", checkpoint=True, **where)


def _trainer_has_tokenizer(ctx: Interpreter, call: CallSite) -> bool:
    for assignment in reversed(ctx.index.assignments.get(call.receiver, ())):
        if isinstance(assignment.value, cst.Call):
            return any(a.keyword is not None and a.keyword.value in ("tokenizer", "processing_class")
                       for a in assignment.value.args)
    return False


@on_method("save_pretrained")
def hf_save(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if is_hf_tokenizer(receiver_class.replace("#from_pretrained", "")):
        what = "tokenizer"
    elif receiver_class.startswith("transformers."):
        what = "model"
    else:
        what = "any"
    ctx.emit("save", _path(ctx, call, "save_directory", 0), call, what=what,
             checkpoint=what != "tokenizer", **located(ctx, call, "save_directory", 0))


@on_call("torch.save", "paddle.save")  # paddle.save(obj, path) mirrors torch.save(obj, f)
def torch_save(ctx: Interpreter, call: CallSite) -> None:
    what = _saved_object(ctx, call)
    ctx.emit("save", _path(ctx, call, ("f", "path"), 1), call, what=what,
             checkpoint=what != "data", **located(ctx, call, ("f", "path"), 1))


@on_call("joblib.dump", "pickle.dump")
def serialize(ctx: Interpreter, call: CallSite) -> None:
    """A pickle is a checkpoint when its file is named as a model (decided again once a
    helper's path parameter is bound: `logger.save_pickle(state, "model.pkl")`)."""
    where = located(ctx, call, ("filename", "file"), 1)
    ctx.emit("save", _path(ctx, call, ("filename", "file"), 1), call, what="any",
             format="pickle", **({**where, "by_name": True,
                 "checkpoint": names_a_model_file(where["template"])} if where else {}))


@on_call("keras.callbacks.ModelCheckpoint")
def checkpoint_callback(ctx: Interpreter, call: CallSite) -> None:
    weights_only = ctx.arg_value(call, "save_weights_only", default=False, has_default=True)
    ctx.emit("save", _path(ctx, call, "filepath", 0), call,
             what="weights" if weights_only.value else "model", checkpoint=True,
             **located(ctx, call, "filepath", 0, fields=True))  # 'w{epoch:02d}.h5'



@on_call("ignite.handlers.ModelCheckpoint", "ignite.handlers.checkpoint.ModelCheckpoint")
def ignite_checkpoint(ctx: Interpreter, call: CallSite) -> None:
    """ignite's handler writes `<dirname>/<filename_prefix>_<name>_<n>.pt` when attached."""
    prefix = ctx.arg_value(call, "filename_prefix", 1, default="", has_default=True)
    name = f"{prefix.value}_{{}}" if prefix.known and prefix.value else "{}"
    ctx.emit("save", unknown("ignite names its checkpoints at run time"), call, what="model",
             checkpoint=True, **located(ctx, call, "dirname", 0, suffix=f"/{name}"))


@on_call("lightning.pytorch.callbacks.ModelCheckpoint")
def lightning_checkpoint(ctx: Interpreter, call: CallSite) -> None:
    # Without a dirpath, Lightning writes under the Trainer's root folder, in
    # lightning_logs/version_N/checkpoints/, files named "epoch=E-step=S.ckpt" (and last.ckpt)
    folder = located(ctx, call, "dirpath", 0)
    if not folder or folder["template"].startswith("{}"):
        folder = _lightning_root(ctx)
        if folder:
            folder = {**folder, "template": folder["template"].rstrip("/")
                      + "/lightning_logs/version_{}/checkpoints"}
    if not folder:
        ctx.emit("save", unknown("Lightning names its checkpoints at run time"), call,
                 what="model", checkpoint=True)
        return
    names = ["epoch={}-step={}"]
    chosen = ctx.arg_value(call, "filename", 1)
    if chosen.known and isinstance(chosen.value, str) and chosen.value:
        names = [fields_as_holes(chosen.value)]  # "best-{epoch:02d}": Lightning's fields
    if ctx.arg_value(call, "save_last").value is True:
        names.append("last")
    for name in names:
        ctx.emit("save", unknown("Lightning names its checkpoints at run time"), call,
                 what="model", checkpoint=True,
                 **{**folder, "template": f"{folder['template']}/{name}.ckpt"})


LIGHTNING_CHECKPOINTS = "epoch={}-step={}.ckpt"  # what a Trainer names its checkpoints
_LIGHTNING_TRAINERS = ("lightning.pytorch.Trainer", "lightning.Trainer")


@on_call(*_LIGHTNING_TRAINERS, *(f"{t}.from_argparse_args" for t in _LIGHTNING_TRAINERS))
def lightning_trainer(ctx: Interpreter, call: CallSite) -> None:
    """A Lightning Trainer checkpoints by itself (`enable_checkpointing` defaults to True)
    into its logger's folder: `<save_dir>/<name>/version_N/checkpoints/` (TensorBoardLogger,
    CSVLogger), else `<default_root_dir>/lightning_logs/version_N/checkpoints/`. A file with
    a ModelCheckpoint of its own says where (lightning_checkpoint)."""
    if any(ctx.arg_value(call, key).value is False
           for key in ("enable_checkpointing", "checkpoint_callback")):
        return
    if any(ctx.resolve(c.name).endswith("callbacks.ModelCheckpoint") for c in ctx.index.calls):
        return
    folder = _logger_folder(ctx, call)
    if not folder:
        root = located(ctx, call, "default_root_dir", -1)
        folder = ({**root, "template": root["template"].rstrip("/") + "/lightning_logs"}
                  if root and not root["template"].startswith("{}")
                  else {"template": "lightning_logs", "holes": ()})
    ctx.emit("save", unknown("Lightning names its checkpoints at run time"), call,
             what="model", checkpoint=True, implicit=True,
             **{**folder, "template": f"{folder['template']}/version_{{}}/checkpoints/"
                                      f"{LIGHTNING_CHECKPOINTS}"})


def _logger_folder(ctx: Interpreter, call: CallSite) -> dict:
    """`logger=TensorBoardLogger("runs", name="clmr")`: where the logger writes, as
    located() gives it ({} when the logger is not built here or writes elsewhere)."""
    node = ctx.arg(call, "logger", -1)
    if isinstance(node, cst.Name):
        built = [a.value for a in ctx.index.assignments.get(node.value, ())
                 if a.unit == call.unit and a.line <= call.span.line]
        node = built[-1] if built else None
    if not isinstance(node, cst.Call) or not ctx.resolve(dotted(node.func)).endswith(
            ("TensorBoardLogger", "CSVLogger")):
        return {}
    logger = CallSite(node, call.span, call.unit, call.stmt, "", "", "")
    where = located(ctx, logger, "save_dir", 0)
    if not where or where["template"].startswith("{}"):
        return {}
    name = ctx.arg_value(logger, "name", 1, default="lightning_logs", has_default=True)
    named = name.value if name.known and isinstance(name.value, str) else "{}"
    return {**where, "template": f"{where['template'].rstrip('/')}/{fields_as_holes(named)}"}


def _lightning_root(ctx: Interpreter) -> dict:
    """Where the file's one Lightning Trainer writes (`default_root_dir`), as a template."""
    trainers = [c for c in ctx.index.calls
                if ctx.resolve(c.name).split(".")[0] in ("lightning", "pytorch_lightning")
                and ctx.resolve(c.name).endswith(".Trainer")]
    if len(trainers) != 1:
        return {}
    where = located(ctx, trainers[0], "default_root_dir", -1)
    return where if where and not where["template"].startswith("{}") else {}


@on_method("save_checkpoint")
def lightning_save(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    ctx.emit("save", _path(ctx, call, "filepath", 0), call, what="model", checkpoint=True,
             **located(ctx, call, "filepath", 0))


@on_call("tensorflow.saved_model.save")
def saved_model(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("save", _path(ctx, call, "export_dir", 1), call, what="model", checkpoint=True,
             **located(ctx, call, "export_dir", 1))


# tensorpack: a ModelSaver callback writes the run's checkpoints under the logger's folder;
# SaverRestore / SmartInit / get_model_loader start a session from a checkpoint path.
@on_call("tensorpack.callbacks.ModelSaver", "tensorpack.ModelSaver")
def tensorpack_saver(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("save", unknown("tensorpack saves under the logger's folder"), call, what="model",
             checkpoint=True, **located(ctx, call, "checkpoint_dir", 2))


@on_call("tensorpack.tfutils.SaverRestore", "tensorpack.tfutils.sessinit.SaverRestore",
         "tensorpack.SaverRestore", "tensorpack.tfutils.SmartInit", "tensorpack.SmartInit",
         "tensorpack.tfutils.sessinit.SmartInit", "tensorpack.tfutils.get_model_loader",
         "tensorpack.tfutils.sessinit.get_model_loader", "tensorpack.get_model_loader")
def tensorpack_restore(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("load", _path(ctx, call, "model_path", 0), call, what="weights", local=True,
             **located(ctx, call, "model_path", 0))


@on_method("restore")
def tf_restore(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if receiver_class in TF_SAVERS:  # saver.restore(sess, path)
        ctx.emit("load", _path(ctx, call, "save_path", 1), call, what="weights", local=True,
                 **located(ctx, call, "save_path", 1))


@on_call("tensorflow.train.init_from_checkpoint", "tensorflow.compat.v1.train.init_from_checkpoint")
def tf_init_from_checkpoint(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("load", _path(ctx, call, "ckpt_dir_or_file", 0), call, what="weights", local=True,
             **located(ctx, call, "ckpt_dir_or_file", 0))


@on_call("keras.models.load_model", "keras.saving.load_model", "tensorflow.saved_model.load")
def keras_load(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("load", _path(ctx, call, ("filepath", "export_dir"), 0), call, what="model",
             local=True, **located(ctx, call, ("filepath", "export_dir"), 0))


def application_weights(ctx: Interpreter, call: CallSite) -> None:
    """`MobileNet(weights=args.weight_path)`: a Keras application built with weights read
    from a file (the caller has ruled out 'imagenet' and None)."""
    ctx.emit("load", _path(ctx, call, "weights", -1), call, what="weights", local=True,
             into=call.target, **located(ctx, call, "weights", -1))


@on_method("load_weights")
def load_weights(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    ctx.emit("load", _path(ctx, call, "filepath", 0), call, what="weights", local=True,
             into=call.receiver, **located(ctx, call, "filepath", 0))


# Methods that put a state dict into a model (torch; paddle's set_state_dict / set_dict)
_STATE_SETTERS = ("load_state_dict", "set_state_dict", "set_dict")


@on_call("torch.load", "paddle.load")
def torch_load(ctx: Interpreter, call: CallSite) -> None:
    # Read into load_state_dict it is a checkpoint; on its own it may be data (tensors).
    outer = call.outer
    into_model = outer is not None and outer.method in _STATE_SETTERS
    ctx.emit("load", _path(ctx, call, ("f", "path"), 0), call,
             what="weights" if into_model else "any", local=True,
             into=outer.receiver if into_model else "", **located(ctx, call, ("f", "path"), 0))


@on_call("joblib.load", "pickle.load")
def deserialize(ctx: Interpreter, call: CallSite) -> None:
    path = _path(ctx, call, ("filename", "file"), 0)
    ctx.emit("load", path, call, what="any", local=True, format="pickle",
             **located(ctx, call, ("filename", "file"), 0))
    role = loaded_role(call.target, path.value if path.known else "")
    if role in ("text", "tabular"):
        ctx.emit(f"{role}_pipeline", "loaded", call, target=call.target)


_ROLE_WORDS = (("tabular", ("scaler", "standardizer", "normalizer", "imputer", "preprocessor")),
               ("text", ("vectorizer", "tfidf", "tokenizer", "vocab", "count_vec")))


def loaded_role(name: str, path: str) -> str:
    """'text' or 'tabular' when a loaded object's name or file says what it is."""
    words = f"{name} {path}".lower()
    for role, hints in _ROLE_WORDS:
        if any(hint in words for hint in hints):
            return role
    if "pipe" in words:
        return "pipeline"  # preprocessing and model together; which kind, the rules decide
    return ""


@on_method("load")
def rl_load(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    """`PPO.load(path)`: a Stable-Baselines3 agent read back from the zip `save` wrote."""
    if ctx.resolve(call.receiver).startswith(RL_ALGORITHM_PREFIXES) and call.node.args:
        ctx.emit("load", _path(ctx, call, "path", 0), call, what="model", local=True,
                 **located(ctx, call, "path", 0))


@on_method("load_from_checkpoint")
def lightning_load(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    ctx.emit("load", _path(ctx, call, "checkpoint_path", 0), call, what="model", local=True,
             **located(ctx, call, "checkpoint_path", 0))
    strict = ctx.arg_value(call, "strict")
    if strict.known and strict.value is False:
        # Lightning returns the model, not the missing keys: nothing is there to check
        ctx.emit("non_strict_load", True, call, checked=False)


@on_method("load_state_dict")
def load_state_dict(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    strict = ctx.arg_value(call, "strict", 1, default=True, has_default=True)
    if not (strict.known and strict.value is False):
        return
    state = ctx.arg(call, "state_dict", 0)
    if isinstance(state, cst.Call) and dotted(state.func).endswith(".state_dict"):
        return  # copying another in-memory model (a teacher from its student), no checkpoint
    checked = _result_checked(ctx, call)
    ctx.emit("non_strict_load", True, call, checked=checked,
             check_edits=None if checked else _keep_and_print(ctx, call))


def _keep_and_print(ctx: Interpreter, call: CallSite) -> list[tuple[Span, str]] | None:
    """Edits that keep a discarded load's result and print its missing and unexpected keys
    on the next line; None unless the call is the whole statement, on lines of its own."""
    ends = statement_ends(ctx.lines, call)
    if ends is None:
        return None
    start, end, indent = ends
    return [(start, "incompatible = "),
            (end, f"\n{indent}print(\"not loaded:\", incompatible.missing_keys, "
                  "\"unused:\", incompatible.unexpected_keys)")]


def _result_checked(ctx: Interpreter, call: CallSite) -> bool:
    """The returned missing/unexpected keys are looked at (printed, asserted, logged)."""
    if call.discarded:
        return False
    if call.outer is not None:
        return True  # print(model.load_state_dict(...)), log(...), assert ...
    if not call.target:
        return True  # used inside an expression we do not follow: give the benefit
    names = [name.split(".")[-1] for name in call.target.split(",")]
    if call.unit is not None:
        scopes = [ctx.index.references.get(call.unit, {})]
        needed = 2  # the assignment itself is one reference
    else:
        same = ctx.index.references.get(("stmt", call.stmt), {})
        if any(same.get(name, 0) >= 2 for name in names):
            return True
        scopes = [refs for key, refs in ctx.index.references.items()
                  if isinstance(key, tuple) and key[1] > call.stmt]
        needed = 1
    return any(refs.get(name, 0) >= needed for refs in scopes for name in names)
