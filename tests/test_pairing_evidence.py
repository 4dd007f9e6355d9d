"""What pairing reads besides a literal path (issue 12, the holdout corpus's lessons): the
commands the docs run, a package's re-exports, a helper's `args.x`, Lightning's and
tensorpack's own checkpoint folders, and what a save writes (a model or data). Each test
names the part of the model of the program it exercises."""

from __future__ import annotations

from pathlib import Path

from test_pairing import PRODUCER, TRAIN_LOOP, _option_script, code, confidence_of, pair_of, show

from ftlint import project
from ftlint.config import load_config
from ftlint.doc_commands import document_runs, runs_before

PRETRAINED = frozenset({"pretrained"})


# -- doc_commands: a document as the commands it runs, in order ---------------------------
def test_a_launcher_module_runs_the_script_after_it():
    runs = document_runs({"README.md": "python -m torch.distributed.launch --nproc_per_node=2 "
                                       "main_nce.py --net s3d\n"})["README.md"]
    assert [(r.script, sorted(r.flags)) for r in runs] == [("main_nce.py", ["net"])]


def test_a_shell_script_runs_its_commands_at_the_line_that_calls_it_with_its_flags():
    """`bash ./run_"$mode".sh --pretrained X` reaches `python finetune.py $@` inside it."""
    docs = {"README.md": "python pretrain.py\n\nsee scripts/submit.sh\n",
            "scripts/submit.sh": 'bash ./run_"$mode"_finetune.sh --pretrained out/a.pt\n',
            "src/run_base_finetune.sh": "python finetune.py $@\n"}
    runs = document_runs(docs)["README.md"]
    assert [(r.position, r.script) for r in runs] == [(0, "pretrain.py"), (2, "finetune.py")]
    assert runs_before(runs, "pretrain.py", "finetune.py", PRETRAINED)
    assert not runs_before(runs, "finetune.py", "pretrain.py", PRETRAINED)


def test_a_commented_out_command_is_not_run():
    runs = document_runs({"run.sh": "# python pretrain.py\npython finetune.py --pretrained x\n"})
    assert [r.script for r in runs["run.sh"]] == ["finetune.py"]


def test_the_order_is_that_of_the_first_runs():
    """A README that fine-tunes first and pretrains in a later section tells no order."""
    runs = document_runs({"README.md": "python finetune.py --pretrained a\npython pretrain.py\n"
                                       "python finetune.py --pretrained b\n"})["README.md"]
    assert not runs_before(runs, "pretrain.py", "finetune.py", PRETRAINED)


# -- pairing with the docs' support ---------------------------------------------------------
def test_a_run_script_at_the_project_root_supports_a_link_in_a_subfolder(tmp_path):
    """Docs are read from the project root too: `scripts/*.sh` runs the code of `src/`."""
    (tmp_path / "pyproject.toml").write_text("[tool.ftlint]\n")
    files = {"src/pretrain_masking.py": PRODUCER, "src/pretrain_contrastive.py": PRODUCER,
             "src/finetune.py": _option_script("pretrained"),
             "scripts/pretrain.sh": "cd src\npython pretrain_masking.py --output_dir out\n",
             "scripts/finetune.sh": "cd src\npython finetune.py --pretrained out/checkpoint-9.pth\n",
             "README.md": "1. scripts/pretrain.sh\n2. scripts/finetune.sh\n"}
    lines = _show_folder(tmp_path, files, "src")
    assert sorted((pair_of(x), confidence_of(x)) for x in lines) == [
        ("src/pretrain_contrastive.py -> src/finetune.py", "low, not linted"),
        ("src/pretrain_masking.py -> src/finetune.py", "medium")]


def test_a_script_name_two_folders_share_is_the_one_beside_its_partner(tmp_path):
    """`python finetune.py` in a README above chem/ and bio/ names neither folder's file:
    it supports only the pair inside one folder."""
    files = {"README.md": "python pretrain_graph.py\n./finetune.sh\n"}
    for folder in ("chem", "bio"):
        files |= {f"{folder}/pretrain_graph.py": PRODUCER, f"{folder}/pretrain_other.py": PRODUCER,
                  f"{folder}/finetune.py": _option_script("pretrained"),
                  f"{folder}/finetune.sh": "python finetune.py --pretrained m.pth\n"}
    medium = sorted(pair_of(x) for x in show(tmp_path, files) if confidence_of(x) == "medium")
    assert medium == ["bio/pretrain_graph.py -> bio/finetune.py",
                      "chem/pretrain_graph.py -> chem/finetune.py"]


def test_two_consumers_of_one_pretraining_script_are_not_chained_by_the_docs(tmp_path):
    """Fine-tuning and linear probing both start from the pretrained checkpoint: a doc that
    shows fine-tuning before probing describes two steps, not one feeding the other."""
    lines = show(tmp_path, {
        "main_pretrain.py": PRODUCER,
        "main_finetune.py": _option_script("finetune", conditional=False),
        "main_linprobe.py": _option_script("finetune", conditional=False),
        "FINETUNE.md": "python main_finetune.py --finetune pre.pth\n"
                       "python main_linprobe.py --finetune pre.pth\n",
    })
    linted = sorted(pair_of(x) for x in lines if "not linted" not in x)
    assert linted == ["main_pretrain.py -> main_finetune.py", "main_pretrain.py -> main_linprobe.py"]


def test_the_docs_order_two_scripts_that_both_take_a_checkpoint(tmp_path):
    """Neither is named as pretraining and both take --pretrain: the README's order says
    which feeds which (CoCLR-style chains)."""
    lines = show(tmp_path, {
        "main_nce.py": _option_script("pretrain"),
        "main_coclr.py": _option_script("pretrain"),
        "README.md": "python main_nce.py --net s3d\n\npython main_coclr.py --pretrain nce.pth\n",
    })
    assert sorted((pair_of(x), confidence_of(x)) for x in lines) == [
        ("main_coclr.py -> main_nce.py", "low, not linted"),
        ("main_nce.py -> main_coclr.py", "medium")]


def test_a_readme_edit_invalidates_the_cached_pairs(tmp_path, run_cli):
    """The docs pairing read are inputs of the cached result."""
    (tmp_path / "pyproject.toml").write_text("[tool.ftlint]\n")
    write_files(tmp_path, {
        "pretrain_a.py": PRODUCER.replace("lr=1e-3", "lr=1e-4"),
        "pretrain_b.py": PRODUCER,
        "finetune.py": _option_script("pretrained").replace("lr=1e-3", "lr=1e-2"),
        "README.md": "nothing to run\n"})
    first = run_cli("--output-format", "json", cwd=tmp_path)
    assert "FT401" not in first.stdout
    (tmp_path / "README.md").write_text("python pretrain_a.py\npython finetune.py --pretrained x\n")
    second = run_cli("--output-format", "json", cwd=tmp_path)
    assert "FT401" in second.stdout


# -- the code: imports, helpers, frameworks, what is saved ----------------------------------
def test_a_helper_reexported_by_a_package_is_followed(tmp_path):
    """Cross-file following: `from evaluate import save_checkpoint` where evaluate/ is the
    project's package (shadowing the `evaluate` library) that star-imports its modules;
    the helper's `args.filename` is bound to the calling script's option."""
    lines = show(tmp_path, {
        "evaluate/__init__.py": "from .checkpoint import *\nfrom .probe import *\n",
        "evaluate/checkpoint.py": """\
            import os, torch

            def save_checkpoint(net, args):
                torch.save({'net': net.state_dict()}, os.path.join('./checkpoint', args.filename))
        """,
        "evaluate/probe.py": "def train_probe(optimizer):\n    optimizer.step()\n",
        "simclr.py": code("""\
            import argparse, torch
            from evaluate import save_checkpoint
            p = argparse.ArgumentParser()
            p.add_argument('--filename', default='ckpt.pth')
            args = p.parse_args()
        """, TRAIN_LOOP, "save_checkpoint(model, args)\n"),
        "linear.py": """\
            import argparse, os, torch
            from evaluate import train_probe
            p = argparse.ArgumentParser()
            p.add_argument('--load-from', default='ckpt.pth')
            args = p.parse_args()
            state = torch.load(os.path.join('./checkpoint', args.load_from))
            train_probe(torch.optim.LBFGS(clf.parameters()))
        """,
    })
    assert lines == ["simclr.py -> linear.py  [high] (simclr.py saves './checkpoint/ckpt.pth', "
                     "linear.py loads './checkpoint/ckpt.pth')"]


