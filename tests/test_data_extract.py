"""What the data extractor reads off a script: the path (resolved statically), the format,
and the label / feature / text columns it takes; nothing when it cannot tell."""

from __future__ import annotations

import textwrap

import pytest

from ftlint.program import Workspace


def reads(tmp_path, code: str) -> list[dict]:
    path = tmp_path / "script.py"
    path.write_text(textwrap.dedent(code))
    facts = Workspace().module(str(path)).facts
    return [{"path": f.value.value if f.value.known else None, **f.attrs}
            for f in facts if f.kind == "data_read"]


def only(tmp_path, code: str) -> dict:
    found = reads(tmp_path, code)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("code,label", [
    ("import pandas as pd\ndf = pd.read_csv('d.csv')\ny = df['label']\n", "label"),
    ("import pandas as pd\ndf = pd.read_csv('d.csv')\ny = df.label\n", "label"),
    ("import pandas as pd\ndf = pd.read_csv('d.csv')\ntarget = df.pop('target')\n", "target"),
    ("import pandas as pd\ndf = pd.read_csv('d.csv')\ny_train = df['y'].values\n", "y"),
    ("import pandas as pd\ndf = pd.read_csv('d.csv')\nmodel.fit(df[['a']], df['cls'])\n", "cls"),
    ("import numpy as np\ndata = np.load('d.npy')\nX, y = data[:, :-1], data[:, -1]\n", -1),
    ("import numpy as np\ny = np.load('labels.npy')\n", "*"),
    ("import numpy as np\nd = np.load('d.npz')\nlabels = d['labels']\n", "labels"),
])
def test_label_columns(tmp_path, code, label):
    assert only(tmp_path, code)["label"] == label


def test_paths_resolve_like_other_values(tmp_path):
    code = """\
        import argparse, os
        import pandas as pd
        ROOT = "data"
        CFG = {"train": "ft.csv"}
        parser = argparse.ArgumentParser()
        parser.add_argument("--sep", default=";")
        args = parser.parse_args()
        a = pd.read_csv(os.path.join(ROOT, CFG["train"]), sep=args.sep)
        y = a["label"]
        b = pd.read_csv(f"{ROOT}/more.tsv", sep="\\t")
        y2 = b["label"]
    """
    first, second = reads(tmp_path, code)
    assert (first["path"], first["sep"], first["format"]) == ("data/ft.csv", ";", "csv")
    assert (second["path"], second["sep"]) == ("data/more.tsv", "\t")


def test_features_and_text(tmp_path):
    code = """\
        import pandas as pd
        FEATURES = ["age", "income"]
        df = pd.read_csv("d.csv")
        X = df[FEATURES]
        texts = df["review"]
    """
    found = only(tmp_path, code)
    assert found["features"] == ("age", "income") and found["text"] == "review"
    dropped = only(tmp_path, "import pandas as pd\ndf = pd.read_csv('d.csv')\n"
                             "X = df.drop(columns=['label'])\n")
    assert dropped["features"] == ("*except", "label") and dropped["label"] == "label"
    sliced = only(tmp_path, "import numpy as np\ndata = np.load('d.npy')\nX = data[:, :-1]\n")
    assert sliced["features"] == ("*slice", None, -1)


def test_the_tokenized_column_is_the_text(tmp_path):
    code = """\
        import pandas as pd
        from tensorflow.keras.preprocessing.text import Tokenizer
        df = pd.read_csv("d.csv")
        tok = Tokenizer()
        tok.fit_on_texts(df["body"])
    """
    assert only(tmp_path, code)["text"] == "body"


@pytest.mark.parametrize("code,fmt,path", [
    ("import torchvision\nds = torchvision.datasets.ImageFolder(root='imgs/train')\n", "folder",
     "imgs/train"),
    ("import tensorflow as tf\nds = tf.keras.utils.image_dataset_from_directory('imgs', "
     "image_size=(224, 224))\n", "folder", "imgs"),
    ("from keras.preprocessing.image import ImageDataGenerator\ngen = ImageDataGenerator()\n"
     "it = gen.flow_from_directory('imgs')\n", "folder", "imgs"),
    ("from datasets import load_dataset\nds = load_dataset('csv', data_files={'train': 'a.csv', "
     "'test': 'b.csv'})\n", "csv", "a.csv"),
    ("from datasets import load_dataset\nds = load_dataset('json', data_files='a.jsonl')\n",
     "jsonl", "a.jsonl"),
    ("import pandas as pd\ndf = pd.read_json('a.jsonl', lines=True)\ny = df['label']\n", "jsonl",
     "a.jsonl"),
    ("import numpy as np\nd = np.loadtxt('a.txt', delimiter=',')\ny = d[:, -1]\n", "csv", "a.txt"),
])
def test_formats(tmp_path, code, fmt, path):
    found = only(tmp_path, code)
    assert (found["format"], found["path"]) == (fmt, path)


