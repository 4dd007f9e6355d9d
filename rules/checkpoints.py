"""FT7xx: checkpoints (what is loaded, from where, how strictly)."""

from __future__ import annotations

from collections.abc import Iterator

from ftlint.facts import Fact
from ftlint.findings import Edit, Finding, Fix
from ftlint.paths import may_be_same_place, same_place
from ftlint.rule import Pair as P
from ftlint.rule import PairContext, PairRule, Profile, Script, ScriptContext, ScriptRule


def _saves(profile: Profile, checkpoints: bool = False) -> tuple[list[Fact], bool]:
    """Saves with known paths, and whether any save's path is unknown; checkpoints: model
    checkpoints only (a pickled tokenizer or scaler is not what a model load reads)."""
    saves = [f for f in profile.of("save") if f.attr("checkpoint") or not checkpoints]
    known = [f for f in saves if f.value.known]
    return known, len(known) != len(saves)


def _saved_at(load: Fact, saves: list[Fact], any_folder: bool = True) -> list[Fact]:
    """The saves the load reads; any_folder: or may read, from whichever folder each script
    runs (to stay silent when unsure; a warning about what is there wants the plain path)."""
    if not any_folder:
        return [s for s in saves if same_place(s.value.value, load.value.value)]
    return [s for s in saves if may_be_same_place(s.value.value, s.span.path,
                                                  load.value.value, load.span.path)]


class CheckpointNeverSaved(PairRule):
    code = "FT701"
    name = "checkpoint-never-saved"
    severity = "warning"
    summary = "Fine-tuning loads a checkpoint the pretraining never saves"
    explanation = (
        "The fine-tuning script loads weights from a path that the pretraining script does "
        "not write: a stale file from an older run, another experiment, or a typo. Load "
        "what pretraining saves."
    )
    invalid = [
        P("model.save('models/base_v1.keras')\n",
          "from tensorflow import keras\nmodel = keras.models.load_model('models/base_v2.keras')\n"),
    ]
    valid = [
        P("import pickle\nwith open('tokenizer.pkl', 'wb') as f:\n    pickle.dump(tokenizer, f)\n",
          "from tensorflow import keras\nmodel = keras.models.load_model('sentiment.h5')\n",
          "pretraining saves no model (a pickled tokenizer): nothing to compare the load with"),
        P("import os\nOUT = 'checkpoints'\nimport torch\n"
          "torch.save(model.state_dict(), os.path.join(OUT, 'best.pt'))\n",
          "import torch\nmodel.load_state_dict(torch.load('checkpoints/best.pt'))\n"),
        P("model.save(args.out)\n",
          "from tensorflow import keras\nmodel = keras.models.load_model('model.keras')\n",
          "the saved path is unknown: silent"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        saves, any_unknown = _saves(ctx.pretrain, checkpoints=True)
        if not saves or any_unknown:
            return
        own_saves, _ = _saves(ctx.finetune, checkpoints=True)
        for load in ctx.finetune.of("load"):
            if load.attr("what") not in ("model", "weights") or not load.attr("local"):
                continue
            if load.value.known and _saved_at(load, own_saves):
                continue  # fine-tuning reloads its own best checkpoint
            if not load.value.known or _saved_at(load, saves):
                continue
            shown = ", ".join(repr(s.value.value) for s in saves[:3])
            yield ctx.finding(load, f"loads '{load.value.value}', which pretraining never saves "
                              f"(it saves {shown})", [(saves[0], "pretraining saves here")])


class UncheckedNonStrictLoad(ScriptRule):
    code = "FT702"
    name = "unchecked-non-strict-load"
    severity = "warning"
    fixable = "unsafe"  # printing is one way to look; a new head's keys are expected missing
    summary = "load_state_dict(strict=False) without looking at the missing keys"
    explanation = (
        "strict=False silently skips every weight whose name does not match. A renamed module "
        "or a 'module.' prefix from DataParallel then leaves the whole backbone randomly "
        "initialised. Keep the returned missing/unexpected keys and check or print them."
    )
    invalid = [
        Script("import torch\nmodel.load_state_dict(torch.load('ckpt.pt'), strict=False)\n"),
    ]
    valid = [
        Script("import torch\nmsg = model.load_state_dict(torch.load('ckpt.pt'), strict=False)\n"
               "print(msg)\n"),
        Script("import torch\n"
               "missing, unexpected = model.load_state_dict(torch.load('c.pt'), strict=False)\n"
               "assert set(missing) == {'fc.weight', 'fc.bias'}\n"),
    ]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        for fact in ctx.script.of("non_strict_load"):
            if not fact.attr("checked"):
                finding = ctx.finding(fact, "strict=False drops mismatched weights silently; "
                                      "check the returned missing_keys / unexpected_keys")
                edits = fact.attr("check_edits")
                if edits:
                    finding.fix = Fix("Keep the result and print the keys that did not load",
                                      tuple(Edit(span, text) for span, text in edits), "unsafe")
                yield finding


class TokenizerNotSaved(PairRule):
    code = "FT703"
    name = "tokenizer-not-saved"
    severity = "warning"
    summary = "Fine-tuning loads the tokenizer from a directory where only the model was saved"
    explanation = (
        "save_pretrained on the model (or Trainer.save_model without a tokenizer) writes "
        "weights and config but no tokenizer files. Loading the tokenizer from that directory "
        "fails, or picks up a stale tokenizer left there. Save the tokenizer to the same "
        "directory (tokenizer.save_pretrained(out), or pass it to the Trainer)."
    )
    invalid = [
        P("from transformers import AutoModel\nmodel = AutoModel.from_pretrained('bert-base-uncased')\n"
          "model.save_pretrained('./pretrained')\n",
          "from transformers import AutoTokenizer\n"
          "tok = AutoTokenizer.from_pretrained('./pretrained')\n"),
    ]
    valid = [
        P("from transformers import AutoModel, AutoTokenizer\n"
          "tok = AutoTokenizer.from_pretrained('bert-base-uncased')\n"
          "model = AutoModel.from_pretrained('bert-base-uncased')\n"
          "model.save_pretrained('./pretrained')\ntok.save_pretrained('./pretrained')\n",
          "from transformers import AutoTokenizer\n"
          "tok = AutoTokenizer.from_pretrained('./pretrained')\n"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        saves, any_unknown = _saves(ctx.pretrain)
        if any_unknown:
            return
        for load in ctx.finetune.of("load"):
            if load.attr("what") != "tokenizer" or not load.value.known:
                continue
            here = _saved_at(load, saves, any_folder=False)
            if here and all(s.attr("what") == "model" for s in here):
                yield ctx.finding(load, f"'{load.value.value}' holds the model pretraining "
                                  "saved, but no tokenizer", [(here[0], "only the model is saved here")])