def test_a_format_pattern_and_a_weights_option_by_its_ending(tmp_path):
    """Path templates: `'f_{}.h5'.format(epoch)` keeps its field as a hole; an option named
    `--encoder_weights` takes a pretrained checkpoint; str() of an empty option is no path."""
    lines = show(tmp_path, {
        "pretraining.py": code("import tensorflow as tf\n", TRAIN_LOOP,
                               "    f.save_weights('f_online_{}.h5'.format(epoch + 1))\n"),
        "linearevaluation.py": code("""\
            import argparse
            p = argparse.ArgumentParser()
            p.add_argument('--encoder_weights', type=str)
            args = p.parse_args()
            f.load_weights(str(args.encoder_weights))
        """, TRAIN_LOOP),
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("pretraining.py -> linearevaluation.py", "medium")]
    assert "'encoder_weights'" in lines[0]


def test_lightning_writes_under_the_trainers_root_folder(tmp_path):
    """Framework knowledge: ModelCheckpoint without dirpath saves in
    {default_root_dir}/lightning_logs/version_N/checkpoints/epoch=E-step=S.ckpt."""
    trainer = """\
        import lightning as L
        from lightning.pytorch.callbacks import ModelCheckpoint
        ckpt = ModelCheckpoint(monitor='val_loss', save_last=True)
        trainer = L.Trainer(callbacks=[ckpt], default_root_dir={root!r})
        trainer.fit(module, datamodule=data)
    """
    lines = show(tmp_path, {
        "train_simclr.py": trainer.format(root="./out/simclr"),
        "finetune_simclr.py": code("""\
            import argparse
            p = argparse.ArgumentParser()
            p.add_argument('--simclr_model', default='./out/simclr/lightning_logs/'
                                                     'version_5/checkpoints/epoch=152-step=29835.ckpt')
            args = p.parse_args()
            backbone = SimCLR.load_from_checkpoint(args.simclr_model)
        """, trainer.format(root="./out/finetune")),
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("train_simclr.py -> finetune_simclr.py", "high")]


def test_tensorpack_saver_and_restore(tmp_path):
    """Framework knowledge: tensorpack's ModelSaver callback saves, SaverRestore loads."""
    lines = show(tmp_path, {
        "main_moco.py": code("""\
            from tensorpack.callbacks import ModelSaver
            config = TrainConfig(callbacks=[ModelSaver()])
        """, TRAIN_LOOP),
        "main_lincls.py": code("""\
            import argparse
            from tensorpack.callbacks import ModelSaver
            from tensorpack.tfutils import SaverRestore
            p = argparse.ArgumentParser()
            p.add_argument('--load', required=True)
            args = p.parse_args()
            config = TrainConfig(callbacks=[ModelSaver()], session_init=SaverRestore(args.load))
        """, TRAIN_LOOP),
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("main_moco.py -> main_lincls.py", "medium")]


def test_scripts_that_reload_their_own_literal_checkpoint_are_nobodys_partner(tmp_path):
    """A script that saves 'checkpoint.pt' and loads 'checkpoint.pt' reads its own output;
    another script writing the same name is no evidence (three such scripts, no pair)."""
    script = code("import torch\n", TRAIN_LOOP, """\
        if args.save_model:
            torch.save(model.state_dict(), "checkpoint.pt")
        if args.load_model:
            model.load_state_dict(torch.load("checkpoint.pt"))
    """)
    assert show(tmp_path, {"main_graph.py": script, "main_inductive.py": script,
                           "main_transductive.py": script}) == []


def test_a_file_name_every_script_writes_names_the_pretraining_one_only(tmp_path):
    """Several scripts write `{}/pytorch_model.bin` under a run-time folder: of those, the
    one named as pretraining is the partner; the others are listed."""
    options = "import argparse, os, torch\np = argparse.ArgumentParser()\n"
    writer = code(options, "p.add_argument('--output_dir', required=True)\n",
                  "args = p.parse_args()\n", TRAIN_LOOP, """\
        torch.save(model.state_dict(), os.path.join(args.output_dir, "pytorch_model.bin"))
    """)
    reader = code(options, "p.add_argument('--ernie_model', required=True)\n",
                  "args = p.parse_args()\n", """\
        model.load_state_dict(torch.load(os.path.join(args.ernie_model, "pytorch_model.bin")))
    """, TRAIN_LOOP)
    lines = show(tmp_path, {"run_pretrain.py": writer, "run_fewrel.py": writer,
                            "run_typing.py": reader})
    assert sorted((pair_of(x), confidence_of(x)) for x in lines) == [
        ("run_fewrel.py -> run_typing.py", "low, not linted"),
        ("run_pretrain.py -> run_typing.py", "medium")]


def test_saved_features_are_data_not_a_checkpoint(tmp_path):
    """What a save writes: a tensor built by torch.zeros (features) or a tuple of data is
    not a checkpoint, so a script that loads those features is not a fine-tuning partner."""
    lines = show(tmp_path, {
        "extract.py": code("import torch\n", TRAIN_LOOP, """\
            feats = torch.zeros(10, 128)
            torch.save(feats, "features/train_feature.pt")
            torch.save((data, slices), "features/cache.pt")
        """),
        "probe.py": code("""\
            import torch
            feats = torch.load("features/train_feature.pt")
            cache = torch.load("features/cache.pt")
        """, TRAIN_LOOP),
    })
    assert lines == []


def write_files(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _show_folder(root: Path, files: dict[str, str], sub: str) -> list[str]:
    """--show-pairs lines for a subfolder of a project with a pyproject.toml at `root`."""
    write_files(root, files)
    config = load_config(root)
    found = project.project_files([root / sub], config)
    workspace = project.analyse(found, config, workers=1)
    plan = project.project_plan(found, config, workspace)
    return [line.replace(str(root) + "/", "") for line in project.describe_plan(plan, str)
            if " -> " in line]


def test_a_star_import_of_a_project_module_binds_what_it_imports(tmp_path):
    """Cross-file names: `from lib.data import *` brings lib/data.py's `import torch`, so
    `torch.save(..., args.pretrain_model_dir)` is a torch save; both scripts read that one
    specific option (its default differs), and each folder's pair stays in its folder."""
    files = {}
    for folder in ("example_oag", "example_reddit"):
        options = ("import argparse\nfrom lib.data import *\np = argparse.ArgumentParser()\n"
                   f"p.add_argument('--pretrain_model_dir', default='/models/{folder}')\n"
                   "args = p.parse_args()\n")
        files |= {
            f"{folder}/lib/__init__.py": "",
            f"{folder}/lib/data.py": "import torch\nimport torch.nn as nn\n",
            f"{folder}/pretrain.py": code(options, TRAIN_LOOP,
                                          "torch.save(model.state_dict(), args.pretrain_model_dir)\n"),
            f"{folder}/finetune.py": code(options, "model.load_state_dict(torch.load("
                                          "args.pretrain_model_dir), strict=False)\n", TRAIN_LOOP),
        }
    lines = show(tmp_path, files)
    assert sorted(pair_of(x) for x in lines) == [
        "example_oag/pretrain.py -> example_oag/finetune.py",
        "example_reddit/pretrain.py -> example_reddit/finetune.py"]


def test_continued_pretraining_and_an_option_known_by_its_help(tmp_path):
    """A pretraining script that itself starts from BERT's checkpoint (`--bert_model`,
    required) still produces the checkpoint the fine-tuning script's `--ernie_model` reads:
    an option is a pretrained checkpoint by its name or by its help text."""
    def script(option: str, help_text: str) -> str:
        return code(f"""\
            import argparse, torch
            p = argparse.ArgumentParser()
            p.add_argument("--{option}", required=True, type=str, help="{help_text}")
            p.add_argument("--output_dir", required=True)
            args = p.parse_args()
            model = Bert.from_pretrained(args.{option})
        """, TRAIN_LOOP, "torch.save(model.state_dict(), args.output_dir + '/model.bin')\n")
    lines = show(tmp_path, {"run_pretrain.py": script("bert_model", "Bert pre-trained model"),
                            "run_fewrel.py": script("ernie_model", "Ernie pre-trained model"),
                            "bert.py": "class Bert:\n    pass\n"})
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("run_pretrain.py -> run_fewrel.py", "medium")]


def test_training_behind_a_table_of_trainer_classes_counts(tmp_path):
    """Cross-file closure: `trainer.run(args)` -> `worker` reads the module-level table
    `TRAINERS = {"mlm": MlmTrainer}`, whose class steps the optimizer and saves: the
    script trains and saves through that module."""
    lines = show(tmp_path, {
        "lib/__init__.py": "",
        "lib/trainer.py": """\
            import torch

            class MlmTrainer:
                def train(self, args, model, optimizer):
                    loss = model().mean()
                    loss.backward()
                    optimizer.step()
                    torch.save(model.state_dict(), args.output_model_path)

            TRAINERS = {"mlm": MlmTrainer}

            def worker(args, model, optimizer):
                TRAINERS[args.target](args).train(args, model, optimizer)

            def run(args):
                worker(args, None, None)
        """,
        "pretrain.py": """\
            import argparse
            import lib.trainer as trainer
            p = argparse.ArgumentParser()
            p.add_argument("--output_model_path", default="models/model.bin")

            if __name__ == "__main__":
                trainer.run(p.parse_args())
        """,
        "finetune.py": code("""\
            import argparse, torch
            p = argparse.ArgumentParser()
            p.add_argument("--pretrained_model_path", default=None)
            args = p.parse_args()
            model.load_state_dict(torch.load(args.pretrained_model_path))
        """, TRAIN_LOOP),
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("pretrain.py -> finetune.py", "medium")]


def test_a_tensorflow_saver_saves_its_second_argument(tmp_path):
    """Framework knowledge: `saver.save(sess, path)` and `tf.train.init_from_checkpoint`."""
    lines = show(tmp_path, {
        "train_gpu.py": code("""\
            import tensorflow as tf
            saver = tf.train.Saver()
        """, TRAIN_LOOP, "    saver.save(sess, 'out/model.ckpt')\n"),
        "run_classifier.py": code("""\
            import tensorflow as tf
            tf.train.init_from_checkpoint('out/model.ckpt', assignment_map)
        """, TRAIN_LOOP),
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("train_gpu.py -> run_classifier.py", "high")]


def test_a_dataset_name_in_two_paths_ties_no_checkpoint(tmp_path):
    """Option keys that tie two scripts must name a file (`pretext_model`), not fill one
    (`dataset`): both scripts build `{dataset}_*.pth` paths of their own."""
    options = ("import argparse, torch\np = argparse.ArgumentParser()\n"
               "p.add_argument('--dataset', default='ucf101')\nargs = p.parse_args()\n")
    assert show(tmp_path, {
        "extract.py": code(options, TRAIN_LOOP,
                           "torch.save(sim, '%s_sim.pth.tar' % args.dataset)\n"),
        "probe.py": code(options, "model.load_state_dict(torch.load("
                         "'runs/%s_best.pth.tar' % args.dataset))\n", TRAIN_LOOP),
    }) == []


def test_the_language_server_reads_the_same_docs(tmp_path):
    """One engine: the editor links a pair the README supports, as the command line does."""
    from ftlint.lsp.analysis import Analyzer

    write_files(tmp_path, {
        "pretrain_masking.py": PRODUCER, "pretrain_contrastive.py": PRODUCER,
        "finetune.py": _option_script("pretrained"),
        "README.md": "python pretrain_masking.py --output_dir out\n"
                     "python finetune.py --pretrained out/checkpoint-9.pth\n"})
    cli = [pair_of(x) for x in _show_folder(tmp_path, {}, ".") if "not linted" not in x]
    analyzer = Analyzer(log=lambda message: None)
    finetune = str(tmp_path / "finetune.py")
    analyzer.open_document(finetune, (tmp_path / "finetune.py").read_text())
    links = analyzer.links([finetune], load_config(tmp_path), scan=True)
    assert [f"{Path(a.pretrain).name} -> {Path(a.finetune).name}" for a in links] == \
        ["pretrain_masking.py -> finetune.py"] == [x.replace("./", "") for x in cli]


def test_compile_without_fit_and_an_unused_optimizer_train_nothing(tmp_path):
    """What training is: a step or a fit runs. `model.compile(optimizer="adam")` then
    evaluate(), or an Adam built and never handed on, only evaluates; an optimizer passed to
    code ftlint cannot read (`train_one_epoch(model, opt)`) may be stepped there."""
    train = code("import tensorflow as tf\n", TRAIN_LOOP, "model.save('models/final')\n")
    lines = show(tmp_path, {
        "train.py": train,
        "eval.py": "import tensorflow as tf\nmodel = tf.keras.models.load_model('models/final')\n"
                   "model.compile(optimizer='adam', loss='mse')\nmodel.evaluate(x, y)\n",
        "knn.py": "import torch\nmodel.load_state_dict(torch.load('models/final'))\n"
                  "optimizer = torch.optim.Adam(model.parameters())\nscore = evaluate(model)\n",
        "tune.py": "import torch\nmodel.load_state_dict(torch.load('models/final'))\n"
                   "optimizer = torch.optim.Adam(model.parameters())\n"
                   "train_one_epoch(model, optimizer)\n",
    })
    assert [pair_of(x) for x in lines] == ["train.py -> tune.py"]


def test_a_key_the_loader_also_saves_under_another_name_is_no_resume(tmp_path):
    """Both scripts take `--checkpoint_name`; the classifier writes `linear_<name>` beside
    the `<name>` it loads: another file, so the shared key still links the two."""
    options = ("import argparse, os, torch\np = argparse.ArgumentParser()\n"
               "p.add_argument('--checkpoint_dir', default='ckpt')\n"
               "p.add_argument('--checkpoint_name', required=True)\nargs = p.parse_args()\n")
    lines = show(tmp_path, {
        "pretrainer.py": code(options, TRAIN_LOOP, "torch.save(model.state_dict(), os.path.join("
                              "args.checkpoint_dir, args.checkpoint_name))\n"),
        "classifier.py": code(options, "state = torch.load(os.path.join(args.checkpoint_dir, "
                              "args.checkpoint_name))\n", TRAIN_LOOP,
                              "torch.save(head.state_dict(), os.path.join(args.checkpoint_dir, "
                              "'linear_' + args.checkpoint_name))\n"),
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("pretrainer.py -> classifier.py", "medium")]


def test_a_hub_or_path_option_alone_does_not_say_which_script(tmp_path):
    """`--model_name_or_path` names a hub model as often as a local folder: one other script
    that trains and saves is no evidence that it made this one's start point."""
    lines = show(tmp_path, {
        "train.py": PRODUCER,
        "run_mlm.py": _option_script("model_name_or_path"),
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("train.py -> run_mlm.py", "low, not linted")]


def test_tensorpack_training_is_training(tmp_path):
    """Framework knowledge: launch_train_with_config runs the ModelDesc's optimizer."""
    lines = show(tmp_path, {
        "main_moco.py": "from tensorpack import ModelSaver, launch_train_with_config\n"
                        "config = TrainConfig(callbacks=[ModelSaver()])\n"
                        "launch_train_with_config(config, trainer)\n",
        "main_lincls.py": "import argparse\nfrom tensorpack import SaverRestore, "
                          "launch_train_with_config\np = argparse.ArgumentParser()\n"
                          "p.add_argument('--load', required=True)\nargs = p.parse_args()\n"
                          "config = TrainConfig(session_init=SaverRestore(args.load))\n"
                          "launch_train_with_config(config, trainer)\n",
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("main_moco.py -> main_lincls.py", "medium")]


def test_a_hub_or_path_option_with_a_producer_named_as_pretraining(tmp_path):
    """The one other producer is named as pretraining: that name is the missing clue."""
    lines = show(tmp_path, {
        "pretrainer.py": PRODUCER,
        "run_glue.py": _option_script("model_name_or_path"),
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("pretrainer.py -> run_glue.py", "medium")]


# -- holdout 2's lessons: what a fit learns, fastai's learner, the docs' option values ------
KNN_EVAL = ("import argparse, torch\nfrom sklearn.neighbors import KNeighborsClassifier\n"
            "p = argparse.ArgumentParser()\np.add_argument('--pretrained', default='')\n"
            "args = p.parse_args()\nmodel.load_state_dict(torch.load(args.pretrained))\n"
            "optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)\nprint(optimizer)\n"
            "knn = KNeighborsClassifier(n_neighbors=5)\nknn.fit(model(x), y)\n")


def test_a_knn_fit_on_pretrained_features_trains_nothing(tmp_path):
    """Training: a kNN's fit stores the samples and learns no parameter, and printing an
    optimizer steps nothing, so a kNN evaluation is not a fine-tuning partner; a logistic
    regression fitted on the same features is (a linear probe)."""
    probe = KNN_EVAL.replace("sklearn.neighbors import KNeighborsClassifier",
                             "sklearn.linear_model import LogisticRegression").replace(
        "KNeighborsClassifier(n_neighbors=5)", "LogisticRegression()")
    assert show(tmp_path / "a", {"pretrain.py": PRODUCER, "knn.py": KNN_EVAL}) == []
    lines = show(tmp_path / "b", {"pretrain.py": PRODUCER, "probe.py": probe})
    assert [pair_of(x) for x in lines] == ["pretrain.py -> probe.py"]


def test_fastai_learners_train_and_hand_over_their_encoder(tmp_path):
    """Framework knowledge: fastai's fit_one_cycle trains a learner built by a project helper,
    and save_encoder / load_encoder is ULMFiT's hand-over from the language model to the
    classifier."""
    lines = show(tmp_path, {
        "finetune_lm.py": "from utils import lm_learner\nlearner = lm_learner(data)\n"
                          "learner.fit_one_cycle(1, 1e-3)\n"
                          "learner.save_encoder('lm_finetuned_encoder')\n",
        "train_clas.py": "from utils import clas_learner\nlearner = clas_learner(data)\n"
                         "learner.load_encoder('lm_finetuned_encoder')\n"
                         "learner.fit_one_cycle(1, 1e-3)\n",
        "utils.py": "def lm_learner(data):\n    pass\n\ndef clas_learner(data):\n    pass\n",
    })
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("finetune_lm.py -> train_clas.py", "high")]


def test_a_run_script_gives_the_folder_a_required_option_saves_to(tmp_path):
    """Docs as command lines: `--output_dir=pretrained/` written in a run script is the folder
    the producer saves to, and the fine-tuning script loads that literal folder (behind a
    boolean flag): a link from the code with the docs' value, medium, never high."""
    producer = ("import argparse, torch\np = argparse.ArgumentParser()\n"
                "p.add_argument('--output_dir', required=True)\nargs = p.parse_args()\n"
                + TRAIN_LOOP + "model.save_pretrained(args.output_dir)\n")
    loader = ("import argparse\nfrom transformers import AutoModel\n"
              "p = argparse.ArgumentParser()\np.add_argument('-p', '--pretrain', "
              "action='store_true')\nargs = p.parse_args()\nif args.pretrain:\n"
              "    model = AutoModel.from_pretrained('pretrained/')\nelse:\n"
              "    model = AutoModel.from_pretrained('distilbert-base-uncased')\n" + TRAIN_LOOP)
    files = {"run_language_modeling.py": producer, "train.py": loader}
    assert [confidence_of(x) for x in show(tmp_path / "a", files)
            if pair_of(x) == "run_language_modeling.py -> train.py"] != ["medium"]
    files["pretrain.sh"] = "python run_language_modeling.py --output_dir=pretrained/ --mlm\n"
    lines = show(tmp_path / "b", files)
    assert ("run_language_modeling.py -> train.py", "medium") in [
        (pair_of(x), confidence_of(x)) for x in lines]
    assert any("pretrain.sh gives --output_dir pretrained/" in x for x in lines)


def test_each_documented_run_keeps_its_own_values():
    """Two runs with two output folders are two runs; a shell variable is no value."""
    from ftlint.doc_commands import documented_values

    runs = document_runs({"run.sh": "python pretrain.py --output_dir a/ --lr 1e-3\n"
                                    "python pretrain.py --output_dir b/ --lr 1e-3\n"
                                    "python pretrain.py --output_dir $OUT\n"})
    assert documented_values(runs, "pretrain.py") == [
        ({"output_dir": "a/", "lr": "1e-3"}, "run.sh"), ({"output_dir": "b/", "lr": "1e-3"}, "run.sh")]


# -- holdout 3's lessons ----------------------------------------------------------------------
def test_each_documented_run_replaces_an_options_default_in_its_paths(tmp_path):
    """Docs as command lines, one run at a time: `run_lm.py --save_model_name=lm2.pdparams`
    then `run_cls.py --pre_train=lm2.pdparams` (the defaults name other files); the
    classifier's own save in that run is another file, so it is no reload of its own."""
    def script(load_default: str, save_default: str) -> str:
        return ("import argparse, paddle\np = argparse.ArgumentParser()\n"
                f"p.add_argument('--pre_train', default='{load_default}')\n"
                f"p.add_argument('--save_model_name', default='{save_default}')\n"
                "args = p.parse_args()\n\n"
                "def train(save_model_name, pre_train):\n"
                "    model.set_state_dict(paddle.load(pre_train))\n"
                "    opt = paddle.optimizer.Adam(parameters=model.parameters())\n"
                "    loss.backward()\n    opt.step()\n"
                "    paddle.save(model.state_dict(), save_model_name)\n\n"
                "train(args.save_model_name, args.pre_train)\n")
    files = {"run_lm.py": script("converted.pdparams", "lm2.pdparams"),
             "run_cls.py": script("converted.pdparams", "lm2.pdparams")}
    assert [x for x in show(tmp_path / "a", files) if "[medium]" in x or "[high]" in x] == []
    files["run.sh"] = ("python run_lm.py --save_model_name=lm2.pdparams\n"
                       "python run_cls.py --pre_train=lm2.pdparams --save_model_name=cls.pdparams\n")
    lines = show(tmp_path / "b", files)
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [("run_lm.py -> run_cls.py", "medium")]


def test_a_trainer_methods_path_is_bound_at_its_calls_in_the_script(tmp_path):
    """Objects across files: `trainer.save(path)` / `trainer.load(path)` on a class of
    trainers.py bind the method's parameter at each call; two loads with two paths are two
    loads; `epoch + 1` in an f-string is a number's hole, not text."""
    trainers = ("import torch\n\nclass Trainer:\n    def save(self, file_name):\n"
                "        torch.save(self.model.state_dict(), file_name)\n\n"
                "    def load(self, file_name):\n"
                "        self.model.load_state_dict(torch.load(file_name))\n\n"
                "class FinetuneTrainer(Trainer):\n    pass\n")
    pretrain = ("import argparse, os\nfrom trainers import Trainer\n"
                "p = argparse.ArgumentParser()\np.add_argument('--output_dir', default='output/')\n"
                "p.add_argument('--data_name', default='Beauty')\nargs = p.parse_args()\n"
                "trainer = Trainer(model)\nfor epoch in range(100):\n    trainer.pretrain(epoch)\n"
                "    loss.backward()\n    opt.step()\n"
                "    ckp = f'{args.data_name}-epochs-{epoch+1}.pt'\n"
                "    trainer.save(os.path.join(args.output_dir, ckp))\n")
    finetune = ("import argparse, os\nfrom trainers import FinetuneTrainer\n"
                "p = argparse.ArgumentParser()\np.add_argument('--output_dir', default='output/')\n"
                "p.add_argument('--data_name', default='Beauty')\n"
                "p.add_argument('--ckp', default=10, type=int)\np.add_argument('--do_eval', "
                "action='store_true')\nargs = p.parse_args()\n"
                "trainer = FinetuneTrainer(model)\nif args.do_eval:\n"
                "    trainer.load(os.path.join(args.output_dir, 'best.pt'))\nelse:\n"
                "    trainer.load(os.path.join(args.output_dir, "
                "f'{args.data_name}-epochs-{args.ckp}.pt'))\n"
                "    loss.backward()\n    opt.step()\n")
    lines = show(tmp_path, {"trainers.py": trainers, "run_pretrain.py": pretrain,
                            "run_finetune.py": finetune})
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("run_pretrain.py -> run_finetune.py", "high")]


def test_a_script_that_calls_its_training_function_at_module_level_is_a_script(tmp_path):
    """A script without a main guard runs what its module-level code calls: the producer
    a fine-tuning script's --pretrained option can only come from."""
    producer = ("import torch\n\ndef train():\n" + "".join(
        "    " + line + "\n" for line in TRAIN_LOOP.splitlines())
        + "    torch.save(model.state_dict(), f'out/checkpoint-{epoch}.pth')\n"
        "    return model\n\ntrained = train()\n")
    lines = show(tmp_path, {"pretrain.py": producer, "finetune.py": _option_script("pretrained")})
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [("pretrain.py -> finetune.py", "medium")]


def test_a_trainer_built_only_to_predict_does_not_train(tmp_path):
    """Training: TrainingArguments handed to a Trainer that only predicts steps nothing
    (the Trainer's training is its train() call)."""
    inference = ("from transformers import Trainer, TrainingArguments, AutoModel\n"
                 "model = AutoModel.from_pretrained('pretrain_roberta')\n"
                 "args = TrainingArguments(output_dir='tmp', per_device_eval_batch_size=8)\n"
                 "trainer = Trainer(model=model, args=args)\npreds = trainer.predict(data)\n")
    pretrain = ("from transformers import Trainer, TrainingArguments, AutoModel\n"
                "args = TrainingArguments(output_dir='pretrain_roberta')\n"
                "trainer = Trainer(model=model, args=args)\ntrainer.train()\n"
                "trainer.save_model('pretrain_roberta')\n")
    assert show(tmp_path, {"pretrain.py": pretrain, "inference.py": inference}) == []


def test_a_lightning_module_file_run_alone_only_loads(tmp_path):
    """Lightning: a file that defines the LightningModule (its configure_optimizers builds
    the optimizer) but, run as a script, only loads a checkpoint and prints, is no partner
    of the script that fits it, though both read the checkpoint from one option."""
    options = ("p = argparse.ArgumentParser()\np.add_argument('--load_model_directory', "
               "type=str, default='output')\np.add_argument('--load_model_checkpoint', type=str, "
               "default=None)\n"
               "args = p.parse_args()\n")
    module = ("import argparse, os\nimport lightning as L, torch\n\n"
              "class Net(L.LightningModule):\n"
              "    def training_step(self, batch, i):\n        return self(batch).mean()\n\n"
              "    def configure_optimizers(self):\n"
              "        optimizer = torch.optim.AdamW(self.parameters(), lr=1e-3)\n"
              "        scheduler = get_linear_schedule_with_warmup(optimizer, 10, 100)\n"
              "        return [optimizer], [scheduler]\n\n"
              "if __name__ == '__main__':\n    " + options.replace("\n", "\n    ")
              + "net = Net.load_from_checkpoint(os.path.join(args.load_model_directory, "
              "args.load_model_checkpoint))\n    print(net)\n")
    main = ("import argparse, os\nimport lightning as L\n"
            "from lightning.pytorch.callbacks import ModelCheckpoint\nfrom finetune import Net\n"
            + options + "ckpt = ModelCheckpoint(dirpath=args.load_model_directory)\n"
            "trainer = L.Trainer(callbacks=[ckpt])\ntrainer.fit(Net())\n")
    assert show(tmp_path, {"finetune.py": module, "main.py": main}) == []


def test_a_one_letter_flag_is_an_option_with_its_value():
    """`finetune.py -d Scientific -p saved/m.pth`: argparse's `-p` is the option `p`."""
    runs = document_runs({"README.md": "python finetune.py -d Scientific -p saved/m.pth\n"})
    (run,) = runs["README.md"]
    assert run.flags == {"d", "p"} and dict(run.values) == {"d": "Scientific", "p": "saved/m.pth"}


def test_two_templates_agree_folder_by_folder():
    """Paths: a save's run folder built from options (`SSL_p{}_ep{}_b{}`) and a load's folder
    that is one option (`{pretrain}`) name the same place; `epoch` and `best` do not, nor
    a template with one field more."""
    from ftlint.paths import same_place

    assert same_place("../record/SSL_p{}_ep{}_b{}/model/encoder_{}.pth",
                      "../record/{}/model/encoder_500.pth")
    assert not same_place("../record/SSL_p{}/model/decoder_{}.pth",
                          "../record/{}/model/encoder_500.pth")
    assert not same_place("{}/Pretrained_{}_{}_{}.tar", "{}/Pretrained_{}_{}.tar")


def test_a_folder_chosen_at_run_time_makes_a_path_link_medium_at_most(tmp_path):
    """Several scripts write `{run}/model/encoder_{epoch}.pth` and the loader reads
    `../record/{pretrain}/model/encoder_500.pth`: the file name says which only with more
    evidence, so every link is listed, none linted."""
    def producer(name: str) -> str:
        return ("import torch\n" + TRAIN_LOOP + f"    run = '{name}_e{{}}'.format(epoch)\n"
                "    torch.save(model.state_dict(), f'../record/{run}/model/encoder_{epoch}.pth')\n")
    loader = ("import argparse, os, torch\np = argparse.ArgumentParser()\n"
              "p.add_argument('--pretrain', default=None)\nargs = p.parse_args()\n"
              "path = os.path.join('../record', args.pretrain, 'model', 'encoder_500.pth')\n"
              "model.load_state_dict(torch.load(path))\n" + TRAIN_LOOP)
    lines = show(tmp_path, {"train_moco.py": producer("Moco"), "train_ae.py": producer("AE"),
                            "train_rnn.py": loader})
    assert lines and all(confidence_of(x) == "low, not linted" for x in lines)


def test_a_classmethod_chain_binds_the_path_at_the_scripts_call(tmp_path):
    """Objects across files: `CLSBERT.from_pretrained_bert(args.ckpt_path)` in the script,
    `BERT.from_lightning_checkpoint(ckpt_path)` inside it, `torch.load(ckpt_path)` there:
    the load reads the script's --ckpt_path; and f"ckpts/{args.run_name}" with run_name
    unset (None) is a hole, not the text 'None'."""
    bert = ("import torch\n\nclass BERT(torch.nn.Module):\n    @classmethod\n"
            "    def from_lightning_checkpoint(cls, ckpt_path):\n"
            "        return torch.load(ckpt_path)\n\n"
            "class CLSBERT(torch.nn.Module):\n    @classmethod\n"
            "    def from_pretrained_bert(cls, ckpt_path, num_labels):\n"
            "        bert = BERT.from_lightning_checkpoint(ckpt_path)\n        return cls()\n")
    pretrain = ("import argparse\nimport lightning as L\n"
                "from lightning.pytorch.callbacks import ModelCheckpoint\n"
                "p = argparse.ArgumentParser()\np.add_argument('--run_name', default=None)\n"
                "args = p.parse_args()\n"
                "ckpt = ModelCheckpoint(dirpath=f'ckpts/{args.run_name}', filename='best')\n"
                "L.Trainer(callbacks=[ckpt]).fit(model)\n")
    finetune = ("import argparse\nimport lightning as L\nfrom bert import CLSBERT\n"
                "p = argparse.ArgumentParser()\n"
                "p.add_argument('--ckpt_path', required=True, help='a pre-trained checkpoint')\n"
                "args = p.parse_args()\nmodel = CLSBERT.from_pretrained_bert(args.ckpt_path, 2)\n"
                "L.Trainer().fit(model)\n")
    lines = show(tmp_path, {"bert.py": bert, "pretrain.py": pretrain, "finetune.py": finetune})
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [("pretrain.py -> finetune.py", "medium")]
    assert not any("None" in x for x in lines)


def test_names_say_which_pretraining_a_documented_loop_feeds(tmp_path):
    """Docs as commands, read with the scripts' names: a finetune.sh that runs both
    finetune_gt.py and finetune_gin.py after pretrain.sh supports gt -> gt and gin -> gin,
    not gt -> gin (the loop picks the script by the checkpoint's name; the shell `if` is not
    read). A `'{}.pt'.format(folder + "/epoch_" + str(epoch))` path keeps its argument, and
    a module-level `main()` runs the functions it calls."""
    def producer(kind: str) -> str:
        return ("import torch\n\ndef pretrain(out_dir):\n" + "".join(
            "    " + line + "\n" for line in TRAIN_LOOP.splitlines())
            + "        torch.save(model.state_dict(), '{}.pt'.format(out_dir + '/epoch_' "
            "+ str(epoch)))\n\ndef main():\n    pretrain('out/checkpoints/" + kind + "')\n\n"
            "main()\n")
    files = {"pretrain_gt_dgi.py": producer("gt_dgi"), "pretrain_gin_masking.py": producer("gin"),
             "finetune_gt.py": _option_script("ckpt"), "finetune_gin.py": _option_script("ckpt"),
             "README.md": "./pretrain.sh\n./finetune.sh\n",
             "pretrain.sh": "python pretrain_gt_dgi.py\npython pretrain_gin_masking.py\n",
             "finetune.sh": "python finetune_gt.py --ckpt $c\npython finetune_gin.py --ckpt $c\n"}
    linted = sorted(pair_of(x) for x in show(tmp_path, files) if confidence_of(x) == "medium")
    assert linted == ["pretrain_gin_masking.py -> finetune_gin.py",
                      "pretrain_gt_dgi.py -> finetune_gt.py"]


def test_stable_baselines_learn_trains_and_load_reads_an_agent(tmp_path):
    """Framework knowledge: Stable-Baselines3's `model.learn()` trains and `PPO.load(path)`
    reads an agent; a behaviour-cloning script named as pretraining feeds the PPO run."""
    pretrain = ("import argparse\nfrom stable_baselines3 import PPO\n"
                "p = argparse.ArgumentParser()\np.add_argument('--output', default='bc.zip')\n"
                "args = p.parse_args()\nmodel = PPO('MlpPolicy', env)\n" + TRAIN_LOOP
                + "model.save(args.output)\n")
    ppo = ("import argparse\nfrom stable_baselines3 import PPO\np = argparse.ArgumentParser()\n"
           "p.add_argument('--pretrained', default=None)\nargs = p.parse_args()\n"
           "model = PPO('MlpPolicy', env)\nif args.pretrained:\n"
           "    pretrained = PPO.load(args.pretrained)\n"
           "    model.policy.load_state_dict(pretrained.policy.state_dict())\n"
           "model.learn(total_timesteps=1000)\nmodel.save('ppo_final.zip')\n")
    lines = show(tmp_path, {"pretrain_bc.py": pretrain, "ppo_train.py": ppo})
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("pretrain_bc.py -> ppo_train.py", "medium")]


def test_a_method_of_a_model_built_by_a_chained_call_binds_its_path(tmp_path):
    """Objects: `model = Net(cfg).to(device)` is a Net, so `model.load_backbone(args.path)`
    binds Net.load_backbone's parameter; `fname = fname.format(epoch, lr)` formats the
    pattern fname held before."""
    models = ("import torch\n\nclass Net(torch.nn.Module):\n"
              "    def load_backbone(self, path):\n"
              "        self.backbone.load_state_dict(torch.load(path))\n")
    pretrain = ("import argparse, os, torch\np = argparse.ArgumentParser()\n"
                "p.add_argument('--lr', default=0.001, type=float)\nargs = p.parse_args()\n"
                + TRAIN_LOOP + "    fname = 'epoch={}.lr={}.pth'\n"
                "    fname = fname.format(epoch, args.lr)\n"
                "    torch.save(model.state_dict(), os.path.join('runs', fname))\n")
    main = ("import argparse\nfrom models import Net\np = argparse.ArgumentParser()\n"
            "p.add_argument('--pretrain_model_path', default=None)\nargs = p.parse_args()\n"
            "model = Net(cfg).to('cpu')\nmodel.load_backbone(args.pretrain_model_path)\n"
            + TRAIN_LOOP)
    files = {"models.py": models, "main_pretrain.py": pretrain, "main.py": main,
             "train.sh": "python main_pretrain.py\n"
                         "python main.py --pretrain_model_path runs/epoch=5.lr=0.001.pth\n"}
    lines = show(tmp_path, files)
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [("main_pretrain.py -> main.py", "medium")]
    assert "runs/epoch={}.lr=0.001.pth" in lines[0]


def test_a_recbole_pretraining_is_one_more_producer(tmp_path):
    """Framework knowledge: RecBole's PretrainTrainer.pretrain() trains and writes
    checkpoints, so a script reading a path from its config is one of two producers' loader
    (listed), not the only other script's."""
    recbole = ("from recbole.trainer.trainer import PretrainTrainer\n"
               "trainer = PretrainTrainer(config, model)\ntrainer.pretrain(data)\n")
    lines = show(tmp_path, {"pretrain.py": recbole, "ddp_pretrain.py": PRODUCER,
                            "finetune.py": _option_script("pretrained")})
    assert sorted((pair_of(x), confidence_of(x)) for x in lines) == [
        ("ddp_pretrain.py -> finetune.py", "low, not linted"),
        ("pretrain.py -> finetune.py", "low, not linted")]


# -- holdout 5's lessons ----------------------------------------------------------------------
def test_a_module_of_functions_and_a_unit_test_are_no_partners(tmp_path):
    """A producer or a fine-tuning partner is a program that runs: trainer/trainer.py's
    functions save a checkpoint only when a script calls them, and a pytest file reading a
    checkpoint under tmp_path trains nothing a user runs."""
    trainer = ("import torch\n\ndef Trainer(model, opt, log_dir):\n" + "".join(
        "    " + line + "\n" for line in TRAIN_LOOP.splitlines())
        + "    torch.save(model.state_dict(), f'{log_dir}/saved_models/ckp_last.pt')\n")
    main = ("import torch\nfrom trainer.trainer import Trainer\n"
            "model.load_state_dict(torch.load('logs/exp1/saved_models/ckp_last.pt'))\n"
            "Trainer(model, opt, 'logs/exp2')\n")
    test = ("import torch\n\ndef test_training_loop(tmp_path):\n"
            "    model.load_state_dict(torch.load(tmp_path / 'logs/saved_models/ckp_last.pt'))\n"
            "    opt.step()\n")
    lines = show(tmp_path, {"trainer/__init__.py": "", "trainer/trainer.py": trainer,
                            "main.py": main, "tests/test_loop.py": test})
    assert [x for x in lines if "[medium]" in x or "[high]" in x] == []


def test_training_two_calls_away_makes_a_script_train(tmp_path):
    """Training across files: train_ssl.py calls optim/pretrain.py, whose function calls
    the model class's own train() in model/relational.py, where the optimizer steps."""
    relational = ("import torch\n\nclass RelationalReasoning:\n"
                  "    def train(self, loader, epochs):\n"
                  "        for x in loader:\n            self.opt.zero_grad()\n"
                  "            loss = self.net(x).mean()\n            loss.backward()\n"
                  "            self.opt.step()\n"
                  "        torch.save(self.net.state_dict(), './ckpt/backbone_last.tar')\n")
    pretrain = ("from model.relational import RelationalReasoning\n\n"
                "def pretrain_selftime(loader):\n    model = RelationalReasoning()\n"
                "    model.train(loader, 10)\n")
    train_ssl = "from optim.pretrain import pretrain_selftime\n\npretrain_selftime(loader)\n"
    linear = ("import torch\nencoder.load_state_dict(torch.load('./ckpt/backbone_last.tar'))\n"
              + TRAIN_LOOP)
    lines = show(tmp_path, {"model/__init__.py": "", "model/relational.py": relational,
                            "optim/__init__.py": "", "optim/pretrain.py": pretrain,
                            "train_ssl.py": train_ssl, "test_linear.py": linear})
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("train_ssl.py -> test_linear.py", "high")]


def test_two_scripts_writing_the_very_path_leave_the_choice_to_the_docs(tmp_path):
    """Several scripts whose defaults write the same file: the path says none of them; the
    docs' order picks the pretraining run, the supervised baseline stays listed."""
    def writer() -> str:
        return ("import torch\n" + TRAIN_LOOP
                + "    torch.save(model.state_dict(), './ckpt/backbone_last.tar')\n")
    linear = ("import torch\nencoder.load_state_dict(torch.load('./ckpt/backbone_last.tar'))\n"
              + TRAIN_LOOP)
    files = {"train_byol.py": writer(), "train_supervised.py": writer(), "test_linear.py": linear}
    assert all(confidence_of(x) == "low, not linted" for x in show(tmp_path / "a", files))
    files["README.md"] = "python train_byol.py\npython test_linear.py --pretrained x\n"
    lines = show(tmp_path / "b", files)
    assert sorted((pair_of(x), confidence_of(x)) for x in lines) == [
        ("train_byol.py -> test_linear.py", "medium"),
        ("train_supervised.py -> test_linear.py", "low, not linted")]
    # a name that says self-supervised pretraining decides as a docs' order does
    files = {"train_ssl.py": writer(), "train_supervised.py": writer(), "test_linear.py": linear}
    lines = show(tmp_path / "c", files)
    assert sorted((pair_of(x), confidence_of(x)) for x in lines) == [
        ("train_ssl.py -> test_linear.py", "medium"),
        ("train_supervised.py -> test_linear.py", "low, not linted")]


def test_a_probe_and_a_transfer_run_of_one_encoder_are_siblings(tmp_path):
    """Docs as commands, read with names: README runs train_encoder.py, then
    linear_evaluation.py and transfer_learning.py, each with the encoder's path; the probe
    does not feed the transfer run."""
    def consumer() -> str:
        return _option_script("pretrained_encoder")
    files = {"train_encoder.py": _option_script("pretrained_encoder"),
             "linear_evaluation.py": consumer(), "transfer_learning.py": consumer(),
             "README.md": "python train_encoder.py\n"
                          "python linear_evaluation.py --pretrained_encoder out\n"
                          "python transfer_learning.py --pretrained_encoder out\n"}
    linted = sorted(pair_of(x) for x in show(tmp_path, files) if confidence_of(x) == "medium")
    assert "linear_evaluation.py -> transfer_learning.py" not in linted


# -- this round's holdout 6: a class's methods, a markdown link, a documented value --------
def test_a_markdown_link_to_a_script_is_not_a_run():
    """doc_commands: `[stand-alone python script](./essential_script.py)` names a file in
    prose; a run starts with the script (after the launcher's own flags)."""
    runs = document_runs({"README.md": "- [stand-alone python script](./essential_script.py)\n"
                                       "`python -u train.py --lr 0.1`\n"
                                       "torchrun --nproc_per_node 2 main.py\n"})["README.md"]
    assert [r.script for r in runs] == ["train.py", "main.py"]


def test_a_quoted_value_in_the_docs_is_read():
    runs = document_runs({"README.md": 'python lin.py --checkpoint="./ck/a_epoch_200.tar"\n'})
    assert runs["README.md"][0].values == (("checkpoint", "./ck/a_epoch_200.tar"),)


STANDARD_MODEL = (
    "import torch\n\nclass StandardModel(torch.nn.Module):\n"
    "    def __init__(self, net):\n        super().__init__()\n        self.net = net\n"
    "        self.optimizer = torch.optim.SGD(net.parameters(), lr=0.1)\n\n"
    "    def train(self, loader):\n        for x, y in loader:\n"
    "            loss = crit(self.net(x), y)\n            loss.backward()\n"
    "            self.optimizer.step()\n\n"
    "    def test(self, loader):\n        return [self.net(x) for x, _ in loader]\n\n"
    "    def save(self, path):\n        torch.save(self.net.state_dict(), path)\n\n"
    "    def load(self, path):\n        self.net.load_state_dict(torch.load(path))\n")
MODEL_SCRIPT = ("import argparse\nfrom methods import StandardModel\n"
                "p = argparse.ArgumentParser()\np.add_argument('--checkpoint', default='')\n"
                "args = p.parse_args()\nmodel = StandardModel(Net())\n"
                "model.load(args.checkpoint)\n")


def test_a_script_that_only_tests_a_class_does_not_run_its_train_method(tmp_path):
    """program: of a plain class (here a torch Module) only the methods a script calls run,
    with __init__, forward and what they call on self. test.py calls load() and test():
    the optimizer step in train() never runs, so test.py is no fine-tuning partner, while
    linear.py, which calls train(), is."""
    files = {"methods.py": STANDARD_MODEL,
             "pretrain.py": "from methods import StandardModel\nmodel = StandardModel(Net())\n"
                            "model.train(loader)\nmodel.save('./ck/model.pt')\n",
             "test.py": MODEL_SCRIPT + "print(model.test(loader))\n",
             "linear.py": MODEL_SCRIPT + "model.train(loader)\nmodel.save('./ck/lin.pt')\n"}
    assert sorted(pair_of(x) for x in show(tmp_path, files)) == ["pretrain.py -> linear.py"]


def test_the_docs_value_for_the_checkpoint_says_which_producer_wrote_it(tmp_path):
    """pairing, documented values: the README gives the probe the path one of the two
    pretraining scripts saves; the other's saves have another shape, so the README's order
    supports only the first (medium), the other stays listed (low)."""
    producer = ("import torch\n" + TRAIN_LOOP
                + "    torch.save(model.state_dict(), './checkpoint/{}_epoch_{}.tar'.format("
                  "'rel', epoch))\n")
    demo = "import torch\n" + TRAIN_LOOP + "    torch.save(model.state_dict(), './backbone.tar')\n"
    files = {"train_unsupervised.py": producer, "demo.py": demo,
             "linear.py": _option_script("checkpoint"),
             "README.md": "python demo.py\n\npython train_unsupervised.py\n\n"
                          'python linear.py --checkpoint="./checkpoint/rel_epoch_200.tar"\n'}
    lines = show(tmp_path, files)
    assert sorted((pair_of(x), confidence_of(x)) for x in lines) == [
        ("demo.py -> linear.py", "low, not linted"),
        ("train_unsupervised.py -> linear.py", "medium")]


def test_a_run_for_another_network_is_not_the_one_followed():
    """doc_commands: the README pretrains a ResNet and a ViT, then fine-tunes the ResNet:
    only the ResNet pretraining precedes that run (options naming the network); the data
    may differ between the two phases."""
    flags = PRETRAINED | {"pretrained_model"}
    runs = document_runs({"README.md": "python pretrain_rot.py --arch resnet18 --dataset k400\n"
                                       "python pretrain_moco.py --arch vit_b\n"
                                       "python train.py --arch resnet18 --dataset ucf101 "
                                       "--pretrained_model x\n"})["README.md"]
    assert runs_before(runs, "pretrain_rot.py", "train.py", flags)
    assert not runs_before(runs, "pretrain_moco.py", "train.py", flags)


def test_a_script_named_as_pretraining_outranks_the_docs_order_of_another(tmp_path):
    """pairing, evidence: of two training scripts, only one is named as pretraining; the
    README runs the other before the fine-tuning command (its sections come in that order).
    The name says which made the checkpoint (medium); the order does not lift the other.
    With two scripts named as pretraining, the order decides as before."""
    readme = ("python prompt_ft.py --output_dir a\n"
              "python cls_ft.py --pretrained $CHECKPOINT\n")
    files = {"prompt_ft.py": PRODUCER, "pretrain_pcp.py": PRODUCER,
             "cls_ft.py": _option_script("pretrained"), "README.md": readme}
    assert sorted((pair_of(x), confidence_of(x)) for x in show(tmp_path, files)) == [
        ("pretrain_pcp.py -> cls_ft.py", "medium"), ("prompt_ft.py -> cls_ft.py", "low, not linted")]
    files = {"TAE.py": PRODUCER, "pretrain_a.py": PRODUCER, "pretrain_b.py": PRODUCER,
             "cls_ft.py": _option_script("pretrained"),
             "README.md": readme.replace("prompt_ft.py", "TAE.py")}
    assert ("TAE.py -> cls_ft.py", "medium") in [(pair_of(x), confidence_of(x))
                                                 for x in show(tmp_path, files)]


def test_a_masked_language_modelling_script_pretrains(tmp_path):
    """pairing, names: `run_mlm.py` pretrains by its objective, so of the two scripts a
    fine-tuning script could start from, it is the one named as pretraining (medium)."""
    files = {"run_mlm.py": PRODUCER, "run_prompt_ft.py": PRODUCER,
             "run_cls_ft.py": _option_script("pretrained")}
    assert sorted((pair_of(x), confidence_of(x)) for x in show(tmp_path, files)) == [
        ("run_mlm.py -> run_cls_ft.py", "medium"),
        ("run_prompt_ft.py -> run_cls_ft.py", "low, not linted")]


def test_a_long_joined_path_keeps_all_its_pieces_and_each_script_runs_from_its_folder(tmp_path):
    """templates and paths: `'models_eta_' + str(args.eta) + '/' + args.dataset + '_' + ...`
    keeps its folder however long the chain (each summand at one depth); its name, joined
    from options, is informative inside a named folder; and `cd finetuning; python
    main_cl.py` loading `../pre-training/models_eta_1.0/...` reads what `cd pre-training;
    python main.py` saved as `models_eta_.../...` (medium: it rests on each script running
    from its own folder, as the README's `cd` does)."""
    options = ("import argparse, torch\np = argparse.ArgumentParser()\n"
               "p.add_argument('--eta', type=float, default=1.0)\n"
               "p.add_argument('--dataset', default='NCI1')\np.add_argument('--aug', default='dnodes')\n"
               "p.add_argument('--suffix', type=int, default=0)\nargs = p.parse_args()\n")
    pretrain = (options + TRAIN_LOOP + "    torch.save(model.state_dict(), 'models_eta_' + "
                "str(args.eta) + '/' + args.dataset + '_' + args.aug + '_' + str(epoch) + '_' "
                "+ str(args.suffix) + '.pt')\n")
    finetune = (options + "p2 = '../pre-training/models_eta_' + str(args.eta) + '/' + "
                "args.dataset + '_' + args.aug + '_' + '100' + '_' + str(args.suffix) + '.pt'\n"
                "model.load_state_dict(torch.load(p2))\n" + TRAIN_LOOP)
    files = {"pre-training/main.py": pretrain, "finetuning/main_cl.py": finetune}
    assert [(pair_of(x), confidence_of(x)) for x in show(tmp_path, files)] == [
        ("pre-training/main.py -> finetuning/main_cl.py", "medium")]


def test_a_main_that_nothing_calls_is_still_the_script(tmp_path):
    """program: `run_pretraining.py` defines main() and its call was lost (no main guard);
    its README runs it, so it is a script, not a module of helpers."""
    pretrain = ("import torch\n\ndef main():\n    model = Net()\n"
                "    opt = torch.optim.Adam(model.parameters())\n"
                "    for x, y in loader:\n        crit(model(x), y).backward()\n        opt.step()\n"
                "    torch.save(model.state_dict(), 'outputs/albert_pretrain.bin')\n")
    finetune = ("import torch\nmodel = Net()\n"
                "model.load_state_dict(torch.load('outputs/albert_pretrain.bin'))\n" + TRAIN_LOOP)
    files = {"run_pretraining.py": pretrain, "run_classifier.py": finetune}
    assert [pair_of(x) for x in show(tmp_path, files)] == ["run_pretraining.py -> run_classifier.py"]


def test_a_pickle_named_as_a_model_is_a_checkpoint_through_a_logger_method(tmp_path):
    """checkpoints and templates: JAX code pickles its train state (`import cloudpickle as
    pickle`) inside a logger method, `logger.save_pickle(state, "model.pkl")`: bound at the
    call, the file is named as a model, so the script saves a checkpoint and is the
    producer for a probe's `--load_pretrained`; a pickled vocabulary is not."""
    utils = ("import os\nimport cloudpickle as pickle\n\nclass Logger:\n"
             "    def __init__(self, out):\n        self.out = out\n\n"
             "    def save_pickle(self, obj, filename):\n"
             "        with open(os.path.join(self.out, filename), 'wb') as fout:\n"
             "            pickle.dump(obj, fout)\n")
    pretrain = ("import optax\nfrom utils import Logger\nlogger = Logger('out')\n"
                "tx = optax.adamw(1e-3)\nfor batch in data:\n"
                "    state = state.apply_gradients(grads=grads(state, batch))\n"
                "logger.save_pickle({'state': state}, '{name}.pkl')\n")
    probe = ("import argparse, pickle, optax\np = argparse.ArgumentParser()\n"
             "p.add_argument('--load_pretrained', default='')\nargs = p.parse_args()\n"
             "if args.load_pretrained != '':\n"
             "    params = pickle.load(open(args.load_pretrained, 'rb'))['state'].params\n"
             "tx = optax.lars(0.1)\nfor batch in data:\n"
             "    state = state.apply_gradients(grads=grads(state, batch))\n")
    files = {"utils.py": utils, "linear_main.py": probe}
    linked = show(tmp_path, {**files, "mae_main.py": pretrain.replace("{name}", "model")})
    assert [pair_of(x) for x in linked] == ["mae_main.py -> linear_main.py"]
    assert show(tmp_path / "vocab", {**files, "mae_main.py": pretrain.replace("{name}", "vocab")}) == []


def test_a_load_the_pretraining_may_have_written_from_another_folder_is_not_reported(
        run_cli, tmp_path):
    """paths: `web.py` in ML/ saves `price_model.h5`; `web_pred.py` beside it loads
    `./ML/price_model.h5`. Run from ML/ and from the top, they name the same file: which
    folder each runs from is unknown, so FT701 stays silent (a name neither writes is
    still reported)."""
    from test_real_world import lint

    pretrain = "model.fit(x, y)\nmodel.save('price_model.h5')\n"
    finetune = ("from tensorflow import keras\nmodel = keras.models.load_model('./ML/{}.h5')\n"
                "model.fit(x, y)\n")
    for name, expected in (("price_model", []), ("cost_model", ["FT701"])):
        files = {"ML/web.py": pretrain, "ML/web_pred.py": finetune.format(name)}
        found = lint(run_cli, tmp_path, files, "ML/web.py", "ML/web_pred.py")
        assert [f["code"] for f in found if f["code"] == "FT701"] == expected


def test_a_documented_empty_value_gives_no_checkpoint():
    """doc_commands: `--load_checkpoint=''` in a README command starts that run from
    nothing; it does not count as giving the option."""
    runs = document_runs({"README.md": "python mae_main.py --lr 1\n"
                                       "python m3ae_main.py --load_checkpoint='' --lr 2\n"})
    assert not runs_before(runs["README.md"], "mae_main.py", "m3ae_main.py",
                           frozenset({"load_checkpoint"}))


def test_an_unpickled_model_comes_from_a_script_that_pickles(tmp_path):
    """pairing, formats: `joblib.load(args.model_path)` reads a pickle; the pretraining
    script that writes a Trainer checkpoint (save_pretrained) did not write it, so it is no
    candidate; a script that pickles a model file is."""
    hf = ("from transformers import Trainer, TrainingArguments\n"
          "trainer = Trainer(model=model, args=TrainingArguments('pretrain_out'))\n"
          "trainer.train()\ntrainer.save_model('pretrain_out')\n")
    stacking = ("import argparse, joblib\np = argparse.ArgumentParser()\n"
                "p.add_argument('--model_path')\nargs = p.parse_args()\n"
                "model = joblib.load(args.model_path)\nmodel.fit(x, y)\n")
    assert show(tmp_path, {"pretrain.py": hf, "stacking.py": stacking}) == []
    sklearn = "import joblib\nclf.fit(x, y)\njoblib.dump(clf, 'out/linear_model.pkl')\n"
    assert [pair_of(x) for x in show(tmp_path / "b", {"train_linear.py": sklearn,
                                                      "stacking.py": stacking})] == [
        "train_linear.py -> stacking.py"]


def test_an_option_whose_help_says_path_to_model_takes_a_checkpoint(tmp_path):
    """knowledge, options: DeepCluster's `--model` (help='path to model') names no
    checkpoint by its name, but its help does: the linear probe that loads it is the
    pretraining script's partner. A list saved with the model and its optimizer
    (`torch.save([model, criterion, optimizer], f)`) is a checkpoint, not a dataset cache."""
    pretrain = ("import torch\n" + TRAIN_LOOP
                + "    with open('exp/checkpoint.pth.tar', 'wb') as f:\n"
                  "        torch.save([model, criterion, optimizer], f)\n")
    probe = ("import argparse, torch\np = argparse.ArgumentParser()\n"
             "p.add_argument('--model', type=str, help='path to model')\nargs = p.parse_args()\n"
             "model = torch.load(args.model)\n" + TRAIN_LOOP)
    assert [pair_of(x) for x in show(tmp_path, {"main.py": pretrain, "eval_linear.py": probe})] \
        == ["main.py -> eval_linear.py"]
    data = pretrain.replace("[model, criterion, optimizer]", "[features, labels]")
    assert show(tmp_path / "b", {"main.py": data, "eval_linear.py": probe}) == []


# -- this round's holdouts: what a helper's caller, the import path and the framework say ---
def test_a_helpers_load_runs_only_under_its_callers_condition(tmp_path):
    """Objects across files: `if args.load_model_path is not None:
    utils.load_model_checkpoint(args.load_model_path, model)` makes the helper's load
    optional in that script, so both scripts of a shared args module start from a given
    checkpoint only when asked; the self-supervised script's name says it comes first."""
    helper = ("import torch\n\ndef load_model_checkpoint(checkpoint_file, model):\n"
              "    model.load_state_dict(torch.load(checkpoint_file))\n    return model\n")
    def script(extra: str) -> str:
        return ("import argparse, torch\nimport utils\np = argparse.ArgumentParser()\n"
                "p.add_argument('--load_model_path', default=None)\n"
                "p.add_argument('--save_dir', default='out')\nargs = p.parse_args()\n"
                + extra + "if args.load_model_path is not None:\n"
                "    model = utils.load_model_checkpoint(args.load_model_path, model)\n"
                + TRAIN_LOOP + "    torch.save(model.state_dict(), args.save_dir + '/last.pth.tar')\n")
    lines = show(tmp_path, {"utils.py": helper, "train_ssl.py": script(""),
                            "train.py": script("")})
    assert ("train_ssl.py -> train.py", "medium") in [(pair_of(x), confidence_of(x))
                                                      for x in lines]


def test_keras_checkpoint_fields_and_an_application_built_from_a_weights_file(tmp_path):
    """Framework knowledge: Keras fills `{epoch:02d}` of a ModelCheckpoint path (a hole, not
    text), and `MobileNet(weights=args.weight_path)` loads the weights file it is given."""
    pretrain = ("import keras\nmodel = keras.applications.mobilenet.MobileNet(weights=None)\n"
                "model.compile(optimizer='adam', loss='categorical_crossentropy')\n"
                "mc = keras.callbacks.ModelCheckpoint('models/weights{epoch:02d}.h5', "
                "save_weights_only=True)\nmodel.fit(x, y, callbacks=[mc])\n")
    finetune = ("import argparse, keras\np = argparse.ArgumentParser()\n"
                "p.add_argument('--weight_path', type=str)\nargs = p.parse_args()\n\n"
                "def main(weight_path):\n"
                "    base = keras.applications.mobilenet.MobileNet(weights=weight_path)\n"
                "    base.compile(optimizer='adam', loss='categorical_crossentropy')\n"
                "    base.fit(x, y)\n\nmain(args.weight_path)\n")
    lines = show(tmp_path, {"train_models.py": pretrain, "finetune_models.py": finetune})
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("train_models.py -> finetune_models.py", "medium")]
    from ftlint.program import Workspace
    saves = Workspace().module(str(tmp_path / "train_models.py")).facts
    assert [f.attr("template") for f in saves if f.kind == "save"] == ["models/weights{}.h5"]


def test_a_folder_the_script_adds_to_sys_path_is_where_its_imports_are(tmp_path):
    """Imports: `sys.path.append('../utils')` then `from utils import save_checkpoint`
    (README: `cd dpc; python main.py`) reaches utils/utils.py, whose torch.save is the
    script's checkpoint."""
    helper = ("import torch\n\ndef save_checkpoint(state, filename='models/checkpoint.pth.tar'):\n"
              "    torch.save(state, filename)\n")
    pretrain = ("import sys, argparse, torch\nsys.path.append('../utils')\n"
                "from utils import save_checkpoint\np = argparse.ArgumentParser()\n"
                "p.add_argument('--pretrain', default='', type=str)\nargs = p.parse_args()\n"
                + TRAIN_LOOP + "    save_checkpoint({'state_dict': model.state_dict()})\n")
    finetune = ("import argparse, torch\np = argparse.ArgumentParser()\n"
                "p.add_argument('--pretrain', default='', type=str)\nargs = p.parse_args()\n"
                "if args.pretrain:\n    model.load_state_dict(torch.load(args.pretrain))\n"
                + TRAIN_LOOP)
    lines = show(tmp_path, {"utils/utils.py": helper, "dpc/main.py": pretrain,
                            "eval/test.py": finetune})
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("dpc/main.py -> eval/test.py", "medium")]


def test_a_lightning_trainer_checkpoints_by_itself_into_its_loggers_folder(tmp_path):
    """Framework knowledge: a Lightning Trainer with no ModelCheckpoint still saves
    `<save_dir>/<name>/version_N/checkpoints/epoch=E-step=S.ckpt` (enable_checkpointing
    defaults to True), so the script that fits one produces a checkpoint; turned off, none."""
    def pretrain(flag: str) -> str:
        return ("import pytorch_lightning as pl\nfrom pytorch_lightning.loggers import "
                "TensorBoardLogger\nlogger = TensorBoardLogger('runs', name='clmr')\n"
                f"trainer = pl.Trainer(logger=logger{flag})\ntrainer.fit(module, loader)\n")
    finetune = ("import argparse, torch\nimport pytorch_lightning as pl\n"
                "p = argparse.ArgumentParser()\np.add_argument('--checkpoint_path', default='')\n"
                "args = p.parse_args()\nstate = torch.load(args.checkpoint_path)\n"
                "encoder.load_state_dict(state)\npl.Trainer(enable_checkpointing=False)"
                ".fit(probe, loader)\n")
    lines = show(tmp_path / "a", {"main.py": pretrain(""), "linear_evaluation.py": finetune})
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("main.py -> linear_evaluation.py", "medium")]
    from ftlint.program import Workspace
    facts = Workspace().module(str(tmp_path / "a" / "main.py")).facts
    assert [f.attr("template") for f in facts if f.kind == "save"] == [
        "runs/clmr/version_{}/checkpoints/epoch={}-step={}.ckpt"]
    assert not show(tmp_path / "b", {"main.py": pretrain(", enable_checkpointing=False"),
                                     "linear_evaluation.py": finetune})


def test_a_framework_a_project_module_passes_on_is_that_framework(tmp_path):
    """Imports: `from common import torch` of a project module that did `import torch`
    is torch (its torch.save is a save); python-fire makes `do_eval(weight)`'s parameter
    the command line's, and `model` is what this function built, not another function's."""
    common = "import os\nimport torch\nfrom torch import nn\n"
    models = ("import torch\n\nclass Net(torch.nn.Module):\n"
              "    def load_weight(self, weight_file):\n"
              "        self.load_state_dict(torch.load(weight_file))\n")
    train = ("import fire\nfrom common import torch, os\nfrom models import Net\n\n"
             "def main(out='ckpt'):\n    model = Net()\n"
             "    opt = torch.optim.Adam(model.parameters())\n    for b in data:\n"
             "        model(b).mean().backward()\n        opt.step()\n"
             "    torch.save(model.state_dict(), os.path.join(out, 'byol.pth'))\n\n"
             "fire.Fire(main)\n")
    evaluate = ("import fire, torch\nfrom models import Net\n\n"
                "def probe():\n    model = torch.nn.Linear(3, 2)\n"
                "    opt = torch.optim.Adam(model.parameters())\n    for b in data:\n"
                "        model(b).mean().backward()\n        opt.step()\n\n"
                "def prepare(weight_file):\n    model = Net()\n"
                "    model.load_weight(weight_file)\n    return model\n\n"
                "def do_eval(weight):\n    prepare(weight)\n    probe()\n\nfire.Fire(do_eval)\n")
    lines = show(tmp_path, {"common.py": common, "models.py": models, "train.py": train,
                            "evaluate.py": evaluate})
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("train.py -> evaluate.py", "medium")]


def test_a_script_of_a_pretraining_folder_comes_before_one_of_a_finetuning_folder(tmp_path):
    """Names decide only among what the code found: both scripts start from a given
    checkpoint when asked, and `pretrain_PI/TAE.py`'s folder says which came first."""
    def script(option: str) -> str:
        return _option_script(option)
    lines = show(tmp_path, {"pretrain_PI/TAE.py": script("input_model_file"),
                            "finetune/finetune.py": script("input_model_file")})
    assert ("pretrain_PI/TAE.py -> finetune/finetune.py", "medium") in [
        (pair_of(x), confidence_of(x)) for x in lines]


def test_an_option_defaulting_to_a_downloaded_model_is_given_on_the_command_line(tmp_path):
    """Options: `--pretrained_model_dir` defaults to the base model no script here writes
    (`./pretrained_model/bert`), and the README fine-tunes with another value: which file it
    reads is decided on the command line, as with an empty default; the script named as
    pretraining is the candidate."""
    def script(default: str, out: str) -> str:
        return ("import argparse\nfrom transformers import BertForMaskedLM, Trainer\n"
                "p = argparse.ArgumentParser()\n"
                f"p.add_argument('--pretrained_model_dir', default='{default}')\n"
                f"p.add_argument('--output_model_dir', default='{out}')\nargs = p.parse_args()\n"
                "model = BertForMaskedLM.from_pretrained(args.pretrained_model_dir)\n"
                "trainer = Trainer(model=model, train_dataset=data)\ntrainer.train()\n"
                "trainer.save_model(args.output_model_dir)\n")
    files = {"run_pretrain.py": script("./pretrained_model/bert", "./pretrain_saved_model"),
             "run_finetune.py": script("./pretrained_model/bert/", "./finetune_saved_model"),
             "run_other.py": script("./pretrained_model/bert/", "./other_saved_model")}
    assert not [x for x in show(tmp_path / "a", files) if "run_finetune.py" in x.split(" -> ")[-1]]
    files["README.md"] = ("python run_pretrain.py --output_model_dir ./pretrain_bert\n"
                          "python run_finetune.py --pretrained_model_dir "
                          "./pretrained_model/pretrained_bert_on_oppo_100epoch\n")
    lines = show(tmp_path / "b", files)
    assert ("run_pretrain.py -> run_finetune.py", "medium") in [
        (pair_of(x), confidence_of(x)) for x in lines]


def test_a_module_whose_top_level_only_builds_a_logger_is_not_a_script(tmp_path):
    """What a program is: `logger = getLogger()` at the top of a helper module whose
    functions train (with an optimizer from another project file) is not a run of them;
    the script that calls them is the partner, not a launcher of that module."""
    optim = ("import torch\n\ndef get_optimizer(parameters):\n"
             "    return torch.optim.Adam(parameters, lr=1e-5)\n")
    glue = ("from logging import getLogger\nfrom optim import get_optimizer\n"
            "logger = getLogger()\n\n"
            "def run_glue(model):\n"
            "    opt = get_optimizer(model.parameters())\n"
            "    for x in data:\n        model(x).mean().backward()\n"
            "        opt.step()\n")
    finetune = ("import argparse, torch\nfrom evaluation.glue import run_glue\n"
                "p = argparse.ArgumentParser()\np.add_argument('--model_path', default='')\n"
                "args = p.parse_args()\nmodel = torch.load(args.model_path)\n"
                "run_glue(model)\n")
    lines = show(tmp_path, {"evaluation/__init__.py": "", "evaluation/glue.py": glue,
                            "optim.py": optim,
                            "glue_xnli.py": finetune, "train.py": PRODUCER})
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("train.py -> glue_xnli.py", "medium")]


