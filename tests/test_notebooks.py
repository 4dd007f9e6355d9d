"""Jupyter notebooks: cells joined with a line map, IPython syntax made harmless, and
notebooks linted like scripts (pairs, two-phase notebooks, project mode, bad input)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ftlint.notebook import CellLine, NotebookError, cells_to_python, notebook_to_python
from ftlint.source import load


def notebook(*cells: tuple[str, str], language: str = "python", as_lists: bool = True) -> str:
    """Notebook JSON as Jupyter writes it: (cell_type, source) pairs."""
    def cell(kind: str, source: str) -> dict:
        body = source.splitlines(True) if as_lists else source
        extra = {"outputs": [], "execution_count": None} if kind == "code" else {}
        return {"cell_type": kind, "metadata": {}, "source": body, **extra}

    return json.dumps({"cells": [cell(k, s) for k, s in cells],
                       "metadata": {"kernelspec": {"language": language, "name": "k"}},
                       "nbformat": 4, "nbformat_minor": 5}, indent=1)


def write(folder: Path, name: str, *cells: tuple[str, str], **kwargs) -> Path:
    path = folder / name
    path.write_text(notebook(*cells, **kwargs))
    return path


def test_code_cells_join_in_order_with_a_line_map():
    result = notebook_to_python(notebook(("markdown", "# Title\ntext"),
                                         ("code", "import torch\nx = 1"),
                                         ("raw", "ignored"),
                                         ("code", "y = 2\n\nz = 3\n")))
    assert result.source == "import torch\nx = 1\ny = 2\n\nz = 3\n"
    assert result.locate(1) == CellLine(1, 1)
    assert result.locate(2) == CellLine(1, 2)
    assert result.locate(5) == CellLine(3, 3)
    assert result.locate(6) is None and result.locate(0) is None
    assert result.joined_line(3, 1) == 3 and result.joined_line(0, 1) is None


def test_magics_and_shell_escapes_become_harmless_keeping_lines():
    source = ("!pip install torch \\\n    torchvision\n%matplotlib inline\nfiles = !ls data\n"
              "model?\n??model.fit\nfor i in range(2):\n    !echo $i\n"
              "%time y = compute(1)\npip install transformers\nimport torch\n")
    result = cells_to_python([source])
    lines = result.source.splitlines()
    assert len(lines) == len(source.splitlines())
    assert lines == ["pass", "", "pass", "pass", "pass", "pass", "for i in range(2):",
                     "    pass", "y = compute(1)", "pass", "import torch"]
    compile(result.source, "joined", "exec")  # valid Python (compiled, never run)


def test_cell_magics_other_than_python_blank_the_whole_cell():
    result = cells_to_python(["%%bash\necho hi\nls -la", "%%time\nz = f(2)", "x = 1"])
    assert result.source.splitlines() == ["", "", "", "", "z = f(2)", "x = 1"]
    assert result.locate(5) == CellLine(1, 2)


def test_source_as_one_string_and_nbformat3():
    single = notebook_to_python(notebook(("code", "a = 1\nb = 2"), as_lists=False))
    assert single.source == "a = 1\nb = 2\n"
    old = json.dumps({"nbformat": 3, "worksheets": [{"cells": [
        {"cell_type": "code", "input": ["c = 3\n", "d = 4"]}]}]})
    assert notebook_to_python(old).source == "c = 3\nd = 4\n"


@pytest.mark.parametrize("text, message", [
    ("{not json", "invalid JSON"),
    ("[1, 2]", "not an object"),
    ('{"cells": 3}', "no list of cells"),
    ('{"cells": [{"cell_type": "code", "source": 5}]}', "cell 1 has no source text"),
])
def test_malformed_notebooks_raise_one_line_errors(text, message):
    with pytest.raises(NotebookError) as caught:
        notebook_to_python(text)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_file_positions_point_into_the_json(tmp_path):
    path = write(tmp_path, "nb.ipynb", ("markdown", "# x"), ("code", "a = 1\nlr = 0.5"))
    result = notebook_to_python(path.read_text())
    raw = path.read_text().splitlines()
    line, column = result.file_position(2, 1)
    assert raw[line - 1][column - 1:].startswith("lr = 0.5")


PRETRAIN = ("from tensorflow import keras\nfrom tensorflow.keras.optimizers import Adam\n"
            "model.compile(optimizer=Adam(learning_rate=1e-3), loss='mse')\nmodel.fit(x, y)\n"
            "model.save('out/model.keras')\n")
FINETUNE_CELLS = [("code", "%pip install tensorflow\nfrom tensorflow import keras\n"
                           "from tensorflow.keras.optimizers import Adam"),
                  ("markdown", "## Fine-tune"),
                  ("code", "model = keras.models.load_model('out/model.keras')\n"
                           "model.compile(optimizer=Adam(learning_rate=1e-2), loss='mse')\n"
                           "model.fit(x, y)")]  # a script that trains: a fine-tuning partner


def test_notebook_pairs_with_a_script(run_cli, tmp_path):
    (tmp_path / "train.py").write_text(PRETRAIN)
    write(tmp_path, "tune.ipynb", *FINETUNE_CELLS)
    done = run_cli(tmp_path / "train.py", tmp_path / "tune.ipynb", "--output-format", "json")
    assert done.returncode == 1, done.stderr
    [finding] = json.loads(done.stdout)
    assert finding["code"] == "FT401"
    # the line inside cell 3, never line 5 of the joined code, which exists in no file
    assert (finding["cell"], finding["line"], finding["end_line"]) == (3, 2, 2)
    assert "cell_line" not in finding
    assert finding["related"][0]["path"].endswith("train.py")


def test_notebook_pairs_with_a_notebook_in_project_mode(run_cli, tmp_path):
    write(tmp_path, "pretrain.ipynb", ("code", PRETRAIN))
    write(tmp_path, "tune.ipynb", *FINETUNE_CELLS)
    shown = run_cli("--show-pairs", cwd=tmp_path)
    assert "pretrain.ipynb -> tune.ipynb  [high] (pretrain.ipynb saves 'out/model.keras'" in shown.stdout
    done = run_cli(cwd=tmp_path)
    assert done.returncode == 1
    assert "tune.ipynb:cell 3:2:25: FT401 [warning]" in done.stdout
    assert "pretrain.ipynb:cell 1:3:25:" in done.stdout  # the partner's line, by cell


def test_two_phase_notebook(run_cli, tmp_path):
    path = write(tmp_path, "both.ipynb",
                 ("code", "import torch\n# Original training\n"
                          "opt = torch.optim.SGD(model.parameters(), lr=0.01)\ntrain(opt)"),
                 ("markdown", "Now fine-tune"),
                 ("code", "# Fine-tuning\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
                          "train(opt)"))
    shown = run_cli(path, "--show-pairs")
    assert "both.ipynb" in shown.stdout
    done = run_cli(path)
    assert done.returncode == 1
    assert "both.ipynb:cell 3:2:7: FT401" in done.stdout


def test_bad_notebooks_are_reported_and_others_still_checked(run_cli, tmp_path):
    (tmp_path / "broken.ipynb").write_text('{"cells": [')
    write(tmp_path, "r.ipynb", ("code", "x <- 1"), language="R")
    write(tmp_path, "empty.ipynb", ("markdown", "only prose"))
    (tmp_path / "train.py").write_text(PRETRAIN)
    write(tmp_path, "tune.ipynb", *FINETUNE_CELLS)
    done = run_cli(tmp_path, "--output-format", "concise")
    assert done.returncode == 2
    lines = done.stdout.splitlines()
    assert any("broken.ipynb:1:1: FT902 [error] not a notebook: invalid JSON" in ln for ln in lines)
    assert not any("r.ipynb" in ln for ln in lines)  # another kernel's notebook: skipped
    assert not any("empty.ipynb" in ln for ln in lines)  # no code: nothing to check in a folder
    assert any("tune.ipynb" in ln and "FT401" in ln for ln in lines)
    given = run_cli(tmp_path / "r.ipynb")
    assert given.returncode == 2
    assert "r.ipynb:1:1: FT902 [error] not a Python notebook (language r)" in given.stdout
    named = run_cli(tmp_path / "empty.ipynb")
    assert "empty.ipynb:1:1: FT902 [error] notebook has no code" in named.stdout


def test_syntax_error_in_a_cell_costs_only_that_statement(tmp_path):
    path = write(tmp_path, "nb.ipynb", ("code", "import torch"), ("code", "x = (1,"),
                 ("code", "opt = torch.optim.SGD(model.parameters(), lr=0.1)"))
    source = load(str(path))
    assert [p.kind for p in source.problems] == ["syntax"]
    assert any("SGD" in part.module.code for part in source.parts)


def test_suppression_comments_work_in_cells(run_cli, tmp_path):
    (tmp_path / "train.py").write_text(PRETRAIN)
    cells = [FINETUNE_CELLS[0], FINETUNE_CELLS[1],
             ("code", FINETUNE_CELLS[2][1].replace("loss='mse')", "loss='mse')  # ftlint: "
                                                   "ignore[FT401]"))]
    write(tmp_path, "tune.ipynb", *cells)
    done = run_cli(tmp_path / "train.py", tmp_path / "tune.ipynb")
    assert done.returncode == 0 and "All checks passed (2 files)" in done.stdout


def test_python_lines_that_start_like_shell_commands_are_kept():
    from ftlint.notebook import cells_to_python

    source = cells_to_python(['env = gym.make(\n    "CartPole-v1")\n', "ls = [\n    1, 2]\n",
                              "!pip install gym\npip install torch\ncd ..\n"]).source
    assert 'env = gym.make(\n    "CartPole-v1")' in source and "ls = [" in source
    assert "pip install" not in source and "cd .." not in source


def test_a_notebook_without_code_is_skipped_in_a_folder(run_cli, tmp_path):
    import json

    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# Index\nSee the chapters."}]
    (tmp_path / "index.ipynb").write_text(json.dumps(
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {"language_info": {"name": "python"}},
         "cells": cells}))
    (tmp_path / "train.py").write_text("x = 1\n")
    result = run_cli(".", cwd=tmp_path)
    assert result.returncode == 0 and "FT902" not in result.stdout
    assert run_cli("index.ipynb", cwd=tmp_path).returncode == 2  # named: reported
