"""A preprocessor fitted in a script whose output feeds a model loaded from disk.

`clf = pickle.load(...)`, then `X = TfidfVectorizer(vocabulary=...).fit_transform([text])`
and `clf.predict(X)`: the loaded model learned on features from another fit (another
vocabulary, IDF weights or scaling statistics) than the one built here. One script is
enough to see it: no pretraining script is needed, the model's file stands for it.
"""

from __future__ import annotations

import libcst as cst

from ftlint.extract.checkpoints import loaded_role
from ftlint.extract.core import Interpreter
from ftlint.extract.index import CallSite, dotted
from ftlint.extract.registry import on_finish

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
_LOADERS = ("pickle.load", "joblib.load", "keras.models.load_model", "torch.load")


@on_finish
def refit_for_loaded_model(ctx: Interpreter) -> None:
    models = _loaded_models(ctx)
    if not models:
        return
    calls = {call.span: call for call in ctx.index.calls}
    for fact in [f for f in ctx.facts if f.kind == "fit" and f.attr("role") in _ROLES]:
        fit = calls.get(fact.span)
        if fit is None or fit.method not in _FITS:
            continue
        features = _features_of(ctx, fit)
        trained = [c.span.line for c in ctx.index.calls if c.method in _TRAINS
                   and _scope(c) == _scope(fit) and any(
                       dotted(a.value) in features for a in c.node.args if a.keyword is None)]
        for use in ctx.index.calls:
            found = models.get((_scope(use), use.receiver))
            if found is None:
                continue
            loaded, continues = found
            used = use.method in USE_METHODS or (continues and use.method in CONTINUE_METHODS)
            if used and _scope(use) == _scope(fit) \
                    and use.span.line > max(fit.span.line, loaded.line) \
                    and not any(line < loaded.line for line in trained) and any(
                        dotted(a.value) in features for a in use.node.args if a.keyword is None):
                ctx.emit("refit_for_loaded_model", fact.attr("role"), fit, role=fact.attr("role"),
                         model=use.receiver, loaded_at=loaded, used_at=use.span)
                break


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
                call.span, ctx.resolve(call.name) in _CONTINUING_LOADERS)
    for call in ctx.index.calls:  # `model = build_lstm(...)` then model.load_weights(path)
        if call.method in _WEIGHT_LOADS and call.receiver and \
                (_scope(call), call.receiver) not in found:
            found[(_scope(call), call.receiver)] = (call.span, True)
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
