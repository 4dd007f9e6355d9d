"""Training setup: optimizers, losses, class balance, models, freezing, compile and fit."""

from __future__ import annotations

import re

import libcst as cst

from ftlint.extract import knowledge
from ftlint.extract.core import Interpreter
from ftlint.extract.index import AttributeWrite, CallSite, dotted
from ftlint.extract.registry import (
    on_attribute_write,
    on_call,
    on_finish,
    on_instance_call,
    on_method,
)
from ftlint.extract.spans import argument_span, new_keyword
from ftlint.facts import Span, Value, unknown


# -- optimizers ------------------------------------------------------------------------
def _groups_set_rates(ctx: Interpreter, params: cst.BaseExpression | None, call: CallSite,
                      ) -> bool:
    """Parameter groups that carry their own "lr" ([{"params": ..., "lr": ...}, ...])."""
    def has_lr(node: cst.BaseExpression | None) -> bool:
        return isinstance(node, cst.Dict) and any(
            isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
            and e.key.value.strip("'\"") == "lr" for e in node.elements)

    if isinstance(params, (cst.List, cst.Tuple)):
        return any(has_lr(e.value) for e in params.elements)
    if isinstance(params, (cst.ListComp, cst.GeneratorExp)):
        return has_lr(params.elt)
    if isinstance(params, cst.Name):
        for assignment in ctx.index.assignments.get(params.value, ()):
            if assignment.value is not None and assignment.value is not params and \
                    _groups_set_rates(ctx, assignment.value, call):
                return True
        return any(c.receiver == params.value and c.method in ("append", "extend", "insert")
                   and any(has_lr(a.value) for a in c.node.args) for c in ctx.index.calls)
    return False


def _learning_rate(ctx: Interpreter, call: CallSite, info: knowledge.OptimizerInfo) -> Value:
    if info.lr_position == 1 and _groups_set_rates(ctx, ctx.arg(call, "params", 0), call):
        return unknown("each parameter group sets its own rate")
    node = ctx.arg(call, info.lr_keywords, info.lr_position)
    if node is None:
        if ctx.has_star_args(call):
            return unknown("passed through **kwargs")
        if info.default_lr is None:
            return unknown("no learning rate given")
        return Value(info.default_lr, "default")
    if isinstance(node, cst.Call):
        schedule = ctx.resolve(dotted(node.func))
        keyword = knowledge.KERAS_SCHEDULES.get(schedule)
        if keyword:
            start = ctx.arg_value(CallSite(node, call.span, call.unit, call.stmt, "", "", ""),
                                  keyword, 0)
            return Value(start.value, "schedule") if start.known else start
    if isinstance(node, cst.Name):
        # a schedule object built elsewhere: `lr_schedule = ExponentialDecay(...)`
        built = ctx.class_of(node.value, call.unit, call.span.line)
        if built in knowledge.KERAS_SCHEDULES:
            return unknown("a learning-rate schedule object")
    value = ctx.value(node, call)
    if value.known and not isinstance(value.value, (int, float)):
        return unknown("not a number")
    if value.known and value.value == 0:
        return unknown("set to 0: a scheduler sets the rate")
    return value


LAYER_DECAY = re.compile(r"layer_?decay|lr_?decay|layerwise|param_groups_lrd|\blrd\b", re.I)


def _scope(ctx: Interpreter, call: CallSite, info: knowledge.OptimizerInfo) -> str | None:
    """'head' when only a classification head's parameters are optimized; 'layer-decay' when
    the parameter groups give lower layers smaller rates (BEiT/MAE fine-tuning recipes)."""
    if info.lr_position != 1:
        return None
    params = ctx.arg(call, "params", 0)
    if _builds_layer_decay(ctx, params, call):
        return "layer-decay"
    if isinstance(params, cst.Call) and dotted(params.func).endswith(".parameters"):
        owner = dotted(params.func).rsplit(".", 1)[0]
        parts = owner.split(".")
        if len(parts) >= 2 and parts[-1] in knowledge.HEAD_NAMES:
            return "head"
        return "all"
    return None


