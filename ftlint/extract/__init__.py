"""Extraction: a parsed file becomes facts. Framework knowledge lives only in this package."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ftlint.extract.custom import Knowledge
from ftlint.extract.evaluate import Evaluator, ImportResolver
from ftlint.extract.index import Index, build_index
from ftlint.facts import Fact, Span
from ftlint.source import SourceFile

TEXT_PIPELINE = {"tokenizer", "vectorizer", "stopwords", "stemming", "text_pipeline"}
TABULAR_PIPELINE = {"scaler", "imputation", "tabular_pipeline"}
IMAGE_PIPELINE = {"pretrained_backbone", "image_size", "color_mode", "normalization"}
# Functions whose name says they prepare text (`clean_text`, `preprocess`, `tokenize`).
TEXT_FUNCTION_NAME = re.compile(r"text|token|clean|prep|normali[sz]e|sentence|word|tweet|review"
                                r"|caption|lemma|stem", re.I)


@dataclass(slots=True)
class ModuleFacts:
    source: SourceFile
    index: Index
    facts: list[Fact] = field(default_factory=list)
    evaluator: Evaluator | None = None  # answers "what is NAME here" for importing modules
    errors: list[str] = field(default_factory=list)  # extractor failures, for the log


def extract(source: SourceFile, knowledge: Knowledge | None = None,
            part_cache: dict | None = None, imports: ImportResolver | None = None,
            modules: Callable[[str], ModuleFacts | None] | None = None) -> ModuleFacts:
    """Facts of a parsed file; knowledge: the user's declared functions, if any;
    part_cache: per-statement indexes kept between runs (see index.build_index);
    imports: values of names imported from other project files (`from config import LR`);
    modules: the extracted project module an import names, for the program model."""
    from ftlint.extract import registry
    from ftlint.extract.core import Interpreter

    registry.load_handlers()
    index = build_index(source.path, source.parts, part_cache)
    if modules is not None:
        _star_imported(index, modules)
        _reexported(index, modules)
    _package_star(index)
    interpreter = Interpreter(index, source.lines, knowledge, imports)
    facts = interpreter.run()
    try:
        from ftlint import model

        model.build(interpreter, modules)
    except Exception as exc:  # the facts stand without the model's conclusions; logged
        interpreter.errors.append(f"{source.path}: ftlint could not model this program "
                                  f"({type(exc).__name__}: {exc}); please report it")
    try:
        facts = _live(facts, index, interpreter.evaluator)
    except Exception as exc:  # keep every fact rather than lose the file; logged
        interpreter.errors.append(f"{source.path}: ftlint could not weigh this file's branch "
                                  f"conditions ({type(exc).__name__}: {exc}); please report it")
    facts = _in_context(facts)
    facts.extend(_problem_facts(source))
    facts.sort(key=lambda f: (f.span.line, f.span.column))
    return ModuleFacts(source, index, facts, interpreter.evaluator, interpreter.errors)


def _star_imported(index: Index, modules: Callable[[str], ModuleFacts | None]) -> None:
    """`from data_loader import *` of a project file binds here what Python binds: that
    file's public imports (`models` of torchvision) and top-level names, unless this file
    binds the name itself."""
    for module in index.star_imports:
        found = modules(module)
        if found is None:
            continue
        other = found.index
        for name, origin in other.aliases.items():
            if _bindable(index, name) and not origin.startswith("."):  # relative: to that file
                index.aliases[name] = origin
                index.alias_origins[name] |= other.alias_origins.get(name) or {origin}
                if name in other.imported_from:
                    index.imported_from[name] = other.imported_from[name]
        top = set(other.unit_kinds) | {name for name, assigned in other.assignments.items()
                                       if "." not in name and any(a.unit is None for a in assigned)}
        for name in top:
            if _bindable(index, name) and name not in other.aliases:
                index.aliases[name] = f"{module}.{name}"
                index.alias_origins[name].add(f"{module}.{name}")
                index.imported_from[name] = module


def _package_star(index: Index) -> None:
    """`from transformers import *`, the file's one star import of a framework: a name it
    calls and binds nowhere comes from there (`BertTokenizer.from_pretrained(...)`)."""
    from ftlint.extract.knowledge import KNOWN_PACKAGES

    stars = [m for m in index.star_imports if m.split(".")[0] in KNOWN_PACKAGES]
    if len(stars) != 1:
        return  # two frameworks: which one a name comes from is not known here (a project
        # module's star import was bound first, by _star_imported)
    for call in index.calls:
        head = call.name.split(".")[0]
        if head and head[0].isupper() and _bindable(index, head) and \
                not any(head in names for names in index.params.values()):
            index.aliases[head] = f"{stars[0]}.{head}"
            index.alias_origins[head].add(f"{stars[0]}.{head}")
            index.imported_from[head] = stars[0]


def _reexported(index: Index, modules: Callable[[str], ModuleFacts | None]) -> None:
    """`from byol_a.common import torch, np`: a framework a project module imports and
    passes on is that framework here (`torch.save(...)` is torch's save)."""
    from ftlint.extract.knowledge import KNOWN_PACKAGES

    for local, module in list(index.imported_from.items()):
        origin = index.aliases.get(local, "")
        if not module or not origin.startswith(module + ".") or \
                module.split(".")[0] in KNOWN_PACKAGES:
            continue
        found = modules(module)
        if found is None or found.index is None:
            continue
        name = origin[len(module) + 1:]
        theirs = found.index.aliases.get(name, "")
        if theirs.split(".")[0] in KNOWN_PACKAGES and name not in found.index.unit_kinds:
            index.aliases[local] = theirs
            index.alias_origins[local] = {theirs}


def _bindable(index: Index, name: str) -> bool:
    return not name.startswith("_") and name not in index.aliases and \
        name not in index.assignments and name not in index.unit_kinds


def _in_ranges(ranges) -> Callable[[int], bool]:
    """Whether a line is in any of the (first, last) line ranges: the ranges merged once,
    then a binary search per line (not a scan of every range for every fact)."""
    merged: list[list[int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    firsts = [first for first, _ in merged]

    def inside(line: int) -> bool:
        at = bisect.bisect_right(firsts, line) - 1
        return at >= 0 and line <= merged[at][1]
    return inside


def _live(facts: list[Fact], index: Index, evaluator: Evaluator) -> list[Fact]:
    """Drop facts in branches that cannot run: `if args.optimizer == "lars":` with the
    argparse default "adamw" keeps only the other branch."""
    dead = evaluator.branch_ranges()["dead"]
    if not dead:
        return facts
    kept = []
    inside = _in_ranges(dead)
    for fact in facts:
        if not inside(fact.span.line):
            kept.append(fact)
        elif fact.kind in ("load", "helper_load"):
            # `if args.pretrained != "":` is dead only until the option is given; project
            # mode still wants to know what the option would load
            kept.append(Fact("unset_load", fact.value, fact.span, fact.text,
                             {**fact.attrs, "optional": True, "was": fact.kind}, fact.unit,
                             fact.stmt, fact.origin_path))
    return kept


def _in_context(facts: list[Fact]) -> list[Fact]:
    """Keep incidental steps (`.lower()`, `.split()`, `np.clip`, `x / x.max()`) only next
    to a pipeline."""
    text_units = {f.unit for f in facts if f.kind in TEXT_PIPELINE and not f.attr("context")}
    text_units |= {f.value for f in facts if f.kind == "text_function"}
    # a function that both lowercases and splits (or filters) is text preprocessing
    kinds_by_unit: dict[str | None, set[str]] = {}
    for fact in facts:
        if fact.attr("context") == "contextual" and fact.unit is not None:
            kinds_by_unit.setdefault(fact.unit, set()).add(fact.kind)
    text_units |= {unit for unit, kinds in kinds_by_unit.items()
                   if len(kinds) >= 2 or TEXT_FUNCTION_NAME.search(unit)}
    tabular_units = {f.unit for f in facts if f.kind in TABULAR_PIPELINE}
    images = any(f.kind in IMAGE_PIPELINE and not f.attr("context") for f in facts)
    kept = []
    for fact in facts:
        context = fact.attr("context")
        if context == "contextual" and fact.unit not in text_units and not (
            fact.unit is None and text_units
        ):
            continue
        if context == "contextual-tabular" and not tabular_units:
            continue
        if context == "contextual-image" and not images:
            continue
        kept.append(fact)
    return kept


def _problem_facts(source: SourceFile) -> list[Fact]:
    """Syntax errors and unreadable files, as facts the FT9xx rules report."""
    facts = []
    for problem in source.problems:
        span = Span(source.path, problem.line, problem.column, problem.line, problem.column + 1)
        facts.append(Fact("problem", problem.kind, span, problem.message,
                          {"message": problem.message}, None, 0, source.path))
    return facts
