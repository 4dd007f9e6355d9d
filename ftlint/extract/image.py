"""Image pipelines: input size, normalization, colour mode, pretrained backbones."""

from __future__ import annotations

import libcst as cst

from ftlint.extract import checkpoints, knowledge
from ftlint.extract.core import Interpreter
from ftlint.extract.index import CallSite, Site, dotted
from ftlint.extract.registry import on_call, on_division, on_method
from ftlint.extract.spans import argument_span
from ftlint.facts import Normalization, Value

TV = "torchvision.transforms."
SIZE_OPS = {"Resize": "resize", "CenterCrop": "crop", "RandomResizedCrop": "crop",
            "RandomCrop": "crop", "Resizing": "resize", "CenterCropping": "crop"}


def _size(value: Value, op: str) -> tuple[int, int] | int | None:
    if not value.known:
        return None
    size = value.value
    if isinstance(size, int):
        return (size, size) if op == "crop" else size
    if isinstance(size, (tuple, list)) and len(size) == 1 and isinstance(size[0], int):
        return (size[0], size[0])
    if isinstance(size, (tuple, list)) and len(size) == 2 and all(isinstance(v, int) for v in size):
        return (size[0], size[1])
    return None


def _is_final(ctx: Interpreter, call: CallSite) -> bool:
    """The last size operation of its list (Compose([...]), Sequential([...]))."""
    if call.in_list is None:
        return True
    list_id, position = call.in_list
    for other in ctx.index.calls:
        if other.in_list and other.in_list[0] == list_id and other.in_list[1] > position:
            tail = other.method
            if tail in SIZE_OPS and ctx.resolve(other.name).startswith((TV, "keras.layers.")):
                return False
    return True


@on_call(*(TV + name for name in ("Resize", "CenterCrop", "RandomResizedCrop", "RandomCrop")))
def torchvision_size(ctx: Interpreter, call: CallSite) -> None:
    name = ctx.resolve(call.name).rsplit(".", 1)[-1]  # `Resize as R` is still Resize
    op = SIZE_OPS[name]
    size = _size(ctx.arg_value(call, "size", 0), op)
    if size is not None:
        ctx.emit("image_size", size, call, op=op, final=_is_final(ctx, call))
    if name == "Resize":
        interpolation = ctx.arg(call, "interpolation", 1)
        if interpolation is not None:
            ctx.emit("interpolation", dotted(interpolation).split(".")[-1].lower(), call)


@on_call("keras.layers.Resizing", "keras.layers.CenterCrop")
def keras_size(ctx: Interpreter, call: CallSite) -> None:
    height = ctx.arg_value(call, "height", 0)
    width = ctx.arg_value(call, "width", 1)
    if height.known and width.known:
        op = "resize" if call.method == "Resizing" else "crop"
        ctx.emit("image_size", (height.value, width.value), call, op=op,
                 final=_is_final(ctx, call))


# image_dataset_from_directory / flow_from_directory: image_size / target_size default
# (256, 256) and color_mode "rgb" (Keras 3.x and tf.keras 2.x docs).
@on_call("keras.preprocessing.image_dataset_from_directory")
def keras_dataset(ctx: Interpreter, call: CallSite) -> None:
    _keras_loader(ctx, call, "image_size")


