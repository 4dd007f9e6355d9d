"""[tool.ftlint] in the nearest pyproject.toml."""

from __future__ import annotations

import fnmatch
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ftlint.data import DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS
from ftlint.findings import SEVERITIES
from ftlint.limits import Limits
from ftlint.paths import resolved

# [tool.ftlint.options] that no rule owns: the --data reading budget (ftlint.data.attach)
ENGINE_OPTIONS = {"data-max-rows": DEFAULT_MAX_ROWS, "data-max-mb": DEFAULT_MAX_BYTES >> 20}


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
    cache_dir: Path | None = None  # the result cache (ftlint.cache); None: at the root
    limits: Limits = field(default_factory=Limits)  # max-file-size, analysis-time-budget
    data: bool = False  # read the data files the scripts name (ftlint.data)
    data_root: Path | None = None  # relative data paths resolve here instead of the script's folder
    jobs: int = 0  # project mode's worker processes; 0: by the project's size and the cores

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
        return resolved(path).relative_to(resolved(root)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def find_pyproject(start: Path) -> Path | None:
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


MAX_CONFIG_BYTES = 4 * 1024 * 1024  # a pyproject.toml larger than this is not a config


def _toml_load(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10
        import tomli as tomllib
    try:
        if not path.is_file():
            raise ConfigError(f"{path}: not a regular file")
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
        if len(data) > MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: larger than {MAX_CONFIG_BYTES // 1024 // 1024} MB")
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 (byte {exc.start + 1}); TOML files are UTF-8"
                          ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    except (OSError, RecursionError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "nested too deeply"
        raise ConfigError(f"{path}: cannot read: {reason}") from exc


def load_config(start: Path, explicit: Path | None = None) -> Config:
    path = explicit or find_pyproject(start)
    if path is None:
        return Config(root=start.resolve())
    tool = _toml_load(path).get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: `tool` must be a table")
    table = tool.get("ftlint", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.ftlint] must be a table, not {_type_name(table)}")
    return parse_table(table, path)


def _type_name(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string",
            list: "an array", dict: "a table"}.get(type(value), type(value).__name__)


_KEYS = {"select", "ignore", "extend-select", "severity", "options", "per-file-ignores",
         "rule-folders", "pairs", "fail-on", "exclude", "preprocessing", "optimizers",
         "docs-url", "cache-dir", "max-file-size", "analysis-time-budget", "data", "data-root",
         "jobs"}


def parse_table(table: dict, path: Path) -> Config:
    config = Config(root=path.parent, path=path)
    for key in table:
        if key not in _KEYS:
            raise ConfigError(f"{path}: [tool.ftlint]: unknown key `{key}`{did_you_mean(key, _KEYS)}")
    config.select = _codes(table.get("select", ["FT"]), path, "select") + _codes(
        table.get("extend-select", []), path, "extend-select")
    config.ignore = _codes(table.get("ignore", []), path, "ignore")
    docs_url = table.get("docs-url", "")
    if not isinstance(docs_url, str):
        raise ConfigError(f"{path}: docs-url must be a string (where docs/rules.md is published)")
    config.docs_url = docs_url
    cache_dir = table.get("cache-dir")
    if cache_dir is not None and not isinstance(cache_dir, str):
        raise ConfigError(f"{path}: cache-dir must be a string (a folder, relative to "
                          "pyproject.toml)")
    config.cache_dir = path.parent / cache_dir if cache_dir else None
    defaults = Limits()
    size = table.get("max-file-size", defaults.max_file_size)
    budget = table.get("analysis-time-budget", defaults.time_budget)
    for key, value, default in (("max-file-size", size, defaults.max_file_size),
                                ("analysis-time-budget", budget, defaults.time_budget)):
        problem = _option_problem(value, default)
        if problem or (key == "max-file-size" and not isinstance(value, int)):
            raise ConfigError(f"{path}: {key} = {value!r}: {problem or 'expected a whole number'}"
                              f" ({'bytes' if key == 'max-file-size' else 'seconds'})")
    config.limits = Limits(max_file_size=size, time_budget=float(budget))
    jobs = table.get("jobs", 0)
    if isinstance(jobs, bool) or not isinstance(jobs, int) or not 0 <= jobs <= 256:
        raise ConfigError(f"{path}: jobs = {jobs!r}: expected a whole number of worker "
                          "processes, 1 to 256 (0: chosen by the project's size and the cores)")
    config.jobs = jobs
    if not isinstance(table.get("data", False), bool):
        raise ConfigError(f"{path}: data must be true or false")
    config.data = table.get("data", False)
    if not isinstance(table.get("data-root", ""), str):
        raise ConfigError(f"{path}: data-root must be a string (a folder, relative to pyproject.toml)")
    config.data_root = path.parent / table["data-root"] if table.get("data-root") else None
    severity = table.get("severity", {})
    if not isinstance(severity, dict) or any(v not in SEVERITIES for v in severity.values()):
        raise ConfigError(f"{path}: [tool.ftlint.severity] maps codes to info|warning|error")
    config.severity = {code.strip().upper(): level for code, level in severity.items()}
    options = table.get("options", {})
    if not isinstance(options, dict):
        raise ConfigError(f"{path}: [tool.ftlint.options] must be a table")
    config.options = dict(options)
    ignores = table.get("per-file-ignores", {})
    if not isinstance(ignores, dict):
        raise ConfigError(f"{path}: per-file-ignores maps glob patterns to code lists")
    config.per_file_ignores = {k: _codes(v, path, f"per-file-ignores.{k!r}")
                               for k, v in ignores.items()}
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
    pairs = table.get("pairs", [])
    if not isinstance(pairs, list):
        raise ConfigError(f"{path}: pairs must be an array of tables ([[tool.ftlint.pairs]])")
    for number, entry in enumerate(pairs, 1):
        if not isinstance(entry, dict) or not all(
                isinstance(entry.get(k), str) and entry[k] for k in ("pretrain", "finetune")):
            raise ConfigError(f"{path}: [[tool.ftlint.pairs]] entry {number} needs pretrain and "
                              "finetune paths (strings)")
        if set(entry) - {"pretrain", "finetune"}:
            extra = sorted(set(entry) - {"pretrain", "finetune"})[0]
            raise ConfigError(f"{path}: [[tool.ftlint.pairs]] entry {number}: unknown key "
                              f"`{extra}`{did_you_mean(extra, ('pretrain', 'finetune'))}")
        config.pairs.append((path.parent / entry["pretrain"], path.parent / entry["finetune"]))
    return config


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean `x`?)` for the closest choice, or nothing."""
    import difflib  # only when something is misspelt: a cold start need not pay for it

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def check_against_rules(config: Config, rules: Sequence[Any]) -> None:
    """Codes, prefixes and options that name no loaded rule are errors, as in ruff: a typo
    must not silently switch a rule off (or leave it on)."""
    where = f"{config.path}: " if config.path else ""
    for key, values in (("select", config.select), ("ignore", config.ignore),
                        ("severity", list(config.severity)),
                        *((f"per-file-ignores.{k!r}", v) for k, v in config.per_file_ignores.items())):
        check_codes(f"{where}{key}", values, rules)
    declared = {**ENGINE_OPTIONS,
                **{name: default for rule in rules for name, default in rule.options.items()}}
    for name, value in config.options.items():
        if name not in declared:
            raise ConfigError(f"{where}[tool.ftlint.options]: unknown option `{name}`"
                              f"{did_you_mean(name, declared)}; known: {', '.join(sorted(declared))}")
        problem = _option_problem(value, declared[name])
        if problem:
            raise ConfigError(f"{where}[tool.ftlint.options] {name} = {value!r}: {problem}")


def check_codes(label: str, values: Iterable[str], rules: Sequence[Any]) -> None:
    """Each value is ALL, a rule code or a prefix of one."""
    codes = [rule.code for rule in rules]
    for value in values:
        if value != "ALL" and not any(code.startswith(value) for code in codes):
            raise ConfigError(f"{label}: no rule code or prefix `{value}`"
                              f"{did_you_mean(value, codes)}; `ftlint rules` lists them")


def _option_problem(value: Any, default: Any) -> str:
    """Why value cannot stand where a rule declares default, or nothing."""
    if isinstance(default, bool) or isinstance(value, bool):
        return "" if type(value) is type(default) else f"expected {_type_name(default)}"
    if isinstance(default, (int, float)):
        if not isinstance(value, (int, float)):
            return "expected a number"
        if not math.isfinite(value) or value <= 0:
            return "expected a finite number above 0"
        return ""
    return "" if isinstance(value, type(default)) else f"expected {_type_name(default)}"


def _strings(value: Any, path: Path, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key} must be a list of strings")
    return value


def _codes(value: Any, path: Path, key: str) -> list[str]:
    return [v.strip().upper() for v in _strings(value, path, key) if v.strip()]
