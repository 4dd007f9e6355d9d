"""Tabular pipelines: scalers (library or by hand), imputation, outlier clipping."""

from __future__ import annotations

import libcst as cst

from ftlint.extract.checkpoints import loaded_role
from ftlint.extract.core import Interpreter
from ftlint.extract.flow import built_from, nodes_under
from ftlint.extract.index import CallSite, Site, dotted, in_loop
from ftlint.extract.registry import on_call, on_division, on_method

SK = "sklearn.preprocessing."
SCALERS = {
    SK + "StandardScaler": "zscore", SK + "MinMaxScaler": "minmax", SK + "RobustScaler": "robust",
    SK + "MaxAbsScaler": "maxabs", SK + "Normalizer": "unit-norm",
    SK + "QuantileTransformer": "quantile", SK + "PowerTransformer": "power",
    SK + "scale": "zscore", SK + "minmax_scale": "minmax", SK + "robust_scale": "robust",
    SK + "maxabs_scale": "maxabs", "keras.layers.Normalization": "zscore",
}
IMPUTERS = {"sklearn.impute.SimpleImputer": "", "sklearn.impute.KNNImputer": "knn",
            "sklearn.impute.IterativeImputer": "iterative"}
FITTED_ROLES = {**{cls: "scaler" for cls in SCALERS}, **{cls: "imputer" for cls in IMPUTERS},
                "sklearn.feature_extraction.text.TfidfVectorizer": "text-encoder",
                "sklearn.feature_extraction.text.CountVectorizer": "text-encoder",
                "keras.preprocessing.text.Tokenizer": "text-encoder",
                "keras.layers.TextVectorization": "text-encoder"}


