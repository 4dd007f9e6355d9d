"""Helpers for driving the server from a pytest-lsp client like an editor does."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient


async def start(client: LanguageClient, root: Path, options: dict | None = None) -> None:
    await client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        initialization_options=options or {}))


def open_file(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1,
                                             text=path.read_text() if text is None else text)))
    return uri


def replace_document(client: LanguageClient, uri: str, text: str, version: int) -> None:
    """A whole-document change, as after applying a workspace edit."""
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def replace_text(client: LanguageClient, path: Path, old: str, new: str, version: int) -> None:
    """An incremental edit, as an editor sends it: replace the first `old` with `new`."""
    text = path.read_text()
    offset = text.index(old)
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=line, character=column),
                              end=types.Position(line=line, character=column + len(old))),
            text=new)]))


Check = Callable[[dict[str, list[types.Diagnostic]]], bool]


async def until(client: LanguageClient, check: Check, timeout: float = 15.0) -> None:
    """Wait until the client's diagnostics satisfy check (publishes may arrive back to back,
    so poll client.diagnostics rather than waiting for one notification)."""
    async def poll() -> None:
        while not check(client.diagnostics):
            await asyncio.sleep(0.02)

    try:
        await asyncio.wait_for(poll(), timeout)
    except asyncio.TimeoutError:
        pytest.fail(f"diagnostics never matched; last: {client.diagnostics}")


async def open_until(client: LanguageClient, path: Path, *wanted: str,
                     text: str | None = None) -> str:
    """Open a file and wait until its diagnostics include the wanted codes."""
    uri = open_file(client, path, text)
    await until(client, lambda d: uri in d and set(wanted) <= set(codes(d, uri)))
    return uri


def codes(diagnostics: dict, uri: str) -> list[str]:
    return sorted(str(d.code) for d in diagnostics.get(uri, []))
