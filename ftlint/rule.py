"""The rule API: what a rule declares, and the context its check receives.

A rule is a class with a code (FT + family digit + two digits), a kebab-case name, a
default severity, a one-line summary, an explanation, and valid/invalid examples.
PairRule compares the pretraining profile with the fine-tuning one; ScriptRule looks at
one script on its own. Rules read facts only: they know no framework.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ftlint.facts import Fact, Span
from ftlint.findings import Finding, Related


@dataclass(frozen=True, slots=True)
class Example:
    """Code a rule must (invalid) or must not (valid) report; pair-shaped or one script."""

    pretrain: str = ""
    finetune: str = ""
    script: str = ""
    note: str = ""
    # data files the scripts read, (relative path, content), written beside them; an
    # example with files runs with data checks on (--data)
    files: tuple[tuple[str, str], ...] = ()

    @property
    def is_pair(self) -> bool:
        return not self.script


def Pair(pretrain: str, finetune: str, note: str = "",  # noqa: N802
         files: dict[str, str] | None = None) -> Example:
    return Example(pretrain=pretrain, finetune=finetune, note=note,
                   files=tuple((files or {}).items()))


def Script(script: str, note: str = "") -> Example:  # noqa: N802
    return Example(script=script, note=note)


@dataclass(slots=True)
class Profile:
    """The facts of one script, or of one phase of a two-phase script."""

    path: str
    phase: str  # "pretrain" | "finetune" | "script"
    facts: list[Fact] = field(default_factory=list)

    def of(self, *kinds: str) -> list[Fact]:
        return [f for f in self.facts if f.kind in kinds]

    def has(self, *kinds: str) -> bool:
        return any(f.kind in kinds for f in self.facts)

    # -- questions answered by the program model (ftlint/model) ------------------------
    def retrains_from_scratch(self) -> bool:
        """Every training run here trains a model built here from scratch (a full retrain,
        not a continuation of the pretrained model)."""
        runs = self.of("fit_call")
        return bool(runs) and all(f.attr("trains") == "fresh" for f in runs) and not any(
            f.attr("what") in ("model", "weights") for f in self.of("load"))

    def data_sources(self) -> frozenset[str]:
        """The data it reads, where named: data files by their known path, a library's
        datasets by their loader (empty when it reads none ftlint can name)."""
        paths = {f.value.value for f in self.of("data_read")
                 if f.value.known and isinstance(f.value.value, str)}
        return frozenset(paths | {f.value for f in self.of("builtin_dataset")})

    def reaching(self, kind: str) -> list[Fact]:
        """Facts of a kind that reach the model (not a value only plotted or printed)."""
        return [f for f in self.of(kind) if f.attr("reaches_model") is not False
                and f.attr("composed_into") is None]  # scaled again later: that one reaches

    @property
    def calls_unread_code(self) -> bool:
        """It calls code ftlint cannot read, which may do what the facts do not show."""
        return self.has("opaque_call")


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str]
    summary: ClassVar[str]
    explanation: ClassVar[str]
    options: ClassVar[dict[str, Any]] = {}
    fixable: ClassVar[str] = ""  # "safe" | "unsafe": some findings carry a Fix of that kind
    valid: ClassVar[list[Example]] = []
    invalid: ClassVar[list[Example]] = []
    scope: ClassVar[str] = "pair"
    # codes whose finding on the same line says it better (a pair rule that compares both
    # scripts where this one sees a single script): then this one is not reported
    superseded_by: ClassVar[tuple[str, ...]] = ()


class PairRule(Rule):
    scope = "pair"

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        raise NotImplementedError


class ScriptRule(Rule):
    scope = "script"

    def check(self, ctx: ScriptContext) -> Iterable[Finding]:
        raise NotImplementedError


class _Context:
    def __init__(self, rule: Rule, options: dict[str, Any]) -> None:
        self.rule = rule
        self._options = options

    def option(self, name: str) -> Any:
        return self._options.get(name, self.rule.options[name])

    def finding(self, at: Fact | Span, message: str,
                related: Iterable[tuple[Fact | Span, str]] = ()) -> Finding:
        span = at.span if isinstance(at, Fact) else at
        return Finding(
            self.rule.code, self.rule.name, self.rule.severity, message, span,
            [Related(r.span if isinstance(r, Fact) else r, text) for r, text in related],
        )


class PairContext(_Context):
    def __init__(self, rule: Rule, options: dict[str, Any], pretrain: Profile,
                 finetune: Profile) -> None:
        super().__init__(rule, options)
        self.pretrain = pretrain
        self.finetune = finetune

    def sides(self) -> Iterator[tuple[Profile, Profile]]:
        """(this side, other side) both ways, for rules about a step present in one only."""
        yield self.pretrain, self.finetune
        yield self.finetune, self.pretrain


class ScriptContext(_Context):
    def __init__(self, rule: Rule, options: dict[str, Any], script: Profile) -> None:
        super().__init__(rule, options)
        self.script = script


def phase_name(profile: Profile) -> str:
    return {"pretrain": "pretraining", "finetune": "fine-tuning"}.get(profile.phase, "this script")


# -- helpers shared by rules (framework-free comparisons of facts) ------------------------
def first(facts: list[Fact]) -> Fact | None:
    return facts[0] if facts else None


def refits_for_loaded_model(ctx: ScriptContext, role: str, what: str,
                            learned: str) -> Iterator[Finding]:
    """Findings for preprocessors of one role fitted where a model loaded from disk uses
    their features (the `refit_for_loaded_model` facts)."""
    for fact in ctx.script.of("refit_for_loaded_model"):
        if fact.attr("role") == role:
            model = fact.attr("model")
            yield ctx.finding(fact, f"this {what} is fitted here, but {model} was loaded from "
                              f"disk: it learned on {learned}", [
                                  (fact.attr("loaded_at"), f"{model} is loaded here"),
                                  (fact.attr("used_at"), "and uses this fit's features here")])


def one_side_only(ctx: PairContext, kind: str, pipeline: tuple[str, ...], what: str,
                  ) -> Iterator[Finding]:
    """A step of a pipeline that one script applies and the other, with that pipeline, does not.

    Reported in the fine-tuning script: at the step when fine-tuning adds it, at its
    pipeline when fine-tuning lacks it. Silent when the lacking side calls code ftlint
    cannot read (the step may be in there).
    """
    for this, other in ctx.sides():
        steps = this.reaching(kind)
        if other.has(kind + "_restored") or other.calls_unread_code:
            continue
        if other.has("text_pipeline", "tabular_pipeline"):
            # the other side loads the fitted preprocessor, with these settings inside it
            steps = [s for s in steps if not s.attr("via")]
        # a setting of a vectorizer the other script does not use belongs to another pipeline
        # (a TF-IDF baseline next to a transformer)
        steps = [s for s in steps if not s.attr("via") or other.has(s.attr("via"))]
        steps = [s for s in steps if not _saved_after(s, carried_data(this, other))]
        if not steps or other.reaching(kind):
            continue
        anchor = first(other.of(*pipeline))
        if anchor is None or not this.has(*pipeline):
            continue
        step = steps[0]
        if this is ctx.finetune:
            yield ctx.finding(step, f"fine-tuning {what} ({step.text}); pretraining does not",
                              [(anchor, "pretraining pipeline without it")])
        else:
            yield ctx.finding(anchor, f"pretraining {what} ({step.text}); fine-tuning does not",
                              [(step, f"pretraining {what} here")])


def values_of(profile: Profile, kind: str) -> dict[Any, Fact]:
    """Known values of a fact kind, each with the first fact that has it."""
    seen: dict[Any, Fact] = {}
    for fact in profile.of(kind):
        if fact.value is not None:
            seen.setdefault(fact.value, fact)
    return seen


def no_shared_value(ctx: PairContext, before: dict[Any, Fact], after: dict[Any, Fact],
                    message: Callable[[Any, Any], str], related: str = "pretraining",
                    ) -> Iterator[Finding]:
    """Both scripts set values (value -> first fact) and share none: one finding at the
    fine-tuning value, pointing at the pretraining one. message(new, old) says what differs."""
    if before and after and before.keys().isdisjoint(after.keys()):
        (value, fact), (old_value, old) = next(iter(after.items())), next(iter(before.items()))
        yield ctx.finding(fact, message(value, old_value), [(old, f"{related}: {old.text}")])


def data_file(fact: Fact) -> str | None:
    """The file a data_read / data_save fact names, against its script's folder."""
    if not (fact.value.known and isinstance(fact.value.value, str)):
        return None
    folder = os.path.dirname(os.path.abspath(fact.span.path))
    return os.path.normpath(os.path.join(folder, fact.value.value))


def carried_data(this: Profile, other: Profile) -> list[Fact]:
    """This side's data saves from which the other side reads all of its (non-label)
    training data: what this side did to that data before saving it travels with the file."""
    saves = {path: f for f in this.of("data_save") if (path := data_file(f)) is not None}
    reads = [f for f in other.of("data_read")
             if f.attr("role") == "train" and f.attr("label") is None]
    if not reads or any(data_file(r) not in saves for r in reads):
        return []
    return [saves[data_file(r)] for r in reads]


def _saved_after(step: Fact, saves: list[Fact]) -> bool:
    return any(step.span.path == save.span.path and step.span.line < save.span.line
               for save in saves)
