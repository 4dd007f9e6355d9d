"""Patterns of real research code (issue 3), as small fixtures of our own."""

from __future__ import annotations

import json
import textwrap


def lint(run_cli, folder, files: dict[str, str], *args: str) -> list[dict]:
    for name, code in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(code))
    result = run_cli("--output-format", "json", *args, cwd=folder)
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def codes(findings: list[dict]) -> list[str]:
    return [f["code"] for f in findings]


SHARED_PREPROCESSING = {
    "utils.py": """\
        import nltk
        from nltk.corpus import stopwords
        STOP = set(stopwords.words("english"))

        def clean(text):
            return [w for w in nltk.word_tokenize(text.lower()) if w.isalpha() and w not in STOP]
    """,
    "train.py": """\
        from utils import clean
        import torch
        docs = [clean(t) for t in corpus]
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    """,
    "finetune.py": """\
        import utils
        import torch
        docs = [utils.clean(t) for t in tickets]
        opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    """,
}


def test_preprocessing_in_a_shared_local_module_is_consistent(run_cli, tmp_path):
    assert lint(run_cli, tmp_path, SHARED_PREPROCESSING, "train.py", "finetune.py") == []


def test_local_module_is_followed_into_its_facts(run_cli, tmp_path):
    files = dict(SHARED_PREPROCESSING)
    files["finetune.py"] = """\
        import nltk
        import torch
        docs = [nltk.word_tokenize(t) for t in tickets]
        opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    """
    found = codes(lint(run_cli, tmp_path, files, "train.py", "finetune.py"))
    assert {"FT102", "FT103", "FT105"} <= set(found)  # steps the pretraining gets from utils


def test_an_unreadable_helper_makes_steps_unknown_not_missing(run_cli, tmp_path):
    files = {
        "train.py": "import nltk\nwords = nltk.word_tokenize(text.lower())\n",
        "finetune.py": "import nltk\nfrom textkit.clean import normalize\n"
                       "words = nltk.word_tokenize(normalize(text))\n",
    }
    assert lint(run_cli, tmp_path, files, "train.py", "finetune.py") == []


def test_values_from_a_config_module(run_cli, tmp_path):
    files = {
        "configs/base.py": "LR = 3e-4\nOPTIM = {'lr': 3e-3}\n",
        "configs/__init__.py": "",
        "train.py": "import torch\nfrom configs.base import LR\n"
                    "opt = torch.optim.AdamW(model.parameters(), lr=LR)\n",
        "finetune.py": "import torch\nfrom configs import base as cfg\n"
                       "opt = torch.optim.AdamW(model.parameters(), lr=cfg.OPTIM['lr'])\n",
    }
    found = lint(run_cli, tmp_path, files, "train.py", "finetune.py")
    assert codes(found) == ["FT401"]
    assert "0.003" in found[0]["message"] and "0.0003" in found[0]["message"]


def test_adapter_training_may_use_a_higher_rate(run_cli, tmp_path):
    files = {
        "train.py": "from transformers import TrainingArguments\n"
                    "args = TrainingArguments('out', learning_rate=2e-5)\n",
        "finetune.py": "from peft import LoraConfig, get_peft_model\n"
                       "from transformers import TrainingArguments\n"
                       "model = get_peft_model(model, LoraConfig(r=8))\n"
                       "args = TrainingArguments('out', learning_rate=3e-4)\n",
    }
    assert lint(run_cli, tmp_path, files, "train.py", "finetune.py") == []


def test_self_supervised_recipes_are_not_rate_comparisons(run_cli, tmp_path):
    files = {
        "main_pretrain.py": """\
            import argparse
            import torch
            from lars import LARS
            p = argparse.ArgumentParser()
            p.add_argument("--blr", type=float, default=1.5e-4)
            p.add_argument("--batch_size", type=int, default=4096)
            args = p.parse_args()
            lr = args.blr * args.batch_size / 256
            opt = LARS(model.parameters(), lr=lr, weight_decay=0.05)
        """,
        "main_finetune.py": """\
            import torch
            opt = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
            sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=1000)
        """,
    }
    found = lint(run_cli, tmp_path, files, "main_pretrain.py", "main_finetune.py")
    assert [(f["code"], f["severity"]) for f in found] == [("FT402", "info")]


