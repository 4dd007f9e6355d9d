"""The server while an analysis runs, pull diagnostics, several workspace folders and
notebook documents. A rule that sleeps stands for a slow pair: analysis happens in a
worker thread, so the event loop keeps answering, and a result computed for text the
user has typed over is never shown."""

from __future__ import annotations

import asyncio
import shutil
import time

import pytest
import pytest_lsp
from lsp_session import codes, open_file, replace_document, start, until
from lsprotocol import types

SLOW_RULE = '''
import time
from ftlint.rule import ScriptRule

class Slow(ScriptRule):
    code = "FT798"
    name = "takes-its-time"
    severity = "info"
    summary = "Sleeps, as a large pair takes time"
    explanation = "A rule that stands for a slow analysis."

    def check(self, ctx):
        time.sleep({seconds})
        return []
'''


def with_slow_rule(folder, seconds: float = 2.0) -> None:
    (folder / "myrules").mkdir()
    (folder / "myrules" / "slow.py").write_text(SLOW_RULE.replace("{seconds}", str(seconds)))
    pyproject = folder / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(
        "[tool.ftlint]\n", '[tool.ftlint]\nrule-folders = ["myrules"]\n'))


@pytest.mark.asyncio
async def test_hover_is_answered_while_a_slow_analysis_runs(client, pair):
    with_slow_rule(pair)
    await start(client, pair, {"debounceMs": 0})
    uri = open_file(client, pair / "finetune.py")
    await asyncio.sleep(0.2)  # the analysis has started in the worker
    started = time.monotonic()
    await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=11, character=30)))
    answered = time.monotonic() - started
    assert uri not in client.diagnostics  # the analysis (2 s per script) is still running
    assert answered < 1.5, answered
    await until(client, lambda d: "FT401" in codes(d, uri), timeout=30)


@pytest.mark.asyncio
async def test_a_result_for_text_typed_over_is_never_published(client, pair):
    """v1 has FT401; v2, typed while v1 is analysed, fixes it. v1's result is stale when
    it arrives and must not be shown, not even for a moment."""
    with_slow_rule(pair)
    await start(client, pair, {"debounceMs": 0})
    path = pair / "finetune.py"
    uri = open_file(client, path)
    await asyncio.sleep(0.3)
    fixed = path.read_text().replace("lr=0.01", "lr=0.0001")
    replace_document(client, uri, fixed, version=2)
    seen: list[list[str]] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if uri in client.diagnostics:
            seen.append(codes(client.diagnostics, uri))
            if "FT202" in seen[-1]:  # the v2 analysis (FT202 stays, FT401 is fixed)
                break
        await asyncio.sleep(0.01)
    assert seen and all("FT401" not in state for state in seen), seen


PULL_CAPABILITIES = types.ClientCapabilities(
    text_document=types.TextDocumentClientCapabilities(
        diagnostic=types.DiagnosticClientCapabilities(related_document_support=False),
        synchronization=types.TextDocumentSyncClientCapabilities(did_save=True)),
    workspace=types.WorkspaceClientCapabilities(
        diagnostics=types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)))


async def pull(client, uri: str, previous: str | None = None):
    return await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous))


@pytest.mark.asyncio
async def test_clients_that_pull_get_the_current_texts_diagnostics(client, pair):
    answer = await client.initialize_session(types.InitializeParams(
        capabilities=PULL_CAPABILITIES, root_uri=pair.as_uri(),
        initialization_options={"debounceMs": 0}))
    assert answer.capabilities.diagnostic_provider.inter_file_dependencies
    uri = open_file(client, pair / "finetune.py")
    report = await pull(client, uri)
    assert report.kind == "full"
    assert sorted(str(d.code) for d in report.items) == ["FT202", "FT401"]
    again = await pull(client, uri, report.result_id)
    assert again.kind == "unchanged" and again.result_id == report.result_id
    # the partner is not open, so it cannot pull: its twin diagnostics are pushed
    train = (pair / "train.py").as_uri()
    await until(client, lambda d: "FT401" in codes(d, train))
    assert uri not in client.diagnostics  # the open file is pulled, never pushed
    fixed = (pair / "finetune.py").read_text().replace("lr=0.01", "lr=0.0001")
    replace_document(client, uri, fixed, version=2)
    changed = await pull(client, uri, report.result_id)  # waits for version 2's analysis
    assert changed.kind == "full" and [str(d.code) for d in changed.items] == ["FT202"]


