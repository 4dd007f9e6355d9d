"""The FT8xx data rules on pairs of scripts with data files built here, through the engine."""

from __future__ import annotations

import json

import numpy as np

from ftlint.config import Config
from ftlint.engine import Linter
from ftlint.rules_loader import load_rules

RULES = load_rules()


def lint(folder, train: str, finetune: str, files: dict, data: bool = True, **options):
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    (folder / "train.py").write_text(train)
    (folder / "finetune.py").write_text(finetune)
    linter = Linter(Config(root=folder, data=data, options=options), rules=RULES)
    return linter.finish(linter.lint_pair(str(folder / "train.py"), str(folder / "finetune.py")))


def codes(findings) -> list[str]:
    return [f.code for f in findings if f.code.startswith("FT8")]


def labels_csv(counts: dict, text: str = "some words here") -> str:
    return "text,label\n" + "".join(f'"{text}, {i}",{k}\n' for k, n in counts.items()
                                    for i in range(n))


TRAIN = "import pandas as pd\ndf = pd.read_csv('pre.csv')\ny = df['label']\nmodel.fit(x, y)\n"
FINETUNE = ("import pandas as pd\nDATA = 'ft.csv'\n\ndf = pd.read_csv(DATA)\nlabels = df.pop('label')\n"
            "model.fit(df, labels{extra})\n")


# -- FT801: the bar ----------------------------------------------------------------------------
def test_95_5_without_weighting_is_reported_with_counts_and_the_reading_line(tmp_path):
    files = {"pre.csv": labels_csv({"ham": 95, "spam": 5}), "ft.csv": labels_csv({"ham": 950,
                                                                                   "spam": 50})}
    findings = lint(tmp_path, TRAIN, FINETUNE.format(extra=""), files)
    imbalance = [f for f in findings if f.code == "FT801"]
    assert len(imbalance) == 1
    finding = imbalance[0]
    assert (finding.span.path, finding.span.line) == (str(tmp_path / "finetune.py"), 4)
    assert "'ham' 950 (95.0%), 'spam' 50 (5.0%) of 1,000" in finding.message
    assert finding.related[0].span.path == str((tmp_path / "ft.csv").resolve())
    assert codes(findings) == ["FT801"]  # same skew in pretraining: no shift to report


def test_correctly_weighted_pair_says_nothing(tmp_path):
    files = {"pre.csv": labels_csv({"ham": 95, "spam": 5}), "ft.csv": labels_csv({"ham": 950,
                                                                                   "spam": 50})}
    weighted = ("import numpy as np\nfrom sklearn.utils.class_weight import compute_class_weight\n"
                + FINETUNE.format(extra=", class_weight=cw").replace(
                    "model.fit", "w = compute_class_weight('balanced', classes=np.unique(labels), "
                    "y=labels)\ncw = dict(enumerate(w))\nmodel.fit"))
    assert codes(lint(tmp_path, TRAIN, weighted, files)) == []
    sampler = FINETUNE.format(extra="").replace(
        "model.fit(df, labels)", "import torch\nsampler = torch.utils.data.WeightedRandomSampler(w, n)")
    assert codes(lint(tmp_path, TRAIN, sampler, files)) == []


def test_without_data_mode_nothing_is_read(tmp_path):
    files = {"pre.csv": labels_csv({"ham": 50, "spam": 50}), "ft.csv": labels_csv({"ham": 95,
                                                                                  "spam": 5})}
    assert codes(lint(tmp_path, TRAIN, FINETUNE.format(extra=""), files, data=False)) == []


def test_unknown_path_or_column_yields_nothing(tmp_path):
    files = {"pre.csv": labels_csv({"ham": 50, "spam": 50}), "ft.csv": labels_csv({"ham": 95,
                                                                                  "spam": 5})}
    unknown_path = FINETUNE.format(extra="").replace("DATA = 'ft.csv'", "DATA = input()")
    assert codes(lint(tmp_path, TRAIN, unknown_path, files)) == []
    unknown_column = FINETUNE.format(extra="").replace("df.pop('label')", "df.pop(COLUMN)")
    assert codes(lint(tmp_path, TRAIN, unknown_column, files)) == []


def test_labels_from_npy_and_thresholds_as_options(tmp_path):
    train = "import numpy as np\ny = np.load('y_pre.npy')\nmodel.fit(x, y)\n"
    finetune = "import numpy as np\ny_train = np.load('y_ft.npy')\nmodel.fit(x, y_train)\n"
    files = {"y_pre.npy": lambda p: np.save(p, np.arange(100) % 2),
             "y_ft.npy": lambda p: np.save(p, np.array([0] * 80 + [1] * 20))}
    assert codes(lint(tmp_path, train, finetune, files)) == ["FT804"]  # 4:1 is below 10:1
    assert "FT801" in codes(lint(tmp_path, train, finetune, files, **{"imbalance-ratio": 3.0}))


# -- FT802 / FT803 --------------------------------------------------------------------------------
def _folders(counts: dict):
    def build(root):
        for name, n in counts.items():
            (root / name).mkdir(parents=True, exist_ok=True)
            for i in range(n):
                (root / name / f"{i}.png").touch()
    return build