def test_a_wrapper_classs_save_and_load_bound_by_each_script(tmp_path):
    """Objects across files (White-Link's shape): `classifier.save(os.path.join(out, ds))`
    in ucr.py and uea.py, `classifier.load(...)` in transfer_ucr.py, all through one
    wrapper class whose methods append `_encoder.pth`. Each script's own path reaches the
    wrapper, so the save and the load there are not one helper's cache; a script that
    imports ucr.py for its data loader does not launch ucr.py's training; the wrapper's save
    the reading script never calls does not run there; and of the two writers, the one whose
    name the reader shares ('ucr') is the partner."""
    wrapper = ("import torch\n\nclass Classifier:\n"
               "    def save(self, prefix_file):\n"
               "        torch.save(self.encoder.state_dict(),\n"
               "                   prefix_file + '_' + self.arch + '_encoder.pth')\n"
               "    def load(self, prefix_file):\n"
               "        self.encoder.load_state_dict(\n"
               "            torch.load(prefix_file + '_' + self.arch + '_encoder.pth'))\n"
               "    def fit(self, x):\n        opt = torch.optim.Adam(self.encoder.parameters())\n"
               "        for b in x:\n            self.encoder(b).mean().backward()\n"
               "            opt.step()\n")
    def writer(name: str) -> str:
        return ("import argparse, os\nimport wrappers\n\n"
                f"def load_{name}_dataset(path):\n    return path\n\n"
                "def fit_hyperparameters(data):\n    classifier = wrappers.Classifier()\n"
                "    classifier.fit(data)\n    return classifier\n\n"
                "if __name__ == '__main__':\n    p = argparse.ArgumentParser()\n"
                "    p.add_argument('--save_path')\n    p.add_argument('--dataset')\n"
                "    args = p.parse_args()\n"
                "    if args.load:\n        classifier = wrappers.Classifier()\n"
                "    else:\n        classifier = fit_hyperparameters(args.dataset)\n"
                "    classifier.save(os.path.join(args.save_path, args.dataset))\n")
    reader = ("import argparse, os\nimport ucr, wrappers\np = argparse.ArgumentParser()\n"
              "p.add_argument('--save_path')\np.add_argument('--dataset')\nargs = p.parse_args()\n"
              "classifier = wrappers.Classifier()\n"
              "classifier.load(os.path.join(args.save_path, args.dataset))\n"
              "classifier.fit(ucr.load_ucr_dataset(args.dataset))\n")
    lines = show(tmp_path, {"wrappers.py": wrapper, "ucr.py": writer("ucr"),
                            "uea.py": writer("uea"), "transfer_ucr.py": reader})
    linted = [(pair_of(x), confidence_of(x)) for x in lines if "not linted" not in x]
    assert linted == [("ucr.py -> transfer_ucr.py", "medium")]


