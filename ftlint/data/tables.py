"""CSV/TSV and JSON Lines: the columns a script takes, read within the budget.

CSV goes through the csv module (quoting, embedded separators and newlines, missing
values); a file without quotes or empty fields takes numpy's C parser instead, which
gives the same values about three times faster.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections import Counter
from typing import Any

import numpy as np

from ftlint.data import Budget, Request, Summary
from ftlint.data.files import Refused, read_head, size_text

MISSING = frozenset({"", "na", "nan", "n/a", "null", "none", "?"})
MAX_CLASSES = 1000  # more distinct values than this is not a class label


def categorical(counts: Counter) -> dict[str, int] | None:
    """Class counts with numbers spelled one way ("1", "1.0" -> "1"); None when the values
    look continuous (a fraction, or too many distinct values to be classes)."""
    merged: Counter = Counter()
    for value, count in counts.items():
        key = str(value).strip()
        if key.lower() in MISSING:
            continue
        try:
            number = float(key)
        except ValueError:
            merged[key] += count
            continue
        if number != number or not number.is_integer():
            return None
        merged[str(int(number))] += count
    total = sum(merged.values())
    if not merged or len(merged) > MAX_CLASSES or (total > 50 and len(merged) > total / 2):
        return None
    return dict(merged)


def floats(values: list[str]) -> np.ndarray | None:
    """A numeric column (missing values as NaN); None when it is not numeric."""
    try:
        return np.array(values, dtype=np.float64)
    except ValueError:
        pass
    out = np.empty(len(values), dtype=np.float64)
    bad = 0
    for i, value in enumerate(values):
        try:
            out[i] = float(value)
        except ValueError:
            out[i] = np.nan
            bad += value.strip().lower() not in MISSING
    return out if bad <= len(values) // 10 else None


def _text_head(path: str, budget: Budget) -> tuple[bytes, int]:
    """The bytes within the budget, once a first look found text (a NUL byte is binary)."""
    head, size = read_head(path, min(65536, budget.max_bytes))
    if b"\x00" in head:
        raise Refused("it holds binary data, not text")
    return (head, size) if size <= len(head) else read_head(path, budget.max_bytes)


# -- CSV -------------------------------------------------------------------------------------
def read_csv(path: str, request: Request, budget: Budget) -> Summary:
    raw, size = _text_head(path, budget)
    cut_by_bytes = size > len(raw)
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    if cut_by_bytes:
        text = text[: text.rfind("\n") + 1]
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    sep = request.sep
    first_end = text.find("\n") + 1 or len(text)
    if request.header:
        first = text[:first_end]
        names = first.split() if sep is None else next(csv.reader([first], delimiter=sep), [])
        body = text[first_end:]
    else:
        probe = text[:first_end]
        width = len(probe.split() if sep is None else next(csv.reader([probe], delimiter=sep), []))
        names = [str(i) for i in range(width)]
        body = text
    wanted = _wanted(names, request)
    if not wanted:
        return Summary(path, problem="")
    summary = None
    if sep is not None and _plain(body, sep):
        summary = _fast(path, body, sep, wanted, budget)
    if summary is None:
        summary = _slow(path, body, sep, wanted, budget)
    if cut_by_bytes:
        summary.sampled = (f"the first {summary.rows:,} rows (the first {size_text(len(raw))} "
                           f"of {size_text(size)})")
    return summary


def _wanted(names: list[str], request: Request) -> dict[str, Any]:
    """Column positions the request needs: label, text, and feature name -> position."""
    width = len(names)
    index = {name.strip(): i for i, name in enumerate(names)}

    def position(key: Any) -> int | None:
        if isinstance(key, bool):
            return None
        if isinstance(key, int):
            return key % width if -width <= key < width else None
        return index.get(str(key))

    wanted: dict[str, Any] = {}
    label, text = position(request.label), position(request.text)
    if request.label is not None and label is not None:
        wanted["label"] = label
    if request.text is not None and text is not None:
        wanted["text"] = text
    features = request.features
    chosen: list[int] = []
    if features and features[0] == "*except":
        chosen = [i for name, i in index.items() if name not in features[1:]
                  and i not in (label, text)]
    elif features and features[0] == "*slice":
        chosen = list(range(width))[slice(features[1], features[2])]
    elif features:
        chosen = [i for i in (position(f) for f in features) if i is not None]
    if chosen:
        wanted["features"] = {names[i].strip() or str(i): i for i in chosen}
    return wanted


def _plain(body: str, sep: str) -> bool:
    """No quoting and no empty field: each line is one row, split at every separator."""
    return '"' not in body and (sep + sep) not in body and (sep + "\n") not in body and (
        "\n" + sep) not in body and not body.startswith(sep)


def _fast(path: str, body: str, sep: str, wanted: dict, budget: Budget) -> Summary | None:
    end = -1
    for _ in range(budget.max_rows):
        end = body.find("\n", end + 1)
        if end < 0:
            break
    more = end >= 0 and body[end + 1:].strip() != ""
    chunk = body if end < 0 else body[: end + 1]
    lines = [line for line in chunk.split("\n") if line.strip()]
    summary = Summary(path, rows=len(lines))
    try:
        columns: dict[int, list[str]] = {}
        for key in ("label", "text"):
            if key in wanted:
                columns[wanted[key]] = [line.split(sep)[wanted[key]] for line in lines]
        if "features" in wanted:
            positions = sorted(set(wanted["features"].values()))
            table = np.loadtxt(io.StringIO(chunk), delimiter=sep, usecols=positions, ndmin=2,
                               dtype=np.float64, comments=None)
            if table.shape[0] != len(lines):
                return None
            by_position = {p: table[:, i] for i, p in enumerate(positions)}
            summary.features = {n: by_position[p] for n, p in wanted["features"].items()}
    except (ValueError, IndexError):
        return None  # ragged lines or text in a numeric column: the csv module decides
    _finish(summary, wanted, columns)
    if more:
        summary.sampled = f"the first {summary.rows:,} rows"
    return summary


def _slow(path: str, body: str, sep: str | None, wanted: dict, budget: Budget) -> Summary:
    if sep is None:
        rows = (line.split() for line in body.split("\n") if line.strip())
    else:
        rows = csv.reader(io.StringIO(body), delimiter=sep, strict=False)
    positions = sorted({p for k, p in wanted.items() if k != "features"}
                       | set(wanted.get("features", {}).values()))
    columns: dict[int, list[str]] = {p: [] for p in positions}
    appends = [(p, columns[p].append) for p in positions]
    count, stopped = 0, ""
    try:
        for row in itertools.islice(rows, budget.max_rows):
            if not row:
                continue
            count += 1
            width = len(row)
            for p, append in appends:
                append(row[p] if p < width else "")
        more = next(rows, None) is not None
    except csv.Error as exc:
        more, stopped = True, f"; reading stopped at row {count + 1}: {exc}"
    summary = Summary(path, rows=count)
    if "features" in wanted:
        for name, p in wanted["features"].items():
            values = floats(columns[p])
            if values is not None:
                summary.features[name] = values
    _finish(summary, wanted, columns)
    if more:
        summary.sampled = f"the first {count:,} rows{stopped}"
    if count == 0 and stopped:
        raise Refused(stopped.removeprefix("; "))
    return summary


def _finish(summary: Summary, wanted: dict, columns: dict[int, list[str]]) -> None:
    if "label" in wanted:
        summary.labels = categorical(Counter(columns[wanted["label"]]))
    if "text" in wanted:
        summary.text_lengths = np.fromiter((len(t.split()) for t in columns[wanted["text"]]),
                                           dtype=np.int64)


# -- JSON Lines --------------------------------------------------------------------------------
def read_jsonl(path: str, request: Request, budget: Budget) -> Summary:
    raw, size = _text_head(path, budget)
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    cut = size > len(raw)
    records: list[Any]
    more = cut
    if text.lstrip().startswith("["):
        if cut:
            raise Refused("a JSON array larger than the byte budget")
        try:
            records = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise Refused(f"it is not valid JSON ({exc})") from None
        if not isinstance(records, list):
            raise Refused("it is not a list of records")
        more = len(records) > budget.max_rows
        records = records[: budget.max_rows]
    else:
        if cut:
            text = text[: text.rfind("\n") + 1]
        lines = (line for line in text.split("\n") if line.strip())
        records = []
        for line in lines:
            if len(records) >= budget.max_rows:
                more = True
                break
            try:
                records.append(json.loads(line))
            except (ValueError, RecursionError):
                continue  # a broken line costs that line
    records = [r for r in records if isinstance(r, dict)]
    summary = Summary(path, rows=len(records))
    if request.label is not None:
        summary.labels = categorical(Counter(
            str(r[request.label]) for r in records if _scalar(r.get(request.label))))
    if request.text is not None:
        summary.text_lengths = np.fromiter(
            (len(r[request.text].split()) for r in records if isinstance(r.get(request.text), str)),
            dtype=np.int64)
    names = _record_features(records, request)
    for name in names:
        values = [r.get(name) for r in records]
        if all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))
               for v in values):
            summary.features[name] = np.array([np.nan if v is None else v for v in values],
                                              dtype=np.float64)
    if more:
        summary.sampled = f"the first {len(records):,} records"
    return summary


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool))


def _record_features(records: list[dict], request: Request) -> list[str]:
    features = request.features
    if not features or not records or features[0] == "*slice":
        return []
    if features[0] == "*except":
        skip = {*features[1:], request.label, request.text}
        return [k for k in records[0] if k not in skip]
    return [f for f in features if isinstance(f, str)]
