"""--fix, --diff, --unsafe-fixes, --statistics and --add-ignore on the command line, and
FT950 (suppressions that silence nothing), as a team adopting ftlint meets them."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "reviews"


def _example(tmp_path: Path) -> Path:
    folder = tmp_path / "reviews"
    shutil.copytree(EXAMPLE, folder)
    return folder


def _codes(run_cli, folder: Path, *files: str) -> list[str]:
    done = run_cli("--output-format", "json", *files, cwd=folder)
    return sorted(f["code"] for f in json.loads(done.stdout))


def test_fix_on_the_shipped_example_removes_the_fixable_findings(run_cli, tmp_path):
    folder = _example(tmp_path)
    before = _codes(run_cli, folder, "train.py", "finetune.py")
    assert {"FT109", "FT501"} <= set(before)
    done = run_cli("--fix", "train.py", "finetune.py", cwd=folder)
    assert "Fixed 2 findings." in done.stderr, done.stderr
    fixed = (folder / "finetune.py").read_text()
    ast.parse(fixed)
    assert 'padding="post"' in fixed and "compute_class_weight(" in fixed
    after = _codes(run_cli, folder, "train.py", "finetune.py")
    assert after == [c for c in before if c not in ("FT109", "FT501")]  # the rest remain
    assert (folder / "train.py").read_text() == (EXAMPLE / "train.py").read_text()


def test_diff_shows_the_fixes_and_writes_nothing(run_cli, tmp_path):
    folder = _example(tmp_path)
    done = run_cli("--diff", "train.py", "finetune.py", cwd=folder)
    assert done.returncode == 1
    assert done.stdout.startswith("--- a/finetune.py\n+++ b/finetune.py\n")
    assert '+x = pad_sequences(tokenizer.texts_to_sequences(texts), maxlen=CONFIG["max_len"], ' \
           'padding="post")' in done.stdout
    assert (folder / "finetune.py").read_text() == (EXAMPLE / "finetune.py").read_text()
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "a.py").write_text("x = 1\n")
    assert run_cli("--diff", "a.py", cwd=clean).returncode == 0


UNSAFE = "import torch\nmodel.load_state_dict(torch.load('c.pt'), strict=False)\n"


def test_unsafe_fixes_wait_for_the_flag(run_cli, tmp_path):
    (tmp_path / "load.py").write_text(UNSAFE)
    done = run_cli("--fix", "load.py", cwd=tmp_path)
    assert "Fixed 0 findings; 1 more with --unsafe-fixes." in done.stderr
    assert (tmp_path / "load.py").read_text() == UNSAFE
    run_cli("--fix", "--unsafe-fixes", "load.py", cwd=tmp_path)
    fixed = (tmp_path / "load.py").read_text()
    assert "incompatible = model.load_state_dict(" in fixed
    assert _codes(run_cli, tmp_path, "load.py") == []


def test_fix_keeps_the_files_encoding_and_line_endings(run_cli, tmp_path):
    text = UNSAFE.replace("\n", "\r\n")
    (tmp_path / "load.py").write_bytes(b"\xef\xbb\xbf" + text.encode())
    run_cli("--fix", "--unsafe-fixes", "load.py", cwd=tmp_path)
    data = (tmp_path / "load.py").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfimport torch\r\n")
    assert b"incompatible = model" in data


def test_statistics_count_per_rule(run_cli, tmp_path):
    folder = _example(tmp_path)
    done = run_cli("--statistics", "train.py", "finetune.py", cwd=folder)
    assert done.returncode == 1
    rows = done.stdout.splitlines()
    assert "1  FT501  [*] sample-weights-as-class-weight" in rows
    assert "1  FT401      learning-rate-increased" in rows
    assert len(rows) == 5


def test_add_ignore_adopts_a_legacy_project_and_the_next_run_is_clean(run_cli, tmp_path):
    folder = _example(tmp_path)
    (folder / "finetune.py").write_text((folder / "finetune.py").read_text().replace(
        'model.fit(x, labels, epochs=CONFIG["epochs"], class_weight=weights)',
        'model.fit(x, labels, epochs=CONFIG["epochs"], class_weight=weights)  # ftlint: ignore[FT4]'))
    done = run_cli("--add-ignore", "train.py", "finetune.py", cwd=folder)
    # five findings on four lines: FT108 and FT109 share one
    assert done.returncode == 0 and "Added 4 suppression comments in 1 file." in done.stderr
    text = (folder / "finetune.py").read_text()
    ast.parse(text)
    assert "tokenizer.fit_on_texts(texts)  # ftlint: ignore[FT107]\n" in text
    assert "class_weight=weights)  # ftlint: ignore[FT4,FT501]\n" in text  # merged
    again = run_cli("train.py", "finetune.py", cwd=folder)
    assert again.returncode == 0, again.stdout
    # FT4 on the fit line silences nothing: it is reported, as info
    assert "finetune.py:18:" in again.stdout and "FT950" in again.stdout


def test_a_suppression_outliving_its_finding_is_reported_and_fixed(run_cli, tmp_path):
    (tmp_path / "train.py").write_text("import torch\nopt = torch.optim.Adam(m.parameters(), lr=1e-3)\n")
    (tmp_path / "finetune.py").write_text(
        "import torch\nopt = torch.optim.Adam(m.parameters(), lr=1e-4)  # ftlint: ignore[FT401]\n")
    done = run_cli("--output-format", "concise", "train.py", "finetune.py", cwd=tmp_path)
    assert done.stdout.strip() == ("finetune.py:2:50: FT950 [info] `# ftlint: ignore[FT401]` "
                                   "silences nothing on this line")
    # alone, the file cannot show FT401 (a pair rule): its suppression is not judged
    assert run_cli("finetune.py", "--output-format", "concise", cwd=tmp_path).stdout == ""
    run_cli("--fix", "train.py", "finetune.py", cwd=tmp_path)
    assert (tmp_path / "finetune.py").read_text().endswith("lr=1e-4)\n")


def _notebook(cells: list[str]) -> str:
    """A notebook as nbformat writes it (indent 1, a trailing newline), a markdown cell
    first; each code cell's source stored as a list of lines."""
    document = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Fine-tuning"]}]
                + [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                    "source": cell.splitlines(True)} for cell in cells],
                "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
                "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def test_fix_and_add_ignore_edit_a_notebooks_cells(run_cli, tmp_path):
    """The joined code of a notebook is fixed like a file, then put back into its cells:
    IPython lines (`%matplotlib`) and other cells stay as they were, a line a fix inserts
    joins its cell, the JSON keeps nbformat's layout."""
    (tmp_path / "probe.ipynb").write_text(_notebook([
        "%matplotlib inline\nimport torch\n",
        UNSAFE.split("\n", 1)[1] + "print('loaded')",
        "opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"]))
    run_cli("--fix", "--unsafe-fixes", "probe.ipynb", cwd=tmp_path)
    cells = json.loads((tmp_path / "probe.ipynb").read_text())["cells"]
    assert cells[0]["source"] == ["# Fine-tuning"] and cells[3]["source"] == [
        "opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"]
    assert cells[1]["source"] == ["%matplotlib inline\n", "import torch\n"]
    fixed = "".join(cells[2]["source"])
    assert fixed.startswith("incompatible = model.load_state_dict(") and "missing_keys" in fixed
    assert fixed.endswith("print('loaded')")
    assert _codes(run_cli, tmp_path, "probe.ipynb") == []
    # --add-ignore on a notebook: the comment goes on the cell's line
    (tmp_path / "legacy.ipynb").write_text(_notebook(["import torch\n", UNSAFE.split("\n", 1)[1]]))
    done = run_cli("--add-ignore", "legacy.ipynb", cwd=tmp_path)
    assert "Added 1 suppression comment in 1 file." in done.stderr, done.stderr
    cells = json.loads((tmp_path / "legacy.ipynb").read_text())["cells"]
    assert cells[2]["source"][0].endswith("strict=False)  # ftlint: ignore[FT702]\n")
    assert _codes(run_cli, tmp_path, "legacy.ipynb") == []
    text = (tmp_path / "legacy.ipynb").read_text()
    assert text == json.dumps(json.loads(text), indent=1, ensure_ascii=False) + "\n"
