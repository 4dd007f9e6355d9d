"""Data the scripts read: which files, in which format, with which label, feature and text
columns; and the model's output size. Only framework knowledge here: the files are read by
ftlint.data, and only when data checks are on.

A `data_read` fact's value is the path (a Value); its attrs say how to read it (format,
sep, header) and what the script takes from it (label, features, text). A selection that
cannot be told statically stays None, and rules then say nothing about it.
"""

from __future__ import annotations

import re

import libcst as cst

from ftlint.extract import image as _image  # noqa: F401  (registered first: a handler is shared)
from ftlint.extract import knowledge, registry
from ftlint.extract.core import Interpreter
from ftlint.extract.index import CallSite, dotted
from ftlint.extract.registry import on_call, on_finish, on_method
from ftlint.facts import Value, unknown

LABEL_NAME = re.compile(r"^(y|labels?|targets?|classes|y_\w+|\w+_(y|labels?|targets?))$", re.I)
TEXT_NAME = re.compile(r"^(x_)?(texts?|sentences?|docs?|documents?|reviews?|corpus|captions?"
                       r"|comments?|tweets?)(_\w+)?$", re.I)
EVALUATION = re.compile(r"(^|[^a-z])(test|val|valid|validation|dev|eval|holdout)([^a-z]|$)", re.I)
REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
SKIPPED_SUFFIXES = {".parquet": "Parquet", ".pq": "Parquet", ".feather": "Feather",
                    ".pkl": "pickle", ".pickle": "pickle", ".joblib": "joblib",
                    ".xlsx": "Excel", ".xls": "Excel", ".h5": "HDF5", ".hdf5": "HDF5",
                    ".arrow": "Arrow", ".gz": "compressed", ".zip": "compressed",
                    ".bz2": "compressed", ".xz": "compressed"}
# Calls that hand back their first argument's values as an array or tensor.
WRAPPERS = frozenset({"numpy.array", "numpy.asarray", "torch.tensor", "torch.as_tensor",
                      "torch.from_numpy", "torch.LongTensor", "torch.FloatTensor",
                      "tensorflow.constant", "tensorflow.convert_to_tensor", "list"})
FIT_METHODS = frozenset({"fit", "fit_transform", "partial_fit", "train_test_split"})
# Calls that tokenize text: their first argument is the text column.
TOKENIZING_METHODS = frozenset({"texts_to_sequences", "fit_on_texts", "adapt", "encode",
                                "batch_encode_plus", "encode_plus", "tokenize"})


def _read(ctx: Interpreter, call: CallSite, path: Value, fmt: str, **attrs) -> None:
    """Emit a data_read fact, with the columns the script takes from the result."""
    if path.known and not isinstance(path.value, str):
        path = unknown("not a path")
    attrs.setdefault("sep", ",")
    attrs.setdefault("header", True)
    target = call.target if "," not in call.target else ""
    role = "train"
    subset = ctx.arg_value(call, "subset")  # Keras: the validation part of one folder
    if EVALUATION.search(target) or (path.known and EVALUATION.search(_basename(path.value))) \
            or (subset.known and subset.value == "validation"):
        role = "eval"
    skip = _skip_reason(path.value) if path.known else ""
    selections = _selections(ctx, target, call) if target else {}
    if attrs.get("hf") and "label" not in selections:
        selections["label"] = "label"  # the column transformers models train on, by convention
    if fmt == "npy" and target and LABEL_NAME.match(target):
        selections.setdefault("label", "*")  # `y = np.load("y.npy")`: the array is the labels
    ctx.emit("data_read", path, call, format=fmt, role=role, skip=skip, variable=target,
             label=selections.get("label"), features=selections.get("features"),
             text=selections.get("text"), **attrs)


def _basename(path: str) -> str:
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def _skip_reason(path: str) -> str:
    if REMOTE.match(path):
        return "a remote URL (ftlint reads local files only)"
    lowered = path.lower()
    for suffix, name in SKIPPED_SUFFIXES.items():
        if lowered.endswith(suffix):
            if name in ("pickle", "joblib"):
                return f"a {name} file (ftlint never unpickles)"
            return f"{name} files are not read"
    return ""


