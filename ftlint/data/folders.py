"""Image folders: one subfolder per class, one file per example. Nothing is decoded; files
are counted from directory entries (no stat per file), symlinked folders are not entered."""

from __future__ import annotations

import os

from ftlint.data import Budget, Summary
from ftlint.data.files import Refused

# What torchvision's ImageFolder and Keras' image_dataset_from_directory count as images.
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff",
                            ".webp", ".gif"})


def read_folder(path: str, budget: Budget) -> Summary:
    if not os.path.isdir(path):
        raise Refused("it is not a folder")
    limit = budget.max_rows * 5  # entries are cheap to count: five times the row budget
    counts: dict[str, int] = {}
    seen = 0
    cut = False
    with os.scandir(path) as entries:
        classes = [e for e in entries if not e.name.startswith(".")
                   and e.is_dir(follow_symlinks=False)]
    for entry in sorted(classes, key=lambda e: e.name):
        count = 0
        with os.scandir(entry.path) as files:
            for item in files:
                seen += 1
                if seen > limit:
                    cut = True
                    break
                if item.name.startswith("."):
                    continue
                if os.path.splitext(item.name)[1].lower() in IMAGE_SUFFIXES and \
                        not item.is_dir(follow_symlinks=False):
                    count += 1
        counts[entry.name] = count
        if cut:
            break
    counts = {name: n for name, n in counts.items() if n}
    summary = Summary(path, rows=sum(counts.values()), labels=counts or None)
    if cut:
        summary.sampled = f"the first {limit:,} folder entries"
    return summary