def test_keras_application_fed_unit_range_pixels(run_cli, tmp_path):
    files = {"finetune.py": """\
        import tensorflow as tf
        base = tf.keras.applications.MobileNetV2(input_shape=(160, 160, 3), include_top=False)
        inputs = tf.keras.Input(shape=(160, 160, 3))
        x = tf.keras.layers.Rescaling(1.0 / 255)(inputs)
        x = base(x, training=False)
    """}
    found = lint(run_cli, tmp_path, files, "finetune.py")
    assert codes(found) == ["FT204"]
    assert "scale to [-1, 1]" in found[0]["message"]


def test_tokenizer_saved_by_the_trainer_is_found(run_cli, tmp_path):
    files = {
        "pretrain.py": """\
            from transformers import AutoTokenizer, AutoModelForMaskedLM, Trainer
            tok = AutoTokenizer.from_pretrained("bert-base-uncased")
            model = AutoModelForMaskedLM.from_pretrained("bert-base-uncased")
            trainer = Trainer(model=model, tokenizer=tok)
            trainer.train()
            trainer.save_model("./mlm-out")
        """,
        "finetune.py": """\
            from transformers import AutoTokenizer
            tok = AutoTokenizer.from_pretrained("./mlm-out")
        """,
    }
    assert lint(run_cli, tmp_path, files, "pretrain.py", "finetune.py") == []
    files["pretrain.py"] = files["pretrain.py"].replace("trainer = Trainer(model=model, tokenizer=tok)",
                                                        "trainer = Trainer(model=model)")
    assert codes(lint(run_cli, tmp_path, files, "pretrain.py", "finetune.py")) == ["FT703"]


def test_rates_scaled_at_run_time_compare_with_each_other(run_cli, tmp_path):
    script = """\
        import argparse
        import torch
        p = argparse.ArgumentParser()
        p.add_argument("--batch_size", type=int, default=64)
        p.add_argument("--lr", type=float, default=None)
        p.add_argument("--blr", type=float, default={blr})
        args = p.parse_args()
        if args.lr is None:
            args.lr = args.blr * args.batch_size / 256
        optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)
    """
    files = {"pretrain.py": script.format(blr=1.5e-4), "finetune.py": script.format(blr=5e-4)}
    found = lint(run_cli, tmp_path, files, "pretrain.py", "finetune.py")
    assert codes(found) == ["FT401"] and "3.33x" in found[0]["message"]
    files["finetune.py"] = files["finetune.py"].replace(
        "model.parameters(), lr=args.lr",
        "param_groups_lrd(model, layer_decay=0.75), lr=args.lr")
    assert lint(run_cli, tmp_path, files, "pretrain.py", "finetune.py") == []  # layer decay


def test_frozen_model_put_in_train_mode_inside_a_helper(run_cli, tmp_path):
    files = {"linear.py": """\
        import torch
        import torchvision

        def run_epoch(net, loader, optimizer):
            net.train()
            for x, y in loader:
                optimizer.step()

        model = torchvision.models.resnet50(weights=None)
        model.load_state_dict(torch.load("simclr.pth"))
        for p in model.parameters():
            p.requires_grad = False
        model.fc = torch.nn.Linear(2048, 10)
        optimizer = torch.optim.Adam(model.fc.parameters(), lr=1e-3)
        run_epoch(model, loader, optimizer)
    """}
    found = lint(run_cli, tmp_path, files, "linear.py")
    assert codes(found) == ["FT604"] and found[0]["line"] == 5


def test_keras_weights_chosen_by_a_default_argument(run_cli, tmp_path):
    files = {"script.py": """\
        import argparse
        from tensorflow import keras
        p = argparse.ArgumentParser()
        p.add_argument("--weights", default="imagenet")
        args = p.parse_args()
        weights = args.weights
        if args.weights == "None":
            weights = None
        gen = keras.preprocessing.image.ImageDataGenerator(rescale=1. / 255)
        base = keras.applications.MobileNetV2(weights=weights, include_top=False)
    """}
    assert codes(lint(run_cli, tmp_path, files, "script.py")) == ["FT204"]


def test_lightning_non_strict_load(run_cli, tmp_path):
    files = {"finetune.py": """\
        from models import SimCLR
        backbone = SimCLR.load_from_checkpoint("simclr.ckpt", strict=False)
    """}
    assert codes(lint(run_cli, tmp_path, files, "finetune.py")) == ["FT702"]


def test_a_teacher_copied_from_its_student_is_not_a_checkpoint_load(run_cli, tmp_path):
    files = {"distill.py": """\
        import torchvision
        student = torchvision.models.resnet50(weights=None)
        teacher = torchvision.models.resnet50(weights=None)
        teacher.load_state_dict(student.state_dict(), strict=False)
    """}
    assert lint(run_cli, tmp_path, files, "distill.py") == []


