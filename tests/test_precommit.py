"""The real `pre-commit` tool, installing the ftlint hook from this repository into a
temporary git repository, refuses a commit with a mismatched pair and accepts a
consistent one. The hook environment is built from build/wheelhouse only (no network);
scripts/install.d/30-ci-tools.sh fills it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = ROOT / "build" / "wheelhouse"
DOC = ROOT / "docs" / "integrations.md"
URL_PLACEHOLDER = "<ftlint repository URL>"


def documented_snippet() -> str:
    """The .pre-commit-config.yaml that docs/integrations.md tells users to write."""
    section = DOC.read_text().split("## pre-commit", 1)[1]
    return re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", section, re.S).group(1)


def test_the_documented_rev_is_a_commit_of_main():
    rev = re.search(r"rev: (\S+)", documented_snippet()).group(1)
    assert re.fullmatch(r"[0-9a-f]{40}", rev), rev  # a full SHA: there are no tags yet
    ancestor = subprocess.run(["git", "-C", str(ROOT), "merge-base", "--is-ancestor", rev, "HEAD"],
                              capture_output=True, text=True)
    assert ancestor.returncode == 0, f"{rev} is not in this repository's history"

TRAIN = '''from tensorflow import keras
from tensorflow.keras.optimizers import Adam

model = build_model()
model.compile(optimizer=Adam(learning_rate=1e-3), loss="mse")
model.fit(x, y, epochs=10)
model.save("models/regressor.keras")
'''
FINETUNE = '''from tensorflow import keras
from tensorflow.keras.optimizers import Adam

model = keras.models.load_model("models/regressor.keras")
model.compile(optimizer=Adam(learning_rate={lr}), loss="mse")
model.fit(x_new, y_new, epochs=2)
'''


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "PRE_COMMIT_HOME": str(home),
        "PIP_NO_INDEX": "1",  # the hook's virtualenv installs from the wheelhouse only
        "PIP_FIND_LINKS": str(WHEELHOUSE),
        "GIT_AUTHOR_NAME": "ftlint test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "ftlint test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "PRE_COMMIT_COLOR": "never",
    })
    env.pop("PIP_INDEX_URL", None)
    env.pop("PIP_EXTRA_INDEX_URL", None)
    return env


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """A git repository whose .pre-commit-config.yaml uses this repository's ftlint hook."""
    if not any(WHEELHOUSE.glob("libcst-*.whl")):
        pytest.fail(f"{WHEELHOUSE} has no wheels: run scripts/install.d/30-ci-tools.sh")
    base = tmp_path_factory.mktemp("precommit")
    repo = base / "repo"
    repo.mkdir()
    env = _environment(base / "pre-commit-home")
    # the snippet exactly as documented, with this repository as the URL
    snippet = documented_snippet()
    assert URL_PLACEHOLDER in snippet
    (repo / ".pre-commit-config.yaml").write_text(snippet.replace(URL_PLACEHOLDER, str(ROOT)))
    git = _runner(repo, env)
    git("git", "init", "-q", "-b", "main")
    git(sys.executable, "-m", "pre_commit", "install")
    git("git", "add", ".pre-commit-config.yaml")
    first = git("git", "commit", "-q", "-m", "pre-commit config", check=False)
    assert first.returncode == 0, first.stdout + first.stderr  # builds the hook environment
    return repo, git


def _runner(repo: Path, env: dict[str, str]):
    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True,
                              timeout=600)
        if check and done.returncode != 0:
            raise AssertionError(f"{args} failed:\n{done.stdout}\n{done.stderr}")
        return done

    return run


def _commits(git) -> int:
    return int(git("git", "rev-list", "--count", "HEAD").stdout.strip())


def _stage_pair(repo: Path, git, finetune_lr: str) -> int:
    """Write and stage the pair; returns the number of commits before committing it."""
    (repo / "train.py").write_text(TRAIN)
    (repo / "finetune.py").write_text(FINETUNE.format(lr=finetune_lr))
    git("git", "add", "train.py", "finetune.py")
    return _commits(git)


def test_mismatched_pair_is_refused_with_ftlint_message(repository):
    repo, git = repository
    before = _stage_pair(repo, git, "1e-2")
    done = git("git", "commit", "-m", "mismatched pair", check=False)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "FT401" in output and "learning rate 0.01 is 10x the pretraining rate 0.001" in output
    assert "finetune.py:5:" in output
    assert _commits(git) == before


def test_consistent_pair_is_accepted_and_partner_is_read_from_disk(repository):
    repo, git = repository
    before = _stage_pair(repo, git, "1e-4")
    git("git", "commit", "-q", "-m", "consistent pair")
    assert _commits(git) == before + 1
    # only the fine-tuning script changes: its partner is read from disk, unstaged
    (repo / "finetune.py").write_text(FINETUNE.format(lr="5e-3"))
    git("git", "add", "finetune.py")
    done = git("git", "commit", "-m", "raise the rate", check=False)
    assert done.returncode != 0 and "FT401" in done.stdout + done.stderr
    git("git", "reset", "-q", "--hard")


def test_unpaired_single_phase_files_cost_nothing(repository):
    repo, git = repository
    # a one-phase script in no pair: even a likely problem in it blocks nothing
    (repo / "report.py").write_text("import matplotlib.pyplot as plt\nplt.plot([1, 2])\n"
                                    "plt.savefig('curve.png')\n")
    git("git", "add", "report.py")
    before = _commits(git)
    git("git", "commit", "-q", "-m", "plotting")
    assert _commits(git) == before + 1


def test_mismatched_notebook_is_refused(repository):
    repo, git = repository
    cells = ["!pip install tensorflow\nfrom tensorflow import keras\n"
             "from tensorflow.keras.optimizers import Adam",
             'model = keras.models.load_model("models/regressor.keras")\n'
             'model.compile(optimizer=Adam(learning_rate=0.02), loss="mse")']
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [],
                           "execution_count": None, "source": c.splitlines(True)} for c in cells],
                "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
                "nbformat": 4, "nbformat_minor": 5}
    (repo / "explore.ipynb").write_text(json.dumps(notebook, indent=1))
    git("git", "add", "explore.ipynb")
    before = _commits(git)
    done = git("git", "commit", "-m", "notebook", check=False)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "explore.ipynb:cell 2:2:" in output and "FT401" in output
    assert _commits(git) == before