# -- what the script takes from the data ------------------------------------------------
def _selections(ctx: Interpreter, variable: str, call: CallSite) -> dict:
    """label / features / text taken from the object bound to `variable`."""
    found: dict = {}
    for name, assignments in ctx.index.assignments.items():
        for assignment in assignments:
            if assignment.unit != call.unit or assignment.value is None:
                continue
            _classify(ctx, name, assignment.value, variable, call, found)
    # model.fit(df[FEATURES], df["label"]) and friends
    for other in ctx.index.calls:
        if other.unit != call.unit or other.method not in FIT_METHODS:
            continue
        positional = [a.value for a in other.node.args if a.keyword is None]
        keywords = {a.keyword.value: a.value for a in other.node.args if a.keyword is not None}
        label = keywords.get("y", positional[1] if len(positional) > 1 else None)
        features = keywords.get("x", keywords.get("X", positional[0] if positional else None))
        if label is not None:
            _classify(ctx, "y", label, variable, call, found)
        if features is not None:
            _classify(ctx, "X", features, variable, call, found)
    return found


def _classify(ctx: Interpreter, name: str, node: cst.BaseExpression, variable: str,
              call: CallSite, found: dict) -> None:
    key = _column_key(ctx, node, variable, call)
    if key is None:
        return
    kind, column = key
    if kind == "label":  # ds.rename_column("sentiment", "label"): the label by its new name
        found.setdefault("label", column)
        return
    if kind == "drop":  # X = df.drop(columns=["label"]): every other column is a feature
        if not LABEL_NAME.match(name):
            found.setdefault("features", ("*except", *column))
            if len(column) == 1:
                found.setdefault("label", column[0])
        return
    if LABEL_NAME.match(name):
        if isinstance(column, tuple):
            column = column[0] if len(column) == 1 else None
        if column is not None:
            found.setdefault("label", column)
    elif TEXT_NAME.match(name) and isinstance(column, str):
        found.setdefault("text", column)
    elif kind == "columns" and isinstance(column, tuple):
        found.setdefault("features", column)


def _column_key(ctx: Interpreter, node: cst.BaseExpression, variable: str, call: CallSite):
    """('column', key) for df["label"] / df.label / df.pop("label") / data[:, -1];
    ('columns', (keys...)) for df[FEATURES] / data[:, :-1]; ('drop', (keys...))."""
    if isinstance(node, cst.Subscript) and dotted(node.value) == variable:
        return _subscript_key(ctx, node, call)
    if isinstance(node, cst.Attribute) and dotted(node.value) == variable:
        attr = node.attr.value
        if attr in ("values", "shape", "columns", "index", "iloc", "loc", "T", "dtypes"):
            return None
        return "column", attr
    if isinstance(node, cst.Attribute) and node.attr.value in ("values", "to_numpy"):
        return _column_key(ctx, node.value, variable, call)
    if isinstance(node, cst.Call) and node.args and ctx.resolve(dotted(node.func)) in WRAPPERS:
        return _column_key(ctx, node.args[0].value, variable, call)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        method = node.func.attr.value
        owner = node.func.value
        if method in ("to_numpy", "astype", "tolist", "values", "fillna") and node.func.value:
            return _column_key(ctx, owner, variable, call)
        if dotted(owner) != variable:
            return None
        probe = CallSite(node, call.span, call.unit, call.stmt, "", method, variable)
        if method == "rename_column" and len(node.args) == 2:
            old, new = (ctx.value(a.value, call) for a in node.args)
            if new.known and new.value in ("label", "labels") and old.known and \
                    isinstance(old.value, str):
                return "label", old.value
            return None
        if method == "pop":
            key = ctx.arg_value(probe, "item", 0)
            return ("column", key.value) if key.known and isinstance(key.value, (str, int)) \
                else None
        if method == "drop":
            columns = ctx.arg(probe, "columns")
            axis = ctx.arg_value(probe, "axis", 1)
            if columns is None and axis.known and axis.value in (1, "columns"):
                columns = ctx.arg(probe, "labels", 0)
            if columns is None:
                return None
            value = ctx.value(columns, call)
            if value.known and isinstance(value.value, str):
                return "drop", (value.value,)
            if value.known and isinstance(value.value, tuple) and all(
                    isinstance(v, str) for v in value.value):
                return "drop", value.value
    return None


