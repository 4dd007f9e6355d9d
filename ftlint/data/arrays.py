""".npy and .npz files: the header is checked before the data is touched, object arrays are
refused (they would need unpickling), and only the rows within the budget are read."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from typing import Any

import numpy as np
from numpy.lib import format as npformat

from ftlint.data import Budget, Request, Summary
from ftlint.data.files import Refused, open_regular, read_head, size_text
from ftlint.data.tables import categorical

NPY_MAGIC = b"\x93NUMPY"
ZIP_MAGIC = b"PK\x03\x04"


def read_npy(path: str, request: Request, budget: Budget) -> Summary:
    raw, size = read_head(path, budget.max_bytes)
    if not raw.startswith(NPY_MAGIC):
        raise Refused("it is not a .npy array (ftlint opens no other format under that name, "
                      "pickles least of all)")
    array, note = _array(io.BytesIO(raw), budget, size)
    return _summary(path, {"*": array}, request, note)


def read_npz(path: str, request: Request, budget: Budget) -> Summary:
    raw, size = read_head(path, 4)
    if not raw.startswith(ZIP_MAGIC):
        raise Refused("it is not a .npz archive")
    wanted = {k for k in (request.label, request.text) if isinstance(k, str)}
    if not wanted:
        return Summary(path)
    arrays: dict[str, np.ndarray] = {}
    notes = []
    with open_regular(path) as handle:
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, ValueError) as exc:
            raise Refused(f"it is not a readable archive ({exc})") from None
        with archive:
            members = {info.filename.removesuffix(".npy"): info for info in archive.infolist()}
            for key in sorted(wanted & members.keys()):
                with archive.open(members[key]) as member:
                    data = member.read(budget.max_bytes + 65536)
                if not data.startswith(NPY_MAGIC):
                    raise Refused(f"member {key!r} is not a .npy array")
                arrays[key], note = _array(io.BytesIO(data), budget, members[key].file_size)
                if note:
                    notes.append(f"{key}: {note}")
    return _summary(path, arrays, request, "; ".join(notes))


def _array(stream: Any, budget: Budget, size: int) -> tuple[np.ndarray, str]:
    """The array at the stream (its first rows within the budget), and a note if cut."""
    try:
        version = npformat.read_magic(stream)
        if version == (1, 0):
            shape, fortran, dtype = npformat.read_array_header_1_0(stream)
        else:
            shape, fortran, dtype = npformat.read_array_header_2_0(stream)
    except (ValueError, OSError) as exc:
        raise Refused(f"its .npy header cannot be read ({exc})") from None
    if dtype.hasobject:
        raise Refused("it holds Python objects, which only unpickling could read")
    if not shape:
        return np.zeros(0), ""
    row = int(np.prod(shape[1:], dtype=np.int64)) * dtype.itemsize or 1
    rows = min(shape[0], budget.max_rows, max(budget.max_bytes // row, 1))
    if rows < shape[0] and fortran:
        raise Refused(f"a Fortran-ordered array of {size_text(size)} is larger than the budget")
    data = stream.read(rows * row)
    rows = len(data) // row
    array = np.frombuffer(data[: rows * row], dtype=dtype).reshape((rows, *shape[1:]),
                                                                   order="F" if fortran else "C")
    note = f"the first {rows:,} of {shape[0]:,} rows" if rows < shape[0] else ""
    return array, note


def _summary(path: str, arrays: dict[str, np.ndarray], request: Request, note: str) -> Summary:
    base = arrays.get("*")
    rows = len(next(iter(arrays.values()))) if arrays else 0
    summary = Summary(path, rows=rows, sampled=note)
    label = _column(arrays, base, request.label)
    if label is not None and label.ndim == 1:
        values, counts = np.unique(label, return_counts=True)
        summary.labels = categorical(Counter({_spelled(v): int(c) for v, c in zip(values, counts,
                                                                                   strict=True)}))
    features = request.features
    if base is not None and base.ndim == 2 and features and features[0] == "*slice":
        for position in list(range(base.shape[1]))[slice(features[1], features[2])]:
            if base.dtype.kind in "iuf":
                summary.features[str(position)] = base[:, position].astype(np.float64)
    return summary


def _column(arrays: dict[str, np.ndarray], base: np.ndarray | None, key: Any) -> np.ndarray | None:
    if key is None:
        return None
    if isinstance(key, str) and key != "*":
        return arrays.get(key)
    if base is None:
        return None
    if key == "*":
        return base if base.ndim == 1 else None
    if isinstance(key, int) and base.ndim == 2 and -base.shape[1] <= key < base.shape[1]:
        return base[:, key]
    return None


def _spelled(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value.item() if hasattr(value, "item") else value)