@on_method("flow_from_directory", "flow_from_dataframe")
def keras_flow(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if receiver_class == "keras.preprocessing.image.ImageDataGenerator":
        _keras_loader(ctx, call, "target_size")


@on_call("keras.preprocessing.image.load_img")
def keras_load_img(ctx: Interpreter, call: CallSite) -> None:
    size = _size(ctx.arg_value(call, "target_size"), "resize")
    if size is not None:  # raw 0-255 pixels, like the directory loaders below
        ctx.emit("image_size", size, call, op="resize", final=True, raw_pixels=True)
    mode = ctx.arg_value(call, "color_mode", default="rgb", has_default=True)
    if mode.known:
        ctx.emit("color_mode", mode.value, call)


# keras.datasets image sets: load_data() returns uint8 arrays of raw 0-255 pixels
_KERAS_IMAGE_SETS = {"cifar10": (32, 32), "cifar100": (32, 32), "mnist": (28, 28),
                     "fashion_mnist": (28, 28)}


def _keras_image_set(ctx: Interpreter, call: CallSite) -> None:
    size = _KERAS_IMAGE_SETS[ctx.resolve(call.name).split(".")[-2]]
    ctx.emit("image_size", size, call, op="load", final=True, raw_pixels=True)
    ctx.emit("builtin_dataset", ctx.resolve(call.name), call)


for _set in _KERAS_IMAGE_SETS:
    on_call(f"keras.datasets.{_set}.load_data")(_keras_image_set)


def _keras_loader(ctx: Interpreter, call: CallSite, size_keyword: str) -> None:
    size = _size(ctx.arg_value(call, size_keyword, default=(256, 256), has_default=True), "resize")
    if size is not None:  # Keras loaders yield raw 0-255 pixels (float32 / uint8)
        ctx.emit("image_size", size, call, op="resize", final=True, raw_pixels=True)
    mode = ctx.arg_value(call, "color_mode", default="rgb", has_default=True)
    if mode.known:
        ctx.emit("color_mode", mode.value, call)


@on_call("cv2.resize")
def cv2_resize(ctx: Interpreter, call: CallSite) -> None:
    size = ctx.arg_value(call, "dsize", 1)
    if size.known and isinstance(size.value, tuple) and len(size.value) == 2:
        ctx.emit("image_size", (size.value[1], size.value[0]), call, op="resize", final=True)


@on_method("resize")
def pil_resize(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if ctx.is_import(call.receiver) or len(call.node.args) > 2:
        return
    size = ctx.arg_value(call, "size", 0)
    if size.known and isinstance(size.value, tuple) and len(size.value) == 2 and all(
        isinstance(v, int) for v in size.value
    ):  # PIL sizes are (width, height)
        ctx.emit("image_size", (size.value[1], size.value[0]), call, op="resize", final=True)


# -- normalization ---------------------------------------------------------------------
@on_call(TV + "Normalize", "albumentations.Normalize")
def normalize(ctx: Interpreter, call: CallSite) -> None:
    albumentations = ctx.resolve(call.name).startswith("albumentations")
    default_mean = knowledge.IMAGENET_MEAN if albumentations else None
    default_std = knowledge.IMAGENET_STD if albumentations else None
    mean = ctx.arg_value(call, "mean", 0, default=default_mean, has_default=albumentations)
    std = ctx.arg_value(call, "std", 1, default=default_std, has_default=albumentations)
    if not (mean.known and std.known):
        return
    try:
        mean_t = tuple(float(v) for v in _flat(mean.value))
        std_t = tuple(float(v) for v in _flat(std.value))
        norm = knowledge.mean_std(mean_t, std_t, f"Normalize(mean={mean_t}, std={std_t})")
    except (TypeError, ValueError, ZeroDivisionError):
        return
    if albumentations:
        peak = ctx.arg_value(call, "max_pixel_value", 2, default=255.0, has_default=True)
        if not (peak.known and peak.value == 255.0):
            return
    # mean/std in 0-1 units, and where each is written (for a quick fix); None when defaulted
    given = {name: ctx.arg(call, name, position) for name, position in (("mean", 0), ("std", 1))}
    ctx.emit("normalization", norm, call, mean=mean_t, std=std_t,
             value_spans={name: argument_span(call, node) for name, node in given.items()
                          if node is not None})


def _shown(scale: float) -> str:
    """1/255 rather than 0.00392157."""
    inverse = 1 / scale if scale else 0
    if inverse and abs(inverse - round(inverse, 1)) < 1e-6 and inverse > 1:
        return f"1/{round(inverse, 1):g}"
    return f"{scale:g}"


def _flat(value) -> tuple:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


@on_call(TV + "ToTensor", "albumentations.pytorch.ToTensorV2",
         "albumentations.pytorch.transforms.ToTensorV2")
def tensor_conversion(ctx: Interpreter, call: CallSite) -> None:
    """A transform list that converts to tensors and normalizes nothing feeds x / 255
    (ToTensor) or raw pixels (albumentations' ToTensorV2 does not scale)."""
    if call.in_list is None or any(
            other.in_list and other.in_list[0] == call.in_list[0] and other.method == "Normalize"
            for other in ctx.index.calls):
        return
    if ctx.resolve(call.name).startswith(TV):
        ctx.emit("normalization", knowledge.UNIT_RANGE, call, via_list=True)
    else:
        ctx.emit("normalization", knowledge.RAW, call, via_list=True)


@on_call("keras.layers.Rescaling")
def rescaling(ctx: Interpreter, call: CallSite) -> None:
    scale = ctx.arg_value(call, "scale", 0)
    offset = ctx.arg_value(call, "offset", 1, default=0.0, has_default=True)
    if scale.known and offset.known and isinstance(scale.value, (int, float)):
        label = f"Rescaling(scale={_shown(scale.value)}, offset={offset.value:g})"
        ctx.emit("normalization", Normalization((float(scale.value),), (float(offset.value),),
                                                "rgb", label), call, in_model=True)


@on_call(*knowledge.PER_SAMPLE_STANDARDIZATION)
def per_sample_standardization(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("normalization", knowledge.PER_SAMPLE_STANDARDIZATION[ctx.resolve(call.name)],
             call)


@on_call("keras.preprocessing.image.ImageDataGenerator")
def image_data_generator(ctx: Interpreter, call: CallSite) -> None:
    rescale = ctx.arg_value(call, "rescale")
    if rescale.known and isinstance(rescale.value, (int, float)) and rescale.value:
        label = f"ImageDataGenerator(rescale={_shown(rescale.value)})"
        ctx.emit("normalization", Normalization((float(rescale.value),), (0.0,), "rgb", label),
                 call)
    function = ctx.arg(call, "preprocessing_function")
    if function is not None:
        _preprocess_function(ctx, dotted(function), call)
    _inert_positional(ctx, call)


# ImageDataGenerator's parameters in order (keras.preprocessing.image, Keras 2.x): only
# `preprocessing_function` (the 18th) calls a function, and no script passes 17 before it.
_GENERATOR_FLAGS = ("featurewise_center", "samplewise_center", "featurewise_std_normalization",
                    "samplewise_std_normalization", "zca_whitening")


def _inert_positional(ctx: Interpreter, call: CallSite) -> None:
    """`ImageDataGenerator(preprocess_input)` binds the function to featurewise_center, a
    flag: it is never called (and featurewise centering needs a fit() that is not made)."""
    positional = [a.value for a in call.node.args if a.keyword is None and not a.star]
    for parameter, node in zip(_GENERATOR_FLAGS, positional, strict=False):
        name = dotted(node)
        if name and _application_module(ctx.resolve(name)) is not None:
            ctx.emit("inert_reference", name, call, parameter=parameter)


def _preprocess_function(ctx: Interpreter, name: str, site: Site) -> None:
    qualified = ctx.resolve(name)
    module = _application_module(qualified)
    if module is not None:
        norm = knowledge.KERAS_APPLICATION_MODES[module]
        ctx.emit("normalization", Normalization(norm.scale, norm.offset, norm.channels,
                                                f"{module}.preprocess_input: {norm.label}"), site)


def _application_module(qualified: str) -> str | None:
    parts = qualified.split(".")
    if len(parts) >= 4 and parts[:2] == ["keras", "applications"] and parts[-1] == "preprocess_input":
        module = parts[2]
        return module if module in knowledge.KERAS_APPLICATION_MODES else None
    return None


@on_method("preprocess_input")
def preprocess_input_call(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if call.receiver:
        _preprocess_function(ctx, call.name, call)


def _bare_preprocess_input(ctx: Interpreter, call: CallSite) -> None:
    _preprocess_function(ctx, call.name, call)


for _module in knowledge.KERAS_APPLICATION_MODES:
    on_call(f"keras.applications.{_module}.preprocess_input")(_bare_preprocess_input)


@on_division
def division_by_constant(ctx: Interpreter, site: Site) -> None:
    """`x / 255.0` or `x / 127.5 - 1` written by hand."""
    node = site.node
    if not isinstance(node, cst.BinaryOperation):
        return
    divisor = ctx.value(node.right, site)
    if _own_maximum(ctx, node.right):  # `x / np.max(x)`: [0, 1] whatever the maximum
        # a loss curve or a histogram is divided so too: pixels only beside an image model
        ctx.emit("normalization", knowledge.UNIT_RANGE_BY_MAX, site, context="contextual-image")
        return
    if not (divisor.known and isinstance(divisor.value, (int, float))):
        return
    norm = {255.0: knowledge.UNIT_RANGE, 127.5: knowledge.TF_MODE}.get(float(divisor.value))
    if norm is None:
        return
    earlier = _scaled_already(ctx, node.left, site)
    if earlier is not None:  # `x = x.astype("float32") / 255` after `x = ... / 255`: twice
        norm = Normalization(tuple(s * norm.scale[0] for s in earlier.value.scale),
                             tuple(o * norm.scale[0] + norm.offset[0]
                                   for o in earlier.value.offset),
                             earlier.value.channels,
                             f"{earlier.value.label}, then divided by {divisor.value} again")
        earlier.attrs["composed_into"] = site.span  # what reaches the model is the whole
    ctx.emit("normalization", norm, site)


def _own_maximum(ctx: Interpreter, node: cst.BaseExpression) -> bool:
    """`np.max(x)`, `x.max()`, `tf.reduce_max(x)`: the data's largest value."""
    if not isinstance(node, cst.Call):
        return False
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value == "max" and not node.args:
        return ctx.resolve(dotted(func.value)) not in ("numpy", "torch")  # x.max()
    return ctx.resolve(dotted(func)) in knowledge.MAXIMUM_FUNCTIONS and len(node.args) == 1


_SAME_METHODS = ("astype", "float", "copy", "reshape", "squeeze", "to", "numpy")
_SAME_FUNCTIONS = ("numpy.array", "numpy.asarray", "float")  # keep the values they get


def _scaled_already(ctx: Interpreter, node: cst.BaseExpression, site: Site):
    """The normalization fact of the assignment the divided variable last got, when that
    assignment scaled it: the two scalings compose."""
    while isinstance(node, cst.Call):
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in _SAME_METHODS:
            node = func.value  # x.astype("float32"): x's values
        elif ctx.resolve(dotted(func)) in _SAME_FUNCTIONS and node.args:
            node = node.args[0].value  # np.array(x, dtype=...)
        else:
            return None
    variable = dotted(node)
    if not variable:
        return None
    before = [a for a in ctx.index.assignments.get(variable, ())
              if a.unit == site.unit and a.line < site.span.line]
    if not before:
        return None
    line = before[-1].line
    found = [f for f in ctx.facts if f.kind == "normalization" and f.span.line == line
             and f.unit == site.unit and isinstance(f.value, Normalization)
             and len(f.value.scale) == 1 and len(f.value.offset) == 1]
    return found[-1] if found else None


# -- colour mode -----------------------------------------------------------------------
@on_call(TV + "Grayscale")
def grayscale(ctx: Interpreter, call: CallSite) -> None:
    # with num_output_channels=3 the three channels carry the same gray values
    ctx.emit("color_mode", "grayscale", call)


@on_method("convert")
def pil_convert(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    mode = ctx.arg_value(call, "mode", 0)
    if mode.known and mode.value in ("L", "RGB", "RGBA", "1"):
        ctx.emit("color_mode", {"L": "grayscale", "1": "grayscale"}.get(mode.value,
                                                                        mode.value.lower()), call)


@on_call("cv2.imread")
def cv2_imread(ctx: Interpreter, call: CallSite) -> None:
    flag = ctx.arg(call, "flags", 1)
    if flag is not None and dotted(flag).endswith("IMREAD_GRAYSCALE"):
        ctx.emit("color_mode", "grayscale", call)


# -- pretrained backbones and what their weights expect ---------------------------------
def _keras_application(ctx: Interpreter, call: CallSite) -> None:
    weights = ctx.arg_value(call, "weights", default="imagenet", has_default=True)
    name = ctx.resolve(call.name).rsplit(".", 1)[-1]  # `VGG16 as KerasVGG16` is still VGG16
    module = knowledge.KERAS_APPLICATION_CLASSES[name]
    expects = knowledge.KERAS_APPLICATION_MODES[module]
    if module == "mobilenet_v3":
        inside = ctx.arg_value(call, "include_preprocessing", default=True, has_default=True)
        if not (inside.known and inside.value):
            return
    if module in ("efficientnet_v2", "convnext"):
        inside = ctx.arg_value(call, "include_preprocessing", default=True, has_default=True)
        if not (inside.known and inside.value):
            expects = knowledge.TF_MODE if module == "efficientnet_v2" else knowledge.TORCH_MODE
    pretrained = weights.known and isinstance(weights.value, str) and (
        weights.value == "imagenet" or knowledge.keras_imagenet_file(name, weights.value))
    given = ctx.arg(call, "weights", -1)
    if not pretrained and isinstance(given, (cst.Name, cst.Attribute, cst.Subscript,
                                             cst.SimpleString, cst.FormattedString,
                                             cst.BinaryOperation, cst.Call)) \
            and dotted(given) != "None":  # a file of weights (an option's None is unset)
        checkpoints.application_weights(ctx, call)
    ctx.emit("network", name, call, target=call.target, batchnorm=knowledge.has_batchnorm(name))
    ctx.emit("pretrained_backbone", name, call, family=module, expects=expects,
             pretrained=pretrained, target=call.target)


for _cls in knowledge.KERAS_APPLICATION_CLASSES:
    on_call(f"keras.applications.{_cls}")(_keras_application)
    for _module in knowledge.KERAS_APPLICATION_MODES:  # resnet50: the tf.keras 2.x module
        on_call(f"keras.applications.{_module}.{_cls}")(_keras_application)


def torchvision_model(ctx: Interpreter, call: CallSite) -> None:
    name = ctx.resolve(call.name).rsplit(".", 1)[-1]
    # norm_layer=FrozenBatchNorm2d (or any other): what normalizes is not the default
    batchnorm = None if ctx.arg(call, "norm_layer") is not None else knowledge.has_batchnorm(name)
    ctx.emit("network", name, call, target=call.target, batchnorm=batchnorm)
    weights = ctx.arg(call, "weights")
    pretrained = ctx.arg_value(call, "pretrained", default=False, has_default=True)
    if weights is not None:
        value = ctx.value(weights, call)
        is_pretrained = not (value.known and value.value is None)
    else:
        is_pretrained = bool(pretrained.known and pretrained.value)
    if is_pretrained:
        ctx.emit("pretrained_backbone", call.method, call, family="torchvision",
                 expects=knowledge.TORCHVISION_WEIGHTS_NORMALIZATION, pretrained=True,
                 target=call.target)


for _name in knowledge.TORCHVISION_CLASSIFIERS:
    on_call(f"torchvision.models.{_name}")(torchvision_model)


@on_call("timm.create_model")
def timm_model(ctx: Interpreter, call: CallSite) -> None:
    name = ctx.arg_value(call, "model_name", 0)
    if not (name.known and isinstance(name.value, str)):
        return
    ctx.emit("network", name.value, call, target=call.target,
             batchnorm=knowledge.has_batchnorm(name.value.split(".")[0]))
    pretrained = ctx.arg_value(call, "pretrained", default=False, has_default=True)
    if pretrained.known and pretrained.value is True:
        ctx.emit("pretrained_backbone", name.value, call, family="timm",
                 expects=knowledge.timm_expects(name.value), pretrained=True,
                 target=call.target)


@on_method("transforms")
def weights_transforms(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    receiver = ctx.resolve(call.receiver) or call.receiver
    if receiver.startswith("torchvision.models.") and "_Weights" in receiver:
        ctx.emit("normalization", knowledge.TORCHVISION_WEIGHTS_NORMALIZATION, call,
                 via="weights")