def _subscript_key(ctx: Interpreter, node: cst.Subscript, call: CallSite):
    elements = node.slice
    if len(elements) == 1 and isinstance(elements[0].slice, cst.Index):
        value = ctx.value(elements[0].slice.value, call)
        if not value.known:
            return None
        if isinstance(value.value, str):
            return "column", value.value
        if isinstance(value.value, tuple) and value.value and all(
                isinstance(v, str) for v in value.value):
            return "columns", value.value
        return None
    if len(elements) == 2 and _is_full_slice(elements[0].slice):
        second = elements[1].slice
        if isinstance(second, cst.Index):
            value = ctx.value(second.value, call)
            if value.known and isinstance(value.value, int) and not isinstance(value.value, bool):
                return "column", value.value
        elif isinstance(second, cst.Slice) and second.step is None:
            lower = ctx.value(second.lower, call) if second.lower is not None else Value(None)
            upper = ctx.value(second.upper, call) if second.upper is not None else Value(None)
            if lower.known and upper.known:
                return "columns", ("*slice", lower.value, upper.value)
    return None


def _is_full_slice(node) -> bool:
    return isinstance(node, cst.Slice) and node.lower is None and node.upper is None


@on_finish
def text_columns(ctx: Interpreter) -> None:
    """Reads whose text column is not known take the one column the file tokenizes."""
    reads = [f for f in ctx.facts if f.kind == "data_read" and f.attr("text") is None]
    if reads:
        column = _tokenized_column(ctx)
        for fact in reads:
            fact.attrs["text"] = column


def _tokenized_column(ctx: Interpreter) -> str | None:
    """The column a tokenizer is applied to: tokenizer(batch["text"]), tok.texts_to_sequences(
    df["review"]). One column name in the whole file, or None."""
    # calls another handler found to be a tokenizer (it set a max length or padding there)
    tokenizing = {f.span for f in ctx.facts if f.kind in ("max_length", "dynamic_padding")}
    columns = set()
    for other in ctx.index.calls:
        if other.method not in TOKENIZING_METHODS and "token" not in other.name.lower() \
                and other.span not in tokenizing:
            continue
        first = next((a.value for a in other.node.args if a.keyword is None), None)
        if isinstance(first, cst.Attribute) and first.attr.value in ("values", "tolist"):
            first = first.value
        if isinstance(first, cst.Subscript) and len(first.slice) == 1 and isinstance(
                first.slice[0].slice, cst.Index):
            value = ctx.value(first.slice[0].slice.value, other)
            if value.known and isinstance(value.value, str):
                columns.add(value.value)
    return columns.pop() if len(columns) == 1 else None


# -- pandas ------------------------------------------------------------------------------
@on_call("pandas.read_csv", "pandas.read_table")
def pandas_csv(ctx: Interpreter, call: CallSite) -> None:
    default = "\t" if call.name.endswith("read_table") else ","
    sep = ctx.arg_value(call, ("sep", "delimiter"), default=default, has_default=True)
    header = ctx.arg_value(call, "header", default="infer", has_default=True)
    whitespace = ctx.arg_value(call, "delim_whitespace", default=False, has_default=True)
    attrs = {"sep": sep.value if sep.known else None, "header": header.known and header.value
             in ("infer", 0)}
    if whitespace.known and whitespace.value is True:
        attrs["sep"] = None  # runs of whitespace
    else:
        attrs.update(_separator_problem(sep))
    _read(ctx, call, ctx.arg_value(call, "filepath_or_buffer", 0), "csv", **attrs)


