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


def from_own_folder(path: str, script: str) -> str:
    """A relative path read from the script's own folder (`cd src; python x.py`), written
    from the project's top ("" for an absolute path, or one whose folder is a run-time
    hole)."""
    if not script or os.path.isabs(path) or path.startswith("{"):
        return ""
    return os.path.normpath(os.path.join(os.path.dirname(os.path.relpath(script)), path))


def readings(path: str, script: str) -> set[str]:
    """Where a relative path may point: from the script's own folder or from any folder
    above it (`python ML/web.py` from the top, `python web.py` from ML/), each written from
    where ftlint runs, so that two scripts' readings compare."""
    if not from_own_folder(path, script):
        return {path}
    folder, found = os.path.dirname(os.path.relpath(script)), set()
    while True:
        found.add(os.path.normpath(os.path.join(folder, path)))
        if not folder or folder in (os.sep, "..") or folder.endswith(os.sep + ".."):
            return found
        folder = os.path.dirname(folder)


def may_be_same_place(saved: str, saver: str, loaded: str, loader: str) -> bool:
    """same_place under any folder each script may run from (unknown: all are possible)."""
    return any(same_place(a, b) for a in readings(saved, saver) for b in readings(loaded, loader))


def resolved(path: str | Path) -> Path:
    """The absolute, symlink-free path; the plain absolute path for a symlink loop, which
    Path.resolve() refuses (RuntimeError before Python 3.13, OSError after)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))
