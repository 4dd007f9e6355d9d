"""The language server: LSP messages in, the engine's findings out as diagnostics.

Analysis runs in one worker thread, never on the event loop, so hover, code actions,
cancellation and shutdown are answered while a slow pair is analysed. Everything that
touches the analyzer (document texts, settings, configuration) is queued as an operation
and applied by that worker, in order, before the next analysis: the analyzer is only
ever used from one thread. A result is published only if its document has not changed
since (an older version's diagnostics are never shown).

Diagnostics are pulled (`textDocument/diagnostic`, LSP 3.17) by clients that offer it and
pushed to the others; files that are not open (a pair's other script) are pushed to in
both cases. Notebooks arrive as notebook documents; their findings go to their cells.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import logging
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from ftlint import __version__
from ftlint.findings import Finding
from ftlint.lsp import actions, convert
from ftlint.lsp.analysis import Analyzer, normalize
from ftlint.lsp.notebooks import NotebookView
from ftlint.lsp.protocol import AnsweredError, TolerantProtocol
from ftlint.lsp.settings import docs_links, parse_settings
from ftlint.rules_loader import load_rules

logger = logging.getLogger("ftlint.lsp")
WATCHED = ("**/*.py", "**/*.ipynb", "**/pyproject.toml", "**/*.md", "**/*.rst", "**/*.sh")
NOTEBOOK_SYNC = types.NotebookDocumentSyncOptions(notebook_selector=[
    types.NotebookDocumentFilterWithNotebook(
        notebook="jupyter-notebook", cells=[types.NotebookCellLanguage(language="python")])])

Operation = Callable[[], "set[str] | None"]  # run by the worker; may name files to analyse
Found = list[tuple[Finding, types.Diagnostic]]


@dataclass(slots=True)
class Outcome:
    """One analysis, made in the worker: what to show, and the lines it was computed on."""

    found: dict[str, Found] = field(default_factory=dict)  # by path or cell URI
    lines: dict[str, list[str]] = field(default_factory=dict)
    versions: dict[str, int | None] = field(default_factory=dict)  # editor version analysed
    error: str = ""


class FtlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("ftlint", __version__, protocol_cls=TolerantProtocol,
                         notebook_document_sync=NOTEBOOK_SYNC)
        self.analyzer = Analyzer(self.log)
        self.rules = {rule.code: rule for rule in load_rules()}
        self.docs = docs_links(list(self.rules), "")
        self.found: dict[str, Found] = {}  # published, by path or cell URI
        self.lines: dict[str, list[str]] = {}  # the lines those findings were computed on
        self.published: dict[str, int | None] = {}  # editor version of the last publish
        self.result_ids: dict[str, str] = {}
        self.notebooks: dict[str, NotebookView] = {}  # by the notebook's path
        self.last_analysis_ms = 0.0
        self.debounce_ms = self.analyzer.settings.debounce_ms  # read on the event loop
        self.event_loop: asyncio.AbstractEventLoop | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ftlint-analysis")
        self._lock = threading.Lock()
        self._operations: list[Operation] = []
        self._queued: dict[str, set[str]] = {}  # by batch kind: "quick" | "full"
        self._batches: dict[str, asyncio.Future] = {}  # the batch of each kind not started
        self._timer: asyncio.TimerHandle | None = None
        self._versions: dict[str, int | None] = {}  # editor version of each text handed over

    # -- errors and logs ---------------------------------------------------------------
    def report_server_error(self, error: Exception, source: Any) -> None:
        """Log; never stop the server (pygls' default stops it on a bad message)."""
        if isinstance(error, AnsweredError):
            logger.warning("ftlint: %s", error)
            return
        self.protocol.answer_unparsable(error)
        logger.error("ftlint: %s: %s", type(error).__name__, error)

    def log(self, message: str, level: types.MessageType = types.MessageType.Warning) -> None:
        """From any thread: logged at once, sent to the client from the event loop."""
        logger.warning("%s", message)
        if not self.protocol.initialize_seen:
            return
        params = types.LogMessageParams(type=level, message=message)
        loop = self.event_loop
        if loop is None or _in_loop(loop):
            self.window_log_message(params)
        else:
            loop.call_soon_threadsafe(self.window_log_message, params)

    # -- the worker ----------------------------------------------------------------------
    def later(self, operation: Operation) -> None:
        """Queue a change of the analyzer's state, applied in order by the worker."""
        with self._lock:
            self._operations.append(operation)

    def hand_over(self, path: str, text: str | None, version: int | None,
                  open_it: bool = False, close_it: bool = False) -> None:
        """An editor text (None: back to disk) for the worker, with its version."""
        def apply() -> None:
            if open_it:
                self.analyzer.open_document(path, text or "")
            elif close_it:
                self.analyzer.close_document(path)
            else:
                self.analyzer.change_document(path, text)
        with self._lock:
            self._versions[path] = version
        self.later(apply)

    def schedule(self, path: str) -> None:
        """Analyse after the user pauses typing (debounceMs; 0 analyses at once)."""
        with self._lock:
            self._queued.setdefault("full", set()).add(path)
        if self._timer is not None:
            self._timer.cancel()
        delay = self.debounce_ms / 1000
        self._timer = asyncio.get_running_loop().call_later(delay, self._flush)

    def _flush(self) -> None:
        self._timer = None
        self.refresh(set())

    def refresh(self, paths: set[str], scan: bool = True) -> asyncio.Future:
        """Analyse paths (and their partners) soon; the future resolves once the results
        of a batch that covers them are published. Requests arriving while a batch waits
        join it: work that a newer request supersedes is never started. scan=False: a
        quick batch that reads no new folder for checkpoint links (a file just opened
        shows its diagnostics first; the full batch after it adds those links)."""
        loop = self.event_loop = asyncio.get_running_loop()
        with self._lock:
            kind = "full" if scan or "full" in self._batches else "quick"
            self._queued.setdefault(kind, set()).update(paths)
            batch = self._batches.get(kind)
            if batch is None:
                batch = self._batches[kind] = loop.create_future()
                self._worker.submit(self._run_batch, loop, batch, kind)
        return batch

    def _run_batch(self, loop: asyncio.AbstractEventLoop, batch: asyncio.Future,
                   kind: str) -> None:
        """In the worker: take what is queued, apply the operations, analyse, hand back."""
        with self._lock:
            paths = self._queued.pop(kind, set())
            operations, self._operations = self._operations, []
            versions = dict(self._versions)
            self._batches.pop(kind, None)
        start = time.perf_counter()
        outcome = Outcome()
        collecting = gc.isenabled()
        gc.disable()  # a full collection rescans every kept tree: not while the user waits
        try:
            for operation in operations:
                paths |= operation() or set()
            if paths:
                outcome = self._analyse(paths, versions, scan=kind == "full")
        except Exception:  # a bug must cost these diagnostics, not the server
            outcome.error = traceback.format_exc()
        finally:
            if collecting:
                gc.enable()
        self.last_analysis_ms = (time.perf_counter() - start) * 1000
        logger.debug("analysed %d file(s) in %.1f ms", len(paths), self.last_analysis_ms)
        loop.call_soon_threadsafe(self._publish_outcome, outcome, batch)
        gc.collect(1)  # this batch's young garbage, after its diagnostics are on their way

    def _analyse(self, paths: set[str], versions: dict[str, int | None], scan: bool,
                 ) -> Outcome:
        """In the worker: findings as diagnostics, by file or notebook cell."""
        results = self.analyzer.analyse(paths, scan)
        tracked = self.analyzer.tracked()
        outcome = Outcome()
        for path in paths | set(results):
            # a file neither open nor paired with an open file has its diagnostics cleared
            findings = results.get(path, []) if path in tracked else []
            view = self.notebooks.get(path)
            if view is not None:
                for key, cell_found, cell_lines in view.split(findings, self._diagnostic):
                    outcome.found[key], outcome.lines[key] = cell_found, cell_lines
                    outcome.versions[key] = versions.get(path)
                continue
            outcome.found[path] = [(f, self._diagnostic(f, self._lines)) for f in findings]
            outcome.lines[path] = self.analyzer.lines(path)
            outcome.versions[path] = versions.get(path)
        return outcome

    def _lines(self, path: str) -> list[str]:
        view = self.notebooks.get(normalize(path)) if path.endswith(".ipynb") else None
        return view.joined_lines() if view is not None else self.analyzer.lines(path)

    def _diagnostic(self, finding: Finding, lines_of: convert.Lines) -> types.Diagnostic:
        """As an LSP diagnostic; related lines inside an open notebook point at its cell."""
        def related_lines(path: str) -> list[str]:
            return lines_of(path) if convert.is_uri(path) else self._lines(path)
        diagnostic = convert.diagnostic(finding, related_lines, self.docs)
        for info, related in zip(diagnostic.related_information or [], finding.related,
                                 strict=True):
            view = self.notebooks.get(normalize(related.span.path)) \
                if related.span.path.endswith(".ipynb") else None
            in_cell = view.to_cell(related.span) if view is not None else None
            if in_cell is not None:
                info.location = types.Location(uri=in_cell.path,
                                               range=convert.to_range(in_cell, view.cell_lines))
        return diagnostic

    # -- publishing (event loop) ---------------------------------------------------------
    def _publish_outcome(self, outcome: Outcome, batch: asyncio.Future) -> None:
        if outcome.error:
            self.log("ftlint: analysis failed:\n" + outcome.error, types.MessageType.Error)
        changed_open = False
        for key, found in outcome.found.items():
            current = self.version_of(key)
            if current is not None and current != outcome.versions.get(key):
                continue  # typed since: the analysis of the newer text publishes it
            result_id = _result_id(found)
            unchanged = (key in self.found and self.result_ids.get(key) == result_id
                         and self.published.get(key) == outcome.versions.get(key))
            self.found[key], self.lines[key] = found, outcome.lines[key]
            self.published[key] = outcome.versions.get(key)
            self.result_ids[key] = result_id
            if unchanged:
                continue  # the same diagnostics for the same text: nothing to send
            if self.pulls(key):
                changed_open = True  # the client pulls again when asked
            else:
                self.push(key, found)
        if changed_open and self._client_refreshes():
            self.workspace_diagnostic_refresh(None)
        if not batch.done():
            batch.set_result(None)

    def push(self, key: str, found: Found) -> None:
        uri = key if convert.is_uri(key) else convert.uri(key)
        document = self.workspace.text_documents.get(uri)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=[d for _, d in found],
            version=document.version if document is not None else None))

    def version_of(self, key: str) -> int | None:
        """The editor's version of an open text document, or of the notebook that holds a
        cell or is the file, else None."""
        for path, view in self.notebooks.items():
            if key == path or key in view.cell_uris():
                return view.version
        document = self.workspace.text_documents.get(key if convert.is_uri(key) else convert.uri(key))
        return document.version if document is not None else None

    def pulls(self, key: str) -> bool:
        """Does the client pull this file's diagnostics? Open .py files, when it can."""
        capabilities = self.client_capabilities.text_document
        if capabilities is None or capabilities.diagnostic is None or convert.is_uri(key):
            return False
        return convert.uri(key) in self.workspace.text_documents

    def _client_refreshes(self) -> bool:
        workspace = self.client_capabilities.workspace
        return bool(workspace and workspace.diagnostics and workspace.diagnostics.refresh_support)

    def refresh_open(self) -> None:
        self.later(lambda: set(self.analyzer.open))
        self.refresh(set())

    def apply_settings(self, raw: Any) -> None:
        problems: list[str] = []
        settings = parse_settings(raw, problems)
        self.docs = docs_links(list(self.rules), settings.docs_url)

        def apply() -> None:
            self.analyzer.settings = settings
            self.analyzer.forget_configs()
        self.debounce_ms = settings.debounce_ms
        self.later(apply)
        for problem in problems:
            self.log(f"ftlint settings: {problem}")

    def key_of(self, uri: str) -> str | None:
        """The path of a file URI, or the URI of a notebook cell ftlint published to."""
        if uri.startswith("file:"):
            path = to_fs_path(uri)
            return normalize(path) if path else None
        return uri if uri in self.found else None


