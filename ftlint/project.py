"""Project mode and the pre-commit hook: which files, which pairs, and linting them.

Every file is parsed and extracted once. Large projects are analysed in worker processes
(each returns its files' facts, which are plain picklable data); the rules then run in
this process, which is cheap next to parsing.
"""

from __future__ import annotations

import fnmatch
import gc
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ftlint.config import Config
from ftlint.facts import Fact
from ftlint.limits import DEFAULT, Limits, ReadError, is_regular, limits_of, read_regular
from ftlint.pairing import FileRole, PairLink, checkpoint_links, configured_pairs, discover, file_role
from ftlint.rule import Profile

if TYPE_CHECKING:  # parsing is imported where it runs: a cached run never needs libcst
    from ftlint.extract import ModuleFacts
    from ftlint.program import Workspace

SUFFIXES = (".py", ".ipynb")
SKIPPED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "env", "node_modules", "__pycache__",
                "build", "dist", "site-packages", ".tox", ".nox", ".mypy_cache", ".ruff_cache",
                ".pytest_cache", ".eggs", ".ipynb_checkpoints"}
# Parallel analysis pays off from about this much source (bytes) on two or more cores.
PARALLEL_MIN_BYTES = 40_000
PARALLEL_MIN_FILES = 6
_LINK_KINDS = ("save", "load")
# git reads the linted repository's own config: nothing in it may name a program that runs
# (core.fsmonitor is a command run on every index read; a hook may run if the index is
# written, so no optional index writes either).
_GIT_SAFE = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
             "-c", "core.untrackedCache=false")


# -- which files ---------------------------------------------------------------------------
def project_files(folders: Iterable[Path], config: Config, exclude: Iterable[str] = ()) -> list[str]:
    """Python files and notebooks under the folders: not git-ignored, not in virtualenvs
    or tool folders, not matching an exclude glob (config `exclude` plus `--exclude`)."""
    patterns = [*config.exclude, *exclude]
    found: dict[str, None] = {}
    for folder in folders:
        listed = _git_listed(folder)
        candidates = listed if listed is not None else _walked(folder)
        for path in candidates:
            if (_excluded(path, folder, config.root, patterns) or _other_language(path)
                    or _empty(path)):
                continue
            found.setdefault(str(path), None)
    return list(found)


def _empty(path: Path) -> bool:
    """An empty file (a package's __init__.py) is no script: named on the command line it
    is reported, found in a folder it is skipped."""
    try:
        size = path.stat().st_size
        return size == 0 or (size < 256 and not read_regular(str(path), 256).strip())
    except OSError:
        return False


def _other_language(path: Path) -> bool:
    """A notebook of another kernel (R, Julia) or without code: nothing to check in a project."""
    if path.suffix != ".ipynb":
        return False
    from ftlint.notebook import NotebookError, read_notebook

    try:
        found = read_notebook(str(path))
    except (OSError, NotebookError):
        return False  # reported as unreadable when it is linted
    # another kernel's notebook, or one with no code at all (only markdown)
    return found.language != "python" or not found.source.strip()


def _git_listed(folder: Path) -> list[Path] | None:
    """Tracked and untracked files that .gitignore does not exclude; None outside git."""
    try:
        done = subprocess.run(
            ["git", *_GIT_SAFE, "-C", str(folder), "ls-files", "-z", "--cached", "--others",
             "--exclude-standard", "--", *(f"*{suffix}" for suffix in SUFFIXES)],
            capture_output=True, timeout=60, check=False, stdin=subprocess.DEVNULL,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"})
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    paths = []
    for name in sorted(set(done.stdout.decode("utf-8", "replace").split("\0"))):
        path = folder / name
        if name and name.endswith(SUFFIXES) and not _in_skipped_dir(path, folder) \
                and path.is_file():
            paths.append(path)
    return paths


def _walked(folder: Path) -> list[Path]:
    paths = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _skipped_dir(Path(root, d)))
        # only regular files: a FIFO would hang the read, /dev/zero would never end
        paths.extend(Path(root, n) for n in sorted(names)
                     if n.endswith(SUFFIXES) and is_regular(os.path.join(root, n)))
    return paths