def test_a_line_indented_with_a_tab_is_still_read(run_cli, tmp_path):
    files = {"train.py": "import torch\nopt = torch.optim.SGD(m.parameters(), lr=0.01)\n",
             "finetune.py": "import torch\ndef main(xla):\n  if xla:\n\t  print('xla')\n"
                            "  return torch.optim.SGD(m.parameters(), lr=0.1)\n"}
    found = lint(run_cli, tmp_path, files, "train.py", "finetune.py")
    assert codes(found) == ["FT401"]  # valid Python for CPython: no syntax error either


def test_a_stage_that_reloads_its_own_best_checkpoint(run_cli, tmp_path):
    files = {"script.py": """\
        from tensorflow import keras
        base = keras.applications.VGG16(weights="imagenet", include_top=False)
        base.trainable = False
        x = base(keras.Input(shape=(180, 180, 3)))
        model.compile(loss="binary_crossentropy", optimizer="rmsprop")
        model.fit(train, callbacks=[keras.callbacks.ModelCheckpoint("feature_extraction.keras")])
        # Fine-tuning: unfreeze the top block
        base.trainable = True
        model.compile(loss="binary_crossentropy", optimizer=keras.optimizers.RMSprop(1e-5))
        model.fit(train, callbacks=[keras.callbacks.ModelCheckpoint("fine_tuning.keras")])
        model = keras.models.load_model("fine_tuning.keras")
    """}
    assert lint(run_cli, tmp_path, files, "script.py") == []


def test_sibling_tasks_from_one_hub_checkpoint_are_not_phases(run_cli, tmp_path):
    files = {"tasks.py": """\
        from transformers import (AutoModelForSequenceClassification,
                                  AutoModelForTokenClassification, Trainer, TrainingArguments)
        model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased")
        trainer = Trainer(model, TrainingArguments("a", learning_rate=2e-5))
        trainer.train()
        model = AutoModelForTokenClassification.from_pretrained("bert-base-uncased")
        trainer = Trainer(model, TrainingArguments("b", learning_rate=1e-4))
        trainer.train()
    """}
    assert lint(run_cli, tmp_path, files, "tasks.py") == []


def test_a_tutorial_chapter_ends_the_fine_tuning_phase_at_the_next_experiment(run_cli, tmp_path):
    files = {"chapter.py": """\
        from tensorflow import keras
        model_a = keras.Sequential([keras.layers.Dense(100, activation="selu"),
                                    keras.layers.Dense(8, activation="softmax")])
        model_a.compile(loss="sparse_categorical_crossentropy", optimizer=keras.optimizers.SGD(1e-3))
        model_a.fit(x, y)
        model_a.save("model_a.h5")
        model_a = keras.models.load_model("model_a.h5")
        model_b = keras.Sequential(model_a.layers[:-1])
        model_b.add(keras.layers.Dense(1, activation="sigmoid"))
        model_b.compile(loss="binary_crossentropy", optimizer=keras.optimizers.SGD(1e-3))
        model_b.fit(x, y > 4)
        # another experiment, from scratch
        model = keras.Sequential([keras.layers.Dense(300, activation="relu"),
                                  keras.layers.Dense(10, activation="softmax")])
        model.compile(loss="sparse_categorical_crossentropy", optimizer=keras.optimizers.SGD(1e-2))
        model.fit(x, y)
    """}
    assert lint(run_cli, tmp_path, files, "chapter.py") == []


def test_a_new_softmax_head_reads_probabilities(run_cli, tmp_path):
    files = {"pretrain.py": """\
        import tensorflow as tf
        criterion = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    """, "probe.py": """\
        from tensorflow.keras.layers import Dense
        from tensorflow.keras.models import Sequential
        probe = Sequential([Dense(5, input_shape=(256,), activation="softmax")])
        probe.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
        probe.fit(features, labels)
    """}
    found = lint(run_cli, tmp_path, files, "pretrain.py", "probe.py")
    assert [f["code"] for f in found if f["severity"] != "info"] == []


def test_a_tfidf_baseline_next_to_a_transformer(run_cli, tmp_path):
    files = {"run_mlm.py": """\
        from transformers import AutoTokenizer
        tokenizer = AutoTokenizer.from_pretrained("roberta-base")
        tokenizer.save_pretrained("dapt")
    """, "finetune.py": """\
        from sklearn.feature_extraction.text import TfidfVectorizer
        from transformers import AutoTokenizer
        tokenizer = AutoTokenizer.from_pretrained("dapt")
        baseline = TfidfVectorizer(lowercase=True, stop_words="english")
    """}
    assert lint(run_cli, tmp_path, files, "run_mlm.py", "finetune.py") == []


