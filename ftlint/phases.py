"""Where one file stops pretraining and starts fine-tuning.

In order of trust: an explicit `# ftlint: phase=finetune` marker; a fine-tuning heading
comment after a pretraining one (or with training on both sides); training that starts
again after a first fit (the Keras transfer-learning shape: fit, unfreeze, compile, fit).
"""

from __future__ import annotations

import re

from ftlint.extract import ModuleFacts
from ftlint.paths import same_place

MARKER = re.compile(r"#\s*ftlint:\s*phase\s*=\s*(pretrain|finetune)", re.I)
FINETUNE_HEADING = re.compile(
    r"fine[-_ ]?tun|transfer learning|\b(phase|stage|step)\s*2\b|second stage|unfreez", re.I
)
# "pretrained" (as in "load the pretrained model") names no phase; "pretraining" does.
PRETRAIN_HEADING = re.compile(
    r"original\s+(model\s+)?train|pre[-_ ]?train(?!ed)|initial(ly)?\s+train|"
    r"\b(phase|stage|step)\s*1\b|first stage|train(ing)?\s+(the\s+)?(top|head|classifier)|"
    r"feature extraction",
    re.I,
)
TRAINING_KINDS = {"optimizer", "compile", "fit_call"}


def split_point(module: ModuleFacts) -> int | None:
    """Index of the first fine-tuning top-level statement, or None for one phase."""
    comments = module.index.statement_comments
    for i, lines in enumerate(comments):
        for line in lines:
            match = MARKER.search(line)
            if match and match.group(1).lower() == "finetune":
                return i
    marker_line = _marker_line(module)
    if marker_line:
        for i, (first, _last) in enumerate(module.index.statement_lines):
            if first >= marker_line:
                return i
    heading, restart = _heading_split(module), _restart_split(module)
    if heading is not None and _starts_fresh(module, heading):
        heading = None  # the section loads a hub checkpoint anew: a sibling, not a continuation
    if heading is not None and restart is not None and restart > heading and any(
        f.kind == "fit_call" and f.unit is None and heading <= f.stmt < restart
        for f in module.facts
    ):
        # the "fine-tuning" section itself trains a head first, then unfreezes (a tutorial
        # whose heading introduces the whole example): training restarts there
        return restart
    return heading if heading is not None else restart


def _marker_line(module: ModuleFacts) -> int | None:
    for number, line in enumerate(module.source.lines, 1):
        match = MARKER.search(line)
        if match and match.group(1).lower() == "finetune":
            return number
    return None


def _top_level_kinds(module: ModuleFacts) -> dict[int, set[str]]:
    kinds: dict[int, set[str]] = {}
    for fact in module.facts:
        if fact.unit is None:
            kinds.setdefault(fact.stmt, set()).add(fact.kind)
    return kinds


def _heading_split(module: ModuleFacts) -> int | None:
    comments = module.index.statement_comments
    pretrain_seen = False
    kinds = _top_level_kinds(module)
    for i, lines in enumerate(comments):
        text = " ".join(lines)
        if i > 0 and FINETUNE_HEADING.search(text):
            before = any(TRAINING_KINDS & kinds.get(j, set()) for j in range(i))
            after = any(TRAINING_KINDS & kinds.get(j, set()) for j in range(i, len(comments)))
            if pretrain_seen or (before and after):
                return i
        if PRETRAIN_HEADING.search(text):
            pretrain_seen = True
    return None


def _restart_split(module: ModuleFacts) -> int | None:
    """Training the same model again after a first fit: unfreeze, recompile, new optimizer."""
    kinds = _top_level_kinds(module)
    count = len(module.index.statement_lines)
    trained: str | None = None  # the model fitted last, while it stays bound to one object
    saved: list[str] = []  # checkpoint paths written so far
    by_statement = _by_statement(module)
    for i in range(count):
        here = by_statement.get(i, [])
        reload = any(f.kind == "load" and _reloads(f, saved) for f in here)
        if trained is not None and not reload and (_rebinds(module, trained, i) or any(
                _fresh_start(f, saved) for f in here)):
            # `model = keras.Model(...)`, or the hub checkpoint loaded again for another task:
            # a new model, not a second phase of the first one
            trained = None
        restart = trained is not None and any(
            (f.kind == "trainable" and f.value is True)
            or (f.kind == "compile" and f.attr("target") == trained)
            or (f.kind == "optimizer" and f.attr("compiled_into") in (None, trained)
                and not f.attr("standalone"))
            or (f.kind == "load" and _reloads(f, saved))
            for f in here)
        if restart:
            later = set().union(*(kinds.get(j, set()) for j in range(i, count)))
            if "fit_call" in later or "optimizer" in later:
                return i
        fits = [f for f in here if f.kind == "fit_call"]
        if fits:
            trained = fits[-1].attr("target")
        saved += [f.value.value for f in here if f.kind == "save" and f.value.known]
    return None


def _reloads(load, saved: list[str]) -> bool:
    """A load of what this file saved (or of a path ftlint cannot read): a reload."""
    return not load.value.known or any(same_place(path, load.value.value) for path in saved)


def _fresh_start(fact, saved: list[str]) -> bool:
    return (fact.kind == "load" and fact.attr("what") == "model" and not fact.attr("local")
            and not _reloads(fact, saved))


def _starts_fresh(module: ModuleFacts, start: int) -> bool:
    """The section from `start` loads a hub model before it trains anything."""
    saved = [f.value.value for f in module.facts
             if f.kind == "save" and f.value.known and f.unit is None and f.stmt < start]
    for fact in sorted((f for f in module.facts if f.unit is None and f.stmt >= start),
                       key=lambda f: f.stmt):
        if fact.kind in ("fit_call", "compile"):
            return False
        if _fresh_start(fact, saved):
            return True
    return False


def finetune_end(module: ModuleFacts, split: int) -> int:
    """Where the fine-tuning phase stops: before another model is trained (a tutorial's next,
    unrelated experiment); the end of the file otherwise."""
    count = len(module.index.statement_lines)
    tuned: str | None = None
    tuned_at = split
    by_statement = _by_statement(module)
    for i in range(split, count):
        here = by_statement.get(i, [])
        others = {f.attr("target") for f in here if f.kind in ("compile", "fit_call")} - {"", None}
        if tuned is not None and others - {tuned}:
            # stop where that other model is built, when it is built after the fine-tuning fit
            built = [a.stmt for name in others - {tuned}
                     for a in module.index.assignments.get(name, ())
                     if a.unit is None and tuned_at < a.stmt <= i]
            return min(built, default=i)
        fits = [f for f in here if f.kind == "fit_call"]
        if fits and tuned is None:
            tuned, tuned_at = fits[0].attr("target"), i
    return count


def _by_statement(module: ModuleFacts) -> dict[int, list]:
    """Module-level facts by top-level statement, in their order (one pass, not one per
    statement: a long script's statements times its facts)."""
    found: dict[int, list] = {}
    for fact in module.facts:
        if fact.unit is None:
            found.setdefault(fact.stmt, []).append(fact)
    return found


def _rebinds(module: ModuleFacts, name: str, stmt: int) -> bool:
    return any(a.unit is None and a.stmt == stmt
               for a in module.index.assignments.get(name, ()))
