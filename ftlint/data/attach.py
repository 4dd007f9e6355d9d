"""The step between extraction and rules when data checks are on: each data_read fact of a
profile gets a `dataset` fact holding what the file contains (a Summary), or why it was
not read. Summaries are cached by file identity (path, size, mtime) and request.

Where a relative path points: the folder of the script that names it (scripts are usually
run from their own folder), or `data-root` from [tool.ftlint] when set. Absolute paths are
used as they are. Either way the file must lie inside the project (the pyproject.toml
folder), the script's folder or data-root once symlinks are resolved.
"""

from __future__ import annotations

import os
from pathlib import Path

from ftlint.config import Config
from ftlint.data import DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS, Budget, Request, Summary
from ftlint.data.files import Refused, locate
from ftlint.facts import Fact, Span
from ftlint.rule import Profile

_CACHE: dict[tuple, Summary] = {}
_CACHE_SIZE = 8  # summaries hold feature columns: keep few (the language server lives long)


def with_data(profile: Profile, config: Config) -> Profile:
    """The profile with a dataset fact after every data_read fact that names a known path."""
    budget = budget_of(config)
    added = [d for d in (dataset(read, config, budget) for read in profile.of("data_read"))
             if d is not None]
    if not added:
        return profile
    return Profile(profile.path, profile.phase, [*profile.facts, *added])


def budget_of(config: Config) -> Budget:
    """[tool.ftlint.options] data-max-rows and data-max-mb (checked by
    ftlint.config.check_against_rules), else the defaults."""
    rows = config.options.get("data-max-rows", DEFAULT_MAX_ROWS)
    megabytes = config.options.get("data-max-mb", DEFAULT_MAX_BYTES / (1 << 20))
    return Budget(int(rows), int(megabytes * (1 << 20)))


def dataset(read: Fact, config: Config, budget: Budget) -> Fact | None:
    path = read.value
    if not path.known or not isinstance(path.value, str) or read.attr("role") != "train":
        return None  # an unknown path yields nothing; evaluation data is not compared
    script_folder = Path(read.span.path).resolve().parent
    root = Path(config.data_root) if getattr(config, "data_root", None) else None
    base = root or script_folder
    # the data file as the user sees it: beside the script's path as given, or in data-root
    shown_base = str(root) if root else os.path.dirname(read.span.path)
    named = os.path.normpath(os.path.join(shown_base, path.value))
    reason = read.attr("skip") or read.attr("unsupported")
    request = Request(read.attr("format"), read.attr("sep"), bool(read.attr("header", True)),
                      read.attr("label"), read.attr("features"), read.attr("text"))
    if not reason and read.attr("format") != "folder" and request.label is None and \
            request.features is None and request.text is None:
        return None  # nothing the rules could use is taken from this file
    file_span = None
    if reason:
        summary = Summary(named, problem=reason)
        if read.attr("format") not in ("hub",) and "remote" not in reason:
            file_span = Span(named, 1, 1, 1, 1)
    else:
        roots = [Path(config.root), script_folder, *([root] if root else [])]
        summary = _summary(path.value, base, roots, request, budget)
        file_span = Span(named, 1, 1, 1, 1)
    attrs = {**read.attrs, "file": file_span, "shown": path.value}
    return Fact("dataset", summary, read.span, read.text, attrs, read.unit, read.stmt,
                read.origin_path)


def _summary(path: str, base: Path, roots: list[Path], request: Request,
             budget: Budget) -> Summary:
    try:
        real = locate(path, base, roots)
        info = os.stat(real)
    except Refused as exc:
        return Summary(str(base / path), problem=str(exc))
    key = (real, info.st_size, info.st_mtime_ns, request, budget)
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = _read(real, request, budget)
    return _CACHE[key]


def _read(real: str, request: Request, budget: Budget) -> Summary:
    from ftlint.data import arrays, folders, tables

    is_folder = os.path.isdir(real)
    try:
        if request.format == "folder" or is_folder:
            if not (request.format == "folder" and is_folder):
                raise Refused("a folder where a file was expected" if is_folder
                              else "a file where a folder was expected")
            return folders.read_folder(real, budget)
        reader = {"csv": tables.read_csv, "jsonl": tables.read_jsonl, "npy": arrays.read_npy,
                  "npz": arrays.read_npz}.get(request.format)
        if reader is None:
            raise Refused(f"{request.format} files are not read")
        return reader(real, request, budget)
    except Refused as exc:
        return Summary(real, problem=str(exc))
    except (MemoryError, RecursionError, OSError, ValueError, UnicodeError) as exc:
        return Summary(real, problem=f"ftlint could not read it ({type(exc).__name__}: {exc})")