def _separator_problem(sep: Value) -> dict:
    if not sep.known:
        return {"unsupported": "its separator is not known statically"}
    if sep.value is None:
        return {"unsupported": "its separator is detected at run time"}
    if not isinstance(sep.value, str) or len(sep.value) != 1:
        return {"unsupported": "a multi-character or regex separator"}
    return {}



def builtin_dataset(ctx: Interpreter, call: CallSite) -> None:
    """`load_iris()`: a library's dataset, named by its loader (and its name argument)."""
    name = ctx.arg_value(call, "name", 0) if "fetch_openml" in call.name else None
    suffix = f":{name.value}" if name is not None and name.known else ""
    ctx.emit("builtin_dataset", ctx.resolve(call.name) + suffix, call)


for _loader in knowledge.BUILTIN_DATASETS:
    if _loader not in registry.FUNCTIONS:  # keras image sets: image.py's handler emits it
        on_call(_loader)(builtin_dataset)

@on_call("pandas.read_json")
def pandas_json(ctx: Interpreter, call: CallSite) -> None:
    lines = ctx.arg_value(call, "lines", default=False, has_default=True)
    path = ctx.arg_value(call, "path_or_buf", 0)
    if lines.known and lines.value is True:
        _read(ctx, call, path, "jsonl")
    else:
        _read(ctx, call, path, "json", unsupported="JSON documents other than JSON Lines")


@on_call("pandas.read_parquet", "pandas.read_pickle", "pandas.read_feather", "pandas.read_excel",
         "pandas.read_hdf")
def pandas_other(ctx: Interpreter, call: CallSite) -> None:
    kind = call.method.removeprefix("read_")
    reason = "ftlint never unpickles" if kind == "pickle" else f"{kind} files are not read"
    _read(ctx, call, ctx.arg_value(call, "path", 0), kind, unsupported=reason)


# -- numpy ---------------------------------------------------------------------------------
@on_call("numpy.load")
def numpy_load(ctx: Interpreter, call: CallSite) -> None:
    path = ctx.arg_value(call, "file", 0)
    fmt = "npz" if path.known and isinstance(path.value, str) and path.value.lower().endswith(
        ".npz") else "npy"
    _read(ctx, call, path, fmt)


@on_call("numpy.save", "numpy.savez", "numpy.savez_compressed")
def numpy_save(ctx: Interpreter, call: CallSite) -> None:
    """An array written for another script to read (`np.save("train_x", x)` writes
    train_x.npy): what was done to it before travels with the file."""
    path = ctx.arg_value(call, "file", 0)
    if not (path.known and isinstance(path.value, str)):
        return
    suffix = ".npy" if call.method == "save" else ".npz"
    name = path.value if path.value.lower().endswith(suffix) else path.value + suffix
    saved = [a.value for a in call.node.args[1:] if a.keyword is None and not a.star]
    variable = saved[0].value if len(saved) == 1 and isinstance(saved[0], cst.Name) else ""
    ctx.emit("data_save", Value(name, path.origin), call, variable=variable)


@on_call("numpy.loadtxt", "numpy.genfromtxt")
def numpy_text(ctx: Interpreter, call: CallSite) -> None:
    delimiter = ctx.arg_value(call, "delimiter", default=None, has_default=True)
    skip = ctx.arg_value(call, ("skiprows", "skip_header"), default=0, has_default=True)
    names = ctx.arg_value(call, "names", default=None, has_default=True)
    header = (skip.known and skip.value == 1) or (names.known and names.value is True)
    attrs = {"sep": delimiter.value if delimiter.known else None, "header": header,
             "columns_by": "position"}
    if not (skip.known and skip.value in (0, 1)) or not delimiter.known:
        attrs["unsupported"] = "rows skipped or a delimiter not known statically"
    _read(ctx, call, ctx.arg_value(call, "fname", 0), "csv", **attrs)


# -- csv / json from open() ---------------------------------------------------------------
@on_call("csv.reader", "csv.DictReader")
def csv_module(ctx: Interpreter, call: CallSite) -> None:
    opened = _opened_path(ctx, call)
    if opened is None:
        return
    delimiter = ctx.arg_value(call, "delimiter", default=",", has_default=True)
    by_name = call.name.endswith("DictReader")
    label = _row_label(ctx, call, str if by_name else int)
    ctx.emit("data_read", opened, call, format="csv", role=_role(opened), skip=_skip_of(opened),
             variable="", label=label, features=None, text=None,
             sep=delimiter.value if delimiter.known else None, header=by_name,
             columns_by="name" if by_name else "position")


