"""Where a data path points and whether ftlint may open it: stat before reading, regular
files only, never out of the project through a symlink, never more than the budget."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO


class Refused(Exception):
    """A file ftlint will not read, with the reason (shown as one info line)."""


def locate(path: str, base: Path, roots: list[Path]) -> str:
    """The real path of `path` (relative to base unless absolute), which must lie under
    one of roots once every symlink is resolved."""
    candidate = Path(path) if os.path.isabs(path) else base / path
    real = os.path.realpath(candidate)
    if not any(_under(real, os.path.realpath(root)) for root in roots):
        raise Refused("it lies outside the project (set data-root in [tool.ftlint] to read it)")
    try:
        info = os.stat(real)
    except FileNotFoundError:
        raise Refused("no such file or folder") from None
    except OSError as exc:
        raise Refused(f"it cannot be examined ({exc.strerror})") from None
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        raise Refused("it is not a regular file (a FIFO, socket or device)")
    return real


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def open_regular(path: str) -> BinaryIO:
    """A regular file opened for reading, without following a symlink and without blocking
    (a FIFO swapped in after the stat), then checked again on the open descriptor."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise Refused(f"it cannot be opened ({exc.strerror})") from None
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        raise Refused("it is not a regular file")
    return handle


def read_head(path: str, limit: int) -> tuple[bytes, int]:
    """Up to limit bytes of a regular file, and its size."""
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        try:
            return handle.read(limit), size
        except OSError as exc:
            raise Refused(f"it cannot be read ({exc.strerror})") from None


def size_text(size: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"
