"""FT4xx: optimization (learning rate, optimizer, loss)."""

from __future__ import annotations

from collections.abc import Iterator

from ftlint.facts import Fact, Value
from ftlint.findings import Finding
from ftlint.rule import Pair as P
from ftlint.rule import PairContext, PairRule, Profile, Script, ScriptContext, ScriptRule


def _trains_pretrained_weights(profile: Profile, optimizer: Fact) -> bool:
    """False when only a head trains (a linear probe, a frozen base, head-only parameters),
    and when per-layer rates decay below the base rate (layer-wise decay). The program
    model says which parts the optimizer updates; without it, the facts decide."""
    if optimizer.attr("scope") in ("head", "layer-decay"):
        return False
    verdict = optimizer.attr("updates_pretrained")
    if verdict is not None:
        return verdict
    changes = sorted(profile.of("trainable"), key=lambda f: (f.span.path, f.span.line))
    frozen: set[str] = set()
    for change in changes:
        if change.value is False and not change.attr("partial"):
            frozen.add(change.attr("target"))
        elif change.value is True:
            frozen.discard(change.attr("target"))
    return not frozen


def _comparable_rate(fact: Fact) -> bool:
    lr = fact.attr("lr")
    return lr is not None and lr.known and isinstance(lr.value, (int, float)) and lr.value > 0


def _computed_at_run_time(fact: Fact) -> bool:
    return fact.attr("lr").origin == "runtime"


def _pretrained_rate(fact: Fact) -> Value | None:
    """The rate pretrained weights move at: the optimizer's, or the highest of its parameter
    groups that update pretrained parts (the program model says which)."""
    if _comparable_rate(fact):
        return fact.attr("lr")
    rates = [rate for rate, pretrained in fact.attr("group_rates", ())
             if pretrained is True and rate.known and isinstance(rate.value, (int, float))
             and rate.value > 0]
    return max(rates, key=lambda rate: rate.value) if rates else None