@on_call("json.loads")
def json_lines(ctx: Interpreter, call: CallSite) -> None:
    """[json.loads(line) for line in open(path)] and `for line in f: json.loads(line)`."""
    opened = _opened_in_unit(ctx, call)
    if opened is None or not (opened.known and str(opened.value).lower().endswith(
            (".jsonl", ".ndjson", ".json"))):
        return
    if any(f.kind == "data_read" and f.value == opened for f in ctx.facts):
        return
    ctx.emit("data_read", opened, call, format="jsonl", role=_role(opened), skip=_skip_of(opened),
             variable="", label=_row_label(ctx, call, str), features=None, text=None, sep=",",
             header=True)


def _role(path: Value) -> str:
    return "eval" if path.known and EVALUATION.search(_basename(str(path.value))) else "train"


def _skip_of(path: Value) -> str:
    return _skip_reason(path.value) if path.known and isinstance(path.value, str) else ""


def _opened_path(ctx: Interpreter, call: CallSite) -> Value | None:
    first = ctx.arg(call, "f", 0)
    if isinstance(first, cst.Call) and dotted(first.func) == "open":
        return ctx.value(first.args[0].value, call) if first.args else None
    name = dotted(first)
    if not name:
        return None
    for assignment in reversed(ctx.index.assignments.get(name, ())):
        value = assignment.value
        if assignment.unit == call.unit and isinstance(value, cst.Call) and dotted(
                value.func) == "open" and value.args:
            return ctx.value(value.args[0].value, call)
    return None


def _opened_in_unit(ctx: Interpreter, call: CallSite) -> Value | None:
    paths = [c for c in ctx.index.calls if c.unit == call.unit and c.name == "open"
             and c.node.args]
    if len(paths) != 1:
        return None
    return ctx.value(paths[0].node.args[0].value, paths[0])


def _row_label(ctx: Interpreter, call: CallSite, key_type: type):
    """The key rows are indexed by for labels: labels.append(row["label"]), y = row[-1]."""
    keys = set()
    for other in ctx.index.calls:
        if other.unit == call.unit and other.method == "append" and LABEL_NAME.match(
                other.receiver.rsplit(".", 1)[-1]) and other.node.args:
            keys.add(_row_key(ctx, other.node.args[0].value, other))
    for name, assignments in ctx.index.assignments.items():
        if LABEL_NAME.match(name):
            for a in assignments:
                if a.unit == call.unit and isinstance(a.value, cst.Subscript):
                    keys.add(_row_key(ctx, a.value, call))
    keys.discard(None)
    key = keys.pop() if len(keys) == 1 else None
    return key if isinstance(key, key_type) and not isinstance(key, bool) else None


def _row_key(ctx: Interpreter, node: cst.BaseExpression, call: CallSite):
    if isinstance(node, cst.Call) and dotted(node.func) in ("int", "float", "str") and node.args:
        node = node.args[0].value
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(
            node.slice[0].slice, cst.Index):
        value = ctx.value(node.slice[0].slice.value, call)
        return value.value if value.known and isinstance(value.value, (str, int)) else None
    return None


