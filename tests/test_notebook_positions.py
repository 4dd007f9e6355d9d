"""One notebook finding, seen through all five output formats and the language server:
every one names the same cell and the same line in it (issue 8's contract). The notebook
has a markdown cell and a magic, so cell numbers and joined lines differ."""

from __future__ import annotations

import json
import re
import sys

from lsp_wire import WireClient

TRAIN = "import torch\nopt = torch.optim.Adam(model.parameters(), lr=1e-4)\n"
CELLS = [("markdown", "# Fine-tune the classifier"),
         ("code", "%pip install torch\nimport torch"),
         ("markdown", "## The optimizer"),
         ("code", "model = load()\n\nopt = torch.optim.Adam(model.parameters(), lr=1e-2)")]
WHERE = (4, 3)  # cell 4 (counting markdown, as Jupyter shows it), line 3 of that cell


def _write(folder):
    (folder / "train.py").write_text(TRAIN)
    notebook = {"cells": [{"cell_type": kind, "metadata": {}, "source": text.splitlines(True),
                           **({"outputs": [], "execution_count": None} if kind == "code" else {})}
                          for kind, text in CELLS],
                "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
                "nbformat": 4, "nbformat_minor": 5}
    (folder / "tune.ipynb").write_text(json.dumps(notebook, indent=1))
    (folder / "pyproject.toml").write_text(
        '[[tool.ftlint.pairs]]\npretrain = "train.py"\nfinetune = "tune.ipynb"\n')


def _from_formats(run_cli, folder) -> dict[str, tuple[int, int]]:
    def out(fmt: str) -> str:
        return run_cli("train.py", "tune.ipynb", "--output-format", fmt, cwd=folder).stdout

    seen = {}
    for fmt in ("text", "concise"):
        match = re.search(r"tune\.ipynb:cell (\d+):(\d+):\d+: FT401", out(fmt))
        seen[fmt] = (int(match.group(1)), int(match.group(2)))
    (finding,) = [f for f in json.loads(out("json")) if f["code"] == "FT401"]
    seen["json"] = (finding["cell"], finding["line"])
    match = re.search(r"title=FT401::cell (\d+), line (\d+): ", out("github"))
    seen["github"] = (int(match.group(1)), int(match.group(2)))
    (result,) = [r for r in json.loads(out("sarif"))["runs"][0]["results"] if r["ruleId"] == "FT401"]
    properties = result["locations"][0]["properties"]
    seen["sarif"] = (properties["cell"], properties["cellLine"])
    assert result["message"]["text"].startswith(f"cell {WHERE[0]}, line {WHERE[1]}: ")
    return seen


def _from_language_server(folder) -> tuple[int, int]:
    client = WireClient([sys.executable, "-m", "ftlint", "lsp"], cwd=folder)
    try:
        client.initialize(folder)
        uris = [f"vscode-notebook-cell:{folder}/tune.ipynb#W{i}" for i in range(len(CELLS))]
        client.notify("notebookDocument/didOpen", {
            "notebookDocument": {"uri": (folder / "tune.ipynb").as_uri(),
                                 "notebookType": "jupyter-notebook", "version": 1,
                                 "cells": [{"kind": 2 if kind == "code" else 1, "document": uri}
                                           for uri, (kind, _) in zip(uris, CELLS, strict=True)]},
            "cellTextDocuments": [{"uri": uri, "languageId": "python" if kind == "code" else "markdown",
                                   "version": 1, "text": text}
                                  for uri, (kind, text) in zip(uris, CELLS, strict=True)]})
        found = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] in uris  # not train.py's twin
                            and any(d["code"] == "FT401" for d in m["params"]["diagnostics"]))
    finally:
        client.stop()
    (diagnostic,) = [d for d in found["params"]["diagnostics"] if d["code"] == "FT401"]
    return uris.index(found["params"]["uri"]) + 1, diagnostic["range"]["start"]["line"] + 1


def test_every_format_and_the_language_server_name_the_same_cell_and_line(run_cli, tmp_path):
    _write(tmp_path)
    seen = _from_formats(run_cli, tmp_path)
    seen["lsp"] = _from_language_server(tmp_path)
    assert seen == dict.fromkeys(seen, WHERE), seen