IMG_TRAIN = ("import torch, torchvision\nds = torchvision.datasets.ImageFolder('pre')\n"
             "model = torchvision.models.resnet18(num_classes=2)\n"
             "torch.save(model.state_dict(), 'm.pt')\n")
IMG_FINETUNE = ("import torch, torchvision\nds = torchvision.datasets.ImageFolder(root='ft')\n"
                "model = torchvision.models.resnet18(num_classes=2)\n"
                "model.load_state_dict(torch.load('m.pt'))\n{head}"
                "loader = torch.utils.data.DataLoader(ds)\n")


def test_unseen_classes_with_the_head_kept_are_an_error(tmp_path):
    files = {"pre": _folders({"cat": 5, "dog": 5}), "ft": _folders({"cat": 5, "dog": 5, "fox": 4})}
    findings = lint(tmp_path, IMG_TRAIN, IMG_FINETUNE.format(head=""), files)
    unseen = [f for f in findings if f.code == "FT802"]
    assert len(unseen) == 1 and unseen[0].severity == "error"
    assert "'fox' (4 examples)" in unseen[0].message


def test_a_new_head_makes_new_classes_normal(tmp_path):
    files = {"pre": _folders({"cat": 5, "dog": 5}), "ft": _folders({"cat": 5, "dog": 5, "fox": 4})}
    head = "model.fc = torch.nn.Linear(512, 3)\n"
    assert codes(lint(tmp_path, IMG_TRAIN, IMG_FINETUNE.format(head=head), files)) == []
    small = "model.fc = torch.nn.Linear(512, 2)\n"
    found = lint(tmp_path, IMG_TRAIN, IMG_FINETUNE.format(head=small), files)
    assert codes(found) == ["FT803"]
    assert "has 3 classes" in found[0].message and "output has 2" in found[0].message


def test_num_labels_smaller_than_the_classes(tmp_path):
    train = ("from datasets import load_dataset\nds = load_dataset('json', data_files='pre.jsonl')\n")
    finetune = ("from datasets import load_dataset\nfrom transformers import "
                "AutoModelForSequenceClassification\n"
                "ds = load_dataset('json', data_files={'train': 'ft.jsonl', 'test': 'test.jsonl'})\n"
                "model = AutoModelForSequenceClassification.from_pretrained('bert-base-uncased', "
                "num_labels=NUM)\n")
    records = [{"text": "a b", "label": i % 4} for i in range(40)]
    files = {"pre.jsonl": "\n".join(json.dumps(r) for r in records[:20]),
             "ft.jsonl": "\n".join(json.dumps(r) for r in records)}
    assert codes(lint(tmp_path, train, "NUM = 2\n" + finetune, files)) == ["FT803"]
    assert codes(lint(tmp_path, train, "NUM = 4\n" + finetune, files)) == []


# -- FT804 ------------------------------------------------------------------------------------------
def test_label_shift_severity_grows_with_the_distance(tmp_path):
    train = TRAIN
    finetune = FINETUNE.format(extra="")
    def run(ft_counts):
        files = {"pre.csv": labels_csv({"a": 50, "b": 50}), "ft.csv": labels_csv(ft_counts)}
        return [f for f in lint(tmp_path, train, finetune, files) if f.code == "FT804"]
    assert run({"a": 52, "b": 48}) == []
    moderate = run({"a": 65, "b": 35})
    assert [f.severity for f in moderate] == ["info"] and "distance 0.15" in moderate[0].message
    large = run({"a": 90, "b": 10})
    assert [f.severity for f in large] == ["warning"] and "distance 0.40" in large[0].message


# -- FT805 / FT806 ----------------------------------------------------------------------------------
def _table(shift: float, n: int = 200) -> str:
    rng = np.random.default_rng(0)
    rows = [f"{a:.3f},{b:.3f},{c:.3f}" for a, b, c in
            zip(rng.normal(0, 1, n) + shift, rng.normal(5, 2, n), rng.normal(0, 1, n) * (1 + shift),
                strict=True)]
    return "age,income,score\n" + "\n".join(rows) + "\n"


TAB = ("import pandas as pd\nFEATURES = ['age', 'income', 'score']\ndf = pd.read_csv({path!r})\n"
       "X = df[FEATURES]\n{rest}")


def test_feature_shift_names_the_worst_columns(tmp_path):
    files = {"pre.csv": _table(0), "ft.csv": _table(2)}
    found = lint(tmp_path, TAB.format(path="pre.csv", rest=""), TAB.format(path="ft.csv", rest=""),
                 files)
    shift = [f for f in found if f.code == "FT805"]
    assert len(shift) == 1 and shift[0].severity == "info"
    assert shift[0].message.index("'age'") < shift[0].message.index("'score'")
    assert "'income'" not in shift[0].message
    calm = lint(tmp_path, TAB.format(path="pre.csv", rest=""), TAB.format(path="pre.csv", rest=""),
                {})
    assert codes(calm) == []