def _builds_layer_decay(ctx: Interpreter, params: cst.BaseExpression | None, call: CallSite,
                        ) -> bool:
    if isinstance(params, cst.Name):
        assignments = [a for a in ctx.index.assignments.get(params.value, ())
                       if a.unit == call.unit and a.line <= call.span.line]
        params = assignments[-1].value if assignments else None
    if not isinstance(params, cst.Call):
        return False
    names = [dotted(params.func)] + [a.keyword.value for a in params.args if a.keyword]
    return any(LAYER_DECAY.search(name) for name in names if name)


def _emit_optimizer(ctx: Interpreter, call: CallSite, qualified: str) -> None:
    info = knowledge.OPTIMIZERS[qualified]
    outer = call.outer
    compiled_into = outer.receiver if outer is not None and outer.method == "compile" else None
    ctx.emit("optimizer", info.name, call, family=info.family,
             ceiling=knowledge.RATE_CEILINGS.get(info.family),
             lr=_learning_rate(ctx, call, info), scope=_scope(ctx, call, info),
             target=call.target, compiled_into=compiled_into,
             # a Keras optimizer on its own trains nothing until a compile() uses it
             standalone=compiled_into is None and info.lr_position == 0)


def optimizer(ctx: Interpreter, call: CallSite) -> None:
    _emit_optimizer(ctx, call, ctx.resolve(call.name))


for _name in knowledge.OPTIMIZERS:
    on_call(_name)(optimizer)


@on_call(*knowledge.OPTIMIZER_FACTORIES)
def optimizer_factory(ctx: Interpreter, call: CallSite) -> None:
    """timm.optim.create_optimizer_v2(model, opt="adamw", lr=...): the optimizer it names."""
    keyword, position, name_keyword, default = knowledge.OPTIMIZER_FACTORIES[
        ctx.resolve(call.name)]
    opt = ctx.arg_value(call, name_keyword, 1, default=default, has_default=True)
    if not (opt.known and isinstance(opt.value, str)):
        return
    name = opt.value.lower().split("_")[-1].removeprefix("fused")
    name = {"momentum": "sgd", "nesterov": "sgd"}.get(name, name)
    if name not in knowledge.FAMILIES:
        return
    lr = ctx.arg_value(call, "lr")
    if not lr.known or lr.value is None:
        lr = unknown("no learning rate given")
    if not isinstance(ctx.arg(call, keyword, position), cst.Name):
        lr = unknown("it optimizes part of a model")  # a head, a parameter list: which part
    ctx.emit("optimizer", name, call, family=knowledge.FAMILIES[name], lr=lr, scope=None,
             target=call.target, ceiling=knowledge.RATE_CEILINGS.get(knowledge.FAMILIES[name]))


@on_call("#layerwise")
def layerwise_optimizer(ctx: Interpreter, call: CallSite) -> None:
    name = knowledge.LAYERWISE_TAILS[call.method]
    lr = ctx.arg_value(call, "lr", 1)
    ctx.emit("optimizer", name, call, family="layerwise", lr=lr, scope=None, target=call.target)


@on_call(*knowledge.TRAINING_ARGUMENTS_CLASSES)
def training_arguments(ctx: Interpreter, call: CallSite) -> None:
    lr = ctx.arg_value(call, "learning_rate", default=knowledge.TRAINING_ARGUMENTS_LR,
                       has_default=not ctx.has_star_args(call))
    optim = ctx.arg_value(call, "optim", default="adamw_torch", has_default=True)
    name = "adamw"
    family = "adam"
    if optim.known and isinstance(optim.value, str) and "adafactor" in optim.value:
        name = family = "adafactor"
    elif optim.known and isinstance(optim.value, str) and "sgd" in optim.value:
        name = family = "sgd"
    ctx.emit("optimizer", name, call, family=family, lr=lr, scope=None, target=call.target,
             ceiling=knowledge.RATE_CEILINGS.get(family))


