"""What the language server knows about a project, without any LSP types.

Documents (editor text wins over disk), configuration (reloaded when pyproject.toml
changes), pair links, and the findings of a set of files computed with the CLI's own
engine: `Linter.run` then `Linter.finish`, so findings, suppressions and columns match
`ftlint` on the command line. Parses are cached per top-level statement, so after a
keystroke only the edited statement is parsed again and the partner's facts are reused.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ftlint.config import Config, ConfigError, find_pyproject, load_config
from ftlint.engine import Linter
from ftlint.findings import Finding, Related
from ftlint.lsp.settings import Settings, apply_settings
from ftlint.pairing import PairLink, discover, partners
from ftlint.program import Workspace
from ftlint.rule import Rule
from ftlint.rules_loader import RuleLoadError, load_rules

MAX_SIBLINGS = 200  # .py files of a folder scanned for checkpoint links
NOT_PROJECT_DIRS = {"site-packages", "node_modules", "__pycache__", ".venv", "venv"}


def normalize(path: str | Path) -> str:
    return os.path.normpath(os.path.abspath(path))


@dataclass(slots=True)
class _LoadedConfig:
    stamp: tuple[int, int] | None  # (mtime_ns, size) of the pyproject.toml it came from
    config: Config


class Analyzer:
    def __init__(self, log: Callable[[str], None]) -> None:
        self.log = log
        self.workspace = Workspace(incremental=True)
        self.settings = Settings()
        self.roots: list[Path] = []  # the editor's workspace folders
        self.open: set[str] = set()
        self._configs: dict[str, _LoadedConfig] = {}
        self._rules: dict[tuple[Path, ...], list[Rule]] = {}
        self._groups: dict[str, set[str]] = {}  # file -> files its last analysis published
        self._scanned: set[str] = set()  # folders whose .py files were read for links
        self._docs: dict[str, dict[str, str]] = {}  # folder -> the docs read with it

    # -- documents ---------------------------------------------------------------------
    def open_document(self, path: str, text: str) -> None:
        self.open.add(normalize(path))
        self.workspace.set_text(normalize(path), text)

    def change_document(self, path: str, text: str) -> None:
        self.workspace.set_text(normalize(path), text)

    def close_document(self, path: str) -> None:
        """Back to the file on disk."""
        self.open.discard(normalize(path))
        self.workspace.set_text(normalize(path), None)

    def changed_on_disk(self, path: str) -> None:
        if normalize(path) not in self.open:  # unsaved editor text wins over disk
            self.workspace.set_text(normalize(path), None)

    def text(self, path: str) -> str:
        return self.workspace.module(normalize(path)).source.text

    def lines(self, path: str) -> list[str]:
        if not _is_source(path) and normalize(path) not in self.open:
            return []  # a data file a --data finding points at: never read as source
        return self.workspace.module(normalize(path)).source.lines

    def tracked(self) -> set[str]:
        """Open files and the files diagnostics were published into with them."""
        files = set(self.open)
        for opened in self.open:
            files |= self._groups.get(opened, set())
        return files

    def dependents(self, path: str) -> set[str]:
        """Open files whose diagnostics may change when this file changes on disk: its
        partners, and files of its folder (a new checkpoint link may appear)."""
        path = normalize(path)
        folder = os.path.dirname(path)
        return {f for f in self.open
                if path in self._groups.get(f, ()) or os.path.dirname(f) == folder}

    def forget_configs(self) -> None:
        self._configs.clear()
        self._rules.clear()

    # -- configuration -----------------------------------------------------------------
    def config(self, path: str) -> Config:
        folder = Path(path).parent
        pyproject = find_pyproject(folder) if folder.is_dir() else None
        key = str(pyproject or folder)
        stamp = _stamp(pyproject)
        loaded = self._configs.get(key)
        if loaded is None or loaded.stamp != stamp:
            root = (pyproject.parent if pyproject else folder).resolve()
            try:
                config = load_config(folder) if pyproject else Config(root=root)
            except ConfigError as exc:
                self.log(f"ftlint: {exc} (using the default configuration)")
                config = Config(root=root)
            loaded = self._configs[key] = _LoadedConfig(stamp, config)
        return apply_settings(loaded.config, self.settings, self._root_of(path))

    def _root_of(self, path: str) -> Path | None:
        for root in self.roots:
            if normalize(path).startswith(normalize(root) + os.sep):
                return Path(root)
        return None

    def _linter(self, config: Config) -> Linter:
        folders = tuple(config.rule_folders)
        if folders not in self._rules:
            try:
                self._rules[folders] = load_rules(list(folders))
            except RuleLoadError as exc:
                self.log(f"ftlint: {exc} (using the built-in rules only)")
                self._rules[folders] = load_rules()
        try:
            return Linter(config, self._rules[folders], workspace=self.workspace, log=self.log)
        except ConfigError as exc:
            self.log(f"ftlint: {exc} (using the default configuration)")
            return Linter(Config(root=config.root), self._rules[folders],
                          workspace=self.workspace, log=self.log)

    # -- pairs and findings ------------------------------------------------------------
    def links(self, files: Iterable[str], config: Config, scan: bool = True) -> list[PairLink]:
        """Pairs among open files, configured pairs and the files' folders. scan=False
        reads no folder not read before, so a first answer comes before any sibling is
        parsed (checkpoint links to unopened siblings follow in the next analysis)."""
        candidates = set(self.open)
        for path in files:
            folder = os.path.dirname(normalize(path))
            if scan or folder in self._scanned:
                candidates |= _siblings(path)
                self._scanned.add(folder)
        for pretrain, finetune in config.pairs:
            candidates |= {normalize(pretrain), normalize(finetune)}
        existing = sorted(p for p in candidates if p in self.open or os.path.isfile(p))
        docs: dict[str, str] = {}
        for folder in {os.path.dirname(normalize(p)) for p in files} & self._scanned:
            docs |= self._folder_docs(folder, config)
        return [link for link in discover(existing, config, self.workspace, docs)
                if link.linted]

    def _folder_docs(self, folder: str, config: Config) -> dict[str, str]:
        """The READMEs and run scripts project mode reads for a folder (the same support
        for a link, so the editor and the command line agree), read once per folder."""
        if folder not in self._docs:
            from ftlint.project import project_docs

            self._docs[folder] = project_docs([Path(folder)],
                                              config.root if config.path else None)
        return self._docs[folder]

    def forget_docs(self) -> None:
        self._docs.clear()

    def scanned(self, path: str) -> bool:
        """Have the .py files of this file's folder been read for checkpoint links?"""
        return os.path.dirname(normalize(path)) in self._scanned

    def analyse(self, changed: Iterable[str], scan: bool = True) -> dict[str, list[Finding]]:
        """Findings of the changed files and of every file they pair with (and of the
        files they paired with before, so a broken link clears its diagnostics)."""
        by_project: dict[str, set[str]] = {}
        for path in map(normalize, changed):
            project = find_pyproject(Path(path).parent) if Path(path).parent.is_dir() else None
            by_project.setdefault(str(project), set()).add(path)
        results: dict[str, list[Finding]] = {}
        for files in by_project.values():
            results.update(self._analyse_with(self.config(next(iter(files))), files, scan))
        return results

    def _use_knowledge(self, config: Config) -> None:
        """Extraction depends on the functions a project declares ([tool.ftlint]): when
        they change, extract again, keeping the editor texts."""
        knowledge = getattr(config, "knowledge", None)
        if getattr(self.workspace, "knowledge", None) != knowledge:
            self.workspace = Workspace(dict(self.workspace.overrides), incremental=True)
            self.workspace.knowledge = knowledge

    def _analyse_with(self, config: Config, changed: set[str], scan: bool,
                      ) -> dict[str, list[Finding]]:
        self._use_knowledge(config)
        links = self.links(changed, config, scan)
        targets = set(changed)
        for path in changed:
            targets |= {normalize(p) for p in partners(path, links)}
            targets |= self._groups.get(path, set())
        for path in changed:
            self._groups[path] = {normalize(p) for p in partners(path, links)}
        if not self.settings.enable:
            return {path: [] for path in targets}
        pairs = [(normalize(link.pretrain), normalize(link.finetune)) for link in links
                 if normalize(link.pretrain) in targets or normalize(link.finetune) in targets]
        scripts = sorted(targets | {path for pair in pairs for path in pair})
        linter = self._linter(config)
        findings = linter.run(pairs, scripts).findings
        echoes = linter.finish(_echoes(findings))
        for echo in echoes:
            echo.severity = "info"
        results: dict[str, list[Finding]] = {path: [] for path in targets}
        for finding in findings + echoes:
            path = normalize(finding.span.path)
            if path in results:
                results[path].append(finding)
        return results


def _echoes(findings: list[Finding]) -> list[Finding]:
    """A finding about a pair, echoed at its related lines in the other script, so both
    files show it and each points at the other."""
    echoes = []
    for finding in findings:
        for related in finding.related:
            if normalize(related.span.path) == normalize(finding.span.path) or \
                    not _is_source(related.span.path):
                continue  # the same file, or a data file (--data), which is not echoed into
            name = Path(finding.span.path).name
            # a notebook's line is one of its joined cells: the related location says where
            where = name if name.endswith(".ipynb") else f"{name}:{finding.span.line}"
            echoes.append(Finding(
                finding.code, finding.name, "info",
                f"{related.message} (compared in {where}: {finding.message})", related.span,
                [Related(finding.span, f"{finding.code}: {finding.message}")]))
    return echoes


def _is_source(path: str) -> bool:
    return path.lower().endswith((".py", ".pyw", ".ipynb"))


def _siblings(path: str) -> set[str]:
    folder = os.path.dirname(normalize(path))
    if os.path.basename(folder) in NOT_PROJECT_DIRS:
        return set()
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".py"))
    except OSError:
        return set()
    return {os.path.join(folder, n) for n in names[:MAX_SIBLINGS]}


def _stamp(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size
