"""CSV/TSV and JSON Lines: the columns a script takes, read within the budget.

CSV goes through the csv module (quoting, embedded separators and newlines, missing
values); a file without quotes takes numpy's C parser first, which gives the same values
about three times faster and refuses what it cannot read exactly (then the csv module
reads it).
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
    if cut_by_bytes:
        raw = raw[: raw.rfind(b"\n") + 1]
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n")
    sep = request.sep
    first_end = raw.find(b"\n") + 1 or len(raw)
    first = raw[:first_end].decode("utf-8", errors="replace")
    cells = first.split() if sep is None else next(csv.reader([first], delimiter=sep), [])
    names = cells if request.header else [str(i) for i in range(len(cells))]
    body = raw[first_end:] if request.header else raw
    wanted = _wanted(names, request)
    if not wanted:
        return Summary(path)
    summary = _fast(path, body, sep, wanted, budget) if sep is not None else None
    if summary is None:
        summary = _slow(path, body.decode("utf-8", errors="replace"), sep, wanted, budget)
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


def _fast(path: str, body: bytes, sep: str, wanted: dict, budget: Budget) -> Summary | None:
    """numpy's parser over the rows within the budget; None when the csv module must
    decide (quotes; numpy refuses empty numeric fields, ragged rows, text for a number)."""
    separator = sep.encode()
    if len(separator) != 1:
        return None
    end = -1
    for _ in range(budget.max_rows):
        end = body.find(b"\n", end + 1)
        if end < 0:
            break
    chunk = body if end < 0 else body[: end + 1]
    more = end >= 0 and body[end + 1 : end + 65537].strip() != b""
    if b'"' in chunk:  # quoting: only the csv module reads it right
        return None
    text = chunk.decode("utf-8", errors="replace")
    label, column = wanted.get("label"), wanted.get("text")
    numeric = set(wanted.get("features", {}).values())
    numeric_label = label is not None and _numbers_at(text, sep, label)
    if numeric_label:
        numeric.add(label)
    positions = sorted(numeric)
    strings = [p for p in {label if not numeric_label else None, column} if p is not None]
    try:
        table = np.loadtxt(io.StringIO(text), delimiter=sep, usecols=positions, ndmin=2,
                           dtype=np.float64, comments=None) if positions else None
        words = {p: np.loadtxt(io.StringIO(text), delimiter=sep, usecols=[p], ndmin=1,
                               dtype=str, comments=None).tolist() for p in strings}
    except ValueError:
        return None
    lengths = {len(w) for w in words.values()} | ({table.shape[0]} if table is not None else set())
    if len(lengths) != 1:
        return None
    summary = Summary(path, rows=lengths.pop())
    by_position = {p: table[:, i] for i, p in enumerate(positions)} if table is not None else {}
    summary.features = {n: by_position[p] for n, p in wanted.get("features", {}).items()}
    if numeric_label:
        values, counts = np.unique(by_position[label], return_counts=True)
        summary.labels = categorical(Counter(dict(zip(values.tolist(), counts.tolist(),
                                                      strict=True))))
    elif label is not None:
        summary.labels = categorical(Counter(words[label]))
    if column is not None:
        summary.text_lengths = np.fromiter((len(t.split()) for t in words[column]),
                                           dtype=np.int64)
    if more:
        summary.sampled = f"the first {summary.rows:,} rows"
    return summary


def _numbers_at(text: str, sep: str, position: int) -> bool:
    """The column holds numbers in the first rows (then numpy parses it as floats)."""
    try:
        for line in text[:65536].split("\n")[:100]:
            if line.strip():
                float(line.split(sep)[position])
    except (ValueError, IndexError):
        return False
    return True


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