def _skipped_dir(path: Path) -> bool:
    name = path.name
    return (name in SKIPPED_DIRS or name.startswith(".")
            or (path / "pyvenv.cfg").exists() or (path / "conda-meta").is_dir())


def _in_skipped_dir(path: Path, folder: Path) -> bool:
    parent = path.parent
    while parent != folder and folder in parent.parents:
        if _skipped_dir(parent):
            return True
        parent = parent.parent
    return False


def _excluded(path: Path, folder: Path, root: Path, patterns: list[str]) -> bool:
    """A glob matches the path (relative to the project root, the folder linted or the
    working directory, as people type it), a folder of it, or, for a pattern without '/',
    any one part of it."""
    if not patterns:
        return False
    relatives = {_posix_relative(path, folder), _posix_relative(path, root),
                 _posix_relative(path, Path.cwd())}
    for pattern in patterns:
        pattern = pattern.rstrip("/").removeprefix("./")
        for relative in relatives:
            parts = relative.split("/")
            prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
            if any(fnmatch.fnmatch(prefix, pattern) for prefix in prefixes):
                return True
            if "/" not in pattern and any(fnmatch.fnmatch(part, pattern) for part in parts):
                return True
    return False


def _posix_relative(path: Path, base: Path) -> str:
    try:
        # realpath, not Path.resolve(): a symlink loop raises nothing here
        return Path(os.path.relpath(os.path.realpath(path), os.path.realpath(base))).as_posix()
    except ValueError:
        return path.as_posix()


# -- analysis: each file parsed once, in workers when the project is large -----------------
@dataclass(slots=True)
class FileSummary:
    """What linting needs of one file, small and picklable."""

    path: str
    text: str
    problems: list
    link_facts: list[Fact]  # its own save and load facts, for checkpoint links
    whole: list[Fact]  # its facts with what it imports
    phases: tuple[list[Fact], list[Fact]] | None  # pretraining, fine-tuning of a two-phase file
    split_line: int = 0  # first line of the fine-tuning phase
    role: FileRole = field(default_factory=FileRole)  # what pairing reads (pairing.file_role)


def summarize(workspace: Workspace, path: str) -> FileSummary:
    module = workspace.module(path)
    phases = workspace.phases(path)
    split_line = 0
    if phases is not None:
        from ftlint.phases import split_point

        split = split_point(module)
        lines = module.index.statement_lines
        split_line = lines[split][0] if split is not None and split < len(lines) else 0
    whole = workspace.whole(path, "script").facts
    return FileSummary(
        path, module.source.text, list(module.source.problems),
        [f for f in module.facts if f.kind in _LINK_KINDS], whole,
        (phases[0].facts, phases[1].facts) if phases else None, split_line,
        file_role(module, whole, workspace.module))


class SummaryWorkspace:
    """The Workspace interface the engine and pairing use, served from file summaries;
    a file without a summary (a configured pair outside the folders) is read here."""

    def __init__(self, summaries: Iterable[FileSummary], fallback: Workspace,
                 read_elsewhere: Iterable[str] = ()) -> None:
        self._summaries = {os.path.normpath(s.path): s for s in summaries}
        self._fallback = fallback
        self._read_elsewhere = set(read_elsewhere)  # by worker processes

    def also_read(self, paths: Iterable[str]) -> None:
        """Files read for this run besides sources (the docs pairing consulted)."""
        self._read_elsewhere.update(os.path.normpath(p) for p in paths)

    def loaded(self) -> set[str]:
        """Every file read for this run, in this process or a worker (the cache's inputs)."""
        return set(self._summaries) | self._fallback.loaded() | self._read_elsewhere

    def summary(self, path: str) -> FileSummary:
        key = os.path.normpath(path)
        if key not in self._summaries:
            self._summaries[key] = summarize(self._fallback, path)
        return self._summaries[key]

    def module(self, path: str) -> ModuleFacts:
        from ftlint.extract import ModuleFacts
        from ftlint.source import SourceFile

        found = self.summary(path)
        source = SourceFile(found.path, found.text, problems=found.problems)
        return ModuleFacts(source, None, found.link_facts)  # type: ignore[arg-type]

    def whole(self, path: str, phase: str) -> Profile:
        return Profile(path, phase, self.summary(path).whole)

    def phases(self, path: str) -> tuple[Profile, Profile] | None:
        found = self.summary(path).phases
        if found is None:
            return None
        return Profile(path, "pretrain", found[0]), Profile(path, "finetune", found[1])


