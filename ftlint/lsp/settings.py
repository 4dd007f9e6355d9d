"""Editor settings (initializationOptions, workspace/didChangeConfiguration) on top of
[tool.ftlint]: the editor may narrow or widen what pyproject.toml says, never replace it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ftlint.config import Config
from ftlint.findings import SEVERITIES

DEFAULT_DEBOUNCE_MS = 150


@dataclass(slots=True)
class Settings:
    enable: bool = True
    select: list[str] = field(default_factory=list)  # empty: as in pyproject.toml
    ignore: list[str] = field(default_factory=list)  # added to pyproject.toml's ignore
    severity: dict[str, str] = field(default_factory=dict)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # relative to the root folder
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    docs_url: str = ""  # link for a rule, {code} / {code_lower} filled in
    data: bool = False  # read data files (--data); in the editor only when this is on


def parse_settings(raw: Any, problems: list[str] | None = None) -> Settings:
    """Settings from a client's JSON; a value of the wrong shape is skipped and described in
    problems. Accepts {"ftlint": {...}} (VS Code's section) or the section itself."""
    problems = problems if problems is not None else []
    if isinstance(raw, dict) and isinstance(raw.get("ftlint"), dict):
        raw = raw["ftlint"]
    if not isinstance(raw, dict):
        return Settings()
    settings = Settings()
    if isinstance(raw.get("enable"), bool):
        settings.enable = raw["enable"]
    for key in ("select", "ignore"):
        value = raw.get(key)
        if value is None:
            continue
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            setattr(settings, key, [v.strip().upper() for v in value if v.strip()])
        else:
            problems.append(f"{key} must be a list of codes")
    severity = raw.get("severity")
    if isinstance(severity, dict):
        for code, level in severity.items():
            if level in SEVERITIES:
                settings.severity[str(code).upper()] = level
            else:
                problems.append(f"severity of {code} must be info, warning or error")
    for entry in raw.get("pairs") or []:
        if isinstance(entry, dict) and isinstance(entry.get("pretrain"), str) \
                and isinstance(entry.get("finetune"), str):
            settings.pairs.append((entry["pretrain"], entry["finetune"]))
        else:
            problems.append("each pair needs pretrain and finetune paths")
    debounce = raw.get("debounceMs")
    if isinstance(debounce, int) and not isinstance(debounce, bool) and debounce >= 0:
        settings.debounce_ms = debounce
    if isinstance(raw.get("docsUrl"), str):
        settings.docs_url = raw["docsUrl"]
    if isinstance(raw.get("data"), bool):
        settings.data = raw["data"]
    return settings


def docs_links(codes: list[str], template: str) -> dict[str, str]:
    """A documentation link per rule: the docsUrl setting, else docs/rules.md of a source
    checkout (a file: URI with the rule's anchor), else none."""
    if not template:
        rules_doc = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
        if not rules_doc.is_file():
            return {}
        template = rules_doc.as_uri() + "#{code_lower}"
    return {code: template.replace("{code}", code).replace("{code_lower}", code.lower())
            for code in codes}


def apply_settings(config: Config, settings: Settings, root: Path | None) -> Config:
    """A copy of the project's config with the editor's settings applied."""
    config = dataclasses.replace(config, severity=dict(config.severity),
                                 ignore=list(config.ignore), pairs=list(config.pairs))
    if settings.select:
        config.select = list(settings.select)
    config.ignore += settings.ignore
    config.severity.update(settings.severity)
    config.data = settings.data  # data checks cost a file read: the editor opts in itself
    base = root or config.root
    for pretrain, finetune in settings.pairs:
        config.pairs.append((base / pretrain, base / finetune))
    return config
