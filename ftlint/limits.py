"""Bounds on what one file may cost: bytes read, nesting depth, analysis time.

A linter runs on code its user did not write; every input must finish, in bounded time and
memory, with one clear line when a bound is hit. Defaults live here; callers pass a Limits.
"""

from __future__ import annotations

import os
import signal
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

# Setting `max-file-size` (bytes of Python source, after a notebook's code cells are joined).
MAX_FILE_SIZE = 1_048_576
# A notebook's JSON may carry outputs (images) far larger than its code.
NOTEBOOK_READ_FACTOR = 32
# Setting `analysis-time-budget` (seconds of analysis per file, imports it follows included).
TIME_BUDGET = 10.0
# Nesting (weighted AST depth, see ftlint.screen) libcst and its visitors survive with
# Python's default recursion limit, with room for the callers' frames (measured: ~300).
MAX_DEPTH = 200


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_size: int = MAX_FILE_SIZE
    time_budget: float = TIME_BUDGET
    max_depth: int = MAX_DEPTH

    @property
    def read_limit(self) -> int:
        """Bytes read of any file at most (a notebook's JSON included)."""
        return self.max_file_size * NOTEBOOK_READ_FACTOR


DEFAULT = Limits()


def limits_of(config: object) -> Limits:
    """The run's limits: the configuration's once it carries them (settings max-file-size
    and analysis-time-budget as a `limits` attribute), these defaults until then."""
    found = getattr(config, "limits", None)
    return found if isinstance(found, Limits) else DEFAULT


class ReadError(OSError):
    """A file that is not read: not a regular file, or over the read limit (one line)."""

    def __init__(self, message: str, too_large: bool = False) -> None:
        super().__init__(message)
        self.too_large = too_large


def read_regular(path: str, limit: int) -> bytes:
    """The bytes of a regular file, never more than limit + 1 of them.

    Opened without blocking and checked after opening (no race with a swap), so a FIFO,
    a device or a socket is refused instead of hanging or reading without end.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "is a directory", path)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > limit:
            raise ReadError(f"file is {size_text(info.st_size)}, over the limit of "
                            f"{size_text(limit)}", True)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while read
            raise ReadError(f"file is over the limit of {size_text(limit)}", True)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular(path: str) -> bool:
    """A regular file (symlinks followed); False for FIFOs, devices, sockets, missing."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def size_text(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


# -- time budget -------------------------------------------------------------------------
class BudgetExceeded(Exception):
    """The analysis of one file ran over its time budget."""


_deadline = threading.local()


def expired() -> bool:
    """Whether this thread's analysis is past its budget."""
    until = getattr(_deadline, "until", None)
    return until is not None and time.monotonic() > until


def check_deadline() -> None:
    """Raise BudgetExceeded when this thread's analysis is over its budget (cooperative:
    called from loops that may run long, where no timer signal can reach)."""
    until = getattr(_deadline, "until", None)
    if until is not None and time.monotonic() > until:
        raise BudgetExceeded()


@contextmanager
def time_budget(seconds: float) -> Iterator[bool]:
    """Bound the enclosed analysis to seconds; yields whether this call armed the budget
    (nested calls run inside the outer budget). In the main thread a timer signal also
    interrupts code that never checks; elsewhere only check_deadline() stops it. The
    signal repeats every 50 ms once due: a raise that lands where Python swallows
    exceptions (a gc callback, a __del__) is followed by another."""
    if getattr(_deadline, "until", None) is not None or seconds <= 0:
        yield False
        return
    _deadline.until = time.monotonic() + seconds
    _deadline.previous = None
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread() \
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0:  # never take over a caller's timer
        try:
            _deadline.previous = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
        except (ValueError, OSError):
            _deadline.previous = None
    try:
        yield True
    finally:
        stop_budget()


def stop_budget() -> None:
    """End this thread's budget now (idempotent); call it first where BudgetExceeded is
    caught, so that no repeat of the signal lands in the handler."""
    _deadline.until = None  # first: a signal arriving now finds no budget to stop
    previous = getattr(_deadline, "previous", None)
    if previous is not None:
        _deadline.previous = None
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _on_alarm(signum: int, frame: object) -> None:
    if getattr(_deadline, "until", None) is not None and not _reporting_unraisable(frame):
        raise BudgetExceeded()


def _reporting_unraisable(frame) -> bool:
    """The signal landed inside a finalizer, or in the hook that reports an exception a
    finalizer swallowed: a raise there escapes into the host (pytest's hook); the next
    repeat of the signal lands in the analysis instead."""
    for _ in range(64):
        if frame is None:
            return False
        code = frame.f_code
        if code.co_name in ("__del__", "unraisable_hook") or "unraisable" in code.co_filename:
            return True
        frame = frame.f_back
    return False