def test_reused_scaler_on_shifted_data_is_a_warning(tmp_path):
    files = {"pre.csv": _table(0), "ft.csv": _table(2)}
    train = TAB.format(path="pre.csv", rest="from sklearn.preprocessing import StandardScaler\n"
                       "scaler = StandardScaler().fit(X)\n")
    finetune = ("import joblib\nscaler = joblib.load('scaler.joblib')\n"
                + TAB.format(path="ft.csv", rest="X = scaler.transform(X)\n"))
    found = lint(tmp_path, train, finetune, files)
    assert codes(found) == ["FT806"]
    assert found[0].related[0].message.startswith("scaler reused here")


# -- FT807 --------------------------------------------------------------------------------------------
def test_truncated_share_compared_with_pretraining(tmp_path):
    def texts(words):
        return "\n".join(json.dumps({"text": " ".join(["w"] * (words + i % 5)), "label": i % 2})
                         for i in range(50))
    script = ("from datasets import load_dataset\nfrom transformers import AutoTokenizer\n"
              "tok = AutoTokenizer.from_pretrained('bert-base-uncased')\n"
              "ds = load_dataset('json', data_files={path!r})\n"
              "def encode(batch):\n    return tok(batch['text'], truncation=True, max_length=64)\n"
              "ds = ds.map(encode, batched=True)\n")
    files = {"pre.jsonl": texts(20), "ft.jsonl": texts(100)}
    found = [f for f in lint(tmp_path, script.format(path="pre.jsonl"),
                             script.format(path="ft.jsonl"), files) if f.code == "FT807"]
    assert len(found) == 1
    assert found[0].message.startswith("100% of fine-tuning texts are longer than max_length=64")
    assert "pretraining: 0% over 64" in found[0].message and "whitespace" in found[0].message
    files = {"pre.jsonl": texts(100), "ft.jsonl": texts(100)}
    assert "FT807" not in codes(lint(tmp_path, script.format(path="pre.jsonl"),
                                     script.format(path="ft.jsonl"), files))


# -- FT800 ----------------------------------------------------------------------------------------------
def test_skipped_formats_are_one_info_line_and_linting_goes_on(tmp_path):
    finetune = ("import pandas as pd\nimport joblib\nraw = pd.read_parquet('ft.parquet')\n"
                "url = pd.read_csv('https://example.com/ft.csv')\ny = url['label']\n"
                "from datasets import load_dataset\nimdb = load_dataset('imdb')\n"
                "df = pd.read_csv('junk.csv')\ny = df['label']\n"
                "import torch\nopt = torch.optim.Adam(m.parameters(), lr=1e-2)\n")
    train = TRAIN + "import torch\nopt = torch.optim.Adam(m.parameters(), lr=1e-4)\n"
    files = {"pre.csv": labels_csv({"a": 5, "b": 5}), "junk.csv": b"\x00\x01binary" * 100}
    found = lint(tmp_path, train, finetune, files)
    notes = {f.span.line: f.message for f in found if f.code == "FT800"}
    assert all(f.severity == "info" for f in found if f.code == "FT800")
    assert "Parquet files are not read" in notes[3]
    assert "remote URL" in notes[4]
    assert "hub" in notes[7]
    assert "binary data" in notes[8]
    assert "FT401" in [f.code for f in found]  # the code checks still ran


def test_pickles_and_joblib_files_are_never_opened(tmp_path):
    import pathlib
    import pickle

    class Touch:
        def __reduce__(self):
            return (pathlib.Path.touch, (tmp_path / "unpickled",))

    payload = pickle.dumps(Touch())
    finetune = ("import pandas as pd, joblib, numpy as np\ndf = pd.read_pickle('ft.pkl')\n"
                "y = df['label']\nlabels = joblib.load('labels.joblib')\ny_np = np.load('ft.pkl')\n")
    found = lint(tmp_path, TRAIN, finetune, {"pre.csv": labels_csv({"a": 5, "b": 5}),
                                             "ft.pkl": payload, "labels.joblib": payload})
    assert not (tmp_path / "unpickled").exists()
    notes = [f.message for f in found if f.code == "FT800"]
    assert len([n for n in notes if "ftlint never unpickles" in n]) == 2  # by name, unopened


def test_a_finding_from_a_sample_says_so(tmp_path):
    files = {"pre.csv": labels_csv({"ham": 95, "spam": 5}),
             "ft.csv": labels_csv({"ham": 950}) + "".join(f'"x, {i}",spam\n' for i in range(50))}
    found = [f for f in lint(tmp_path, TRAIN, FINETUNE.format(extra=""), files,
                             **{"data-max-rows": 500}) if f.code.startswith("FT8")]
    assert codes(found) == []  # the first 500 rows are all 'ham': one class, nothing to say
    rows = "".join(labels_csv({"ham": 19, "spam": 1}).splitlines(True)[1:] * 50)
    files["ft.csv"] = "text,label\n" + rows
    found = [f for f in lint(tmp_path, TRAIN, FINETUNE.format(extra=""), files,
                             **{"data-max-rows": 500}) if f.code == "FT801"]
    assert "of 500 (from a sample: the first 500 rows)" in found[0].message