@pytest.mark.asyncio
async def test_each_workspace_folder_reads_its_own_pyproject(client, tmp_path, pair):
    quiet = tmp_path / "quiet"
    shutil.copytree(pair, quiet)
    (quiet / "pyproject.toml").write_text((pair / "pyproject.toml").read_text().replace(
        "[tool.ftlint]\n", '[tool.ftlint]\nignore = ["FT401"]\n'))
    await client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        workspace_folders=[types.WorkspaceFolder(uri=f.as_uri(), name=f.name)
                           for f in (pair, quiet)]))
    loud_uri = open_file(client, pair / "finetune.py")
    quiet_uri = open_file(client, quiet / "finetune.py")
    await until(client, lambda d: "FT401" in codes(d, loud_uri) and "FT202" in codes(d, quiet_uri))
    assert "FT401" not in codes(client.diagnostics, quiet_uri)


def _open_notebook(client, path, cells: list[tuple[str, str]]) -> list[str]:
    """notebookDocument/didOpen, as VS Code sends it; returns the cells' URIs."""
    uris = [f"vscode-notebook-cell:{path}#W{i}sZmlsZQ%3D%3D" for i in range(len(cells))]
    kinds = {"code": types.NotebookCellKind.Code, "markdown": types.NotebookCellKind.Markup}
    client.notebook_document_did_open(types.DidOpenNotebookDocumentParams(
        notebook_document=types.NotebookDocument(
            uri=path.as_uri(), notebook_type="jupyter-notebook", version=1,
            cells=[types.NotebookCell(kind=kinds[kind], document=uri)
                   for uri, (kind, _) in zip(uris, cells, strict=True)]),
        cell_text_documents=[
            types.TextDocumentItem(uri=uri, language_id="python" if kind == "code" else "markdown",
                                   version=1, text=text)
            for uri, (kind, text) in zip(uris, cells, strict=True)]))
    return uris


@pytest.mark.asyncio
async def test_a_notebook_documents_findings_land_on_its_cells(client, pair):
    (pair / "pyproject.toml").write_text((pair / "pyproject.toml").read_text().replace(
        'finetune = "finetune.py"', 'finetune = "finetune.ipynb"'))
    body = (pair / "finetune.py").read_text().split("\n")
    (pair / "finetune.py").unlink()  # the notebook replaces it
    cells = [("code", "\n".join(body[1:5])), ("markdown", "## Fine-tune"),
             ("code", "\n".join(body[5:]))]
    assert "lr=0.01" in cells[2][1].splitlines()[6]
    await start(client, pair)
    first, _, third = _open_notebook(client, pair / "finetune.ipynb", cells)
    await until(client, lambda d: "FT401" in codes(d, third))
    (lr,) = [d for d in client.diagnostics[third] if d.code == "FT401"]
    assert lr.range.start.line == 6 and lr.range.start.character == 12  # in its cell
    assert lr.related_information[0].location.uri == (pair / "train.py").as_uri()
    assert codes(client.diagnostics, first) == []
    # the pretraining file's twin points back into the cell
    train = (pair / "train.py").as_uri()
    await until(client, lambda d: "FT401" in codes(d, train))
    (echo,) = [d for d in client.diagnostics[train] if d.code == "FT401"]
    assert echo.related_information[0].location.uri == third
    assert echo.related_information[0].location.range == lr.range
    assert "(compared in finetune.ipynb: fine-tuning learning rate" in echo.message
