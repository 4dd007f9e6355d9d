"""Custom knowledge: functions the user declares in [tool.ftlint] are compared like
built-ins (preprocessing steps, optimizer wrappers with their learning-rate argument)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ftlint.config import ConfigError, parse_table
from ftlint.extract.custom import Knowledge, OptimizerWrapper, Step

DECLARED = '''
[tool.ftlint.preprocessing]
"mylib.text.clean" = ["lowercase", "stopwords"]
"mylib.text.normalize_unicode" = ["char_filter:nfkc"]

[tool.ftlint.optimizers."mylib.train.make_optimizer"]
lr = "lr"
position = 1
default = 1e-3
optimizer = "adamw"
'''

PRETRAIN = '''import nltk
from mylib.text import clean
from mylib.train import make_optimizer

def prepare(text):
    return nltk.word_tokenize(clean(text))

optimizer = make_optimizer(model, 2e-5)
'''
FINETUNE = '''import nltk
from mylib.train import make_optimizer

def prepare(text):
    return nltk.word_tokenize(text)

optimizer = make_optimizer(model, lr=1e-4)
'''


def project(tmp_path: Path, declarations: str, pretrain: str = PRETRAIN,
            finetune: str = FINETUNE) -> tuple[Path, Path]:
    (tmp_path / "pyproject.toml").write_text("[tool.ftlint]\n" + declarations)
    (tmp_path / "pretrain.py").write_text(pretrain)
    (tmp_path / "finetune.py").write_text(finetune)
    return tmp_path / "pretrain.py", tmp_path / "finetune.py"


def codes(run_cli, pair: tuple[Path, Path]) -> dict[str, dict]:
    done = run_cli(*pair, "--output-format", "json", "--exit-zero", cwd=pair[0].parent)
    assert done.returncode == 0, done.stderr
    return {f["code"]: f for f in json.loads(done.stdout)}


def test_declared_functions_are_compared_like_builtins(run_cli, tmp_path):
    found = codes(run_cli, project(tmp_path, DECLARED))
    assert set(found) == {"FT102", "FT103", "FT401"}
    assert "stop words" in found["FT103"]["message"]
    assert found["FT401"]["message"] == (
        "fine-tuning learning rate 0.0001 is 5x the pretraining rate 2e-05")
    assert found["FT401"]["related"][0]["line"] == 8


def test_without_declarations_the_same_scripts_are_silent(run_cli, tmp_path):
    assert codes(run_cli, project(tmp_path, "")) == {}


def test_wrapper_default_rate_applies_when_not_passed(run_cli, tmp_path):
    finetune = FINETUNE.replace("make_optimizer(model, lr=1e-4)", "make_optimizer(model)")
    found = codes(run_cli, project(tmp_path, DECLARED, finetune=finetune))
    assert "0.001 (framework default) is 50x" in found["FT401"]["message"]


def test_declared_family_keeps_rates_apart_from_other_optimizers(run_cli, tmp_path):
    pretrain = ("import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.001)\n")
    found = codes(run_cli, project(tmp_path, DECLARED, pretrain=pretrain))
    assert "FT401" not in found  # adamw wrapper vs SGD: rates of two families
    same_family = pretrain.replace("SGD", "AdamW")
    found = codes(run_cli, project(tmp_path, DECLARED.replace("1e-3", "1e-2"),
                                   pretrain=same_family,
                                   finetune=FINETUNE.replace(", lr=1e-4", "")))
    assert "is 10x the pretraining rate 0.001" in found["FT401"]["message"]


def test_parse_knowledge_tables():
    config = parse_table({"preprocessing": {"a.b": ["lowercase", "stem:porter", "max_length:64",
                                                    "tokenizer:whitespace"]},
                          "optimizers": {"a.opt": {"lr": "learning_rate", "optimizer": "sgd"}}},
                         Path("pyproject.toml"))
    knowledge = config.knowledge
    assert isinstance(knowledge, Knowledge)
    assert knowledge.preprocessing["a.b"] == (Step("lowercase", True), Step("stemming", "stem:porter"),
                                              Step("max_length", 64), Step("tokenizer", "whitespace"))
    assert knowledge.optimizers["a.opt"] == OptimizerWrapper("sgd", "sgd", "learning_rate")
    assert parse_table({}, Path("pyproject.toml")).knowledge is None


@pytest.mark.parametrize("table, message", [
    ({"preprocessing": {"mylib.clean": ["lowercase", "shout"]}}, "unknown step 'shout'"),
    ({"preprocessing": {"clean": ["lowercase"]}}, "give the function's full name"),
    ({"preprocessing": {"a.b": "lowercase"}}, "a list of steps"),
    ({"optimizers": {"a.opt": {"position": 1}}}, 'lr = "<keyword>"'),
    ({"optimizers": {"a.opt": {"lr": "lr", "rate": 1}}}, "unknown key(s) rate"),
    ({"preprocessing": {"a.b": ["max_length:long"]}}, "max_length needs a number"),
])
def test_bad_declarations_are_config_errors(table, message):
    with pytest.raises(ConfigError) as caught:
        parse_table(table, Path("pyproject.toml"))
    assert message in str(caught.value) and "pyproject.toml" in str(caught.value)


def test_bad_declaration_exits_2_with_one_line(run_cli, tmp_path):
    pair = project(tmp_path, '[tool.ftlint.preprocessing]\n"mylib.clean" = ["shout"]\n')
    done = run_cli(*pair, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "unknown step 'shout'" in done.stderr