_WORKER: Workspace | None = None


def _start_worker(knowledge: object, limits: Limits = DEFAULT) -> None:
    from ftlint.program import Workspace

    global _WORKER
    _WORKER = Workspace(knowledge=knowledge, limits=limits)


def _summarize_chunk(paths: list[str]) -> tuple[list[FileSummary], set[str]]:
    assert _WORKER is not None
    summaries = []
    with young_collections():
        for path in paths:
            summaries.append(summarize(_WORKER, path))
    return summaries, _WORKER.loaded()


@contextmanager
def young_collections() -> Iterator[None]:
    """Python's cyclic garbage collector paused while files are analysed (the CLI pauses
    it for its whole run; a worker process, here).

    Every parsed tree stays alive for the run, and the collector's automatic passes scan
    those millions of objects again and again (a fifth of a project run's CPU). While it is
    paused, Workspace.module collects the young generations after each file it analyses,
    which frees the same cycles (peak memory unchanged) at a fraction of the cost.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def analyse(files: list[str], config: Config, workers: int | None = None,
            progress: Progress | None = None) -> SummaryWorkspace:
    """Parse and extract every file once; in worker processes when it pays off."""
    from ftlint.program import Workspace

    fallback = Workspace(knowledge=config.knowledge, limits=limits_of(config))
    workers = choose_workers(files) if workers is None else min(workers, len(files))
    progress = progress or Progress(len(files), enabled=False)
    summaries: list[FileSummary] = []
    read: set[str] = set()
    if workers <= 1:
        with young_collections():
            for path in files:
                summaries.append(summarize(fallback, path))
                progress.advance(1)
    else:
        summaries, read = _in_workers(files, config, workers, progress)
    progress.close()
    return SummaryWorkspace(summaries, fallback, read)


def choose_workers(files: list[str]) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if (cores or 1) < 2 or len(files) < PARALLEL_MIN_FILES:
        return 1
    size = 0
    for path in files:
        try:
            size += os.path.getsize(path)
        except OSError:
            pass
    return min(cores or 1, 8) if size >= PARALLEL_MIN_BYTES else 1


def _in_workers(files: list[str], config: Config, workers: int, progress: Progress,
                method: str | None = None) -> tuple[list[FileSummary], set[str]]:
    """The files' summaries from worker processes. A worker is forked where the platform
    can (it starts with ftlint and libcst already imported); everything it is given and
    returns is picklable, so a spawned worker (method="spawn", macOS and Windows) gives
    the same results."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    if method is None:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    # biggest files first, in chunks small enough to balance the cores
    ordered = sorted(files, key=_size, reverse=True)
    chunks = [ordered[i::workers * 4] for i in range(min(len(ordered), workers * 4))]
    results: list[FileSummary] = []
    read: set[str] = set()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(config.knowledge, limits_of(config))) as pool:
        futures = {pool.submit(_summarize_chunk, chunk): len(chunk) for chunk in chunks}
        for future in as_completed(futures):
            summaries, loaded = future.result()
            results.extend(summaries)
            read |= loaded
            progress.advance(futures[future])
    order = {path: i for i, path in enumerate(files)}
    return sorted(results, key=lambda s: order.get(s.path, 0)), read


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


# -- what to lint --------------------------------------------------------------------------
@dataclass(slots=True)
class Plan:
    pairs: list[PairLink] = field(default_factory=list)
    two_phase: list[tuple[str, int]] = field(default_factory=list)  # (file, fine-tuning line)
    scripts: list[str] = field(default_factory=list)  # files linted on their own


