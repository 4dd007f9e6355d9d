"""What the fifth real-code batch taught (tests/corpus_real, batch 5), as fixtures of our
own. Each test names the part of the model or the extractors it exercises."""

from __future__ import annotations

from tests.test_real_world import codes, lint

QUESTIONS_TRAIN = """\
    import pandas as pd
    from keras.preprocessing import text
    pairs = pd.read_csv("data/pairs.tsv", sep="\\t")
    tk = text.Tokenizer(num_words=5000)
    tk.fit_on_texts(list(pairs.first.astype(str)) + list(pairs.second.astype(str)))
    model.fit(x, y)
    model.save("weights.h5")
"""


def _resume(path: str = "data/pairs.tsv", words: str = "5000") -> str:
    return f"""\
        import pandas as pd
        from keras.preprocessing import text
        from keras.models import load_model
        frame = pd.read_csv("{path}", sep="\\t")
        tk = text.Tokenizer(num_words={words})
        tk.fit_on_texts(list(frame.first.astype(str)) + list(frame.second.astype(str)))
        model = load_model("weights.h5")
        model.fit(x, y)
    """


def test_a_tokenizer_refitted_on_the_same_file_rebuilds_the_same_vocabulary(run_cli, tmp_path):
    """extractors (recipes): a fit's settings and the data file each name it reads come
    from; the same recipe in both scripts is one vocabulary, not a new one (false alarm of
    nq-quora-resume-pair)."""
    files = {"train.py": QUESTIONS_TRAIN, "resume.py": _resume()}
    assert "FT107" not in codes(lint(run_cli, tmp_path, files, "train.py", "resume.py"))


def test_a_tokenizer_refitted_on_other_data_or_settings_is_still_reported(run_cli, tmp_path):
    """extractors (recipes): another file, or another vocabulary size, is another recipe."""
    for resume in (_resume(path="data/other.tsv"), _resume(words="9000")):
        files = {"train.py": QUESTIONS_TRAIN, "resume.py": resume}
        assert "FT107" in codes(lint(run_cli, tmp_path, files, "train.py", "resume.py"))


SAVED_TEXTS_TRAIN = """\
    import numpy as np
    from nltk.corpus import stopwords
    from nltk.stem import SnowballStemmer
    from keras.preprocessing.text import Tokenizer
    rows = np.genfromtxt("tweets.csv", delimiter=",", dtype=None)
    stemmer = SnowballStemmer("english")
    stop = set(stopwords.words("english"))
    clean = [" ".join(stemmer.stem(w) for w in r[1].split() if w not in stop) for r in rows]
    np.save("clean", clean)
    tok = Tokenizer(num_words=3000)
    tok.fit_on_texts(clean)
    model.fit(tok.texts_to_matrix(clean), labels)
    model.save("model.h5")
"""

SAVED_TEXTS_IMPROVE = """\
    import numpy as np
    from keras.models import load_model
    from keras.preprocessing.text import Tokenizer
    clean = np.load("clean.npy")
    tok = Tokenizer(num_words=3000)
    tok.fit_on_texts(clean)
    model = load_model("model.h5")
    model.fit(tok.texts_to_matrix(clean), labels)
"""


def test_texts_saved_after_preprocessing_carry_it_to_the_next_script(run_cli, tmp_path):
    """data flow (data_save -> data_read): fine-tuning reads the array pretraining saved
    after stemming and stop-word removal, and refits the tokenizer on that very array: no
    FT103, FT104 or FT107 (false alarms on ab-sentiment-improve-pair)."""
    files = {"train.py": SAVED_TEXTS_TRAIN, "improve.py": SAVED_TEXTS_IMPROVE}
    found = codes(lint(run_cli, tmp_path, files, "train.py", "improve.py"))
    assert not {"FT103", "FT104", "FT107"} & set(found), found


def test_raw_texts_read_again_still_lack_the_preprocessing(run_cli, tmp_path):
    """data flow: the fine-tuning reads the raw CSV, not the saved array: still FT103."""
    improve = SAVED_TEXTS_IMPROVE.replace('np.load("clean.npy")',
                                          'np.genfromtxt("tweets.csv", delimiter=",")')
    files = {"train.py": SAVED_TEXTS_TRAIN, "improve.py": improve}
    assert "FT103" in codes(lint(run_cli, tmp_path, files, "train.py", "improve.py"))


def _kaggle_resnet(generator: str, weights: str = "resnet50_weights_tf_dim_ordering_tf_kernels"
                   "_notop.h5") -> str:
    return f"""\
        from tensorflow.keras.applications import ResNet50
        from tensorflow.keras.applications.resnet50 import preprocess_input
        from tensorflow.keras.models import Sequential
        from tensorflow.keras.layers import Dense
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        net = Sequential()
        net.add(ResNet50(include_top=False, pooling="avg", weights="weights/{weights}"))
        net.add(Dense(2, activation="softmax"))
        net.layers[0].trainable = False
        net.compile(optimizer="sgd", loss="categorical_crossentropy")
        gen = {generator}
        flow = gen.flow_from_directory("images/train", target_size=(224, 224))
        net.fit(flow, epochs=3)
    """


