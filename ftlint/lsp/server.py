"""The language server: LSP messages in, the engine's findings out as diagnostics."""

from __future__ import annotations

import asyncio
import logging
import time
import traceback
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from ftlint import __version__
from ftlint.findings import Finding
from ftlint.lsp import actions, convert
from ftlint.lsp.analysis import Analyzer, normalize
from ftlint.lsp.protocol import AnsweredError, TolerantProtocol
from ftlint.lsp.settings import docs_links, parse_settings
from ftlint.rules_loader import load_rules

logger = logging.getLogger("ftlint.lsp")
WATCHED = ("**/*.py", "**/pyproject.toml")


class FtlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("ftlint", __version__, protocol_cls=TolerantProtocol)
        self.analyzer = Analyzer(self.log)
        self.found: dict[str, list[tuple[Finding, types.Diagnostic]]] = {}
        self.rules = {rule.code: rule for rule in load_rules()}
        self.docs = docs_links(list(self.rules), "")
        self._pending: set[str] = set()
        self._timer: asyncio.TimerHandle | None = None
        self.last_analysis_ms = 0.0

    # -- errors and logs ---------------------------------------------------------------
    def report_server_error(self, error: Exception, source: Any) -> None:
        """Log; never stop the server (pygls' default stops it on a bad message)."""
        if isinstance(error, AnsweredError):
            logger.warning("ftlint: %s", error)
            return
        self.protocol.answer_unparsable(error)
        logger.error("ftlint: %s: %s", type(error).__name__, error)

    def log(self, message: str, level: types.MessageType = types.MessageType.Warning) -> None:
        logger.warning("%s", message)
        if self.protocol.initialize_seen:
            self.window_log_message(types.LogMessageParams(type=level, message=message))

    # -- documents and analysis --------------------------------------------------------
    def path_of(self, uri: str) -> str | None:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return normalize(path) if path else None

    def schedule(self, path: str) -> None:
        """Analyse after the user pauses typing (debounceMs; 0 analyses at once)."""
        self._pending.add(path)
        if self._timer is not None:
            self._timer.cancel()
        delay = self.analyzer.settings.debounce_ms / 1000
        self._timer = asyncio.get_running_loop().call_later(delay, self._flush)

    def _flush(self) -> None:
        self._timer = None
        pending, self._pending = self._pending, set()
        self.refresh(pending)

    def refresh(self, paths: set[str]) -> None:
        if not paths:
            return
        self._pending -= paths
        start = time.perf_counter()
        try:
            results = self.analyzer.analyse(paths)
        except Exception:  # a bug must cost these diagnostics, not the server
            self.log("ftlint: analysis failed:\n" + traceback.format_exc(),
                     types.MessageType.Error)
            return
        tracked = self.analyzer.tracked()
        for path in paths | set(results):
            # a file neither open nor paired with an open file has its diagnostics cleared
            self.publish(path, results.get(path, []) if path in tracked else [])
        self.last_analysis_ms = (time.perf_counter() - start) * 1000
        logger.debug("analysed %d file(s) in %.1f ms", len(paths), self.last_analysis_ms)

    def publish(self, path: str, findings: list[Finding]) -> None:
        found = [(f, convert.diagnostic(f, self.analyzer.lines, self.docs)) for f in findings]
        self.found[path] = found
        uri = convert.uri(path)
        document = self.workspace.text_documents.get(uri)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=[d for _, d in found],
            version=document.version if document is not None else None))

    def refresh_open(self) -> None:
        self.refresh(set(self.analyzer.open))

    def apply_settings(self, raw: Any) -> None:
        problems: list[str] = []
        self.analyzer.settings = parse_settings(raw, problems)
        self.docs = docs_links(list(self.rules), self.analyzer.settings.docs_url)
        for problem in problems:
            self.log(f"ftlint settings: {problem}")


server = FtlintServer()


def _python_path(ls: FtlintServer, uri: str) -> str | None:
    path = ls.path_of(uri)
    return path if path is not None and path.endswith(".py") else None


@server.feature(types.INITIALIZE)
def initialize(ls: FtlintServer, params: types.InitializeParams) -> None:
    ls.apply_settings(params.initialization_options)
    folders = [f.uri for f in params.workspace_folders or []] or [params.root_uri or ""]
    ls.analyzer.roots = [p for p in (ls.path_of(f) for f in folders if f) if p]


@server.feature(types.INITIALIZED)
async def initialized(ls: FtlintServer, params: types.InitializedParams) -> None:
    capabilities = ls.client_capabilities.workspace
    watched = capabilities and capabilities.did_change_watched_files
    if watched and watched.dynamic_registration:
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED])
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[
            types.Registration(id="ftlint-watched-files",
                               method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                               register_options=options)]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: FtlintServer, params: types.DidOpenTextDocumentParams) -> None:
    path = _python_path(ls, params.text_document.uri)
    if path is not None:
        ls.analyzer.open_document(path, params.text_document.text)
        ls.refresh({path})


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: FtlintServer, params: types.DidChangeTextDocumentParams) -> None:
    path = _python_path(ls, params.text_document.uri)
    if path is not None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        ls.analyzer.change_document(path, document.source)
        ls.schedule(path)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
def did_save(ls: FtlintServer, params: types.DidSaveTextDocumentParams) -> None:
    path = ls.path_of(params.text_document.uri)
    if path is not None and path.endswith("pyproject.toml"):
        ls.refresh_open()
    elif path is not None and path.endswith(".py"):
        ls.refresh({path})


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: FtlintServer, params: types.DidCloseTextDocumentParams) -> None:
    path = _python_path(ls, params.text_document.uri)
    if path is not None:
        ls.analyzer.close_document(path)
        ls.refresh({path})


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: FtlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    touched: set[str] = set()
    for change in params.changes:
        path = ls.path_of(change.uri)
        if path is None:
            continue
        if path.endswith("pyproject.toml"):
            ls.analyzer.forget_configs()
            touched |= ls.analyzer.open
        elif path.endswith(".py"):
            ls.analyzer.changed_on_disk(path)
            touched |= ls.analyzer.dependents(path)
    ls.refresh(touched)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: FtlintServer,
                                   params: types.DidChangeConfigurationParams) -> None:
    settings = params.settings
    capabilities = ls.client_capabilities.workspace
    if not settings and capabilities and capabilities.configuration:
        pulled = await ls.workspace_configuration_async(types.ConfigurationParams(
            items=[types.ConfigurationItem(section="ftlint")]))
        settings = pulled[0] if pulled else None
    ls.apply_settings(settings)
    ls.analyzer.forget_configs()
    ls.refresh_open()


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_action(ls: FtlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    path = ls.path_of(params.text_document.uri)
    if path is None:
        return []
    return actions.code_actions(path, ls.found.get(path, []), params.range, ls.analyzer.lines)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: FtlintServer, params: types.HoverParams) -> types.Hover | None:
    path = ls.path_of(params.text_document.uri)
    if path is None:
        return None
    return actions.hover(ls.found.get(path, []), params.position, ls.rules)