def _in_loop(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False


def _result_id(found: Found) -> str:
    """Identifies what the client shows: every field, related locations included (typing in
    the partner moves them while the file's own diagnostics stay)."""
    digest = hashlib.sha256()
    for _, diagnostic in found:
        digest.update(repr(diagnostic).encode())
    return digest.hexdigest()[:16]


server = FtlintServer()


def _linted_path(ls: FtlintServer, uri: str) -> str | None:
    path = ls.key_of(uri)
    return path if path is not None and path.endswith(".py") else None


@server.feature(types.INITIALIZE)
def initialize(ls: FtlintServer, params: types.InitializeParams) -> None:
    ls.event_loop = asyncio.get_running_loop()
    ls.apply_settings(params.initialization_options)
    folders = [f.uri for f in params.workspace_folders or []] or [params.root_uri or ""]
    roots = [p for p in (ls.key_of(f) for f in folders if f) if p]

    def set_roots() -> None:
        ls.analyzer.roots = roots
    ls.later(set_roots)


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
    path = _linted_path(ls, params.text_document.uri)
    if path is not None:
        ls.hand_over(path, params.text_document.text, params.text_document.version, open_it=True)
        ls.refresh({path}, scan=False)  # its own findings and configured pairs first
        ls.refresh({path})


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: FtlintServer, params: types.DidChangeTextDocumentParams) -> None:
    path = _linted_path(ls, params.text_document.uri)
    if path is not None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        ls.hand_over(path, document.source, document.version)
        ls.schedule(path)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
