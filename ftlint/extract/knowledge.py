"""Framework knowledge as data: names, defaults and what pretrained weights expect.

Each table says where its values were read from. Rules never import this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ftlint.facts import Normalization

# Spellings of one API under several import paths -> one canonical prefix.
NAME_PREFIXES: tuple[tuple[str, str], ...] = (
    ("tensorflow.python.keras.", "keras."),
    ("tensorflow.keras.", "keras."),
    ("tf_keras.", "keras."),
    ("keras.src.", "keras."),
    ("keras.api._v2.keras.", "keras."),
    ("keras.layers.experimental.preprocessing.", "keras.layers."),
    ("keras.layers.preprocessing.", "keras.layers."),
    ("keras.optimizers.legacy.", "keras.optimizers."),
    ("keras.optimizers.experimental.", "keras.optimizers."),
    ("keras.utils.pad_sequences", "keras.preprocessing.sequence.pad_sequences"),
    ("keras.utils.image_dataset_from_directory", "keras.preprocessing.image_dataset_from_directory"),
    ("keras.utils.load_img", "keras.preprocessing.image.load_img"),
    ("tensorflow.compat.v1.", "tensorflow."),
    ("tensorflow.compat.v2.", "tensorflow."),
    ("tensorflow.train.experimental.", "tensorflow.train."),
    ("torchvision.transforms.v2.", "torchvision.transforms."),
    ("torchvision.transforms.transforms.", "torchvision.transforms."),
    ("torch.optim.adam.", "torch.optim."),
    ("torch.optim.adamw.", "torch.optim."),
    ("torch.optim.sgd.", "torch.optim."),
    ("torch.nn.modules.loss.", "torch.nn."),
    ("pytorch_lightning.", "lightning.pytorch."),
    ("cloudpickle.", "pickle."),  # dump / load as pickle's, for what they save
    ("dill.", "pickle."),
    ("nltk.tokenize.", "nltk."),
    ("nltk.stem.porter.", "nltk.stem."),
    ("nltk.stem.snowball.", "nltk.stem."),
    ("nltk.stem.wordnet.", "nltk.stem."),
    ("sklearn.preprocessing._data.", "sklearn.preprocessing."),
    ("keras.applications.imagenet_utils.", "keras.applications."),
)


def canonical(name: str) -> str:
    for prefix, replacement in NAME_PREFIXES:
        if name.startswith(prefix):
            name = replacement + name[len(prefix):]
    return name


@dataclass(frozen=True, slots=True)
class OptimizerInfo:
    name: str  # canonical optimizer, comparable across frameworks
    family: str  # learning rates compare only within one family
    default_lr: float | None  # None: the argument is required
    lr_keywords: tuple[str, ...]
    lr_position: int  # positional index of the learning rate


_FAMILY = {"adam": "adam", "adamw": "adam", "nadam": "adam", "adamax": "adam", "radam": "adam",
           "sgd": "sgd", "rmsprop": "rmsprop", "adagrad": "adagrad", "adadelta": "adadelta",
           "lars": "layerwise", "lamb": "layerwise", "lion": "lion", "ftrl": "ftrl",
           "adafactor": "adafactor", "lbfgs": "lbfgs"}


FAMILIES = _FAMILY
# Rates no training run of a family uses: an adaptive step of size `lr` per weight moves
# every pretrained weight by about lr per step (Adam's update is scaled to roughly lr), so
# lr >= 1 erases the checkpoint in a few steps (a batch size or an epoch count passed as
# the rate). Families whose rate is a different quantity (Adadelta's 1.0, LARS's trust
# ratio, SGD's unnormalised step) are not listed.
RATE_CEILINGS = {"adam": 1.0, "rmsprop": 1.0, "lion": 1.0, "adagrad": 10.0}


def _opt(name: str, lr: float | None, keywords: tuple[str, ...], position: int) -> OptimizerInfo:
    return OptimizerInfo(name, _FAMILY[name], lr, keywords, position)


# Keras 3.x and tf.keras 2.x constructors: learning_rate is the first parameter
# (keras/src/optimizers/*.py; legacy `lr` accepted by tf.keras 2.x).
_KERAS = ("learning_rate", "lr")
# torch.optim (PyTorch 2.x docs): params first, lr second; SGD's lr defaults to 1e-3 since 2.0.
_TORCH = ("lr",)
OPTIMIZERS: dict[str, OptimizerInfo] = {
    "keras.optimizers.Adam": _opt("adam", 0.001, _KERAS, 0),
    "keras.optimizers.AdamW": _opt("adamw", 0.001, _KERAS, 0),
    "keras.optimizers.Nadam": _opt("nadam", 0.001, _KERAS, 0),
    "keras.optimizers.Adamax": _opt("adamax", 0.001, _KERAS, 0),
    "keras.optimizers.SGD": _opt("sgd", 0.01, _KERAS, 0),
    "keras.optimizers.RMSprop": _opt("rmsprop", 0.001, _KERAS, 0),
    "keras.optimizers.Adagrad": _opt("adagrad", 0.001, _KERAS, 0),
    "keras.optimizers.Adadelta": _opt("adadelta", 0.001, _KERAS, 0),
    "keras.optimizers.Ftrl": _opt("ftrl", 0.001, _KERAS, 0),
    "keras.optimizers.Lion": _opt("lion", 0.001, _KERAS, 0),
    "keras.optimizers.Lamb": _opt("lamb", 0.001, _KERAS, 0),
    # TensorFlow 1.x tf.train optimizers (TF 1.15 API docs).
    "tensorflow.train.AdamOptimizer": _opt("adam", 0.001, ("learning_rate",), 0),
    "tensorflow.train.GradientDescentOptimizer": _opt("sgd", None, ("learning_rate",), 0),
    "tensorflow.train.MomentumOptimizer": _opt("sgd", None, ("learning_rate",), 0),
    "tensorflow.train.RMSPropOptimizer": _opt("rmsprop", None, ("learning_rate",), 0),
    "tensorflow.train.AdagradOptimizer": _opt("adagrad", None, ("learning_rate",), 0),
    "torch.optim.Adam": _opt("adam", 1e-3, _TORCH, 1),
    "torch.optim.AdamW": _opt("adamw", 1e-3, _TORCH, 1),
    "torch.optim.NAdam": _opt("nadam", 2e-3, _TORCH, 1),
    "torch.optim.RAdam": _opt("radam", 1e-3, _TORCH, 1),
    "torch.optim.Adamax": _opt("adamax", 2e-3, _TORCH, 1),
    "torch.optim.SGD": _opt("sgd", 1e-3, _TORCH, 1),
    "torch.optim.RMSprop": _opt("rmsprop", 1e-2, _TORCH, 1),
    "torch.optim.Adagrad": _opt("adagrad", 1e-2, _TORCH, 1),
    "torch.optim.Adadelta": _opt("adadelta", 1.0, _TORCH, 1),
    "torch.optim.LBFGS": _opt("lbfgs", 1.0, _TORCH, 1),
    "transformers.AdamW": _opt("adamw", 1e-3, _TORCH, 1),
    "transformers.Adafactor": _opt("adafactor", None, _TORCH, 1),
    "timm.optim.Lamb": _opt("lamb", 1e-3, _TORCH, 1),
    "timm.optim.Lars": _opt("lars", 1.0, _TORCH, 1),
    "apex.optimizers.FusedLAMB": _opt("lamb", 1e-3, _TORCH, 1),
    "apex.optimizers.FusedAdam": _opt("adam", 1e-3, _TORCH, 1),
}
# Optimizer factories: (model-or-params keyword, its position, optimizer-name keyword and
# default). timm 1.0 timm/optim/_optim_factory.py: create_optimizer_v2(model_or_params,
# opt="sgd", lr=None, ...); its names ("adamw", "sgd", "lamb", "fusedadam", ...) map onto
# the canonical optimizers below.
OPTIMIZER_FACTORIES = {
    "timm.optim.create_optimizer_v2": ("model_or_params", 0, "opt", "sgd"),
}
# Class names that are LARS/LAMB wherever they come from (often a repo's own lars.py).
LAYERWISE_TAILS = {"LARS": "lars", "Lars": "lars", "LARC": "lars", "LAMB": "lamb", "Lamb": "lamb"}

# Keras `compile(optimizer="adam")` strings: the class with its default arguments.
KERAS_OPTIMIZER_STRINGS = {
    "adam": "keras.optimizers.Adam", "adamw": "keras.optimizers.AdamW",
    "nadam": "keras.optimizers.Nadam", "adamax": "keras.optimizers.Adamax",
    "sgd": "keras.optimizers.SGD", "rmsprop": "keras.optimizers.RMSprop",
    "adagrad": "keras.optimizers.Adagrad", "adadelta": "keras.optimizers.Adadelta",
    "ftrl": "keras.optimizers.Ftrl", "lion": "keras.optimizers.Lion",
}

# transformers.TrainingArguments: learning_rate=5e-5, optim="adamw_torch" (v4.x docs).
TRAINING_ARGUMENTS_LR = 5e-5
TRAINING_ARGUMENTS_CLASSES = {"transformers.TrainingArguments", "transformers.Seq2SeqTrainingArguments",
                              "trl.SFTConfig"}

# Schedules whose own argument is the starting learning rate (Keras 3.x schedules).
KERAS_SCHEDULES = {
    "keras.optimizers.schedules.ExponentialDecay": "initial_learning_rate",
    "keras.optimizers.schedules.CosineDecay": "initial_learning_rate",
    "keras.optimizers.schedules.PiecewiseConstantDecay": "",
    "keras.optimizers.schedules.PolynomialDecay": "initial_learning_rate",
    "keras.optimizers.schedules.InverseTimeDecay": "initial_learning_rate",
    "keras.optimizers.schedules.CosineDecayRestarts": "initial_learning_rate",
}
# PyTorch schedulers that set the rate themselves, so the constructor's lr is not the rate.
RATE_SETTING_SCHEDULERS = {"torch.optim.lr_scheduler.OneCycleLR", "torch.optim.lr_scheduler.CyclicLR"}

# Losses: canonical name and whether it takes logits (None: a from_logits argument decides,
# default False in Keras 3.x). torch losses on logits are fixed by the class.
LOSSES: dict[str, tuple[str, bool | None]] = {
    "keras.losses.CategoricalCrossentropy": ("categorical_crossentropy", None),
    "keras.losses.SparseCategoricalCrossentropy": ("sparse_categorical_crossentropy", None),
    "keras.losses.BinaryCrossentropy": ("binary_crossentropy", None),
    "keras.losses.BinaryFocalCrossentropy": ("binary_focal_crossentropy", None),
    "keras.losses.MeanSquaredError": ("mean_squared_error", False),
    "keras.losses.MeanAbsoluteError": ("mean_absolute_error", False),
    "keras.losses.Huber": ("huber", False),
    "keras.losses.KLDivergence": ("kl_divergence", False),
    "keras.losses.Hinge": ("hinge", False),
    "torch.nn.CrossEntropyLoss": ("cross_entropy", True),
    "torch.nn.functional.cross_entropy": ("cross_entropy", True),
    "torch.nn.NLLLoss": ("nll", False),
    "torch.nn.BCEWithLogitsLoss": ("binary_crossentropy", True),
    "torch.nn.functional.binary_cross_entropy_with_logits": ("binary_crossentropy", True),
    "torch.nn.BCELoss": ("binary_crossentropy", False),
    "torch.nn.functional.binary_cross_entropy": ("binary_crossentropy", False),
    "torch.nn.MSELoss": ("mean_squared_error", False),
    "torch.nn.functional.mse_loss": ("mean_squared_error", False),
    "torch.nn.L1Loss": ("mean_absolute_error", False),
    "torch.nn.SmoothL1Loss": ("huber", False),
    "torch.nn.HuberLoss": ("huber", False),
    "torch.nn.KLDivLoss": ("kl_divergence", False),
    "torch.nn.functional.smooth_l1_loss": ("huber", False),
    "torch.nn.functional.huber_loss": ("huber", False),
    "torch.nn.functional.l1_loss": ("mean_absolute_error", False),
    "torch.nn.functional.nll_loss": ("nll", False),
    "torch.nn.functional.kl_div": ("kl_divergence", False),
}
# What a loss is for. A change within one task (categorical vs sparse labels, Huber vs MSE)
# is a bug; a change of task (a self-supervised objective, then classification) is a new
# head on purpose.
LOSS_TASKS = {
    "categorical_crossentropy": "multiclass", "sparse_categorical_crossentropy":
    "multiclass", "cross_entropy": "multiclass", "nll": "multiclass",
    "binary_crossentropy": "binary", "binary_focal_crossentropy": "binary", "hinge": "binary",
    "mean_squared_error": "regression",
    "mean_absolute_error": "regression", "huber": "regression",
    "kl_divergence": "distribution",
}
KERAS_LOSS_STRINGS = {
    "categorical_crossentropy": "keras.losses.CategoricalCrossentropy",
    "sparse_categorical_crossentropy": "keras.losses.SparseCategoricalCrossentropy",
    "binary_crossentropy": "keras.losses.BinaryCrossentropy",
    "mse": "keras.losses.MeanSquaredError", "mean_squared_error": "keras.losses.MeanSquaredError",
    "mae": "keras.losses.MeanAbsoluteError",
    "mean_absolute_error": "keras.losses.MeanAbsoluteError",
    "huber": "keras.losses.Huber", "kld": "keras.losses.KLDivergence",
    "kl_divergence": "keras.losses.KLDivergence", "hinge": "keras.losses.Hinge",
}

# Hub tokenizer families that pad and truncate on the right unless told otherwise
# (transformers 4.x: PreTrainedTokenizerBase padding_side/truncation_side default "right",
# not overridden by these models' tokenizer classes). Decoder-only families vary: not listed.
RIGHT_SIDED_TOKENIZERS = frozenset({
    "bert", "roberta", "distilbert", "albert", "electra", "deberta", "xlm", "camembert",
    "t5", "bart", "mpnet", "longformer", "bigbird", "distilroberta", "mbert",
})

# Model families whose hub checkpoints start with their name ('bert-base-uncased',
# 'FacebookAI/roberta-base'); another first word is a folder or a fine-tuned model's name.
HUB_FAMILIES = RIGHT_SIDED_TOKENIZERS | frozenset({
    "gpt2", "gpt", "llama", "mistral", "opt", "bloom", "falcon", "qwen", "qwen2", "phi",
    "gemma", "pythia", "xlnet", "ernie", "flaubert", "funnel", "mt5", "flan", "led",
    "pegasus", "marian", "opus", "vit", "deit", "beit", "swin", "clip", "whisper",
    "wav2vec2", "hubert", "layoutlm", "layoutlmv3", "bertweet", "scibert", "biobert",
    "e5", "bge", "minilm", "tinybert", "mobilebert", "squeezebert",
    "canine", "byt5", "ul2", "codegen", "starcoder", "santacoder", "mpt", "persimmon",
})

# -- image normalization ---------------------------------------------------------------
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def mean_std(mean: tuple[float, ...], std: tuple[float, ...], label: str) -> Normalization:
    """Normalize(mean, std) applied to pixels already scaled to [0, 1] (or raw if mean > 1)."""
    raw = max(abs(m) for m in mean) > 1.0
    unit = 1.0 if raw else 255.0
    std3 = std * 3 if len(std) == 1 else std
    mean3 = mean * 3 if len(mean) == 1 else mean
    return Normalization(
        tuple(1.0 / (unit * s) for s in std3), tuple(-m / s for m, s in zip(mean3, std3, strict=True)),
        "rgb", label,
    )


UNIT_RANGE = Normalization((1 / 255,), (0.0,), "rgb", "scale to [0, 1] (x / 255)")
TF_MODE = Normalization((1 / 127.5,), (-1.0,), "rgb", "scale to [-1, 1] (x / 127.5 - 1)")
CAFFE_MODE = Normalization((1.0,), (-103.939, -116.779, -123.68), "bgr",
                           "caffe mode: BGR, ImageNet mean subtracted")
TORCH_MODE = mean_std(IMAGENET_MEAN, IMAGENET_STD, "ImageNet mean/std on [0, 1]")
# `x / np.max(x)`: non-negative pixels in [0, 1] whatever their maximum (255 for 8-bit)
UNIT_RANGE_BY_MAX = Normalization((1 / 255,), (0.0,), "rgb",
                                  "scale to [0, 1] by the data's own maximum (x / max(x))")
MAXIMUM_FUNCTIONS = frozenset({"numpy.max", "numpy.amax", "numpy.nanmax", "torch.max",
                               "tensorflow.reduce_max", "tensorflow.math.reduce_max"})
# `tf.image.per_image_standardization`: each image minus its own mean, over its own std
PER_IMAGE = Normalization((), (), "rgb", "per-image standardization (each image's own mean "
                          "and std)", per_sample=True)
PER_SAMPLE_STANDARDIZATION = {"tensorflow.image.per_image_standardization": PER_IMAGE}
RAW = Normalization((1.0,), (0.0,), "rgb", "raw 0-255 pixels (the model normalizes inside)")

# keras.applications module -> what its preprocess_input does, which is what its weights
# expect. Read from the preprocess_input docstrings of keras/src/applications/*.py (Keras
# 3.x): caffe for resnet/vgg; tf for resnet_v2, inception, xception, mobilenet v1/v2,
# nasnet; torch for densenet; a pass-through where the model normalizes inside
# (efficientnet, efficientnet_v2, convnext, regnet, mobilenet_v3 with include_preprocessing).
KERAS_APPLICATION_MODES: dict[str, Normalization] = {
    "resnet": CAFFE_MODE, "resnet50": CAFFE_MODE, "vgg16": CAFFE_MODE, "vgg19": CAFFE_MODE,
    "resnet_v2": TF_MODE, "inception_v3": TF_MODE, "inception_resnet_v2": TF_MODE,
    "xception": TF_MODE, "mobilenet": TF_MODE, "mobilenet_v2": TF_MODE, "nasnet": TF_MODE,
    "densenet": TORCH_MODE,
    "efficientnet": RAW, "efficientnet_v2": RAW, "convnext": RAW, "regnet": RAW,
    "mobilenet_v3": RAW,
}
# keras.applications class -> its module (same source).
KERAS_APPLICATION_CLASSES: dict[str, str] = {
    **{n: "resnet" for n in ("ResNet50", "ResNet101", "ResNet152")},
    **{n: "resnet_v2" for n in ("ResNet50V2", "ResNet101V2", "ResNet152V2")},
    "VGG16": "vgg16", "VGG19": "vgg19", "InceptionV3": "inception_v3",
    "InceptionResNetV2": "inception_resnet_v2", "Xception": "xception",
    "MobileNet": "mobilenet", "MobileNetV2": "mobilenet_v2",
    "MobileNetV3Small": "mobilenet_v3", "MobileNetV3Large": "mobilenet_v3",
    **{n: "densenet" for n in ("DenseNet121", "DenseNet169", "DenseNet201")},
    "NASNetMobile": "nasnet", "NASNetLarge": "nasnet",
    **{f"EfficientNetB{i}": "efficientnet" for i in range(8)},
    **{f"EfficientNetV2{s}": "efficientnet_v2" for s in ("B0", "B1", "B2", "B3", "S", "M", "L")},
    **{f"ConvNeXt{s}": "convnext" for s in ("Tiny", "Small", "Base", "Large", "XLarge")},
}
# The file names keras.applications stores its imagenet weights under (WEIGHTS_PATH and
# WEIGHTS_PATH_NO_TOP in keras/applications/*.py, Keras 2.x and 3.x, also the names of the
# keras-applications release assets): `weights="input/resnet50_weights_tf_dim_ordering_tf_
# kernels_notop.h5"` loads those imagenet weights from a local copy.
_KERAS_IMAGENET_FILE = re.compile(
    r"(?P<arch>[a-z0-9_]+?)_weights_tf_dim_ordering_tf_kernels(?:_[0-9.]+_[0-9]+)?"
    r"(?:_notop|_no_top)?\.h5")


def keras_imagenet_file(application: str, path: str) -> bool:
    """The path is the published imagenet weights file of this keras application."""
    match = _KERAS_IMAGENET_FILE.fullmatch(path.replace("\\", "/").rsplit("/", 1)[-1].lower())
    return match is not None and match["arch"].replace("_", "") == application.lower()


# torchvision classification weights all use ImageNet mean/std in their transforms()
# (torchvision 0.15+ weight enums, ImageClassification preset).
TORCHVISION_WEIGHTS_NORMALIZATION = TORCH_MODE
# timm 1.0 pretrained configs (`model.pretrained_cfg` mean/std): the ImageNet statistics
# for its CNN families (resnet.py, densenet.py, regnet.py, convnext.py use
# IMAGENET_DEFAULT_MEAN/STD), 0.5/0.5 for the default ViT tags (augreg, vision_transformer.py
# _cfg with IMAGENET_INCEPTION_MEAN) and the Inception ports. Other names: unknown.
_TIMM_IMAGENET = ("resnet", "resnext", "seresnet", "densenet", "regnet", "convnext")
_TIMM_INCEPTION = ("vit_", "inception_v3", "tf_inception_v3", "inception_resnet_v2")


def timm_expects(name: str) -> Normalization | None:
    """What the pretrained weights of a timm model name expect ('resnet50.a1_in1k')."""
    arch = name.split(".")[0].lower()
    if arch.startswith(_TIMM_INCEPTION):
        return TF_MODE  # mean 0.5, std 0.5 on [0, 1] is x / 127.5 - 1
    if arch.startswith(_TIMM_IMAGENET):
        return TORCH_MODE
    return None

# -- torchvision's classification builders (torchvision 0.19 `torchvision.models.*`) -------
# Every one takes `weights=` (and the deprecated `pretrained=`); their ImageNet weights
# expect TORCHVISION_WEIGHTS_NORMALIZATION. Detection and segmentation builders normalize
# inside the model, so they are not listed.
def _numbered(prefix: str, suffixes: str) -> tuple[str, ...]:
    return tuple(f"{prefix}{suffix}" for suffix in suffixes.split())


TORCHVISION_CLASSIFIERS = frozenset((
    "alexnet", "googlenet", "inception_v3", "maxvit_t", "mobilenet_v2", "mobilenet_v3_large",
    "mobilenet_v3_small", "squeezenet1_0", "squeezenet1_1",
    *_numbered("convnext_", "tiny small base large"),
    *_numbered("densenet", "121 161 169 201"),
    *_numbered("efficientnet_", "b0 b1 b2 b3 b4 b5 b6 b7 v2_s v2_m v2_l"),
    *_numbered("mnasnet", "0_5 0_75 1_0 1_3"),
    *_numbered("regnet_", "x_400mf x_800mf x_1_6gf x_3_2gf x_8gf x_16gf x_32gf y_400mf "
                          "y_800mf y_1_6gf y_3_2gf y_8gf y_16gf y_32gf y_128gf"),
    *_numbered("resnet", "18 34 50 101 152"),
    *_numbered("resnext", "50_32x4d 101_32x8d 101_64x4d"),
    *_numbered("shufflenet_v2_", "x0_5 x1_0 x1_5 x2_0"),
    *_numbered("swin_", "t s b v2_t v2_s v2_b"),
    *_numbered("vgg", "11 11_bn 13 13_bn 16 16_bn 19 19_bn"),
    *_numbered("vit_", "b_16 b_32 l_16 l_32 h_14"),
    *_numbered("wide_resnet", "50_2 101_2"),
))


# -- which architectures hold BatchNorm layers --------------------------------------------
# Read from the model definitions of torchvision 0.19 (models/*.py), timm 1.0 and Keras 3.x
# applications: ResNets, DenseNets, MobileNets, EfficientNets, RegNets, Inception,
# Xception and NASNet use BatchNorm; ViT, Swin, ConvNeXt, DeiT, BEiT use LayerNorm; plain
# VGG, AlexNet and SqueezeNet have no normalization layers.
_BATCHNORM_PREFIXES = ("resnet", "resnext", "wide_resnet", "densenet", "mobilenet",
                       "efficientnet", "regnet", "inception", "googlenet", "mnasnet",
                       "shufflenet", "xception", "nasnet", "resnetv2", "seresnet", "ecaresnet",
                       "dla", "cspresnet", "darknet", "hrnet", "dpn", "ghostnet", "rexnet")
_NO_BATCHNORM_PREFIXES = ("vit", "deit", "swin", "convnext", "beit", "eva", "cait", "mixer",
                          "alexnet", "squeezenet", "xcit", "pit", "levit", "crossvit", "twins")


def has_batchnorm(architecture: str) -> bool | None:
    """True/False for a known architecture name ('resnet50', 'vit_b_16', 'VGG16_bn')."""
    name = architecture.lower().replace("-", "_")
    if name.startswith("vgg"):
        return name.endswith("_bn")
    if name.startswith(_BATCHNORM_PREFIXES):
        return True
    if name.startswith(_NO_BATCHNORM_PREFIXES):
        return False
    return None


# -- names that say a module is a classification head ------------------------------------
HEAD_NAMES = frozenset({"fc", "head", "heads", "classifier", "last_linear", "linear_head",
                        "cls_head", "score", "out", "output", "logits", "pre_logits"})

# Packages whose functions we model or that never preprocess data: a call into any other
# package we cannot read makes the preprocessing it may do unknown.
KNOWN_PACKAGES = frozenset({
    "torch", "torchvision", "torchaudio", "torchtext", "tensorflow", "keras", "tf_keras",
    "sklearn", "numpy", "pandas", "scipy", "transformers", "datasets", "evaluate",
    "accelerate", "peft", "nltk", "spacy", "PIL", "cv2", "matplotlib", "seaborn", "tqdm",
    "joblib", "pickle", "lightning", "pytorch_lightning", "timm", "albumentations",
    "wandb", "mlflow", "tensorboard", "yaml", "omegaconf", "hydra", "absl", "logging",
    "argparse", "os", "sys", "re", "json", "math", "random", "time", "datetime", "pathlib",
    "collections", "functools", "itertools", "typing", "dataclasses", "shutil", "glob",
    "string", "copy", "warnings", "csv", "gzip", "zipfile", "io", "apex", "trl", "gensim",
    "xgboost", "lightgbm", "tensorflow_hub", "tensorflow_datasets", "h5py",
    "__future__", "abc", "enum", "contextlib", "subprocess", "socket", "uuid", "hashlib",
    "tensorpack", "IPython",
})

# -- the program model (ftlint/model): how objects behave ---------------------------------
# Module classes whose calls build parts of a network (each a fresh object).
MODULE_PREFIXES = ("torch.nn.", "keras.layers.")
# Containers whose positional arguments (or a list of them) become their submodules.
CONTAINERS = frozenset({"torch.nn.Sequential", "torch.nn.ModuleList", "keras.Sequential",
                        "keras.models.Sequential"})
# Wrappers that hold the wrapped network as an attribute (torch 2.x DataParallel/DDP).
WRAPPERS = {"torch.nn.DataParallel": "module",
            "torch.nn.parallel.DistributedDataParallel": "module"}
# Layer classes that keep running statistics (updated in train mode).
BATCHNORM_CLASSES = ("BatchNorm", "SyncBatchNorm", "InstanceNorm")
# Layers that normalize activations inside a network, never the input pixels ftlint reads
FEATURE_NORM_LAYERS = frozenset({"BatchNormalization", "LayerNormalization",
                                 "GroupNormalization", "BatchNorm1d", "BatchNorm2d",
                                 "BatchNorm3d", "LayerNorm", "GroupNorm", "SyncBatchNorm"})
# Frameworks whose modules have a train/eval mode set by .train()/.eval(); a freshly built
# module is in train mode (torch.nn.Module.training defaults to True). Hugging Face
# from_pretrained returns the model in eval mode (transformers 4.x modeling_utils calls
# model.eval()); a torch.load of a whole model keeps the mode it was saved in (unknown).
MODE_FRAMEWORKS = ("torch.", "torchvision.", "timm.", "transformers.")
EVAL_AFTER_LOAD = ("transformers.",)
# Calls that make gradients stop (code under them computes features, it does not train).
NO_GRAD_CONTEXTS = frozenset({"torch.no_grad", "torch.inference_mode"})
# Functions that only show or record values: what they receive does not reach the model.
SINK_CALLS = ("matplotlib.", "seaborn.", "print", "logging.", "wandb.", "PIL.Image.fromarray",
              "cv2.imshow", "cv2.imwrite", "torchvision.utils.save_image",
              "torchvision.utils.make_grid", "mlflow.", "plotly.", "IPython.display.")
SINK_METHODS = frozenset({"imshow", "add_image", "add_images", "savefig", "imsave", "log_image",
                          "set_title", "info", "debug", "warning"})


def only_shows(resolved: str, receiver: str, method: str) -> bool:
    """A call that only shows or records what it is given (resolved: its canonical callee,
    '' when not an import or a builtin)."""
    return (bool(resolved) and resolved.startswith(SINK_CALLS)) or (
        bool(receiver) and method in SINK_METHODS)
# Estimators built fresh by their constructor (scikit-learn 1.x, XGBoost, LightGBM).
ESTIMATOR_PREFIXES = ("sklearn.", "xgboost.", "lightgbm.", "catboost.")
# A library's own datasets, loaded by name (scikit-learn 1.x, Keras): two scripts that load
# the same one read the same rows, so statistics fitted on them are the same.
BUILTIN_DATASETS = tuple(f"sklearn.datasets.{name}" for name in (
    "load_iris", "load_digits", "load_wine", "load_breast_cancer", "load_diabetes",
    "load_linnerud", "fetch_california_housing", "fetch_20newsgroups", "fetch_covtype",
    "fetch_kddcup99", "fetch_olivetti_faces", "fetch_lfw_people", "fetch_openml")) + tuple(
    f"keras.datasets.{name}.load_data" for name in (
        "mnist", "fashion_mnist", "cifar10", "cifar100", "imdb", "reuters", "boston_housing"))
# Reinforcement-learning algorithms of Stable-Baselines3 (2.x) and its contrib package:
# `model.learn(...)` trains, `PPO.load(path)` / `model.save(path)` read and write a zip.
RL_ALGORITHM_PREFIXES = ("stable_baselines3.", "sb3_contrib.")
# RecBole (1.x) trainers: `trainer.fit(...)` and `PretrainTrainer.pretrain(...)` train and
# save checkpoints under the config's checkpoint_dir.
RECBOLE_PREFIX = "recbole."
# Estimators whose fit only stores the samples (a kNN "fit" learns no parameters): a script
# whose one fit is of these evaluates features, it trains nothing a checkpoint continues.
INSTANCE_BASED_ESTIMATORS = ("sklearn.neighbors.",)
# Methods that train the object they are called on.
# fastai's Learner trains through its own loops (fastai 1.x and 2.x): fit_one_cycle,
# fine_tune, fit_flat_cos, fit_sgdr run the optimizer as `fit` does.
FASTAI_FIT_METHODS = ("fit_one_cycle", "fine_tune", "fit_flat_cos", "fit_sgdr")
TRAINING_METHODS = frozenset({"fit", "fit_generator", "partial_fit", "train_on_batch",
                              *FASTAI_FIT_METHODS})
# Framework training loops that put the model in train() mode before their steps
# (Lightning's fit loop calls model.train(); transformers' Trainer.train() calls
# model.train() every epoch): runner class -> (the method that runs the loop, where the
# model is given: "call" (that method's argument) or "init" (the runner's constructor),
# its position, its keyword).
LOOP_RUNNERS = {
    "lightning.pytorch.Trainer": ("fit", "call", 0, "model"),
    "lightning.Trainer": ("fit", "call", 0, "model"),
    "pytorch_lightning.Trainer": ("fit", "call", 0, "model"),
    "transformers.Trainer": ("train", "init", 0, "model"),
    "transformers.Seq2SeqTrainer": ("train", "init", 0, "model"),
    "trl.SFTTrainer": ("train", "init", 0, "model"),
}
# Runner classes whose `.train()` runs a whole training loop (not a module's train mode):
# transformers' and TRL's trainers, detectron2's DefaultTrainer / SimpleTrainer (the model
# is built from the config inside: `trainer = DefaultTrainer(cfg); trainer.train()`).
TRAIN_LOOP_CLASSES = frozenset({
    "transformers.Trainer", "transformers.Seq2SeqTrainer", "trl.SFTTrainer",
    "detectron2.engine.DefaultTrainer", "detectron2.engine.SimpleTrainer",
    "detectron2.engine.defaults.DefaultTrainer", "detectron2.engine.train_loop.SimpleTrainer",
})
# LightningModule methods only a fit loop calls: a script that never runs one (it loads the
# module to predict) runs none of them, and what they do is not this script's.
FIT_ONLY_HOOKS = frozenset({"train_dataloader", "training_step", "configure_optimizers",
                            "on_fit_start", "on_train_start", "on_train_epoch_start",
                            "on_train_epoch_end", "training_epoch_end", "optimizer_step"})
# Hooks a Lightning fit loop calls after model.train(), before the steps: an eval() there
# keeps a frozen part in eval mode.
TRAIN_START_HOOKS = ("on_fit_start", "on_train_start", "on_train_epoch_start")
# Named blocks of architectures with BatchNorm that hold BatchNorm layers themselves
# (torchvision 0.19 models/resnet.py, densenet.py, mobilenetv2/3.py, efficientnet.py,
# vgg.py: `features`; timm 1.0 efficientnet.py / mobilenetv3.py: `blocks`, `bn1`, `bn2`);
# a part not listed (conv1, fc, avgpool) is unknown.
_BATCHNORM_BLOCKS = (("resnet", ("layer1", "layer2", "layer3", "layer4", "bn1")),
                     ("resnext", ("layer1", "layer2", "layer3", "layer4", "bn1")),
                     ("wide_resnet", ("layer1", "layer2", "layer3", "layer4", "bn1")),
                     ("densenet", ("features",)),
                     ("mobilenet", ("features", "blocks", "bn1", "bn2")),
                     ("efficientnet", ("features", "blocks", "bn1", "bn2")), ("vgg", ("features",)),
                     ("mnasnet", ("layers",)), ("regnet", ("stem", "trunk_output")))


def part_has_batchnorm(architecture: str, part: str) -> bool | None:
    """Whether a named block of a known architecture holds BatchNorm layers."""
    whole = has_batchnorm(architecture) if architecture else None
    if whole is not True:
        return whole
    name = architecture.lower()
    for prefix, blocks in _BATCHNORM_BLOCKS:
        if name.startswith(prefix):
            return True if part in blocks else None
    return None


# -- names of the options and parameters a checkpoint path is read from -------------------
# Read off common training scripts (argparse options of the MAE / SimMIM / ConvNeXt family,
# pretrain-gnns, PyContrast, BERT run_* scripts, Lightning and HF examples): an option with
# one of these names takes the checkpoint a fine-tuning run starts from. Compared after
# lower-casing, with '-' as '_'.
# A library attribute that holds the configuration a call was given: `wandb.config` is the
# dict passed as wandb.init(config=...) (wandb docs: "wandb.config ... set from the config
# argument of wandb.init").
RUN_CONFIGS: dict[str, tuple[str, str]] = {"wandb.config": ("wandb.init", "config")}

PRETRAINED_ARGUMENTS = frozenset({
    "pretrained", "pretrained_model", "pretrained_path", "pretrained_weights",
    "pretrained_checkpoint", "pretrained_ckpt", "pretrained_file", "pretrained_model_path",
    "pretrained_feature_extractor", "pretrained_encoder", "pretrained_backbone",
    "pretrain", "pretrain_path", "pretrain_file", "pretrain_ckpt", "pretrain_checkpoint",
    "weight", "weights", "weights_path", "weights_file", "weight_path", "weight_file",
    "init_checkpoint", "init_ckpt", "init_weights", "init_model",
    "init_from", "initial_checkpoint", "checkpoint", "checkpoint_path", "ckpt", "ckpt_path",
    "load", "load_path", "load_from", "load_model", "load_checkpoint", "load_weights",
    "model_path", "model_file", "input_model_file", "input_model", "finetune",
    "finetune_from", "fine_tune_from", "finetune_checkpoint", "from_checkpoint", "encoder_ckpt",
    "encoder_checkpoint", "encoder_path", "backbone_path", "backbone_checkpoint",
    "teacher_checkpoint", "ssl_checkpoint", "model_name_or_path",
})
# Checkpoint options whose value is as often a hub model's name as a local path (the base
# model of any Hugging Face-style run): with no docs, they do not say which script made it.
HUB_OR_PATH_OPTIONS = frozenset({"model_name_or_path", "pretrained_model_name_or_path",
                                 "model_name", "model_type_or_path"})
# Options that continue an interrupted run: in a script that saves checkpoints itself they
# read its own output, so they never link two scripts there.
RESUME_ARGUMENTS = frozenset({
    "resume", "resume_from", "resume_path", "resume_checkpoint", "resume_ckpt", "auto_resume",
    "restore", "restore_from", "restore_path", "reload_checkpoint",  # XLM: resume a run
})
# Method and function names of a project's own loading helpers (`model.from_pretrained(path)`
# on a project class, `load_pretrained(model, path)`, `utils.load_checkpoint(path)`).
LOAD_HELPER_NAMES = frozenset({
    "from_pretrained", "load_pretrained", "load_checkpoint", "load_ckpt", "load_weights",
    "load_model", "load_pretrained_weights", "load_pretrained_model", "load_encoder",
    "load_backbone", "restore", "restore_checkpoint",
})


# Calls that build arrays of numbers, not models: `torch.save(features, path)` of one of
# these writes data (features, labels, a cache), never a checkpoint.
TENSOR_FACTORIES = frozenset({
    "torch.zeros", "torch.ones", "torch.empty", "torch.full", "torch.tensor", "torch.cat",
    "torch.stack", "torch.randn", "torch.rand", "torch.arange", "torch.from_numpy",
    "torch.zeros_like", "torch.ones_like", "numpy.array", "numpy.zeros", "numpy.stack",
    "numpy.concatenate",
})


# Defaults of a checkpoint option that mean "start without one" (CoCLR's --pretrain random).
NO_CHECKPOINT_WORDS = frozenset({"random", "none", "null", "scratch", "no", "false", "init",
                                 "random_init", "from_scratch", "imagenet"})


def checkpoint_argument(name: str, help_text: str = "") -> str:
    """'pretrained', 'resume' or '' for an option or parameter name a path is read from
    (help_text: the option's own help, "Ernie pre-trained model" for `--ernie_model`)."""
    key = name.lower().lstrip("-").replace("-", "_")
    if key in RESUME_ARGUMENTS:
        return "resume"
    if key in PRETRAINED_ARGUMENTS or "pretrain" in key or key.endswith(_CHECKPOINT_SUFFIXES):
        return "pretrained"
    if _PRETRAINED_HELP.search(help_text):
        return "pretrained"
    return ""


_PRETRAINED_HELP = re.compile(r"\bpre-?trained (model|checkpoint|weights|encoder|backbone)"
                              r"|^\s*path to (the |a )?(trained )?(model|checkpoint|weights)\b",
                              re.IGNORECASE)  # `--model`, help='path to model' (DeepCluster)


# `--encoder_weights`, `--backbone_ckpt`, `--simclr_checkpoint`: a checkpoint by its ending
_CHECKPOINT_SUFFIXES = ("_weights", "_ckpt", "_checkpoint", "_model_file", "_model_path")
# Option and config-key names too common to tie two scripts to one checkpoint by name alone
# (every script has its own `output_dir`); a specific key such as `pretext_model` does.
GENERIC_PATH_NAMES = frozenset({
    "path", "file", "filename", "fname", "f", "dest", "target", "root", "dir", "data",
    "output", "out", "output_dir", "out_dir", "output_path", "save_dir", "save_path", "save",
    "log_dir", "logdir", "exp_dir", "work_dir", "model_dir", "checkpoint", "checkpoint_dir",
    "checkpoint_path", "ckpt", "ckpt_dir", "ckpt_path", "model_path", "model_file", "model",
    "weights", "load", "pretrained", "best_model", "last", "best",
})


def names_one_checkpoint(name: str) -> bool:
    """A config key or option name specific enough that two scripts reading it mean the
    same file (`pretext_model` yes; `output_dir`, `checkpoint`, `resume` no)."""
    key = name.lower().lstrip("-").replace("-", "_")
    return (len(key) >= 6 and key not in GENERIC_PATH_NAMES and key not in RESUME_ARGUMENTS
            and any(word in key for word in _PATH_WORDS))


# A key that names a file says so (`pretext_model`, `pretrain_model_dir`); `dataset` or
# `arch` fill a path's name but name no checkpoint.
_PATH_WORDS = ("path", "dir", "file", "model", "ckpt", "checkpoint", "weight", "pretrain",
               "init", "load", "save", "output", "resume", "encoder", "backbone")
