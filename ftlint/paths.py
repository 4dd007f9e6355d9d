"""Comparing checkpoint paths as scripts write them ('./out/', 'ckpt-{epoch:02d}.h5')."""

from __future__ import annotations

import os.path
import re
from pathlib import Path


def normalize(path: str) -> str:
    return os.path.normpath(path.replace("\\", "/")).rstrip("/")


def _template(path: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^}]*\}", normalize(path))
    return re.compile(".+".join(re.escape(p) for p in parts) + r"$")


def same_place(saved: str, loaded: str) -> bool:
    """A load reads what a save wrote: same path, a template match, or a file inside it."""
    saved_n, loaded_n = normalize(saved), normalize(loaded)
    return (saved_n == loaded_n or loaded_n.startswith(saved_n + "/")
            or bool(_template(saved).match(loaded_n)))


def resolved(path: str | Path) -> Path:
    """The absolute, symlink-free path; the plain absolute path for a symlink loop, which
    Path.resolve() refuses (RuntimeError before Python 3.13, OSError after)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))
