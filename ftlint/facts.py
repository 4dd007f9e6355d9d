"""The vocabulary shared by extractors and rules: spans, values, facts and profiles.

Extractors know frameworks and produce facts; rules read facts and know no framework.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A source range; lines and columns are 1-based, the end column is exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Value:
    """A value a script sets, known with its origin, or unknown with the reason why.

    origin: literal | constant | arithmetic | argparse | config | default | runtime
    ("runtime" marks arithmetic over run-time quantities such as `lr * batch_size / 256`).
    """

    value: Any = None
    origin: str = "literal"
    unknown: str | None = None

    @property
    def known(self) -> bool:
        return self.unknown is None

    def describe(self) -> str:
        if not self.known:
            return "?"
        text = _format(self.value)
        note = {"default": "framework default", "argparse": "argparse default",
                "config": "from config", "schedule": "schedule start"}.get(self.origin)
        return f"{text} ({note})" if note else text


def unknown(reason: str) -> Value:
    return Value(None, "unknown", reason)


def _format(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_format(v) for v in value) + ")"
    return repr(value) if isinstance(value, str) else str(value)


@dataclass(slots=True)
class Fact:
    """One thing a script does that matters for fine-tuning.

    kind names what it is (see FACT_KINDS); value is its comparable identity (a string,
    number or tuple) or a Value; attrs carry the details a rule may compare. `text` is
    the source snippet, used in messages.
    """

    kind: str
    value: Any
    span: Span
    text: str
    attrs: dict[str, Any] = field(default_factory=dict)
    unit: str | None = None  # top-level function or class it sits in; None at top level
    stmt: int = 0  # index of the top-level statement it sits in
    origin_path: str = ""  # file it came from (differs from the profile's for imported code)

    def attr(self, name: str, default: Any = None) -> Any:
        return self.attrs.get(name, default)


# Fact kinds with the attributes rules may rely on. Extractors emit only these.
FACT_KINDS: dict[str, str] = {
    "tokenizer": "value: tokenizer identity ('nltk.word_tokenize', 'whitespace', 'hf', ...);"
    " attrs: checkpoint (Value) for pretrained tokenizers, lowercase (bool or None)",
    "lowercase": "text is lowercased",
    "stopwords": "stop words are removed",
    "stemming": "value: 'stem:porter', 'lemma:wordnet', ...",
    "char_filter": "value: the filter ('isalnum', 'isalpha', 'regex:<pattern>')",
    "vectorizer": "value: class; attrs: settings {name: Value} with defaults filled in",
    "text_pipeline": "a fitted text preprocessor is loaded (value 'loaded')",
    "tabular_pipeline": "a fitted scaler or imputer is loaded (value 'loaded')",
    "fit": "a preprocessor is fitted here; attrs: role ('text-encoder' | 'scaler' | 'imputer')",
    "refit_for_loaded_model": "a preprocessor fitted here makes the features a model loaded "
                              "from disk predicts on; attrs: role, model, loaded_at, used_at",
    "max_length": "value: int; attrs: setting name",
    "padding_side": "value: 'pre' | 'post' (where padding goes)",
    "truncation_side": "value: 'pre' | 'post'",
    "dynamic_padding": "batches are padded to their longest sequence",
    "image_size": "value: (height, width) of the model input",
    "normalization": "value: Normalization (per-channel affine map over 0-255 pixels)",
    "color_mode": "value: 'grayscale' | 'rgb' | 'rgba'",
    "pretrained_backbone": "attrs: family, expects (Normalization or 'inside-model'), source",
    "scaler": "value: 'zscore' | 'minmax' | 'robust' | 'maxabs' | ...",
    "imputation": "value: 'mean' | 'median' | 'most_frequent' | 'constant' | 'drop' | ...",
    "clipping": "outliers are clipped",
    "optimizer": "value: canonical class; attrs: family, lr (Value), scope ('all'|'head'|None)",
    "loss": "value: canonical loss; attrs: from_logits (Value)",
    "class_weight": "class weights passed to training; attrs: made_by, type",
    "weighting": "value: how classes are weighted ('class_weight', 'weighted-loss', 'sampler')",
    "model": "value: tuple of layer signatures; attrs: name, outputs ('logits' |"
    " 'probabilities' | None, read off the last layer)",
    "trainable": "value: bool; attrs: target, needs_compile (takes effect at compile),"
    " partial (some layers only), freezes_norm_statistics (BatchNorm stops updating too)",
    "train_mode": "a module is put in training mode (model.train()); attrs: target",
    "eval_mode": "a module is put in inference mode (model.eval()); attrs: target",
    "new_head": "value: attribute; a new output layer replaces the pretrained head",
    "network": "value: architecture name; attrs: target, batchnorm (True/False/None)",
    "lr_schedule": "a scheduler sets the learning rate itself (OneCycleLR ...)",
    "interpolation": "value: resize interpolation ('bilinear', 'bicubic', ...)",
    "sample_weights": "per-sample weights are computed; attrs: target",
    "text_function": "value: a local function handed to a vectorizer as preprocessor/tokenizer",
    "opaque_call": "value: a call into code ftlint cannot read (steps there are unknown)",
    "problem": "value: 'syntax' | 'unreadable'; attrs: message",
    "compile": "attrs: target, optimizer (the variable passed as optimizer, '' if none)",
    "fit_call": "a training run starts; attrs: target",
    "backbone_call": "a pretrained backbone is called; attrs: target, training (Value)",
    "save": "value: path (Value); attrs: what ('model' | 'weights' | 'tokenizer' | 'any'),"
    " checkpoint (a model checkpoint, not data), template, holes, optional, format"
    " ('pickle' for pickle/joblib: a model is so when its file is named as one)",
    "load": "value: path (Value); attrs: what, local, into (the model the weights go into),"
    " template (the path with '{}' holes), holes (names they come from), optional (runs"
    " only under a condition), argument ('pretrained' | 'resume' | '': what the option the"
    " path comes from is for), format ('pickle')",
    "non_strict_load": "load_state_dict(strict=False); attrs: checked (bool)",
    "builtin_dataset": "value: the loader of a library's own dataset ('sklearn.datasets."
    "load_iris')",
    "data_read": "value: path (Value) of a data file or folder the script reads; attrs: format,"
    " sep, header, role ('train' | 'eval'), label, features, text (what the script takes),"
    " skip / unsupported (why it is not read)",
    "dataset": "added with --data after a data_read: value: ftlint.data.Summary (counts,"
    " columns, problem); attrs: those of the data_read, file (Span of the data file)",
    "output_size": "value: int, units of a classification output; attrs: new_head (bool)",
    # conclusions of the program model (ftlint/model)
    "norm_update": "a frozen pretrained part with BatchNorm runs in train mode (its running"
    " statistics move); attrs: part, frozen_at, mode_at (None: never set, modules start in"
    " train mode), step_at (the forward call), no_grad (features computed without gradients)",
    "helper_load": "a project helper loads a checkpoint (model.from_pretrained(path) on a"
    " project class); value: path (Value); attrs: helper, template, holes, argument",
    "unset_load": "a load in a branch that runs only when an option is given (dead with the"
    " defaults); attrs: those of the load, was ('load' | 'helper_load')",
    "checkpoint_dir": "a training run writes checkpoints under a folder (Trainer.train()"
    " into output_dir/checkpoint-N); attrs: template, checkpoint",
    "train_step": "a training step runs (loss.backward(), optimizer.step()); attrs: how",
}


@dataclass(frozen=True, slots=True)
class Normalization:
    """What a pipeline does to raw 0-255 pixels: y = x * scale + offset, per channel.

    Different frameworks spell one normalization many ways (ToTensor + Normalize,
    Rescaling, preprocess_input); comparing this affine map makes them comparable.
    """

    scale: tuple[float, ...]
    offset: tuple[float, ...]
    channels: str = "rgb"  # channel order fed to the network
    label: str = ""
    # standardized by each sample's own mean and std: no constant map (scale, offset empty)
    per_sample: bool = False

    def same_as(self, other: Normalization) -> bool:
        if self.channels != other.channels:
            return False
        if self.per_sample or other.per_sample:
            return self.per_sample and other.per_sample
        pairs = list(zip(_per_channel(self.scale), _per_channel(other.scale), strict=True))
        pairs += list(zip(_per_channel(self.offset), _per_channel(other.offset), strict=True))
        return all(abs(a - b) <= 0.02 * max(abs(a), abs(b)) + 1e-3 for a, b in pairs)

    def __str__(self) -> str:
        return self.label or f"x*{self.scale}+{self.offset}"


def _per_channel(values: tuple[float, ...]) -> tuple[float, ...]:
    return values * 3 if len(values) == 1 else values
