"""Real editors as ftlint's LSP client: headless Neovim and VS Code (code-server + Chromium).

FTLINT_LSP_CMD replaces the server command Neovim starts, and E2E_PYTHON the interpreter the
VS Code extension runs `-m ftlint lsp` with: point them at something broken to see these
tests fail.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from editor_support import FIXTURE


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the pair fixture (train.py, finetune.py, pyproject.toml pairing them)."""
    folder = tmp_path / "ws"
    shutil.copytree(FIXTURE, folder)
    return folder