def project_plan(files: list[str], config: Config, workspace: SummaryWorkspace) -> Plan:
    """Every pair (configured, checkpoint-linked) and every two-phase file of the project."""
    docs = project_docs(_folders_of(files, config), _doc_root(config))
    workspace.also_read(docs)  # a README edited can change the pairs: the cache must know
    plan = Plan(_as_listed(discover(files, config, workspace, docs), files))
    plan.scripts = list(files)
    plan.two_phase = _two_phase(files, workspace)
    return plan


DOC_NAMES = ("readme", "usage", "getting_started", "train", "run")  # docs that name scripts
DOC_SUFFIXES = (".md", ".rst", ".sh", ".txt")
_MAX_DOCS, _MAX_DOC_BYTES, _DOC_DEPTH = 200, 256_000, 3


def _doc_root(config: Config) -> Path:
    """The project root when there is a pyproject.toml, else the working directory."""
    return config.root if config.path is not None else Path.cwd()


def _parents_up_to(folder: Path, root: Path | None) -> list[Path]:
    """Folders above `folder`, up to `root` (the project root or the working directory)."""
    folder, top = folder.resolve(), (root or Path.cwd()).resolve()
    if folder == top or top not in folder.parents:
        return []
    return [p for p in folder.parents if p == top or top in p.parents]


def _folders_of(files: list[str], config: Config) -> list[Path]:
    """The folder the listed files share (where a README would sit)."""
    if not files:
        return []
    try:
        common = os.path.commonpath([os.path.abspath(os.path.dirname(f) or ".") for f in files])
    except ValueError:
        return []
    return [Path(common)]


def project_docs(folders: Iterable[Path], root: Path | None = None) -> dict[str, str]:
    """READMEs, docs and run scripts (.md, .rst, .sh) in and under the files' folder and the
    project root (a repository's top-level `scripts/` runs the code of its subfolders), and
    the READMEs of the folders between: pairing reads them only to support a link it found
    in the code, never to make one."""
    docs: dict[str, str] = {}
    folders = list(folders)
    for folder in folders:
        for parent in _parents_up_to(folder, root):
            for readme in sorted(parent.glob("[Rr][Ee][Aa][Dd][Mm][Ee]*")):
                if readme.is_file() and readme.stat().st_size <= _MAX_DOC_BYTES:
                    docs[str(readme)] = readme.read_text(encoding="utf-8", errors="replace")
    tops = folders + [root.resolve()] if root is not None and any(
        root.resolve() in f.resolve().parents for f in folders) else folders
    for folder in tops:
        for path in _doc_files(folder):
            if str(path) in docs or len(docs) >= _MAX_DOCS:
                continue
            try:
                if path.stat().st_size <= _MAX_DOC_BYTES:
                    docs[str(path)] = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
    return docs


def _doc_files(folder: Path) -> Iterable[Path]:
    for top, dirs, names in os.walk(folder):
        depth = len(Path(top).relative_to(folder).parts)
        dirs[:] = sorted(d for d in dirs if depth < _DOC_DEPTH and not _skipped_dir(Path(top, d)))
        for name in sorted(names):
            lower = name.lower()
            if lower.endswith(DOC_SUFFIXES) and not (
                    lower.endswith(".txt") and not lower.startswith(DOC_NAMES)):
                yield Path(top, name)


def _two_phase(files: Iterable[str], workspace: SummaryWorkspace) -> list[tuple[str, int]]:
    found = []
    for path in files:
        summary = workspace.summary(path)
        if summary.phases is not None:
            found.append((path, summary.split_line))
    return found