def did_save(ls: FtlintServer, params: types.DidSaveTextDocumentParams) -> None:
    path = ls.key_of(params.text_document.uri)
    if path is not None and path.endswith("pyproject.toml"):
        ls.later(ls.analyzer.forget_configs)
        ls.refresh_open()
    elif path is not None and path.endswith(".py"):
        ls.refresh({path})


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: FtlintServer, params: types.DidCloseTextDocumentParams) -> None:
    path = _linted_path(ls, params.text_document.uri)
    if path is not None:
        ls.hand_over(path, None, None, close_it=True)
        ls.refresh({path})


# -- notebooks ----------------------------------------------------------------------------
def _notebook_changed(ls: FtlintServer, notebook_uri: str, open_it: bool = False) -> None:
    path = ls.key_of(notebook_uri)
    document = ls.workspace.get_notebook_document(notebook_uri=notebook_uri)
    if path is None or document is None:
        return
    cells = []
    for cell in document.cells:
        code = cell.kind == types.NotebookCellKind.Code
        text = ls.workspace.get_text_document(cell.document).source if code else None
        cells.append((cell.document, text))
    view = ls.notebooks[path] = NotebookView(path, document.version, cells)
    ls.hand_over(path, view.source, document.version, open_it=open_it)
    if open_it:
        ls.refresh({path})
    else:
        ls.schedule(path)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
