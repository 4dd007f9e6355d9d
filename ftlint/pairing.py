"""Which files form pairs in a project: configured pairs, checkpoint links, two-phase files.

Shared by project mode, the pre-commit hook and the language server.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ftlint.config import Config
from ftlint.paths import same_place

if TYPE_CHECKING:
    from ftlint.program import Workspace


@dataclass(frozen=True, slots=True)
class PairLink:
    pretrain: str
    finetune: str
    reason: str  # shown by --show-pairs


def _key(path: str | Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def configured_pairs(config: Config) -> list[PairLink]:
    return [PairLink(str(a), str(b), f"[[tool.ftlint.pairs]] in {config.path}")
            for a, b in config.pairs]


def checkpoint_links(files: list[str], workspace: Workspace) -> list[PairLink]:
    """A saves a checkpoint at a known path that B loads: A pretrains, B fine-tunes."""
    saves: list[tuple[str, str]] = []
    loads: list[tuple[str, str]] = []
    for path in files:
        for fact in workspace.module(path).facts:
            if fact.kind == "save" and fact.value.known:
                saves.append((path, fact.value.value))
            elif fact.kind == "load" and fact.value.known and fact.attr("local"):
                loads.append((path, fact.value.value))
    links: dict[tuple[str, str], PairLink] = {}
    for loader, loaded in loads:
        for saver, saved in saves:
            if _key(saver) != _key(loader) and same_place(saved, loaded):
                links.setdefault((_key(saver), _key(loader)), PairLink(
                    saver, loader, f"{Path(saver).name} saves '{saved}', "
                    f"{Path(loader).name} loads '{loaded}'"))
    return list(links.values())


def discover(files: list[str], config: Config, workspace: Workspace) -> list[PairLink]:
    """Every pair among the files (configured pairs first, then checkpoint links)."""
    found: dict[tuple[str, str], PairLink] = {}
    for link in configured_pairs(config) + checkpoint_links(files, workspace):
        found.setdefault((_key(link.pretrain), _key(link.finetune)), link)
    return list(found.values())


def partners(path: str, links: list[PairLink]) -> list[str]:
    """The other files of every pair this file belongs to."""
    key = _key(path)
    result = []
    for link in links:
        if _key(link.pretrain) == key:
            result.append(link.finetune)
        elif _key(link.finetune) == key:
            result.append(link.pretrain)
    return result