def test_a_backup_copy_of_a_fine_tuning_script_is_no_partner(tmp_path):
    """What a program is: `fine_tuning/backup.py`, a kept copy of the fine-tuning script,
    loads the same checkpoint, but nobody runs it: only the script itself is paired."""
    loader = ("import torch\nmodel.load_state_dict(torch.load('../pretrain/out/model.pt'))\n"
              + TRAIN_LOOP)
    producer = "import torch\n" + TRAIN_LOOP + "    torch.save(model.state_dict(), 'out/model.pt')\n"
    lines = show(tmp_path, {"pretrain/pretrain.py": producer, "fine_tuning/fine_tuning.py": loader,
                            "fine_tuning/backup.py": loader,
                            "fine_tuning/fine_tuning_old.py": loader})
    assert [pair_of(x) for x in lines] == ["pretrain/pretrain.py -> fine_tuning/fine_tuning.py"]


def test_a_load_that_reaches_into_another_scripts_folder_names_that_script(tmp_path):
    """Paths: pretraining_bert_2.py reads `../pretraining_bert_1/best/best_model`, and both
    scripts save `{save_dir}/best_model` (a folder chosen at run time): the path goes into
    pretraining_bert_1's folder, which says more than the loader's own save fits it."""
    def script(load: str) -> str:
        return ("import json\nfrom transformers import BertForMaskedLM, Trainer\n"
                "hparams = json.load(open('hparams.json'))\nsave_dir = hparams['save_dir']\n"
                f"model = BertForMaskedLM.from_pretrained('{load}')\n"
                "trainer = Trainer(model=model, train_dataset=data)\ntrainer.train()\n"
                "model.save_pretrained(save_dir + '/best_model')\n")
    lines = show(tmp_path, {
        "pretraining_bert_1/pretraining_bert_1.py": script("bert-base-uncased"),
        "pretraining_bert_2/pretraining_bert_2.py": script(
            "../pretraining_bert_1/best/best_model")})
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("pretraining_bert_1/pretraining_bert_1.py -> pretraining_bert_2/pretraining_bert_2.py",
         "medium")]


