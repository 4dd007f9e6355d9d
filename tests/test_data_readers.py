"""ftlint.data readers on files built here: formats, budgets, and files that must not be read."""

from __future__ import annotations

import json
import os
import pathlib
import pickle
import time

import numpy as np
import pytest

from ftlint.data import Budget, Request
from ftlint.data.attach import _read, _summary
from ftlint.data.files import Refused, locate


def read(path, request: Request, budget: Budget | None = None):
    return _read(str(path), request, budget or Budget())


# -- CSV -----------------------------------------------------------------------------------
def test_csv_with_quoted_fields_and_missing_values(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text('text,age,label\n"hello, world",31,spam\n"two\nlines",,ham\n'
                    '"say ""hi""",40,ham\nplain,NA,1.0\n')
    summary = read(path, Request("csv", label="label", text="text", features=("age",)))
    assert summary.problem == "" and summary.rows == 4
    assert summary.labels == {"spam": 1, "ham": 2, "1": 1}
    assert summary.text_lengths.tolist() == [2, 2, 2, 1]
    age = summary.features["age"]
    assert age[0] == 31 and np.isnan(age[1]) and age[2] == 40 and np.isnan(age[3])


def test_fast_and_csv_module_paths_agree(tmp_path):
    rows = "\n".join(f"{i * 0.5},{i % 3},{'abc'[i % 3]}" for i in range(500))
    plain = tmp_path / "plain.csv"
    plain.write_text("a,b,label\n" + rows + "\n")
    quoted = tmp_path / "quoted.csv"  # one quoted field sends it through the csv module
    quoted.write_text('a,b,label\n"0.0",0,a\n' + rows.split("\n", 1)[1] + "\n")
    request = Request("csv", label="label", features=("*except", "label"))
    fast, slow = read(plain, request), read(quoted, request)
    assert fast.labels == slow.labels == {"a": 167, "b": 167, "c": 166}
    for name in ("a", "b"):
        assert np.array_equal(fast.features[name], slow.features[name])
    holes = tmp_path / "holes.csv"  # no quotes, but empty numeric fields: the csv module decides
    holes.write_text("a,b,label\n1,,x\n,2,y\n3,4,\n")
    summary = read(holes, request)
    assert summary.labels == {"x": 1, "y": 1}
    assert np.isnan(summary.features["a"][1]) and summary.features["b"].tolist()[1:] == [2, 4]


def test_tsv_positions_and_whitespace_tables(tmp_path):
    path = tmp_path / "d.tsv"
    path.write_text("1\t2\t0\n3\t4\t1\n5\t6\t1\n")
    summary = read(path, Request("csv", sep="\t", header=False, label=-1,
                                 features=("*slice", None, -1)))
    assert summary.labels == {"0": 1, "1": 2}
    assert summary.features["0"].tolist() == [1, 3, 5]
    spaced = tmp_path / "d.txt"
    spaced.write_text("1.0  2.0 0\n3.0 4.0   1\n")
    assert read(spaced, Request("csv", sep=None, header=False, label=2)).labels == {"0": 1, "1": 1}


def test_continuous_targets_are_not_classes(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("price\n" + "\n".join(f"{i * 1.37:.2f}" for i in range(100)) + "\n")
    assert read(path, Request("csv", label="price")).labels is None


def test_row_and_byte_budgets_say_what_was_read(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("x,label\n" + "".join(f"{i},{i % 2}\n" for i in range(1000)))
    by_rows = read(path, Request("csv", label="label"), Budget(max_rows=100))
    assert by_rows.rows == 100 and by_rows.sampled == "the first 100 rows"
    by_bytes = read(path, Request("csv", label="label"), Budget(max_bytes=2000))
    size = path.stat().st_size / 1024
    assert 0 < by_bytes.rows < 1000 and f"the first 2.0 KB of {size:.1f} KB" in by_bytes.sampled


def test_missing_column_reads_nothing_for_it(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("x,y\n1,2\n")
    summary = read(path, Request("csv", label="label"))
    assert summary.labels is None and summary.problem == ""


# -- JSON Lines ------------------------------------------------------------------------------
def test_json_lines_and_json_arrays(tmp_path):
    records = [{"text": "a b c", "label": "pos", "n": 1}, {"text": "d", "label": "neg", "n": None},
               {"text": "e f", "label": "pos", "n": 3}]
    lines = tmp_path / "d.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in records) + "\n{broken\n")
    summary = read(lines, Request("jsonl", label="label", text="text", features=("n",)))
    assert summary.labels == {"pos": 2, "neg": 1} and summary.rows == 3
    assert summary.text_lengths.tolist() == [3, 1, 2]
    assert np.isnan(summary.features["n"][1])
    array = tmp_path / "d.json"
    array.write_text(json.dumps(records))
    assert read(array, Request("jsonl", label="label")).labels == {"pos": 2, "neg": 1}


# -- numpy -------------------------------------------------------------------------------------
def test_npy_labels_and_columns(tmp_path):
    labels = tmp_path / "y.npy"
    np.save(labels, np.array([0, 0, 0, 1, 2, 2]))
    assert read(labels, Request("npy", label="*")).labels == {"0": 3, "1": 1, "2": 2}
    table = tmp_path / "data.npy"
    np.save(table, np.array([[1.0, 5.0, 0], [2.0, 6.0, 1], [3.0, 7.0, 1]]))
    summary = read(table, Request("npy", label=-1, features=("*slice", None, -1)))
    assert summary.labels == {"0": 1, "1": 2}
    assert summary.features["1"].tolist() == [5, 6, 7]
    budget = read(table, Request("npy", label=-1), Budget(max_rows=2))
    assert budget.rows == 2 and budget.sampled == "the first 2 of 3 rows"


def test_npz_members(tmp_path):
    path = tmp_path / "d.npz"
    np.savez(path, x=np.zeros((4, 2)), labels=np.array(["a", "b", "b", "b"]))
    assert read(path, Request("npz", label="labels")).labels == {"a": 1, "b": 3}
    compressed = tmp_path / "c.npz"
    np.savez_compressed(compressed, y=np.arange(6) % 2)
    assert read(compressed, Request("npz", label="y")).labels == {"0": 3, "1": 3}


# -- image folders -------------------------------------------------------------------------------
def test_image_folder_counts_files_per_class(tmp_path):
    root = tmp_path / "images"
    for name, count in (("cat", 3), ("dog", 5), (".cache", 4)):
        (root / name).mkdir(parents=True)
        for i in range(count):
            (root / name / f"{i}.jpg").touch()
    (root / "dog" / "notes.txt").touch()
    (root / "dog" / ".DS_Store").touch()
    (root / "empty").mkdir()
    summary = read(root, Request("folder"))
    assert summary.labels == {"cat": 3, "dog": 5} and summary.rows == 8


# -- files that must not be read ---------------------------------------------------------------------
class _Touch:
    """Unpickling this creates a marker file: proof that something unpickled it."""

    def __init__(self, marker: pathlib.Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (pathlib.Path.touch, (self.marker,))


def _pickle_payload(tmp_path) -> tuple[bytes, pathlib.Path]:
    probe = tmp_path / "probe-marker"
    pickle.loads(pickle.dumps(_Touch(probe)))  # the payload works: it creates its marker
    assert probe.exists()
    marker = tmp_path / "unpickled-marker"
    return pickle.dumps(_Touch(marker)), marker


@pytest.mark.parametrize("name,fmt", [("labels.npy", "npy"), ("labels.npz", "npz"),
                                      ("labels.csv", "csv"), ("labels.jsonl", "jsonl")])
def test_a_pickle_under_any_data_name_is_never_unpickled(tmp_path, name, fmt):
    payload, marker = _pickle_payload(tmp_path)
    (tmp_path / name).write_bytes(payload)
    summary = read(tmp_path / name, Request(fmt, label="label" if fmt != "npy" else "*"))
    assert not marker.exists()
    assert summary.problem or summary.labels is None


def test_object_arrays_are_refused(tmp_path):
    path = tmp_path / "objects.npy"
    np.save(path, np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    summary = read(path, Request("npy", label="*"))
    assert "only unpickling could read" in summary.problem


def test_binary_junk_named_csv(tmp_path):
    path = tmp_path / "junk.csv"
    path.write_bytes(os.urandom(4096) + b"\x00" + os.urandom(4096))
    assert "binary" in read(path, Request("csv", label="label")).problem


def test_a_2_gb_sparse_file_is_refused_quickly(tmp_path):
    for name, fmt in (("huge.csv", "csv"), ("huge.npy", "npy"), ("huge.jsonl", "jsonl")):
        path = tmp_path / name
        path.write_text("x,label\n1,a\n")
        os.truncate(path, 2 * 1024**3)
        start = time.process_time()
        summary = read(path, Request(fmt, label="label"))
        assert summary.problem, name
        assert time.process_time() - start < 2, name


def test_a_2_gb_sparse_npy_with_a_valid_header_reads_within_the_budget(tmp_path):
    path = tmp_path / "big.npy"
    header = np.lib.format
    with open(path, "wb") as handle:
        header.write_array_header_1_0(handle, {"descr": "<i8", "fortran_order": False,
                                               "shape": (2**28,)})
    os.truncate(path, 2 * 1024**3 + 128)
    summary = read(path, Request("npy", label="*"), Budget(max_rows=1000))
    assert summary.labels == {"0": 1000} and summary.sampled == "the first 1,000 of 268,435,456 rows"


def test_a_csv_with_a_10_mb_line(tmp_path):
    path = tmp_path / "long.csv"
    with open(path, "w") as handle:
        handle.write("text,label\nshort,a\n")
        handle.write('"' + "x" * (10 * 1024**2) + '",b\n')
        handle.write("short,a\n")
    start = time.process_time()
    summary = read(path, Request("csv", label="label"))
    assert time.process_time() - start < 5
    assert summary.problem == "" and summary.labels == {"a": 1}
    assert "reading stopped at row 2" in summary.sampled


def test_fifo_and_devices_are_not_opened(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)  # opening it for reading would block until a writer comes
    with pytest.raises(Refused, match="not a regular file"):
        locate("pipe.csv", tmp_path, [tmp_path])
    with pytest.raises(Refused, match="outside the project"):
        locate("/dev/zero", tmp_path, [tmp_path])
    with pytest.raises(Refused, match="not a regular file"):  # even inside a data root
        locate("/dev/zero", tmp_path, [pathlib.Path("/dev")])


def test_symlinks_out_of_the_project_are_not_followed(tmp_path):
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (outside / "secret.csv").write_text("label\na\n")
    (project / "data.csv").symlink_to(outside / "secret.csv")
    (project / "inside.csv").write_text("label\na\nb\n")
    (project / "alias.csv").symlink_to(project / "inside.csv")
    request = Request("csv", label="label")
    assert "outside the project" in _summary("data.csv", project, [project], request,
                                             Budget()).problem
    assert "outside the project" in _summary("../outside/secret.csv", project, [project], request,
                                             Budget()).problem
    assert _summary("alias.csv", project, [project], request, Budget()).labels == {"a": 1, "b": 1}
