"""Settings from initializationOptions and workspace/didChangeConfiguration, and pyproject.toml
changes picked up without a restart."""

from __future__ import annotations

import pytest
from lsp_session import codes, open_file, open_until, replace_text, start, until
from lsprotocol import types


@pytest.mark.asyncio
async def test_initialization_options_ignore_and_severity(client, pair):
    await start(client, pair, {"ignore": ["FT401"], "severity": {"FT202": "info"},
                               "docsUrl": "https://example.org/rules#{code}"})
    uri = await open_until(client, pair / "finetune.py", "FT202")
    assert codes(client.diagnostics, uri) == ["FT202"]
    (normalization,) = client.diagnostics[uri]
    assert normalization.severity == types.DiagnosticSeverity.Information
    assert normalization.code_description.href == "https://example.org/rules#FT202"


@pytest.mark.asyncio
async def test_did_change_configuration_applies_at_once(client, pair):
    await start(client, pair)
    uri = open_file(client, pair / "finetune.py")
    await until(client, lambda d: codes(d, uri) == ["FT202", "FT401"])
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"ftlint": {"select": ["FT4"], "severity": {"FT401": "error"}}}))
    await until(client, lambda d: codes(d, uri) == ["FT401"])
    assert client.diagnostics[uri][0].severity == types.DiagnosticSeverity.Error
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"ftlint": {"enable": False}}))
    await until(client, lambda d: codes(d, uri) == [])


@pytest.mark.asyncio
async def test_extra_pairs_from_settings(client, tmp_path):
    (tmp_path / "base.py").write_text("from torch.optim import SGD\nopt = SGD(params, lr=0.01)\n")
    (tmp_path / "tune.py").write_text("from torch.optim import SGD\nopt = SGD(params, lr=0.5)\n")
    await start(client, tmp_path, {"pairs": [{"pretrain": "base.py", "finetune": "tune.py"}]})
    await open_until(client, tmp_path / "tune.py", "FT401")


@pytest.mark.asyncio
async def test_pyproject_change_is_picked_up_without_a_restart(client, pair):
    await start(client, pair)
    uri = open_file(client, pair / "finetune.py")
    await until(client, lambda d: codes(d, uri) == ["FT202", "FT401"])
    # the server asked to be told of file changes (sent before the diagnostics above)
    assert {r.method for r in client.registrations} == {"workspace/didChangeWatchedFiles"}
    pyproject = pair / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("[tool.ftlint]\n",
                                                       "[tool.ftlint]\nignore = [\"FT202\"]\n"))
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=pyproject.as_uri(), type=types.FileChangeType.Changed)]))
    await until(client, lambda d: codes(d, uri) == ["FT401"])


@pytest.mark.asyncio
async def test_pyproject_change_is_seen_by_clients_that_do_not_watch_files(client, pair):
    await start(client, pair)
    uri = open_file(client, pair / "finetune.py")
    await until(client, lambda d: codes(d, uri) == ["FT202", "FT401"])
    pyproject = pair / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("[tool.ftlint]\n",
                                                       "[tool.ftlint]\nignore = [\"FT4\"]\n"))
    replace_text(client, pair / "finetune.py", "new data", "new images", version=2)
    await until(client, lambda d: codes(d, uri) == ["FT202"])


@pytest.mark.asyncio
async def test_broken_pyproject_is_logged_and_defaults_apply(client, pair):
    (pair / "pyproject.toml").write_text("[tool.ftlint\nselect = \n")
    await start(client, pair)
    await open_until(client, pair / "finetune.py", "FT401")
    assert any("invalid TOML" in m.message for m in client.log_messages)
