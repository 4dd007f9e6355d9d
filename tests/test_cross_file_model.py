"""The program model across a project's files: a class re-exported by a package
(`from .gnn import GraphPred` in models/__init__.py) is instantiated and run like a class
of the script itself, so its loaded encoder and fresh head are seen (FT403 stays silent on
a new task with a new head)."""

from __future__ import annotations

import json
import textwrap


def test_a_class_reexported_by_a_package_is_modelled(tmp_path, run_cli):
    files = {
        "models/__init__.py": "from .gnn import GraphPred\n",
        "models/gnn.py": """\
            import torch

            class Encoder(torch.nn.Module):
                def __init__(self):
                    super().__init__()
                    self.conv = torch.nn.Linear(300, 300)

            class GraphPred(torch.nn.Module):
                def __init__(self):
                    super().__init__()
                    self.gnn = Encoder()
                    self.pred_linear = torch.nn.Linear(300, 12)

                def from_pretrained(self, path):
                    self.gnn.load_state_dict(torch.load(path))
        """,
        "pretrain.py": """\
            import torch
            criterion = torch.nn.CrossEntropyLoss()
            opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        """,
        "finetune.py": """\
            import torch
            from models import GraphPred
            model = GraphPred()
            model.from_pretrained("pretrained.pth")
            criterion = torch.nn.BCEWithLogitsLoss()
            opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        """,
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    done = run_cli("--output-format", "json", "pretrain.py", "finetune.py", cwd=tmp_path)
    assert [f["code"] for f in json.loads(done.stdout)] == []


def test_losses_of_two_classes_of_one_model_library_are_two_heads(tmp_path, run_cli):
    """Facts keep the class they sit in: a pretraining loss in modeling.BertForPreTraining
    and a fine-tuning loss in modeling.BertForEntityTyping belong to two heads (FT403 is
    about the same head), though the whole checkpoint is loaded into the second."""
    modeling = """\
        import torch

        class BertForPreTraining(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.bert = torch.nn.Linear(768, 768)
                self.cls = torch.nn.Linear(768, 30000)

            def forward(self, x, y):
                return torch.nn.CrossEntropyLoss()(self.cls(self.bert(x)), y)

        class BertForEntityTyping(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.bert = torch.nn.Linear(768, 768)
                self.typing = torch.nn.Linear(768, 9)

            def forward(self, x, y):
                return torch.nn.BCEWithLogitsLoss()(self.typing(self.bert(x)), y)
    """
    script = """\
        import torch
        from modeling import {cls}
        model = {cls}()
        model.load_state_dict(torch.load("ernie.bin"))
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-5)
        loss = model(batch, labels)
        loss.backward()
        optimizer.step()
    """
    for name, text in {"modeling.py": modeling,
                       "run_pretrain.py": script.format(cls="BertForPreTraining"),
                       "run_typing.py": script.format(cls="BertForEntityTyping")}.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    done = run_cli("--output-format", "json", "run_pretrain.py", "run_typing.py", cwd=tmp_path)
    assert "FT403" not in [f["code"] for f in json.loads(done.stdout)]


def test_a_branch_the_callers_keyword_rules_out_brings_no_facts(tmp_path, run_cli):
    """Profiles follow a helper's callees, except those only called in a branch its callers'
    literal keywords rule out: `Frames(path, mode="test")` never reaches the scaler fit of
    `mode == "train"` (FT302 would say the fine-tuning refits the scaler)."""
    data = """\
        import pickle
        from sklearn.preprocessing import StandardScaler

        def fit_scaled(rows, path):
            scaler = StandardScaler()
            rows = scaler.fit_transform(rows)
            pickle.dump(scaler, open(path, "wb"))
            return rows

        def load_scaled(rows, path):
            return pickle.load(open(path, "rb")).transform(rows)

        class Frames:
            def __init__(self, rows, path, mode="train"):
                if mode == "train":
                    self.rows = fit_scaled(rows, path)
                elif mode == "test":
                    self.rows = load_scaled(rows, path)
    """
    script = """\
        import torch
        from data import Frames
        frames = Frames(rows, "scaler.pkl", mode="{mode}")
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss.backward()
        optimizer.step()
    """
    for name, text in {"data.py": data, "pretrain.py": script.format(mode="train"),
                       "finetune.py": script.format(mode="test")}.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    done = run_cli("--output-format", "json", "pretrain.py", "finetune.py", cwd=tmp_path)
    assert "FT302" not in [f["code"] for f in json.loads(done.stdout)]


def test_fit_hooks_run_only_where_a_fit_loop_does(tmp_path, run_cli):
    """A LightningModule's train_dataloader (which fits a scaler here) runs under
    trainer.fit only: a script that loads the module to predict (and fits a kNN on its
    embeddings) does not refit the scaler; one that calls trainer.fit does."""
    files = {
        "data.py": """\
            from sklearn.preprocessing import StandardScaler

            def scaled(rows):
                return StandardScaler().fit_transform(rows)
        """,
        "module.py": """\
            import lightning as L
            import torch
            from data import scaled

            class Lit(L.LightningModule):
                def train_dataloader(self):
                    return torch.utils.data.DataLoader(scaled(self.rows))

                def training_step(self, batch, index):
                    return self.net(batch).mean()

                def configure_optimizers(self):
                    return torch.optim.Adam(self.parameters(), lr=1e-3)
        """,
        "pretrain.py": """\
            import lightning as L
            from module import Lit
            trainer = L.Trainer()
            trainer.fit(Lit())
            trainer.save_checkpoint("lit.ckpt")
        """,
        "predict.py": """\
            import lightning as L
            from sklearn.neighbors import KNeighborsRegressor
            from module import Lit
            model = Lit.load_from_checkpoint("lit.ckpt")
            embedding = L.Trainer().predict(model, loader)
            KNeighborsRegressor().fit(embedding, targets)
        """,
    }
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    predicted = run_cli("--output-format", "json", "pretrain.py", "predict.py", cwd=tmp_path)
    assert "FT302" not in [f["code"] for f in json.loads(predicted.stdout)]
    (tmp_path / "tune.py").write_text(textwrap.dedent("""\
        import lightning as L
        from module import Lit
        L.Trainer().fit(Lit.load_from_checkpoint("lit.ckpt"))
    """))
    tuned = run_cli("--output-format", "json", "pretrain.py", "tune.py", cwd=tmp_path)
    assert "FT302" in [f["code"] for f in json.loads(tuned.stdout)]


def test_a_helper_called_once_per_group_fits_a_scaler_per_group(tmp_path, run_cli):
    """Call context across files: pretraining calls the project's `preprocess(frame)` (which
    fits a StandardScaler) once per building inside a loop, so each group is scaled by its
    own statistics; fine-tuning fitting one for the target building follows that, while a
    pretraining that calls the helper once fits one scaler that the fine-tuning refits."""
    helper = """\
        from sklearn.preprocessing import StandardScaler

        def preprocess(frame):
            scaler = StandardScaler()
            return scaler.fit_transform(frame), scaler
    """
    per_group = """\
        from data_loader import preprocess
        parts = []
        for building in buildings:
            data, scaler = preprocess(frames[building])
            parts.append(data)
        model.fit(parts)
    """
    once = """\
        from data_loader import preprocess
        data, scaler = preprocess(frame)
        model.fit(data)
    """
    finetune = """\
        from data_loader import preprocess
        model = load_model('base.h5')
        data, scaler = preprocess(target)
        model.fit(data)
    """
    for name, text in {"data_loader.py": helper, "per_group.py": per_group, "once.py": once,
                       "finetune.py": finetune}.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    grouped = run_cli("--output-format", "json", "per_group.py", "finetune.py", cwd=tmp_path)
    assert "FT302" not in [f["code"] for f in json.loads(grouped.stdout)]
    single = run_cli("--output-format", "json", "once.py", "finetune.py", cwd=tmp_path)
    assert "FT302" in [f["code"] for f in json.loads(single.stdout)]


def test_a_modules_top_level_generator_used_by_name_feeds_the_model(tmp_path, run_cli):
    """Data flow across files: `import morph as mp` runs morph.py's module-level code, and
    `model.fit_generator(mp.train_flow)` feeds its rescale=1/255 generator to VGG16."""
    files = {
        "morph.py": """\
            from keras.preprocessing.image import ImageDataGenerator
            gen = ImageDataGenerator(rescale=1./255)
            train_flow = gen.flow_from_directory('data/train', (128, 128))
        """,
        "train.py": """\
            from keras.applications import VGG16
            from keras import models, layers
            base = VGG16(weights='imagenet', include_top=False)
            model = models.Sequential([base, layers.Dense(1)])
            model.compile(optimizer='adam', loss='binary_crossentropy')
            import morph as mp
            model.fit_generator(mp.train_flow, epochs=5)
        """,
    }
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    done = run_cli("--output-format", "json", "train.py", cwd=tmp_path)
    assert "FT204" in [f["code"] for f in json.loads(done.stdout)]


def test_a_standard_library_call_hides_no_training_step(tmp_path, run_cli):
    """Code ftlint cannot read may weight classes; Python's own modules (traceback) do not,
    so dropping pretraining's class_weight is still seen."""
    (tmp_path / "train.py").write_text("model.fit(x, y, class_weight={0: 1.0, 1: 5.0})\n")
    (tmp_path / "finetune.py").write_text(
        "import traceback\nmodel = keras.models.load_model('m.h5')\n"
        "try:\n    model.fit(x2, y2)\nexcept Exception:\n    print(traceback.format_exc())\n")
    done = run_cli("--output-format", "json", "train.py", "finetune.py", cwd=tmp_path)
    assert "FT503" in [f["code"] for f in json.loads(done.stdout)]


def test_a_pair_rule_supersedes_the_one_script_rule_on_its_line(tmp_path, run_cli):
    """One engine, one finding per hazard: fine-tuning continues a loaded Keras model on
    a scaler fitted again. Alone the script gets FT305 (a scaler fitted for a loaded model);
    with its pretraining script, FT302 names the pretraining fit, and FT305 on that line
    is not repeated."""
    (tmp_path / "train.py").write_text(
        "from sklearn.preprocessing import StandardScaler\nscaler = StandardScaler()\n"
        "X = scaler.fit_transform(rows)\nmodel.fit(X, y)\nmodel.save('base.h5')\n")
    (tmp_path / "finetune.py").write_text(
        "from sklearn.preprocessing import StandardScaler\nfrom tensorflow import keras\n"
        "model = keras.models.load_model('base.h5')\nscaler = StandardScaler()\n"
        "X_new = scaler.fit_transform(new_rows)\nmodel.fit(X_new, y_new)\n")
    alone = run_cli("--output-format", "json", "finetune.py", cwd=tmp_path)
    assert [f["code"] for f in json.loads(alone.stdout)] == ["FT305"]
    paired = run_cli("--output-format", "json", "train.py", "finetune.py", cwd=tmp_path)
    assert [f["code"] for f in json.loads(paired.stdout)] == ["FT302"]
