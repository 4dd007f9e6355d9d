"""pytest-lsp: a real LSP client talking to `python -m ftlint lsp` over stdio."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "editor_pair"
SERVER = shlex.split(os.environ.get("FTLINT_LSP_CMD", f"{sys.executable} -m ftlint lsp"))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    lsp_client.registrations = []  # what the server asked the client to watch

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        lsp_client.registrations.extend(params.registrations)

    yield lsp_client
    await lsp_client.shutdown_session()


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    """A copy of the editor fixture: train.py, finetune.py, pyproject.toml pairing them."""
    folder = tmp_path / "project"
    shutil.copytree(FIXTURE, folder)
    return folder
