"""FT5xx: class balance (class weights, sample weights, weighted losses and samplers)."""

from __future__ import annotations

from collections.abc import Iterator

from ftlint.findings import Edit, Finding, Fix
from ftlint.rule import Pair as P
from ftlint.rule import PairContext, PairRule, Script, ScriptContext, ScriptRule


class SampleWeightsAsClassWeight(ScriptRule):
    code = "FT501"
    name = "sample-weights-as-class-weight"
    severity = "error"
    fixable = "safe"
    summary = "Per-sample weights are passed as class_weight"
    explanation = (
        "compute_sample_weight returns one weight per training example; class_weight expects "
        "one weight per class, as a dict {class: weight}. Passed as class_weight, the array is "
        "read as weights for classes 0..N-1 (or rejected), so the imbalance is not corrected. "
        "Use compute_class_weight and dict(enumerate(...)), or pass the array as sample_weight."
    )
    invalid = [
        Script("from sklearn.utils import class_weight\n"
               "weights = class_weight.compute_sample_weight('balanced', y_train)\n"
               "model.fit(x_train, y_train, class_weight=weights)\n"),
        Script("import numpy as np\nfrom sklearn.utils import class_weight\n"
               "weights = class_weight.compute_sample_weight('balanced', y_train)\n"
               "model.fit(x_train, y_train, class_weight=weights)\n",
               "fixed: weights = dict(zip(np.unique(y_train), class_weight.compute_class_weight("
               "'balanced', classes=np.unique(y_train), y=y_train)))"),
    ]
    valid = [
        Script("from sklearn.utils import class_weight\n"
               "weights = class_weight.compute_sample_weight('balanced', y_train)\n"
               "model.fit(x_train, y_train, sample_weight=weights)\n"),
        Script("import numpy as np\nfrom sklearn.utils.class_weight import compute_class_weight\n"
               "w = compute_class_weight('balanced', classes=np.unique(y), y=y)\n"
               "model.fit(x, y, class_weight=dict(enumerate(w)))\n"),
    ]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        for fact in ctx.script.of("class_weight"):
            if fact.value == "sample-weights":
                made = [f for f in ctx.script.of("sample_weights")]
                finding = ctx.finding(fact, "class_weight receives per-sample weights "
                                      "(compute_sample_weight); it expects {class: weight}",
                                      [(m, "sample weights made here") for m in made[:1]])
                edits = made[0].attr("class_weight_edits") if len(made) == 1 else None
                if edits:
                    finding.fix = Fix("Make {class: weight} with compute_class_weight",
                                      tuple(Edit(span, text) for span, text in edits))
                yield finding


class ClassWeightNotDict(ScriptRule):
    code = "FT502"
    name = "class-weight-not-a-dict"
    severity = "error"
    summary = "class_weight is given an array or a string instead of a {class: weight} dict"
    explanation = (
        "Keras' fit(class_weight=...) takes a dict mapping class index to weight. "
        "compute_class_weight returns an array; pass dict(enumerate(weights)). A string "
        "such as 'auto' or 'balanced' (scikit-learn's constructors take those) is no dict: "
        "Keras does not compute weights from it."
    )
    invalid = [
        Script("import numpy as np\nfrom sklearn.utils.class_weight import compute_class_weight\n"
               "w = compute_class_weight('balanced', classes=np.unique(y), y=y)\n"
               "model.fit(x, y, class_weight=w)\n"),
        Script("model.fit(x, y, epochs=3, class_weight='auto')\n",
               "a string where Keras reads {class: weight}"),
    ]
    valid = [
        Script("model.fit(x, y, class_weight={0: 1.0, 1: 4.0})\n"),
        Script("from sklearn.linear_model import LogisticRegression\n"
               "clf = LogisticRegression(class_weight='balanced')\nclf.fit(x, y)\n",
               "scikit-learn's estimators take 'balanced' in their constructor"),
    ]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        for fact in ctx.script.of("class_weight"):
            if fact.attr("type") == "array" and fact.value != "sample-weights":
                yield ctx.finding(fact, "class_weight receives an array; it expects a "
                                  "{class: weight} dict (dict(enumerate(weights)))")
            elif fact.attr("type") == "string":
                yield ctx.finding(fact, f"class_weight receives the string "
                                  f"{fact.attr('text')!r}; fit expects a {{class: weight}} dict")


class ClassWeightingDropped(PairRule):
    code = "FT503"
    name = "class-weighting-dropped"
    severity = "warning"
    summary = "Pretraining corrected class imbalance and fine-tuning does not"
    explanation = (
        "Pretraining weighted classes (class_weight, a weighted loss, a weighted sampler) and "
        "fine-tuning trains without it: the model drifts toward the majority class it was "
        "kept from. Adding weighting at fine-tuning for a skewed set is normal and not "
        "reported."
    )
    invalid = [
        P("model.fit(x, y, class_weight={0: 1.0, 1: 5.0})\n", "model.fit(x2, y2, epochs=3)\n"),
        P("import torch.nn as nn\ncrit = nn.CrossEntropyLoss(weight=w)\n",
          "import torch.nn as nn\ncrit = nn.CrossEntropyLoss()\n"),
    ]
    valid = [
        P("model.fit(x, y, epochs=10)\n", "model.fit(x2, y2, epochs=3, class_weight={0: 1, 1: 3})\n",
          "weighting added at fine-tuning"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        before = ctx.pretrain.of("weighting")
        if not before or ctx.finetune.has("weighting") or ctx.finetune.calls_unread_code:
            return
        anchor = (ctx.finetune.of("loss") or ctx.finetune.of("fit_call")
                  or ctx.finetune.of("optimizer"))
        if anchor:
            yield ctx.finding(anchor[0], f"pretraining weighted classes ({before[0].text}); "
                              "fine-tuning trains without class weighting",
                              [(before[0], "pretraining class weighting")])
