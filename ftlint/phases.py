"""Where one file stops pretraining and starts fine-tuning.

In order of trust: an explicit `# ftlint: phase=finetune` marker; a fine-tuning heading
comment after a pretraining one (or with training on both sides); training that starts
again after a first fit (the Keras transfer-learning shape: fit, unfreeze, compile, fit).
"""

from __future__ import annotations

import re

from ftlint.extract import ModuleFacts

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
    for i in range(count):
        here = [f for f in module.facts if f.unit is None and f.stmt == i]
        if trained is not None and _rebinds(module, trained, i):
            trained = None  # `model = keras.Model(...)`: a new model, not a second phase
        restart = trained is not None and any(
            (f.kind == "trainable" and f.value is True)
            or (f.kind == "compile" and f.attr("target") == trained)
            or (f.kind == "optimizer" and f.attr("compiled_into") in (None, trained))
            or f.kind == "load"
            for f in here)
        if restart:
            later = set().union(*(kinds.get(j, set()) for j in range(i, count)))
            if "fit_call" in later or "optimizer" in later:
                return i
        fits = [f for f in here if f.kind == "fit_call"]
        if fits:
            trained = fits[-1].attr("target")
    return None


def _rebinds(module: ModuleFacts, name: str, stmt: int) -> bool:
    return any(a.unit is None and a.stmt == stmt
               for a in module.index.assignments.get(name, ()))
