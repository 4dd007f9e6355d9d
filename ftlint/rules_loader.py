"""Load rule classes from folders: the built-in rules/ and the user's own, the same way."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from ftlint.rule import PairRule, Rule, ScriptRule


class RuleLoadError(Exception):
    pass


def builtin_rules_dir() -> Path:
    installed = Path(__file__).resolve().parent / "builtin_rules"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "rules"  # a source checkout


def load_rules(folders: list[Path] | None = None) -> list[Rule]:
    """Instances of every rule in the built-in folder and the given folders, by code."""
    rules: dict[str, Rule] = {}
    for number, folder in enumerate([builtin_rules_dir(), *(folders or [])]):
        if not folder.is_dir():
            raise RuleLoadError(f"{folder}: rule folder not found")
        for file in sorted(folder.glob("*.py")):
            if file.name.startswith("_"):
                continue
            for rule in _rules_in(file, number):
                if rule.code in rules:
                    raise RuleLoadError(f"{file}: rule code {rule.code} is already used by "
                                        f"{rules[rule.code].name}")
                rules[rule.code] = rule
    return [rules[code] for code in sorted(rules)]


def _rules_in(file: Path, number: int) -> list[Rule]:
    name = f"_ftlint_rules_{number}.{file.stem}"
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise RuleLoadError(f"{file}: cannot load")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # a user's rule module: report it, do not crash
        raise RuleLoadError(f"{file}: {type(exc).__name__}: {exc}") from exc
    found = []
    for value in vars(module).values():
        if (isinstance(value, type) and issubclass(value, Rule)
                and value not in (Rule, PairRule, ScriptRule)
                and value.__module__ == name and getattr(value, "code", None)):
            found.append(value())
    return found