@on_call(*knowledge.RATE_SETTING_SCHEDULERS)
def rate_setting_scheduler(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("lr_schedule", call.method, call, sets_rate=True)


# -- compile / fit ----------------------------------------------------------------------
@on_method("compile")
def keras_compile(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if ctx.is_import(call.receiver) or receiver_class.startswith("torch"):
        return
    if ctx.resolve(call.name) in ("re.compile", "torch.compile") or call.name == "re.compile":
        return
    opt = ctx.arg(call, "optimizer", 0)
    ctx.emit("compile", True, call, target=call.receiver, optimizer=dotted(opt))
    if opt is not None:
        value = ctx.value(opt, call)
        if value.known and isinstance(value.value, str):
            qualified = knowledge.KERAS_OPTIMIZER_STRINGS.get(value.value.lower())
            if qualified:
                info = knowledge.OPTIMIZERS[qualified]
                ctx.emit("optimizer", info.name, call, family=info.family,
                         lr=Value(info.default_lr, "default"), scope=None, target="",
                         compiled_into=call.receiver)
    loss = ctx.arg(call, "loss", 1)
    if loss is not None:
        value = ctx.value(loss, call)
        if value.known and isinstance(value.value, str):
            qualified = knowledge.KERAS_LOSS_STRINGS.get(value.value)
            if qualified:
                name, _ = knowledge.LOSSES[qualified]
                ctx.emit("loss", name, call, from_logits=Value(False, "default"),
                         task=knowledge.LOSS_TASKS.get(name))


@on_method("fit", "fit_generator", "train", *knowledge.FASTAI_FIT_METHODS)
def training_run(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if ctx.is_import(call.receiver):
        return
    if call.method == "train":
        if ctx.is_a(receiver_class, knowledge.TRAIN_LOOP_CLASSES):
            ctx.emit("fit_call", True, call, target=call.receiver)
        elif not call.node.args or _is_true(ctx, call):
            ctx.emit("train_mode", True, call, target=ctx.caller_name(call.receiver, call.unit),
                     runs_at=_runs_at(ctx, call))
        elif _is_false(ctx, call):
            ctx.emit("eval_mode", True, call, target=ctx.caller_name(call.receiver, call.unit))
        return
    if receiver_class.startswith("sklearn.") and not receiver_class.startswith(
        ("sklearn.linear_model", "sklearn.ensemble", "sklearn.svm", "sklearn.tree",
         "sklearn.neighbors", "sklearn.naive_bayes", "sklearn.neural_network")
    ):
        return
    learns = not receiver_class.startswith(knowledge.INSTANCE_BASED_ESTIMATORS)
    ctx.emit("fit_call", True, call, target=call.receiver, learns=learns)
    weights = ctx.arg(call, "class_weight")
    if weights is not None:
        _class_weight(ctx, call, weights)


@on_method("pretrain", "fit")
def recbole_run(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    """A RecBole trainer's run trains and writes checkpoints under checkpoint_dir (a config
    value: the folder is unknown, the checkpoint is not)."""
    if not receiver_class.startswith(knowledge.RECBOLE_PREFIX):
        return
    if call.method == "pretrain":
        ctx.emit("fit_call", True, call, target=call.receiver)
    ctx.emit("save", unknown("RecBole's checkpoint_dir"), call, what="model", checkpoint=True,
             template="{}", holes=("checkpoint_dir",), optional=False, argument="", keys=(),
             option="")


@on_method("learn")
def rl_learn(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    """Stable-Baselines3's `model.learn(total_timesteps=...)` runs the algorithm's optimizer."""
    if receiver_class.startswith(knowledge.RL_ALGORITHM_PREFIXES):
        ctx.emit("fit_call", True, call, target=call.receiver)


@on_method("eval")
def eval_mode(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if not call.node.args and not ctx.is_import(call.receiver):
        ctx.emit("eval_mode", True, call, target=ctx.caller_name(call.receiver, call.unit))


def _runs_at(ctx: Interpreter, call: CallSite) -> int | None:
    """The module-level line where this code runs: its own, or where its function is called."""
    if call.unit is None:
        return call.span.line
    lines = [c.span.line for c in ctx.index.calls if c.name == call.unit and c.unit is None]
    return min(lines) if len(lines) == 1 else None


def instances(ctx: Interpreter, cls: str, depth: int = 0) -> list[str]:
    """Names bound to objects of a class of this file: `model = Net()`, and through an
    enclosing class, `self.encoder = Encoder()` inside Net gives `model.encoder`."""
    found: list[str] = []
    for name, assignments in ctx.index.assignments.items():
        for a in assignments:
            if isinstance(a.value, cst.Call) and dotted(a.value.func) == cls:
                found.extend(_expand(ctx, name, a.unit, depth))
    return found


def _expand(ctx: Interpreter, name: str, unit: str | None, depth: int = 0) -> list[str]:
    if not name.startswith("self.") or ctx.index.unit_kinds.get(unit or "") != "class":
        return [name]
    rest = name[len("self."):]
    outer = [f"{owner}.{rest}" for owner in instances(ctx, unit, depth + 1)] if depth < 4 else []
    return [name, *outer]


def _targets(ctx: Interpreter, call: CallSite) -> list[str]:
    """Where a module built inside a class lives: `self.encoder` is `model.encoder`."""
    return _expand(ctx, call.target, call.unit) if call.target else []


def _is_true(ctx: Interpreter, call: CallSite) -> bool:
    value = ctx.arg_value(call, "mode", 0)
    return value.known and value.value is True


def _is_false(ctx: Interpreter, call: CallSite) -> bool:
    value = ctx.arg_value(call, "mode", 0)
    return value.known and value.value is False


def _class_weight(ctx: Interpreter, call: CallSite, node: cst.BaseExpression) -> None:
    made_by, kind = _weights_origin(ctx, call, node)
    text = ctx.value(node, call)
    if isinstance(node, cst.SimpleString) and text.known and isinstance(text.value, str):
        made_by, kind = "string", "string"  # fit(class_weight='auto'): no dict of weights
    ctx.emit("class_weight", made_by, call, made_by=made_by, type=kind,
             text=text.value if kind == "string" else None)
    if made_by not in ("none", "string"):
        ctx.emit("weighting", "class_weight", call)


def _weights_origin(ctx: Interpreter, call: CallSite, node: cst.BaseExpression,
                    depth: int = 0) -> tuple[str, str]:
    """(how the weights were made, their type) for a class_weight argument."""
    name = dotted(node)
    if name and depth < 5:
        if name == "None":
            return "none", "none"
        assignments = [a for a in ctx.index.assignments.get(name, ())
                       if a.line <= call.span.line or a.unit != call.unit]
        if assignments and assignments[-1].value is not None:
            return _weights_origin(ctx, call, assignments[-1].value, depth + 1)
        return "unknown", "unknown"
    if isinstance(node, (cst.Dict, cst.DictComp)):
        return "dict", "dict"
    if isinstance(node, cst.Call):
        name = ctx.resolve(dotted(node.func)) or dotted(node.func)
        tail = name.rsplit(".", 1)[-1]
        if tail == "compute_sample_weight":
            return "sample-weights", "array"
        if tail == "compute_class_weight":
            return "class-weights", "array"
        if tail == "dict":
            # dict(enumerate(compute_sample_weight(...))) is still one weight per sample
            inner = [a.value for a in node.args]
            seen = 0
            while inner and seen < 20:
                item, seen = inner.pop(), seen + 1
                if isinstance(item, cst.Name):
                    assigned = [a for a in ctx.index.assignments.get(item.value, ())
                                if a.value is not None and a.line <= call.span.line]
                    inner.extend(a.value for a in assigned[-1:])
                elif isinstance(item, cst.Call):
                    if dotted(item.func).endswith("compute_sample_weight"):
                        return "sample-weights", "dict"
                    inner.extend(a.value for a in item.args)
            return "dict", "dict"
        if tail in ("array", "asarray", "tensor", "list", "tolist"):
            return "unknown", "array"
    if isinstance(node, (cst.List, cst.Tuple)):
        return "unknown", "array"
    value = ctx.value(node, call)
    if value.known and isinstance(value.value, str):
        return "string", "string"
    return "unknown", "unknown"


@on_call("sklearn.utils.class_weight.compute_sample_weight",
         "sklearn.utils.compute_sample_weight")
def sample_weight_array(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("sample_weights", True, call, target=call.target,
             class_weight_edits=_as_class_weight_dict(ctx, call))


def _as_class_weight_dict(ctx: Interpreter, call: CallSite) -> list[tuple[Span, str]] | None:
    """compute_sample_weight(mode, y) rewritten as a {class: weight} dict made by
    compute_class_weight, as edits: when both arguments are given and nothing else. The
    classes are numpy.unique(y) when numpy is imported, sorted(set(y)) for a plain name
    otherwise; compute_class_weight is imported beside the statement when it is not."""
    mode, labels = ctx.arg(call, "class_weight", 0), ctx.arg(call, "y", 1)
    if mode is None or labels is None or len(call.node.args) != 2:
        return None
    code = cst.Module([]).code_for_node
    y = code(labels)
    numpy = next((name for name, origin in ctx.index.aliases.items() if origin == "numpy"), None)
    if numpy is not None:
        classes = f"{numpy}.unique({y})"
    elif isinstance(labels, (cst.Name, cst.Attribute)):
        classes = f"sorted(set({y}))"
    else:
        return None
    callee = dotted(call.node.func)
    edits: list[tuple[Span, str]] = []
    if "." in callee:
        function = callee.rsplit(".", 1)[0] + ".compute_class_weight"
    else:
        function = next((name for name, origin in ctx.index.aliases.items()
                         if origin.endswith("compute_class_weight")), "")
        if not function:  # import it on a line of its own, above the statement
            line = ctx.lines[call.span.line - 1] if call.span.line <= len(ctx.lines) else ""
            indent = line[: len(line) - len(line.lstrip())]
            if not call.target or not line.lstrip().startswith(call.target):
                return None  # the statement does not start on this line
            function = "compute_class_weight"
            at = Span(call.span.path, call.span.line, 1, call.span.line, 1)
            edits.append((at, f"{indent}from sklearn.utils.class_weight import "
                              "compute_class_weight\n"))
    if not callee:
        return None
    edits.append((call.span, f"dict(zip({classes}, {function}({code(mode)}, classes={classes}, "
                             f"y={y})))"))
    return edits


@on_call("torch.utils.data.WeightedRandomSampler")
def weighted_sampler(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("weighting", "sampler", call)


# -- losses ----------------------------------------------------------------------------
def loss(ctx: Interpreter, call: CallSite) -> None:
    qualified = ctx.resolve(call.name)
    name, logits = knowledge.LOSSES[qualified]
    if logits is None:
        from_logits = ctx.arg_value(call, "from_logits", 0, default=False, has_default=True)
    else:
        from_logits = Value(logits, "default")
    ctx.emit("loss", name, call, from_logits=from_logits, metric=_is_metric(call),
             task=knowledge.LOSS_TASKS.get(name))
    for keyword in ("weight", "pos_weight", "class_weight"):
        node = ctx.arg(call, keyword)
        if node is not None and not (isinstance(node, cst.Name) and node.value == "None"):
            ctx.emit("weighting", "weighted-loss", call)
            break


for _name in knowledge.LOSSES:
    on_call(_name)(loss)

EVALUATION = re.compile(r"val|eval|test|metric|score|predict|infer", re.I)


def _is_metric(call: CallSite) -> bool:
    """A loss function computed to report a metric (validation_step, self.log(...))."""
    if EVALUATION.search(call.function or ""):
        return True
    outer = call.outer
    while outer is not None:
        if outer.method in ("log", "log_dict", "append", "print", "info", "item", "sqrt"):
            return True
        outer = outer.outer
    return False


@on_call("sklearn.linear_model.LogisticRegression", "sklearn.svm.SVC", "sklearn.svm.LinearSVC",
         "sklearn.ensemble.RandomForestClassifier", "sklearn.linear_model.SGDClassifier",
         "sklearn.tree.DecisionTreeClassifier")
def sklearn_estimator(ctx: Interpreter, call: CallSite) -> None:
    weights = ctx.arg_value(call, "class_weight")
    if weights.known and weights.value:
        ctx.emit("weighting", "class_weight", call)


# -- models as declared ------------------------------------------------------------------
LAYER_KEYS = {  # the arguments that define a layer, by position then keyword
    "Dense": (("units", 0), ("activation", 1)),
    "Conv1D": (("filters", 0), ("kernel_size", 1), ("activation", -1)),
    "Conv2D": (("filters", 0), ("kernel_size", 1), ("activation", -1)),
    "LSTM": (("units", 0),), "GRU": (("units", 0),), "SimpleRNN": (("units", 0),),
    "Embedding": ((("input_dim", "num_embeddings"), 0), (("output_dim", "embedding_dim"), 1)),
    "TransformerEncoderLayer": (("d_model", 0), ("nhead", 1), ("dim_feedforward", 2),
                                ("dropout", 3)),
    "TransformerEncoder": (("num_layers", 1),),
    "MultiheadAttention": (("embed_dim", 0), ("num_heads", 1)),
    "Dropout": (("rate", 0),), "SpatialDropout1D": (("rate", 0),),
    "Activation": (("activation", 0),),
    "Linear": (("in_features", 0), ("out_features", 1)),
    "Conv2d": (("in_channels", 0), ("out_channels", 1), ("kernel_size", 2)),
    "Conv1d": (("in_channels", 0), ("out_channels", 1), ("kernel_size", 2)),
    "ReLU": (), "GELU": (), "Tanh": (), "Sigmoid": (), "Softmax": (),
    "BatchNormalization": (), "BatchNorm1d": (), "BatchNorm2d": (), "LayerNormalization": (),
    "LayerNorm": (), "Flatten": (), "MaxPooling2D": (), "MaxPool2d": (),
    "GlobalAveragePooling2D": (), "GlobalAveragePooling1D": (), "AdaptiveAvgPool2d": (),
    "Bidirectional": (),
}
LAYER_PREFIXES = ("keras.layers.", "torch.nn.")
# A Sequential made only of these is data augmentation or preprocessing, not a model.
AUGMENTATION_PREFIXES = ("Random",)
PREPROCESSING_LAYERS = {"Rescaling", "Resizing", "Normalization", "CenterCrop", "Input"}


def _layer_signature(ctx: Interpreter, node: cst.Call, site: CallSite) -> tuple | None:
    qualified = ctx.resolve(dotted(node.func))
    if qualified in ("keras.Input", "keras.layers.Input", "keras.layers.InputLayer"):
        shape = ctx.arg_value(CallSite(node, site.span, site.unit, site.stmt, "", "", ""),
                              ("shape", "input_shape"), 0)
        return ("Input", shape.value if shape.known else "?")
    if not qualified.startswith(LAYER_PREFIXES):
        return None
    cls = qualified.rsplit(".", 1)[-1]
    if cls == "Dropout" and qualified.startswith("torch.nn."):
        keys: tuple = (("p", 0),)
    else:
        keys = LAYER_KEYS.get(cls, ())
    described: list[object] = [cls]
    probe = CallSite(node, site.span, site.unit, site.stmt, "", "", "")
    for keyword, position in keys:
        value = ctx.arg_value(probe, keyword, position)
        if keyword == "activation" and not value.known and ctx.arg(probe, keyword, position) is None:
            value = Value(None, "default")
        described.append(value.value if value.known else "?")
    return tuple(described)


@on_call("keras.Sequential", "keras.models.Sequential", "torch.nn.Sequential")
def sequential(ctx: Interpreter, call: CallSite) -> None:
    elements: list[cst.BaseExpression] = []
    args = [a for a in call.node.args if a.keyword is None]
    if len(args) == 1 and isinstance(args[0].value, cst.List):
        elements = [e.value for e in args[0].value.elements]
    else:
        elements = [a.value for a in args]
    if any(not isinstance(e, cst.Call) for e in elements):
        # Sequential(encoder, head) or Sequential(model_a.layers[:-1]): it reuses modules whose
        # layers we do not list; a layer added to it afterwards is a new head
        for added in ctx.index.calls:
            if added.method == "add" and added.receiver == call.target and call.target and \
                    added.node.args and isinstance(added.node.args[0].value, cst.Call):
                ctx.emit("new_head", "add", added, target=call.target)
        return
    layers = [_layer_signature(ctx, e, call) for e in elements]
    if not layers:
        adds = [c for c in ctx.index.calls if c.method == "add" and c.receiver == call.target
                and call.target and c.unit == call.unit and c.node.args]
        reused = [c for c in adds if _reused_module(ctx, c.node.args[0].value)]
        if reused:  # `model.add(encoder)` of pretrained modules, then `model.add(Dense(...))`
            for added in adds:
                if added.span.line > reused[0].span.line and added not in reused:
                    ctx.emit("new_head", "add", added, target=call.target)
            return
        layers = [_layer_signature(ctx, c.node.args[0].value, c) for c in adds
                  if isinstance(c.node.args[0].value, cst.Call)]
    if layers and all(layer is not None for layer in layers) and not all(
        layer[0].startswith(AUGMENTATION_PREFIXES) or layer[0] in PREPROCESSING_LAYERS
        for layer in layers
    ):
        ctx.emit("model", tuple(layers), call, name=call.target or "model",
                 outputs=_outputs(layers[-1]), instances=_targets(ctx, call))
        if any(layer[0].startswith(("BatchNorm", "BatchNormalization")) for layer in layers):
            for target in _targets(ctx, call):
                ctx.emit("network", "Sequential", call, target=target, batchnorm=True)


def _reused_module(ctx: Interpreter, node: cst.BaseExpression) -> bool:
    """What `model.add(...)` is given: a module built elsewhere (a variable, a loaded model,
    a library network), not a layer made on the spot."""
    if not isinstance(node, cst.Call):
        return True
    name = ctx.resolve(dotted(node.func))
    return name.endswith(".load_model") or name.startswith("keras.applications.")


def _outputs(last: tuple) -> str | None:
    """'probabilities' or 'logits' from a model's last layer, None when it cannot be told."""
    if last[0] in ("Softmax", "Sigmoid") or (last[0] == "Activation" and last[1] in (
            "softmax", "sigmoid")):
        return "probabilities"
    if last[0] in ("Dense", "Linear"):
        activation = last[2] if last[0] == "Dense" and len(last) > 2 else None
        if activation in ("softmax", "sigmoid"):
            return "probabilities"
        if activation is None:
            return "logits"
    return None


@on_finish
def class_models(ctx: Interpreter) -> None:
    """A model class: the layers its __init__ builds, in order (nn.Module, keras.Model)."""
    layers_by_class: dict[str, list[tuple[int, tuple, CallSite]]] = {}
    for call in ctx.index.calls:
        if call.function != "__init__" or ctx.index.unit_kinds.get(call.unit or "") != "class":
            continue
        if call.outer is not None and ctx.resolve(call.outer.name).startswith(LAYER_PREFIXES):
            continue  # a layer built inside another layer's arguments belongs to it
        signature = _layer_signature(ctx, call.node, call)
        if signature is not None and signature[0] not in ("Module", "Sequential", "ModuleList"):
            layers_by_class.setdefault(call.unit, []).append((call.span.line, signature, call))
    for cls, layers in layers_by_class.items():
        if len(layers) >= 2:
            layers.sort(key=lambda item: item[0])
            ctx.emit("model", tuple(sig for _, sig, _ in layers), layers[0][2], name=cls,
                     declared="class", instances=instances(ctx, cls))
        if any(sig[0].startswith("BatchNorm") for _, sig, _ in layers):
            for name in instances(ctx, cls):
                ctx.emit("network", cls, layers[0][2], target=name, batchnorm=True)


# -- freezing, training mode, backbones --------------------------------------------------
# `layer.trainable = False` (Keras) takes effect at compile() and also stops BatchNorm
# updates; `p.requires_grad = False` (PyTorch) stops gradients only.
FREEZE_ATTRIBUTES = {"trainable": {"needs_compile": True, "freezes_norm_statistics": True},
                     "requires_grad": {"needs_compile": False}}


@on_attribute_write(*FREEZE_ATTRIBUTES)
def freeze_flag(ctx: Interpreter, write: AttributeWrite) -> None:
    value = ctx.value(write.value, write.site)
    if value.known and isinstance(value.value, bool):
        source = write.loop_source
        target = source.removesuffix("[:]") if source else write.target
        ctx.emit("trainable", value.value, write.site, target=target,
                 partial=source.endswith("[:]"), **FREEZE_ATTRIBUTES[write.attr],
                 batchnorm_only=_under_batchnorm_test(ctx, write.site.span.line))


# a BatchNorm layer by class or by name ('batch_normalization_3'; ResNet50's 'bn2a_branch1')
_BATCHNORM_TEST = re.compile(r"batch_?norm|['\"]bn", re.I)


def _under_batchnorm_test(ctx: Interpreter, line: int) -> bool:
    """The write sits under `if layer.name.startswith('batch_normalization'):` or
    `isinstance(layer, BatchNormalization)`: a choice about BatchNorm layers only."""
    lines = ctx.lines
    if not 0 < line <= len(lines):
        return False
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip())
    for number in range(line - 2, max(-1, line - 30), -1):
        text = lines[number]
        stripped = text.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        own = len(text) - len(stripped)
        if own < indent:
            if stripped.startswith(("if ", "elif ")):
                return bool(_BATCHNORM_TEST.search(stripped))
            if stripped.startswith("else"):
                indent = own + 1  # the else of a test further up: look for its `if`
                continue
            return False
    return False


@on_method("requires_grad_")
def torch_requires_grad_call(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    value = ctx.arg_value(call, "requires_grad", 0, default=True, has_default=True)
    if value.known and isinstance(value.value, bool):
        ctx.emit("trainable", value.value, call, target=call.receiver, needs_compile=False,
                 partial=False)


def replaced_head(ctx: Interpreter, write: AttributeWrite) -> None:
    """`model.fc = nn.Linear(2048, 10)`: a new output head on a pretrained body."""
    value = write.value
    if isinstance(value, cst.Call) and ctx.resolve(dotted(value.func)).startswith(LAYER_PREFIXES):
        ctx.emit("new_head", write.attr, write.site, target=write.target)


for _head in knowledge.HEAD_NAMES:
    on_attribute_write(_head)(replaced_head)


@on_call("peft.get_peft_model", "peft.PeftModel.from_pretrained")
def adapter_training(ctx: Interpreter, call: CallSite) -> None:
    # PEFT freezes the base model and trains only the adapters
    base = ctx.arg(call, "model", 0)
    ctx.emit("trainable", False, call, target=dotted(base) if base is not None else "",
             needs_compile=False, partial=False, adapter=True)


@on_method("freeze")
def lightning_freeze(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if not call.node.args and not ctx.is_import(call.receiver):
        ctx.emit("trainable", False, call, target=call.receiver, needs_compile=False,
                 partial=False)


def backbone_call(ctx: Interpreter, call: CallSite, cls: str) -> None:
    training = ctx.arg_value(call, "training")
    node = ctx.arg(call, "training")
    if node is None:
        inference = new_keyword(call, "training", "False")
    elif isinstance(node, cst.Name) and node.value == "True":
        inference = argument_span(call, node), "False"
    else:
        inference = None  # a variable: the script decides at run time
    ctx.emit("backbone_call", True, call, target=call.name, training=training,
             loaded="load_model" in cls, inference_edit=inference)


@on_call("keras.Model", "keras.models.Model")
def functional_model(ctx: Interpreter, call: CallSite) -> None:
    """`Model(inputs=base.input, outputs=head(base.output))`: the backbone's layers run
    inside the new model in the mode fit gives them (training), as a call without
    training=False does; unfreezing `model.layers[n:]` unfreezes the backbone's."""
    inputs = ctx.arg(call, "inputs", 0)
    if not (isinstance(inputs, cst.Attribute) and inputs.attr.value == "input"):
        return
    base = dotted(inputs.value)
    if base and any(f.kind == "pretrained_backbone" and f.attr("target") == base
                    for f in ctx.facts):
        ctx.emit("backbone_call", True, call, target=base, training=unknown("not given"),
                 loaded=False, inference_edit=None, wrapper=call.target)


for _cls in knowledge.KERAS_APPLICATION_CLASSES:
    on_instance_call(f"keras.applications.{_cls}")(backbone_call)
    for _module in knowledge.KERAS_APPLICATION_MODES:  # resnet50: the tf.keras 2.x module
        on_instance_call(f"keras.applications.{_module}.{_cls}")(backbone_call)
on_instance_call("keras.models.load_model")(backbone_call)
on_instance_call("keras.saving.load_model")(backbone_call)