def test_configs_and_feature_extractors_are_not_models(run_cli, tmp_path):
    files = {"demo.py": """\
        from transformers import AutoConfig, AutoFeatureExtractor, AutoTokenizer
        tokenizer = AutoTokenizer.from_pretrained("bert-base-cased")
        extractor = AutoFeatureExtractor.from_pretrained("facebook/wav2vec2-base")
        config = AutoConfig.from_pretrained("gpt2", vocab_size=len(tokenizer))
    """}
    assert lint(run_cli, tmp_path, files, "demo.py") == []


def test_batchnorm_inside_a_frozen_submodule_of_a_model_class(run_cli, tmp_path):
    files = {"script.py": """\
        import torch
        from torch import nn

        class Encoder(nn.Module):
            def __init__(self, d):
                super().__init__()
                self.net = nn.Sequential(nn.Linear(d, 64), nn.BatchNorm1d(64), nn.ReLU())

        class Net(nn.Module):
            def __init__(self, d):
                super().__init__()
                self.encoder = Encoder(d)
                self.head = nn.Linear(64, 16)

        def run(model, loader, opt):
            for x, y in loader:
                model.train()
                opt.step()

        model = Net(20)
        run(model, [], torch.optim.Adam(model.parameters(), lr=1e-3))
        torch.save(model.state_dict(), "pretrained.pt")
        for p in model.encoder.parameters():
            p.requires_grad = False
        model.head = nn.Linear(64, 5)
        model.train()
    """}
    found = lint(run_cli, tmp_path, files, "script.py")
    assert [(f["code"], f["line"]) for f in found] == [("FT604", 26)]


def test_optimizers_built_only_to_show_the_api(run_cli, tmp_path):
    files = {"chapter.py": """\
        from tensorflow import keras
        model.compile(loss="mse", optimizer=keras.optimizers.SGD(learning_rate=1e-3))
        model.fit(x, y)
        optimizer = keras.optimizers.SGD(clipvalue=1.0)
        model_a.save("a.h5")
        model_a = keras.models.load_model("a.h5")
        model_a.compile(loss="mse", optimizer=keras.optimizers.SGD(learning_rate=1e-4))
        model_a.fit(x, y)
        optimizer = keras.optimizers.SGD(learning_rate=0.01, decay=1e-4)
    """}
    assert lint(run_cli, tmp_path, files, "chapter.py") == []


def test_an_imported_modules_main_block_does_not_run(run_cli, tmp_path):
    files = {
        "data.py": """\
            import torchvision.transforms as T
            class Folder:
                pass
            if __name__ == "__main__":
                demo = T.Normalize(mean=(0.5, 0.5, 0.5), std=(0.5, 0.5, 0.5))
        """,
        "train.py": "import torchvision.transforms as T\n"
                    "norm = T.Normalize(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225))\n",
        "finetune.py": "import torchvision.transforms as T\nfrom data import Folder\n"
                       "norm = T.Normalize(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225))\n"
                       "ds = Folder()\n",
    }
    assert lint(run_cli, tmp_path, files, "train.py", "finetune.py") == []


def test_a_baseline_vectorizer_is_not_the_transformers_vocabulary(run_cli, tmp_path):
    files = {"run_mlm.py": """\
        from transformers import AutoTokenizer
        tokenizer = AutoTokenizer.from_pretrained("roberta-base")
        tokenizer.save_pretrained("dapt")
    """, "finetune.py": """\
        from sklearn.feature_extraction.text import TfidfVectorizer
        tfidf = TfidfVectorizer()
        X = tfidf.fit_transform(texts)
    """}
    assert lint(run_cli, tmp_path, files, "run_mlm.py", "finetune.py") == []


def test_helpers_calling_helpers_take_linear_time(run_cli, tmp_path):
    # each level calls the one below eight times: path counting would be 8**10 evaluations
    lines = ["import re", "def f0(text):", "    return re.sub(r'\\s+' + text, ' ', text)"]
    for level in range(1, 11):
        lines.append(f"def f{level}(text):")
        lines += [f"    a{i} = f{level - 1}(text)" for i in range(8)]
        lines.append("    return a0")
    lines.append("print(f10('x'))")
    (tmp_path / "helpers.py").write_text("\n".join(lines) + "\n")
    result = run_cli("helpers.py", cwd=tmp_path)  # run_cli gives up after 120 s
    assert result.returncode == 0, result.stdout + result.stderr
