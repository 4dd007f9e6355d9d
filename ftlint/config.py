"""[tool.ftlint] in the nearest pyproject.toml."""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ftlint.findings import SEVERITIES


class ConfigError(Exception):
    pass


@dataclass(slots=True)
class Config:
    root: Path = field(default_factory=Path.cwd)  # folder of the pyproject.toml
    path: Path | None = None
    select: list[str] = field(default_factory=lambda: ["FT"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    rule_folders: list[Path] = field(default_factory=list)
    pairs: list[tuple[Path, Path]] = field(default_factory=list)
    fail_on: str = "warning"
    exclude: list[str] = field(default_factory=list)
    knowledge: Any = None  # ftlint.extract.custom.Knowledge when [tool.ftlint] declares any
    docs_url: str = ""  # where docs/rules.md is published, for SARIF help links
    data: bool = False  # read the data files the scripts name (ftlint.data)
    data_root: Path | None = None  # relative data paths resolve here instead of the script's folder

    def enabled(self, code: str, path: str | None = None) -> bool:
        if not _matches(code, self.select) or _matches(code, self.ignore):
            return False
        if path is not None and self.per_file_ignores:
            relative = _relative(path, self.root)
            for pattern, codes in self.per_file_ignores.items():
                if fnmatch.fnmatch(relative, pattern) and _matches(code, codes):
                    return False
        return True


def _matches(code: str, prefixes: list[str]) -> bool:
    return any(p == "ALL" or code.startswith(p) for p in prefixes)


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def find_pyproject(start: Path) -> Path | None:
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _toml_load(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc


def load_config(start: Path, explicit: Path | None = None) -> Config:
    path = explicit or find_pyproject(start)
    if path is None:
        return Config(root=start.resolve())
    table = _toml_load(path).get("tool", {}).get("ftlint", {})
    return parse_table(table, path)


_KEYS = {"select", "ignore", "extend-select", "severity", "options", "per-file-ignores",
         "rule-folders", "pairs", "fail-on", "exclude", "preprocessing", "optimizers",
         "docs-url", "data", "data-root"}


def parse_table(table: dict, path: Path) -> Config:
    config = Config(root=path.parent, path=path)
    unknown = set(table) - _KEYS
    if unknown:
        raise ConfigError(f"{path}: [tool.ftlint]: unknown key(s) {', '.join(sorted(unknown))}")
    config.select = _codes(table.get("select", ["FT"]), path, "select") + _codes(
        table.get("extend-select", []), path, "extend-select")
    config.ignore = _codes(table.get("ignore", []), path, "ignore")
    docs_url = table.get("docs-url", "")
    if not isinstance(docs_url, str):
        raise ConfigError(f"{path}: docs-url must be a string (where docs/rules.md is published)")
    config.docs_url = docs_url
    if not isinstance(table.get("data", False), bool):
        raise ConfigError(f"{path}: data must be true or false")
    config.data = table.get("data", False)
    if not isinstance(table.get("data-root", ""), str):
        raise ConfigError(f"{path}: data-root must be a string (a folder, relative to pyproject.toml)")
    config.data_root = path.parent / table["data-root"] if table.get("data-root") else None
    severity = table.get("severity", {})
    if not isinstance(severity, dict) or any(v not in SEVERITIES for v in severity.values()):
        raise ConfigError(f"{path}: [tool.ftlint.severity] maps codes to info|warning|error")
    config.severity = dict(severity)
    options = table.get("options", {})
    if not isinstance(options, dict):
        raise ConfigError(f"{path}: [tool.ftlint.options] must be a table")
    config.options = dict(options)
    ignores = table.get("per-file-ignores", {})
    if not isinstance(ignores, dict):
        raise ConfigError(f"{path}: per-file-ignores maps glob patterns to code lists")
    config.per_file_ignores = {k: _codes(v, path, "per-file-ignores") for k, v in ignores.items()}
    config.rule_folders = [path.parent / f for f in _strings(table.get("rule-folders", []), path,
                                                              "rule-folders")]
    config.exclude = _strings(table.get("exclude", []), path, "exclude")
    fail_on = table.get("fail-on", "warning")
    if fail_on not in SEVERITIES:
        raise ConfigError(f"{path}: fail-on must be info, warning or error")
    config.fail_on = fail_on
    if "preprocessing" in table or "optimizers" in table:
        from ftlint.extract.custom import KnowledgeError, parse_knowledge

        try:
            config.knowledge = parse_knowledge(table.get("preprocessing", {}),
                                               table.get("optimizers", {}))
        except KnowledgeError as exc:
            raise ConfigError(f"{path}: {exc}") from exc
    for entry in table.get("pairs", []):
        if not isinstance(entry, dict) or not {"pretrain", "finetune"} <= set(entry):
            raise ConfigError(f"{path}: each [[tool.ftlint.pairs]] needs pretrain and finetune")
        config.pairs.append((path.parent / entry["pretrain"], path.parent / entry["finetune"]))
    return config


def _strings(value: Any, path: Path, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key} must be a list of strings")
    return value


def _codes(value: Any, path: Path, key: str) -> list[str]:
    return [v.strip().upper() for v in _strings(value, path, key)]