def test_image_sizes_still_come_from_the_same_call(tmp_path):
    path = tmp_path / "script.py"
    path.write_text("import tensorflow as tf\nds = tf.keras.utils.image_dataset_from_directory("
                    "'imgs', image_size=(128, 128))\n")
    kinds = {f.kind: f.value for f in Workspace().module(str(path)).facts}
    assert kinds["image_size"] == (128, 128) and "data_read" in kinds


def test_open_with_csv_and_json_lines(tmp_path):
    code = """\
        import csv, json
        labels = []
        with open("d.csv") as f:
            for row in csv.DictReader(f):
                labels.append(row["label"])
    """
    found = only(tmp_path, code)
    assert (found["format"], found["label"], found["path"]) == ("csv", "label", "d.csv")
    lines = only(tmp_path, "import json\nrecords = [json.loads(l) for l in open('d.jsonl')]\n"
                           "y = [r['label'] for r in records]\n")
    assert (lines["format"], lines["path"]) == ("jsonl", "d.jsonl")


def test_evaluation_data_and_skipped_formats(tmp_path):
    code = """\
        import pandas as pd
        from datasets import load_dataset
        test_df = pd.read_csv("train.csv")
        val = pd.read_csv("data/val.csv")
        raw = pd.read_parquet("d.parquet")
        remote = pd.read_csv("https://example.com/d.csv")
        hub = load_dataset("imdb")
    """
    found = {f["path"]: f for f in reads(tmp_path, code)}
    assert found["train.csv"]["role"] == "eval" and found["data/val.csv"]["role"] == "eval"
    assert "Parquet" in found["d.parquet"]["skip"] + found["d.parquet"].get("unsupported", "")
    assert "remote URL" in found["https://example.com/d.csv"]["skip"]
    assert "hub" in found["imdb"]["unsupported"]


def test_unknown_things_stay_unknown(tmp_path):
    found = only(tmp_path, "import pandas as pd\ndf = pd.read_csv(input())\ny = df[col]\n")
    assert found["path"] is None and found["label"] is None


def test_output_sizes(tmp_path):
    code = """\
        import torch.nn as nn
        from tensorflow import keras
        from transformers import AutoModelForSequenceClassification
        head = keras.layers.Dense(5, activation="softmax")
        hidden = keras.layers.Dense(64, activation="relu")
        model.fc = nn.Linear(512, 7)
        hf = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=3)
    """
    path = tmp_path / "script.py"
    path.write_text(textwrap.dedent(code))
    sizes = [(f.value, f.attr("new_head")) for f in Workspace().module(str(path)).facts
             if f.kind == "output_size"]
    assert sorted(sizes) == [(3, True), (5, False), (7, True)]


def test_labels_through_array_wrappers_and_partial_fit(tmp_path):
    code = ("import torch\nimport pandas as pd\ndf = pd.read_csv('d.csv')\n"
            "y = torch.tensor(df['label'].values)\n")
    assert only(tmp_path, code)["label"] == "label"
    code = "import pandas as pd\ndf = pd.read_csv('d.csv')\nclf.partial_fit(X, df['field'].values)\n"
    assert only(tmp_path, code)["label"] == "field"


def test_renamed_label_and_validation_subsets(tmp_path):
    code = ("from datasets import load_dataset\nds = load_dataset('csv', data_files='d.csv')\n"
            "ds = ds.rename_column('sentiment', 'label')\n")
    assert only(tmp_path, code)["label"] == "sentiment"
    code = ("import tensorflow as tf\na = tf.keras.utils.image_dataset_from_directory('imgs', "
            "validation_split=0.2, subset='validation', seed=1)\n"
            "b = tf.keras.utils.image_dataset_from_directory('imgs', validation_split=0.2, "
            "subset='training', seed=1)\n")
    assert [r["role"] for r in reads(tmp_path, code)] == ["eval", "train"]


def test_a_separator_not_known_is_not_guessed(tmp_path):
    found = only(tmp_path, "import pandas as pd\ndf = pd.read_csv('d.csv', sep=SEP)\ny = df['label']\n")
    assert "not known statically" in found["unsupported"]
    found = only(tmp_path, "import pandas as pd\ndf = pd.read_csv('d.csv', sep=None)\ny = df['label']\n")
    assert "detected at run time" in found["unsupported"]
    found = only(tmp_path, "import pandas as pd\ndf = pd.read_csv('d.txt', delim_whitespace=True)\n"
                           "y = df['label']\n")
    assert found["sep"] is None and "unsupported" not in found