def test_an_option_defaulting_to_a_hosted_checkpoint_reads_a_local_one_when_given(tmp_path):
    """Framework knowledge and options: ignite's ModelCheckpoint writes the pretraining
    run's checkpoints; `--model_checkpoint` defaults to the authors' URL, read through
    `cached_path` (which returns a local path as it is), so a local checkpoint comes from
    the command line, and the one script that writes checkpoints is the candidate."""
    pretrain = ("import torch\nfrom ignite.engine import Engine, Events\n"
                "from ignite.handlers import ModelCheckpoint\n"
                "trainer = Engine(update)\nopt = torch.optim.Adam(model.parameters(), lr=1e-4)\n"
                "saver = ModelCheckpoint('runs/pretrain', 'checkpoint', n_saved=3)\n"
                "trainer.add_event_handler(Events.EPOCH_COMPLETED, saver, {'mymodel': model})\n"
                "for b in data:\n    model(b).mean().backward()\n    opt.step()\n")
    finetune = ("import argparse, os, torch\nfrom pytorch_pretrained_bert import cached_path\n"
                "URL = 'https://example.org/models/tutorial/'\np = argparse.ArgumentParser()\n"
                "p.add_argument('--model_checkpoint', default=URL)\nargs = p.parse_args()\n"
                "state = torch.load(cached_path(os.path.join(args.model_checkpoint, 'model.pth')))\n"
                "model.load_state_dict(state)\n" + TRAIN_LOOP)
    lines = show(tmp_path, {"pretraining_train.py": pretrain, "finetuning_train.py": finetune})
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("pretraining_train.py -> finetuning_train.py", "medium")]


