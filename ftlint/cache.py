"""The result cache: a run whose inputs have not changed is answered from disk, without
parsing anything (libcst is not even imported).

An entry is keyed by everything a result depends on: ftlint's own code (version and the
size and time of each of its files, so an edited checkout never reads an old entry), the
Python version, the working directory (paths are printed relative to it), what was asked
(mode, files, options), the configuration file's bytes, the user's rule folders, and the
bytes of every file linted. The entry also lists every other file the run read (the
project modules the scripts import) with a hash of its bytes; a change there makes the
entry stale.

Entries are JSON, never pickle: a cache folder that came with a repository cannot run
code. Layout as ruff's: `.ftlint_cache/` at the project root (the folder of
pyproject.toml, else the working directory) holding a `.gitignore` of `*` and a
`CACHEDIR.TAG`. `--no-cache`, `cache-dir` in [tool.ftlint] and FTLINT_CACHE_DIR.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from ftlint import __version__
from ftlint.facts import Span
from ftlint.findings import Edit, Finding, Fix, Related

FOLDER = ".ftlint_cache"
ENVIRONMENT = "FTLINT_CACHE_DIR"
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This file is a cache directory tag created by ftlint.\n"
       "# For information about cache directory tags see https://bford.info/cachedir/\n")
MAX_FILE = 64 * 1024 * 1024  # larger inputs are not hashed: such a run is not cached


ABSENT = "absent"  # what a file that does not exist hashes to (an import looked for)


def digest(path: str) -> str | None:
    """sha256 of a regular file's bytes, ABSENT when nothing is there, None when it cannot
    be read (a folder, a FIFO, too large): such a run is not cached."""
    try:
        if not os.path.lexists(path):
            return ABSENT
        if not os.path.isfile(path) or os.path.getsize(path) > MAX_FILE:
            return None
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def _code_fingerprint() -> list:
    """Size and modification time of each of ftlint's own files and built-in rules."""
    from ftlint.rules_loader import builtin_rules_dir

    package = Path(__file__).resolve().parent
    found = []
    for folder in (package, builtin_rules_dir()):
        for file in sorted(folder.rglob("*.py")):
            info = file.stat()
            found.append((file.relative_to(folder.parent).as_posix(), info.st_size,
                          info.st_mtime_ns))
    return found


class ResultCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def locate(config: Any, start: Path) -> Path:
        """FTLINT_CACHE_DIR, else `cache-dir` of [tool.ftlint], else .ftlint_cache at the root."""
        if os.environ.get(ENVIRONMENT):
            return Path(os.environ[ENVIRONMENT])
        if getattr(config, "cache_dir", None):
            return Path(config.cache_dir)
        return (config.path.parent if config.path else start) / FOLDER

    def key(self, request: dict, files: list[str], config: Any) -> str | None:
        """The entry's key, or None when an input cannot be read (no caching then)."""
        inputs = {}
        for path in files:
            found = digest(path)
            if found is None or found == ABSENT:
                return None  # reported as unreadable: worth computing every time
            inputs[path] = found
        rule_files = {}
        for folder in getattr(config, "rule_folders", []):
            for file in sorted(Path(folder).glob("*.py")):
                rule_files[str(file)] = digest(str(file))
        described = {
            "ftlint": [__version__, _code_fingerprint()],
            "python": list(sys.version_info[:2]),
            "cwd": os.getcwd(),
            "request": request,
            "config": [str(config.path), digest(str(config.path))] if config.path else None,
            "rules": rule_files,
            "files": inputs,
        }
        text = json.dumps(described, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def load(self, key: str) -> tuple[list[Finding], list[str], int] | None:
        """(findings, unreadable files, files linted) of a fresh entry, or None."""
        try:
            with open(self.folder / __version__ / f"{key}.json", encoding="utf-8") as handle:
                entry = json.load(handle)
            if any(digest(path) != hashed for path, hashed in entry["read"].items()):
                return None  # an imported module changed
            return ([_finding(f) for f in entry["findings"]], list(entry["unreadable"]),
                    int(entry["files_seen"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, from another ftlint, or damaged: compute anew

    def store(self, key: str, findings: list[Finding], unreadable: list[str],
              files_seen: int, read: set[str]) -> None:
        hashes = {path: digest(path) for path in sorted(read)}
        if any(h is None for h in hashes.values()):
            return
        entry = {"findings": [_record(f) for f in findings], "unreadable": sorted(unreadable),
                 "files_seen": files_seen, "read": hashes}
        try:
            self._prepare()
            target = self.folder / __version__ / f"{key}.json"
            partial = target.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(entry), encoding="utf-8")
            os.replace(partial, target)  # readers never see half an entry
        except OSError:
            pass  # a read-only checkout: linting works, uncached

    def _prepare(self) -> None:
        (self.folder / __version__).mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "# Automatically created by ftlint.\n*\n"),
                           ("CACHEDIR.TAG", TAG)):
            if not (self.folder / name).exists():
                (self.folder / name).write_text(text)


def _span(span: Span) -> list:
    return [span.path, span.line, span.column, span.end_line, span.end_column]


def _unspan(values: list) -> Span:
    path, line, column, end_line, end_column = values
    return Span(str(path), int(line), int(column), int(end_line), int(end_column))


def _record(finding: Finding) -> dict:
    fix = finding.fix
    return {"code": finding.code, "name": finding.name, "severity": finding.severity,
            "message": finding.message, "span": _span(finding.span),
            "related": [[_span(r.span), r.message] for r in finding.related],
            "fix": None if fix is None else [fix.title, fix.applicability,
                                             [[_span(e.span), e.text] for e in fix.edits]]}


def _finding(entry: dict) -> Finding:
    fix = entry["fix"]
    return Finding(
        str(entry["code"]), str(entry["name"]), str(entry["severity"]), str(entry["message"]),
        _unspan(entry["span"]), [Related(_unspan(s), str(m)) for s, m in entry["related"]],
        None if fix is None else Fix(str(fix[0]), tuple(Edit(_unspan(s), str(t))
                                                        for s, t in fix[2]), str(fix[1])))