def hook_plan(staged: list[str], config: Config, progress_enabled: bool = False,
              ) -> tuple[Plan, SummaryWorkspace]:
    """The pairs and two-phase files the staged files belong to (pre-commit).

    Partners are read from disk even if not staged. Files of the project are read only
    when a staged file saves or loads a checkpoint, and only those whose text mentions
    a piece of that checkpoint's file name.
    """
    root = near(config.root)
    staged = [p for p in staged if p.endswith(SUFFIXES)
              and not _excluded(Path(p), root, config.root, config.exclude)]
    workspace = analyse(staged, config, workers=config.jobs or None,
                        progress=Progress(len(staged), progress_enabled))
    staged_keys = {_key(p) for p in staged}
    links = [link for link in configured_pairs(config)
             if {_key(link.pretrain), _key(link.finetune)} & staged_keys]
    fragments = set()
    for path in staged:
        role = workspace.summary(path).role
        for fact in role.saves + role.loads:
            if fact.value.known and isinstance(fact.value.value, str):
                fragments.update(_name_fragments(fact.value.value))
            elif fact.attr("template"):
                fragments.update(_name_fragments(fact.attr("template")))
            if fact.attr("argument") == "pretrained":
                fragments.update(_SAVE_CALLS)  # any script that saves may have made it
    if fragments:
        listed = [p for p in project_files([root], config) if _key(p) not in staged_keys]
        others = [p for p in listed if _mentions(p, fragments)]
        candidates = others + staged
        docs = project_docs([root])
        workspace.also_read(listed + list(docs))  # what decided the plan: the cache's inputs
        for link in checkpoint_links(candidates, workspace, docs):
            if {_key(link.pretrain), _key(link.finetune)} & staged_keys:
                links.append(link)
    plan = Plan(_as_listed(_unique(links), staged))
    plan.two_phase = _two_phase(staged, workspace)
    plan.scripts = [path for path, _ in plan.two_phase]
    return plan, workspace


def _as_listed(links: list[PairLink], files: list[str]) -> list[PairLink]:
    """Links that name listed files the way the list does (one spelling per file)."""
    spelling = {_key(path): path for path in files}
    return [PairLink(spelling.get(_key(link.pretrain), link.pretrain),
                     spelling.get(_key(link.finetune), link.finetune), link.reason,
                     link.confidence)
            for link in links]


def near(folder: Path) -> Path:
    """The folder relative to the working directory when under it (paths as people type)."""
    relative = os.path.relpath(folder)
    return Path(relative) if not relative.startswith("..") else folder


_SAVE_CALLS = {"save(", "save_pretrained(", "save_model(", "save_weights(", "save_checkpoint(",
               "ModelCheckpoint("}


def _name_fragments(path: str) -> set[str]:
    """Literal pieces (3+ characters) of a path's last part: 'ckpt-{epoch}.h5' -> ckpt-, .h5."""
    name = path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return {piece for piece in re.split(r"\{[^}]*\}", name) if len(piece) >= 3}


def _mentions(path: str, fragments: set[str], limits: Limits = DEFAULT) -> bool:
    try:
        text = read_regular(path, limits.read_limit).decode("utf-8", errors="replace")
    except (OSError, ReadError):
        return False
    return any(fragment in text for fragment in fragments)


def _unique(links: list[PairLink]) -> list[PairLink]:
    seen: dict[tuple[str, str], PairLink] = {}
    for link in links:
        seen.setdefault((_key(link.pretrain), _key(link.finetune)), link)
    return list(seen.values())


def _key(path: str | Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def describe_plan(plan: Plan, shown: Callable[[str], str]) -> Iterator[str]:
    """--show-pairs: each pair and two-phase file, with its confidence and evidence."""
    for link in plan.pairs:
        confidence = link.confidence if link.linted else f"{link.confidence}, not linted"
        yield f"{shown(link.pretrain)} -> {shown(link.finetune)}  [{confidence}] ({link.reason})"
    for path, line in plan.two_phase:
        where = f"fine-tuning from line {line}" if line else "two phases"
        yield f"{shown(path)}  (two-phase file: {where})"
    if not plan.pairs and not plan.two_phase:
        yield "no pairs and no two-phase files found"


# -- progress ------------------------------------------------------------------------------
class Progress:
    """A one-line progress bar on stderr, shown on a terminal once a run passes a second."""

    def __init__(self, total: int, enabled: bool | None = None, delay: float = 1.0) -> None:
        self.total = total
        self.done = 0
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self.delay = delay
        self.shown = False
        self._drawn = 0.0

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if (self.enabled and self.total and now - self.started >= self.delay
                and (now - self._drawn >= 0.1 or self.done >= self.total)):
            self._drawn = now
            width = 30
            filled = width * self.done // self.total
            sys.stderr.write(f"\rftlint: [{'#' * filled}{'.' * (width - filled)}] "
                             f"{self.done}/{self.total} files")
            sys.stderr.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()