def test_a_detectron2_trainer_subclass_trains_the_script(tmp_path):
    """Framework knowledge: `trainer.train()` of detectron2's DefaultTrainer (here through a
    subclass of the file's own) runs a training loop, not a module's train mode, so the
    detection script that starts from `--checkpoint-path` is a fine-tuning partner."""
    detection = ("import argparse, torch\nfrom detectron2.engine import DefaultTrainer\n\n"
                 "class DownstreamTrainer(DefaultTrainer):\n    pass\n\n"
                 "p = argparse.ArgumentParser()\np.add_argument('--checkpoint-path')\n"
                 "args = p.parse_args()\nstate = torch.load(args.checkpoint_path)\n"
                 "trainer = DownstreamTrainer(cfg, state)\ntrainer.train()\n")
    lines = show(tmp_path, {"pretrain_virtex.py": PRODUCER, "eval_detectron2.py": detection})
    assert [(pair_of(x), confidence_of(x)) for x in lines] == [
        ("pretrain_virtex.py -> eval_detectron2.py", "medium")]


def test_a_pipeline_of_hugging_face_stages_feeds_each_stage_from_the_one_before(tmp_path):
    """Docs as commands, read in order, and what a script is: every stage starts from
    `--model_name_or_path` and trains through a subclass of transformers' Trainer; the
    README runs pretraining, then SFT, then reward modelling, so pretraining feeds SFT and
    the reward model's checkpoint is SFT's (a stage between them), never pretraining's."""
    def stage(name: str) -> str:
        return ("import argparse\nfrom transformers import AutoModelForCausalLM, Trainer\n\n"
                f"class {name}Trainer(Trainer):\n    pass\n\n"
                "p = argparse.ArgumentParser()\np.add_argument('--model_name_or_path')\n"
                "p.add_argument('--output_dir')\nargs = p.parse_args()\n"
                "model = AutoModelForCausalLM.from_pretrained(args.model_name_or_path)\n"
                f"trainer = {name}Trainer(model=model, train_dataset=data)\ntrainer.train()\n"
                "trainer.save_model(args.output_dir)\n")
    readme = ("python pretraining.py --model_name_or_path gpt2 --output_dir outputs-pt\n"
              "python supervised_finetuning.py --model_name_or_path merged-pt --output_dir sft\n"
              "python reward_modeling.py --model_name_or_path merged-sft --output_dir rm\n")
    lines = show(tmp_path, {"pretraining.py": stage("Pt"), "supervised_finetuning.py": stage("Sft"),
                            "reward_modeling.py": stage("Rm"), "README.md": readme})
    linted = [pair_of(x) for x in lines if "not linted" not in x]
    assert "pretraining.py -> supervised_finetuning.py" in linted
    assert "pretraining.py -> reward_modeling.py" not in linted