def notebook_did_open(ls: FtlintServer, params: types.DidOpenNotebookDocumentParams) -> None:
    _notebook_changed(ls, params.notebook_document.uri, open_it=True)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
def notebook_did_change(ls: FtlintServer, params: types.DidChangeNotebookDocumentParams) -> None:
    _notebook_changed(ls, params.notebook_document.uri)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
def notebook_did_save(ls: FtlintServer, params: types.DidSaveNotebookDocumentParams) -> None:
    path = ls.key_of(params.notebook_document.uri)
    if path is not None:
        ls.refresh({path})


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
def notebook_did_close(ls: FtlintServer, params: types.DidCloseNotebookDocumentParams) -> None:
    path = ls.key_of(params.notebook_document.uri)
    view = ls.notebooks.pop(path, None) if path is not None else None
    if path is None or view is None:
        return
    for cell_uri in view.cell_uris():  # the cells are gone: so are their diagnostics
        ls.found.pop(cell_uri, None)
        ls.lines.pop(cell_uri, None)
        ls.push(cell_uri, [])
    ls.hand_over(path, None, None, close_it=True)
    ls.refresh({path})


# -- files and settings -------------------------------------------------------------------
@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: FtlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    paths = [p for p in (ls.key_of(c.uri) for c in params.changes) if p is not None]

    def apply() -> set[str]:
        touched: set[str] = set()
        for path in paths:
            if path.endswith("pyproject.toml"):
                ls.analyzer.forget_configs()
                touched |= ls.analyzer.open
            elif path.endswith((".py", ".ipynb")):
                ls.analyzer.changed_on_disk(path)
                touched |= ls.analyzer.dependents(path)
            elif path.endswith((".md", ".rst", ".sh", ".txt")):
                ls.analyzer.forget_docs()  # a README may support another link now
                touched |= ls.analyzer.open
        return touched
    ls.later(apply)
    ls.refresh(set())


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
    ls.refresh_open()


@server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
def did_change_folders(ls: FtlintServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
    roots = [p for p in (ls.key_of(f.uri) for f in ls.workspace.folders.values()) if p]

    def apply() -> None:
        ls.analyzer.roots = roots
        ls.analyzer.forget_configs()
    ls.later(apply)
    ls.refresh_open()


# -- pull diagnostics ---------------------------------------------------------------------
@server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
    identifier="ftlint", inter_file_dependencies=True, workspace_diagnostics=False))
async def pull_diagnostics(ls: FtlintServer, params: types.DocumentDiagnosticParams,
                           ) -> types.DocumentDiagnosticReport:
    """The diagnostics of the document's current text: waits for its analysis if needed."""
    key = ls.key_of(params.text_document.uri)
    if key is None or not key.endswith(".py"):
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    for _ in range(5):  # the text may change again while it is analysed
        version = ls.version_of(key)
        if key in ls.found and ls.published.get(key) == version:
            break
        await ls.refresh({key})
    result_id = ls.result_ids.get(key, "")
    if result_id and params.previous_result_id == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    return types.RelatedFullDocumentDiagnosticReport(
        items=[d for _, d in ls.found.get(key, [])], result_id=result_id or None)


# -- code actions and hover ---------------------------------------------------------------
@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL]))
def code_action(ls: FtlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    key = ls.key_of(params.text_document.uri)
    if key is None:
        return []
    found = ls.found.get(key, [])
    lines = lambda p: ls.lines.get(p) or ls.lines.get(normalize(p), [])  # noqa: E731
    only = params.context.only or []
    if any(actions.FIX_ALL.startswith(kind) for kind in only):  # source, source.fixAll, ...
        return actions.fix_all(key, found, lines)
    if only and not any(kind.startswith(types.CodeActionKind.QuickFix) for kind in only):
        return []
    return actions.code_actions(key, found, params.range, lines)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: FtlintServer, params: types.HoverParams) -> types.Hover | None:
    key = ls.key_of(params.text_document.uri)
    if key is None:
        return None
    return actions.hover(ls.found.get(key, []), params.position, ls.rules)
