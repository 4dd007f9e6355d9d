"""A preprocessor fitted in a script whose output feeds a model loaded from disk.

`clf = pickle.load(...)`, then `X = TfidfVectorizer(vocabulary=...).fit_transform([text])`
and `clf.predict(X)`: the loaded model learned on features from another fit (another
vocabulary, IDF weights or scaling statistics) than the one built here. One script is
enough to see it: no pretraining script is needed, the model's file stands for it.
"""

from __future__ import annotations

from ftlint.extract.checkpoints import loaded_role
from ftlint.extract.core import Interpreter
from ftlint.extract.index import CallSite, dotted
from ftlint.extract.registry import on_finish

# Methods of a fitted model that use features without refitting it (sklearn's fit starts
# over, so a refitted vectorizer before `loaded.fit` is a retrain, not a hazard).
USE_METHODS = frozenset({"predict", "predict_proba", "predict_log_proba", "decision_function",
                         "score", "partial_fit"})
_ROLES = ("text-encoder", "scaler")
_LOADERS = ("pickle.load", "joblib.load", "keras.models.load_model", "torch.load")


@on_finish
def refit_for_loaded_model(ctx: Interpreter) -> None:
    models = _loaded_models(ctx)
    if not models:
        return
    calls = {call.span: call for call in ctx.index.calls}
    for fact in [f for f in ctx.facts if f.kind == "fit" and f.attr("role") in _ROLES]:
        fit = calls.get(fact.span)
        if fit is None or fit.method not in ("fit", "fit_transform"):
            continue
        features = _features_of(ctx, fit)
        for use in ctx.index.calls:
            loaded = models.get((_scope(use), use.receiver))
            if use.method in USE_METHODS and loaded is not None and _scope(use) == _scope(fit) \
                    and use.span.line > fit.span.line and any(
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
            found[(_scope(call), call.target)] = call.span
    return found


def _scope(call: CallSite) -> tuple:
    """Names mean the same object only inside one function (or the module's top level)."""
    return call.unit, call.function


def _features_of(ctx: Interpreter, fit: CallSite) -> set[str]:
    """Names holding what the fitted preprocessor produced: the fit_transform result, and
    what its transform() gives later."""
    names = {fit.target} if fit.method == "fit_transform" and fit.target else set()
    for call in ctx.index.calls:
        if call.receiver == fit.receiver and call.method == "transform" and call.target and \
                call.span.line >= fit.span.line and _scope(call) == _scope(fit):
            names.add(call.target)
    return names