def test_the_keras_imagenet_weights_file_is_imagenet_weights(run_cli, tmp_path):
    """knowledge (keras_imagenet_file): the published weights file name of the same
    application, given as a path, is its imagenet weights; raw pixels then reach it."""
    script = _kaggle_resnet("ImageDataGenerator()")
    assert "FT204" in codes(lint(run_cli, tmp_path, {"s.py": script}, "s.py"))
    other = _kaggle_resnet("ImageDataGenerator()", weights="my_finetuned_resnet.h5")
    assert "FT204" not in codes(lint(run_cli, tmp_path, {"o.py": other}, "o.py"))


def test_preprocess_input_passed_positionally_is_never_called(run_cli, tmp_path):
    """extractors (ImageDataGenerator's signature) and data flow (sinks): a function bound
    to featurewise_center is a flag, not a scaling ftlint cannot read; by keyword it is."""
    positional = _kaggle_resnet("ImageDataGenerator(preprocess_input)")
    assert "FT204" in codes(lint(run_cli, tmp_path, {"p.py": positional}, "p.py"))
    keyword = _kaggle_resnet("ImageDataGenerator(preprocessing_function=preprocess_input)")
    assert not codes(lint(run_cli, tmp_path, {"k.py": keyword}, "k.py"))


STAR_DATA = """\
    import torch
    from torchvision import datasets, transforms, models
    tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224),
                             transforms.ToTensor()])
    loader = torch.utils.data.DataLoader(datasets.ImageFolder("cats", transform=tf))
"""
STAR_MODEL = """\
    from data import *
    from torch import nn, optim
    net = models.densenet121(pretrained=True)
    for p in net.parameters():
        p.requires_grad = False
    net.classifier = nn.Linear(1024, 2)
    opt = optim.Adam(net.classifier.parameters(), lr=0.003)
"""
STAR_MAIN = """\
    from model import *
    for epoch in range(3):
        for x, y in loader:
            opt.zero_grad()
            net(x).sum().backward()
            opt.step()
        net.eval()
        net.train()
"""


def test_a_star_import_binds_the_imports_of_a_project_file(run_cli, tmp_path):
    """extract (star imports): `from data import *` binds `models` of torchvision here, and
    runs data's module-level code, so its transforms are this script's pipeline."""
    files = {"data.py": STAR_DATA, "model.py": STAR_MODEL}
    found = lint(run_cli, tmp_path, files, "model.py")
    assert [(f["code"], f["path"]) for f in found] == [("FT204", "data.py")]


def test_a_star_import_runs_the_project_file_that_builds_the_model(run_cli, tmp_path):
    """objects (star-imported preludes): `from model import *` runs model.py first, so
    `net` here is its frozen pretrained DenseNet, and net.train() runs its BatchNorm."""
    files = {"data.py": STAR_DATA, "model.py": STAR_MODEL, "main.py": STAR_MAIN}
    assert "FT604" in codes(lint(run_cli, tmp_path, files, "main.py"))
    # the state comes from model.py: unfrozen there, nothing is stale here
    files["model.py"] = STAR_MODEL.replace("p.requires_grad = False", "pass")
    assert "FT604" not in codes(lint(run_cli, tmp_path, files, "main.py"))


def _arch_trainer(default: str) -> str:
    return f"""\
        import argparse
        import torch
        from torchvision import models
        parser = argparse.ArgumentParser()
        parser.add_argument("--arch", default="{default}")
        args = parser.parse_args()

        class Trainer:
            def build(self, arch):
                if arch == "densenet121":
                    self.net = models.densenet121(pretrained=True)
                elif arch == "vgg16":
                    self.net = models.vgg16(pretrained=True)
                for p in self.net.parameters():
                    p.requires_grad = False
                self.net.classifier = torch.nn.Linear(1024, 5)

            def train(self, loader):
                opt = torch.optim.Adam(self.net.classifier.parameters(), lr=1e-3)
                self.net.train()
                for x, y in loader:
                    opt.zero_grad()
                    self.net(x).sum().backward()
                    opt.step()

        trainer = Trainer()
        trainer.build(arch=args.arch)
        trainer.train(loader)
    """


def test_a_branch_ruled_out_by_the_argument_passed_does_not_run(run_cli, tmp_path):
    """machine (dead branches per call): build(arch=args.arch) with the default
    'densenet121' never runs the vgg16 branch, so the frozen network is the DenseNet (with
    BatchNorm), not the last one assigned; with the vgg16 default, nothing is stale."""
    dense = lint(run_cli, tmp_path, {"d.py": _arch_trainer("densenet121")}, "d.py")
    assert "FT604" in codes(dense)
    vgg = lint(run_cli, tmp_path, {"v.py": _arch_trainer("vgg16")}, "v.py")
    assert "FT604" not in codes(vgg)
