"""Bounded fuzzing: generated programs (hypothesmith) and mutated real-style scripts, each
linted beside a good pair. No exception may escape, no rule or analysis may fail (FT906,
FT907 would be ftlint bugs), the pair's finding stays, and each input finishes in time.

The generated code is only parsed, never run.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import hypothesmith  # the test extra installs it and hypothesis: a missing one fails here
import pytest
from hypothesis import HealthCheck, given, settings

from ftlint import report
from ftlint.config import Config
from ftlint.engine import Linter
from ftlint.program import Workspace

ROOT = Path(__file__).resolve().parent.parent
TRAIN = "import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.01)\n"
FINETUNE = "import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
SECONDS_EACH = 10
# Pieces a mutation inserts: brackets, tabs, form feeds, quotes, operators, deep nesting.
PIECES = ["(", ")", "[", "]", "{", "}", ":", "\t", "\f", "\r", "\u2028", "\\\n", '"', "'",
          '"""', "lambda: ", " and ", "**", " * 10 ** 9", "-" * 300, ".b" * 400, "\x00",
          "# ftlint: ignore", "# ftlint: phase=finetune\n", "if x:\n", "    ", "\ud800",
          "@", "async ", "await ", "yield ", "f'{", "}'", "0x" + "f" * 5000]


def lint_beside_a_good_pair(tmp_path: Path, text: str) -> None:
    files = {name: str(tmp_path / name) for name in ("odd.py", "train.py", "finetune.py")}
    overrides = {files["odd.py"]: text, files["train.py"]: TRAIN,
                 files["finetune.py"]: FINETUNE}
    linter = Linter(Config(root=tmp_path), workspace=Workspace(overrides=overrides))
    started = time.monotonic()
    result = linter.run([(files["odd.py"], files["finetune.py"]),
                         (files["train.py"], files["finetune.py"])], [files["odd.py"]])
    assert time.monotonic() - started < SECONDS_EACH
    codes = [(Path(f.span.path).name, f.code) for f in result.findings]
    assert ("finetune.py", "FT401") in codes, codes
    failures = [f.message for f in result.findings if f.code in ("FT906", "FT907")]
    assert not failures, failures
    for render in (report.as_json, report.concise):  # every finding prints
        render(result.findings)


@settings(max_examples=60, deadline=SECONDS_EACH * 1000, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(source=hypothesmith.from_grammar(auto_target=False))
def test_generated_programs(tmp_path_factory, source):
    lint_beside_a_good_pair(tmp_path_factory.mktemp("gen"), source)


def _scripts() -> list[str]:
    found = sorted((ROOT / "examples").rglob("*.py")) + sorted(
        (ROOT / "tests" / "corpus" / "cases").rglob("*.py"))
    return [p.read_text(encoding="utf-8") for p in found]


def mutate(text: str, rng: random.Random) -> str:
    """One to four edits: insert a piece, delete or duplicate a span, swap or cut lines."""
    for _ in range(rng.randint(1, 4)):
        lines = text.splitlines(keepends=True) or [""]
        choice = rng.randrange(6)
        at = rng.randrange(len(text) + 1)
        if choice == 0:
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif choice == 1:
            text = text[:at] + text[at + rng.randint(1, 40):]
        elif choice == 2:
            text = text[:at] + text[at:at + rng.randint(1, 80)] * rng.randint(2, 5) + text[at:]
        elif choice == 3 and len(lines) > 1:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
        elif choice == 4:
            text = "".join(lines[: rng.randrange(len(lines) + 1)])
        else:
            i = rng.randrange(len(lines))
            text = "".join(lines[:i] + [" " * rng.randint(1, 9) + lines[i]] + lines[i + 1:])
    return text


MUTANTS = 300


@pytest.mark.parametrize("seed", range(MUTANTS))
def test_mutated_scripts(tmp_path, seed):
    rng = random.Random(seed)
    scripts = _scripts()
    lint_beside_a_good_pair(tmp_path, mutate(rng.choice(scripts), rng))
