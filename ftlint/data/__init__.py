"""Reading the data files the scripts name, safely and within a budget (`--data` only).

files     where a path points, and whether it may be opened (no symlink out of the
          project, regular files only, never a FIFO or device)
tables    CSV/TSV and JSON Lines: the label, feature and text columns a script uses
arrays    .npy/.npz with allow_pickle=False, header checked before any byte is read
folders   image folders: classes are the subfolders, counts are the files
stats     the arithmetic rules use (numpy): divergences, shift indices, shares
attach    the step between extraction and rules: data_read facts become dataset facts

Nothing here imports or executes what it reads, and nothing unpickles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_MAX_ROWS = 200_000
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Budget:
    """How much of one file is read: at most max_rows rows and max_bytes bytes."""

    max_rows: int = DEFAULT_MAX_ROWS
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class Request:
    """What to read from a file: its format and the columns the script takes from it.

    label / text: a column name, a position (int) or, for arrays, "*" (the whole array)
    or an .npz member name. features: a tuple of names, ("*except", names...) for every
    other column, or ("*slice", lower, upper) for positions.
    """

    format: str  # csv | jsonl | npy | npz | folder
    sep: str | None = ","  # None: runs of whitespace
    header: bool = True
    label: Any = None
    features: tuple | None = None
    text: Any = None


@dataclass(slots=True)
class Summary:
    """What a file holds, as far as the rules need it. problem: why it was not read."""

    path: str
    rows: int = 0
    sampled: str = ""  # "" when the whole file was read, else what was read
    labels: dict[str, int] | None = None  # class -> count (categorical labels only)
    features: dict[str, Any] = field(default_factory=dict)  # column -> float array
    text_lengths: Any = None  # whitespace tokens per text (int array)
    problem: str = ""
