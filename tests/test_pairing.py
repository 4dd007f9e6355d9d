"""Project mode links a fine-tuning script to its pretraining script by what it loads
(issue 12): path templates, framework output folders, the project's own helpers, options
that take a pretrained checkpoint; each link with evidence and a confidence."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from ftlint import project
from ftlint.config import load_config

TRAIN_LOOP = """\
opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
for epoch in range(10):
    loss = model(batch).mean()
    loss.backward()
    opt.step()
"""


def write(folder: Path, files: dict[str, str]) -> None:
    for name, code in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(code))


def code(*pieces: str) -> str:
    """Pieces of a script, each dedented on its own (so TRAIN_LOOP can sit between)."""
    return "".join(textwrap.dedent(piece) for piece in pieces)


def show(folder: Path, files: dict[str, str]) -> list[str]:
    """`ftlint --show-pairs` lines of the pairs (two-phase files left out), in process."""
    write(folder, files)
    config = load_config(folder)
    found = project.project_files([folder], config)
    workspace = project.analyse(found, config, workers=1)
    plan = project.project_plan(found, config, workspace)
    root = str(folder) + "/"
    return [line.replace(root, "") for line in project.describe_plan(plan, str)
            if " -> " in line]


def pair_of(line: str) -> str:
    return line.split("  ")[0]


def confidence_of(line: str) -> str:
    return line.split("  ")[1].split("]")[0].lstrip("[")


# -- paths as templates --------------------------------------------------------------------
def test_fstring_template_over_an_argparse_folder(tmp_path):
    lines = show(tmp_path, {
        "pretrain.py": code("""\
            import argparse, torch
            p = argparse.ArgumentParser()
            p.add_argument("--out", default="runs/exp1")
            args = p.parse_args()
        """, TRAIN_LOOP, """\
                torch.save(model.state_dict(), f"{args.out}/ckpt_{epoch}.pth")
        """),
        "finetune.py": code("""\
            import torch
            model.load_state_dict(torch.load("runs/exp1/ckpt_99.pth"))
        """, TRAIN_LOOP),
    })
    assert lines == ["pretrain.py -> finetune.py  [high] (pretrain.py saves "
                     "'runs/exp1/ckpt_{}.pth', finetune.py loads 'runs/exp1/ckpt_99.pth')"]


def test_a_folder_known_only_at_run_time_is_medium(tmp_path):
    lines = show(tmp_path, {
        "pretrain.py": code("""\
            import argparse, torch
            p = argparse.ArgumentParser()
            p.add_argument("--out", required=True)
            args = p.parse_args()
        """, TRAIN_LOOP, """\
                torch.save(model.state_dict(), f"{args.out}/ckpt_{epoch}.pth")
        """),
        "finetune.py": "import torch\nmodel.load_state_dict(torch.load('runs/a/ckpt_99.pth'))\n"
                       + TRAIN_LOOP,
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("pretrain.py -> finetune.py", "medium")]


def test_path_division_and_join_over_config_values(tmp_path):
    lines = show(tmp_path, {
        "a_pretrain.py": code("""\
            import torch
            from pathlib import Path
            OUT = "weights"
        """, TRAIN_LOOP, """\
            torch.save(model.state_dict(), Path(OUT) / "model.pt")
        """),
        "a_finetune.py": "import torch\nmodel.load_state_dict(torch.load('weights/model.pt'))\n"
                         + TRAIN_LOOP,
        "b_pretrain.py": code("""\
            import os, torch
            CONFIG = {"dirs": {"out": "artifacts"}}
        """, TRAIN_LOOP, """\
                torch.save(model.state_dict(), os.path.join(CONFIG["dirs"]["out"], f"enc_{epoch}.pt"))
        """),
        "b_finetune.py": "import torch\nmodel.load_state_dict(torch.load('artifacts/enc_9.pt'))\n"
                         + TRAIN_LOOP,
    })
    assert sorted(pair_of(x) for x in lines) == ["a_pretrain.py -> a_finetune.py",
                                                  "b_pretrain.py -> b_finetune.py"]


# -- output folders of frameworks ----------------------------------------------------------
def test_hf_trainer_output_dir_and_a_checkpoint_under_it(tmp_path):
    lines = show(tmp_path, {
        "mlm.py": """\
            from transformers import AutoModelForMaskedLM, Trainer, TrainingArguments
            model = AutoModelForMaskedLM.from_pretrained("roberta-base")
            targs = TrainingArguments(output_dir="mlm_out", learning_rate=5e-5)
            trainer = Trainer(model=model, args=targs, train_dataset=ds)
            trainer.train()
        """,
        "classify.py": """\
            from transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments
            model = AutoModelForSequenceClassification.from_pretrained("mlm_out/checkpoint-500")
            trainer = Trainer(model=model, args=TrainingArguments(output_dir="cls"), train_dataset=ds)
            trainer.train()
        """,
    })
    assert [pair_of(x) for x in lines] == ["mlm.py -> classify.py"]


def test_save_pretrained_folder_loaded_by_from_pretrained(tmp_path):
    lines = show(tmp_path, {
        "dapt.py": """\
            from transformers import AutoModelForMaskedLM, Trainer, TrainingArguments
            model = AutoModelForMaskedLM.from_pretrained("bert-base-uncased")
            Trainer(model=model, args=TrainingArguments(output_dir="tmp"), train_dataset=ds).train()
            model.save_pretrained("bert_domain")
        """,
        "ner.py": """\
            from transformers import AutoModelForTokenClassification, Trainer, TrainingArguments
            model = AutoModelForTokenClassification.from_pretrained("bert_domain")
            Trainer(model=model, args=TrainingArguments(output_dir="ner"), train_dataset=ds).train()
        """,
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [("dapt.py -> ner.py", "high")]


def test_lightning_checkpoint_folder_and_load_from_checkpoint(tmp_path):
    lines = show(tmp_path, {
        "pretrain.py": """\
            import lightning as L
            from lightning.pytorch.callbacks import ModelCheckpoint
            trainer = L.Trainer(callbacks=[ModelCheckpoint(dirpath="lit_ckpts")])
            trainer.fit(Encoder(), data)
        """,
        "finetune.py": """\
            import lightning as L
            model = Encoder.load_from_checkpoint("lit_ckpts/epoch=9-step=100.ckpt")
            L.Trainer().fit(model, data)
        """,
    })
    assert [pair_of(x) for x in lines] == ["pretrain.py -> finetune.py"]


def test_keras_save_under_an_option_folder_and_load_model(tmp_path):
    lines = show(tmp_path, {
        "base.py": """\
            import argparse, os
            from tensorflow import keras
            p = argparse.ArgumentParser()
            p.add_argument("--out_dir")
            args = p.parse_args()
            model.compile(optimizer="adam", loss="mse")
            model.fit(x, y)
            model.save(os.path.join(args.out_dir, "base.keras"))
        """,
        "adapt.py": """\
            from tensorflow import keras
            model = keras.models.load_model("exp/base.keras")
            model.compile(optimizer="adam", loss="mse")
            model.fit(x2, y2)
        """,
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [("base.py -> adapt.py", "medium")]


# -- the project's own helpers -------------------------------------------------------------
HELPER_PROJECT = {
    "utils.py": code("""\
        import torch

        def save_checkpoint(model, path):
            torch.save(model.state_dict(), path)
    """),
    "pretrain.py": "import torch\nfrom utils import save_checkpoint\n" + TRAIN_LOOP
                   + "save_checkpoint(model, 'ckpts/encoder.pt')\n",
    "finetune.py": "import torch\nmodel.load_state_dict(torch.load('ckpts/encoder.pt'))\n"
                   + TRAIN_LOOP,
}


def test_a_save_helper_of_another_file_is_followed_with_its_argument(tmp_path):
    assert show(tmp_path, HELPER_PROJECT) == [
        "pretrain.py -> finetune.py  [high] (pretrain.py saves 'ckpts/encoder.pt', "
        "finetune.py loads 'ckpts/encoder.pt')"]


def test_a_project_load_method_tells_the_option_it_reads(tmp_path):
    lines = show(tmp_path, {
        "model.py": """\
            import torch

            class GNN:
                def from_pretrained(self, model_file):
                    self.load_state_dict(torch.load(model_file))
        """,
        "pretrain.py": "import argparse, torch\np = argparse.ArgumentParser()\n"
                       "p.add_argument('--output_model_file', default='')\nargs = p.parse_args()\n"
                       + TRAIN_LOOP
                       + "torch.save(model.state_dict(), args.output_model_file + '.pth')\n",
        "finetune.py": code("""\
            import argparse, torch
            from model import GNN
            p = argparse.ArgumentParser()
            p.add_argument("--input_model_file", default="")
            args = p.parse_args()
            model = GNN()
            if not args.input_model_file == "":
                model.from_pretrained(args.input_model_file)
        """, TRAIN_LOOP),
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("pretrain.py -> finetune.py", "medium")]
    assert "'input_model_file'" in lines[0]


# -- options that take a pretrained checkpoint ---------------------------------------------
def _option_script(option: str, conditional: bool = True) -> str:
    guard = f"if args.{option}:\n    " if conditional else ""
    return (f"import argparse, torch\np = argparse.ArgumentParser()\n"
            f"p.add_argument('--{option}', default='')\n"
            f"p.add_argument('--output_dir', default='')\nargs = p.parse_args()\n"
            f"{guard}model.load_state_dict(torch.load(args.{option}))\n"
            + TRAIN_LOOP
            + "    torch.save(model.state_dict(), f'{args.output_dir}/checkpoint-{epoch}.pth')\n")


PRODUCER = ("import argparse, torch\np = argparse.ArgumentParser()\n"
            "p.add_argument('--output_dir', default='')\nargs = p.parse_args()\n"
            + TRAIN_LOOP
            + "    torch.save(model.state_dict(), f'{args.output_dir}/checkpoint-{epoch}.pth')\n")


def test_a_pretrained_option_with_one_producer_is_medium(tmp_path):
    lines = show(tmp_path, {
        "main_pretrain.py": PRODUCER,
        "main_finetune.py": _option_script("finetune"),
        "evaluate.py": "import argparse, torch\np = argparse.ArgumentParser()\n"
                       "p.add_argument('--checkpoint', default='')\nargs = p.parse_args()\n"
                       "model.load_state_dict(torch.load(args.checkpoint))\nmodel.eval()\n",
        "utils.py": "import torch\n\ndef step(opt):\n    opt.step()\n",
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("main_pretrain.py -> main_finetune.py", "medium")]
    assert "'finetune'" in lines[0] and "only other script" in lines[0]


def test_several_producers_are_low_and_listed_only(tmp_path, run_cli):
    lines = show(tmp_path, {
        "pretrain_masking.py": PRODUCER,
        "pretrain_contrastive.py": PRODUCER,
        "finetune.py": _option_script("pretrained"),
    })
    assert sorted(lines) == [
        f"{name} -> finetune.py  [low, not linted] (finetune.py reads its checkpoint from "
        f"'pretrained' (no default); {name} is one of 2 scripts that train and save checkpoints)"
        for name in ("pretrain_contrastive.py", "pretrain_masking.py")]


def test_a_low_link_is_not_linted_unless_config_confirms_it(tmp_path, run_cli):
    pretrain = PRODUCER.replace("lr=1e-3", "lr=1e-4")
    finetune = _option_script("pretrained").replace("lr=1e-3", "lr=1e-2")  # 100x: FT401
    write(tmp_path, {"pretrain_a.py": pretrain, "pretrain_b.py": pretrain,
                     "finetune.py": finetune})
    done = run_cli("--output-format", "json", cwd=tmp_path)
    assert "FT401" not in {f["code"] for f in json.loads(done.stdout)}
    (tmp_path / "pyproject.toml").write_text(
        '[[tool.ftlint.pairs]]\npretrain = "pretrain_a.py"\nfinetune = "finetune.py"\n')
    done = run_cli("--output-format", "json", cwd=tmp_path)
    assert "FT401" in {f["code"] for f in json.loads(done.stdout)}
    shown = run_cli("--show-pairs", cwd=tmp_path).stdout
    assert "pretrain_a.py -> finetune.py  [configured]" in shown
    assert "pretrain_b.py -> finetune.py  [low, not linted]" in shown


def test_a_readme_that_names_both_supports_a_low_link(tmp_path):
    lines = show(tmp_path, {
        "pretrain_masking.py": PRODUCER,
        "pretrain_contrastive.py": PRODUCER,
        "finetune.py": _option_script("pretrained"),
        "README.md": "## Pretraining\n\n    python pretrain_masking.py --output_dir out\n\n"
                     "## Fine-tuning\n\n    python finetune.py --pretrained out/checkpoint-99.pth\n"
                     "\n`pretrain_contrastive.py` is an older experiment.\n",
    })
    assert sorted((pair_of(x), confidence_of(x)) for x in lines) == [
        ("pretrain_contrastive.py -> finetune.py", "low, not linted"),
        ("pretrain_masking.py -> finetune.py", "medium")]
    assert "README.md runs finetune.py after pretrain_masking.py" in lines[1]


def test_a_readme_that_only_lists_scripts_supports_nothing(tmp_path):
    lines = show(tmp_path, {
        "pretrain_masking.py": PRODUCER,
        "pretrain_contrastive.py": PRODUCER,
        "finetune.py": _option_script("pretrained"),
        "README.md": "Scripts: pretrain_masking.py, pretrain_contrastive.py, finetune.py.\n"
                     "Run `python finetune.py --pretrained PATH`.\n",
    })
    assert {confidence_of(x) for x in lines} == {"low, not linted"}


def test_a_readme_mention_alone_links_nothing(tmp_path):
    assert show(tmp_path, {
        "main.py": "import torch\n" + TRAIN_LOOP,
        "linear.py": "import torch\n" + TRAIN_LOOP,
        "README.md": "After pretraining with main.py, run linear.py on its checkpoint.\n",
    }) == []


def test_the_script_that_always_loads_is_the_fine_tuning_side(tmp_path):
    """Both scripts take --pretrained; the pretraining one only as an optional warm start."""
    lines = show(tmp_path, {
        "main_pretrain.py": _option_script("pretrained_model", conditional=True),
        "main_linear.py": _option_script("pretrained_model", conditional=False),
    })
    assert [pair_of(x) for x in lines] == ["main_pretrain.py -> main_linear.py"]


def test_a_resume_option_reads_the_scripts_own_run(tmp_path):
    assert show(tmp_path, {
        "pretrain.py": _option_script("resume"),
        "finetune.py": PRODUCER,
    }) == []


def test_a_launcher_is_not_a_partner(tmp_path):
    lines = show(tmp_path, {
        "main_pretrain.py": PRODUCER,
        "main_finetune.py": "def main(args):\n" + textwrap.indent(_option_script("finetune"), "    ")
                            + "\nif __name__ == '__main__':\n    main(None)\n",
        "submit_finetune.py": "import main_finetune\n\nif __name__ == '__main__':\n"
                              "    main_finetune.main(None)\n",
    })
    assert [pair_of(x) for x in lines] == ["main_pretrain.py -> main_finetune.py"]


# -- what never links ----------------------------------------------------------------------
def test_an_evaluation_script_is_not_a_fine_tuning_partner(tmp_path):
    load = "import torch\nmodel.load_state_dict(torch.load('ckpts/encoder.pt'))\n"
    assert [pair_of(x) for x in show(tmp_path, {
        "pretrain.py": "import torch\n" + TRAIN_LOOP + "torch.save(model, 'ckpts/encoder.pt')\n",
        "finetune.py": load + TRAIN_LOOP,
        "evaluate.py": load + "model.eval()\nprint(model(x).argmax())\n",
        "predict.py": load + "with torch.no_grad():\n    print(model(batch))\n",
    })] == ["pretrain.py -> finetune.py"]


def test_an_empty_path_links_nothing(tmp_path):
    assert show(tmp_path, {
        "train.py": "import argparse, torch\np = argparse.ArgumentParser()\n"
                    "p.add_argument('--save_to', default='')\nargs = p.parse_args()\n"
                    + TRAIN_LOOP + "torch.save(model, args.save_to)\n",
        "tune.py": "import argparse, torch\np = argparse.ArgumentParser()\n"
                   "p.add_argument('--source', default='')\nargs = p.parse_args()\n"
                   "model = torch.load(args.source)\n" + TRAIN_LOOP,
    }) == []


# -- the pre-commit hook and the language server use the same links ------------------------
def test_the_hook_finds_the_producer_of_a_staged_fine_tuning_script(tmp_path, monkeypatch):
    write(tmp_path, {"main_pretrain.py": PRODUCER, "main_finetune.py": _option_script("finetune"),
                     "notes.py": "print('unrelated')\n"})
    monkeypatch.chdir(tmp_path)
    plan, _ = project.hook_plan(["main_finetune.py"], load_config(tmp_path))
    assert [(link.pretrain, link.finetune, link.confidence) for link in plan.pairs] == [
        ("main_pretrain.py", "main_finetune.py", "medium")]


def test_the_language_server_pairs_only_what_is_linted(tmp_path):
    from ftlint.lsp.analysis import Analyzer
    from ftlint.pairing import discover

    write(tmp_path, {"pretrain_a.py": PRODUCER, "pretrain_b.py": PRODUCER,
                     "finetune.py": _option_script("pretrained"), "solo_pretrain.py": PRODUCER})
    analyzer = Analyzer(log=lambda message: None)
    finetune = str(tmp_path / "finetune.py")
    analyzer.open_document(finetune, (tmp_path / "finetune.py").read_text())
    config = load_config(tmp_path)
    files = sorted(str(path) for path in tmp_path.glob("*.py"))
    found = discover(files, config, analyzer.workspace)
    assert sorted(link.confidence for link in found) == ["low"] * 3  # three producers
    assert analyzer.links([finetune], config) == []


def test_among_several_producers_the_one_named_as_pretraining_is_medium(tmp_path):
    lines = show(tmp_path, {
        "run_pretraining.py": PRODUCER,
        "run_distill.py": PRODUCER,
        "run_classifier.py": _option_script("init_checkpoint", conditional=False),
    })
    assert sorted((pair_of(x), confidence_of(x)) for x in lines) == [
        ("run_distill.py -> run_classifier.py", "low, not linted"),
        ("run_pretraining.py -> run_classifier.py", "medium")]


def test_a_helper_called_twice_still_names_the_option_it_loads(tmp_path):
    lines = show(tmp_path, {
        "pretrain.py": PRODUCER,
        "squad.py": code("""\
            import argparse, torch
            p = argparse.ArgumentParser()
            p.add_argument("--init_checkpoint")
            args = p.parse_args()

            def build(init_checkpoint):
                if init_checkpoint is not None:
                    model.load_state_dict(torch.load(init_checkpoint))
                return model

            predictor = build(None)
            model = build(args.init_checkpoint)
        """, TRAIN_LOOP),
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [("pretrain.py -> squad.py", "medium")]