class LearningRateIncreased(PairRule):
    code = "FT401"
    name = "learning-rate-increased"
    severity = "warning"
    summary = "Fine-tuning uses a higher learning rate than pretraining"
    explanation = (
        "Fine-tuning a pretrained network with a larger step than it was trained with can "
        "destroy what it learned in the first updates (catastrophic forgetting, divergence). "
        "Fine-tuning rates are usually 10-100x lower. ftlint compares rates of the same "
        "optimizer family, filling in framework defaults (Keras Adam 0.001, Keras SGD 0.01, "
        "PyTorch Adam 0.001, TrainingArguments 5e-5); it stays silent when only a new head "
        "is trained, with layer-wise rate decay, when a scheduler sets the rate, and when "
        "only one of the two rates is scaled at run time (lr = blr * batch / 256: two such "
        "rates compare by their static values). Option max-lr-ratio (default 1.0): the "
        "fine-tuning/pretraining ratio above which it reports."
    )
    options = {"max-lr-ratio": 1.0}
    invalid = [
        P("from tensorflow.keras.optimizers import Adam\nopt = Adam(learning_rate=0.001)\n",
          "from tensorflow.keras.optimizers import Adam\nopt = Adam(learning_rate=0.01)\n"),
        P("import torch\nimport torchvision\n"
          "model = torchvision.models.resnet50(weights='DEFAULT')\n"
          "opt = torch.optim.SGD(model.parameters(), lr=0.01)\n",
          "import torch\nimport torchvision\n"
          "model = torchvision.models.resnet50(weights='DEFAULT')\n"
          "model.fc = torch.nn.Linear(2048, 5)\n"
          "opt = torch.optim.SGD([{'params': model.fc.parameters(), 'lr': 0.1},\n"
          "                       {'params': model.layer4.parameters(), 'lr': 0.1}])\n",
          "the pretrained layer4 group moves at 10x"),
        P("import torch.optim as optim\nopt = optim.Adam(model.parameters())\n",
          "import argparse\nimport torch\np = argparse.ArgumentParser()\n"
          "p.add_argument('--lr', type=float, default=3e-3)\nargs = p.parse_args()\n"
          "opt = torch.optim.Adam(model.parameters(), lr=args.lr)\n",
          "PyTorch's default 1e-3 against an argparse default"),
        P("model.compile(optimizer='adam', loss='mse')\n",
          "import tensorflow as tf\nmodel.compile(optimizer=tf.keras.optimizers.Adam(1e-2))\n"),
    ]
    valid = [
        P("from tensorflow.keras.optimizers import Adam\nopt = Adam(learning_rate=0.001)\n",
          "from tensorflow.keras.optimizers import Adam\nopt = Adam(learning_rate=1e-5)\n",
          "a lower rate is normal"),
        P("import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.01)\n",
          "import torch\nfor p in model.backbone.parameters():\n    p.requires_grad = False\n"
          "opt = torch.optim.SGD(model.fc.parameters(), lr=0.1)\n", "linear probe: head only"),
        P("import torch\nimport torchvision\n"
          "model = torchvision.models.resnet50(weights='DEFAULT')\n"
          "opt = torch.optim.SGD(model.parameters(), lr=0.01)\n",
          "import torch\nimport torchvision\n"
          "model = torchvision.models.resnet50(weights='DEFAULT')\n"
          "model.fc = torch.nn.Linear(2048, 5)\n"
          "opt = torch.optim.SGD([{'params': model.fc.parameters(), 'lr': 0.1},\n"
          "                       {'params': model.layer4.parameters(), 'lr': 0.001}])\n",
          "a higher rate for the new head only (parameter groups)"),
        P("import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\n",
          "import torch\nopt = torch.optim.AdamW(model.parameters(), lr=0.5)\n",
          "another optimizer family is not a rate comparison"),
        P("import torch\nopt = torch.optim.AdamW(model.parameters(), lr=1.5e-4)\n",
          "import argparse\nimport torch\np = argparse.ArgumentParser()\n"
          "p.add_argument('--blr', type=float, default=1e-3)\n"
          "p.add_argument('--batch_size', type=int, default=1024)\nargs = p.parse_args()\n"
          "lr = args.blr * args.batch_size / 256\n"
          "opt = torch.optim.AdamW(model.parameters(), lr=lr)\n", "rate computed at run time"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        limit = float(ctx.option("max-lr-ratio"))
        before = [f for f in ctx.pretrain.of("optimizer") if _comparable_rate(f)]
        if not before or ctx.finetune.has("lr_schedule") or ctx.pretrain.has("lr_schedule"):
            return
        compiled = {f.attr("optimizer") for f in ctx.finetune.of("compile")}
        for new in ctx.finetune.of("optimizer"):
            rate = _pretrained_rate(new)
            if rate is None or not _trains_pretrained_weights(ctx.finetune, new):
                continue
            if new.attr("standalone") and compiled and new.attr("target") not in compiled:
                continue  # built but never compiled into the model (a demo of the API)
            # a rate scaled at run time (lr = blr * batch / 256) compares only with another
            same_family = [f for f in before if f.attr("family") == new.attr("family")
                           and _computed_at_run_time(f) == (rate.origin == "runtime")]
            if not same_family:
                continue
            old = same_family[-1]
            ratio = rate.value / old.attr("lr").value
            if ratio > limit:
                yield ctx.finding(
                    new,
                    f"fine-tuning learning rate {rate.describe()} is {ratio:.3g}x the "
                    f"pretraining rate {old.attr('lr').describe()}",
                    [(old, f"pretraining uses {old.text} here")],
                )


class OptimizerChanged(PairRule):
    code = "FT402"
    name = "optimizer-changed"
    severity = "info"
    summary = "Fine-tuning uses another optimizer"
    explanation = (
        "Switching optimizer (Adam to SGD, SGD to AdamW) between pretraining and fine-tuning "
        "is often deliberate, but it resets moment estimates and changes the effective step "
        "size; worth a look when results surprise you."
    )
    invalid = [
        P("import torch\nopt = torch.optim.Adam(model.parameters(), lr=1e-3)\n",
          "import torch\nopt = torch.optim.SGD(model.parameters(), lr=1e-4, momentum=0.9)\n"),
    ]
    valid = [
        P("from tensorflow.keras.optimizers import Adam\nopt = Adam(1e-3)\n",
          "model.compile(optimizer='adam')\n"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        before = ctx.pretrain.of("optimizer")
        after = ctx.finetune.of("optimizer")
        if before and after and {f.value for f in before}.isdisjoint({f.value for f in after}):
            yield ctx.finding(after[0], f"fine-tuning optimizes with {after[0].value}; "
                              f"pretraining used {before[-1].value}",
                              [(before[-1], f"pretraining optimizer: {before[-1].text}")])


def _training_losses(profile: Profile) -> list[Fact]:
    """Losses that train the model, not the ones computed as validation metrics."""
    return [f for f in profile.of("loss") if not f.attr("metric")]


def _heads_of(losses: list[Fact]) -> set[tuple[str, str]]:
    """The classes (file, top-level unit) the losses are computed in, when every one is
    inside one (a model's forward); empty when a loss is at the script's own level. Two
    scripts that each declare their model class say nothing by it: only classes of one
    shared file are told apart."""
    if any(f.unit is None for f in losses):
        return set()
    return {(f.origin_path, f.unit) for f in losses}


class LossChanged(PairRule):
    code = "FT403"
    name = "loss-changed"
    severity = "warning"
    summary = "Fine-tuning optimizes another loss on the same head"
    explanation = (
        "Another loss for the same task (categorical vs sparse categorical cross-entropy, "
        "binary vs categorical, Huber vs MSE) expects other labels or weighs errors "
        "differently: with the kept head it trains the model toward something else than it "
        "learned. A change of task on a new head or a linear probe (a self-supervised "
        "objective, then classification) is normal and not reported."
    )
    invalid = [
        P("model.compile(optimizer='adam', loss='categorical_crossentropy')\n",
          "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"),
        P("import torch.nn.functional as F\nloss = F.smooth_l1_loss(pred, y)\n",
          "import torch.nn.functional as F\nloss = F.mse_loss(pred, y)\n"),
    ]
    valid = [
        P("from keras.models import Sequential\nfrom keras.layers import Dense\n"
          "ae = Sequential([Dense(500, activation='tanh'), Dense(784)])\n"
          "ae.compile(loss='mse', optimizer='adam')\n",
          "from keras.models import Sequential, load_model\nfrom keras.layers import Dense\n"
          "model = Sequential()\nmodel.add(load_model('encoder.h5'))\n"
          "model.add(Dense(10, activation='softmax'))\n"
          "model.compile(loss='categorical_crossentropy', optimizer='adam')\n",
          "the pretrained encoder reused in a new Sequential, then a new classification head"),
        P("from tensorflow import keras\n"
          "model.compile(loss=keras.losses.SparseCategoricalCrossentropy())\n",
          "model.compile(loss='sparse_categorical_crossentropy')\n"),
        P("import torch.nn.functional as F\nloss = F.mse_loss(z1, z2) + variance(z1)\n",
          "import torch\nmodel.fc = torch.nn.Linear(2048, 10)\n"
          "criterion = torch.nn.CrossEntropyLoss()\n",
          "a self-supervised objective, then classification on a new head"),
        P("import torch\ncriterion = torch.nn.CrossEntropyLoss()\n",
          "import torch\nimport torch.nn.functional as F\ncriterion = torch.nn.CrossEntropyLoss()\n"
          "def validation_step(batch):\n    return F.l1_loss(model(batch.x), batch.y)\n",
          "a validation metric is not the training loss"),
        P("import torch\ncriterion = torch.nn.CrossEntropyLoss()\n",
          "import torch\nclass GraphPred(torch.nn.Module):\n"
          "    def __init__(self):\n        super().__init__()\n"
          "        self.gnn = Encoder()\n        self.pred_linear = torch.nn.Linear(300, 12)\n"
          "class Encoder(torch.nn.Module):\n"
          "    def __init__(self):\n        super().__init__()\n"
          "        self.conv = torch.nn.Linear(300, 300)\n"
          "model = GraphPred()\nmodel.gnn.load_state_dict(torch.load('pretrained.pth'))\n"
          "criterion = torch.nn.BCEWithLogitsLoss()\n"
          "opt = torch.optim.Adam(model.parameters(), lr=1e-3)\n",
          "the program model: a loaded encoder beside a fresh pred_linear is a new head"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        before = _training_losses(ctx.pretrain)
        after = _training_losses(ctx.finetune)
        if not before or not after or not {f.value for f in before}.isdisjoint(
                {f.value for f in after}):
            return
        heads = _heads_of(before) | _heads_of(after)
        if _heads_of(before) and _heads_of(after) and len({path for path, _ in heads}) == 1 \
                and _heads_of(before).isdisjoint(_heads_of(after)):
            return  # two classes of one model library, each with its loss: another head
        new = after[0]
        same_task = [f for f in before if f.attr("task") and f.attr("task") == new.attr("task")]
        if not same_task and (ctx.finetune.has("new_head") or not any(
                _trains_pretrained_weights(ctx.finetune, o) for o in ctx.finetune.of("optimizer"))):
            return  # another task on a new head (or a probe): the loss is meant to change
        old = (same_task or before)[-1]
        yield ctx.finding(new, f"fine-tuning loss is {new.value}; pretraining used {old.value}",
                          [(old, f"pretraining loss: {old.text}")])


class FromLogitsChanged(PairRule):
    code = "FT404"
    name = "from-logits-changed"
    severity = "error"
    summary = "The loss reads logits in one script and probabilities in the other"
    explanation = (
        "from_logits=True applies the softmax/sigmoid inside the loss; False expects the "
        "model to output probabilities. Changing it with the same model output trains on "
        "a doubly squashed or an unsquashed signal."
    )
    invalid = [
        P("import tensorflow as tf\n"
          "loss = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)\n",
          "import tensorflow as tf\nloss = tf.keras.losses.SparseCategoricalCrossentropy()\n"),
    ]
    valid = [
        P("import tensorflow as tf\n"
          "loss = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)\n",
          "from tensorflow import keras\n"
          "probe = keras.Sequential([keras.layers.Dense(5, activation='softmax')])\n"
          "probe.compile(loss='sparse_categorical_crossentropy', optimizer='adam')\n",
          "a new softmax head: probabilities are right there"),
        P("import tensorflow as tf\n"
          "loss = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)\n",
          "from tensorflow import keras\n"
          "loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)\n"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        declared = {f.attr("outputs") for f in ctx.finetune.of("model")} - {None}
        for new in _training_losses(ctx.finetune):
            from_logits = new.attr("from_logits")
            if from_logits is not None and from_logits.known and declared == {
                    "logits" if from_logits.value else "probabilities"}:
                continue  # it matches the output layer fine-tuning declares (a new head)
            same = [f for f in _training_losses(ctx.pretrain) if f.value == new.value]
            if not same:
                continue
            old = same[-1]
            a, b = old.attr("from_logits"), new.attr("from_logits")
            if a is not None and b is not None and a.known and b.known and a.value != b.value:
                yield ctx.finding(new, f"from_logits={b.value} at fine-tuning, "
                                  f"from_logits={a.value} at pretraining",
                                  [(old, f"pretraining loss: {old.text}")])
                return



class ImplausibleLearningRate(ScriptRule):
    code = "FT405"
    name = "implausible-learning-rate"
    severity = "error"
    summary = "The learning rate is one no training with this optimizer uses"
    explanation = (
        "An adaptive optimizer (Adam, AdamW, RMSprop ...) moves every weight by about the "
        "learning rate at each step, so a rate of 1 or more erases pretrained weights within "
        "a few steps. Such a rate is almost always another setting passed by mistake (the "
        "batch size, an epoch count). Rates of the optimizers whose rate means something "
        "else (Adadelta, LARS, plain SGD) are not judged."
    )
    invalid = [
        Script("import wandb\nfrom transformers import TrainingArguments\n"
               "wandb.init(config={'learning_rate': 2e-5, 'batch_size': 64})\n"
               "args = TrainingArguments('out', learning_rate=wandb.config['batch_size'])\n",
               "wandb.config is what wandb.init was given: the batch size as the rate"),
        Script("import torch\nopt = torch.optim.Adam(model.parameters(), lr=10)\n"),
    ]
    valid = [
        Script("import torch\nopt = torch.optim.AdamW(model.parameters(), lr=3e-4)\n"),
        Script("import torch\nopt = torch.optim.Adadelta(model.parameters(), lr=1.0)\n",
               "Adadelta's rate scales its own normalised step: 1.0 is its default"),
        Script("import torch\nopt = torch.optim.SGD(model.parameters(), lr=1.6, momentum=0.9)\n",
               "a large-batch SGD schedule: plain SGD is not judged"),
        Script("import wandb\nfrom transformers import TrainingArguments\n"
               "wandb.init(config={'learning_rate': 2e-5, 'batch_size': 64})\n"
               "args = TrainingArguments('out', learning_rate=wandb.config.learning_rate)\n"),
    ]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        for fact in ctx.script.of("optimizer"):
            ceiling, lr = fact.attr("ceiling"), fact.attr("lr")
            if ceiling is None or fact.attr("standalone") or not _comparable_rate(fact):
                continue
            if lr.value >= ceiling:
                yield ctx.finding(fact, f"learning rate {lr.value:g} for {fact.value}: an "
                                  "adaptive optimizer's steps are about the rate itself, so "
                                  f"this moves every weight by ~{lr.value:g} per step")
