"""Where a single file switches from pretraining to fine-tuning."""

from __future__ import annotations

import textwrap

from ftlint.program import Workspace


def phase_lines(tmp_path, code: str):
    path = tmp_path / "script.py"
    path.write_text(textwrap.dedent(code))
    phases = Workspace().phases(str(path))
    if phases is None:
        return None
    return [sorted({f.span.line for f in p.facts if f.kind == "optimizer"}) for p in phases]


def test_explicit_marker(tmp_path):
    assert phase_lines(tmp_path, """\
        import torch
        opt = torch.optim.SGD(m.parameters(), lr=0.1)
        train(opt)
        # ftlint: phase=finetune
        opt = torch.optim.SGD(m.parameters(), lr=0.01)
    """) == [[2], [5]]


def test_headings(tmp_path):
    assert phase_lines(tmp_path, """\
        import torch
        # Stage 1: pretraining on ImageNet
        opt = torch.optim.SGD(m.parameters(), lr=0.1)
        # Stage 2: fine-tune on the target set
        opt = torch.optim.SGD(m.parameters(), lr=0.01)
    """) == [[3], [5]]


def test_keras_fit_unfreeze_compile_fit(tmp_path):
    assert phase_lines(tmp_path, """\
        from tensorflow import keras
        base.trainable = False
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
        model.fit(x, y)
        base.trainable = True
        model.compile(optimizer=keras.optimizers.Adam(1e-5), loss="mse")
        model.fit(x, y)
    """) == [[3], [6]]


def test_one_phase_script_is_not_split(tmp_path):
    assert phase_lines(tmp_path, """\
        # Fine-tune BERT on SST-2
        from transformers import TrainingArguments, Trainer
        args = TrainingArguments("out", learning_rate=2e-5)
        trainer = Trainer(model=model, args=args)
        trainer.train()
        trainer.evaluate()
    """) is None


def test_fine_tuning_comment_without_pretraining_is_not_a_split(tmp_path):
    assert phase_lines(tmp_path, """\
        import torch
        model = load_pretrained()
        data = load_data()
        # fine-tune the whole network
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        for x, y in data:
            opt.step()
    """) is None


def test_shared_helper_belongs_to_both_phases(tmp_path):
    path = tmp_path / "script.py"
    path.write_text(textwrap.dedent("""\
        import nltk
        def prep(text):
            return nltk.word_tokenize(text.lower())
        # Original training
        a = prep(source_text)
        model.compile(optimizer="adam")
        model.fit(a)
        # Fine-tuning
        b = prep(target_text)
        model.compile(optimizer="adam")
        model.fit(b)
    """))
    pretrain, finetune = Workspace().phases(str(path))
    assert any(f.kind == "tokenizer" for f in pretrain.facts)
    assert any(f.kind == "tokenizer" for f in finetune.facts)


def test_loading_the_pretrained_model_is_not_a_pretraining_heading(tmp_path):
    assert phase_lines(tmp_path, """\
        import torch
        # Load the pretrained model
        model = load()
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        # Fine-tune on the new classes
        for x, y in data:
            opt.step()
    """) is None


def test_a_second_model_trained_after_the_first_is_not_a_second_phase(tmp_path):
    assert phase_lines(tmp_path, """\
        from tensorflow import keras
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
        model.fit(x, y)
        baseline.compile(optimizer="sgd", loss="mse")
        baseline.fit(x, y)
    """) is None


def test_a_tutorial_whose_fine_tuning_section_trains_a_head_first(tmp_path):
    assert phase_lines(tmp_path, """\
        from tensorflow import keras
        # A toy model to show freezing
        toy.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
        toy.fit(x, y)
        # Pretraining was done elsewhere; an end-to-end example of fine-tuning
        base.trainable = False
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy")
        model.fit(train_ds)
        base.trainable = True
        model.compile(optimizer=keras.optimizers.Adam(1e-5), loss="binary_crossentropy")
        model.fit(train_ds)
    """) == [[3, 7], [10]]
