"""What a careful reader resolves: constants, arithmetic, argparse, config dicts, aliases."""

from __future__ import annotations

import textwrap

import pytest

from ftlint.extract import extract
from ftlint.source import parse_text


def optimizer_lrs(code: str) -> list:
    module = extract(parse_text("script.py", textwrap.dedent(code)))
    return [f.attr("lr") for f in module.facts if f.kind == "optimizer"]


@pytest.mark.parametrize(("code", "value", "origin"), [
    ("from tensorflow.keras.optimizers import Adam\nopt = Adam(learning_rate=0.001)\n",
     0.001, "literal"),
    ("import tensorflow as tf\nLR = 1e-3 * 10\nopt = tf.keras.optimizers.SGD(LR)\n",
     0.01, "arithmetic"),
    ("from keras import optimizers\nopt = optimizers.SGD()\n", 0.01, "default"),
    ("import torch.optim as optim\nopt = optim.AdamW(m.parameters(), lr=2e-5)\n", 2e-5, "literal"),
    ("from torch.optim import Adam\nopt = Adam(m.parameters())\n", 1e-3, "default"),
    ("import argparse, torch\np = argparse.ArgumentParser()\n"
     "p.add_argument('--learning-rate', type=float, default=3e-4)\nargs = p.parse_args()\n"
     "opt = torch.optim.Adam(m.parameters(), lr=args.learning_rate)\n", 3e-4, "argparse"),
    ("import argparse, torch\np = argparse.ArgumentParser()\n"
     "p.add_argument('--lr', dest='base_lr', default=0.05)\nopts = p.parse_args()\n"
     "opt = torch.optim.SGD(m.parameters(), lr=opts.base_lr)\n", 0.05, "argparse"),
    ("import torch\nCONFIG = {'optim': {'lr': 0.1}}\n"
     "opt = torch.optim.SGD(m.parameters(), lr=CONFIG['optim']['lr'])\n", 0.1, "config"),
    ("import torch\ncfg = dict(lr=0.2, momentum=0.9)\n"
     "opt = torch.optim.SGD(m.parameters(), lr=cfg.get('lr', 0.5))\n", 0.2, "config"),
    ("import torch\ndef main(args):\n    opt = torch.optim.SGD(m.parameters(), lr=args.lr)\n"
     "if __name__ == '__main__':\n    import argparse\n    p = argparse.ArgumentParser()\n"
     "    p.add_argument('--lr', default=0.3)\n    main(p.parse_args())\n", 0.3, "argparse"),
    ("from transformers import TrainingArguments\nargs = TrainingArguments('out')\n",
     5e-5, "default"),
    ("from tensorflow import keras\nopt = keras.optimizers.Adam(\n"
     "    keras.optimizers.schedules.ExponentialDecay(1e-3, decay_steps=100, decay_rate=0.9))\n",
     1e-3, "schedule"),
])
def test_learning_rate_is_resolved(code, value, origin):
    (lr,) = optimizer_lrs(code)
    assert lr.known and lr.value == pytest.approx(value) and lr.origin == origin


@pytest.mark.parametrize(("code", "why"), [
    ("import torch\ndef make(m, lr):\n    return torch.optim.SGD(m.parameters(), lr=lr)\n",
     "function parameter"),
    ("import torch, yaml\ncfg = yaml.safe_load(open('c.yaml'))\n"
     "opt = torch.optim.SGD(m.parameters(), lr=cfg['lr'])\n", "safe_load"),
    ("import torch\nopt = torch.optim.SGD(m.parameters(), lr=0)\n", "scheduler"),
])
def test_unknown_values_stay_unknown(code, why):
    (lr,) = optimizer_lrs(code)
    assert not lr.known and why in lr.unknown


def test_rate_scaled_by_run_time_quantities_is_marked_runtime():
    (lr,) = optimizer_lrs(
        "import argparse, torch\np = argparse.ArgumentParser()\n"
        "p.add_argument('--blr', default=1e-3)\np.add_argument('--batch_size', default=256)\n"
        "args = p.parse_args()\n"
        "opt = torch.optim.AdamW(m.parameters(), lr=args.blr * args.batch_size / 256)\n")
    assert lr.known and lr.origin == "runtime"