# -- Hugging Face datasets -----------------------------------------------------------------
@on_call("datasets.load_dataset")
def hf_load_dataset(ctx: Interpreter, call: CallSite) -> None:
    builder = ctx.arg_value(call, "path", 0)
    if not builder.known or not isinstance(builder.value, str):
        return
    if builder.value not in ("csv", "json"):
        _read(ctx, call, Value(builder.value, builder.origin), "hub",
              unsupported="a dataset from the Hugging Face hub (ftlint reads local files only)")
        return
    files = ctx.arg_value(call, "data_files", 1)
    if files.known and isinstance(files.value, dict):
        entry = files.value.get("train")
        files = entry if isinstance(entry, Value) else Value(entry, "config") if entry else \
            unknown("no train split")
    if files.known and isinstance(files.value, tuple):
        files = Value(files.value[0], files.origin) if len(files.value) == 1 else unknown(
            "several files")
    fmt = "csv" if builder.value == "csv" else "jsonl"
    sep = ctx.arg_value(call, ("sep", "delimiter"), default=",", has_default=True)
    problem = _separator_problem(sep) if fmt == "csv" else {}
    _read(ctx, call, files, fmt, sep=sep.value if sep.known else None, header=True, hf=True,
          **problem)


# -- image folders -------------------------------------------------------------------------
@on_call("torchvision.datasets.ImageFolder", "torchvision.datasets.DatasetFolder")
def torchvision_folder(ctx: Interpreter, call: CallSite) -> None:
    _read(ctx, call, ctx.arg_value(call, "root", 0), "folder")


def _on_call_too(*names: str):
    """on_call for callees another module may handle too (image sizes of the same call)."""
    def register(handler):
        for name in names:
            previous = registry.FUNCTIONS.get(name)
            if previous is None:
                registry.FUNCTIONS[name] = handler
            else:
                def both(ctx, call, first=previous, second=handler) -> None:
                    first(ctx, call)
                    second(ctx, call)
                registry.FUNCTIONS[name] = both
        return handler
    return register


@_on_call_too("keras.preprocessing.image_dataset_from_directory",
              "keras.preprocessing.text_dataset_from_directory")
def keras_folder(ctx: Interpreter, call: CallSite) -> None:
    labels = ctx.arg_value(call, "labels", 1, default="inferred", has_default=True)
    attrs = {} if labels.known and labels.value == "inferred" else {
        "unsupported": "labels are not inferred from the folder names"}
    _read(ctx, call, ctx.arg_value(call, "directory", 0), "folder", **attrs)


@on_method("flow_from_directory")
def keras_generator_folder(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if receiver_class.endswith("ImageDataGenerator"):
        _read(ctx, call, ctx.arg_value(call, "directory", 0), "folder")


# -- the model's output size -----------------------------------------------------------------
@on_method("from_pretrained")
def hf_num_labels(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    count = ctx.arg_value(call, "num_labels")
    if count.known and isinstance(count.value, int):
        ctx.emit("output_size", count.value, call, new_head=True)


@on_call("keras.layers.Dense")
def keras_output_layer(ctx: Interpreter, call: CallSite) -> None:
    """Dense(n, activation="softmax"|"sigmoid") is a classification output."""
    units = ctx.arg_value(call, "units", 0)
    activation = ctx.arg_value(call, "activation", 1)
    if units.known and isinstance(units.value, int) and activation.known and \
            activation.value in ("softmax", "sigmoid"):
        ctx.emit("output_size", units.value, call, new_head=False)


@on_finish
def head_sizes(ctx: Interpreter) -> None:
    """The last layer of a declared model, and `model.fc = nn.Linear(512, n)` head swaps."""
    for fact in list(ctx.facts):
        if fact.kind == "model" and fact.value:
            last = fact.value[-1]
            size = last[1] if last[0] == "Dense" else last[2] if last[0] == "Linear" else None
            if isinstance(size, int) and not any(f.kind == "output_size" and f.span == fact.span
                                                 for f in ctx.facts):
                ctx.facts.append(type(fact)("output_size", size, fact.span, fact.text,
                                            {"new_head": False}, fact.unit, fact.stmt,
                                            fact.origin_path))
    for write in ctx.index.attribute_writes:
        value = write.value
        if write.attr in knowledge.HEAD_NAMES and isinstance(value, cst.Call) and ctx.resolve(
                dotted(value.func)) == "torch.nn.Linear":
            probe = CallSite(value, write.site.span, write.site.unit, write.site.stmt, "", "", "")
            size = ctx.arg_value(probe, "out_features", 1)
            if size.known and isinstance(size.value, int):
                ctx.emit("output_size", size.value, write.site, new_head=True)