@on_call(*SCALERS)
def library_scaler(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("scaler", SCALERS[ctx.resolve(call.name)], call)


@on_call(*IMPUTERS)
def library_imputer(ctx: Interpreter, call: CallSite) -> None:
    kind = IMPUTERS[ctx.resolve(call.name)]
    if not kind:  # SimpleImputer(strategy="mean") by default (scikit-learn 1.5)
        strategy = ctx.arg_value(call, "strategy", 1, default="mean", has_default=True)
        if not strategy.known:
            return
        kind = strategy.value
    ctx.emit("imputation", kind, call)


@on_method("fit", "fit_transform", "partial_fit")
def preprocessor_fit(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    role = FITTED_ROLES.get(receiver_class)
    if role is None and receiver_class.startswith("sklearn.pipeline."):
        role = _pipeline_role(ctx, call)
    if role is None and receiver_class in ("joblib#load", "pickle#load"):
        # a fitted preprocessor loaded from disk, then fitted again
        loaded = loaded_role(call.receiver, _loaded_path(ctx, call))
        role = {"tabular": "scaler", "text": "text-encoder", "pipeline": "pipeline"}.get(loaded)
    if role is None and not receiver_class and call.receiver:
        role = _loaded_step_role(ctx, call)
    if role is not None:
        via = "vectorizer" if "Vectorizer" in receiver_class else "tokenizer" if (
            "Tokenizer" in receiver_class or "TextVectorization" in receiver_class) else None
        ctx.emit("fit", call.method, call, role=role, target=call.receiver, via=via,
                 per_iteration=in_loop(ctx.index, call.unit, call.span.line),
                 on_subset=_on_subset(ctx, call))


def _on_subset(ctx: Interpreter, call: CallSite) -> bool:
    """The fit reads some of the rows, not the whole table: one part of a split
    (`X_train, X_test, ... = train_test_split(X, y)`), a sample, rows picked by a mask or
    a query. Its statistics are those rows', so another script fitting the same file is not
    fitting the same data. Followed back through the names its input is built from."""
    node = ctx.arg(call, "X", 0)
    if node is None:
        return False
    splits = {c.span.line for c in ctx.index.calls
              if c.unit == call.unit and c.name.rsplit(".", 1)[-1].endswith("split")}
    return any(assignment is not None and assignment.line in splits
               or value is not None and _selects_rows(value)
               for assignment, value in built_from(ctx.index, call, node))


_ROW_PICKERS = frozenset({"sample", "query", "head", "tail", "nlargest", "nsmallest"})


def _selects_rows(node: cst.BaseExpression) -> bool:
    """`df.sample(n)`, `df.query(...)`, `df[df.company == 1]`, `df.loc[mask]`."""
    for found in nodes_under(node):
        if isinstance(found, cst.Call) and isinstance(found.func, cst.Attribute) and \
                found.func.attr.value in _ROW_PICKERS:
            return True
        if isinstance(found, cst.Subscript) and len(found.slice) >= 1 and isinstance(
                found.slice[0].slice, cst.Index) and isinstance(
                found.slice[0].slice.value, (cst.Comparison, cst.BooleanOperation)):
            return True
    return False


def _loaded_step_role(ctx: Interpreter, call: CallSite) -> str | None:
    """`vec = pipe.named_steps["tfidf"]` (or pipe["tfidf"]) of an unpickled pipeline: the
    step's name says what it is."""
    assigned = [a for a in ctx.index.assignments.get(call.receiver, ())
                if a.unit == call.unit and a.line <= call.span.line]
    node = assigned[-1].value if assigned else None
    if not isinstance(node, cst.Subscript) or len(node.slice) != 1 or not isinstance(
            node.slice[0].slice, cst.Index):
        return None
    key = ctx.value(node.slice[0].slice.value, call)
    root = dotted(node.value).split(".")[0]
    if not (key.known and isinstance(key.value, str)) or not root or ctx.class_of(
            root, call.unit, call.span.line) not in ("joblib#load", "pickle#load"):
        return None
    return {"tabular": "scaler", "text": "text-encoder"}.get(loaded_role(key.value, ""))


def _loaded_path(ctx: Interpreter, call: CallSite) -> str:
    """The file a variable was unpickled from, when known (`pipe = joblib.load("x.pkl")`)."""
    for fact in ctx.facts:
        if fact.kind == "load" and fact.value.known and any(
                a.line == fact.span.line for a in ctx.index.assignments.get(call.receiver, ())):
            return fact.value.value
    return ""


def _pipeline_role(ctx: Interpreter, call: CallSite) -> str | None:
    for assignment in reversed(ctx.index.assignments.get(call.receiver, ())):
        if isinstance(assignment.value, cst.Call):
            for other in ctx.index.calls:
                if other.outer is not None and other.outer.node is assignment.value:
                    role = FITTED_ROLES.get(ctx.resolve(other.name))
                    if role:
                        return role
            return None
    return None


@on_method("fillna")
def fillna(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    method = ctx.arg_value(call, "method")
    if method.known and method.value:
        ctx.emit("imputation", {"pad": "ffill", "backfill": "bfill"}.get(method.value, method.value),
                 call)
        return
    value = ctx.arg(call, "value", 0)
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute):
        statistic = value.func.attr.value
        if statistic in ("mean", "median", "mode"):
            ctx.emit("imputation", "most_frequent" if statistic == "mode" else statistic, call)
            return
    if value is not None:
        constant = ctx.value(value, call)
        if constant.known and isinstance(constant.value, (int, float, str)):
            ctx.emit("imputation", "constant", call)


@on_method("ffill", "bfill", "interpolate")
def fill_methods(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if not ctx.is_import(call.receiver) and not receiver_class:
        ctx.emit("imputation", call.method, call, context="contextual-tabular")


@on_method("dropna")
def dropna(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if not ctx.is_import(call.receiver):
        ctx.emit("imputation", "drop", call)


@on_call("numpy.clip", "tensorflow.clip_by_value", "torch.clamp", "torch.clip")
def numpy_clip(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("clipping", True, call, context="contextual-tabular")


@on_method("clip")
def method_clip(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if not ctx.is_import(call.receiver) and call.node.args:
        ctx.emit("clipping", True, call, context="contextual-tabular")


@on_call("scipy.stats.mstats.winsorize")
def winsorize(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("clipping", True, call)


@on_division
def handwritten_scaler(ctx: Interpreter, site: Site) -> None:
    """(x - x.mean()) / x.std() is a z-score; (x - x.min()) / (x.max() - x.min()) min-max."""
    node = site.node
    if not isinstance(node, cst.BinaryOperation):
        return
    numerator = node.left
    denominator = node.right
    if not (isinstance(numerator, cst.BinaryOperation)
            and isinstance(numerator.operator, cst.Subtract)):
        return
    subtracted = _statistic(numerator.right)
    if subtracted == "mean" and _statistic(denominator) == "std":
        ctx.emit("scaler", "zscore", site, via="by hand")
    elif subtracted == "min" and isinstance(denominator, cst.BinaryOperation) and (
        _statistic(denominator.left) == "max" and _statistic(denominator.right) == "min"
    ):
        ctx.emit("scaler", "minmax", site, via="by hand")


def _statistic(node: cst.BaseExpression) -> str:
    """'mean' for x.mean(), np.mean(x), x.mean(axis=0) and a name like `mean`/`mu`."""
    if isinstance(node, cst.Call):
        name = dotted(node.func)
        tail = name.rsplit(".", 1)[-1]
        if tail in ("mean", "std", "min", "max", "nanmean", "nanstd", "amin", "amax"):
            return tail.replace("nan", "").replace("amin", "min").replace("amax", "max")
    if isinstance(node, cst.Name):
        lowered = node.value.lower()
        for statistic in ("mean", "std", "min", "max"):
            if lowered in (statistic, f"x_{statistic}", f"{statistic}s", f"train_{statistic}"):
                return statistic
        if lowered in ("mu",):
            return "mean"
        if lowered in ("sigma", "stddev"):
            return "std"
    return ""
