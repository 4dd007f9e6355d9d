"""A preprocessor fitted in a script whose output feeds a model loaded from disk.

`clf = pickle.load(...)`, then `X = TfidfVectorizer(vocabulary=...).fit_transform([text])`
and `clf.predict(X)`: the loaded model learned on features from another fit (another
vocabulary, IDF weights or scaling statistics) than the one built here. One script is
enough to see it: no pretraining script is needed, the model's file stands for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from ftlint.extract.checkpoints import loaded_role
from ftlint.extract.core import Interpreter
from ftlint.extract.index import CallSite, dotted
from ftlint.extract.tabular import FITTED_ROLES

if TYPE_CHECKING:
    from ftlint.model.machine import Machine

# Methods of a fitted model that use features without refitting it (sklearn's fit starts
# over, so a refitted vectorizer before `loaded.fit` is a retrain, not a hazard).
USE_METHODS = frozenset({"predict", "predict_proba", "predict_log_proba", "decision_function",
                         "score", "partial_fit"})
# A network loaded from disk keeps learning from its weights: its fit continues them
# (Keras's load_model / load_weights), where scikit-learn's fit starts over
CONTINUE_METHODS = frozenset({"fit", "fit_generator", "train_on_batch"})
_CONTINUING_LOADERS = ("keras.models.load_model",)
_WEIGHT_LOADS = frozenset({"load_weights"})
_ROLES = ("text-encoder", "scaler")
# Fits that learn a vocabulary or statistics, and the methods that then give features
# (scikit-learn's fit/transform; Keras's Tokenizer.fit_on_texts/texts_to_sequences)
_FITS = frozenset({"fit", "fit_transform", "fit_on_texts"})
_TRANSFORMS = frozenset({"transform", "texts_to_sequences", "texts_to_matrix"})
# A model trained here on the fit's features before it is loaded back is this fit's own
_TRAINS = frozenset({"fit", "fit_generator", "train_on_batch", "partial_fit"})
_MODEL_KINDS = ("network", "other")  # a loaded network, or an unpickled fitted model
_LOADERS = ("pickle.load", "joblib.load", "keras.models.load_model", "torch.load")


def refit_for_loaded_model(ctx: Interpreter, machine: Machine | None = None) -> None:
    """Run by the program model once it has run the file (machine: what each call's
    receiver held, so a model loaded in one function and used in another is known)."""
    models = _loaded_models(ctx)
    if machine is not None:
        models.update(_passed_models(ctx, machine, models))
    if not models:
        return
    for fit, role in _fits(ctx, machine):
        features = _features_of(ctx, fit)
        trained = [c.span.line for c in ctx.index.calls if c.method in _TRAINS
                   and _scope(c) == _scope(fit) and any(
                       _reads(a.value, features, fit) for a in c.node.args if a.keyword is None)]
        for use in ctx.index.calls:
            found = models.get((_scope(use), use.receiver))
            if found is None:
                continue
            loaded, continues, order = found
            used = use.method in USE_METHODS or (continues and use.method in CONTINUE_METHODS)
            if used and _scope(use) == _scope(fit) \
                    and use.span.line > max(fit.span.line, order) \
                    and not any(line < order for line in trained) and any(
                        _reads(a.value, features, fit) for a in use.node.args
                        if a.keyword is None):
                ctx.emit("refit_for_loaded_model", role, fit, role=role,
                         model=use.receiver, loaded_at=loaded, used_at=use.span)
                break


def _fits(ctx: Interpreter, machine: Machine | None) -> list[tuple[CallSite, str]]:
    """Fits of a vectorizer or scaler: those the extractors saw, and those whose receiver
    only the machine knows (a scaler built in one function and fitted in another)."""
    calls = {call.span: call for call in ctx.index.calls}
    found = {}
    for fact in ctx.facts:
        fit = calls.get(fact.span) if fact.kind == "fit" else None
        if fit is not None and fit.method in _FITS and fact.attr("role") in _ROLES:
            found[fit.span] = (fit, fact.attr("role"))
    for call in ctx.index.calls if machine is not None else ():
        if call.method not in _FITS or call.span in found:
            continue
        objects = [obj for run in machine.receivers.get(call.span, ()) for obj in run or ()]
        roles = {FITTED_ROLES.get(obj.cls) for obj in objects}
        if objects and len(roles) == 1 and next(iter(roles)) in _ROLES and \
                all(obj.kind == "estimator" and obj.span.path == call.span.path
                    for obj in objects):  # built in this file, so fitted fresh here
            found[call.span] = (call, next(iter(roles)))
    return list(found.values())


def _loaded_models(ctx: Interpreter) -> dict:
    """Names bound to an object loaded from disk that is not itself a preprocessor."""
    paths = {f.span: f.value for f in ctx.facts if f.kind == "load"}
    preprocessors = {f.attr("target") for f in ctx.facts
                     if f.kind in ("text_pipeline", "tabular_pipeline")}
    found = {}
    for call in ctx.index.calls:
        if ctx.resolve(call.name) not in _LOADERS or not call.target or \
                call.target in preprocessors:
            continue
        path = paths.get(call.span)
        known = path.value if path is not None and path.known and isinstance(
            path.value, str) else ""
        if not loaded_role(call.target, known):  # not a vectorizer, scaler or pipeline
            found[(_scope(call), call.target)] = (
                call.span, ctx.resolve(call.name) in _CONTINUING_LOADERS, call.span.line)
    for call in ctx.index.calls:  # `model = build_lstm(...)` then model.load_weights(path)
        if call.method in _WEIGHT_LOADS and call.receiver and \
                (_scope(call), call.receiver) not in found:
            found[(_scope(call), call.receiver)] = (call.span, True, call.span.line)
    return found


def _passed_models(ctx: Interpreter, machine: Machine, known: dict) -> dict:
    """Receivers that hold a loaded model only through the program's calls: a parameter
    (`train_model(model, ...)` called with what `load_model()` returned), a returned tuple.
    The load ran before the function did, so its order line is 0."""
    found = {}
    for call in ctx.index.calls:
        key = (_scope(call), call.receiver)
        if not call.receiver or key in known or key in found or \
                call.method not in USE_METHODS | CONTINUE_METHODS:
            continue
        runs = machine.receivers.get(call.span, ())
        objects = [obj for run in runs for obj in run or ()]
        if not runs or any(not run for run in runs) or not objects:
            continue
        if all(obj.weights == "loaded" and not obj.escaped and obj.kind in _MODEL_KINDS
               and not loaded_role(obj.name, "") for obj in objects):
            found[key] = (objects[0].span, all(obj.kind == "network" for obj in objects), 0)
    return found


def _scope(call: CallSite) -> tuple:
    """Names mean the same object only inside one function (or the module's top level)."""
    return call.unit, call.function


def _features_of(ctx: Interpreter, fit: CallSite) -> set[str]:
    """Names holding what the fitted preprocessor produced: the fit_transform result, what
    its transforms give until the name is bound to another object, and what is computed
    from those (`x = pad_sequences(seq, maxlen=80)`)."""
    names = {fit.target} if fit.method == "fit_transform" and fit.target else set()
    # `scaler = MinMaxScaler().fit(frame)`: the fitted object is the name the fit returns to
    holder = fit.receiver or (fit.target if fit.method == "fit" else "")
    rebound = min((a.line for a in ctx.index.assignments.get(holder, ())
                   if a.line > fit.span.line and (a.unit, a.function) == _scope(fit)),
                  default=None)
    later = sorted((c for c in ctx.index.calls if _scope(c) == _scope(fit)
                    and c.span.line >= fit.span.line), key=lambda c: c.span.line)
    for call in later:
        if holder and call.receiver == holder and call.method in _TRANSFORMS and (
                rebound is None or call.span.line < rebound):
            names.add(_assigned(call))
        elif names and any(_base(a.value) in names for a in call.node.args):
            # `X.append(scaled[i:i + n])` builds X from the features, as `np.asarray(X)` does
            names.add(call.receiver if call.method == "append" else _assigned(call))
    return names - {""}


def _reads(node: cst.BaseExpression, features: set[str], fit: CallSite) -> bool:
    """An argument holding the fit's features: a name bound to them, or the transform
    written in place (`model.partial_fit(scaler.transform(X), y)`)."""
    if dotted(node) in features:
        return True
    holder = fit.receiver or (fit.target if fit.method == "fit" else "")
    return bool(holder) and isinstance(node, cst.Call) and isinstance(
        node.func, cst.Attribute) and node.func.attr.value in _TRANSFORMS and dotted(
        node.func.value) == holder


def _base(node) -> str:
    """The name an argument reads: `scaled` of `scaled[i:i + n]`."""
    while isinstance(node, cst.Subscript):
        node = node.value
    return dotted(node)


def _assigned(call: CallSite) -> str:
    """The name a call's result is bound to, directly or as the argument of a call that is
    (`x = pad_sequences(tok.texts_to_sequences(texts))` binds x)."""
    while not call.target and call.outer is not None:
        call = call.outer
    return call.target
