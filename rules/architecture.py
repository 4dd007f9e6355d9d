"""FT6xx: architecture (re-declared models, freezing and compile, BatchNorm mode)."""

from __future__ import annotations

from collections.abc import Iterator

from ftlint.facts import Fact
from ftlint.findings import Edit, Finding, Fix
from ftlint.rule import Pair as P
from ftlint.rule import PairContext, PairRule, Script, ScriptContext, ScriptRule

HEAD_LAYERS = {"Dense", "Linear"}


def _body(layers: tuple) -> tuple:
    """The layers before the output head (the last Dense/Linear and what follows it)."""
    for i in range(len(layers) - 1, -1, -1):
        if layers[i][0] in HEAD_LAYERS:
            return layers[:i]
    return layers


def _show(layer: tuple) -> str:
    return f"{layer[0]}({', '.join(repr(a) for a in layer[1:])})"


class ArchitectureChanged(PairRule):
    code = "FT601"
    name = "architecture-changed"
    severity = "warning"
    summary = "The fine-tuning script re-declares the model with other layers"
    explanation = (
        "Pretrained weights load into the layers they were trained in. A re-declared model "
        "whose body differs (other units, activations, dropout, layer count) either fails to "
        "load, loads partially, or computes something else. A new output head is normal and "
        "not reported."
    )
    invalid = [
        P("import torch.nn as nn\nclass Encoder(nn.Module):\n    def __init__(self):\n"
          "        super().__init__()\n        self.layer = nn.TransformerEncoderLayer(256, 8, 1024)\n"
          "        self.head = nn.Linear(256, 2)\n",
          "import torch\nimport torch.nn as nn\nclass Encoder(nn.Module):\n"
          "    def __init__(self):\n        super().__init__()\n"
          "        self.layer = nn.TransformerEncoderLayer(256, 8, 2048)\n"
          "        self.head = nn.Linear(256, 5)\n"
          "model = Encoder()\nmodel.load_state_dict(torch.load('encoder.pt'), strict=False)\n",
          "a model class re-declared with wider layers"),
        P("from tensorflow import keras\nfrom tensorflow.keras import layers\n"
          "model = keras.Sequential([layers.Dense(128, activation='relu'), layers.Dropout(0.5),\n"
          "                          layers.Dense(10, activation='softmax')])\n",
          "from tensorflow import keras\nfrom tensorflow.keras import layers\n"
          "model = keras.Sequential([layers.Dense(64, activation='relu'), layers.Dropout(0.5),\n"
          "                          layers.Dense(10, activation='softmax')])\n"
          "model.load_weights('base.weights.h5')\n"),
    ]
    valid = [
        P("import torch.nn as nn\nclass Encoder(nn.Module):\n    def __init__(self):\n"
          "        super().__init__()\n        self.conv = nn.Conv2d(3, 64, 3)\n"
          "        self.proj = nn.Linear(64, 128)\n",
          "import torch.nn as nn\nclass Probe(nn.Module):\n    def __init__(self):\n"
          "        super().__init__()\n        self.drop = nn.Dropout(0.2)\n"
          "        self.fc = nn.Linear(128, 10)\n", "another class is another model"),
        P("from tensorflow import keras\nfrom tensorflow.keras import layers\n"
          "model = keras.Sequential([layers.Dense(128, activation='relu'),\n"
          "                          layers.Dense(10, activation='softmax')])\n",
          "from tensorflow import keras\nfrom tensorflow.keras import layers\n"
          "model = keras.Sequential([layers.Dense(128, activation='relu'),\n"
          "                          layers.Dense(3, activation='softmax')])\n"
          "model.load_weights('base.weights.h5', skip_mismatch=True)\n", "a new head"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        before = ctx.pretrain.of("model")
        after = ctx.finetune.of("model")
        loaded_into = {f.attr("into") for f in ctx.finetune.of("load")} - {None, ""}
        after = [f for f in after  # a re-declared model matters when weights are loaded into it
                 if any(_inside(name, into) for into in loaded_into
                        for name in (f.attr("name"), *f.attr("instances", ())))]
        if not before or not after:
            return
        pairs: list[tuple[Fact, Fact]] = []
        for new in after:
            named = [f for f in before if f.attr("name") == new.attr("name")]
            if named:
                pairs.append((named[-1], new))
        if not pairs and len(before) == 1 and len(after) == 1 and not any(
                f.attr("declared") == "class" for f in (*before, *after)) and (
                _body(before[0].value)[:1] == _body(after[0].value)[:1]):
            # one Sequential each, under other names: the same network when they start alike
            pairs = [(before[0], after[0])]
        for old, new in pairs:
            a, b = _body(old.value), _body(new.value)
            if a == b:
                continue
            difference = next(((x, y) for x, y in zip(a, b, strict=False) if x != y), None)
            if difference is None:
                detail = f"{len(b)} body layers vs {len(a)} at pretraining"
            else:
                detail = f"{_show(difference[1])} where pretraining has {_show(difference[0])}"
            yield ctx.finding(new, f"re-declared model differs from the pretraining one: {detail}",
                              [(old, "pretraining model")])


class TrainableWithoutRecompile(ScriptRule):
    code = "FT602"
    name = "trainable-without-recompile"
    severity = "error"
    summary = "`trainable` changes after compile, and training goes on without compiling again"
    explanation = (
        "In Keras, `trainable` is read when the model is compiled. Unfreezing (or freezing) "
        "layers after compile() and calling fit() without compile() again trains the old set "
        "of weights: the fine-tuning you meant does not happen."
    )
    invalid = [
        Script("base.trainable = False\nmodel.compile(optimizer='adam', loss='mse')\n"
               "model.fit(x, y, epochs=5)\nbase.trainable = True\nmodel.fit(x, y, epochs=5)\n"),
    ]
    valid = [
        Script("from tensorflow import keras\nbase.trainable = False\n"
               "model.compile(optimizer='adam', loss='mse')\nmodel.fit(x, y, epochs=5)\n"
               "base.trainable = True\n"
               "model.compile(optimizer=keras.optimizers.Adam(1e-5), loss='mse')\n"
               "model.fit(x, y, epochs=5)\n"),
    ]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        events = sorted(
            (f for f in ctx.script.of("trainable", "compile", "fit_call")
             if f.kind != "trainable" or f.attr("needs_compile")),
            key=lambda f: (f.span.path, f.unit or "", f.span.line),
        )
        compiled = False
        pending: Fact | None = None
        for event in events:
            if event.kind == "compile":
                compiled, pending = True, None
            elif event.kind == "trainable" and compiled:
                pending = pending or event
            elif event.kind == "fit_call" and pending is not None:
                yield ctx.finding(pending, "trainable changes after compile() but fit() runs "
                                  "without compiling again: the change has no effect",
                                  [(event, "training continues here")])
                pending = None


class BackboneTrainingMode(ScriptRule):
    code = "FT603"
    name = "backbone-batchnorm-training"
    severity = "warning"
    fixable = "safe"
    summary = "An unfrozen backbone is called without training=False"
    explanation = (
        "When a pretrained Keras backbone is unfrozen for fine-tuning, its BatchNormalization "
        "layers update their statistics in training mode and wreck what was learned on small "
        "fine-tuning batches. Call the backbone as base(inputs, training=False) when building "
        "the model (Keras transfer-learning guide)."
    )
    invalid = [
        Script("from tensorflow import keras\n"
               "base = keras.applications.ResNet50(weights='imagenet', include_top=False)\n"
               "inputs = keras.Input(shape=(224, 224, 3))\nx = base(inputs)\n"
               "base.trainable = True\n"),
        Script("from tensorflow import keras\n"
               "base = keras.applications.InceptionV3(weights='imagenet', include_top=False)\n"
               "out = keras.layers.Dense(2)(base.output)\n"
               "model = keras.Model(inputs=base.input, outputs=out)\n"
               "for layer in model.layers[172:]:\n    layer.trainable = True\n"
               "model.compile('sgd', 'mse')\n",
               "the Keras guide's old InceptionV3 recipe: the backbone's layers, BatchNorm "
               "among them, run in training mode inside the functional model"),
    ]
    valid = [
        Script("from tensorflow import keras\n"
               "base = keras.applications.ResNet50(weights='imagenet', include_top=False)\n"
               "inputs = keras.Input(shape=(224, 224, 3))\nx = base(inputs, training=False)\n"
               "base.trainable = True\n"),
        Script("from tensorflow import keras\n"
               "base = keras.applications.InceptionV3(weights='imagenet', include_top=False)\n"
               "out = keras.layers.Dense(2)(base.output)\n"
               "model = keras.Model(inputs=base.input, outputs=out)\n"
               "for layer in base.layers:\n    layer.trainable = False\n"
               "model.compile('adam', 'mse')\n",
               "built on base.output but kept frozen: BatchNorm runs in inference mode"),
        Script("from tensorflow import keras\n"
               "base = keras.applications.ResNet50(weights='imagenet', include_top=False)\n"
               "out = keras.layers.Dense(2)(base.output)\n"
               "model = keras.Model(inputs=base.input, outputs=out)\n"
               "for layer in base.layers:\n"
               "    if isinstance(layer, keras.layers.BatchNormalization):\n"
               "        layer.trainable = True\n    else:\n        layer.trainable = False\n",
               "only the BatchNorm layers are trained, on purpose (adapting their statistics)"),
        Script("from tensorflow import keras\n"
               "base = keras.applications.ResNet50(weights='imagenet', include_top=False)\n"
               "base.trainable = False\ninputs = keras.Input(shape=(224, 224, 3))\n"
               "x = base(inputs)\n", "frozen: BatchNorm runs in inference mode"),
        Script("from tensorflow import keras\n"
               "base = keras.applications.VGG16(weights='imagenet', include_top=False)\n"
               "x = base(keras.Input(shape=(224, 224, 3)))\nbase.trainable = True\n",
               "VGG16 has no BatchNorm"),
        Script("import tensorflow as tf\n"
               "base = tf.keras.applications.ResNet50(weights=None, include_top=False)\n"
               "base.trainable = True\nh = base(tf.keras.Input((224, 224, 3)), training=True)\n",
               "trained from scratch: its statistics are meant to be learned"),
    ]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        # `model.layers[172:]` unfreezes layers of the model itself
        unfrozen = {f.attr("target").removesuffix(".layers"): f
                    for f in ctx.script.of("trainable")
                    if f.value is True and not f.attr("batchnorm_only")}  # BN trained on purpose
        # only pretrained backbones whose architecture has BatchNorm (VGG has none; a network
        # trained from scratch is meant to learn its statistics)
        pretrained = {f.attr("target") for f in ctx.script.of("pretrained_backbone")
                      if f.attr("pretrained")}
        batchnorm = {f.attr("target") for f in ctx.script.of("network") if f.attr("batchnorm")}
        for call in ctx.script.of("backbone_call"):
            if call.attr("target") not in pretrained & batchnorm and not call.attr("loaded"):
                continue
            training = call.attr("training")
            missing = not training.known and training.unknown == "not given"
            if not (missing or (training.known and training.value is True)):
                continue
            unfreeze = unfrozen.get(call.attr("target")) or unfrozen.get(call.attr("wrapper"))
            if unfreeze is not None:
                advice = ("build it on base(inputs, training=False) instead of base.output"
                          if call.attr("wrapper") is not None else "pass training=False")
                finding = ctx.finding(call, f"{call.text} runs its BatchNorm layers in training "
                                      f"mode once unfrozen; {advice}",
                                      [(unfreeze, "the backbone is unfrozen here")])
                edit = call.attr("inference_edit")
                if edit is not None:
                    finding.fix = Fix("Call the backbone with training=False", (Edit(*edit),))
                yield finding


def _inside(target: str, container: str) -> bool:
    return bool(target) and (target == container or target.startswith(container + "."))


_LIGHTNING_PROBE = (
    "import torch, torchvision\nimport lightning as L\n\n"
    "class Probe(L.LightningModule):\n"
    "    def __init__(self):\n        super().__init__()\n"
    "        self.backbone = torchvision.models.resnet50(weights='IMAGENET1K_V2')\n"
    "        self.backbone.requires_grad_(False)\n"
    "        self.head = torch.nn.Linear(1000, 10)\n"
    "{hook}"
    "    def configure_optimizers(self):\n"
    "        return torch.optim.SGD(self.head.parameters(), lr=0.1)\n\n"
    "L.Trainer(max_epochs=5).fit(Probe(), loader)\n")


def _once_per_part(facts: list[Fact]) -> Iterator[Fact]:
    """The first fact about each model part (a part reached by several passes is one
    finding)."""
    seen: set[str] = set()
    for fact in facts:
        if fact.attr("part") not in seen:
            seen.add(fact.attr("part"))
            yield fact


class FrozenBackboneInTrainMode(ScriptRule):
    code = "FT604"
    name = "frozen-backbone-in-train-mode"
    severity = "warning"
    fixable = "unsafe"  # another train() later (after validation, in a helper) undoes it
    summary = "A frozen backbone is put in train() mode: its BatchNorm statistics keep moving"
    explanation = (
        "requires_grad=False stops gradients, not BatchNorm: in train() mode its running mean "
        "and variance keep following the new data, so a linear probe or a frozen feature "
        "extractor drifts from the pretrained one. Put the frozen part in eval() after "
        "model.train() (or call model.eval() for a pure linear probe)."
    )
    invalid = [
        Script("import torch, torchvision\n"
               "model = torchvision.models.resnet50(weights='IMAGENET1K_V2')\n"
               "for p in model.parameters():\n    p.requires_grad = False\n"
               "model.fc = torch.nn.Linear(2048, 10)\n"
               "opt = torch.optim.SGD(model.fc.parameters(), lr=0.1)\n"
               "for x, y in loader:\n    model.train()\n    loss = step(model, x, y)\n"),
        Script(_LIGHTNING_PROBE.format(hook=""),
               "Lightning's fit loop calls model.train() on the whole module"),
        Script("import timm, torch\nmodel = timm.create_model('resnet50', pretrained=True)\n"
               "for p in model.parameters():\n    p.requires_grad = False\n"
               "model.fc = torch.nn.Linear(2048, 10)\n"
               "opt = torch.optim.Adam(model.fc.parameters())\n"
               "for x, y in loader:\n    loss = loss_fn(model(x), y)\n",
               "never put in eval(): timm's pretrained resnet50 starts in training mode"),
    ]
    valid = [
        Script(_LIGHTNING_PROBE.format(hook="    def on_train_epoch_start(self):\n"
                                            "        self.backbone.eval()\n"),
               "the start hook puts the frozen backbone back in eval()"),
        Script("import torchvision\nmodel = torchvision.models.resnet50(weights='DEFAULT')\n"
               "for p in model.parameters():\n    p.requires_grad = False\n"
               "for x, y in loader:\n    model.train()\n    model.eval()\n"
               "    loss = step(model, x, y)\n", "eval() right after train()"),
        Script("import timm\nmodel = timm.create_model('vit_base_patch16_224', pretrained=True)\n"
               "for p in model.parameters():\n    p.requires_grad = False\n"
               "for x, y in loader:\n    model.train()\n", "a ViT has LayerNorm, no BatchNorm"),
        Script("from tensorflow import keras\nbase.trainable = False\nmodel.train()\n",
               "Keras stops BatchNorm updates with trainable = False"),
    ]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        # the program model says which frozen parts run in train mode, and where
        for fact in _once_per_part(ctx.script.of("norm_update")):
            part = fact.attr("part")
            related = [(fact.attr("frozen_at"), f"{part} is frozen here")]
            if fact.attr("step_at") is not None and fact.attr("step_at") != fact.span:
                related.append((fact.attr("step_at"), "it runs on data here in training mode"))
            if fact.attr("mode_at") is None:
                message = (f"the frozen {part} is never put in eval(): modules start in training "
                           "mode, so its BatchNorm statistics keep updating")
            elif fact.attr("no_grad"):
                message = (f"features come from the frozen {part} in training mode: computed "
                           "without gradients, its BatchNorm statistics still update")
            else:
                message = (f"{fact.text} also puts the frozen {part} in training mode: its "
                           "BatchNorm statistics keep updating")
            finding = ctx.finding(fact, message, related)
            edit = fact.attr("eval_edit")
            if edit is not None:
                finding.fix = Fix(f"Put {part} back in eval() after train()", (Edit(*edit),),
                                  "unsafe")
            yield finding


class TrainModeNotRestored(ScriptRule):
    code = "FT605"
    name = "train-mode-not-restored"
    severity = "warning"
    summary = "An eval() inside the training loop is never undone: later epochs train in eval mode"
    explanation = (
        "Validating at the end of each epoch with model.eval() leaves the model in eval "
        "mode: unless model.train() comes back at the start of the next epoch, only the "
        "first epoch trains with BatchNorm batch statistics (and dropout); every later one "
        "trains with frozen running statistics, a quiet change of the fine-tuning recipe "
        "half-way through. Call model.train() at the top of each epoch."
    )
    invalid = [
        Script("import torch, torchvision\n"
               "model = torchvision.models.resnet50(weights='IMAGENET1K_V2')\n"
               "opt = torch.optim.SGD(model.parameters(), lr=0.01)\n"
               "for epoch in range(10):\n    for x, y in loader:\n"
               "        loss = loss_fn(model(x), y)\n        loss.backward()\n        opt.step()\n"
               "    model.eval()\n    with torch.no_grad():\n"
               "        accuracy = evaluate(model(val_x), val_y)\n"),
    ]
    valid = [
        Script("import torch, torchvision\n"
               "model = torchvision.models.resnet50(weights='IMAGENET1K_V2')\n"
               "opt = torch.optim.SGD(model.parameters(), lr=0.01)\n"
               "for epoch in range(10):\n    model.train()\n    for x, y in loader:\n"
               "        loss = loss_fn(model(x), y)\n        loss.backward()\n        opt.step()\n"
               "    model.eval()\n    with torch.no_grad():\n"
               "        accuracy = evaluate(model(val_x), val_y)\n", "train() at each epoch"),
        Script("import torch, torchvision\n"
               "model = torchvision.models.resnet50(weights='IMAGENET1K_V2')\n"
               "model.eval()\nopt = torch.optim.SGD(model.fc.parameters(), lr=0.01)\n"
               "for epoch in range(10):\n    for x, y in loader:\n"
               "        loss = loss_fn(model(x), y)\n        loss.backward()\n        opt.step()\n",
               "eval mode from the start, on purpose: every epoch trains the same way"),
        Script("import torch\nmodel = torch.nn.Sequential(torch.nn.Linear(4, 8), "
               "torch.nn.ReLU(), torch.nn.Linear(8, 2))\n"
               "opt = torch.optim.SGD(model.parameters(), lr=0.01)\n"
               "for epoch in range(10):\n    for x, y in loader:\n"
               "        loss = loss_fn(model(x), y)\n        loss.backward()\n        opt.step()\n"
               "    model.eval()\n", "no BatchNorm: the mode changes nothing that trains"),
    ]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        # the program model runs each loop twice and says where the second turn's mode differs
        for fact in _once_per_part(ctx.script.of("train_mode_lost")):
            part = fact.attr("part")
            related = [(fact.attr("eval_at"), f"{part} is put in eval() here, and nothing "
                        "puts it back in train()")] if fact.attr("eval_at") else []
            yield ctx.finding(fact, f"{part} trains in eval mode from the second epoch on: its "
                              "BatchNorm layers stop using batch statistics", related)