def test_reassigned_constant_is_read_where_it_is_used():
    lrs = optimizer_lrs("import torch\nlr = 0.1\nopt = torch.optim.SGD(m.parameters(), lr=lr)\n"
                        "lr = 0.01\nopt2 = torch.optim.SGD(m.parameters(), lr=lr)\n")
    assert [v.value for v in lrs] == [0.1, 0.01]


def test_strings_and_docstrings_are_not_code():
    lrs = optimizer_lrs('"""Example:\n```python\nopt = torch.optim.SGD(m.parameters(), lr=9.0)\n```\n"""\n'
                        "import torch\nHELP = 'torch.optim.Adam(lr=5.0)'\n"
                        "opt = torch.optim.SGD(m.parameters(), lr=0.1)\n")
    assert [v.value for v in lrs] == [0.1]


@pytest.mark.parametrize(("code", "value"), [
    ("import torch\nfrom dataclasses import dataclass\n@dataclass\nclass Config:\n"
     "    lr: float = 3e-4\n    epochs: int = 10\ncfg = Config()\n"
     "opt = torch.optim.Adam(m.parameters(), lr=cfg.lr)\n", 3e-4),
    ("import torch\nfrom dataclasses import dataclass\n@dataclass\nclass Config:\n"
     "    lr: float = 3e-4\ncfg = Config(lr=1e-5)\n"
     "opt = torch.optim.Adam(m.parameters(), lr=cfg.lr)\n", 1e-5),
    ("import torch\nfrom dataclasses import dataclass, field\n@dataclass\nclass Config:\n"
     "    lr: float = field(default=2e-4)\n"
     "def main(cfg=Config()):\n    pass\nopt = torch.optim.Adam(m.parameters(), lr=Config.lr)\n",
     2e-4),
    ("import torch\nfrom types import SimpleNamespace\nhp = SimpleNamespace(lr=0.02)\n"
     "opt = torch.optim.SGD(m.parameters(), lr=hp.lr)\n", 0.02),
])
def test_config_objects(code, value):
    (lr,) = optimizer_lrs(code)
    assert lr.known and lr.value == pytest.approx(value)


def test_branches_that_cannot_run_are_ignored():
    lrs = optimizer_lrs(
        "import argparse, torch\np = argparse.ArgumentParser()\n"
        "p.add_argument('--optimizer', default='adamw')\nargs = p.parse_args()\n"
        "if args.optimizer == 'sgd':\n    opt = torch.optim.SGD(m.parameters(), lr=0.5)\n"
        "elif args.optimizer == 'adamw':\n    opt = torch.optim.AdamW(m.parameters(), lr=1e-4)\n"
        "USE_LARS = False\nif USE_LARS:\n    opt = torch.optim.SGD(m.parameters(), lr=9.0)\n")
    assert [v.value for v in lrs] == [1e-4]


def test_flags_passed_on_the_command_line_keep_both_branches():
    lrs = optimizer_lrs(
        "import argparse, torch\np = argparse.ArgumentParser()\n"
        "p.add_argument('--finetune', default='')\nargs = p.parse_args()\n"
        "if args.finetune:\n    opt = torch.optim.SGD(m.parameters(), lr=0.5)\n"
        "else:\n    opt = torch.optim.SGD(m.parameters(), lr=0.1)\n")
    assert [v.value for v in lrs] == [0.5, 0.1]


def test_star_imports_resolve_known_names():
    module = extract(parse_text("s.py", textwrap.dedent("""\
        from tensorflow.keras.layers import *
        from tensorflow.keras.models import *
        from tensorflow.keras.optimizers import *
        head = Sequential([Dense(5, activation="softmax")])
        opt = Adam(learning_rate=3e-4)
    """)))
    kinds = {f.kind: f for f in module.facts}
    assert kinds["model"].value == (("Dense", 5, "softmax"),)
    assert kinds["optimizer"].attr("lr").value == 3e-4
