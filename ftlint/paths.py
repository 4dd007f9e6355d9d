"""Comparing checkpoint paths as scripts write them ('./out/', 'ckpt-{epoch:02d}.h5')."""

from __future__ import annotations

import os.path
import re
from functools import lru_cache
from pathlib import Path

_HOLE = "\x00"  # a hole of a loaded template, while it is compared


def normalize(path: str) -> str:
    return os.path.normpath(path.replace("\\", "/")).rstrip("/")


@lru_cache(maxsize=4096)
def _template(path: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^}]*\}", normalize(path))
    return re.compile(".+".join(re.escape(p) for p in parts) + r"$")


def same_place(saved: str, loaded: str) -> bool:
    """A load reads what a save wrote: same path, a template match, or a file inside it.

    Either side may be a template ('{}' or '{epoch:02d}' for what is known only at run
    time); a hole of the loaded path stands for any text."""
    if not saved.strip() or not loaded.strip():
        return False  # an empty path names no file: it links nothing
    if "{" in loaded:
        loaded = re.sub(r"\{[^}]*\}", _HOLE, loaded)
    saved_n, loaded_n = normalize(saved), normalize(loaded)
    if saved_n == loaded_n or loaded_n.startswith(saved_n + "/"):
        return True
    if _template(saved).match(loaded_n):
        return True
    if _HOLE in loaded_n and "{" not in saved:
        pattern = ".+".join(re.escape(p) for p in loaded_n.split(_HOLE)) + r"(/.*)?$"
        return re.match(pattern, saved_n) is not None
    if _HOLE in loaded_n and "{" in saved:
        return _segments_agree(saved_n, loaded_n)
    return False


def _segments_agree(saved: str, loaded: str) -> bool:
    """Two templates, folder by folder: a folder that is one hole on either side is any
    folder ('{}.{}.{}' a run's name built from options, '{}' the option naming it); each
    other part of the load must fit the save's template as before."""
    ours, theirs = saved.split("/"), loaded.split("/")
    if len(ours) != len(theirs):
        return False
    for mine, other in zip(ours, theirs, strict=True):
        if other == _HOLE or re.fullmatch(r"\{[^}]*\}", mine):
            continue
        if mine != other and not _template(mine).match(other):
            return False
    return True


def resolved(path: str | Path) -> Path:
    """The absolute, symlink-free path; the plain absolute path for a symlink loop, which
    Path.resolve() refuses (RuntimeError before Python 3.13, OSError after)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))
